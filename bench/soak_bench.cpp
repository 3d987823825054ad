// bp_soak: the studio under load for a stated time, offscreen (issue 16's soak run).
//   phase "lenet":   the main window with LeNet-5 on the digits, every dock open, training as fast
//                    as possible;
//   phase "compare": the compare lab with 8 runs on the spiral, every tab drawn in turn.
// Each phase prints the process's resident memory every `report` seconds, the largest resident
// size after the first minute (or after the first third of a shorter phase) against the size at
// that point, and the event loop's stalls: a 5 ms precise timer whose late firings measure how
// long the GUI thread could not answer. Exit 0 when memory stayed within the bound and no stall
// exceeded the limit, 1 otherwise. A measurement (bench/), not a CI test: stalls depend on what
// else the machine runs. Results are in docs/robustness.md.
//
// Usage: bp_soak [--seconds N] [--phase lenet|compare|both] [--stall-ms 50] [--growth-mib 64]
//                [--explain MS]  (print each event whose handling takes longer than MS)
//                [--compare-epochs N]  (the compare runs' epochs; fewer: more restarts)
#include <sys/resource.h>
#include <unistd.h>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QTabWidget>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>

#include "app/common/allocator.h"
#include "engine/data/dataset_spec.h"
#include "engine/io/project.h"
#include "ui/compare/compare_controller.h"
#include "ui/compare/compare_window.h"
#include "ui/document/project_document.h"
#include "ui/lessons/lesson_player.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"

namespace {

struct Options {
  int seconds = 600;
  std::string phase = "both";
  double stall_ms = 50.0;
  double growth_mib = 64.0;
  int report = 30;
  double explain_ms = 0.0;       // > 0: print every event that takes longer (TimedApplication)
  int compare_epochs = 1000000;  // the compare phase's epochs field (it stops at 100,000)
};

double resident_mib() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// CPU seconds the calling thread (the GUI thread) has used: how busy it is, whatever the load of
// the machine.
double thread_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Watches the GUI thread: a 5 ms timer that should fire every 5 ms; any longer gap is a stall.
class StallMeter : public QObject {
 public:
  StallMeter() {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(5);
    connect(&timer_, &QTimer::timeout, this, [this] {
      const double now = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
      if (last_ >= 0.0) {
        const double late = now - last_ - 5.0;
        worst_ = std::max(worst_, late);
        window_worst_ = std::max(window_worst_, late);
        if (late > 50.0) ++over_50_, ++window_over_50_;
        ++ticks_;
      }
      last_ = now;
    });
    clock_.start();
    timer_.start();
  }
  double worst() const { return worst_; }
  int over50() const { return over_50_; }
  long ticks() const { return ticks_; }
  // The worst stall and the count over 50 ms since the last call (per tab with --explain).
  std::pair<double, int> takeWindow() {
    const std::pair<double, int> w{window_worst_, window_over_50_};
    window_worst_ = 0.0;
    window_over_50_ = 0;
    return w;
  }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  double last_ = -1.0, worst_ = 0.0, window_worst_ = 0.0;
  int over_50_ = 0, window_over_50_ = 0;
  long ticks_ = 0;
};

// The studio's application object, timing every event it delivers: an event whose handling takes
// longer than `slow_ms` is a stall's cause, printed with its receiver's class and object name
// (--explain), so a stall points at the view or handler that caused it.
class TimedApplication : public QApplication {
 public:
  TimedApplication(int& argc, char** argv) : QApplication(argc, argv) {}
  double slow_ms = 0.0;  // 0: off
  bool notify(QObject* receiver, QEvent* event) override {
    if (slow_ms <= 0.0 || depth_ > 0) return QApplication::notify(receiver, event);
    QElapsedTimer t;
    t.start();
    ++depth_;
    const int type = static_cast<int>(event->type());
    const bool r = QApplication::notify(receiver, event);
    --depth_;
    const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    if (ms > slow_ms)
      std::printf("slow event: %.1f ms, type %d, to %s '%s'\n", ms, type,
                  receiver->metaObject()->className(), qPrintable(receiver->objectName()));
    return r;
  }

 private:
  int depth_ = 0;
};

struct PhaseResult {
  double rss_at_settle = 0.0, rss_max_after = 0.0, rss_end = 0.0, worst_stall = 0.0;
  int stalls_over_50 = 0;
  double gui_busy = 0.0;  // share of the phase the GUI thread spent on the CPU
  bool ok = true;
};

// Runs the event loop for `seconds`, sampling memory every second; `tick` runs every second too.
PhaseResult soak(const char* name, const Options& o,
                 const std::function<void(int, StallMeter&)>& tick) {
  StallMeter meter;
  PhaseResult r;
  const int settle = std::min(60, std::max(1, o.seconds / 3));
  QElapsedTimer clock;
  clock.start();
  const double cpu_start = thread_cpu_seconds();
  int second = 0;
  while (second < o.seconds) {
    // Sleep in the event loop until the next whole second (a processEvents() loop would spin
    // and count as GUI work).
    QEventLoop loop;
    QTimer::singleShot(
        static_cast<int>(std::max<qint64>(1, (second + 1) * 1000LL - clock.elapsed())),
        Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
    ++second;
    tick(second, meter);
    const double rss = resident_mib();
    if (second == settle) r.rss_at_settle = rss;
    if (second > settle) r.rss_max_after = std::max(r.rss_max_after, rss);
    if (second % o.report == 0 || second == o.seconds)
      std::printf("%-8s t=%4d s  resident %7.1f MiB  worst stall so far %6.1f ms (%d over 50 ms)\n",
                  name, second, rss, meter.worst(), meter.over50());
    std::fflush(stdout);
  }
  r.rss_end = resident_mib();
  r.gui_busy = (thread_cpu_seconds() - cpu_start) / o.seconds;
  r.worst_stall = meter.worst();
  r.stalls_over_50 = meter.over50();
  const double growth = r.rss_max_after - r.rss_at_settle;
  r.ok = growth <= o.growth_mib && r.worst_stall <= o.stall_ms;
  std::printf(
      "%-8s %d s: resident %.1f MiB at %d s, at most %.1f MiB after (growth %.1f MiB, bound %.0f), "
      "%.1f MiB at the end; worst event-loop stall %.1f ms (limit %.0f), %d stalls over 50 ms; "
      "GUI thread busy %.0f %% of the time: %s\n",
      name, o.seconds, r.rss_at_settle, settle, r.rss_max_after, growth, o.growth_mib, r.rss_end,
      r.worst_stall, o.stall_ms, r.stalls_over_50, 100.0 * r.gui_busy, r.ok ? "ok" : "FAILED");
  return r;
}

bool run_lenet(const Options& o) {
  bp::ui::MainWindow window;
  bp::ui::TrainingUi training(&window);
  bp::ui::LessonPlayer lessons(&window, &training);
  window.resize(1600, 1000);
  window.arrangeDefaultLayout();
  window.show();
  QString error;
  const QString path = QStringLiteral(BP_SOURCE_DIR "/resources/examples/lenet5-digits.json");
  if (!window.fileActions()->openPath(path, &error)) {
    std::fprintf(stderr, "bp_soak: could not open %s: %s\n", qPrintable(path), qPrintable(error));
    return false;
  }
  int docks = 0;
  for (QDockWidget* d : window.findChildren<QDockWidget*>()) {
    d->show();
    ++docks;
  }
  bp::Project p = window.document()->project();
  p.training.epochs = 1000000;  // keeps training for the whole phase
  window.document()->setTrainConfig(p.training);
  training.controller()->setPace({bp::ui::PaceMode::Unlimited, 0});
  training.controller()->start();
  std::printf("lenet    %d docks open, training LeNet-5 on the digits as fast as possible\n",
              docks);
  const PhaseResult r = soak("lenet", o, [&](int, StallMeter&) {});
  const auto snap = training.controller()->lastSnapshot();
  std::printf("lenet    reached epoch %d, step %lld\n", snap ? snap->epoch : -1,
              snap ? static_cast<long long>(snap->step) : -1LL);
  training.controller()->stop();
  return r.ok && snap && snap->epoch >= 1;
}

bool run_compare(const Options& o) {
  const bp::Project spiral = bp::read_project(BP_SOURCE_DIR "/resources/examples/spiral.json");
  bp::ui::CompareWindow window([spiral] { return spiral; });
  window.resize(1600, 1000);
  window.show();
  window.setVariable(bp::CompareVariable::LearningRate);
  window.setValues("0.001, 0.003, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2");
  window.setEpochs(o.compare_epochs);
  if (!window.start()) {
    std::fprintf(stderr, "bp_soak: the comparison did not start: %s\n",
                 qPrintable(window.message()));
    return false;
  }
  std::printf("compare  8 runs on the spiral (learning rates 0.001 ... 0.2)\n");
  const int tabs = window.tabs()->count();
  int restarts = 0;
  const PhaseResult r = soak("compare", o, [&](int second, StallMeter& meter) {
    // The epochs field stops at 100,000 (about 150 s of these runs): a finished comparison is
    // started again, as a class would, so the whole phase trains.
    if (window.controller()->state() == bp::ui::CompareController::State::Finished &&
        window.start())
      ++restarts;
    if (second % o.report == 0 && window.controller()->latest()) {
      double lo = 1e300, hi = 0.0;
      int running = 0;
      for (const auto& run : window.controller()->latest()->runs) {
        lo = std::min(lo, run.progress);
        hi = std::max(hi, run.progress);
        running += run.status == bp::RunStatus::Running;
      }
      std::printf("compare  t=%4d s  epochs %.0f ... %.0f, %d runs running\n", second, lo, hi,
                  running);
    }
    if (second % 5 == 0) {  // every view draws in turn
      if (o.explain_ms > 0.0) {
        const auto [worst, over] = meter.takeWindow();
        std::printf("tab %s shown: worst stall %.1f ms, %d over 50 ms\n",
                    qPrintable(window.tabs()->tabText(window.tabs()->currentIndex())), worst, over);
      }
      window.showTab((second / 5) % tabs);
    }
  });
  const auto latest = window.controller()->latest();
  int running = 0;
  if (latest)
    for (const auto& run : latest->runs) running += run.history.empty() ? 0 : 1;
  std::printf("compare  %d of 8 runs have history; the comparison was started again %d times\n",
              running, restarts);
  return r.ok && running == 8;
}

}  // namespace

int main(int argc, char** argv) {
  bp::app::tune_allocator();
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--seconds")
      o.seconds = std::max(3, std::stoi(v));
    else if (a == "--phase")
      o.phase = v;
    else if (a == "--stall-ms")
      o.stall_ms = std::stod(v);
    else if (a == "--growth-mib")
      o.growth_mib = std::stod(v);
    else if (a == "--report")
      o.report = std::max(1, std::stoi(v));
    else if (a == "--explain")
      o.explain_ms = std::stod(v);
    else if (a == "--compare-epochs")
      o.compare_epochs = std::max(1, std::stoi(v));
    else {
      std::fprintf(stderr, "bp_soak: unknown option %s\n", a.c_str());
      return 2;
    }
  }
  QApplication::setOrganizationName("Backprop Studio Soak");
  QApplication::setApplicationName("Backprop Studio Soak");
  TimedApplication app(argc, argv);
  app.slow_ms = o.explain_ms;
  bool ok = true;
  if (o.phase == "lenet" || o.phase == "both") ok = run_lenet(o) && ok;
  if (o.phase == "compare" || o.phase == "both") ok = run_compare(o) && ok;
  return ok ? 0 : 1;
}
