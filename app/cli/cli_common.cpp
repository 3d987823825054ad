#include "app/cli/cli_common.h"

#include <cstdio>

#include "app/common/backends.h"
#include "engine/data/split.h"
#include "engine/graph/memory_estimate.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"

namespace bp::cli {

void print_error(const std::string& message) {
  std::fprintf(stderr, "backprop: %s\n", message.c_str());
}

void print_note(const std::string& message) {
  std::fprintf(stderr, "backprop: note: %s\n", message.c_str());
}

std::unique_ptr<Backend> make_backend(const std::string& choice, int threads) {
  if (choice != "cpu" && choice != "cuda" && choice != "auto")
    throw UsageError("--backend must be cpu, cuda or auto, got '" + choice + "'");
  app::BackendSelection selection =
      app::create_backend(app::parse_backend_choice(choice), threads);  // cuda: bp::Error
  if (!selection.notice.empty()) print_note(selection.notice);
  return std::move(selection.backend);
}

Project load_project(const ParsedArgs& args) {
  if (!args.project)
    throw UsageError("missing PROJECT (a .json project file); see backprop " + args.command +
                     " --help");
  Project project = read_project(*args.project);
  const std::string& origin = *args.project;
  const bool train = args.command == "train";
  if (train && project.training.epochs < 1 && !args.value("epochs"))
    throw Error(origin + ": training.epochs: " + std::to_string(project.training.epochs) +
                " epochs would write an untrained model; set it to 1 or more (or pass --epochs N)");
  if (train || args.command == "evaluate") {
    const int batch = project.training.batch_size;
    const MemoryEstimate need =
        estimate_memory(project.network, batch, train ? MemoryUse::Training : MemoryUse::Inference);
    const std::string problem = memory_problem(need, available_memory_bytes(), batch);
    if (!problem.empty()) throw Error(origin + ": " + problem);
  }
  return project;
}

bool check_network(const NetworkSpec& network, const std::string& origin) {
  const ShapeReport report = infer_shapes(network);
  if (report.ok()) return true;
  print_error(origin + ": the network is not valid:");
  for (const auto& d : report.diagnostics) {
    const NodeSpec* n = network.find(d.node_id);
    const std::string where =
        n ? "  " + n->name + " (" + to_string(n->kind) + "): " : std::string("  network: ");
    std::fprintf(stderr, "%s%s\n", where.c_str(), d.message.c_str());
  }
  return false;
}

void check_data_fits(const NetworkSpec& network, const DatasetSplits& data,
                     const std::string& origin) {
  const auto input = network.input_node();
  if (!input) return;  // check_network reports it
  const Shape& want = network.find(*input)->params.input_shape;
  const Shape& have = data.train.sample_shape;
  if (want != have) {
    std::string dims;
    for (int i = 0; i < have.rank(); ++i) dims += (i ? ", " : "") + std::to_string(have[i]);
    throw Error(origin + ": the network's input is " + want.to_string() + " but the " +
                data.train.name + " samples are " + have.to_string() +
                ": set the Input node's input_shape to [" + dims + "]");
  }
  for (const std::string& w : split_size_warnings(data)) {
    if (data.train.size() == 0) throw Error(origin + ": " + w);
    print_note(origin + ": " + w);
  }
  // Regression: one output per target column.
  const auto output = network.output_node();
  if (!output || data.train.task != TaskKind::Regression) return;
  const ShapeReport report = infer_shapes(network);
  const auto it = report.nodes.find(*output);
  if (it == report.nodes.end() || !it->second.output || it->second.output->rank() != 1) return;
  const int64_t outputs = (*it->second.output)[0];
  const int targets = data.train.target_dim;
  if (outputs == targets) return;
  throw Error(origin + ": the data set '" + data.train.name + "' has " + std::to_string(targets) +
              " target column" + (targets == 1 ? "" : "s") + " but the network ends in " +
              std::to_string(outputs) + " output" + (outputs == 1 ? "" : "s") +
              ": set the last layer's out_features to " + std::to_string(targets) + " or list " +
              std::to_string(outputs) + " column" + (outputs == 1 ? "" : "s") +
              " in dataset.target_columns");
}

}  // namespace bp::cli
