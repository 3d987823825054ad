// Constants and the shape arithmetic PyTorch writes around x.view(x.size(0), -1):
// Shape -> Gather -> Unsqueeze -> Concat -> Reshape. Shapes fold to constant vectors in which
// the batch dimension is the symbol kBatch; Reshape then becomes a Flatten, or nothing.
#include <algorithm>

#include "engine/onnx/onnx_import_convert.h"

namespace bp::onnx_import {
namespace {

ConstTensor ints_tensor(std::vector<int64_t> values, std::vector<int64_t> dims) {
  ConstTensor t;
  t.is_int = true;
  t.ints = std::move(values);
  t.dims = std::move(dims);
  return t;
}

bool all_const(Converter& c, const Node& n) {
  if (n.inputs.empty()) return false;
  for (size_t i = 0; i < n.inputs.size(); ++i)
    if (c.has_input(n, i) && !c.constant(n, i)) return false;
  return true;
}

void constant(Converter& c, const Node& n) {
  if (const Attribute* a = n.attribute("value"); a && a->t)
    return c.set_output(n, c.make_const(*a->t));
  ConstTensor t;
  if (const Attribute* a = n.attribute("value_float")) {
    t.floats = {a->f};
  } else if (const Attribute* af = n.attribute("value_floats")) {
    t.floats = af->floats;
    t.dims = {static_cast<int64_t>(t.floats.size())};
  } else if (const Attribute* ai = n.attribute("value_int")) {
    t = ints_tensor({ai->i}, {});
  } else if (const Attribute* ais = n.attribute("value_ints")) {
    t = ints_tensor(ais->ints, {static_cast<int64_t>(ais->ints.size())});
  } else {
    return c.unsupported(n, "without a tensor, float or int value");
  }
  c.set_output(n, c.make_const(std::move(t)));
}

void shape(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  std::vector<int64_t> dims{kBatch};
  for (int i = 0; i < x->shape.rank(); ++i) dims.push_back(x->shape[i]);
  const auto rank = static_cast<int64_t>(dims.size());
  int64_t start =
      std::clamp<int64_t>(normalize_axis(n.int_attr("start", 0), static_cast<int>(rank)), 0, rank);
  int64_t end =
      std::clamp<int64_t>(normalize_axis(n.int_attr("end", rank), static_cast<int>(rank)), 0, rank);
  if (end < start) end = start;
  std::vector<int64_t> out(dims.begin() + start, dims.begin() + end);
  const auto size = static_cast<int64_t>(out.size());
  c.set_output(n, c.make_const(ints_tensor(std::move(out), {size})));
}

void gather(Converter& c, const Node& n) {
  const ConstTensor& data = *c.constant(n, 0);
  const ConstTensor& idx = *c.constant(n, 1);
  if (data.dims.size() != 1 || n.int_attr("axis", 0) != 0 || !idx.is_int || idx.dims.size() > 1)
    return c.unsupported(n, "on constants other than a shape vector");
  const int64_t size = data.dims[0];
  ConstTensor out;
  out.is_int = data.is_int;
  out.dims = idx.dims;
  for (int64_t i : idx.ints) {
    const int64_t k = i < 0 ? i + size : i;
    if (k < 0 || k >= size) c.fail(n, "index " + std::to_string(i) + " is out of range");
    if (data.is_int)
      out.ints.push_back(data.ints[static_cast<size_t>(k)]);
    else
      out.floats.push_back(data.floats[static_cast<size_t>(k)]);
  }
  c.set_output(n, c.make_const(std::move(out)));
}

void unsqueeze_squeeze(Converter& c, const Node& n, bool unsqueeze) {
  ConstTensor t = *c.constant(n, 0);
  std::vector<int64_t> axes = n.ints_attr("axes", {});
  if (const ConstTensor* a = c.constant(n, 1)) axes = a->ints;
  if (unsqueeze) {
    const auto rank = static_cast<int>(t.dims.size() + axes.size());
    for (int64_t& a : axes) a = normalize_axis(a, rank);
    std::sort(axes.begin(), axes.end());
    for (int64_t a : axes) {
      if (a < 0 || a > static_cast<int64_t>(t.dims.size())) c.fail(n, "axis out of range");
      t.dims.insert(t.dims.begin() + a, 1);
    }
  } else {
    std::vector<int64_t> dims;
    for (size_t i = 0; i < t.dims.size(); ++i) {
      const bool listed = std::any_of(axes.begin(), axes.end(), [&](int64_t a) {
        return normalize_axis(a, static_cast<int>(t.dims.size())) == static_cast<int64_t>(i);
      });
      if (!(t.dims[i] == 1 && (axes.empty() || listed))) dims.push_back(t.dims[i]);
    }
    t.dims = dims;
  }
  c.set_output(n, c.make_const(std::move(t)));
}

void concat_consts(Converter& c, const Node& n) {
  ConstTensor out;
  out.is_int = c.constant(n, 0)->is_int;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const ConstTensor& t = *c.constant(n, i);
    if (t.dims.size() != 1 || t.is_int != out.is_int)
      return c.unsupported(n, "of constants other than vectors");
    out.ints.insert(out.ints.end(), t.ints.begin(), t.ints.end());
    out.floats.insert(out.floats.end(), t.floats.begin(), t.floats.end());
  }
  out.dims = {out.numel()};
  c.set_output(n, c.make_const(std::move(out)));
}

void cast(Converter& c, const Node& n) {
  ConstTensor t = *c.constant(n, 0);
  const int64_t to = n.int_attr("to", 1);
  const bool to_float = to == 1 || to == 11;
  if (to_float && t.is_int) {
    for (int64_t v : t.ints) t.floats.push_back(static_cast<float>(v));
    t.ints.clear();
    t.is_int = false;
  } else if (!to_float && !t.is_int) {
    for (float v : t.floats) t.ints.push_back(static_cast<int64_t>(v));
    t.floats.clear();
    t.is_int = true;
  }
  c.set_output(n, c.make_const(std::move(t)));
}

void reshape(Converter& c, const Node& n) {
  const Value* x = c.require_tensor(n, 0);
  if (!x) return;
  const ConstTensor* target = c.require_const(n, 1, "the target shape");
  if (!target) return;
  if (!target->is_int || target->dims.size() != 1 || target->ints.empty())
    c.fail(n, "the target shape must be a vector of integers");
  std::vector<int64_t> t = target->ints;
  const int64_t batch = t.front();
  const bool keeps_batch = batch == kBatch || (batch == 0 && n.int_attr("allowzero", 0) == 0) ||
                           (batch > 0 && batch == c.input_batch());
  const int64_t numel = x->shape.numel();
  // Per-sample target, with 0 (copy the input's dim) and -1 (infer) resolved.
  std::vector<int64_t> sample(t.begin() + 1, t.end());
  int64_t known = 1, infer = -1;
  for (size_t i = 0; i < sample.size(); ++i) {
    if (sample[i] == 0) {
      if (static_cast<int>(i) + 1 >= x->shape.rank() + 1)
        c.fail(n, "copies a dimension that does not exist");
      sample[i] = x->shape[static_cast<int>(i)];
    }
    if (sample[i] == -1) {
      infer = static_cast<int64_t>(i);
    } else if (sample[i] <= 0) {
      return c.unsupported(n, "to a shape that mixes the batch into the sample dimensions");
    } else if (sample[i] > (int64_t{1} << 31) || known > (int64_t{1} << 31)) {
      c.fail(n, "the target shape is far larger than the tensor");
    } else {
      known *= sample[i];
    }
  }
  if (batch == -1 && infer < 0 && known == numel) {
    // [-1, D...] with the sample fully given: the batch is what remains.
  } else if (!keeps_batch) {
    return c.unsupported(n, "to a shape that changes the batch dimension");
  }
  if (infer >= 0) {
    if (known == 0 || numel % known != 0) c.fail(n, "cannot infer the -1 dimension");
    sample[static_cast<size_t>(infer)] = numel / known;
  }
  int64_t total = 1;
  for (int64_t d : sample) total *= d;
  if (total != numel)
    c.fail(n, "reshapes " + std::to_string(numel) + " values per sample into " +
                  std::to_string(total));
  bool same = static_cast<int>(sample.size()) == x->shape.rank();
  for (size_t i = 0; same && i < sample.size(); ++i)
    same = sample[i] == x->shape[static_cast<int>(i)];
  if (same) return c.set_output(n, *x);
  if (sample.size() == 1)
    return c.set_output(n, c.add_node(n, NodeKind::Flatten, LayerParams{}, {x}, {}));
  std::string text;
  for (int64_t d : sample) text += (text.empty() ? "" : ", ") + std::to_string(d);
  c.unsupported(n, "to (" + text + ") per sample: only flattening is supported");
}

}  // namespace

bool convert_shape_op(Converter& c, const Node& n) {
  const std::string& op = n.op_type;
  if (op == "Constant") {
    constant(c, n);
  } else if (op == "Shape") {
    shape(c, n);
  } else if (op == "Reshape") {
    reshape(c, n);
  } else if (op == "Gather" && all_const(c, n) && n.inputs.size() == 2) {
    gather(c, n);
  } else if ((op == "Unsqueeze" || op == "Squeeze") && all_const(c, n)) {
    unsqueeze_squeeze(c, n, op == "Unsqueeze");
  } else if (op == "Concat" && all_const(c, n)) {
    concat_consts(c, n);
  } else if (op == "Cast" && all_const(c, n)) {
    cast(c, n);
  } else {
    return false;
  }
  return true;
}

}  // namespace bp::onnx_import
