// The "dataset" section (DatasetSpec). Keys that belong to the source are always written; the
// others only when they differ from the default, so every field round-trips.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "engine/core/error.h"
#include "engine/data/extra_points.h"
#include "engine/io/config_names.h"
#include "engine/io/project_parts.h"

namespace bp::io {
namespace {

const std::vector<std::string> kDatasetKeys{"source",         "toy",
                                            "samples",        "noise",
                                            "classes",        "seed",
                                            "feature_x2",     "feature_y2",
                                            "feature_xy",     "feature_sinx",
                                            "feature_siny",   "standardize",
                                            "train_fraction", "validation_fraction",
                                            "path",           "label_column",
                                            "task",           "resize",
                                            "max_train",      "max_test",
                                            "class_filter",   "normalize",
                                            "jitter",         "shift_pixels",
                                            "rotate_degrees", "pixel_noise",
                                            "extra_points",   "target_columns",
                                            "color",          "resize_mode"};

std::vector<std::string> source_keys(DatasetSource source) {
  // Images keep their files' own test set: train_fraction applies to toy and CSV data only.
  std::vector<std::string> keys{"source", "seed", "validation_fraction"};
  std::vector<std::string> more;
  switch (source) {
    case DatasetSource::Toy:
      more = {"toy", "samples", "noise", "classes", "train_fraction", "standardize", "jitter"};
      break;
    case DatasetSource::Csv:
      more = {"path", "label_column", "task", "standardize", "target_columns"};
      break;
    case DatasetSource::ImageFolder:
      more = {"path", "train_fraction", "color", "resize_mode"};
      [[fallthrough]];
    case DatasetSource::IdxFolder:
      if (more.empty()) more = {"path"};
      [[fallthrough]];
    case DatasetSource::MnistDigits:
    case DatasetSource::FashionMnist:
      more.insert(more.end(), {"resize", "max_train", "max_test", "class_filter", "normalize",
                               "shift_pixels", "rotate_degrees", "pixel_noise"});
      break;
  }
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

// Image folders: "color" and "resize_mode" (image_folder.h).
const std::vector<std::pair<ImageColor, std::string>> kColors{{ImageColor::Rgb, "rgb"},
                                                              {ImageColor::Gray, "gray"}};
const std::vector<std::pair<ImageResize, std::string>> kResizeModes{
    {ImageResize::Auto, "auto"}, {ImageResize::Area, "area"}, {ImageResize::Bilinear, "bilinear"}};

template <class E>
std::string name_in(const std::vector<std::pair<E, std::string>>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  throw Error("internal: an image option without a name");
}

template <class E>
E read_named(const JsonObject& o, const char* key, E fallback,
             const std::vector<std::pair<E, std::string>>& table) {
  if (!o.has(key)) return fallback;
  const std::string text = o.get_string(key, "");
  std::string choices;
  for (const auto& [e, name] : table) {
    if (name == text) return e;
    choices += (choices.empty() ? "" : ", ") + name;
  }
  o.fail(key, "unknown value '" + text + "'; expected one of: " + choices);
}

std::vector<std::string> names(const std::vector<ToyKind>& all) {
  std::vector<std::string> out;
  for (ToyKind k : all) out.push_back(to_string(k));
  return out;
}

std::vector<std::string> names(const std::vector<DatasetSource>& all) {
  std::vector<std::string> out;
  for (DatasetSource s : all) out.push_back(to_string(s));
  return out;
}

// [[x, y, label], ...]; non-finite numbers cannot be stored.
json extra_points_json(const DatasetSpec& s) {
  json points = json::array();
  for (size_t i = 0; i < s.extra_points.size(); ++i) {
    json p = json::array();
    for (float v : s.extra_points[i]) {
      if (!std::isfinite(v))
        throw Error("cannot save dataset.extra_points[" + std::to_string(i) +
                    "]: it holds a number that is not finite");
      // Class labels (and other whole numbers) read best as integers: [1.5, -2, 1].
      const bool whole =
          v == std::trunc(v) && std::fabs(v) < 1e9f && !(v == 0.0f && std::signbit(v));
      p.push_back(whole ? json(static_cast<int64_t>(v)) : float_value(v));
    }
    points.push_back(std::move(p));
  }
  return points;
}

// Reads dataset.extra_points after the other keys: a label is checked against the toy set's
// classes.
void read_extra_points(const JsonObject& o, DatasetSpec& s) {
  if (!o.has("extra_points")) return;
  const json& arr = o.raw("extra_points");
  if (!arr.is_array())
    o.fail("extra_points", "expected an array of [x, y, label] points, got " + describe(arr));
  for (size_t i = 0; i < arr.size(); ++i) {
    const std::string path = o.path_of("extra_points") + "[" + std::to_string(i) + "]";
    auto fail = [&](const std::string& what) -> void {
      throw Error(o.origin() + ": " + path + ": " + what);
    };
    const json& e = arr[i];
    if (!e.is_array() || e.size() != 3 || !e[0].is_number() || !e[1].is_number() ||
        !e[2].is_number())
      fail("expected [x, y, label] (three numbers), got " + describe(e));
    std::array<float, 3> p{};
    for (size_t k = 0; k < 3; ++k) {
      p[k] = static_cast<float>(e[k].get<double>());
      if (!std::isfinite(p[k])) fail("the number " + e[k].dump() + " is too large for a float");
    }
    const std::string problem = extra_point_problem(s, p);
    if (!problem.empty()) fail(problem);
    s.extra_points.push_back(p);
  }
}

}  // namespace

json dataset_to_json(const DatasetSpec& s) {
  const DatasetSpec d;
  const auto used = source_keys(s.source);
  json j = json::object();
  for (const auto& k : kDatasetKeys) {
    const bool always = std::find(used.begin(), used.end(), k) != used.end();
    auto put = [&](bool changed, json v) {
      if (always || changed) j[k] = std::move(v);
    };
    if (k == "source") put(true, to_string(s.source));
    if (k == "toy") put(s.toy != d.toy, to_string(s.toy));
    if (k == "samples") put(s.samples != d.samples, s.samples);
    if (k == "noise") put(s.noise != d.noise, float_value(s.noise));
    if (k == "classes") put(s.classes != d.classes, s.classes);
    if (k == "seed") put(s.seed != d.seed, s.seed);
    if (k == "feature_x2") put(s.feature_x2, s.feature_x2);
    if (k == "feature_y2") put(s.feature_y2, s.feature_y2);
    if (k == "feature_xy") put(s.feature_xy, s.feature_xy);
    if (k == "feature_sinx") put(s.feature_sinx, s.feature_sinx);
    if (k == "feature_siny") put(s.feature_siny, s.feature_siny);
    if (k == "standardize") put(s.standardize != d.standardize, s.standardize);
    if (k == "train_fraction")
      put(s.train_fraction != d.train_fraction, float_value(s.train_fraction));
    if (k == "validation_fraction")
      put(s.validation_fraction != d.validation_fraction, float_value(s.validation_fraction));
    if (k == "path") put(!s.path.empty(), s.path);
    if (k == "label_column") put(!s.label_column.empty(), s.label_column);
    if (k == "target_columns" && !s.target_columns.empty()) put(true, s.target_columns);
    if (k == "task") put(s.csv_task != d.csv_task, to_string(s.csv_task));
    if (k == "resize") put(s.resize != d.resize, s.resize);
    if (k == "color") put(s.color != d.color, name_in(kColors, s.color));
    if (k == "resize_mode")
      put(s.resize_mode != d.resize_mode, name_in(kResizeModes, s.resize_mode));
    if (k == "max_train") put(s.max_train != d.max_train, s.max_train);
    if (k == "max_test") put(s.max_test != d.max_test, s.max_test);
    if (k == "class_filter") put(!s.class_filter.empty(), s.class_filter);
    if (k == "normalize") put(s.normalize != d.normalize, s.normalize);
    if (k == "jitter") put(s.jitter != d.jitter, float_value(s.jitter));
    if (k == "shift_pixels") put(s.shift_pixels != d.shift_pixels, s.shift_pixels);
    if (k == "rotate_degrees")
      put(s.rotate_degrees != d.rotate_degrees, float_value(s.rotate_degrees));
    if (k == "pixel_noise") put(s.pixel_noise != d.pixel_noise, float_value(s.pixel_noise));
    if (k == "extra_points" && !s.extra_points.empty()) put(true, extra_points_json(s));
  }
  return j;
}

DatasetSpec read_dataset(const JsonObject& parent, const char* key) {
  const JsonObject o = parent.child(key, kDatasetKeys);
  DatasetSpec s;
  s.source = o.get_enum("source", s.source, &parse_dataset_source, names(all_dataset_sources()));
  s.toy = o.get_enum("toy", s.toy, &parse_toy_kind, names(all_toy_kinds()));
  s.samples = static_cast<int>(o.get_int("samples", s.samples, 1, 100000000));
  s.noise = o.get_float("noise", s.noise);
  s.classes = static_cast<int>(o.get_int("classes", s.classes, 1, 100000));
  s.seed = o.get_uint64("seed", s.seed);
  s.feature_x2 = o.get_bool("feature_x2", s.feature_x2);
  s.feature_y2 = o.get_bool("feature_y2", s.feature_y2);
  s.feature_xy = o.get_bool("feature_xy", s.feature_xy);
  s.feature_sinx = o.get_bool("feature_sinx", s.feature_sinx);
  s.feature_siny = o.get_bool("feature_siny", s.feature_siny);
  s.standardize = o.get_bool("standardize", s.standardize);
  s.train_fraction = o.get_float("train_fraction", s.train_fraction);
  s.validation_fraction = o.get_float("validation_fraction", s.validation_fraction);
  if (!(s.train_fraction > 0.0f) || s.validation_fraction < 0.0f ||
      s.train_fraction + s.validation_fraction > 1.0f + 1e-6f)
    o.fail_here("train_fraction (" + std::to_string(s.train_fraction) +
                ") must be > 0 and train_fraction + validation_fraction at most 1");
  s.path = o.get_string("path", s.path);
  s.label_column = o.get_string("label_column", s.label_column);
  s.target_columns = o.get_string_array("target_columns", {});
  if (!s.target_columns.empty() && !s.label_column.empty())
    o.fail("target_columns", "set either label_column or target_columns, not both");
  s.csv_task = o.get_enum("task", s.csv_task, &parse_task_kind, {"classification", "regression"});
  s.resize = static_cast<int>(o.get_int("resize", s.resize, 0, 4096));
  s.color = read_named(o, "color", s.color, kColors);
  s.resize_mode = read_named(o, "resize_mode", s.resize_mode, kResizeModes);
  s.max_train = static_cast<int>(o.get_int("max_train", s.max_train, 0, 100000000));
  s.max_test = static_cast<int>(o.get_int("max_test", s.max_test, 0, 100000000));
  for (int64_t c : o.get_int_array("class_filter", {})) {
    if (c < 0 || c > 100000) o.fail("class_filter", "class indices must be >= 0");
    s.class_filter.push_back(static_cast<int>(c));
  }
  s.normalize = o.get_bool("normalize", s.normalize);
  s.jitter = o.get_float("jitter", s.jitter);
  s.shift_pixels = static_cast<int>(o.get_int("shift_pixels", s.shift_pixels, 0, 1000));
  s.rotate_degrees = o.get_float("rotate_degrees", s.rotate_degrees);
  s.pixel_noise = o.get_float("pixel_noise", s.pixel_noise);
  read_extra_points(o, s);
  return s;
}

void resolve_dataset_path(DatasetSpec& spec, const std::string& project_file) {
  if (spec.path.empty()) return;
  const std::filesystem::path p(spec.path);
  if (p.is_absolute()) return;
  std::error_code ec;
  std::filesystem::path folder =
      std::filesystem::absolute(std::filesystem::path(project_file), ec).parent_path();
  if (ec) folder = std::filesystem::path(project_file).parent_path();
  spec.path = (folder / p).lexically_normal().string();
}

}  // namespace bp::io
