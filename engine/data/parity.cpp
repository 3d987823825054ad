#include "engine/data/parity.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace bp {
namespace {

void check(int samples, float noise, const char* what) {
  if (samples < 1)
    throw Error(std::string(what) + ": the sample count must be at least 1 (got " +
                std::to_string(samples) + ")");
  if (!(noise >= 0.0f && noise <= 1.0f))
    throw Error(std::string(what) + ": noise must be between 0 and 1 (got " +
                std::to_string(noise) + ")");
}

Dataset binary_dataset(const char* name, int dim) {
  Dataset ds;
  ds.name = name;
  ds.task = TaskKind::Classification;
  ds.sample_shape = Shape{dim};
  ds.num_classes = 2;
  ds.target_dim = 1;
  ds.class_names = {"0", "1"};
  for (int i = 0; i < dim; ++i) ds.feature_names.push_back("x" + std::to_string(i + 1));
  return ds;
}

const char* gate_name(BooleanGate gate) {
  switch (gate) {
    case BooleanGate::And:
      return "and";
    case BooleanGate::Or:
      return "or";
    case BooleanGate::Xor:
      return "xor-gate";
  }
  return "gate";
}

}  // namespace

Dataset generate_gate(BooleanGate gate, int samples, float noise, uint64_t seed) {
  check(samples, noise, gate_name(gate));
  Dataset ds = binary_dataset(gate_name(gate), 2);
  Rng rng(seed);
  const float spread = 1.5f * noise;
  for (int i = 0; i < samples; ++i) {
    const bool a = (i & 1) != 0, b = (i & 2) != 0;  // the four truth-table rows in turn
    const bool out = gate == BooleanGate::And  ? (a && b)
                     : gate == BooleanGate::Or ? (a || b)
                                               : (a != b);
    ds.features.push_back((a ? 3.0f : -3.0f) + static_cast<float>(rng.normal()) * spread);
    ds.features.push_back((b ? 3.0f : -3.0f) + static_cast<float>(rng.normal()) * spread);
    ds.targets.push_back(out ? 1.0f : 0.0f);
  }
  return ds;
}

Dataset generate_parity(int bits, int samples, float noise, uint64_t seed) {
  check(samples, noise, "parity");
  if (bits < 2 || bits > 16)
    throw Error(
        "parity: the bit count (the data set's 'classes' field) must be between 2 and 16 "
        "(got " +
        std::to_string(bits) + ")");
  Dataset ds = binary_dataset("parity", bits);
  Rng rng(seed);
  const int patterns = 1 << bits;
  std::vector<int> order(static_cast<size_t>(patterns));
  std::iota(order.begin(), order.end(), 0);
  for (int i = patterns - 1; i > 0; --i)  // Fisher-Yates with the data seed
    std::swap(order[static_cast<size_t>(i)],
              order[static_cast<size_t>(rng.below(static_cast<uint64_t>(i) + 1))]);
  const float spread = 0.3f * noise;
  for (int i = 0; i < samples; ++i) {
    const int p = order[static_cast<size_t>(i % patterns)];
    int ones = 0;
    for (int k = 0; k < bits; ++k) {
      const bool on = ((p >> k) & 1) != 0;
      ones += on;
      ds.features.push_back((on ? 1.0f : -1.0f) + static_cast<float>(rng.normal()) * spread);
    }
    ds.targets.push_back(static_cast<float>(ones % 2));
  }
  return ds;
}

}  // namespace bp
