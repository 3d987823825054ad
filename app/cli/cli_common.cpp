#include "app/cli/cli_common.h"

#include <cstdio>

#include "app/common/backends.h"
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
  return read_project(*args.project);
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
  if (want == have) return;
  std::string dims;
  for (int i = 0; i < have.rank(); ++i) dims += (i ? ", " : "") + std::to_string(have[i]);
  throw Error(origin + ": the network's input is " + want.to_string() + " but the " +
              data.train.name + " samples are " + have.to_string() +
              ": set the Input node's input_shape to [" + dims + "]");
}

}  // namespace bp::cli
