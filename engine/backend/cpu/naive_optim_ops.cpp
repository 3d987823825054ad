// Reference optimizer steps: each line mirrors one line of torch/optim/*.py (1.13,
// _single_tensor_* functions). Python scalars are doubles; ATen casts them to float before the
// element-wise float arithmetic, which is what static_cast<float> does here.
#include "engine/backend/cpu/naive_optim_ops.h"

#include <cmath>
#include <functional>
#include <vector>

namespace bp {
namespace {

using Vec = std::vector<float>;

Vec to_vec(const Tensor& t) {
  return Vec(t.data(), t.data() + t.numel());
}
void from_vec(const Vec& v, Tensor& t) {
  for (size_t i = 0; i < v.size(); ++i) t.data()[i] = v[i];
}
// out[i] = f(i) for every element
Vec map(size_t n, const std::function<float(size_t)>& f) {
  Vec out(n);
  for (size_t i = 0; i < n; ++i) out[i] = f(i);
  return out;
}
float f(double x) {
  return static_cast<float>(x);
}

class NaiveOptimOps final : public OptimOps {
 public:
  void sgd_step(Tensor& param, const Tensor& grad, Tensor* momentum_buf, const SgdHyper& h,
                bool first_step) override {
    Vec p = to_vec(param);
    Vec d_p = to_vec(grad);
    const size_t n = p.size();
    if (h.weight_decay != 0.0f)  // d_p = d_p.add(param, alpha=weight_decay)
      d_p = map(n, [&](size_t i) { return d_p[i] + h.weight_decay * p[i]; });
    if (h.momentum != 0.0f) {
      Vec buf = to_vec(*momentum_buf);
      if (first_step) {  // buf = torch.clone(d_p)
        buf = d_p;
      } else {  // buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
        buf = map(n, [&](size_t i) { return buf[i] * h.momentum; });
        const float a = f(1.0 - static_cast<double>(h.dampening));
        buf = map(n, [&](size_t i) { return buf[i] + a * d_p[i]; });
      }
      from_vec(buf, *momentum_buf);
      if (h.nesterov)  // d_p = d_p.add(buf, alpha=momentum)
        d_p = map(n, [&](size_t i) { return d_p[i] + h.momentum * buf[i]; });
      else
        d_p = buf;
    }
    const float neg_lr = -h.lr;  // param.add_(d_p, alpha=-lr)
    p = map(n, [&](size_t i) { return p[i] + neg_lr * d_p[i]; });
    from_vec(p, param);
  }

  void adam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                 Tensor* max_exp_avg_sq, const AdamHyper& h, int64_t step) override {
    Vec p = to_vec(param), g = to_vec(grad), m = to_vec(exp_avg), v = to_vec(exp_avg_sq);
    const size_t n = p.size();
    if (h.decoupled_weight_decay) {  // param.mul_(1 - lr * weight_decay)
      const float s = f(1.0 - static_cast<double>(h.lr) * h.weight_decay);
      p = map(n, [&](size_t i) { return p[i] * s; });
    } else if (h.weight_decay != 0.0f) {  // grad = grad.add(param, alpha=weight_decay)
      g = map(n, [&](size_t i) { return g[i] + h.weight_decay * p[i]; });
    }
    const float a1 = f(1.0 - static_cast<double>(h.beta1));
    const float a2 = f(1.0 - static_cast<double>(h.beta2));
    m = map(n, [&](size_t i) { return m[i] * h.beta1; });
    m = map(n, [&](size_t i) { return m[i] + a1 * g[i]; });
    v = map(n, [&](size_t i) { return v[i] * h.beta2; });
    v = map(n, [&](size_t i) { return v[i] + a2 * g[i] * g[i]; });
    const double bc1 = 1.0 - std::pow(static_cast<double>(h.beta1), static_cast<double>(step));
    const double bc2 = 1.0 - std::pow(static_cast<double>(h.beta2), static_cast<double>(step));
    const double step_size = h.lr / bc1;
    const float bc2_sqrt = f(std::sqrt(bc2));
    Vec second = v;
    if (h.amsgrad) {  // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
      Vec mx = to_vec(*max_exp_avg_sq);
      mx = map(n, [&](size_t i) { return std::fmax(mx[i], v[i]); });
      from_vec(mx, *max_exp_avg_sq);
      second = mx;
    }
    Vec denom = map(n, [&](size_t i) { return std::sqrt(second[i]); });
    denom = map(n, [&](size_t i) { return denom[i] / bc2_sqrt; });
    denom = map(n, [&](size_t i) { return denom[i] + h.eps; });
    const float value = f(-step_size);  // param.addcdiv_(exp_avg, denom, value=-step_size)
    p = map(n, [&](size_t i) { return p[i] + value * m[i] / denom[i]; });
    from_vec(p, param);
    from_vec(m, exp_avg);
    from_vec(v, exp_avg_sq);
  }

  void adagrad_step(Tensor& param, const Tensor& grad, Tensor& state_sum, const AdagradHyper& h,
                    int64_t step) override {
    Vec p = to_vec(param), g = to_vec(grad), s = to_vec(state_sum);
    const size_t n = p.size();
    if (h.weight_decay != 0.0f) g = map(n, [&](size_t i) { return g[i] + h.weight_decay * p[i]; });
    const double clr = h.lr / (1.0 + static_cast<double>(step - 1) * h.lr_decay);
    s = map(n, [&](size_t i) { return s[i] + 1.0f * g[i] * g[i]; });  // addcmul_(g, g, value=1)
    Vec std_ = map(n, [&](size_t i) { return std::sqrt(s[i]); });
    std_ = map(n, [&](size_t i) { return std_[i] + h.eps; });
    const float value = f(-clr);
    p = map(n, [&](size_t i) { return p[i] + value * g[i] / std_[i]; });
    from_vec(p, param);
    from_vec(s, state_sum);
  }

  void adadelta_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor& acc_delta,
                     const AdadeltaHyper& h) override {
    Vec p = to_vec(param), g = to_vec(grad), sq = to_vec(square_avg), acc = to_vec(acc_delta);
    const size_t n = p.size();
    if (h.weight_decay != 0.0f) g = map(n, [&](size_t i) { return g[i] + h.weight_decay * p[i]; });
    const float a = f(1.0 - static_cast<double>(h.rho));
    sq = map(n, [&](size_t i) { return sq[i] * h.rho; });
    sq = map(n, [&](size_t i) { return sq[i] + a * g[i] * g[i]; });
    Vec std_ = map(n, [&](size_t i) { return std::sqrt(sq[i] + h.eps); });
    Vec delta = map(n, [&](size_t i) { return std::sqrt(acc[i] + h.eps); });
    delta = map(n, [&](size_t i) { return delta[i] / std_[i]; });
    delta = map(n, [&](size_t i) { return delta[i] * g[i]; });
    acc = map(n, [&](size_t i) { return acc[i] * h.rho; });
    acc = map(n, [&](size_t i) { return acc[i] + a * delta[i] * delta[i]; });
    const float neg_lr = -h.lr;
    p = map(n, [&](size_t i) { return p[i] + neg_lr * delta[i]; });
    from_vec(p, param);
    from_vec(sq, square_avg);
    from_vec(acc, acc_delta);
  }

  void rmsprop_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor* grad_avg,
                    Tensor* momentum_buf, const RmspropHyper& h) override {
    Vec p = to_vec(param), g = to_vec(grad), sq = to_vec(square_avg);
    const size_t n = p.size();
    if (h.weight_decay != 0.0f) g = map(n, [&](size_t i) { return g[i] + h.weight_decay * p[i]; });
    const float a = f(1.0 - static_cast<double>(h.alpha));
    sq = map(n, [&](size_t i) { return sq[i] * h.alpha; });
    sq = map(n, [&](size_t i) { return sq[i] + a * g[i] * g[i]; });
    from_vec(sq, square_avg);
    Vec avg;
    if (h.centered) {
      Vec ga = to_vec(*grad_avg);
      ga = map(n, [&](size_t i) { return ga[i] * h.alpha; });
      ga = map(n, [&](size_t i) { return ga[i] + a * g[i]; });
      from_vec(ga, *grad_avg);
      avg = map(n, [&](size_t i) { return sq[i] + -1.0f * ga[i] * ga[i]; });
      avg = map(n, [&](size_t i) { return std::sqrt(avg[i]); });
    } else {
      avg = map(n, [&](size_t i) { return std::sqrt(sq[i]); });
    }
    avg = map(n, [&](size_t i) { return avg[i] + h.eps; });
    const float neg_lr = -h.lr;
    if (h.momentum > 0.0f) {  // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, -lr)
      Vec buf = to_vec(*momentum_buf);
      buf = map(n, [&](size_t i) { return buf[i] * h.momentum; });
      buf = map(n, [&](size_t i) { return buf[i] + 1.0f * g[i] / avg[i]; });
      from_vec(buf, *momentum_buf);
      p = map(n, [&](size_t i) { return p[i] + neg_lr * buf[i]; });
    } else {  // param.addcdiv_(grad, avg, value=-lr)
      p = map(n, [&](size_t i) { return p[i] + neg_lr * g[i] / avg[i]; });
    }
    from_vec(p, param);
  }

  void nadam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                  const NadamHyper& h, const NadamStepScalars& s) override {
    Vec p = to_vec(param), g = to_vec(grad), m = to_vec(exp_avg), v = to_vec(exp_avg_sq);
    const size_t n = p.size();
    if (h.weight_decay != 0.0f) g = map(n, [&](size_t i) { return g[i] + h.weight_decay * p[i]; });
    const float a1 = f(1.0 - static_cast<double>(h.beta1));
    const float a2 = f(1.0 - static_cast<double>(h.beta2));
    m = map(n, [&](size_t i) { return m[i] * h.beta1; });
    m = map(n, [&](size_t i) { return m[i] + a1 * g[i]; });
    v = map(n, [&](size_t i) { return v[i] * h.beta2; });
    v = map(n, [&](size_t i) { return v[i] + a2 * g[i] * g[i]; });
    // denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
    const float bc2 = f(s.bias_correction2);
    Vec denom = map(n, [&](size_t i) { return v[i] / bc2; });
    denom = map(n, [&](size_t i) { return std::sqrt(denom[i]); });
    denom = map(n, [&](size_t i) { return denom[i] + h.eps; });
    const float c1 = f(s.grad_coef), c2 = f(s.exp_avg_coef);
    p = map(n, [&](size_t i) { return p[i] + c1 * g[i] / denom[i]; });
    p = map(n, [&](size_t i) { return p[i] + c2 * m[i] / denom[i]; });
    from_vec(p, param);
    from_vec(m, exp_avg);
    from_vec(v, exp_avg_sq);
  }

  double weight_penalty(const Tensor& w, Tensor& grad, float l1, float l2) override {
    double penalty = 0.0;
    for (int64_t i = 0; i < w.numel(); ++i) {
      const float x = w.data()[i];
      const float sign = x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
      grad.data()[i] += l1 * sign + l2 * x;
      penalty += static_cast<double>(l1) * std::fabs(static_cast<double>(x)) +
                 0.5 * static_cast<double>(l2) * static_cast<double>(x) * x;
    }
    return penalty;
  }

  void renorm_rows(Tensor& w, int64_t rows, float c) override {
    const int64_t cols = rows ? w.numel() / rows : 0;
    for (int64_t r = 0; r < rows; ++r) {
      double sq = 0.0;
      for (int64_t j = 0; j < cols; ++j) {
        const double x = w.data()[r * cols + j];
        sq += x * x;
      }
      const double norm = std::sqrt(sq);
      if (norm > c) {
        const float scale = static_cast<float>(c / (norm + 1e-7));
        for (int64_t j = 0; j < cols; ++j) w.data()[r * cols + j] *= scale;
      }
    }
  }

  double dot(const Tensor& a, const Tensor& b) override {
    double s = 0.0;
    for (int64_t i = 0, n = a.numel(); i < n; ++i)
      s += static_cast<double>(a.data()[i]) * static_cast<double>(b.data()[i]);
    return s;
  }

  double max_abs(const Tensor& t) override {
    double m = 0.0;
    for (int64_t i = 0, n = t.numel(); i < n; ++i)
      m = std::fmax(m, std::fabs(static_cast<double>(t.data()[i])));
    return m;
  }
};

}  // namespace

std::unique_ptr<OptimOps> make_naive_optim_ops() {
  return std::make_unique<NaiveOptimOps>();
}

}  // namespace bp
