#include "ui/lessons/fgsm_demo.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <exception>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/train/fgsm.h"
#include "ui/views/drawing_pad_view.h"

namespace bp::ui {
namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("FgsmDemo", text);
}

// The held-out digits as the views show them: pixels (K, 1, H, W) as fed to the network.
struct HeldOut {
  int count = 0, height = 0, width = 0;
  const std::vector<float>* pixels = nullptr;
  const std::vector<int>* labels = nullptr;
  float mean = 0.0f, std_dev = 1.0f;  // the dataset's normalisation (0 and 1: none)
};

HeldOut from_images(const SampleImages& im) {
  HeldOut h{
      static_cast<int>(im.labels.size()), im.height, im.width, &im.pixels, &im.labels, 0.0f, 1.0f};
  if (!im.input_mean.empty() && !im.input_std.empty()) {
    h.mean = im.input_mean[0];
    h.std_dev = im.input_std[0];
  }
  return h;
}

// The held-out split's digits (the confusion matrix's), else the feature-map view's few held-out
// digits, else the first training digits.
HeldOut held_out(const TrainingSnapshot& s) {
  HeldOut h;
  if (s.confusion && s.confusion->images && s.confusion->images->channels == 1 &&
      !s.confusion->images->labels.empty())
    h = from_images(*s.confusion->images);
  else if (s.feature_maps && s.feature_maps->channels == 1 && s.feature_maps->samples > 0) {
    const FeatureMaps& f = *s.feature_maps;
    h = {f.samples, f.height, f.width, &f.inputs, &f.labels, 0.0f, 1.0f};
    if (!f.input_mean.empty() && !f.input_std.empty()) {
      h.mean = f.input_mean[0];
      h.std_dev = f.input_std[0];
    }
  } else if (s.images && s.images->channels == 1 && !s.images->labels.empty()) {
    h = from_images(*s.images);
  }
  return h;
}

}  // namespace

QString FgsmDemo::summary(float epsilon) const {
  if (!shown()) return error;
  if (after == before)
    return tr("FGSM with ε = %1 changed %2 of %3 held-out digits, but not the one on the drawing "
              "pad (%4 stays %4).")
        .arg(epsilon)
        .arg(fooled)
        .arg(tried)
        .arg(before);
  return tr("FGSM with ε = %1: the drawing pad shows held-out digit %2 (a %3). Predicted %4 "
            "before, %5 after; no pixel moved by more than %6 (ε). The attack changed %7 of %8 "
            "held-out digits. Undo on the pad shows the clean digit.")
      .arg(epsilon)
      .arg(sample + 1)
      .arg(label)
      .arg(before)
      .arg(after)
      .arg(static_cast<double>(max_change), 0, 'f', 3)
      .arg(fooled)
      .arg(tried);
}

FgsmDemo run_fgsm_demo(DrawingPadView* pad, const NetworkSpec& network,
                       const TrainingSnapshot& snapshot, float epsilon) {
  FgsmDemo d;
  const HeldOut h = held_out(snapshot);
  if (!pad) {
    d.error = tr("FGSM needs the drawing pad (View > Drawing pad).");
    return d;
  }
  if (snapshot.weights.empty() || h.count == 0) {
    d.error = tr("FGSM needs a trained digit classifier: press Play first.");
    return d;
  }
  const size_t plane = static_cast<size_t>(h.height) * static_cast<size_t>(h.width);
  if (pad->pixels().size() != plane) {
    d.error = tr("The drawing pad has not seen this network's images yet: press Play first.");
    return d;
  }
  // The digits as 8-bit levels (what the pad can show), and the network input they make.
  const int k = h.count;
  std::vector<std::vector<uint8_t>> levels(static_cast<size_t>(k), std::vector<uint8_t>(plane));
  std::vector<float> x(static_cast<size_t>(k) * plane);  // (K, 1, H, W)
  for (size_t i = 0; i < static_cast<size_t>(k); ++i)
    for (size_t p = 0; p < plane; ++p) {
      const float raw = (*h.pixels)[i * plane + p] * h.std_dev + h.mean;
      const auto level = static_cast<uint8_t>(std::clamp(std::lround(raw * 255.0f), 0L, 255L));
      levels[i][p] = level;
      x[i * plane + p] = (static_cast<float>(level) / 255.0f - h.mean) / h.std_dev;
    }
  FgsmResult r;
  try {
    CpuBackend backend;
    Model model(network, backend, 0);
    model.params().from_host(backend, snapshot.weights);
    const LossKind loss = snapshot.feature_maps ? snapshot.feature_maps->loss : snapshot.grid.loss;
    Tensor input = backend.memory().empty(
        Shape{k, 1, static_cast<int64_t>(h.height), static_cast<int64_t>(h.width)});
    backend.memory().upload(x.data(), input);
    r = fgsm_attack(model, input, *h.labels, loss, epsilon);
  } catch (const std::exception& e) {
    d.error = tr("FGSM failed: %1").arg(QString::fromUtf8(e.what()));
    return d;
  }
  d.tried = k;
  d.fooled = r.flipped();
  // The largest whole number of levels within epsilon: |Δx| = step / 255 / std <= epsilon.
  const int step = static_cast<int>(std::floor(epsilon * h.std_dev * 255.0f * (1.0f - 1e-6f)));
  if (step < 1) {
    d.error = tr("ε = %1 is smaller than one grey level of the drawing pad.").arg(epsilon);
    return d;
  }
  // Correctly classified digits the attack fools first, then the others, in order.
  std::vector<int> order;
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < k; ++i) {
      const bool fooled = r.before[static_cast<size_t>(i)] == (*h.labels)[static_cast<size_t>(i)] &&
                          r.after[static_cast<size_t>(i)] != r.before[static_cast<size_t>(i)];
      if (fooled == (pass == 0)) order.push_back(i);
    }
  constexpr size_t kMaxShown = 16;  // the pad's undo history stays short
  for (size_t n = 0; n < std::min(order.size(), kMaxShown); ++n) {
    const auto i = static_cast<size_t>(order[n]);
    std::vector<uint8_t> adv = levels[i];
    int moved = 0;
    for (size_t p = 0; p < plane; ++p) {
      const float dir = r.adversarial[i * plane + p] - x[i * plane + p];
      const int s = dir > 0.0f ? step : dir < 0.0f ? -step : 0;
      const int v = std::clamp(static_cast<int>(levels[i][p]) + s, 0, 255);
      moved = std::max(moved, std::abs(v - static_cast<int>(levels[i][p])));
      adv[p] = static_cast<uint8_t>(v);
    }
    pad->setPixels(levels[i]);
    d.sample = static_cast<int>(i);
    d.label = (*h.labels)[i];
    d.before = pad->predictedClass();
    pad->setPixels(adv);
    d.after = pad->predictedClass();
    d.max_change = static_cast<float>(moved) / 255.0f / h.std_dev;
    if (d.before == d.label && d.after != d.before) break;
  }
  return d;
}

}  // namespace bp::ui
