// libFuzzer: IDX files, plain and gzip (one or more members), as read_idx reads them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/data/idx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);  // (size) bytes
  try {
    const bp::IdxArray a = bp::parse_idx_bytes(bytes, "fuzz.idx");
    uint64_t numel = 1;
    for (const int64_t d : a.dims) numel *= static_cast<uint64_t>(d);
    if (numel != a.data.size()) __builtin_trap();  // dims must describe the data exactly
    if (a.dims.size() == 1) bp::check_labels(a, "fuzz.idx", 0);
  } catch (const bp::Error&) {
    // a refused file: what a user sees; anything else escapes and is a finding
  }
  return 0;
}
