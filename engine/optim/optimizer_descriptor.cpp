#include "engine/optim/optimizer_descriptor.h"

#include <string_view>

#include "engine/core/error.h"

namespace bp {
namespace {

using P = HyperParam<OptimizerConfig>;
using C = OptimizerConfig;

P lr(double torch_default) {
  return {.name = "lr",
          .label = "Learning rate",
          .tooltip =
              "Step size of each update. Too large diverges, too small crawls; it can be "
              "changed while training runs.",
          .field = &C::lr,
          .default_value = torch_default,
          .lo = 1e-6,
          .hi = 10.0,
          .decimals = 6,
          .step = 0.001};
}
P weight_decay(double torch_default) {
  return {.name = "weight_decay",
          .label = "Weight decay",
          .tooltip = "Shrinks weights toward zero every step (L2-style; decoupled for AdamW).",
          .field = &C::weight_decay,
          .default_value = torch_default,
          .lo = 0.0,
          .hi = 1.0,
          .decimals = 5,
          .step = 1e-4};
}
P eps(double torch_default) {
  return {.name = "eps",
          .label = "ε",
          .tooltip =
              "Added to the denominator for numerical stability (outside the square root, "
              "as in PyTorch).",
          .field = &C::eps,
          .default_value = torch_default,
          .lo = 0.0,
          .hi = 1.0,
          .decimals = 10,
          .step = 1e-8};
}
P momentum() {
  return {.name = "momentum",
          .label = "Momentum",
          .tooltip =
              "Keeps a running sum of past gradients (v = μv + g) so updates build up "
              "speed along consistent directions.",
          .field = &C::momentum,
          .default_value = 0.0,
          .lo = 0.0,
          .hi = 0.999,
          .decimals = 3,
          .step = 0.05};
}
std::vector<P> betas() {
  return {{.name = "beta1",
           .label = "β1",
           .tooltip = "Decay of the running average of gradients (the momentum term).",
           .field = &C::beta1,
           .default_value = 0.9,
           .lo = 0.0,
           .hi = 0.9999,
           .decimals = 4,
           .step = 0.01,
           .json_key = "betas",
           .json_index = 0},
          {.name = "beta2",
           .label = "β2",
           .tooltip = "Decay of the running average of squared gradients (the per-weight scale).",
           .field = &C::beta2,
           .default_value = 0.999,
           .lo = 0.0,
           .hi = 0.99999,
           .decimals = 5,
           .step = 0.001,
           .json_key = "betas",
           .json_index = 1}};
}
P amsgrad() {
  return {.name = "amsgrad",
          .label = "AMSGrad",
          .tooltip =
              "Uses the maximum of past squared-gradient averages so the step size never "
              "grows.",
          .field = &C::amsgrad,
          .default_value = 0.0};
}

std::vector<P> join(std::vector<P> a, const std::vector<P>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const char* kAdamEquations =
    "g     = g + wd * p                          (coupled: an L2 penalty's gradient)\n"
    "m     = beta1 * m + (1 - beta1) * g\n"
    "v     = beta2 * v + (1 - beta2) * g * g\n"
    "vmax  = max(vmax, v)                        (amsgrad; then v is replaced by vmax below)\n"
    "denom = sqrt(v) / sqrt(1 - beta2^t) + eps\n"
    "p     = p - (lr / (1 - beta1^t)) * m / denom";

std::vector<OptimizerDescriptor> build() {
  std::vector<OptimizerDescriptor> all;
  all.push_back(
      {.kind = OptimizerKind::SGD,
       .torch_name = "SGD",
       .summary = "Stochastic gradient descent, optionally with (Nesterov) momentum.",
       .equations = "g   = g + wd * p\n"
                    "buf = g                                    (first step)\n"
                    "buf = momentum * buf + (1 - dampening) * g (later steps)\n"
                    "g   = g + momentum * buf                   (nesterov)\n"
                    "g   = buf                                  (momentum without nesterov)\n"
                    "p   = p - lr * g",
       .params = {lr(0.01),
                  momentum(),
                  {.name = "dampening",
                   .label = "Dampening",
                   .tooltip = "Scales the new gradient's share in the momentum buffer: "
                              "v = μv + (1 − d)g.",
                   .field = &C::dampening,
                   .default_value = 0.0,
                   .decimals = 3,
                   .step = 0.05},
                  {.name = "nesterov",
                   .label = "Nesterov",
                   .tooltip = "Looks ahead along the momentum before taking the gradient step "
                              "(needs momentum).",
                   .field = &C::nesterov,
                   .default_value = 0.0},
                  weight_decay(0.0)}});
  all.push_back({.kind = OptimizerKind::Adagrad,
                 .torch_name = "Adagrad",
                 .summary = "Per-weight rates that shrink with the sum of past squared gradients.",
                 .equations = "g   = g + wd * p\n"
                              "clr = lr / (1 + (t - 1) * lr_decay)\n"
                              "sum = sum + g * g                          (sum starts at "
                              "initial_accumulator_value)\n"
                              "p   = p - clr * g / (sqrt(sum) + eps)",
                 .params = {lr(0.01),
                            {.name = "lr_decay",
                             .label = "LR decay",
                             .tooltip = "Adagrad: the rate shrinks as lr / (1 + (t − 1)·decay).",
                             .field = &C::lr_decay,
                             .default_value = 0.0,
                             .decimals = 5,
                             .step = 0.001},
                            weight_decay(0.0),
                            {.name = "initial_accumulator_value",
                             .label = "Initial accumulator",
                             .tooltip = "Adagrad's starting sum of squared gradients.",
                             .field = &C::initial_accumulator_value,
                             .default_value = 0.0,
                             .hi = 10.0,
                             .step = 0.1},
                            eps(1e-10)}});
  all.push_back({.kind = OptimizerKind::Adadelta,
                 .torch_name = "Adadelta",
                 .summary = "Adagrad without a global rate: ratios of running averages.",
                 .equations = "g         = g + wd * p\n"
                              "sq        = rho * sq + (1 - rho) * g * g\n"
                              "delta     = sqrt(acc_delta + eps) / sqrt(sq + eps) * g\n"
                              "acc_delta = rho * acc_delta + (1 - rho) * delta * delta\n"
                              "p         = p - lr * delta",
                 .params = {lr(1.0),
                            {.name = "rho",
                             .label = "ρ",
                             .tooltip = "Adadelta's decay of its running averages.",
                             .field = &C::rho,
                             .default_value = 0.9,
                             .hi = 0.9999},
                            eps(1e-6),
                            weight_decay(0.0)}});
  all.push_back(
      {.kind = OptimizerKind::RMSprop,
       .torch_name = "RMSprop",
       .summary = "Divides by a running average of squared gradients (Hinton).",
       .equations = "g   = g + wd * p\n"
                    "sq  = alpha * sq + (1 - alpha) * g * g\n"
                    "avg = sqrt(sq) + eps                                (plain)\n"
                    "ga  = alpha * ga + (1 - alpha) * g                  (centered)\n"
                    "avg = sqrt(sq - ga * ga) + eps                      (centered)\n"
                    "buf = momentum * buf + g / avg;  p = p - lr * buf   (momentum > 0; buf "
                    "starts at 0)\n"
                    "p   = p - lr * g / avg                              (momentum = 0)",
       .params = {lr(0.01),
                  {.name = "alpha",
                   .label = "α (smoothing)",
                   .tooltip = "RMSprop's decay of the running average of squared gradients.",
                   .field = &C::alpha,
                   .default_value = 0.99,
                   .hi = 0.9999},
                  eps(1e-8),
                  weight_decay(0.0),
                  momentum(),
                  {.name = "centered",
                   .label = "Centered",
                   .tooltip = "Normalises by the gradient's estimated variance instead of its "
                              "raw second moment.",
                   .field = &C::centered,
                   .default_value = 0.0}}});
  all.push_back(
      {.kind = OptimizerKind::Adam,
       .torch_name = "Adam",
       .summary = "Momentum plus RMSprop scaling with bias correction (Kingma & Ba, "
                  "2014).",
       .equations = kAdamEquations,
       .params = join(join({lr(1e-3)}, betas()), {eps(1e-8), weight_decay(0.0), amsgrad()})});
  all.push_back(
      {.kind = OptimizerKind::AdamW,
       .torch_name = "AdamW",
       .summary = "Adam with decoupled weight decay (Loshchilov & Hutter, 2019).",
       .equations = "p = p * (1 - lr * wd)                       (decoupled weight "
                    "decay, before the Adam step)\n"
                    "then Adam's update above with wd = 0 in the gradient.",
       .params = join(join({lr(1e-3)}, betas()), {eps(1e-8), weight_decay(1e-2), amsgrad()})});
  all.push_back({.kind = OptimizerKind::NAdam,
                 .torch_name = "NAdam",
                 .summary = "Adam with Nesterov momentum (Dozat, 2016).",
                 .equations =
                     "g        = g + wd * p\n"
                     "mu_t     = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))\n"
                     "mu_next  = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))\n"
                     "prod     = prod * mu_t                              (prod starts at 1)\n"
                     "m        = beta1 * m + (1 - beta1) * g\n"
                     "v        = beta2 * v + (1 - beta2) * g * g\n"
                     "denom    = sqrt(v / (1 - beta2^t)) + eps\n"
                     "p        = p - lr * (1 - mu_t) / (1 - prod) * g / denom\n"
                     "p        = p - lr * mu_next / (1 - prod * mu_t * mu_next) * m / denom",
                 .params = join(join({lr(2e-3)}, betas()),
                                {eps(1e-8),
                                 weight_decay(0.0),
                                 {.name = "momentum_decay",
                                  .label = "Momentum decay",
                                  .tooltip = "NAdam's schedule for the momentum coefficient.",
                                  .field = &C::momentum_decay,
                                  .default_value = 4e-3,
                                  .step = 0.001}}),
                 .pytorch_state_scalars = {"mu_product"}});
  all.push_back(
      {.kind = OptimizerKind::LBFGS,
       .torch_name = "LBFGS",
       .summary = "Quasi-Newton method on the full batch; good for tiny problems.",
       .equations = "d = -H g        (H from the two-loop recursion over the last history_size "
                    "pairs)\n"
                    "p = p + lr * d   (the very first step: min(1, 1 / sum|g|) * lr)",
       .params = {lr(1.0),
                  {.name = "max_iter",
                   .label = "Max iterations",
                   .tooltip = "L-BFGS iterations per optimizer step.",
                   .field = &C::max_iter,
                   .default_value = 20,
                   .lo = 1,
                   .hi = 1000},
                  {.name = "history_size",
                   .label = "History size",
                   .tooltip = "How many past updates L-BFGS uses to approximate the curvature.",
                   .field = &C::history_size,
                   .default_value = 100,
                   .lo = 1,
                   .hi = 1000}},
       .pytorch_state_gap = "torch's LBFGS keeps its history in a form of its own: it starts "
                            "afresh from the exported weights"});
  for (size_t i = 0; i < all.size(); ++i)
    if (static_cast<size_t>(all[i].kind) != i)
      throw Error("optimizer descriptors are not in OptimizerKind order");
  return all;
}

}  // namespace

const std::vector<OptimizerDescriptor>& optimizer_descriptors() {
  static const std::vector<OptimizerDescriptor> table = build();
  return table;
}

const OptimizerDescriptor& optimizer_descriptor(OptimizerKind kind) {
  const auto& all = optimizer_descriptors();
  const auto i = static_cast<size_t>(kind);
  if (i >= all.size()) throw Error("no descriptor for OptimizerKind " + std::to_string(i));
  return all[i];
}

bool uses_hyperparameter(OptimizerKind kind, const char* name) {
  for (const auto& p : optimizer_descriptor(kind).params)
    if (std::string_view(p.name) == name) return true;
  return false;
}

}  // namespace bp
