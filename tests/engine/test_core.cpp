// Core types: Shape, Tensor views, Rng determinism, NetworkSpec graph queries.
#include <QtTest>

#include "engine/core/rng.h"
#include "engine/core/tensor.h"
#include "engine/graph/names.h"
#include "engine/graph/network_spec.h"

using namespace bp;

class TestCore : public QObject {
  Q_OBJECT
 private slots:
  void shape_basics() {
    Shape s{6, 14, 14};
    QCOMPARE(s.rank(), 3);
    QCOMPARE(s.numel(), 6 * 14 * 14);
    QCOMPARE(s.with_batch(32), (Shape{32, 6, 14, 14}));
    QCOMPARE(s.with_batch(32).without_batch(), s);
    QCOMPARE(QString::fromStdString(s.to_string()), QString("(6, 14, 14)"));
  }
  void tensor_views_share_memory() {
    Tensor t = Tensor::cpu({4, 3});
    for (int i = 0; i < 12; ++i) t.data()[i] = static_cast<float>(i);
    Tensor rows = t.narrow_batch(1, 2);
    QCOMPARE(rows.shape(), (Shape{2, 3}));
    QCOMPARE(rows.data()[0], 3.0f);
    rows.data()[0] = 42.0f;
    QCOMPARE(t.data()[3], 42.0f);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.view({5, 2}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.narrow_batch(3, 2));
  }
  void rng_is_deterministic_and_uniform() {
    Rng a(7), b(7), c(8);
    for (int i = 0; i < 100; ++i) QCOMPARE(a.next_u64(), b.next_u64());
    QVERIFY(Rng(7).next_u64() != c.next_u64());
    Rng r(1);
    double sum = 0, sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      double z = r.normal();
      sum += z;
      sq += z * z;
    }
    QVERIFY(std::fabs(sum / n) < 0.01);
    QVERIFY(std::fabs(sq / n - 1.0) < 0.02);
    for (int i = 0; i < 1000; ++i) {
      float u = r.uniform();
      QVERIFY(u >= 0.0f && u < 1.0f);
      QVERIFY(r.below(10) < 10);
    }
  }
  void spec_topology() {
    NodeSpec fc;
    fc.kind = NodeKind::Linear;
    NetworkSpec spec = make_sequential({2}, {fc, fc});
    QCOMPARE(spec.nodes.size(), size_t(3));
    QCOMPARE(spec.nodes[1].name, std::string("fc1"));
    QCOMPARE(spec.nodes[2].name, std::string("fc2"));
    QCOMPARE(spec.topological_order(), (std::vector<int>{1, 2, 3}));
    QCOMPARE(*spec.input_node(), 1);
    QCOMPARE(*spec.output_node(), 3);
    // a cycle is reported, not thrown
    spec.edges.push_back({spec.next_edge_id(), 3, 2, 1});
    std::vector<Diagnostic> diags;
    QVERIFY(spec.topological_order(&diags).empty());
    QCOMPARE(diags.size(), size_t(1));
  }
  void names_round_trip() {
    for (auto k : all_node_kinds()) QCOMPARE(*parse_node_kind(to_string(k)), k);
    for (auto a : all_activations()) QCOMPARE(*parse_activation(to_string(a)), a);
    for (auto l : all_loss_kinds()) QCOMPARE(*parse_loss_kind(to_string(l)), l);
    for (auto i : all_init_kinds()) QCOMPARE(*parse_init_kind(to_string(i)), i);
    QVERIFY(!parse_node_kind("Linnear").has_value());
  }
};

QTEST_APPLESS_MAIN(TestCore)
#include "test_core.moc"
