// backprop-studio: the desktop app. Composition root: the only place that knows which compute
// backends exist (the CPU engine, and the CUDA module when this machine can load it).
#include <QApplication>
#include <QIcon>

#include "app/common/allocator.h"
#include "app/common/backends.h"
#include "ui/lessons/lesson_player.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/backend_factory.h"

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
  window.show();
  window.startSession();
  return QApplication::exec();
}
