#pragma once
// The lessons compiled into the studio (":/lessons/*.json", examples from ":/examples/"), read
// with the engine's lesson reader (engine/lessons/lesson_reader.h).
#include <QStringList>
#include <vector>

#include "engine/lessons/lesson.h"

namespace bp::ui {

// Every bundled lesson that reads cleanly, in file-name order; a lesson that does not is left
// out and its error ("seeds.json: steps[1].actions[0]...") appended to *errors.
std::vector<Lesson> bundled_lessons(QStringList* errors = nullptr);

// The hideable controls a lesson may name in "hide_controls" and the docks they hide.
// Unknown names are reported by lesson_control_dock() as empty.
QString lesson_control_dock(const QString& control);
QStringList lesson_control_names();

}  // namespace bp::ui
