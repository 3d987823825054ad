#pragma once
// FileActions: New / Open / Import ONNX / Save / Save As, the recent-files menu, the window title
// ("name[*] — Backprop Studio") and the "Save changes?" prompt. The dialog-free parts
// (openPath, saveTo) are what tests and drag-and-drop use.
#include <QObject>
#include <QString>
#include <QStringList>

#include "engine/io/project.h"

class QAction;
class QMenu;
class QWidget;

namespace bp::ui {

class ProjectDocument;
class AppSettings;

class FileActions : public QObject {
  Q_OBJECT
 public:
  FileActions(ProjectDocument* doc, QWidget* window, AppSettings* settings,
              QObject* parent = nullptr);

  QAction* newAction() const { return new_; }
  QAction* openAction() const { return open_; }
  QAction* saveAction() const { return save_; }
  QAction* saveAsAction() const { return save_as_; }
  QAction* importOnnxAction() const { return import_onnx_; }
  QMenu* recentMenu() const { return recent_; }

  // No dialogs: false + *error on failure ("<path>: <what is wrong>").
  bool openPath(const QString& path, QString* error = nullptr);
  bool saveTo(const QString& path, QString* error = nullptr);
  // An ONNX model (engine/onnx/onnx_import.h) as a new untitled project, laid out like the
  // editor's Auto-layout. `notes` receives what the user should know about the result.
  bool importOnnxPath(const QString& path, QString* error = nullptr, QStringList* notes = nullptr);
  // Replaces the document by `project` (examples; path "" = untitled).
  void openProject(const Project& project, const QString& path = QString());

  // With dialogs.
  bool save();
  bool saveAs();
  void newProject();
  void open();
  void importOnnx();
  // Asks "Save changes?" first, then opens; errors in a message box (drops, recent files).
  void openWithPrompt(const QString& path);
  // true when the caller may discard the document (saved, discarded, or unmodified).
  bool maybeSave();
  QString displayName() const;

 signals:
  // A different project is now in the document (fit the view, ...).
  void projectLoaded();
  void saved(const QString& path);

 private:
  void updateTitle();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();

  ProjectDocument* doc_;
  QWidget* window_;
  AppSettings* settings_;
  QAction* new_;
  QAction* open_;
  QAction* save_;
  QAction* save_as_;
  QAction* import_onnx_;
  QMenu* recent_;
};

}  // namespace bp::ui
