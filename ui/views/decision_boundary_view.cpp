#include "ui/views/decision_boundary_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/report/boundary_painter.h"
#include "ui/views/class_colors.h"

namespace bp::ui {

// The square plot: heatmap, points, axis labels; clicks add points.
class BoundaryCanvas : public QWidget {
 public:
  explicit BoundaryCanvas(DecisionBoundaryView* view) : QWidget(view), view_(view) {
    setMinimumSize(220, 220);
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
  }
  QImage image;
  SnapshotPtr snapshot;
  bool show_test = false;

 protected:
  QRectF plotRect() const { return boundary_plot_rect(QRectF(rect()), font()); }
  void paintEvent(QPaintEvent*) override {
    QPainter g(this);
    const FigureStyle style = style_from_palette(palette(), font());
    g.fillRect(rect(), style.background);
    if (!snapshot || !snapshot->points) return;
    paint_boundary(g, QRectF(rect()), image, *snapshot->points, show_test, style);
  }
  void mousePressEvent(QMouseEvent* e) override {
    if (!snapshot || !snapshot->points || e->button() != Qt::LeftButton) return;
    const PlotPoints& p = *snapshot->points;
    const QRectF r = plotRect();
    if (!r.contains(e->position())) return;
    const float x = p.x_min + static_cast<float>((e->position().x() - r.left()) / r.width()) *
                                  (p.x_max - p.x_min);
    const float y = p.y_max - static_cast<float>((e->position().y() - r.top()) / r.height()) *
                                  (p.y_max - p.y_min);
    view_->addPointAt(x, y);
  }
  void mouseMoveEvent(QMouseEvent* e) override {
    if (!snapshot || !snapshot->points || snapshot->grid.width == 0) return;
    const PlotPoints& p = *snapshot->points;
    const QRectF r = plotRect();
    if (!r.contains(e->position())) return;
    const float tx = static_cast<float>((e->position().x() - r.left()) / r.width());
    const float ty = static_cast<float>((e->position().y() - r.top()) / r.height());
    const PlaneGrid& grid = snapshot->grid;
    const int cx = std::clamp(static_cast<int>(tx * grid.width), 0, grid.width - 1);
    const int cy = std::clamp(static_cast<int>(ty * grid.height), 0, grid.height - 1);
    const float* v =
        grid.values.data() + static_cast<size_t>((cy * grid.width + cx) * grid.outputs);
    QString text = QStringLiteral("(%1, %2)")
                       .arg(p.x_min + tx * (p.x_max - p.x_min), 0, 'f', 2)
                       .arg(p.y_max - ty * (p.y_max - p.y_min), 0, 'f', 2);
    text += QStringLiteral("\noutput:");
    for (int k = 0; k < std::min(grid.outputs, 10); ++k)
      text += QStringLiteral(" %1").arg(v[k], 0, 'g', 3);
    setToolTip(text);
  }

 private:
  DecisionBoundaryView* view_;
};

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent) : QWidget(parent) {
  show_test_ = new QCheckBox(tr("Show test data"), this);
  show_test_->setToolTip(
      tr("Also draw the test points (squares). They are never trained on: "
         "how well the boundary fits them shows generalisation."));
  discretize_ = new QCheckBox(tr("Discretize"), this);
  discretize_->setToolTip(
      tr("Colour each cell by the predicted class only (hard decision) "
         "instead of shading by confidence."));
  add_class_ = new QComboBox(this);
  add_class_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  add_class_->setToolTip(
      tr("Clicking the plane adds a training point of this class; the model "
         "must then learn it too."));
  connect(show_test_, &QCheckBox::toggled, this, &DecisionBoundaryView::setShowTestData);
  connect(discretize_, &QCheckBox::toggled, this, &DecisionBoundaryView::setDiscretize);
  controls_ = new QWidget(this);
  auto* bar = new QHBoxLayout(controls_);
  bar->setContentsMargins(6, 4, 6, 0);
  bar->addWidget(show_test_);
  bar->addWidget(discretize_);
  bar->addStretch(1);
  bar->addWidget(new QLabel(tr("Click adds:"), this));
  bar->addWidget(add_class_);

  canvas_ = new BoundaryCanvas(this);
  placeholder_ = new QLabel(tr("No training yet: press Play."), this);
  placeholder_->setAlignment(Qt::AlignCenter);
  placeholder_->setWordWrap(true);
  placeholder_->setEnabled(false);
  auto* holder = new QWidget(this);
  stack_ = new QStackedLayout(holder);
  stack_->addWidget(placeholder_);
  stack_->addWidget(canvas_);
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(0, 0, 0, 0);
  lay->addWidget(controls_);
  lay->addWidget(holder, 1);
  updateClassChoices();
}

void DecisionBoundaryView::setFigureMode(bool on) {
  controls_->setVisible(!on);
  // A figure is seen at 1600x1000 and up: tick labels and axis titles one and a half times as
  // large as on screen.
  QFont f = font();
  if (on) f.setPointSizeF(f.pointSizeF() * 1.5);
  canvas_->setFont(f);
}

void DecisionBoundaryView::setSnapshot(const SnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  // Empty says why: nothing trained or previewed yet, or data that is not 2-D.
  placeholder_->setText(snapshot ? tr("The decision boundary is drawn for two-dimensional data.\n"
                                      "Choose a 2-D toy dataset (or a 2-column CSV) in the "
                                      "Dataset panel.")
                                 : tr("No training yet: press Play."));
  canvas_->snapshot = snapshot;
  stack_->setCurrentWidget(hasPlane() ? static_cast<QWidget*>(canvas_) : placeholder_);
  updateClassChoices();
  rebuildImage();
  canvas_->update();
}

void DecisionBoundaryView::clear() {
  setSnapshot(nullptr);
}

bool DecisionBoundaryView::hasPlane() const {
  return snapshot_ && snapshot_->points && snapshot_->grid.width > 0;
}

const QImage& DecisionBoundaryView::heatmap() const {
  return canvas_->image;
}

void DecisionBoundaryView::setShowTestData(bool on) {
  show_test_->setChecked(on);
  canvas_->show_test = on;
  canvas_->update();
}

void DecisionBoundaryView::setDiscretize(bool on) {
  discretize_->setChecked(on);
  rebuildImage();
  canvas_->update();
}

void DecisionBoundaryView::addPointAt(float x, float y) {
  if (!snapshot_ || !snapshot_->points) return;
  if (snapshot_->points->task != TaskKind::Classification) return;
  emit pointAdded(x, y, static_cast<float>(std::max(0, add_class_->currentIndex())));
}

void DecisionBoundaryView::updateClassChoices() {
  const bool cls =
      snapshot_ && snapshot_->points && snapshot_->points->task == TaskKind::Classification;
  const int k = cls ? snapshot_->points->num_classes : 0;
  add_class_->setEnabled(cls);
  if (k == classes_in_combo_) return;
  classes_in_combo_ = k;
  const int keep = add_class_->currentIndex();
  add_class_->clear();
  for (int c = 0; c < k; ++c) {
    QPixmap swatch(12, 12);
    swatch.fill(class_color(c, k));
    add_class_->addItem(QIcon(swatch), tr("class %1").arg(c));
  }
  if (keep >= 0 && keep < k) add_class_->setCurrentIndex(keep);
}

void DecisionBoundaryView::rebuildImage() {
  if (!hasPlane()) {
    canvas_->image = QImage();
    return;
  }
  canvas_->image = boundary_heatmap(snapshot_->grid, *snapshot_->points, discretize_->isChecked());
}

}  // namespace bp::ui
