#include "engine/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/augmentation.h"
#include "engine/graph/names.h"
#include "engine/optim/lbfgs.h"
#include "engine/optim/lr_scheduler.h"
#include "engine/optim/optimizer_state.h"
#include "engine/optim/regularization.h"
#include "engine/train/batch_targets.h"
#include "engine/train/early_stopping.h"
#include "engine/train/perceptron_rule.h"
#include "engine/train/prediction.h"

namespace bp {
namespace {

constexpr int64_t kEvalBatch = 256;
// Weights are copied aside every this many steps; a diverging step restores that copy, so the
// user keeps the last finite weights without paying a full copy on every step.
constexpr int64_t kBackupEvery = 25;
// An epoch whose mean training loss exceeds this many times the first step's loss (or 1, if
// larger) has diverged even when every number is still finite (SGD with lr 1e6 reaches losses
// of 1e5 and more without overflowing).
constexpr double kDivergenceFactor = 1000.0;

using Clock = std::chrono::steady_clock;

// Correct predictions in a batch, by the rule of engine/train/prediction.h. Class indices and
// single {0, 1} labels are counted by the backend (no download); one-hot rows on the host.
int64_t count_correct(Backend& backend, LossKind loss, const TargetLayout& layout,
                      const Tensor& out /*(N, C)*/, const Tensor& target, const float* host_target,
                      std::vector<float>& scratch) {
  if (layout.encoding == TargetEncoding::Regression) return 0;
  if (layout.encoding != TargetEncoding::OneHot)
    return backend.dense().count_correct(out, target, decision_threshold(loss));
  const int64_t n = out.dim(0), c = out.numel() / std::max<int64_t>(1, out.dim(0));
  scratch.resize(static_cast<size_t>(out.numel()));
  backend.memory().download(out, scratch.data());
  return bp::count_correct(loss, layout, scratch.data(), n, c, host_target);
}

// Per-layer learning rates (LayerParams::lr_scale): each such layer's gradients are multiplied
// by its scale before the optimizer step. For SGD (with or without momentum) that is exactly a
// per-layer learning rate; weight decay, which the optimizer adds afterwards, is not scaled, and
// scale-free optimizers (Adam, RMSprop) mostly undo it.
void scale_layer_gradients(Backend& backend, Model& model) {
  ParameterStore& ps = model.params();
  for (const ParamEntry& e : ps.entries()) {
    if (!e.decl.trainable) continue;
    const NodeSpec* n = model.spec().find(e.node_id);
    if (!n || n->params.lr_scale == 1.0f) continue;
    Tensor g = ps.grad(e);
    backend.memory().scale(g, n->params.lr_scale);
  }
}

void check_training_split(const Dataset& train, const Model& model) {
  if (train.size() == 0) throw Error("the training split of '" + train.name + "' is empty");
  if (train.sample_shape != model.input_shape())
    throw Error("the data's samples are " + train.sample_shape.to_string() +
                " but the network's Input expects " + model.input_shape().to_string() +
                ": set the Input shape to " + train.sample_shape.to_string());
}

}  // namespace

struct Trainer::Impl {
  Backend& backend;
  TargetLayout layout;
  int64_t sample_numel = 0;
  int64_t batch_size = 1;
  std::unique_ptr<Optimizer> optimizer;
  std::unique_ptr<LBFGS> lbfgs;  // full-batch quasi-Newton instead of `optimizer`
  std::unique_ptr<LrScheduler> scheduler;
  std::unique_ptr<EarlyStopping> early_stopping;
  Rng shuffle_rng;
  Rng augment_rng;
  bool augment = false;
  DatasetSpec augmentation;
  std::vector<int64_t> order;
  int64_t cursor = 0;  // position in `order` within the current epoch
  // preallocated batch memory
  std::vector<float> host_x, host_t, host_out;
  Tensor x, target, dpred;
  Tensor backup;  // copy of the parameters from a recent finite step
  int64_t backup_step = -1;
  // running train metrics of the current epoch
  double loss_sum = 0.0;
  int64_t correct = 0;
  int64_t seen = 0;
  Clock::time_point epoch_start = Clock::now();
  double epoch_seconds_before = 0.0;  // of the epoch in progress, before a checkpoint was loaded

  explicit Impl(Backend& b) : backend(b) {}
};

Trainer::Trainer(Model& model, const DatasetSplits& data, const TrainConfig& config)
    : impl_(std::make_unique<Impl>(model.backend())), model_(model), data_(&data), config_(config) {
  const Dataset& train = data_->train;
  check_training_split(train, model_);
  if (config_.batch_size < 1) throw Error("batch_size must be at least 1");
  if (config_.epochs < 0) throw Error("epochs must not be negative");
  impl_->layout = choose_target_layout(config_.loss, model_.output_shape(), train, config_.target);
  impl_->sample_numel = train.sample_shape.numel();
  allocate_batch();
  Backend& be = impl_->backend;
  impl_->backup = be.memory().empty({model_.params().trainable_count()});
  be.set_num_threads(config_.threads);
  start_fresh();
}

void Trainer::allocate_batch() {
  Impl& m = *impl_;
  const Dataset& train = data_->train;
  m.batch_size = std::min<int64_t>(uses_lbfgs() ? kEvalBatch : config_.batch_size, train.size());
  const int64_t b = m.batch_size;
  Backend& be = m.backend;
  m.host_x.resize(static_cast<size_t>(b * m.sample_numel));
  m.host_t.resize(static_cast<size_t>(b * m.layout.width));
  m.x = be.memory().empty(train.sample_shape.with_batch(b));
  m.target = be.memory().empty(m.layout.per_sample().with_batch(b));
  m.dpred = be.memory().empty(model_.output_shape().with_batch(b));
}

bool Trainer::replace_data(const DatasetSplits& data) {
  Impl& m = *impl_;
  const Dataset& train = data.train;
  check_training_split(train, model_);
  const TargetLayout layout =
      choose_target_layout(config_.loss, model_.output_shape(), train, config_.target);
  if (layout.encoding != m.layout.encoding || layout.width != m.layout.width)
    throw Error("the new training data has other targets than the run it should join");
  const int64_t old_n = data_->train.size(), n = train.size();
  // The epoch in progress: the visited samples that still exist stay visited, the unvisited ones
  // keep their order, and the new ones come last.
  std::vector<int64_t> order;
  order.reserve(static_cast<size_t>(n));
  int64_t cursor = 0;
  for (size_t k = 0; k < m.order.size(); ++k) {
    const int64_t i = m.order[k];
    if (i >= n) continue;
    if (static_cast<int64_t>(k) < m.cursor) ++cursor;
    order.push_back(i);
  }
  for (int64_t i = old_n; i < n; ++i) order.push_back(i);
  data_ = &data;
  m.order = std::move(order);
  m.cursor = cursor;
  if (std::min<int64_t>(uses_lbfgs() ? kEvalBatch : config_.batch_size, n) != m.batch_size)
    allocate_batch();
  if (m.cursor > 0 && m.cursor >= n) {
    finish_epoch();
    return true;
  }
  return false;
}

Trainer::~Trainer() = default;

void Trainer::reset() {
  model_.reset_parameters(config_.seed);
  start_fresh();
}

void Trainer::start_fresh() {
  Impl& m = *impl_;
  m.optimizer.reset();
  m.lbfgs.reset();
  if (uses_lbfgs())
    m.lbfgs = std::make_unique<LBFGS>(config_.optimizer);
  else if (config_.trainer == TrainerKind::Gradient)
    m.optimizer = make_optimizer(config_.optimizer);
  m.scheduler = std::make_unique<LrScheduler>(config_.schedule, config_.optimizer.lr);
  if (m.optimizer) m.optimizer->set_lr(m.scheduler->lr());
  if (m.lbfgs) m.lbfgs->set_lr(m.scheduler->lr());  // the warm-up's first rate, as load_state
  m.early_stopping = config_.regularization.early_stopping.enabled
                         ? std::make_unique<EarlyStopping>(config_.regularization.early_stopping)
                         : nullptr;
  m.shuffle_rng = Rng(config_.seed).fork(2);
  m.augment_rng = Rng(config_.seed).fork(3);
  m.order.resize(static_cast<size_t>(data_->train.size()));
  std::iota(m.order.begin(), m.order.end(), 0);
  m.cursor = 0;
  m.backup_step = -1;
  m.loss_sum = 0.0;
  m.correct = 0;
  m.seen = 0;
  m.epoch_seconds_before = 0.0;
  history_.clear();
  step_ = 0;
  epoch_ = 0;
  target_epoch_ = config_.epochs;
  has_reference_loss_ = false;
  reference_loss_ = 0.0;
  stopped_early_ = false;
  divergence_.clear();
}

bool Trainer::grew_out_of_bounds(double loss) {
  if (!has_reference_loss_) return false;
  return loss > kDivergenceFactor * std::max(reference_loss_, 1.0);
}

TrainState Trainer::state(bool with_history) {
  Impl& m = *impl_;
  TrainState s;
  s.step = step_;
  s.epoch = epoch_;
  s.target_epoch = target_epoch_;
  s.stopped_early = stopped_early_;
  if (m.optimizer) s.optimizer = m.optimizer->state_dict(m.backend);
  if (m.lbfgs) s.optimizer = m.lbfgs->state_dict(m.backend);
  s.scheduler = m.scheduler->state();
  s.schedule = config_.schedule;
  s.base_lr = config_.optimizer.lr;
  if (m.early_stopping) s.early_stopping = m.early_stopping->state(m.backend);
  s.shuffle_rng = m.shuffle_rng.state();
  s.augment_rng = m.augment_rng.state();
  s.order = m.order;
  s.cursor = m.cursor;
  s.loss_sum = m.loss_sum;
  s.correct = m.correct;
  s.seen = m.seen;
  s.epoch_seconds = m.cursor > 0
                        ? m.epoch_seconds_before +
                              std::chrono::duration<double>(Clock::now() - m.epoch_start).count()
                        : 0.0;
  s.reference_loss = reference_loss_;
  s.has_reference_loss = has_reference_loss_;
  if (with_history) s.history = history_;
  return s;
}

std::vector<std::string> Trainer::load_state(const TrainState& s) {
  Impl& m = *impl_;
  const int64_t n = data_->train.size();
  if (s.step < 0 || s.epoch < 0 || s.cursor < 0 || s.seen < 0 || s.correct < 0)
    throw Error("the saved training state has negative counters");
  if (s.history.size() > static_cast<size_t>(s.epoch))
    throw Error("the saved training state has more epochs in its history than it counts");
  bool order_fits = static_cast<int64_t>(s.order.size()) == n && s.cursor <= n;
  if (order_fits) {
    std::vector<char> seen(static_cast<size_t>(n), 0);
    for (int64_t i : s.order) {
      if (i < 0 || i >= n || seen[static_cast<size_t>(i)]) {
        order_fits = false;
        break;
      }
      seen[static_cast<size_t>(i)] = 1;
    }
  }
  std::vector<std::string> notes;
  start_fresh();  // everything not restored below starts afresh
  step_ = s.step;
  epoch_ = s.epoch;
  target_epoch_ = s.target_epoch > 0 ? s.target_epoch : s.epoch + config_.epochs;
  stopped_early_ = s.stopped_early;
  history_ = s.history;
  reference_loss_ = s.reference_loss;
  has_reference_loss_ = s.has_reference_loss;
  m.shuffle_rng.set_state(s.shuffle_rng);
  m.augment_rng.set_state(s.augment_rng);
  if (order_fits) {
    m.order = s.order;
    m.cursor = s.cursor;
    m.loss_sum = s.loss_sum;
    m.correct = s.correct;
    m.seen = s.seen;
    m.epoch_seconds_before = s.epoch_seconds;
    m.epoch_start = Clock::now();
  } else if (s.cursor > 0) {
    notes.push_back("the training data changed size: the epoch in progress starts over");
  }
  // The optimizer: its buffers only when it is the same kind and variant.
  if (s.optimizer && (m.optimizer || m.lbfgs)) {
    if (!optimizer_state_fits(config_.optimizer, *s.optimizer)) {
      notes.push_back("the optimizer changed: its state starts afresh from the current weights");
    } else {
      try {
        if (m.optimizer) m.optimizer->load_state_dict(m.backend, model_.params(), *s.optimizer);
        if (m.lbfgs) m.lbfgs->load_state_dict(m.backend, model_.params(), *s.optimizer);
      } catch (const Error& e) {
        notes.push_back(std::string(e.what()));
      }
    }
  }
  // The schedule: continued when it is the same schedule of the same base learning rate.
  if (s.schedule == config_.schedule && s.base_lr == config_.optimizer.lr) {
    m.scheduler->load_state(s.scheduler);
  } else {
    notes.push_back("the learning-rate schedule changed: it starts from this epoch");
  }
  if (m.optimizer) m.optimizer->set_lr(m.scheduler->lr());
  if (m.lbfgs) m.lbfgs->set_lr(m.scheduler->lr());
  if (m.early_stopping && s.early_stopping) {
    const int64_t p = model_.params().trainable_count(), b = model_.params().buffer_count();
    if (!s.early_stopping->has_best ||
        (static_cast<int64_t>(s.early_stopping->best_values.size()) == p &&
         static_cast<int64_t>(s.early_stopping->best_buffers.size()) == b))
      m.early_stopping->load_state(m.backend, *s.early_stopping);
  }
  return notes;
}

bool Trainer::uses_lbfgs() const {
  return config_.trainer == TrainerKind::Gradient && config_.optimizer.kind == OptimizerKind::LBFGS;
}

double Trainer::full_batch_loss_and_gradients() {
  Impl& m = *impl_;
  const Dataset& train = data_->train;
  const int64_t n = train.size();
  model_.zero_grad();
  double loss_sum = 0.0;
  for (int64_t begin = 0; begin < n; begin += m.batch_size) {
    const int64_t count = std::min<int64_t>(m.batch_size, n - begin);
    for (int64_t k = 0; k < count; ++k) {
      std::copy_n(train.sample(begin + k), m.sample_numel, m.host_x.data() + k * m.sample_numel);
      encode_target(m.layout, train, begin + k, m.host_t.data() + k * m.layout.width);
    }
    Tensor x = m.x.narrow_batch(0, count), t = m.target.narrow_batch(0, count);
    Tensor dpred = m.dpred.narrow_batch(0, count);
    m.backend.memory().upload(m.host_x.data(), x);
    m.backend.memory().upload(m.host_t.data(), t);
    const Tensor& out = model_.forward(x, Mode::Train);
    const double loss =
        m.backend.dense().loss_forward_backward(config_.loss, config_.loss_params, out, t, &dpred);
    // The chunk's gradient is of its mean; weight it into the mean over the whole set.
    m.backend.memory().scale(dpred, static_cast<float>(count) / static_cast<float>(n));
    model_.backward(dpred);
    loss_sum += loss * static_cast<double>(count);
  }
  double loss = loss_sum / static_cast<double>(n);
  const RegularizationConfig& reg = config_.regularization;
  if (reg.l1 > 0.0f || reg.l2 > 0.0f)
    loss += apply_weight_penalties(m.backend, model_.params(), reg);
  return loss;
}

void Trainer::set_lr(float lr) {
  if (impl_->optimizer) impl_->optimizer->set_lr(lr);
  if (impl_->lbfgs) impl_->lbfgs->set_lr(lr);
  if (config_.schedule.kind == ScheduleKind::Constant) {
    config_.optimizer.lr = lr;
    impl_->scheduler = std::make_unique<LrScheduler>(config_.schedule, lr);
  }
}

void Trainer::set_augmentation(const DatasetSpec& spec) {
  impl_->augmentation = spec;
  impl_->augment = augmentation_enabled(spec, data_->train.sample_shape);
}

float Trainer::lr() const {
  if (impl_->optimizer) return impl_->optimizer->lr();
  if (impl_->lbfgs) return impl_->lbfgs->lr();
  return impl_->scheduler->lr();
}

StepResult Trainer::step() {
  Impl& m = *impl_;
  const Dataset& train = data_->train;
  StepResult result;
  if (m.cursor == 0) {
    m.shuffle_rng.shuffle(m.order.begin(), m.order.end());
    m.epoch_start = Clock::now();
    m.epoch_seconds_before = 0.0;
  }

  if (config_.trainer == TrainerKind::Perceptron) {
    // Rosenblatt's rule works sample by sample: one "step" is one pass over the training set.
    const int64_t mistakes = perceptron_epoch(model_, train, config_.optimizer.lr, m.shuffle_rng);
    m.loss_sum = static_cast<double>(mistakes);
    m.seen = train.size();
    m.correct = train.size() - mistakes;
    m.cursor = train.size();
    result.loss = static_cast<double>(mistakes) / static_cast<double>(train.size());
  } else if (m.lbfgs) {
    // One L-BFGS step over the full training set is one epoch.
    m.backend.memory().copy(model_.params().values(), m.backup);
    m.backup_step = step_;
    model_.set_step_counter(static_cast<uint64_t>(step_));
    const double loss = m.lbfgs->step(m.backend, model_.params(),
                                      [this] { return full_batch_loss_and_gradients(); });
    if (!std::isfinite(loss) || !m.backend.memory().all_finite(model_.params().values())) {
      m.backend.memory().copy(m.backup, model_.params().values());
      result.finite = false;
      result.loss = loss;
      divergence_ = "L-BFGS produced a non-finite loss or weights at epoch " +
                    std::to_string(epoch_ + 1) +
                    "; the last finite weights were kept. Try a lower learning rate.";
      result.step = step_;
      result.epoch = epoch_;
      return result;
    }
    if (!has_reference_loss_) {
      reference_loss_ = loss;
      has_reference_loss_ = true;
    }
    m.loss_sum = loss * static_cast<double>(train.size());
    m.seen = train.size();
    m.cursor = train.size();
    result.loss = loss;
  } else {
    const int64_t begin = m.cursor;
    const int64_t count = std::min<int64_t>(m.batch_size, train.size() - begin);
    for (int64_t k = 0; k < count; ++k) {
      const int64_t i = m.order[static_cast<size_t>(begin + k)];
      std::copy_n(train.sample(i), m.sample_numel, m.host_x.data() + k * m.sample_numel);
      encode_target(m.layout, train, i, m.host_t.data() + k * m.layout.width);
    }
    if (m.augment)
      augment_batch(m.host_x.data(), count, train.sample_shape, m.augmentation, m.augment_rng);
    Tensor x = count == m.batch_size ? m.x : m.x.narrow_batch(0, count);
    Tensor t = count == m.batch_size ? m.target : m.target.narrow_batch(0, count);
    Tensor dpred = count == m.batch_size ? m.dpred : m.dpred.narrow_batch(0, count);
    m.backend.memory().upload(m.host_x.data(), x);
    m.backend.memory().upload(m.host_t.data(), t);

    if (m.backup_step < 0 || step_ - m.backup_step >= kBackupEvery) {
      m.backend.memory().copy(model_.params().values(), m.backup);
      m.backup_step = step_;
    }
    model_.set_step_counter(static_cast<uint64_t>(step_));
    model_.zero_grad();
    const Tensor& out = model_.forward(x, Mode::Train);
    double loss =
        m.backend.dense().loss_forward_backward(config_.loss, config_.loss_params, out, t, &dpred);
    m.correct +=
        count_correct(m.backend, config_.loss, m.layout, out, t, m.host_t.data(), m.host_out);
    if (!std::isfinite(loss)) {
      m.backend.memory().copy(m.backup, model_.params().values());
      result.finite = false;
      result.loss = loss;
      divergence_ = "the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                    " at step " + std::to_string(step_ + 1) + " (epoch " +
                    std::to_string(epoch_ + 1) +
                    "); the weights from a recent finite step were kept. Try a lower learning "
                    "rate, gradient clipping, or normalising the inputs.";
      result.step = step_;
      result.epoch = epoch_;
      return result;
    }
    if (!has_reference_loss_) {
      reference_loss_ = loss;
      has_reference_loss_ = true;
    }
    model_.backward(dpred);
    const RegularizationConfig& reg = config_.regularization;
    if (reg.l1 > 0.0f || reg.l2 > 0.0f)
      loss += apply_weight_penalties(m.backend, model_.params(), reg);
    if (reg.clip_grad_norm > 0.0f) clip_grad_norm(m.backend, model_.params(), reg.clip_grad_norm);
    if (reg.clip_grad_value > 0.0f)
      clip_grad_value(m.backend, model_.params(), reg.clip_grad_value);
    scale_layer_gradients(m.backend, model_);
    m.optimizer->step(m.backend, model_.params());
    if (reg.max_norm > 0.0f) apply_max_norm(m.backend, model_.params(), reg.max_norm);
    m.loss_sum += loss * static_cast<double>(count);
    m.seen += count;
    m.cursor += count;
    result.loss = loss;
  }

  ++step_;
  result.step = step_;
  if (m.cursor >= train.size()) {
    finish_epoch();
    result.epoch_finished = true;
    result.diverged = diverged_now_;
    diverged_now_ = false;
  }
  result.epoch = epoch_;
  return result;
}

void Trainer::finish_epoch() {
  Impl& m = *impl_;
  const Dataset& train = data_->train;
  // Evaluate, record, schedule, early stopping.
  EpochRecord rec;
  rec.epoch = epoch_ + 1;
  rec.lr = lr();
  rec.train.samples = m.seen;
  rec.train.loss = m.seen ? m.loss_sum / static_cast<double>(m.seen) : 0.0;
  if (config_.trainer == TrainerKind::Perceptron)
    rec.train = evaluate(train);
  else if (m.layout.encoding != TargetEncoding::Regression)
    rec.train.accuracy = m.seen ? static_cast<double>(m.correct) / static_cast<double>(m.seen) : 0;
  if (data_->validation.size() > 0) rec.validation = evaluate(data_->validation);
  rec.seconds =
      m.epoch_seconds_before + std::chrono::duration<double>(Clock::now() - m.epoch_start).count();
  m.cursor = 0;
  m.loss_sum = 0.0;
  m.correct = 0;
  m.seen = 0;
  ++epoch_;
  if (!keep_history_) history_.clear();
  history_.push_back(rec);
  if (config_.trainer == TrainerKind::Gradient && grew_out_of_bounds(rec.train.loss)) {
    char text[160];
    std::snprintf(text, sizeof text,
                  "the training loss grew from %.4g to %.4g by epoch %d: training diverged",
                  reference_loss_, rec.train.loss, epoch_);
    divergence_ = std::string(text) +
                  ". Try a lower learning rate (a tenth of it), gradient clipping, or normalising "
                  "the inputs.";
    diverged_now_ = true;
  }
  const bool have_val = data_->validation.size() > 0;
  const double monitored = have_val ? rec.validation.loss : rec.train.loss;
  m.scheduler->step(monitored);
  if (m.optimizer) m.optimizer->set_lr(m.scheduler->lr());
  if (m.lbfgs) m.lbfgs->set_lr(m.scheduler->lr());
  if (m.early_stopping &&
      m.early_stopping->observe(epoch_, monitored, m.backend, model_.params())) {
    if (config_.regularization.early_stopping.restore_best)
      m.early_stopping->restore_best(m.backend, model_.params());
    stopped_early_ = true;
  }
}

EpochRecord Trainer::run_epoch() {
  const int start_epoch = epoch_;
  while (epoch_ == start_epoch) {
    StepResult r = step();
    if (!r.finite) {
      EpochRecord rec;
      rec.epoch = epoch_ + 1;
      rec.train.loss = r.loss;
      return rec;
    }
  }
  return history_.back();
}

Metrics Trainer::evaluate(const Dataset& split) {
  Impl& m = *impl_;
  Metrics metrics;
  const int64_t n = split.size();
  if (n == 0) return metrics;
  const TargetLayout layout =
      choose_target_layout(config_.loss, model_.output_shape(), split, config_.target);
  std::vector<float> hx(static_cast<size_t>(std::min(n, kEvalBatch) * m.sample_numel));
  std::vector<float> ht(static_cast<size_t>(std::min(n, kEvalBatch) * layout.width));
  Tensor x = m.backend.memory().empty(split.sample_shape.with_batch(std::min(n, kEvalBatch)));
  Tensor t = m.backend.memory().empty(layout.per_sample().with_batch(std::min(n, kEvalBatch)));
  double loss_sum = 0.0;
  int64_t correct = 0;
  for (int64_t begin = 0; begin < n; begin += kEvalBatch) {
    const int64_t count = std::min(kEvalBatch, n - begin);
    for (int64_t k = 0; k < count; ++k) {
      std::copy_n(split.sample(begin + k), m.sample_numel, hx.data() + k * m.sample_numel);
      encode_target(layout, split, begin + k, ht.data() + k * layout.width);
    }
    Tensor xb = x.narrow_batch(0, count);
    Tensor tb = t.narrow_batch(0, count);
    m.backend.memory().upload(hx.data(), xb);
    m.backend.memory().upload(ht.data(), tb);
    const Tensor& out = model_.forward(xb, Mode::Eval);
    loss_sum += m.backend.dense().loss_forward_backward(config_.loss, config_.loss_params, out, tb,
                                                        nullptr) *
                static_cast<double>(count);
    correct += count_correct(m.backend, config_.loss, layout, out, tb, ht.data(), m.host_out);
  }
  metrics.samples = n;
  metrics.loss = loss_sum / static_cast<double>(n);
  if (layout.encoding != TargetEncoding::Regression)
    metrics.accuracy = static_cast<double>(correct) / static_cast<double>(n);
  return metrics;
}

bool Trainer::run(const std::function<void(const EpochRecord&)>& on_epoch,
                  const std::atomic<bool>* stop) {
  while (epoch_ < target_epoch_ && !stopped_early_) {
    if (stop && stop->load()) return true;
    StepResult r = step();
    if (!r.finite || r.diverged) {
      if (r.diverged && r.epoch_finished && on_epoch) on_epoch(history_.back());
      return false;
    }
    if (r.epoch_finished && on_epoch) on_epoch(history_.back());
  }
  return true;
}

}  // namespace bp
