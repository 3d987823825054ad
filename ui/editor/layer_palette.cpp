#include "ui/editor/layer_palette.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <map>

#include "ui/editor/layer_catalog.h"

namespace bp::ui {
namespace {

constexpr int kEntryRole = Qt::UserRole + 1;

QIcon swatch(const QColor& c) {
  QPixmap pm(32, 32);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  p.drawRoundedRect(QRectF(6, 6, 20, 20), 5, 5);
  return QIcon(pm);
}

}  // namespace

LayerPalette::LayerPalette(QWidget* parent) : QTreeWidget(parent) {
  setHeaderHidden(true);
  setColumnCount(1);
  setDragEnabled(true);
  setDragDropMode(QAbstractItemView::DragOnly);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setRootIsDecorated(true);
  setIndentation(14);
  setUniformRowHeights(true);
  setToolTip(
      tr("Drag a layer onto the canvas (or onto a connection to insert it there), or "
         "double-click to add it below the selected node."));
  std::map<PaletteGroup, QTreeWidgetItem*> groups;
  const auto& entries = palette_entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const PaletteEntry& e = entries[i];
    QTreeWidgetItem*& group = groups[e.group];
    if (!group) {
      group = new QTreeWidgetItem(this, {group_name(e.group)});
      group->setFlags(Qt::ItemIsEnabled);
      QFont f = font();
      f.setBold(true);
      group->setFont(0, f);
      group->setExpanded(true);
    }
    auto* item = new QTreeWidgetItem(group, {e.title});
    item->setIcon(0, swatch(group_color(e.group)));
    item->setToolTip(0, "<b>" + e.title + "</b><br>" + e.tooltip);
    item->setData(0, kEntryRole, static_cast<int>(i));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
  }
  expandAll();
  connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int) {
    const QVariant v = item->data(0, kEntryRole);
    if (!v.isValid()) return;
    emit nodeRequested(make_node(palette_entries()[static_cast<size_t>(v.toInt())]));
  });
}

QStringList LayerPalette::mimeTypes() const {
  return {QString::fromLatin1(kNodeMimeType)};
}

QMimeData* LayerPalette::mimeData(const QList<QTreeWidgetItem*>& items) const {
  if (items.isEmpty()) return nullptr;
  const QVariant v = items.front()->data(0, kEntryRole);
  if (!v.isValid()) return nullptr;
  return node_mime_data(palette_entries()[static_cast<size_t>(v.toInt())]);
}

}  // namespace bp::ui
