#pragma once
// Shared helpers of the lesson tests: read a bundled lesson, and train one of its projects on the
// CPU exactly as the studio and the CLI would (the project's data, network, config and seed).
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/lessons/lesson_reader.h"
#include "engine/train/trainer.h"

namespace bp::test {

inline Lesson bundled_lesson(const std::string& id) {
  const std::string root = BP_SOURCE_DIR;
  return read_lesson(root + "/resources/lessons/" + id + ".json", root + "/resources/examples");
}

inline double l2(const std::vector<float>& v);

// One training run of a lesson's project. The seed overrides the project's when given (>0).
struct LessonRun {
  explicit LessonRun(const Project& p, uint64_t seed = 0)
      : project(p),
        data(load_dataset(p.dataset)),
        config(with_seed(p.training, seed)),
        model(p.network, backend, config.seed),
        trainer(model, data, config) {}

  static TrainConfig with_seed(TrainConfig c, uint64_t seed) {
    if (seed) c.seed = seed;
    return c;
  }
  // Trains the project's epochs (or `epochs` when > 0); returns false when it diverged.
  bool train(int epochs = 0) {
    trainer.continue_for(epochs > 0 ? epochs : config.epochs);
    return trainer.run(nullptr, nullptr);
  }
  Metrics train_metrics() { return trainer.evaluate(data.train); }
  Metrics test_metrics() { return trainer.evaluate(data.test); }

  // The L2 norm of a parameter's gradient as the last step left it (the trainer computes the
  // gradient at the weights before its update; step() does not clear it afterwards).
  double grad_norm(const std::string& param) {
    const ParamEntry* e = model.params().find(param);
    if (!e) throw Error("no parameter '" + param + "' in the model");
    const Tensor g = model.params().grad(*e);
    std::vector<float> host(static_cast<size_t>(g.numel()));
    backend.memory().download(g, host.data());
    return l2(host);
  }

  Project project;
  DatasetSplits data;
  TrainConfig config;
  CpuBackend backend;
  Model model;
  Trainer trainer;
};

inline double l2(const std::vector<float>& v) {
  double s = 0.0;
  for (float x : v) s += static_cast<double>(x) * x;
  return std::sqrt(s);
}

inline double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// Sample standard deviation (n - 1).
inline double stddev(const std::vector<double>& v) {
  if (v.size() < 2) return 0.0;
  const double m = mean(v);
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace bp::test
