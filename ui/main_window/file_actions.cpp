#include "ui/main_window/file_actions.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QWidget>

#include "engine/onnx/onnx_import.h"
#include "ui/document/commands/auto_layout.h"
#include "ui/document/project_document.h"
#include "ui/main_window/icons.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"

namespace bp::ui {
namespace {

QAction* make_action(QObject* parent, const QString& text, const QString& tip,
                     QKeySequence::StandardKey key, const char* icon_name) {
  auto* a = new QAction(studio_icon(icon_name), text, parent);
  a->setShortcut(key);
  a->setToolTip(QString("%1 (%2)").arg(tip, QKeySequence(key).toString(QKeySequence::NativeText)));
  a->setStatusTip(tip);
  return a;
}

}  // namespace

FileActions::FileActions(ProjectDocument* doc, QWidget* window, AppSettings* settings,
                         QObject* parent)
    : QObject(parent), doc_(doc), window_(window), settings_(settings) {
  new_ = make_action(this, tr("&New"), tr("Start a new project from the spiral starter"),
                     QKeySequence::New, "new");
  open_ = make_action(this, tr("&Open…"), tr("Open a project file (.json)"), QKeySequence::Open,
                      "open");
  save_ = make_action(this, tr("&Save"), tr("Save the project"), QKeySequence::Save, "save");
  save_as_ = make_action(this, tr("Save &As…"), tr("Save the project under a new name"),
                         QKeySequence::SaveAs, "save");
  import_onnx_ = new QAction(studio_icon("open"), tr("&Import ONNX…"), this);
  import_onnx_->setStatusTip(
      tr("Open an ONNX model (e.g. from PyTorch's torch.onnx.export) as a new project"));
  import_onnx_->setToolTip(import_onnx_->statusTip());
  recent_ = new QMenu(tr("Open &Recent"), window);
  recent_->setToolTipsVisible(true);
  connect(new_, &QAction::triggered, this, &FileActions::newProject);
  connect(open_, &QAction::triggered, this, &FileActions::open);
  connect(import_onnx_, &QAction::triggered, this, &FileActions::importOnnx);
  connect(save_, &QAction::triggered, this, &FileActions::save);
  connect(save_as_, &QAction::triggered, this, &FileActions::saveAs);
  connect(doc, &ProjectDocument::modifiedChanged, this, &FileActions::updateTitle);
  connect(doc, &ProjectDocument::filePathChanged, this, &FileActions::updateTitle);
  connect(doc, &ProjectDocument::projectInfoChanged, this, &FileActions::updateTitle);
  rebuildRecentMenu();
  updateTitle();
}

QString FileActions::displayName() const {
  if (!doc_->filePath().isEmpty()) return QFileInfo(doc_->filePath()).fileName();
  if (!doc_->project().name.empty()) return QString::fromStdString(doc_->project().name);
  return tr("Untitled");
}

void FileActions::updateTitle() {
  if (!window_) return;
  window_->setWindowTitle(QString("%1[*] — Backprop Studio").arg(displayName()));
  window_->setWindowModified(doc_->isModified());
}

bool FileActions::openPath(const QString& path, QString* error) {
  try {
    Project p = read_project(QFileInfo(path).absoluteFilePath().toStdString());
    doc_->reset(p, QFileInfo(path).absoluteFilePath());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  rememberRecent(doc_->filePath());
  emit projectLoaded();
  return true;
}

bool FileActions::saveTo(const QString& path, QString* error) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  try {
    write_project(doc_->project(), abs.toStdString());  // atomic: temp file + rename
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  doc_->markSaved(abs);
  rememberRecent(abs);
  emit saved(abs);
  return true;
}

void FileActions::openProject(const Project& project, const QString& path) {
  doc_->reset(project, path);
  if (!path.isEmpty()) rememberRecent(path);
  emit projectLoaded();
}

bool FileActions::save() {
  if (doc_->filePath().isEmpty() || doc_->filePath().startsWith(":")) return saveAs();
  QString error;
  if (saveTo(doc_->filePath(), &error)) return true;
  QMessageBox::warning(window_, tr("Save failed"), error);
  return false;
}

bool FileActions::saveAs() {
  QString suggested = doc_->filePath();
  if (suggested.isEmpty() || suggested.startsWith(":"))
    suggested = displayName().replace(' ', '-').toLower() + ".json";
  QString path = QFileDialog::getSaveFileName(window_, tr("Save Project As"), suggested,
                                              tr("Backprop Studio projects (*.json)"));
  if (path.isEmpty()) return false;
  if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
  QString error;
  if (saveTo(path, &error)) return true;
  QMessageBox::warning(window_, tr("Save failed"), error);
  return false;
}

bool FileActions::maybeSave() {
  if (!doc_->isModified()) return true;
  const auto answer = QMessageBox::question(
      window_, tr("Save changes?"),
      tr("\"%1\" has unsaved changes. Save them before closing it?").arg(displayName()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

void FileActions::newProject() {
  if (!maybeSave()) return;
  openProject(starter_project());
}

void FileActions::open() {
  if (!maybeSave()) return;
  const QString dir = doc_->filePath().isEmpty() ? QString() : QFileInfo(doc_->filePath()).path();
  const QString path = QFileDialog::getOpenFileName(window_, tr("Open Project"), dir,
                                                    tr("Backprop Studio projects (*.json)"));
  if (path.isEmpty()) return;
  QString error;
  if (!openPath(path, &error)) QMessageBox::warning(window_, tr("Cannot open project"), error);
}

bool FileActions::importOnnxPath(const QString& path, QString* error, QStringList* notes) {
  OnnxImport imported;
  try {
    imported = import_onnx_file(QFileInfo(path).absoluteFilePath().toStdString());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  NetworkSpec& net = imported.project.network;
  for (const auto& [id, p] : AutoLayout::compute(net)) {
    NodeSpec* n = net.find(id);
    n->x = p.x();
    n->y = p.y();
  }
  if (notes)
    for (const auto& note : imported.notes) notes->append(QString::fromStdString(note));
  openProject(imported.project);  // untitled: Save asks where
  return true;
}

void FileActions::importOnnx() {
  if (!maybeSave()) return;
  const QString path = QFileDialog::getOpenFileName(window_, tr("Import ONNX Model"), QString(),
                                                    tr("ONNX models (*.onnx)"));
  if (path.isEmpty()) return;
  QString error;
  QStringList notes;
  if (!importOnnxPath(path, &error, &notes)) {
    QMessageBox::warning(window_, tr("Cannot import the model"), error);
    return;
  }
  if (!notes.isEmpty())
    QMessageBox::information(
        window_, tr("Model imported"),
        tr("%1 was imported.\n\n%2").arg(QFileInfo(path).fileName(), notes.join("\n\n")));
}

void FileActions::openWithPrompt(const QString& path) {
  if (!maybeSave()) return;
  QString error;
  if (!openPath(path, &error)) {
    QMessageBox::warning(window_, tr("Cannot open project"), error);
    settings_->removeRecentFile(path);
    rebuildRecentMenu();
  }
}

void FileActions::rememberRecent(const QString& path) {
  settings_->addRecentFile(path);
  settings_->setLastProject(path);
  rebuildRecentMenu();
}

void FileActions::rebuildRecentMenu() {
  recent_->clear();
  const QStringList files = settings_->recentFiles();
  for (int i = 0; i < files.size(); ++i) {
    const QString& path = files[i];
    QAction* a = recent_->addAction(QString("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] { openWithPrompt(path); });
  }
  recent_->setEnabled(!files.isEmpty());
}

}  // namespace bp::ui
