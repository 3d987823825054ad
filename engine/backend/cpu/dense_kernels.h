#pragma once
// Raw-pointer kernels behind CpuDenseOps (cpu_dense_ops.cpp): tiny-matrix products as plain
// loops, element-wise activations (Eigen's vectorised math where it has it), losses.
#include <cstdint>

#include "engine/backend/types.h"

namespace bp::kernels {

// y = x W^T + b.  x: (n, in)  w: (out, in)  b: (out) or null  y: (n, out)
// scratch: in*out floats (no pointer may alias another)
void linear_forward_small(const float* x, const float* w, const float* b, float* y, int64_t n,
                          int64_t in, int64_t out, float* scratch);
// dx = dy W (overwrite); dw += dy^T x; db += sum_n dy; null pointers skip.
// x: (n, in)  w: (out, in)  dy: (n, out)  dx: (n, in)  dw: (out, in)  db: (out)
// scratch: in*out floats
void linear_backward_small(const float* x, const float* w, const float* dy, float* dx, float* dw,
                           float* db, int64_t n, int64_t in, int64_t out, float* scratch);

// y = f(x).  x, y: (count) (may alias)
void activation_forward(Activation f, const ActivationParams& p, const float* x, float* y,
                        int64_t count);
// dx = f'(x) dy.  x, y, dy, dx: (count)
void activation_backward(Activation f, const ActivationParams& p, const float* x, const float* y,
                         const float* dy, float* dx, int64_t count);

// Mean of an element-wise loss (MSE, L1, Huber, BCEWithLogits); dpred (count) or null.
// pred, target: (count)
double pointwise_loss(LossKind kind, const LossParams& p, const float* pred, const float* target,
                      float* dpred, int64_t count);
// Mean over rows of log-softmax + NLL.  logits: (n, c)  target: (n) class indices  dlogits: (n, c)
double cross_entropy(const float* logits, const float* target, float* dlogits, int64_t n,
                     int64_t c);

}  // namespace bp::kernels
