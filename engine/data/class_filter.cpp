#include "engine/data/class_filter.h"

#include <string>

#include "engine/core/error.h"

namespace bp {

void filter_classes(Dataset& ds, const std::vector<int>& keep) {
  if (keep.empty()) return;
  if (ds.task != TaskKind::Classification)
    throw Error("class filter: '" + ds.name + "' is a regression data set; it has no classes");
  if (keep.size() < 2)
    throw Error("class filter: keep at least two classes (got " + std::to_string(keep.size()) +
                ")");
  std::vector<int> new_label(static_cast<size_t>(ds.num_classes), -1);
  for (size_t i = 0; i < keep.size(); ++i) {
    const int k = keep[i];
    if (k < 0 || k >= ds.num_classes)
      throw Error("class filter: class " + std::to_string(k) + " does not exist in '" + ds.name +
                  "' (classes 0 to " + std::to_string(ds.num_classes - 1) + ")");
    if (new_label[static_cast<size_t>(k)] != -1)
      throw Error("class filter: class " + std::to_string(k) + " is listed twice");
    new_label[static_cast<size_t>(k)] = static_cast<int>(i);
  }
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < ds.size(); ++i) {
    const auto label = static_cast<int>(*ds.target(i));
    if (label >= 0 && label < ds.num_classes && new_label[static_cast<size_t>(label)] >= 0)
      rows.push_back(i);
  }
  Dataset out = ds.subset(rows);
  for (auto& t : out.targets) t = static_cast<float>(new_label[static_cast<size_t>(t)]);
  std::vector<std::string> names;
  for (const int k : keep)
    names.push_back(static_cast<size_t>(k) < ds.class_names.size()
                        ? ds.class_names[static_cast<size_t>(k)]
                        : std::to_string(k));
  out.class_names = std::move(names);
  out.num_classes = static_cast<int>(keep.size());
  ds = std::move(out);
}

}  // namespace bp
