#pragma once
// Enum <-> string names for the training config and dataset spec (file and CLI boundary).
// Optimizer and schedule names are torch.optim's ("Adam", "StepLR"); dataset names are the
// project format's lower-case ids ("mnist-digits", "spiral"). parse_* return nullopt for unknown
// names so the caller can name the file, the JSON path and the value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/data/dataset_spec.h"
#include "engine/optim/lr_scheduler.h"
#include "engine/optim/optimizer.h"
#include "engine/train/train_config.h"

namespace bp {

std::string to_string(OptimizerKind kind);
std::string to_string(ScheduleKind kind);
std::string to_string(DatasetSource source);
std::string to_string(ToyKind kind);
std::string to_string(TrainerKind kind);
std::string to_string(TaskKind kind);

std::optional<OptimizerKind> parse_optimizer_kind(std::string_view name);
std::optional<ScheduleKind> parse_schedule_kind(std::string_view name);
std::optional<DatasetSource> parse_dataset_source(std::string_view name);
std::optional<ToyKind> parse_toy_kind(std::string_view name);
std::optional<TrainerKind> parse_trainer_kind(std::string_view name);
std::optional<TaskKind> parse_task_kind(std::string_view name);

std::vector<OptimizerKind> all_optimizer_kinds();
std::vector<ScheduleKind> all_schedule_kinds();
std::vector<DatasetSource> all_dataset_sources();
std::vector<ToyKind> all_toy_kinds();

// "'Adamm' (did you mean 'Adam'?)" style hints: the closest of `candidates` to `name` when it is
// a plausible typo (edit distance <= 2 or a case-insensitive match), else "".
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace bp
