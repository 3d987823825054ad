#pragma once
// Seeded splits. Sizes: n_train = round(n * train_fraction), n_validation = round(n *
// validation_fraction), n_test = the rest; each split keeps the shuffled order.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

// Throws bp::Error unless 0 < train_fraction, 0 <= validation_fraction and their sum <= 1.
void check_split_fractions(float train_fraction, float validation_fraction);

// A seeded shuffle of `all`, then train / validation / test by the fractions.
DatasetSplits split_dataset(const Dataset& all, float train_fraction, float validation_fraction,
                            uint64_t seed);

// For sets with an official test set (MNIST-style): validation is round(n * validation_fraction)
// samples carved from a seeded shuffle of `train`; `test` is kept as it is. `train` is reordered in
// place (no second copy of a 60,000-image training set).
DatasetSplits split_with_test_set(Dataset train, Dataset test, float validation_fraction,
                                  uint64_t seed);

// Reorders ds's rows in place so that new row k is old row perm[k] (perm: a permutation of
// 0..n-1), then keeps the first `keep` rows. One row of scratch memory.
void permute_rows_in_place(Dataset& ds, const std::vector<int64_t>& perm, int64_t keep);

// Seeded subsets for max_train / max_test (0 = keep all). When the training split is capped, the
// validation split is capped in proportion (max_train * |validation| / |train|) so that quick runs
// stay quick; the test split is capped at max_test.
void cap_splits(DatasetSplits& splits, int max_train, int max_test, uint64_t seed);

// What is wrong with split sizes, for the user: "" when the training split holds >= 2 samples
// and validation / test are empty or hold >= 2; otherwise a sentence per problem (an empty
// training split is an error for training, a one-sample split gives meaningless metrics).
std::vector<std::string> split_size_warnings(const DatasetSplits& splits);

// A seeded permutation of 0..n-1.
std::vector<int64_t> shuffled_indices(int64_t n, uint64_t seed);

}  // namespace bp
