#include "ui/compare/compare_boundaries_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "ui/compare/plot_painter.h"
#include "ui/views/decision_boundary_view.h"

namespace bp::ui {

CompareBoundariesView::CompareBoundariesView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  placeholder_ =
      new QLabel(tr("Side-by-side decision boundaries are drawn for two-dimensional data.\nStart a "
                    "comparison on a 2-D dataset (spiral, circle, xor, ...)."));
  placeholder_->setAlignment(Qt::AlignCenter);
  layout->addWidget(placeholder_);
  grid_ = new QGridLayout;
  layout->addLayout(grid_, 1);
  setMinimumSize(360, 260);
}

QString CompareBoundariesView::panelTitle(int i) const {
  return panels_[static_cast<size_t>(i)].title->text();
}

void CompareBoundariesView::rebuild(size_t runs) {
  for (Panel& p : panels_) {
    delete p.title;
    delete p.view;
  }
  panels_.clear();
  const int cols = runs <= 2 ? static_cast<int>(runs) : runs <= 4 ? 2 : runs <= 9 ? 3 : 4;
  for (size_t i = 0; i < runs; ++i) {
    Panel p;
    p.title = new QLabel(this);
    p.title->setAlignment(Qt::AlignCenter);
    p.view = new DecisionBoundaryView(this);
    // The controls (test data, discretize, click-to-add) belong to the main view; here each
    // panel is a picture.
    for (QCheckBox* c : p.view->findChildren<QCheckBox*>()) c->hide();
    for (QComboBox* c : p.view->findChildren<QComboBox*>()) c->hide();
    for (QLabel* l : p.view->findChildren<QLabel*>())
      if (l->text().contains(':')) l->hide();
    const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
    grid_->addWidget(p.title, 2 * r, c);
    grid_->addWidget(p.view, 2 * r + 1, c);
    grid_->setRowStretch(2 * r + 1, 1);
    panels_.push_back(p);
  }
}

void CompareBoundariesView::setCompareSnapshot(const CompareSnapshotPtr& snapshot) {
  const bool plane = snapshot && snapshot->points && !snapshot->runs.empty() &&
                     snapshot->runs.front().grid.width > 0;
  placeholder_->setVisible(!plane);
  if (!plane) {
    if (!panels_.empty()) rebuild(0);
    return;
  }
  if (panels_.size() != snapshot->runs.size()) rebuild(snapshot->runs.size());
  for (size_t i = 0; i < panels_.size(); ++i) {
    const CompareRunState& r = snapshot->runs[i];
    auto t = std::make_shared<TrainingSnapshot>();
    t->epoch = static_cast<int>(std::floor(r.progress));
    t->points = snapshot->points;
    t->grid = r.grid;
    panels_[i].view->setSnapshot(t);
    QString title = QStringLiteral("<b style='color:%1'>%2</b> — epoch %3")
                        .arg(run_color(static_cast<int>(i)).name(), run_legend(r).toHtmlEscaped())
                        .arg(r.history.empty() ? 0 : r.history.back().epoch);
    if (!r.history.empty() && r.history.back().validation.accuracy >= 0)
      title +=
          QStringLiteral(", val %1%").arg(100.0 * r.history.back().validation.accuracy, 0, 'f', 1);
    panels_[i].title->setText(title);
  }
}

}  // namespace bp::ui
