#pragma once
// TrainState <-> the project file's "training_state" section (docs/project-format.md): counters
// and settings as JSON numbers, large arrays (optimizer buffers, the sample order) as base64 of
// little-endian binary so they come back bit for bit.
#include "engine/io/json_reader.h"
#include "engine/train/train_state.h"

namespace bp::io {

json train_state_to_json(const TrainState& state);
// Errors name the file and the JSON path.
TrainState read_train_state(const JsonObject& parent, const char* key);

}  // namespace bp::io
