#pragma once
// OptimizerDescriptor: one table entry per optimizer kind — torch's name, a one-line summary, the
// update equations (the text docs/optimizers.md shows; a test keeps them equal) and the
// hyperparameters with torch's names, defaults and ranges. The project file, the training panel
// and default_optimizer_config read this table.
#include <vector>

#include "engine/optim/hyper_param.h"
#include "engine/optim/optimizer.h"

namespace bp {

struct OptimizerDescriptor {
  OptimizerKind kind;
  const char* torch_name;  // "Adam": the "kind" in project files
  const char* summary;     // one line for the optimizer combo box
  const char* equations;   // plain text, one equation a line (docs/optimizers.md)
  std::vector<HyperParam<OptimizerConfig>> params;  // the ones this kind reads, panel order
  // The PyTorch export (engine/io/pytorch_export_training.cpp): torch.optim.<torch_name> takes
  // `params` by their file keys. The state's scalars torch keeps per parameter as a 0-d tensor
  // (NAdam's "mu_product"); the others are the engine's own bookkeeping.
  std::vector<const char*> pytorch_state_scalars = {};
  // Why the optimizer state cannot be handed to torch (nullptr: its buffers carry over).
  const char* pytorch_state_gap = nullptr;
};

// Every kind in OptimizerKind order.
const std::vector<OptimizerDescriptor>& optimizer_descriptors();
const OptimizerDescriptor& optimizer_descriptor(OptimizerKind kind);
// Whether `kind` reads the hyperparameter called `name`.
bool uses_hyperparameter(OptimizerKind kind, const char* name);

}  // namespace bp
