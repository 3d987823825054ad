#include "engine/io/pytorch_export_data.h"

#include <filesystem>
#include <numeric>
#include <sstream>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/class_filter.h"
#include "engine/data/data_paths.h"
#include "engine/data/dataset_spec.h"
#include "engine/data/idx_reader.h"
#include "engine/data/split.h"
#include "engine/io/base64.h"
#include "engine/io/python_literals.h"
#include "engine/train/batch_targets.h"

namespace bp {
namespace {

// Samples written into the script above this many floats make it too large to read: 2M floats
// are about 11 MB of base64.
constexpr size_t kMaxEmbeddedFloats = size_t{2} << 20;

// The script's TARGETS for a layout (its Split class encodes each the way encode_target does).
const char* targets_name(const TargetLayout& layout) {
  switch (layout.encoding) {
    case TargetEncoding::ClassIndex:
      return "class_index";
    case TargetEncoding::Scalar:
      return "scalar";
    case TargetEncoding::OneHot:
      return layout.off_value == -1.0f ? "plus_minus_one" : "one_hot";
    case TargetEncoding::Regression:
      return layout.from_input ? "reconstruct" : "regression";
  }
  return "regression";
}

// The off value of a one-hot layout the script can write: 0 (one_hot) or -1 (plus_minus_one).
bool known_off_value(const TargetLayout& layout) {
  return layout.encoding != TargetEncoding::OneHot || layout.off_value == 0.0f ||
         layout.off_value == -1.0f;
}

std::string shape_tuple(const Shape& s) {
  std::string out = "(";
  for (int i = 0; i < s.rank(); ++i) out += std::to_string(s[i]) + ", ";
  return out + ")";
}

std::string float_list(const std::vector<float>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + py_float(v[i]);
  return out + "]";
}

// The MNIST-format folder a source reads (load_dataset's rules), or "" for other sources.
std::string idx_folder(const DatasetSpec& spec) {
  if (spec.source == DatasetSource::MnistDigits)
    return spec.path.empty() ? find_dataset_folder("mnist-digits") : spec.path;
  if (spec.source == DatasetSource::FashionMnist)
    return spec.path.empty() ? "/usr/share/datasets/fashion-mnist" : spec.path;
  if (spec.source == DatasetSource::IdxFolder) return spec.path;
  return "";
}

// A classification set whose samples are their own row numbers in `labels_path`'s file.
Dataset row_numbers(const std::string& labels_path) {
  const IdxArray labels = read_idx(labels_path, 1);
  Dataset ds;
  ds.name = labels_path;
  ds.sample_shape = Shape{1};
  ds.features.resize(labels.data.size());
  std::iota(ds.features.begin(), ds.features.end(), 0.0f);  // exact below 2^24 rows
  ds.targets.assign(labels.data.begin(), labels.data.end());
  int classes = 0;
  for (uint8_t l : labels.data) classes = std::max(classes, l + 1);
  ds.num_classes = classes;
  return ds;
}

// load_dataset's stage seeds (engine/data/load_dataset.cpp: the split is stage 1, the caps 2).
uint64_t stage_seed(uint64_t seed, uint64_t stage) {
  return Rng(seed).fork(stage).next_u64();
}

// Which rows of the IDX files each split holds: load_idx_folder's filter, split and caps run on
// row numbers instead of images.
DatasetSplits idx_rows(const DatasetSpec& spec, const std::string& train_labels,
                       const std::string& test_labels) {
  Dataset train = row_numbers(train_labels), test = row_numbers(test_labels);
  const int classes = std::max(train.num_classes, test.num_classes);
  for (Dataset* d : {&train, &test}) {
    d->num_classes = classes;
    d->class_names.clear();
    for (int k = 0; k < classes; ++k) d->class_names.push_back(std::to_string(k));
  }
  filter_classes(train, spec.class_filter);
  filter_classes(test, spec.class_filter);
  DatasetSplits s = split_with_test_set(std::move(train), std::move(test), spec.validation_fraction,
                                        stage_seed(spec.seed, 1));
  cap_splits(s, spec.max_train, spec.max_test, stage_seed(spec.seed, 2));
  return s;
}

std::vector<int64_t> as_rows(const Dataset& d) {
  return {d.features.begin(), d.features.end()};
}

std::string absolute(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

// DATA for an MNIST-format folder: the IDX files' paths, the rows of each split, the app's
// pixel scale and normalization. Throws bp::Error for unreadable files.
void write_idx_data(std::ostringstream& py, const DatasetSpec& spec, const std::string& folder,
                    const DatasetSplits& splits) {
  const Dataset* parts[3] = {&splits.train, &splits.validation, &splits.test};
  const char* names[3] = {"train", "validation", "test"};
  const std::string images[2] = {find_idx_file(folder, "train-images-idx3-ubyte"),
                                 find_idx_file(folder, "t10k-images-idx3-ubyte")};
  const DatasetSplits rows = idx_rows(spec, find_idx_file(folder, "train-labels-idx1-ubyte"),
                                      find_idx_file(folder, "t10k-labels-idx1-ubyte"));
  const Dataset* row_parts[3] = {&rows.train, &rows.validation, &rows.test};
  py << "DATA = {  # the app's splits: rows of the IDX files, pixels * scale, normalized\n"
     << "    \"source\": \"idx\",\n"
     << "    \"train_images\": " << py_string(absolute(images[0])) << ",\n"
     << "    \"test_images\": " << py_string(absolute(images[1])) << ",\n"
     << "    \"scale\": " << py_float(1.0f / 255.0f) << ",\n"
     << "    \"mean\": " << float_list(splits.train.input_mean) << ",\n";
  std::vector<float> inv;
  for (float s : splits.train.input_std) inv.push_back(1.0f / s);
  py << "    \"inv_std\": " << float_list(inv) << ",\n";
  for (int k = 0; k < 3; ++k) {
    if (row_parts[k]->size() != parts[k]->size() || row_parts[k]->targets != parts[k]->targets)
      throw Error("PyTorch export: the IDX rows of the " + std::string(names[k]) +
                  " split do not match the app's data (a bug: please report it)");
    py << "    \"" << names[k] << "\": {\"file\": \"" << (k == 2 ? "test" : "train")
       << "\", \"indices\": \"" << io::int64s_to_base64(as_rows(*row_parts[k])) << "\", \"y\": \""
       << io::floats_to_base64(parts[k]->targets) << "\"},\n";
  }
  py << "}\n";
}

}  // namespace

PyTorchData pytorch_data(const Project& project, const Shape& input, const Shape& output) {
  const DatasetSpec& spec = project.dataset;
  PyTorchData out;
  DatasetSplits splits;
  TargetLayout layout;
  try {
    splits = load_dataset(spec);
    if (splits.train.sample_shape != input)
      throw Error("the data's samples are " + splits.train.sample_shape.to_string() +
                  " but the network's Input expects " + input.to_string());
    layout =
        choose_target_layout(project.training.loss, output, splits.train, project.training.target);
  } catch (const Error& e) {
    out.problem = std::string("the project's data does not go with this network: ") + e.what();
    return out;
  }
  if (!known_off_value(layout)) {
    out.problem = "the script cannot write one-hot targets whose other classes are " +
                  py_float(layout.off_value) + ": choose the target \"auto\" or \"plus_minus_one\"";
    return out;
  }
  const Dataset* parts[3] = {&splits.train, &splits.validation, &splits.test};
  const char* names[3] = {"train", "validation", "test"};
  std::ostringstream py;
  py << "SAMPLE_SHAPE = " << shape_tuple(input) << "\n"
     << "TARGETS = " << py_string(targets_name(layout))
     << "  # what the loss compares the output with\n"
     << "NUM_OUTPUTS = " << output.numel() << "\n";

  std::string folder;
  try {
    folder = spec.resize == 0 ? idx_folder(spec) : std::string();
  } catch (const Error& e) {
    out.problem = e.what();
    return out;
  }
  if (!folder.empty()) {
    try {
      write_idx_data(py, spec, folder, splits);
    } catch (const Error& e) {
      out.problem = e.what();
      return out;
    }
    out.code = py.str();
    return out;
  }

  size_t floats = 0;
  for (const Dataset* d : parts) floats += d->features.size();
  if (floats > kMaxEmbeddedFloats) {
    const std::string count = std::to_string(floats) + " values, more than the " +
                              std::to_string(kMaxEmbeddedFloats) + " the script can hold";
    if (spec.source == DatasetSource::ImageFolder)
      out.problem = "the image folder " + spec.path + " decodes to " + count +
                    " (the script cannot read image files itself: torchvision is not part of "
                    "Debian's PyTorch): set max_train / max_test, a smaller resize or the gray "
                    "colour in the data settings, then export again";
    else
      out.problem = "the data set holds " + count +
                    ": set max_train / max_test in the data settings (or use images without "
                    "resizing, which the script reads by path), then export again";
    return out;
  }
  py << "DATA = {  # the app's splits, base64 of little-endian float32\n"
     << "    \"source\": \"embedded\",\n";
  for (int k = 0; k < 3; ++k)
    py << "    \"" << names[k] << "\": {\"x\": \"" << io::floats_to_base64(parts[k]->features)
       << "\", \"y\": \"" << io::floats_to_base64(parts[k]->targets) << "\"},\n";
  py << "}\n";
  out.code = py.str();
  return out;
}

}  // namespace bp
