// The "Perceptron" template trains from the studio: applied to the starter project it sets the
// perceptron rule, a loss that fits one 0/1 output and two separable clouds; training reaches
// 100 % there and stays far from it on XOR (not linearly separable). Undo restores everything.
#include <QSignalSpy>
#include <QtTest>

#include "ui/document/commands/apply_template.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/project_document.h"
#include "ui/editor/templates.h"
#include "ui/main_window/starter_project.h"
#include "ui/training/training_controller.h"

using bp::ui::ProjectDocument;
using bp::ui::TrainingController;
using State = bp::ui::TrainingController::State;

class TestPerceptronTemplate : public QObject {
  Q_OBJECT

 private slots:
  void learnsSeparableCloudsAndFailsXor();
  void undoRestoresTheProject();
};

namespace {

bp::ui::NetworkTemplate perceptron() {
  for (const auto& t : bp::ui::network_templates())
    if (t.trainer == bp::TrainerKind::Perceptron) return t;
  qFatal("no perceptron template");
}

void apply(ProjectDocument& doc, const bp::ui::NetworkTemplate& t) {
  doc.undoStack()->push(new bp::ui::ApplyTemplate(
      &doc, t.network, t.name, bp::ui::template_train_config(t, doc.trainConfig()), t.dataset));
}

// Trains from fresh weights to the configured last epoch; returns the last train accuracy.
double train_to_end(ProjectDocument& doc) {
  TrainingController ctrl(&doc);
  ctrl.setPace({bp::ui::PaceMode::Unlimited, 0});
  QSignalSpy failed(&ctrl, &TrainingController::failed);
  ctrl.start();
  [&] { QTRY_VERIFY_WITH_TIMEOUT(ctrl.state() == State::Finished || !failed.isEmpty(), 30000); }();
  if (!failed.isEmpty()) {
    qWarning("training failed: %s", qPrintable(failed.at(0).at(0).toString()));
    return -1.0;
  }
  return ctrl.history().empty() ? -1.0 : ctrl.history().back().train.accuracy;
}

}  // namespace

void TestPerceptronTemplate::learnsSeparableCloudsAndFailsXor() {
  ProjectDocument doc;
  doc.reset(bp::ui::starter_project(), QString());
  apply(doc, perceptron());
  QCOMPARE(doc.trainConfig().trainer, bp::TrainerKind::Perceptron);
  QCOMPARE(doc.datasetSpec().toy, bp::ToyKind::Gaussians);
  QVERIFY(doc.shapes().ok());
  bp::TrainConfig cfg = doc.trainConfig();
  cfg.epochs = 50;
  doc.setTrainConfig(cfg);
  const double clouds = train_to_end(doc);
  QCOMPARE(clouds, 1.0);

  doc.clearWeights();
  bp::DatasetSpec xor_spec = doc.datasetSpec();
  xor_spec.toy = bp::ToyKind::Xor;
  doc.undoStack()->push(new bp::ui::SetDatasetSpec(&doc, xor_spec, "XOR"));
  const double on_xor = train_to_end(doc);
  QVERIFY2(on_xor >= 0.0 && on_xor < 0.8, qPrintable(QString::number(on_xor)));
}

void TestPerceptronTemplate::undoRestoresTheProject() {
  ProjectDocument doc;
  doc.reset(bp::ui::starter_project(), QString());
  const bp::Project before = doc.project();
  apply(doc, perceptron());
  doc.undoStack()->undo();
  QVERIFY(doc.trainConfig() == before.training);
  QVERIFY(doc.datasetSpec() == before.dataset);
  QCOMPARE(doc.network().nodes.size(), before.network.nodes.size());
  // And a gradient template after the perceptron trains by gradient again, with a usable lr.
  apply(doc, perceptron());
  for (const auto& t : bp::ui::network_templates())
    if (t.name == QStringLiteral("MLP")) apply(doc, t);
  QCOMPARE(doc.trainConfig().trainer, bp::TrainerKind::Gradient);
  QCOMPARE(doc.trainConfig().loss, bp::LossKind::CrossEntropyLoss);
  QVERIFY(doc.trainConfig().optimizer.lr < 0.5f);
}

QTEST_MAIN(TestPerceptronTemplate)
#include "test_perceptron_template.moc"
