#pragma once
// AppSettings: what the studio remembers between runs (QSettings): window geometry (with the
// size of the screen it was saved on) and dock state, the last project, recent files, the theme
// and the training pace.
#include <QByteArray>
#include <QSettings>
#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

#include "ui/main_window/theme.h"
#include "ui/training/pace.h"

namespace bp::ui {

class AppSettings {
 public:
  AppSettings();

  QByteArray geometry() const;
  void setGeometry(const QByteArray& g);
  // The available size of the screen the geometry was saved on (invalid when unknown: saved by
  // an older studio).
  QSize geometryScreenSize() const;
  void setGeometryScreenSize(QSize size);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& s);
  QString lastProject() const;
  void setLastProject(const QString& path);
  Theme theme() const;
  void setTheme(Theme theme);
  // The toolbar's pace; empty when never chosen or not one of pace_presets() any more.
  std::optional<Pace> pace() const;
  void setPace(const Pace& pace);
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
