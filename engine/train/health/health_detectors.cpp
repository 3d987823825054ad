#include "engine/train/health/health_detectors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace bp::health {
namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string percent(double fraction) {
  return fmt("%.0f%%", 100.0 * fraction);
}

HealthFinding finding(HealthKind kind, std::string layer, double value, std::string message,
                      std::string suggestion, HealthSeverity sev = HealthSeverity::Warning) {
  HealthFinding f;
  f.kind = kind;
  f.severity = sev;
  f.layer = std::move(layer);
  f.value = value;
  f.message = std::move(message);
  f.suggestion = std::move(suggestion);
  return f;
}

bool has_step_activation(const NetworkSpec* net) {
  if (!net) return false;
  return std::any_of(net->nodes.begin(), net->nodes.end(), [](const NodeSpec& n) {
    return (n.kind == NodeKind::Linear || n.kind == NodeKind::Activation) &&
           n.params.activation == Activation::Step;
  });
}

}  // namespace

void detect_non_finite(const HealthObservation& o, std::vector<HealthFinding>& out) {
  if (!o.finite || !std::isfinite(o.loss))
    out.push_back(finding(HealthKind::NonFinite, "", o.loss,
                          "The loss became NaN or infinite: a step pushed the weights too far.",
                          "Lower the learning rate (e.g. 10x), clip gradients "
                          "(clip_grad_norm 1.0) or standardize the inputs.",
                          HealthSeverity::Error));
  else if (o.diverged)
    out.push_back(finding(HealthKind::NonFinite, "", o.loss,
                          "The loss grew by orders of magnitude: training diverged.",
                          "Lower the learning rate (e.g. 10x) or clip gradients "
                          "(clip_grad_norm 1.0).",
                          HealthSeverity::Error));
}

void detect_gradients(const HealthObservation& o, std::vector<HealthFinding>& out) {
  if (!o.gradients) return;
  const GradientSnapshot& g = *o.gradients;
  // Weights that receive no gradient at all.
  std::vector<std::string> zero;
  int weights = 0;
  for (const ParamGradient& p : g.params)
    if (p.is_weight()) {
      ++weights;
      if (p.grad_norm == 0.0) zero.push_back(p.layer);
    }
  if (!zero.empty() && weights > 0) {
    const bool all = static_cast<int>(zero.size()) == weights;
    std::string layers;
    for (const std::string& l : zero) layers += (layers.empty() ? "" : ", ") + l;
    std::string why, what;
    if (has_step_activation(o.network)) {
      why =
          "The Step activation's derivative is zero everywhere, so backpropagation carries no "
          "gradient and gradient descent cannot change ";
      what =
          "Train a single Step layer with the perceptron rule, or use Sigmoid / ReLU for "
          "gradient descent.";
    } else {
      why = "No gradient reaches ";
      what =
          "A layer of dead ReLUs blocks it: lower the learning rate, use He initialization "
          "or LeakyReLU.";
    }
    out.push_back(finding(HealthKind::ZeroGradients, all ? "" : zero.front(), 0.0,
                          why + (all ? "any weight (" + layers + ")." : layers + "."), what,
                          all ? HealthSeverity::Error : HealthSeverity::Warning));
  }
  if (weights >= 3 && g.first_rms > 0.0 && g.last_rms > 0.0) {
    const double ratio = g.first_rms / g.last_rms;
    if (ratio < kVanishingRatio)
      out.push_back(finding(
          HealthKind::VanishingGradients, "", ratio,
          "Vanishing gradients: the first layer's gradient is " + fmt("%.1e", ratio) +
              " of the last layer's, so the early layers barely learn.",
          "Use ReLU with He (kaiming) initialization, fewer layers, BatchNorm or a residual "
          "connection instead of deep Sigmoid/Tanh stacks."));
    else if (ratio > kExplodingRatio)
      out.push_back(finding(HealthKind::ExplodingGradients, "", ratio,
                            "Exploding gradients: the first layer's gradient is " +
                                fmt("%.1e", ratio) + " times the last layer's.",
                            "Lower the learning rate, clip gradients (clip_grad_norm 1.0) or use "
                            "a smaller initialization."));
  }
  double growth = 0.0;
  std::string grown;
  for (const ParamGradient& p : g.params)
    if (p.is_weight() && p.weight_growth > growth) growth = p.weight_growth, grown = p.layer;
  if (growth > kWeightGrowth)
    out.push_back(finding(HealthKind::ExplodingGradients, grown, growth,
                          grown + "'s weights grew " + fmt("%.0f", growth) +
                              "-fold since the last look: the steps are far too large.",
                          "Lower the learning rate (e.g. 10x) or clip gradients "
                          "(clip_grad_norm 1.0)."));
  double worst = 0.0;
  std::string worst_layer;
  for (const ParamGradient& p : g.params)
    if (p.is_weight() && p.update_ratio > worst) worst = p.update_ratio, worst_layer = p.layer;
  if (worst > kUpdateRatio)
    out.push_back(finding(HealthKind::ExplodingGradients, worst_layer, worst,
                          "Each step changes " + worst_layer + "'s weights by " + percent(worst) +
                              " of their size (about 0.1% is healthy): the learning rate is "
                              "too high.",
                          "Lower the learning rate (e.g. 10x) or clip gradients."));
}

void detect_units(const HealthObservation& o, std::vector<HealthFinding>& out) {
  if (!o.activity) return;
  for (const UnitActivity& u : o.activity->layers) {
    if (u.dead_fraction >= kDeadFraction)
      out.push_back(finding(
          HealthKind::DeadUnits, u.name, u.dead_fraction,
          u.name + ": " + percent(u.dead_fraction) + " of the ReLU units are never active on " +
              std::to_string(u.samples) + " held-out samples; dead units pass no gradient.",
          "Lower the learning rate, use He initialization, a small positive bias or LeakyReLU.",
          u.dead_fraction >= 1.0 ? HealthSeverity::Error : HealthSeverity::Warning));
    if (u.saturated_fraction >= kSaturatedFraction)
      out.push_back(
          finding(HealthKind::SaturatedUnits, u.name, u.saturated_fraction,
                  u.name + ": " + percent(u.saturated_fraction) +
                      " of the units are saturated (stuck near their ends), where their "
                      "derivative is almost zero.",
                  "Standardize the inputs, use smaller initial weights (Xavier) or ReLU."));
  }
}

void detect_curves(const HealthObservation& o, std::vector<HealthFinding>& out) {
  if (!o.history || o.history->empty()) return;
  const std::vector<EpochRecord>& h = *o.history;
  const size_t n = h.size();
  // Plateau: no 1 % improvement of the best training loss over the last kPlateauEpochs epochs,
  // while the loss is still high next to where it started.
  if (n > static_cast<size_t>(kPlateauEpochs)) {
    double best_before = h[0].train.loss, best_recent = h[n - 1].train.loss;
    for (size_t i = 0; i + kPlateauEpochs < n; ++i)
      best_before = std::min(best_before, h[i].train.loss);
    for (size_t i = n - kPlateauEpochs; i < n; ++i)
      best_recent = std::min(best_recent, h[i].train.loss);
    const double first = h[0].train.loss;
    if (std::isfinite(best_recent) && best_recent > 0.99 * best_before &&
        best_recent > kPlateauHigh * first)
      out.push_back(finding(
          HealthKind::LossPlateau, "", best_recent,
          "Loss plateau: the training loss has not improved for " + std::to_string(kPlateauEpochs) +
              " epochs and is still " + percent(best_recent / first) + " of the first epoch's.",
          "Try a higher learning rate, Adam, another initialization or activation, or check "
          "that the inputs are standardized."));
  }
  // Overfitting: over 5-epoch means (single noisy epochs do not count), the validation loss
  // rose 20 % above its best at least kOverfitEpochs epochs ago while the training loss kept
  // falling, and it is now well above the training loss (the gap opened).
  constexpr size_t w = 5;
  if (n >= 4 * w && h.back().validation.samples > 0) {
    auto mean = [&](size_t end, bool val) {  // over epochs [end - w + 1, end]
      double sum = 0.0;
      for (size_t i = end + 1 - w; i <= end; ++i)
        sum += val ? h[i].validation.loss : h[i].train.loss;
      return sum / w;
    };
    size_t best = w - 1;
    for (size_t i = w; i < n; ++i)
      if (mean(i, true) < mean(best, true)) best = i;
    const double val_now = mean(n - 1, true), val_best = mean(best, true);
    const double train_now = mean(n - 1, false), train_best = mean(best, false);
    if (n - 1 - best >= static_cast<size_t>(kOverfitEpochs) && val_now > kOverfitRise * val_best &&
        train_now < train_best && val_now > kOverfitGap * train_now)
      out.push_back(finding(HealthKind::Overfitting, "", val_now / val_best,
                            "Overfitting: the validation loss rose " +
                                percent(val_now / val_best - 1.0) + " since epoch " +
                                std::to_string(h[best].epoch) +
                                " while the training loss kept falling.",
                            "Stop earlier (early stopping), add weight decay or dropout, use a "
                            "smaller network or more training data."));
  }
}

}  // namespace bp::health
