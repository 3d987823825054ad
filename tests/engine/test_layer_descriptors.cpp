// The layer descriptor table: one entry per NodeKind; every schema parameter of every kind
// survives edit -> save -> load and changes what the engine computes (a field the file drops or
// the engine ignores fails here — MaxPool2d's dilation did both); MaxPool2d with dilation
// matches PyTorch's semantics on hand-computed cases, fast kernel and naive reference alike.
#include <QtTest>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/naive_conv_ops.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/model.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"
#include "engine/nn/conv_geometry.h"

using namespace bp;

namespace {

// What the engine makes of a network: every node's shape, the initial parameters and buffers,
// the outputs in eval and train mode, and the parameters and buffers after a training pass.
struct Fingerprint {
  std::vector<std::string> shapes;
  std::map<std::string, std::vector<float>> initial, after;
  std::vector<float> eval_out, train_out, input_grad;
  bool operator==(const Fingerprint&) const = default;
};

std::vector<float> host(const Tensor& t) {
  return std::vector<float>(t.data(), t.data() + t.numel());
}

Fingerprint fingerprint(const NetworkSpec& spec) {
  Fingerprint f;
  const ShapeReport report = infer_shapes(spec);
  for (const auto& n : spec.nodes) {
    const auto& out = report.nodes.at(n.id).output;
    f.shapes.push_back(out ? out->to_string() : "?");
  }
  CpuBackend backend;
  Model model(spec, backend, 7);
  f.initial = model.params().to_host(backend);
  const int64_t batch = 3;
  Tensor x = Tensor::cpu(model.input_shape().with_batch(batch));
  for (int64_t i = 0; i < x.numel(); ++i)
    x.data()[i] = static_cast<float>(2.5 * std::sin(1.7 * static_cast<double>(i) + 0.3));
  f.eval_out = host(model.forward(x, Mode::Eval));
  model.set_step_counter(1);
  const Tensor& y = model.forward(x, Mode::Train);
  f.train_out = host(y);
  Tensor dy = Tensor::cpu(y.shape());
  for (int64_t i = 0; i < dy.numel(); ++i)
    dy.data()[i] = static_cast<float>(std::cos(0.9 * static_cast<double>(i)));
  model.zero_grad();
  model.set_keep_input_grad(true);
  model.backward(dy);
  f.input_grad = host(model.input_grad());
  f.after = model.params().to_host(backend);
  return f;
}

// Input(input_shape) -> node; for the Input kind itself, Input(node's shape) -> Flatten.
NetworkSpec network_with(const NodeSpec& node, const Shape& input_shape) {
  if (node.kind == NodeKind::Input) {
    NodeSpec flatten;
    flatten.kind = NodeKind::Flatten;
    return make_sequential(node.params.input_shape, {flatten});
  }
  return make_sequential(input_shape, {node});
}

NodeSpec editor_node(NodeKind kind) {
  NodeSpec n;
  n.kind = kind;
  if (const auto defaults = layer_descriptor(kind).editor_defaults) defaults(n.params);
  return n;
}

// Non-default values worth trying for a parameter, in order.
std::vector<ParamValue> candidates(const ParamSchema& s, const ParamValue& current) {
  std::vector<ParamValue> out;
  const ParamRange& r = s.range;
  auto push = [&](const ParamValue& v) {
    if (v != current) out.push_back(v);
  };
  switch (param_type(s)) {
    case ParamType::Int: {
      const int64_t d = std::get<int64_t>(current);
      for (int64_t v : {d + 1, 2 * d, int64_t{3}, int64_t{4}, int64_t{12},
                        static_cast<int64_t>(r.lo), static_cast<int64_t>(r.hi)})
        if (v >= r.lo && v <= r.hi) push(v);
      break;
    }
    case ParamType::Real:
      for (double t : {0.3, 0.5, 0.0, 0.05, 1.0}) push(r.lo + t * (r.hi - r.lo));
      break;
    case ParamType::Bool:
      push(!std::get<bool>(current));
      break;
    case ParamType::Pair: {
      const auto d = std::get<std::array<int, 2>>(current);
      for (std::array<int, 2> v :
           {std::array<int, 2>{d[0] + 1, d[1] + 1}, {2, 2}, {1, 1}, {3, 3}, {2, 3}, {1, 2}})
        if (v[0] >= r.lo && v[0] <= r.hi && v[1] >= r.lo && v[1] <= r.hi) push(v);
      break;
    }
    case ParamType::Activation:
      for (Activation f : all_activations()) push(f);
      break;
    case ParamType::Init: {
      InitSpec normal{.kind = InitKind::Normal, .mean = 0.3f, .std = 0.2f};
      InitSpec constant{.kind = InitKind::Constant, .value = 0.7f};
      InitSpec uniform{.kind = InitKind::Uniform, .a = -0.2f, .b = 0.5f};
      InitSpec xavier{.kind = InitKind::XavierUniform, .gain = 2.0f};
      InitSpec kaiming{.kind = InitKind::KaimingNormal,
                       .a = 0.1f,
                       .mode = FanMode::FanOut,
                       .nonlinearity = Nonlinearity::ReLU};
      InitSpec zeros{.kind = InitKind::Zeros};
      InitSpec lecun{.kind = InitKind::LecunNormal};
      for (const InitSpec& v : {normal, constant, uniform, xavier, kaiming, zeros, lecun}) push(v);
      break;
    }
    case ParamType::Shape:
      for (const Shape& v : {Shape{3}, Shape{1, 4, 4}, Shape{2, 5, 5}}) push(v);
      break;
  }
  return out;
}

// Sets other parameters of the node until `s` matters (a Softplus for its threshold); false when
// no single other value makes it relevant.
bool make_relevant(const LayerDescriptor& d, const ParamSchema& s, LayerParams& p) {
  if (is_relevant(s, p)) return true;
  for (const ParamSchema& other : d.params) {
    if (&other == &s) continue;
    for (const ParamValue& v : candidates(other, get_param(other, p))) {
      LayerParams trial = p;
      set_param(other, trial, v);
      if (is_relevant(s, trial)) {
        p = trial;
        return true;
      }
    }
  }
  return false;
}

bool builds(const NetworkSpec& spec) {
  if (!infer_shapes(spec).ok()) return false;
  try {
    CpuBackend backend;
    Model model(spec, backend, 7);
  } catch (const Error&) {
    return false;  // e.g. an orthogonal init of a vector
  }
  return true;
}

NetworkSpec save_and_load(const NetworkSpec& spec) {
  Project project;
  project.network = spec;
  return parse_project(project_to_json(project), "round trip").network;
}

std::string describe(const LayerDescriptor& d, const ParamSchema& s) {
  return std::string(d.pytorch_name) + "." + s.key;
}

float at(const Tensor& t, int h, int w) {
  return t.data()[h * t.dim(3) + w];
}

}  // namespace

class TestLayerDescriptors : public QObject {
  Q_OBJECT
 private slots:
  void oneDescriptorPerKind() {
    const auto all = layer_descriptors();
    QCOMPARE(all.size(), all_node_kinds().size());
    for (size_t i = 0; i < all.size(); ++i) {
      const LayerDescriptor& d = all[i];
      QCOMPARE(static_cast<size_t>(d.kind), i);
      QCOMPARE(parse_node_kind(d.pytorch_name), std::optional<NodeKind>(d.kind));
      QVERIFY2(d.summary && *d.summary, d.pytorch_name);
      QVERIFY2(d.kind == NodeKind::Input || d.make, d.pytorch_name);
      QVERIFY2(d.kind == NodeKind::Input || d.pytorch_module || d.pytorch_expression,
               d.pytorch_name);
      for (const ParamSchema& s : d.params) {
        QVERIFY2(s.key && *s.key && s.label && *s.label && s.tooltip && *s.tooltip, d.pytorch_name);
        const ParamType t = param_type(s);
        if (t == ParamType::Int || t == ParamType::Real || t == ParamType::Pair)
          QVERIFY2(s.range.lo < s.range.hi, describe(d, s).c_str());
      }
    }
  }

  // For every kind and every schema parameter: set a non-default value (as the inspector does,
  // through the schema), write the project JSON, read it back, build the engine and check both
  // that the value came back and that the engine computes something else than with the default.
  void everyParameterSurvivesSaveLoadAndReachesTheEngine() {
    int checked = 0;
    for (const LayerDescriptor& d : layer_descriptors()) {
      for (const ParamSchema& s : d.params) {
        NodeSpec base = editor_node(d.kind);
        QVERIFY2(
            make_relevant(d, s, base.params),
            ("no setting of the other parameters makes " + describe(d, s) + " matter").c_str());
        bool used = false, tried = false;
        for (const Shape& input : {Shape{4, 9, 9}, Shape{12}}) {
          const NetworkSpec base_net = network_with(base, input);
          if (!builds(base_net)) continue;
          const Fingerprint base_print = fingerprint(base_net);
          for (const ParamValue& v : candidates(s, get_param(s, base.params))) {
            NodeSpec edited = base;
            set_param(s, edited.params, v);
            const NetworkSpec net = network_with(edited, input);
            if (!builds(net)) continue;
            tried = true;
            const NetworkSpec loaded = save_and_load(net);
            const NodeSpec& back = loaded.nodes.at(d.kind == NodeKind::Input ? 0 : 1);
            QVERIFY2(get_param(s, back.params) == get_param(s, edited.params),
                     (describe(d, s) + ": the edited value is lost on save/load").c_str());
            QVERIFY2(back.params == edited.params,
                     (describe(d, s) + ": save/load changed other parameters").c_str());
            const bool differs = !(fingerprint(loaded) == base_print);
            // Each activation function and each initializer must make a difference; for numbers,
            // one value that does is enough.
            if (param_type(s) == ParamType::Activation || param_type(s) == ParamType::Init)
              QVERIFY2(differs, (describe(d, s) + ": the engine ignores a value").c_str());
            used = used || differs;
          }
          if (tried) break;
        }
        QVERIFY2(tried, (describe(d, s) + ": no valid non-default value found").c_str());
        // lr_scale acts in the trainer's step, not in forward/backward: test_lr_scale checks it.
        const bool trainer_only = std::string(s.key) == "lr_scale";
        QVERIFY2(used || trainer_only, (describe(d, s) + ": the engine ignores it").c_str());
        ++checked;
      }
    }
    QVERIFY(checked >= 40);
  }

  // The bug that started the descriptor table: MaxPool2d's dilation was shown, dropped on save
  // and ignored by the engine.
  void maxPoolDilationIsSavedAndUsed() {
    NodeSpec pool = editor_node(NodeKind::MaxPool2d);
    pool.params.dilation = {2, 2};
    const NetworkSpec net = save_and_load(make_sequential(Shape{1, 9, 9}, {pool}));
    QCOMPARE(net.nodes[1].params.dilation, (std::array<int, 2>{2, 2}));
    // kernel 2, stride 2, dilation 2: the window spans 3 pixels: (9 - 3) / 2 + 1 = 4
    const ShapeReport shapes = infer_shapes(net);
    QCOMPARE(*shapes.nodes.at(net.nodes[1].id).output, (Shape{1, 4, 4}));
    NodeSpec big = pool;
    big.params.dilation = {4, 4};  // spans 5: (9 - 5) / 2 + 1 = 3
    QCOMPARE(*infer_shapes(make_sequential(Shape{1, 9, 9}, {big})).nodes.at(2).output,
             (Shape{1, 3, 3}));
  }

  // torch.nn.functional.max_pool2d(x, 2, stride, padding, dilation=2) on a 4x4 image, by hand:
  // the taps of window (oh, ow) are x[oh*s - p + 2i][ow*s - p + 2j], i, j in {0, 1}.
  void maxPoolDilationMatchesTorch_data() {
    QTest::addColumn<bool>("naive");
    QTest::newRow("fast") << false;
    QTest::newRow("naive") << true;
  }
  void maxPoolDilationMatchesTorch() {
    QFETCH(bool, naive);
    CpuBackend backend;
    auto naive_ops = make_naive_conv_ops();
    ConvOps& ops = naive ? *naive_ops : backend.conv();
    const float image[16] = {1, 9, 2, 0, 5, 3, 8, 4, 7, 0, 6, 1, 2, 4, 3, 9};
    Tensor x = Tensor::cpu({1, 1, 4, 4});
    std::copy(image, image + 16, x.data());
    LayerParams p;
    p.kernel = {2, 2};
    p.stride = {1, 1};
    p.dilation = {2, 2};
    Pool2dGeometry g = pool_geometry(p, true);
    Tensor y = Tensor::cpu({1, 1, 2, 2});
    ops.max_pool2d_forward(x, g, y);
    // max(x00, x02, x20, x22) = 7, max(x01, x03, x21, x23) = 9, max(x10, x12, x30, x32) = 8,
    // max(x11, x13, x31, x33) = 9
    QCOMPARE(at(y, 0, 0), 7.0f);
    QCOMPARE(at(y, 0, 1), 9.0f);
    QCOMPARE(at(y, 1, 0), 8.0f);
    QCOMPARE(at(y, 1, 1), 9.0f);
    Tensor dy = Tensor::cpu({1, 1, 2, 2});
    std::fill(dy.data(), dy.data() + 4, 1.0f);
    Tensor dx = Tensor::cpu({1, 1, 4, 4});
    ops.max_pool2d_backward(x, y, dy, g, dx);
    const float expected_dx[16] = {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
    for (int i = 0; i < 16; ++i) QCOMPARE(dx.data()[i], expected_dx[i]);

    // padding 1, stride 2: windows see only x11; x11, x13; x11, x31; x11, x13, x31, x33
    p.stride = {2, 2};
    p.padding = {1, 1};
    g = pool_geometry(p, true);
    ops.max_pool2d_forward(x, g, y);
    QCOMPARE(at(y, 0, 0), 3.0f);
    QCOMPARE(at(y, 0, 1), 4.0f);
    QCOMPARE(at(y, 1, 0), 4.0f);
    QCOMPARE(at(y, 1, 1), 9.0f);
  }

  void pytorchExportWritesMaxPoolDilation() {
    NodeSpec pool = editor_node(NodeKind::MaxPool2d);
    pool.params.dilation = {2, 3};
    const LayerParams& p = pool.params;
    const Shape in{1, 9, 9}, out{1, 3, 3};
    const std::string module = layer_descriptor(NodeKind::MaxPool2d).pytorch_module({p, in, out});
    QVERIFY2(module.find("dilation=(2, 3)") != std::string::npos, module.c_str());
  }
};

QTEST_APPLESS_MAIN(TestLayerDescriptors)
#include "test_layer_descriptors.moc"
