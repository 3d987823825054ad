#pragma once
// PyTorch code export: a self-contained Python script that builds the project's network as a
// torch.nn.Module (one attribute per layer, named after the node; parameter names as in our
// project files, so the stored weights load as a state_dict), with a loader for the weights of a
// project or model file and a training loop that continues where the app stopped: the same
// optimizer, schedule, loss, regularization, batch size and data, the optimizer state and sample
// order of the project's training state, in one process or under DistributedDataParallel. The
// layers without a torch.nn class (Maxout, GaussianDropout, LocallyConnected2d, the Heaviside
// step) are defined in the script. Parts: pytorch_export_training.h (settings),
// pytorch_export_data.h (data), pytorch_export_loop.h (the loop).
#include <string>

#include "engine/io/project.h"

namespace bp {

// Throws bp::Error when the network is not valid (the diagnostics say why). A project whose data
// or trainer cannot go with the script still exports: the script says why when asked to train.
std::string export_pytorch(const Project& project);

}  // namespace bp
