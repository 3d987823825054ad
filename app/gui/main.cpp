// backprop-studio: the desktop app. Composition root: the only place that knows which compute
// backends exist (the CPU engine, and the CUDA module when this machine can load it).
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <algorithm>
#include <cstdio>

#include "app/common/allocator.h"
#include "app/common/backends.h"
#include "ui/lessons/lesson_player.h"
#include "ui/main_window/autosave.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/backend_factory.h"
#include "ui/training/training_controller.h"

namespace {

// Offers the CUDA backend to the studio when its module loads and a device answers.
void install_backends() {
  const auto probed = bp::app::probe_backends();
  bp::ui::BackendProvider provider;
  provider.available = [probed] {
    std::vector<bp::BackendKind> kinds;
    for (const auto& b : probed)
      if (b.available) kinds.push_back(b.kind);
    return kinds;
  };
  provider.create = [](bp::BackendKind kind, int threads) {
    return bp::app::create_backend(kind == bp::BackendKind::Cuda ? bp::app::BackendChoice::Cuda
                                                                 : bp::app::BackendChoice::Cpu,
                                   threads)
        .backend;
  };
  provider.describe = [probed](bp::BackendKind kind) {
    for (const auto& b : probed)
      if (b.kind == kind && b.available)
        return (kind == bp::BackendKind::Cpu ? QStringLiteral("CPU — ")
                                             : QStringLiteral("GPU — ")) +
               QString::fromStdString(b.description);
    return kind == bp::BackendKind::Cpu ? QStringLiteral("CPU (Eigen)")
                                        : QStringLiteral("GPU (CUDA)");
  };
  bp::ui::set_backend_provider(std::move(provider));
}

}  // namespace

int main(int argc, char** argv) {
  bp::app::tune_allocator();
  // High-DPI: Qt 6 scales by default; keep fractional factors (125 %, 150 %) exact.
  QApplication::setHighDpiScaleFactorRoundingPolicy(
      Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
  QApplication app(argc, argv);
  QApplication::setApplicationName("Backprop Studio");
  QApplication::setApplicationDisplayName("Backprop Studio");
  QApplication::setOrganizationName("Backprop Studio");
  QApplication::setApplicationVersion(QStringLiteral("0.1"));
  QApplication::setWindowIcon(QIcon(":/icons/app.svg"));
  install_backends();
  bp::ui::MainWindow window;  // applies the remembered theme (Fusion + palette)
  bp::ui::TrainingUi training(&window);
  bp::ui::LessonPlayer lessons(&window, &training);  // the Lessons menu and panel
  window.arrangeDefaultLayout();
  QCommandLineParser cli;
  cli.setApplicationDescription(QObject::tr("Build, train and look inside neural networks."));
  cli.addHelpOption();
  cli.addPositionalArgument(QObject::tr("project"), QObject::tr("A project file to open."));
  const QCommandLineOption play(QStringLiteral("play"),
                                QObject::tr("Start training right after opening."));
  const QCommandLineOption autosave_every(
      QStringLiteral("autosave-interval"),
      QObject::tr("Seconds between recovery copies (default 60; also at epoch ends, at most "
                  "every 5 s or this, whichever is shorter)."),
      QObject::tr("seconds"));
  cli.addOption(play);
  cli.addOption(autosave_every);
  cli.process(app);

  // A crash loses at most the last minute of training: autosave takes the running trainer's
  // latest checkpoint without pausing it.
  bp::ui::Autosave* autosave = window.autosave();
  autosave->setLiveCheckpoint(
      [&training](bp::Project& p) { return training.controller()->fillLiveCheckpoint(p); });
  QObject::connect(training.controller(), &bp::ui::TrainingController::epochFinished, autosave,
                   [autosave] { autosave->epochEnded(); });
  if (cli.isSet(autosave_every)) {
    bool ok = false;
    const double seconds = cli.value(autosave_every).toDouble(&ok);
    if (!ok || seconds <= 0.0) {
      std::fprintf(stderr, "backprop-studio: --autosave-interval needs a positive number\n");
      return 2;
    }
    const int ms = static_cast<int>(seconds * 1000.0);
    autosave->setInterval(ms);
    autosave->setMinimumEpochInterval(std::min(ms, 5000));
  }

  window.show();
  window.startSession();
  // backprop-studio PROJECT.json opens that project (after the last session's one).
  if (!cli.positionalArguments().isEmpty()) {
    QString error;
    if (!window.fileActions()->openPath(cli.positionalArguments().first(), &error))
      QMessageBox::warning(&window, QObject::tr("Could not open the project"), error);
  }
  if (cli.isSet(play)) training.controller()->start();
  return QApplication::exec();
}
