// load_dataset: DatasetSpec -> seeded train/validation/test splits, for every DatasetSource.
#include <algorithm>
#include <filesystem>
#include <string>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/class_filter.h"
#include "engine/data/csv_reader.h"
#include "engine/data/data_paths.h"
#include "engine/data/dataset_spec.h"
#include "engine/data/derived_features.h"
#include "engine/data/extra_points.h"
#include "engine/data/idx_reader.h"
#include "engine/data/image_folder.h"
#include "engine/data/image_ops.h"
#include "engine/data/split.h"
#include "engine/data/standardize.h"
#include "engine/data/toy_generators.h"

namespace bp {
namespace {

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Independent seeds for the stages, so changing e.g. max_train does not reshuffle the split.
uint64_t stage_seed(uint64_t seed, uint64_t stage) {
  return Rng(seed).fork(stage).next_u64();
}

// Vector data (toy, CSV): filter, split, cap, standardize.
DatasetSplits finish_vector_data(Dataset all, const DatasetSpec& spec) {
  filter_classes(all, spec.class_filter);
  DatasetSplits s =
      split_dataset(all, spec.train_fraction, spec.validation_fraction, stage_seed(spec.seed, 1));
  cap_splits(s, spec.max_train, spec.max_test, stage_seed(spec.seed, 2));
  if (spec.standardize) standardize_splits(s);
  return s;
}

DatasetSplits load_idx_folder(const std::string& folder, const std::string& name,
                              const std::vector<std::string>& class_names,
                              const DatasetSpec& spec) {
  const int known = static_cast<int>(class_names.size());
  Dataset train =
      read_idx_images_labels(find_idx_file(folder, "train-images-idx3-ubyte"),
                             find_idx_file(folder, "train-labels-idx1-ubyte"), name, known);
  Dataset test =
      read_idx_images_labels(find_idx_file(folder, "t10k-images-idx3-ubyte"),
                             find_idx_file(folder, "t10k-labels-idx1-ubyte"), name, known);
  if (train.sample_shape != test.sample_shape)
    throw Error(folder + ": training images are " + train.sample_shape.to_string() +
                " but test images are " + test.sample_shape.to_string());
  const int classes = std::max(train.num_classes, test.num_classes);
  for (Dataset* d : {&train, &test}) {
    d->num_classes = classes;
    d->class_names.clear();
    for (int k = 0; k < classes; ++k)
      d->class_names.push_back(static_cast<size_t>(k) < class_names.size()
                                   ? class_names[static_cast<size_t>(k)]
                                   : std::to_string(k));
  }
  filter_classes(train, spec.class_filter);
  filter_classes(test, spec.class_filter);
  DatasetSplits s = split_with_test_set(std::move(train), std::move(test), spec.validation_fraction,
                                        stage_seed(spec.seed, 1));
  cap_splits(s, spec.max_train, spec.max_test, stage_seed(spec.seed, 2));
  if (spec.resize > 0)
    for (Dataset* d : {&s.train, &s.validation, &s.test}) resize_dataset(*d, spec.resize);
  if (spec.normalize) normalize_image_splits(s);
  return s;
}

std::vector<std::string> digit_names() {
  std::vector<std::string> names;
  for (int k = 0; k < 10; ++k) names.push_back(std::to_string(k));
  return names;
}

}  // namespace

DatasetSplits load_dataset(const DatasetSpec& spec) {
  switch (spec.source) {
    case DatasetSource::Toy: {
      Dataset all = generate_toy(spec.toy, spec.samples, spec.noise, spec.classes, spec.seed);
      append_derived_features(all, spec);
      DatasetSplits s = finish_vector_data(std::move(all), spec);
      append_extra_points(spec, s.train);  // training split only, after its statistics
      return s;
    }
    case DatasetSource::Csv: {
      if (spec.path.empty()) throw Error("CSV data: no file chosen (set the data set's path)");
      if (!spec.target_columns.empty() && !spec.label_column.empty())
        throw Error("CSV data: set either label_column or target_columns, not both");
      Dataset all = spec.target_columns.empty()
                        ? read_csv_dataset(spec.path, spec.label_column, spec.csv_task)
                        : read_csv_dataset(spec.path, spec.target_columns, spec.csv_task);
      return finish_vector_data(std::move(all), spec);
    }
    case DatasetSource::MnistDigits: {
      const std::string folder =
          spec.path.empty() ? find_dataset_folder("mnist-digits") : spec.path;
      return load_idx_folder(folder, "mnist-digits", digit_names(), spec);
    }
    case DatasetSource::FashionMnist: {
      const std::string folder = spec.path.empty() ? kFashionMnistDir : spec.path;
      std::error_code ec;
      if (!std::filesystem::is_directory(folder, ec))
        throw Error("Fashion-MNIST not found at " + folder +
                    ": install the Debian package dataset-fashion-mnist");
      return load_idx_folder(folder, "fashion-mnist",
                             {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                              "Shirt", "Sneaker", "Bag", "Ankle boot"},
                             spec);
    }
    case DatasetSource::IdxFolder: {
      if (spec.path.empty()) throw Error("IDX data: no folder chosen (set the data set's path)");
      std::error_code ec;
      if (!std::filesystem::is_directory(spec.path, ec))
        throw Error(spec.path + ": the IDX folder does not exist");
      const std::string name = std::filesystem::path(spec.path).filename().string();
      return load_idx_folder(spec.path, name.empty() ? spec.path : name, {}, spec);
    }
    case DatasetSource::ImageFolder: {
      // Decoded and resized image by image (the files may differ in size), then split like CSV.
      Dataset all = read_image_folder(scan_image_folder(spec.path), spec.color, spec.resize,
                                      spec.resize_mode);
      filter_classes(all, spec.class_filter);
      DatasetSplits s = split_dataset(all, spec.train_fraction, spec.validation_fraction,
                                      stage_seed(spec.seed, 1));
      cap_splits(s, spec.max_train, spec.max_test, stage_seed(spec.seed, 2));
      if (spec.normalize) normalize_image_splits(s);
      return s;
    }
  }
  throw Error("unknown data source");
}

}  // namespace bp
