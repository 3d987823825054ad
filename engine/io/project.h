#pragma once
// Project: one versioned JSON document — network, training config, dataset spec, seed and
// (optionally) trained weights. Format: docs/project-format.md. Writes are atomic (temp file +
// rename); reading an unknown key, kind or version is an error that names it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/dataset_spec.h"
#include "engine/graph/network_spec.h"
#include "engine/train/train_config.h"
#include "engine/train/train_state.h"

namespace bp {

constexpr int kProjectFormatVersion = 1;

struct Project {
  std::string name;
  std::string description;
  NetworkSpec network;
  TrainConfig training;
  DatasetSpec dataset;
  std::map<std::string, std::vector<float>> weights;  // by parameter name; empty = untrained
  // How training stood when `weights` were saved (optimizer buffers, schedule, counters, random
  // streams, history): with it, training continues exactly where it stopped. Only with weights.
  std::optional<TrainState> training_state;
  // What the project claims to reach (examples): e.g. test accuracy 0.97. 0 = none.
  double expected_test_accuracy = 0.0;
  // Regression examples: the test loss the project claims to stay under. 0 = none.
  double expected_test_loss = 0.0;

  bool operator==(const Project&) const = default;
};

// Throws bp::Error "<path>: <what is wrong>".
Project read_project(const std::string& path);
Project parse_project(const std::string& json_text, const std::string& origin = "<memory>");
std::string project_to_json(const Project& project);
// Atomic: writes <path>.tmp-XXXX then renames over <path>.
void write_project(const Project& project, const std::string& path);

// Shapes of every parameter and buffer ("fc1.weight" -> (8, 2)) the network declares, or an
// empty map when the network is invalid or a layer kind is not available in this build.
std::map<std::string, Shape> parameter_shapes(const NetworkSpec& network);

}  // namespace bp
