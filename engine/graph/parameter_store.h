#pragma once
// ParameterStore: every trainable parameter of a model in ONE flat buffer (and its gradient in
// another), with named views ("fc1.weight"); non-trainable buffers (BatchNorm running stats) in a
// third. zero_grad is one fill, an optimizer step is one pass over the flat buffer, a checkpoint
// is one copy.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/core/tensor.h"
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

struct ParamEntry {
  std::string name;  // "<node name>.<local name>", e.g. "fc1.weight", "bn1.running_mean"
  int node_id = 0;
  ParamDecl decl;
  int64_t offset = 0;  // into values()/grads() when trainable, into buffers() otherwise
  NodeKind node_kind = NodeKind::Input;  // the owning node's kind (set by Model; regularizers)
};

class ParameterStore {
 public:
  // Lays out `decls` (trainable ones in the flat parameter buffer, others in the buffer store)
  // and allocates zeroed memory on `backend`.
  void allocate(Backend& backend, std::vector<ParamEntry> entries);

  const std::vector<ParamEntry>& entries() const { return entries_; }
  const ParamEntry* find(const std::string& name) const;

  Tensor& values() { return values_; }    // (P) all trainable parameters
  Tensor& grads() { return grads_; }      // (P) their gradients
  Tensor& buffers() { return buffers_; }  // (B) running statistics etc.
  int64_t trainable_count() const { return values_.numel(); }
  int64_t buffer_count() const { return buffers_.numel(); }

  // Views of one entry (the grad view is undefined for buffers).
  Tensor value(const ParamEntry& e) const;
  Tensor grad(const ParamEntry& e) const;

  // Host copies keyed by name (for snapshots, saving, comparing) and back.
  std::map<std::string, std::vector<float>> to_host(Backend& backend) const;
  // Loads the named values; throws bp::Error naming the first missing or mis-sized entry.
  void from_host(Backend& backend, const std::map<std::string, std::vector<float>>& values);

 private:
  std::vector<ParamEntry> entries_;
  Tensor values_, grads_, buffers_;
};

}  // namespace bp
