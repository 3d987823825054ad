// libFuzzer: the ONNX importer (engine/onnx/onnx_import.h) on arbitrary bytes. Seeds in
// corpus/onnx are small PyTorch exports (make_onnx_seeds.py): an MLP, a CNN with Pad, pools and
// the view() shape arithmetic, a BatchNorm/LayerNorm/GELU/SiLU net, a residual block.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/onnx/onnx_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    const bp::OnnxImport r = bp::import_onnx(bytes, "fuzz.onnx");
    for (const auto& [name, values] : r.project.weights)
      for (const float v : values)
        if (!(v - v == 0.0f)) __builtin_trap();  // only finite weights are imported
  } catch (const bp::Error&) {
  }
  return 0;
}
