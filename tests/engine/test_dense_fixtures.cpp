// PyTorch fixtures (tests/reference/make_dense_fixtures.py): the same small networks built as
// NetworkSpecs and run by bp::Model must reproduce torch's forward output, loss, dL/dinput,
// every parameter gradient, and the weights after 10 plain SGD steps, to 1e-5 relative.
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/graph/names.h"

using namespace bp;
using nlohmann::json;

namespace {

constexpr double kRtol = 1e-5;
constexpr double kAtol = 1e-6;  // floor for values near zero

std::string fixture_dir() {
  return std::string(BP_SOURCE_DIR) + "/tests/reference/fixtures";
}

Shape shape_of(const json& j) {
  Shape s;
  if (j.size() == 1) s = Shape{j[0].get<int64_t>()};
  if (j.size() == 2) s = Shape{j[0].get<int64_t>(), j[1].get<int64_t>()};
  if (j.size() == 3) s = Shape{j[0].get<int64_t>(), j[1].get<int64_t>(), j[2].get<int64_t>()};
  return s;
}

ActivationParams act_params(const json& n) {
  ActivationParams p;
  if (!n.contains("act")) return p;
  const json& a = n["act"];
  p.negative_slope = a.value("negative_slope", p.negative_slope);
  p.alpha = a.value("alpha", p.alpha);
  p.beta = a.value("beta", p.beta);
  p.threshold = a.value("threshold", p.threshold);
  return p;
}

NetworkSpec spec_from(const json& f) {
  NetworkSpec spec;
  for (const json& n : f["nodes"]) {
    NodeSpec node;
    node.id = n["id"].get<int>();
    node.name = n["name"].get<std::string>();
    node.kind = parse_node_kind(n["kind"].get<std::string>()).value();
    LayerParams& p = node.params;
    if (n.contains("input_shape")) p.input_shape = shape_of(n["input_shape"]);
    p.out_features = n.value("out_features", p.out_features);
    p.bias = n.value("bias", p.bias);
    if (n.contains("activation"))
      p.activation = parse_activation(n["activation"].get<std::string>()).value();
    p.act = act_params(n);
    p.num_parameters = n.value("num_parameters", p.num_parameters);
    p.pool_size = n.value("pool_size", p.pool_size);
    spec.nodes.push_back(node);
  }
  int edge_id = 1;
  for (const json& e : f["edges"])
    spec.edges.push_back({edge_id++, e[0].get<int>(), e[1].get<int>(), e[2].get<int>()});
  return spec;
}

std::map<std::string, std::vector<float>> named(const json& j) {
  std::map<std::string, std::vector<float>> out;
  for (auto it = j.begin(); it != j.end(); ++it)
    out[it.key()] = it.value().get<std::vector<float>>();
  return out;
}

// First mismatch, or empty.
std::string compare(const float* got, const std::vector<float>& want, const std::string& what) {
  for (size_t i = 0; i < want.size(); ++i) {
    const double a = got[i], b = want[i];
    if (!(std::fabs(a - b) <= kRtol * std::fabs(b) + kAtol))
      return what + "[" + std::to_string(i) + "]: engine " + std::to_string(a) + " vs torch " +
             std::to_string(b);
  }
  return {};
}

}  // namespace

class TestDenseFixtures : public QObject {
  Q_OBJECT

 private slots:
  void fixture_data() {
    QTest::addColumn<QString>("path");
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(fixture_dir())) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("dense_", 0) == 0 && entry.path().extension() == ".json")
        paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    QVERIFY2(paths.size() >= 10, "expected the dense fixtures under tests/reference/fixtures");
    for (const auto& p : paths)
      QTest::newRow(std::filesystem::path(p).stem().string().c_str()) << QString::fromStdString(p);
  }

  void fixture() {
    QFETCH(QString, path);
    std::ifstream in(path.toStdString());
    QVERIFY(in.good());
    const json f = json::parse(in);

    CpuBackend backend;
    MemoryOps& mem = backend.memory();
    const NetworkSpec spec = spec_from(f);
    Model model(spec, backend, 123);
    model.set_keep_input_grad(true);
    model.params().from_host(backend, named(f["weights"]));
    QCOMPARE(model.params().entries().size(), f["weights"].size());

    const LossKind loss_kind = parse_loss_kind(f["loss"].get<std::string>()).value();
    LossParams lp;
    lp.delta = f["delta"].get<float>();
    const Shape xs = shape_of(f["input_shape"]);
    Tensor x = mem.empty(xs);
    const auto xv = f["input"].get<std::vector<float>>();
    mem.upload(xv.data(), x);
    Tensor target = mem.empty(shape_of(f["target_shape"]));
    const auto tv = f["target"].get<std::vector<float>>();
    mem.upload(tv.data(), target);
    const Shape os = shape_of(f["output_shape"]);
    Tensor dout = mem.empty(os);

    // forward, loss, backward
    model.zero_grad();
    const Tensor& out = model.forward(x, Mode::Train);
    QCOMPARE(out.shape(), os);
    std::string err = compare(out.data(), f["output"].get<std::vector<float>>(), "output");
    QVERIFY2(err.empty(), err.c_str());
    const double loss = backend.dense().loss_forward_backward(loss_kind, lp, out, target, &dout);
    const double want_loss = f["loss_value"].get<double>();
    QVERIFY2(std::fabs(loss - want_loss) <= kRtol * std::fabs(want_loss) + kAtol,
             (std::to_string(loss) + " vs " + std::to_string(want_loss)).c_str());
    model.backward(dout);
    err =
        compare(model.input_grad().data(), f["input_grad"].get<std::vector<float>>(), "input_grad");
    QVERIFY2(err.empty(), err.c_str());
    for (const auto& [name, want] : named(f["grads"])) {
      const ParamEntry* e = model.params().find(name);
      QVERIFY2(e, name.c_str());
      err = compare(model.params().grad(*e).data(), want, "grad " + name);
      QVERIFY2(err.empty(), err.c_str());
    }

    // 10 plain SGD steps on the same batch: values -= lr * grads
    const float lr = f["lr"].get<float>();
    const int steps = f["steps"].get<int>();
    model.params().from_host(backend, named(f["weights"]));
    for (int s = 0; s < steps; ++s) {
      model.zero_grad();
      const Tensor& o = model.forward(x, Mode::Train);
      backend.dense().loss_forward_backward(loss_kind, lp, o, target, &dout);
      model.backward(dout);
      mem.axpy(-lr, model.params().grads(), model.params().values());
    }
    const auto after = model.params().to_host(backend);
    for (const auto& [name, want] : named(f["weights_after"])) {
      err =
          compare(after.at(name).data(), want, "after " + std::to_string(steps) + " steps " + name);
      QVERIFY2(err.empty(), err.c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestDenseFixtures)
#include "test_dense_fixtures.moc"
