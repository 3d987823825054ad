// The inspector is built from the layer descriptors: every schema parameter of every kind has a
// row (shown when it matters), and MaxPool2d's Dilation — once a field that did nothing — goes
// from the spin box through the undo stack, the project file and back into the engine's shapes.
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QtTest>

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"
#include "ui/document/project_document.h"
#include "ui/editor/inspector.h"
#include "ui/editor/layer_catalog.h"

using namespace bp;
using namespace bp::ui;

namespace {

Project one_layer(NodeKind kind) {
  PaletteEntry entry{kind, std::nullopt, layer_descriptor(kind).group, {}, {}};
  Project p;
  p.network = make_sequential(Shape{4, 9, 9}, {make_node(entry)});
  return p;
}

// The field widget of the row labelled `label`, or null when there is none.
QWidget* row_field(Inspector& inspector, const QString& label, bool* hidden = nullptr) {
  for (QFormLayout* form : inspector.findChildren<QFormLayout*>())
    for (int r = 0; r < form->rowCount(); ++r) {
      auto* l = form->itemAt(r, QFormLayout::LabelRole);
      auto* f = form->itemAt(r, QFormLayout::FieldRole);
      auto* text = l ? qobject_cast<QLabel*>(l->widget()) : nullptr;
      if (!text || text->text() != label || !f) continue;
      if (hidden) *hidden = text->isHidden();
      return f->widget();
    }
  return nullptr;
}

}  // namespace

class TestInspectorSchema : public QObject {
  Q_OBJECT
 private slots:
  void everySchemaParameterHasARow() {
    for (const LayerDescriptor& d : layer_descriptors()) {
      ProjectDocument doc;
      doc.reset(one_layer(d.kind), QString());
      Inspector inspector(&doc);
      inspector.setNode(d.kind == NodeKind::Input ? 1 : 2);
      const LayerParams& p = doc.network().find(inspector.nodeId())->params;
      for (const ParamSchema& s : d.params) {
        bool hidden = false;
        const QString label = QObject::tr(s.label);
        const std::string what = std::string(d.pytorch_name) + "." + s.key;
        QVERIFY2(row_field(inspector, label, &hidden), (what + ": no inspector row").c_str());
        QVERIFY2(hidden == !is_relevant(s, p), (what + ": row visibility is wrong").c_str());
      }
    }
  }

  void maxPoolDilationFromInspectorToEngine() {
    ProjectDocument doc;
    doc.reset(one_layer(NodeKind::MaxPool2d), QString());
    Inspector inspector(&doc);
    inspector.setNode(2);
    QWidget* field = row_field(inspector, QObject::tr("Dilation"));
    QVERIFY(field);
    const auto spins = field->findChildren<QSpinBox*>();
    QCOMPARE(spins.size(), 2);
    for (QSpinBox* spin : spins) spin->setValue(2);
    QCOMPARE(doc.network().find(2)->params.dilation, (std::array<int, 2>{2, 2}));
    QVERIFY(doc.undoStack()->count() >= 1);
    Project saved;
    saved.network = doc.network();
    const Project back = parse_project(project_to_json(saved), "round trip");
    QCOMPARE(back.network.find(2)->params.dilation, (std::array<int, 2>{2, 2}));
    // 9x9, kernel 2, stride 2: 4x4 without dilation; the dilated window spans 3: still 4x4, but
    // with kernel 3 it spans 5: (9 - 5) / 2 + 1 = 3
    NetworkSpec bigger = back.network;
    bigger.find(2)->params.kernel = {3, 3};
    QCOMPARE(*infer_shapes(bigger).nodes.at(2).output, (Shape{4, 3, 3}));
  }
};

QTEST_MAIN(TestInspectorSchema)
#include "test_inspector_schema.moc"
