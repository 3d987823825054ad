#pragma once
// The training settings of an exported PyTorch script, as Python assignments the training loop
// (pytorch_export_loop.h) reads: epochs, batch size, seed, loss, the optimizer as torch.optim's
// class with its hyperparameters and the schedule as torch.optim.lr_scheduler's (both from their
// descriptors), regularization, the app's fresh shuffle stream and what does not carry over.
#include <string>

#include "engine/io/project.h"

namespace bp {

// Why the project cannot be trained by the exported loop ("" when it can): the perceptron rule
// has no torch optimizer.
std::string pytorch_training_problem(const Project& project);

// EPOCHS ... FRESH_SHUFFLE_STATE, NOT_CARRIED (one assignment a line).
std::string pytorch_training_settings(const Project& project);

}  // namespace bp
