#include "ui/views/health_view.h"

#include <QPainter>

namespace bp::ui {

QString health_badge_text(const HealthReport* report) {
  if (!report) return {};
  int errors = 0, warnings = 0;
  for (const HealthFinding& f : report->active)
    (f.severity == HealthSeverity::Error ? errors : warnings)++;
  if (errors + warnings == 0) return QObject::tr("Health: OK");
  QString s = QObject::tr("Health: ");
  if (errors) s += QObject::tr("%n problem(s)", nullptr, errors);
  if (errors && warnings) s += QStringLiteral(", ");
  if (warnings) s += QObject::tr("%n warning(s)", nullptr, warnings);
  return s;
}

HealthView::HealthView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 100);
}

InsightRequest HealthView::insights() const {
  InsightRequest r;
  r.gradients = true;
  r.activity = true;
  return r;
}

void HealthView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->health || snapshot->health == report_) return;
  report_ = snapshot->health;
  update();
}

int HealthView::findings() const {
  return report_ ? static_cast<int>(report_->active.size()) : 0;
}

QString HealthView::findingText(int i) const {
  const HealthFinding& f = report_->active.at(static_cast<size_t>(i));
  return QString::fromUtf8(health_title(f.kind)) + QStringLiteral(" — ") +
         QString::fromStdString(f.message) + tr(" Try: ") + QString::fromStdString(f.suggestion);
}

QString HealthView::csv() const {
  QString out = QStringLiteral("kind,layer,step,value,message,suggestion\n");
  if (!report_) return out;
  auto quoted = [](const std::string& s) {
    return QLatin1Char('"') + QString::fromStdString(s).replace('"', QStringLiteral("\"\"")) +
           QLatin1Char('"');
  };
  for (const HealthFinding& f : report_->active)
    out += QString::fromUtf8(to_string(f.kind)) + QLatin1Char(',') +
           QString::fromStdString(f.layer) + QLatin1Char(',') + QString::number(f.step) +
           QLatin1Char(',') + QString::number(f.value, 'g', 6) + QLatin1Char(',') +
           quoted(f.message) + QLatin1Char(',') + quoted(f.suggestion) + QLatin1Char('\n');
  return out;
}

void HealthView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QRect area = rect().adjusted(10, 10, -10, -10);
  p.setPen(palette().text().color());
  if (!report_) {
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
               tr("Training health appears here once a run starts: dead ReLUs, saturated "
                  "units, vanishing or exploding gradients, plateaus and overfitting."));
    return;
  }
  if (report_->active.empty()) {
    p.setPen(QColor(40, 140, 60));
    p.drawText(area, Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
               tr("All clear at step %1: no dead or saturated units, gradients reach every "
                  "layer, the loss is moving.")
                   .arg(report_->step));
    return;
  }
  int y = area.top();
  QFont bold = font();
  bold.setBold(true);
  for (const HealthFinding& f : report_->active) {
    const QColor c =
        f.severity == HealthSeverity::Error ? QColor(200, 50, 40) : QColor(215, 140, 20);
    p.setBrush(c);
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(area.left() + 6, y + 9), 5, 5);
    p.setPen(palette().text().color());
    p.setFont(bold);
    p.drawText(QRect(area.left() + 18, y, area.width() - 18, 18), Qt::AlignLeft,
               QString::fromUtf8(health_title(f.kind)) +
                   (f.layer.empty() ? QString() : QStringLiteral(" (%1)").arg(f.layer.c_str())));
    p.setFont(font());
    y += 20;
    QRect r1 = p.boundingRect(QRect(area.left() + 18, y, area.width() - 18, 1000), Qt::TextWordWrap,
                              QString::fromStdString(f.message));
    p.drawText(r1, Qt::TextWordWrap, QString::fromStdString(f.message));
    y = r1.bottom() + 2;
    QColor hint = palette().text().color();
    hint.setAlpha(170);
    p.setPen(hint);
    const QString s = tr("Try: ") + QString::fromStdString(f.suggestion);
    QRect r2 =
        p.boundingRect(QRect(area.left() + 18, y, area.width() - 18, 1000), Qt::TextWordWrap, s);
    p.drawText(r2, Qt::TextWordWrap, s);
    y = r2.bottom() + 10;
  }
}

}  // namespace bp::ui
