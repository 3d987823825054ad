#pragma once
// A thin adapter over today's OptimizerConfig fields by torch's keyword names, for the compare
// lab's "Adam(lr=0.01,beta2=0.99)" values and its trajectory view. When the optimizer
// descriptors land (engine/optim/*descriptor*), this file becomes a lookup in their parameter
// schema; nothing else in engine/compare names an OptimizerConfig field.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/optim/optimizer.h"

namespace bp {

// The keywords `kind` reads (torch's names; beta1/beta2 for Adam's betas), lr first.
std::vector<std::string> optimizer_hyper_names(OptimizerKind kind);
// Sets one keyword from text ("0.9", "true"); throws bp::Error naming the keyword when it is not
// one of the kind's or the text does not parse.
void set_optimizer_hyper(OptimizerConfig& config, std::string_view name, std::string_view value);
// The keyword's value as a number (booleans as 0/1); nullopt for an unknown keyword.
std::optional<double> optimizer_hyper(const OptimizerConfig& config, std::string_view name);
// "SGD(momentum=0.9,nesterov=true)": the kind and every keyword that differs from torch's
// default for that kind (the legend text of a run).
std::string describe_optimizer(const OptimizerConfig& config);

}  // namespace bp
