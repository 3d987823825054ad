#pragma once
// Variations: turn "vary optimizer over SGD, Adam, RMSprop" (and a second or third variable, and
// K seeds) into the RunSpecs of a comparison, starting from a project's network and training
// config. Several variables make a grid (their cartesian product), e.g. batch size x learning
// rate; seeds repeat every configuration. Values are parsed here, at the boundary: bp::Error
// names the variable and the value that does not parse or does not apply.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compare/run_spec.h"

namespace bp {

struct Variation {
  CompareVariable variable = CompareVariable::Optimizer;
  std::vector<std::string> values;  // as the user wrote them: "Adam", "0.01", "relu"
};

std::string compare_variable_name(CompareVariable v);  // "optimizer", "lr", "batch_size", ...
std::optional<CompareVariable> parse_compare_variable(std::string_view name);
std::vector<CompareVariable> all_compare_variables();

// "SGD,Adam(lr=0.01,betas=...)" -> {"SGD", "Adam(lr=0.01,...)"}: commas inside parentheses stay.
std::vector<std::string> split_values(std::string_view list);

// An optimizer value: "Adam", "SGD(momentum=0.9,nesterov=true)", "RMSprop(lr=0.001)". The
// project's own optimizer kind keeps the project's hyperparameters; another kind starts from
// torch's defaults for it (Adam lr 1e-3, ...); the parenthesised keywords (torch's names, plus
// beta1/beta2) override either. Throws bp::Error naming the value.
OptimizerConfig parse_optimizer_value(std::string_view value, const OptimizerConfig& project);

// The runs: one per combination of the variations' values, times `seeds` seeds
// (project seed, seed+1, ...). Throws bp::Error for an unknown value, a value a setting cannot
// take (negative learning rate, batch size 0), a variable given twice, or no values.
std::vector<RunSpec> make_runs(const NetworkSpec& network, const TrainConfig& config,
                               const std::vector<Variation>& variations, int seeds);

// The learning-rate sweep by orders of magnitude: 1e-05, 1e-04, ..., 1, 10 (the "LR range"
// picture). `--vary lr=sweep` stands for these.
std::vector<std::string> lr_sweep_values();

// Applies one value of one variable to a network and config (what make_runs does per value).
void apply_variation(CompareVariable variable, std::string_view value, NetworkSpec& network,
                     TrainConfig& config);

}  // namespace bp
