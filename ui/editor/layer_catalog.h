#pragma once
// The palette's entries (one per layer kind, one per activation function) and the editor's view
// of a kind: its group colour, drag-and-drop data, and the one-line summary drawn on its card.
#include <QColor>
#include <QMimeData>
#include <QString>
#include <optional>
#include <vector>

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/network_spec.h"

namespace bp::ui {

// The groups, entries, tooltips, defaults and summaries come from the layer descriptors
// (engine/graph/layer_descriptor.h); this file adds only the Qt side (colours, drag data).
using bp::PaletteGroup;

struct PaletteEntry {
  NodeKind kind;
  std::optional<Activation> activation;  // Activation entries: the function preset
  PaletteGroup group;
  QString title;    // "Linear", "ReLU"
  QString tooltip;  // 1-2 sentences explaining the concept
};

// Every entry, in palette order (every NodeKind appears at least once).
const std::vector<PaletteEntry>& palette_entries();
QString group_name(PaletteGroup group);
PaletteGroup group_of(NodeKind kind);
// Accent colour of a group (node card stripe, palette icon).
QColor group_color(PaletteGroup group);

// A new node for a palette entry, with editor-friendly defaults (pools 2x2 stride 2, ...).
NodeSpec make_node(const PaletteEntry& entry);

// Drag and drop between the palette and the view.
inline constexpr const char* kNodeMimeType = "application/x-backprop-node";
QMimeData* node_mime_data(const PaletteEntry& entry);
std::optional<NodeSpec> node_from_mime(const QMimeData* mime);

// "Linear 8 · Tanh", "Conv2d 6 · 5×5 pad 2", "Dropout p=0.5", "Input (1, 28, 28)".
QString node_summary(const NodeSpec& node);
QString activation_title(Activation f);

}  // namespace bp::ui
