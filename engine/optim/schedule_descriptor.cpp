#include "engine/optim/schedule_descriptor.h"

#include "engine/core/error.h"

namespace bp {
namespace {

using P = HyperParam<ScheduleConfig>;
using S = ScheduleConfig;

P gamma() {
  return {.name = "gamma",
          .label = "γ",
          .tooltip = "Factor the rate is multiplied by at each decay.",
          .field = &S::gamma,
          .default_value = 0.1,
          .lo = 0.0,
          .hi = 1.0,
          .decimals = 4,
          .step = 0.01};
}

std::vector<ScheduleDescriptor> build() {
  std::vector<ScheduleDescriptor> all;
  all.push_back({.kind = ScheduleKind::Constant,
                 .torch_name = "Constant",
                 .summary = "The same rate throughout.",
                 .rule = "lr = lr_0",
                 .params = {}});
  all.push_back({.kind = ScheduleKind::StepLR,
                 .torch_name = "StepLR",
                 .summary = "Multiply by γ every step_size epochs.",
                 .rule = "lr = lr_0 * gamma^floor(e / step_size)",
                 .params = {{.name = "step_size",
                             .label = "Step size",
                             .tooltip = "Epochs between two decays.",
                             .field = &S::step_size,
                             .default_value = 10,
                             .lo = 1,
                             .hi = 100000},
                            gamma()},
                 .pytorch_class = "StepLR"});
  all.push_back({.kind = ScheduleKind::ExponentialLR,
                 .torch_name = "ExponentialLR",
                 .summary = "Multiply by γ every epoch.",
                 .rule = "lr = lr_0 * gamma^e",
                 .params = {gamma()},
                 .pytorch_class = "ExponentialLR"});
  all.push_back({.kind = ScheduleKind::CosineAnnealingLR,
                 .torch_name = "CosineAnnealingLR",
                 .summary = "Cosine curve from the rate down to η_min.",
                 .rule = "lr = eta_min + (lr_0 - eta_min) * (1 + cos(pi * e / T_max)) / 2",
                 .params = {{.name = "T_max",
                             .label = "T_max",
                             .tooltip = "Epochs of one cosine half-period.",
                             .field = &S::T_max,
                             .default_value = 50,
                             .lo = 1,
                             .hi = 100000},
                            {.name = "eta_min",
                             .label = "η_min",
                             .tooltip = "The lowest rate of the cosine schedule.",
                             .field = &S::eta_min,
                             .default_value = 0.0,
                             .hi = 10.0,
                             .decimals = 6,
                             .step = 1e-4}},
                 .pytorch_class = "CosineAnnealingLR"});
  all.push_back({.kind = ScheduleKind::ReduceLROnPlateau,
                 .torch_name = "ReduceLROnPlateau",
                 .summary = "Divide the rate when the validation loss stops improving.",
                 .rule = "lr = max(lr * factor, min_lr)",
                 .params = {{.name = "factor",
                             .label = "Factor",
                             .tooltip = "The rate is multiplied by this on a plateau.",
                             .field = &S::factor,
                             .default_value = 0.1,
                             .decimals = 3,
                             .step = 0.05},
                            {.name = "patience",
                             .label = "Patience",
                             .tooltip = "Epochs without improvement before the rate is reduced.",
                             .field = &S::patience,
                             .default_value = 10,
                             .lo = 0,
                             .hi = 10000},
                            {.name = "threshold",
                             .label = "Threshold",
                             .tooltip = "An epoch improves when loss < best · (1 − threshold).",
                             .field = &S::threshold,
                             .default_value = 1e-4,
                             .decimals = 6,
                             .step = 1e-4},
                            {.name = "cooldown",
                             .label = "Cooldown",
                             .tooltip = "Epochs after a reduction during which bad epochs are "
                                        "not counted.",
                             .field = &S::cooldown,
                             .default_value = 0,
                             .lo = 0,
                             .hi = 10000},
                            {.name = "min_lr",
                             .label = "Minimum rate",
                             .tooltip = "The rate never drops below this.",
                             .field = &S::min_lr,
                             .default_value = 0.0,
                             .hi = 10.0,
                             .decimals = 6,
                             .step = 1e-5}},
                 .pytorch_class = "ReduceLROnPlateau"});
  for (size_t i = 0; i < all.size(); ++i)
    if (static_cast<size_t>(all[i].kind) != i)
      throw Error("schedule descriptors are not in ScheduleKind order");
  return all;
}

}  // namespace

const std::vector<ScheduleDescriptor>& schedule_descriptors() {
  static const std::vector<ScheduleDescriptor> table = build();
  return table;
}

const ScheduleDescriptor& schedule_descriptor(ScheduleKind kind) {
  const auto& all = schedule_descriptors();
  const auto i = static_cast<size_t>(kind);
  if (i >= all.size()) throw Error("no descriptor for ScheduleKind " + std::to_string(i));
  return all[i];
}

const std::vector<HyperParam<ScheduleConfig>>& warmup_params() {
  static const std::vector<P> rows{
      {.name = "warmup_epochs",
       .label = "Warm-up epochs",
       .tooltip = "Ramp the rate up linearly over the first epochs (0: off); helps large rates "
                  "start stably.",
       .field = &S::warmup_epochs,
       .default_value = 0,
       .lo = 0,
       .hi = 10000},
      {.name = "warmup_start_factor",
       .label = "Warm-up start",
       .tooltip = "The first warm-up epoch uses lr_0 times this factor (torch's LinearLR "
                  "start_factor).",
       .field = &S::warmup_start_factor,
       .default_value = 1.0 / 3.0,
       .lo = 1e-4,
       .hi = 1.0,
       .decimals = 4,
       .step = 0.05}};
  return rows;
}

}  // namespace bp
