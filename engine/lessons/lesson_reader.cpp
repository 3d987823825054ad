// Lesson file -> Lesson (docs/lessons.md).
#include "engine/lessons/lesson_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"
#include "engine/io/json_reader.h"
#include "engine/lessons/project_patch.h"

namespace bp {
namespace {

using io::json;
using io::JsonObject;

constexpr const char* kFormatName = "backprop-studio-lesson";
constexpr int kLessonFormatVersion = 1;

std::string read_text_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The array at `key` (required), each element handed to `each(element, its path)`.
template <class F>
void for_each_in(const JsonObject& o, const char* key, bool required, F each) {
  if (!o.has(key)) {
    if (required) o.fail(key, "missing (required)");
    return;
  }
  const json& a = o.raw(key);
  if (!a.is_array()) o.fail(key, "expected an array, got " + io::describe(a));
  for (size_t i = 0; i < a.size(); ++i) each(a[i], o.path_of(key) + "[" + std::to_string(i) + "]");
}

std::vector<std::string> string_list(const JsonObject& o, const char* key) {
  std::vector<std::string> out;
  for_each_in(o, key, false, [&](const json& v, const std::string& path) {
    if (!v.is_string())
      throw Error(o.origin() + ": " + path + ": expected a string, got " + io::describe(v));
    out.push_back(v.get<std::string>());
  });
  return out;
}

std::string required_string(const JsonObject& o, const char* key) {
  if (!o.has(key)) o.fail(key, "missing (required)");
  const std::string s = o.get_string(key, "");
  if (s.empty()) o.fail(key, "must not be empty");
  return s;
}

std::optional<LessonLevel> level_from_name(std::string_view name) {
  for (LessonLevel l : {LessonLevel::Beginner, LessonLevel::Intermediate, LessonLevel::Advanced})
    if (name == lesson_level_name(l)) return l;
  return std::nullopt;
}

LessonProject read_project_entry(const json& value, const std::string& origin,
                                 const std::string& path, const ExampleSource& examples) {
  JsonObject o(value, origin, path, {"id", "example", "project", "patch"});
  LessonProject lp;
  lp.id = required_string(o, "id");
  const std::string where = origin + ": " + path;
  if (o.has("example") == o.has("project"))
    o.fail_here("give either \"example\" (a file in resources/examples) or \"project\" (inline)");
  if (o.has("example")) {
    const std::string name = o.get_string("example", "");
    lp.project = parse_project(examples(name), where + ".example (" + name + ")");
  } else {
    const json& inline_project = o.raw("project");
    if (!inline_project.is_object()) o.fail("project", "expected a project object");
    lp.project = parse_project(inline_project.dump(), where + ".project");
  }
  if (o.has("patch"))
    lp.project = apply_project_patch(lp.project, o.raw("patch"), where + ".patch");
  return lp;
}

LessonAction read_action(const json& value, const std::string& origin, const std::string& path,
                         const Lesson& lesson) {
  JsonObject o(value, origin, path,
               {"label", "load", "set", "play_epochs", "reset", "fgsm_epsilon"});
  LessonAction a;
  a.label = required_string(o, "label");
  const int kinds =
      o.has("load") + o.has("set") + o.has("play_epochs") + o.has("reset") + o.has("fgsm_epsilon");
  if (kinds != 1)
    o.fail_here(
        "an action does exactly one of \"load\", \"set\", \"play_epochs\", \"reset\", "
        "\"fgsm_epsilon\"");
  if (o.has("load")) {
    a.kind = LessonActionKind::Load;
    a.project = o.get_string("load", "");
    bool found = false;
    for (const auto& p : lesson.projects) found = found || p.id == a.project;
    if (!found) o.fail("load", "no project '" + a.project + "' in this lesson's \"projects\"");
  } else if (o.has("set")) {
    a.kind = LessonActionKind::Set;
    a.patch = o.raw("set");
    // Validated on every project of the lesson it could apply to: the first that takes it.
    std::string first_error;
    bool applies = false;
    for (const auto& p : lesson.projects) {
      try {
        apply_project_patch(p.project, a.patch, origin + ": " + o.path_of("set"));
        applies = true;
        break;
      } catch (const Error& e) {
        if (first_error.empty()) first_error = e.what();
      }
    }
    if (!applies) throw Error(first_error);
  } else if (o.has("play_epochs")) {
    a.kind = LessonActionKind::Play;
    a.epochs = static_cast<int>(o.get_int("play_epochs", 1, 1, 100000));
  } else if (o.has("fgsm_epsilon")) {
    a.kind = LessonActionKind::Fgsm;
    a.epsilon = o.get_float("fgsm_epsilon", 0.0f);
    if (!(a.epsilon > 0.0f && a.epsilon <= 10.0f))
      o.fail("fgsm_epsilon", "expected a step in (0, 10] (the network's normalised input units)");
  } else {
    a.kind = LessonActionKind::Reset;
    if (!o.get_bool("reset", true))
      o.fail("reset", "write \"reset\": true (or leave the action out)");
  }
  return a;
}

}  // namespace

const char* lesson_level_name(LessonLevel level) {
  switch (level) {
    case LessonLevel::Beginner:
      return "beginner";
    case LessonLevel::Intermediate:
      return "intermediate";
    case LessonLevel::Advanced:
      return "advanced";
  }
  return "beginner";
}

const Project& Lesson::project(const std::string& project_id) const {
  std::string known;
  for (const auto& p : projects) {
    if (p.id == project_id) return p.project;
    known += (known.empty() ? "" : ", ") + p.id;
  }
  throw Error("lesson '" + id + "' has no project '" + project_id + "' (it has: " + known + ")");
}

Lesson parse_lesson(const std::string& json_text, const std::string& origin,
                    const ExampleSource& examples) {
  const json doc = io::parse_json_text(json_text, origin);
  JsonObject o(doc, origin, "",
               {"format", "version", "id", "title", "level", "duration_minutes",
                "what_you_will_see", "claim", "projects", "presentation", "steps"});
  if (o.get_string("format", "") != kFormatName)
    o.fail("format", std::string("expected \"") + kFormatName + "\"");
  const int64_t version = o.get_int("version", 0);
  if (version != kLessonFormatVersion)
    o.fail("version", "this build reads lesson format version " +
                          std::to_string(kLessonFormatVersion) + ", the file has " +
                          std::to_string(version));
  Lesson l;
  l.id = required_string(o, "id");
  l.title = required_string(o, "title");
  l.level = o.get_enum<LessonLevel>("level", LessonLevel::Beginner, &level_from_name,
                                    {"beginner", "intermediate", "advanced"});
  l.duration_minutes = static_cast<int>(o.get_int("duration_minutes", 10, 1, 600));
  l.what_you_will_see = required_string(o, "what_you_will_see");
  l.claim = required_string(o, "claim");
  for_each_in(o, "projects", true, [&](const json& v, const std::string& path) {
    LessonProject p = read_project_entry(v, origin, path, examples);
    for (const auto& q : l.projects)
      if (q.id == p.id) throw Error(origin + ": " + path + ".id: '" + p.id + "' is used twice");
    l.projects.push_back(std::move(p));
  });
  if (l.projects.empty()) o.fail("projects", "a lesson needs at least one project");
  if (o.has("presentation")) {
    const JsonObject pres = o.child("presentation", {"show_panels", "hide_controls"});
    l.show_panels = string_list(pres, "show_panels");
    l.hide_controls = string_list(pres, "hide_controls");
  }
  for_each_in(o, "steps", true, [&](const json& v, const std::string& path) {
    JsonObject s(v, origin, path, {"title", "text", "questions", "actions"});
    LessonStep step;
    step.title = required_string(s, "title");
    step.text = required_string(s, "text");
    step.questions = string_list(s, "questions");
    for_each_in(s, "actions", false, [&](const json& a, const std::string& apath) {
      step.actions.push_back(read_action(a, origin, apath, l));
    });
    l.steps.push_back(std::move(step));
  });
  if (l.steps.empty()) o.fail("steps", "a lesson needs at least one step");
  return l;
}

ExampleSource examples_from_folder(const std::string& dir) {
  return [dir](const std::string& name) {
    if (name.find('/') != std::string::npos || name.find("..") != std::string::npos)
      throw Error("example '" + name + "': give a file name in resources/examples, not a path");
    return read_text_file((std::filesystem::path(dir) / name).string(), "example");
  };
}

Lesson read_lesson(const std::string& path, const std::string& examples_dir) {
  return parse_lesson(read_text_file(path, "lesson"),
                      std::filesystem::path(path).filename().string(),
                      examples_from_folder(examples_dir));
}

}  // namespace bp
