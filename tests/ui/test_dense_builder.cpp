// The dense builder (+/- for hidden layers and units, one activation for all hidden layers):
// from the starter's 2-16-16-2 to 2-8-8-2 and on, each click one undoable edit, fc names that
// follow the chain, a refusal with a message past the units bound, and hidden on other networks.
#include <QSignalSpy>
#include <QtTest>

#include "engine/graph/names.h"
#include "ui/document/commands/apply_template.h"
#include "ui/document/commands/edit_network.h"
#include "ui/document/project_document.h"
#include "ui/editor/dense_builder.h"
#include "ui/editor/dense_stack.h"
#include "ui/editor/templates.h"
#include "ui/main_window/starter_project.h"

using namespace bp;
using namespace bp::ui;

class TestDenseBuilder : public QObject {
  Q_OBJECT

 private slots:
  void buildsA2_8_8_2Net();
  void refusesPastTheUnitsBound();
  void hiddenForOtherNetworks();
};

namespace {

// "2-8-8-2 Tanh,Tanh,Identity fc1,fc2,fc3"
QString describe(const NetworkSpec& net) {
  const auto chain = dense_chain(net);
  if (!chain) return "not a dense chain";
  QStringList units{"2"}, acts, names;
  std::vector<int> layers = chain->hidden;
  layers.push_back(chain->output);
  for (int id : layers) {
    const NodeSpec* n = net.find(id);
    units << QString::number(n->params.out_features);
    acts << QString::fromStdString(to_string(n->params.activation));
    names << QString::fromStdString(n->name);
  }
  return units.join('-') + " " + acts.join(',') + " " + names.join(',');
}

}  // namespace

void TestDenseBuilder::buildsA2_8_8_2Net() {
  ProjectDocument doc;
  doc.reset(starter_project(), QString());
  DenseBuilder builder(&doc);
  QVERIFY(!builder.isHidden());
  QCOMPARE(describe(doc.network()), QString("2-16-16-2 Tanh,Tanh,Identity fc1,fc2,fc3"));
  for (int i = 0; i < 8; ++i) {
    builder.changeUnits(0, -1);
    builder.changeUnits(1, -1);
  }
  QCOMPARE(describe(doc.network()), QString("2-8-8-2 Tanh,Tanh,Identity fc1,fc2,fc3"));
  QCOMPARE(doc.undoStack()->count(), 16);  // one command per click
  QVERIFY(doc.shapes().ok());

  builder.removeLayer();
  builder.removeLayer();
  QCOMPARE(describe(doc.network()), QString("2-2 Identity fc1"));
  builder.addLayer();  // no hidden layer to copy: 4 Tanh units
  builder.addLayer();  // copies the last hidden layer
  QCOMPARE(describe(doc.network()), QString("2-4-4-2 Tanh,Tanh,Identity fc1,fc2,fc3"));
  QVERIFY(doc.shapes().ok());
  // Every layer below its producer (laid out top-down).
  const auto chain = dense_chain(doc.network());
  QVERIFY(doc.network().find(chain->hidden[1])->y > doc.network().find(chain->hidden[0])->y);
  QVERIFY(doc.network().find(chain->output)->y > doc.network().find(chain->hidden[1])->y);

  doc.undoStack()->push(new EditNetwork(
      &doc, with_hidden_activation(doc.network(), Activation::ReLU), "ReLU for all"));
  QCOMPARE(describe(doc.network()), QString("2-4-4-2 ReLU,ReLU,Identity fc1,fc2,fc3"));
  QCOMPARE(hidden_activation(doc.network()), std::optional<Activation>(Activation::ReLU));

  // Undo walks back to 2-8-8-2, then to the starter network.
  for (int i = 0; i < 5; ++i) doc.undoStack()->undo();
  QCOMPARE(describe(doc.network()), QString("2-8-8-2 Tanh,Tanh,Identity fc1,fc2,fc3"));
  while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
  QCOMPARE(describe(doc.network()), QString("2-16-16-2 Tanh,Tanh,Identity fc1,fc2,fc3"));
}

void TestDenseBuilder::refusesPastTheUnitsBound() {
  ProjectDocument doc;
  doc.reset(starter_project(), QString());
  DenseBuilder builder(&doc);
  const auto chain = dense_chain(doc.network());
  doc.undoStack()->push(
      new EditNetwork(&doc, with_units(doc.network(), chain->hidden[0], 100000), "wide"));
  QCOMPARE(doc.network().find(chain->hidden[0])->params.out_features, kMaxDenseUnits);
  QSignalSpy messages(&builder, &DenseBuilder::message);
  const int commands = doc.undoStack()->count();
  builder.changeUnits(0, +1);
  QCOMPARE(messages.count(), 1);
  QVERIFY(messages.at(0).at(0).toString().contains(QString::number(kMaxDenseUnits)));
  QCOMPARE(doc.undoStack()->count(), commands);
}

void TestDenseBuilder::hiddenForOtherNetworks() {
  ProjectDocument doc;
  doc.reset(starter_project(), QString());
  DenseBuilder builder(&doc);
  for (const auto& t : network_templates())
    if (t.name == "LeNet-5") doc.undoStack()->push(new ApplyTemplate(&doc, t.network, t.name));
  QVERIFY(builder.isHidden());
  doc.undoStack()->undo();
  QVERIFY(!builder.isHidden());
}

QTEST_MAIN(TestDenseBuilder)
#include "test_dense_builder.moc"
