#include "ui/editor/network_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QGraphicsPathItem>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "engine/io/project.h"
#include "ui/document/commands/add_node.h"
#include "ui/document/commands/auto_layout.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/commands/disconnect_edge.h"
#include "ui/document/commands/insert_node_on_edge.h"
#include "ui/document/commands/move_nodes.h"
#include "ui/document/commands/paste_nodes.h"
#include "ui/document/commands/remove_nodes.h"
#include "ui/document/project_document.h"
#include "ui/editor/canvas_hint.h"
#include "ui/editor/edge_item.h"
#include "ui/editor/layer_catalog.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/node_item.h"

namespace bp::ui {
namespace {

constexpr const char* kNetworkMimeType = "application/x-backprop-network";
constexpr int kStatusMs = 6000;

}  // namespace

NetworkView::NetworkView(NetworkScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), scene_(scene) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::RubberBandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  setSceneRect(QRectF(-4000, -4000, 8000, 8000));
  // Navigation is zoom + middle-button (or Alt+drag) panning; scrollbars would only add noise.
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFrameShape(QFrame::NoFrame);
}

ProjectDocument* NetworkView::doc() const {
  return scene_->document();
}

double NetworkView::zoomFactor() const {
  return transform().m11();
}

void NetworkView::scaleBy(double factor) {
  const double z = zoomFactor() * factor;
  if (z < 0.2 || z > 4.0) return;
  scale(factor, factor);
}

void NetworkView::zoomIn() {
  scaleBy(1.25);
}
void NetworkView::zoomOut() {
  scaleBy(1.0 / 1.25);
}

void NetworkView::fitAll() {
  QRectF r = scene_->itemsBoundingRect();
  if (r.isEmpty()) r = QRectF(-200, -150, 400, 300);
  r.adjust(-40, -40, 40, 40);
  fitInView(r, Qt::KeepAspectRatio);
  // Never blow a small network up beyond 1.25x: cards would look oversized.
  if (zoomFactor() > 1.25) {
    const double f = 1.25 / zoomFactor();
    scale(f, f);
  }
  // A hint floating at the top of the canvas must not cover the first layer: leave room above.
  if (const auto* hint = findChild<CanvasHint*>(); hint && hint->isVisible()) {
    const double room = (hint->geometry().bottom() + 8) / std::max(zoomFactor(), 1e-3);
    const double visible_top = mapToScene(viewport()->rect()).boundingRect().top();
    if (r.top() - visible_top < room) {
      r.adjust(0, -room, 0, 0);
      fitInView(r, Qt::KeepAspectRatio);
      if (zoomFactor() > 1.25) {
        const double f = 1.25 / zoomFactor();
        scale(f, f);
      }
    }
  }
  centerOn(r.center());
}

void NetworkView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0.0) return QGraphicsView::wheelEvent(event);
  scaleBy(std::pow(1.15, steps));
  event->accept();
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::MiddleButton ||
      (event->button() == Qt::LeftButton && (event->modifiers() & Qt::AltModifier))) {
    pan_from_ = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  if (event->button() == Qt::LeftButton) {
    const QPointF p = mapToScene(event->position().toPoint());
    NodeItem* node = scene_->nodeItemAt(p);
    if (node && node->isOnOutputPort(p)) {
      connect_from_ = node->nodeId();
      rubber_edge_ = new QGraphicsPathItem;
      rubber_edge_->setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
      rubber_edge_->setZValue(2.0);
      rubber_edge_->setPath(EdgeItem::curve(node->outputPortScenePos(), p));
      scene_->addItem(rubber_edge_);
      event->accept();
      return;
    }
  }
  QGraphicsView::mousePressEvent(event);
  drag_start_.clear();
  for (int id : scene_->selectedNodeIds())
    if (const NodeSpec* n = doc()->network().find(id)) drag_start_[id] = QPointF(n->x, n->y);
}

void NetworkView::mouseMoveEvent(QMouseEvent* event) {
  if (pan_from_) {
    const QPoint d = event->position().toPoint() - *pan_from_;
    pan_from_ = event->position().toPoint();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
    return;
  }
  if (connect_from_) {
    const QPointF p = mapToScene(event->position().toPoint());
    if (NodeItem* from = scene_->nodeItem(*connect_from_))
      rubber_edge_->setPath(EdgeItem::curve(from->outputPortScenePos(), p));
    NodeItem* target = scene_->nodeItemAt(p);
    setConnectTarget(target && target->nodeId() != *connect_from_ ? target : nullptr);
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void NetworkView::mouseReleaseEvent(QMouseEvent* event) {
  if (pan_from_) {
    pan_from_.reset();
    viewport()->unsetCursor();
    return;
  }
  if (connect_from_) {
    const int from = *connect_from_;
    connect_from_.reset();
    delete rubber_edge_;
    rubber_edge_ = nullptr;
    setConnectTarget(nullptr);
    NodeItem* target = scene_->nodeItemAt(mapToScene(event->position().toPoint()));
    if (target && target->nodeId() != from) connectNodes(from, target->nodeId());
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
  // A drag of nodes ends: one MoveNodes for everything that moved.
  std::map<int, QPointF> before, after;
  for (const auto& [id, start] : drag_start_) {
    NodeItem* item = scene_->nodeItem(id);
    if (!item || item->pos() == start) continue;
    before[id] = start;
    after[id] = item->pos();
  }
  drag_start_.clear();
  if (!after.empty()) doc()->undoStack()->push(new MoveNodes(doc(), before, after));
}

void NetworkView::setConnectTarget(NodeItem* node) {
  if (connect_target_ == node) return;
  if (connect_target_) connect_target_->setHighlighted(false);
  connect_target_ = node;
  if (connect_target_) connect_target_->setHighlighted(true);
}

bool NetworkView::connectNodes(int from, int to) {
  QString reason;
  auto cmd = ConnectNodes::create(doc(), from, to, &reason);
  if (!cmd) {
    emit statusMessage(tr("Cannot connect: %1").arg(reason), kStatusMs);
    return false;
  }
  doc()->undoStack()->push(cmd.release());
  return true;
}

void NetworkView::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
    deleteSelection();
    event->accept();
    return;
  }
  if (event->matches(QKeySequence::Copy)) return copySelection();
  if (event->matches(QKeySequence::Paste)) return paste();
  QGraphicsView::keyPressEvent(event);
}

void NetworkView::deleteSelection() {
  const std::vector<int> nodes = scene_->selectedNodeIds();
  std::vector<int> edges;
  for (QGraphicsItem* item : scene_->selectedItems())
    if (item->type() == EdgeItem::Type) edges.push_back(static_cast<EdgeItem*>(item)->edgeId());
  if (nodes.empty() && edges.empty()) return;
  auto* stack = doc()->undoStack();
  stack->beginMacro(tr("Delete"));
  if (!nodes.empty()) stack->push(new RemoveNodes(doc(), nodes));
  for (int e : edges)
    if (doc()->network().find_edge(e)) stack->push(new DisconnectEdge(doc(), e));
  stack->endMacro();
}

void NetworkView::copySelection() {
  const std::vector<int> ids = scene_->selectedNodeIds();
  if (ids.empty()) return;
  Project fragment;
  fragment.network = copy_fragment(doc()->network(), ids);
  auto* mime = new QMimeData;
  const QByteArray json = QByteArray::fromStdString(project_to_json(fragment));
  mime->setData(kNetworkMimeType, json);
  mime->setText(QString::fromUtf8(json));
  QApplication::clipboard()->setMimeData(mime);
  paste_count_ = 0;
  emit statusMessage(tr("Copied %n node(s)", nullptr, static_cast<int>(ids.size())), 2000);
}

void NetworkView::paste() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (!mime) return;
  QByteArray json = mime->data(kNetworkMimeType);
  if (json.isEmpty()) json = mime->text().toUtf8();
  if (json.isEmpty()) return;
  Project fragment;
  try {
    fragment = parse_project(json.toStdString(), "clipboard");
  } catch (const std::exception& e) {
    emit statusMessage(tr("Cannot paste: %1").arg(QString::fromUtf8(e.what())), kStatusMs);
    return;
  }
  ++paste_count_;
  auto* cmd = new PasteNodes(doc(), fragment.network, QPointF(40, 40) * paste_count_);
  const std::vector<int> ids = cmd->pastedIds();
  doc()->undoStack()->push(cmd);
  scene_->selectNodes(ids);
}

void NetworkView::autoLayout() {
  doc()->undoStack()->push(new AutoLayout(doc()));
  fitAll();
}

int NetworkView::dropNode(const NodeSpec& node, QPointF scene_pos) {
  NodeSpec n = node;
  n.x = scene_pos.x();
  n.y = scene_pos.y();
  if (EdgeItem* edge = scene_->edgeItemAt(scene_pos)) {
    const QString why = InsertNodeOnEdge::refusal(doc(), edge->edgeId(), n.kind);
    if (why.isEmpty()) {
      auto* cmd = new InsertNodeOnEdge(doc(), edge->edgeId(), n);
      const int id = cmd->nodeId();
      doc()->undoStack()->push(cmd);
      scene_->selectNodes({id});
      return id;
    }
    emit statusMessage(why, kStatusMs);
  }
  auto* cmd = new AddNode(doc(), n);
  const int id = cmd->nodeId();
  doc()->undoStack()->push(cmd);
  scene_->selectNodes({id});
  return id;
}

int NetworkView::addBelowSelection(const NodeSpec& node) {
  const NetworkSpec& net = doc()->network();
  int anchor = scene_->currentNodeId();
  if (anchor < 0) {
    if (auto out = net.output_node()) anchor = *out;
  }
  NodeSpec n = node;
  const NodeSpec* a = net.find(anchor);
  if (!a) {  // empty network: put it in view
    const QPointF c = mapToScene(viewport()->rect().center());
    return dropNode(n, c);
  }
  n.x = a->x;
  n.y = a->y + AutoLayout::kRowSpacing;
  auto* stack = doc()->undoStack();
  std::vector<const EdgeSpec*> out;
  for (const auto& e : net.edges)
    if (e.from == anchor) out.push_back(&e);
  int id = -1;
  if (out.size() == 1 && InsertNodeOnEdge::refusal(doc(), out[0]->id, n.kind).isEmpty()) {
    // Splice in, pushing everything below down one row.
    stack->beginMacro(tr("Insert %1").arg(node_summary(n)));
    std::map<int, QPointF> before, after;
    for (const auto& m : net.nodes)
      if (m.y > a->y + 1.0) {
        before[m.id] = QPointF(m.x, m.y);
        after[m.id] = QPointF(m.x, m.y + AutoLayout::kRowSpacing);
      }
    if (!after.empty()) {
      auto* move = new MoveNodes(doc(), before, after);
      move->setMergeable(false);
      stack->push(move);
    }
    auto* cmd = new InsertNodeOnEdge(doc(), out[0]->id, n);
    id = cmd->nodeId();
    stack->push(cmd);
    stack->endMacro();
  } else {
    stack->beginMacro(tr("Add %1").arg(node_summary(n)));
    auto* cmd = new AddNode(doc(), n);
    id = cmd->nodeId();
    stack->push(cmd);
    QString reason;
    if (auto c = ConnectNodes::create(doc(), anchor, id, &reason))
      stack->push(c.release());
    else
      emit statusMessage(tr("Added unconnected: %1").arg(reason), kStatusMs);
    stack->endMacro();
  }
  scene_->selectNodes({id});
  if (NodeItem* item = scene_->nodeItem(id)) ensureVisible(item);
  return id;
}

void NetworkView::setDropHighlight(EdgeItem* edge) {
  if (drop_edge_ == edge) return;
  if (drop_edge_) drop_edge_->setHighlighted(false);
  drop_edge_ = edge;
  if (drop_edge_) drop_edge_->setHighlighted(true);
}

void NetworkView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kNodeMimeType))
    event->acceptProposedAction();
  else
    QGraphicsView::dragEnterEvent(event);
}

void NetworkView::dragMoveEvent(QDragMoveEvent* event) {
  if (!event->mimeData()->hasFormat(kNodeMimeType)) return QGraphicsView::dragMoveEvent(event);
  setDropHighlight(scene_->edgeItemAt(mapToScene(event->position().toPoint())));
  event->acceptProposedAction();
}

void NetworkView::dragLeaveEvent(QDragLeaveEvent* event) {
  setDropHighlight(nullptr);
  QGraphicsView::dragLeaveEvent(event);
}

void NetworkView::dropEvent(QDropEvent* event) {
  setDropHighlight(nullptr);
  if (dropMime(event->mimeData(), event->position().toPoint()) < 0)
    return QGraphicsView::dropEvent(event);
  setFocus();
  event->acceptProposedAction();
}

int NetworkView::dropMime(const QMimeData* mime, QPoint view_pos) {
  const auto node = node_from_mime(mime);
  if (!node) return -1;
  return dropNode(*node, mapToScene(view_pos));
}

void NetworkView::drawBackground(QPainter* painter, const QRectF& rect) {
  const QPalette pal = palette();
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  const QColor bg =
      dark ? pal.color(QPalette::Window).darker(120) : pal.color(QPalette::Window).lighter(104);
  painter->fillRect(rect, bg);
  // A dot grid every 24 scene units (skipped when zoomed far out).
  if (zoomFactor() < 0.45) return;
  const double step = 24.0;
  QColor dot = pal.color(QPalette::Text);
  dot.setAlphaF(dark ? 0.14 : 0.16);
  painter->setPen(QPen(dot, 1.5 / zoomFactor()));
  const double x0 = std::floor(rect.left() / step) * step;
  const double y0 = std::floor(rect.top() / step) * step;
  QVector<QPointF> points;
  for (double x = x0; x < rect.right(); x += step)
    for (double y = y0; y < rect.bottom(); y += step) points.append(QPointF(x, y));
  painter->drawPoints(points.data(), static_cast<int>(points.size()));
}

}  // namespace bp::ui
