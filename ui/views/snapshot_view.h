#pragma once
// SnapshotView: what a training view is to the studio. It draws the latest snapshot and saves
// itself (File > Export). Every view implements it and has one row in the list of views
// (ui/main_window/studio_docks.cpp), which builds its dock, feeds it every snapshot, adds its
// export entries and places it in the default layout.
#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLineEdit>
#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include "ui/training/training_snapshot.h"
#include "ui/views/view_export.h"

namespace bp::ui {

class SnapshotView {
 public:
  SnapshotView() = default;
  SnapshotView(const SnapshotView&) = delete;
  SnapshotView& operator=(const SnapshotView&) = delete;
  virtual ~SnapshotView() = default;

  // The widget that goes into the dock (the view itself).
  virtual QWidget* viewWidget() = 0;
  // Draws `snapshot`, the latest one (views that accumulate, like the curves, keep their own
  // history).
  virtual void setSnapshot(const SnapshotPtr& snapshot) = 0;
  // What this view needs computed inside the network (gradients, histograms, attributions),
  // asked only while the view is visible; nothing by default.
  virtual InsightRequest insights() const { return {}; }

  // Export: a PNG always; an SVG where the view paints vectors; a CSV where numbers stand behind
  // it. What the menu offers is fixed when the view is created.
  virtual bool exportsSvg() const { return false; }
  virtual bool exportsCsv() const { return false; }
  virtual QString csv() const { return {}; }
  virtual bool exportImage(const QString& path, ImageFormat format, QString* error) {
    return export_view_image(viewWidget(), path, format, error);
  }
  // Figure mode: the view hides its controls (check boxes, choices) so that an exported figure
  // shows only what it draws (ui/views/figure_export.h). By default every visible control of
  // the view (buttons, choices, spin boxes, sliders, text fields) is hidden and shown again
  // afterwards; a view with its own figure layout overrides this.
  virtual void setFigureMode(bool on) {
    if (on) {
      for (QWidget* w : viewWidget()->findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
                             qobject_cast<QAbstractSpinBox*>(w) ||
                             qobject_cast<QAbstractSlider*>(w) || qobject_cast<QLineEdit*>(w);
        if (control && w->isVisibleTo(viewWidget())) {
          w->hide();
          hidden_for_figure_ << w;
        }
      }
    } else {
      for (const QPointer<QWidget>& w : hidden_for_figure_)
        if (w) w->show();
      hidden_for_figure_.clear();
    }
  }

 private:
  QList<QPointer<QWidget>> hidden_for_figure_;
};

}  // namespace bp::ui
