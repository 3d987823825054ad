#include "engine/data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace bp {
namespace {

std::vector<int64_t> range(const std::vector<int64_t>& v, int64_t begin, int64_t end) {
  return {v.begin() + begin, v.begin() + end};
}

// The first `count` rows of a seeded permutation of ds (count < size), order preserved as drawn.
Dataset random_subset(const Dataset& ds, int64_t count, uint64_t seed) {
  const std::vector<int64_t> idx = shuffled_indices(ds.size(), seed);
  return ds.subset(range(idx, 0, count));
}

}  // namespace

void check_split_fractions(float train_fraction, float validation_fraction) {
  if (!(train_fraction > 0.0f && validation_fraction >= 0.0f &&
        train_fraction + validation_fraction <= 1.0f + 1e-6f))
    throw Error("split fractions: training " + std::to_string(train_fraction) + " and validation " +
                std::to_string(validation_fraction) +
                " must be non-negative, training above 0, and add up to at most 1");
}

std::vector<std::string> split_size_warnings(const DatasetSplits& splits) {
  std::vector<std::string> out;
  const int64_t total = splits.train.size() + splits.validation.size() + splits.test.size();
  const std::string of = " (the data set has " + std::to_string(total) + " samples in all)";
  if (splits.train.size() == 0)
    out.push_back("the training split is empty" + of +
                  ": raise dataset.train_fraction or use more samples");
  else if (splits.train.size() == 1)
    out.push_back("the training split holds a single sample" + of +
                  ": use more samples or a larger dataset.train_fraction");
  if (splits.validation.size() == 1)
    out.push_back("the validation split holds a single sample" + of +
                  ": its loss and accuracy mean little; set dataset.validation_fraction to 0 or "
                  "use more samples");
  if (splits.test.size() == 1)
    out.push_back("the test split holds a single sample" + of +
                  ": its loss and accuracy mean little; use more samples");
  else if (splits.test.size() == 0 && total > 0)
    out.push_back("the test split is empty" + of + ": there will be no test metrics");
  return out;
}

std::vector<int64_t> shuffled_indices(int64_t n, uint64_t seed) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  std::iota(idx.begin(), idx.end(), int64_t{0});
  Rng rng(seed);
  rng.shuffle(idx.begin(), idx.end());
  return idx;
}

DatasetSplits split_dataset(const Dataset& all, float train_fraction, float validation_fraction,
                            uint64_t seed) {
  check_split_fractions(train_fraction, validation_fraction);
  const int64_t n = all.size();
  const int64_t n_train =
      std::min<int64_t>(n, std::llround(static_cast<double>(n) * train_fraction));
  const int64_t n_val =
      std::min<int64_t>(n - n_train, std::llround(static_cast<double>(n) * validation_fraction));
  const std::vector<int64_t> idx = shuffled_indices(n, seed);
  DatasetSplits s;
  s.train = all.subset(range(idx, 0, n_train));
  s.validation = all.subset(range(idx, n_train, n_train + n_val));
  s.test = all.subset(range(idx, n_train + n_val, n));
  return s;
}

DatasetSplits split_with_test_set(Dataset train, Dataset test, float validation_fraction,
                                  uint64_t seed) {
  if (!(validation_fraction >= 0.0f && validation_fraction < 1.0f))
    throw Error("validation fraction " + std::to_string(validation_fraction) +
                " must be at least 0 and below 1");
  const int64_t n = train.size();
  const int64_t n_val = std::clamp<int64_t>(
      std::llround(static_cast<double>(n) * validation_fraction), 0, std::max<int64_t>(0, n - 1));
  std::vector<int64_t> idx = shuffled_indices(n, seed);
  DatasetSplits s;
  s.validation = train.subset(range(idx, 0, n_val));
  // the training rows are idx[n_val..n): rotate them to the front and permute in place
  std::rotate(idx.begin(), idx.begin() + n_val, idx.end());
  permute_rows_in_place(train, idx, n - n_val);
  s.train = std::move(train);
  s.test = std::move(test);
  return s;
}

void permute_rows_in_place(Dataset& ds, const std::vector<int64_t>& perm, int64_t keep) {
  const int64_t n = ds.size();
  if (static_cast<int64_t>(perm.size()) != n || keep < 0 || keep > n)
    throw Error("permute_rows_in_place: the permutation does not fit the data");
  const int64_t d = ds.sample_shape.numel(), t = ds.target_dim;
  std::vector<float> row(static_cast<size_t>(d)), target(static_cast<size_t>(t));
  std::vector<bool> done(static_cast<size_t>(n), false);
  float* f = ds.features.data();
  float* y = ds.targets.data();
  for (int64_t start = 0; start < n; ++start) {
    if (done[static_cast<size_t>(start)]) continue;
    // follow the cycle: position j receives old row perm[j]
    std::copy_n(f + start * d, d, row.begin());
    std::copy_n(y + start * t, t, target.begin());
    int64_t j = start;
    for (;;) {
      done[static_cast<size_t>(j)] = true;
      const int64_t src = perm[static_cast<size_t>(j)];
      if (src == start) {
        std::copy_n(row.begin(), d, f + j * d);
        std::copy_n(target.begin(), t, y + j * t);
        break;
      }
      std::copy_n(f + src * d, d, f + j * d);
      std::copy_n(y + src * t, t, y + j * t);
      j = src;
    }
  }
  ds.features.resize(static_cast<size_t>(keep * d));
  ds.targets.resize(static_cast<size_t>(keep * t));
}

void cap_splits(DatasetSplits& splits, int max_train, int max_test, uint64_t seed) {
  if (max_train < 0 || max_test < 0)
    throw Error("max_train and max_test must be 0 (all) or positive");
  Rng streams(seed);
  const uint64_t train_seed = streams.fork(11).next_u64();
  const uint64_t val_seed = streams.fork(12).next_u64();
  const uint64_t test_seed = streams.fork(13).next_u64();
  const int64_t n_train = splits.train.size();
  if (max_train > 0 && max_train < n_train) {
    const int64_t n_val = splits.validation.size();
    const int64_t val_cap = std::llround(static_cast<double>(max_train) *
                                         static_cast<double>(n_val) / static_cast<double>(n_train));
    splits.train = random_subset(splits.train, max_train, train_seed);
    if (val_cap < n_val) splits.validation = random_subset(splits.validation, val_cap, val_seed);
  }
  if (max_test > 0 && max_test < splits.test.size())
    splits.test = random_subset(splits.test, max_test, test_seed);
}

}  // namespace bp
