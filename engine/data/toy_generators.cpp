#include "engine/data/toy_generators.h"

#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/parity.h"

namespace bp {
namespace {

constexpr float kPi = 3.14159265358979f;

struct Builder {
  Dataset ds;
  void add(float x, float y, float target) {
    ds.features.push_back(x);
    ds.features.push_back(y);
    ds.targets.push_back(target);
  }
  void add1(float x, float target) {
    ds.features.push_back(x);
    ds.targets.push_back(target);
  }
};

// Samples of class k when n samples are shared among `classes` classes.
int class_count(int n, int classes, int k) {
  return n / classes + (k < n % classes ? 1 : 0);
}

float gauss(Rng& rng, float stddev) {
  return static_cast<float>(rng.normal()) * stddev;
}

void circle(Builder& b, int n, float noise, Rng& rng) {
  const float jitter = 1.5f * noise;
  for (int k = 0; k < 2; ++k) {
    const int m = class_count(n, 2, k);
    for (int i = 0; i < m; ++i) {
      // class 0: a disc of radius 2.5; class 1: a ring between 3.5 and 5.
      const float r = k == 0 ? rng.uniform(0.0f, 2.5f) : rng.uniform(3.5f, 5.0f);
      const float angle = rng.uniform(0.0f, 2.0f * kPi);
      const float dx = gauss(rng, jitter), dy = gauss(rng, jitter);
      b.add(r * std::sin(angle) + dx, r * std::cos(angle) + dy, static_cast<float>(k));
    }
  }
}

void xor_quadrants(Builder& b, int n, float noise, Rng& rng) {
  const float jitter = 1.5f * noise;
  constexpr float kPadding = 0.3f;  // keeps clean points off the axes
  for (int i = 0; i < n; ++i) {
    float x = rng.uniform(-5.0f, 5.0f), y = rng.uniform(-5.0f, 5.0f);
    x += x > 0 ? kPadding : -kPadding;
    y += y > 0 ? kPadding : -kPadding;
    const float label = x * y >= 0 ? 0.0f : 1.0f;  // class 0: quadrants I and III
    const float dx = gauss(rng, jitter), dy = gauss(rng, jitter);
    b.add(x + dx, y + dy, label);
  }
}

void two_gaussians(Builder& b, int n, float noise, Rng& rng) {
  const float stddev = 0.5f + 2.5f * noise;
  for (int k = 0; k < 2; ++k) {
    const float c = k == 0 ? 2.0f : -2.0f;
    for (int i = 0, m = class_count(n, 2, k); i < m; ++i) {
      const float dx = gauss(rng, stddev), dy = gauss(rng, stddev);
      b.add(c + dx, c + dy, static_cast<float>(k));
    }
  }
}

void spiral(Builder& b, int n, float noise, int classes, Rng& rng) {
  for (int k = 0; k < classes; ++k) {
    const int m = class_count(n, classes, k);
    const float delta = 2.0f * kPi * static_cast<float>(k) / static_cast<float>(classes);
    for (int i = 0; i < m; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(m);
      const float r = 5.0f * t;
      const float angle = 1.75f * t * 2.0f * kPi + delta;
      const float dx = gauss(rng, noise), dy = gauss(rng, noise);
      b.add(r * std::sin(angle) + dx, r * std::cos(angle) + dy, static_cast<float>(k));
    }
  }
}

void moons(Builder& b, int n, float noise, Rng& rng) {
  // scikit-learn's two moons (unit radius), centred and scaled by 3: x in about [-4.5, 4.5].
  constexpr float kScale = 3.0f;
  const float jitter = kScale * noise;
  for (int k = 0; k < 2; ++k) {
    for (int i = 0, m = class_count(n, 2, k); i < m; ++i) {
      const float t = rng.uniform(0.0f, kPi);
      const float x = k == 0 ? std::cos(t) : 1.0f - std::cos(t);
      const float y = k == 0 ? std::sin(t) : 0.5f - std::sin(t);
      const float dx = gauss(rng, jitter), dy = gauss(rng, jitter);
      b.add(kScale * (x - 0.5f) + dx, kScale * (y - 0.25f) + dy, static_cast<float>(k));
    }
  }
}

void checkerboard(Builder& b, int n, float noise, Rng& rng) {
  const float jitter = 1.5f * noise;
  constexpr float kCell = 3.0f;  // a 4 x 4 board over [-6, 6]^2
  for (int i = 0; i < n; ++i) {
    const float x = rng.uniform(-6.0f, 6.0f), y = rng.uniform(-6.0f, 6.0f);
    const int cx = static_cast<int>(std::floor((x + 6.0f) / kCell));
    const int cy = static_cast<int>(std::floor((y + 6.0f) / kCell));
    const float dx = gauss(rng, jitter), dy = gauss(rng, jitter);
    b.add(x + dx, y + dy, static_cast<float>((cx + cy) % 2));
  }
}

void blobs(Builder& b, int n, float noise, int classes, Rng& rng) {
  const float stddev = 0.4f + 2.0f * noise;
  for (int k = 0; k < classes; ++k) {
    // centres evenly spaced on a circle of radius 4
    const float angle = 2.0f * kPi * static_cast<float>(k) / static_cast<float>(classes) + kPi / 4;
    const float cx = 4.0f * std::cos(angle), cy = 4.0f * std::sin(angle);
    for (int i = 0, m = class_count(n, classes, k); i < m; ++i) {
      const float dx = gauss(rng, stddev), dy = gauss(rng, stddev);
      b.add(cx + dx, cy + dy, static_cast<float>(k));
    }
  }
}

float gaussian_bumps_value(float x, float y) {
  // six bumps of alternating sign on a 3 x 2 grid
  constexpr float kCentres[6][3] = {{-4, 2.5f, 1},   {0, 2.5f, -1}, {4, 2.5f, 1},
                                    {-4, -2.5f, -1}, {0, -2.5f, 1}, {4, -2.5f, -1}};
  constexpr float kSigma = 1.25f;
  float v = 0.0f;
  for (const auto& c : kCentres) {
    const float d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
    v += c[2] * std::exp(-d2 / (2.0f * kSigma * kSigma));
  }
  return v;
}

float function_1d(ToyKind kind, float x) {
  switch (kind) {
    case ToyKind::Sine1d:
      return std::sin(x);
    case ToyKind::Polynomial1d:
      return 0.01f * x * x * x - 0.2f * x;  // in [-0.96, 0.96]
    case ToyKind::Step1d:
      return x < 0.0f ? -1.0f : 1.0f;
    default:
      return 0.0f;
  }
}

void regression_2d(Builder& b, ToyKind kind, int n, float noise, Rng& rng) {
  for (int i = 0; i < n; ++i) {
    const float x = rng.uniform(-6.0f, 6.0f), y = rng.uniform(-6.0f, 6.0f);
    const float clean = kind == ToyKind::Plane ? (x + y) / 12.0f : gaussian_bumps_value(x, y);
    b.add(x, y, clean + gauss(rng, noise));
  }
}

void regression_1d(Builder& b, ToyKind kind, int n, float noise, Rng& rng) {
  for (int i = 0; i < n; ++i) {
    const float x = rng.uniform(-6.0f, 6.0f);
    b.add1(x, function_1d(kind, x) + gauss(rng, noise));
  }
}

}  // namespace

ToyExtent toy_extent(ToyKind kind) {
  ToyExtent e;
  if (toy_input_dim(kind) == 1) {
    e.y_min = -1.5f;
    e.y_max = 1.5f;
  }
  return e;
}

bool toy_is_classification(ToyKind kind) {
  switch (kind) {
    case ToyKind::Circle:
    case ToyKind::Xor:
    case ToyKind::Gaussians:
    case ToyKind::Spiral:
    case ToyKind::Moons:
    case ToyKind::Checkerboard:
    case ToyKind::Blobs:
    case ToyKind::And:
    case ToyKind::Or:
    case ToyKind::XorGate:
    case ToyKind::Parity:
      return true;
    default:
      return false;
  }
}

int toy_input_dim(ToyKind kind) {
  switch (kind) {
    case ToyKind::Sine1d:
    case ToyKind::Polynomial1d:
    case ToyKind::Step1d:
      return 1;
    case ToyKind::Parity:
      return 0;  // the bit count (DatasetSpec::classes)
    default:
      return 2;
  }
}

int toy_num_classes(ToyKind kind, int classes) {
  if (!toy_is_classification(kind)) return 0;
  return kind == ToyKind::Spiral || kind == ToyKind::Blobs ? classes : 2;
}

const char* toy_name(ToyKind kind) {
  switch (kind) {
    case ToyKind::Circle:
      return "circle";
    case ToyKind::Xor:
      return "xor";
    case ToyKind::Gaussians:
      return "gaussians";
    case ToyKind::Spiral:
      return "spiral";
    case ToyKind::Moons:
      return "moons";
    case ToyKind::Checkerboard:
      return "checkerboard";
    case ToyKind::Blobs:
      return "blobs";
    case ToyKind::Plane:
      return "plane";
    case ToyKind::GaussianBumps:
      return "gaussian-bumps";
    case ToyKind::Sine1d:
      return "sine";
    case ToyKind::Polynomial1d:
      return "polynomial";
    case ToyKind::Step1d:
      return "step";
    case ToyKind::And:
      return "and";
    case ToyKind::Or:
      return "or";
    case ToyKind::XorGate:
      return "xor-gate";
    case ToyKind::Parity:
      return "parity";
  }
  return "toy";
}

std::optional<ToyKind> toy_kind_from_name(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(ToyKind::Parity); ++k) {
    const auto kind = static_cast<ToyKind>(k);
    if (name == toy_name(kind)) return kind;
  }
  return std::nullopt;
}

Dataset generate_toy(ToyKind kind, int samples, float noise, int classes, uint64_t seed) {
  if (samples < 1)
    throw Error("toy data: the sample count must be at least 1 (got " + std::to_string(samples) +
                ")");
  if (!(noise >= 0.0f && noise <= 1.0f))
    throw Error("toy data: noise must be between 0 and 1 (got " + std::to_string(noise) + ")");
  if (kind == ToyKind::And || kind == ToyKind::Or || kind == ToyKind::XorGate)
    return generate_gate(kind == ToyKind::And  ? BooleanGate::And
                         : kind == ToyKind::Or ? BooleanGate::Or
                                               : BooleanGate::Xor,
                         samples, noise, seed);
  if (kind == ToyKind::Parity) return generate_parity(classes, samples, noise, seed);
  const bool uses_classes = kind == ToyKind::Spiral || kind == ToyKind::Blobs;
  if (uses_classes && (classes < 2 || classes > 16))
    throw Error(std::string("toy data: ") + toy_name(kind) +
                " needs between 2 and 16 classes (got " + std::to_string(classes) + ")");

  Builder b;
  Dataset& ds = b.ds;
  ds.name = toy_name(kind);
  const int dim = toy_input_dim(kind);
  ds.sample_shape = Shape{dim};
  ds.feature_names =
      dim == 2 ? std::vector<std::string>{"x1", "x2"} : std::vector<std::string>{"x"};
  ds.task = toy_is_classification(kind) ? TaskKind::Classification : TaskKind::Regression;
  ds.num_classes = toy_num_classes(kind, classes);
  ds.target_dim = 1;
  for (int k = 0; k < ds.num_classes; ++k) ds.class_names.push_back("class " + std::to_string(k));
  ds.features.reserve(static_cast<size_t>(samples) * static_cast<size_t>(dim));
  ds.targets.reserve(static_cast<size_t>(samples));

  Rng rng(seed);
  switch (kind) {
    case ToyKind::Circle:
      circle(b, samples, noise, rng);
      break;
    case ToyKind::Xor:
      xor_quadrants(b, samples, noise, rng);
      break;
    case ToyKind::Gaussians:
      two_gaussians(b, samples, noise, rng);
      break;
    case ToyKind::Spiral:
      spiral(b, samples, noise, classes, rng);
      break;
    case ToyKind::Moons:
      moons(b, samples, noise, rng);
      break;
    case ToyKind::Checkerboard:
      checkerboard(b, samples, noise, rng);
      break;
    case ToyKind::Blobs:
      blobs(b, samples, noise, classes, rng);
      break;
    case ToyKind::Plane:
    case ToyKind::GaussianBumps:
      regression_2d(b, kind, samples, noise, rng);
      break;
    case ToyKind::Sine1d:
    case ToyKind::Polynomial1d:
    case ToyKind::Step1d:
      regression_1d(b, kind, samples, noise, rng);
      break;
    default:  // the boolean functions returned above
      break;
  }
  return std::move(b.ds);
}

}  // namespace bp
