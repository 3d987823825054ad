// The optimizer and schedule descriptor tables: one entry per kind; torch's defaults; every
// hyperparameter survives edit -> save -> load and changes what the optimizer (schedule) does;
// docs/optimizers.md shows each table's equations verbatim.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/config_names.h"
#include "engine/io/project.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"
#include "optim_test_util.h"

using namespace bp;

namespace {

// Four steps on a 5-vector with gradients that shrink (so AMSGrad's max matters); the resulting
// parameters.
std::vector<float> four_steps(const OptimizerConfig& c) {
  CpuBackend backend;
  ParameterStore store = test::make_store(backend, {{"fc1.weight", Shape{5}}});
  for (int i = 0; i < 5; ++i) store.values().data()[i] = 0.5f - 0.3f * static_cast<float>(i);
  auto opt = make_optimizer(c);
  for (int step = 0; step < 4; ++step) {
    for (int i = 0; i < 5; ++i)
      store.grads().data()[i] = (std::sin(1.3f * static_cast<float>(i + step)) + 0.2f) /
                                static_cast<float>(1 + 4 * step * step);
    opt->step(backend, store);
  }
  return {store.values().data(), store.values().data() + 5};
}

// The learning rates of the first 12 epochs, with a validation loss that stalls.
std::vector<float> twelve_epochs(const ScheduleConfig& s) {
  LrScheduler sched(s, 0.5f);
  std::vector<float> lrs;
  for (int e = 0; e < 12; ++e) {
    lrs.push_back(sched.lr());
    sched.step(e < 2 ? 1.0f / static_cast<float>(e + 1) : 0.5f);
  }
  return lrs;
}

template <class Config>
std::vector<double> candidates(const HyperParam<Config>& p, const Config& c) {
  const double d = p.get(c);
  if (p.is_bool()) return {d != 0.0 ? 0.0 : 1.0};
  std::vector<double> out;
  const double tries[] = {p.lo + 0.5 * (p.hi - p.lo), p.lo + 0.1 * (p.hi - p.lo), p.lo + 1.0,
                          d * 2.0, p.lo + 2.0};
  for (double v : tries) {
    if (p.is_int()) v = std::round(v);
    if (v >= p.lo && v <= p.hi && v != d) out.push_back(v);
  }
  return out;
}

Project round_trip(const TrainConfig& c) {
  Project project;
  project.training = c;
  return parse_project(project_to_json(project), "round trip");
}

std::string docs() {
  std::ifstream in(std::string(BP_SOURCE_DIR) + "/docs/optimizers.md");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class TestOptimizerDescriptors : public QObject {
  Q_OBJECT
 private slots:
  void oneDescriptorPerKind() {
    QCOMPARE(optimizer_descriptors().size(), all_optimizer_kinds().size());
    for (const auto& d : optimizer_descriptors()) {
      QCOMPARE(parse_optimizer_kind(d.torch_name), std::optional<OptimizerKind>(d.kind));
      QVERIFY2(!d.params.empty() && std::string(d.params[0].name) == "lr", d.torch_name);
    }
    QCOMPARE(schedule_descriptors().size(), all_schedule_kinds().size());
    for (const auto& d : schedule_descriptors())
      QCOMPARE(parse_schedule_kind(d.torch_name), std::optional<ScheduleKind>(d.kind));
  }

  // torch.optim 1.13's defaults, typed from its documentation.
  void torchDefaults() {
    QCOMPARE(default_optimizer_config(OptimizerKind::Adam).lr, 1e-3f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adam).beta2, 0.999f);
    QCOMPARE(default_optimizer_config(OptimizerKind::AdamW).weight_decay, 1e-2f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adagrad).eps, 1e-10f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adadelta).lr, 1.0f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adadelta).eps, 1e-6f);
    QCOMPARE(default_optimizer_config(OptimizerKind::RMSprop).alpha, 0.99f);
    QCOMPARE(default_optimizer_config(OptimizerKind::NAdam).lr, 2e-3f);
    QCOMPARE(default_optimizer_config(OptimizerKind::NAdam).momentum_decay, 4e-3f);
    QCOMPARE(default_optimizer_config(OptimizerKind::LBFGS).history_size, 100);
  }

  // Every hyperparameter of every optimizer: a non-default value comes back from the project
  // file and changes the parameters after four steps (LBFGS needs a closure: file only).
  void everyOptimizerHyperparameterIsSavedAndUsed() {
    int checked = 0;
    for (const auto& d : optimizer_descriptors()) {
      for (const auto& p : d.params) {
        TrainConfig base;
        base.optimizer = default_optimizer_config(d.kind);
        // nesterov and dampening act on the momentum buffer: give them one
        if (std::string(p.name) == "nesterov" || std::string(p.name) == "dampening")
          base.optimizer.momentum = 0.9f;
        const auto before =
            d.kind == OptimizerKind::LBFGS ? std::vector<float>{} : four_steps(base.optimizer);
        bool used = false, tried = false;
        for (double v : candidates(p, base.optimizer)) {
          TrainConfig edited = base;
          p.set(edited.optimizer, v);
          try {
            validate_optimizer_config(edited.optimizer);
          } catch (const Error&) {
            continue;  // e.g. dampening with nesterov
          }
          tried = true;
          const Project back = round_trip(edited);
          const std::string what = std::string(d.torch_name) + "." + p.name;
          QVERIFY2(back.training.optimizer == edited.optimizer,
                   (what + ": lost on save/load").c_str());
          if (d.kind == OptimizerKind::LBFGS) {
            used = true;
            continue;
          }
          used = used || four_steps(back.training.optimizer) != before;
        }
        const std::string what = std::string(d.torch_name) + "." + p.name;
        QVERIFY2(tried, (what + ": no valid non-default value").c_str());
        QVERIFY2(used, (what + ": the optimizer ignores it").c_str());
        ++checked;
      }
    }
    QVERIFY(checked >= 35);
  }

  void everyScheduleHyperparameterIsSavedAndUsed() {
    std::vector<std::pair<ScheduleKind, const HyperParam<ScheduleConfig>*>> rows;
    for (const auto& d : schedule_descriptors())
      for (const auto& p : d.params) rows.emplace_back(d.kind, &p);
    for (const auto& w : warmup_params()) rows.emplace_back(ScheduleKind::StepLR, &w);
    for (const auto& [kind, p] : rows) {
      TrainConfig base;
      base.schedule.kind = kind;
      base.schedule.step_size = 3;
      base.schedule.T_max = 5;
      base.schedule.patience = 2;
      if (std::string(p->name) == "warmup_start_factor") base.schedule.warmup_epochs = 3;
      const auto before = twelve_epochs(base.schedule);
      bool used = false;
      for (double v : candidates(*p, base.schedule)) {
        TrainConfig edited = base;
        p->set(edited.schedule, v);
        const Project back = round_trip(edited);
        QVERIFY2(back.training.schedule == edited.schedule,
                 (std::string(p->name) + ": lost on save/load").c_str());
        used = used || twelve_epochs(back.training.schedule) != before;
      }
      QVERIFY2(used, (std::string(p->name) + ": the schedule ignores it").c_str());
    }
  }

  void docsShowTheEquations() {
    const std::string text = docs();
    QVERIFY(!text.empty());
    for (const auto& d : optimizer_descriptors()) {
      std::istringstream lines(d.equations);
      for (std::string line; std::getline(lines, line);)
        QVERIFY2(text.find("    " + line + "\n") != std::string::npos,
                 (std::string(d.torch_name) + ": docs/optimizers.md lacks '" + line + "'").c_str());
    }
    for (const auto& d : schedule_descriptors())
      QVERIFY2(text.find("`" + std::string(d.rule) + "`") != std::string::npos, d.torch_name);
  }
};

QTEST_APPLESS_MAIN(TestOptimizerDescriptors)
#include "test_optimizer_descriptors.moc"
