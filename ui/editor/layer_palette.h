#pragma once
// LayerPalette: every node kind, grouped "Core / Activations / Convolution / Regularization /
// Structure". Entries drag into the editor (MIME kNodeMimeType); double-click asks to add the
// node below the current selection. Every entry's tooltip explains the concept.
#include <QTreeWidget>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class LayerPalette : public QTreeWidget {
  Q_OBJECT
 public:
  explicit LayerPalette(QWidget* parent = nullptr);

 signals:
  void nodeRequested(const bp::NodeSpec& node);

 protected:
  QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
  QStringList mimeTypes() const override;
};

}  // namespace bp::ui
