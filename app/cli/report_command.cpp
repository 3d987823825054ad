#include "app/cli/report_command.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "app/cli/cli_common.h"
#include "engine/core/error.h"
#include "engine/io/atomic_write.h"

#if BP_CLI_REPORTS
#include <QGuiApplication>

#include "ui/report/boundary_animation.h"
#include "ui/report/report_data.h"
#include "ui/report/report_writer.h"
#endif

namespace bp::cli {

bool wants_report_exports(const ParsedArgs& args) {
  return args.value("report").has_value() || args.value("animation").has_value();
}

#if BP_CLI_REPORTS
namespace {

// Fonts and painting need a QGuiApplication; without a display it runs offscreen.
void ensure_gui() {
  if (QGuiApplication::instance()) return;
  const bool display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
  if (!std::getenv("QT_QPA_PLATFORM") && !display) qputenv("QT_QPA_PLATFORM", "offscreen");
  static int argc = 1;
  static char name[] = "backprop";
  static char* argv[] = {name, nullptr};
  static std::unique_ptr<QGuiApplication> app = std::make_unique<QGuiApplication>(argc, argv);
}

void write_report_file(const std::string& path, const Project& project) {
  const auto format = ui::report_format_for(QString::fromStdString(path));
  if (!format)
    throw UsageError("--report: the file name must end in .html or .pdf, got '" + path + "'");
  ensure_gui();
  const ui::ReportData data = ui::collect_report(project);
  QString error;
  if (!ui::write_report(data, QString::fromStdString(path), *format, &error))
    throw Error(error.toStdString());
  std::printf("wrote %s\n", path.c_str());
}

void write_animation_file(const std::string& path, const Project& project, const ParsedArgs& args) {
  if (!QString::fromStdString(path).endsWith(QLatin1String(".gif"), Qt::CaseInsensitive))
    throw UsageError("--animation: the file name must end in .gif, got '" + path + "'");
  ensure_gui();
  ui::AnimationOptions options;
  if (auto f = args.int_value("frames", 2, 1000)) options.frames = static_cast<int>(*f);
  if (auto e = args.int_value("epochs", 1, 1000000)) options.epochs = static_cast<int>(*e);
  const ui::Animation a = ui::boundary_animation(project, options);
  atomic_write_file(path, std::string(a.gif.constData(), static_cast<size_t>(a.gif.size())));
  std::printf("wrote %s (%d frames, epochs 0 to %d)\n", path.c_str(), a.frames, a.epochs);
}

}  // namespace

int run_report_exports(const ParsedArgs& args, const Project& project) {
  const auto report = args.value("report");
  const auto animation = args.value("animation");
  if ((report && report->empty()) || (animation && animation->empty()))
    throw UsageError("export: --report and --animation need a file name");
  if (report) write_report_file(*report, project);
  if (animation) write_animation_file(*animation, project, args);
  return 0;
}
#else
int run_report_exports(const ParsedArgs&, const Project&) {
  throw Error(
      "this backprop was built without Qt (BP_BUILD_GUI=OFF): reports and animations need it; "
      "build with ./studio build");
}
#endif

}  // namespace bp::cli
