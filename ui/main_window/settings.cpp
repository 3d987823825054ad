#include "ui/main_window/settings.h"

namespace bp::ui {

AppSettings::AppSettings() = default;

QByteArray AppSettings::geometry() const {
  return settings_.value("window/geometry").toByteArray();
}
void AppSettings::setGeometry(const QByteArray& g) {
  settings_.setValue("window/geometry", g);
}
QSize AppSettings::geometryScreenSize() const {
  return settings_.value("window/screen_size").toSize();
}
void AppSettings::setGeometryScreenSize(QSize size) {
  settings_.setValue("window/screen_size", size);
}
QByteArray AppSettings::windowState() const {
  return settings_.value("window/state").toByteArray();
}
void AppSettings::setWindowState(const QByteArray& s) {
  settings_.setValue("window/state", s);
}
QString AppSettings::lastProject() const {
  return settings_.value("project/last").toString();
}
void AppSettings::setLastProject(const QString& path) {
  settings_.setValue("project/last", path);
}

Theme AppSettings::theme() const {
  return settings_.value("view/theme").toString() == "dark" ? Theme::Dark : Theme::Light;
}
void AppSettings::setTheme(Theme theme) {
  settings_.setValue("view/theme", theme == Theme::Dark ? "dark" : "light");
}

std::optional<Pace> AppSettings::pace() const {
  const QString mode = settings_.value("training/pace_mode").toString();
  Pace p;
  if (mode == "frame")
    p = {PaceMode::OneStepPerFrame, 0};
  else if (mode == "unlimited")
    p = {PaceMode::Unlimited, 0};
  else if (mode == "steps_per_second")
    p = {PaceMode::StepsPerSecond, settings_.value("training/pace_steps_per_second").toInt()};
  else
    return std::nullopt;
  for (const Pace& preset : pace_presets())
    if (preset == p) return p;
  return std::nullopt;
}
void AppSettings::setPace(const Pace& pace) {
  switch (pace.mode) {
    case PaceMode::OneStepPerFrame:
      settings_.setValue("training/pace_mode", "frame");
      break;
    case PaceMode::Unlimited:
      settings_.setValue("training/pace_mode", "unlimited");
      break;
    case PaceMode::StepsPerSecond:
      settings_.setValue("training/pace_mode", "steps_per_second");
      break;
  }
  settings_.setValue("training/pace_steps_per_second", pace.steps_per_second);
}

bool AppSettings::firstLaunchHintDone() const {
  return settings_.value("hints/first_launch_done").toBool();
}
void AppSettings::setFirstLaunchHintDone() {
  settings_.setValue("hints/first_launch_done", true);
}

QStringList AppSettings::recentFiles() const {
  return settings_.value("project/recent").toStringList();
}

void AppSettings::addRecentFile(const QString& path) {
  QStringList files = recentFiles();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMaxRecent) files.removeLast();
  settings_.setValue("project/recent", files);
}

void AppSettings::removeRecentFile(const QString& path) {
  QStringList files = recentFiles();
  files.removeAll(path);
  settings_.setValue("project/recent", files);
}

}  // namespace bp::ui
