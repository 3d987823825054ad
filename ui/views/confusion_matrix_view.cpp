#include "ui/views/confusion_matrix_view.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace bp::ui {
namespace {

constexpr int kMargin = 8;
constexpr int kTitle = 22;

int64_t row_total(const ConfusionMatrix& m, int row) {
  int64_t t = 0;
  for (int c = 0; c < m.classes; ++c) t += m.counts[static_cast<size_t>(row) * m.classes + c];
  return t;
}

}  // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumSize(160, 160);
}

void ConfusionMatrixView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || snapshot->confusion == matrix_) return;
  matrix_ = snapshot->confusion;
  update();
}

QString ConfusionMatrixView::className(int c) const {
  if (matrix_ && c >= 0 && c < static_cast<int>(matrix_->class_names.size()))
    return QString::fromStdString(matrix_->class_names[static_cast<size_t>(c)]);
  return QString::number(c);
}

QString ConfusionMatrixView::summary() const {
  if (!matrix_ || matrix_->samples == 0) return {};
  int64_t correct = 0;
  for (int c = 0; c < matrix_->classes; ++c)
    correct += matrix_->counts[static_cast<size_t>(c) * matrix_->classes + c];
  return tr("%1: %2 samples, accuracy %3 %")
      .arg(QString::fromStdString(matrix_->split))
      .arg(QLocale().toString(static_cast<qlonglong>(matrix_->samples)))
      .arg(100.0 * static_cast<double>(correct) / static_cast<double>(matrix_->samples), 0, 'f', 1);
}

QString ConfusionMatrixView::csv() const {
  if (!matrix_) return {};
  const int k = matrix_->classes;
  QString out = QStringLiteral("true\\predicted");
  for (int c = 0; c < k; ++c) out += QLatin1Char(',') + className(c);
  out += QLatin1Char('\n');
  for (int r = 0; r < k; ++r) {
    out += className(r);
    for (int c = 0; c < k; ++c)
      out += QLatin1Char(',') + QString::number(matrix_->counts[static_cast<size_t>(r) * k + c]);
    out += QLatin1Char('\n');
  }
  return out;
}

QRect ConfusionMatrixView::gridRect() const {
  const int label = fontMetrics().horizontalAdvance(QStringLiteral("Sandal ")) + 4;
  const int top = kMargin + kTitle + fontMetrics().height() + 4;
  const int left = kMargin + fontMetrics().height() + label;
  const int bottom = kMargin + fontMetrics().height() + 2;  // the column labels
  const int side = std::max(40, std::min(width() - left - kMargin, height() - top - bottom));
  return {left, top, side, side};
}

std::pair<int, int> ConfusionMatrixView::cellAt(QPoint pos) const {
  if (!matrix_ || matrix_->classes == 0) return {-1, -1};
  const QRect g = gridRect();
  if (!g.contains(pos)) return {-1, -1};
  const int k = matrix_->classes;
  const int col = std::min(k - 1, (pos.x() - g.left()) * k / g.width());
  const int row = std::min(k - 1, (pos.y() - g.top()) * k / g.height());
  return {row, col};
}

QString ConfusionMatrixView::cellText(int truth, int predicted) const {
  if (!matrix_ || truth < 0 || predicted < 0 || truth >= matrix_->classes ||
      predicted >= matrix_->classes)
    return {};
  const int64_t n = matrix_->counts[static_cast<size_t>(truth) * matrix_->classes + predicted];
  const int64_t total = row_total(*matrix_, truth);
  return tr("true %1, predicted %2: %3 of %4 (%5 %)")
      .arg(className(truth), className(predicted))
      .arg(n)
      .arg(total)
      .arg(total > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0, 0, 'f',
           1);
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  p.setPen(palette().text().color());
  if (!matrix_ || matrix_->classes == 0) {
    p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
               Qt::AlignCenter | Qt::TextWordWrap,
               tr("The confusion matrix appears here for classification runs: which classes "
                  "the network mistakes for which, on the held-out data."));
    return;
  }
  const ConfusionMatrix& m = *matrix_;
  const int k = m.classes;
  const QRect g = gridRect();
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.drawText(QRect(kMargin, kMargin, width() - 2 * kMargin, kTitle), Qt::AlignLeft, summary());
  p.setFont(font());
  p.drawText(
      QRect(g.left(), g.top() - fontMetrics().height() - 2, g.width(), fontMetrics().height()),
      Qt::AlignCenter, tr("predicted class →"));
  p.save();
  p.translate(kMargin + fontMetrics().height() - 2, g.center().y());
  p.rotate(-90);
  p.drawText(QRect(-g.height() / 2, -fontMetrics().height(), g.height(), fontMetrics().height()),
             Qt::AlignCenter, tr("← true class"));
  p.restore();
  const QColor hi = palette().highlight().color();
  const QColor base = palette().base().color();
  const bool numbers = g.width() / k >= fontMetrics().horizontalAdvance(QStringLiteral("0000"));
  for (int r = 0; r < k; ++r) {
    const int64_t total = row_total(m, r);
    const int y0 = g.top() + r * g.height() / k, y1 = g.top() + (r + 1) * g.height() / k;
    p.setPen(palette().text().color());
    p.drawText(QRect(g.left() - 200 - 4, y0, 200, y1 - y0), Qt::AlignRight | Qt::AlignVCenter,
               className(r));
    for (int c = 0; c < k; ++c) {
      const int x0 = g.left() + c * g.width() / k, x1 = g.left() + (c + 1) * g.width() / k;
      const int64_t n = m.counts[static_cast<size_t>(r) * k + c];
      const double share = total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0.0;
      const double t = std::sqrt(share);  // small confusions stay visible
      const QColor fill =
          QColor::fromRgbF(static_cast<float>(base.redF() + (hi.redF() - base.redF()) * t),
                           static_cast<float>(base.greenF() + (hi.greenF() - base.greenF()) * t),
                           static_cast<float>(base.blueF() + (hi.blueF() - base.blueF()) * t));
      const QRect cell(x0, y0, x1 - x0, y1 - y0);
      p.fillRect(cell, fill);
      p.setPen(palette().mid().color());
      p.drawRect(cell.adjusted(0, 0, -1, -1));
      if (numbers && n > 0) {
        p.setPen(t > 0.6 ? palette().highlightedText().color() : palette().text().color());
        p.drawText(cell, Qt::AlignCenter, QString::number(n));
      }
    }
  }
  p.setPen(palette().text().color());
  if (g.width() / k >= fontMetrics().horizontalAdvance(QStringLiteral("00")))
    for (int c = 0; c < k; ++c) {
      const int x0 = g.left() + c * g.width() / k, x1 = g.left() + (c + 1) * g.width() / k;
      p.drawText(QRect(x0, g.bottom() + 2, x1 - x0, fontMetrics().height()), Qt::AlignCenter,
                 className(c).left(3));
    }
}

bool ConfusionMatrixView::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* h = static_cast<QHelpEvent*>(e);
    const auto [r, c] = cellAt(h->pos());
    if (r >= 0) {
      QToolTip::showText(h->globalPos(), cellText(r, c), this);
    } else {
      QToolTip::hideText();
      e->ignore();
    }
    return true;
  }
  return QWidget::event(e);
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent* e) {
  const auto [truth, predicted] = cellAt(e->position().toPoint());
  if (truth >= 0) emit cellClicked(truth, predicted);
}

}  // namespace bp::ui
