// CUDA optimizer steps (engine/backend/optim_ops.h): one fused kernel per optimizer that follows
// torch.optim's single-tensor equations line by line in float (the CPU reference's order, see
// engine/backend/cpu/naive_optim_ops.cpp), plus the regularization and LBFGS vector helpers.
// Host scalars (bias corrections, step sizes) are computed in double on the host, as torch does.
#include <cmath>

#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

float f(double x) {
  return static_cast<float>(x);
}

__global__ void sgd_kernel(int64_t n, float* p, const float* g, float* buf, SgdHyper h, bool first,
                           float one_minus_dampening) {
  BP_GRID_STRIDE(i, n) {
    float d_p = g[i];
    if (h.weight_decay != 0.0f) d_p = d_p + h.weight_decay * p[i];
    if (h.momentum != 0.0f) {
      float b = d_p;  // first step: buf = clone(d_p)
      if (!first) {   // buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
        b = buf[i] * h.momentum;
        b = b + one_minus_dampening * d_p;
      }
      buf[i] = b;
      d_p = h.nesterov ? d_p + h.momentum * b : b;
    }
    p[i] = p[i] + (-h.lr) * d_p;
  }
}

__global__ void adam_kernel(int64_t n, float* p, const float* g_in, float* m, float* v, float* vmax,
                            AdamHyper h, float decay_scale, float a1, float a2, float bc2_sqrt,
                            float value) {
  BP_GRID_STRIDE(i, n) {
    float pi = p[i], g = g_in[i];
    if (h.decoupled_weight_decay)
      pi = pi * decay_scale;
    else if (h.weight_decay != 0.0f)
      g = g + h.weight_decay * pi;
    float mi = m[i] * h.beta1;
    mi = mi + a1 * g;
    float vi = v[i] * h.beta2;
    vi = vi + a2 * g * g;
    float second = vi;
    if (vmax) {
      second = fmaxf(vmax[i], vi);
      vmax[i] = second;
    }
    float denom = sqrtf(second);
    denom = denom / bc2_sqrt;
    denom = denom + h.eps;
    p[i] = pi + value * mi / denom;
    m[i] = mi;
    v[i] = vi;
  }
}

__global__ void adagrad_kernel(int64_t n, float* p, const float* g_in, float* sum, AdagradHyper h,
                               float value) {
  BP_GRID_STRIDE(i, n) {
    float g = g_in[i];
    if (h.weight_decay != 0.0f) g = g + h.weight_decay * p[i];
    const float s = sum[i] + 1.0f * g * g;
    sum[i] = s;
    const float std_ = sqrtf(s) + h.eps;
    p[i] = p[i] + value * g / std_;
  }
}

__global__ void adadelta_kernel(int64_t n, float* p, const float* g_in, float* sq_avg,
                                float* acc_delta, AdadeltaHyper h, float a) {
  BP_GRID_STRIDE(i, n) {
    float g = g_in[i];
    if (h.weight_decay != 0.0f) g = g + h.weight_decay * p[i];
    float sq = sq_avg[i] * h.rho;
    sq = sq + a * g * g;
    const float std_ = sqrtf(sq + h.eps);
    float delta = sqrtf(acc_delta[i] + h.eps);
    delta = delta / std_;
    delta = delta * g;
    float acc = acc_delta[i] * h.rho;
    acc = acc + a * delta * delta;
    p[i] = p[i] + (-h.lr) * delta;
    sq_avg[i] = sq;
    acc_delta[i] = acc;
  }
}

__global__ void rmsprop_kernel(int64_t n, float* p, const float* g_in, float* sq_avg,
                               float* grad_avg, float* buf, RmspropHyper h, float a) {
  BP_GRID_STRIDE(i, n) {
    float g = g_in[i];
    if (h.weight_decay != 0.0f) g = g + h.weight_decay * p[i];
    float sq = sq_avg[i] * h.alpha;
    sq = sq + a * g * g;
    sq_avg[i] = sq;
    float avg;
    if (grad_avg) {
      float ga = grad_avg[i] * h.alpha;
      ga = ga + a * g;
      grad_avg[i] = ga;
      avg = sqrtf(sq + -1.0f * ga * ga);
    } else {
      avg = sqrtf(sq);
    }
    avg = avg + h.eps;
    if (buf) {
      float b = buf[i] * h.momentum;
      b = b + 1.0f * g / avg;
      buf[i] = b;
      p[i] = p[i] + (-h.lr) * b;
    } else {
      p[i] = p[i] + (-h.lr) * g / avg;
    }
  }
}

__global__ void nadam_kernel(int64_t n, float* p, const float* g_in, float* m, float* v,
                             NadamHyper h, float a1, float a2, float bc2, float c1, float c2) {
  BP_GRID_STRIDE(i, n) {
    float g = g_in[i];
    if (h.weight_decay != 0.0f) g = g + h.weight_decay * p[i];
    float mi = m[i] * h.beta1;
    mi = mi + a1 * g;
    float vi = v[i] * h.beta2;
    vi = vi + a2 * g * g;
    float denom = vi / bc2;
    denom = sqrtf(denom);
    denom = denom + h.eps;
    float pi = p[i] + c1 * g / denom;
    pi = pi + c2 * mi / denom;
    p[i] = pi;
    m[i] = mi;
    v[i] = vi;
  }
}

__global__ void penalty_grad_kernel(int64_t n, const float* w, float* grad, float l1, float l2) {
  BP_GRID_STRIDE(i, n) {
    const float x = w[i];
    const float sign = x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
    grad[i] += l1 * sign + l2 * x;
  }
}

struct PenaltyOf {
  const float* w;
  double l1, l2;
  __device__ double operator()(int64_t i) const {
    const double x = w[i];
    return l1 * fabs(x) + 0.5 * l2 * x * x;
  }
};

// One block per row: scale the row by c / (norm + 1e-7) when its 2-norm exceeds c.
__global__ void renorm_rows_kernel(int64_t cols, float c, float* w) {
  float* row = w + static_cast<int64_t>(blockIdx.x) * cols;
  double acc = 0.0;
  for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
    const double x = row[j];
    acc += x * x;
  }
  const double norm = sqrt(block_reduce<SumOp>(acc));
  if (norm <= c) return;
  const auto scale = static_cast<float>(c / (norm + 1e-7));
  for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) row[j] *= scale;
}

struct ProductOf {
  const float* a;
  const float* b;
  __device__ double operator()(int64_t i) const {
    return static_cast<double>(a[i]) * static_cast<double>(b[i]);
  }
};
struct AbsValue {
  const float* t;
  __device__ double operator()(int64_t i) const { return fabs(static_cast<double>(t[i])); }
};

float* ptr(Tensor* t) {
  return t ? t->data() : nullptr;
}

class CudaOptimOps final : public OptimOps {
 public:
  explicit CudaOptimOps(CudaContext& ctx) : ctx_(ctx) {}

  void sgd_step(Tensor& param, const Tensor& grad, Tensor* momentum_buf, const SgdHyper& h,
                bool first_step) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    sgd_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, param.data(), grad.data(), ptr(momentum_buf), h, first_step,
        f(1.0 - static_cast<double>(h.dampening)));
    BP_CUDA_LAUNCH_CHECK();
  }

  void adam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                 Tensor* max_exp_avg_sq, const AdamHyper& h, int64_t step) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    const double bc1 = 1.0 - std::pow(static_cast<double>(h.beta1), static_cast<double>(step));
    const double bc2 = 1.0 - std::pow(static_cast<double>(h.beta2), static_cast<double>(step));
    adam_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, param.data(), grad.data(), exp_avg.data(), exp_avg_sq.data(),
        h.amsgrad ? ptr(max_exp_avg_sq) : nullptr, h,
        f(1.0 - static_cast<double>(h.lr) * h.weight_decay), f(1.0 - static_cast<double>(h.beta1)),
        f(1.0 - static_cast<double>(h.beta2)), f(std::sqrt(bc2)), f(-(h.lr / bc1)));
    BP_CUDA_LAUNCH_CHECK();
  }

  void adagrad_step(Tensor& param, const Tensor& grad, Tensor& state_sum, const AdagradHyper& h,
                    int64_t step) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    const double clr = h.lr / (1.0 + static_cast<double>(step - 1) * h.lr_decay);
    adagrad_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, param.data(), grad.data(),
                                                                  state_sum.data(), h, f(-clr));
    BP_CUDA_LAUNCH_CHECK();
  }

  void adadelta_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor& acc_delta,
                     const AdadeltaHyper& h) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    adadelta_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, param.data(), grad.data(), square_avg.data(), acc_delta.data(), h,
        f(1.0 - static_cast<double>(h.rho)));
    BP_CUDA_LAUNCH_CHECK();
  }

  void rmsprop_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor* grad_avg,
                    Tensor* momentum_buf, const RmspropHyper& h) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    rmsprop_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, param.data(), grad.data(), square_avg.data(), h.centered ? ptr(grad_avg) : nullptr,
        h.momentum > 0.0f ? ptr(momentum_buf) : nullptr, h, f(1.0 - static_cast<double>(h.alpha)));
    BP_CUDA_LAUNCH_CHECK();
  }

  void nadam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                  const NadamHyper& h, const NadamStepScalars& s) override {
    const int64_t n = param.numel();
    if (n == 0) return;
    nadam_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, param.data(), grad.data(), exp_avg.data(), exp_avg_sq.data(), h,
        f(1.0 - static_cast<double>(h.beta1)), f(1.0 - static_cast<double>(h.beta2)),
        f(s.bias_correction2), f(s.grad_coef), f(s.exp_avg_coef));
    BP_CUDA_LAUNCH_CHECK();
  }

  double weight_penalty(const Tensor& w, Tensor& grad, float l1, float l2) override {
    const int64_t n = w.numel();
    if (n == 0) return 0.0;
    penalty_grad_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, w.data(), grad.data(), l1,
                                                                       l2);
    BP_CUDA_LAUNCH_CHECK();
    return reduce_to_host<SumOp>(ctx_, n, PenaltyOf{w.data(), l1, l2});
  }

  void renorm_rows(Tensor& w, int64_t rows, float c) override {
    if (rows == 0) return;
    const int64_t cols = w.numel() / rows;
    renorm_rows_kernel<<<static_cast<unsigned>(rows), kThreads, 0, ctx_.stream()>>>(cols, c,
                                                                                    w.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  double dot(const Tensor& a, const Tensor& b) override {
    return reduce_to_host<SumOp>(ctx_, a.numel(), ProductOf{a.data(), b.data()});
  }

  double max_abs(const Tensor& t) override {
    return reduce_to_host<MaxOp>(ctx_, t.numel(), AbsValue{t.data()});
  }

 private:
  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<OptimOps> make_cuda_optim_ops(CudaContext& ctx) {
  return std::make_unique<CudaOptimOps>(ctx);
}

}  // namespace bp::gpu
