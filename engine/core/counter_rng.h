#pragma once
// Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy
// as 1, 2, 3", SC'11). A draw is a pure function of (key, counter), so element i of a dropout mask
// can be computed independently by any thread or GPU kernel and every backend gets the same mask.
// Only 32-bit integer multiplies, xors and adds: a CUDA kernel reproduces the integers and the
// uniform floats bit-for-bit. Normal draws use Box-Muller in double precision (log, sqrt, cos), so
// another libm may differ in the last bit of the float result.
#include <array>
#include <cmath>
#include <cstdint>

namespace bp {

struct Philox4x32 {
  using Block = std::array<uint32_t, 4>;

  // One Philox4x32-10 block: counter (c0..c3) under key (k0, k1).
  static constexpr Block generate(Block c, uint32_t k0, uint32_t k1) {
    constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
    constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
    for (int round = 0; round < 10; ++round) {
      const uint64_t p0 = static_cast<uint64_t>(kM0) * c[0];
      const uint64_t p1 = static_cast<uint64_t>(kM1) * c[2];
      const auto hi0 = static_cast<uint32_t>(p0 >> 32), lo0 = static_cast<uint32_t>(p0);
      const auto hi1 = static_cast<uint32_t>(p1 >> 32), lo1 = static_cast<uint32_t>(p1);
      c = {hi1 ^ c[1] ^ k0, lo1, hi0 ^ c[3] ^ k1, lo0};
      k0 += kW0;
      k1 += kW1;
    }
    return c;
  }
};

// Draws addressed by (seed, stream counter, element index).
class CounterRng {
 public:
  constexpr CounterRng(uint64_t seed, uint64_t counter) : seed_(seed), counter_(counter) {}

  // Four independent 32-bit words for element `index`.
  constexpr Philox4x32::Block bits(uint64_t index) const {
    return Philox4x32::generate(
        {static_cast<uint32_t>(index), static_cast<uint32_t>(index >> 32),
         static_cast<uint32_t>(counter_), static_cast<uint32_t>(counter_ >> 32)},
        static_cast<uint32_t>(seed_), static_cast<uint32_t>(seed_ >> 32));
  }

  // Uniform in [0, 1) with 24 bits (exact floats): (w0 >> 8) * 2^-24.
  float uniform(uint64_t index) const { return to_unit(bits(index)[0]); }

  // Standard normal (Box-Muller from words 0 and 1, cosine branch), as float.
  float normal(uint64_t index) const {
    const auto b = bits(index);
    // u1 in (0, 1]: never 0, so log is finite.
    const double u1 = (static_cast<double>(b[0] >> 8) + 1.0) * 0x1.0p-24;
    const double u2 = static_cast<double>(b[1] >> 8) * 0x1.0p-24;
    constexpr double kTwoPi = 6.283185307179586476925;
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2));
  }

  static constexpr float to_unit(uint32_t w) { return static_cast<float>(w >> 8) * 0x1.0p-24f; }

  // A 64-bit mix (splitmix64 finalizer) for deriving per-node seeds: mix(seed ^ f(node)).
  static constexpr uint64_t mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }

 private:
  uint64_t seed_;
  uint64_t counter_;
};

}  // namespace bp
