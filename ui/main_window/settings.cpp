#include "ui/main_window/settings.h"

namespace bp::ui {

AppSettings::AppSettings() = default;

QByteArray AppSettings::geometry() const {
  return settings_.value("window/geometry").toByteArray();
}
void AppSettings::setGeometry(const QByteArray& g) {
  settings_.setValue("window/geometry", g);
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
