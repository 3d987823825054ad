#pragma once
// Tiny-product kernels with the output width OUT known at compile time (1..16), so that the
// per-row accumulators live in registers instead of round-tripping through memory. Used by
// dense_kernels.cpp for the toy networks (2-8-8-1 at batch 10), where per-call overhead and
// store-to-load latency, not arithmetic, set the speed.
#include <cstdint>

namespace bp::kernels::fixed {

// y = x W^T + b.  x: (n, in)  w: (out=OUT, in)  b: (OUT) or null  y: (n, OUT)
// wt: scratch (in, OUT)
template <int OUT>
void linear_forward(const float* __restrict x, const float* __restrict w, const float* __restrict b,
                    float* __restrict y, int64_t n, int64_t in, float* __restrict wt) {
  for (int o = 0; o < OUT; ++o)
    for (int64_t i = 0; i < in; ++i) wt[i * OUT + o] = w[o * in + i];
  float bias[OUT];
  for (int o = 0; o < OUT; ++o) bias[o] = b ? b[o] : 0.0f;
  for (int64_t r = 0; r < n; ++r) {
    float acc[OUT];
    for (int o = 0; o < OUT; ++o) acc[o] = bias[o];
    const float* __restrict xr = x + r * in;
    for (int64_t i = 0; i < in; ++i) {
      const float xv = xr[i];
      const float* __restrict wti = wt + i * OUT;
      for (int o = 0; o < OUT; ++o) acc[o] += xv * wti[o];
    }
    float* __restrict yr = y + r * OUT;
    for (int o = 0; o < OUT; ++o) yr[o] = acc[o];
  }
}

// dx = dy W (overwrite); dw += dy^T x; db += sum_r dy; null pointers skip.
// x: (n, in)  w: (OUT, in)  dy: (n, OUT)  dx: (n, in)  dw: (OUT, in)  db: (OUT)
// wt: scratch (in, OUT), unused for now (kept so both kernels share a signature)
template <int OUT>
void linear_backward(const float* __restrict x, const float* __restrict w,
                     const float* __restrict dy, float* __restrict dx, float* __restrict dw,
                     float* __restrict db, int64_t n, int64_t in, float* __restrict wt) {
  (void)wt;
  if (dx)
    for (int64_t r = 0; r < n; ++r) {
      float d[OUT];
      for (int o = 0; o < OUT; ++o) d[o] = dy[r * OUT + o];
      float* __restrict dxr = dx + r * in;
      int64_t i = 0;
      for (; i + 8 <= in; i += 8) {  // dx[r, i:i+8] = sum_o d[o] W[o, i:i+8], in registers
        float acc[8] = {};
        for (int o = 0; o < OUT; ++o) {
          const float* __restrict wo = w + o * in + i;
          for (int k = 0; k < 8; ++k) acc[k] += d[o] * wo[k];
        }
        for (int k = 0; k < 8; ++k) dxr[i + k] = acc[k];
      }
      for (; i < in; ++i) {
        float s = 0.0f;
        for (int o = 0; o < OUT; ++o) s += d[o] * w[o * in + i];
        dxr[i] = s;
      }
    }
  if (dw)
    for (int64_t i = 0; i < in; ++i) {
      float acc[OUT] = {};
      for (int64_t r = 0; r < n; ++r) {
        const float xv = x[r * in + i];
        const float* __restrict dyr = dy + r * OUT;
        for (int o = 0; o < OUT; ++o) acc[o] += xv * dyr[o];
      }
      for (int o = 0; o < OUT; ++o) dw[o * in + i] += acc[o];
    }
  if (db) {
    float acc[OUT] = {};
    for (int64_t r = 0; r < n; ++r)
      for (int o = 0; o < OUT; ++o) acc[o] += dy[r * OUT + o];
    for (int o = 0; o < OUT; ++o) db[o] += acc[o];
  }
}

}  // namespace bp::kernels::fixed
