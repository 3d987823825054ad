// The exported PyTorch script trains on as the app does: run by Debian's PyTorch (a test oracle,
// tests/common/oracle.h), each of its step losses equals the engine's Trainer's to 1e-4 relative
// for an MLP with Adam and a warm-up + StepLR schedule, an SGD (momentum, Nesterov) net with L2,
// clipping and max-norm, and LeNet-5 on a subset of the bundled MNIST digits (read from the IDX
// files by path); continued from a saved training state (optimizer buffers, schedule, epoch in
// progress) its next steps are the engine's next steps; and two processes with gloo (env://
// variables) run it to completion and write the outputs.
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
#include "engine/io/project.h"
#include "engine/io/pytorch_export.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"
#include "engine/train/trainer.h"
#include "tests/common/oracle.h"

using namespace bp;

namespace {

Project example(const char* name) {
  return read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/" + name);
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

PyRun run_python(const QStringList& args, const QStringList& env = {}) {
  QProcess py;
  QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
  e.insert("OMP_NUM_THREADS", "1");
  for (const QString& kv : env) e.insert(kv.section('=', 0, 0), kv.section('=', 1));
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

bool torch_available() {
  static const bool ok = bp::test::python_imports({"torch"});
  return ok;
}

}  // namespace

class TestPytorchTraining : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  // Exports `p`, runs `steps` steps of the script in PyTorch and compares every step's loss with
  // the engine's, each to 1e-4 relative.
  void compare_steps(const QString& label, const Project& p, int steps) {
    BP_REQUIRE_ORACLE(torch_available(), "PyTorch for /usr/bin/python3", "python3-torch");
    const QString project = tmp_.filePath(label + ".json"), script = tmp_.filePath(label + ".py");
    write_project(p, project.toStdString());
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(export_pytorch(p)));
    f.close();
    const std::vector<double> expected = engine_losses(p, steps);
    const PyRun r = run_python({script, project, "--steps", QString::number(steps), "--out",
                                tmp_.filePath(label + "-out")});
    QVERIFY2(r.exit_code == 0, qPrintable(label + ": " + r.out + r.err));
    const std::vector<double> got = step_losses(r.out);
    QVERIFY2(got.size() == expected.size(), qPrintable(label + ": " + r.out));
    double worst = 0.0;
    for (size_t k = 0; k < got.size(); ++k) {
      const double tol = 1e-4;
      const double rel = std::fabs(got[k] - expected[k]) / std::max(1e-12, std::fabs(expected[k]));
      worst = std::max(worst, rel);
      QVERIFY2(rel <= tol, qPrintable(QString("%1: step %2: PyTorch loss %3, engine %4 (rel %5)")
                                          .arg(label)
                                          .arg(k + 1)
                                          .arg(got[k], 0, 'g', 9)
                                          .arg(expected[k], 0, 'g', 9)
                                          .arg(rel)));
    }
    qInfo("%s: %zu steps, largest relative difference %.3g", qPrintable(label), got.size(), worst);
  }

  // A small spiral MLP run: 100 points, 70 to train, batch 10 (7 steps an epoch).
  static Project small_spiral() {
    Project p = example("spiral.json");
    p.dataset.samples = 100;
    p.training.batch_size = 10;
    return p;
  }

 private slots:
  void mlp_with_adam_and_a_schedule_steps_like_the_engine() {
    Project p = small_spiral();
    p.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
    p.training.optimizer.lr = 0.02f;
    p.training.schedule.kind = ScheduleKind::StepLR;
    p.training.schedule.step_size = 1;
    p.training.schedule.gamma = 0.5f;
    p.training.schedule.warmup_epochs = 1;
    // 17 steps: the warm-up epoch, the first StepLR epoch and three steps more.
    compare_steps("mlp-adam", with_initial_weights(p), 17);
  }

  void sgd_nesterov_with_regularization_steps_like_the_engine() {
    Project p = small_spiral();
    p.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    p.training.optimizer.lr = 0.1f;
    p.training.optimizer.momentum = 0.9f;
    p.training.optimizer.nesterov = true;
    p.training.optimizer.weight_decay = 1e-3f;
    p.training.regularization.l2 = 1e-3f;
    p.training.regularization.clip_grad_norm = 1.0f;
    p.training.regularization.max_norm = 2.0f;
    p.training.schedule = {};
    p.training.schedule.kind = ScheduleKind::ExponentialLR;
    p.training.schedule.gamma = 0.9f;
    compare_steps("sgd-nesterov", with_initial_weights(p), 10);
  }

  void lenet5_on_idx_digits_steps_like_the_engine() {
    Project p = example("lenet5-digits.json");
    p.dataset.max_train = 96;
    p.dataset.max_test = 32;
    p.training.batch_size = 32;
    compare_steps("lenet5", with_initial_weights(p), 4);
  }

  void continuing_from_a_training_state_takes_the_engines_next_steps() {
    // Adam, mid-epoch (2 epochs and 3 steps): moments, step count, schedule, sample order.
    Project adam = small_spiral();
    adam.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
    adam.training.optimizer.lr = 0.01f;
    adam.training.schedule.kind = ScheduleKind::CosineAnnealingLR;
    adam.training.schedule.T_max = 4;
    compare_steps("continue-adam", trained(adam, 17), 6);
    // NAdam (its mu_product) and SGD with momentum at an epoch boundary.
    Project nadam = small_spiral();
    nadam.training.optimizer = default_optimizer_config(OptimizerKind::NAdam);
    compare_steps("continue-nadam", trained(nadam, 14), 3);
    Project sgd = small_spiral();
    sgd.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    sgd.training.optimizer.momentum = 0.9f;
    sgd.training.optimizer.lr = 0.05f;
    compare_steps("continue-sgd", trained(sgd, 14), 3);
  }

  void every_optimizer_and_schedule_continues_like_the_engine() {
    // Each optimizer kind (non-default hyperparameters where a kind has them) with a schedule
    // kind in turn, 2 steps an epoch: continued from a mid-epoch state, the next steps cross
    // three epoch ends (three schedule steps). L-BFGS (one full-batch step an epoch, its history
    // does not carry) runs from the initial weights.
    const auto& schedules = schedule_descriptors();
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
        compare_steps(label, with_initial_weights(p), 4);
      else
        compare_steps(label, trained(p, 3), 6);
      ++k;
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
    const PyRun port = run_python({"-c",
                                   "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); "
                                   "print(s.getsockname()[1])"});
    QCOMPARE(port.exit_code, 0);
    const QString out = tmp_.filePath("ddp-out");
    QList<QProcess*> ranks;
    for (int r = 0; r < 2; ++r) {
      auto* py = new QProcess(this);
      QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
      e.insert("MASTER_ADDR", "127.0.0.1");
      e.insert("MASTER_PORT", port.out.trimmed());
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
