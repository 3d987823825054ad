#pragma once
// The sections of a project file, each read and written by its own file:
// network_json.cpp (nodes, layer params, init specs), config_json.cpp (training, dataset).
#include <string>

#include "engine/data/dataset_spec.h"
#include "engine/graph/network_spec.h"
#include "engine/io/json_reader.h"
#include "engine/train/train_config.h"

namespace bp::io {

json network_to_json(const NetworkSpec& network);
NetworkSpec read_network(const JsonObject& parent, const char* key);

json training_to_json(const TrainConfig& config);
TrainConfig read_training(const JsonObject& parent, const char* key);

json dataset_to_json(const DatasetSpec& spec);
DatasetSpec read_dataset(const JsonObject& parent, const char* key);
// A relative dataset path is relative to the project file's folder: made absolute here, so the
// data is found whatever the working directory (read_project calls it; a file written back keeps
// the absolute path, which stays right wherever that file goes).
void resolve_dataset_path(DatasetSpec& spec, const std::string& project_file);

// torch.optim's defaults for a kind: what missing optimizer keys take (docs/project-format.md).
OptimizerConfig file_default_optimizer(OptimizerKind kind);

}  // namespace bp::io
