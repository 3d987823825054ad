#pragma once
// Shared by the importer's tests: the engine's eval-mode outputs for an imported project.
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/tensor.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"

namespace bp::test {

// x: (batch, input...) row-major. Returns the outputs (batch, output...) row-major.
inline std::vector<float> run_imported(const Project& p, const std::vector<float>& x,
                                       int64_t batch) {
  CpuBackend backend;
  Model model(p.network, backend, 1);
  model.params().from_host(backend, p.weights);
  Tensor in = Tensor::cpu(model.input_shape().with_batch(batch));
  std::copy(x.begin(), x.end(), in.data());
  const Tensor& y = model.forward(in, Mode::Eval);
  return std::vector<float>(y.data(), y.data() + y.numel());
}

}  // namespace bp::test
