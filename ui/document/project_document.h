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
#include <optional>
#include <string>
#include <vector>

#include "engine/graph/shape_inference.h"
#include "engine/io/checkpoint.h"
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
  // Keeps a checkpoint taken from a run of `from` (the network the run was built from): layers
  // renamed since keep their values under the new names; when the weights no longer fit the
  // network (a layer added or resized meanwhile) they are shelved instead, and come back when
  // an undo returns the network to `from`.
  void setCheckpoint(const NetworkSpec& from, WeightMap weights, std::optional<TrainState> state);
  // The weights and the training state, both (Reset).
  void clearWeights();
  const std::optional<TrainState>& trainState() const { return project_.training_state; }
  // Starts a new history for the same weights (a new dataset): the curves begin again while
  // the weights and the optimizer go on.
  void startNewHistory();

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
  // An edit made the trained weights unusable; they are kept for undo. `why` is for the user.
  void weightsShelved(const QString& why);
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
  // Shelves the current weights (they no longer fit the network) and clears them.
  void shelveWeights();
  // Takes weights back from the shelf when one fits the network as it is now.
  bool unshelveWeights();

  struct Shelved {
    NetworkSpec network;
    WeightMap weights;
    std::optional<TrainState> state;
  };
  std::vector<Shelved> shelf_;  // newest last, at most kShelfSize
  static constexpr size_t kShelfSize = 16;
  NetworkSpec weights_network_;  // the network project_.weights were last mapped onto

  Project project_;
  ShapeReport shapes_;
  QUndoStack undo_;
  QString path_;
  bool weights_dirty_ = false;
  bool last_modified_ = false;
};

}  // namespace bp::ui
