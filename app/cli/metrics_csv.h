#pragma once
// DIR/metrics.csv: one row per epoch, columns
// epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds, then one
// grad_norm.<parameter> column per trainable parameter (grad_norm.fc1.weight, ...): the L2 norm
// of its gradient at the epoch's last step, so a script can plot gradient flow. Accuracies are
// fractions in [0, 1]; a cell is empty where a value does not apply (regression accuracy, no
// validation, gradient norms of epochs trained by an earlier process or the perceptron rule).
// Written whole and atomically from a checkpoint's history, so it always describes the
// model.json written with it.
#include <map>
#include <string>
#include <vector>

#include "engine/train/train_state.h"

namespace bp::cli {

inline constexpr const char* kMetricsHeader =
    "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds";

// Gradient norms by epoch for the grad_norm.<parameter> columns.
struct GradNormColumns {
  std::vector<std::string> names;               // parameter names, the column order
  std::map<int, std::vector<double>> by_epoch;  // epoch -> (names.size()) norms
};

std::string metrics_csv_text(const std::vector<EpochRecord>& history,
                             const GradNormColumns* grad_norms = nullptr);
// Throws bp::Error when the file cannot be written.
void write_metrics_csv(const std::string& path, const std::vector<EpochRecord>& history,
                       const GradNormColumns* grad_norms = nullptr);

}  // namespace bp::cli
