#pragma once
// Light and dark looks: the Fusion style with a matching QPalette (Qt 6.4 has no system
// colour-scheme query, so the user toggles it in the View menu; the choice is remembered).
#include <QPalette>

namespace bp::ui {

enum class Theme { Light, Dark };

QPalette light_palette();
QPalette dark_palette();
// Sets Fusion + the palette on the application (and repaints every widget).
void apply_theme(Theme theme);

}  // namespace bp::ui
