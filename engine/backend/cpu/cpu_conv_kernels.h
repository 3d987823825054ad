#pragma once
// Stateless CPU kernels behind CpuConvOps (cpu_conv_ops.cpp): im2col/col2im, pooling,
// normalization and dropout. Internal to the CPU backend.
#include <cstdint>

#include "engine/backend/conv_ops.h"

namespace bp::cpu {

// cols: (Cin*kh*kw, N*Ho*Wo) row-major; column n*Ho*Wo + oh*Wo + ow.  x: (N, Cin, H, W)
void im2col(const float* x, int N, int C, int H, int W, const Conv2dGeometry& g, int Ho, int Wo,
            float* cols);
// dx (N, Cin, H, W) = sum of cols (same layout as im2col) scattered back; dx overwritten.
void col2im(const float* cols, int N, int C, int H, int W, const Conv2dGeometry& g, int Ho, int Wo,
            float* dx);

// x: (N, C, H, W)  y: (N, C, Ho, Wo)
void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y);
void max_pool2d_backward(const Tensor& x, const Tensor& dy, const Pool2dGeometry& g, Tensor& dx);
void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y);
void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx);
void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y);
void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx);

// See ConvOps for the contracts.
void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                        Tensor& running_mean, Tensor& running_var, Mode mode, float momentum,
                        float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y);
void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                         const Tensor& save_invstd, const Tensor& dy, Mode mode, Tensor* dx,
                         Tensor* dgamma, Tensor* dbeta);
void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta, float eps,
                        Tensor& save_mean, Tensor& save_invstd, Tensor& y);
void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                         const Tensor& save_invstd, const Tensor& dy, Tensor* dx, Tensor* dgamma,
                         Tensor* dbeta);
void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                  Tensor& mask);

}  // namespace bp::cpu
