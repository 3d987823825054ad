#pragma once
// ProjectDocument: the open project (network, training config, dataset spec, trained weights)
// and its QUndoStack. Views observe its fine-grained signals; only undo commands call the
// mutators (weights are the exception: they come from training, not from an edit, and are
// tracked by their own "unsaved weights" flag). "Modified" = the undo stack is not clean, or
// weights changed since the last save.
#include <QObject>
#include <QString>
#include <QUndoStack>
#include <map>
#include <string>
#include <vector>

#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"

namespace bp::ui {

class ProjectDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocument(QObject* parent = nullptr);

  const Project& project() const { return project_; }
  const NetworkSpec& network() const { return project_.network; }
  const TrainConfig& trainConfig() const { return project_.training; }
  const DatasetSpec& datasetSpec() const { return project_.dataset; }
  const std::map<std::string, std::vector<float>>& weights() const { return project_.weights; }
  // Shapes, parameter counts and diagnostics of the current network (kept up to date).
  const ShapeReport& shapes() const { return shapes_; }

  QUndoStack* undoStack() { return &undo_; }
  // Position of a node / edge in the spec's vectors; -1 when absent.
  int nodeIndex(int node_id) const;
  int edgeIndex(int edge_id) const;
  QString filePath() const { return path_; }
  bool isModified() const { return !undo_.isClean() || weights_dirty_; }

  // Replaces the whole project (New / Open); clears the undo stack.
  void reset(const Project& project, const QString& path);
  // After a successful save: the stack becomes clean, the path is remembered.
  void markSaved(const QString& path);

  // --- mutators: called by undo commands only ---
  // index: position in NetworkSpec::nodes (-1 = append); undo restores the exact order.
  void insertNode(const NodeSpec& node, int index = -1);
  void removeNode(int node_id);  // the caller removes the node's edges first
  void setNodeParams(int node_id, const LayerParams& params);
  void setNodeName(int node_id, const std::string& name);
  void setNodePosition(int node_id, double x, double y);
  void insertEdge(const EdgeSpec& edge, int index = -1);
  // Replaces the whole network (a template); emits networkReplaced + networkChanged.
  void replaceNetwork(const NetworkSpec& network);
  void removeEdge(int edge_id);
  void setTrainConfig(const TrainConfig& config);
  void setDatasetSpec(const DatasetSpec& spec);
  void setProjectInfo(const std::string& name, const std::string& description);

  // --- from training (not an undoable edit) ---
  void setWeights(std::map<std::string, std::vector<float>> weights);
  void clearWeights();

 signals:
  void nodeAdded(int node_id);
  void nodeRemoved(int node_id);
  void nodeParamsChanged(int node_id);
  void nodeMoved(int node_id);
  void edgeAdded(int edge_id);
  void edgeRemoved(int edge_id);
  // After any change to the network's structure or parameters (shapes() already updated).
  void networkChanged();
  void trainConfigChanged();
  void datasetSpecChanged();
  void weightsChanged();
  void projectInfoChanged();
  // The network was replaced as a whole (ApplyTemplate and its undo).
  void networkReplaced();
  // New / Open: everything changed.
  void documentReset();
  void filePathChanged(const QString& path);
  void modifiedChanged(bool modified);

 private:
  void networkEdited();
  void emitModified();

  Project project_;
  ShapeReport shapes_;
  QUndoStack undo_;
  QString path_;
  bool weights_dirty_ = false;
  bool last_modified_ = false;
};

}  // namespace bp::ui
