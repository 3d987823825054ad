#pragma once
// Where a window saved on another screen goes on this one: the client geometry that keeps the
// whole frame inside `available` (the screen's available geometry), as large as the saved one
// allows; `frame` and `client` are the window's frame and client rectangles (the frame's margins
// are kept). A window that already fits keeps its place.
#include <QRect>

namespace bp::ui {

QRect fit_onto_screen(const QRect& frame, const QRect& client, const QRect& available);

}  // namespace bp::ui
