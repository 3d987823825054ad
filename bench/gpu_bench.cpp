// bp_gpu_bench: the MLP (784-256-128-10) and LeNet-5 on real Fashion-MNIST at batch 64, 256 and
// 1024 with the CPU engine and the CUDA engine (run by bench/run_gpu_bench.sh beside PyTorch on the
// same GPU). The whole training set is uploaded to the backend once; an epoch is 60,000 samples
// (the last partial batch dropped), Adam lr 1e-3, CrossEntropyLoss. Prints epoch seconds and
// samples/s, and for CUDA the share of one step spent in forward, loss, backward and the
// optimizer (each phase synchronized: an estimate of which phase dominates).
// Usage: bp_gpu_bench [--data DIR] [--backends cpu,cuda] [--cpu-steps N] [--only NAME]
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/common/backends.h"
#include "engine/core/error.h"
#include "engine/data/idx_reader.h"
#include "engine/graph/model.h"
#include "engine/graph/network_spec.h"

using namespace bp;

namespace {

using Clock = std::chrono::steady_clock;

NodeSpec layer(NodeKind kind, const char* name) {
  NodeSpec n;
  n.kind = kind;
  n.name = std::string(name);
  return n;
}
NodeSpec linear(const char* name, int64_t out) {
  NodeSpec n = layer(NodeKind::Linear, name);
  n.params.out_features = out;
  return n;
}
NodeSpec relu(const char* name) {
  NodeSpec n = layer(NodeKind::Activation, name);
  n.params.activation = Activation::ReLU;
  return n;
}
NodeSpec max_pool2(const char* name) {
  NodeSpec n = layer(NodeKind::MaxPool2d, name);
  n.params.kernel = {2, 2};
  n.params.stride = {2, 2};
  return n;
}

NetworkSpec lenet5() {
  NodeSpec c1 = layer(NodeKind::Conv2d, "conv1");
  c1.params.out_channels = 6;
  c1.params.kernel = {5, 5};
  c1.params.padding = {2, 2};
  NodeSpec c2 = layer(NodeKind::Conv2d, "conv2");
  c2.params.out_channels = 16;
  c2.params.kernel = {5, 5};
  return make_sequential(
      {1, 28, 28}, {c1, relu("relu1"), max_pool2("pool1"), c2, relu("relu2"), max_pool2("pool2"),
                    layer(NodeKind::Flatten, "flatten"), linear("fc1", 120), relu("relu3"),
                    linear("fc2", 84), relu("relu4"), linear("fc3", 10)});
}

NetworkSpec mlp() {
  return make_sequential({1, 28, 28},
                         {layer(NodeKind::Flatten, "flatten"), linear("fc1", 256), relu("relu1"),
                          linear("fc2", 128), relu("relu2"), linear("fc3", 10)});
}

struct Phases {
  double forward = 0, loss = 0, backward = 0, optim = 0;
};

struct Result {
  double samples_per_s = 0, epoch_s = 0, last_loss = 0;
  Phases phases;
};

Result train(Backend& backend, const NetworkSpec& spec, const Dataset& data, int64_t batch,
             int64_t steps) {
  const int64_t n = data.size();
  Tensor images = backend.memory().empty({n, 1, 28, 28});
  Tensor labels = backend.memory().empty({n});
  backend.memory().upload(data.features.data(), images);
  backend.memory().upload(data.targets.data(), labels);
  Model model(spec, backend, 0);
  ParameterStore& ps = model.params();
  Tensor m = backend.memory().empty(ps.values().shape());
  Tensor v = backend.memory().empty(ps.values().shape());
  Tensor dlogits = backend.memory().empty({batch, 10});
  const AdamHyper h;
  const int64_t batches = n / batch;
  Result r;
  auto step = [&](int64_t i, Phases* phases) {
    const int64_t b = i % batches;
    Tensor x = images.narrow_batch(b * batch, batch);
    Tensor y = labels.narrow_batch(b * batch, batch);
    auto mark = [&](double* into, Clock::time_point& t) {
      if (!phases) return;
      backend.memory().synchronize();
      const auto now = Clock::now();
      *into += std::chrono::duration<double>(now - t).count();
      t = now;
    };
    auto t = Clock::now();
    model.zero_grad();
    const Tensor& logits = model.forward(x, Mode::Train);
    mark(phases ? &phases->forward : nullptr, t);
    r.last_loss =
        backend.dense().loss_forward_backward(LossKind::CrossEntropyLoss, {}, logits, y, &dlogits);
    mark(phases ? &phases->loss : nullptr, t);
    model.backward(dlogits);
    mark(phases ? &phases->backward : nullptr, t);
    backend.optim().adam_step(ps.values(), ps.grads(), m, v, nullptr, h, i + 1);
    mark(phases ? &phases->optim : nullptr, t);
  };
  const int64_t warmup = std::min<int64_t>(20, steps);
  for (int64_t i = 0; i < warmup; ++i) step(i, nullptr);
  backend.memory().synchronize();
  const auto t0 = Clock::now();
  for (int64_t i = 0; i < steps; ++i) step(warmup + i, nullptr);
  backend.memory().synchronize();
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  r.samples_per_s = static_cast<double>(steps * batch) / s;
  r.epoch_s = static_cast<double>(batches * batch) / r.samples_per_s;
  const int64_t profiled = std::min<int64_t>(50, steps);
  for (int64_t i = 0; i < profiled; ++i) step(warmup + steps + i, &r.phases);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  std::string dir = "/usr/share/datasets/fashion-mnist", backends = "cpu,cuda", only;
  int64_t cpu_steps = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--data") dir = argv[i + 1];
    if (a == "--backends") backends = argv[i + 1];
    if (a == "--cpu-steps") cpu_steps = std::stoll(argv[i + 1]);
    if (a == "--only") only = argv[i + 1];
  }
  try {
    const Dataset data = read_idx_images_labels(dir + "/train-images-idx3-ubyte.gz",
                                                dir + "/train-labels-idx1-ubyte.gz", "fashion");
    for (const std::string kind : {"cpu", "cuda"}) {
      if (backends.find(kind) == std::string::npos) continue;
      app::BackendSelection sel = app::create_backend(
          kind == "cuda" ? app::BackendChoice::Cuda : app::BackendChoice::Cpu, 1);
      std::printf("backend %s: %s\n", kind.c_str(), sel.backend->description().c_str());
      struct Config {
        const char* name;
        NetworkSpec spec;
      };
      for (const Config& c : {Config{"mlp", mlp()}, Config{"lenet5", lenet5()}})
        for (int64_t batch : {64, 256, 1024}) {
          const std::string name = std::string(c.name) + "_b" + std::to_string(batch);
          if (!only.empty() && name.find(only) == std::string::npos) continue;
          // CUDA: one full epoch of steps; CPU: a fixed sample, extrapolated to an epoch.
          const int64_t steps =
              kind == "cuda" ? data.size() / batch : std::max<int64_t>(10, cpu_steps * 64 / batch);
          const Result r = train(*sel.backend, c.spec, data, batch, steps);
          const Phases& p = r.phases;
          const double total = p.forward + p.loss + p.backward + p.optim;
          std::printf(
              "%-5s %-12s %12.0f samples/s  epoch %8.3f s  loss %.3f  "
              "[forward %2.0f%%, loss %2.0f%%, backward %2.0f%%, optimizer %2.0f%%]\n",
              kind.c_str(), name.c_str(), r.samples_per_s, r.epoch_s, r.last_loss,
              100 * p.forward / total, 100 * p.loss / total, 100 * p.backward / total,
              100 * p.optim / total);
          std::fflush(stdout);
        }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bp_gpu_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
