// Element-wise arithmetic, recognized only as the patterns PyTorch (and the studio's exporter)
// write for layers ONNX opset 13 has no operator for:
//   GELU       Div(x, √2) → Erf → Add(1) → Mul(x, ·) → Mul(0.5)
//   SiLU       Mul(x, Sigmoid(x))
//   LayerNorm  ReduceMean(x) → Sub(x, ·) → Pow(2) → ReduceMean → Add(eps) → Sqrt → Div →
//              [Mul(weight)] → [Add(bias)], over all the sample's dimensions
//   bias       MatMul(x, W) → Add(b): a Linear with a bias
//   padding    Pad(zeros on H, W) → AveragePool or Conv: the layer's own padding
// and Add of two tensors (a residual connection). Anything else is an unsupported operator.
#include <algorithm>
#include <cmath>

#include "engine/onnx/onnx_import_convert.h"

namespace bp::onnx_import {
namespace {

bool scalar_near(const ConstTensor* t, double v, double tol = 1e-5) {
  if (!t || t->numel() != 1) return false;
  return std::abs(t->as_doubles().front() - v) <= tol * std::max(1.0, std::abs(v));
}

Pending step(const Pending& from, PatternStep next, const std::string& op) {
  Pending p = from;
  p.step = next;
  p.ops.push_back(op);
  return p;
}

Pending start(const std::string& x, PatternStep first, const std::string& op) {
  Pending p;
  p.x = x;
  p.step = first;
  p.ops = {op};
  return p;
}

// Whether the pattern's start `p.x` is the tensor `t` (the same engine node).
bool same_tensor(Converter& c, const Node& n, const Pending& p, const Value& t) {
  const Value& x = c.named(n, p.x);
  return x.kind == Value::Kind::Tensor && x.node == t.node;
}

// Reports a node whose inputs do not make a recognized pattern, naming the pattern's operators.
void broken(Converter& c, const Node& n, const std::string& detail) {
  for (size_t i = 0; i < n.inputs.size(); ++i)
    if (const Pending* p = c.pending(n, i)) c.unsupported_pattern(*p);
  c.unsupported(n, detail);
}

// A float constant with as many values as the tensor `t` has per sample (broadcast over the
// batch only), or one per output unit of a Linear.
bool fits(const ConstTensor& k, int64_t count) {
  return !k.is_int && k.numel() == count;
}

// Sub/Div/Mul/Add of a constant (one value, one per channel or one per feature) applied to the
// graph input itself: the input normalization the studio's exporter writes into the graph. It
// is dropped; the project's data set normalizes instead (see onnx_import.cpp).
bool input_normalization(Converter& c, const Node& n, const Value& x, const ConstTensor& k) {
  if (x.kind != Value::Kind::Tensor || c.spec_of(x).kind != NodeKind::Input || k.is_int)
    return false;
  const int64_t count = k.numel();
  if (count != 1 && count != x.shape[0] && count != x.shape.numel()) return false;
  c.dropped_input_normalization = true;
  c.set_output(n, x);
  return true;
}

void add(Converter& c, const Node& n) {
  const Value& a = c.value(n, 0);
  const Value& b = c.value(n, 1);
  using K = Value::Kind;
  if (a.kind == K::Tensor && b.kind == K::Tensor) {
    if (a.shape != b.shape)
      return c.unsupported(n, "broadcasting " + a.shape.to_string() + " and " +
                                  b.shape.to_string() + ": the studio adds equal shapes");
    return c.set_output(n, c.add_node(n, NodeKind::Add, LayerParams{}, {&a, &b}, {}));
  }
  const bool a_const = a.kind == K::Const;
  const Value& other = a_const ? b : a;
  const ConstTensor* k = a_const ? &a.constant : (b.kind == K::Const ? &b.constant : nullptr);
  if (!k) return broken(c, n, "outside a recognized pattern");
  if (input_normalization(c, n, other, *k)) return;
  if (other.kind == K::Tensor) {
    const std::string& name = n.inputs[a_const ? 1 : 0];
    FoldState& f = c.folds()[other.node];
    NodeSpec& spec = c.spec_of(other);
    if (c.uses(name) == 1 && f.bias && fits(*k, spec.params.out_features)) {
      spec.params.bias = true;
      c.weights[spec.name + ".bias"] = k->floats;
      f.bias = false;
      return c.set_output(n, other);
    }
    if (c.uses(name) == 1 && f.ln_shift && fits(*k, other.shape.numel())) {
      c.weights[spec.name + ".bias"] = k->floats;
      f.ln_shift = f.ln_scale = false;
      f.ln_affine_seen = true;
      return c.set_output(n, other);
    }
    return c.unsupported(n, "of a constant, outside a Linear's bias or a LayerNorm");
  }
  if (other.kind == K::Pending) {
    const Pending& p = other.pending;
    if (p.step == PatternStep::GeluErf && scalar_near(k, 1.0))
      return c.set_output(n, c.make_pending(step(p, PatternStep::GeluErfPlus1, "Add")));
    if (p.step == PatternStep::NormVariance && k->numel() == 1 && k->as_doubles()[0] > 0) {
      Pending q = step(p, PatternStep::NormVarEps, "Add");
      q.eps = k->as_doubles()[0];
      return c.set_output(n, c.make_pending(q));
    }
  }
  broken(c, n, "outside a recognized pattern");
}

void mul(Converter& c, const Node& n) {
  const Value& a = c.value(n, 0);
  const Value& b = c.value(n, 1);
  using K = Value::Kind;
  // GELU: x * (1 + erf(x/√2)), then * 0.5
  for (int swap = 0; swap < 2; ++swap) {
    const Value& u = swap ? b : a;
    const Value& v = swap ? a : b;
    if (u.kind == K::Tensor && v.kind == K::Pending &&
        v.pending.step == PatternStep::GeluErfPlus1 && same_tensor(c, n, v.pending, u))
      return c.set_output(n, c.make_pending(step(v.pending, PatternStep::GeluProduct, "Mul")));
    if (u.kind == K::Pending && u.pending.step == PatternStep::GeluProduct && v.kind == K::Const &&
        scalar_near(&v.constant, 0.5)) {
      LayerParams p;
      p.activation = Activation::GELU;
      const Value& x = c.named(n, u.pending.x);
      return c.set_output(n, c.add_node(n, NodeKind::Activation, p, {&x}, {}));
    }
  }
  // SiLU: x * sigmoid(x)
  if (a.kind == K::Tensor && b.kind == K::Tensor) {
    for (int swap = 0; swap < 2; ++swap) {
      const Value& x = swap ? b : a;
      const Value& s = swap ? a : b;
      NodeSpec& spec = c.spec_of(s);
      const auto producers = c.network.inputs_of(s.node);
      if (spec.kind == NodeKind::Activation && spec.params.activation == Activation::Sigmoid &&
          producers.size() == 1 && producers[0] == x.node && c.uses(n.inputs[swap ? 0 : 1]) == 1) {
        spec.params.activation = Activation::SiLU;
        return c.set_output(n, s);
      }
    }
    return c.unsupported(n, "of two tensors");
  }
  if (a.kind == K::Const && input_normalization(c, n, b, a.constant)) return;
  if (b.kind == K::Const && input_normalization(c, n, a, b.constant)) return;
  // LayerNorm's weight
  for (int swap = 0; swap < 2; ++swap) {
    const Value& x = swap ? b : a;
    const Value& k = swap ? a : b;
    if (x.kind == K::Tensor && k.kind == K::Const) {
      FoldState& f = c.folds()[x.node];
      if (f.ln_scale && c.uses(n.inputs[swap ? 1 : 0]) == 1 && fits(k.constant, x.shape.numel())) {
        c.weights[c.spec_of(x).name + ".weight"] = k.constant.floats;
        f.ln_scale = false;
        f.ln_affine_seen = true;
        return c.set_output(n, x);
      }
      return c.unsupported(n, "by a constant, outside a LayerNorm or GELU");
    }
  }
  broken(c, n, "outside a recognized pattern");
}

void div(Converter& c, const Node& n) {
  const Value& a = c.value(n, 0);
  const Value& b = c.value(n, 1);
  using K = Value::Kind;
  if (a.kind == K::Tensor && b.kind == K::Const && scalar_near(&b.constant, std::sqrt(2.0), 1e-4))
    return c.set_output(n, c.make_pending(start(n.inputs[0], PatternStep::GeluScaled, "Div")));
  if (b.kind == K::Const && input_normalization(c, n, a, b.constant)) return;
  if (a.kind == K::Pending && b.kind == K::Pending && a.pending.step == PatternStep::NormCentered &&
      b.pending.step == PatternStep::NormStd && a.pending.x == b.pending.x) {
    const Value& x = c.named(n, a.pending.x);
    if (x.kind != K::Tensor) return broken(c, n, "outside a recognized pattern");
    std::vector<int64_t> expected;
    for (int64_t i = 1; i <= x.shape.rank(); ++i) expected.push_back(i);
    if (b.pending.axes != expected) {
      c.unsupported_pattern(a.pending);
      return c.unsupported(n, "LayerNorm over only some of the sample's dimensions");
    }
    LayerParams p;
    p.eps = static_cast<float>(b.pending.eps);
    p.affine = true;
    Value v = c.add_node(n, NodeKind::LayerNorm, p, {&x}, {});
    const std::string name = c.spec_of(v).name;
    const auto d = static_cast<size_t>(x.shape.numel());
    c.weights[name + ".weight"] = std::vector<float>(d, 1.0f);
    c.weights[name + ".bias"] = std::vector<float>(d, 0.0f);
    FoldState& f = c.folds()[v.node];
    f.ln_scale = f.ln_shift = true;
    return c.set_output(n, v);
  }
  broken(c, n, "outside a recognized pattern");
}

void reduce_mean(Converter& c, const Node& n) {
  const Value& x = c.value(n, 0);
  std::vector<int64_t> axes = n.ints_attr("axes", {});
  if (const ConstTensor* a = c.constant(n, 1)) axes = a->ints;
  if (n.int_attr("keepdims", 1) != 1) {
    // x.mean((2, 3)) on an image: global average pooling, flattened.
    if (x.kind == Value::Kind::Tensor && x.shape.rank() == 3) {
      for (int64_t& a : axes) a = normalize_axis(a, 4);
      std::sort(axes.begin(), axes.end());
      if (axes == std::vector<int64_t>{2, 3}) {
        LayerParams p;
        p.output_size = {1, 1};
        const Value pooled = c.add_node(n, NodeKind::AdaptiveAvgPool2d, p, {&x}, {});
        return c.set_output(n, c.add_node(n, NodeKind::Flatten, LayerParams{}, {&pooled}, {}));
      }
    }
    return broken(c, n, "keepdims=0 other than a mean over H and W");
  }
  if (x.kind == Value::Kind::Tensor) {
    const int rank = x.shape.rank() + 1;
    if (axes.empty()) return c.unsupported(n, "over all axes including the batch");
    for (int64_t& a : axes) a = normalize_axis(a, rank);
    std::sort(axes.begin(), axes.end());
    Pending p = start(n.inputs[0], PatternStep::NormMean, "ReduceMean");
    p.axes = axes;
    return c.set_output(n, c.make_pending(p));
  }
  if (x.kind == Value::Kind::Pending && x.pending.step == PatternStep::NormSquared) {
    const Value& origin = c.named(n, x.pending.x);
    const int rank = origin.shape.rank() + 1;
    for (int64_t& a : axes) a = normalize_axis(a, rank);
    std::sort(axes.begin(), axes.end());
    if (axes == x.pending.axes)
      return c.set_output(n,
                          c.make_pending(step(x.pending, PatternStep::NormVariance, "ReduceMean")));
  }
  broken(c, n, "outside a recognized pattern");
}

void sub(Converter& c, const Node& n) {
  const Value& a = c.value(n, 0);
  const Pending* p = c.pending(n, 1);
  if (a.kind == Value::Kind::Tensor && p && p->step == PatternStep::NormMean &&
      same_tensor(c, n, *p, a))
    return c.set_output(n, c.make_pending(step(*p, PatternStep::NormCentered, "Sub")));
  if (const ConstTensor* k = c.constant(n, 1); k && input_normalization(c, n, a, *k)) return;
  broken(c, n, "outside a recognized pattern");
}

void unary_step(Converter& c, const Node& n, PatternStep from, PatternStep to) {
  const Pending* p = c.pending(n, 0);
  if (p && p->step == from) {
    if (n.op_type != "Pow" || scalar_near(c.constant(n, 1), 2.0))
      return c.set_output(n, c.make_pending(step(*p, to, n.op_type)));
  }
  broken(c, n, "outside a recognized pattern");
}

void pad(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  if (n.string_attr("mode", "constant") != "constant")
    return c.unsupported(n, "mode '" + n.string_attr("mode", "") + "'");
  std::vector<int64_t> pads = n.ints_attr("pads", {});
  if (c.has_input(n, 1)) {
    const ConstTensor* t = c.require_const(n, 1, "pads");
    if (!t) return;
    pads = t->ints;
  }
  if (c.has_input(n, 2)) {
    const ConstTensor* v = c.require_const(n, 2, "the padding value");
    if (!v) return;
    if (!scalar_near(v, 0.0)) return c.unsupported(n, "with a value other than zero");
  }
  const int rank = x->shape.rank() + 1;
  if (static_cast<int>(pads.size()) != 2 * rank) c.fail(n, "pads must have 2 values per dimension");
  if (std::all_of(pads.begin(), pads.end(), [](int64_t v) { return v == 0; }))
    return c.set_output(n, *x);
  if (rank != 4 || pads[0] || pads[1] || pads[4] || pads[5] || pads[2] != pads[6] ||
      pads[3] != pads[7] || pads[2] < 0 || pads[3] < 0 || pads[2] > 4096 || pads[3] > 4096)
    return c.unsupported(n, "other than the same zeros on both sides of H and W");
  Pending p = start(n.inputs[0], PatternStep::Padded, "Pad");
  p.pad = {static_cast<int>(pads[2]), static_cast<int>(pads[3])};
  c.set_output(n, c.make_pending(p));
}

}  // namespace

bool convert_pattern_op(Converter& c, const Node& n) {
  const std::string& op = n.op_type;
  const bool binary = op == "Add" || op == "Mul" || op == "Div" || op == "Sub" || op == "Pow";
  if (binary && n.inputs.size() != 2) c.fail(n, "expects 2 inputs");
  if (op == "Add") {
    add(c, n);
  } else if (op == "Mul") {
    mul(c, n);
  } else if (op == "Div") {
    div(c, n);
  } else if (op == "Sub") {
    sub(c, n);
  } else if (op == "Pow") {
    unary_step(c, n, PatternStep::NormCentered, PatternStep::NormSquared);
  } else if (op == "Sqrt") {
    unary_step(c, n, PatternStep::NormVarEps, PatternStep::NormStd);
  } else if (op == "Erf") {
    unary_step(c, n, PatternStep::GeluScaled, PatternStep::GeluErf);
  } else if (op == "ReduceMean") {
    reduce_mean(c, n);
  } else if (op == "Pad") {
    pad(c, n);
  } else {
    return false;
  }
  return true;
}

}  // namespace bp::onnx_import
