// Wide layers stay cheap: SnapshotBuilder's neuron maps hold only the units the neuron view draws
// (at most kMaxUnitsShown per layer), and the maps of a layer far wider than that (read unit by
// unit from the backend) equal the layer's activations over the grid, as those of a narrow layer
// (read whole) do.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"
#include "engine/train/snapshot/dense_layout.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "tests/ui/training_test_util.h"

using namespace bp;

class TestWideNeuronMaps : public QObject {
  Q_OBJECT

 private slots:
  void onlyDrawnUnitsAndTheirValues();
};

void TestWideNeuronMaps::onlyDrawnUnitsAndTheirValues() {
  Project p = test::toy_project();
  // Wider than both thresholds: read unit by unit (10,000 cells x 600 units x 4 B = 24 MB).
  constexpr int kWide = 600;
  static_assert(kWide > SnapshotBuilder::kWholeDownloadFactor * SnapshotBuilder::kMaxUnitsShown);
  static_assert(int64_t{SnapshotBuilder::kGridSize} * SnapshotBuilder::kGridSize * kWide * 4 >
                SnapshotBuilder::kWholeDownloadBytes);
  p.network = make_sequential(
      Shape{2}, {test::dense(8, Activation::Tanh), test::dense(kWide, Activation::Tanh),
                 test::dense(2, Activation::Identity)});
  const DatasetSplits data = load_dataset(p.dataset);
  CpuBackend backend;
  Model model(p.network, backend, 1);
  SnapshotBuilder builder(model, p.dataset, data, p.training.loss);
  QVERIFY(builder.hasPlane());
  TrainingSnapshot s;
  builder.fillPlane(model, s);

  const std::vector<DenseLayer> layers = dense_layers(p.network, infer_shapes(p.network));
  QCOMPARE(s.layers.size(), layers.size());  // input, 8, 600, 2
  const int64_t cells = int64_t{SnapshotBuilder::kGridSize} * SnapshotBuilder::kGridSize;
  int checked = 0;
  for (size_t k = 1; k < layers.size(); ++k) {
    const LayerGrid& lg = s.layers[k];
    QCOMPARE(lg.units, layers[k].units);
    QCOMPARE(lg.shown, std::min(lg.units, SnapshotBuilder::kMaxUnitsShown));
    QCOMPARE(static_cast<int64_t>(lg.values.size()), lg.shown * cells);
    // The grid forward was the model's last: its activations are the reference (CPU: host).
    const Tensor& a = model.activation(layers[k].output_node_id);  // (cells, units)
    QCOMPARE(a.numel(), cells * lg.units);
    std::vector<float> host(static_cast<size_t>(a.numel()));
    backend.memory().download(a, host.data());
    for (int u = 0; u < lg.shown; ++u)
      for (int64_t i = 0; i < cells; i += 37) {
        const float want = host[static_cast<size_t>(i * lg.units + u)];
        const float got = lg.values[static_cast<size_t>(u * cells + i)];
        if (want != got)
          QFAIL(qPrintable(QString("layer %1 unit %2 cell %3: %4, want %5")
                               .arg(k)
                               .arg(u)
                               .arg(i)
                               .arg(got)
                               .arg(want)));
        ++checked;
      }
  }
  QVERIFY(checked > 1000);
  // The wide layer's maps are not all alike (a stride error would repeat one unit).
  const LayerGrid& wide = s.layers[2];
  QCOMPARE(wide.units, kWide);
  bool differ = false;
  for (int64_t i = 0; i < cells && !differ; ++i)
    differ = wide.values[static_cast<size_t>(i)] != wide.values[static_cast<size_t>(cells + i)];
  QVERIFY(differ);
}

QTEST_APPLESS_MAIN(TestWideNeuronMaps)
#include "test_wide_neuron_maps.moc"
