// Mirrors torch/optim/lbfgs.py (1.13) with line_search_fn=None. torch keeps ys, H_diag, ro and
// the alphas as float32 tensors; they are rounded to float here the same way.
#include "engine/optim/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.h"

namespace bp {
namespace {

double f32(double x) {
  return static_cast<double>(static_cast<float>(x));
}

}  // namespace

LBFGS::LBFGS(const LbfgsConfig& config) : config_(config) {
  auto fail = [](const std::string& m) { throw Error("LBFGS: " + m); };
  if (!(config_.lr >= 0.0f)) fail("invalid lr (must be >= 0)");
  if (config_.max_iter < 1) fail("invalid max_iter (must be >= 1)");
  if (config_.history_size < 1) fail("invalid history_size (must be >= 1)");
  if (!(config_.tolerance_grad >= 0.0f)) fail("invalid tolerance_grad (must be >= 0)");
  if (!(config_.tolerance_change >= 0.0f)) fail("invalid tolerance_change (must be >= 0)");
  if (config_.max_eval <= 0) config_.max_eval = config_.max_iter * 5 / 4;
}

LBFGS::LBFGS(const OptimizerConfig& config)
    : LBFGS(LbfgsConfig{config.lr, config.max_iter, 0, 1e-7f, 1e-9f, config.history_size}) {}

void LBFGS::reset() {
  layout_.clear();
  d_ = prev_flat_grad_ = q_ = Tensor();
  old_dirs_.clear();
  old_stps_.clear();
  ro_.clear();
  al_.clear();
  t_ = 0.0;
  h_diag_ = 1.0;
  prev_loss_ = 0.0;
  has_d_ = false;
  n_iter_ = func_evals_ = 0;
}

double LBFGS::step(Backend& backend, ParameterStore& params,
                   const std::function<double()>& closure) {
  if (layout_.changed(params)) {
    const LbfgsConfig keep = config_;
    reset();
    config_ = keep;
    layout_.changed(params);
  }
  MemoryOps& mem = backend.memory();
  OptimOps& ops = backend.optim();
  const int64_t n = params.trainable_count();
  const double tol_grad = config_.tolerance_grad, tol_change = config_.tolerance_change;
  const double lr = config_.lr;

  const double orig_loss = closure();
  double loss = orig_loss;
  int current_evals = 1;
  ++func_evals_;
  Tensor& flat_grad = params.grads();  // (P) live: the closure refills it
  if (n == 0) return orig_loss;
  if (!d_.defined() || d_.numel() != n) {
    d_ = mem.empty({n});
    prev_flat_grad_ = mem.empty({n});
    q_ = mem.empty({n});
  }
  bool opt_cond = ops.max_abs(flat_grad) <= tol_grad;
  if (opt_cond) return orig_loss;

  int iter = 0;
  bool have_prev = has_d_;
  while (iter < config_.max_iter) {
    ++iter;
    ++n_iter_;
    if (n_iter_ == 1) {
      mem.copy(flat_grad, d_);
      mem.scale(d_, -1.0f);  // d = -g
      for (auto& t : old_dirs_) t = Tensor();
      old_dirs_.clear();
      old_stps_.clear();
      ro_.clear();
      h_diag_ = 1.0;
    } else {
      // y = g - g_prev (into q_ as scratch), s = d * t
      mem.copy(flat_grad, q_);
      mem.axpy(-1.0f, prev_flat_grad_, q_);
      const double ys = f32(ops.dot(q_, d_) * t_);  // y.dot(s) with s = t d
      if (ys > 1e-10) {
        Tensor y, s;
        if (static_cast<int>(old_dirs_.size()) == config_.history_size) {
          y = old_dirs_.front();  // reuse the oldest pair's memory
          s = old_stps_.front();
          old_dirs_.erase(old_dirs_.begin());
          old_stps_.erase(old_stps_.begin());
          ro_.erase(ro_.begin());
        } else {
          y = mem.empty({n});
          s = mem.empty({n});
        }
        mem.copy(q_, y);
        mem.copy(d_, s);
        mem.scale(s, static_cast<float>(t_));
        old_dirs_.push_back(y);
        old_stps_.push_back(s);
        ro_.push_back(f32(1.0 / ys));
        h_diag_ = f32(ys / ops.dot(y, y));
      }
      const size_t num_old = old_dirs_.size();
      al_.resize(static_cast<size_t>(config_.history_size));
      // two-loop recursion: q = -g; r = H_diag q; d = r
      mem.copy(flat_grad, q_);
      mem.scale(q_, -1.0f);
      for (size_t k = num_old; k-- > 0;) {
        al_[k] = f32(ops.dot(old_stps_[k], q_) * ro_[k]);
        mem.axpy(static_cast<float>(-al_[k]), old_dirs_[k], q_);
      }
      mem.copy(q_, d_);
      mem.scale(d_, static_cast<float>(h_diag_));
      for (size_t k = 0; k < num_old; ++k) {
        const double be_i = f32(ops.dot(old_dirs_[k], d_) * ro_[k]);
        mem.axpy(static_cast<float>(al_[k] - be_i), old_stps_[k], d_);
      }
    }
    mem.copy(flat_grad, prev_flat_grad_);
    have_prev = true;
    prev_loss_ = loss;
    // step length
    if (n_iter_ == 1)
      t_ = std::min(1.0, f32(1.0 / mem.sum_abs(flat_grad))) * lr;
    else
      t_ = lr;
    const double gtd = ops.dot(flat_grad, d_);
    if (gtd > -tol_change) break;
    int ls_func_evals = 0;
    mem.axpy(static_cast<float>(t_), d_, params.values());  // p += t d
    if (iter != config_.max_iter) {
      loss = closure();
      opt_cond = ops.max_abs(flat_grad) <= tol_grad;
      ls_func_evals = 1;
    }
    current_evals += ls_func_evals;
    func_evals_ += ls_func_evals;
    if (iter == config_.max_iter) break;
    if (current_evals >= config_.max_eval) break;
    if (opt_cond) break;
    if (ops.max_abs(d_) * std::fabs(t_) <= tol_change) break;
    if (std::fabs(loss - prev_loss_) < tol_change) break;
  }
  has_d_ = have_prev;
  return orig_loss;
}

OptimizerState LBFGS::state_dict(Backend& backend) {
  OptimizerState s;
  s.kind = OptimizerKind::LBFGS;
  s.steps = n_iter_;
  for (const auto& item : layout_.items()) s.layout.push_back({item.name, item.numel});
  if (d_.defined()) s.tensors["d"] = download_vector(backend, d_);
  if (prev_flat_grad_.defined())
    s.tensors["prev_flat_grad"] = download_vector(backend, prev_flat_grad_);
  for (size_t i = 0; i < old_dirs_.size(); ++i) {
    s.tensors["old_dirs." + std::to_string(i)] = download_vector(backend, old_dirs_[i]);
    s.tensors["old_stps." + std::to_string(i)] = download_vector(backend, old_stps_[i]);
    s.scalars["ro." + std::to_string(i)] = ro_[i];
  }
  s.scalars["history"] = static_cast<double>(old_dirs_.size());
  s.scalars["t"] = t_;
  s.scalars["H_diag"] = h_diag_;
  s.scalars["prev_loss"] = prev_loss_;
  s.scalars["has_d"] = has_d_ ? 1.0 : 0.0;
  s.scalars["func_evals"] = static_cast<double>(func_evals_);
  return s;
}

void LBFGS::load_state_dict(Backend& backend, const ParameterStore& params,
                            const OptimizerState& state) {
  if (state.kind != OptimizerKind::LBFGS)
    throw Error("the saved optimizer state belongs to another optimizer; it starts afresh");
  if (!state.layout.empty() && state.layout != state_layout_of(params))
    throw Error("the saved optimizer state was laid out for other parameters");
  auto scalar = [&](const std::string& key, double fallback) {
    auto it = state.scalars.find(key);
    return it == state.scalars.end() ? fallback : it->second;
  };
  const int64_t n = params.trainable_count();
  for (const auto& [name, values] : state.tensors)
    if (static_cast<int64_t>(values.size()) != n)
      throw Error("the saved L-BFGS buffer '" + name + "' does not fit the network");
  const auto history = static_cast<size_t>(scalar("history", 0.0));
  for (size_t i = 0; i < history; ++i)
    if (!state.tensors.count("old_dirs." + std::to_string(i)) ||
        !state.tensors.count("old_stps." + std::to_string(i)))
      throw Error("the saved L-BFGS history is incomplete");
  reset();
  if (!state.layout.empty()) layout_.changed(params);
  auto tensor = [&](const std::string& key) {
    auto it = state.tensors.find(key);
    return it == state.tensors.end() ? Tensor() : upload_vector(backend, it->second);
  };
  d_ = tensor("d");
  prev_flat_grad_ = tensor("prev_flat_grad");
  for (size_t i = 0; i < history; ++i) {
    old_dirs_.push_back(tensor("old_dirs." + std::to_string(i)));
    old_stps_.push_back(tensor("old_stps." + std::to_string(i)));
    ro_.push_back(scalar("ro." + std::to_string(i), 0.0));
  }
  t_ = scalar("t", 0.0);
  h_diag_ = scalar("H_diag", 1.0);
  prev_loss_ = scalar("prev_loss", 0.0);
  has_d_ = scalar("has_d", 0.0) != 0.0;
  n_iter_ = state.steps;
  func_evals_ = static_cast<int64_t>(scalar("func_evals", 0.0));
}

}  // namespace bp
