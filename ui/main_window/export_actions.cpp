#include "ui/main_window/export_actions.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QSpinBox>
#include <utility>

#include "engine/io/atomic_write.h"
#include "engine/io/pytorch_export.h"
#include "engine/onnx/onnx_export.h"
#include "ui/report/boundary_animation.h"
#include "ui/report/report_data.h"
#include "ui/report/report_writer.h"
#include "ui/views/figure_export.h"
#include "ui/views/snapshot_view.h"
#include "ui/views/view_export.h"

namespace bp::ui {
namespace {

QString& last_folder() {
  static QString folder = QDir::homePath();
  return folder;
}

// Asks for a file name; empty when cancelled.
QString ask(QWidget* view, const QString& caption, const QString& name, const QString& filter,
            const QString& folder = QString()) {
  const QString start = folder.isEmpty() ? last_folder() : folder;
  QString path =
      QFileDialog::getSaveFileName(view->window(), caption, QDir(start).filePath(name), filter);
  if (!path.isEmpty()) last_folder() = QFileInfo(path).absolutePath();
  return path;
}

void report_result(QWidget* view, bool ok, const QString& error) {
  if (!ok) QMessageBox::warning(view->window(), QObject::tr("Export failed"), error);
}

// A view in a hidden dock tab has never been laid out: bring its dock to the front first.
void show_view(QWidget* view) {
  for (QWidget* w = view; w; w = w->parentWidget())
    if (auto* dock = qobject_cast<QDockWidget*>(w)) {
      dock->raise();
      break;
    }
}

// One menu entry: asks for a file name, then `write(path, &error)`.
void add_entry(QMenu* menu, QWidget* view, const QString& text, const QString& tip,
               const QString& file, const QString& filter, bool raise_first,
               const std::function<bool(const QString&, QString*)>& write,
               const std::function<QString()>& folder = {}) {
  QAction* a = menu->addAction(text);
  a->setToolTip(tip);
  QObject::connect(a, &QAction::triggered, view, [=] {
    if (raise_first) show_view(view);
    const QString path = ask(view, text, file, filter, folder ? folder() : QString());
    QString error;
    if (!path.isEmpty()) report_result(view, write(path, &error), error);
  });
}

bool export_binary(const QString& path, const QByteArray& bytes, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

void add_pytorch_export_action(QMenu* menu, QWidget* parent, std::function<Project()> project) {
  add_entry(
      menu, parent, QObject::tr("Network as PyTorch code…"),
      QObject::tr("Save the network as a Python script for PyTorch; it loads the weights of a "
                  "saved project: python3 FILE.py PROJECT.json"),
      "network.py", QObject::tr("Python script (*.py)"), false,
      [project](const QString& path, QString* error) {
        try {
          return export_text(path, QString::fromStdString(export_pytorch(project())), error);
        } catch (const std::exception& e) {
          if (error) *error = QString::fromStdString(e.what());
          return false;
        }
      });
  add_entry(
      menu, parent, QObject::tr("Network as ONNX model…"),
      QObject::tr("Save the trained network as an ONNX model (opset 13) for ONNX Runtime, OpenCV "
                  "and other runtimes; it takes raw inputs (pixels in [0, 1]): the data's "
                  "normalization is part of the model"),
      "network.onnx", QObject::tr("ONNX model (*.onnx)"), false,
      [project = std::move(project)](const QString& path, QString* error) {
        try {
          atomic_write_file(path.toStdString(), export_onnx(project()));
          return true;
        } catch (const std::exception& e) {
          if (error) *error = QString::fromStdString(e.what());
          return false;
        }
      });
  menu->addSeparator();
}

void add_report_actions(QMenu* menu, QWidget* parent, const std::function<ReportSource()>& source,
                        const std::function<QString()>& folder) {
  auto stem = [source] {
    const std::string name = source().project.name;
    return QString::fromStdString(name.empty() ? std::string("experiment") : name)
        .replace(QLatin1Char(' '), QLatin1Char('-'))
        .toLower();
  };
  QAction* report = menu->addAction(QObject::tr("Experiment report (HTML or PDF)…"));
  report->setToolTip(
      QObject::tr("One file for a lab hand-in: the network, hyperparameters, dataset, curves, "
                  "final metrics, confusion matrix and the seeds (HTML with the images inside, "
                  "or PDF)"));
  QObject::connect(report, &QAction::triggered, parent, [=] {
    QString path =
        ask(parent, QObject::tr("Export report"), stem() + "-report.html",
            QObject::tr("HTML report (*.html);;PDF report (*.pdf)"), folder ? folder() : QString());
    if (path.isEmpty()) return;
    if (!report_format_for(path)) path += QStringLiteral(".html");
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    bool ok = false;
    try {
      const ReportSource s = source();
      // Nothing trained in this session: the history the project stored.
      const auto history =
          s.history.empty() ? std::nullopt : std::optional<std::vector<EpochRecord>>(s.history);
      ok = write_report(collect_report(s.project, history), path, *report_format_for(path), &error);
    } catch (const std::exception& e) {
      error = QObject::tr("Could not make the report: %1").arg(QString::fromStdString(e.what()));
    }
    QApplication::restoreOverrideCursor();
    report_result(parent, ok, error);
  });
  QAction* animation = menu->addAction(QObject::tr("Decision boundary animation (GIF)…"));
  animation->setToolTip(
      QObject::tr("Trains the project again from its seed, as far as this session's run went, "
                  "and saves the decision boundary at 60 moments as an animated GIF, for slides "
                  "(2-D data)"));
  QObject::connect(animation, &QAction::triggered, parent, [=] {
    const QString path = ask(parent, QObject::tr("Export animation"), stem() + "-boundary.gif",
                             QObject::tr("Animated GIF (*.gif)"), folder ? folder() : QString());
    if (path.isEmpty()) return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    bool ok = false;
    try {
      // As far as the run went in this session, else the project's epochs.
      const ReportSource s = source();
      AnimationOptions options;
      if (!s.history.empty()) options.epochs = s.history.back().epoch;
      const Animation a = boundary_animation(s.project, options);
      ok = export_binary(path, a.gif, &error);
    } catch (const std::exception& e) {
      error = QObject::tr("Could not make the animation: %1").arg(QString::fromStdString(e.what()));
    }
    QApplication::restoreOverrideCursor();
    report_result(parent, ok, error);
  });
  menu->addSeparator();
}

FigureOptions& figure_defaults() {
  static FigureOptions options;
  return options;
}

void add_figure_size_action(QMenu* menu, QWidget* parent) {
  QAction* a = menu->addAction(QObject::tr("Figure size…"));
  a->setToolTip(
      QObject::tr("Width and height of exported figures, and a 2x (high-density) "
                  "option for PNGs"));
  QObject::connect(a, &QAction::triggered, parent, [parent] {
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Figure size"));
    auto* form = new QFormLayout(&dialog);
    auto* width = new QSpinBox(&dialog);
    auto* height = new QSpinBox(&dialog);
    width->setRange(200, 8000);
    height->setRange(200, 8000);
    width->setSuffix(QObject::tr(" px"));
    height->setSuffix(QObject::tr(" px"));
    width->setValue(figure_defaults().size.width());
    height->setValue(figure_defaults().size.height());
    auto* twice = new QCheckBox(QObject::tr("PNG at 2x (twice the pixels, same layout)"), &dialog);
    twice->setChecked(figure_defaults().scale > 1.0);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(QObject::tr("Width:"), width);
    form->addRow(QObject::tr("Height:"), height);
    form->addRow(twice);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return;
    figure_defaults().size = QSize(width->value(), height->value());
    figure_defaults().scale = twice->isChecked() ? 2.0 : 1.0;
  });
  menu->addSeparator();
}

void add_export_actions(QMenu* menu, const QString& title, const QString& file_stem,
                        SnapshotView* view, const FigureContext& context) {
  const QString what = title.toLower();
  QWidget* w = view->viewWidget();
  auto figure = [view, title, context](ImageFormat f) {
    return [view, f, title, context](const QString& path, QString* error) {
      FigureOptions options = figure_defaults();
      const QString sub = context.subtitle ? context.subtitle() : QString();
      options.title = sub.isEmpty() ? title : title + QStringLiteral(" · ") + sub;
      return export_figure(view, path, f, options, error);
    };
  };
  add_entry(menu, w, QObject::tr("%1 as PNG…").arg(title),
            QObject::tr("Save the %1 view as a figure (PNG, the chosen figure size)").arg(what),
            file_stem + ".png", QObject::tr("PNG image (*.png)"), false, figure(ImageFormat::Png),
            context.folder);
  if (view->exportsSvg())
    add_entry(menu, w, QObject::tr("%1 as SVG…").arg(title),
              QObject::tr("Save the %1 view as a vector figure").arg(what), file_stem + ".svg",
              QObject::tr("SVG drawing (*.svg)"), false, figure(ImageFormat::Svg), context.folder);
  QAction* copy = menu->addAction(QObject::tr("Copy %1").arg(title));
  copy->setToolTip(
      QObject::tr("Put the %1 figure on the clipboard (the chosen figure size)").arg(what));
  QObject::connect(copy, &QAction::triggered, w, [view, title, context] {
    FigureOptions options = figure_defaults();
    const QString sub = context.subtitle ? context.subtitle() : QString();
    options.title = sub.isEmpty() ? title : title + QStringLiteral(" · ") + sub;
    QApplication::clipboard()->setMimeData(figure_mime_data(view, options));
  });
  if (view->exportsCsv())
    add_entry(
        menu, w, QObject::tr("%1 data as CSV…").arg(title),
        QObject::tr("Save the numbers behind the %1 view").arg(what), file_stem + ".csv",
        QObject::tr("CSV table (*.csv)"), false,
        [view](const QString& path, QString* error) {
          return export_text(path, view->csv(), error);
        },
        context.folder);
  menu->addSeparator();
}

}  // namespace bp::ui
