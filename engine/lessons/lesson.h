#pragma once
// Lesson: a guided tour of one classic result — project(s), the panels to show, the controls to
// hide in presentation mode, and steps with text, questions and "show me" actions. Plain data,
// read from resources/lessons/<id>.json (docs/lessons.md) by engine/lessons/lesson_reader.h; the
// studio's lesson player (ui/lessons) and the lesson tests (tests/lessons) both use it.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/io/project.h"

namespace bp {

enum class LessonLevel : uint8_t { Beginner, Intermediate, Advanced };

// What a "show me" button does to the studio.
enum class LessonActionKind : uint8_t {
  Load,   // open one of the lesson's projects (fresh weights from its seed)
  Set,    // apply a patch to the open project (a setting, a layer's parameters)
  Play,   // train `epochs` more epochs, then pause
  Reset,  // back to the current project's initial weights (identical every time)
  Fgsm,   // fool the trained net: the fast gradient sign method on a held-out digit, by `epsilon`
};

struct LessonAction {
  LessonActionKind kind = LessonActionKind::Load;
  std::string label;     // the button text ("Show me: AND")
  std::string project;   // Load: a LessonProject id
  nlohmann::json patch;  // Set: see apply_project_patch (engine/lessons/project_patch.h)
  int epochs = 0;        // Play
  float epsilon = 0.0f;  // Fgsm: the step per pixel, in the network's (normalised) input units
};

struct LessonStep {
  std::string title;
  std::string text;
  std::vector<std::string> questions;  // for the class to think about
  std::vector<LessonAction> actions;
};

struct LessonProject {
  std::string id;   // referenced by Load actions and by the lesson's tests
  Project project;  // resolved: inline, or a bundled example with the lesson's patch applied
};

struct Lesson {
  std::string id;  // the file's stem
  std::string title;
  LessonLevel level = LessonLevel::Beginner;
  int duration_minutes = 10;
  std::string what_you_will_see;
  // What the lesson's test asserts, and where (shown in the browser).
  std::string claim;
  std::vector<LessonProject> projects;  // the first opens when the lesson starts
  // Presentation: dock object names to show (others hide) and controls to hide.
  std::vector<std::string> show_panels;
  std::vector<std::string> hide_controls;
  std::vector<LessonStep> steps;

  // The project with this id; throws bp::Error naming the lesson and the known ids.
  const Project& project(const std::string& project_id) const;
};

const char* lesson_level_name(LessonLevel level);

}  // namespace bp
