#include "engine/lessons/project_patch.h"

#include "engine/core/error.h"
#include "engine/io/json_reader.h"

namespace bp {

Project apply_project_patch(const Project& project, const nlohmann::json& patch,
                            const std::string& origin) {
  using nlohmann::json;
  if (!patch.is_object())
    throw Error(origin + ": a patch must be an object like {\"training\": {\"epochs\": 20}}, got " +
                io::describe(patch));
  json doc = io::parse_json_text(project_to_json(project), origin);
  json rest = patch;
  if (rest.contains("layers")) {
    const json layers = rest["layers"];
    rest.erase("layers");
    if (!layers.is_object())
      throw Error(origin + ": layers: expected an object of layer name -> parameters, got " +
                  io::describe(layers));
    for (const auto& [name, params] : layers.items()) {
      json* node = nullptr;
      std::string known;
      for (json& n : doc["network"]["nodes"]) {
        const std::string node_name = n.value("name", "");
        known += (known.empty() ? "" : ", ") + node_name;
        if (node_name == name) node = &n;
      }
      if (!node)
        throw Error(origin + ": layers." + name + ": the project has no layer named '" + name +
                    "' (its layers: " + known + ")");
      if (!node->contains("params")) (*node)["params"] = json::object();
      (*node)["params"].merge_patch(params);
    }
  }
  doc.merge_patch(rest);
  // Weights and the training state belong to the network they were trained with.
  if (patch.contains("layers") || patch.contains("network")) {
    doc.erase("weights");
    doc.erase("training_state");
  }
  return parse_project(doc.dump(), origin);
}

}  // namespace bp
