#pragma once
// The studio's own SVG icons (resources/icons/<name>.svg): theme icons are empty on many
// Linux machines, and SVG stays sharp at any device-pixel ratio.
#include <QIcon>

namespace bp::ui {

QIcon studio_icon(const char* name);

}  // namespace bp::ui
