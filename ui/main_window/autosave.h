#pragma once
// Autosave: while the project is modified, writes a recovery copy every minute under
// QStandardPaths::AppDataLocation/recovery. On start, a recovery file newer than the project is
// offered for restoring. The copy is removed after a clean save or close.
#include <QObject>
#include <QString>
#include <QTimer>

class QWidget;

namespace bp::ui {

class ProjectDocument;

class Autosave : public QObject {
  Q_OBJECT
 public:
  explicit Autosave(ProjectDocument* doc, QObject* parent = nullptr);
  void setInterval(int ms) { timer_.setInterval(ms); }

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
  QString written_;  // the last copy written (removed when the project path changes)
};

}  // namespace bp::ui
