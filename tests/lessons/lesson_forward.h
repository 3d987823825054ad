#pragma once
// Forward passes for the lesson tests (lessons 2, 7, 10, 14): run rows of inputs through a
// trained lesson model in eval mode and read back its output or one node's activation.
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "lesson_test_util.h"

namespace bp::test {

// The id of the node called `name`; throws bp::Error when there is none.
inline int node_id(const Model& model, const std::string& name) {
  for (const auto& n : model.spec().nodes)
    if (n.name == name) return n.id;
  throw Error("no node '" + name + "' in the network");
}

// Runs `rows` samples of `inputs` (rows, in_dim) through the model in eval mode. Returns the
// model's output (rows, out_dim), and the activation of `node` (rows, width) in *activation
// when both are given.
inline std::vector<float> forward_rows(LessonRun& run, const std::vector<float>& inputs,
                                       int64_t rows, const std::string& node = "",
                                       std::vector<float>* activation = nullptr) {
  const int64_t in_dim = static_cast<int64_t>(inputs.size()) / rows;
  Tensor x = run.backend.memory().empty(Shape{rows, in_dim});  // (rows, in_dim)
  run.backend.memory().upload(inputs.data(), x);
  const Tensor& y = run.model.forward(x, Mode::Eval);  // (rows, out_dim)
  std::vector<float> out(static_cast<size_t>(y.numel()));
  run.backend.memory().download(y, out.data());
  if (activation && !node.empty()) {
    const Tensor& a = run.model.activation(node_id(run.model, node));  // (rows, width)
    activation->resize(static_cast<size_t>(a.numel()));
    run.backend.memory().download(a, activation->data());
  }
  return out;
}

}  // namespace bp::test
