#pragma once
// NaiveDenseOps: the plain-loop reference implementation of DenseOps. Every formula is written
// the obvious way (double accumulators, one element at a time) so the fast Eigen kernels in
// cpu_dense_ops.cpp can be tested against it. Not used for training.
#include <memory>

#include "engine/backend/dense_ops.h"

namespace bp {

class NaiveDenseOps final : public DenseOps {
 public:
  // x: (N, in)  w: (out, in)  b: (out) or null  y: (N, out)
  void linear_forward(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y) override;
  // x: (N, in)  w: (out, in)  dy: (N, out)  dx: (N, in)  dw: (out, in)  db: (out)
  void linear_backward(const Tensor& x, const Tensor& w, const Tensor& dy, Tensor* dx, Tensor* dw,
                       Tensor* db) override;
  // x, y: same shape
  void activation_forward(Activation f, const ActivationParams& p, const Tensor& x,
                          Tensor& y) override;
  // x, y, dy, dx: same shape
  void activation_backward(Activation f, const ActivationParams& p, const Tensor& x,
                           const Tensor& y, const Tensor& dy, Tensor& dx) override;
  // x, y: (N, C, ...)  a: (1) or (C)
  void prelu_forward(const Tensor& x, const Tensor& a, Tensor& y) override;
  // x, dy, dx: (N, C, ...)  a, da: (1) or (C)
  void prelu_backward(const Tensor& x, const Tensor& a, const Tensor& dy, Tensor& dx,
                      Tensor* da) override;
  // x: (N, M*k)  y: (N, M)
  void maxout_forward(const Tensor& x, int k, Tensor& y) override;
  // x: (N, M*k)  dy: (N, M)  dx: (N, M*k)
  void maxout_backward(const Tensor& x, int k, const Tensor& dy, Tensor& dx) override;
  // x, y: (N, C)
  void softmax_forward(const Tensor& x, Tensor& y) override;
  // y, dy, dx: (N, C)
  void softmax_backward(const Tensor& y, const Tensor& dy, Tensor& dx) override;
  // parts[i]: (N, C_i, ...)  y: (N, sum C_i, ...)
  void concat_forward(const Tensor* const* parts, int count, Tensor& y) override;
  // dy: (N, sum C_i, ...)  dparts[i]: (N, C_i, ...)
  void concat_backward(const Tensor& dy, Tensor* const* dparts, int count) override;
  // pred: (N, C)  target: (N, C) or (N)  dpred: (N, C)
  double loss_forward_backward(LossKind kind, const LossParams& p, const Tensor& pred,
                               const Tensor& target, Tensor* dpred) override;
  // pred: (N, C)  target: (N)
  int64_t count_correct(const Tensor& pred, const Tensor& target, float threshold) override;
};

std::unique_ptr<DenseOps> make_naive_dense_ops();

}  // namespace bp
