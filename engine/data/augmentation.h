#pragma once
// Training-time augmentation, applied in place to one mini-batch of the training split (never to
// validation or test). Deterministic for a given Rng state; draws happen sample by sample in a
// fixed order. Allocation-free after the first call on a thread (a thread_local scratch image).
//
// Vector data, sample_shape (D): every feature gets gaussian jitter with std spec.jitter (in the
//   model's input units, i.e. after derived features and standardization).
// Images, sample_shape (C, H, W): one random transform per sample, shared by its channels:
//   - a random integer shift dx, dy in [-shift_pixels, shift_pixels],
//   - a rotation by an angle uniform in [-rotate_degrees, +rotate_degrees] about the centre
//     (positive: counter-clockwise on screen),
//     bilinear; pixels that come from outside the image are filled with the channel's minimum,
//     which is 0 for raw [0, 1] pixels and the normalized value of black after normalization
//     (MNIST-style images have black backgrounds), so the fill matches the background either way;
//   - additive gaussian noise with std pixel_noise on every pixel.
#include <cstdint>

#include "engine/core/rng.h"
#include "engine/core/shape.h"
#include "engine/data/dataset_spec.h"

namespace bp {

// True when the spec asks for any augmentation that applies to samples of this shape.
bool augmentation_enabled(const DatasetSpec& spec, const Shape& sample_shape);

// batch: (n, sample_shape...), modified in place.
void augment_batch(float* batch, int64_t n, const Shape& sample_shape, const DatasetSpec& spec,
                   Rng& rng);

// One image (C, H, W) moved by (dx, dy) pixels and rotated by `degrees` about its centre
// (bilinear, `fill` per channel outside). src and dst must not overlap. Exposed for tests.
void affine_image(const float* src, float* dst, int64_t channels, int64_t height, int64_t width,
                  float dx, float dy, float degrees, const float* fill);

}  // namespace bp
