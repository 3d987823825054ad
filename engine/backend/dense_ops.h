#pragma once
// Dense-network operations, named after torch.nn.functional. Each is a forward/backward pair.
// Convention: backward ops OVERWRITE input gradients (dx) and ACCUMULATE (+=) parameter
// gradients (dw, db), matching PyTorch's zero_grad()/backward() semantics. A null pointer skips
// that gradient.
#include <cstdint>

#include "engine/backend/types.h"
#include "engine/core/tensor.h"

namespace bp {

class DenseOps {
 public:
  virtual ~DenseOps() = default;

  // y = x W^T + b.  x: (N, in)  w: (out, in)  b: (out) or null  y: (N, out)
  virtual void linear_forward(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y) = 0;
  // dx = dy W (overwrite); dw += dy^T x; db += sum_n dy.
  // x: (N, in)  w: (out, in)  dy: (N, out)  dx: (N, in)  dw: (out, in)  db: (out)
  virtual void linear_backward(const Tensor& x, const Tensor& w, const Tensor& dy, Tensor* dx,
                               Tensor* dw, Tensor* db) = 0;

  // y = f(x), element-wise, any shape.  x, y: same shape (may alias: in-place allowed)
  virtual void activation_forward(Activation f, const ActivationParams& p, const Tensor& x,
                                  Tensor& y) = 0;
  // dx = f'(x) * dy; both x and y = f(x) are given so either can be used.  all: same shape
  virtual void activation_backward(Activation f, const ActivationParams& p, const Tensor& x,
                                   const Tensor& y, const Tensor& dy, Tensor& dx) = 0;

  // PReLU: y = x if x > 0 else a_c x, a: (1) shared or (C) per channel (dim 1).
  // x, y: (N, C, ...)  a: (1) or (C)
  virtual void prelu_forward(const Tensor& x, const Tensor& a, Tensor& y) = 0;
  // dx overwrite, da += sum over positions.  x, dy, dx: (N, C, ...)  a, da: (1) or (C)
  virtual void prelu_backward(const Tensor& x, const Tensor& a, const Tensor& dy, Tensor& dx,
                              Tensor* da) = 0;

  // Maxout over groups of k consecutive features: y[n, j] = max_{i<k} x[n, j*k + i].
  // x: (N, M*k)  y: (N, M)
  virtual void maxout_forward(const Tensor& x, int k, Tensor& y) = 0;
  // The gradient goes to the first maximal element of each group.  dy: (N, M)  dx: (N, M*k)
  virtual void maxout_backward(const Tensor& x, int k, const Tensor& dy, Tensor& dx) = 0;

  // Softmax over dimension 1.  x, y: (N, C)
  virtual void softmax_forward(const Tensor& x, Tensor& y) = 0;
  // dx = y * (dy - sum_c(dy * y)).  y, dy, dx: (N, C)
  virtual void softmax_backward(const Tensor& y, const Tensor& dy, Tensor& dx) = 0;

  // Concatenate along dimension 1. `parts` has `count` tensors (N, C_i, ...) with equal other
  // dimensions; y: (N, sum C_i, ...).
  virtual void concat_forward(const Tensor* const* parts, int count, Tensor& y) = 0;
  // Split dy (N, sum C_i, ...) back into dparts (each overwritten; null entries skipped).
  virtual void concat_backward(const Tensor& dy, Tensor* const* dparts, int count) = 0;

  // Mean-reduced loss. Returns the loss; when dpred is non-null writes d loss / d pred into it.
  // pred: (N, C)   target: (N, C) for MSE/L1/Huber/BCEWithLogits, (N) class indices stored as
  // floats for CrossEntropyLoss.   dpred: (N, C)
  virtual double loss_forward_backward(LossKind kind, const LossParams& p, const Tensor& pred,
                                       const Tensor& target, Tensor* dpred) = 0;
  // Number of rows whose predicted class equals the class index in target (N): the argmax over
  // dim 1 (the first on a tie), or for a single-column pred (N, 1) class 1 when pred > threshold.
  // This is the rule of engine/train/prediction.h; callers pass decision_threshold(loss).
  virtual int64_t count_correct(const Tensor& pred, const Tensor& target, float threshold) = 0;
};

}  // namespace bp
