#pragma once
// What every command shares: messages on stderr, the backend choice (the CLI is a composition
// root: the only place that knows which backends exist), project loading and network checks.
#include <memory>
#include <string>

#include "app/cli/cli_args.h"
#include "engine/backend/backend.h"
#include "engine/data/dataset.h"
#include "engine/io/project.h"

namespace bp::cli {

// "backprop: <message>" on stderr.
void print_error(const std::string& message);
void print_note(const std::string& message);

// --backend cpu|cuda|auto (app/common/backends.h). cuda throws bp::Error when the CUDA backend
// is not available; auto falls back to the CPU and says so once on stderr.
std::unique_ptr<Backend> make_backend(const std::string& choice, int threads);

// Reads PROJECT; bp::Error propagates (exit 2 in main). For `train`, refuses training.epochs < 1
// (unless --epochs is given); for `train` and `evaluate`, refuses a network whose estimated
// memory (engine/graph/memory_estimate.h) exceeds what is available, before anything is built.
Project load_project(const ParsedArgs& args);

// Prints each diagnostic of an invalid network to stderr; returns whether it is valid.
bool check_network(const NetworkSpec& network, const std::string& origin);

// Throws bp::Error when the dataset's samples do not fit the network's Input node, the training
// split is empty, or a regression network's outputs differ from the target columns; notes on
// stderr for splits of one sample or an empty test split.
void check_data_fits(const NetworkSpec& network, const DatasetSplits& data,
                     const std::string& origin);

}  // namespace bp::cli
