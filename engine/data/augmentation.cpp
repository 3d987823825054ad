#include "engine/data/augmentation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bp {
namespace {

constexpr float kDegToRad = 3.14159265358979f / 180.0f;

bool is_image(const Shape& s) {
  return s.rank() == 3;
}

}  // namespace

bool augmentation_enabled(const DatasetSpec& spec, const Shape& sample_shape) {
  if (is_image(sample_shape))
    return spec.shift_pixels > 0 || spec.rotate_degrees > 0.0f || spec.pixel_noise > 0.0f;
  return spec.jitter > 0.0f;
}

void affine_image(const float* src, float* dst, int64_t channels, int64_t height, int64_t width,
                  float dx, float dy, float degrees, const float* fill) {
  // Inverse mapping: output pixel p samples the input at R^-1 (p - c - t) + c, where c is the
  // centre, t = (dx, dy) and R turns the content by `degrees` counter-clockwise on screen (y down).
  const float cy = 0.5f * static_cast<float>(height - 1), cx = 0.5f * static_cast<float>(width - 1);
  const float cs = std::cos(degrees * kDegToRad), sn = std::sin(degrees * kDegToRad);
  const int64_t plane = height * width;
  for (int64_t y = 0; y < height; ++y)
    for (int64_t x = 0; x < width; ++x) {
      const float px = static_cast<float>(x) - cx - dx, py = static_cast<float>(y) - cy - dy;
      const float sx = cs * px - sn * py + cx;
      const float sy = sn * px + cs * py + cy;
      const float fx = std::floor(sx), fy = std::floor(sy);
      const auto x0 = static_cast<int64_t>(fx), y0 = static_cast<int64_t>(fy);
      const float lx = sx - fx, ly = sy - fy;
      const float w[4] = {(1 - ly) * (1 - lx), (1 - ly) * lx, ly * (1 - lx), ly * lx};
      const int64_t xs[4] = {x0, x0 + 1, x0, x0 + 1}, ys[4] = {y0, y0, y0 + 1, y0 + 1};
      for (int64_t c = 0; c < channels; ++c) {
        const float* s = src + c * plane;
        float v = 0.0f;
        for (int k = 0; k < 4; ++k) {
          if (w[k] == 0.0f) continue;
          const bool inside = xs[k] >= 0 && xs[k] < width && ys[k] >= 0 && ys[k] < height;
          v += w[k] * (inside ? s[ys[k] * width + xs[k]] : fill[c]);
        }
        dst[c * plane + y * width + x] = v;
      }
    }
}

void augment_batch(float* batch, int64_t n, const Shape& sample_shape, const DatasetSpec& spec,
                   Rng& rng) {
  if (!augmentation_enabled(spec, sample_shape) || n <= 0) return;
  const int64_t d = sample_shape.numel();
  if (!is_image(sample_shape)) {
    for (int64_t i = 0; i < n * d; ++i) batch[i] += spec.jitter * static_cast<float>(rng.normal());
    return;
  }
  const int64_t channels = sample_shape[0], height = sample_shape[1], width = sample_shape[2];
  const int64_t plane = height * width;
  const bool geometric = spec.shift_pixels > 0 || spec.rotate_degrees > 0.0f;
  thread_local std::vector<float> scratch;  // (C, H, W), grows once per thread
  thread_local std::vector<float> fill;     // (C)
  if (geometric && static_cast<int64_t>(scratch.size()) < d) scratch.resize(static_cast<size_t>(d));
  if (geometric && static_cast<int64_t>(fill.size()) < channels)
    fill.resize(static_cast<size_t>(channels));
  for (int64_t i = 0; i < n; ++i) {
    float* img = batch + i * d;
    if (geometric) {
      float dx = 0.0f, dy = 0.0f, degrees = 0.0f;
      if (spec.shift_pixels > 0) {
        const uint64_t span = 2 * static_cast<uint64_t>(spec.shift_pixels) + 1;
        dx = static_cast<float>(static_cast<int64_t>(rng.below(span)) - spec.shift_pixels);
        dy = static_cast<float>(static_cast<int64_t>(rng.below(span)) - spec.shift_pixels);
      }
      if (spec.rotate_degrees > 0.0f)
        degrees = rng.uniform(-spec.rotate_degrees, spec.rotate_degrees);
      for (int64_t c = 0; c < channels; ++c)
        fill[static_cast<size_t>(c)] = *std::min_element(img + c * plane, img + (c + 1) * plane);
      std::copy(img, img + d, scratch.begin());
      affine_image(scratch.data(), img, channels, height, width, dx, dy, degrees, fill.data());
    }
    if (spec.pixel_noise > 0.0f)
      for (int64_t k = 0; k < d; ++k) img[k] += spec.pixel_noise * static_cast<float>(rng.normal());
  }
}

}  // namespace bp
