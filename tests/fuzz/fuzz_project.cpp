// libFuzzer: project JSON text through parse_project; a project that reads must write and read
// back equal, and its network must go through shape inference and the memory estimate (what
// `backprop info` does with it).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/graph/memory_estimate.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bp::Project project;
  try {
    project = bp::parse_project(text, "fuzz.json");
  } catch (const bp::Error&) {
    return 0;
  }
  (void)bp::infer_shapes(project.network);
  (void)bp::estimate_memory(project.network, project.training.batch_size, bp::MemoryUse::Training);
  std::string again;
  try {
    again = bp::project_to_json(project);
  } catch (const bp::Error&) {
    return 0;  // e.g. weights that cannot be saved: refused with a message
  }
  if (!(bp::parse_project(again, "fuzz-again.json") == project)) __builtin_trap();
  return 0;
}
