// Work is never lost in the studio: Play after "finished" and Stop -> Play continue from the
// trained weights and optimizer state (bitwise the same as training straight through); editing
// epochs, switching to a dataset of the same shape, renaming a layer keep the weights; an edit
// that makes them unusable shelves them and undo brings them back; a saved project reopens with
// the weights it was saved with and is not marked modified.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/trainer.h"
#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/training/training_controller.h"

using bp::ui::ProjectDocument;
using bp::ui::TrainingController;
using State = bp::ui::TrainingController::State;

namespace {

// The toy project with dropout, Adam, a cosine schedule and a finite number of epochs.
bp::Project small_project(int epochs) {
  bp::Project p = bp::test::toy_project(bp::ToyKind::Circle, 0.01f);
  bp::NodeSpec drop;
  drop.kind = bp::NodeKind::Dropout;
  drop.params.p = 0.1f;
  p.network = bp::make_sequential(bp::Shape{2}, {bp::test::dense(8, bp::Activation::Tanh), drop,
                                                 bp::test::dense(8, bp::Activation::Tanh),
                                                 bp::test::dense(2, bp::Activation::Identity)});
  p.training.optimizer = bp::default_optimizer_config(bp::OptimizerKind::Adam);
  p.training.schedule.kind = bp::ScheduleKind::CosineAnnealingLR;
  p.training.schedule.T_max = 4;
  p.training.epochs = epochs;
  return p;
}

bool bitwise_equal(const bp::WeightMap& a, const bp::WeightMap& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [name, values] : a) {
    auto it = b.find(name);
    if (it == b.end() || it->second.size() != values.size()) return false;
    if (std::memcmp(values.data(), it->second.data(), values.size() * sizeof(float)) != 0)
      return false;
  }
  return true;
}

// Trains to the end of the run and waits for the checkpoint to reach the document.
void run_to_finish(TrainingController& ctrl) {
  ctrl.start();
  QTRY_COMPARE_WITH_TIMEOUT(ctrl.state(), State::Finished, 30000);
}

}  // namespace

class TestWorkKept : public QObject {
  Q_OBJECT

 private slots:
  void playAfterFinishContinuesBitwise() {
    // Straight through: 6 epochs.
    ProjectDocument straight;
    straight.reset(small_project(6), QString());
    TrainingController a(&straight);
    run_to_finish(a);
    QCOMPARE(a.history().size(), size_t{6});

    // 3 epochs, "Training finished", Play: 3 more from where it stopped.
    ProjectDocument doc;
    doc.reset(small_project(3), QString());
    TrainingController b(&doc);
    QSignalSpy epochs(&b, &TrainingController::epochFinished);
    run_to_finish(b);
    QCOMPARE(doc.trainState()->epoch, 3);
    const bp::WeightMap after3 = doc.weights();
    run_to_finish(b);
    QCOMPARE(b.history().size(), size_t{6});
    QCOMPARE(b.history().back().epoch, 6);
    // Epoch 4 is not a replay of epoch 1 (it continues), and the whole run equals the straight one.
    QVERIFY(b.history()[3].train.loss != b.history()[0].train.loss);
    QVERIFY(!bitwise_equal(after3, doc.weights()));
    QVERIFY(bitwise_equal(doc.weights(), straight.weights()));
    for (size_t i = 0; i < 6; ++i) QCOMPARE(b.history()[i].train.loss, a.history()[i].train.loss);
  }

  void lenet5PlayAfterFinishContinuesBitwise() {
    bp::Project p =
        bp::read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/lenet5-digits.json");
    p.dataset.max_train = 300;
    p.dataset.max_test = 100;
    p.training.epochs = 2;
    ProjectDocument straight;
    straight.reset(p, QString());
    TrainingController a(&straight);
    run_to_finish(a);
    p.training.epochs = 1;
    ProjectDocument doc;
    doc.reset(p, QString());
    TrainingController b(&doc);
    run_to_finish(b);
    run_to_finish(b);
    QCOMPARE(doc.trainState()->epoch, 2);
    QVERIFY(bitwise_equal(doc.weights(), straight.weights()));
  }

  void stopThenPlayContinues() {
    ProjectDocument doc;
    doc.reset(small_project(100000), QString());
    TrainingController ctrl(&doc);
    QSignalSpy epochs(&ctrl, &TrainingController::epochFinished);
    ctrl.start();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 3, 30000);
    ctrl.stop();
    QCOMPARE(ctrl.state(), State::Idle);
    // The final checkpoint arrives from the worker; then the document holds weights + state.
    QTRY_VERIFY_WITH_TIMEOUT(doc.trainState() && doc.trainState()->epoch >= 3, 5000);
    QTest::qWait(100);
    const bp::WeightMap stopped = doc.weights();
    const int64_t stopped_step = doc.trainState()->step;
    QSignalSpy snaps(&ctrl, &TrainingController::snapshotReady);
    ctrl.preview();  // builds the run from the document, as Play does, without stepping
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 1, 10000);
    QCOMPARE(ctrl.lastSnapshot()->step, stopped_step);
    QVERIFY(bitwise_equal(ctrl.lastSnapshot()->weights, stopped));
    QVERIFY(ctrl.history().size() >= 3);  // the curves show the history it continues
    ctrl.start();
    QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot()->step > stopped_step, 10000);
    ctrl.stop();
  }

  void settingEditsKeepTheWeights() {
    ProjectDocument doc;
    doc.reset(small_project(100000), QString());
    TrainingController ctrl(&doc);
    QSignalSpy epochs(&ctrl, &TrainingController::epochFinished);
    ctrl.start();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2, 30000);
    ctrl.pause();
    QTRY_VERIFY_WITH_TIMEOUT(doc.trainState().has_value(), 5000);
    QTest::qWait(100);
    const bp::WeightMap paused = doc.weights();
    const int epoch = doc.trainState()->epoch;

    // Epochs, the optimizer: the run stops, the weights stay.
    bp::TrainConfig config = doc.trainConfig();
    config.epochs = 500;
    config.optimizer = bp::default_optimizer_config(bp::OptimizerKind::RMSprop);
    doc.setTrainConfig(config);
    QVERIFY(bitwise_equal(doc.weights(), paused));
    QSignalSpy messages(&ctrl, &TrainingController::message);
    QSignalSpy snaps(&ctrl, &TrainingController::snapshotReady);
    ctrl.preview();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 1, 10000);
    QVERIFY(bitwise_equal(ctrl.lastSnapshot()->weights, paused));
    QCOMPARE(ctrl.lastSnapshot()->epoch, epoch);
    // The learner is told what did not carry over.
    QTRY_VERIFY_WITH_TIMEOUT(messages.count() >= 1, 5000);
    QVERIFY(messages.last().at(0).toString().contains("optimizer changed"));

    // Renaming a layer: the weights follow the new name.
    const bp::NodeSpec first = doc.network().nodes[1];
    doc.setNodeName(first.id, "hidden");
    QVERIFY(doc.weights().count("hidden.weight") == 1);
    QCOMPARE(doc.weights().at("hidden.weight"), paused.at(first.name + ".weight"));

    // A dataset of the same shape: the weights stay, the curves start a new history.
    bp::DatasetSpec data = doc.datasetSpec();
    data.toy = bp::ToyKind::Xor;
    doc.setDatasetSpec(data);
    QVERIFY(!doc.weights().empty());
    QSignalSpy cleared(&ctrl, &TrainingController::historyCleared);
    QSignalSpy more(&ctrl, &TrainingController::epochFinished);
    ctrl.start();
    QTRY_VERIFY_WITH_TIMEOUT(more.count() >= 1, 30000);
    QCOMPARE(more.at(0).at(0).value<bp::EpochRecord>().epoch, 1);
    QVERIFY(cleared.count() >= 1);
    ctrl.stop();
  }

  void unusableWeightsAreShelvedAndUndoBringsThemBack() {
    ProjectDocument doc;
    doc.reset(small_project(2), QString());
    TrainingController ctrl(&doc);
    run_to_finish(ctrl);
    const bp::WeightMap trained = doc.weights();
    QVERIFY(!trained.empty());
    QSignalSpy shelved(&doc, &ProjectDocument::weightsShelved);
    const bp::NodeSpec hidden = doc.network().nodes[1];
    bp::LayerParams wider = hidden.params;
    wider.out_features = 9;
    doc.setNodeParams(hidden.id, wider);
    QVERIFY(doc.weights().empty());
    QCOMPARE(shelved.count(), 1);
    doc.setNodeParams(hidden.id, hidden.params);  // what Undo does
    QVERIFY(bitwise_equal(doc.weights(), trained));
    QCOMPARE(doc.trainState()->epoch, 2);
  }

  void savedProjectReopensWithItsWeights() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/trained.json").toStdString();
    bp::Project saved;
    {
      ProjectDocument doc;
      doc.reset(small_project(4), QString());
      TrainingController ctrl(&doc);
      run_to_finish(ctrl);
      bp::write_project(doc.project(), path);
      saved = doc.project();
    }
    ProjectDocument doc;
    doc.reset(bp::read_project(path), QString::fromStdString(path));
    TrainingController ctrl(&doc);
    QSignalSpy snaps(&ctrl, &TrainingController::snapshotReady);
    ctrl.preview();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 1, 10000);
    QVERIFY(bitwise_equal(ctrl.lastSnapshot()->weights, saved.weights));
    QCOMPARE(ctrl.lastSnapshot()->epoch, 4);
    QCOMPARE(ctrl.history().size(), size_t{4});
    QVERIFY(!doc.isModified());  // nothing to save over the trained file

    // What the studio shows for the reopened weights (its confusion matrix) agrees with what
    // `backprop evaluate` computes from the same file.
    const auto confusion = ctrl.lastSnapshot()->confusion;
    QVERIFY(confusion != nullptr);
    int64_t diagonal = 0;
    for (int c = 0; c < confusion->classes; ++c)
      diagonal += confusion->counts[static_cast<size_t>(c * confusion->classes + c)];
    bp::CpuBackend backend;
    const bp::Project reread = bp::read_project(path);
    const bp::DatasetSplits data = bp::load_dataset(reread.dataset);
    bp::Model model(reread.network, backend, 12345);  // another seed: weights come from the file
    model.params().from_host(backend, reread.weights);
    bp::Trainer trainer(model, data, reread.training);
    const bp::Metrics m =
        trainer.evaluate(confusion->split == "test" ? data.test : data.validation);
    QCOMPARE(confusion->samples, m.samples);
    QCOMPARE(static_cast<double>(diagonal) / static_cast<double>(m.samples), m.accuracy);
    QVERIFY(m.accuracy > 0.6);  // trained, not the 50 % of fresh weights
  }
};

QTEST_MAIN(TestWorkKept)
#include "test_work_kept.moc"
