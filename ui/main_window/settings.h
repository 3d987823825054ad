#pragma once
// AppSettings: what the studio remembers between runs (QSettings): window geometry and dock
// state, the last project, recent files and the theme.
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include "ui/main_window/theme.h"

namespace bp::ui {

class AppSettings {
 public:
  AppSettings();

  QByteArray geometry() const;
  void setGeometry(const QByteArray& g);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& s);
  QString lastProject() const;
  void setLastProject(const QString& path);
  Theme theme() const;
  void setTheme(Theme theme);
  // Whether the first-launch hint on the canvas was already shown and dismissed.
  bool firstLaunchHintDone() const;
  void setFirstLaunchHintDone();
  QStringList recentFiles() const;
  // Moves `path` to the front (at most kMaxRecent entries).
  void addRecentFile(const QString& path);
  void removeRecentFile(const QString& path);

  static constexpr int kMaxRecent = 8;

 private:
  mutable QSettings settings_;
};

}  // namespace bp::ui
