#include "engine/data/image_ops.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.h"

namespace bp {
namespace {

// One output index's contributing input indices [first, first + weights.size()) and weights.
struct Taps {
  std::vector<int64_t> first;
  std::vector<std::vector<float>> weights;
};

// 1-D area weights: output o covers input [o * s, (o + 1) * s), s = in / out.
Taps area_taps(int64_t in, int64_t out) {
  Taps t;
  const double s = static_cast<double>(in) / static_cast<double>(out);
  for (int64_t o = 0; o < out; ++o) {
    const double lo = static_cast<double>(o) * s, hi = static_cast<double>(o + 1) * s;
    const auto i0 = static_cast<int64_t>(std::floor(lo));
    const auto i1 = std::min<int64_t>(in, static_cast<int64_t>(std::ceil(hi)));
    std::vector<float> w;
    for (int64_t i = i0; i < i1; ++i) {
      const double overlap =
          std::min(hi, static_cast<double>(i + 1)) - std::max(lo, static_cast<double>(i));
      w.push_back(static_cast<float>(std::max(0.0, overlap) / s));
    }
    t.first.push_back(i0);
    t.weights.push_back(std::move(w));
  }
  return t;
}

// PyTorch's source index for align_corners=False, clamped at 0.
double bilinear_source(int64_t o, int64_t in, int64_t out) {
  const double scale = static_cast<double>(in) / static_cast<double>(out);
  return std::max(0.0, (static_cast<double>(o) + 0.5) * scale - 0.5);
}

Taps bilinear_taps(int64_t in, int64_t out) {
  Taps t;
  for (int64_t o = 0; o < out; ++o) {
    const double src = bilinear_source(o, in, out);
    const auto i0 = std::min<int64_t>(static_cast<int64_t>(src), in - 1);
    const float frac = static_cast<float>(src - static_cast<double>(i0));
    t.first.push_back(i0);
    if (i0 + 1 < in)
      t.weights.push_back({1.0f - frac, frac});
    else
      t.weights.push_back({1.0f});
  }
  return t;
}

Taps make_taps(int64_t in, int64_t out, ResizeMode mode) {
  return mode == ResizeMode::Area ? area_taps(in, out) : bilinear_taps(in, out);
}

void check_sizes(ImageSize in, int64_t out_h, int64_t out_w) {
  if (in.channels < 1 || in.height < 1 || in.width < 1 || out_h < 1 || out_w < 1)
    throw Error("resize: image sizes must be positive (got " + std::to_string(in.height) + "x" +
                std::to_string(in.width) + " -> " + std::to_string(out_h) + "x" +
                std::to_string(out_w) + ")");
}

}  // namespace

void resize_images(const float* src, int64_t n, ImageSize in, float* dst, int64_t out_h,
                   int64_t out_w, ResizeMode mode) {
  check_sizes(in, out_h, out_w);
  const Taps ty = make_taps(in.height, out_h, mode);
  const Taps tx = make_taps(in.width, out_w, mode);
  std::vector<float> rows(static_cast<size_t>(in.height * out_w));  // (H, out_w)
  const int64_t planes = n * in.channels;
  for (int64_t p = 0; p < planes; ++p) {
    const float* img = src + p * in.height * in.width;  // (H, W)
    float* out = dst + p * out_h * out_w;               // (out_h, out_w)
    // horizontal pass: (H, W) -> (H, out_w)
    for (int64_t y = 0; y < in.height; ++y) {
      const float* row = img + y * in.width;
      for (int64_t ox = 0; ox < out_w; ++ox) {
        const auto& w = tx.weights[static_cast<size_t>(ox)];
        const float* s = row + tx.first[static_cast<size_t>(ox)];
        float acc = 0.0f;
        for (size_t k = 0; k < w.size(); ++k) acc += w[k] * s[k];
        rows[static_cast<size_t>(y * out_w + ox)] = acc;
      }
    }
    // vertical pass: (H, out_w) -> (out_h, out_w)
    for (int64_t oy = 0; oy < out_h; ++oy) {
      const auto& w = ty.weights[static_cast<size_t>(oy)];
      const int64_t y0 = ty.first[static_cast<size_t>(oy)];
      float* o = out + oy * out_w;
      std::fill(o, o + out_w, 0.0f);
      for (size_t k = 0; k < w.size(); ++k) {
        const float* r = rows.data() + (y0 + static_cast<int64_t>(k)) * out_w;
        for (int64_t ox = 0; ox < out_w; ++ox) o[ox] += w[k] * r[ox];
      }
    }
  }
}

void naive_resize_images(const float* src, int64_t n, ImageSize in, float* dst, int64_t out_h,
                         int64_t out_w, ResizeMode mode) {
  check_sizes(in, out_h, out_w);
  const double sy = static_cast<double>(in.height) / static_cast<double>(out_h);
  const double sx = static_cast<double>(in.width) / static_cast<double>(out_w);
  for (int64_t p = 0; p < n * in.channels; ++p) {
    const float* img = src + p * in.height * in.width;
    float* out = dst + p * out_h * out_w;
    for (int64_t oy = 0; oy < out_h; ++oy)
      for (int64_t ox = 0; ox < out_w; ++ox) {
        double value = 0.0;
        if (mode == ResizeMode::Area) {
          // integrate the input over the output pixel's rectangle
          const double y_lo = static_cast<double>(oy) * sy, y_hi = y_lo + sy;
          const double x_lo = static_cast<double>(ox) * sx, x_hi = x_lo + sx;
          for (int64_t y = 0; y < in.height; ++y)
            for (int64_t x = 0; x < in.width; ++x) {
              const double oyl = std::min(y_hi, y + 1.0) - std::max(y_lo, static_cast<double>(y));
              const double oxl = std::min(x_hi, x + 1.0) - std::max(x_lo, static_cast<double>(x));
              if (oyl > 0 && oxl > 0) value += img[y * in.width + x] * oyl * oxl;
            }
          value /= sy * sx;
        } else {
          const double fy = bilinear_source(oy, in.height, out_h);
          const double fx = bilinear_source(ox, in.width, out_w);
          const auto y0 = std::min<int64_t>(static_cast<int64_t>(fy), in.height - 1);
          const auto x0 = std::min<int64_t>(static_cast<int64_t>(fx), in.width - 1);
          const int64_t y1 = std::min(y0 + 1, in.height - 1), x1 = std::min(x0 + 1, in.width - 1);
          const double ly = fy - static_cast<double>(y0), lx = fx - static_cast<double>(x0);
          value = (1 - ly) * ((1 - lx) * img[y0 * in.width + x0] + lx * img[y0 * in.width + x1]) +
                  ly * ((1 - lx) * img[y1 * in.width + x0] + lx * img[y1 * in.width + x1]);
        }
        out[oy * out_w + ox] = static_cast<float>(value);
      }
  }
}

void resize_dataset(Dataset& ds, int size) {
  if (size < 1)
    throw Error("resize: the target size must be at least 1 (got " + std::to_string(size) + ")");
  if (ds.sample_shape.rank() != 3)
    throw Error("resize: '" + ds.name + "' is not image data (sample shape " +
                ds.sample_shape.to_string() + ")");
  const ImageSize in{ds.sample_shape[0], ds.sample_shape[1], ds.sample_shape[2]};
  if (in.height == size && in.width == size) return;
  const ResizeMode mode =
      size < in.height || size < in.width ? ResizeMode::Area : ResizeMode::Bilinear;
  const int64_t n = ds.size();
  std::vector<float> out(static_cast<size_t>(n * in.channels * size * size));
  resize_images(ds.features.data(), n, in, out.data(), size, size, mode);
  ds.features = std::move(out);
  ds.sample_shape = Shape{in.channels, size, size};
}

ChannelStats channel_stats(const Dataset& ds) {
  const int64_t c = ds.sample_shape.rank() == 3 ? ds.sample_shape[0] : 1;
  const int64_t plane = ds.sample_shape.numel() / std::max<int64_t>(c, 1);
  const int64_t n = ds.size();
  ChannelStats stats;
  stats.mean.assign(static_cast<size_t>(c), 0.0f);
  stats.std.assign(static_cast<size_t>(c), 1.0f);
  if (n == 0 || plane == 0) return stats;
  for (int64_t ch = 0; ch < c; ++ch) {
    double sum = 0.0, sq = 0.0;
    for (int64_t i = 0; i < n; ++i) {
      const float* p = ds.sample(i) + ch * plane;
      for (int64_t k = 0; k < plane; ++k) {
        sum += p[k];
        sq += static_cast<double>(p[k]) * p[k];
      }
    }
    const double count = static_cast<double>(n * plane);
    const double mean = sum / count;
    const double sd = std::sqrt(std::max(0.0, sq / count - mean * mean));
    stats.mean[static_cast<size_t>(ch)] = static_cast<float>(mean);
    stats.std[static_cast<size_t>(ch)] = sd > 1e-8 ? static_cast<float>(sd) : 1.0f;
  }
  return stats;
}

void apply_channel_stats(Dataset& ds, const ChannelStats& stats) {
  const auto c = static_cast<int64_t>(stats.mean.size());
  const int64_t plane = c > 0 ? ds.sample_shape.numel() / c : 0;
  if (c == 0 || plane * c != ds.sample_shape.numel())
    throw Error("normalize: statistics for " + std::to_string(c) +
                " channels do not fit samples of shape " + ds.sample_shape.to_string());
  const int64_t n = ds.size();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t ch = 0; ch < c; ++ch) {
      float* p = ds.features.data() + (i * c + ch) * plane;
      const float m = stats.mean[static_cast<size_t>(ch)];
      const float inv = 1.0f / stats.std[static_cast<size_t>(ch)];
      for (int64_t k = 0; k < plane; ++k) p[k] = (p[k] - m) * inv;
    }
  ds.input_mean = stats.mean;
  ds.input_std = stats.std;
}

void normalize_image_splits(DatasetSplits& splits) {
  const ChannelStats stats = channel_stats(splits.train);
  apply_channel_stats(splits.train, stats);
  apply_channel_stats(splits.validation, stats);
  apply_channel_stats(splits.test, stats);
}

}  // namespace bp
