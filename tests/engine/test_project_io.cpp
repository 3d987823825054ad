// Project format v1: round trips of every field, atomic writes, and each error message.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/graph/names.h"
#include "engine/io/atomic_write.h"
#include "engine/io/config_names.h"
#include "engine/io/project.h"

using namespace bp;
namespace fs = std::filesystem;

namespace {

NodeSpec node(int id, NodeKind kind, const std::string& name) {
  NodeSpec n;
  n.id = id;
  n.kind = kind;
  n.name = name;
  n.x = 10.5 * id;
  n.y = -3.25 * id;
  return n;
}

// A project that sets every field of every section to a non-default value.
Project full_project() {
  Project p;
  p.name = "everything";
  p.description = "uses \"every\" field\nof the format";
  NetworkSpec& net = p.network;
  NodeSpec in = node(1, NodeKind::Input, "input");
  in.params.input_shape = Shape{1, 28, 28};
  net.nodes.push_back(in);
  NodeSpec conv = node(2, NodeKind::Conv2d, "conv1");
  conv.params.out_channels = 6;
  conv.params.kernel = {5, 3};
  conv.params.stride = {2, 1};
  conv.params.padding = {2, 1};
  conv.params.dilation = {1, 2};
  conv.params.bias = false;
  conv.params.weight_init = {InitKind::KaimingNormal, 0, 0.1f, 1, 0, 1, 1, FanMode::FanOut,
                             Nonlinearity::ReLU};
  conv.params.bias_init.kind = InitKind::Constant;
  conv.params.bias_init.value = 0.125f;
  net.nodes.push_back(conv);
  NodeSpec lc = node(3, NodeKind::LocallyConnected2d, "local1");
  lc.params.out_channels = 4;
  lc.params.kernel = {3, 3};
  lc.params.stride = {2, 2};
  lc.params.padding = {1, 1};
  lc.params.weight_init.kind = InitKind::Uniform;
  lc.params.weight_init.a = -0.3f;
  lc.params.weight_init.b = 0.7f;
  net.nodes.push_back(lc);
  NodeSpec mp = node(4, NodeKind::MaxPool2d, "pool1");
  mp.params.kernel = {2, 2};
  mp.params.stride = {2, 2};
  mp.params.padding = {1, 0};
  net.nodes.push_back(mp);
  NodeSpec ap = node(5, NodeKind::AvgPool2d, "avgpool1");
  ap.params.kernel = {3, 3};
  ap.params.stride = {1, 1};
  ap.params.count_include_pad = false;
  net.nodes.push_back(ap);
  NodeSpec gap = node(6, NodeKind::AdaptiveAvgPool2d, "gap1");
  gap.params.output_size = {2, 3};
  net.nodes.push_back(gap);
  NodeSpec bn2 = node(7, NodeKind::BatchNorm2d, "bn1");
  bn2.params.eps = 1e-3f;
  bn2.params.momentum = 0.01f;
  bn2.params.affine = false;
  net.nodes.push_back(bn2);
  NodeSpec d2 = node(8, NodeKind::Dropout2d, "dropout2d1");
  d2.params.p = 0.2f;
  net.nodes.push_back(d2);
  net.nodes.push_back(node(9, NodeKind::Flatten, "flatten1"));
  NodeSpec fc = node(10, NodeKind::Linear, "fc1");
  fc.params.out_features = 33;
  fc.params.activation = Activation::LeakyReLU;
  fc.params.act.negative_slope = 0.2f;
  fc.params.weight_init.kind = InitKind::XavierUniform;
  fc.params.weight_init.gain = 1.7f;
  fc.params.bias_init.kind = InitKind::Normal;
  fc.params.bias_init.mean = 0.5f;
  fc.params.bias_init.std = 0.01f;
  fc.params.drop_connect = 0.3f;
  net.nodes.push_back(fc);
  NodeSpec act = node(11, NodeKind::Activation, "act1");
  act.params.activation = Activation::Softplus;
  act.params.act.beta = 2.0f;
  act.params.act.threshold = 15.0f;
  net.nodes.push_back(act);
  NodeSpec elu = node(12, NodeKind::Activation, "act2");
  elu.params.activation = Activation::ELU;
  elu.params.act.alpha = 0.7f;
  net.nodes.push_back(elu);
  NodeSpec prelu = node(13, NodeKind::PReLU, "prelu1");
  prelu.params.num_parameters = 33;
  prelu.params.prelu_init = 0.1f;
  net.nodes.push_back(prelu);
  NodeSpec maxout = node(14, NodeKind::Maxout, "maxout1");
  maxout.params.pool_size = 3;
  net.nodes.push_back(maxout);
  NodeSpec bn1 = node(15, NodeKind::BatchNorm1d, "bn2");
  bn1.params.momentum = 0.3f;
  net.nodes.push_back(bn1);
  NodeSpec ln = node(16, NodeKind::LayerNorm, "ln1");
  ln.params.eps = 1e-6f;
  net.nodes.push_back(ln);
  NodeSpec gd = node(17, NodeKind::GaussianDropout, "gdropout1");
  gd.params.p = 0.1f;
  net.nodes.push_back(gd);
  NodeSpec dr = node(18, NodeKind::Dropout, "dropout1");
  dr.params.p = 0.25f;
  net.nodes.push_back(dr);
  net.nodes.push_back(node(19, NodeKind::Add, "add1"));
  net.nodes.push_back(node(20, NodeKind::Concat, "concat1"));
  net.nodes.push_back(node(21, NodeKind::Softmax, "softmax1"));
  for (int i = 1; i < 21; ++i) net.edges.push_back({100 + i, i, i + 1, 0});
  net.edges.push_back({200, 18, 19, 1});
  net.edges.push_back({201, 10, 20, 1});

  TrainConfig& t = p.training;
  t.trainer = TrainerKind::Perceptron;
  t.loss = LossKind::HuberLoss;
  t.loss_params.delta = 0.5f;
  t.optimizer.kind = OptimizerKind::Adam;
  t.optimizer.lr = 3e-4f;
  t.optimizer.weight_decay = 1e-4f;
  t.optimizer.beta1 = 0.8f;
  t.optimizer.beta2 = 0.99f;
  t.optimizer.eps = 1e-7f;
  t.optimizer.amsgrad = true;
  t.optimizer.momentum = 0.9f;  // not Adam's: written because it differs from the default
  t.optimizer.rho = 0.5f;
  t.schedule.kind = ScheduleKind::ReduceLROnPlateau;
  t.schedule.factor = 0.5f;
  t.schedule.patience = 3;
  t.schedule.threshold = 1e-3f;
  t.schedule.cooldown = 2;
  t.schedule.min_lr = 1e-6f;
  t.schedule.step_size = 7;
  t.schedule.warmup_epochs = 5;
  t.schedule.warmup_start_factor = 0.1f;
  t.regularization.l1 = 1e-5f;
  t.regularization.l2 = 1e-4f;
  t.regularization.max_norm = 3.0f;
  t.regularization.clip_grad_norm = 1.0f;
  t.regularization.clip_grad_value = 0.5f;
  t.regularization.early_stopping = {true, 4, 1e-3f, false};
  t.epochs = 17;
  t.batch_size = 64;
  t.seed = 18446744073709551557ull;  // needs all 64 bits
  t.threads = 2;

  DatasetSpec& d = p.dataset;
  d.source = DatasetSource::IdxFolder;
  d.toy = ToyKind::GaussianBumps;
  d.samples = 321;
  d.noise = 0.25f;
  d.classes = 5;
  d.seed = 99;
  d.feature_x2 = d.feature_y2 = d.feature_xy = d.feature_sinx = d.feature_siny = true;
  d.standardize = true;
  d.train_fraction = 0.6f;
  d.validation_fraction = 0.2f;
  d.path = "/data/my idx";
  d.label_column = "species";
  d.csv_task = TaskKind::Regression;
  d.resize = 16;
  d.max_train = 320;
  d.max_test = 160;
  d.class_filter = {3, 1, 4};
  d.normalize = false;
  d.jitter = 0.05f;
  d.shift_pixels = 2;
  d.rotate_degrees = 10.0f;
  d.pixel_noise = 0.1f;
  // An IDX source keeps added points (labels are only checked against a toy set's classes).
  d.extra_points = {{0.1f, -2.5e-8f, 3.0f}, {3.4028235e38f, -0.0f, 0.5f}};

  // Weights for every parameter the network declares (when it can be built), with awkward floats.
  const std::vector<float> awkward{0.1f, -2.5e-8f, 3.4028235e38f, 1e-45f, -0.0f, 1.0f / 3.0f, 7.0f};
  auto shapes = parameter_shapes(p.network);
  if (shapes.empty()) shapes = {{"fc1.weight", Shape{6}}, {"fc1.bias", Shape{1}}};
  for (const auto& [name, shape] : shapes) {
    std::vector<float> v(static_cast<size_t>(shape.numel()));
    for (size_t i = 0; i < v.size(); ++i) v[i] = awkward[i % awkward.size()];
    p.weights[name] = v;
  }
  p.expected_test_accuracy = 0.97;
  p.expected_test_loss = 0.0125;
  return p;
}

Project minimal_project() {
  Project p;
  p.name = "xor";
  NodeSpec fc;
  fc.kind = NodeKind::Linear;
  fc.params.out_features = 2;
  p.network = make_sequential(Shape{2}, {fc});
  return p;
}

QString error_of(const std::string& text, const std::string& origin = "spiral.json") {
  try {
    parse_project(text, origin);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return "(no error)";
}

// The minimal project's JSON with one section replaced (for the error cases).
std::string with(const std::string& key, const std::string& value_json) {
  auto j = nlohmann::json::parse(project_to_json(minimal_project()));
  j[key] = nlohmann::json::parse(value_json);
  return j.dump(2);
}

}  // namespace

class TestProjectIo : public QObject {
  Q_OBJECT
 private slots:
  void round_trip_every_field() {
    const Project p = full_project();
    const std::string text = project_to_json(p);
    const Project q = parse_project(text);
    QVERIFY(q.network == p.network);
    QVERIFY(q.training == p.training);
    QVERIFY(q.dataset == p.dataset);
    QVERIFY(q.weights == p.weights);
    QVERIFY(q == p);
    QCOMPARE(project_to_json(q), text);  // stable text too
  }

  void round_trip_every_kind_and_name() {
    for (auto kind : all_optimizer_kinds()) {
      Project p = minimal_project();
      p.training.optimizer = io_defaults(kind);
      p.training.optimizer.lr = 0.0123f;
      QVERIFY2(parse_project(project_to_json(p)) == p, to_string(kind).c_str());
    }
    for (auto kind : all_schedule_kinds()) {
      Project p = minimal_project();
      p.training.schedule.kind = kind;
      p.training.schedule.gamma = 0.77f;
      QVERIFY2(parse_project(project_to_json(p)) == p, to_string(kind).c_str());
    }
    for (auto source : all_dataset_sources())
      for (auto toy : all_toy_kinds()) {
        Project p = minimal_project();
        p.dataset.source = source;
        p.dataset.toy = toy;
        QVERIFY(parse_project(project_to_json(p)) == p);
      }
    for (auto kind : all_init_kinds()) {
      Project p = minimal_project();
      p.network.nodes[1].params.weight_init.kind = kind;
      p.network.nodes[1].params.weight_init.gain = 2.0f;
      p.network.nodes[1].params.weight_init.a = 0.5f;
      // Keys an init kind does not use are not written: only compare the ones it does.
      const Project q = parse_project(project_to_json(p));
      QCOMPARE(q.network.nodes[1].params.weight_init.kind, kind);
    }
  }

  void floats_round_trip_exactly() {
    Project p = minimal_project();
    Rng rng(42);
    std::vector<float> w;
    for (int i = 0; i < 5000; ++i) {
      uint32_t bits = static_cast<uint32_t>(rng.next_u64());
      float f;
      std::memcpy(&f, &bits, sizeof f);
      if (std::isfinite(f)) w.push_back(f);
      w.push_back(rng.normal() * 0.1f);
    }
    w.push_back(std::numeric_limits<float>::denorm_min());
    w.push_back(std::numeric_limits<float>::max());
    w.push_back(std::numeric_limits<float>::lowest());
    p.network = NetworkSpec{};  // no network: the weights' shapes are not checked
    p.weights["fc1.weight"] = w;
    const Project q = parse_project(project_to_json(p));
    QCOMPARE(q.weights.at("fc1.weight").size(), w.size());
    for (size_t i = 0; i < w.size(); ++i)
      QVERIFY2(std::memcmp(&q.weights.at("fc1.weight")[i], &w[i], sizeof(float)) == 0,
               std::to_string(w[i]).c_str());
    // Short numbers stay short: 0.1f is written as 0.1, not 0.10000000149011612.
    Project s = minimal_project();
    s.weights["fc1.bias"] = {0.1f, 0.2f};
    s.weights["fc1.weight"] = {1, 2, 3, 4};
    QVERIFY(project_to_json(s).find("[0.1, 0.2]") != std::string::npos);
  }

  void non_finite_weights_are_refused() {
    Project p = minimal_project();
    p.weights["fc1.bias"] = {1.0f, std::nanf("")};
    try {
      project_to_json(p);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("fc1.bias[1] is not a finite number"));
    }
  }

  void extra_points_round_trip_and_are_omitted_when_empty() {
    Project p = minimal_project();
    QVERIFY(project_to_json(p).find("extra_points") == std::string::npos);
    p.dataset.toy = ToyKind::Spiral;
    p.dataset.classes = 3;
    p.dataset.extra_points = {{1.5f, -2.0f, 2.0f}, {0.1f, 1.0f / 3.0f, 0.0f}};
    const std::string text = project_to_json(p);
    QVERIFY2(text.find("\"extra_points\": [\n      [1.5, -2, 2],") != std::string::npos,
             text.c_str());
    const Project q = parse_project(text);
    QCOMPARE(q.dataset.extra_points, p.dataset.extra_points);
    QVERIFY(q == p);
    // Regression toys take any finite target; other sources keep their points untouched.
    p.dataset.toy = ToyKind::Plane;
    p.dataset.extra_points = {{1.0f, 2.0f, -0.37f}};
    QVERIFY(parse_project(project_to_json(p)) == p);
    p.dataset.source = DatasetSource::Csv;
    p.dataset.extra_points = {{1.0f, 2.0f, 7.0f}};
    QVERIFY(parse_project(project_to_json(p)) == p);
    // Saving refuses what it could not read back.
    p.dataset.extra_points = {{1.0f, std::numeric_limits<float>::infinity(), 0.0f}};
    try {
      project_to_json(p);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("dataset.extra_points[0]"), e.what());
    }
  }

  void bad_extra_points_are_named_with_their_path() {
    // The minimal project's dataset is the default toy spiral with 2 classes.
    auto bad = [](const char* points) {
      return error_of(
          with("dataset", std::string(R"({"source": "toy", "extra_points": )") + points + "}"));
    };
    QString msg = bad("5");
    QVERIFY2(msg.contains("spiral.json: dataset.extra_points: expected an array of [x, y, label] "
                          "points, got 5"),
             qPrintable(msg));
    msg = bad("[[1, 2, 0], [1, 2]]");
    QVERIFY2(msg.contains("dataset.extra_points[1]: expected [x, y, label] (three numbers), got "
                          "an array"),
             qPrintable(msg));
    msg = bad(R"([[1, "a", 0]])");
    QVERIFY2(msg.contains("dataset.extra_points[0]: expected [x, y, label]"), qPrintable(msg));
    msg = bad("[[1, 2, null]]");
    QVERIFY2(msg.contains("dataset.extra_points[0]: expected [x, y, label]"), qPrintable(msg));
    msg = bad("[[1e39, 2, 0]]");
    QVERIFY2(msg.contains("dataset.extra_points[0]: the number 1e+39 is too large for a float"),
             qPrintable(msg));
    msg = bad("[[0, 0, 1], [1, 2, 2]]");
    QVERIFY2(msg.contains("dataset.extra_points[1]: the label 2 is not a class of the toy set "
                          "'spiral' (class indices 0..1)"),
             qPrintable(msg));
    QVERIFY(bad("[[1, 2, 0.5]]").contains("dataset.extra_points[0]: the label 0.5 is not a class"));
    QVERIFY(bad("[[1, 2, -1]]").contains("dataset.extra_points[0]: the label -1 is not a class"));
    // The label is checked against the classes the file sets, whatever the key order.
    const std::string three =
        with("dataset", R"({"extra_points": [[0, 0, 2]], "toy": "spiral", "classes": 3})");
    QCOMPARE(parse_project(three).dataset.extra_points.size(), size_t{1});
    msg = error_of(
        with("dataset", R"({"extra_points": [[0, 0, 2]], "toy": "circle", "classes": 3})"));
    QVERIFY2(msg.contains("dataset.extra_points[0]: the label 2 is not a class of the toy set "
                          "'circle' (class indices 0..1)"),
             qPrintable(msg));
    msg = error_of(with("dataset", R"({"class_filter": [2, 0], "extra_points": [[0, 0, 2]],
                                       "toy": "spiral", "classes": 3})"));
    QVERIFY2(msg.contains("(class indices 0..1)"), qPrintable(msg));
  }

  void missing_keys_take_defaults() {
    const Project p = parse_project(
        R"({"format": "backprop-studio-project", "version": 1,
            "training": {"optimizer": {"kind": "Adam"}},
            "network": {"nodes": [{"id": 1, "kind": "Input"},
                                  {"id": 2, "kind": "MaxPool2d", "params": {"kernel_size": 2}}],
                        "edges": [{"from": 1, "to": 2}]}})");
    QCOMPARE(p.training.optimizer.lr, 1e-3f);  // torch's Adam default
    QCOMPARE(p.training.epochs, TrainConfig{}.epochs);
    QCOMPARE(p.dataset, DatasetSpec{});
    QCOMPARE(p.network.nodes[0].name, std::string("input1"));
    QCOMPARE(p.network.nodes[1].params.kernel, (std::array<int, 2>{2, 2}));
    QCOMPARE(p.network.nodes[1].params.stride, (std::array<int, 2>{2, 2}));  // torch: = kernel
    QCOMPARE(p.network.edges[0].to_port, 0);
  }

  void atomic_write_leaves_no_temp_file() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("model.json").toStdString();
    write_project(full_project(), path);
    write_project(minimal_project(), path);  // replaces
    QVERIFY(read_project(path) == minimal_project());
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir.path().toStdString())) {
      ++files;
      QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, e.path().c_str());
    }
    QCOMPARE(files, 1);
  }

  void failed_write_keeps_the_old_file_and_no_temp() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.json").toStdString();
    write_project(minimal_project(), path);
    const std::string before = project_to_json(minimal_project());
    // The target's directory does not exist: nothing is created anywhere.
    QVERIFY_THROWS_EXCEPTION(
        Error, write_project(full_project(), dir.filePath("no/such/x.json").toStdString()));
    // The target is a directory: the rename fails after the temp file was written; the temp
    // file is removed and the directory untouched.
    const std::string as_dir = dir.filePath("taken").toStdString();
    fs::create_directory(as_dir);
    fs::create_directory(as_dir + "/inside");
    try {
      atomic_write_file(as_dir, "{}");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("taken"));
    }
    QVERIFY(fs::is_directory(as_dir + "/inside"));
    for (const auto& e : fs::directory_iterator(dir.path().toStdString()))
      QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, e.path().c_str());
    std::ifstream in(path);
    std::string now((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QCOMPARE(now, before);
  }

  void bad_json_names_line_and_column() {
    const QString msg =
        error_of("{\n  \"format\": \"backprop-studio-project\",\n  \"version\": 1,,\n}");
    QVERIFY2(msg.startsWith("spiral.json: line 3, column 16"), qPrintable(msg));
    QVERIFY2(msg.contains("not valid JSON"), qPrintable(msg));
    QVERIFY(error_of("").contains("line 1, column 1"));
  }

  void unknown_key_is_named_with_path_and_hint() {
    auto j = nlohmann::json::parse(project_to_json(minimal_project()));
    j["network"]["nodes"][1]["params"]["out_feature"] = 3;
    const QString msg = error_of(j.dump());
    QCOMPARE(msg,
             QString("spiral.json: network.nodes[1].params: unknown key 'out_feature' (did you "
                     "mean 'out_features'?)"));
    QVERIFY(error_of(with("trainig", "{}"))
                .contains("(top level): unknown key 'trainig' (did you mean 'training'?)"));
    // A key of another layer kind is unknown for this one.
    j = nlohmann::json::parse(project_to_json(minimal_project()));
    j["network"]["nodes"][1]["params"]["kernel_size"] = 3;
    QVERIFY(error_of(j.dump()).contains("network.nodes[1].params: unknown key 'kernel_size'"));
  }

  void unknown_enum_is_named() {
    QString msg = error_of(with("training", R"({"optimizer": {"kind": "Adamm"}})"));
    QVERIFY2(msg.startsWith("spiral.json: training.optimizer.kind: unknown name 'Adamm' (did you "
                            "mean 'Adam'?)"),
             qPrintable(msg));
    msg = error_of(with("dataset", R"({"source": "toy", "toy": "spirals"})"));
    QVERIFY2(msg.contains("dataset.toy: unknown name 'spirals' (did you mean 'spiral'?)"),
             qPrintable(msg));
    auto j = nlohmann::json::parse(project_to_json(minimal_project()));
    j["network"]["nodes"][1]["kind"] = "Dense";
    msg = error_of(j.dump());
    QVERIFY2(
        msg.contains("network.nodes[1].kind: unknown name 'Dense'") && msg.contains("'Linear'"),
        qPrintable(msg));
    msg = error_of(with("training", R"({"loss": "CrossEntropy"})"));
    QVERIFY2(msg.contains("training.loss: unknown name 'CrossEntropy'"), qPrintable(msg));
  }

  void wrong_version_and_format() {
    QString msg = error_of(with("version", "2"));
    QVERIFY2(msg.contains("version: unsupported format version 2") && msg.contains("newer"),
             qPrintable(msg));
    QVERIFY(error_of(with("version", "0")).contains("unsupported format version 0"));
    QVERIFY(
        error_of(with("format", "\"something-else\"")).contains("not a Backprop Studio project"));
    QVERIFY(error_of("[1, 2]").contains("not a Backprop Studio project"));
  }

  void weight_size_mismatch() {
    const QString msg =
        error_of(with("weights", R"({"fc1.weight": {"shape": [2, 2], "data": [1, 2, 3]}})"));
    QVERIFY2(msg.contains("weights.fc1.weight: size mismatch: shape [2, 2] needs 4 values, 'data' "
                          "has 3"),
             qPrintable(msg));
    QVERIFY(error_of(with("weights", R"({"fc1.bias": {"shape": [2], "data": [1, "x"]}})"))
                .contains("not a number"));
    // Checked against the network: the minimal project is Linear(2 -> 2).
    QVERIFY(!parameter_shapes(minimal_project().network).empty());
    QString m2 =
        error_of(with("weights", R"({"fc1.weight": {"shape": [4], "data": [1, 2, 3, 4]}})"));
    QVERIFY2(m2.contains("weights.fc1.weight: size mismatch: shape [4] does not match the "
                         "network's [2, 2]"),
             qPrintable(m2));
    m2 = error_of(with("weights", R"({"fc9.weight": {"shape": [1], "data": [1]}})"));
    QVERIFY2(m2.contains("the network has no parameter named 'fc9.weight'"), qPrintable(m2));
  }

  void wrong_types_and_bad_structure() {
    QVERIFY(error_of(with("training", R"({"epochs": "ten"})"))
                .contains("training.epochs: expected an integer, got \"ten\""));
    QVERIFY(error_of(with("training", R"({"batch_size": 0})")).contains("training.batch_size"));
    auto j = nlohmann::json::parse(project_to_json(minimal_project()));
    j["network"]["edges"][0]["to"] = 42;
    QVERIFY(error_of(j.dump()).contains("network.edges[0].to: no node has id 42"));
    j = nlohmann::json::parse(project_to_json(minimal_project()));
    j["network"]["nodes"][1]["id"] = 1;
    QVERIFY(error_of(j.dump()).contains("network.nodes[1].id: another node already has id 1"));
  }

  void every_example_parses_and_round_trips() {
    int count = 0;
    for (const auto& e :
         fs::directory_iterator(std::string(BP_SOURCE_DIR) + "/resources/examples")) {
      if (e.path().extension() != ".json") continue;
      ++count;
      try {
        const Project p = read_project(e.path().string());
        QVERIFY2(!p.name.empty() && !p.description.empty(), e.path().c_str());
        QVERIFY2(p.expected_test_accuracy > 0.0 || p.expected_test_loss > 0.0, e.path().c_str());
        QVERIFY2(parse_project(project_to_json(p)) == p, e.path().c_str());
      } catch (const Error& err) {
        QFAIL(err.what());
      }
    }
    QVERIFY(count >= 15);
  }

  void read_missing_file() {
    try {
      read_project("/nonexistent/dir/project.json");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("cannot open project '/nonexistent/dir/project.json'"));
    }
  }

 private:
  static OptimizerConfig io_defaults(OptimizerKind kind) {
    OptimizerConfig c;
    c.kind = kind;
    return c;
  }
};

QTEST_APPLESS_MAIN(TestProjectIo)
#include "test_project_io.moc"
