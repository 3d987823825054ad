#pragma once
// PyTorch code export: a self-contained Python script that builds the project's network as a
// torch.nn.Module (one attribute per layer, named after the node; parameter names as in our
// project files, so the stored weights load as a state_dict), with a loader for the weights of a
// project or model file and a small demo under __main__. The layers without a torch.nn class
// (Maxout, GaussianDropout, LocallyConnected2d, the Heaviside step) are defined in the script.
#include <string>

#include "engine/io/project.h"

namespace bp {

// Throws bp::Error when the network is not valid (the diagnostics say why).
std::string export_pytorch(const Project& project);

}  // namespace bp
