// The memory estimate: exact byte counts for a small MLP (training and inference), no overflow
// for networks far beyond 64-bit products, the refusal message, and byte formatting.
#include <QtTest>

#include "engine/graph/memory_estimate.h"

using namespace bp;

namespace {

// Input (in) -> Linear (hidden) -> Linear (out): ids 1, 2, 3.
NetworkSpec mlp(Shape input, int64_t hidden, int64_t out, bool flatten = false) {
  NetworkSpec n;
  NodeSpec in{};
  in.id = 1;
  in.kind = NodeKind::Input;
  in.name = "input";
  in.params.input_shape = input;
  n.nodes.push_back(in);
  int last = 1;
  if (flatten) {
    NodeSpec f{};
    f.id = 4;
    f.kind = NodeKind::Flatten;
    f.name = "flat";
    n.nodes.push_back(f);
    n.edges.push_back({1, 1, 4, 0});
    last = 4;
  }
  NodeSpec a{};
  a.id = 2;
  a.kind = NodeKind::Linear;
  a.name = "fc1";
  a.params.out_features = hidden;
  NodeSpec b = a;
  b.id = 3;
  b.name = "fc2";
  b.params.out_features = out;
  n.nodes.push_back(a);
  n.nodes.push_back(b);
  n.edges.push_back({2, last, 2, 0});
  n.edges.push_back({3, 2, 3, 0});
  return n;
}

}  // namespace

class TestMemoryEstimate : public QObject {
  Q_OBJECT
 private slots:
  void small_mlp_counts_exactly() {
    const NetworkSpec net = mlp(Shape{2}, 8, 3);
    // parameters: 2*8 + 8 + 8*3 + 3 = 51; activations per sample: 2 + 8 + 3 = 13
    const MemoryEstimate train = estimate_memory(net, 10, MemoryUse::Training);
    QVERIFY(train.known);
    QCOMPARE(train.parameters, 51.0);
    QCOMPARE(train.parameter_bytes, 51.0 * 4 * 4);  // weights, gradients, two optimizer buffers
    QCOMPARE(train.activation_bytes, 13.0 * 10 * 4 * 2);
    const MemoryEstimate infer = estimate_memory(net, 10, MemoryUse::Inference);
    QCOMPARE(infer.parameter_bytes, 51.0 * 4);
    QCOMPARE(infer.activation_bytes, 13.0 * 10 * 4);
    QCOMPARE(memory_problem(train, 1000000, 10), std::string());
  }

  void huge_networks_are_estimated_without_overflow_and_refused() {
    const NetworkSpec net = mlp(Shape{100000, 100000, 100000}, 2, 2, true);
    const MemoryEstimate e = estimate_memory(net, 10, MemoryUse::Training);
    QVERIFY(e.known);
    QVERIFY(e.parameters > 1.9e15 && e.parameters < 2.1e15);
    QVERIFY(e.total_bytes() > 1e16);
    const std::string msg = memory_problem(e, uint64_t{8} << 30, 10);
    QVERIFY2(msg.find("the network needs about") != std::string::npos &&
                 msg.find("PB") != std::string::npos && msg.find("8.59 GB") != std::string::npos,
             msg.c_str());
  }

  void invalid_networks_and_unknown_memory_give_no_verdict() {
    NetworkSpec broken = mlp(Shape{1, 4, 4}, 8, 3);  // Linear fed an image
    const MemoryEstimate e = estimate_memory(broken, 10, MemoryUse::Training);
    QVERIFY(!e.known);
    QCOMPARE(memory_problem(e, 1, 10), std::string());
    const MemoryEstimate ok = estimate_memory(mlp(Shape{2}, 8, 3), 10, MemoryUse::Training);
    QCOMPARE(memory_problem(ok, 0, 10), std::string());  // available unknown
    QVERIFY(!memory_problem(ok, 100, 10).empty());
    QVERIFY(available_memory_bytes() > (uint64_t{1} << 20));
  }

  void bytes_format_with_three_digits() {
    QCOMPARE(format_bytes(512), std::string("512 bytes"));
    QCOMPARE(format_bytes(1234567), std::string("1.23 MB"));
    QCOMPARE(format_bytes(8e15), std::string("8 PB"));
    QCOMPARE(format_bytes(3e21), std::string("3.00e+03 EB"));
  }
};

QTEST_APPLESS_MAIN(TestMemoryEstimate)
#include "test_memory_estimate.moc"
