#pragma once
// Finite-difference gradient check for a Layer: L = sum(output * r) with a fixed random r, so
// dL/d output = r. Compares backward() against central differences for every input and every
// parameter element (or a sampled subset for large tensors). float32 engine: eps ~1e-2 to 1e-3
// and a relative tolerance of a few 1e-3 are the right scale; kinks (ReLU at 0) are avoided by
// the caller's choice of inputs.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/rng.h"
#include "engine/nn/layer.h"

namespace bp::test {

struct GradCheckOptions {
  float eps = 1e-2f;
  double rtol = 2e-2;
  double atol = 2e-3;
  int max_checks_per_tensor = 60;  // sampled elements per tensor
  Mode mode = Mode::Train;
  uint64_t seed = 1;
};

// Fills t with values uniform in [lo, hi).
inline void fill_uniform(Tensor& t, Rng& rng, float lo = -1.0f, float hi = 1.0f) {
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.uniform(lo, hi);
}

// Runs the check; QVERIFY-fails with the first mismatch. `inputs` are batch-first host tensors;
// `params` must match layer.parameters(); they are bound here.
inline bool gradcheck_layer(Layer& layer, std::vector<Tensor> inputs, std::vector<Tensor> params,
                            const GradCheckOptions& opt = {}, std::string* failure = nullptr) {
  CpuBackend backend;
  std::vector<Shape> in_shapes;
  for (auto& t : inputs) in_shapes.push_back(t.shape().without_batch());
  auto out_or = layer.output_shape(in_shapes);
  if (!std::holds_alternative<Shape>(out_or)) {
    if (failure) *failure = "output_shape failed: " + std::get<std::string>(out_or);
    return false;
  }
  const int64_t batch = inputs.empty() ? 1 : inputs[0].dim(0);
  Shape out_shape = std::get<Shape>(out_or).with_batch(batch);
  std::vector<Tensor> grads;
  auto decls = layer.parameters(in_shapes);
  for (size_t i = 0; i < params.size(); ++i)
    grads.push_back(decls[i].trainable ? Tensor::cpu(params[i].shape()) : Tensor());
  layer.bind(params, grads);
  layer.reserve(backend, in_shapes, batch);

  Rng rng(opt.seed + 17);
  Tensor r = Tensor::cpu(out_shape);
  fill_uniform(r, rng);
  auto loss = [&]() {
    ForwardContext ctx{backend, opt.mode, opt.seed, 0, 1};
    Tensor out = Tensor::cpu(out_shape);
    layer.forward(ctx, inputs, out);
    double s = 0;
    for (int64_t i = 0; i < out.numel(); ++i) s += static_cast<double>(out.data()[i]) * r.data()[i];
    return s;
  };
  // analytic
  ForwardContext ctx{backend, opt.mode, opt.seed, 0, 1};
  Tensor out = Tensor::cpu(out_shape);
  layer.forward(ctx, inputs, out);
  std::vector<Tensor> dins;
  for (auto& t : inputs) dins.push_back(Tensor::cpu(t.shape()));
  std::vector<Tensor*> dptrs;
  for (auto& t : dins) dptrs.push_back(&t);
  layer.backward(ctx, inputs, out, r, dptrs);

  auto check = [&](Tensor& x, const Tensor& analytic, const std::string& what) {
    const int64_t n = x.numel();
    const int64_t stride = std::max<int64_t>(1, n / opt.max_checks_per_tensor);
    for (int64_t i = 0; i < n; i += stride) {
      const float saved = x.data()[i];
      x.data()[i] = saved + opt.eps;
      const double lp = loss();
      x.data()[i] = saved - opt.eps;
      const double lm = loss();
      x.data()[i] = saved;
      const double numeric = (lp - lm) / (2.0 * opt.eps);
      const double a = analytic.data()[i];
      if (std::fabs(a - numeric) > opt.atol + opt.rtol * std::fabs(numeric)) {
        if (failure)
          *failure = what + "[" + std::to_string(i) + "]: analytic " + std::to_string(a) +
                     " vs numeric " + std::to_string(numeric);
        return false;
      }
    }
    return true;
  };
  for (size_t k = 0; k < inputs.size(); ++k)
    if (!check(inputs[k], dins[k], "input" + std::to_string(k))) return false;
  for (size_t k = 0; k < params.size(); ++k)
    if (grads[k].defined() && !check(params[k], grads[k], decls[k].name)) return false;
  return true;
}

}  // namespace bp::test
