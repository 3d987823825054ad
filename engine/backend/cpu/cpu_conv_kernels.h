#pragma once
// Stateless CPU kernels behind CpuConvOps (cpu_conv_ops.cpp): im2col/col2im and pooling. Internal
// to the CPU backend.
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

}  // namespace bp::cpu
