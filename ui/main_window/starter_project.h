#pragma once
// The project a first launch (and File > New) opens: the spiral with a small tanh network.
#include "engine/io/project.h"

namespace bp::ui {

// From :/examples/spiral.json when it is compiled in, else built in code.
Project starter_project();
// The same, always built in code (no resources needed).
Project builtin_spiral_project();

}  // namespace bp::ui
