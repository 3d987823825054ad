#pragma once
// Direct (no im2col) Conv2d for stride 1, any padding and dilation: the CPU backend's fast path
// for the small images of the studio (28x28 digits and smaller). Each kernel vectorizes over
// the output width (16 lanes with AVX-512, 8 otherwise) and keeps a block of output channels
// (and rows) in registers, so every input vector loaded feeds several FMAs; one sample's data
// stays in L1 instead of streaming a batch-wide column matrix through memory. Internal to the CPU
// backend; naive_conv_ops.cpp is the reference it is tested against.
#include <cstdint>
#include <vector>

#include "engine/backend/conv_ops.h"
#include "engine/core/worker_pool.h"

namespace bp::cpu {

// Whether the direct kernels handle this convolution well: stride 1 and at least half of the
// vector lanes of each output row in use (narrower rows go through im2col + GEMM).
bool direct_conv_applies(const Conv2dGeometry& g, int Wo);

// One thread's buffers (they only grow: no allocation once warm).
struct DirectConvScratch {
  std::vector<float> xpad;    // zero-padded input planes
  std::vector<float> dyz;     // output gradient rows, zero beyond Wo
  std::vector<float> dwpart;  // per-lane partial sums of dW (K*C*kh*kw, lanes)
};

// What the direct kernels keep between calls: the pool that splits the batch (null: the
// calling thread only) and the buffers. Results do not depend on the pool's size.
struct DirectConv {
  WorkerPool* pool = nullptr;
  std::vector<DirectConvScratch> per_thread;
  std::vector<float> wpack;     // the weights reordered for the kernel at hand
  std::vector<float> chunk_dw;  // per-chunk dW sums (chunks, K*C*kh*kw)
  std::vector<float> chunk_db;  // per-chunk db sums (chunks, K)
};

// x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout) or null  y: (N, Cout, Ho, Wo)
void conv2d_direct_forward(const float* x, const float* w, const float* b, int N, int C, int H,
                           int W, int K, const Conv2dGeometry& g, int Ho, int Wo, float* y,
                           DirectConv& ctx);

// dy: (N, Cout, Ho, Wo); dx (N, Cin, H, W) overwritten; dw (Cout, Cin, kh, kw) and db (Cout)
// accumulated. Any of dx, dw, db may be null.
void conv2d_direct_backward(const float* x, const float* w, const float* dy, int N, int C, int H,
                            int W, int K, const Conv2dGeometry& g, int Ho, int Wo, float* dx,
                            float* dw, float* db, DirectConv& ctx);

}  // namespace bp::cpu
