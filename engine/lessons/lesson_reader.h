#pragma once
// Reads a lesson file (format: docs/lessons.md). Errors name the file and the JSON path
// ("perceptron.json: steps[2].actions[0].epochs: expected an integer, got \"ten\""), unknown keys
// are errors with a did-you-mean hint, and every project and every Set patch is resolved and
// validated when the lesson is read, so a broken lesson fails on load, not in front of a class.
#include <functional>
#include <string>

#include "engine/lessons/lesson.h"

namespace bp {

// Returns the JSON text of a bundled example ("xor.json"); throws bp::Error when there is none.
// The studio reads ":/examples/<name>", the tests and the CLI resources/examples/<name>.
using ExampleSource = std::function<std::string(const std::string& name)>;

Lesson parse_lesson(const std::string& json_text, const std::string& origin,
                    const ExampleSource& examples);
// Reads <dir>/<file>; examples come from `examples_dir`.
Lesson read_lesson(const std::string& path, const std::string& examples_dir);
// An ExampleSource reading files from a folder.
ExampleSource examples_from_folder(const std::string& dir);

}  // namespace bp
