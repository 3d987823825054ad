#pragma once
// ScheduleDescriptor: one table entry per learning-rate schedule (torch.optim.lr_scheduler) —
// torch's name, a one-line summary, the rule (the text docs/optimizers.md shows) and its
// hyperparameters. The linear warm-up's two rows apply to every schedule.
#include <vector>

#include "engine/optim/hyper_param.h"
#include "engine/optim/lr_scheduler.h"

namespace bp {

struct ScheduleDescriptor {
  ScheduleKind kind;
  const char* torch_name;                          // "StepLR": the "kind" in project files
  const char* summary;                             // one line for the schedule combo box
  const char* rule;                                // plain text (docs/optimizers.md)
  std::vector<HyperParam<ScheduleConfig>> params;  // the ones this kind reads, panel order
  // The torch.optim.lr_scheduler class the PyTorch export builds with `params` as its keyword
  // arguments (nullptr: none, the rate stays constant).
  const char* pytorch_class = nullptr;
};

// Every kind in ScheduleKind order.
const std::vector<ScheduleDescriptor>& schedule_descriptors();
const ScheduleDescriptor& schedule_descriptor(ScheduleKind kind);
// warmup_epochs, warmup_start_factor: read with every schedule.
const std::vector<HyperParam<ScheduleConfig>>& warmup_params();

}  // namespace bp
