#include "ui/editor/node_item.h"

#include <QApplication>
#include <QGraphicsEllipseItem>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include "engine/graph/names.h"
#include "ui/document/project_document.h"
#include "ui/editor/layer_catalog.h"
#include "ui/editor/network_scene.h"

namespace bp::ui {
namespace {

// The red "!" in the card's top-right corner; its tooltip is the diagnostic.
// Red "!" for a shape error; amber "?" for a hint from building the model (the live preview).
class BadgeItem : public QGraphicsItem {
 public:
  explicit BadgeItem(QGraphicsItem* parent) : QGraphicsItem(parent) {}
  void setError(bool error) {
    error_ = error;
    update();
  }
  QRectF boundingRect() const override { return QRectF(-9, -9, 18, 18); }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(Qt::white, 1.5));
    p->setBrush(error_ ? QColor(0xdc, 0x26, 0x26) : QColor(0xd9, 0x77, 0x06));
    p->drawEllipse(boundingRect().adjusted(1, 1, -1, -1));
    QFont f = p->font();
    f.setBold(true);
    f.setPointSizeF(8.5);
    p->setFont(f);
    p->drawText(boundingRect(), Qt::AlignCenter, error_ ? "!" : "?");
  }

 private:
  bool error_ = true;
};

}  // namespace

NodeItem::NodeItem(const ProjectDocument* doc, int node_id) : doc_(doc), node_id_(node_id) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(true);
  setZValue(1.0);
  badge_ = new BadgeItem(this);
  badge_->setPos(cardRect().topRight() + QPointF(-4, 4));
  badge_->setVisible(false);
  refresh();
}

QRectF NodeItem::cardRect() const {
  return QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
}

QRectF NodeItem::boundingRect() const {
  return cardRect().adjusted(-kPortRadius - 2, -kPortRadius - 2, kPortRadius + 2, kPortRadius + 2);
}

QPainterPath NodeItem::shape() const {
  QPainterPath path;
  // Winding fill: with the default odd-even rule the port's upper half, where the circle
  // overlaps the card, was a hole in the shape and did not start a wire.
  path.setFillRule(Qt::WindingFill);
  path.addRoundedRect(cardRect(), 8, 8);
  const QPointF out(0, kHeight / 2);
  path.addEllipse(out, kPortRadius + 2, kPortRadius + 2);
  return path;
}

bool NodeItem::hasInputPort() const {
  const NodeSpec* n = doc_->network().find(node_id_);
  return n && n->kind != NodeKind::Input;
}

QPointF NodeItem::inputPortScenePos() const {
  return mapToScene(QPointF(0, -kHeight / 2));
}
QPointF NodeItem::outputPortScenePos() const {
  return mapToScene(QPointF(0, kHeight / 2));
}

bool NodeItem::isOnOutputPort(QPointF scene_pos) const {
  const QPointF d = mapFromScene(scene_pos) - QPointF(0, kHeight / 2);
  return d.x() * d.x() + d.y() * d.y() <= (kPortRadius + 5) * (kPortRadius + 5);
}

void NodeItem::setHighlighted(bool on) {
  if (highlighted_ == on) return;
  highlighted_ = on;
  update();
}

bool NodeItem::isBadgeVisible() const {
  return badge_->isVisible();
}

void NodeItem::setBuildHint(const QString& text) {
  if (hint_ == text) return;
  hint_ = text;
  refresh();
}

void NodeItem::refresh() {
  QStringList messages;
  for (const auto& m : doc_->shapes().messages_for(node_id_)) messages << QString::fromStdString(m);
  error_ = messages.join('\n');
  static_cast<BadgeItem*>(badge_)->setError(!error_.isEmpty());
  badge_->setVisible(!error_.isEmpty() || !hint_.isEmpty());
  badge_->setToolTip(error_.isEmpty() ? hint_ : error_);
  if (const NodeSpec* n = doc_->network().find(node_id_)) {
    QString tip = QString("<b>%1</b> — %2").arg(QString::fromStdString(n->name), node_summary(*n));
    for (const auto& e : palette_entries())
      if (e.kind == n->kind) {
        tip += "<br>" + e.tooltip;
        break;
      }
    if (!error_.isEmpty())
      tip += "<br><span style='color:#dc2626'>" + error_.toHtmlEscaped() + "</span>";
    if (!hint_.isEmpty())
      tip += "<br><span style='color:#b45309'>" + hint_.toHtmlEscaped() + "</span>";
    setToolTip(tip);
    setPos(n->x, n->y);
  }
  update();
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
  const NodeSpec* n = doc_->network().find(node_id_);
  if (!n) return;
  const QPalette pal = QApplication::palette();
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  const bool selected = option->state & QStyle::State_Selected;
  const QColor accent = group_color(group_of(n->kind));
  const QRectF card = cardRect();
  p->setRenderHint(QPainter::Antialiasing);

  // Shadow, card, accent stripe.
  p->setPen(Qt::NoPen);
  p->setBrush(QColor(0, 0, 0, dark ? 90 : 28));
  p->drawRoundedRect(card.translated(0, 2), 8, 8);
  QColor fill = pal.color(QPalette::Base);
  if (hovered_ || highlighted_) fill = dark ? fill.lighter(125) : fill.darker(104);
  QColor border = dark ? pal.color(QPalette::Mid).lighter(140) : pal.color(QPalette::Mid);
  qreal width = 1.0;
  if (!error_.isEmpty()) {
    border = QColor(0xdc, 0x26, 0x26);
    width = 1.6;
  }
  if (selected || highlighted_) {
    border = pal.color(QPalette::Highlight);
    width = 2.4;
  }
  p->setBrush(fill);
  p->setPen(QPen(border, width));
  p->drawRoundedRect(card, 8, 8);
  QPainterPath stripe;
  stripe.addRoundedRect(QRectF(card.left(), card.top(), 14, card.height()), 8, 8);
  QPainterPath clip;
  clip.addRect(QRectF(card.left(), card.top(), 6, card.height()));
  p->setPen(Qt::NoPen);
  p->setBrush(accent);
  p->drawPath(stripe.intersected(clip).translated(width / 2, 0));

  // Text: summary (bold), name, shape and parameter count.
  const QRectF text = card.adjusted(16, 6, -12, -6);
  const QColor fg = pal.color(QPalette::Text);
  QColor muted = fg;
  muted.setAlphaF(0.62);
  QFont f = QApplication::font();
  f.setPointSizeF(10.0);
  f.setBold(true);
  p->setFont(f);
  p->setPen(fg);
  const qreal line = text.height() / 3.0;
  p->drawText(QRectF(text.left(), text.top(), text.width() - 10, line),
              Qt::AlignLeft | Qt::AlignVCenter,
              QFontMetricsF(f).elidedText(node_summary(*n), Qt::ElideRight, text.width() - 10));
  f.setBold(false);
  f.setPointSizeF(8.5);
  p->setFont(f);
  p->setPen(muted);
  p->drawText(QRectF(text.left(), text.top() + line, text.width(), line),
              Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(n->name));
  QString shape = QStringLiteral("→ ?");
  int64_t params = 0;
  auto it = doc_->shapes().nodes.find(node_id_);
  if (it != doc_->shapes().nodes.end()) {
    if (it->second.output) shape = "→ " + QString::fromStdString(it->second.output->to_string());
    params = it->second.parameter_count;
  }
  p->setPen(error_.isEmpty() ? muted : QColor(0xdc, 0x26, 0x26));
  p->drawText(QRectF(text.left(), text.top() + 2 * line, text.width(), line),
              Qt::AlignLeft | Qt::AlignVCenter, shape);
  if (params > 0) {
    p->setPen(muted);
    p->drawText(QRectF(text.left(), text.top() + 2 * line, text.width(), line),
                Qt::AlignRight | Qt::AlignVCenter,
                QObject::tr("%1 params").arg(QLocale().toString(static_cast<qlonglong>(params))));
  }

  // Ports.
  p->setPen(QPen(pal.color(QPalette::Base), 1.5));
  p->setBrush(dark ? pal.color(QPalette::Mid).lighter(170) : pal.color(QPalette::Dark));
  if (n->kind != NodeKind::Input) p->drawEllipse(QPointF(0, card.top()), kPortRadius, kPortRadius);
  p->setBrush(accent);
  p->drawEllipse(QPointF(0, card.bottom()), kPortRadius, kPortRadius);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged)
    if (auto* s = dynamic_cast<NetworkScene*>(scene())) s->nodeItemMoved(node_id_);
  return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
  hovered_ = true;
  update();
  QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
  hovered_ = false;
  update();
  QGraphicsItem::hoverLeaveEvent(event);
}

}  // namespace bp::ui
