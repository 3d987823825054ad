// backprop info PROJECT: each node's name, kind, output shape and parameter count, the total,
// and the diagnostics of an invalid network (exit 2).
#include <cstdio>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/data/image_folder.h"
#include "engine/graph/memory_estimate.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop info PROJECT\n"
    "\n"
    "Prints each node of the project's network (name, kind, output shape per sample, trainable\n"
    "parameters), the total, and the memory training needs at the project's batch size. For an\n"
    "image folder it first shows the classes, their image counts and the sample size. Exits\n"
    "with 2 and lists the problems when the network is not valid (e.g. a Linear layer fed an\n"
    "image without a Flatten) or needs more memory than is available.\n";

// "image folder /data/shapes: 3 classes (circle 12, square 12, triangle 12), 36 images" and the
// sample shape and split sizes.
void print_image_folder(const DatasetSpec& spec) {
  const ImageFolderIndex index = scan_image_folder(spec.path);
  std::printf("\nimage folder %s: %s\n", spec.path.c_str(), describe_image_folder(index).c_str());
  const DatasetSplits data = load_dataset(spec);
  std::printf(
      "samples %s (%s, %s); train %lld, validation %lld, test %lld\n",
      data.train.sample_shape.to_string().c_str(), spec.color == ImageColor::Gray ? "gray" : "RGB",
      spec.resize > 0
          ? ("resized to " + std::to_string(spec.resize) + "x" + std::to_string(spec.resize))
                .c_str()
          : "native size",
      static_cast<long long>(data.train.size()), static_cast<long long>(data.validation.size()),
      static_cast<long long>(data.test.size()));
}

}  // namespace

int run_info(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args("info", argv, {});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const Project project = load_project(args);
  const NetworkSpec& net = project.network;
  const ShapeReport report = infer_shapes(net);

  std::printf("%s\n", project.name.empty() ? args.project->c_str() : project.name.c_str());
  if (!project.description.empty()) std::printf("  %s\n", project.description.c_str());
  if (project.dataset.source == DatasetSource::ImageFolder) print_image_folder(project.dataset);
  std::printf("\n%-20s %-20s %-16s %12s\n", "node", "kind", "output", "parameters");
  std::vector<int> order = net.topological_order();
  if (order.empty())
    for (const auto& n : net.nodes) order.push_back(n.id);
  for (int id : order) {
    const NodeSpec& n = *net.find(id);
    const auto it = report.nodes.find(id);
    const bool known = it != report.nodes.end() && it->second.output.has_value();
    const std::string shape = known ? it->second.output->to_string() : std::string("?");
    const long long count = it != report.nodes.end() ? it->second.parameter_count : 0;
    std::printf("%-20s %-20s %-16s %12lld\n", n.name.c_str(), to_string(n.kind).c_str(),
                shape.c_str(), count);
  }
  std::printf("\ntotal parameters: %lld\n", static_cast<long long>(report.total_parameters));
  std::fflush(stdout);
  if (!check_network(net, *args.project)) return static_cast<int>(ExitCode::BadInput);

  const int batch = project.training.batch_size;
  const MemoryEstimate need = estimate_memory(net, batch, MemoryUse::Training);
  const uint64_t available = available_memory_bytes();
  std::printf(
      "memory to train at batch size %d: about %s (weights, gradients and optimizer "
      "state %s; activations %s)",
      batch, format_bytes(need.total_bytes()).c_str(), format_bytes(need.parameter_bytes).c_str(),
      format_bytes(need.activation_bytes).c_str());
  if (available > 0)
    std::printf("; available: %s", format_bytes(static_cast<double>(available)).c_str());
  std::printf("\n");
  std::fflush(stdout);
  const std::string problem = memory_problem(need, available, batch);
  if (!problem.empty()) {
    print_error(*args.project + ": " + problem);
    return static_cast<int>(ExitCode::BadInput);
  }
  return 0;
}

}  // namespace bp::cli
