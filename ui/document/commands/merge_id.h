#pragma once
// Every undo merge id of the studio in one enum. QUndoStack merges a command into the previous
// one when both return the same id() (and the command's mergeWith agrees, e.g. the same node), so
// a slider scrub is one undo step. Ranges for per-field ids are sized here, so they cannot
// overlap.

namespace bp::ui {

enum class MergeId : int {
  None = -1,  // never merges
  MoveNodes = 1,
  // Dataset panel fields
  DatasetNoise,
  DatasetSamples,
  DatasetClasses,
  DatasetTrainSplit,
  DatasetValidationSplit,
  DatasetResize,
  DatasetMaxTrain,
  DatasetMaxTest,
  // Per-field ranges: first id + the field's index (see merge_id()).
  TrainingField = 0x1000,    // the training panel's numeric fields
  LayerParamField = 0x2000,  // the inspector's fields (SetNodeParams also needs the same node)
  End = 0x3000,
};

// The id() a command returns.
constexpr int merge_id(MergeId id) {
  return static_cast<int>(id);
}
// The id of field `index` in a per-field range (index < 0x1000).
constexpr int merge_id(MergeId range, int index) {
  return static_cast<int>(range) + index;
}

}  // namespace bp::ui
