#include "ui/compare/compare_summary_view.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/compare/plot_painter.h"

namespace bp::ui {
namespace {

// A cell that sorts by number (NaN last) but shows text.
class NumberItem : public QTableWidgetItem {
 public:
  NumberItem(const QString& text, double value) : QTableWidgetItem(text), value_(value) {}
  bool operator<(const QTableWidgetItem& other) const override {
    const auto* o = dynamic_cast<const NumberItem*>(&other);
    if (!o) return QTableWidgetItem::operator<(other);
    if (std::isnan(value_)) return false;
    if (std::isnan(o->value_)) return true;
    return value_ < o->value_;
  }

 private:
  double value_;
};

RunSpec spec_of(const CompareRunState& r) {
  RunSpec s;
  s.label = r.label;
  s.config_index = r.config_index;
  s.config.seed = r.seed;
  return s;
}

}  // namespace

CompareSummaryView::CompareSummaryView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  use_target_ = new QCheckBox(tr("Target"));
  use_target_->setChecked(true);
  target_ = new QDoubleSpinBox;
  target_->setDecimals(4);
  target_->setRange(0.0, 1e6);
  target_->setValue(0.9);
  target_->setToolTip(
      tr("The accuracy to reach (a fraction, e.g. 0.9), or for regression the loss to get under"));
  auto* export_button = new QPushButton(tr("Export CSV…"));
  bar->addWidget(use_target_);
  bar->addWidget(target_);
  bar->addStretch();
  bar->addWidget(export_button);
  layout->addLayout(bar);
  table_ = new QTableWidget(0, 8);
  table_->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Final"), tr("Best"),
                                     tr("Best epoch"), tr("Target epoch"), tr("Time to target (s)"),
                                     tr("Time (s)")});
  table_->setSortingEnabled(true);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // run order first
  table_->verticalHeader()->hide();
  layout->addWidget(table_, 1);
  connect(use_target_, &QCheckBox::toggled, this, [this] { refresh(); });
  connect(target_, &QDoubleSpinBox::valueChanged, this, [this] { refresh(); });
  connect(export_button, &QPushButton::clicked, this, &CompareSummaryView::exportCsv);
}

void CompareSummaryView::setTarget(std::optional<double> target) {
  use_target_->setChecked(target.has_value());
  if (target) target_->setValue(*target);
  refresh();
}

void CompareSummaryView::setCompareSnapshot(const CompareSnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  refresh();
}

std::vector<RunSummary> CompareSummaryView::summaries() const {
  std::vector<RunSummary> out;
  if (!snapshot_) return out;
  std::optional<double> target;
  if (use_target_->isChecked()) target = target_->value();
  const auto& runs = snapshot_->runs;
  if (cache_.comparison != snapshot_->comparison || cache_.target != target ||
      cache_.builders.size() != runs.size()) {
    cache_.comparison = snapshot_->comparison;
    cache_.target = target;
    cache_.builders.clear();
    for (const CompareRunState& r : runs) cache_.builders.emplace_back(spec_of(r), target);
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    const CompareRunState& r = runs[i];
    RunSummaryBuilder& b = cache_.builders[i];
    if (static_cast<size_t>(b.epochs()) > r.history.size())
      b = RunSummaryBuilder(spec_of(r), target);
    for (size_t k = static_cast<size_t>(b.epochs()); k < r.history.size(); ++k)
      b.add(r.history[k], r.history.seconds_at(k));
    out.push_back(b.summary(r.status, r.message, r.seconds));
  }
  return out;
}

QString CompareSummaryView::csv() const {
  return QString::fromStdString(summary_csv(summaries()));
}

void CompareSummaryView::refresh() {
  const std::vector<RunSummary> rows = summaries();
  const int sort_column = table_->horizontalHeader()->sortIndicatorSection();
  const Qt::SortOrder order = table_->horizontalHeader()->sortIndicatorOrder();
  table_->setSortingEnabled(false);
  table_->setRowCount(static_cast<int>(rows.size()));
  const bool acc = !rows.empty() && rows.front().metric == SummaryMetric::Accuracy;
  table_->horizontalHeaderItem(2)->setText(acc ? tr("Final val. accuracy") : tr("Final val. loss"));
  table_->horizontalHeaderItem(3)->setText(acc ? tr("Best val. accuracy") : tr("Best val. loss"));
  auto metric = [&](double v) {
    if (!std::isfinite(v)) return QStringLiteral("–");
    return acc ? QString::number(100.0 * v, 'f', 2) + "%" : QString::number(v, 'g', 5);
  };
  const double nan = std::nan("");
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const RunSummary& s = rows[static_cast<size_t>(i)];
    auto* name = new QTableWidgetItem(QString::fromStdString(s.label));
    name->setForeground(run_color(i));
    table_->setItem(i, 0, name);
    auto* status = new QTableWidgetItem(QString::fromStdString(to_string(s.status)));
    if (s.status == RunStatus::Diverged || s.status == RunStatus::Failed) {
      status->setForeground(QColor(200, 30, 30));
      status->setToolTip(QString::fromStdString(s.message));
    }
    table_->setItem(i, 1, status);
    table_->setItem(i, 2, new NumberItem(metric(s.final_value), s.final_value));
    table_->setItem(i, 3, new NumberItem(metric(s.best_value), s.best_value));
    table_->setItem(i, 4,
                    new NumberItem(s.epochs ? QString::number(s.best_epoch) : "–",
                                   s.epochs ? s.best_epoch : nan));
    table_->setItem(i, 5,
                    new NumberItem(s.target_epoch ? QString::number(*s.target_epoch) : "–",
                                   s.target_epoch ? *s.target_epoch : nan));
    table_->setItem(
        i, 6,
        new NumberItem(s.target_seconds ? QString::number(*s.target_seconds, 'f', 2) : "–",
                       s.target_seconds ? *s.target_seconds : nan));
    table_->setItem(i, 7, new NumberItem(QString::number(s.seconds, 'f', 2), s.seconds));
  }
  table_->setSortingEnabled(true);
  if (sort_column >= 0) table_->sortItems(sort_column, order);
}

void CompareSummaryView::exportCsv() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export the summary as CSV"),
                                                    QStringLiteral("comparison-summary.csv"),
                                                    tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(csv().toUtf8()) < 0)
    QMessageBox::warning(this, tr("Export failed"),
                         tr("Could not write %1: %2").arg(path, f.errorString()));
}

}  // namespace bp::ui
