#include "ui/views/figure_button.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QTabWidget>
#include <QToolButton>
#include <memory>

#include "ui/views/figure_export.h"
#include "ui/views/snapshot_view.h"

namespace bp::ui {
namespace {

class WidgetFigure final : public SnapshotView {
 public:
  explicit WidgetFigure(QWidget* widget) : widget_(widget) {}
  QWidget* viewWidget() override { return widget_; }
  void setSnapshot(const SnapshotPtr&) override {}
  bool exportsSvg() const override { return true; }

 private:
  QWidget* widget_;
};

QString file_stem(const QString& title) {
  QString stem = title.toLower();
  stem.replace(QLatin1String(" · "), QLatin1String("-"))
      .replace(QLatin1Char(' '), QLatin1Char('-'));
  return stem;
}

}  // namespace

SnapshotView* figure_view_of(QWidget* widget) {
  return new WidgetFigure(widget);
}

QToolButton* make_tab_figure_button(QTabWidget* tabs, const QString& title_prefix) {
  auto* button = new QToolButton(tabs);
  button->setText(QObject::tr("Figure"));
  button->setToolTip(
      QObject::tr("Save the shown tab as a figure (PNG at 1600x1000, or 2x; SVG) or copy it"));
  button->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(button);
  auto current = [tabs, title_prefix] {
    const QString tab = tabs->tabText(tabs->currentIndex()).remove(QLatin1Char('&'));
    return std::make_pair(tabs->currentWidget(), title_prefix + QStringLiteral(" · ") + tab);
  };
  auto save = [tabs, current](ImageFormat format, double scale) {
    const auto [widget, title] = current();
    if (!widget) return;
    const QString suffix =
        format == ImageFormat::Png ? QStringLiteral(".png") : QStringLiteral(".svg");
    const QString path = QFileDialog::getSaveFileName(
        tabs->window(), QObject::tr("Save figure"),
        QDir::home().filePath(file_stem(title) + suffix),
        format == ImageFormat::Png ? QObject::tr("PNG image (*.png)")
                                   : QObject::tr("SVG drawing (*.svg)"));
    if (path.isEmpty()) return;
    const std::unique_ptr<SnapshotView> view(figure_view_of(widget));
    FigureOptions options;
    options.scale = scale;
    options.title = title;
    QString error;
    if (!export_figure(view.get(), path, format, options, &error))
      QMessageBox::warning(tabs->window(), QObject::tr("Export failed"), error);
  };
  QObject::connect(menu->addAction(QObject::tr("PNG (1600x1000)…")), &QAction::triggered, button,
                   [save] { save(ImageFormat::Png, 1.0); });
  QObject::connect(menu->addAction(QObject::tr("PNG at 2x (3200x2000)…")), &QAction::triggered,
                   button, [save] { save(ImageFormat::Png, 2.0); });
  QObject::connect(menu->addAction(QObject::tr("SVG…")), &QAction::triggered, button,
                   [save] { save(ImageFormat::Svg, 1.0); });
  QObject::connect(menu->addAction(QObject::tr("Copy")), &QAction::triggered, button, [current] {
    const auto [widget, title] = current();
    if (!widget) return;
    const std::unique_ptr<SnapshotView> view(figure_view_of(widget));
    FigureOptions options;
    options.title = title;
    QApplication::clipboard()->setMimeData(figure_mime_data(view.get(), options));
  });
  button->setMenu(menu);
  return button;
}

}  // namespace bp::ui
