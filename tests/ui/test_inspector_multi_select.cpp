// Multi-select editing in the inspector: with several Linear layers selected in the editor, a
// change of units, activation or initializer applies to all of them in one undo step (their other
// parameters stay their own); layers of different kinds are not edited together and the
// inspector says why; a units value typed above the field's range is answered with a message.
// Problems the live preview finds show as a hint badge on the node they concern.
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>

#include "engine/graph/shape_inference.h"
#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/editor/build_hint.h"
#include "ui/editor/inspector.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/node_item.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"
#include "ui/widgets/message_banner.h"

using namespace bp::ui;

class TestInspectorMultiSelect : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void editsEverySelectedLayerInOneUndoStep();
  void mixedKindsAreNotEditedTogether();
  void unitsAboveRangeSaysSo();
  void previewProblemIsAHintOnTheNode();
  void hintNodeRule();
};

namespace {

// The inspector's spin box showing `value` (the units field of a Linear layer).
QSpinBox* spin_with(Inspector& in, int value) {
  for (QSpinBox* s : in.findChildren<QSpinBox*>())
    if (s->value() == value && s->isVisibleTo(&in)) return s;
  return nullptr;
}

// The first combo box whose items include `text`, set to show its current value.
QComboBox* combo_with_item(Inspector& in, const QString& text) {
  for (QComboBox* c : in.findChildren<QComboBox*>())
    if (c->findText(text) >= 0) return c;
  return nullptr;
}

}  // namespace

void TestInspectorMultiSelect::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("BackpropStudioTest");
  QCoreApplication::setApplicationName("inspector-multi-test");
}

void TestInspectorMultiSelect::editsEverySelectedLayerInOneUndoStep() {
  MainWindow window;
  ProjectDocument* doc = window.document();
  doc->reset(bp::test::toy_project(), QString());  // input, 8 tanh, 8 tanh, 2 identity
  const auto& nodes = doc->network().nodes;
  const int a = nodes[1].id, b = nodes[2].id, out = nodes[3].id;
  // The editor's selection drives the inspector.
  window.networkScene()->selectNodes({a, b});
  QCOMPARE(window.inspector()->nodeIds(), (std::vector<int>{a, b}));
  Inspector& in = *window.inspector();
  QSpinBox* units = spin_with(in, 8);
  QVERIFY(units);
  const int before = doc->undoStack()->count();
  units->setValue(12);
  QCOMPARE(doc->network().find(a)->params.out_features, 12);
  QCOMPARE(doc->network().find(b)->params.out_features, 12);
  QCOMPARE(doc->network().find(out)->params.out_features, 2);  // not selected
  QCOMPARE(doc->undoStack()->count(), before + 1);
  units->setValue(13);  // the same field scrubbed: merges
  QCOMPARE(doc->undoStack()->count(), before + 1);
  QCOMPARE(doc->network().find(b)->params.out_features, 13);

  QComboBox* activation = combo_with_item(in, "ReLU");
  QVERIFY(activation);
  activation->setCurrentIndex(activation->findText("ReLU"));
  QCOMPARE(doc->network().find(a)->params.activation, bp::Activation::ReLU);
  QCOMPARE(doc->network().find(b)->params.activation, bp::Activation::ReLU);
  QCOMPARE(doc->undoStack()->count(), before + 2);

  // One undo step each: activation back on both, then units back on both.
  doc->undoStack()->undo();
  QCOMPARE(doc->network().find(a)->params.activation, bp::Activation::Tanh);
  QCOMPARE(doc->network().find(b)->params.activation, bp::Activation::Tanh);
  QCOMPARE(doc->network().find(b)->params.out_features, 13);
  doc->undoStack()->undo();
  QCOMPARE(doc->network().find(a)->params.out_features, 8);
  QCOMPARE(doc->network().find(b)->params.out_features, 8);
  // One layer selected: one layer edited.
  window.networkScene()->selectNodes({b});
  QCOMPARE(window.inspector()->nodeIds(), (std::vector<int>{b}));
  spin_with(in, 8)->setValue(5);
  QCOMPARE(doc->network().find(a)->params.out_features, 8);
  QCOMPARE(doc->network().find(b)->params.out_features, 5);
}

void TestInspectorMultiSelect::mixedKindsAreNotEditedTogether() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  Inspector in(&doc);
  in.setNodes({doc.network().nodes[0].id, doc.network().nodes[1].id});  // Input + Linear
  QVERIFY(in.findChildren<QSpinBox*>().isEmpty());
  bool explains = false;
  for (QLabel* l : in.findChildren<QLabel*>())
    explains = explains || l->text().contains("different kinds");
  QVERIFY(explains);
}

void TestInspectorMultiSelect::unitsAboveRangeSaysSo() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  Inspector in(&doc);
  const int id = doc.network().nodes[1].id;
  in.setNode(id);
  in.show();
  QVERIFY(QTest::qWaitForWindowExposed(&in));
  QSpinBox* units = spin_with(in, 8);
  QVERIFY(units);
  QSignalSpy messages(&in, &Inspector::message);
  units->setFocus();
  units->selectAll();
  QTest::keyClicks(units, "500000");
  QTest::keyClick(units, Qt::Key_Return);
  QVERIFY(messages.count() >= 1);
  const QString text = in.rangeMessageText();
  QVERIFY2(text.contains("Units") && text.contains("100") && text.contains("500"),
           qPrintable(text));
  QCOMPARE(doc.network().find(id)->params.out_features, 100000);
  units->selectAll();
  QTest::keyClicks(units, "16");
  QTest::keyClick(units, Qt::Key_Return);
  QCOMPARE(doc.network().find(id)->params.out_features, 16);
  QVERIFY(in.rangeMessageText().isEmpty());
}

void TestInspectorMultiSelect::previewProblemIsAHintOnTheNode() {
  MainWindow window;
  TrainingUi training(&window);
  bp::Project p = bp::test::toy_project();
  p.network.nodes[2].params.out_features = 20000;  // the second hidden layer: 20,000 units
  window.fileActions()->openProject(p);
  const int wide = window.document()->network().nodes[2].id;
  TrainingController* ctrl = training.controller();
  ctrl->setMemoryAvailableForTesting(1'000'000'000LL);  // a 1 GB machine
  QSignalSpy failed(ctrl, &TrainingController::failed);
  QSignalSpy hints(ctrl, &TrainingController::previewFailed);
  ctrl->preview();
  QTRY_VERIFY(hints.count() >= 1);
  QCOMPARE(failed.count(), 0);  // not "Training failed"
  NetworkScene* scene = window.networkScene();
  QCOMPARE(scene->buildHintNodeId(), wide);
  NodeItem* item = scene->nodeItem(wide);
  QVERIFY(item->isBadgeVisible());
  QVERIFY(item->errorText().isEmpty());  // a hint, not a shape error
  QVERIFY2(item->buildHint().contains("memory"), qPrintable(item->buildHint()));
  QVERIFY(item->toolTip().contains("memory"));
  QVERIFY(!scene->nodeItem(window.document()->network().nodes[1].id)->isBadgeVisible());
  // The message area names the node.
  const QString banner = window.messageArea()->text();
  const QString name = QString::fromStdString(window.document()->network().nodes[2].name);
  QVERIFY2(banner.contains(name) && !banner.contains("Training failed"), qPrintable(banner));
  // docs/screenshots: the hint on the node, and two layers edited together.
  if (qEnvironmentVariableIsSet("BP_SCREENSHOT_DIR")) {
    const QString dir = qEnvironmentVariable("BP_SCREENSHOT_DIR");
    window.resize(1280, 720);
    window.resetLayout();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(300);
    QVERIFY(window.grab().save(dir + "/studio-1280x720-preview-hint-on-node.png"));
    window.networkScene()->selectNodes({window.document()->network().nodes[1].id, wide});
    QTest::qWait(200);
    QVERIFY(window.grab().save(dir + "/studio-1280x720-multi-select-inspector.png"));
    window.networkScene()->selectNodes({});
  }
  // Fixed: the hint goes.
  bp::NetworkSpec fixed = window.document()->network();
  QSignalSpy ok(ctrl, &TrainingController::previewSucceeded);
  window.document()->setNodeParams(wide, [&] {
    bp::LayerParams lp = fixed.nodes[2].params;
    lp.out_features = 8;
    return lp;
  }());
  ctrl->preview();
  QTRY_VERIFY_WITH_TIMEOUT(ok.count() >= 1, 10000);
  QCOMPARE(scene->buildHintNodeId(), -1);
  QVERIFY(!item->isBadgeVisible());
  ctrl->stop();
}

void TestInspectorMultiSelect::hintNodeRule() {
  const bp::Project p = bp::test::toy_project();
  const auto shapes = bp::infer_shapes(p.network);
  const auto& n = p.network.nodes;
  const QString named = QString("%1 has too few outputs").arg(QString::fromStdString(n[2].name));
  QCOMPARE(build_hint_node(p.network, shapes, named), n[2].id);
  QCOMPARE(build_hint_node(p.network, shapes, "The dataset has 3 features, not 2"), n[0].id);
  QCOMPARE(build_hint_node(p.network, shapes, "CrossEntropyLoss needs class targets"), n[3].id);
  QCOMPARE(build_hint_node({}, {}, "anything"), -1);
}

QTEST_MAIN(TestInspectorMultiSelect)
#include "test_inspector_multi_select.moc"
