// Checkpoints: training N epochs equals training K, saving weights + TrainState to a project
// file, reading it back into a new model and trainer, and training N - K more — bitwise, for an
// MLP with Adam + a cosine schedule + dropout (also when saved in the middle of an epoch) and
// for LeNet-5. Also: what a changed optimizer or schedule keeps, and malformed states.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/trainer.h"

using namespace bp;

namespace {

std::string example(const char* name) {
  return std::string(BP_SOURCE_DIR) + "/resources/examples/" + name;
}

// The spiral example with a dropout layer, Adam and a cosine schedule.
Project mlp_project() {
  Project p = read_project(example("spiral.json"));
  NodeSpec h1, drop, h2, out;
  h1.kind = h2.kind = out.kind = NodeKind::Linear;
  h1.params.out_features = h2.params.out_features = 16;
  h1.params.activation = h2.params.activation = Activation::Tanh;
  drop.kind = NodeKind::Dropout;
  drop.params.p = 0.2f;
  out.params.out_features = 2;
  p.network = make_sequential({2}, {h1, drop, h2, out});
  p.training.optimizer = default_optimizer_config(OptimizerKind::Adam);
  p.training.optimizer.lr = 0.01f;
  p.training.schedule.kind = ScheduleKind::CosineAnnealingLR;
  p.training.schedule.T_max = 5;
  p.training.batch_size = 16;
  p.training.seed = 11;
  p.weights.clear();
  p.training_state.reset();
  return p;
}

struct Outcome {
  std::map<std::string, std::vector<float>> weights;
  std::vector<EpochRecord> history;
};

// Trains `project` (continuing its weights and state when it has them) until `epochs` epochs
// are complete, or for `steps` steps when steps > 0; returns the project with the checkpoint.
Project train(const Project& project, const DatasetSplits& data, int epochs, int64_t steps = 0) {
  CpuBackend backend;
  Model model(project.network, backend, project.training.seed);
  if (!project.weights.empty()) model.params().from_host(backend, project.weights);
  Trainer trainer(model, data, project.training);
  if (project.training_state) {
    const auto notes = trainer.load_state(*project.training_state);
    if (!notes.empty()) throw Error("unexpected note: " + notes.front());
  }
  if (steps > 0) {
    for (int64_t i = 0; i < steps; ++i) trainer.step();
  } else {
    trainer.set_target_epoch(epochs);
    if (!trainer.run(nullptr, nullptr)) throw Error("diverged");
  }
  Project out = project;
  out.weights = model.params().to_host(backend);
  out.training_state = trainer.state();
  // Through the file format, as the CLI and the studio keep it.
  return parse_project(project_to_json(out), "checkpoint");
}

void expect_same_run(const Project& a, const Project& b) {
  QVERIFY(!a.weights.empty());
  QCOMPARE(a.weights.size(), b.weights.size());
  for (const auto& [name, values] : a.weights) {
    const auto& other = b.weights.at(name);
    QCOMPARE(other.size(), values.size());
    QVERIFY2(std::memcmp(values.data(), other.data(), values.size() * sizeof(float)) == 0,
             ("weights differ: " + name).c_str());
  }
  const auto& ha = a.training_state->history;
  const auto& hb = b.training_state->history;
  QCOMPARE(ha.size(), hb.size());
  for (size_t i = 0; i < ha.size(); ++i) {
    QCOMPARE(ha[i].epoch, hb[i].epoch);
    QCOMPARE(ha[i].train.loss, hb[i].train.loss);  // exact
    QCOMPARE(ha[i].train.accuracy, hb[i].train.accuracy);
    QCOMPARE(ha[i].validation.loss, hb[i].validation.loss);
    QCOMPARE(ha[i].lr, hb[i].lr);
  }
  QCOMPARE(a.training_state->step, b.training_state->step);
  QCOMPARE(a.training_state->optimizer, b.training_state->optimizer);
}

}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT
 private slots:
  void mlp_adam_cosine_dropout_continues_bitwise() {
    const Project p = mlp_project();
    const DatasetSplits data = load_dataset(p.dataset);
    const Project whole = train(p, data, 8);
    const Project half = train(p, data, 4);
    QCOMPARE(half.training_state->epoch, 4);
    const Project resumed = train(half, data, 8);
    expect_same_run(whole, resumed);
    // The schedule really moved (cosine) and the optimizer really has state.
    QVERIFY(whole.training_state->history.front().lr != whole.training_state->history.back().lr);
    QVERIFY(whole.training_state->optimizer->tensors.count("exp_avg_sq") == 1);
  }

  void saved_mid_epoch_continues_bitwise() {
    const Project p = mlp_project();
    const DatasetSplits data = load_dataset(p.dataset);
    const Project whole = train(p, data, 3);
    const Project partial = train(p, data, 0, 7 + 3 * 1);  // inside the first epoch
    QVERIFY(partial.training_state->cursor > 0);
    const Project resumed = train(partial, data, 3);
    expect_same_run(whole, resumed);
  }

  void lenet5_continues_bitwise() {
    Project p = read_project(example("lenet5-digits.json"));
    p.dataset.max_train = 600;
    p.dataset.max_test = 100;
    p.training.batch_size = 32;
    const DatasetSplits data = load_dataset(p.dataset);
    const Project whole = train(p, data, 2);
    const Project half = train(p, data, 1);
    expect_same_run(whole, train(half, data, 2));
  }

  void untrained_continuation_differs_from_fresh_start() {
    // Guards the test above: a trainer that re-initialized the model would not match.
    const Project p = mlp_project();
    const DatasetSplits data = load_dataset(p.dataset);
    Project half = train(p, data, 2);
    Project restarted = half;
    restarted.training_state.reset();
    restarted.weights.clear();
    const Project a = train(half, data, 4);
    const Project b = train(restarted, data, 2);
    QVERIFY(a.weights != b.weights);
  }

  void a_changed_optimizer_starts_fresh_buffers_from_the_current_weights() {
    Project p = mlp_project();
    const DatasetSplits data = load_dataset(p.dataset);
    const Project half = train(p, data, 2);
    Project sgd = half;
    sgd.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    sgd.training.optimizer.momentum = 0.9f;
    CpuBackend backend;
    Model model(sgd.network, backend, 999);  // another seed: the weights must come from the file
    model.params().from_host(backend, sgd.weights);
    Trainer trainer(model, data, sgd.training);
    const auto notes = trainer.load_state(*sgd.training_state);
    QCOMPARE(notes.size(), size_t{1});
    QVERIFY(QString::fromStdString(notes[0]).contains("optimizer changed"));
    QCOMPARE(trainer.epoch(), 2);
    QCOMPARE(trainer.history().size(), size_t{2});
    QCOMPARE(model.params().to_host(backend), half.weights);  // not re-initialized
  }

  void malformed_state_is_an_error_with_a_path() {
    Project p = mlp_project();
    const DatasetSplits data = load_dataset(p.dataset);
    const Project half = train(p, data, 1);
    std::string text = project_to_json(half);
    const auto at = text.find("\"exp_avg\": \"");
    QVERIFY(at != std::string::npos);
    text.insert(at + 12, "!!");
    try {
      parse_project(text, "bad.json");
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("training_state.optimizer.buffers.exp_avg"), e.what());
    }
  }

  void finite_divergence_stops_the_run() {
    Project p = mlp_project();
    p.training.optimizer = default_optimizer_config(OptimizerKind::SGD);
    p.training.optimizer.lr = 1e6f;
    p.training.schedule = ScheduleConfig{};
    p.network.nodes[2].kind = NodeKind::Activation;  // Identity instead of the dropout
    const DatasetSplits data = load_dataset(p.dataset);
    CpuBackend backend;
    Model model(p.network, backend, 3);
    Trainer trainer(model, data, p.training);
    trainer.set_target_epoch(20);
    QVERIFY(!trainer.run(nullptr, nullptr));
    QVERIFY2(QString::fromStdString(trainer.divergence_message()).contains("diverged"),
             trainer.divergence_message().c_str());
    QVERIFY(trainer.epoch() < 20);
  }
};

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
