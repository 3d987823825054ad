#pragma once
// Colours shared by the views: Playground's orange/blue for two classes, a ten-colour palette
// for more, and a diverging orange-white-blue map for values.
#include <QColor>

namespace bp::ui {

QColor class_color(int cls, int num_classes);
// t in [0, 1]: 0 orange, 0.5 white, 1 blue.
QColor diverging_color(float t);
// Mixes `c` with white: amount 0 = white, 1 = c.
QColor tint(const QColor& c, float amount);

}  // namespace bp::ui
