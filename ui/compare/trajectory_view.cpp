#include "ui/compare/trajectory_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "engine/compare/variation.h"
#include "ui/compare/contour_image.h"
#include "ui/training/backend_factory.h"

namespace bp::ui {

// The contour plot with the paths; a click sets the start point.
class TrajectoryCanvas : public QWidget {
 public:
  explicit TrajectoryCanvas(TrajectoryView* view) : QWidget(view), view_(view) {
    setMinimumSize(320, 320);
    setCursor(Qt::CrossCursor);
    setToolTip(QObject::tr("Click to start every optimizer from that point"));
  }
  void invalidate() {
    cache_ = QImage();
    update();
  }

 protected:
  QRectF plotRect() const {
    const double side = std::min(width(), height()) - 8.0;
    return QRectF((width() - side) / 2, (height() - side) / 2, side, side);
  }
  const std::array<double, 4>& domain() const {
    return test_function_info(view_->function()).domain;
  }
  QPointF toScreen(double x, double y) const {
    const QRectF r = plotRect();
    const auto& d = domain();
    return {r.left() + (x - d[0]) / (d[1] - d[0]) * r.width(),
            r.bottom() - (y - d[2]) / (d[3] - d[2]) * r.height()};
  }
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    const QSize size(static_cast<int>(r.width()), static_cast<int>(r.height()));
    if (cache_.size() != size) {
      const auto& d = domain();
      const TestFunction f = view_->function();
      const int w = std::max(1, size.width() / 2), h = std::max(1, size.height() / 2);
      const auto field =
          sample_field([f](double x, double y) { return test_function_value(f, x, y); }, d[0], d[1],
                       d[2], d[3], w, h);
      cache_ = contour_image(field, w, h, size.width(), size.height(), 28);
    }
    p.drawImage(r.topLeft(), cache_);
    p.setPen(Qt::black);
    p.drawRect(r);
    p.setClipRect(r);
    // minima
    p.setPen(QPen(Qt::white, 2));
    for (const auto& m : test_function_info(view_->function()).minima) {
      const QPointF c = toScreen(m[0], m[1]);
      p.drawLine(c + QPointF(-5, -5), c + QPointF(5, 5));
      p.drawLine(c + QPointF(-5, 5), c + QPointF(5, -5));
    }
    // paths up to the shown step
    const int shown = view_->shownStep();
    for (const auto& path : view_->paths()) {
      if (path.points.empty()) continue;
      QPainterPath line;
      const size_t n = std::min(path.points.size(), static_cast<size_t>(shown) + 1);
      line.moveTo(toScreen(path.points[0].x, path.points[0].y));
      for (size_t k = 1; k < n; ++k) line.lineTo(toScreen(path.points[k].x, path.points[k].y));
      p.setPen(QPen(path.color, 2.2));
      p.setBrush(Qt::NoBrush);
      p.drawPath(line);
      p.setBrush(path.color);
      p.setPen(QPen(Qt::white, 1.5));
      p.drawEllipse(toScreen(path.points[n - 1].x, path.points[n - 1].y), 5, 5);
    }
    p.setPen(QPen(Qt::black, 2));
    p.setBrush(Qt::white);
    const auto s = view_->start();
    p.drawEllipse(toScreen(s[0], s[1]), 5, 5);
    p.setClipping(false);
  }
  void mousePressEvent(QMouseEvent* e) override {
    const QRectF r = plotRect();
    if (!r.contains(e->position())) return;
    const auto& d = domain();
    const double x = d[0] + (e->position().x() - r.left()) / r.width() * (d[1] - d[0]);
    const double y = d[2] + (r.bottom() - e->position().y()) / r.height() * (d[3] - d[2]);
    view_->setStart(x, y);
    view_->recompute();
    view_->play();
  }

 private:
  TrajectoryView* view_;
  QImage cache_;
};

// The loss along every path (log scale), up to the shown step.
class LossStripChart : public QWidget {
 public:
  explicit LossStripChart(TrajectoryView* view) : QWidget(view), view_(view) {
    setMinimumSize(260, 160);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    PlotSpec spec;
    spec.title = QObject::tr("f along each path");
    spec.x_label = QObject::tr("step");
    spec.y_label = QObject::tr("f(x, y)");
    // the saddle and Rastrigin reach zero or below: log only where all values are positive
    bool positive = true;
    for (const auto& path : view_->paths())
      for (const auto& q : path.points) positive = positive && q.loss > 0.0;
    spec.log_y = positive;
    spec.legend = false;
    for (const auto& path : view_->paths()) {
      PlotSeries s;
      s.color = path.color;
      s.name = path.name;
      const size_t n = std::min(path.points.size(), static_cast<size_t>(view_->shownStep()) + 1);
      for (size_t k = 0; k < n; ++k)
        s.points.emplace_back(static_cast<double>(k), path.points[k].loss);
      spec.series.push_back(std::move(s));
    }
    paint_plot(p, rect(), spec);
  }

 private:
  TrajectoryView* view_;
};

namespace {

// Learning rates that show each function's character at a glance.
double base_lr(TestFunction f) {
  switch (f) {
    case TestFunction::Rosenbrock:
    case TestFunction::Beale:
    case TestFunction::Rastrigin:
      return 1e-3;
    case TestFunction::Himmelblau:
    case TestFunction::IllConditioned:
      return 1e-2;
    case TestFunction::Saddle:
      return 5e-2;
  }
  return 1e-3;
}

struct Preset {
  const char* name;
  const char* spec;  // %1: the learning rate
  bool adaptive;     // lr scaled to the domain (the step size is about lr) instead of the gradient
  double lr_scale;
};
constexpr Preset kPresets[] = {
    {"SGD", "SGD(lr=%1)", false, 1.0},
    {"SGD + momentum", "SGD(lr=%1,momentum=0.9)", false, 1.0},
    {"Nesterov", "SGD(lr=%1,momentum=0.9,nesterov=true)", false, 1.0},
    {"Adagrad", "Adagrad(lr=%1)", true, 1.0 / 20},
    {"RMSprop", "RMSprop(lr=%1)", true, 1.0 / 400},
    {"Adam", "Adam(lr=%1)", true, 1.0 / 40},
};

}  // namespace

TrajectoryView::TrajectoryView(QWidget* parent) : QWidget(parent) {
  backend_ = make_backend(BackendKind::Cpu, 1);
  auto* layout = new QHBoxLayout(this);
  canvas_ = new TrajectoryCanvas(this);
  layout->addWidget(canvas_, 3);
  auto* side = new QVBoxLayout;
  function_box_ = new QComboBox;
  for (const TestFunctionInfo& info : test_functions())
    function_box_->addItem(QString::fromUtf8(info.title), static_cast<int>(info.function));
  formula_ = new QLabel;
  formula_->setWordWrap(true);
  steps_ = new QSpinBox;
  steps_->setRange(1, 20000);
  steps_->setValue(500);
  optimizers_ = new QTableWidget(0, 2);
  optimizers_->setHorizontalHeaderLabels({tr("Optimizer"), tr("Settings (torch names)")});
  optimizers_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  optimizers_->verticalHeader()->hide();
  auto* buttons = new QHBoxLayout;
  play_ = new QPushButton(tr("Play"));
  auto* restart = new QPushButton(tr("Restart"));
  buttons->addWidget(play_);
  buttons->addWidget(restart);
  step_label_ = new QLabel;
  chart_ = new LossStripChart(this);
  side->addWidget(new QLabel(tr("Function")));
  side->addWidget(function_box_);
  side->addWidget(formula_);
  auto* steps_row = new QHBoxLayout;
  steps_row->addWidget(new QLabel(tr("Steps")));
  steps_row->addWidget(steps_);
  side->addLayout(steps_row);
  side->addWidget(optimizers_, 2);
  side->addLayout(buttons);
  side->addWidget(step_label_);
  side->addWidget(chart_, 2);
  layout->addLayout(side, 2);

  timer_.setInterval(30);
  connect(&timer_, &QTimer::timeout, this, &TrajectoryView::tick);
  connect(function_box_, &QComboBox::currentIndexChanged, this, [this](int) {
    setFunction(static_cast<TestFunction>(function_box_->currentData().toInt()));
    recompute();
    play();
  });
  connect(steps_, &QSpinBox::valueChanged, this, [this] { recompute(); });
  connect(optimizers_, &QTableWidget::itemChanged, this, [this] {
    recompute();
    play();
  });
  connect(play_, &QPushButton::clicked, this, [this] {
    if (timer_.isActive())
      pause();
    else
      play();
  });
  connect(restart, &QPushButton::clicked, this, [this] {
    showStep(0);
    play();
  });
  setFunction(TestFunction::Rosenbrock);
  recompute();
}

TrajectoryView::~TrajectoryView() = default;

void TrajectoryView::loadPresets() {
  const QSignalBlocker block(optimizers_);
  optimizers_->setRowCount(0);
  const auto& d = test_function_info(function_).domain;
  const double span = std::max(d[1] - d[0], d[3] - d[2]);
  for (const Preset& p : kPresets) {
    const double lr = p.adaptive ? span * p.lr_scale : base_lr(function_) * p.lr_scale;
    const int row = optimizers_->rowCount();
    optimizers_->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromUtf8(p.name));
    name->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
    name->setCheckState(Qt::Checked);
    name->setForeground(run_color(row));
    optimizers_->setItem(row, 0, name);
    optimizers_->setItem(row, 1, new QTableWidgetItem(QString(p.spec).arg(lr, 0, 'g', 3)));
  }
}

void TrajectoryView::setFunction(TestFunction f) {
  function_ = f;
  const TestFunctionInfo& info = test_function_info(f);
  {
    const QSignalBlocker block(function_box_);
    function_box_->setCurrentIndex(function_box_->findData(static_cast<int>(f)));
  }
  formula_->setText(QStringLiteral("f(x, y) = ") + QString::fromUtf8(info.formula));
  start_ = info.start;
  loadPresets();
  canvas_->invalidate();
}

void TrajectoryView::setStart(double x, double y) {
  start_ = {x, y};
}

int TrajectoryView::optimizerCount() const {
  return optimizers_->rowCount();
}

void TrajectoryView::setOptimizerChecked(int row, bool on) {
  optimizers_->item(row, 0)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

void TrajectoryView::setOptimizerSpec(int row, const QString& spec) {
  optimizers_->item(row, 1)->setText(spec);
}

void TrajectoryView::recompute() {
  const QSignalBlocker block(optimizers_);  // the tooltips below are item changes too
  paths_.clear();
  const OptimizerConfig sgd = default_optimizer_config(OptimizerKind::SGD);
  for (int row = 0; row < optimizers_->rowCount(); ++row) {
    if (optimizers_->item(row, 0)->checkState() != Qt::Checked) continue;
    Path path;
    path.name = optimizers_->item(row, 0)->text();
    path.color = run_color(row);
    try {
      const OptimizerConfig config =
          parse_optimizer_value(optimizers_->item(row, 1)->text().toStdString(), sgd);
      path.points = optimize_test_function(
          *backend_, function_, config,
          {static_cast<float>(start_[0]), static_cast<float>(start_[1])}, steps_->value(), 1e4);
      optimizers_->item(row, 1)->setToolTip({});
    } catch (const std::exception& e) {
      path.error = QString::fromStdString(e.what());
      optimizers_->item(row, 1)->setToolTip(path.error);
    }
    paths_.push_back(std::move(path));
  }
  showStep(0);
}

int TrajectoryView::maxSteps() const {
  int n = 0;
  for (const Path& p : paths_) n = std::max(n, static_cast<int>(p.points.size()) - 1);
  return n;
}

void TrajectoryView::play() {
  if (shown_ >= maxSteps()) shown_ = 0;
  timer_.start();
  play_->setText(tr("Pause"));
}

void TrajectoryView::pause() {
  timer_.stop();
  play_->setText(tr("Play"));
}

void TrajectoryView::showStep(int step) {
  shown_ = std::clamp(step, 0, maxSteps());
  updateLabels();
  canvas_->update();
  chart_->update();
}

void TrajectoryView::tick() {
  // about 5 seconds for the whole animation, at least one step per frame
  const int per_frame = std::max(1, maxSteps() / 160);
  showStep(shown_ + per_frame);
  if (shown_ >= maxSteps()) pause();
}

void TrajectoryView::updateLabels() {
  QString text = tr("step %1 / %2").arg(shown_).arg(maxSteps());
  for (const Path& p : paths_) {
    if (!p.error.isEmpty()) {
      text += QStringLiteral("<br><span style='color:%1'>%2: %3</span>")
                  .arg(p.color.name(), p.name, p.error.toHtmlEscaped());
      continue;
    }
    if (p.points.empty()) continue;
    const auto& q = p.points[std::min(p.points.size() - 1, static_cast<size_t>(shown_))];
    text += QStringLiteral("<br><span style='color:%1'>■</span> %2: f = %3 at (%4, %5)")
                .arg(p.color.name(), p.name)
                .arg(q.loss, 0, 'g', 4)
                .arg(q.x, 0, 'f', 3)
                .arg(q.y, 0, 'f', 3);
  }
  step_label_->setText(text);
}

}  // namespace bp::ui
