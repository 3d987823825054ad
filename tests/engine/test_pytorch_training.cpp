// The exported PyTorch script trains on as the app does: run by Debian's PyTorch (a test oracle,
// tests/common/oracle.h), each of its step losses equals the engine's Trainer's to 1e-4 relative
// for an MLP with Adam and a warm-up + StepLR schedule, an SGD (momentum, Nesterov) net with L2,
// clipping and max-norm, and LeNet-5 on a subset of the bundled MNIST digits (read from the IDX
// files by path); continued from a saved training state (optimizer buffers, schedule, epoch in
// progress) its next steps are the engine's next steps; the LeCun 1989 features (ScaledTanh,
// per-layer lr_scale after clipping, MSE on +-1 targets), the autoencoder's reconstruct target and
// an image-folder data set step like the engine too; and two processes with gloo (env://
// variables) run it to completion and write the outputs.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/init/init_spec.h"
#include "engine/io/project.h"
#include "engine/io/pytorch_export.h"
#include "engine/lessons/lesson_reader.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"
#include "engine/train/trainer.h"
#include "tests/common/oracle.h"

using namespace bp;

namespace {

Project example(const char* name) {
  return read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/" + name);
}

// A project of a bundled lesson, as the lesson opens it.
Project lesson_project(const char* lesson, const char* id) {
  const std::string root = std::string(BP_SOURCE_DIR) + "/resources/";
  return read_lesson(root + "lessons/" + lesson, root + "examples").project(id);
}

// The engine's losses of `steps` steps from the project's weights (and state, when it has one).
std::vector<double> engine_losses(const Project& p, int steps) {
  CpuBackend backend;
  Model model(p.network, backend, p.training.seed);
  model.params().from_host(backend, p.weights);
  const DatasetSplits data = load_dataset(p.dataset);
  Trainer trainer(model, data, p.training);
  if (p.training_state) trainer.load_state(*p.training_state);
  std::vector<double> losses;
  for (int k = 0; k < steps; ++k) losses.push_back(trainer.step().loss);
  return losses;
}

// The project with its seed's initial weights (what the app trains from).
Project with_initial_weights(Project p) {
  CpuBackend backend;
  Model model(p.network, backend, p.training.seed);
  p.weights = model.params().to_host(backend);
  p.training_state.reset();
  return p;
}

// The project after `steps` engine steps, with its weights and training state (a checkpoint).
Project trained(Project p, int steps) {
  p = with_initial_weights(p);
  CpuBackend backend;
  Model model(p.network, backend, p.training.seed);
  model.params().from_host(backend, p.weights);
  const DatasetSplits data = load_dataset(p.dataset);
  Trainer trainer(model, data, p.training);
  for (int k = 0; k < steps; ++k) trainer.step();
  p.weights = model.params().to_host(backend);
  p.training_state = trainer.state();
  return p;
}

struct PyRun {
  int exit_code = -1;
  QString out, err;
};

PyRun run_python(const QStringList& args) {
  QProcess py;
  QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
  e.insert("OMP_NUM_THREADS", "1");
  py.setProcessEnvironment(e);
  py.start("/usr/bin/python3", args);
  PyRun r;
  if (!py.waitForFinished(180000)) {
    py.kill();
    py.waitForFinished();
    r.err = "timed out";
    return r;
  }
  r.exit_code = py.exitStatus() == QProcess::NormalExit ? py.exitCode() : -1;
  r.out = QString::fromUtf8(py.readAllStandardOutput());
  r.err = QString::fromUtf8(py.readAllStandardError());
  return r;
}

// "step k loss X" lines of the script's output.
std::vector<double> step_losses(const QString& out) {
  std::vector<double> losses;
  static const QRegularExpression line("^step (\\d+) loss (\\S+)$",
                                       QRegularExpression::MultilineOption);
  auto it = line.globalMatch(out);
  while (it.hasNext()) losses.push_back(it.next().captured(2).toDouble());
  return losses;
}

struct StepCase {
  QString label;
  Project project;
  int steps = 1;
};

// Runs the exported scripts of a jobs file (label, script, project, steps (0: to the end), out
// folder: one job a line, tab-separated) one after the other in one process, so torch is imported
// once.
const char* kDriver = R"PY(import runpy, sys, traceback
for line in open(sys.argv[1]):
    label, script, project, steps, out = line.rstrip("\n").split("\t")
    print("=== " + label, flush=True)
    sys.argv = [script, project] + (["--steps", steps] if steps != "0" else []) + ["--out", out]
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            print("FAILED: exit", e.code, flush=True)
    except Exception:
        print("FAILED:", traceback.format_exc(), flush=True)
print("=== end", flush=True)
)PY";

// A TCP port nothing listens on now (the kernel's choice for port 0), or -1.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool torch_available() {
  static const bool ok = bp::test::python_imports({"torch"});
  return ok;
}

}  // namespace

class TestPytorchTraining : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  // Exports each case's project and runs the scripts in one PyTorch process (`steps` steps, or
  // to the end for 0); `output` gets what they print, each after a "=== label" line.
  void run_cases(const std::vector<StepCase>& cases, QString& output) {
    BP_REQUIRE_ORACLE(torch_available(), "PyTorch for /usr/bin/python3", "python3-torch");
    QString jobs;
    for (const StepCase& c : cases) {
      const QString project = tmp_.filePath(c.label + ".json");
      const QString script = tmp_.filePath(c.label + ".py");
      write_project(c.project, project.toStdString());
      QFile f(script);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray::fromStdString(export_pytorch(c.project)));
      f.close();
      jobs += QStringList{c.label, script, project, QString::number(c.steps),
                          tmp_.filePath(c.label + "-out")}
                  .join('\t') +
              "\n";
    }
    const QString jobs_file = tmp_.filePath("jobs.tsv"), driver = tmp_.filePath("driver.py");
    for (const auto& [path, text] :
         {std::pair{jobs_file, jobs}, std::pair{driver, QString(kDriver)}}) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text.toUtf8());
    }
    const PyRun r = run_python({driver, jobs_file});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    for (const StepCase& c : cases) {
      const qsizetype from = r.out.indexOf("=== " + c.label + "\n");
      QVERIFY2(from >= 0, qPrintable(c.label + ": no output\n" + r.out + r.err));
      const QString out = r.out.mid(from, r.out.indexOf("=== ", from + 4) - from);
      QVERIFY2(!out.contains("FAILED"), qPrintable(c.label + ": " + out + r.err));
    }
    output = r.out;
  }

  // Runs the cases' scripts and compares every step's loss with the engine's, each to 1e-4
  // relative.
  void compare_cases(const std::vector<StepCase>& cases) {
    QString output;
    run_cases(cases, output);
    if (QTest::currentTestFailed() || output.isEmpty()) return;
    for (const StepCase& c : cases) {
      const qsizetype from = output.indexOf("=== " + c.label + "\n");
      const QString out = output.mid(from, output.indexOf("=== ", from + 4) - from);
      const std::vector<double> expected = engine_losses(c.project, c.steps);
      const std::vector<double> got = step_losses(out);
      QVERIFY2(got.size() == expected.size(), qPrintable(c.label + ": " + out));
      double worst = 0.0;
      for (size_t k = 0; k < got.size(); ++k) {
        const double rel =
            std::fabs(got[k] - expected[k]) / std::max(1e-12, std::fabs(expected[k]));
        worst = std::max(worst, rel);
        QVERIFY2(rel <= 1e-4, qPrintable(QString("%1: step %2: PyTorch loss %3, engine %4 (rel %5)")
                                             .arg(c.label)
                                             .arg(k + 1)
                                             .arg(got[k], 0, 'g', 9)
                                             .arg(expected[k], 0, 'g', 9)
                                             .arg(rel)));
      }
      qInfo("%s: %zu steps, largest relative difference %.3g", qPrintable(c.label), got.size(),
            worst);
    }
  }

  // A small spiral MLP run: 100 points, 70 to train, batch 10 (7 steps an epoch).
  static Project small_spiral() {
    Project p = example("spiral.json");
    p.dataset.samples = 100;
    p.training.batch_size = 10;
    return p;
  }

 private slots:
  void fresh_runs_step_like_the_engine() {
    // An MLP with Adam and a warm-up + StepLR schedule, 17 steps: the warm-up epoch, the first
    // StepLR epoch and three steps more.
    Project adam = small_spiral();
    adam.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
    adam.training.optimizer.lr = 0.02f;
    adam.training.schedule.kind = ScheduleKind::StepLR;
    adam.training.schedule.step_size = 1;
    adam.training.schedule.gamma = 0.5f;
    adam.training.schedule.warmup_epochs = 1;
    // SGD with Nesterov momentum, weight decay, L2, clipping and max-norm.
    Project sgd = small_spiral();
    sgd.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    sgd.training.optimizer.lr = 0.1f;
    sgd.training.optimizer.momentum = 0.9f;
    sgd.training.optimizer.nesterov = true;
    sgd.training.optimizer.weight_decay = 1e-3f;
    sgd.training.regularization.l2 = 1e-3f;
    sgd.training.regularization.clip_grad_norm = 1.0f;
    sgd.training.regularization.max_norm = 2.0f;
    sgd.training.schedule = {};
    sgd.training.schedule.kind = ScheduleKind::ExponentialLR;
    sgd.training.schedule.gamma = 0.9f;
    // LeNet-5 on the bundled digits, read from the IDX files by path: 3 steps an epoch.
    Project lenet = example("lenet5-digits.json");
    lenet.dataset.max_train = 96;
    lenet.dataset.max_test = 32;
    lenet.training.batch_size = 32;
    compare_cases({{"mlp-adam", with_initial_weights(adam), 17},
                   {"sgd-nesterov", with_initial_weights(sgd), 10},
                   {"lenet5", with_initial_weights(lenet), 4}});
  }

  void lecun_autoencoder_and_image_folder_projects_step_like_the_engine() {
    // LeCun 1989's Net-3 as the lesson trains it: locally connected layers, ScaledTanh, lr_scale
    // on three layers, MSE on +-1 targets, SGD one sample a step. Clipping is added, small
    // enough to act on every step: the engine scales the gradients after clipping them.
    Project lecun = lesson_project("lecun1989.json", "faithful3");
    QVERIFY(lecun.training.target == TargetMode::PlusMinusOne);
    int scaled = 0;
    for (const NodeSpec& n : lecun.network.nodes) scaled += n.params.lr_scale != 1.0f;
    QVERIFY(scaled >= 2);
    lecun.dataset.max_train = 64;
    lecun.dataset.max_test = 16;
    lecun.training.regularization.clip_grad_norm = 0.05f;
    // The same scales with momentum and batches of 4 (momentum keeps the scaled gradients).
    Project lecun_momentum = lecun;
    lecun_momentum.training.batch_size = 4;
    lecun_momentum.training.optimizer.momentum = 0.9f;
    lecun_momentum.training.regularization.clip_grad_norm = 0.0f;
    // The autoencoder lesson: MSE against the input itself.
    Project ae = lesson_project("autoencoder.json", "ae");
    QVERIFY(ae.training.target == TargetMode::Reconstruct);
    ae.dataset.max_train = 128;
    ae.dataset.max_test = 32;
    // A CNN on the test image folder (decoded and resized by the app, written into the script):
    // 2 steps an epoch, so the steps cross two epoch ends.
    Project images = read_project(std::string(BP_SOURCE_DIR) + "/tests/data/image_folder_cnn.json");
    QVERIFY(images.dataset.source == DatasetSource::ImageFolder);
    // L-BFGS: the app neither clips, scales nor max-norms its full-batch steps; nor does the
    // script.
    Project lbfgs = small_spiral();
    lbfgs.training.optimizer = default_optimizer_config(OptimizerKind::LBFGS);
    lbfgs.training.optimizer.lr = 0.5f;
    lbfgs.training.optimizer.max_iter = 5;
    lbfgs.training.regularization.clip_grad_norm = 0.01f;
    lbfgs.training.regularization.max_norm = 0.5f;
    lbfgs.network.find(lbfgs.network.nodes[1].id)->params.lr_scale = 0.25f;
    compare_cases({{"lecun-plus-minus-one", with_initial_weights(lecun), 12},
                   {"lbfgs-unscaled", with_initial_weights(lbfgs), 3},
                   {"lecun-momentum", with_initial_weights(lecun_momentum), 8},
                   {"autoencoder", with_initial_weights(ae), 6},
                   {"image-folder", with_initial_weights(images), 5}});
  }

  void an_image_folder_too_large_for_the_script_refuses_to_train_and_says_what_to_do() {
    Project p = read_project(std::string(BP_SOURCE_DIR) + "/tests/data/image_folder_cnn.json");
    p.dataset.resize = 256;  // 3 x 256 x 256 floats an image: more than the script holds
    p.network.find(1)->params.input_shape = Shape{3, 256, 256};
    const std::string code = export_pytorch(p);
    const auto line = code.find("TRAINING_UNAVAILABLE = \"the image folder");
    QVERIFY2(line != std::string::npos,
             code.substr(code.find("TRAINING_UNAVAILABLE"), 300).c_str());
    const std::string message = code.substr(line, code.find('\n', line) - line);
    QVERIFY2(message.find("max_train") != std::string::npos &&
                 message.find("smaller resize") != std::string::npos,
             message.c_str());
    QVERIFY(code.find("class Net(nn.Module)") != std::string::npos);
  }

  void a_project_without_weights_starts_from_the_apps_initializers() {
    // LeCun's fan_in_uniform (U(-2.4 / fan_in, 2.4 / fan_in)) on locally connected layers, whose
    // torch default bound (1 / sqrt(fan_in)) is wider: the script's draws stay inside the app's
    // bound and reach near it.
    BP_REQUIRE_ORACLE(torch_available(), "PyTorch for /usr/bin/python3", "python3-torch");
    Project p = lesson_project("lecun1989.json", "faithful3");
    p.dataset.max_train = 16;
    p.dataset.max_test = 16;
    p.weights.clear();
    p.training_state.reset();
    const QString project = tmp_.filePath("fresh.json"), script = tmp_.filePath("fresh.py");
    write_project(p, project.toStdString());
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(export_pytorch(p)));
    f.close();
    const QString out = tmp_.filePath("fresh-out");
    const PyRun r = run_python({script, project, "--epochs", "0", "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains("starts from the app's initializers"), qPrintable(r.out));
    const Project back = read_project((out + "/model.json").toStdString());
    CpuBackend backend;
    Model model(p.network, backend, p.training.seed);
    int checked = 0;
    for (const ParamEntry& e : model.params().entries()) {
      if (!e.decl.trainable || e.decl.init.kind != InitKind::FanInUniform) continue;
      const double bound = e.decl.init.a / static_cast<double>(e.decl.fan_in);
      QVERIFY2(back.weights.count(e.name), e.name.c_str());
      const std::vector<float>& w = back.weights.at(e.name);
      QCOMPARE(static_cast<int64_t>(w.size()), e.decl.shape.numel());
      double largest = 0.0;
      for (float v : w) largest = std::max(largest, std::fabs(static_cast<double>(v)));
      QVERIFY2(largest <= bound * (1 + 1e-6), qPrintable(QString("%1: |w| up to %2, bound %3")
                                                             .arg(QString::fromStdString(e.name))
                                                             .arg(largest)
                                                             .arg(bound)));
      if (w.size() >= 100) {
        QVERIFY2(largest >= 0.9 * bound, qPrintable(QString::fromStdString(e.name)));
        ++checked;
      }
    }
    QVERIFY(checked >= 2);
  }

  void continuing_from_a_training_state_takes_the_engines_next_steps() {
    // Adam, mid-epoch (2 epochs and 3 steps): moments, step count, schedule, sample order.
    Project adam = small_spiral();
    adam.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
    adam.training.optimizer.lr = 0.01f;
    adam.training.schedule.kind = ScheduleKind::CosineAnnealingLR;
    adam.training.schedule.T_max = 4;
    std::vector<StepCase> cases{{"continue-adam", trained(adam, 17), 6}};
    // NAdam (its mu_product) and SGD with momentum at an epoch boundary.
    Project nadam = small_spiral();
    nadam.training.optimizer = default_optimizer_config(OptimizerKind::NAdam);
    cases.push_back({"continue-nadam", trained(nadam, 14), 3});
    Project sgd = small_spiral();
    sgd.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    sgd.training.optimizer.momentum = 0.9f;
    sgd.training.optimizer.lr = 0.05f;
    cases.push_back({"continue-sgd", trained(sgd, 14), 3});
    compare_cases(cases);
  }

  void every_optimizer_and_schedule_continues_like_the_engine() {
    // Each optimizer kind (non-default hyperparameters where a kind has them) with a schedule
    // kind in turn, 2 steps an epoch: continued from a mid-epoch state, the next steps cross
    // three epoch ends (three schedule steps). L-BFGS (one full-batch step an epoch, its history
    // does not carry) runs from the initial weights.
    const auto& schedules = schedule_descriptors();
    std::vector<StepCase> cases;
    int k = 0;
    for (const OptimizerDescriptor& d : optimizer_descriptors()) {
      Project p = small_spiral();
      p.training.batch_size = 35;
      p.training.optimizer = default_optimizer_config(d.kind);
      OptimizerConfig& o = p.training.optimizer;
      o.lr = d.kind == OptimizerKind::Adadelta || d.kind == OptimizerKind::LBFGS ? 0.5f : 0.02f;
      o.momentum = 0.5f;
      o.weight_decay = 1e-3f;
      o.amsgrad = d.kind == OptimizerKind::AdamW;
      o.centered = true;
      o.lr_decay = 0.01f;
      o.initial_accumulator_value = 0.1f;
      o.max_iter = 5;
      ScheduleConfig& s = p.training.schedule;
      s.kind = schedules[static_cast<size_t>(k) % schedules.size()].kind;
      s.step_size = 2;
      s.gamma = 0.7f;
      s.T_max = 3;
      s.patience = 0;
      s.threshold = 0.5f;  // ReduceLROnPlateau: every epoch is a bad one
      s.warmup_epochs = k % 2;
      const QString label = QString("all-%1-%2").arg(d.torch_name).arg(k);
      if (d.kind == OptimizerKind::LBFGS)
        cases.push_back({label, with_initial_weights(p), 4});
      else
        cases.push_back({label, trained(p, 3), 6});
      ++k;
    }
    compare_cases(cases);
  }

  void early_stopping_stops_and_restores_the_best_weights_like_the_engine() {
    // No epoch after the first improves by min_delta: the run stops after epoch 3 (patience 2)
    // and restores the weights of epoch 1.
    Project p = small_spiral();
    p.training.batch_size = 35;
    p.training.epochs = 6;
    p.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
    EarlyStoppingConfig& es = p.training.regularization.early_stopping;
    es.enabled = true;
    es.patience = 2;
    es.min_delta = 10.0f;
    p = with_initial_weights(p);
    QString output;
    run_cases({{"early-stopping", p, 0}}, output);
    if (QTest::currentTestFailed() || output.isEmpty()) return;
    QVERIFY2(output.contains("early stopping at epoch 3 (best: epoch 1)"), qPrintable(output));

    CpuBackend backend;
    Model model(p.network, backend, p.training.seed);
    model.params().from_host(backend, p.weights);
    const DatasetSplits data = load_dataset(p.dataset);
    Trainer trainer(model, data, p.training);
    QVERIFY(trainer.run(nullptr, nullptr));
    QVERIFY(trainer.stopped_early());
    QCOMPARE(trainer.epoch(), 3);
    const auto expected = model.params().to_host(backend);
    const Project back = read_project(tmp_.filePath("early-stopping-out/model.json").toStdString());
    QCOMPARE(back.weights.size(), expected.size());
    for (const auto& [name, values] : expected) {
      const std::vector<float>& got = back.weights.at(name);
      QCOMPARE(got.size(), values.size());
      for (size_t i = 0; i < got.size(); ++i)
        QVERIFY2(std::fabs(got[i] - values[i]) <= 1e-5f * std::max(1.0f, std::fabs(values[i])),
                 qPrintable(QString("%1[%2]: PyTorch %3, engine %4")
                                .arg(QString::fromStdString(name))
                                .arg(i)
                                .arg(got[i])
                                .arg(values[i])));
    }
  }

  void two_gloo_processes_train_to_the_end_and_rank_0_writes_the_outputs() {
    BP_REQUIRE_ORACLE(torch_available(), "PyTorch for /usr/bin/python3", "python3-torch");
    const Project p = with_initial_weights(small_spiral());
    const QString project = tmp_.filePath("ddp.json"), script = tmp_.filePath("ddp.py");
    write_project(p, project.toStdString());
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(export_pytorch(p)));
    f.close();
    const int port = free_port();
    QVERIFY(port > 0);
    const QString out = tmp_.filePath("ddp-out");
    QList<QProcess*> ranks;
    for (int r = 0; r < 2; ++r) {
      auto* py = new QProcess(this);
      QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
      e.insert("MASTER_ADDR", "127.0.0.1");
      e.insert("MASTER_PORT", QString::number(port));
      e.insert("RANK", QString::number(r));
      e.insert("LOCAL_RANK", QString::number(r));
      e.insert("WORLD_SIZE", "2");
      e.insert("OMP_NUM_THREADS", "1");
      py->setProcessEnvironment(e);
      py->start("/usr/bin/python3", {script, project, "--epochs", "2", "--out", out});
      ranks.push_back(py);
    }
    for (int r = 0; r < 2; ++r) {
      QProcess* py = ranks[r];
      QVERIFY2(py->waitForFinished(180000), "a rank did not finish in 3 minutes");
      QVERIFY2(py->exitStatus() == QProcess::NormalExit && py->exitCode() == 0,
               qPrintable(QString("rank %1: %2%3")
                              .arg(r)
                              .arg(QString::fromUtf8(py->readAllStandardOutput()))
                              .arg(QString::fromUtf8(py->readAllStandardError()))));
    }
    QVERIFY(QFile::exists(out + "/metrics.csv"));
    QVERIFY(QFile::exists(out + "/checkpoint.pt"));
    QFile metrics(out + "/metrics.csv");
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    QCOMPARE(metrics.readAll().count('\n'), 3);  // header + 2 epochs
    // The weights go back into the app: model.json is the project with trained weights.
    const Project back = read_project((out + "/model.json").toStdString());
    QCOMPARE(back.weights.size(), p.weights.size());
    QVERIFY(back.weights != p.weights);
  }

  void a_project_the_script_cannot_train_still_exports_and_says_why() {
    Project p = small_spiral();
    p.dataset.toy = ToyKind::Sine1d;  // regression data for a classifier with CrossEntropyLoss
    const std::string code = export_pytorch(with_initial_weights(p));
    QVERIFY(code.find("TRAINING_UNAVAILABLE = \"the project's data does not go with this "
                      "network") != std::string::npos);
    QVERIFY(code.find("class Net(nn.Module)") != std::string::npos);
  }
};

BP_ORACLE_TEST_APPLESS_MAIN(TestPytorchTraining)
#include "test_pytorch_training.moc"
