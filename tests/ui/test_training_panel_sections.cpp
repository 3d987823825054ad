// The training panel a learner can read: collapsible sections with the essentials (optimizer,
// learning rate, batch size, epochs) first and open; the mouse wheel scrolls the panel and leaves
// an unfocused spin box alone; a learning rate typed above the field's range is answered with a
// message (the field is set to its largest value), not a silent clamp.
#include <QDoubleSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QWheelEvent>
#include <QtTest>

#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/training/collapsible_section.h"
#include "ui/training/training_panel.h"

using namespace bp::ui;

class TestTrainingPanelSections : public QObject {
  Q_OBJECT

 private slots:
  void essentialsFirstInCollapsibleSections();
  void wheelScrollsThePanelNotAnUnfocusedField();
  void learningRateAboveRangeSaysSo();
};

namespace {

// The section a field's widget sits in (null when none).
CollapsibleSection* section_of(QWidget* w) {
  for (QWidget* p = w; p; p = p->parentWidget())
    if (auto* s = qobject_cast<CollapsibleSection*>(p)) return s;
  return nullptr;
}

void wheel(QWidget* target, int delta_y) {
  const QPointF pos(target->width() / 2.0, target->height() / 2.0);
  QWheelEvent e(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, delta_y), Qt::NoButton,
                Qt::NoModifier, Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(target, &e);
}

}  // namespace

void TestTrainingPanelSections::essentialsFirstInCollapsibleSections() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingPanel panel(&doc);
  panel.resize(340, 900);
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  const QStringList titles = panel.sectionTitles();
  QCOMPARE(titles, QStringList({"Essentials", "Optimizer", "Learning-rate schedule",
                                "Regularization", "Data and batches", "Run"}));
  CollapsibleSection* essentials = panel.section("Essentials");
  QVERIFY(essentials && essentials->isExpanded());
  for (const char* name : {"optimizer", "lr", "batch_size", "epochs"}) {
    QCOMPARE(section_of(panel.field(name)), essentials);
    QVERIFY2(panel.field(name)->isVisible(), name);
  }
  // The rest sit in their sections; a closed section hides its fields, opening shows them.
  QCOMPARE(section_of(panel.field("momentum")), panel.section("Optimizer"));
  QCOMPARE(section_of(panel.field("l2")), panel.section("Regularization"));
  QCOMPARE(section_of(panel.field("batch_preset")), panel.section("Data and batches"));
  QCOMPARE(section_of(panel.field("seed")), panel.section("Run"));
  CollapsibleSection* reg = panel.section("Regularization");
  QVERIFY(!reg->isExpanded());
  QVERIFY(!panel.field("l2")->isVisible());
  QTest::mouseClick(reg->header(), Qt::LeftButton);
  QVERIFY(reg->isExpanded());
  QVERIFY(panel.field("l2")->isVisible());
  QTest::mouseClick(reg->header(), Qt::LeftButton);
  QVERIFY(!panel.field("l2")->isVisible());
  // Essentials stand above every other section.
  const int essentials_y = essentials->mapTo(&panel, QPoint()).y();
  for (const QString& t : titles)
    if (t != "Essentials") QVERIFY(panel.section(t)->mapTo(&panel, QPoint()).y() > essentials_y);
}

void TestTrainingPanelSections::wheelScrollsThePanelNotAnUnfocusedField() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingPanel panel(&doc);
  for (const QString& t : panel.sectionTitles()) panel.section(t)->setExpanded(true);
  panel.resize(340, 300);  // far shorter than its content: it scrolls
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  QScrollBar* bar = panel.scrollArea()->verticalScrollBar();
  QVERIFY(bar->maximum() > 0);
  auto* epochs = qobject_cast<QSpinBox*>(panel.field("epochs"));
  QVERIFY(epochs);
  const int before = epochs->value();
  QCOMPARE(bar->value(), 0);
  wheel(epochs, -120);  // one notch down over the field
  QCOMPARE(epochs->value(), before);
  QVERIFY2(bar->value() > 0, "the panel did not scroll");
  QCOMPARE(doc.undoStack()->count(), 0);
  // Clicked into, the field takes the wheel.
  epochs->setFocus();
  QTRY_VERIFY(epochs->hasFocus());
  wheel(epochs, 120);
  QCOMPARE(epochs->value(), before + 1);
}

void TestTrainingPanelSections::learningRateAboveRangeSaysSo() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingPanel panel(&doc);
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  auto* lr = qobject_cast<QDoubleSpinBox*>(panel.field("lr"));
  QVERIFY(lr);
  QSignalSpy messages(&panel, &TrainingPanel::rangeMessage);
  QVERIFY(panel.rangeMessageText().isEmpty());
  // Typed as a user does: select all, type 50, Enter.
  lr->setFocus();
  lr->selectAll();
  QTest::keyClicks(lr, "50");
  QTest::keyClick(lr, Qt::Key_Return);
  QCOMPARE(messages.count(), 1);
  const QString text = panel.rangeMessageText();
  QVERIFY2(text.contains("Learning rate") && text.contains("50") && text.contains("10"),
           qPrintable(text));
  QCOMPARE(lr->value(), 10.0);
  QCOMPARE(doc.trainConfig().optimizer.lr, 10.0f);
  // A value in range clears the message.
  lr->selectAll();
  QTest::keyClicks(lr, "0.5");
  QTest::keyClick(lr, Qt::Key_Return);
  QCOMPARE(doc.trainConfig().optimizer.lr, 0.5f);
  QVERIFY(panel.rangeMessageText().isEmpty());
}

QTEST_MAIN(TestTrainingPanelSections)
#include "test_training_panel_sections.moc"
