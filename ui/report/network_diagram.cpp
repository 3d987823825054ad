#include "ui/report/network_diagram.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/shape_inference.h"

namespace bp::ui {
namespace {

constexpr double kBoxW = 190.0, kBoxH = 64.0;  // scene units, as the editor's cards

// A plain chain (every node at most one input and one consumer): its nodes in order, else empty.
std::vector<int> chain_order(const NetworkSpec& net) {
  if (net.edges.size() + 1 != net.nodes.size()) return {};
  for (const NodeSpec& n : net.nodes)
    if (net.inputs_of(n.id).size() > 1 || net.consumers_of(n.id).size() > 1) return {};
  return net.topological_order();
}

// Node centres in scene units. A chain goes in rows of kPerRow, left to right then right to
// left (so a page shows it legibly); any other graph keeps the editor's positions,
// or a column in topological order when they all coincide (a network made outside the editor).
std::map<int, QPointF> centres(const NetworkSpec& net) {
  constexpr int kPerRow = 4;
  std::map<int, QPointF> c;
  const std::vector<int> chain = chain_order(net);
  if (chain.size() > 1) {
    for (size_t i = 0; i < chain.size(); ++i) {
      const int row = static_cast<int>(i) / kPerRow;
      int col = static_cast<int>(i) % kPerRow;
      if (row % 2 == 1) col = kPerRow - 1 - col;
      c[chain[i]] = QPointF(col * (kBoxW + 50.0), row * (kBoxH + 50.0));
    }
    return c;
  }
  for (const NodeSpec& n : net.nodes) c[n.id] = QPointF(n.x, n.y);
  bool distinct = false;
  for (const NodeSpec& n : net.nodes)
    distinct = distinct || n.x != net.nodes.front().x || n.y != net.nodes.front().y;
  if (!distinct && net.nodes.size() > 1) {
    int row = 0;
    for (int id : net.topological_order()) c[id] = QPointF(0, 100.0 * row++);
  }
  return c;
}

QRectF scene_bounds(const std::map<int, QPointF>& c) {
  QRectF b;
  for (const auto& [id, p] : c) {
    const QRectF r(p.x() - kBoxW / 2, p.y() - kBoxH / 2, kBoxW, kBoxH);
    b = b.isNull() ? r : b.united(r);
  }
  return b.adjusted(-20, -20, 20, 20);
}

QString shape_text(const std::optional<Shape>& s) {
  if (!s) return QStringLiteral("shape error");
  return QString::fromStdString(s->to_string());
}

}  // namespace

QSizeF network_diagram_size(const NetworkSpec& network, const QFont& font) {
  if (network.nodes.empty()) return {400, 200};
  const QRectF b = scene_bounds(centres(network));
  // Boxes at least as tall as three lines of the font.
  const double scale = std::max(1.0, 3.4 * QFontMetricsF(font).height() / kBoxH);
  return b.size() * scale;
}

void paint_network(QPainter& g, const QRectF& area, const NetworkSpec& net,
                   const FigureStyle& style) {
  g.save();
  g.setRenderHint(QPainter::Antialiasing);
  if (net.nodes.empty()) {
    g.setPen(style.text);
    g.drawText(area, Qt::AlignCenter, QStringLiteral("Empty network"));
    g.restore();
    return;
  }
  const auto c = centres(net);
  const QRectF b = scene_bounds(c);
  const double s = std::min(area.width() / b.width(), area.height() / b.height());
  const QPointF offset(area.left() + (area.width() - s * b.width()) / 2 - s * b.left(),
                       area.top() + (area.height() - s * b.height()) / 2 - s * b.top());
  auto to = [&](QPointF p) { return QPointF(offset.x() + s * p.x(), offset.y() + s * p.y()); };
  auto box = [&](int id) {
    const QPointF p = to(c.at(id));
    return QRectF(p.x() - s * kBoxW / 2, p.y() - s * kBoxH / 2, s * kBoxW, s * kBoxH);
  };
  // Edges first, from the producer's box edge to the consumer's, with an arrow head.
  g.setPen(QPen(style.frame, std::max(1.0, 1.5 * s)));
  for (const EdgeSpec& e : net.edges) {
    if (!c.count(e.from) || !c.count(e.to)) continue;
    const QRectF a = box(e.from), z = box(e.to);
    const bool horizontal =
        std::abs(z.center().x() - a.center().x()) > std::abs(z.center().y() - a.center().y());
    // From the producer's side facing the consumer to the consumer's side facing back.
    const bool forward =
        horizontal ? z.center().x() >= a.center().x() : z.center().y() >= a.center().y();
    const QPointF p0 = horizontal ? QPointF(forward ? a.right() : a.left(), a.center().y())
                                  : QPointF(a.center().x(), forward ? a.bottom() : a.top());
    const QPointF p1 = horizontal ? QPointF(forward ? z.left() : z.right(), z.center().y())
                                  : QPointF(z.center().x(), forward ? z.top() : z.bottom());
    g.drawLine(p0, p1);
    const double ang = std::atan2(p1.y() - p0.y(), p1.x() - p0.x());
    const double head = 9.0 * std::max(0.6, s);
    QPainterPath arrow;
    arrow.moveTo(p1);
    arrow.lineTo(p1 - QPointF(head * std::cos(ang - 0.4), head * std::sin(ang - 0.4)));
    arrow.lineTo(p1 - QPointF(head * std::cos(ang + 0.4), head * std::sin(ang + 0.4)));
    arrow.closeSubpath();
    g.fillPath(arrow, style.frame);
  }
  const ShapeReport shapes = infer_shapes(net);
  QFont f = style.font;
  f.setPointSizeF(std::max(5.0, style.font.pointSizeF() * std::min(1.0, s * 1.2)));
  const QFontMetricsF fm(f);
  for (const NodeSpec& n : net.nodes) {
    const QRectF r = box(n.id);
    const LayerDescriptor& d = layer_descriptor(n.kind);
    g.setPen(QPen(style.frame, 1.2));
    g.setBrush(n.kind == NodeKind::Input ? QColor(230, 240, 250) : QColor(250, 250, 245));
    g.drawRoundedRect(r, 6 * s, 6 * s);
    const auto info = shapes.nodes.find(n.id);
    const QString summary = d.card_summary ? QString::fromStdString(d.card_summary(n))
                                           : QString::fromLatin1(d.pytorch_name);
    const QString shape = info == shapes.nodes.end() ? QString() : shape_text(info->second.output);
    g.setPen(QColor(0x20, 0x20, 0x20));
    QFont bold = f;
    bold.setBold(true);
    const qreal line = r.height() / 3.0;
    g.setFont(bold);
    g.drawText(QRectF(r.left() + 4, r.top(), r.width() - 8, line), Qt::AlignCenter,
               fm.elidedText(QString::fromStdString(n.name), Qt::ElideRight, r.width() - 8));
    g.setFont(f);
    g.drawText(QRectF(r.left() + 4, r.top() + line, r.width() - 8, line), Qt::AlignCenter,
               fm.elidedText(summary, Qt::ElideRight, r.width() - 8));
    g.drawText(QRectF(r.left() + 4, r.top() + 2 * line, r.width() - 8, line), Qt::AlignCenter,
               fm.elidedText(shape, Qt::ElideRight, r.width() - 8));
  }
  g.restore();
}

}  // namespace bp::ui
