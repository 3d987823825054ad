#pragma once
// ONNX export: a trained network as an ONNX model (opset 13, IR 7) that ONNX Runtime, OpenCV's
// DNN module and onnx.checker read. The input is named "input", (N, sample shape...) with a
// dynamic batch N, and takes what the user has: raw features, or pixels scaled to [0, 1]. The
// dataset's input preparation (Playground's derived features, the standardization of vector
// data, the per-channel normalization of images) is the first part of the graph. The output is
// named "output", (N, outputs...), the network's raw outputs. The model's doc_string says all of
// this, with the class names. docs/onnx.md.
//
// Each layer kind writes itself through its descriptor's onnx_export hook
// (engine/graph/onnx_export_hook.h); a kind without one, or a layer ONNX cannot express, is
// refused with a bp::Error naming the layer and what to do.
#include <map>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/io/project.h"

namespace bp {

// What the exported graph does to the user's input before the network, and what it documents.
struct OnnxExportOptions {
  std::string model_name;   // the project's name
  std::string description;  // the project's description
  TaskKind task = TaskKind::Classification;
  LossKind loss = LossKind::CrossEntropyLoss;
  std::vector<std::string> class_names;  // classification; empty: "0", "1", ...
  int num_classes = 0;
  bool images = false;  // the input is an image (C, H, W) of pixels in [0, 1]
  // Playground's derived features appended to raw 2-D points (DatasetSpec's flags).
  bool feature_x2 = false, feature_y2 = false, feature_xy = false, feature_sinx = false,
       feature_siny = false;
  // x' = (x - mean) / std per feature column (vector data) or per channel (images); empty: none.
  std::vector<float> input_mean, input_std;
};

// What the project's dataset did to raw inputs (`train` is the training split load_dataset made:
// its input_mean/input_std are the statistics the network was trained with).
OnnxExportOptions onnx_export_options(const Project& project, const Dataset& train);

// The serialized onnx::ModelProto. `weights`: every parameter and buffer by name ("fc1.weight",
// "bn1.running_mean"). Throws bp::Error for an invalid network, missing weights, or a layer that
// cannot be exported (the message names the layer and what to do).
std::string export_onnx(const NetworkSpec& network,
                        const std::map<std::string, std::vector<float>>& weights,
                        const OnnxExportOptions& options);

// The project with its stored weights; loads its dataset (load_dataset) for the normalization
// and the class names. Throws bp::Error when the project has no weights or its data cannot load.
std::string export_onnx(const Project& project);

}  // namespace bp
