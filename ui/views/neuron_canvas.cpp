#include "ui/views/neuron_canvas.h"

#include <QCheckBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "ui/views/class_colors.h"
#include "ui/views/neuron_insight.h"

namespace bp::ui {
namespace {

constexpr int kMaxUnits = 16;

// Distance from p to the segment ab.
qreal segment_distance(QPointF p, QPointF a, QPointF b) {
  const QPointF ab = b - a;
  const qreal len2 = QPointF::dotProduct(ab, ab);
  const qreal t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
  const QPointF d = p - (a + t * ab);
  return std::sqrt(QPointF::dotProduct(d, d));
}

}  // namespace

NeuronCanvas::NeuronCanvas(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  gradient_box_ = new QCheckBox(tr("links: gradient"), this);
  gradient_box_->setToolTip(
      tr("Colour and size the links by the last step's gradient instead "
         "of the weight. Click a unit for its equation at that point."));
  gradient_box_->adjustSize();
  connect(gradient_box_, &QCheckBox::toggled, this, [this](bool on) { setLinksByGradient(on); });
}

void NeuronCanvas::setLinksByGradient(bool on) {
  by_gradient_ = on;
  gradient_box_->setChecked(on);
  update();
}

QString NeuronCanvas::equation(int layer, int unit, int cell) const {
  if (!snapshot_) return {};
  const QString f = static_cast<size_t>(layer) < activations_.size()
                        ? activations_[static_cast<size_t>(layer)]
                        : QStringLiteral("f");
  const NeuronEquation e = neuron_equation(*snapshot_, layers_, layer, unit, cell, f);
  return e.ok ? e.text : QString();
}

bool NeuronCanvas::dead(int layer, int unit) const {
  return snapshot_ && unit_dead(*snapshot_, layers_[static_cast<size_t>(layer)], unit);
}

void NeuronCanvas::mousePressEvent(QMouseEvent* e) {
  const QPointF p = e->position();
  for (size_t l = 1; l < layers_.size(); ++l)
    for (int u = 0; u < shownUnits(static_cast<int>(l)); ++u) {
      const QRectF r = thumbRect(static_cast<int>(l), u);
      if (!r.contains(p) || !snapshot_ || snapshot_->grid.width == 0) continue;
      const int gw = snapshot_->grid.width, gh = snapshot_->grid.height;
      const int col = std::clamp(static_cast<int>((p.x() - r.left()) / r.width() * gw), 0, gw - 1);
      const int row = std::clamp(static_cast<int>((p.y() - r.top()) / r.height() * gh), 0, gh - 1);
      const QString text = equation(static_cast<int>(l), u, row * gw + col);
      if (text.isEmpty()) return;
      if (!popup_) {
        popup_ = new QLabel(nullptr, Qt::ToolTip);
        popup_->setFrameShape(QFrame::Box);
      }
      popup_->setPixmap({});
      popup_->setText(text);
      popup_->setWordWrap(false);
      popup_->adjustSize();
      popup_->move(e->globalPosition().toPoint() + QPoint(16, 16));
      popup_->show();
      return;
    }
}

NeuronCanvas::~NeuronCanvas() {
  delete popup_;
}

int NeuronCanvas::shownUnits(int layer) const {
  return std::min(layers_[static_cast<size_t>(layer)].units, kMaxUnits);
}

void NeuronCanvas::setLayers(std::vector<DenseLayer> layers) {
  layers_ = std::move(layers);
  images_.assign(layers_.size(), {});
  for (size_t l = 0; l < layers_.size(); ++l)
    images_[l].assign(static_cast<size_t>(shownUnits(static_cast<int>(l))), QImage());
  snapshot_.reset();
  relayout();
  update();
}

void NeuronCanvas::relayout() {
  int rows = 0;
  for (size_t l = 0; l < layers_.size(); ++l)
    rows = std::max(rows, shownUnits(static_cast<int>(l)));
  const int w = 20 + static_cast<int>(layers_.size()) * kColumn;
  const int h = kTop + rows * (kThumb + kGap) + 30;
  setMinimumSize(w, h);
  gradient_box_->move(4, h - 26);
  resize(std::max(w, width()), std::max(h, height()));
}

QRectF NeuronCanvas::thumbRect(int layer, int unit) const {
  const int rows = shownUnits(layer);
  int max_rows = 0;
  for (size_t l = 0; l < layers_.size(); ++l)
    max_rows = std::max(max_rows, shownUnits(static_cast<int>(l)));
  const qreal total = static_cast<qreal>(max_rows * (kThumb + kGap));
  const qreal top = kTop + (total - rows * (kThumb + kGap)) / 2.0;
  const qreal x0 =
      std::max<qreal>(10.0, (width() - static_cast<qreal>(layers_.size()) * kColumn) / 2.0);
  return QRectF(x0 + layer * kColumn + (kColumn - kThumb) / 2.0, top + unit * (kThumb + kGap),
                kThumb, kThumb);
}

const std::vector<float>* NeuronCanvas::weightsOf(int layer) const {
  const DenseLayer& l = layers_[static_cast<size_t>(layer)];
  if (!snapshot_ || l.source < 0) return nullptr;
  auto it = snapshot_->weights.find(l.weight_name);
  if (it == snapshot_->weights.end()) return nullptr;
  const int in = layers_[static_cast<size_t>(l.source)].units;
  if (it->second.size() != static_cast<size_t>(in) * static_cast<size_t>(l.units)) return nullptr;
  return &it->second;
}

void NeuronCanvas::setSnapshot(const SnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  max_weight_ = 1e-6f;
  for (size_t l = 0; l < layers_.size(); ++l)
    if (const auto* w = weightsOf(static_cast<int>(l)))
      for (float v : *w) max_weight_ = std::max(max_weight_, std::fabs(v));
  if (snapshot) {
    for (const LayerGrid& g : snapshot->layers) {
      auto it = std::find_if(layers_.begin(), layers_.end(),
                             [&](const DenseLayer& l) { return l.node_id == g.node_id; });
      if (it == layers_.end() || snapshot->grid.width == 0) continue;
      const size_t li = static_cast<size_t>(it - layers_.begin());
      const int gw = snapshot->grid.width, gh = snapshot->grid.height;
      const size_t cells = static_cast<size_t>(gw) * gh;
      for (int u = 0; u < std::min(g.shown, static_cast<int>(images_[li].size())); ++u) {
        const float* v = g.values.data() + static_cast<size_t>(u) * cells;
        float m = 1e-6f;
        for (size_t i = 0; i < cells; ++i) m = std::max(m, std::fabs(v[i]));
        // Bounded activations (tanh, sigmoid) keep their scale; larger ones are normalised.
        m = m <= 1.0f ? 1.0f : m;
        QImage img(gw, gh, QImage::Format_RGB32);
        for (int r = 0; r < gh; ++r) {
          auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
          for (int c = 0; c < gw; ++c)
            line[c] = diverging_color(0.5f + 0.5f * v[r * gw + c] / m).rgb();
        }
        images_[li][static_cast<size_t>(u)] = img;
      }
    }
  }
  if (popup_ && popup_->isVisible() && popup_layer_ >= 0) {
    const QImage& img =
        images_[static_cast<size_t>(popup_layer_)][static_cast<size_t>(popup_unit_)];
    if (!img.isNull()) popup_->setPixmap(QPixmap::fromImage(img.scaled(200, 200)));
  }
  update();
}

void NeuronCanvas::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

QImage NeuronCanvas::image(int layer, int unit) const {
  return images_[static_cast<size_t>(layer)][static_cast<size_t>(unit)];
}

void NeuronCanvas::paintEvent(QPaintEvent*) {
  QPainter g(this);
  g.setRenderHint(QPainter::Antialiasing);
  g.fillRect(rect(), palette().base());
  if (layers_.empty()) {
    g.setPen(palette().color(QPalette::PlaceholderText));
    g.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  // Links first, under the thumbnails.
  for (size_t l = 0; l < layers_.size(); ++l) {
    const DenseLayer& layer = layers_[l];
    const auto* w = weightsOf(static_cast<int>(l));
    if (layer.source < 0) continue;
    const int in = layers_[static_cast<size_t>(layer.source)].units;
    float scale = max_weight_;
    if (by_gradient_ && snapshot_) {  // the last step's gradients, scaled per layer
      w = weight_gradients(*snapshot_, layer);
      scale = 1e-12f;
      if (w)
        for (float v : *w) scale = std::max(scale, std::fabs(v));
    }
    for (int j = 0; j < shownUnits(static_cast<int>(l)); ++j) {
      const QRectF to = thumbRect(static_cast<int>(l), j);
      for (int i = 0; i < shownUnits(layer.source); ++i) {
        const QRectF from = thumbRect(layer.source, i);
        const float v = w ? (*w)[static_cast<size_t>(j) * in + i] : 0.0f;
        const float a = std::fabs(v) / scale;
        QColor c = v >= 0.0f ? QColor(8, 119, 189) : QColor(245, 147, 34);
        c.setAlphaF(w ? 0.25f + 0.65f * a : 0.15f);
        g.setPen(QPen(c, w ? 0.4 + 3.6 * a : 0.6));
        g.drawLine(QPointF(from.right(), from.center().y()), QPointF(to.left(), to.center().y()));
      }
    }
  }
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  for (size_t l = 0; l < layers_.size(); ++l) {
    const DenseLayer& layer = layers_[l];
    const int shown = shownUnits(static_cast<int>(l));
    const QRectF first = thumbRect(static_cast<int>(l), 0);
    g.setPen(palette().color(QPalette::Text));
    g.setFont(font());
    const QString title = l == 0 ? tr("input") : QString::fromStdString(layer.name);
    g.drawText(QRectF(first.center().x() - kColumn / 2.0, 4, kColumn, 16), Qt::AlignCenter, title);
    g.setFont(small);
    const QString sub = layer.units > shown
                            ? tr("first %1 of %2").arg(shown).arg(layer.units)
                            : (layer.units == 1 ? tr("1 unit") : tr("%1 units").arg(layer.units));
    g.drawText(QRectF(first.center().x() - kColumn / 2.0, 18, kColumn, 14), Qt::AlignCenter, sub);
    for (int u = 0; u < shown; ++u) {
      const QRectF r = thumbRect(static_cast<int>(l), u);
      const QImage& img = images_[l][static_cast<size_t>(u)];
      if (img.isNull())
        g.fillRect(r, palette().alternateBase());
      else
        g.drawImage(r, img);
      if (l > 0 && dead(static_cast<int>(l), u)) {  // never active on the held-out batch
        g.fillRect(r, QColor(128, 128, 128, 200));
        g.setPen(Qt::white);
        g.drawText(r, Qt::AlignCenter, tr("dead"));
      }
      g.setPen(QPen(QColor(0, 0, 0, 90), 1.0));
      g.setBrush(Qt::NoBrush);
      g.drawRect(r);
    }
  }
}

void NeuronCanvas::hidePopup() {
  if (popup_) popup_->hide();
  popup_layer_ = popup_unit_ = -1;
}

void NeuronCanvas::leaveEvent(QEvent*) {
  hidePopup();
}

void NeuronCanvas::mouseMoveEvent(QMouseEvent* e) {
  const QPointF p = e->position();
  for (size_t l = 0; l < layers_.size(); ++l)
    for (int u = 0; u < shownUnits(static_cast<int>(l)); ++u) {
      if (!thumbRect(static_cast<int>(l), u).contains(p)) continue;
      QToolTip::hideText();
      const QImage& img = images_[l][static_cast<size_t>(u)];
      if (!popup_) {
        popup_ = new QLabel(nullptr, Qt::ToolTip);
        popup_->setFrameShape(QFrame::Box);
        popup_->setAlignment(Qt::AlignCenter);
      }
      const QString caption =
          QStringLiteral("%1 [%2]")
              .arg(l == 0 ? tr("input") : QString::fromStdString(layers_[l].name))
              .arg(u);
      if (img.isNull())
        popup_->setText(caption + tr("\n(train or preview to see the map)"));
      else
        popup_->setPixmap(QPixmap::fromImage(img.scaled(200, 200)));
      popup_->setToolTip(caption);
      popup_layer_ = static_cast<int>(l);
      popup_unit_ = u;
      popup_->adjustSize();
      popup_->move(e->globalPosition().toPoint() + QPoint(16, 16));
      popup_->show();
      return;
    }
  hidePopup();
  // Links: the closest within 4 px.
  for (size_t l = 0; l < layers_.size(); ++l) {
    const DenseLayer& layer = layers_[l];
    const auto* w = weightsOf(static_cast<int>(l));
    if (layer.source < 0 || !w) continue;
    const int in = layers_[static_cast<size_t>(layer.source)].units;
    for (int j = 0; j < shownUnits(static_cast<int>(l)); ++j)
      for (int i = 0; i < shownUnits(layer.source); ++i) {
        const QRectF from = thumbRect(layer.source, i), to = thumbRect(static_cast<int>(l), j);
        if (segment_distance(p, QPointF(from.right(), from.center().y()),
                             QPointF(to.left(), to.center().y())) < 3.0) {
          QToolTip::showText(
              e->globalPosition().toPoint(),
              QStringLiteral("%1[%2, %3] = %4")
                      .arg(QString::fromStdString(layer.weight_name))
                      .arg(j)
                      .arg(i)
                      .arg((*w)[static_cast<size_t>(j) * in + i], 0, 'g', 4) +
                  [&] {
                    const auto* gr = snapshot_ ? weight_gradients(*snapshot_, layer) : nullptr;
                    return gr ? tr(", gradient %1")
                                    .arg((*gr)[static_cast<size_t>(j) * in + i], 0, 'g', 4)
                              : QString();
                  }(),
              this);
          return;
        }
      }
  }
  QToolTip::hideText();
}

void NeuronCanvas::setControlsVisible(bool visible) {
  if (gradient_box_) gradient_box_->setVisible(visible);
}

}  // namespace bp::ui
