#pragma once
// The data of an exported PyTorch script: the project's train / validation / test splits exactly
// as the app builds them (load_dataset), as Python assignments the training loop reads
// (SAMPLE_SHAPE, TARGETS, NUM_OUTPUTS, DATA). Toy and CSV data, resized images and image folders
// (decoded and resized by the app) are written into the script (base64 of float32 samples after
// derived features, standardization and normalization) up to a size cap; MNIST-format folders are
// read by path from the IDX files, with the app's split indices, pixel scale and per-channel
// normalization written in. TARGETS follows the training's target mode: class indices, a 0/1
// number, one-hot, +-1 one-hot (plus_minus_one), regression values or the input (reconstruct).
#include <string>

#include "engine/core/shape.h"
#include "engine/io/project.h"

namespace bp {

struct PyTorchData {
  std::string code;     // the assignments; empty when `problem` is set
  std::string problem;  // why the data cannot go with the script ("" when it can)
};

// `input`, `output`: the network's per-sample input and output shapes. Never throws for data
// that does not fit the network or cannot be loaded: that is `problem`.
PyTorchData pytorch_data(const Project& project, const Shape& input, const Shape& output);

}  // namespace bp
