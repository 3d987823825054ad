#pragma once
// A lesson's changes to a project, written as a patch on the project file's JSON:
//   {"training": {"optimizer": {"lr": 5}}, "layers": {"fc1": {"activation": "ReLU"}}}
// Everything but "layers" is an RFC 7386 JSON merge patch on the project document
// (docs/project-format.md); "layers" merges each named node's "params". The result is read back
// with the project reader, so a patch cannot make a project the file format would refuse.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/io/project.h"

namespace bp {

// Throws bp::Error "<origin>: <path>: <what>" for a patch that names an unknown layer or makes
// an invalid project (the reader's message, with the origin).
Project apply_project_patch(const Project& project, const nlohmann::json& patch,
                            const std::string& origin);

}  // namespace bp
