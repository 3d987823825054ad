#pragma once
// A lesson's thumbnail for the browser: the first project's data (2-D toy points coloured by
// class, a 1-D curve, or a grid of digits' worth of squares), drawn at `size` pixels.
#include <QPixmap>

#include "engine/lessons/lesson.h"

namespace bp::ui {

QPixmap lesson_thumbnail(const Lesson& lesson, int size);

}  // namespace bp::ui
