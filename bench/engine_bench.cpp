// bp_bench: trains LeNet-5 and an MLP on real Fashion-MNIST with the CPU engine for a fixed
// number of steps and prints samples/s (compare with bench/pytorch_bench.py; bench/run_bench.sh
// runs both). Usage: bp_bench [--data DIR] [--threads N or N,M,...] [--repeats R] [--only
// lenet|mlp64|mlp256]
#include <malloc.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/graph/model.h"

using namespace bp;

namespace {

// Reads a gzipped IDX file (big-endian header: magic, dims) into bytes.
std::vector<uint8_t> read_idx_gz(const std::string& path, std::vector<int>& dims) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw Error("cannot open " + path + ": install the dataset-fashion-mnist package");
  auto read = [&](void* dst, unsigned n) {
    if (gzread(f, dst, n) != static_cast<int>(n)) {
      gzclose(f);
      throw Error(path + ": truncated IDX file");
    }
  };
  unsigned char magic[4];
  read(magic, 4);
  dims.assign(magic[3], 0);
  size_t total = 1;
  for (int& d : dims) {
    unsigned char b[4];
    read(b, 4);
    d = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    total *= static_cast<size_t>(d);
  }
  std::vector<uint8_t> out(total);
  size_t done = 0;
  while (done < total) {
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(total - done, 1u << 30));
    read(out.data() + done, chunk);
    done += chunk;
  }
  gzclose(f);
  return out;
}

struct Data {
  Tensor images;  // (N, 1, 28, 28) in [0, 1]
  Tensor labels;  // (N) class indices as floats
  int64_t n = 0;
};

Data load_fashion_mnist(const std::string& dir) {
  std::vector<int> di, dl;
  auto img = read_idx_gz(dir + "/train-images-idx3-ubyte.gz", di);
  auto lab = read_idx_gz(dir + "/train-labels-idx1-ubyte.gz", dl);
  Data d;
  d.n = di[0];
  d.images = Tensor::cpu({d.n, 1, di[1], di[2]});
  d.labels = Tensor::cpu({d.n});
  for (size_t i = 0; i < img.size(); ++i) d.images.data()[i] = static_cast<float>(img[i]) / 255.0f;
  for (int64_t i = 0; i < d.n; ++i) d.labels.data()[i] = lab[static_cast<size_t>(i)];
  return d;
}

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
NodeSpec max_pool2(const char* name) {
  NodeSpec n = layer(NodeKind::MaxPool2d, name);
  n.params.kernel = {2, 2};
  n.params.stride = {2, 2};
  return n;
}
NodeSpec relu(const char* name) {
  NodeSpec n = layer(NodeKind::Activation, name);
  n.params.activation = Activation::ReLU;
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

struct Result {
  double samples_per_s = 0.0;
  double last_loss = 0.0;
  int threads = 1;
};

// Adam (torch defaults, lr 1e-3) through the backend's optimizer kernel.
Result train(const NetworkSpec& spec, const Data& data, int64_t batch, int steps, int warmup,
             int threads) {
  CpuBackend backend(threads);
  Model model(spec, backend, 0);
  ParameterStore& ps = model.params();
  Tensor m = backend.memory().empty(ps.values().shape());
  Tensor v = backend.memory().empty(ps.values().shape());
  Tensor dlogits = backend.memory().empty({batch, 10});
  AdamHyper h;
  Result r;
  r.threads = threads;
  const int64_t batches = data.n / batch;
  auto step = [&](int i) {
    const int64_t b = i % batches;
    Tensor x = data.images.narrow_batch(b * batch, batch);
    Tensor y = data.labels.narrow_batch(b * batch, batch);
    model.zero_grad();
    const Tensor& logits = model.forward(x, Mode::Train);
    r.last_loss =
        backend.dense().loss_forward_backward(LossKind::CrossEntropyLoss, {}, logits, y, &dlogits);
    model.backward(dlogits);
    backend.optim().adam_step(ps.values(), ps.grads(), m, v, nullptr, h, i + 1);
  };
  for (int i = 0; i < warmup; ++i) step(i);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = warmup; i < warmup + steps; ++i) step(i);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.samples_per_s = static_cast<double>(steps) * static_cast<double>(batch) / s;
  return r;
}

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    out.push_back(std::max(1, std::stoi(text.substr(pos, comma - pos))));
    pos = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  // Keep freed memory in the heap: Eigen's per-product work buffers would otherwise be returned
  // to the kernel after every GEMM (see shared platform notes: a hidden ~4x cost).
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  std::string dir = "/usr/share/datasets/fashion-mnist", only;
  int repeats = 3;
  std::vector<int> thread_counts = {1};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--data")
      dir = argv[i + 1];
    else if (a == "--repeats")
      repeats = std::stoi(argv[i + 1]);
    else if (a == "--only")
      only = argv[i + 1];
    else if (a == "--threads")  // "1" or a list, "1,2": the best of them is reported
      thread_counts = parse_list(argv[i + 1]);
  }
  try {
    const Data data = load_fashion_mnist(dir);
    struct Config {
      const char* name;
      NetworkSpec spec;
      int64_t batch;
      int steps;
    };
    const std::vector<Config> configs = {{"lenet5_b64", lenet5(), 64, 300},
                                         {"mlp_b64", mlp(), 64, 1500},
                                         {"mlp_b256", mlp(), 256, 500}};
    for (const auto& c : configs) {
      if (!only.empty() && std::string(c.name).find(only) == std::string::npos) continue;
      Result best;
      for (int rep = 0; rep < repeats; ++rep)
        for (const int threads : thread_counts) {
          Result r = train(c.spec, data, c.batch, c.steps, 30, threads);
          if (r.samples_per_s > best.samples_per_s) best = r;
        }
      std::printf(
          "engine %-11s %10.0f samples/s  (Adam, %d steps, best with %d thread%s, loss %.3f)\n",
          c.name, best.samples_per_s, c.steps, best.threads, best.threads == 1 ? "" : "s",
          best.last_loss);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bp_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
