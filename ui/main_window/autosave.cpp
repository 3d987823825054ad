#include "ui/main_window/autosave.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

#include "ui/document/project_document.h"

namespace bp::ui {

Autosave::Autosave(ProjectDocument* doc, QObject* parent) : QObject(parent), doc_(doc) {
  timer_.setInterval(60 * 1000);
  connect(&timer_, &QTimer::timeout, this, [this] { writeNow(); });
  timer_.start();
  connect(doc, &ProjectDocument::modifiedChanged, this, [this](bool modified) {
    if (!modified) discard();  // saved (or undone back to the saved state)
  });
  connect(doc, &ProjectDocument::filePathChanged, this, [this](const QString&) {
    if (!written_.isEmpty() && written_ != recoveryPath()) {
      QFile::remove(written_);
      written_.clear();
    }
  });
}

QString Autosave::recoveryPathFor(const QString& project_path) const {
  const QString dir =
      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recovery";
  const QString key = project_path.isEmpty()
                          ? QStringLiteral("untitled")
                          : QString::fromLatin1(QCryptographicHash::hash(project_path.toUtf8(),
                                                                         QCryptographicHash::Sha1)
                                                    .toHex()
                                                    .left(16));
  return dir + "/" + key + ".json";
}

QString Autosave::recoveryPath() const {
  return recoveryPathFor(doc_->filePath());
}

bool Autosave::writeNow() {
  Project project = doc_->project();
  const bool training = live_ && live_(project);
  if (!doc_->isModified() && !training) return false;
  const QString path = recoveryPath();
  QDir().mkpath(QFileInfo(path).path());
  try {
    write_project(project, path.toStdString());
  } catch (const std::exception&) {
    return false;  // best effort: never interrupt the user for a failed autosave
  }
  written_ = path;
  last_write_ = QDateTime::currentDateTimeUtc();
  return true;
}

void Autosave::epochEnded() {
  if (last_write_.isValid() &&
      last_write_.msecsTo(QDateTime::currentDateTimeUtc()) < min_epoch_interval_ms_)
    return;
  writeNow();
}

void Autosave::discard() {
  QFile::remove(recoveryPath());
  if (!written_.isEmpty()) QFile::remove(written_);
  written_.clear();
}

bool Autosave::hasRecovery() const {
  const QFileInfo copy(recoveryPath());
  if (!copy.exists()) return false;
  const QString project = doc_->filePath();
  if (project.isEmpty() || project.startsWith(":")) return true;
  const QFileInfo original(project);
  return !original.exists() || copy.lastModified() > original.lastModified();
}

bool Autosave::restore() {
  if (!hasRecovery()) return false;
  try {
    Project p = read_project(recoveryPath().toStdString());
    const QString path = doc_->filePath();
    doc_->reset(p, path);
    doc_->undoStack()->resetClean();  // the restored state is not what is on disk
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

bool Autosave::offerRestore(QWidget* parent) {
  if (!hasRecovery()) return false;
  QString trained;
  try {
    const Project copy = read_project(recoveryPath().toStdString());
    if (copy.training_state)
      trained = tr(" It holds the trained weights at epoch %1, step %2.")
                    .arg(copy.training_state->epoch)
                    .arg(copy.training_state->step);
  } catch (const std::exception&) {
    trained = tr(" The copy cannot be read.");
  }
  const auto answer = QMessageBox::question(
      parent, tr("Restore unsaved changes?"),
      tr("Backprop Studio found unsaved changes from a previous session (saved %1).%2 Restore "
         "them?")
          .arg(QLocale().toString(QFileInfo(recoveryPath()).lastModified(), QLocale::ShortFormat),
               trained),
      QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
  if (answer == QMessageBox::Yes && restore()) return true;
  discard();
  return false;
}

}  // namespace bp::ui
