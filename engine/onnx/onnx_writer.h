#pragma once
// OnnxProtoGraph: OnnxGraph (engine/graph/onnx_export_hook.h) written into an onnx::GraphProto
// with Debian's libonnx protobuf classes. Tensor names are unique: nodes' outputs are named
// "<layer>/<Op>_<k>", parameters "<layer>.<local>" as in the project's weights.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "engine/graph/onnx_export_hook.h"

namespace bp {

class OnnxProtoGraph final : public OnnxGraph {
 public:
  // `graph` and `weights` (parameter name -> values) must outlive this object; `shapes` gives
  // each parameter's declared shape.
  OnnxProtoGraph(onnx::GraphProto& graph, const std::map<std::string, std::vector<float>>& weights,
                 const std::map<std::string, Shape>& shapes);

  // The layer whose hook runs next: names its tensors and parameters.
  void set_layer(const std::string& layer) { layer_ = layer; }

  std::string node(const std::string& op, const std::vector<std::string>& inputs,
                   const std::vector<OnnxAttribute>& attributes = {}) override;
  std::string constant(const std::string& hint, const std::vector<int64_t>& dims,
                       const std::vector<float>& values) override;
  std::string constant_i64(const std::string& hint, const std::vector<int64_t>& dims,
                           const std::vector<int64_t>& values) override;
  const std::vector<float>& values(const std::string& local) const override;
  Shape value_shape(const std::string& local) const override;
  std::string parameter(const std::string& local, const std::vector<int64_t>& dims = {}) override;

  // Renames tensor `from` to `to` wherever a node produces or reads it (the graph's output name).
  void rename(const std::string& from, const std::string& to);

 private:
  std::string unique(const std::string& stem);

  onnx::GraphProto& graph_;
  const std::map<std::string, std::vector<float>>& weights_;
  const std::map<std::string, Shape>& shapes_;
  std::set<std::string> used_;  // tensor names taken
  std::string layer_;
};

}  // namespace bp
