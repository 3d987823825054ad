// torch.nn.init's initializers (torch/nn/init.py): same formulas, our portable Rng.
#include "engine/init/initializers.h"

// GCC 12 reports false "may be used uninitialized" inside its AVX-512 intrinsics when Eigen is
// instantiated with -march=x86-64-v4 (a known GCC false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <Eigen/Dense>
#include <cmath>

#include "engine/core/error.h"

namespace bp {

namespace {

void fill_uniform(std::span<float> out, float lo, float hi, Rng& rng) {
  for (auto& v : out) v = rng.uniform(lo, hi);
}

void fill_normal(std::span<float> out, float mean, float stddev, Rng& rng) {
  for (auto& v : out) v = rng.normal(mean, stddev);
}

// torch.nn.init.orthogonal_: QR of a normal (rows, cols) matrix (transposed when wide), signs
// fixed by diag(R) so the result is uniformly distributed, then scaled by gain.
void fill_orthogonal(std::span<float> out, const Shape& shape, float gain, Rng& rng) {
  const int64_t total = static_cast<int64_t>(out.size());
  if (total == 0) return;
  const int64_t rows = shape.rank() >= 2 ? shape[0] : 1;
  const int64_t cols = total / rows;
  const bool wide = rows < cols;
  const Eigen::Index m = wide ? cols : rows, n = wide ? rows : cols;  // m >= n
  Eigen::MatrixXd a(m, n);
  // Fill the (rows, cols) matrix row-major, as torch's flattened.normal_() does, then transpose.
  Eigen::MatrixXd flat(rows, cols);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) flat(r, c) = rng.normal();
  a = wide ? Eigen::MatrixXd(flat.transpose()) : flat;
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(m, n);
  const Eigen::MatrixXd r = qr.matrixQR().topRows(n).triangularView<Eigen::Upper>();
  for (Eigen::Index j = 0; j < n; ++j)
    if (r(j, j) < 0.0) q.col(j) *= -1.0;
  const Eigen::MatrixXd result = wide ? Eigen::MatrixXd(q.transpose()) : q;  // (rows, cols)
  for (int64_t rr = 0; rr < rows; ++rr)
    for (int64_t c = 0; c < cols; ++c)
      out[static_cast<size_t>(rr * cols + c)] = static_cast<float>(gain * result(rr, c));
}

}  // namespace

float calculate_gain(Nonlinearity nl, float param) {
  switch (nl) {
    case Nonlinearity::Linear:
    case Nonlinearity::Sigmoid:
      return 1.0f;
    case Nonlinearity::Tanh:
      return 5.0f / 3.0f;
    case Nonlinearity::ReLU:
      return std::sqrt(2.0f);
    case Nonlinearity::LeakyReLU:
      return static_cast<float>(std::sqrt(2.0 / (1.0 + static_cast<double>(param) * param)));
    case Nonlinearity::SELU:
      return 3.0f / 4.0f;
  }
  return 1.0f;
}

void initialize(std::span<float> out, const Shape& shape, const InitSpec& spec, int64_t fan_in,
                int64_t fan_out, Rng& rng) {
  if (static_cast<int64_t>(out.size()) != shape.numel())
    throw Error("initialize: buffer of " + std::to_string(out.size()) + " values for shape " +
                shape.to_string());
  const auto fan_sum = static_cast<double>(fan_in + fan_out);
  switch (spec.kind) {
    case InitKind::Default:
      throw Error("initialize: InitKind::Default must be resolved by the layer");
    case InitKind::Zeros:
      for (auto& v : out) v = 0.0f;
      return;
    case InitKind::Constant:
      for (auto& v : out) v = spec.value;
      return;
    case InitKind::Uniform:
      fill_uniform(out, spec.a, spec.b, rng);
      return;
    case InitKind::Normal:
      fill_normal(out, spec.mean, spec.std, rng);
      return;
    case InitKind::XavierUniform: {
      const double stddev = spec.gain * std::sqrt(2.0 / std::max(1.0, fan_sum));
      const auto bound = static_cast<float>(std::sqrt(3.0) * stddev);
      fill_uniform(out, -bound, bound, rng);
      return;
    }
    case InitKind::XavierNormal:
      fill_normal(out, 0.0f,
                  static_cast<float>(spec.gain * std::sqrt(2.0 / std::max(1.0, fan_sum))), rng);
      return;
    case InitKind::KaimingUniform:
    case InitKind::KaimingNormal: {
      const auto fan =
          static_cast<double>(std::max<int64_t>(1, spec.mode == FanMode::FanIn ? fan_in : fan_out));
      const double stddev = calculate_gain(spec.nonlinearity, spec.a) / std::sqrt(fan);
      if (spec.kind == InitKind::KaimingNormal) {
        fill_normal(out, 0.0f, static_cast<float>(stddev), rng);
      } else {
        const auto bound = static_cast<float>(std::sqrt(3.0) * stddev);
        fill_uniform(out, -bound, bound, rng);
      }
      return;
    }
    case InitKind::LecunNormal:
      fill_normal(
          out, 0.0f,
          static_cast<float>(1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(1, fan_in)))),
          rng);
      return;
    case InitKind::Orthogonal:
      fill_orthogonal(out, shape, spec.gain, rng);
      return;
    case InitKind::FanInUniform: {
      const auto bound =
          static_cast<float>(spec.a / static_cast<double>(std::max<int64_t>(1, fan_in)));
      fill_uniform(out, -bound, bound, rng);
      return;
    }
  }
}

}  // namespace bp
