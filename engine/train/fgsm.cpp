#include "engine/train/fgsm.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/train/prediction.h"

namespace bp {

int FgsmResult::flipped() const {
  int n = 0;
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) n += before[i] != after[i];
  return n;
}

namespace {

// The predicted class of every row of out (N, outputs), downloaded.
std::vector<int> predictions(Backend& be, const Tensor& out, LossKind loss, int n,
                             std::vector<float>* host_out = nullptr) {
  std::vector<float> host(static_cast<size_t>(out.numel()));
  be.memory().download(out, host.data());
  const int outputs = static_cast<int>(out.numel() / std::max(n, 1));
  std::vector<int> cls(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i)
    cls[static_cast<size_t>(i)] =
        predicted_class(loss, host.data() + static_cast<size_t>(i) * outputs, outputs);
  if (host_out) *host_out = std::move(host);
  return cls;
}

}  // namespace

FgsmResult fgsm_attack(Model& model, const Tensor& x, const std::vector<int>& labels, LossKind loss,
                       float eps) {
  if (x.shape().rank() < 2) throw Error("FGSM needs a batch of samples (N, ...)");
  const int n = static_cast<int>(x.dim(0));
  if (static_cast<int>(labels.size()) != n)
    throw Error("FGSM got " + std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                " samples");
  if (!(eps >= 0.0f)) throw Error("FGSM's epsilon must be >= 0");
  Backend& be = model.backend();
  FgsmResult r;
  std::vector<float> out_host;
  const Tensor& out = model.forward(x, Mode::Eval);  // (N, outputs)
  r.before = predictions(be, out, loss, n, &out_host);
  const int outputs = static_cast<int>(out.numel() / std::max(n, 1));
  const Shape out_shape = out.shape();

  // d loss / d out for each sample.
  std::vector<float> seed(out_host.size(), 0.0f);
  for (int i = 0; i < n; ++i) {
    const int y = labels[static_cast<size_t>(i)];
    if (y < 0 || y >= std::max(outputs, 2))
      throw Error("FGSM: label " + std::to_string(y) + " is out of range for " +
                  std::to_string(outputs) + " outputs");
    const float* o = out_host.data() + static_cast<size_t>(i) * outputs;
    float* g = seed.data() + static_cast<size_t>(i) * outputs;
    if (loss == LossKind::CrossEntropyLoss && outputs > 1) {
      const float m = *std::max_element(o, o + outputs);
      double z = 0.0;
      for (int k = 0; k < outputs; ++k) z += std::exp(static_cast<double>(o[k] - m));
      for (int k = 0; k < outputs; ++k)
        g[k] = static_cast<float>(std::exp(static_cast<double>(o[k] - m)) / z) - (k == y);
    } else if (outputs == 1) {
      g[0] = y == 1 ? -1.0f : 1.0f;  // push a single score away from its class
    } else {
      g[y] = -1.0f;
    }
  }
  Tensor seed_t = be.memory().empty(out_shape);
  be.memory().upload(seed.data(), seed_t);
  model.set_keep_input_grad(true);
  try {
    model.backward(seed_t);
  } catch (...) {
    model.set_keep_input_grad(false);
    throw;
  }
  model.set_keep_input_grad(false);

  const Tensor& gx = model.input_grad();  // (N, C, H, W)
  std::vector<float> grad(static_cast<size_t>(gx.numel())), clean(grad.size());
  be.memory().download(gx, grad.data());
  be.memory().download(x, clean.data());
  r.adversarial.resize(clean.size());
  for (size_t p = 0; p < clean.size(); ++p) {
    const float s = grad[p] > 0.0f ? 1.0f : (grad[p] < 0.0f ? -1.0f : 0.0f);
    r.adversarial[p] = clean[p] + eps * s;
    r.max_change = std::max(r.max_change, std::fabs(r.adversarial[p] - clean[p]));
  }
  Tensor adv = be.memory().empty(x.shape());
  be.memory().upload(r.adversarial.data(), adv);
  r.after = predictions(be, model.forward(adv, Mode::Eval), loss, n);
  return r;
}

}  // namespace bp
