#pragma once
// What the loss compares the network's output with (TrainConfig::target, the project file's
// "training.target"; engine/train/batch_targets.h turns it into a target tensor).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bp {

enum class TargetMode : uint8_t {
  Auto,          // the data's targets, encoded for the loss (class index, 0/1 one-hot, values)
  PlusMinusOne,  // classification, one output per class: +1 for the class, -1 for the others
                 // (LeCun 1989: MSE on +-1 targets with the scaled tanh, which reaches +-1)
  Reconstruct,   // the input itself, flattened: an autoencoder (MSE against the input)
};

// "auto", "plus_minus_one", "reconstruct" (the file's names).
std::string to_string(TargetMode mode);
std::optional<TargetMode> parse_target_mode(std::string_view name);
std::vector<std::string> target_mode_names();

}  // namespace bp
