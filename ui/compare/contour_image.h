#pragma once
// Filled contour pictures of a scalar field on a grid (test functions, loss landscapes):
// log-spaced levels (the loss near a minimum spans orders of magnitude), each band one colour,
// band edges drawn dark as contour lines.
#include <QImage>
#include <QPointF>
#include <functional>
#include <vector>

namespace bp::ui {

// values: (ny, nx) row-major with row 0 at the *bottom* (b_min); NaN cells are grey. The image
// is width x height with row 0 at the top, the field bilinearly interpolated.
QImage contour_image(const std::vector<double>& values, int nx, int ny, int width, int height,
                     int levels = 24);

// A field sampled from a function f(x, y) over [x0, x1] x [y0, y1] at width x height cells
// (row 0 of the result at y0: the bottom).
std::vector<double> sample_field(const std::function<double(double, double)>& f, double x0,
                                 double x1, double y0, double y1, int width, int height);

}  // namespace bp::ui
