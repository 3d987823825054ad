#pragma once
// One input sample (C, H, W) as a QImage for the views that show data: colour when C >= 3 (the
// first three channels as R, G, B), gray otherwise. With the dataset's per-channel normalization
// (mean and std, one each per channel, Dataset::input_mean/input_std) the pixels are shown in
// their original intensities, x * std + mean clamped to [0, 1], so colours stay true; without it
// the image is stretched to its own range (one range for all channels, so hues are kept).
#include <QImage>
#include <vector>

namespace bp::ui {

QImage sample_image(const float* pixels /* (C, H, W) */, int channels, int height, int width,
                    const std::vector<float>& mean, const std::vector<float>& std);

}  // namespace bp::ui
