// The fitted-curve view: a 1-D regression run (the bundled Sine example) sends the data points
// and the network's function over x with every snapshot, the function approaches the data as
// it trains, and the view draws it; 2-D data sends no curve and the view says what it is for.
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "engine/io/project.h"
#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"
#include "ui/views/function_fit_view.h"

using bp::ui::ProjectDocument;
using bp::ui::SnapshotPtr;
using bp::ui::TrainingController;

class TestFittedCurve : public QObject {
  Q_OBJECT

 private slots:
  void sineCurveFollowsTheData();
  void planeDataHasNoCurve();
  void twoColumnCsvGetsThePlane();
};

namespace {

// Mean |network(x) - target| over the training points, by the nearest drawn x.
double curve_error(const bp::TrainingSnapshot& s) {
  const bp::CurvePoints& c = *s.curve_points;
  double sum = 0.0;
  for (size_t i = 0; i < c.train_x.size(); ++i) {
    const auto it = std::lower_bound(c.grid_x.begin(), c.grid_x.end(), c.train_x[i]);
    const size_t k =
        std::min<size_t>(static_cast<size_t>(it - c.grid_x.begin()), c.grid_x.size() - 1);
    sum += std::fabs(s.curve_y[k] - c.train_y[i]);
  }
  return sum / static_cast<double>(c.train_x.size());
}

}  // namespace

void TestFittedCurve::sineCurveFollowsTheData() {
  QFile f(BP_SOURCE_DIR "/resources/examples/sine.json");
  QVERIFY(f.open(QIODevice::ReadOnly));
  ProjectDocument doc;
  doc.reset(bp::parse_project(f.readAll().toStdString(), "sine.json"), QString());
  TrainingController ctrl(&doc);
  ctrl.setPace({bp::ui::PaceMode::Unlimited, 0});
  ctrl.preview();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  const SnapshotPtr first = ctrl.lastSnapshot();
  QVERIFY(first->curve_points != nullptr);
  QCOMPARE(first->curve_y.size(), first->curve_points->grid_x.size());
  QVERIFY(first->curve_points->train_x.size() > 300);
  QVERIFY(std::is_sorted(first->curve_points->grid_x.begin(), first->curve_points->grid_x.end()));
  const double before = curve_error(*first);

  int epochs = 0;
  connect(&ctrl, &TrainingController::epochFinished, this,
          [&epochs](const bp::EpochRecord&) { ++epochs; });
  ctrl.start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs >= 40, 60000);
  ctrl.pause();
  QTest::qWait(200);
  const SnapshotPtr last = ctrl.lastSnapshot();
  const double after = curve_error(*last);
  QVERIFY2(after < 0.5 * before && after < 0.15,
           qPrintable(QString("mean error %1 before, %2 after").arg(before).arg(after)));

  bp::ui::FunctionFitView view;
  view.resize(600, 400);
  view.setSnapshot(last);
  QVERIFY(view.hasCurve());
  QVERIFY(view.csv().count('\n') == static_cast<int>(last->curve_y.size()) + 1);
  const QImage image = view.grab().toImage();
  // The orange function line is drawn.
  int orange = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor c = image.pixelColor(x, y);
      if (c.red() > 200 && c.green() > 90 && c.green() < 160 && c.blue() < 80) ++orange;
    }
  QVERIFY2(orange > 200, qPrintable(QString::number(orange)));
}

void TestFittedCurve::planeDataHasNoCurve() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingController ctrl(&doc);
  ctrl.preview();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  QVERIFY(ctrl.lastSnapshot()->curve_points == nullptr);
  bp::ui::FunctionFitView view;
  view.setSnapshot(ctrl.lastSnapshot());
  QVERIFY(!view.hasCurve());
}

void TestFittedCurve::twoColumnCsvGetsThePlane() {
  QTemporaryDir dir;
  const QString path = dir.filePath("two.csv");
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("x,y,label\n");
  for (int i = 0; i < 100; ++i) {
    const double x = std::cos(i * 0.7) * (1 + i % 3), y = std::sin(i * 0.7) * (1 + i % 3);
    f.write(QString("%1,%2,%3\n").arg(x).arg(y).arg(x + y > 0 ? 1 : 0).toUtf8());
  }
  f.close();
  bp::Project p = bp::test::toy_project();
  p.dataset.source = bp::DatasetSource::Csv;
  p.dataset.path = path.toStdString();
  ProjectDocument doc;
  doc.reset(p, QString());
  TrainingController ctrl(&doc);
  ctrl.preview();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  const SnapshotPtr s = ctrl.lastSnapshot();
  QVERIFY(s->points != nullptr);
  QCOMPARE(s->grid.width, 100);
  QVERIFY(s->points->train_xy.size() >= 2 * 60);
}

QTEST_MAIN(TestFittedCurve)
#include "test_fitted_curve.moc"
