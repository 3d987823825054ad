// Learning-rate schedules: 50 epochs against torch 1.13's printed sequences (StepLR,
// ExponentialLR, CosineAnnealingLR past T_max, ReduceLROnPlateau on fixed losses, LinearLR
// warm-up chained by SequentialLR), plus validation.
#include <QtTest>

#include "engine/optim/lr_scheduler.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

ScheduleConfig schedule_config(const nlohmann::json& j) {
  ScheduleConfig c;
  const std::string kind = j["kind"];
  if (kind == "Constant")
    c.kind = ScheduleKind::Constant;
  else if (kind == "StepLR")
    c.kind = ScheduleKind::StepLR;
  else if (kind == "ExponentialLR")
    c.kind = ScheduleKind::ExponentialLR;
  else if (kind == "CosineAnnealingLR")
    c.kind = ScheduleKind::CosineAnnealingLR;
  else if (kind == "ReduceLROnPlateau")
    c.kind = ScheduleKind::ReduceLROnPlateau;
  else
    throw Error("unknown schedule " + kind);
  for (const auto& [k, v] : j.items()) {
    if (k == "kind") continue;
    if (k == "step_size")
      c.step_size = v.get<int>();
    else if (k == "gamma")
      c.gamma = v.get<float>();
    else if (k == "T_max")
      c.T_max = v.get<int>();
    else if (k == "eta_min")
      c.eta_min = v.get<float>();
    else if (k == "factor")
      c.factor = v.get<float>();
    else if (k == "patience")
      c.patience = v.get<int>();
    else if (k == "threshold")
      c.threshold = v.get<float>();
    else if (k == "cooldown")
      c.cooldown = v.get<int>();
    else if (k == "min_lr")
      c.min_lr = v.get<float>();
    else if (k == "warmup_epochs")
      c.warmup_epochs = v.get<int>();
    else if (k == "warmup_start_factor")
      c.warmup_start_factor = v.get<float>();
    else
      throw Error("fixture key not mapped: " + k);
  }
  return c;
}

}  // namespace

class TestLrSchedulers : public QObject {
  Q_OBJECT
 private slots:
  void matches_torch_sequences() {
    const auto fx = load_fixture("optim_schedules.json");
    const float base_lr = fx["base_lr"].get<float>();
    const auto losses = fx["plateau_losses"].get<std::vector<double>>();
    int checked = 0;
    for (const auto& c : fx["cases"]) {
      const QString name = QString::fromStdString(c["name"].get<std::string>());
      const ScheduleConfig cfg = schedule_config(c["config"]);
      LrScheduler s(cfg, base_lr);
      const auto lrs = c["lrs"].get<std::vector<double>>();
      QCOMPARE(lrs.size(), size_t{51});
      for (size_t e = 0; e < lrs.size(); ++e) {
        QCOMPARE(s.epoch(), static_cast<int>(e));
        if (!close(s.lr(), lrs[e], 1e-6, 1e-9))
          QFAIL(qPrintable(QString("%1 epoch %2: engine %3, torch %4")
                               .arg(name)
                               .arg(e)
                               .arg(s.lr(), 0, 'g', 9)
                               .arg(lrs[e], 0, 'g', 9)));
        if (e + 1 < lrs.size()) s.step(losses[e]);
      }
      ++checked;
    }
    QCOMPARE(checked, 9);
  }

  void cosine_is_the_closed_form_within_one_period() {
    ScheduleConfig c;
    c.kind = ScheduleKind::CosineAnnealingLR;
    c.T_max = 10;
    c.eta_min = 0.01f;
    LrScheduler s(c, 0.5f);
    for (int e = 0; e <= 10; ++e) {
      const double expect =
          0.01 + (0.5 - 0.01) * (1 + std::cos(3.14159265358979323846 * e / 10)) / 2;
      QVERIFY(close(s.lr(), expect, 1e-5, 1e-7));
      s.step();
    }
  }

  void plateau_ignores_steps_without_a_loss_and_respects_min_lr() {
    ScheduleConfig c;
    c.kind = ScheduleKind::ReduceLROnPlateau;
    c.patience = 0;
    c.factor = 0.5f;
    c.min_lr = 0.3f;
    LrScheduler s(c, 1.0f);
    s.step();  // no validation loss: nothing to judge
    QCOMPARE(s.lr(), 1.0f);
    s.step(1.0);  // first loss: best
    s.step(1.0);  // no improvement, patience 0: halve
    QCOMPARE(s.lr(), 0.5f);
    s.step(1.0);
    QCOMPARE(s.lr(), 0.3f);  // clamped at min_lr
    s.step(1.0);
    QCOMPARE(s.lr(), 0.3f);
  }

  void warmup_then_plateau_ignores_warmup_losses() {
    ScheduleConfig c;
    c.kind = ScheduleKind::ReduceLROnPlateau;
    c.patience = 0;
    c.factor = 0.5f;
    c.warmup_epochs = 2;
    c.warmup_start_factor = 0.5f;
    LrScheduler s(c, 1.0f);
    QCOMPARE(s.lr(), 0.5f);
    s.step(0.1);  // warm-up epoch 1: lr 0.75, the loss is not recorded as the best
    QCOMPARE(s.lr(), 0.75f);
    s.step(5.0);  // milestone: the main schedule starts at lr_0
    QCOMPARE(s.lr(), 1.0f);
    s.step(1.0);  // first plateau observation: best = 1.0 (0.1 from the warm-up was ignored)
    QCOMPARE(s.lr(), 1.0f);
    s.step(1.0);  // no improvement, patience 0
    QCOMPARE(s.lr(), 0.5f);
  }

  void invalid_settings_throw() {
    ScheduleConfig c;
    c.kind = ScheduleKind::StepLR;
    c.step_size = 0;
    QVERIFY_THROWS_EXCEPTION(Error, LrScheduler(c, 0.1f));
    c = ScheduleConfig{};
    c.kind = ScheduleKind::CosineAnnealingLR;
    c.T_max = 0;
    QVERIFY_THROWS_EXCEPTION(Error, LrScheduler(c, 0.1f));
    c = ScheduleConfig{};
    c.kind = ScheduleKind::ReduceLROnPlateau;
    c.factor = 1.0f;
    QVERIFY_THROWS_EXCEPTION(Error, LrScheduler(c, 0.1f));
    c = ScheduleConfig{};
    c.warmup_epochs = 3;
    c.warmup_start_factor = 0.0f;
    QVERIFY_THROWS_EXCEPTION(Error, LrScheduler(c, 0.1f));
  }
};

QTEST_APPLESS_MAIN(TestLrSchedulers)
#include "test_lr_schedulers.moc"
