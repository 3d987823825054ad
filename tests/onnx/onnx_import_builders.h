#pragma once
// Hand-made ONNX models for the importer's tests (no PyTorch needed): a few lines of protobuf
// per graph, so each test shows exactly which operators and attributes it feeds the importer.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bp::test {

class OnnxBuilder {
 public:
  // A model with one float input "x" of shape [N, sample...] (N symbolic) and opset 13.
  explicit OnnxBuilder(const std::vector<int64_t>& sample) {
    model_.set_ir_version(7);
    model_.set_producer_name("test");
    model_.add_opset_import()->set_version(13);
    graph()->set_name("test");
    value_info(graph()->add_input(), "x", sample);
  }

  onnx::GraphProto* graph() { return model_.mutable_graph(); }

  void initializer(const std::string& name, const std::vector<int64_t>& dims,
                   const std::vector<float>& values) {
    onnx::TensorProto* t = graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims) t->add_dims(d);
    for (float v : values) t->add_float_data(v);
  }

  void int_initializer(const std::string& name, const std::vector<int64_t>& values) {
    onnx::TensorProto* t = graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values) t->add_int64_data(v);
  }

  onnx::NodeProto* node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::string& output) {
    onnx::NodeProto* n = graph()->add_node();
    n->set_op_type(op);
    n->set_name("/" + output + "/" + op);
    for (const auto& i : inputs) n->add_input(i);
    n->add_output(output);
    return n;
  }

  static void int_attr(onnx::NodeProto* n, const std::string& name, int64_t v) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v);
  }

  static void ints_attr(onnx::NodeProto* n, const std::string& name,
                        const std::vector<int64_t>& v) {
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t x : v) a->add_ints(x);
  }

  void output(const std::string& name, const std::vector<int64_t>& sample) {
    value_info(graph()->add_output(), name, sample);
  }

  std::string bytes() const { return model_.SerializeAsString(); }

 private:
  static void value_info(onnx::ValueInfoProto* v, const std::string& name,
                         const std::vector<int64_t>& sample) {
    v->set_name(name);
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    auto* shape = tt->mutable_shape();
    shape->add_dim()->set_dim_param("N");
    for (int64_t d : sample) shape->add_dim()->set_dim_value(d);
  }

  onnx::ModelProto model_;
};

// x (3) -> fc1: Gemm(transB=1, W1 [4, 3], b1) -> Relu -> fc2: MatMul(W2 [4, 2] stored [in, out])
// -> Add(b2) -> y (2). Weights: W1[o][i] = 0.1 (o + 1) (i - 1), b1[o] = 0.05 o,
// W2[i][o] = 0.2 (i - o) + 0.1, b2 = {0.3, -0.3}.
inline OnnxBuilder hand_made_mlp() {
  OnnxBuilder b({3});
  std::vector<float> w1, b1, w2;
  for (int o = 0; o < 4; ++o)
    for (int i = 0; i < 3; ++i) w1.push_back(0.1f * static_cast<float>((o + 1) * (i - 1)));
  for (int o = 0; o < 4; ++o) b1.push_back(0.05f * static_cast<float>(o));
  for (int i = 0; i < 4; ++i)
    for (int o = 0; o < 2; ++o) w2.push_back(0.2f * static_cast<float>(i - o) + 0.1f);
  b.initializer("fc1.weight", {4, 3}, w1);
  b.initializer("fc1.bias", {4}, b1);
  b.initializer("fc2_w", {4, 2}, w2);
  b.initializer("fc2_b", {2}, {0.3f, -0.3f});
  OnnxBuilder::int_attr(b.node("Gemm", {"x", "fc1.weight", "fc1.bias"}, "h"), "transB", 1);
  b.node("Relu", {"h"}, "r");
  b.node("MatMul", {"r", "fc2_w"}, "m");
  b.node("Add", {"m", "fc2_b"}, "y");
  b.output("y", {2});
  return b;
}

}  // namespace bp::test
