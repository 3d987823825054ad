#include "engine/io/pytorch_export.h"

#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/error.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"

namespace bp {
namespace {

const char* kPrelude = R"PY(import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Step(nn.Module):
    """Heaviside step: 1 where x > 0, else 0 (no useful gradient: the perceptron rule)."""

    def forward(self, x):
        return (x > 0).to(x.dtype)


class Maxout(nn.Module):
    """The maximum of each group of pool_size consecutive features: (N, D) -> (N, D / k)."""

    def __init__(self, pool_size):
        super().__init__()
        self.pool_size = pool_size

    def forward(self, x):
        return x.view(x.shape[0], -1, self.pool_size).max(dim=2).values


class GaussianDropout(nn.Module):
    """Multiplies by noise from N(1, p / (1 - p)) while training; identity in eval mode."""

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        return x * (1 + torch.randn_like(x) * (self.p / (1 - self.p)) ** 0.5)


class LocallyConnected2d(nn.Module):
    """A convolution without weight sharing: every output position has its own kernel.
    weight: (Ho*Wo, out_channels, in_channels*kh*kw), bias: (out_channels, Ho, Wo)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation,
                 output_size, bias=True):
        super().__init__()
        self.kernel_size, self.stride = kernel_size, stride
        self.padding, self.dilation, self.output_size = padding, dilation, output_size
        positions = output_size[0] * output_size[1]
        fan_in = in_channels * kernel_size[0] * kernel_size[1]
        self.weight = nn.Parameter(torch.empty(positions, out_channels, fan_in))
        self.bias = nn.Parameter(torch.empty(out_channels, *output_size)) if bias else None
        bound = 1 / fan_in ** 0.5
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        cols = F.unfold(x, self.kernel_size, self.dilation, self.padding, self.stride)  # (N, R, P)
        y = torch.einsum("pkr,nrp->nkp", self.weight, cols)
        y = y.reshape(x.shape[0], -1, *self.output_size)
        return y if self.bias is None else y + self.bias

)PY";

std::string py_float(float v) {
  std::ostringstream s;
  s.precision(9);
  s << v;
  std::string t = s.str();
  if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
  return t;
}

std::string pair(const std::array<int, 2>& a) {
  return "(" + std::to_string(a[0]) + ", " + std::to_string(a[1]) + ")";
}

std::string py_bool(bool b) {
  return b ? "True" : "False";
}

// A Python identifier for a node name: [A-Za-z0-9_], not starting with a digit, not a keyword,
// not clashing with nn.Module's own attributes, unique.
std::string identifier(const std::string& name, std::set<std::string>& used) {
  static const std::set<std::string> reserved = {
      "False",   "None",     "True",     "and",     "as",       "assert", "async",  "await",
      "break",   "class",    "continue", "def",     "del",      "elif",   "else",   "except",
      "finally", "for",      "from",     "global",  "if",       "import", "in",     "is",
      "lambda",  "nonlocal", "not",      "or",      "pass",     "raise",  "return", "try",
      "while",   "with",     "yield",    "forward", "training", "x",      "self"};
  std::string id;
  for (char c : name) id += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "layer_" + id;
  if (reserved.count(id)) id += "_";
  std::string unique = id;
  for (int k = 2; used.count(unique); ++k) unique = id + "_" + std::to_string(k);
  used.insert(unique);
  return unique;
}

std::string activation_module(Activation f, const ActivationParams& a) {
  switch (f) {
    case Activation::Identity:
      return "nn.Identity()";
    case Activation::Step:
      return "Step()";
    case Activation::Sigmoid:
      return "nn.Sigmoid()";
    case Activation::Tanh:
      return "nn.Tanh()";
    case Activation::ReLU:
      return "nn.ReLU()";
    case Activation::LeakyReLU:
      return "nn.LeakyReLU(negative_slope=" + py_float(a.negative_slope) + ")";
    case Activation::ELU:
      return "nn.ELU(alpha=" + py_float(a.alpha) + ")";
    case Activation::SELU:
      return "nn.SELU()";
    case Activation::GELU:
      return "nn.GELU()";
    case Activation::SiLU:
      return "nn.SiLU()";
    case Activation::Softplus:
      return "nn.Softplus(beta=" + py_float(a.beta) + ", threshold=" + py_float(a.threshold) + ")";
  }
  return "nn.Identity()";
}

std::string py_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string export_pytorch(const Project& project) {
  const NetworkSpec& net = project.network;
  const ShapeReport shapes = infer_shapes(net);
  if (!shapes.ok()) {
    std::string why;
    for (const auto& d : shapes.diagnostics) why += "\n  " + d.message;
    throw Error("cannot export a network with errors:" + why);
  }
  const std::vector<int> order = net.topological_order();
  const auto input = net.input_node();
  const auto output = net.output_node();
  if (!input || !output) throw Error("cannot export: the network needs one input and one output");
  auto out_shape = [&](int id) { return *shapes.nodes.at(id).output; };

  std::set<std::string> used;
  std::map<int, std::string> attr;  // node id -> module attribute
  std::ostringstream init, forward, names;
  for (int id : order) {
    const NodeSpec& n = *net.find(id);
    if (n.kind == NodeKind::Input) continue;
    const std::string a = identifier(n.name, used);
    attr[id] = a;
    names << "    " << py_string(n.name) << ": " << py_string(a) << ",\n";
    const std::vector<int> ins = net.inputs_of(id);
    const Shape in = ins.empty() ? Shape{} : out_shape(ins[0]);
    const Shape out = out_shape(id);
    const LayerParams& p = n.params;
    std::string module;
    switch (n.kind) {
      case NodeKind::Input:
        break;
      case NodeKind::Linear:
        module = "nn.Linear(" + std::to_string(in[0]) + ", " + std::to_string(p.out_features) +
                 ", bias=" + py_bool(p.bias) + ")";
        break;
      case NodeKind::Activation:
        module = activation_module(p.activation, p.act);
        break;
      case NodeKind::PReLU:
        module = "nn.PReLU(num_parameters=" + std::to_string(p.num_parameters) +
                 ", init=" + py_float(p.prelu_init) + ")";
        break;
      case NodeKind::Maxout:
        module = "Maxout(" + std::to_string(p.pool_size) + ")";
        break;
      case NodeKind::Softmax:
        module = "nn.Softmax(dim=1)";
        break;
      case NodeKind::Add:
      case NodeKind::Concat:
        break;
      case NodeKind::Flatten:
        module = "nn.Flatten()";
        break;
      case NodeKind::Dropout:
        module = "nn.Dropout(p=" + py_float(p.p) + ")";
        break;
      case NodeKind::GaussianDropout:
        module = "GaussianDropout(p=" + py_float(p.p) + ")";
        break;
      case NodeKind::Dropout2d:
        module = "nn.Dropout2d(p=" + py_float(p.p) + ")";
        break;
      case NodeKind::BatchNorm1d:
      case NodeKind::BatchNorm2d:
        module =
            std::string(n.kind == NodeKind::BatchNorm1d ? "nn.BatchNorm1d(" : "nn.BatchNorm2d(") +
            std::to_string(in[0]) + ", eps=" + py_float(p.eps) +
            ", momentum=" + py_float(p.momentum) + ", affine=" + py_bool(p.affine) + ")";
        break;
      case NodeKind::LayerNorm: {
        std::string dims;
        for (int i = 0; i < in.rank(); ++i) dims += std::to_string(in[i]) + ", ";
        module = "nn.LayerNorm((" + dims + "), eps=" + py_float(p.eps) +
                 ", elementwise_affine=" + py_bool(p.affine) + ")";
        break;
      }
      case NodeKind::Conv2d:
        module = "nn.Conv2d(" + std::to_string(in[0]) + ", " + std::to_string(p.out_channels) +
                 ", kernel_size=" + pair(p.kernel) + ", stride=" + pair(p.stride) +
                 ", padding=" + pair(p.padding) + ", dilation=" + pair(p.dilation) +
                 ", bias=" + py_bool(p.bias) + ")";
        break;
      case NodeKind::LocallyConnected2d:
        module = "LocallyConnected2d(" + std::to_string(in[0]) + ", " +
                 std::to_string(p.out_channels) + ", kernel_size=" + pair(p.kernel) +
                 ", stride=" + pair(p.stride) + ", padding=" + pair(p.padding) +
                 ", dilation=" + pair(p.dilation) + ", output_size=(" + std::to_string(out[1]) +
                 ", " + std::to_string(out[2]) + "), bias=" + py_bool(p.bias) + ")";
        break;
      case NodeKind::MaxPool2d:
        module = "nn.MaxPool2d(kernel_size=" + pair(p.kernel) + ", stride=" + pair(p.stride) +
                 ", padding=" + pair(p.padding) + ")";
        break;
      case NodeKind::AvgPool2d:
        module = "nn.AvgPool2d(kernel_size=" + pair(p.kernel) + ", stride=" + pair(p.stride) +
                 ", padding=" + pair(p.padding) +
                 ", count_include_pad=" + py_bool(p.count_include_pad) + ")";
        break;
      case NodeKind::AdaptiveAvgPool2d:
        module = "nn.AdaptiveAvgPool2d(" + pair(p.output_size) + ")";
        break;
    }
    auto var = [&](int node) { return node == *input ? std::string("x") : "h_" + attr.at(node); };
    const std::string result = "h_" + a;
    if (n.kind == NodeKind::Add || n.kind == NodeKind::Concat) {
      std::string args;
      for (size_t k = 0; k < ins.size(); ++k)
        args += (k ? (n.kind == NodeKind::Add ? " + " : ", ") : "") + var(ins[k]);
      forward << "        " << result << " = "
              << (n.kind == NodeKind::Add ? args : "torch.cat([" + args + "], dim=1)") << "\n";
      continue;
    }
    init << "        self." << a << " = " << module << "\n";
    forward << "        " << result << " = self." << a << "(" << var(ins[0]) << ")\n";
    if (n.kind == NodeKind::Linear && p.activation != Activation::Identity) {
      // our Linear can carry its activation; torch keeps it a module of its own
      const std::string act = identifier(n.name + "_act", used);
      init << "        self." << act << " = " << activation_module(p.activation, p.act) << "\n";
      forward << "        " << result << " = self." << act << "(" << result << ")\n";
    }
  }

  const Shape in_shape = out_shape(*input);
  std::string input_dims;
  for (int i = 0; i < in_shape.rank(); ++i) input_dims += std::to_string(in_shape[i]) + ", ";
  std::ostringstream py;
  py << "#!/usr/bin/env python3\n"
     << "\"\"\"" << (project.name.empty() ? std::string("Network") : project.name)
     << ": exported from Backprop Studio as PyTorch code.\n\n";
  if (!project.description.empty()) py << project.description << "\n\n";
  py << "Usage: python3 this_file.py [PROJECT_OR_MODEL.json]\n"
     << "builds the network, loads the weights stored in the JSON file when one is given\n"
     << "(a saved project, or the model.json that `backprop train` writes), and runs a batch of\n"
     << "random inputs through it. From Python: `model = Net(); load_weights(model, path)`.\n"
     << "\"\"\"\n"
     << kPrelude << "\n"
     << "INPUT_SHAPE = (" << input_dims << ")  # per sample\n\n"
     << "# node name in the project -> module attribute here\n"
     << "NAMES = {\n"
     << names.str() << "}\n\n\n"
     << "class Net(nn.Module):\n"
     << "    def __init__(self):\n"
     << "        super().__init__()\n"
     << init.str() << "\n"
     << "    def forward(self, x):\n"
     << forward.str() << "        return h_" << attr.at(*output) << "\n\n\n"
     << R"PY(def load_weights(model, path):
    """Loads the "weights" of a Backprop Studio project or model file into `model`."""
    with open(path) as f:
        weights = json.load(f).get("weights", {})
    state = {}
    for name, w in weights.items():
        node, _, param = name.rpartition(".")
        state[NAMES[node] + "." + param] = torch.tensor(w["data"], dtype=torch.float32).reshape(w["shape"])
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"weights do not fit the network: missing {missing}, unexpected {unexpected}")
    return model


if __name__ == "__main__":
    model = Net()
    if len(sys.argv) > 1:
        load_weights(model, sys.argv[1])
    model.eval()
    print(model)
    with torch.no_grad():
        print(model(torch.randn(4, *INPUT_SHAPE)))
)PY";
  return py.str();
}

}  // namespace bp
