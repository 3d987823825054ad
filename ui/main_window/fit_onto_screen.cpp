#include "ui/main_window/fit_onto_screen.h"

#include <algorithm>

namespace bp::ui {

QRect fit_onto_screen(const QRect& frame, const QRect& client, const QRect& available) {
  if (available.isEmpty() || available.contains(frame)) return client;
  const int left = client.left() - frame.left(), top = client.top() - frame.top();
  const int extra_w = frame.width() - client.width(), extra_h = frame.height() - client.height();
  const int w = std::max(1, std::min(client.width(), available.width() - extra_w));
  const int h = std::max(1, std::min(client.height(), available.height() - extra_h));
  // Keep the frame's place where it fits, else slide it in from the right/bottom edge.
  const int fx = std::clamp(frame.left(), available.left(), available.right() + 1 - (w + extra_w));
  const int fy = std::clamp(frame.top(), available.top(), available.bottom() + 1 - (h + extra_h));
  return {fx + left, fy + top, w, h};
}

}  // namespace bp::ui
