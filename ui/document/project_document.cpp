#include "ui/document/project_document.h"

#include <algorithm>

namespace bp::ui {

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  connect(&undo_, &QUndoStack::cleanChanged, this, [this](bool) { emitModified(); });
  shapes_ = infer_shapes(project_.network);
}

void ProjectDocument::reset(const Project& project, const QString& path) {
  project_ = project;
  weights_network_ = project_.network;
  shelf_.clear();
  shapes_ = infer_shapes(project_.network);
  undo_.clear();
  undo_.setClean();
  weights_dirty_ = false;
  path_ = path;
  emit documentReset();
  emit filePathChanged(path_);
  emitModified();
}

void ProjectDocument::markSaved(const QString& path) {
  path_ = path;
  weights_dirty_ = false;
  undo_.setClean();
  emit filePathChanged(path_);
  emitModified();
}

int ProjectDocument::nodeIndex(int node_id) const {
  const auto& nodes = project_.network.nodes;
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == node_id) return static_cast<int>(i);
  return -1;
}

int ProjectDocument::edgeIndex(int edge_id) const {
  const auto& edges = project_.network.edges;
  for (size_t i = 0; i < edges.size(); ++i)
    if (edges[i].id == edge_id) return static_cast<int>(i);
  return -1;
}

void ProjectDocument::insertNode(const NodeSpec& node, int index) {
  auto& nodes = project_.network.nodes;
  if (index < 0 || index > static_cast<int>(nodes.size()))
    nodes.push_back(node);
  else
    nodes.insert(nodes.begin() + index, node);
  networkEdited();
  emit nodeAdded(node.id);
  emit networkChanged();
}

void ProjectDocument::removeNode(int node_id) {
  auto& nodes = project_.network.nodes;
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                             [&](const NodeSpec& n) { return n.id == node_id; }),
              nodes.end());
  networkEdited();
  emit nodeRemoved(node_id);
  emit networkChanged();
}

void ProjectDocument::setNodeParams(int node_id, const LayerParams& params) {
  if (NodeSpec* n = project_.network.find(node_id)) {
    n->params = params;
    networkEdited();
    emit nodeParamsChanged(node_id);
    emit networkChanged();
  }
}

void ProjectDocument::setNodeName(int node_id, const std::string& name) {
  if (NodeSpec* n = project_.network.find(node_id)) {
    n->name = name;
    networkEdited();
    emit nodeParamsChanged(node_id);
    emit networkChanged();
  }
}

void ProjectDocument::setNodePosition(int node_id, double x, double y) {
  if (NodeSpec* n = project_.network.find(node_id)) {
    n->x = x;
    n->y = y;
    emit nodeMoved(node_id);
  }
}

void ProjectDocument::insertEdge(const EdgeSpec& edge, int index) {
  auto& edges = project_.network.edges;
  if (index < 0 || index > static_cast<int>(edges.size()))
    edges.push_back(edge);
  else
    edges.insert(edges.begin() + index, edge);
  networkEdited();
  emit edgeAdded(edge.id);
  emit networkChanged();
}

void ProjectDocument::removeEdge(int edge_id) {
  auto& edges = project_.network.edges;
  edges.erase(std::remove_if(edges.begin(), edges.end(),
                             [&](const EdgeSpec& e) { return e.id == edge_id; }),
              edges.end());
  networkEdited();
  emit edgeRemoved(edge_id);
  emit networkChanged();
}

void ProjectDocument::replaceNetwork(const NetworkSpec& network) {
  project_.network = network;
  networkEdited();
  emit networkReplaced();
  emit networkChanged();
}

void ProjectDocument::setTrainConfig(const TrainConfig& config) {
  project_.training = config;
  emit trainConfigChanged();
}

void ProjectDocument::setDatasetSpec(const DatasetSpec& spec) {
  project_.dataset = spec;
  emit datasetSpecChanged();
}

void ProjectDocument::setProjectInfo(const std::string& name, const std::string& description) {
  project_.name = name;
  project_.description = description;
  emit projectInfoChanged();
}

void ProjectDocument::setCheckpoint(const NetworkSpec& from, WeightMap weights,
                                    std::optional<TrainState> state) {
  rename_checkpoint(from, project_.network, weights, state);
  if (!checkpoint_fits(project_.network, weights)) {
    // The network changed under the run: keep its weights for the undo that brings it back.
    shelf_.push_back({from, std::move(weights), std::move(state)});
    if (shelf_.size() > kShelfSize) shelf_.erase(shelf_.begin());
    return;
  }
  project_.weights = std::move(weights);
  project_.training_state = std::move(state);
  weights_network_ = project_.network;
  weights_dirty_ = true;
  emit weightsChanged();
  emitModified();
}

void ProjectDocument::clearWeights() {
  if (project_.weights.empty() && !project_.training_state) return;
  project_.weights.clear();
  project_.training_state.reset();
  weights_dirty_ = true;
  emit weightsChanged();
  emitModified();
}

void ProjectDocument::startNewHistory() {
  if (!project_.training_state || project_.training_state->history.empty()) return;
  TrainState& s = *project_.training_state;
  s.history.clear();
  s.epoch = 0;
  s.target_epoch = 0;
  s.stopped_early = false;
  s.order.clear();
  s.cursor = 0;
  s.loss_sum = 0.0;
  s.correct = s.seen = 0;
  s.has_reference_loss = false;
  weights_dirty_ = true;
  emit weightsChanged();
  emitModified();
}

void ProjectDocument::shelveWeights() {
  shelf_.push_back({weights_network_, std::move(project_.weights), project_.training_state});
  if (shelf_.size() > kShelfSize) shelf_.erase(shelf_.begin());
  project_.weights.clear();
  project_.training_state.reset();
  weights_dirty_ = true;
}

bool ProjectDocument::unshelveWeights() {
  for (auto it = shelf_.rbegin(); it != shelf_.rend(); ++it) {
    if (!same_structure(it->network, project_.network, true)) continue;
    WeightMap weights = it->weights;
    std::optional<TrainState> state = it->state;
    rename_checkpoint(it->network, project_.network, weights, state);
    if (!checkpoint_fits(project_.network, weights)) continue;
    project_.weights = std::move(weights);
    project_.training_state = std::move(state);
    weights_network_ = project_.network;
    shelf_.erase(std::next(it).base());
    weights_dirty_ = true;
    return true;
  }
  return false;
}

void ProjectDocument::networkEdited() {
  shapes_ = infer_shapes(project_.network);
  if (project_.weights.empty()) {
    if (unshelveWeights()) emit weightsChanged();
    weights_network_ = project_.network;
    return;
  }
  // Renamed layers keep their values; an edit that leaves every parameter's name and size as
  // it was keeps the weights. Anything else shelves them (undo brings them back).
  rename_checkpoint(weights_network_, project_.network, project_.weights, project_.training_state);
  if (checkpoint_fits(project_.network, project_.weights)) {
    weights_network_ = project_.network;
    return;
  }
  shelveWeights();
  if (unshelveWeights()) {
    emit weightsChanged();
    return;
  }
  weights_network_ = project_.network;
  emit weightsChanged();
  emit weightsShelved(
      tr("The trained weights no longer fit the network (a layer's shape changed); training "
         "will start from new initial weights. Undo brings the trained weights back."));
}

void ProjectDocument::emitModified() {
  const bool m = isModified();
  if (m != last_modified_) {
    last_modified_ = m;
    emit modifiedChanged(m);
  }
}

}  // namespace bp::ui
