#pragma once
// DatasetSpec: where a project's data comes from, as plain data (stored in the project file).
// load_dataset(spec) turns it into seeded train/validation/test splits.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

enum class DatasetSource : uint8_t {
  Toy,           // a generator below
  Csv,           // path, label_column
  MnistDigits,   // the bundled 10,000 real MNIST digits (datasets/mnist-digits)
  FashionMnist,  // Debian's dataset-fashion-mnist
  IdxFolder,     // any MNIST-format folder (train/t10k images/labels, plain or .gz)
  ImageFolder,   // the user's images, one subfolder per class (engine/data/image_folder.h)
};

// Image folders: the channels the samples get.
enum class ImageColor : uint8_t {
  Rgb,   // 3 channels (a grayscale file is repeated into R, G and B)
  Gray,  // 1 channel: 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's convert("L"))
};

// Image folders: the resampling filter of the resize to `resize` x `resize`.
enum class ImageResize : uint8_t {
  Auto,      // area when shrinking, bilinear when enlarging
  Area,      // OpenCV's INTER_AREA
  Bilinear,  // PyTorch's F.interpolate(mode="bilinear", align_corners=False)
};

enum class ToyKind : uint8_t {
  // classification
  Circle,
  Xor,
  Gaussians,
  Spiral,
  Moons,
  Checkerboard,
  Blobs,
  // regression
  Plane,
  GaussianBumps,
  Sine1d,
  Polynomial1d,
  Step1d,
  // Boolean functions (engine/data/parity.h): gates as four corner clusters, N-bit parity
  And,
  Or,
  XorGate,
  Parity,
};

struct DatasetSpec {
  DatasetSource source = DatasetSource::Toy;
  ToyKind toy = ToyKind::Spiral;
  int samples = 500;   // toy: total samples generated
  float noise = 0.1f;  // toy: noise level (0..1 of the generator's natural scale)
  int classes = 2;     // Spiral arms / Blobs count / Parity bits
  uint64_t seed = 1;   // data generation and split seed
  // Playground-style derived input features for 2-D toy data
  bool feature_x2 = false, feature_y2 = false, feature_xy = false, feature_sinx = false,
       feature_siny = false;
  bool standardize = false;  // z-score features with the training split's statistics
  // split fractions (test = 1 - train - validation)
  float train_fraction = 0.7f;
  float validation_fraction = 0.15f;
  // files
  // CSV file, IDX folder or image folder ("" = default location for the source). A relative path
  // in a project file is relative to that file's folder (read_project resolves it).
  std::string path;
  std::string label_column;  // CSV: by name; "" = last column
  // CSV regression with several targets: these columns, in this order, are the (N, K) targets
  // (the network needs K outputs); empty = label_column. Not both.
  std::vector<std::string> target_columns;
  TaskKind csv_task = TaskKind::Classification;
  // images
  int resize = 0;                      // 0: native size; else resize to resize x resize (e.g. 16)
  ImageColor color = ImageColor::Rgb;  // image folders: 3 channels or gray
  ImageResize resize_mode = ImageResize::Auto;  // image folders: the resize filter
  int max_train = 0;                            // 0: all; else subset size of the train split
  int max_test = 0;                             // 0: all
  std::vector<int> class_filter;  // empty: all classes; else keep only these (relabelled 0..k-1)
  bool normalize = true;          // images: per-channel mean/std normalization
  // augmentation (training split only, applied per epoch by the trainer)
  float jitter = 0.0f;          // 2-D toy: gaussian jitter std
  int shift_pixels = 0;         // images: random shifts up to this many pixels
  float rotate_degrees = 0.0f;  // images: random rotations up to +-this
  float pixel_noise = 0.0f;     // images: additive gaussian noise std
  // 2-D toy: points the user added by clicking the decision-boundary plane, {x, y, label}
  // (label: class index, or the regression target). load_dataset appends them to the training
  // split only (engine/data/extra_points.h); other sources keep them and train without them.
  std::vector<std::array<float, 3>> extra_points;

  bool operator==(const DatasetSpec&) const = default;
};

// Throws bp::Error with an actionable message (missing file, bad CSV cell, corrupt IDX, an added
// point whose label is not a class, ...).
DatasetSplits load_dataset(const DatasetSpec& spec);

}  // namespace bp
