// Figure exports beyond their size (tests/ui/test_figures.cpp): the curves' CSV holds the run's
// history; every SVG figure is well-formed XML that Qt's SVG renderer reads; the clipboard gets
// the figure (1x and 2x) and the SVG; the boundary figure has its axis titles; the compare lab's
// tabs export through the same renderer without their controls.
#include <QClipboard>
#include <QMenu>
#include <QMimeData>
#include <QSet>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QToolButton>
#include <QXmlStreamReader>
#include <QtTest>
#include <memory>

#include "tests/ui/training_test_util.h"
#include "ui/compare/compare_window.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/studio_docks.h"
#include "ui/main_window/theme.h"
#include "ui/main_window/training_ui.h"
#include "ui/report/boundary_painter.h"
#include "ui/report/figure_canvas.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"
#include "ui/views/decision_boundary_view.h"
#include "ui/views/figure_button.h"
#include "ui/views/figure_export.h"
#include "ui/views/loss_chart.h"
#include "ui/views/snapshot_view.h"

using namespace bp;
using namespace bp::ui;

class TestFigureExport : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void curvesCsvMatchesHistoryAndSvgsParse();
  void boundaryFigureHasAxisTitles();
  void darkThemeAppliesToFigures();
  void compareLabTabsExportWithoutControls();
};

namespace {

void train_a_little(TrainingUi& training, int at_least) {
  int epochs = 0;
  QObject context;
  QObject::connect(training.controller(), &TrainingController::epochFinished, &context,
                   [&epochs](const EpochRecord&) { ++epochs; });
  training.controller()->setPace({PaceMode::StepsPerSecond, 10000});
  training.controller()->start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs >= at_least, 30000);
  training.controller()->pause();
  QTest::qWait(300);
}

// Well-formed XML with an <svg> root that Qt's renderer reads, of the given size.
QString svg_problem(const QByteArray& svg, QSize size) {
  QXmlStreamReader xml(svg);
  bool root = false;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement() && !root) {
      if (xml.name() != QLatin1String("svg")) return "root element " + xml.name().toString();
      root = true;
    }
  }
  if (xml.hasError()) return "XML error: " + xml.errorString();
  QSvgRenderer renderer(svg);
  if (!renderer.isValid()) return "QSvgRenderer cannot read it";
  if (renderer.viewBox().size() != size)
    return QString("view box %1x%2")
        .arg(renderer.viewBox().width())
        .arg(renderer.viewBox().height());
  return {};
}

}  // namespace

void TestFigureExport::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("BackpropStudioTest");
  QCoreApplication::setApplicationName("figure-export-test");
}

void TestFigureExport::curvesCsvMatchesHistoryAndSvgsParse() {
  MainWindow window;
  TrainingUi training(&window);
  window.resize(1280, 720);
  window.arrangeDefaultLayout();
  window.fileActions()->openProject(test::toy_project());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  train_a_little(training, 4);

  // File > Export offers the report, the animation and, per view, Copy beside PNG/SVG/CSV.
  QStringList entries;
  for (QAction* a : window.exportMenu()->actions()) entries << a->text();
  for (const char* entry :
       {"Experiment report (HTML or PDF)…", "Decision boundary animation (GIF)…", "Copy Curves",
        "Curves as SVG…", "Curves data as CSV…", "Copy Decision boundary"})
    QVERIFY2(entries.contains(QString::fromUtf8(entry)), entry);

  // CSV: one row per epoch of the run's history, the same numbers.
  const std::vector<EpochRecord>& history = training.controller()->history();
  QVERIFY(history.size() >= 4);
  const QStringList lines = training.lossChart()->csv().trimmed().split('\n');
  QCOMPARE(lines.front(),
           QString("epoch,train_loss,validation_loss,train_accuracy,validation_accuracy"));
  QCOMPARE(lines.size(), static_cast<qsizetype>(history.size()) + 1);
  for (size_t i = 0; i < history.size(); ++i) {
    const QStringList cells = lines[static_cast<qsizetype>(i) + 1].split(',');
    QCOMPARE(cells.size(), 5);
    const EpochRecord& r = history[i];
    QCOMPARE(cells[0].toInt(), r.epoch);
    QVERIFY2(qAbs(cells[1].toDouble() - r.train.loss) <= 1e-6 * qMax(1.0, qAbs(r.train.loss)),
             qPrintable(lines[static_cast<qsizetype>(i) + 1]));
    QVERIFY(qAbs(cells[3].toDouble() - r.train.accuracy) <= 1e-6);
    QVERIFY(qAbs(cells[2].toDouble() - r.validation.loss) <= 1e-6 * qMax(1.0, r.validation.loss));
  }

  // Every vector figure parses; the clipboard holds image and SVG.
  FigureOptions options;
  options.title = "figure";
  int svgs = 0;
  for (SnapshotView* v : training.views()) {
    if (!v->exportsSvg()) continue;
    const QString problem = svg_problem(render_figure_svg(v, options), options.size);
    QVERIFY2(problem.isEmpty(),
             qPrintable(QString(v->viewWidget()->metaObject()->className()) + ": " + problem));
    ++svgs;
  }
  QVERIFY(svgs >= 5);
  std::unique_ptr<QMimeData> mime(figure_mime_data(training.lossChart(), options));
  QVERIFY(mime->hasImage());
  QCOMPARE(qvariant_cast<QImage>(mime->imageData()).size(), QSize(1600, 1000));
  QVERIFY(svg_problem(mime->data("image/svg+xml"), options.size).isEmpty());
  options.scale = 2.0;
  mime.reset(figure_mime_data(training.lossChart(), options));
  QCOMPARE(qvariant_cast<QImage>(mime->imageData()).size(), QSize(3200, 2000));
  // The clipboard itself takes it (offscreen has one).
  QApplication::clipboard()->setMimeData(mime.release());
  QVERIFY(QApplication::clipboard()->mimeData()->hasImage());
}

void TestFigureExport::boundaryFigureHasAxisTitles() {
  const auto s = test::synthetic_snapshot(1.0f, 0.5f);
  const QImage heat = boundary_heatmap(s->grid, *s->points, false);
  QCOMPARE(heat.size(), QSize(100, 100));
  FigureStyle style = print_style();
  const QByteArray svg = paint_to_svg(
      QSize(600, 600), "boundary", style.background,
      [&](QPainter& p, const QRectF& r) { paint_boundary(p, r, heat, *s->points, true, style); });
  QVERIFY(svg_problem(svg, QSize(600, 600)).isEmpty());
  const QString text = QString::fromUtf8(svg);
  QVERIFY2(text.contains("x₁ (feature 1)") && text.contains("x₂ (feature 2)"),
           "the axis titles are missing");
  // The plot leaves room for them: it is square, inside the area, not touching its left edge.
  const QRectF plot = boundary_plot_rect(QRectF(0, 0, 600, 600), style.font);
  QCOMPARE(plot.width(), plot.height());
  QVERIFY(plot.left() > 30 && plot.bottom() < 600 - 20);
}

void TestFigureExport::darkThemeAppliesToFigures() {
  // The curves and the boundary, drawn in the dark theme: the figure's background and the
  // plot's surroundings are dark, in light they are light.
  auto mean_lightness = [](const QImage& img) {
    double sum = 0;
    int n = 0;
    for (int y = 60; y < img.height(); y += 17)
      for (int x = 0; x < img.width(); x += 17, ++n) sum += QColor(img.pixel(x, y)).lightnessF();
    return sum / n;
  };
  const auto snapshot = test::synthetic_snapshot(1.0f, 0.5f);
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    LossChart curves;
    DecisionBoundaryView boundary;
    curves.resize(800, 500);
    boundary.resize(800, 500);
    EpochRecord r;
    for (int e = 1; e <= 5; ++e) {
      r.epoch = e;
      r.train.loss = 1.0 / e;
      r.train.accuracy = 0.5 + 0.08 * e;
      curves.addEpoch(r);
    }
    boundary.setSnapshot(snapshot);
    FigureOptions options;
    options.title = "theme";
    const QImage c = render_figure(&curves, options);
    // The boundary's heatmap is light in either theme: look at the margin beside the plot.
    const QImage b = render_figure(&boundary, options).copy(0, 0, 250, 1000);
    const bool dark = theme == Theme::Dark;
    QVERIFY2(dark ? mean_lightness(c) < 0.35 : mean_lightness(c) > 0.65,
             qPrintable(QString("curves %1").arg(mean_lightness(c))));
    QVERIFY2(dark ? mean_lightness(b) < 0.35 : mean_lightness(b) > 0.65,
             qPrintable(QString("boundary %1").arg(mean_lightness(b))));
  }
}

void TestFigureExport::compareLabTabsExportWithoutControls() {
  CompareWindow lab([] { return test::toy_project(); });
  lab.resize(1200, 800);
  lab.show();
  QVERIFY(QTest::qWaitForWindowExposed(&lab));
  auto* button = qobject_cast<QToolButton*>(lab.tabs()->cornerWidget(Qt::TopRightCorner));
  QVERIFY(button && button->menu() && button->menu()->actions().size() == 4);
  for (int i = 0; i < lab.tabs()->count(); ++i) {
    lab.tabs()->setCurrentIndex(i);
    QWidget* tab = lab.tabs()->currentWidget();
    const QRect before = tab->geometry();
    const std::unique_ptr<SnapshotView> view(figure_view_of(tab));
    view->setFigureMode(true);
    QVERIFY2(visible_controls(tab).isEmpty(), qPrintable(lab.tabs()->tabText(i)));
    view->setFigureMode(false);
    FigureOptions options;
    options.title = lab.tabs()->tabText(i);
    QCOMPARE(render_figure(view.get(), options).size(), QSize(1600, 1000));
    options.scale = 2.0;
    const QImage twice = render_figure(view.get(), options);
    QCOMPARE(twice.size(), QSize(3200, 2000));
    QSet<QRgb> colours;
    for (int y = 0; y < twice.height(); y += 13)
      for (int x = 0; x < twice.width(); x += 13) colours.insert(twice.pixel(x, y));
    QVERIFY2(colours.size() > 2, qPrintable(lab.tabs()->tabText(i)));
    QCOMPARE(tab->geometry(), before);
  }
}

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
