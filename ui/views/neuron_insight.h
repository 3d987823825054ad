#pragma once
// What the neuron view adds from the inside-the-network snapshot data: a unit's equation with
// the current numbers at a point of the plane (freeze-frame: z = sum w_i x_i + b = ..., a = f(z)),
// each link's gradient, and which units are dead on the held-out probe batch.
#include <QString>
#include <vector>

#include "engine/train/snapshot/dense_layout.h"
#include "ui/training/training_snapshot.h"

namespace bp::ui {

struct NeuronEquation {
  bool ok = false;
  double z = 0.0;  // sum w_i x_i + b
  double a = 0.0;  // the unit's output there (after its activation), from the snapshot's grid
  QString text;    // "z = 0.31·(-0.52) + ... + b(0.10) = 0.27\na = Tanh(z) = 0.26"
};

// Unit `unit` of dense layer `layer` (an index into `layers`, not the input) at grid cell `cell`
// (row-major, row 0 at the top) of the snapshot's plane. Needs every unit of the layer feeding it
// in the grid (layers up to 16 wide): ok = false otherwise.
NeuronEquation neuron_equation(const TrainingSnapshot& s, const std::vector<DenseLayer>& layers,
                               int layer, int unit, int cell, const QString& activation);

// The gradient of a dense layer's weight, (units, inputs), or null when the snapshot has none.
const std::vector<float>* weight_gradients(const TrainingSnapshot& s, const DenseLayer& layer);

// True when the unit never activated on the held-out probe batch (ReLU units; false if unknown).
bool unit_dead(const TrainingSnapshot& s, const DenseLayer& layer, int unit);

}  // namespace bp::ui
