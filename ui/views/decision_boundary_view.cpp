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

#include "engine/train/prediction.h"
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
  QRectF plotRect() const {
    const qreal margin = 26.0;
    const qreal side = std::max<qreal>(10.0, std::min(width(), height()) - margin - 8.0);
    return QRectF((width() - side + margin) / 2.0, 6.0, side, side);
  }
  QPointF toScreen(const PlotPoints& p, float x, float y) const {
    const QRectF r = plotRect();
    return QPointF(r.left() + (x - p.x_min) / (p.x_max - p.x_min) * r.width(),
                   r.top() + (p.y_max - y) / (p.y_max - p.y_min) * r.height());
  }
  void paintEvent(QPaintEvent*) override {
    QPainter g(this);
    g.setRenderHint(QPainter::Antialiasing);
    g.fillRect(rect(), palette().window());
    if (!snapshot || !snapshot->points) return;
    const PlotPoints& p = *snapshot->points;
    const QRectF r = plotRect();
    g.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!image.isNull()) g.drawImage(r, image);
    g.setPen(QPen(QColor(0, 0, 0, 60), 1.0));
    g.drawRect(r);
    // Axes through the origin and tick labels.
    g.setPen(QPen(QColor(0, 0, 0, 40), 1.0, Qt::DashLine));
    const QPointF o = toScreen(p, 0.0f, 0.0f);
    if (r.contains(o)) {
      g.drawLine(QPointF(r.left(), o.y()), QPointF(r.right(), o.y()));
      g.drawLine(QPointF(o.x(), r.top()), QPointF(o.x(), r.bottom()));
    }
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    g.setFont(f);
    g.setPen(palette().color(QPalette::WindowText));
    for (int i = 0; i <= 4; ++i) {
      const float t = static_cast<float>(i) / 4.0f;
      const float xv = p.x_min + t * (p.x_max - p.x_min);
      const float yv = p.y_min + t * (p.y_max - p.y_min);
      const QPointF sx = toScreen(p, xv, p.y_min), sy = toScreen(p, p.x_min, yv);
      g.drawText(QRectF(sx.x() - 30, r.bottom() + 2, 60, 14), Qt::AlignCenter,
                 QString::number(xv, 'g', 2));
      g.drawText(QRectF(r.left() - 40, sy.y() - 7, 36, 14), Qt::AlignRight | Qt::AlignVCenter,
                 QString::number(yv, 'g', 2));
    }
    g.setClipRect(r);
    auto color_of = [&](float target) {
      if (p.task == TaskKind::Classification)
        return class_color(static_cast<int>(target), p.num_classes);
      return diverging_color((target - p.target_min) / (p.target_max - p.target_min));
    };
    const qreal rad = std::clamp(r.width() / 110.0, 2.5, 5.0);
    if (show_test) {
      for (size_t i = 0; i + 1 < p.test_xy.size(); i += 2) {
        const QPointF c = toScreen(p, p.test_xy[i], p.test_xy[i + 1]);
        g.setPen(QPen(Qt::black, 1.0));
        g.setBrush(color_of(p.test_target[i / 2]));
        g.drawRect(QRectF(c.x() - rad, c.y() - rad, 2 * rad, 2 * rad));
      }
    }
    g.setPen(QPen(Qt::white, 1.0));
    for (size_t i = 0; i + 1 < p.train_xy.size(); i += 2) {
      const QPointF c = toScreen(p, p.train_xy[i], p.train_xy[i + 1]);
      g.setBrush(color_of(p.train_target[i / 2]));
      g.drawEllipse(c, rad, rad);
    }
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
  const PlaneGrid& g = snapshot_->grid;
  const PlotPoints& p = *snapshot_->points;
  const bool hard = discretize_->isChecked();
  QImage img(g.width, g.height, QImage::Format_RGB32);
  const int k = g.outputs;
  for (int r = 0; r < g.height; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < g.width; ++c) {
      const float* v = g.values.data() + static_cast<size_t>((r * g.width + c) * k);
      QColor color;
      if (p.task == TaskKind::Classification && k >= 2) {
        // The predicted class, shaded by the softmax of the outputs (probabilities for
        // CrossEntropyLoss; a ranking otherwise).
        const int best = predicted_class(g.loss, v, k);
        const float m = v[best];
        float sum = 0.0f;
        for (int j = 0; j < k; ++j) sum += std::exp(v[j] - m);
        const float pmax = 1.0f / sum;
        const float conf =
            (pmax - 1.0f / static_cast<float>(k)) / (1.0f - 1.0f / static_cast<float>(k));
        color = tint(class_color(best, p.num_classes), hard ? 0.55f : 0.15f + 0.6f * conf);
      } else if (p.task == TaskKind::Classification) {
        // One output: a probability (sigmoid of a logit for BCEWithLogitsLoss).
        const float t = positive_score(g.loss, v[0]);
        color = hard ? tint(class_color(predicted_class(g.loss, v, 1), 2), 0.55f)
                     : diverging_color(0.5f + 0.8f * (std::clamp(t, 0.0f, 1.0f) - 0.5f));
      } else {
        float t = (v[0] - p.target_min) / (p.target_max - p.target_min);
        if (hard) t = std::round(t * 6.0f) / 6.0f;
        color = diverging_color(0.5f + 0.8f * (t - 0.5f));
      }
      line[c] = color.rgb();
    }
  }
  canvas_->image = img;
}

}  // namespace bp::ui
