// 20 optimizer steps on a small MLP (Linear 3->5, Tanh, Linear 5->2, CrossEntropyLoss; fixed
// weights and data) for every optimizer, against PyTorch 1.13: the loss before each step and
// every parameter after each step.
#include <QtTest>
#include <memory>

#include "engine/graph/model.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

class TestOptimMlpFixtures : public QObject {
  Q_OBJECT
 private slots:
  void matches_torch_for_every_optimizer() {
    const auto fx = load_fixture("optim_mlp.json");
    CpuBackend backend;
    NodeSpec fc1, fc2;
    fc1.kind = fc2.kind = NodeKind::Linear;
    fc1.params.out_features = 5;
    fc1.params.activation = Activation::Tanh;
    fc2.params.out_features = 2;
    const NetworkSpec spec = make_sequential(Shape{3}, {fc1, fc2});
    const auto x_host = fx["x"].get<std::vector<float>>();  // (8, 3)
    const auto y_host = fx["y"].get<std::vector<float>>();  // (8)
    const auto init = fx["init"].get<std::vector<std::vector<float>>>();
    const auto shapes = fx["shapes"].get<std::vector<std::vector<int64_t>>>();
    const int64_t n = static_cast<int64_t>(y_host.size());
    Tensor x = backend.memory().empty({n, 3});
    Tensor y = backend.memory().empty({n});
    Tensor dpred = backend.memory().empty({n, 2});
    backend.memory().upload(x_host.data(), x);
    backend.memory().upload(y_host.data(), y);

    int checked = 0;
    for (const auto& c : fx["cases"]) {
      const QString kind = QString::fromStdString(c["kind"].get<std::string>());
      Model model(spec, backend, 1);
      // torch's parameters() order: fc1.weight, fc1.bias, fc2.weight, fc2.bias
      std::vector<const ParamEntry*> entries;
      for (const auto& e : model.params().entries())
        if (e.decl.trainable) entries.push_back(&e);
      QCOMPARE(entries.size(), init.size());
      std::map<std::string, std::vector<float>> values;
      for (size_t k = 0; k < entries.size(); ++k) {
        QCOMPARE(entries[k]->decl.shape.numel(), static_cast<int64_t>(init[k].size()));
        QCOMPARE(entries[k]->decl.shape[0], shapes[k][0]);
        values[entries[k]->name] = init[k];
      }
      model.params().from_host(backend, values);
      auto opt = make_optimizer(optimizer_config(c["kind"], c["config"]));
      const auto losses = c["losses"].get<std::vector<double>>();
      const auto params = c["params"].get<std::vector<std::vector<std::vector<float>>>>();
      for (size_t step = 0; step < losses.size(); ++step) {
        model.zero_grad();
        const Tensor& out = model.forward(x, Mode::Train);  // (8, 2)
        const double loss = backend.dense().loss_forward_backward(LossKind::CrossEntropyLoss,
                                                                  LossParams{}, out, y, &dpred);
        QVERIFY2(close(loss, losses[step], 1e-5, 1e-7),
                 qPrintable(QString("%1 step %2: loss %3 vs torch %4")
                                .arg(kind)
                                .arg(step + 1)
                                .arg(loss, 0, 'g', 9)
                                .arg(losses[step], 0, 'g', 9)));
        model.backward(dpred);
        opt->step(backend, model.params());
        auto now = model.params().to_host(backend);
        for (size_t k = 0; k < entries.size(); ++k) {
          const auto& got = now[entries[k]->name];
          const auto& expect = params[step][k];
          for (size_t i = 0; i < expect.size(); ++i)
            if (!close(got[i], expect[i], 1e-4, 1e-6))
              QFAIL(qPrintable(QString("%1 step %2 %3[%4]: %5 vs torch %6")
                                   .arg(kind)
                                   .arg(step + 1)
                                   .arg(QString::fromStdString(entries[k]->name))
                                   .arg(i)
                                   .arg(got[i], 0, 'g', 9)
                                   .arg(expect[i], 0, 'g', 9)));
        }
      }
      ++checked;
    }
    QCOMPARE(checked, 7);
  }
};

QTEST_APPLESS_MAIN(TestOptimMlpFixtures)
#include "test_optim_mlp_fixtures.moc"
