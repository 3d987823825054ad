// CUDA dense operations (engine/backend/dense_ops.h): cuBLAS SGEMM for Linear, kernels of our own
// for the activations, PReLU, Maxout, softmax, Concat, the losses and count_correct.
// Layouts are the engine's row-major ones; cuBLAS is column-major, so a row-major (r, c) matrix
// is handed to cuBLAS as its (c, r) transpose and the products are written transposed.
#include <string>

#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

constexpr float kSeluAlpha = 1.6732632423543772848170429916717f;
constexpr float kSeluScale = 1.0507009873554804934193349852946f;

__device__ float sigmoidf(float x) {
  return 1.0f / (1.0f + expf(-x));
}

__device__ float act_value(Activation f, ActivationParams p, float x) {
  switch (f) {
    case Activation::Identity:
      return x;
    case Activation::Step:
      return x > 0.0f ? 1.0f : 0.0f;
    case Activation::Sigmoid:
      return sigmoidf(x);
    case Activation::Tanh:
      return tanhf(x);
    case Activation::ReLU:
      return x > 0.0f ? x : 0.0f;
    case Activation::LeakyReLU:
      return x > 0.0f ? x : p.negative_slope * x;
    case Activation::ELU:
      return x > 0.0f ? x : p.alpha * expm1f(x);
    case Activation::SELU:
      return kSeluScale * (x > 0.0f ? x : kSeluAlpha * expm1f(x));
    case Activation::GELU:
      return 0.5f * x * (1.0f + erff(x * 0.70710678118654752f));
    case Activation::SiLU:
      return x * sigmoidf(x);
    case Activation::Softplus:
      return p.beta * x > p.threshold ? x : log1pf(expf(p.beta * x)) / p.beta;
    case Activation::ScaledTanh:
      return kScaledTanhA * tanhf(x * kScaledTanhB);
  }
  return x;
}

// d f / d x at x.
__device__ float act_derivative(Activation f, ActivationParams p, float x) {
  switch (f) {
    case Activation::Identity:
      return 1.0f;
    case Activation::Step:
      return 0.0f;
    case Activation::Sigmoid: {
      const float s = sigmoidf(x);
      return s * (1.0f - s);
    }
    case Activation::Tanh: {
      const float t = tanhf(x);
      return 1.0f - t * t;
    }
    case Activation::ReLU:
      return x > 0.0f ? 1.0f : 0.0f;
    case Activation::LeakyReLU:
      return x > 0.0f ? 1.0f : p.negative_slope;
    case Activation::ELU:
      return x > 0.0f ? 1.0f : p.alpha * expf(x);
    case Activation::SELU:
      return x > 0.0f ? kSeluScale : kSeluScale * kSeluAlpha * expf(x);
    case Activation::GELU: {
      const float pdf = expf(-0.5f * x * x) * 0.39894228040143268f;
      return 0.5f * (1.0f + erff(x * 0.70710678118654752f)) + x * pdf;
    }
    case Activation::SiLU: {
      const float s = sigmoidf(x);
      return s * (1.0f + x * (1.0f - s));
    }
    case Activation::Softplus: {
      if (p.beta * x > p.threshold) return 1.0f;
      return sigmoidf(p.beta * x);
    }
    case Activation::ScaledTanh: {
      const float t = tanhf(x * kScaledTanhB);
      return kScaledTanhA * kScaledTanhB * (1.0f - t * t);
    }
  }
  return 1.0f;
}

// ---- kernels -------------------------------------------------------------------------------

// y (N, out) += b broadcast over rows
__global__ void add_bias_rows_kernel(int64_t n, int64_t out, const float* b, float* y) {
  BP_GRID_STRIDE(i, n * out) y[i] += b[i % out];
}

// db[o] += sum_r dy[r, o]: one thread per column, rows in order (deterministic).
__global__ void column_sum_kernel(int64_t n, int64_t out, const float* dy, float* db) {
  BP_GRID_STRIDE(o, out) {
    double s = 0.0;
    for (int64_t r = 0; r < n; ++r) s += dy[r * out + o];
    db[o] += static_cast<float>(s);
  }
}

__global__ void activation_forward_kernel(int64_t n, Activation f, ActivationParams p,
                                          const float* x, float* y) {
  BP_GRID_STRIDE(i, n) y[i] = act_value(f, p, x[i]);
}

__global__ void activation_backward_kernel(int64_t n, Activation f, ActivationParams p,
                                           const float* x, const float* dy, float* dx) {
  BP_GRID_STRIDE(i, n) dx[i] = act_derivative(f, p, x[i]) * dy[i];
}

// x, y: (N, C, inner)  a: (1) or (C)
__global__ void prelu_forward_kernel(int64_t n, int64_t c, int64_t inner, bool shared,
                                     const float* x, const float* a, float* y) {
  BP_GRID_STRIDE(i, n) {
    const float slope = shared ? a[0] : a[(i / inner) % c];
    const float v = x[i];
    y[i] = v > 0.0f ? v : slope * v;
  }
}

__global__ void prelu_dx_kernel(int64_t n, int64_t c, int64_t inner, bool shared, const float* x,
                                const float* a, const float* dy, float* dx) {
  BP_GRID_STRIDE(i, n) {
    const float slope = shared ? a[0] : a[(i / inner) % c];
    dx[i] = x[i] > 0.0f ? dy[i] : slope * dy[i];
  }
}

// da[ch] += sum over the channel's elements with x <= 0 of x * dy; one block per slope.
__global__ void prelu_da_kernel(int64_t rows, int64_t c, int64_t inner, bool shared, const float* x,
                                const float* dy, float* da) {
  const int64_t ch = blockIdx.x;
  const int64_t per_row = shared ? c * inner : inner;
  const int64_t count = rows * per_row;
  double acc = 0.0;
  for (int64_t k = threadIdx.x; k < count; k += blockDim.x) {
    const int64_t r = k / per_row, j = k % per_row;
    const int64_t i = shared ? r * per_row + j : (r * c + ch) * inner + j;
    if (x[i] <= 0.0f) acc += static_cast<double>(x[i]) * dy[i];
  }
  const double s = block_reduce<SumOp>(acc);
  if (threadIdx.x == 0) da[ch] += static_cast<float>(s);
}

__global__ void maxout_forward_kernel(int64_t m, int k, const float* x, float* y) {
  BP_GRID_STRIDE(j, m) {
    float best = x[j * k];
    for (int i = 1; i < k; ++i) best = fmaxf(best, x[j * k + i]);
    y[j] = best;
  }
}

__global__ void maxout_backward_kernel(int64_t m, int k, const float* x, const float* dy,
                                       float* dx) {
  BP_GRID_STRIDE(j, m) {
    int arg = 0;
    for (int i = 1; i < k; ++i)
      if (x[j * k + i] > x[j * k + arg]) arg = i;
    for (int i = 0; i < k; ++i) dx[j * k + i] = i == arg ? dy[j] : 0.0f;
  }
}

// One warp per row. Warp-shuffle reductions in a fixed butterfly order (deterministic).
__device__ float warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}
__device__ double warp_sum(double v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

constexpr int kRowsPerBlock = kThreads / 32;

__global__ void softmax_forward_kernel(int64_t n, int64_t c, const float* x, float* y) {
  const int64_t r = static_cast<int64_t>(blockIdx.x) * kRowsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (r >= n) return;
  const float* xr = x + r * c;
  float mx = -INFINITY;
  for (int64_t j = lane; j < c; j += 32) mx = fmaxf(mx, xr[j]);
  mx = warp_max(mx);
  double sum = 0.0;
  for (int64_t j = lane; j < c; j += 32) sum += expf(xr[j] - mx);
  sum = warp_sum(sum);
  const float inv = static_cast<float>(1.0 / sum);
  for (int64_t j = lane; j < c; j += 32) y[r * c + j] = expf(xr[j] - mx) * inv;
}

__global__ void softmax_backward_kernel(int64_t n, int64_t c, const float* y, const float* dy,
                                        float* dx) {
  const int64_t r = static_cast<int64_t>(blockIdx.x) * kRowsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (r >= n) return;
  double dot = 0.0;
  for (int64_t j = lane; j < c; j += 32) dot += static_cast<double>(dy[r * c + j]) * y[r * c + j];
  const auto d = static_cast<float>(warp_sum(dot));
  for (int64_t j = lane; j < c; j += 32) dx[r * c + j] = y[r * c + j] * (dy[r * c + j] - d);
}

// Copies a (rows, width) block between row-major matrices with row strides and column offsets.
__global__ void copy_columns_kernel(int64_t rows, int64_t width, const float* src,
                                    int64_t src_stride, int64_t src_offset, float* dst,
                                    int64_t dst_stride, int64_t dst_offset) {
  BP_GRID_STRIDE(i, rows * width) {
    const int64_t r = i / width, j = i % width;
    dst[r * dst_stride + dst_offset + j] = src[r * src_stride + src_offset + j];
  }
}

// Cross-entropy per row (one warp per row): loss_r = lse - x_t, dpred = (softmax - onehot) / n.
// An out-of-range class index sets *bad to the row + 1 (reported by the host).
__global__ void cross_entropy_kernel(int64_t n, int64_t c, const float* x, const float* target,
                                     double* row_loss, float* dpred, int* bad) {
  const int64_t r = static_cast<int64_t>(blockIdx.x) * kRowsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (r >= n) return;
  const float* xr = x + r * c;
  const auto t = static_cast<int64_t>(target[r]);
  if (t < 0 || t >= c) {
    if (lane == 0) {
      atomicCAS(bad, 0, static_cast<int>(r + 1));
      row_loss[r] = 0.0;
    }
    return;
  }
  float mx = -INFINITY;
  for (int64_t j = lane; j < c; j += 32) mx = fmaxf(mx, xr[j]);
  mx = warp_max(mx);
  double sum = 0.0;
  for (int64_t j = lane; j < c; j += 32) sum += exp(static_cast<double>(xr[j]) - mx);
  sum = warp_sum(sum);
  const double lse = mx + log(sum);
  if (lane == 0) row_loss[r] = lse - xr[t];
  if (dpred)
    for (int64_t j = lane; j < c; j += 32)
      dpred[r * c + j] =
          static_cast<float>((exp(xr[j] - lse) - (j == t ? 1.0 : 0.0)) / static_cast<double>(n));
}

__global__ void elementwise_loss_kernel(int64_t count, LossKind kind, float delta, const float* x,
                                        const float* target, double* loss_out, float* dpred) {
  BP_GRID_STRIDE(i, count) {
    const double xv = x[i], t = target[i], d = xv - t;
    double loss = 0.0, grad = 0.0;
    switch (kind) {
      case LossKind::MSELoss:
        loss = d * d;
        grad = 2.0 * d;
        break;
      case LossKind::L1Loss:
        loss = fabs(d);
        grad = d > 0.0 ? 1.0 : (d < 0.0 ? -1.0 : 0.0);
        break;
      case LossKind::HuberLoss:
        if (fabs(d) < delta) {
          loss = 0.5 * d * d;
          grad = d;
        } else {
          loss = delta * (fabs(d) - 0.5 * delta);
          grad = d > 0.0 ? delta : -static_cast<double>(delta);
        }
        break;
      case LossKind::BCEWithLogitsLoss:
        loss = fmax(xv, 0.0) - xv * t + log1p(exp(-fabs(xv)));
        grad = 1.0 / (1.0 + exp(-xv)) - t;
        break;
      case LossKind::CrossEntropyLoss:
        break;
    }
    loss_out[i] = loss;
    if (dpred) dpred[i] = static_cast<float>(grad / static_cast<double>(count));
  }
}

struct ReadDouble {
  const double* v;
  __device__ double operator()(int64_t i) const { return v[i]; }
};

struct RowCorrect {
  const float* pred;
  const float* target;
  int64_t c;
  float threshold;  // one output: class 1 above it (engine/train/prediction.h)
  __device__ double operator()(int64_t r) const {
    const float* xr = pred + r * c;
    if (c == 1) return (xr[0] > threshold) == (target[r] > 0.5f) ? 1.0 : 0.0;
    int64_t arg = 0;
    for (int64_t j = 1; j < c; ++j)
      if (xr[j] > xr[arg]) arg = j;
    return arg == static_cast<int64_t>(target[r]) ? 1.0 : 0.0;
  }
};

// ---- the op family -------------------------------------------------------------------------

class CudaDenseOps final : public DenseOps {
 public:
  explicit CudaDenseOps(CudaContext& ctx) : ctx_(ctx) {}

  // y (N, out) = x (N, in) W^T (in, out) + b.  Column-major: Y^T (out x N) = W^T' X^T where the
  // row-major W (out, in) is the column-major (in x out) matrix, used transposed.
  void linear_forward(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y) override {
    const int64_t n = rows_of(x), in = w.dim(1), out = w.dim(0);
    if (n == 0) return;
    const float one = 1.0f, zero = 0.0f;
    BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_T, CUBLAS_OP_N, i32(out), i32(n), i32(in),
                                &one, w.data(), i32(in), x.data(), i32(in), &zero, y.data(),
                                i32(out)));
    if (b) {
      add_bias_rows_kernel<<<blocks_for(n * out), kThreads, 0, ctx_.stream()>>>(n, out, b->data(),
                                                                                y.data());
      BP_CUDA_LAUNCH_CHECK();
    }
  }

  // dx (N, in) = dy (N, out) W (out, in);  dw (out, in) += dy^T x;  db (out) += sum_n dy
  void linear_backward(const Tensor& x, const Tensor& w, const Tensor& dy, Tensor* dx, Tensor* dw,
                       Tensor* db) override {
    const int64_t n = rows_of(x), in = w.dim(1), out = w.dim(0);
    if (n == 0) return;
    const float one = 1.0f, zero = 0.0f;
    if (dx)  // dX^T (in x N) = W^T (in x out, col-major view of W) * dY^T (out x N)
      BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_N, CUBLAS_OP_N, i32(in), i32(n), i32(out),
                                  &one, w.data(), i32(in), dy.data(), i32(out), &zero, dx->data(),
                                  i32(in)));
    if (dw)  // dW^T (in x out) += X^T (in x N) * dY (N x out)
      BP_CUBLAS_CHECK(cublasSgemm(ctx_.blas(), CUBLAS_OP_N, CUBLAS_OP_T, i32(in), i32(out), i32(n),
                                  &one, x.data(), i32(in), dy.data(), i32(out), &one, dw->data(),
                                  i32(in)));
    if (db) {
      column_sum_kernel<<<blocks_for(out), kThreads, 0, ctx_.stream()>>>(n, out, dy.data(),
                                                                         db->data());
      BP_CUDA_LAUNCH_CHECK();
    }
  }

  void activation_forward(Activation f, const ActivationParams& p, const Tensor& x,
                          Tensor& y) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    activation_forward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, f, p, x.data(),
                                                                             y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void activation_backward(Activation f, const ActivationParams& p, const Tensor& x, const Tensor&,
                           const Tensor& dy, Tensor& dx) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    activation_backward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, f, p, x.data(),
                                                                              dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void prelu_forward(const Tensor& x, const Tensor& a, Tensor& y) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    prelu_forward_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, channels_of(x), inner_size_of(x), a.numel() == 1, x.data(), a.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void prelu_backward(const Tensor& x, const Tensor& a, const Tensor& dy, Tensor& dx,
                      Tensor* da) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    const bool shared = a.numel() == 1;
    const int64_t c = channels_of(x), inner = inner_size_of(x);
    // da first: dx may alias dy.
    if (da) {
      prelu_da_kernel<<<static_cast<unsigned>(a.numel()), kThreads, 0, ctx_.stream()>>>(
          rows_of(x), c, inner, shared, x.data(), dy.data(), da->data());
      BP_CUDA_LAUNCH_CHECK();
    }
    prelu_dx_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, c, inner, shared, x.data(),
                                                                   a.data(), dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void maxout_forward(const Tensor& x, int k, Tensor& y) override {
    const int64_t m = y.numel();
    if (m == 0) return;
    maxout_forward_kernel<<<blocks_for(m), kThreads, 0, ctx_.stream()>>>(m, k, x.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void maxout_backward(const Tensor& x, int k, const Tensor& dy, Tensor& dx) override {
    const int64_t m = dy.numel();
    if (m == 0) return;
    maxout_backward_kernel<<<blocks_for(m), kThreads, 0, ctx_.stream()>>>(m, k, x.data(), dy.data(),
                                                                          dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void softmax_forward(const Tensor& x, Tensor& y) override {
    const int64_t n = rows_of(x), c = row_size_of(x);
    if (n == 0 || c == 0) return;
    softmax_forward_kernel<<<row_blocks(n), kThreads, 0, ctx_.stream()>>>(n, c, x.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void softmax_backward(const Tensor& y, const Tensor& dy, Tensor& dx) override {
    const int64_t n = rows_of(y), c = row_size_of(y);
    if (n == 0 || c == 0) return;
    softmax_backward_kernel<<<row_blocks(n), kThreads, 0, ctx_.stream()>>>(n, c, y.data(),
                                                                           dy.data(), dx.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void concat_forward(const Tensor* const* parts, int count, Tensor& y) override {
    const int64_t n = rows_of(y), ysize = row_size_of(y);
    int64_t offset = 0;
    for (int p = 0; p < count; ++p) {
      const int64_t size = row_size_of(*parts[p]);
      if (n * size > 0) {
        copy_columns_kernel<<<blocks_for(n * size), kThreads, 0, ctx_.stream()>>>(
            n, size, parts[p]->data(), size, 0, y.data(), ysize, offset);
        BP_CUDA_LAUNCH_CHECK();
      }
      offset += size;
    }
    if (offset != ysize) throw Error("concat_forward: the parts do not add up to the output");
  }

  void concat_backward(const Tensor& dy, Tensor* const* dparts, int count) override {
    const int64_t n = rows_of(dy), ysize = row_size_of(dy);
    int64_t known = 0;
    int nulls = 0;
    for (int p = 0; p < count; ++p) {
      if (dparts[p])
        known += row_size_of(*dparts[p]);
      else
        ++nulls;
    }
    if (nulls > 1) throw Error("concat_backward: at most one gradient entry may be null");
    const int64_t null_width = ysize - known;
    int64_t offset = 0;
    for (int p = 0; p < count; ++p) {
      if (!dparts[p]) {
        offset += null_width;
        continue;
      }
      const int64_t size = row_size_of(*dparts[p]);
      if (n * size > 0) {
        copy_columns_kernel<<<blocks_for(n * size), kThreads, 0, ctx_.stream()>>>(
            n, size, dy.data(), ysize, offset, dparts[p]->data(), size, 0);
        BP_CUDA_LAUNCH_CHECK();
      }
      offset += size;
    }
  }

  double loss_forward_backward(LossKind kind, const LossParams& p, const Tensor& pred,
                               const Tensor& target, Tensor* dpred) override {
    const int64_t n = rows_of(pred), c = row_size_of(pred);
    if (pred.numel() == 0) return 0.0;
    if (kind == LossKind::CrossEntropyLoss) {
      if (target.numel() != n) throw Error("CrossEntropyLoss: target must be (N) class indices");
      double* row_loss = ctx_.scratch<double>(CudaContext::Slot::Rows, n);
      int* bad = ctx_.scratch<int>(CudaContext::Slot::Indices, 1);
      BP_CUDA_CHECK(cudaMemsetAsync(bad, 0, sizeof(int), ctx_.stream()));
      cross_entropy_kernel<<<row_blocks(n), kThreads, 0, ctx_.stream()>>>(
          n, c, pred.data(), target.data(), row_loss, dpred ? dpred->data() : nullptr, bad);
      BP_CUDA_LAUNCH_CHECK();
      const double total = reduce_to_host<SumOp>(ctx_, n, ReadDouble{row_loss});
      int bad_row = 0;
      BP_CUDA_CHECK(cudaMemcpy(&bad_row, bad, sizeof(int), cudaMemcpyDeviceToHost));
      if (bad_row) {
        float t = 0.0f;
        BP_CUDA_CHECK(
            cudaMemcpy(&t, target.data() + (bad_row - 1), sizeof(float), cudaMemcpyDeviceToHost));
        throw Error("CrossEntropyLoss: target class " + std::to_string(static_cast<int64_t>(t)) +
                    " is out of range for " + std::to_string(c) + " classes");
      }
      return total / static_cast<double>(n);
    }
    if (pred.numel() != target.numel())
      throw Error("loss: prediction " + pred.shape().to_string() + " and target " +
                  target.shape().to_string() + " differ in size");
    const int64_t count = pred.numel();
    double* losses = ctx_.scratch<double>(CudaContext::Slot::Rows, count);
    elementwise_loss_kernel<<<blocks_for(count), kThreads, 0, ctx_.stream()>>>(
        count, kind, p.delta, pred.data(), target.data(), losses, dpred ? dpred->data() : nullptr);
    BP_CUDA_LAUNCH_CHECK();
    return reduce_to_host<SumOp>(ctx_, count, ReadDouble{losses}) / static_cast<double>(count);
  }

  int64_t count_correct(const Tensor& pred, const Tensor& target, float threshold) override {
    const int64_t n = rows_of(pred), c = row_size_of(pred);
    if (n == 0) return 0;
    return static_cast<int64_t>(
        reduce_to_host<SumOp>(ctx_, n, RowCorrect{pred.data(), target.data(), c, threshold}));
  }

 private:
  static int i32(int64_t v) {
    if (v > 0x7fffffff) throw Error("CUDA backend: a matrix dimension exceeds 2^31 - 1");
    return static_cast<int>(v);
  }
  static unsigned row_blocks(int64_t n) {
    return static_cast<unsigned>((n + kRowsPerBlock - 1) / kRowsPerBlock);
  }

  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<DenseOps> make_cuda_dense_ops(CudaContext& ctx) {
  return std::make_unique<CudaDenseOps>(ctx);
}

}  // namespace bp::gpu
