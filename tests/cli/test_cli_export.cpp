// `backprop export --pytorch`: the generated script, run by PyTorch with the project's weights,
// computes what our engine computes (eval mode) for the example networks and for one network
// with every other layer kind. Needs python3 with torch (Debian's python3-torch, a test oracle:
// tests/common/oracle.h). Without torch it checks that the export runs and refuses a broken
// network, then fails under CI and skips visibly elsewhere.
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/rng.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/oracle.h"

using namespace bp;
using namespace bp::test;

namespace {

const char* kDriver = R"PY(import importlib.util, json, sys
import torch
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
model = m.load_weights(m.Net(), sys.argv[2]).eval()
x = torch.tensor(json.load(open(sys.argv[3])), dtype=torch.float32).reshape(-1, *m.INPUT_SHAPE)
with torch.no_grad():
    y = model(x)
json.dump(y.reshape(-1).tolist(), open(sys.argv[4], "w"))
)PY";

NodeSpec node(NodeKind kind, const std::string& name) {
  NodeSpec n;
  n.kind = kind;
  n.name = name;
  return n;
}

// Input (3, 8, 8) -> conv -> BatchNorm2d -> PReLU -> AvgPool(pad, no pad count) ->
// [Dropout2d | conv 1x1] Concat -> AdaptiveAvgPool -> Flatten -> Linear(SiLU) -> LayerNorm ->
// Linear -> Maxout -> BatchNorm1d -> GaussianDropout -> Dropout -> Linear(LeakyReLU) -> Softmax
NetworkSpec every_kind() {
  NetworkSpec net;
  auto add = [&](NodeSpec n, std::vector<int> from) {
    n.id = net.next_node_id();
    net.nodes.push_back(n);
    int port = 0;
    for (int f : from) net.edges.push_back({net.next_edge_id(), f, n.id, port++});
    return n.id;
  };
  NodeSpec in = node(NodeKind::Input, "input");
  in.params.input_shape = Shape{3, 8, 8};
  const int x = add(in, {});
  NodeSpec conv = node(NodeKind::Conv2d, "conv-a");
  conv.params.out_channels = 4;
  conv.params.kernel = {3, 3};
  conv.params.padding = {1, 1};
  const int c1 = add(conv, {x});
  const int bn = add(node(NodeKind::BatchNorm2d, "bn2"), {c1});
  NodeSpec prelu = node(NodeKind::PReLU, "prelu");
  prelu.params.num_parameters = 4;
  const int pr = add(prelu, {bn});
  NodeSpec avg = node(NodeKind::AvgPool2d, "avg");
  avg.params.kernel = {3, 3};
  avg.params.stride = {2, 2};
  avg.params.padding = {1, 1};
  avg.params.count_include_pad = false;
  const int ap = add(avg, {pr});
  const int d2 = add(node(NodeKind::Dropout2d, "drop2d"), {ap});
  NodeSpec one = node(NodeKind::Conv2d, "class");  // a Python keyword as a node name
  one.params.out_channels = 2;
  one.params.kernel = {1, 1};
  const int c2 = add(one, {ap});
  const int cat = add(node(NodeKind::Concat, "cat"), {d2, c2});
  NodeSpec ada = node(NodeKind::AdaptiveAvgPool2d, "ada");
  ada.params.output_size = {2, 2};
  const int ad = add(ada, {cat});
  const int fl = add(node(NodeKind::Flatten, "flat"), {ad});
  NodeSpec l1 = node(NodeKind::Linear, "fc1");
  l1.params.out_features = 12;
  l1.params.activation = Activation::SiLU;
  const int f1 = add(l1, {fl});
  const int ln = add(node(NodeKind::LayerNorm, "ln"), {f1});
  NodeSpec l2 = node(NodeKind::Linear, "fc2");
  l2.params.out_features = 12;
  const int f2 = add(l2, {ln});
  NodeSpec mo = node(NodeKind::Maxout, "maxout");
  mo.params.pool_size = 3;
  const int mx = add(mo, {f2});
  const int b1 = add(node(NodeKind::BatchNorm1d, "bn1"), {mx});
  const int gd = add(node(NodeKind::GaussianDropout, "gauss"), {b1});
  const int dr = add(node(NodeKind::Dropout, "drop"), {gd});
  NodeSpec l3 = node(NodeKind::Linear, "3out");  // starts with a digit
  l3.params.out_features = 5;
  l3.params.activation = Activation::LeakyReLU;
  const int f3 = add(l3, {dr});
  add(node(NodeKind::Softmax, "softmax"), {f3});
  return net;
}

}  // namespace

class TestCliExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  // Writes `network` with perturbed initial weights, exports it, and compares PyTorch's output
  // on a fixed batch with ours.
  void compare(const QString& label, const NetworkSpec& network, bool torch) {
    CpuBackend backend;
    Model model(network, backend, 3);
    Project p;
    p.name = label.toStdString();
    p.network = network;
    p.weights = model.params().to_host(backend);
    Rng rng(11);
    for (auto& [name, values] : p.weights)
      for (float& v : values)
        v = name.find("running_var") != std::string::npos ? rng.uniform(0.5f, 1.5f)
                                                          : v + rng.uniform(-0.2f, 0.2f);
    model.params().from_host(backend, p.weights);
    const QString project = tmp_.filePath(label + ".json"), script = tmp_.filePath(label + ".py");
    write_project(p, project.toStdString());
    const CliResult r = run_cli({"export", project, "--pytorch", script});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(script));
    if (!torch) return;

    const Shape in = model.input_shape();
    const int64_t batch = 3;
    Tensor x = Tensor::cpu(in.with_batch(batch));
    QJsonArray xs;
    for (int64_t i = 0; i < x.numel(); ++i) {
      x.data()[i] = std::sin(0.37f * static_cast<float>(i)) * 1.5f;
      xs.append(static_cast<double>(x.data()[i]));
    }
    const Tensor& y = model.forward(x, Mode::Eval);
    QFile xf(tmp_.filePath(label + "-x.json"));
    QVERIFY(xf.open(QIODevice::WriteOnly));
    xf.write(QJsonDocument(xs).toJson());
    xf.close();
    QFile driver(tmp_.filePath("driver.py"));
    QVERIFY(driver.open(QIODevice::WriteOnly));
    driver.write(kDriver);
    driver.close();
    QProcess py;
    const QString yf = tmp_.filePath(label + "-y.json");
    py.start("/usr/bin/python3", {driver.fileName(), script, project, xf.fileName(), yf});
    QVERIFY(py.waitForFinished(120000));
    QVERIFY2(py.exitCode() == 0, qPrintable(label + ": " + py.readAllStandardError()));
    const QJsonArray ys = QJsonDocument::fromJson(read_text(yf).toUtf8()).array();
    QCOMPARE(static_cast<int64_t>(ys.size()), y.numel());
    double worst = 0.0, scale = 1e-6;
    for (int64_t i = 0; i < y.numel(); ++i) {
      worst = std::max(worst, std::fabs(ys[static_cast<int>(i)].toDouble() - y.data()[i]));
      scale = std::max(scale, std::fabs(static_cast<double>(y.data()[i])));
    }
    QVERIFY2(worst <= 1e-4 * scale,
             qPrintable(QString("%1: PyTorch differs from the engine by %2 (scale %3)")
                            .arg(label)
                            .arg(worst)
                            .arg(scale)));
  }

 private slots:
  void pytorch_code_computes_what_the_engine_computes() {
    const bool torch = python_imports({"torch"});
    for (const char* name : {"spiral", "xor", "mlp-digits", "lenet5-digits", "residual-cnn-digits",
                             "lecun1989-net3", "lecun1989-net4", "lecun1989-net5"})
      compare(name, read_project(example_path(name).toStdString()).network, torch);
    compare("every-kind", every_kind(), torch);
    BP_REQUIRE_ORACLE(torch, "PyTorch for /usr/bin/python3", "python3-torch");
  }

  void broken_network_is_refused() {
    Project p = read_project(example_path("lenet5-digits").toStdString());
    for (auto& n : p.network.nodes)
      if (n.kind == NodeKind::Flatten) n.kind = NodeKind::Softmax;  // Linear fed an image
    const QString project = tmp_.filePath("broken.json");
    write_project(p, project.toStdString());
    const CliResult r = run_cli({"export", project, "--pytorch", tmp_.filePath("broken.py")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY(!QFile::exists(tmp_.filePath("broken.py")));
    const CliResult usage = run_cli({"export", project});
    QCOMPARE(usage.exit_code, 2);
    QVERIFY2(usage.err.contains("--pytorch"), qPrintable(describe(usage)));
  }
};

BP_ORACLE_TEST_MAIN(TestCliExport)
#include "test_cli_export.moc"
