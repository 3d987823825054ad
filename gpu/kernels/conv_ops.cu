// CUDA convolution and pooling (engine/backend/conv_ops.h). Conv2d: im2col over the whole batch
// and one cuBLAS SGEMM, as the CPU backend does; LocallyConnected2d: im2col and kernels of our own
// (no weight sharing, so no large product). Every backward pass gathers (each output element sums
// its own contributions in a fixed order) instead of scattering with atomics: deterministic.
#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

struct ConvDims {
  int N, C, H, W, K, Ho, Wo;
  int64_t R, P, NP;  // C*kh*kw, Ho*Wo, N*P
};

ConvDims conv_dims(const Tensor& x, const Conv2dGeometry& g, int64_t K, int64_t Ho, int64_t Wo) {
  ConvDims d{};
  d.N = static_cast<int>(x.dim(0));
  d.C = static_cast<int>(x.dim(1));
  d.H = static_cast<int>(x.dim(2));
  d.W = static_cast<int>(x.dim(3));
  d.K = static_cast<int>(K);
  d.Ho = static_cast<int>(Ho);
  d.Wo = static_cast<int>(Wo);
  d.R = static_cast<int64_t>(d.C) * g.kernel_h * g.kernel_w;
  d.P = static_cast<int64_t>(d.Ho) * d.Wo;
  d.NP = d.N * d.P;
  return d;
}

// cols (R, N*P): cols[(c*kh + i)*kw + j, n*P + oh*Wo + ow] = x[n, c, ih, iw] or 0 outside.
__global__ void im2col_kernel(ConvDims d, Conv2dGeometry g, const float* x, float* cols) {
  BP_GRID_STRIDE(idx, d.R * d.NP) {
    const int64_t r = idx / d.NP, col = idx % d.NP;
    const int n = static_cast<int>(col / d.P), p = static_cast<int>(col % d.P);
    const int oh = p / d.Wo, ow = p % d.Wo;
    const int j = static_cast<int>(r % g.kernel_w),
              i = static_cast<int>((r / g.kernel_w) % g.kernel_h);
    const int c = static_cast<int>(r / (g.kernel_w * g.kernel_h));
    const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
    const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
    cols[idx] = (ih >= 0 && ih < d.H && iw >= 0 && iw < d.W)
                    ? x[((static_cast<int64_t>(n) * d.C + c) * d.H + ih) * d.W + iw]
                    : 0.0f;
  }
}

// dx[n, c, h, w] = sum over the (i, j) kernel taps that read (h, w) of cols[...]; overwrites dx.
__global__ void col2im_kernel(ConvDims d, Conv2dGeometry g, const float* cols, float* dx) {
  BP_GRID_STRIDE(idx, static_cast<int64_t>(d.N) * d.C * d.H * d.W) {
    const int w = static_cast<int>(idx % d.W);
    const int h = static_cast<int>((idx / d.W) % d.H);
    const int c = static_cast<int>((idx / (static_cast<int64_t>(d.W) * d.H)) % d.C);
    const int n = static_cast<int>(idx / (static_cast<int64_t>(d.W) * d.H * d.C));
    float s = 0.0f;
    for (int i = 0; i < g.kernel_h; ++i) {
      const int th = h + g.pad_h - i * g.dilation_h;
      if (th < 0 || th % g.stride_h) continue;
      const int oh = th / g.stride_h;
      if (oh >= d.Ho) continue;
      for (int j = 0; j < g.kernel_w; ++j) {
        const int tw = w + g.pad_w - j * g.dilation_w;
        if (tw < 0 || tw % g.stride_w) continue;
        const int ow = tw / g.stride_w;
        if (ow >= d.Wo) continue;
        const int64_t r = (static_cast<int64_t>(c) * g.kernel_h + i) * g.kernel_w + j;
        s += cols[r * d.NP + static_cast<int64_t>(n) * d.P + oh * d.Wo + ow];
      }
    }
    dx[idx] = s;
  }
}

// y[n, k, p] = yt[k, n*P + p] + b[k]
__global__ void untranspose_bias_kernel(ConvDims d, const float* yt, const float* b, float* y) {
  BP_GRID_STRIDE(idx, static_cast<int64_t>(d.N) * d.K * d.P) {
    const int64_t p = idx % d.P, k = (idx / d.P) % d.K, n = idx / (d.P * d.K);
    y[idx] = yt[k * d.NP + n * d.P + p] + (b ? b[k] : 0.0f);
  }
}

// dyt[k, n*P + p] = dy[n, k, p]
__global__ void transpose_dy_kernel(ConvDims d, const float* dy, float* dyt) {
  BP_GRID_STRIDE(idx, static_cast<int64_t>(d.N) * d.K * d.P) {
    const int64_t p = idx % d.P, k = (idx / d.P) % d.K, n = idx / (d.P * d.K);
    dyt[k * d.NP + n * d.P + p] = dy[idx];
  }
}

// out[row] += sum_j in[row, j] for a (rows, len) matrix: one block per row.
__global__ void row_sum_accumulate_kernel(int64_t len, const float* in, float* out) {
  const float* r = in + static_cast<int64_t>(blockIdx.x) * len;
  double acc = 0.0;
  for (int64_t j = threadIdx.x; j < len; j += blockDim.x) acc += r[j];
  const double s = block_reduce<SumOp>(acc);
  if (threadIdx.x == 0) out[blockIdx.x] += static_cast<float>(s);
}

// LocallyConnected2d. w: (P, K, R)  cols: (R, N*P)  y, dy: (N, K, P)  b: (K, P)
__global__ void lc_forward_kernel(ConvDims d, const float* cols, const float* w, const float* b,
                                  float* y) {
  BP_GRID_STRIDE(idx, static_cast<int64_t>(d.N) * d.K * d.P) {
    const int64_t p = idx % d.P, k = (idx / d.P) % d.K, n = idx / (d.P * d.K);
    const float* wp = w + (p * d.K + k) * d.R;
    float s = b ? b[k * d.P + p] : 0.0f;
    for (int64_t r = 0; r < d.R; ++r) s += wp[r] * cols[r * d.NP + n * d.P + p];
    y[idx] = s;
  }
}

// dcols[r, n*P + p] = sum_k w[p, k, r] dy[n, k, p]
__global__ void lc_dcols_kernel(ConvDims d, const float* w, const float* dy, float* dcols) {
  BP_GRID_STRIDE(idx, d.R * d.NP) {
    const int64_t r = idx / d.NP, col = idx % d.NP, n = col / d.P, p = col % d.P;
    float s = 0.0f;
    for (int64_t k = 0; k < d.K; ++k) s += w[(p * d.K + k) * d.R + r] * dy[(n * d.K + k) * d.P + p];
    dcols[idx] = s;
  }
}

// dw[p, k, r] += sum_n dy[n, k, p] cols[r, n*P + p]
__global__ void lc_dw_kernel(ConvDims d, const float* cols, const float* dy, float* dw) {
  BP_GRID_STRIDE(idx, d.P * d.K * d.R) {
    const int64_t r = idx % d.R, k = (idx / d.R) % d.K, p = idx / (d.R * d.K);
    float s = 0.0f;
    for (int64_t n = 0; n < d.N; ++n)
      s += dy[(n * d.K + k) * d.P + p] * cols[r * d.NP + n * d.P + p];
    dw[idx] += s;
  }
}

// db[k, p] += sum_n dy[n, k, p]
__global__ void lc_db_kernel(ConvDims d, const float* dy, float* db) {
  BP_GRID_STRIDE(idx, static_cast<int64_t>(d.K) * d.P) {
    const int64_t p = idx % d.P, k = idx / d.P;
    float s = 0.0f;
    for (int64_t n = 0; n < d.N; ++n) s += dy[(n * d.K + k) * d.P + p];
    db[idx] += s;
  }
}

// ---- pooling: x (N, C, H, W), y (N, C, Ho, Wo); planes = N*C ----

struct PoolDims {
  int64_t planes;
  int H, W, Ho, Wo;
};

PoolDims pool_dims(const Tensor& x, const Tensor& y) {
  return {x.dim(0) * x.dim(1), static_cast<int>(x.dim(2)), static_cast<int>(x.dim(3)),
          static_cast<int>(y.dim(2)), static_cast<int>(y.dim(3))};
}

// Index (within its plane) of the window's first maximum; -1 for a window with no input.
__device__ int window_argmax(const float* plane, PoolDims d, Pool2dGeometry g, int oh, int ow) {
  float best = 0.0f;
  int arg = -1;
  for (int i = 0; i < g.kernel_h; ++i)
    for (int j = 0; j < g.kernel_w; ++j) {
      // taps are dilation apart (MaxPool2d's dilation; 1 for AvgPool2d)
      const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
      const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
      if (ih < 0 || ih >= d.H || iw < 0 || iw >= d.W) continue;
      const float v = plane[ih * d.W + iw];
      if (arg < 0 || v > best) {
        best = v;
        arg = ih * d.W + iw;
      }
    }
  return arg;
}

__global__ void max_pool_forward_kernel(PoolDims d, Pool2dGeometry g, const float* x, float* y) {
  BP_GRID_STRIDE(idx, d.planes * d.Ho * d.Wo) {
    const int ow = static_cast<int>(idx % d.Wo), oh = static_cast<int>((idx / d.Wo) % d.Ho);
    const int64_t plane = idx / (static_cast<int64_t>(d.Wo) * d.Ho);
    const float* xp = x + plane * d.H * d.W;
    const int arg = window_argmax(xp, d, g, oh, ow);
    y[idx] = arg < 0 ? -INFINITY : xp[arg];
  }
}

__global__ void max_pool_argmax_kernel(PoolDims d, Pool2dGeometry g, const float* x, int* arg) {
  BP_GRID_STRIDE(idx, d.planes * d.Ho * d.Wo) {
    const int ow = static_cast<int>(idx % d.Wo), oh = static_cast<int>((idx / d.Wo) % d.Ho);
    const int64_t plane = idx / (static_cast<int64_t>(d.Wo) * d.Ho);
    arg[idx] = window_argmax(x + plane * d.H * d.W, d, g, oh, ow);
  }
}

// Output windows [oh0, oh1] x [ow0, ow1] whose window covers input (h, w).
__device__ void covering(int h, int k, int s, int pad, int out, int& o0, int& o1) {
  // oh*s - pad <= h <= oh*s - pad + k - 1
  const int hi = h + pad;
  o1 = min(hi / s, out - 1);
  const int lo = hi - k + 1;
  o0 = lo <= 0 ? 0 : (lo + s - 1) / s;
}

__global__ void max_pool_backward_kernel(PoolDims d, Pool2dGeometry g, const int* arg,
                                         const float* dy, float* dx) {
  BP_GRID_STRIDE(idx, d.planes * d.H * d.W) {
    const int w = static_cast<int>(idx % d.W), h = static_cast<int>((idx / d.W) % d.H);
    const int64_t plane = idx / (static_cast<int64_t>(d.W) * d.H);
    int oh0, oh1, ow0, ow1;
    // Windows whose (dilated) extent covers (h, w); the argmax test below picks the exact ones.
    covering(h, (g.kernel_h - 1) * g.dilation_h + 1, g.stride_h, g.pad_h, d.Ho, oh0, oh1);
    covering(w, (g.kernel_w - 1) * g.dilation_w + 1, g.stride_w, g.pad_w, d.Wo, ow0, ow1);
    const int self = h * d.W + w;
    float s = 0.0f;
    for (int oh = oh0; oh <= oh1; ++oh)
      for (int ow = ow0; ow <= ow1; ++ow) {
        const int64_t o = (plane * d.Ho + oh) * d.Wo + ow;
        if (arg[o] == self) s += dy[o];
      }
    dx[idx] = s;
  }
}

// torch: with count_include_pad the window is clipped to the padded input, else to the input.
__device__ int avg_divisor(PoolDims d, Pool2dGeometry g, int oh, int ow) {
  int h0 = oh * g.stride_h - g.pad_h, w0 = ow * g.stride_w - g.pad_w;
  int h1 = min(h0 + g.kernel_h, d.H + g.pad_h), w1 = min(w0 + g.kernel_w, d.W + g.pad_w);
  if (g.count_include_pad) return (h1 - h0) * (w1 - w0);
  h0 = max(h0, 0);
  w0 = max(w0, 0);
  h1 = min(h1, d.H);
  w1 = min(w1, d.W);
  return (h1 - h0) * (w1 - w0);
}

__global__ void avg_pool_forward_kernel(PoolDims d, Pool2dGeometry g, const float* x, float* y) {
  BP_GRID_STRIDE(idx, d.planes * d.Ho * d.Wo) {
    const int ow = static_cast<int>(idx % d.Wo), oh = static_cast<int>((idx / d.Wo) % d.Ho);
    const float* xp = x + (idx / (static_cast<int64_t>(d.Wo) * d.Ho)) * d.H * d.W;
    float s = 0.0f;
    for (int i = 0; i < g.kernel_h; ++i)
      for (int j = 0; j < g.kernel_w; ++j) {
        const int ih = oh * g.stride_h - g.pad_h + i, iw = ow * g.stride_w - g.pad_w + j;
        if (ih >= 0 && ih < d.H && iw >= 0 && iw < d.W) s += xp[ih * d.W + iw];
      }
    y[idx] = s / static_cast<float>(avg_divisor(d, g, oh, ow));
  }
}

__global__ void avg_pool_backward_kernel(PoolDims d, Pool2dGeometry g, const float* dy, float* dx) {
  BP_GRID_STRIDE(idx, d.planes * d.H * d.W) {
    const int w = static_cast<int>(idx % d.W), h = static_cast<int>((idx / d.W) % d.H);
    const int64_t plane = idx / (static_cast<int64_t>(d.W) * d.H);
    int oh0, oh1, ow0, ow1;
    // Windows whose (dilated) extent covers (h, w); the argmax test below picks the exact ones.
    covering(h, (g.kernel_h - 1) * g.dilation_h + 1, g.stride_h, g.pad_h, d.Ho, oh0, oh1);
    covering(w, (g.kernel_w - 1) * g.dilation_w + 1, g.stride_w, g.pad_w, d.Wo, ow0, ow1);
    float s = 0.0f;
    for (int oh = oh0; oh <= oh1; ++oh)
      for (int ow = ow0; ow <= ow1; ++ow)
        s += dy[(plane * d.Ho + oh) * d.Wo + ow] / static_cast<float>(avg_divisor(d, g, oh, ow));
    dx[idx] = s;
  }
}

// torch's adaptive bins: [floor(i*in/out), ceil((i+1)*in/out))
__device__ int bin_start(int i, int out, int in) {
  return (i * in) / out;
}
__device__ int bin_end(int i, int out, int in) {
  return ((i + 1) * in + out - 1) / out;
}

__global__ void adaptive_avg_forward_kernel(PoolDims d, const float* x, float* y) {
  BP_GRID_STRIDE(idx, d.planes * d.Ho * d.Wo) {
    const int ow = static_cast<int>(idx % d.Wo), oh = static_cast<int>((idx / d.Wo) % d.Ho);
    const float* xp = x + (idx / (static_cast<int64_t>(d.Wo) * d.Ho)) * d.H * d.W;
    const int h0 = bin_start(oh, d.Ho, d.H), h1 = bin_end(oh, d.Ho, d.H);
    const int w0 = bin_start(ow, d.Wo, d.W), w1 = bin_end(ow, d.Wo, d.W);
    float s = 0.0f;
    for (int ih = h0; ih < h1; ++ih)
      for (int iw = w0; iw < w1; ++iw) s += xp[ih * d.W + iw];
    y[idx] = s / static_cast<float>((h1 - h0) * (w1 - w0));
  }
}

__global__ void adaptive_avg_backward_kernel(PoolDims d, const float* dy, float* dx) {
  BP_GRID_STRIDE(idx, d.planes * d.H * d.W) {
    const int w = static_cast<int>(idx % d.W), h = static_cast<int>((idx / d.W) % d.H);
    const int64_t plane = idx / (static_cast<int64_t>(d.W) * d.H);
    float s = 0.0f;
    for (int oh = 0; oh < d.Ho; ++oh) {
      const int h0 = bin_start(oh, d.Ho, d.H), h1 = bin_end(oh, d.Ho, d.H);
      if (h < h0 || h >= h1) continue;
      for (int ow = 0; ow < d.Wo; ++ow) {
        const int w0 = bin_start(ow, d.Wo, d.W), w1 = bin_end(ow, d.Wo, d.W);
        if (w < w0 || w >= w1) continue;
        s += dy[(plane * d.Ho + oh) * d.Wo + ow] / static_cast<float>((h1 - h0) * (w1 - w0));
      }
    }
    dx[idx] = s;
  }
}

// ---- the op family -------------------------------------------------------------------------

class CudaConvOps final : public ConvOps {
 public:
  explicit CudaConvOps(CudaContext& ctx) : ctx_(ctx) {}

  // x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout)  y: (N, Cout, Ho, Wo)
  void conv2d_forward(const Tensor& x, const Tensor& w, const Tensor* b, const Conv2dGeometry& g,
                      Tensor& y) override {
    const ConvDims d = conv_dims(x, g, w.dim(0), y.dim(2), y.dim(3));
    if (d.NP == 0) return;
    float* cols = columns(x, g, d);
    float* yt = ctx_.scratch<float>(CudaContext::Slot::Transposed, d.K * d.NP);  // (Cout, N*P)
    // Row-major Yt (K, NP) = W (K, R) cols (R, NP); column-major: Yt^T = cols^T W^T.
    const float one = 1.0f, zero = 0.0f;
    BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_N, CUBLAS_OP_N, i32(d.NP), d.K, i32(d.R),
                                &one, cols, i32(d.NP), w.data(), i32(d.R), &zero, yt, i32(d.NP)));
    const int64_t total = static_cast<int64_t>(d.N) * d.K * d.P;
    untranspose_bias_kernel<<<blocks_for(total), kThreads, 0, ctx_.stream()>>>(
        d, yt, b ? b->data() : nullptr, y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  // dx overwrite (N, Cin, H, W); dw += (Cout, Cin, kh, kw); db += (Cout)
  void conv2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy, const Conv2dGeometry& g,
                       Tensor* dx, Tensor* dw, Tensor* db) override {
    const ConvDims d = conv_dims(x, g, w.dim(0), dy.dim(2), dy.dim(3));
    if (d.NP == 0) return;
    float* dyt = ctx_.scratch<float>(CudaContext::Slot::Transposed, d.K * d.NP);  // (Cout, N*P)
    const int64_t total = static_cast<int64_t>(d.N) * d.K * d.P;
    transpose_dy_kernel<<<blocks_for(total), kThreads, 0, ctx_.stream()>>>(d, dy.data(), dyt);
    BP_CUDA_LAUNCH_CHECK();
    if (db) {
      row_sum_accumulate_kernel<<<static_cast<unsigned>(d.K), kThreads, 0, ctx_.stream()>>>(
          d.NP, dyt, db->data());
      BP_CUDA_LAUNCH_CHECK();
    }
    const float one = 1.0f, zero = 0.0f;
    if (dw) {
      float* cols = columns(x, g, d);
      // Row-major dW (K, R) += dYt (K, NP) cols^T (NP, R); column-major: dW^T = cols^T' dYt^T.
      BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_T, CUBLAS_OP_N, i32(d.R), d.K, i32(d.NP),
                                  &one, cols, i32(d.NP), dyt, i32(d.NP), &one, dw->data(),
                                  i32(d.R)));
    }
    if (dx) {
      float* dcols = ctx_.scratch<float>(CudaContext::Slot::Columns, d.R * d.NP);
      // Row-major dcols (R, NP) = W^T (R, K) dYt (K, NP); column-major: dcols^T = dYt^T W.
      BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_N, CUBLAS_OP_T, i32(d.NP), i32(d.R), d.K,
                                  &one, dyt, i32(d.NP), w.data(), i32(d.R), &zero, dcols,
                                  i32(d.NP)));
      const int64_t nx = static_cast<int64_t>(d.N) * d.C * d.H * d.W;
      col2im_kernel<<<blocks_for(nx), kThreads, 0, ctx_.stream()>>>(d, g, dcols, dx->data());
      BP_CUDA_LAUNCH_CHECK();
    }
  }

  // x: (N, Cin, H, W)  w: (Ho*Wo, Cout, Cin*kh*kw)  b: (Cout, Ho, Wo)  y: (N, Cout, Ho, Wo)
  void locally_connected2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                                   const Conv2dGeometry& g, Tensor& y) override {
    const ConvDims d = conv_dims(x, g, y.dim(1), y.dim(2), y.dim(3));
    if (d.NP == 0) return;
    float* cols = columns(x, g, d);
    const int64_t total = static_cast<int64_t>(d.N) * d.K * d.P;
    lc_forward_kernel<<<blocks_for(total), kThreads, 0, ctx_.stream()>>>(
        d, cols, w.data(), b ? b->data() : nullptr, y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void locally_connected2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                                    const Conv2dGeometry& g, Tensor* dx, Tensor* dw,
                                    Tensor* db) override {
    const ConvDims d = conv_dims(x, g, dy.dim(1), dy.dim(2), dy.dim(3));
    if (d.NP == 0) return;
    if (db) {
      lc_db_kernel<<<blocks_for(d.K * d.P), kThreads, 0, ctx_.stream()>>>(d, dy.data(), db->data());
      BP_CUDA_LAUNCH_CHECK();
    }
    if (dw) {
      float* cols = columns(x, g, d);
      lc_dw_kernel<<<blocks_for(d.P * d.K * d.R), kThreads, 0, ctx_.stream()>>>(d, cols, dy.data(),
                                                                                dw->data());
      BP_CUDA_LAUNCH_CHECK();
    }
    if (dx) {
      float* dcols = ctx_.scratch<float>(CudaContext::Slot::Transposed, d.R * d.NP);
      lc_dcols_kernel<<<blocks_for(d.R * d.NP), kThreads, 0, ctx_.stream()>>>(d, w.data(),
                                                                              dy.data(), dcols);
      BP_CUDA_LAUNCH_CHECK();
      const int64_t nx = static_cast<int64_t>(d.N) * d.C * d.H * d.W;
      col2im_kernel<<<blocks_for(nx), kThreads, 0, ctx_.stream()>>>(d, g, dcols, dx->data());
      BP_CUDA_LAUNCH_CHECK();
    }
  }

  void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    const PoolDims d = pool_dims(x, y);
    const int64_t n = y.numel();
    if (n == 0) return;
    max_pool_forward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(d, g, x.data(),
                                                                           y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void max_pool2d_backward(const Tensor& x, const Tensor&, const Tensor& dy,
                           const Pool2dGeometry& g, Tensor& dx) override {
    const PoolDims d = pool_dims(x, dy);
    if (dx.numel() == 0) return;
    int* arg = ctx_.scratch<int>(CudaContext::Slot::Indices, dy.numel());
    if (dy.numel() > 0) {
      max_pool_argmax_kernel<<<blocks_for(dy.numel()), kThreads, 0, ctx_.stream()>>>(d, g, x.data(),
                                                                                     arg);
      BP_CUDA_LAUNCH_CHECK();
    }
    max_pool_backward_kernel<<<blocks_for(dx.numel()), kThreads, 0, ctx_.stream()>>>(
        d, g, arg, dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    const int64_t n = y.numel();
    if (n == 0) return;
    avg_pool_forward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(pool_dims(x, y), g,
                                                                           x.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) override {
    const int64_t n = dx.numel();
    if (n == 0) return;
    avg_pool_backward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(pool_dims(dx, dy), g,
                                                                            dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) override {
    const int64_t n = y.numel();
    if (n == 0) return;
    adaptive_avg_forward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(pool_dims(x, y),
                                                                               x.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) override {
    const int64_t n = dx.numel();
    if (n == 0) return;
    adaptive_avg_backward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        pool_dims(dx, dy), dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

 private:
  float* columns(const Tensor& x, const Conv2dGeometry& g, const ConvDims& d) {
    float* cols = ctx_.scratch<float>(CudaContext::Slot::Columns, d.R * d.NP);
    im2col_kernel<<<blocks_for(d.R * d.NP), kThreads, 0, ctx_.stream()>>>(d, g, x.data(), cols);
    BP_CUDA_LAUNCH_CHECK();
    return cols;
  }
  static int i32(int64_t v) {
    if (v > 0x7fffffff) throw Error("CUDA backend: a matrix dimension exceeds 2^31 - 1");
    return static_cast<int>(v);
  }

  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<ConvOps> make_cuda_conv_ops(CudaContext& ctx) {
  return std::make_unique<CudaConvOps>(ctx);
}

}  // namespace bp::gpu
