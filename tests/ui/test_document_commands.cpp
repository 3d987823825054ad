// Document commands: build a network through the undo stack; undo/redo restore the spec exactly;
// one signal per mutation; scrubs merge; the modified flag follows the clean state.
#include <QSignalSpy>
#include <QtTest>

#include "ui/document/commands/add_node.h"
#include "ui/document/commands/apply_template.h"
#include "ui/document/commands/auto_layout.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/commands/disconnect_edge.h"
#include "ui/document/commands/insert_node_on_edge.h"
#include "ui/document/commands/move_nodes.h"
#include "ui/document/commands/paste_nodes.h"
#include "ui/document/commands/remove_nodes.h"
#include "ui/document/commands/rename_node.h"
#include "ui/document/commands/set_node_params.h"
#include "ui/document/project_document.h"
#include "ui/editor/templates.h"

using namespace bp;
using namespace bp::ui;

namespace {

NodeSpec node(NodeKind kind) {
  NodeSpec n;
  n.kind = kind;
  return n;
}

// Input(2) -> Linear 8 Tanh -> Linear 2, built through the commands.
void build_mlp(ProjectDocument& doc) {
  auto* stack = doc.undoStack();
  NodeSpec in = node(NodeKind::Input);
  in.params.input_shape = Shape{2};
  stack->push(new AddNode(&doc, in));
  NodeSpec h = node(NodeKind::Linear);
  h.params.out_features = 8;
  h.params.activation = Activation::Tanh;
  stack->push(new AddNode(&doc, h));
  NodeSpec out = node(NodeKind::Linear);
  out.params.out_features = 2;
  stack->push(new AddNode(&doc, out));
  QString reason;
  auto c1 = ConnectNodes::create(&doc, 1, 2, &reason);
  QVERIFY2(c1, qPrintable(reason));
  stack->push(c1.release());
  auto c2 = ConnectNodes::create(&doc, 2, 3, &reason);
  QVERIFY2(c2, qPrintable(reason));
  stack->push(c2.release());
}

}  // namespace

class TestDocumentCommands : public QObject {
  Q_OBJECT
 private slots:
  void buildThroughCommands() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec& net = doc.network();
    QCOMPARE(net.nodes.size(), size_t{3});
    QCOMPARE(net.edges.size(), size_t{2});
    QCOMPARE(net.nodes[1].name, std::string("fc1"));
    QCOMPARE(net.nodes[2].name, std::string("fc2"));
    QVERIFY2(doc.shapes().ok(), "the built network should infer without diagnostics");
    QCOMPARE(doc.shapes().total_parameters, int64_t{2 * 8 + 8 + 8 * 2 + 2});
  }

  void undoRedoRestoresExactly() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec built = doc.network();
    auto* stack = doc.undoStack();
    while (stack->canUndo()) stack->undo();
    QCOMPARE(doc.network(), NetworkSpec{});
    while (stack->canRedo()) stack->redo();
    QVERIFY(doc.network() == built);
  }

  void removeRestoresNodesAndEdgesInPlace() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec before = doc.network();
    QSignalSpy removed(&doc, &ProjectDocument::nodeRemoved);
    QSignalSpy edges_removed(&doc, &ProjectDocument::edgeRemoved);
    doc.undoStack()->push(new RemoveNodes(&doc, {2}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(edges_removed.count(), 2);
    QCOMPARE(doc.network().nodes.size(), size_t{2});
    QVERIFY(doc.network().edges.empty());
    doc.undoStack()->undo();
    QVERIFY(doc.network() == before);  // same order, same ids, same edges
  }

  void oneSignalPerMutation() {
    ProjectDocument doc;
    QSignalSpy added(&doc, &ProjectDocument::nodeAdded);
    QSignalSpy changed(&doc, &ProjectDocument::networkChanged);
    QSignalSpy params(&doc, &ProjectDocument::nodeParamsChanged);
    QSignalSpy moved(&doc, &ProjectDocument::nodeMoved);
    QSignalSpy edge_added(&doc, &ProjectDocument::edgeAdded);
    build_mlp(doc);
    QCOMPARE(added.count(), 3);
    QCOMPARE(edge_added.count(), 2);
    QCOMPARE(changed.count(), 5);
    LayerParams p = doc.network().find(2)->params;
    p.out_features = 16;
    doc.undoStack()->push(new SetNodeParams(&doc, 2, p, "units"));
    QCOMPARE(params.count(), 1);
    QCOMPARE(params.first().first().toInt(), 2);
    doc.undoStack()->push(new MoveNodes(&doc, {{2, QPointF(0, 90)}}, {{2, QPointF(40, 90)}}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(doc.network().find(2)->x, 40.0);
  }

  void scrubsMerge() {
    ProjectDocument doc;
    build_mlp(doc);
    const int before = doc.undoStack()->count();
    const LayerParams original = doc.network().find(2)->params;
    for (int units = 9; units <= 14; ++units) {
      LayerParams p = doc.network().find(2)->params;
      p.out_features = units;
      doc.undoStack()->push(new SetNodeParams(&doc, 2, p, "units", 7));
    }
    QCOMPARE(doc.undoStack()->count(), before + 1);
    QCOMPARE(doc.network().find(2)->params.out_features, int64_t{14});
    // A different node does not merge into the scrub.
    LayerParams q = doc.network().find(3)->params;
    q.out_features = 3;
    doc.undoStack()->push(new SetNodeParams(&doc, 3, q, "units", 7));
    QCOMPARE(doc.undoStack()->count(), before + 2);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.network().find(2)->params == original);
    // Consecutive moves of the same selection merge; a different selection does not.
    const int c = doc.undoStack()->index();  // undone entries are dropped on push
    doc.undoStack()->push(new MoveNodes(&doc, {{2, QPointF(0, 90)}}, {{2, QPointF(10, 90)}}));
    doc.undoStack()->push(new MoveNodes(&doc, {{2, QPointF(10, 90)}}, {{2, QPointF(20, 90)}}));
    QCOMPARE(doc.undoStack()->count(), c + 1);
    doc.undoStack()->push(new MoveNodes(&doc, {{3, QPointF(0, 180)}}, {{3, QPointF(5, 180)}}));
    QCOMPARE(doc.undoStack()->count(), c + 2);
  }

  void modifiedFollowsCleanState() {
    ProjectDocument doc;
    QSignalSpy modified(&doc, &ProjectDocument::modifiedChanged);
    QVERIFY(!doc.isModified());
    build_mlp(doc);
    QVERIFY(doc.isModified());
    QCOMPARE(modified.count(), 1);
    doc.markSaved("/tmp/x.json");
    QVERIFY(!doc.isModified());
    doc.undoStack()->undo();
    QVERIFY(doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(!doc.isModified());
  }

  void refusedConnectionGivesReason() {
    ProjectDocument doc;
    build_mlp(doc);
    QString reason;
    auto c = ConnectNodes::create(&doc, 3, 1, &reason);  // into the Input node
    QVERIFY(!c);
    QVERIFY(!reason.isEmpty());
    auto cycle = ConnectNodes::create(&doc, 3, 2, &reason);
    QVERIFY(!cycle);
  }

  void insertOnEdgeSplitsAndUndoes() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec before = doc.network();
    NodeSpec d = node(NodeKind::Dropout);
    auto* cmd = new InsertNodeOnEdge(&doc, before.edges[1].id, d);
    const int id = cmd->nodeId();
    doc.undoStack()->push(cmd);
    QCOMPARE(doc.network().inputs_of(id), std::vector<int>{2});
    QCOMPARE(doc.network().inputs_of(3), std::vector<int>{id});
    QVERIFY(doc.shapes().ok());
    doc.undoStack()->undo();
    QVERIFY(doc.network() == before);
    QVERIFY(!InsertNodeOnEdge::refusal(&doc, before.edges[0].id, NodeKind::Input).isEmpty());
  }

  void disconnectAndRename() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec before = doc.network();
    doc.undoStack()->push(new DisconnectEdge(&doc, before.edges[0].id));
    QCOMPARE(doc.network().edges.size(), size_t{1});
    QVERIFY(!RenameNode::validate(&doc, 2, "fc2").isEmpty());  // taken
    QVERIFY(!RenameNode::validate(&doc, 2, "a b").isEmpty());
    QVERIFY(RenameNode::validate(&doc, 2, "hidden").isEmpty());
    doc.undoStack()->push(new RenameNode(&doc, 2, "hidden"));
    QCOMPARE(doc.network().find(2)->name, std::string("hidden"));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.network() == before);
  }

  void pasteRenumbersAndRenames() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec fragment = copy_fragment(doc.network(), {2, 3});
    QCOMPARE(fragment.edges.size(), size_t{1});
    auto* paste = new PasteNodes(&doc, fragment, QPointF(30, 30));
    const std::vector<int> ids = paste->pastedIds();
    doc.undoStack()->push(paste);
    QCOMPARE(ids, (std::vector<int>{4, 5}));
    QCOMPARE(doc.network().inputs_of(5), std::vector<int>{4});
    QVERIFY(doc.network().find(4)->name != "fc1");
    QCOMPARE(doc.network().find(4)->params.out_features, int64_t{8});
    doc.undoStack()->undo();
    QCOMPARE(doc.network().nodes.size(), size_t{3});
  }

  void templateAndAutoLayoutUndo() {
    ProjectDocument doc;
    build_mlp(doc);
    const NetworkSpec before = doc.network();
    QSignalSpy replaced(&doc, &ProjectDocument::networkReplaced);
    const auto templates = network_templates();
    QVERIFY(templates.size() >= 5);
    for (const auto& t : templates) {
      doc.undoStack()->push(new ApplyTemplate(&doc, t.network, t.name));
      QVERIFY2(doc.shapes().ok(), qPrintable(t.name));
    }
    QCOMPARE(replaced.count(), static_cast<int>(templates.size()));
    doc.undoStack()->push(new AutoLayout(&doc));
    for (size_t i = 0; i <= templates.size(); ++i) doc.undoStack()->undo();
    QVERIFY(doc.network() == before);
  }

  void autoLayoutRowsFollowDepth() {
    NetworkSpec net = make_sequential(Shape{2}, {node(NodeKind::Linear), node(NodeKind::Linear)});
    const auto pos = AutoLayout::compute(net);
    QVERIFY(pos.at(1).y() < pos.at(2).y());
    QVERIFY(pos.at(2).y() < pos.at(3).y());
  }
};

QTEST_MAIN(TestDocumentCommands)
#include "test_document_commands.moc"
