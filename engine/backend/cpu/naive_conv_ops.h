#pragma once
// Plain-loop reference of ConvOps: the obviously-correct version the tests compare the fast
// (im2col + GEMM) implementation against. Slow on purpose; never used for training.
#include <memory>

#include "engine/backend/conv_ops.h"

namespace bp {

std::unique_ptr<ConvOps> make_naive_conv_ops();

// Output size of a convolution/pool along one axis, torch's formula:
// floor((in + 2*pad - dilation*(kernel-1) - 1) / stride) + 1
inline int conv_out_size(int in, int kernel, int stride, int pad, int dilation) {
  return (in + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
}

// torch's adaptive pooling bin edges: [floor(i*in/out), ceil((i+1)*in/out))
inline int adaptive_start(int i, int out, int in) {
  return (i * in) / out;
}
inline int adaptive_end(int i, int out, int in) {
  return ((i + 1) * in + out - 1) / out;
}

}  // namespace bp
