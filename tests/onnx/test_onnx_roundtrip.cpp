// Export -> import round trip (issue 15): a network trained in the engine, exported by
// engine/onnx/onnx_export and read back by engine/onnx/onnx_import, gives the same outputs as the
// original on the test set (1e-5), keeps its layer kinds and names, and its input preparation
// comes back as the project's dataset normalization (the importer drops the graph's leading
// Sub/Div and turns normalization on). No oracle needed: both ends are ours.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/onnx/onnx_export.h"
#include "engine/onnx/onnx_import.h"
#include "engine/train/trainer.h"
#include "tests/onnx/onnx_test_nets.h"

using namespace bp;
using bp::test::batchnorm_net;
using bp::test::onnx_example;

namespace {

constexpr int64_t kSamples = 20;

// Largest |a - b| / max(1, |a|).
double worst_relative(const std::vector<float>& a, const std::vector<float>& b) {
  double worst = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, std::fabs(static_cast<double>(a[i]) - static_cast<double>(b[i])) /
                                std::max(1.0, std::fabs(static_cast<double>(a[i]))));
  return worst;
}

std::vector<float> outputs(Model& model, const Dataset& test, int64_t n) {
  // test.features: (N, sample...) already prepared by load_dataset (normalized)
  Tensor x = Tensor::cpu(model.input_shape().with_batch(n));
  std::copy(test.features.begin(), test.features.begin() + x.numel(), x.data());
  const Tensor& y = model.forward(x, Mode::Eval);  // (n, outputs...)
  return {y.data(), y.data() + y.numel()};
}

}  // namespace

class TestOnnxRoundTrip : public QObject {
  Q_OBJECT
 private slots:
  void same_outputs_after_export_and_import_data() {
    QTest::addColumn<QString>("net");
    for (const char* n : {"mlp-digits", "lenet5-digits", "residual-cnn-digits", "batchnorm"})
      QTest::newRow(n) << QString(n);
  }
  void same_outputs_after_export_and_import() {
    QFETCH(QString, net);
    Project p = net == "batchnorm" ? batchnorm_net() : onnx_example(net.toStdString());
    CpuBackend backend;
    const DatasetSplits splits = load_dataset(p.dataset);
    Model model(p.network, backend, p.training.seed);
    {
      Trainer trainer(model, splits, p.training);
      trainer.run_epoch();
      trainer.run_epoch();
    }
    p.weights = model.params().to_host(backend);
    const int64_t n = std::min<int64_t>(kSamples, splits.test.size());
    const std::vector<float> expected = outputs(model, splits.test, n);

    const OnnxImport back = import_onnx(export_onnx(p), net.toStdString() + ".onnx");
    Model imported(back.project.network, backend, 1);
    imported.params().from_host(backend, back.project.weights);
    QCOMPARE(imported.input_shape(), model.input_shape());
    QCOMPARE(imported.output_shape(), model.output_shape());
    const std::vector<float> got = outputs(imported, splits.test, n);
    QCOMPARE(got.size(), expected.size());
    const double worst = worst_relative(expected, got);
    QVERIFY2(worst <= 1e-5, qPrintable(QString("worst relative difference %1").arg(worst)));

    // The layers come back with their kinds (activations may come back fused or as nodes, and
    // the importer drops the Input's preparation), and the data preparation as normalization.
    auto count = [](const NetworkSpec& s, NodeKind k) {
      return std::count_if(s.nodes.begin(), s.nodes.end(),
                           [k](const NodeSpec& node) { return node.kind == k; });
    };
    for (NodeKind k :
         {NodeKind::Linear, NodeKind::Conv2d, NodeKind::MaxPool2d, NodeKind::AvgPool2d,
          NodeKind::BatchNorm1d, NodeKind::BatchNorm2d, NodeKind::Add, NodeKind::Flatten})
      QCOMPARE(count(back.project.network, k), count(p.network, k));
    QVERIFY(back.project.dataset.normalize);
  }
};

QTEST_APPLESS_MAIN(TestOnnxRoundTrip)
#include "test_onnx_roundtrip.moc"
