#pragma once
// Toy data sets in the style of TensorFlow Playground: seeded generators for 2-D classification
// (labels are class indices 0..K-1), 2-D regression and 1-D regression.
//
// Extent: every 2-D set lives in about [-6, 6]^2 (points near the edge can spill slightly past it
// when noise is high); 1-D sets draw x uniformly from [-6, 6] and have targets in about
// [-1.5, 1.5]. Views (decision boundaries, regression plots) use toy_extent() for their axes.
//
// Noise: `noise` runs over 0..1 of each generator's natural scale; 0 gives clean data.
//  - classification: points move by gaussian noise (labels keep the clean point's class), or the
//    clusters widen (Gaussians, Blobs);
//  - regression: targets get additive gaussian noise.
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/data/dataset.h"
#include "engine/data/dataset_spec.h"

namespace bp {

struct ToyExtent {
  float x_min = -6.0f, x_max = 6.0f;  // first input
  float y_min = -6.0f, y_max = 6.0f;  // second input (2-D sets) or the target (1-D sets)
};

// The axis ranges a view should show for this set.
ToyExtent toy_extent(ToyKind kind);
bool toy_is_classification(ToyKind kind);
// 2 for the 2-D sets, 1 for Sine1d/Polynomial1d/Step1d.
int toy_input_dim(ToyKind kind);
// Number of classes the generator produces (`classes` for Spiral/Blobs, 2 for the other
// classifiers, 0 for regression).
int toy_num_classes(ToyKind kind, int classes);
// "spiral", "gaussian-bumps", ... (stable: usable in files and on command lines)
const char* toy_name(ToyKind kind);
// The inverse of toy_name; nullopt for an unknown name.
std::optional<ToyKind> toy_kind_from_name(std::string_view name);

// `samples` points (>= 1), deterministic for a given seed. Classification: sample_shape (2),
// targets (N, 1) class indices. Regression: sample_shape (2) or (1), targets (N, 1).
// Throws bp::Error for samples < 1, noise outside [0, 1] or classes outside [2, 16].
Dataset generate_toy(ToyKind kind, int samples, float noise, int classes, uint64_t seed);

}  // namespace bp
