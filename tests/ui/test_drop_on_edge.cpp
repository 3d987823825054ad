// A layer dropped onto a connection lands between its neighbours without overlapping them (the
// nodes below move down a row) and takes a name that follows the chain (fc1, fc2, fc3, fc4);
// one undo restores names and places.
#include <QtTest>
#include <cmath>

#include "ui/document/project_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/editor/node_item.h"
#include "ui/main_window/starter_project.h"

using namespace bp;
using namespace bp::ui;

class TestDropOnEdge : public QObject {
  Q_OBJECT
 private slots:
  void dropOnEdgeMakesRoomAndNames();
};

namespace {

QStringList chain(const NetworkSpec& net) {
  QStringList names;
  for (int id : net.topological_order()) names << QString::fromStdString(net.find(id)->name);
  return names;
}

}  // namespace

void TestDropOnEdge::dropOnEdgeMakesRoomAndNames() {
  ProjectDocument doc;
  doc.reset(starter_project(), QString());
  NetworkScene scene(&doc);
  NetworkView view(&scene);
  QCOMPARE(chain(doc.network()), QStringList({"input", "fc1", "fc2", "fc3"}));
  const NetworkSpec before = doc.network();
  const NodeSpec* fc1 = doc.network().find(2);
  const NodeSpec* fc2 = doc.network().find(3);
  // Drop onto the middle of the fc1 -> fc2 connection.
  const QPointF middle((fc1->x + fc2->x) / 2, (fc1->y + fc2->y) / 2);
  NodeSpec linear;
  linear.kind = NodeKind::Linear;
  linear.params.out_features = 8;
  const int id = view.dropNode(linear, middle);
  QVERIFY(id > 0);
  QCOMPARE(chain(doc.network()), QStringList({"input", "fc1", "fc2", "fc3", "fc4"}));
  QCOMPARE(QString::fromStdString(doc.network().find(id)->name), QString("fc2"));
  // No two cards overlap (NodeItem: 204 x 68).
  const auto& nodes = doc.network().nodes;
  for (size_t i = 0; i < nodes.size(); ++i)
    for (size_t j = i + 1; j < nodes.size(); ++j)
      QVERIFY2(std::fabs(nodes[i].x - nodes[j].x) >= NodeItem::kWidth ||
                   std::fabs(nodes[i].y - nodes[j].y) >= NodeItem::kHeight,
               qPrintable(QString("%1 and %2 overlap")
                              .arg(QString::fromStdString(nodes[i].name),
                                   QString::fromStdString(nodes[j].name))));
  QVERIFY(doc.shapes().ok());
  doc.undoStack()->undo();
  QVERIFY(doc.network() == before);
}

QTEST_MAIN(TestDropOnEdge)
#include "test_drop_on_edge.moc"
