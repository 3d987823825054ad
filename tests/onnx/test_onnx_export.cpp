// ONNX export read by real consumers: each network is trained briefly, exported, and its test-set
// outputs from onnx.checker's model (checked), ONNX Runtime (npm onnxruntime-node) and OpenCV's
// DNN module must be within 1e-4 of the engine's, for batches of 1, 7 and N, fed raw inputs
// (pixels in [0, 1], raw 2-D points): the graph does the data set's normalization itself.
// Also: a layer ONNX cannot express is refused with a message naming it, the doc_string, and the
// CLI's `export --onnx`.
#include <onnx/onnx_pb.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <map>
#include <memory>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/model.h"
#include "engine/onnx/onnx_export.h"
#include "engine/train/trainer.h"
#include "tests/common/oracle.h"
#include "tests/onnx/onnx_test_nets.h"

using namespace bp;
using namespace bp::test;

namespace {

constexpr double kTolerance = 1e-4;
constexpr int64_t kSamples = 20;  // test-set samples per case (batches 1, 7 and 20 are run)

// A trained project exported into a case folder (layout: tests/onnx/onnx_consumers.py).
struct ExportedCase {
  Project project;  // with its trained weights
  QString dir;
  std::string doc;
};

QByteArray floats_bytes(const std::vector<float>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()),
                    static_cast<qsizetype>(v.size() * sizeof(float)));
}

QString shape_json(int64_t n, const Shape& per_sample) {
  QString s = "[" + QString::number(n);
  for (int i = 0; i < per_sample.rank(); ++i) s += ", " + QString::number(per_sample[i]);
  return s + "]";
}

// The user's raw inputs for normalized samples: the data set's normalization undone (and only
// the two raw columns of 2-D points with derived features).
std::vector<float> raw_inputs(const Project& p, const Dataset& test, int64_t n, Shape& raw_shape) {
  const Shape s = test.sample_shape;
  const int64_t d = s.numel();
  const bool derived = p.dataset.source == DatasetSource::Toy &&
                       (p.dataset.feature_x2 || p.dataset.feature_y2 || p.dataset.feature_xy ||
                        p.dataset.feature_sinx || p.dataset.feature_siny);
  raw_shape = derived ? Shape{2} : s;
  const int64_t per_channel = s.rank() == 3 ? s[1] * s[2] : 1;
  std::vector<float> raw;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < raw_shape.numel(); ++j) {
      float v = test.features[static_cast<size_t>(i * d + j)];
      if (!test.input_mean.empty()) {
        const size_t c = static_cast<size_t>(j / per_channel);
        v = v * test.input_std[c] + test.input_mean[c];
      }
      raw.push_back(v);
    }
  return raw;
}

bool write_file(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Trains `p` for `epochs`, exports it and writes the case (model, raw inputs, engine outputs).
ExportedCase export_case(Project p, int epochs, const QString& dir) {
  CpuBackend backend;
  const DatasetSplits splits = load_dataset(p.dataset);
  Model model(p.network, backend, p.training.seed);
  {
    Trainer trainer(model, splits, p.training);
    for (int e = 0; e < epochs; ++e) trainer.run_epoch();
  }
  p.weights = model.params().to_host(backend);

  const Dataset& test = splits.test;
  const int64_t n = std::min<int64_t>(kSamples, test.size());
  Tensor x = Tensor::cpu(model.input_shape().with_batch(n));
  std::copy(test.features.begin(), test.features.begin() + x.numel(), x.data());
  const Tensor& y = model.forward(x, Mode::Eval);
  const std::vector<float> expected(y.data(), y.data() + y.numel());
  Shape raw_shape;
  const std::vector<float> raw = raw_inputs(p, test, n, raw_shape);

  ExportedCase c;
  const std::string bytes = export_onnx(p);
  onnx::ModelProto m;
  if (!m.ParseFromString(bytes)) throw Error("the exported bytes do not parse as a ModelProto");
  c.doc = m.doc_string();
  QDir().mkpath(dir);
  const QString json = QString(R"({"input_shape": %1, "output_shape": %2, "tolerance": %3})")
                           .arg(shape_json(n, raw_shape), shape_json(n, model.output_shape()))
                           .arg(kTolerance);
  if (!write_file(dir + "/model.onnx", QByteArray(bytes.data(), qsizetype(bytes.size()))) ||
      !write_file(dir + "/case.json", json.toUtf8()) ||
      !write_file(dir + "/input.f32", floats_bytes(raw)) ||
      !write_file(dir + "/expected.f32", floats_bytes(expected)))
    throw Error("could not write the case files under " + dir.toStdString());
  c.project = std::move(p);
  c.dir = dir;
  return c;
}

QString source_file(const char* relative) {
  return QString(BP_SOURCE_DIR) + "/" + relative;
}

// Where the launcher installs npm's onnxruntime-node (`./studio test`): BUILD_DIR/npm.
QString node_modules() {
  return QString(BP_BIN_DIR) + "/../npm/node_modules";
}

bool onnx_runtime_available() {
  return QFileInfo(node_modules() + "/onnxruntime-node/package.json").exists() &&
         !QStandardPaths::findExecutable("node").isEmpty();
}

// Runs a consumer; fails with its output unless it exits 0.
QString run(const QString& program, const QStringList& args,
            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  const bool finished = p.waitForFinished(120000);
  const QString out = QString::fromUtf8(p.readAll());
  if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    return "FAILED (exit " + QString::number(p.exitCode()) + "): " + out;
  return out;
}

}  // namespace

class TestOnnxExport : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  std::map<QString, ExportedCase> cases_;

  const ExportedCase& exported(const QString& name) {
    const auto it = cases_.find(name);
    if (it != cases_.end()) return it->second;
    const QString dir = tmp_.path() + "/" + name;
    if (name == "mlp") return cases_[name] = export_case(onnx_example("mlp-digits"), 2, dir);
    if (name == "lenet5") return cases_[name] = export_case(onnx_example("lenet5-digits"), 2, dir);
    if (name == "residual-cnn")
      return cases_[name] = export_case(onnx_example("residual-cnn-digits"), 2, dir);
    if (name == "batchnorm") return cases_[name] = export_case(batchnorm_net(), 3, dir);
    if (name == "every-activation")
      return cases_[name] = export_case(every_activation_net(), 5, dir);
    return cases_[name] = export_case(conv_zoo_net(), 2, dir);
  }

  static void all_nets() {
    QTest::addColumn<QString>("net");
    for (const char* n :
         {"mlp", "lenet5", "residual-cnn", "batchnorm", "every-activation", "conv-zoo"})
      QTest::newRow(n) << QString(n);
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  // onnx.checker (full check), opset 13 / IR 7, names "input"/"output" with a symbolic batch.
  void onnx_checker_data() { all_nets(); }
  void onnx_checker() {
    QFETCH(QString, net);
    BP_REQUIRE_ORACLE(python_imports({"onnx", "numpy"}), "Python's onnx module", "python3-onnx");
    const QString out =
        run("/usr/bin/python3", {source_file("tests/onnx/onnx_consumers.py"), exported(net).dir});
    QVERIFY2(!out.startsWith("FAILED"), qPrintable(out));
    QVERIFY2(out.contains("onnx.checker: ok"), qPrintable(out));
    qInfo().noquote() << out.trimmed();
  }

  // ONNX Runtime, the reference runtime, takes every net.
  void onnx_runtime_data() { all_nets(); }
  void onnx_runtime() {
    QFETCH(QString, net);
    BP_REQUIRE_ORACLE(onnx_runtime_available(),
                      "ONNX Runtime (npm onnxruntime-node in " + node_modules() + ")",
                      "npm, then onnxruntime-node@1.30.0 from npm");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NODE_PATH", node_modules());
    const QString out =
        run("node", {source_file("tests/onnx/onnx_runtime.js"), exported(net).dir}, env);
    QVERIFY2(!out.startsWith("FAILED"), qPrintable(out));
    for (const char* batch : {"batch 1:", "batch 7:", "batch 20:"})
      QVERIFY2(out.contains(batch), qPrintable(out));
    qInfo().noquote() << out.trimmed();
  }

  // OpenCV's DNN module reads the examples and the BatchNorm net.
  void opencv_data() {
    QTest::addColumn<QString>("net");
    for (const char* n : {"mlp", "lenet5", "residual-cnn", "batchnorm"})
      QTest::newRow(n) << QString(n);
  }
  void opencv() {
    QFETCH(QString, net);
    BP_REQUIRE_ORACLE(python_imports({"onnx", "numpy", "cv2"}), "OpenCV's Python module (cv2)",
                      "python3-opencv");
    const QString out = run("/usr/bin/python3", {source_file("tests/onnx/onnx_consumers.py"),
                                                 exported(net).dir, "--opencv"});
    QVERIFY2(!out.startsWith("FAILED"), qPrintable(out));
    for (const char* batch : {"batch 1:", "batch 7:", "batch 20:"})
      QVERIFY2(out.contains(batch), qPrintable(out));
    qInfo().noquote() << out.trimmed();
  }

  // The doc_string tells a consumer what to feed and what comes out, with the class names.
  void doc_string_says_inputs_and_classes() {
    const std::string& images = exported("lenet5").doc;
    QVERIFY2(images.find("pixels scaled to [0, 1]") != std::string::npos, images.c_str());
    QVERIFY2(images.find("per-channel normalization") != std::string::npos, images.c_str());
    QVERIFY2(images.find("Classes: 0 = 0; 1 = 1;") != std::string::npos, images.c_str());
    QVERIFY2(images.find("(N, 1, 28, 28)") != std::string::npos, images.c_str());
    const std::string& points = exported("every-activation").doc;
    QVERIFY2(points.find("raw feature values") != std::string::npos, points.c_str());
    QVERIFY2(points.find("derived features") != std::string::npos, points.c_str());
    QVERIFY2(points.find("(N, 2)") != std::string::npos, points.c_str());
  }

  // Every layer kind writes itself (the test nets above run each hook through the consumers).
  void every_kind_has_an_onnx_hook() {
    for (const LayerDescriptor& d : layer_descriptors())
      QVERIFY2(d.kind == NodeKind::Input || d.onnx_export, d.pytorch_name);
  }

  // A layer ONNX cannot express is refused, naming the layer and what to do.
  void refuses_what_onnx_cannot_express() {
    NodeSpec gap = onnx_node(NodeKind::AdaptiveAvgPool2d, "gap1");
    gap.params.output_size = {3, 3};  // from 5x5: overlapping windows
    const NetworkSpec net = make_sequential(
        Shape{1, 5, 5},
        {gap, onnx_node(NodeKind::Flatten, "flat"), onnx_linear("fc1", 2, Activation::Identity)});
    CpuBackend backend;
    Model model(net, backend, 1);
    try {
      export_onnx(net, model.params().to_host(backend), OnnxExportOptions{});
      QFAIL("exported an AdaptiveAvgPool2d 5x5 -> 3x3");
    } catch (const Error& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("AdaptiveAvgPool2d 'gap1'"), qPrintable(m));
      QVERIFY2(m.contains("output_size") && m.contains("AvgPool2d instead"), qPrintable(m));
    }
    // the same net with a divisible size exports
    NetworkSpec ok = net;
    ok.nodes[1].params.output_size = {5, 5};
    Model ok_model(ok, backend, 1);
    QVERIFY(!export_onnx(ok, ok_model.params().to_host(backend), OnnxExportOptions{}).empty());
  }

  void refuses_missing_weights() {
    Project p = onnx_example("mlp-digits");
    p.weights.clear();
    try {
      export_onnx(p);
      QFAIL("exported a project without weights");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("no trained weights"), e.what());
    }
    std::map<std::string, std::vector<float>> partial = exported("mlp").project.weights;
    partial.erase("fc2.bias");
    try {
      export_onnx(p.network, partial, OnnxExportOptions{});
      QFAIL("exported without fc2.bias");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("'fc2.bias'"), e.what());
    }
  }

  // backprop export PROJECT --onnx FILE; bad input exits 2 with a message.
  void cli_export_onnx() {
    const QString cli = QString(BP_BIN_DIR) + "/backprop";
    const QString project = tmp_.path() + "/trained.json";
    write_project(exported("mlp").project, project.toStdString());
    const QString out = tmp_.path() + "/cli.onnx";
    QProcess p;
    p.start(cli, {"export", project, "--onnx", out});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    onnx::ModelProto m;
    QVERIFY(m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    QCOMPARE(m.graph().input(0).name(), std::string("input"));

    Project untrained = exported("mlp").project;
    untrained.weights.clear();
    untrained.training_state.reset();
    const QString bare = tmp_.path() + "/untrained.json";
    write_project(untrained, bare.toStdString());
    p.start(cli, {"export", bare, "--onnx", tmp_.path() + "/none.onnx"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(p.readAllStandardError().contains("no trained weights"), "no message");
    QVERIFY(!QFile::exists(tmp_.path() + "/none.onnx"));

    p.start(cli, {"export", project, "--onnx"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
  }
};

BP_ORACLE_TEST_APPLESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
