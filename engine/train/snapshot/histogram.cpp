#include "engine/train/snapshot/histogram.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"

namespace bp {

int64_t Histogram::total() const {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

Histogram make_histogram(std::span<const float> values, int bins) {
  double lo = 0.0, hi = 0.0;
  bool any = false;
  for (float v : values) {
    if (!std::isfinite(v)) continue;
    if (!any) lo = hi = v, any = true;
    lo = std::min(lo, static_cast<double>(v));
    hi = std::max(hi, static_cast<double>(v));
  }
  if (!any) {
    Histogram h;
    h.counts.assign(static_cast<size_t>(std::max(bins, 1)), 0);
    h.nonfinite = static_cast<int64_t>(values.size());
    return h;
  }
  if (hi == lo) lo -= 0.5, hi += 0.5;
  return make_histogram(values, bins, lo, hi);
}

Histogram make_histogram(std::span<const float> values, int bins, double lo, double hi) {
  if (bins < 1) throw Error("a histogram needs at least one bin");
  if (!(lo < hi)) throw Error("a histogram range needs lo < hi");
  Histogram h;
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(static_cast<size_t>(bins), 0);
  const double scale = bins / (hi - lo);
  for (float v : values) {
    if (!std::isfinite(v)) {
      ++h.nonfinite;
      continue;
    }
    const double x = std::floor((static_cast<double>(v) - lo) * scale);
    const int i = x < 0.0 ? 0 : x >= bins ? bins - 1 : static_cast<int>(x);
    ++h.counts[static_cast<size_t>(i)];
  }
  return h;
}

}  // namespace bp
