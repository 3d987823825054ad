#pragma once
// DIR/metrics.csv: one row per epoch, columns
// epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds. Accuracies are fractions in
// [0, 1]; a cell is empty where a value does not apply (regression accuracy, no validation).
// Written whole and atomically from a checkpoint's history, so it always describes the
// model.json written with it.
#include <string>
#include <vector>

#include "engine/train/train_state.h"

namespace bp::cli {

inline constexpr const char* kMetricsHeader =
    "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

std::string metrics_csv_text(const std::vector<EpochRecord>& history);
// Throws bp::Error when the file cannot be written.
void write_metrics_csv(const std::string& path, const std::vector<EpochRecord>& history);

}  // namespace bp::cli
