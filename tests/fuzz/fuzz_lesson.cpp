// libFuzzer: lesson files (engine/lessons/lesson_reader.h), with the bundled examples available
// as lessons reference them, so the fuzzer reaches the project patches and every step's actions.
// Only bp::Error may come out; anything else (another exception, a crash) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/lessons/lesson_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bp::ExampleSource examples =
      bp::examples_from_folder(BP_SOURCE_DIR "/resources/examples");
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const bp::Lesson lesson = bp::parse_lesson(text, "fuzz.json", examples);
    if (lesson.steps.empty()) __builtin_trap();  // a lesson that reads has at least one step
  } catch (const bp::Error&) {
  }
  return 0;
}
