#pragma once
// Boolean functions as toy data (lessons 1 and 4, docs/lessons.md):
//  - the 2-input gates AND, OR and XOR as four clusters at the corners (±3, ±3) of the plane
//    (a clean corner is one truth-table row; noise widens the clusters, std 1.5·noise);
//  - N-bit parity: every input is ±1 (plus gaussian noise of std 0.3·noise), the label is 1 when
//    an odd number of inputs are +1. Samples cycle through all 2^N patterns (in a seeded order),
//    so with samples >= 2^N every row of the truth table is present.
// Labels are class indices 0/1; generate_toy() hooks them in as ToyKind::And, Or, XorGate and
// Parity (parity reads its bit count from DatasetSpec::classes).
#include <cstdint>

#include "engine/data/dataset.h"

namespace bp {

enum class BooleanGate : uint8_t { And, Or, Xor };

// Throws bp::Error for samples < 1 or noise outside [0, 1].
Dataset generate_gate(BooleanGate gate, int samples, float noise, uint64_t seed);
// Throws bp::Error for bits outside [2, 16], samples < 1 or noise outside [0, 1].
Dataset generate_parity(int bits, int samples, float noise, uint64_t seed);

}  // namespace bp
