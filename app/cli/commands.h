#pragma once
// The `backprop` commands. Each takes the arguments after its name and returns the exit code
// (0 ok, 1 training failed, 2 bad input); UsageError and bp::Error propagate to main (exit 2).
#include <string>
#include <vector>

namespace bp::cli {

int run_train(const std::vector<std::string>& args);
int run_evaluate(const std::vector<std::string>& args);
int run_info(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_compare(const std::vector<std::string>& args);
int run_import(const std::vector<std::string>& args);

}  // namespace bp::cli
