#include "engine/io/pytorch_export.h"

#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/error.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/python_literals.h"
#include "engine/io/pytorch_export_data.h"
#include "engine/io/pytorch_export_init.h"
#include "engine/io/pytorch_export_loop.h"
#include "engine/io/pytorch_export_training.h"

namespace bp {
namespace {

const char* kPrelude = R"PY(import argparse
import base64
import gzip
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Step(nn.Module):
    """Heaviside step: 1 where x > 0, else 0 (no useful gradient: the perceptron rule)."""

    def forward(self, x):
        return (x > 0).to(x.dtype)


class ScaledTanh(nn.Module):
    """LeCun's scaled tanh, 1.7159 * tanh(2x / 3): f(+-1) = +-1 (LeCun 1989; Efficient BackProp)."""

    def forward(self, x):
        return 1.7159 * torch.tanh(x * (2.0 / 3.0))


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

// The module docstring after the title: how to run, continue and distribute.
const char* kUsage = R"PY(Usage:
  python3 this_file.py [PROJECT.json] [--epochs N] [--steps N] [--out DIR] [--device DEV]

Builds the network, loads the weights of PROJECT.json (the project this file was exported
from, a later save of it, or the model.json that `backprop train` writes) and trains on with
what the app trains with: the same optimizer and hyperparameters, learning-rate schedule, loss,
regularization, batch size and data (the app's own train/validation/test split). When the
project holds its training state, the optimizer's buffers (momentum, Adam's moments), the
schedule's position, the step and epoch counters, the epoch in progress and the app's sample
order carry over, so one process continues exactly where the app stopped (NOT_CARRIED below
lists what does not). Rank 0 writes DIR/model.json (the project with the new weights: open it
in the app), DIR/metrics.csv and DIR/checkpoint.pt. From Python: `model = Net();
load_weights(model, path)`.

Many processes or machines (DistributedDataParallel; gloo on CPUs, nccl on GPUs; each process
takes BATCH_SIZE samples a step, samples are shuffled by DistributedSampler):
  torchrun --nproc_per_node=N this_file.py PROJECT.json       (a current PyTorch)
Debian's torchrun (torch 1.13 on Python 3.11) crashes in `to_map`; start the processes with the
env:// variables instead, one per rank r = 0..N-1:
  MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 RANK=r WORLD_SIZE=N LOCAL_RANK=r \\
      python3 this_file.py PROJECT.json
(on several machines: MASTER_ADDR is rank 0's address, LOCAL_RANK the GPU index on each).
)PY";

const char* kLoadWeights = R"PY(def load_weights(model, path):
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
)PY";

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
    const LayerDescriptor& d = layer_descriptor(n.kind);
    auto var = [&](int node) { return node == *input ? std::string("x") : "h_" + attr.at(node); };
    const std::string result = "h_" + a;
    if (!d.pytorch_module) {
      if (!d.pytorch_expression)
        throw Error(std::string("cannot export ") + d.pytorch_name + " to PyTorch yet");
      std::vector<std::string> args;
      for (int k : ins) args.push_back(var(k));
      forward << "        " << result << " = " << d.pytorch_expression({p, in, out}, args) << "\n";
      continue;
    }
    init << "        self." << a << " = " << d.pytorch_module({p, in, out}) << "\n";
    forward << "        " << result << " = self." << a << "(" << var(ins[0]) << ")\n";
    if (d.fused_activation && p.activation != Activation::Identity) {
      // our Linear can carry its activation; torch keeps it a module of its own
      const std::string act = identifier(n.name + "_act", used);
      init << "        self." << act << " = "
           << descriptor_parts::activation_module(p.activation, p.act) << "\n";
      forward << "        " << result << " = self." << act << "(" << result << ")\n";
    }
  }

  const Shape in_shape = out_shape(*input);
  std::string input_dims;
  for (int i = 0; i < in_shape.rank(); ++i) input_dims += std::to_string(in_shape[i]) + ", ";
  const PyTorchData data = pytorch_data(project, in_shape, out_shape(*output));
  std::string problem = pytorch_training_problem(project);
  if (problem.empty()) problem = data.problem;

  std::ostringstream py;
  py << "#!/usr/bin/env python3\n"
     << "\"\"\"" << (project.name.empty() ? std::string("Network") : project.name)
     << ": exported from Backprop Studio as PyTorch code that trains on.\n\n";
  if (!project.description.empty()) py << project.description << "\n\n";
  py << kUsage << "\"\"\"\n"
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
     << kLoadWeights << "\n\n"
     << "# ---- How the app trains this project (exported settings) ----\n"
     << pytorch_training_settings(project) << pytorch_init_table(net)
     << "TRAINING_UNAVAILABLE = " << (problem.empty() ? std::string("None") : py_string(problem))
     << "\n\n"
     << "# ---- The app's data ----\n"
     << (data.code.empty() ? std::string("SAMPLE_SHAPE = INPUT_SHAPE\nTARGETS = \"regression\"\n"
                                         "NUM_OUTPUTS = 0\nDATA = None\n")
                           : data.code)
     << "\n"
     << pytorch_training_loop_code();
  return py.str();
}

}  // namespace bp
