// A network whose estimated memory exceeds what the machine has is refused before it is built,
// with the figures: as a hint while building (preview), as a failed run on Play.
#include <QSignalSpy>
#include <QtTest>

#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/training/memory_estimate.h"
#include "ui/training/training_controller.h"

using bp::ui::ProjectDocument;
using bp::ui::TrainingController;

class TestMemoryRefusal : public QObject {
  Q_OBJECT

 private slots:
  void estimateGrowsWithWidth();
  void wideLayerIsRefusedWithTheFigure();
  void smallNetworkTrains();
};

void TestMemoryRefusal::estimateGrowsWithWidth() {
  bp::Project p = bp::test::toy_project();
  const auto small = bp::ui::estimate_memory(p);
  p.network.nodes[1].params.out_features = 20000;
  const auto wide = bp::ui::estimate_memory(p);
  // 20,000 units over the 100x100 grid: 20000 * 10000 * 4 B * 3 copies = 2.4 GB at least.
  QVERIFY2(wide.total() > 2'000'000'000LL, qPrintable(bp::ui::human_bytes(wide.total())));
  QVERIFY(small.total() < 50'000'000LL);
  QCOMPARE(wide.largest_batch, int64_t{10000});
}

void TestMemoryRefusal::wideLayerIsRefusedWithTheFigure() {
  ProjectDocument doc;
  bp::Project p = bp::test::toy_project();
  p.network.nodes[1].params.out_features = 20000;
  doc.reset(p, QString());
  TrainingController ctrl(&doc);
  ctrl.setMemoryAvailableForTesting(1'000'000'000LL);  // a 1 GB machine
  QSignalSpy hints(&ctrl, &TrainingController::previewFailed);
  QSignalSpy failed(&ctrl, &TrainingController::failed);
  ctrl.preview();
  QCOMPARE(hints.count(), 1);
  QCOMPARE(failed.count(), 0);  // while building: a hint, not "Training failed"
  const QString text = hints.at(0).at(0).toString();
  QVERIFY2(text.contains("GB") && text.contains("1.0 GB"), qPrintable(text));
  ctrl.start();
  QCOMPARE(failed.count(), 1);
  QCOMPARE(ctrl.state(), TrainingController::State::Failed);
  QTest::qWait(200);
  QVERIFY(ctrl.lastSnapshot() == nullptr);  // nothing was built
}

void TestMemoryRefusal::smallNetworkTrains() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingController ctrl(&doc);
  ctrl.setMemoryAvailableForTesting(1'000'000'000LL);
  QSignalSpy failed(&ctrl, &TrainingController::failed);
  ctrl.start();
  QCOMPARE(ctrl.state(), TrainingController::State::Running);
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  ctrl.stop();
  QVERIFY(failed.isEmpty());
}

QTEST_MAIN(TestMemoryRefusal)
#include "test_memory_refusal.moc"
