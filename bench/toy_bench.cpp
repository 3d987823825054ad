// Toy benchmark (issue: foundation): a 2-8-8-1 Tanh network trained on 250 spiral points with
// batch 10 and plain SGD, the TensorFlow-Playground workload. Prints samples/s of training
// (forward, loss, backward, optimizer step, epoch bookkeeping) on one core.
//   toy_bench [epochs]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/common/allocator.h"
#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"

int main(int argc, char** argv) {
  bp::app::tune_allocator();
  const int epochs = argc > 1 ? std::atoi(argv[1]) : 4000;
  bp::DatasetSpec spec;
  spec.source = bp::DatasetSource::Toy;
  spec.toy = bp::ToyKind::Spiral;
  spec.samples = 250;
  spec.noise = 0.0f;
  spec.train_fraction = 1.0f;
  spec.validation_fraction = 0.0f;
  bp::DatasetSplits data = bp::load_dataset(spec);

  bp::NodeSpec h1, h2, out;
  h1.kind = h2.kind = out.kind = bp::NodeKind::Linear;
  h1.params.out_features = h2.params.out_features = 8;
  h1.params.activation = h2.params.activation = bp::Activation::Tanh;
  out.params.out_features = 1;
  out.params.activation = bp::Activation::Tanh;
  bp::NetworkSpec net = bp::make_sequential({2}, {h1, h2, out});

  bp::TrainConfig config;
  config.loss = bp::LossKind::MSELoss;
  config.optimizer.kind = bp::OptimizerKind::SGD;
  config.optimizer.lr = 0.03f;
  config.batch_size = 10;
  config.epochs = epochs;
  bp::CpuBackend backend(1);
  bp::Model model(net, backend, 1);
  bp::Trainer trainer(model, data, config);
  trainer.run_epoch();  // warm-up: allocations happen here
  const auto t0 = std::chrono::steady_clock::now();
  for (int e = 1; e < epochs; ++e) trainer.run_epoch();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double samples = static_cast<double>(epochs - 1) * static_cast<double>(data.train.size());
  std::printf(
      "engine toy 2-8-8-1 tanh, 250 spiral points, batch 10, SGD: %.0f samples/s "
      "(%.2f us/step), final train loss %.4f\n",
      samples / s, 1e6 * s / (samples / 10.0), trainer.history().back().train.loss);
  return 0;
}
