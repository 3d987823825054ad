#include "ui/views/rewind_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace bp::ui {

RewindView::RewindView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setToolTip(tr("The last %1 checkpoints of this run: drag back in time.")
                          .arg(static_cast<int>(RewindBuffer::kDefaultCapacity)));
  label_ = new QLabel(tr("Checkpoints of the run appear here while it trains."), this);
  label_->setWordWrap(true);
  go_ = new QPushButton(tr("Continue from here"), this);
  go_->setToolTip(
      tr("Restart from this checkpoint (weights, optimizer, schedule, counters); "
         "Play then trains on from it with the current settings."));
  go_->setEnabled(false);
  auto* row = new QHBoxLayout();
  row->addWidget(slider_, 1);
  row->addWidget(go_);
  layout->addLayout(row);
  layout->addWidget(label_);
  layout->addStretch(1);
  connect(slider_, &QSlider::valueChanged, this, [this](int v) {
    follow_ = v == slider_->maximum();
    refresh();
  });
  connect(go_, &QPushButton::clicked, this, &RewindView::continueFromSelected);
}

void RewindView::setSnapshot(const SnapshotPtr& s) {
  if (!s || !s->train_state || s->weights.empty()) return;
  buffer_.record(s->step, s->epoch, s->weights, s->train_state);
  const QSignalBlocker block(slider_);
  slider_->setRange(0, static_cast<int>(buffer_.size()) - 1);
  if (follow_) slider_->setValue(slider_->maximum());
  refresh();
}

void RewindView::select(int i) {
  slider_->setValue(i);
}

int RewindView::selected() const {
  return slider_->value();
}

void RewindView::refresh() {
  if (buffer_.size() == 0) return;
  const RewindEntry& e = buffer_.at(static_cast<size_t>(slider_->value()));
  const RewindEntry& last = buffer_.at(buffer_.size() - 1);
  QString loss;
  if (e.state && e.state->seen > 0)
    loss = tr(", training loss so far this epoch %1")
               .arg(e.state->loss_sum / static_cast<double>(e.state->seen), 0, 'g', 4);
  label_->setText(tr("Step %1 (epoch %2)%3. %4 steps back from the newest; branch %5.")
                      .arg(e.step)
                      .arg(e.epoch)
                      .arg(loss)
                      .arg(last.step - e.step)
                      .arg(e.branch));
  go_->setEnabled(slider_->value() < slider_->maximum());
}

void RewindView::continueFromSelected() {
  if (buffer_.size() == 0) return;
  const RewindEntry& e = buffer_.open_branch(static_cast<size_t>(slider_->value()));
  follow_ = true;
  emit continueFrom(e.weights, e.state);
}

}  // namespace bp::ui
