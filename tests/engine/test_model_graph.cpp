// bp::Model on DAGs (skip connection into Add, a Concat fed twice by one producer, fan-out to
// three consumers): the whole-model gradient (parameters and input) matches central finite
// differences; gradients accumulate across backward calls; batch sizes can change.
#include <QtTest>
#include <cmath>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/rng.h"
#include "engine/graph/model.h"
#include "engine/graph/shape_inference.h"

using namespace bp;

namespace {

NodeSpec make_node(int id, NodeKind kind, const char* name) {
  NodeSpec n;
  n.id = id;
  n.kind = kind;
  n.name = std::string(name);
  return n;
}

// x(3) -> fc1(4, tanh) -> fc2(3); add = x + fc2; concat(add, fc1, fc1) (11) -> fc3(2, sigmoid)
NetworkSpec skip_network() {
  NetworkSpec s;
  NodeSpec in = make_node(1, NodeKind::Input, "input");
  in.params.input_shape = Shape{3};
  NodeSpec fc1 = make_node(2, NodeKind::Linear, "fc1");
  fc1.params.out_features = 4;
  fc1.params.activation = Activation::Tanh;
  NodeSpec fc2 = make_node(3, NodeKind::Linear, "fc2");
  fc2.params.out_features = 3;
  NodeSpec add = make_node(4, NodeKind::Add, "add");
  NodeSpec cat = make_node(5, NodeKind::Concat, "concat");
  NodeSpec fc3 = make_node(6, NodeKind::Linear, "fc3");
  fc3.params.out_features = 2;
  fc3.params.activation = Activation::Sigmoid;
  s.nodes = {in, fc1, fc2, add, cat, fc3};
  s.edges = {{1, 1, 2, 0}, {2, 2, 3, 0}, {3, 1, 4, 0}, {4, 3, 4, 1},
             {5, 4, 5, 0}, {6, 2, 5, 1}, {7, 2, 5, 2}, {8, 5, 6, 0}};
  return s;
}

double weighted_sum(const Tensor& out, const Tensor& r) {
  double s = 0;
  for (int64_t i = 0; i < out.numel(); ++i) s += static_cast<double>(out.data()[i]) * r.data()[i];
  return s;
}

void fill(Tensor& t, Rng& rng, float lo = -1.0f, float hi = 1.0f) {
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.uniform(lo, hi);
}

}  // namespace

class TestModelGraph : public QObject {
  Q_OBJECT

 private slots:
  void spec_is_valid() {
    const ShapeReport report = infer_shapes(skip_network());
    QVERIFY(report.ok());
    QCOMPARE(*report.nodes.at(5).output, (Shape{11}));
    QCOMPARE(report.total_parameters, int64_t{(3 * 4 + 4) + (4 * 3 + 3) + (11 * 2 + 2)});
  }

  // The input gradient can be switched on for one pass (the studio's saliency) and off again,
  // with batch sizes growing in between.
  void input_grad_toggles_across_batch_sizes() {
    CpuBackend backend;
    Model model(skip_network(), backend, 7);
    Rng rng(5);
    for (const int64_t batch : {2, 9, 40, 3, 100}) {
      Tensor x = Tensor::cpu({batch, 3}), r = Tensor::cpu({batch, 2});
      fill(x, rng, -2.0f, 2.0f);
      fill(r, rng);
      const bool keep = batch % 2 == 1;
      model.set_keep_input_grad(keep);
      model.zero_grad();
      model.forward(x, Mode::Train);
      model.backward(r);
      if (keep) QCOMPARE(model.input_grad().shape(), x.shape());
    }
  }

  void whole_model_gradient_matches_finite_differences() {
    CpuBackend backend;
    Model model(skip_network(), backend, 7);
    model.set_keep_input_grad(true);
    Rng rng(3);
    const int64_t batch = 5;
    Tensor x = Tensor::cpu({batch, 3}), r = Tensor::cpu({batch, 2});
    fill(x, rng, -2.0f, 2.0f);
    fill(r, rng);

    model.zero_grad();
    model.forward(x, Mode::Train);
    model.backward(r);
    const Tensor analytic_input = model.input_grad();
    std::vector<float> dx(analytic_input.data(), analytic_input.data() + analytic_input.numel());
    Tensor& grads = model.params().grads();
    std::vector<float> dparams(grads.data(), grads.data() + grads.numel());

    auto loss = [&]() { return weighted_sum(model.forward(x, Mode::Train), r); };
    const float eps = 1e-2f;
    auto check = [&](float* v, float analytic, const std::string& what) {
      const float saved = *v;
      *v = saved + eps;
      const double lp = loss();
      *v = saved - eps;
      const double lm = loss();
      *v = saved;
      const double numeric = (lp - lm) / (2.0 * eps);
      QVERIFY2(std::fabs(numeric - analytic) <= 1e-3 + 1e-2 * std::fabs(numeric),
               (what + ": analytic " + std::to_string(analytic) + " vs numeric " +
                std::to_string(numeric))
                   .c_str());
    };
    Tensor& values = model.params().values();
    QCOMPARE(values.numel(), int64_t{55});
    for (int64_t i = 0; i < values.numel(); ++i)
      check(values.data() + i, dparams[static_cast<size_t>(i)], "param " + std::to_string(i));
    for (int64_t i = 0; i < x.numel(); ++i)
      check(x.data() + i, dx[static_cast<size_t>(i)], "input " + std::to_string(i));
    // every parameter received some gradient (the graph is fully connected)
    for (const auto& e : model.params().entries()) {
      const Tensor g = model.params().grad(e);
      double s = 0;
      for (int64_t i = 0; i < g.numel(); ++i) s += std::fabs(g.data()[i]);
      QVERIFY2(s > 0, e.name.c_str());
    }
  }

  void gradients_accumulate_until_zero_grad() {
    CpuBackend backend;
    Model model(skip_network(), backend, 11);
    Rng rng(4);
    Tensor x = Tensor::cpu({3, 3}), r = Tensor::cpu({3, 2});
    fill(x, rng);
    fill(r, rng);
    model.zero_grad();
    model.forward(x, Mode::Train);
    model.backward(r);
    std::vector<float> once(model.params().grads().data(),
                            model.params().grads().data() + model.params().grads().numel());
    model.forward(x, Mode::Train);
    model.backward(r);
    for (size_t i = 0; i < once.size(); ++i)
      QVERIFY(std::fabs(model.params().grads().data()[i] - 2.0f * once[i]) <=
              1e-6f + 1e-5f * std::fabs(once[i]));
    model.zero_grad();
    for (int64_t i = 0; i < model.params().grads().numel(); ++i)
      QCOMPARE(model.params().grads().data()[i], 0.0f);
  }

  void batch_size_can_change() {
    CpuBackend backend;
    Model model(skip_network(), backend, 5);
    Rng rng(6);
    Tensor big = Tensor::cpu({7, 3});
    fill(big, rng);
    std::vector<float> all(14);
    const Tensor& out7 = model.forward(big, Mode::Eval);
    std::copy(out7.data(), out7.data() + 14, all.begin());
    for (int64_t row : {0, 3, 6}) {
      Tensor one = big.narrow_batch(row, 1);
      const Tensor& out1 = model.forward(one, Mode::Eval);
      QCOMPARE(out1.shape(), (Shape{1, 2}));
      for (int j = 0; j < 2; ++j)
        QVERIFY(std::fabs(out1.data()[j] - all[static_cast<size_t>(row * 2 + j)]) < 1e-6f);
    }
    QCOMPARE(model.forward(big, Mode::Eval).shape(), (Shape{7, 2}));
  }

  void same_seed_same_weights() {
    CpuBackend backend;
    Model a(skip_network(), backend, 42), b(skip_network(), backend, 42),
        c(skip_network(), backend, 43);
    QVERIFY(a.params().to_host(backend) == b.params().to_host(backend));
    QVERIFY(a.params().to_host(backend) != c.params().to_host(backend));
  }

  void linear_rejects_images() {
    NetworkSpec s;
    NodeSpec in = make_node(1, NodeKind::Input, "input");
    in.params.input_shape = Shape{6, 14, 14};
    NodeSpec fc = make_node(2, NodeKind::Linear, "fc1");
    s.nodes = {in, fc};
    s.edges = {{1, 1, 2, 0}};
    const ShapeReport report = infer_shapes(s);
    QVERIFY(!report.ok());
    const auto msgs = report.messages_for(2);
    QCOMPARE(msgs.size(), size_t{1});
    QCOMPARE(QString::fromStdString(msgs[0]),
             QString("Linear expects a flat input (D), got (6, 14, 14): insert a Flatten"));
  }
};

QTEST_APPLESS_MAIN(TestModelGraph)
#include "test_model_graph.moc"
