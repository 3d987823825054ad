#include "ui/compare/landscape_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/compare/compare_controller.h"
#include "ui/compare/contour_image.h"

namespace bp::ui {

class LandscapeCanvas : public QWidget {
 public:
  explicit LandscapeCanvas(LandscapeView* view) : QWidget(view), view_(view) {
    setMinimumSize(300, 300);
  }
  void invalidate() {
    cache_ = QImage();
    update();
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const LandscapePtr r = view_->result();
    const double side = std::min(width() - 40.0, height() - 40.0);
    const QRectF area(30, 8, side, side);
    if (!r) {
      p.drawText(rect(), Qt::AlignCenter,
                 QObject::tr("Run a comparison, then Compute to see the loss landscape\naround "
                             "its runs with their paths"));
      return;
    }
    const LandscapeGrid& g = r->grid;
    const QSize size(static_cast<int>(area.width()), static_cast<int>(area.height()));
    if (cache_.size() != size)
      cache_ = contour_image(g.loss, g.nx, g.ny, size.width(), size.height(), 24);
    p.drawImage(area.topLeft(), cache_);
    p.setPen(Qt::black);
    p.drawRect(area);
    auto map = [&](const std::array<double, 2>& c) {
      return QPointF(area.left() + (c[0] - g.a_min) / (g.a_max - g.a_min) * area.width(),
                     area.bottom() - (c[1] - g.b_min) / (g.b_max - g.b_min) * area.height());
    };
    p.setClipRect(area);
    for (size_t i = 0; i < r->paths.size(); ++i) {
      const auto& path = r->paths[i];
      if (path.empty()) continue;
      const QColor c = run_color(static_cast<int>(i));
      QPainterPath line;
      line.moveTo(map(path[0]));
      for (const auto& q : path) line.lineTo(map(q));
      p.setPen(QPen(Qt::white, 4));
      p.drawPath(line);
      p.setPen(QPen(c, 2));
      p.drawPath(line);
      p.setBrush(c);
      for (const auto& q : path) p.drawEllipse(map(q), 2, 2);
      p.setPen(QPen(Qt::white, 1.5));
      p.drawEllipse(map(path.back()), 5, 5);
      p.setBrush(Qt::NoBrush);
    }
    p.setClipping(false);
    p.setPen(Qt::black);
    const bool pca = r->directions == LandscapeDirections::Pca;
    const QString a =
        pca ? QObject::tr("PC 1 (%1% of the variance)").arg(100 * r->explained[0], 0, 'f', 1)
            : QObject::tr("random direction 1 (filter-normalised)");
    const QString b = pca ? QObject::tr("PC 2 (%1%)").arg(100 * r->explained[1], 0, 'f', 1)
                          : QObject::tr("random direction 2");
    p.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 20), Qt::AlignHCenter, a);
    p.save();
    p.translate(area.left() - 8, area.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-area.height() / 2, -16, area.height(), 16), Qt::AlignHCenter, b);
    p.restore();
    // legend beside the plot (inside it would hide the shared start)
    double y = area.top() + 6;
    const bool beside = width() - area.right() > 200;
    for (size_t i = 0; i < r->labels.size(); ++i) {
      const QString t = QString::fromStdString(r->labels[i]);
      const double x = beside ? area.right() + 12 : area.left() + 6;
      const QRectF box(x, y, p.fontMetrics().horizontalAdvance(t) + 22, 16);
      p.fillRect(box, QColor(255, 255, 255, 200));
      p.fillRect(QRectF(box.left() + 3, y + 5, 12, 6), run_color(static_cast<int>(i)));
      p.drawText(QPointF(box.left() + 19, y + 12), t);
      y += 17;
    }
    p.drawText(QPointF(beside ? area.right() + 12 : area.left() + 6, y + 14),
               QObject::tr("○ end of each path; paths leave the shared start together"));
  }

 private:
  LandscapeView* view_;
  QImage cache_;
};

namespace {

class LinePlot : public QWidget {
 public:
  explicit LinePlot(LandscapeView* view) : QWidget(view), view_(view) { setMinimumHeight(160); }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    paint_plot(p, rect(), view_->linePlotSpec());
  }

 private:
  LandscapeView* view_;
};

}  // namespace

LandscapeView::LandscapeView(CompareController* controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  directions_ = new QComboBox;
  directions_->addItem(tr("PCA of the trajectories"));
  directions_->addItem(tr("Random (filter-normalised)"));
  centre_ = new QComboBox;
  centre_->addItem(tr("centred on the shared start"));
  centre_->addItem(tr("centred on run 1's solution"));
  resolution_ = new QSpinBox;
  resolution_->setRange(5, 201);
  resolution_->setValue(41);
  resolution_->setSuffix(tr(" × n grid"));
  samples_ = new QSpinBox;
  samples_->setRange(10, 100000);
  samples_->setValue(1000);
  samples_->setSuffix(tr(" samples"));
  compute_ = new QPushButton(tr("Compute"));
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setEnabled(false);
  progress_ = new QProgressBar;
  progress_->setRange(0, 100);
  progress_->setValue(0);
  status_ = new QLabel;
  for (QWidget* w : std::initializer_list<QWidget*>{directions_, centre_, resolution_, samples_,
                                                    compute_, cancel_, progress_})
    bar->addWidget(w);
  layout->addLayout(bar);
  auto* line_bar = new QHBoxLayout;
  line_from_ = new QComboBox;
  line_to_ = new QComboBox;
  line_bar->addWidget(new QLabel(tr("Line between the solutions of")));
  line_bar->addWidget(line_from_, 1);
  line_bar->addWidget(new QLabel(tr("and")));
  line_bar->addWidget(line_to_, 1);
  layout->addLayout(line_bar);
  layout->addWidget(status_);
  canvas_ = new LandscapeCanvas(this);
  layout->addWidget(canvas_, 3);
  line_ = new LinePlot(this);
  layout->addWidget(line_, 1);

  connect(controller_, &CompareController::snapshotReady, this,
          [this](const CompareSnapshotPtr& s) {
            if (line_from_->count() == static_cast<int>(s->runs.size())) return;
            const QSignalBlocker a(line_from_), b(line_to_);
            line_from_->clear();
            line_to_->clear();
            for (const CompareRunState& r : s->runs) {
              line_from_->addItem(QString::fromStdString(r.label));
              line_to_->addItem(QString::fromStdString(r.label));
            }
            line_to_->setCurrentIndex(std::min(1, line_to_->count() - 1));
          });
  connect(compute_, &QPushButton::clicked, this, &LandscapeView::compute);
  connect(cancel_, &QPushButton::clicked, this, &LandscapeView::cancel);
  connect(controller_, &CompareController::landscapeProgress, this, [this](int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(controller_, &CompareController::landscapeReady, this, [this](const LandscapePtr& r) {
    setBusy(false);
    if (!r->grid.complete) {
      status_->setText(tr("Cancelled."));
      return;
    }
    result_ = r;
    status_->setText(tr("%1 × %2 grid on %3 training samples in %4 s")
                         .arg(r->grid.nx)
                         .arg(r->grid.ny)
                         .arg(r->samples)
                         .arg(r->seconds, 0, 'f', 2));
    canvas_->invalidate();
    line_->update();
  });
  connect(controller_, &CompareController::landscapeFailed, this, [this](const QString& m) {
    setBusy(false);
    status_->setText(m);
  });
}

QString LandscapeView::status() const {
  return status_->text();
}

void LandscapeView::setResolution(int n) {
  resolution_->setValue(n);
}

void LandscapeView::setDirections(LandscapeDirections d) {
  directions_->setCurrentIndex(d == LandscapeDirections::Pca ? 0 : 1);
}

void LandscapeView::setCentre(LandscapeCentre c) {
  centre_->setCurrentIndex(c == LandscapeCentre::SharedStart ? 0 : 1);
}

void LandscapeView::setLineRuns(int from, int to) {
  line_from_->setCurrentIndex(from);
  line_to_->setCurrentIndex(to);
}

void LandscapeView::setBusy(bool busy) {
  compute_->setEnabled(!busy);
  cancel_->setEnabled(busy);
  if (busy) progress_->setValue(0);
}

void LandscapeView::compute() {
  LandscapeRequest request;
  request.directions =
      directions_->currentIndex() == 0 ? LandscapeDirections::Pca : LandscapeDirections::Random;
  request.centre =
      centre_->currentIndex() == 0 ? LandscapeCentre::SharedStart : LandscapeCentre::FirstSolution;
  request.resolution = resolution_->value();
  request.max_samples = samples_->value();
  request.line_from = std::max(0, line_from_->currentIndex());
  request.line_to = std::max(0, line_to_->currentIndex());
  setBusy(true);
  status_->setText(tr("Computing the loss on a %1 × %1 grid…").arg(request.resolution));
  controller_->computeLandscape(request);
}

void LandscapeView::cancel() {
  controller_->cancelLandscape();
}

PlotSpec LandscapeView::linePlotSpec() const {
  PlotSpec spec;
  spec.title = tr("Loss along straight lines in weight space");
  spec.x_label = tr("t (0: first end, 1: second end)");
  spec.y_label = tr("loss");
  if (!result_) return spec;
  auto add = [&](const LineLoss& l, const QString& name, QColor c, bool dashed) {
    if (l.t.empty()) return;
    PlotSeries s;
    s.name = name;
    s.color = c;
    s.dashed = dashed;
    for (size_t k = 0; k < l.t.size(); ++k) s.points.emplace_back(l.t[k], l.loss[k]);
    spec.series.push_back(std::move(s));
  };
  const QString first =
      result_->labels.empty() ? QString() : QString::fromStdString(result_->labels[0]);
  add(result_->init_to_final, tr("%1: start → solution").arg(first), run_color(0), false);
  add(result_->between, QString::fromStdString(result_->between_label), Qt::black, true);
  return spec;
}

}  // namespace bp::ui
