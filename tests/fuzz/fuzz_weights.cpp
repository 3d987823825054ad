// libFuzzer: the "weights" section of a project whose network is fixed (a 2-3-2 MLP), so the
// fuzzer spends its time in the weights reader instead of on the rest of the format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/io/project.h"

namespace {

constexpr const char* kPrefix = R"({"format": "backprop-studio-project", "version": 1,
 "network": {"nodes": [
  {"id": 1, "kind": "Input", "name": "input", "params": {"input_shape": [2]}},
  {"id": 2, "kind": "Linear", "name": "fc1", "params": {"out_features": 3, "activation": "Tanh"}},
  {"id": 3, "kind": "Linear", "name": "fc2", "params": {"out_features": 2}}],
  "edges": [{"id": 1, "from": 1, "to": 2, "port": 0}, {"id": 2, "from": 2, "to": 3, "port": 0}]},
 "weights": )";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = kPrefix + std::string(reinterpret_cast<const char*>(data), size) + "}";
  try {
    const bp::Project p = bp::parse_project(text, "fuzz.json");
    for (const auto& [name, values] : p.weights)
      for (const float v : values)
        if (!(v == v) || v - v != 0.0f) __builtin_trap();  // only finite values are read
  } catch (const bp::Error&) {
  }
  return 0;
}
