#pragma once
// DIR/metrics.csv: one row per epoch, written as training goes (flushed each row), columns
// epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds. Accuracies are fractions in
// [0, 1]; a cell is empty where a value does not apply (regression accuracy, no validation).
#include <fstream>
#include <string>

#include "engine/train/trainer.h"

namespace bp::cli {

inline constexpr const char* kMetricsHeader =
    "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

class MetricsCsv {
 public:
  // Throws bp::Error when the file cannot be created.
  explicit MetricsCsv(const std::string& path);
  void append(const EpochRecord& record);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace bp::cli
