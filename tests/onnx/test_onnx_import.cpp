// ONNX import without PyTorch: hand-made models (tests/onnx/onnx_import_builders.h) import into
// the expected layers and weights and compute what a hand computation gives; unsupported
// operators are named together in one message; damaged, truncated and malformed files are
// bp::Errors, never crashes; `backprop import` exits 0 or 2 with a message.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>

#include "engine/core/error.h"
#include "engine/io/project.h"
#include "engine/onnx/onnx_import.h"
#include "tests/cli/cli_runner.h"
#include "tests/onnx/onnx_import_builders.h"
#include "tests/onnx/onnx_import_run.h"

using namespace bp;
using namespace bp::test;

namespace {

// The importer's message for `bytes`, or "" when it imported.
QString import_error(const std::string& bytes, const std::string& origin = "model.onnx") {
  try {
    (void)import_onnx(bytes, origin);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

const NodeSpec* node_named(const NetworkSpec& net, const std::string& name) {
  for (const auto& n : net.nodes)
    if (n.name == name) return &n;
  return nullptr;
}

void write_file(const QString& path, const std::string& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

}  // namespace

class TestOnnxImport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void hand_made_mlp_imports_as_two_linear_layers() {
    const OnnxImport r = import_onnx(hand_made_mlp().bytes(), "/some/dir/mlp.onnx");
    const Project& p = r.project;
    QCOMPARE(QString::fromStdString(p.name), QString("mlp"));
    QCOMPARE(p.network.nodes.size(), size_t{3});
    const NodeSpec* fc1 = node_named(p.network, "fc1");  // from the initializer "fc1.weight"
    QVERIFY(fc1);
    QCOMPARE(fc1->kind, NodeKind::Linear);
    QCOMPARE(fc1->params.out_features, int64_t{4});
    QCOMPARE(fc1->params.activation, Activation::ReLU);  // the Relu folded into the layer
    const NodeSpec* fc2 = node_named(p.network, "m");    // from the node's scope "/m/MatMul"
    QVERIFY(fc2);
    QVERIFY(fc2->params.bias);  // MatMul + Add: one Linear with a bias
    QCOMPARE(p.network.inputs_of(fc2->id), std::vector<int>{fc1->id});
    // MatMul stores [in, out]; the engine keeps PyTorch's [out, in].
    const std::vector<float>& w2 = p.weights.at("m.weight");
    QCOMPARE(w2.size(), size_t{8});
    QCOMPARE(w2[1 * 4 + 3], 0.2f * static_cast<float>(3 - 1) + 0.1f);  // out 1, in 3
    QCOMPARE(p.weights.at("m.bias"), (std::vector<float>{0.3f, -0.3f}));
    // Laid out: one row per layer.
    QVERIFY(fc1->y > p.network.nodes.front().y && fc2->y > fc1->y);

    const std::vector<float> x{0.5f, -1.0f, 2.0f, -0.25f, 0.75f, 1.5f};
    const std::vector<float> y = run_imported(p, x, 2);
    for (int s = 0; s < 2; ++s) {
      double h[4];
      for (int o = 0; o < 4; ++o) {
        h[o] = 0.05 * o;
        for (int i = 0; i < 3; ++i)
          h[o] += 0.1 * (o + 1) * (i - 1) * x[static_cast<size_t>(s * 3 + i)];
        h[o] = std::max(0.0, h[o]);
      }
      for (int o = 0; o < 2; ++o) {
        double v = o == 0 ? 0.3 : -0.3;
        for (int i = 0; i < 4; ++i) v += (0.2 * (i - o) + 0.1) * h[i];
        QVERIFY2(std::fabs(v - y[static_cast<size_t>(s * 2 + o)]) < 1e-5,
                 qPrintable(QString("sample %1 output %2: %3 vs %4")
                                .arg(s)
                                .arg(o)
                                .arg(v)
                                .arg(y[static_cast<size_t>(s * 2 + o)])));
      }
    }
  }

  void unsupported_operators_are_named_in_one_message() {
    OnnxBuilder b({4});
    b.initializer("fc.weight", {4, 4}, std::vector<float>(16, 0.1f));
    OnnxBuilder::int_attr(b.node("Gemm", {"x", "fc.weight"}, "h"), "transB", 1);
    b.node("Sin", {"h"}, "s");
    b.node("Cos", {"x"}, "c");
    b.node("Relu", {"s"}, "r");  // fed by an unsupported operator: not reported itself
    b.node("LogSoftmax", {"r"}, "y");
    b.output("y", {4});
    const QString e = import_error(b.bytes());
    QVERIFY2(e.contains("unsupported operators: Sin, Cos, LogSoftmax"), qPrintable(e));
    QVERIFY2(e.startsWith("model.onnx: "), qPrintable(e));
    QVERIFY2(!e.contains("Relu ("), qPrintable(e));
  }

  void a_broken_pattern_names_its_operators() {
    // Div by √2 starts GELU's pattern; a Relu after it breaks it.
    OnnxBuilder b({4});
    b.initializer("sqrt2", {}, {1.41421356f});
    b.node("Div", {"x", "sqrt2"}, "d");
    b.node("Relu", {"d"}, "y");
    b.output("y", {4});
    const QString e = import_error(b.bytes());
    QVERIFY2(e.contains("unsupported operators: Div (outside a pattern"), qPrintable(e));
  }

  void unsupported_attributes_are_named() {
    OnnxBuilder b({4, 6, 6});
    b.initializer("w", {4, 1, 3, 3}, std::vector<float>(36, 0.1f));
    OnnxBuilder::int_attr(b.node("Conv", {"x", "w"}, "y"), "group", 4);
    b.output("y", {4, 4, 4});
    const QString e = import_error(b.bytes());
    QVERIFY2(e.contains("Conv (group 4: grouped or depthwise convolution)"), qPrintable(e));
  }

  void damaged_files_are_errors_not_crashes() {
    QVERIFY2(import_error("").contains("empty"), qPrintable(import_error("")));
    std::mt19937 rng(5);
    for (int trial = 0; trial < 50; ++trial) {
      std::string garbage(static_cast<size_t>(1 + trial * 37), '\0');
      for (char& ch : garbage) ch = static_cast<char>(rng() & 0xff);
      const QString e = import_error(garbage);  // bp::Error or an import; any other exception fails
      QVERIFY2(!e.isEmpty(), "random bytes imported as a model");
    }
    const std::string good = hand_made_mlp().bytes();
    QVERIFY(import_error(good).isEmpty());
    // Cut one byte short, the last field is incomplete: protobuf refuses it.
    const QString cut = import_error(good.substr(0, good.size() - 1));
    QVERIFY2(cut.contains("not a valid ONNX model"), qPrintable(cut));
    // Every other cut gives bp::Error or (cut at a field boundary) a valid smaller model.
    int errors = 0;
    for (size_t n = 0; n < good.size(); n += 3)
      errors += import_error(good.substr(0, n)).isEmpty() ? 0 : 1;
    QVERIFY(errors > static_cast<int>(good.size() / 3) * 9 / 10);
  }

  void malformed_graphs_are_errors() {
    {  // a node reads a value nobody defines
      OnnxBuilder b({3});
      b.node("Relu", {"nowhere"}, "y");
      b.output("y", {3});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("'nowhere'") && e.contains("Relu"), qPrintable(e));
    }
    {  // a weight with fewer values than its dims say
      OnnxBuilder b({3});
      b.initializer("fc.weight", {4, 3}, std::vector<float>(11, 0.5f));
      OnnxBuilder::int_attr(b.node("Gemm", {"x", "fc.weight"}, "y"), "transB", 1);
      b.output("y", {4});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("fc.weight") && e.contains("holds 11 values"), qPrintable(e));
    }
    {  // raw data of the wrong size
      OnnxBuilder b({3});
      onnx::TensorProto* t = b.graph()->add_initializer();
      t->set_name("w");
      t->set_data_type(onnx::TensorProto::FLOAT);
      t->add_dims(4);
      t->add_dims(3);
      t->set_raw_data(std::string(10, '\0'));
      OnnxBuilder::int_attr(b.node("Gemm", {"x", "w"}, "y"), "transB", 1);
      b.output("y", {4});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("10 bytes"), qPrintable(e));
    }
    {  // a weight that does not fit the input
      OnnxBuilder b({5});
      b.initializer("fc.weight", {4, 3}, std::vector<float>(12, 0.5f));
      OnnxBuilder::int_attr(b.node("Gemm", {"x", "fc.weight"}, "y"), "transB", 1);
      b.output("y", {4});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("5 features") && e.contains("expects 3"), qPrintable(e));
    }
    {  // forged huge dims
      OnnxBuilder b({3});
      b.initializer("fc.weight", {1 << 20, 1 << 20, 1 << 20}, {});
      OnnxBuilder::int_attr(b.node("Gemm", {"x", "fc.weight"}, "y"), "transB", 1);
      b.output("y", {4});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("too large"), qPrintable(e));
    }
    {  // a symbolic sample dimension
      OnnxBuilder b({3});
      b.graph()
          ->mutable_input(0)
          ->mutable_type()
          ->mutable_tensor_type()
          ->mutable_shape()
          ->mutable_dim(1)
          ->set_dim_param("F");
      b.node("Relu", {"x"}, "y");
      b.output("y", {3});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("symbolic sample dimension"), qPrintable(e));
    }
    {  // an identity network has nothing to import
      OnnxBuilder b({3});
      b.node("Identity", {"x"}, "y");
      b.output("y", {3});
      const QString e = import_error(b.bytes());
      QVERIFY2(e.contains("no layer"), qPrintable(e));
    }
  }

  void flatten_reshape_and_pad_fold_into_layers() {
    // x (1, 6, 6) -> Pad(1) -> Conv 3x3 -> Shape/Gather/Unsqueeze/Concat/Reshape -> Gemm
    OnnxBuilder b({1, 6, 6});
    b.int_initializer("pads", {0, 0, 1, 1, 0, 0, 1, 1});
    b.node("Pad", {"x", "pads"}, "p");
    b.initializer("conv.weight", {2, 1, 3, 3}, std::vector<float>(18, 0.1f));
    b.initializer("conv.bias", {2}, {0.0f, 1.0f});
    auto* conv = b.node("Conv", {"p", "conv.weight", "conv.bias"}, "c");
    OnnxBuilder::ints_attr(conv, "kernel_shape", {3, 3});
    b.node("Shape", {"c"}, "shape");
    b.int_initializer("zero", {0});
    b.node("Gather", {"shape", "zero"}, "n");
    b.int_initializer("minus1", {-1});
    OnnxBuilder::int_attr(b.node("Concat", {"n", "minus1"}, "target"), "axis", 0);
    b.node("Reshape", {"c", "target"}, "flat");
    b.initializer("fc.weight", {3, 72}, std::vector<float>(216, 0.01f));
    OnnxBuilder::int_attr(b.node("Gemm", {"flat", "fc.weight"}, "y"), "transB", 1);
    b.output("y", {3});
    const Project p = import_onnx(b.bytes(), "m.onnx").project;
    const NodeSpec* c = node_named(p.network, "conv");
    QVERIFY(c);
    QCOMPARE(c->params.padding, (std::array<int, 2>{1, 1}));  // the Pad became the padding
    int flattens = 0;
    for (const auto& n : p.network.nodes) flattens += n.kind == NodeKind::Flatten;
    QCOMPARE(flattens, 1);
    QCOMPARE(p.network.nodes.size(), size_t{4});  // input, conv, flatten, fc
  }

  void input_normalization_becomes_the_data_sets() {
    // (x - mean) / std per channel on the input, as the studio's exporter writes it.
    OnnxBuilder b({2, 4, 4});
    b.initializer("mean", {1, 2, 1, 1}, {0.5f, 0.25f});
    b.initializer("std", {1, 2, 1, 1}, {0.2f, 0.4f});
    b.node("Sub", {"x", "mean"}, "centered");
    b.node("Div", {"centered", "std"}, "scaled");
    b.initializer("conv.weight", {3, 2, 1, 1}, std::vector<float>(6, 0.5f));
    b.node("Conv", {"scaled", "conv.weight"}, "y");
    b.output("y", {3, 4, 4});
    const OnnxImport r = import_onnx(b.bytes(), "m.onnx");
    const NodeSpec* conv = node_named(r.project.network, "conv");
    QVERIFY(conv);
    QCOMPARE(r.project.network.inputs_of(conv->id),
             std::vector<int>{r.project.network.nodes.front().id});
    QVERIFY(r.project.dataset.normalize);
    bool noted = false;
    for (const auto& note : r.notes)
      noted = noted || note.find("normalizes its input") != std::string::npos;
    QVERIFY(noted);
    // A Sub of a constant after a layer is not a normalization: refused by name.
    OnnxBuilder late({3});
    late.initializer("fc.weight", {3, 3}, std::vector<float>(9, 0.5f));
    OnnxBuilder::int_attr(late.node("Gemm", {"x", "fc.weight"}, "h"), "transB", 1);
    late.initializer("k", {3}, {1.0f, 2.0f, 3.0f});
    late.node("Sub", {"h", "k"}, "y");
    late.output("y", {3});
    const QString e = import_error(late.bytes());
    QVERIFY2(e.contains("unsupported operators: Sub"), qPrintable(e));
  }

  void mean_over_h_and_w_is_global_average_pooling() {
    OnnxBuilder b({3, 5, 5});
    auto* mean = b.node("ReduceMean", {"x"}, "m");
    OnnxBuilder::ints_attr(mean, "axes", {-2, -1});
    OnnxBuilder::int_attr(mean, "keepdims", 0);
    b.initializer("fc.weight", {2, 3}, {1.0f, 0.0f, 0.0f, 0.0f, 0.5f, 0.5f});
    OnnxBuilder::int_attr(b.node("Gemm", {"m", "fc.weight"}, "y"), "transB", 1);
    b.output("y", {2});
    const Project p = import_onnx(b.bytes(), "gap.onnx").project;
    QCOMPARE(p.network.nodes.size(), size_t{4});  // input, pool, flatten, fc
    std::vector<float> x(75);
    for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i / 25);  // channel c = c
    const std::vector<float> y = run_imported(p, x, 1);
    QCOMPARE(y[0], 0.0f);
    QCOMPARE(y[1], 1.5f);
  }

  void cli_imports_and_refuses_bad_files() {
    const QString model = tmp_.filePath("mlp.onnx"), out = tmp_.filePath("mlp.json");
    write_file(model, hand_made_mlp().bytes());
    CliResult r = run_cli({"import", model, "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("2 layers"), qPrintable(describe(r)));
    const Project p = read_project(out.toStdString());
    QCOMPARE(p.weights.size(), size_t{4});

    const QString bad = tmp_.filePath("bad.onnx");
    write_file(bad, "this is not protobuf at all \x01\x02\x03");
    r = run_cli({"import", bad, "--out", tmp_.filePath("bad.json")});
    QVERIFY2(r.exit_code == 2, qPrintable(describe(r)));
    QVERIFY2(r.err.contains("bad.onnx") && r.err.contains("not a valid ONNX model"),
             qPrintable(describe(r)));
    QVERIFY(!QFile::exists(tmp_.filePath("bad.json")));

    r = run_cli({"import", model});
    QVERIFY2(r.exit_code == 2 && r.err.contains("--out"), qPrintable(describe(r)));
    r = run_cli({"import", tmp_.filePath("missing.onnx"), "--out", out});
    QVERIFY2(r.exit_code == 2 && r.err.contains("missing.onnx"), qPrintable(describe(r)));
  }
};

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "test_onnx_import.moc"
