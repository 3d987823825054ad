#include "ui/editor/network_scene.h"

#include <algorithm>

#include "ui/document/project_document.h"
#include "ui/editor/build_hint.h"
#include "ui/editor/edge_item.h"
#include "ui/editor/node_item.h"

namespace bp::ui {

NetworkScene::NetworkScene(ProjectDocument* doc, QObject* parent)
    : QGraphicsScene(parent), doc_(doc) {
  setItemIndexMethod(QGraphicsScene::NoIndex);  // few items, many moves
  connect(doc, &ProjectDocument::nodeAdded, this, [this](int id) { addNodeItem(id); });
  connect(doc, &ProjectDocument::nodeRemoved, this, [this](int id) {
    // Unregister before deleting: deleting a selected item emits selectionChanged.
    if (auto it = nodes_.find(id); it != nodes_.end()) {
      NodeItem* item = it->second;
      nodes_.erase(it);
      delete item;
    }
  });
  connect(doc, &ProjectDocument::edgeAdded, this, [this](int id) { addEdgeItem(id); });
  connect(doc, &ProjectDocument::edgeRemoved, this, [this](int id) {
    if (auto it = edges_.find(id); it != edges_.end()) {
      EdgeItem* item = it->second;
      edges_.erase(it);
      delete item;
    }
  });
  connect(doc, &ProjectDocument::nodeMoved, this, [this](int id) {
    if (NodeItem* item = nodeItem(id)) item->refresh();  // sets the position, moves edges
  });
  // Shapes and diagnostics may change anywhere downstream of any edit.
  connect(doc, &ProjectDocument::networkChanged, this, &NetworkScene::refreshAll);
  connect(doc, &ProjectDocument::networkReplaced, this, &NetworkScene::rebuild);
  connect(doc, &ProjectDocument::documentReset, this, &NetworkScene::rebuild);
  connect(this, &QGraphicsScene::selectionChanged, this, [this] {
    const int id = currentNodeId();
    if (id != current_) {
      current_ = id;
      emit currentNodeChanged(id);
    }
  });
  rebuild();
}

NetworkScene::~NetworkScene() {
  // QGraphicsScene's destructor deletes the items and may emit selectionChanged meanwhile.
  disconnect(this, &QGraphicsScene::selectionChanged, this, nullptr);
  nodes_.clear();
  edges_.clear();
}

NodeItem* NetworkScene::nodeItem(int node_id) const {
  auto it = nodes_.find(node_id);
  return it == nodes_.end() ? nullptr : it->second;
}

EdgeItem* NetworkScene::edgeItem(int edge_id) const {
  auto it = edges_.find(edge_id);
  return it == edges_.end() ? nullptr : it->second;
}

NodeItem* NetworkScene::nodeItemAt(QPointF scene_pos) const {
  for (QGraphicsItem* item : items(scene_pos))
    if (item->type() == NodeItem::Type) return static_cast<NodeItem*>(item);
  return nullptr;
}

EdgeItem* NetworkScene::edgeItemAt(QPointF scene_pos) const {
  for (QGraphicsItem* item : items(scene_pos))
    if (item->type() == EdgeItem::Type) return static_cast<EdgeItem*>(item);
  return nullptr;
}

std::vector<int> NetworkScene::selectedNodeIds() const {
  std::vector<int> ids;
  for (const auto& [id, item] : nodes_)
    if (item->isSelected()) ids.push_back(id);
  return ids;
}

void NetworkScene::selectNodes(const std::vector<int>& node_ids) {
  clearSelection();
  for (int id : node_ids)
    if (NodeItem* item = nodeItem(id)) item->setSelected(true);
}

int NetworkScene::currentNodeId() const {
  const auto ids = selectedNodeIds();
  return ids.size() == 1 ? ids.front() : -1;
}

void NetworkScene::setBuildHint(const QString& text) {
  if (NodeItem* old = nodeItem(hint_node_)) old->setBuildHint(QString());
  hint_ = text;
  hint_node_ = text.isEmpty() ? -1 : build_hint_node(doc_->network(), doc_->shapes(), text);
  if (NodeItem* item = nodeItem(hint_node_)) item->setBuildHint(hint_);
}

void NetworkScene::nodeItemMoved(int node_id) {
  for (const auto& e : doc_->network().edges)
    if (e.from == node_id || e.to == node_id) updateEdge(e.id);
}

void NetworkScene::rebuild() {
  const std::vector<int> keep = selectedNodeIds();
  auto edges = std::move(edges_);
  auto nodes = std::move(nodes_);
  edges_.clear();
  nodes_.clear();
  for (auto& [id, item] : edges) delete item;
  for (auto& [id, item] : nodes) delete item;
  for (const auto& n : doc_->network().nodes) addNodeItem(n.id);
  for (const auto& e : doc_->network().edges) addEdgeItem(e.id);
  selectNodes(keep);
}

void NetworkScene::addNodeItem(int node_id) {
  if (nodes_.count(node_id)) return;
  auto* item = new NodeItem(doc_, node_id);
  if (node_id == hint_node_) item->setBuildHint(hint_);
  nodes_[node_id] = item;
  addItem(item);
}

void NetworkScene::addEdgeItem(int edge_id) {
  if (edges_.count(edge_id)) return;
  auto* item = new EdgeItem(edge_id);
  edges_[edge_id] = item;
  addItem(item);
  updateEdge(edge_id);
}

void NetworkScene::updateEdge(int edge_id) {
  const EdgeSpec* e = doc_->network().find_edge(edge_id);
  EdgeItem* item = edgeItem(edge_id);
  if (!e || !item) return;
  NodeItem* a = nodeItem(e->from);
  NodeItem* b = nodeItem(e->to);
  if (!a || !b) return;
  item->setEnds(a->outputPortScenePos(), b->inputPortScenePos());
}

void NetworkScene::refreshAll() {
  for (auto& [id, item] : nodes_) item->refresh();
  for (auto& [id, item] : edges_) updateEdge(id);
}

}  // namespace bp::ui
