// libFuzzer: CSV text through the table parser and both dataset conversions (last column as the
// label; the first two columns as regression targets).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/data/csv_reader.h"

namespace {

void check(const bp::Dataset& ds) {
  const int64_t n = ds.size();
  if (static_cast<int64_t>(ds.targets.size()) != n * ds.target_dim) __builtin_trap();
  if (static_cast<int64_t>(ds.features.size()) != n * ds.sample_shape.numel()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bp::CsvTable table;
  try {
    table = bp::parse_csv_text(text, "fuzz.csv");
  } catch (const bp::Error&) {
    return 0;
  }
  try {
    check(bp::csv_table_to_dataset(table, "fuzz.csv", "", bp::TaskKind::Classification));
  } catch (const bp::Error&) {
  }
  try {
    std::vector<std::string> targets(
        table.header.begin(), table.header.begin() + std::min<size_t>(2, table.header.size()));
    check(bp::csv_table_to_dataset(table, "fuzz.csv", targets, bp::TaskKind::Regression));
  } catch (const bp::Error&) {
  }
  return 0;
}
