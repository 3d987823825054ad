#pragma once
// Image operations for data loading: resizing (area averaging or bilinear) and per-channel
// normalization. Images are row-major (N, C, H, W) floats.
#include <cstdint>
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

enum class ResizeMode : uint8_t {
  Area,      // each output pixel is the exact area-weighted mean of the input pixels it covers
             // (OpenCV's INTER_AREA; PyTorch's mode="area" when the ratio is an integer)
  Bilinear,  // PyTorch's F.interpolate(mode="bilinear", align_corners=False)
};

struct ImageSize {
  int64_t channels = 1, height = 0, width = 0;
};

// src: (n, C, H, W) -> dst: (n, C, out_h, out_w). Separable weights, computed once per call.
void resize_images(const float* src, int64_t n, ImageSize in, float* dst, int64_t out_h,
                   int64_t out_w, ResizeMode mode);
// Reference: each output pixel computed directly from its definition (slow; for tests).
void naive_resize_images(const float* src, int64_t n, ImageSize in, float* dst, int64_t out_h,
                         int64_t out_w, ResizeMode mode);

// Resizes an image dataset (sample_shape (C, H, W)) to size x size: area when shrinking,
// bilinear when enlarging. No-op when already that size; throws bp::Error for size < 1.
void resize_dataset(Dataset& ds, int size);

struct ChannelStats {
  std::vector<float> mean, std;  // (C); std is 1 for a constant channel
};
// Mean and standard deviation (ddof 0) of each channel over all samples and pixels.
ChannelStats channel_stats(const Dataset& ds);
// x' = (x - mean[c]) / std[c]; records the stats in ds.input_mean/input_std.
void apply_channel_stats(Dataset& ds, const ChannelStats& stats);
// Statistics of splits.train applied to all three splits.
void normalize_image_splits(DatasetSplits& splits);

}  // namespace bp
