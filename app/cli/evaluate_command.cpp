// backprop evaluate PROJECT: the stored weights' loss and accuracy on the test split, as JSON.
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop evaluate PROJECT [--split test|validation|train] [--threads N]\n"
    "                         [--backend cpu|cuda|auto]\n"
    "\n"
    "Loads the project's stored weights (a model.json written by `backprop train`, or any\n"
    "project with a \"weights\" section) and prints the loss and accuracy on the test split as\n"
    "JSON: {\"loss\": ..., \"accuracy\": ..., \"samples\": ...} (accuracy is null for\n"
    "regression). Exits with 2 when the project has no weights.\n";

}  // namespace

int run_evaluate(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args("evaluate", argv, {{"split"}, {"threads"}, {"backend"}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const std::string split = args.value("split").value_or("test");
  if (split != "test" && split != "validation" && split != "train")
    throw UsageError("--split must be test, validation or train, got '" + split + "'");
  Project project = load_project(args);
  const std::string& origin = *args.project;
  if (project.weights.empty())
    throw Error(origin + ": the project has no trained weights; run `backprop train " + origin +
                " --out DIR` and evaluate DIR/model.json");
  TrainConfig config = project.training;
  if (auto t = args.int_value("threads", 1, 256)) config.threads = static_cast<int>(*t);
  auto backend = make_backend(args.value("backend").value_or("cpu"), config.threads);
  if (!check_network(project.network, origin)) return static_cast<int>(ExitCode::BadInput);

  const DatasetSplits data = load_dataset(project.dataset);
  check_data_fits(project.network, data, origin);
  const Dataset& set = split == "test"         ? data.test
                       : split == "validation" ? data.validation
                                               : data.train;
  if (set.size() == 0)
    throw Error(origin + ": the dataset's " + split +
                " split is empty (check dataset.train_fraction and validation_fraction)");
  Model model(project.network, *backend, config.seed);
  Trainer trainer(model, data, config);
  try {
    model.params().from_host(*backend, project.weights);
  } catch (const Error& e) {
    throw Error(origin + ": the stored weights do not fit the network: " + e.what());
  }
  const Metrics m = trainer.evaluate(set);
  if (!std::isfinite(m.loss)) {
    print_error(origin + ": the stored weights give a loss that is not finite on the " + split +
                " split (NaN or infinite): the weights are unusable; train again, with a lower "
                "learning rate or gradient clipping");
    return static_cast<int>(ExitCode::TrainingFailed);
  }
  nlohmann::json out = {
      {"loss", m.loss},
      {"accuracy", m.accuracy >= 0.0 ? nlohmann::json(m.accuracy) : nlohmann::json(nullptr)},
      {"samples", m.samples}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

}  // namespace bp::cli
