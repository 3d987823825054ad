#pragma once
// LatentCodes: the 2-D codes of held-out samples at a network's bottleneck (an autoencoder's
// middle layer), with their classes, for the latent-space scatter view.
#include <memory>
#include <string>
#include <vector>

namespace bp {

struct LatentCodes {
  int node_id = 0;
  std::string name;  // the bottleneck node ("code")
  int num_classes = 0;
  int64_t step = 0;
  std::vector<float> xy;    // (samples, 2)
  std::vector<int> labels;  // (samples), -1 for unlabelled data
  std::vector<std::string> class_names;
};

}  // namespace bp
