#include "engine/io/config_names.h"
#include "engine/graph/name_table.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace bp {
namespace {

using names::all_of;
using names::name_of;
using names::parse;
using names::Table;

constexpr Table<DatasetSource, 6> kSources{{
    {DatasetSource::Toy, "toy"},
    {DatasetSource::Csv, "csv"},
    {DatasetSource::MnistDigits, "mnist-digits"},
    {DatasetSource::FashionMnist, "fashion-mnist"},
    {DatasetSource::IdxFolder, "idx-folder"},
    {DatasetSource::ImageFolder, "image-folder"},
}};

constexpr Table<ToyKind, 16> kToys{{
    {ToyKind::Circle, "circle"},
    {ToyKind::Xor, "xor"},
    {ToyKind::Gaussians, "gaussians"},
    {ToyKind::Spiral, "spiral"},
    {ToyKind::Moons, "moons"},
    {ToyKind::Checkerboard, "checkerboard"},
    {ToyKind::Blobs, "blobs"},
    {ToyKind::Plane, "plane"},
    {ToyKind::GaussianBumps, "gaussian-bumps"},
    {ToyKind::Sine1d, "sine"},
    {ToyKind::Polynomial1d, "polynomial"},
    {ToyKind::Step1d, "step"},
    {ToyKind::And, "and"},
    {ToyKind::Or, "or"},
    {ToyKind::XorGate, "xor-gate"},
    {ToyKind::Parity, "parity"},
}};

constexpr Table<TrainerKind, 2> kTrainers{{
    {TrainerKind::Gradient, "gradient"},
    {TrainerKind::Perceptron, "perceptron"},
}};

constexpr Table<TaskKind, 2> kTasks{{
    {TaskKind::Classification, "classification"},
    {TaskKind::Regression, "regression"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string to_string(OptimizerKind kind) {
  return optimizer_descriptor(kind).torch_name;
}
std::string to_string(ScheduleKind kind) {
  return schedule_descriptor(kind).torch_name;
}
std::string to_string(DatasetSource source) {
  return name_of(kSources, source);
}
std::string to_string(ToyKind kind) {
  return name_of(kToys, kind);
}
std::string to_string(TrainerKind kind) {
  return name_of(kTrainers, kind);
}
std::string to_string(TaskKind kind) {
  return name_of(kTasks, kind);
}

std::optional<OptimizerKind> parse_optimizer_kind(std::string_view name) {
  return names::parse_descriptor(optimizer_descriptors(), name);
}
std::optional<ScheduleKind> parse_schedule_kind(std::string_view name) {
  return names::parse_descriptor(schedule_descriptors(), name);
}
std::optional<DatasetSource> parse_dataset_source(std::string_view name) {
  return parse(kSources, name);
}
std::optional<ToyKind> parse_toy_kind(std::string_view name) {
  return parse(kToys, name);
}
std::optional<TrainerKind> parse_trainer_kind(std::string_view name) {
  return parse(kTrainers, name);
}
std::optional<TaskKind> parse_task_kind(std::string_view name) {
  return parse(kTasks, name);
}

std::vector<OptimizerKind> all_optimizer_kinds() {
  return names::kinds_of(optimizer_descriptors());
}
std::vector<ScheduleKind> all_schedule_kinds() {
  return names::kinds_of(schedule_descriptors());
}
std::vector<DatasetSource> all_dataset_sources() {
  return all_of(kSources);
}
std::vector<ToyKind> all_toy_kinds() {
  return all_of(kToys);
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;  // accept distance <= 2
  const std::string lname = lower(name);
  for (const auto& c : candidates) {
    if (lower(c) == lname) return c;
    const size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace bp
