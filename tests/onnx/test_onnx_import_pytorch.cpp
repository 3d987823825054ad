// ONNX import against PyTorch (Debian's python3-torch, a test oracle: tests/common/oracle.h):
// models made at test time by make_import_models.py (an MLP, LeNet-5, a residual CNN, a
// BatchNorm/LayerNorm/GELU net and one with every activation) import into the expected layers
// and give PyTorch's outputs within 1e-4; a PyTorch-trained LeNet-5 imported with `backprop
// import` evaluates with `backprop evaluate` to exactly the test accuracy PyTorch reported; a
// PyTorch model with operators the studio lacks is refused with their names.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>

#include "engine/core/error.h"
#include "engine/io/project.h"
#include "engine/onnx/onnx_import.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/oracle.h"
#include "tests/onnx/onnx_import_run.h"

using namespace bp;
using namespace bp::test;

namespace {

std::vector<float> read_floats(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray b = f.readAll();
  std::vector<float> v(static_cast<size_t>(b.size()) / sizeof(float));
  std::memcpy(v.data(), b.constData(), v.size() * sizeof(float));
  return v;
}

QJsonObject read_json(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

bool run_python(const QStringList& args, QString* err) {
  QProcess py;
  py.start("/usr/bin/python3", args);
  if (!py.waitForFinished(600000)) {
    *err = "timed out";
    return false;
  }
  *err = QString::fromUtf8(py.readAllStandardError());
  return py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0;
}

int count_kind(const NetworkSpec& net, NodeKind kind) {
  int n = 0;
  for (const auto& node : net.nodes) n += node.kind == kind;
  return n;
}

int count_activation(const NetworkSpec& net, Activation f) {
  int n = 0;
  for (const auto& node : net.nodes)
    n += (node.kind == NodeKind::Activation || node.kind == NodeKind::Linear) &&
         node.params.activation == f;
  return n;
}

}  // namespace

class TestOnnxImportPytorch : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  bool made_ = false;

  // Runs make_import_models.py once.
  void make_models() {
    if (made_) return;
    QString err;
    QVERIFY2(run_python({source_path("tests/onnx/make_import_models.py"), tmp_.path()}, &err),
             qPrintable(err));
    made_ = true;
  }

  // The structure each PyTorch model must import into.
  static void check_structure(const QString& name, const NetworkSpec& net) {
    if (name == "mlp") {
      QCOMPARE(count_kind(net, NodeKind::Linear), 3);
      QCOMPARE(count_activation(net, Activation::ReLU), 1);
      QCOMPARE(count_activation(net, Activation::Tanh), 1);
      QCOMPARE(net.nodes.size(), size_t{4});  // activations fused into the Linear layers
    } else if (name == "lenet5") {
      QCOMPARE(count_kind(net, NodeKind::Conv2d), 2);
      QCOMPARE(count_kind(net, NodeKind::MaxPool2d), 1);
      QCOMPARE(count_kind(net, NodeKind::AvgPool2d), 1);  // Pad + AveragePool
      QCOMPARE(count_kind(net, NodeKind::Flatten), 1);    // x.view(x.size(0), -1)
      QCOMPARE(count_kind(net, NodeKind::Linear), 3);
    } else if (name == "residual_cnn") {
      QCOMPARE(count_kind(net, NodeKind::Add), 2);
      QCOMPARE(count_kind(net, NodeKind::Concat), 1);
      QCOMPARE(count_kind(net, NodeKind::AdaptiveAvgPool2d), 1);
      QCOMPARE(count_activation(net, Activation::SiLU), 2);  // Mul(x, Sigmoid(x))
      bool named = false;  // "/layer1/layer1.1/conv1/Conv" -> "layer1_1_conv1"
      for (const auto& n : net.nodes) named = named || n.name == "layer1_1_conv1";
      QVERIFY(named);
    } else if (name == "batchnorm_net") {
      QCOMPARE(count_kind(net, NodeKind::BatchNorm2d), 1);
      QCOMPARE(count_kind(net, NodeKind::BatchNorm1d), 1);
      QCOMPARE(count_kind(net, NodeKind::LayerNorm), 1);
      QCOMPARE(count_activation(net, Activation::GELU), 1);
      for (const auto& n : net.nodes)  // ONNX's momentum 0.9 is PyTorch's 0.1
        if (n.kind == NodeKind::BatchNorm1d || n.kind == NodeKind::BatchNorm2d)
          QVERIFY2(std::fabs(n.params.momentum - 0.1f) < 1e-6f, n.name.c_str());
    } else if (name == "activations") {
      for (Activation f : {Activation::LeakyReLU, Activation::ELU, Activation::SELU,
                           Activation::Softplus, Activation::Sigmoid})
        QVERIFY2(count_activation(net, f) == 1, qPrintable(name));
      QCOMPARE(count_kind(net, NodeKind::PReLU), 1);
      QCOMPARE(count_kind(net, NodeKind::Softmax), 1);
    }
  }

 private slots:
  void pytorch_models_give_pytorchs_outputs() {
    BP_REQUIRE_ORACLE(python_imports({"torch", "onnx"}), "PyTorch with ONNX export",
                      "python3-torch, python3-onnx");
    make_models();
    const QJsonArray models = read_json(tmp_.filePath("manifest.json"))["models"].toArray();
    QCOMPARE(models.size(), 5);
    for (const auto& entry : models) {
      const QString name = entry.toObject()["name"].toString();
      const int batch = entry.toObject()["batch"].toInt();
      OnnxImport r;
      try {
        r = import_onnx_file(tmp_.filePath(name + ".onnx").toStdString());
      } catch (const Error& e) {
        QFAIL(qPrintable(name + ": " + e.what()));
      }
      check_structure(name, r.project.network);
      // What the editor opens: the project written and read back.
      const QString path = tmp_.filePath(name + ".json");
      write_project(r.project, path.toStdString());
      const Project p = read_project(path.toStdString());
      const std::vector<float> x = read_floats(tmp_.filePath(name + ".input.bin"));
      const std::vector<float> expected = read_floats(tmp_.filePath(name + ".output.bin"));
      const std::vector<float> y = run_imported(p, x, batch);
      QCOMPARE(y.size(), expected.size());
      double worst = 0.0;
      for (size_t i = 0; i < y.size(); ++i)
        worst = std::max(worst, std::fabs(static_cast<double>(y[i]) - expected[i]));
      QVERIFY2(
          worst <= 1e-4,
          qPrintable(
              QString("%1: the imported model differs from PyTorch by %2").arg(name).arg(worst)));
    }
  }

  void operators_without_a_layer_are_named() {
    BP_REQUIRE_ORACLE(python_imports({"torch", "onnx"}), "PyTorch with ONNX export",
                      "python3-torch, python3-onnx");
    make_models();
    QString message;
    try {
      (void)import_onnx_file(tmp_.filePath("unsupported.onnx").toStdString());
    } catch (const Error& e) {
      message = e.what();
    }
    for (const char* op : {"Sin", "Cos", "LogSoftmax"})
      QVERIFY2(message.contains(op), qPrintable(message));
    QVERIFY2(message.contains("unsupported operators"), qPrintable(message));
  }

  void trained_lenet_evaluates_to_pytorchs_accuracy() {
    BP_REQUIRE_ORACLE(python_imports({"torch", "onnx", "numpy"}), "PyTorch with ONNX export",
                      "python3-torch, python3-onnx");
    QString err;
    QVERIFY2(run_python({source_path("tests/onnx/train_lenet_for_import.py"),
                         source_path("datasets/mnist-digits"), tmp_.path()},
                        &err),
             qPrintable(err));
    const QJsonObject torch = read_json(tmp_.filePath("lenet_trained.json"));
    const int correct = torch["correct"].toInt(), total = torch["total"].toInt();
    QVERIFY2(total > 0 && correct > total * 8 / 10, "PyTorch's LeNet-5 did not learn the digits");

    const QString project = tmp_.filePath("lenet_trained_project.json");
    CliResult r = run_cli({"import", tmp_.filePath("lenet_trained.onnx"), "--out", project});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"evaluate", project});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject ours = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(ours["samples"].toInt(), total);
    const int our_correct = static_cast<int>(std::lround(ours["accuracy"].toDouble() * total));
    QCOMPARE(our_correct, correct);
  }
};

BP_ORACLE_TEST_MAIN(TestOnnxImportPytorch)
#include "test_onnx_import_pytorch.moc"
