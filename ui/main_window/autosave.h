#pragma once
// Autosave: while the project is modified or a run is training, writes a recovery copy every
// minute, and at the end of an epoch when the last copy is older than a few seconds, under
// QStandardPaths::AppDataLocation/recovery. While training, the copy holds the running trainer's
// latest checkpoint (weights + training state, from a snapshot: training never pauses for it),
// so a crash or a kill -9 loses at most that much. On start, a recovery file newer than the
// project is offered for restoring, saying from when and from which epoch. The copy is removed
// after a clean save or close.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>

#include "engine/io/project.h"

class QWidget;

namespace bp::ui {

class ProjectDocument;

class Autosave : public QObject {
  Q_OBJECT
 public:
  explicit Autosave(ProjectDocument* doc, QObject* parent = nullptr);
  void setInterval(int ms) { timer_.setInterval(ms); }
  // The shortest time between two copies written at epoch ends.
  void setMinimumEpochInterval(int ms) { min_epoch_interval_ms_ = ms; }
  // Fills the running trainer's latest checkpoint into a copy of the project; returns false
  // when nothing is training. Set by the composition root (app/gui).
  void setLiveCheckpoint(std::function<bool(Project&)> fill) { live_ = std::move(fill); }
  // An epoch ended: writes a copy if the last one is old enough.
  void epochEnded();

  // Where the recovery copy of the current project goes (one per project path).
  QString recoveryPath() const;
  // Writes the copy now if the project is modified; true when written.
  bool writeNow();
  // Removes the copy (after a clean save or close).
  void discard();
  // Whether a copy newer than the project file exists.
  bool hasRecovery() const;
  // Asks the user; when accepted, loads the copy (the document stays marked modified).
  bool offerRestore(QWidget* parent);
  // Loads the copy without asking; false when there is none or it cannot be read.
  bool restore();

 private:
  QString recoveryPathFor(const QString& project_path) const;
  ProjectDocument* doc_;
  QTimer timer_;
  std::function<bool(Project&)> live_;
  int min_epoch_interval_ms_ = 5000;
  QDateTime last_write_;
  QString written_;  // the last copy written (removed when the project path changes)
};

}  // namespace bp::ui
