#include "ui/editor/layer_catalog.h"

#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"

namespace bp::ui {
namespace {

// Palette order: by group, and within a group in NodeKind order (a kind's presets in their own
// order, before any later kind of that group).
std::vector<PaletteEntry> build() {
  std::vector<PaletteEntry> entries;
  for (PaletteGroup g : {PaletteGroup::Core, PaletteGroup::Activations, PaletteGroup::Convolution,
                         PaletteGroup::Regularization, PaletteGroup::Structure})
    for (const LayerDescriptor& d : layer_descriptors()) {
      if (d.group != g) continue;
      if (d.presets.empty()) {
        entries.push_back(
            {d.kind, std::nullopt, g, QString::fromUtf8(d.pytorch_name), QObject::tr(d.summary)});
        continue;
      }
      for (const PalettePreset& preset : d.presets)
        entries.push_back({d.kind, preset.activation, g,
                           QString::fromStdString(to_string(preset.activation)),
                           QObject::tr(preset.summary)});
    }
  return entries;
}

}  // namespace

const std::vector<PaletteEntry>& palette_entries() {
  static const std::vector<PaletteEntry> entries = build();
  return entries;
}

QString group_name(PaletteGroup group) {
  switch (group) {
    case PaletteGroup::Core:
      return QObject::tr("Core");
    case PaletteGroup::Activations:
      return QObject::tr("Activations");
    case PaletteGroup::Convolution:
      return QObject::tr("Convolution");
    case PaletteGroup::Regularization:
      return QObject::tr("Regularization");
    case PaletteGroup::Structure:
      return QObject::tr("Structure");
  }
  return {};
}

PaletteGroup group_of(NodeKind kind) {
  return layer_descriptor(kind).group;
}

QColor group_color(PaletteGroup group) {
  switch (group) {
    case PaletteGroup::Core:
      return QColor(0x3b, 0x82, 0xf6);
    case PaletteGroup::Activations:
      return QColor(0xf5, 0x9e, 0x0b);
    case PaletteGroup::Convolution:
      return QColor(0x10, 0xb9, 0x81);
    case PaletteGroup::Regularization:
      return QColor(0x8b, 0x5c, 0xf6);
    case PaletteGroup::Structure:
      return QColor(0x64, 0x74, 0x8b);
  }
  return Qt::gray;
}

NodeSpec make_node(const PaletteEntry& e) {
  NodeSpec n;
  n.kind = e.kind;
  if (e.activation) n.params.activation = *e.activation;
  if (const auto defaults = layer_descriptor(e.kind).editor_defaults) defaults(n.params);
  return n;
}

QMimeData* node_mime_data(const PaletteEntry& e) {
  auto* mime = new QMimeData;
  QString text = QString::fromStdString(to_string(e.kind));
  if (e.activation) text += ":" + QString::fromStdString(to_string(*e.activation));
  mime->setData(kNodeMimeType, text.toUtf8());
  return mime;
}

std::optional<NodeSpec> node_from_mime(const QMimeData* mime) {
  if (!mime || !mime->hasFormat(kNodeMimeType)) return std::nullopt;
  const QStringList parts = QString::fromUtf8(mime->data(kNodeMimeType)).split(':');
  const auto kind = parse_node_kind(parts.value(0).toStdString());
  if (!kind) return std::nullopt;
  std::optional<Activation> f;
  if (parts.size() > 1) f = parse_activation(parts[1].toStdString());
  for (const auto& e : palette_entries())
    if (e.kind == *kind && (!f || e.activation == f)) return make_node(e);
  return std::nullopt;
}

QString activation_title(Activation f) {
  return QString::fromStdString(to_string(f));
}

QString node_summary(const NodeSpec& n) {
  const LayerDescriptor& d = layer_descriptor(n.kind);
  if (d.card_summary) return QString::fromStdString(d.card_summary(n));
  return QString::fromUtf8(d.pytorch_name);
}

}  // namespace bp::ui
