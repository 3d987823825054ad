#include "ui/views/neuron_insight.h"

#include <algorithm>

namespace bp::ui {

namespace {

const LayerGrid* grid_of(const TrainingSnapshot& s, int node_id) {
  for (const LayerGrid& g : s.layers)
    if (g.node_id == node_id) return &g;
  return nullptr;
}

}  // namespace

NeuronEquation neuron_equation(const TrainingSnapshot& s, const std::vector<DenseLayer>& layers,
                               int layer, int unit, int cell, const QString& activation) {
  NeuronEquation e;
  if (layer <= 0 || layer >= static_cast<int>(layers.size())) return e;
  const DenseLayer& l = layers[static_cast<size_t>(layer)];
  if (l.source < 0) return e;
  const DenseLayer& src = layers[static_cast<size_t>(l.source)];
  const LayerGrid* in = grid_of(s, src.node_id);
  const LayerGrid* out = grid_of(s, l.node_id);
  const int cells = s.grid.width * s.grid.height;
  if (!in || !out || in->shown < src.units || unit >= out->shown || cell < 0 || cell >= cells)
    return e;
  const auto w = s.weights.find(l.weight_name);
  const std::string bias_name = l.name + ".bias";
  const auto b = s.weights.find(bias_name);
  if (w == s.weights.end() ||
      w->second.size() != static_cast<size_t>(l.units) * static_cast<size_t>(src.units))
    return e;
  const double bias = b != s.weights.end() && static_cast<int>(b->second.size()) == l.units
                          ? b->second[static_cast<size_t>(unit)]
                          : 0.0;
  e.z = bias;
  QString terms;
  for (int i = 0; i < src.units; ++i) {
    const double wi = w->second[static_cast<size_t>(unit) * src.units + i];
    const double xi =
        in->values[static_cast<size_t>(i) * static_cast<size_t>(cells) + static_cast<size_t>(cell)];
    e.z += wi * xi;
    terms += QStringLiteral("%1·(%2) + ").arg(wi, 0, 'g', 3).arg(xi, 0, 'g', 3);
    if (i % 4 == 3 && i + 1 < src.units) terms += QStringLiteral("\n      ");
  }
  e.a = out->values[static_cast<size_t>(unit) * static_cast<size_t>(cells) +
                    static_cast<size_t>(cell)];
  e.text = QStringLiteral("%1[%2]: z = Σ wᵢxᵢ + b = %3b(%4) = %5\na = %6(z) = %7")
               .arg(QString::fromStdString(l.name))
               .arg(unit)
               .arg(terms)
               .arg(bias, 0, 'g', 3)
               .arg(e.z, 0, 'g', 4)
               .arg(activation)
               .arg(e.a, 0, 'g', 4);
  e.ok = true;
  return e;
}

const std::vector<float>* weight_gradients(const TrainingSnapshot& s, const DenseLayer& layer) {
  if (!s.gradients) return nullptr;
  for (const ParamGradient& p : s.gradients->params)
    if (p.name == layer.weight_name && !p.grad.empty()) return &p.grad;
  return nullptr;
}

bool unit_dead(const TrainingSnapshot& s, const DenseLayer& layer, int unit) {
  if (!s.activity) return false;
  for (const UnitActivity& u : s.activity->layers)
    if ((u.node_id == layer.node_id || u.node_id == layer.output_node_id) && unit >= 0 &&
        unit < static_cast<int>(u.dead.size()))
      return u.dead[static_cast<size_t>(unit)] != 0;
  return false;
}

}  // namespace bp::ui
