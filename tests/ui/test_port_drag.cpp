// Connecting works on the whole visible output port: a drag that starts on its upper half (over
// the card) or its lower half connects the two layers.
#include <QtTest>

#include "ui/document/project_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/editor/node_item.h"

using namespace bp;
using namespace bp::ui;

class TestPortDrag : public QObject {
  Q_OBJECT
 private slots:
  void wholePortStartsAWire_data();
  void wholePortStartsAWire();
};

void TestPortDrag::wholePortStartsAWire_data() {
  QTest::addColumn<double>("dy");
  QTest::newRow("upper half") << -4.0;
  QTest::newRow("centre") << 0.0;
  QTest::newRow("lower half") << 4.0;
}

void TestPortDrag::wholePortStartsAWire() {
  QFETCH(double, dy);
  ProjectDocument doc;
  Project p;
  NodeSpec a, b;
  a.kind = NodeKind::Linear;
  a.params.out_features = 4;
  b = a;
  p.network = make_sequential(Shape{2}, {a, b});
  p.network.edges.pop_back();  // linear1 and linear2 unconnected
  p.network.nodes[2].x = 300;  // beside, not below
  p.network.nodes[2].y = p.network.nodes[1].y;
  doc.reset(p, QString());
  NetworkScene scene(&doc);
  NetworkView view(&scene);
  view.resize(900, 600);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  view.fitAll();
  QTest::qWait(50);
  const int from = p.network.nodes[1].id, to = p.network.nodes[2].id;
  NodeItem* source = scene.nodeItem(from);
  NodeItem* target = scene.nodeItem(to);
  const QPointF port = source->outputPortScenePos() + QPointF(0, dy / view.transform().m22());
  const QPoint press = view.mapFromScene(port);
  const QPoint release = view.mapFromScene(target->sceneBoundingRect().center());
  QTest::mousePress(view.viewport(), Qt::LeftButton, {}, press);
  QTest::mouseMove(view.viewport(), (press + release) / 2);
  QTest::mouseMove(view.viewport(), release);
  QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, release);
  QCOMPARE(doc.network().edges.size(), size_t{2});
  QCOMPARE(doc.network().inputs_of(to), std::vector<int>{from});
}

QTEST_MAIN(TestPortDrag)
#include "test_port_drag.moc"
