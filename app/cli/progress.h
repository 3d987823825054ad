#pragma once
// Per-epoch reporting for `backprop train`: one line per epoch
// ("epoch 12/100  loss 0.3121  acc 91.4%  val_loss 0.3300  val_acc 90.1%  lr 0.01  1.2 s"),
// or a single self-overwriting progress bar when stdout is a terminal.
#include <cstdio>
#include <string>

#include "engine/train/trainer.h"

namespace bp::cli {

std::string format_epoch_line(const EpochRecord& record, int total_epochs);
// "loss 0.0812  acc 97.3%" (accuracy left out for regression).
std::string format_metrics(const Metrics& m, const std::string& prefix = "");

class Progress {
 public:
  Progress(std::FILE* out, bool quiet, int total_epochs);
  void epoch(const EpochRecord& record);
  // Ends the bar's line (if one is showing).
  void finish();

 private:
  std::FILE* out_;
  bool quiet_;
  bool tty_;
  int total_;
  bool bar_open_ = false;
};

}  // namespace bp::cli
