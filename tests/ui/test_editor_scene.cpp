// The editor's scene follows the document; palette drops, refused connections, shape-error
// badges and insert-on-edge work through the view.
#include <QDropEvent>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "engine/graph/names.h"
#include "ui/document/commands/add_node.h"
#include "ui/document/commands/remove_nodes.h"
#include "ui/document/commands/set_node_params.h"
#include "ui/document/project_document.h"
#include "ui/editor/edge_item.h"
#include "ui/editor/inspector.h"
#include "ui/editor/layer_catalog.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/editor/node_item.h"
#include "ui/editor/templates.h"

using namespace bp;
using namespace bp::ui;

namespace {

Project spiral() {
  Project p;
  p.network = spiral_mlp();  // input(1) -> fc1(2) -> fc2(3) -> fc3(4)
  return p;
}

const PaletteEntry& entry_for(NodeKind kind) {
  for (const auto& e : palette_entries())
    if (e.kind == kind) return e;
  throw std::runtime_error("no palette entry");
}

}  // namespace

class TestEditorScene : public QObject {
  Q_OBJECT
 private slots:
  void paletteCoversEveryKind() {
    for (NodeKind k : all_node_kinds()) {
      bool found = false;
      for (const auto& e : palette_entries())
        found = found || (e.kind == k && !e.tooltip.isEmpty());
      QVERIFY2(found, "every NodeKind needs a palette entry with a tooltip");
    }
    std::unique_ptr<QMimeData> mime(node_mime_data(entry_for(NodeKind::MaxPool2d)));
    const auto node = node_from_mime(mime.get());
    QVERIFY(node.has_value());
    QCOMPARE(node->kind, NodeKind::MaxPool2d);
    QCOMPARE(node->params.stride[0], 2);
  }

  void itemsFollowDocument() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    QCOMPARE(scene.nodeItemCount(), 4);
    QCOMPARE(scene.edgeItemCount(), 3);
    NodeSpec n;
    n.kind = NodeKind::Dropout;
    n.x = 300;
    doc.undoStack()->push(new AddNode(&doc, n));
    QCOMPARE(scene.nodeItemCount(), 5);
    QVERIFY(scene.nodeItem(5));
    QCOMPARE(scene.nodeItem(5)->pos(), QPointF(300, 0));
    doc.undoStack()->push(new RemoveNodes(&doc, {2}));
    QCOMPARE(scene.nodeItemCount(), 4);
    QCOMPARE(scene.edgeItemCount(), 1);
    QVERIFY(!scene.nodeItem(2));
    doc.undoStack()->undo();
    QCOMPARE(scene.edgeItemCount(), 3);
    QVERIFY(scene.nodeItem(2));
    // Edges end at the ports of their nodes.
    const EdgeSpec& e = doc.network().edges.front();
    QCOMPARE(scene.edgeItem(e.id)->path().pointAtPercent(0.0),
             scene.nodeItem(e.from)->outputPortScenePos());
    doc.reset(Project{}, {});
    QCOMPARE(scene.nodeItemCount(), 0);
  }

  void paletteDropAddsNode() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    NetworkView view(&scene);
    view.resize(800, 600);
    view.centerOn(0, 0);
    std::unique_ptr<QMimeData> mime(node_mime_data(entry_for(NodeKind::BatchNorm1d)));
    const QPoint at = view.mapFromScene(QPointF(400, 0));
    // The view's drop handler, as dropEvent() calls it (synthetic QDropEvents are filtered by
    // QApplication when no drag is in progress).
    QVERIFY(view.dropMime(mime.get(), at) > 0);
    QCOMPARE(doc.network().nodes.size(), size_t{5});
    const NodeSpec& added = doc.network().nodes.back();
    QCOMPARE(added.kind, NodeKind::BatchNorm1d);
    QVERIFY(std::abs(added.x - 400) < 2.0);
    QVERIFY(scene.nodeItem(added.id));
    QCOMPARE(scene.selectedNodeIds(), std::vector<int>{added.id});
    doc.undoStack()->undo();
    QCOMPARE(doc.network().nodes.size(), size_t{4});
  }

  void shapeErrorShowsOnTheRightBadge() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    QVERIFY(scene.nodeItem(2)->errorText().isEmpty());
    LayerParams p = doc.network().find(1)->params;
    p.input_shape = Shape{1, 28, 28};  // an image into a Linear layer
    doc.undoStack()->push(new SetNodeParams(&doc, 1, p, "shape"));
    QVERIFY(scene.nodeItem(1)->errorText().isEmpty());
    QVERIFY2(!scene.nodeItem(2)->errorText().isEmpty(), "fc1 cannot take an image");
    QCOMPARE(scene.nodeItem(2)->errorText(),
             QString::fromStdString(doc.shapes().messages_for(2).front()));
    QVERIFY(scene.nodeItem(3)->errorText().isEmpty());  // the producer carries the diagnostic
    doc.undoStack()->undo();
    QVERIFY(scene.nodeItem(2)->errorText().isEmpty());
  }

  void refusedConnectionReportsReason() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    NetworkView view(&scene);
    QSignalSpy status(&view, &NetworkView::statusMessage);
    QVERIFY(!view.connectNodes(4, 1));  // into the Input node
    QCOMPARE(status.count(), 1);
    QVERIFY(status.first().first().toString().contains("Input"));
    QVERIFY(!view.connectNodes(4, 2));  // a cycle
    QCOMPARE(status.count(), 2);
    QVERIFY(status.last().first().toString().contains("cycle"));
    QCOMPARE(doc.network().edges.size(), size_t{3});
  }

  void dropOntoEdgeInserts() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    NetworkView view(&scene);
    const EdgeSpec edge = doc.network().edges[1];  // fc1 -> fc2
    const QPointF mid = scene.edgeItem(edge.id)->path().pointAtPercent(0.5);
    QCOMPARE(scene.edgeItemAt(mid)->edgeId(), edge.id);
    NodeSpec dropout;
    dropout.kind = NodeKind::Dropout;
    const int id = view.dropNode(dropout, mid);
    QCOMPARE(doc.network().inputs_of(id), std::vector<int>{edge.from});
    QCOMPARE(doc.network().inputs_of(edge.to), std::vector<int>{id});
    QVERIFY(!doc.network().find_edge(edge.id));
    QCOMPARE(scene.edgeItemCount(), 4);
    QVERIFY(doc.shapes().ok());
  }

  void addBelowSelectionSplices() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    NetworkView view(&scene);
    scene.selectNodes({2});
    NodeSpec relu;
    relu.kind = NodeKind::Activation;
    relu.params.activation = Activation::ReLU;
    const int before = doc.undoStack()->count();
    const int id = view.addBelowSelection(relu);
    QCOMPARE(doc.undoStack()->count(), before + 1);  // one undo step
    QCOMPARE(doc.network().inputs_of(id), std::vector<int>{2});
    QCOMPARE(doc.network().inputs_of(3), std::vector<int>{id});
    QVERIFY(doc.network().find(3)->y > doc.network().find(id)->y);
  }

  void mouseGesturesBecomeCommands() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    NetworkScene scene(&doc);
    NetworkView view(&scene);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitAll();
    QWidget* vp = view.viewport();
    // Drag fc2 (id 3) to the right: one MoveNodes on release.
    const QPoint card = view.mapFromScene(scene.nodeItem(3)->pos());
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, card);
    for (int dx = 10; dx <= 80; dx += 10) QTest::mouseMove(vp, card + QPoint(dx, 0));
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, card + QPoint(80, 0));
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.network().find(3)->x > 20.0);
    doc.undoStack()->undo();
    QCOMPARE(doc.network().find(3)->x, 0.0);
    QCOMPARE(scene.nodeItem(3)->pos().x(), 0.0);
    // Drag from the Input's output port onto fc2: a refused connection would be reported, an
    // accepted one is an edge. input -> fc2 makes fc2 take two inputs: refused.
    QSignalSpy status(&view, &NetworkView::statusMessage);
    const QPoint port = view.mapFromScene(scene.nodeItem(1)->outputPortScenePos());
    const QPoint target = view.mapFromScene(scene.nodeItem(3)->pos());
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, port);
    QTest::mouseMove(vp, (port + target) / 2);
    QTest::mouseMove(vp, target);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, target);
    QCOMPARE(doc.network().edges.size(), size_t{3});
    QCOMPARE(status.count(), 1);
    // Delete fc3's incoming edge, then reconnect fc2 -> fc3 by dragging.
    doc.undoStack()->push(new RemoveNodes(&doc, {4}));
    NodeSpec out;
    out.kind = NodeKind::Linear;
    out.params.out_features = 2;
    out.y = 400;
    doc.undoStack()->push(new AddNode(&doc, out));
    const int out_id = doc.network().nodes.back().id;
    view.fitAll();
    const QPoint from = view.mapFromScene(scene.nodeItem(3)->outputPortScenePos());
    const QPoint to = view.mapFromScene(scene.nodeItem(out_id)->pos());
    QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(vp, to);
    QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(doc.network().inputs_of(out_id), std::vector<int>{3});
    QVERIFY(doc.shapes().ok());
  }

  void inspectorEditsAreCommands() {
    ProjectDocument doc;
    doc.reset(spiral(), {});
    Inspector inspector(&doc);
    inspector.setNode(2);
    auto* units = inspector.findChild<QSpinBox*>();
    QVERIFY(units);
    QCOMPARE(units->value(), 8);
    units->setValue(9);
    units->setValue(12);
    QCOMPARE(doc.network().find(2)->params.out_features, int64_t{12});
    QCOMPARE(doc.undoStack()->count(), 1);  // the scrub merged
    doc.undoStack()->undo();
    QCOMPARE(units->value(), 8);  // the widget follows the document
  }
};

QTEST_MAIN(TestEditorScene)
#include "test_editor_scene.moc"
