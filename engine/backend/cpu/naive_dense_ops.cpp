// Plain-loop reference of DenseOps (see naive_dense_ops.h). Double accumulators, one element at
// a time, formulas exactly as torch documents them.
#include "engine/backend/cpu/naive_dense_ops.h"

#include <algorithm>
#include <cmath>

#include "engine/backend/cpu/dense_checks.h"
#include "engine/core/error.h"

namespace bp {

using namespace dense_detail;

namespace {

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

double act_value(Activation f, const ActivationParams& p, double x) {
  switch (f) {
    case Activation::Identity:
      return x;
    case Activation::Step:
      return x > 0.0 ? 1.0 : 0.0;
    case Activation::Sigmoid:
      return sigmoid(x);
    case Activation::Tanh:
      return std::tanh(x);
    case Activation::ReLU:
      return x > 0.0 ? x : 0.0;
    case Activation::LeakyReLU:
      return x > 0.0 ? x : p.negative_slope * x;
    case Activation::ELU:
      return x > 0.0 ? x : p.alpha * (std::exp(x) - 1.0);
    case Activation::SELU:
      return kSeluScale * (x > 0.0 ? x : kSeluAlpha * (std::exp(x) - 1.0));
    case Activation::GELU:
      return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case Activation::SiLU:
      return x * sigmoid(x);
    case Activation::Softplus:
      return p.beta * x > p.threshold ? x : std::log1p(std::exp(p.beta * x)) / p.beta;
    case Activation::ScaledTanh:
      return 1.7159 * std::tanh(2.0 * x / 3.0);
  }
  return x;
}

// d f / d x at x.
double act_derivative(Activation f, const ActivationParams& p, double x) {
  switch (f) {
    case Activation::Identity:
      return 1.0;
    case Activation::Step:
      return 0.0;
    case Activation::Sigmoid: {
      const double s = sigmoid(x);
      return s * (1.0 - s);
    }
    case Activation::Tanh: {
      const double t = std::tanh(x);
      return 1.0 - t * t;
    }
    case Activation::ReLU:
      return x > 0.0 ? 1.0 : 0.0;
    case Activation::LeakyReLU:
      return x > 0.0 ? 1.0 : p.negative_slope;
    case Activation::ELU:
      return x > 0.0 ? 1.0 : p.alpha * std::exp(x);
    case Activation::SELU:
      return x > 0.0 ? kSeluScale : kSeluScale * kSeluAlpha * std::exp(x);
    case Activation::GELU: {
      const double pdf = std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
      return 0.5 * (1.0 + std::erf(x / std::sqrt(2.0))) + x * pdf;
    }
    case Activation::SiLU: {
      const double s = sigmoid(x);
      return s * (1.0 + x * (1.0 - s));
    }
    case Activation::Softplus: {
      if (p.beta * x > p.threshold) return 1.0;
      const double z = std::exp(p.beta * x);
      return z / (z + 1.0);
    }
    case Activation::ScaledTanh: {
      const double t = std::tanh(2.0 * x / 3.0);
      return 1.7159 * 2.0 / 3.0 * (1.0 - t * t);
    }
  }
  return 1.0;
}

}  // namespace

void NaiveDenseOps::linear_forward(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y) {
  const int64_t n = x.dim(0), in = w.dim(1), out = w.dim(0);
  require(x.numel() == n * in && y.numel() == n * out, "linear_forward", "shape mismatch");
  for (int64_t r = 0; r < n; ++r)
    for (int64_t o = 0; o < out; ++o) {
      double s = b ? b->data()[o] : 0.0;
      for (int64_t i = 0; i < in; ++i)
        s += static_cast<double>(x.data()[r * in + i]) * w.data()[o * in + i];
      y.data()[r * out + o] = static_cast<float>(s);
    }
}

// Forward: y[r,o] = b[o] + sum_i x[r,i] w[o,i]
//   dx[r,i] = sum_o dy[r,o] * dy[r,o]/dx[r,i] = sum_o dy[r,o] w[o,i]      (dx = dy W)
//   dw[o,i] = sum_r dy[r,o] x[r,i]                                         (dW = dy^T x)
//   db[o]   = sum_r dy[r,o]                                                (slope 1 per row)
void NaiveDenseOps::linear_backward(const Tensor& x, const Tensor& w, const Tensor& dy, Tensor* dx,
                                    Tensor* dw, Tensor* db) {
  const int64_t n = x.dim(0), in = w.dim(1), out = w.dim(0);
  require(x.numel() == n * in && dy.numel() == n * out, "linear_backward", "shape mismatch");
  if (dx)
    for (int64_t r = 0; r < n; ++r)
      for (int64_t i = 0; i < in; ++i) {
        double s = 0.0;
        for (int64_t o = 0; o < out; ++o)
          s += static_cast<double>(dy.data()[r * out + o]) * w.data()[o * in + i];
        dx->data()[r * in + i] = static_cast<float>(s);
      }
  if (dw)
    for (int64_t o = 0; o < out; ++o)
      for (int64_t i = 0; i < in; ++i) {
        double s = 0.0;
        for (int64_t r = 0; r < n; ++r)
          s += static_cast<double>(dy.data()[r * out + o]) * x.data()[r * in + i];
        dw->data()[o * in + i] += static_cast<float>(s);
      }
  if (db)
    for (int64_t o = 0; o < out; ++o) {
      double s = 0.0;
      for (int64_t r = 0; r < n; ++r) s += dy.data()[r * out + o];
      db->data()[o] += static_cast<float>(s);
    }
}

void NaiveDenseOps::activation_forward(Activation f, const ActivationParams& p, const Tensor& x,
                                       Tensor& y) {
  require_same_numel(x, y, "activation_forward");
  for (int64_t i = 0; i < x.numel(); ++i)
    y.data()[i] = static_cast<float>(act_value(f, p, x.data()[i]));
}

// Forward: y_i = f(x_i), element-wise, so the Jacobian is diagonal: dx_i = f'(x_i) dy_i.
void NaiveDenseOps::activation_backward(Activation f, const ActivationParams& p, const Tensor& x,
                                        const Tensor& /*y*/, const Tensor& dy, Tensor& dx) {
  require_same_numel(x, dy, "activation_backward");
  require_same_numel(x, dx, "activation_backward");
  for (int64_t i = 0; i < x.numel(); ++i)
    dx.data()[i] = static_cast<float>(act_derivative(f, p, x.data()[i]) * dy.data()[i]);
}

void NaiveDenseOps::prelu_forward(const Tensor& x, const Tensor& a, Tensor& y) {
  require_same_numel(x, y, "prelu_forward");
  const int64_t c = channels(x), inner = inner_size(x);
  for (int64_t i = 0; i < x.numel(); ++i) {
    const float slope = a.numel() == 1 ? a.data()[0] : a.data()[(i / inner) % c];
    const float v = x.data()[i];
    y.data()[i] = v > 0.0f ? v : slope * v;
  }
}

// Forward: y_i = x_i if x_i > 0 else a_c x_i
//   dx_i = dy_i (x_i > 0) or a_c dy_i;   da_c = sum over channel c of x_i dy_i where x_i <= 0.
void NaiveDenseOps::prelu_backward(const Tensor& x, const Tensor& a, const Tensor& dy, Tensor& dx,
                                   Tensor* da) {
  require_same_numel(x, dx, "prelu_backward");
  const int64_t c = channels(x), inner = inner_size(x);
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t ch = a.numel() == 1 ? 0 : (i / inner) % c;
    const float v = x.data()[i];
    dx.data()[i] = v > 0.0f ? dy.data()[i] : a.data()[ch] * dy.data()[i];
    if (da && v <= 0.0f) da->data()[ch] += v * dy.data()[i];
  }
}

void NaiveDenseOps::maxout_forward(const Tensor& x, int k, Tensor& y) {
  const int64_t m = y.numel();
  require(x.numel() == m * k, "maxout_forward", "input must have k times the output size");
  for (int64_t j = 0; j < m; ++j) {
    float best = x.data()[j * k];
    for (int i = 1; i < k; ++i) best = std::max(best, x.data()[j * k + i]);
    y.data()[j] = best;
  }
}

// Forward: y_j = max_i x[j*k + i]. Locally y_j = x[j*k + arg] for the first maximal arg,
// so the gradient flows to that one element: dx[j*k + arg] = dy_j, the others get 0.
void NaiveDenseOps::maxout_backward(const Tensor& x, int k, const Tensor& dy, Tensor& dx) {
  const int64_t m = dy.numel();
  require(x.numel() == m * k && dx.numel() == x.numel(), "maxout_backward", "shape mismatch");
  for (int64_t j = 0; j < m; ++j) {
    int arg = 0;
    for (int i = 1; i < k; ++i)
      if (x.data()[j * k + i] > x.data()[j * k + arg]) arg = i;
    for (int i = 0; i < k; ++i) dx.data()[j * k + i] = i == arg ? dy.data()[j] : 0.0f;
  }
}

void NaiveDenseOps::softmax_forward(const Tensor& x, Tensor& y) {
  require_same_numel(x, y, "softmax_forward");
  const int64_t n = rows(x), c = row_size(x);
  for (int64_t r = 0; r < n; ++r) {
    const float* xr = x.data() + r * c;
    double mx = xr[0];
    for (int64_t j = 1; j < c; ++j) mx = std::max<double>(mx, xr[j]);
    double sum = 0.0;
    for (int64_t j = 0; j < c; ++j) sum += std::exp(xr[j] - mx);
    for (int64_t j = 0; j < c; ++j)
      y.data()[r * c + j] = static_cast<float>(std::exp(xr[j] - mx) / sum);
  }
}

// Forward: y_j = exp(x_j) / sum_k exp(x_k). Then dy_i/dx_j = y_i (delta_ij - y_j), so
//   dx_j = sum_i dy_i y_i (delta_ij - y_j) = y_j (dy_j - sum_i dy_i y_i).
void NaiveDenseOps::softmax_backward(const Tensor& y, const Tensor& dy, Tensor& dx) {
  require_same_numel(y, dx, "softmax_backward");
  const int64_t n = rows(y), c = row_size(y);
  for (int64_t r = 0; r < n; ++r) {
    double dot = 0.0;
    for (int64_t j = 0; j < c; ++j)
      dot += static_cast<double>(dy.data()[r * c + j]) * y.data()[r * c + j];
    for (int64_t j = 0; j < c; ++j)
      dx.data()[r * c + j] = static_cast<float>(y.data()[r * c + j] * (dy.data()[r * c + j] - dot));
  }
}

void NaiveDenseOps::concat_forward(const Tensor* const* parts, int count, Tensor& y) {
  const int64_t n = rows(y), ysize = row_size(y);
  int64_t offset = 0;
  for (int p = 0; p < count; ++p) {
    const int64_t size = row_size(*parts[p]);
    for (int64_t r = 0; r < n; ++r)
      for (int64_t j = 0; j < size; ++j)
        y.data()[r * ysize + offset + j] = parts[p]->data()[r * size + j];
    offset += size;
  }
  require(offset == ysize, "concat_forward", "parts do not add up to the output");
}

void NaiveDenseOps::concat_backward(const Tensor& dy, Tensor* const* dparts, int count) {
  const int64_t n = rows(dy), ysize = row_size(dy);
  const int64_t null_width = concat_null_width(dy, dparts, count, "concat_backward");
  int64_t offset = 0;
  for (int p = 0; p < count; ++p) {
    if (!dparts[p]) {
      offset += null_width;
      continue;
    }
    const int64_t size = row_size(*dparts[p]);
    for (int64_t r = 0; r < n; ++r)
      for (int64_t j = 0; j < size; ++j)
        dparts[p]->data()[r * size + j] = dy.data()[r * ysize + offset + j];
    offset += size;
  }
}

double NaiveDenseOps::loss_forward_backward(LossKind kind, const LossParams& p, const Tensor& pred,
                                            const Tensor& target, Tensor* dpred) {
  const int64_t n = rows(pred), c = row_size(pred);
  if (pred.numel() == 0) return 0.0;
  double total = 0.0;
  if (kind == LossKind::CrossEntropyLoss) {
    require(target.numel() == n, "cross_entropy", "target must be (N) class indices");
    for (int64_t r = 0; r < n; ++r) {
      const float* xr = pred.data() + r * c;
      const auto t = static_cast<int64_t>(target.data()[r]);
      if (t < 0 || t >= c)
        throw Error("CrossEntropyLoss: target class " + std::to_string(t) +
                    " is out of range for " + std::to_string(c) + " classes");
      double mx = xr[0];
      for (int64_t j = 1; j < c; ++j) mx = std::max<double>(mx, xr[j]);
      double sum = 0.0;
      for (int64_t j = 0; j < c; ++j) sum += std::exp(xr[j] - mx);
      const double lse = mx + std::log(sum);
      total += lse - xr[t];
      if (dpred)
        for (int64_t j = 0; j < c; ++j)
          dpred->data()[r * c + j] =
              static_cast<float>((std::exp(xr[j] - lse) - (j == t ? 1.0 : 0.0)) / n);
    }
    return total / n;
  }
  require_same_numel(pred, target, "loss");
  const int64_t count = pred.numel();
  for (int64_t i = 0; i < count; ++i) {
    const double x = pred.data()[i], t = target.data()[i], d = x - t;
    double loss = 0.0, grad = 0.0;
    switch (kind) {
      case LossKind::MSELoss:
        loss = d * d;
        grad = 2.0 * d;
        break;
      case LossKind::L1Loss:
        loss = std::fabs(d);
        grad = d > 0.0 ? 1.0 : (d < 0.0 ? -1.0 : 0.0);
        break;
      case LossKind::HuberLoss:
        if (std::fabs(d) < p.delta) {
          loss = 0.5 * d * d;
          grad = d;
        } else {
          loss = p.delta * (std::fabs(d) - 0.5 * p.delta);
          grad = d > 0.0 ? p.delta : -static_cast<double>(p.delta);
        }
        break;
      case LossKind::BCEWithLogitsLoss:
        loss = std::max(x, 0.0) - x * t + std::log1p(std::exp(-std::fabs(x)));
        grad = sigmoid(x) - t;
        break;
      case LossKind::CrossEntropyLoss:
        break;
    }
    total += loss;
    if (dpred) dpred->data()[i] = static_cast<float>(grad / count);
  }
  return total / count;
}

int64_t NaiveDenseOps::count_correct(const Tensor& pred, const Tensor& target, float threshold) {
  const int64_t n = rows(pred), c = row_size(pred);
  int64_t correct = 0;
  for (int64_t r = 0; r < n; ++r) {
    const float* xr = pred.data() + r * c;
    if (c == 1) {
      correct += (xr[0] > threshold) == (target.data()[r] > 0.5f);
      continue;
    }
    int64_t arg = 0;
    for (int64_t j = 1; j < c; ++j)
      if (xr[j] > xr[arg]) arg = j;
    correct += arg == static_cast<int64_t>(target.data()[r]);
  }
  return correct;
}

std::unique_ptr<DenseOps> make_naive_dense_ops() {
  return std::make_unique<NaiveDenseOps>();
}

}  // namespace bp
