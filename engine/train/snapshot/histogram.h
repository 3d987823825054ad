#pragma once
// Histogram: exact counts of a set of values in equal-width bins, for the distribution views
// (weights, activations and gradients per layer over time) and their tests.
#include <cstdint>
#include <span>
#include <vector>

namespace bp {

struct Histogram {
  double lo = 0.0, hi = 0.0;    // the bins cover [lo, hi]: bin i is [lo + i*w, lo + (i+1)*w)
  std::vector<int64_t> counts;  // (bins); the largest value falls in the last bin
  int64_t nonfinite = 0;        // NaN and +-Inf values, in no bin

  int64_t total() const;  // finite values counted
  double bin_width() const { return counts.empty() ? 0.0 : (hi - lo) / counts.size(); }
};

// `bins` equal bins over [min, max] of the finite values (a range of width 1 centred on the value
// when all are equal; lo = hi = 0 and all counts 0 when none is finite). bins >= 1.
Histogram make_histogram(std::span<const float> values, int bins);

// Equal bins over [lo, hi] (lo < hi); values below lo go to the first bin, above hi to the last,
// so every finite value is counted once.
Histogram make_histogram(std::span<const float> values, int bins, double lo, double hi);

}  // namespace bp
