#include "engine/io/pytorch_export_training.h"

#include <cstdio>
#include <sstream>
#include <vector>

#include "engine/core/rng.h"
#include "engine/data/augmentation.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/python_literals.h"
#include "engine/nn/layer_factory.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"
#include "engine/train/prediction.h"

namespace bp {
namespace {

// A hyperparameter's value as Python: an int, a bool or a float.
template <class Config>
std::string py_value(const HyperParam<Config>& p, const Config& c) {
  if (p.is_bool()) return py_bool(p.get(c) != 0.0);
  if (p.is_int()) return std::to_string(static_cast<long long>(p.get(c)));
  return py_float(p.get(c));
}

// {"name": value, ...} with the rows' file keys, which are torch's argument names; the elements
// of a pair (json_index) become a tuple: "betas": (0.9, 0.999).
template <class Config>
std::string py_kwargs(const std::vector<HyperParam<Config>>& params, const Config& c) {
  std::vector<std::pair<std::string, std::vector<std::string>>> args;
  for (const auto& p : params) {
    const std::string key = p.file_key();
    auto it = args.begin();
    while (it != args.end() && it->first != key) ++it;
    if (it == args.end()) it = args.insert(args.end(), {key, {}});
    it->second.push_back(py_value(p, c));
  }
  std::string out = "{";
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& [key, values] = args[i];
    out += (i ? ", " : "") + py_string(key) + ": ";
    if (values.size() == 1) {
      out += values[0];
      continue;
    }
    out += "(";
    for (size_t k = 0; k < values.size(); ++k) out += (k ? ", " : "") + values[k];
    out += ")";
  }
  return out + "}";
}

std::string u64_hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(v));
  return buf;
}

// The trainable parameters of the layers with a learning-rate scale other than 1
// (LayerParams::lr_scale), by their names in the project, with the scale: the trainer multiplies
// exactly these gradients (engine/train/trainer.cpp, scale_layer_gradients).
std::vector<std::pair<std::string, float>> lr_scales(const NetworkSpec& net) {
  std::vector<std::pair<std::string, float>> out;
  const ShapeReport report = infer_shapes(net);
  if (!report.ok()) return out;
  for (const NodeSpec& n : net.nodes) {
    if (n.kind == NodeKind::Input || n.params.lr_scale == 1.0f) continue;
    std::vector<Shape> inputs;
    for (int k : net.inputs_of(n.id)) inputs.push_back(*report.nodes.at(k).output);
    for (const ParamDecl& d : make_layer(n)->parameters(inputs))
      if (d.trainable) out.emplace_back(n.name + "." + d.name, n.params.lr_scale);
  }
  return out;
}

// What the exported loop does not reproduce bit for bit, for NOT_CARRIED.
std::vector<std::string> gaps(const Project& project) {
  std::vector<std::string> out;
  for (const NodeSpec& n : project.network.nodes)
    if (n.params.drop_connect > 0.0f) {
      out.push_back("DropConnect (" + n.name +
                    ") is not part of torch.nn: the script's Linear layers train without it");
      break;
    }
  for (const NodeSpec& n : project.network.nodes)
    if (std::string(layer_descriptor(n.kind).pytorch_name).find("Dropout") != std::string::npos) {
      out.push_back(
          "dropout draws its masks from torch's random stream, not the app's: the losses "
          "differ from the app's from the first step");
      break;
    }
  const Shape sample = project.network.input_node()
                           ? project.network.find(*project.network.input_node())->params.input_shape
                           : Shape{};
  if (augmentation_enabled(project.dataset, sample))
    out.push_back("the data augmentation (jitter, shifts, rotations, noise) is not applied here");
  if (const char* gap = optimizer_descriptor(project.training.optimizer.kind).pytorch_state_gap)
    out.push_back(gap);
  return out;
}

}  // namespace

std::string pytorch_training_problem(const Project& project) {
  if (project.training.trainer == TrainerKind::Perceptron)
    return "the perceptron rule is not a torch optimizer: choose a gradient trainer (SGD) in the "
           "app before exporting";
  return "";
}

std::string pytorch_training_settings(const Project& project) {
  const TrainConfig& t = project.training;
  const OptimizerDescriptor& opt = optimizer_descriptor(t.optimizer.kind);
  const ScheduleDescriptor& sched = schedule_descriptor(t.schedule.kind);
  const RegularizationConfig& reg = t.regularization;
  std::ostringstream py;
  py << "EPOCHS = " << t.epochs << "  # a fresh run trains this many\n"
     << "BATCH_SIZE = " << t.batch_size << "  # per process under DistributedDataParallel\n"
     << "SEED = " << t.seed << "\n"
     << "LOSS = " << py_string(to_string(t.loss)) << "  # torch.nn, mean over the batch\n"
     << "LOSS_ARGS = "
     << (t.loss == LossKind::HuberLoss ? "{\"delta\": " + py_float(t.loss_params.delta) + "}"
                                       : std::string("{}"))
     << "\n"
     << "DECISION_THRESHOLD = " << py_float(decision_threshold(t.loss))
     << "  # a single output predicts class 1 above this\n"
     << "OPTIMIZER = " << py_string(opt.torch_name) << "  # torch.optim\n"
     << "OPTIMIZER_ARGS = " << py_kwargs(opt.params, t.optimizer) << "\n"
     << "BASE_LR = " << py_float(t.optimizer.lr) << "\n"
     << "OPTIMIZER_STATE_SCALARS = [";
  for (size_t i = 0; i < opt.pytorch_state_scalars.size(); ++i)
    py << (i ? ", " : "") << py_string(opt.pytorch_state_scalars[i]);
  py << "]  # the saved scalars torch keeps per parameter\n"
     << "OPTIMIZER_STATE_GAP = "
     << (opt.pytorch_state_gap ? py_string(opt.pytorch_state_gap) : std::string("None")) << "\n"
     << "SCHEDULE = "
     << (sched.pytorch_class ? py_string(sched.pytorch_class) : std::string("None"))
     << "  # torch.optim.lr_scheduler, stepped once per epoch\n"
     << "SCHEDULE_ARGS = " << py_kwargs(sched.params, t.schedule) << "\n"
     << "WARMUP_EPOCHS = " << t.schedule.warmup_epochs << "  # LinearLR first (0: none)\n"
     << "WARMUP_START_FACTOR = " << py_float(t.schedule.warmup_start_factor) << "\n"
     << "L1 = " << py_float(reg.l1) << "  # + L1 * sum|w| over the PENALIZED weights\n"
     << "L2 = " << py_float(reg.l2) << "  # + L2 / 2 * sum w^2 over the PENALIZED weights\n"
     << "CLIP_GRAD_NORM = " << py_float(reg.clip_grad_norm) << "  # 0: off\n"
     << "CLIP_GRAD_VALUE = " << py_float(reg.clip_grad_value) << "  # 0: off\n"
     << "MAX_NORM = " << py_float(reg.max_norm) << "  # 0: off; per neuron, after each step\n";
  const EarlyStoppingConfig& es = reg.early_stopping;
  if (es.enabled)
    py << "EARLY_STOPPING = {\"patience\": " << es.patience
       << ", \"min_delta\": " << py_float(es.min_delta)
       << ", \"restore_best\": " << py_bool(es.restore_best) << "}\n";
  else
    py << "EARLY_STOPPING = None\n";

  // The connection weights the penalties and max-norm apply to, with their neuron counts.
  const auto shapes = parameter_shapes(project.network);
  py << "PENALIZED = {  # weight -> rows (one per neuron)\n";
  for (const NodeSpec& n : project.network.nodes) {
    if (!layer_descriptor(n.kind).penalized_weight) continue;
    auto it = shapes.find(n.name + ".weight");
    if (it == shapes.end() || it->second.rank() < 1) continue;
    const Shape& s = it->second;
    int64_t rows = s[0];
    if (n.kind == NodeKind::LocallyConnected2d && s.rank() == 3) rows = s[0] * s[1];
    py << "    " << py_string(it->first) << ": " << rows << ",\n";
  }
  py << "}\n";

  // After the backward pass, the penalties and the clipping, before the optimizer step (the
  // trainer's order); L-BFGS steps are not scaled, as in the app.
  py << "LR_SCALE = {  # parameter -> its gradient's factor (the layer's lr_scale)\n";
  for (const auto& [name, scale] : lr_scales(project.network))
    py << "    " << py_string(name) << ": " << py_float(scale) << ",\n";
  py << "}\n";

  const RngState fresh = Rng(t.seed).fork(2).state();  // Trainer::start_fresh's shuffle stream
  py << "FRESH_SHUFFLE_STATE = [" << u64_hex(fresh.s[0]) << ", " << u64_hex(fresh.s[1]) << ", "
     << u64_hex(fresh.s[2]) << ", " << u64_hex(fresh.s[3]) << "]\n";
  py << "NOT_CARRIED = [\n";
  for (const std::string& g : gaps(project)) py << "    " << py_string(g) << ",\n";
  py << "]\n";
  return py.str();
}

}  // namespace bp
