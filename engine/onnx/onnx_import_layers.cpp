// The operators that map onto one studio layer each: Gemm, MatMul, Conv, the pools,
// BatchNormalization, the element-wise activations, PRelu, Softmax, Flatten, Concat, and the
// ones that vanish (Dropout, Identity).
#include <cmath>
#include <optional>

#include "engine/onnx/onnx_import_convert.h"

namespace bp::onnx_import {
namespace {

// A geometric attribute value as an int (kernel sizes, strides, pads), or nullopt when absurd.
std::optional<int> small_int(int64_t v) {
  if (v < 0 || v > (1 << 20)) return std::nullopt;
  return static_cast<int>(v);
}

// [out, in] from B [in, out] (MatMul, Gemm transB=0) or as is (transB=1).
std::vector<float> out_in_weight(const ConstTensor& b, bool transposed_already) {
  if (transposed_already) return b.floats;
  const int64_t rows = b.dims[0], cols = b.dims[1];
  std::vector<float> w(b.floats.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      w[static_cast<size_t>(c * rows + r)] = b.floats[static_cast<size_t>(r * cols + c)];
  return w;
}

bool float_tensor(const ConstTensor& t, size_t rank) {
  return !t.is_int && t.dims.size() == rank;
}

// 2-D window attributes of Conv/MaxPool/AveragePool. Returns false (after reporting) when the
// node uses something the studio's layers do not have.
struct Window {
  std::array<int, 2> kernel{1, 1}, stride{1, 1}, padding{0, 0}, dilation{1, 1};
};

bool read_window(Converter& c, const Node& n, const std::vector<int64_t>& kernel, Window& w) {
  if (kernel.size() != 2) {
    c.unsupported(n, std::to_string(kernel.size()) + "-D window: only 2-D images are supported");
    return false;
  }
  const auto strides = n.ints_attr("strides", {1, 1});
  const auto dilations = n.ints_attr("dilations", {1, 1});
  auto pads = n.ints_attr("pads", {0, 0, 0, 0});
  const std::string auto_pad = n.string_attr("auto_pad", "NOTSET");
  if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4)
    c.fail(n, "strides, dilations and pads must have 2, 2 and 4 values for a 2-D window");
  for (int i = 0; i < 2; ++i) {
    const auto k = small_int(kernel[static_cast<size_t>(i)]);
    const auto s = small_int(strides[static_cast<size_t>(i)]);
    const auto d = small_int(dilations[static_cast<size_t>(i)]);
    if (!k || !s || !d || *k < 1 || *s < 1 || *d < 1)
      c.fail(n, "kernel_shape, strides and dilations must be positive");
    w.kernel[static_cast<size_t>(i)] = *k;
    w.stride[static_cast<size_t>(i)] = *s;
    w.dilation[static_cast<size_t>(i)] = *d;
  }
  if (auto_pad == "VALID") {
    pads = {0, 0, 0, 0};
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (int i = 0; i < 2; ++i) {
      const int span = (w.kernel[static_cast<size_t>(i)] - 1) * w.dilation[static_cast<size_t>(i)];
      if (w.stride[static_cast<size_t>(i)] != 1 || span % 2 != 0) {
        c.unsupported(n, "auto_pad " + auto_pad + " with uneven padding");
        return false;
      }
      pads[static_cast<size_t>(i)] = pads[static_cast<size_t>(i) + 2] = span / 2;
    }
  } else if (auto_pad != "NOTSET" && !auto_pad.empty()) {
    c.fail(n, "unknown auto_pad '" + auto_pad + "'");
  }
  if (pads[0] != pads[2] || pads[1] != pads[3]) {
    c.unsupported(n, "asymmetric padding: the studio pads both sides alike");
    return false;
  }
  for (int i = 0; i < 2; ++i) {
    const auto p = small_int(pads[static_cast<size_t>(i)]);
    if (!p) c.fail(n, "pads must be non-negative");
    w.padding[static_cast<size_t>(i)] = *p;
  }
  return true;
}

// The input of a pool or convolution, with a preceding zero Pad folded in (`extra`).
const Value* windowed_input(Converter& c, const Node& n, std::array<int, 2>& extra) {
  if (const Pending* p = c.pending(n, 0); p && p->step == PatternStep::Padded) {
    extra = p->pad;
    return &c.named(n, p->x);
  }
  return c.require_tensor(n, 0);
}

void gemm(Converter& c, const Node& n, bool matmul) {
  const Value* a = c.require_tensor(n, 0);
  if (!a) return;
  const ConstTensor* b = c.require_const(n, 1, "the weight (input B)");
  if (!b) return;
  if (!float_tensor(*b, 2)) c.fail(n, "the weight must be a 2-D float tensor");
  if (!matmul && n.int_attr("transA", 0) != 0) return c.unsupported(n, "transA=1");
  const bool trans_b = !matmul && n.int_attr("transB", 0) != 0;
  const int64_t in = trans_b ? b->dims[1] : b->dims[0];
  const int64_t out = trans_b ? b->dims[0] : b->dims[1];
  if (a->shape.rank() != 1)
    return c.unsupported(n, "on an input of shape " + a->shape.to_string() +
                                " per sample: Linear takes flat features");
  if (a->shape[0] != in)
    c.fail(n, "the input has " + std::to_string(a->shape[0]) + " features but the weight expects " +
                  std::to_string(in));
  std::vector<float> w = out_in_weight(*b, trans_b);
  const float alpha = matmul ? 1.0f : n.float_attr("alpha", 1.0f);
  if (alpha != 1.0f)
    for (float& x : w) x *= alpha;
  LayerParams p;
  p.out_features = out;
  p.bias = false;
  std::vector<float> bias;
  if (!matmul && c.has_input(n, 2)) {
    const ConstTensor* cb = c.require_const(n, 2, "the bias (input C)");
    if (!cb) return;
    if (cb->is_int || (cb->numel() != out && cb->numel() != 1))
      c.fail(n, "the bias must hold " + std::to_string(out) + " floats (or one)");
    const float beta = n.float_attr("beta", 1.0f);
    for (int64_t i = 0; i < out; ++i)
      bias.push_back(beta * cb->floats[cb->numel() == 1 ? 0 : static_cast<size_t>(i)]);
    p.bias = true;
  }
  Value v = c.add_node(n, NodeKind::Linear, p, {a}, n.inputs[1]);
  const std::string name = c.spec_of(v).name;
  c.weights[name + ".weight"] = std::move(w);
  if (p.bias)
    c.weights[name + ".bias"] = std::move(bias);
  else
    c.folds()[v.node].bias = true;  // MatMul + Add: the Add becomes the bias
  c.set_output(n, v);
}

void conv(Converter& c, const Node& n) {
  std::array<int, 2> extra{0, 0};
  const Value* x = windowed_input(c, n, extra);
  if (!x) return;
  const ConstTensor* w = c.require_const(n, 1, "the weight");
  if (!w) return;
  if (!float_tensor(*w, 4))
    return c.unsupported(
        n, std::to_string(w->dims.size() - 2) + "-D convolution: only Conv2d is supported");
  if (n.int_attr("group", 1) != 1)
    return c.unsupported(n, "group " + std::to_string(n.int_attr("group", 1)) +
                                ": grouped or depthwise convolution");
  if (x->shape.rank() != 3)
    c.fail(n, "expects an image (C, H, W) per sample, got " + x->shape.to_string());
  if (w->dims[1] != x->shape[0])
    c.fail(n, "the weight expects " + std::to_string(w->dims[1]) +
                  " input channels, the input has " + std::to_string(x->shape[0]));
  Window win;
  if (!read_window(c, n, n.ints_attr("kernel_shape", {w->dims[2], w->dims[3]}), win)) return;
  if (win.kernel[0] != w->dims[2] || win.kernel[1] != w->dims[3])
    c.fail(n, "kernel_shape disagrees with the weight's dims");
  LayerParams p;
  p.out_channels = w->dims[0];
  p.kernel = win.kernel;
  p.stride = win.stride;
  p.padding = {win.padding[0] + extra[0], win.padding[1] + extra[1]};
  p.dilation = win.dilation;
  p.bias = c.has_input(n, 2);
  std::vector<float> bias;
  if (p.bias) {
    const ConstTensor* b = c.require_const(n, 2, "the bias");
    if (!b) return;
    if (b->is_int || b->numel() != p.out_channels)
      c.fail(n, "the bias must hold " + std::to_string(p.out_channels) + " floats");
    bias = b->floats;
  }
  Value v = c.add_node(n, NodeKind::Conv2d, p, {x}, n.inputs[1]);
  const std::string name = c.spec_of(v).name;
  c.weights[name + ".weight"] = w->floats;
  if (p.bias) c.weights[name + ".bias"] = std::move(bias);
  c.set_output(n, v);
}

void pool(Converter& c, const Node& n, bool max) {
  std::array<int, 2> extra{0, 0};
  const Value* x = windowed_input(c, n, extra);
  if (!x) return;
  if (max && (extra[0] || extra[1]))
    return c.unsupported(n, "after a zero Pad: max pooling pads with -infinity");
  if (n.int_attr("ceil_mode", 0) != 0) return c.unsupported(n, "ceil_mode=1");
  if (n.outputs.size() > 1 && !n.outputs[1].empty() && c.uses(n.outputs[1]) > 0)
    return c.unsupported(n, "with its indices output");
  if (x->shape.rank() != 3)
    c.fail(n, "expects an image (C, H, W) per sample, got " + x->shape.to_string());
  const auto kernel = n.ints_attr("kernel_shape", {});
  if (kernel.empty()) c.fail(n, "has no kernel_shape");
  Window win;
  if (!read_window(c, n, kernel, win)) return;
  LayerParams p;
  p.kernel = win.kernel;
  p.stride = win.stride;
  if (max) {
    p.padding = win.padding;
    p.dilation = win.dilation;
  } else {
    if (win.dilation != std::array<int, 2>{1, 1}) return c.unsupported(n, "dilations");
    const bool own_pad = win.padding[0] || win.padding[1];
    const bool counts_pad = n.int_attr("count_include_pad", 0) != 0;
    if ((extra[0] || extra[1]) && own_pad && !counts_pad)
      return c.unsupported(n, "zero Pad before a pool that excludes its own padding");
    p.padding = {win.padding[0] + extra[0], win.padding[1] + extra[1]};
    const bool padded = p.padding[0] || p.padding[1];
    // Without any padding the flag changes nothing: keep PyTorch's default.
    p.count_include_pad = !padded || counts_pad || extra[0] || extra[1];
  }
  c.set_output(n, c.add_node(n, max ? NodeKind::MaxPool2d : NodeKind::AvgPool2d, p, {x}, {}));
}

void global_avg_pool(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  if (x->shape.rank() != 3)
    return c.unsupported(n, "on an input of shape " + x->shape.to_string() + " per sample");
  LayerParams p;
  p.output_size = {1, 1};
  c.set_output(n, c.add_node(n, NodeKind::AdaptiveAvgPool2d, p, {x}, {}));
}

void batch_norm(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  if (n.int_attr("training_mode", 0) != 0)
    return c.unsupported(n, "training_mode=1: export the model in eval mode");
  for (size_t i = 1; i < n.outputs.size(); ++i)
    if (!n.outputs[i].empty() && c.uses(n.outputs[i]) > 0)
      return c.unsupported(n, "with running-statistics outputs: export in eval mode");
  const int64_t channels = x->shape[0];
  const char* names[] = {"weight", "bias", "running_mean", "running_var"};
  std::vector<std::vector<float>> tensors;
  for (size_t i = 1; i <= 4; ++i) {
    const ConstTensor* t = c.require_const(n, i, std::string(names[i - 1]));
    if (!t) return;
    if (t->is_int || t->numel() != channels)
      c.fail(n, std::string(names[i - 1]) + " must hold " + std::to_string(channels) +
                    " floats (one per channel)");
    tensors.push_back(t->floats);
  }
  LayerParams p;
  p.eps = n.float_attr("epsilon", 1e-5f);
  // ONNX's momentum weighs the old running value; PyTorch's weighs the new batch.
  p.momentum = 1.0f - n.float_attr("momentum", 0.9f);
  p.affine = true;
  const NodeKind kind = x->shape.rank() == 3 ? NodeKind::BatchNorm2d : NodeKind::BatchNorm1d;
  Value v = c.add_node(n, kind, p, {x}, n.inputs[1]);
  const std::string name = c.spec_of(v).name;
  for (size_t i = 0; i < 4; ++i) c.weights[name + "." + names[i]] = std::move(tensors[i]);
  c.set_output(n, v);
}

void activation(Converter& c, const Node& n, Activation f) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  LayerParams p;
  p.activation = f;
  if (f == Activation::LeakyReLU) p.act.negative_slope = n.float_attr("alpha", 0.01f);
  if (f == Activation::ELU) p.act.alpha = n.float_attr("alpha", 1.0f);
  if (f == Activation::SELU) {
    const float alpha = n.float_attr("alpha", 1.67326319217681884765625f);
    const float gamma = n.float_attr("gamma", 1.05070102214813232421875f);
    if (std::abs(alpha - 1.6732632f) > 1e-5f || std::abs(gamma - 1.0507010f) > 1e-5f)
      return c.unsupported(n, "alpha/gamma other than SELU's constants");
  }
  if (f == Activation::GELU && n.string_attr("approximate", "none") != "none")
    return c.unsupported(n, "approximate='tanh'");
  c.set_output(n, c.add_node(n, NodeKind::Activation, p, {x}, {}));
}

void prelu(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  const ConstTensor* slope = c.require_const(n, 1, "the slope");
  if (!slope) return;
  if (slope->is_int) c.fail(n, "the slope must be float");
  const int rank = x->shape.rank() + 1;  // with the batch
  const auto k = static_cast<int>(slope->dims.size());
  LayerParams p;
  p.num_parameters = 1;
  if (slope->numel() != 1) {
    // Right-aligned broadcasting: only the channel axis (1) may be larger than 1.
    bool ok = k <= rank;
    for (int j = 0; j < k && ok; ++j) {
      const int axis = rank - k + j;
      const int64_t d = slope->dims[static_cast<size_t>(j)];
      ok = d == 1 || (axis == 1 && d == x->shape[0]);
    }
    if (!ok) return c.unsupported(n, "with a slope that is neither shared nor per channel");
    p.num_parameters = x->shape[0];
  }
  p.prelu_init = slope->floats.empty() ? 0.25f : slope->floats.front();
  Value v = c.add_node(n, NodeKind::PReLU, p, {x}, n.inputs[1]);
  c.weights[c.spec_of(v).name + ".weight"] = slope->floats;
  c.set_output(n, v);
}

void softmax(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  const int rank = x->shape.rank() + 1;
  const int64_t axis = normalize_axis(n.int_attr("axis", c.model().opset >= 13 ? -1 : 1), rank);
  if (x->shape.rank() != 1 || axis != 1)
    return c.unsupported(n, "over axis " + std::to_string(axis) + " of a (N, " +
                                x->shape.to_string() + ") tensor: Softmax takes flat features");
  c.set_output(n, c.add_node(n, NodeKind::Softmax, LayerParams{}, {x}, {}));
}

void flatten(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  const int64_t axis = normalize_axis(n.int_attr("axis", 1), x->shape.rank() + 1);
  if (axis != 1) return c.unsupported(n, "axis " + std::to_string(axis) + " (only axis 1)");
  if (x->shape.rank() == 1) return c.set_output(n, *x);
  c.set_output(n, c.add_node(n, NodeKind::Flatten, LayerParams{}, {x}, {}));
}

void concat(Converter& c, const Node& n) {
  std::vector<const Value*> xs;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const Value* x = c.require_tensor(n, i);
    if (!x) return;
    xs.push_back(x);
  }
  if (xs.empty()) c.fail(n, "has no inputs");
  const int64_t axis = normalize_axis(n.int_attr("axis", 1), xs.front()->shape.rank() + 1);
  if (axis != 1)
    return c.unsupported(n, "along axis " + std::to_string(axis) +
                                ": the studio joins features or channels (axis 1)");
  if (xs.size() == 1) return c.set_output(n, *xs.front());
  c.set_output(n, c.add_node(n, NodeKind::Concat, LayerParams{}, xs, {}));
}

}  // namespace

bool convert_layer_op(Converter& c, const Node& n) {
  const std::string& op = n.op_type;
  if (op == "Gemm" || op == "MatMul") {
    gemm(c, n, op == "MatMul");
  } else if (op == "Conv") {
    conv(c, n);
  } else if (op == "MaxPool" || op == "AveragePool") {
    pool(c, n, op == "MaxPool");
  } else if (op == "GlobalAveragePool") {
    global_avg_pool(c, n);
  } else if (op == "BatchNormalization") {
    batch_norm(c, n);
  } else if (op == "Relu") {
    activation(c, n, Activation::ReLU);
  } else if (op == "Sigmoid") {
    activation(c, n, Activation::Sigmoid);
  } else if (op == "Tanh") {
    activation(c, n, Activation::Tanh);
  } else if (op == "LeakyRelu") {
    activation(c, n, Activation::LeakyReLU);
  } else if (op == "Elu") {
    activation(c, n, Activation::ELU);
  } else if (op == "Selu") {
    activation(c, n, Activation::SELU);
  } else if (op == "Softplus") {
    activation(c, n, Activation::Softplus);
  } else if (op == "Gelu") {
    activation(c, n, Activation::GELU);
  } else if (op == "PRelu") {
    prelu(c, n);
  } else if (op == "Softmax") {
    softmax(c, n);
  } else if (op == "LogSoftmax") {
    c.unsupported(n,
                  "no such layer: end the model in logits, CrossEntropyLoss applies "
                  "log-softmax itself");
  } else if (op == "Flatten") {
    flatten(c, n);
  } else if (op == "Concat") {
    concat(c, n);
  } else if (op == "Dropout") {
    if (n.outputs.size() > 1 && !n.outputs[1].empty() && c.uses(n.outputs[1]) > 0)
      c.unsupported(n, "with its mask output");
    else
      c.alias_output(n, n.inputs.empty() ? std::string() : n.inputs[0]);
  } else if (op == "Identity") {
    c.alias_output(n, n.inputs.empty() ? std::string() : n.inputs[0]);
  } else {
    return false;
  }
  return true;
}

}  // namespace bp::onnx_import
