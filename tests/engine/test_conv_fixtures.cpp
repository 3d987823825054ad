// The conv family against PyTorch 1.13 fixtures (tests/reference/make_conv_fixtures.py):
// per-layer forward/backward, BatchNorm running statistics over 3 steps and eval, LayerNorm, and a
// small CNN (conv-bn-relu-pool-conv-relu-flatten-linear) trained 10 SGD steps.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/graph/names.h"
#include "engine/nn/layer_factory.h"

using namespace bp;
using json = nlohmann::json;

namespace {

json load(const std::string& name) {
  const std::string path = std::string(BP_SOURCE_DIR) + "/tests/reference/fixtures/" + name;
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  return json::parse(f);
}

Shape shape_of(const json& j) {
  Shape s;
  std::vector<int64_t> d = j.get<std::vector<int64_t>>();
  switch (d.size()) {
    case 1:
      return Shape{d[0]};
    case 2:
      return Shape{d[0], d[1]};
    case 3:
      return Shape{d[0], d[1], d[2]};
    default:
      return Shape{d[0], d[1], d[2], d[3]};
  }
}

Tensor tensor_of(const json& values, const Shape& s) {
  Tensor t = Tensor::cpu(s);
  const auto v = values.get<std::vector<float>>();
  if (static_cast<int64_t>(v.size()) != t.numel())
    throw std::runtime_error("fixture size " + std::to_string(v.size()) + " vs " + s.to_string());
  std::copy(v.begin(), v.end(), t.data());
  return t;
}

// |a - ref| <= atol + rtol * |ref| everywhere; returns a description of the first mismatch.
std::string compare(const float* a, const json& ref, double atol, double rtol) {
  const auto r = ref.get<std::vector<float>>();
  for (size_t i = 0; i < r.size(); ++i)
    if (!(std::fabs(a[i] - r[i]) <= atol + rtol * std::fabs(r[i])))
      return "[" + std::to_string(i) + "] " + std::to_string(a[i]) + " vs torch " +
             std::to_string(r[i]);
  return {};
}

#define EXPECT_MATCH(ptr, ref, atol, rtol, what)                                    \
  do {                                                                              \
    const std::string m_ = compare(ptr, ref, atol, rtol);                           \
    if (!m_.empty()) QFAIL(qPrintable(QString::fromStdString(what + (": " + m_)))); \
  } while (0)

std::array<int, 2> pair(const json& j) {
  return {j[0].get<int>(), j[1].get<int>()};
}

LayerParams params_of(const json& p) {
  LayerParams lp;
  if (p.contains("out_channels")) lp.out_channels = p["out_channels"].get<int64_t>();
  if (p.contains("kernel")) lp.kernel = pair(p["kernel"]);
  if (p.contains("stride")) lp.stride = pair(p["stride"]);
  if (p.contains("padding")) lp.padding = pair(p["padding"]);
  if (p.contains("dilation")) lp.dilation = pair(p["dilation"]);
  if (p.contains("bias")) lp.bias = p["bias"].get<bool>();
  if (p.contains("count_include_pad")) lp.count_include_pad = p["count_include_pad"].get<bool>();
  if (p.contains("output_size")) lp.output_size = pair(p["output_size"]);
  if (p.contains("eps")) lp.eps = p["eps"].get<float>();
  if (p.contains("momentum")) lp.momentum = p["momentum"].get<float>();
  return lp;
}

NodeSpec node(NodeKind kind, const std::string& name, const LayerParams& p) {
  return NodeSpec{1, kind, name, p, 0.0, 0.0};
}

}  // namespace

class ConvFixtures : public QObject {
  Q_OBJECT

 private slots:
  void layers() {
    const json fx = load("conv_layers.json");
    CpuBackend backend;
    int index = 0;
    for (const json& c : fx["cases"]) {
      const std::string kind_name = c["kind"].get<std::string>();
      const std::string what = kind_name + " case " + std::to_string(index++);
      auto kind = parse_node_kind(kind_name);
      QVERIFY(kind);
      auto layer = make_conv_layer(node(*kind, "layer", params_of(c["params"])));
      QVERIFY(layer);
      const Shape xs = shape_of(c["x_shape"]), ys = shape_of(c["y_shape"]);
      const Shape in = xs.without_batch();
      auto out = layer->output_shape(std::span<const Shape>(&in, 1));
      QVERIFY2(std::holds_alternative<Shape>(out), what.c_str());
      QCOMPARE(std::get<Shape>(out).with_batch(xs[0]), ys);
      std::vector<Tensor> values, grads;
      const auto decls = layer->parameters(std::span<const Shape>(&in, 1));
      for (const auto& d : decls) {
        values.push_back(tensor_of(c["param_values"][d.name], d.shape));
        grads.push_back(Tensor::cpu(d.shape));
      }
      layer->bind(values, grads);
      layer->reserve(backend, std::span<const Shape>(&in, 1), xs[0]);
      Tensor x = tensor_of(c["x"], xs);
      Tensor y = Tensor::cpu(ys);
      ForwardContext ctx{backend, Mode::Train, 0, 0, 1};
      layer->forward(ctx, std::span<const Tensor>(&x, 1), y);
      EXPECT_MATCH(y.data(), c["y"], 2e-5, 1e-4, what + " y");
      Tensor dy = tensor_of(c["dy"], ys), dx = Tensor::cpu(xs);
      Tensor* dxp = &dx;
      layer->backward(ctx, std::span<const Tensor>(&x, 1), y, dy,
                      std::span<Tensor* const>(&dxp, 1));
      EXPECT_MATCH(dx.data(), c["dx"], 2e-5, 1e-4, what + " dx");
      for (size_t i = 0; i < decls.size(); ++i)
        EXPECT_MATCH(grads[i].data(), c["param_grads"][decls[i].name], 2e-5, 1e-4,
                     what + " d" + decls[i].name);
    }
    QVERIFY(index >= 20);
  }

  void batch_norm_running_stats() {
    const json fx = load("conv_norm.json");
    CpuBackend backend;
    int index = 0;
    for (const json& c : fx["cases"]) {
      const std::string what = c["kind"].get<std::string>() + " case " + std::to_string(index++);
      auto layer = make_conv_layer(
          node(*parse_node_kind(c["kind"].get<std::string>()), "bn", params_of(c["params"])));
      QVERIFY(layer);
      const Shape xs = shape_of(c["x_shape"]), in = xs.without_batch();
      const int64_t C = in[0];
      std::vector<Tensor> values = {tensor_of(c["weight"], {C}), tensor_of(c["bias"], {C}),
                                    Tensor::cpu({C}), Tensor::cpu({C})};
      for (int64_t i = 0; i < C; ++i) values[3].data()[i] = 1.0f;  // running_var starts at 1
      std::vector<Tensor> grads = {Tensor::cpu({C}), Tensor::cpu({C}), Tensor(), Tensor()};
      const auto decls = layer->parameters(std::span<const Shape>(&in, 1));
      QCOMPARE(decls.size(), size_t{4});
      QCOMPARE(decls[2].name, std::string("running_mean"));
      QVERIFY(!decls[3].trainable);
      layer->bind(values, grads);
      layer->reserve(backend, std::span<const Shape>(&in, 1), xs[0]);
      Tensor y = Tensor::cpu(xs);
      for (int step = 0; step < 3; ++step) {
        Tensor x = tensor_of(c["train_x"][step], xs);
        ForwardContext ctx{backend, Mode::Train, 0, static_cast<uint64_t>(step), 1};
        layer->forward(ctx, std::span<const Tensor>(&x, 1), y);
        if (step == 0) {
          EXPECT_MATCH(y.data(), c["train_y0"], 2e-5, 1e-4, what + " train y");
          Tensor dy = tensor_of(c["dy0"], xs), dx = Tensor::cpu(xs);
          Tensor* dxp = &dx;
          layer->backward(ctx, std::span<const Tensor>(&x, 1), y, dy,
                          std::span<Tensor* const>(&dxp, 1));
          EXPECT_MATCH(dx.data(), c["dx0"], 2e-5, 1e-4, what + " dx");
          EXPECT_MATCH(grads[0].data(), c["dweight0"], 2e-5, 1e-4, what + " dweight");
          EXPECT_MATCH(grads[1].data(), c["dbias0"], 2e-5, 1e-4, what + " dbias");
        }
      }
      EXPECT_MATCH(values[2].data(), c["running_mean"], 1e-5, 1e-4, what + " running_mean");
      EXPECT_MATCH(values[3].data(), c["running_var"], 1e-5, 1e-4, what + " running_var");
      Tensor xe = tensor_of(c["eval_x"], xs);
      ForwardContext ectx{backend, Mode::Eval, 0, 0, 1};
      layer->forward(ectx, std::span<const Tensor>(&xe, 1), y);
      EXPECT_MATCH(y.data(), c["eval_y"], 2e-5, 1e-4, what + " eval y");
    }
    QCOMPARE(index, 3);
  }

  void cnn_ten_sgd_steps() {
    const json fx = load("conv_cnn_train.json")["train"];
    CpuBackend backend;
    auto nd = [](NodeKind k, const char* name) {
      NodeSpec n;
      n.kind = k;
      n.name = std::string(name);
      return n;
    };
    NodeSpec conv1 = nd(NodeKind::Conv2d, "conv1");
    conv1.params.out_channels = 4;
    conv1.params.padding = {1, 1};
    NodeSpec bn1 = nd(NodeKind::BatchNorm2d, "bn1");
    NodeSpec relu1 = nd(NodeKind::Activation, "relu1");
    relu1.params.activation = Activation::ReLU;
    NodeSpec pool1 = nd(NodeKind::MaxPool2d, "pool1");
    pool1.params.kernel = {2, 2};
    pool1.params.stride = {2, 2};
    NodeSpec conv2 = nd(NodeKind::Conv2d, "conv2");
    conv2.params.out_channels = 6;
    NodeSpec relu2 = relu1;
    relu2.name = "relu2";
    NodeSpec flatten = nd(NodeKind::Flatten, "flatten");
    NodeSpec fc1 = nd(NodeKind::Linear, "fc1");
    fc1.params.out_features = 5;
    NetworkSpec spec =
        make_sequential({1, 8, 8}, {conv1, bn1, relu1, pool1, conv2, relu2, flatten, fc1});
    auto model = std::make_unique<Model>(spec, backend, 0);
    std::map<std::string, std::vector<float>> initial;
    for (auto& [k, v] : fx["initial"].items()) initial[k] = v.get<std::vector<float>>();
    model->params().from_host(backend, initial);
    const Shape xs = shape_of(fx["x_shape"]);
    Tensor x = tensor_of(fx["x"], xs);
    const auto targets = fx["target"].get<std::vector<int>>();
    Tensor target = Tensor::cpu({xs[0]});
    for (size_t i = 0; i < targets.size(); ++i) target.data()[i] = static_cast<float>(targets[i]);
    Tensor dlogits = Tensor::cpu({xs[0], 5});
    const float lr = fx["lr"].get<float>();
    const auto losses = fx["losses"].get<std::vector<double>>();
    for (int step = 0; step < 10; ++step) {
      model->zero_grad();
      const Tensor& logits = model->forward(x, Mode::Train);
      const double loss = backend.dense().loss_forward_backward(LossKind::CrossEntropyLoss, {},
                                                                logits, target, &dlogits);
      QVERIFY2(std::fabs(loss - losses[static_cast<size_t>(step)]) <=
                   1e-5 + 1e-4 * std::fabs(losses[static_cast<size_t>(step)]),
               qPrintable(QString("step %1: loss %2 vs torch %3")
                              .arg(step)
                              .arg(loss)
                              .arg(losses[static_cast<size_t>(step)])));
      model->backward(dlogits);
      backend.memory().axpy(-lr, model->params().grads(), model->params().values());
    }
    const auto final_params = model->params().to_host(backend);
    for (auto& [name, ref] : fx["final"].items()) {
      QVERIFY2(final_params.count(name), name.c_str());
      EXPECT_MATCH(final_params.at(name).data(), ref, 1e-4, 1e-3, "final " + name);
    }
  }
};

QTEST_APPLESS_MAIN(ConvFixtures)
#include "test_conv_fixtures.moc"
