// Renders the compare lab on the spiral example (SGD, SGD + momentum, Nesterov, Adagrad, RMSprop
// and Adam from the same start) into $BP_SCREENSHOT_DIR (or this test's build directory):
// compare-curves.png, compare-boundaries.png, compare-summary.png, compare-lr-sweep.png,
// compare-landscape.png and compare-rosenbrock.png. Not pixel-compared; asserts that every
// image exists and is not blank.
#include <QDir>
#include <QImage>
#include <QSet>
#include <QTabWidget>
#include <QtTest>

#include "engine/io/project.h"
#include "ui/compare/compare_window.h"
#include "ui/compare/landscape_view.h"
#include "ui/compare/trajectory_view.h"

using namespace bp;
using namespace bp::ui;
using State = CompareController::State;

namespace {

QString output_dir() {
  const QString env = qEnvironmentVariable("BP_SCREENSHOT_DIR");
  return env.isEmpty() ? QCoreApplication::applicationDirPath() : env;
}

int distinct_colors(const QImage& image) {
  QSet<QRgb> colors;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colors.insert(image.pixel(x, y));
  return static_cast<int>(colors.size());
}

void save(QWidget* w, const QString& name) {
  QTest::qWait(50);
  const QImage image = w->grab().toImage();
  const QString path = QDir(output_dir()).filePath(name);
  QVERIFY2(image.save(path), qPrintable(path));
  QVERIFY2(distinct_colors(image) > 20, qPrintable(name));
}

}  // namespace

class TestCompareScreenshots : public QObject {
  Q_OBJECT
 private slots:
  void compare_lab_on_the_spiral() {
    const Project spiral =
        read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    CompareWindow window([spiral] { return spiral; });
    window.resize(1300, 860);
    window.show();
    window.setVariable(CompareVariable::Optimizer);
    window.setEpochs(150);
    QVERIFY(window.start());
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), State::Finished, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->latest()->finished, 5000);
    window.tabs()->setCurrentIndex(0);
    save(&window, "compare-curves.png");
    window.tabs()->setCurrentIndex(1);
    save(&window, "compare-boundaries.png");
    window.tabs()->setCurrentIndex(2);
    save(&window, "compare-summary.png");
    window.tabs()->setCurrentIndex(4);
    window.landscape()->compute();
    QTRY_VERIFY_WITH_TIMEOUT(window.landscape()->result() != nullptr, 60000);
    save(&window, "compare-landscape.png");
  }

  void lr_sweep_on_the_spiral() {
    const Project spiral =
        read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    CompareWindow window([spiral] { return spiral; });
    window.resize(1300, 860);
    window.show();
    window.setVariable(CompareVariable::LearningRate);
    window.setValues("sweep");
    window.setEpochs(60);
    QVERIFY(window.start());
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), State::Finished, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->latest()->finished, 5000);
    window.tabs()->setCurrentIndex(3);
    save(&window, "compare-lr-sweep.png");
  }

  void rosenbrock_trajectories() {
    CompareWindow window([] { return Project{}; });
    window.resize(1300, 860);
    window.show();
    window.tabs()->setCurrentIndex(5);
    TrajectoryView* view = window.trajectories();
    view->setFunction(TestFunction::Rosenbrock);
    view->recompute();
    view->pause();
    view->showStep(view->maxSteps() * 2 / 3);
    save(&window, "compare-rosenbrock.png");
  }
};

QTEST_MAIN(TestCompareScreenshots)
#include "test_compare_screenshots.moc"
