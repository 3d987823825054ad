#include "engine/train/snapshot/class_attribution.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/train/prediction.h"

namespace bp {

int last_conv_node(const Model& model) {
  int last = -1;
  for (int id : model.spec().topological_order()) {
    const NodeSpec* n = model.spec().find(id);
    if (n && n->kind == NodeKind::Conv2d) last = id;
  }
  return last;
}

ClassAttribution attribute_class(Model& model, const Tensor& x, LossKind loss, int target_class) {
  if (x.shape().rank() != 4) throw Error("attribution needs images (N, C, H, W)");
  Backend& be = model.backend();
  ClassAttribution a;
  a.target_class = target_class;
  const int n = static_cast<int>(x.dim(0));
  const int channels = static_cast<int>(x.dim(1));
  a.samples = n;
  a.height = static_cast<int>(x.dim(2));
  a.width = static_cast<int>(x.dim(3));
  const Tensor& out = model.forward(x, Mode::Eval);  // (N, outputs)
  const int outputs = static_cast<int>(out.numel() / std::max(n, 1));
  if (target_class >= std::max(outputs, 2) || target_class < -1)
    throw Error("class " + std::to_string(target_class) + " is out of range: the network has " +
                std::to_string(std::max(outputs, 2)) + " classes");
  std::vector<float> host(static_cast<size_t>(out.numel()));
  be.memory().download(out, host.data());
  // d score / d outputs: one-hot on the class's raw output (the one output of a 1-unit model).
  std::vector<float> seed(host.size(), 0.0f);
  for (int i = 0; i < n; ++i) {
    const float* o = host.data() + static_cast<size_t>(i) * outputs;
    const int cls = target_class >= 0 ? target_class : predicted_class(loss, o, outputs);
    a.classes.push_back(cls);
    seed[static_cast<size_t>(i) * outputs + (outputs == 1 ? 0 : cls)] = 1.0f;
  }
  Tensor seed_t = be.memory().empty(out.shape());
  be.memory().upload(seed.data(), seed_t);
  model.set_keep_input_grad(true);
  try {
    model.backward(seed_t);
  } catch (...) {
    model.set_keep_input_grad(false);
    throw;
  }
  model.set_keep_input_grad(false);

  const Tensor& g = model.input_grad();  // (N, C, H, W)
  std::vector<float> gx(static_cast<size_t>(g.numel()));
  be.memory().download(g, gx.data());
  const int64_t plane = static_cast<int64_t>(a.height) * a.width;
  a.saliency.assign(static_cast<size_t>(n * plane), 0.0f);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < channels; ++c)
      for (int64_t p = 0; p < plane; ++p) {
        const float v = std::fabs(gx[static_cast<size_t>((i * channels + c) * plane + p)]);
        float& dst = a.saliency[static_cast<size_t>(i * plane + p)];
        dst = std::max(dst, v);
      }

  const int conv = last_conv_node(model);
  if (conv < 0) return a;
  const Tensor& act = model.activation(conv);  // (N, K, h, w)
  const Tensor& dact = model.output_grad(conv);
  if (act.shape().rank() != 4) return a;
  a.cam_layer = model.spec().find(conv)->name;
  const int k = static_cast<int>(act.dim(1));
  a.cam_height = static_cast<int>(act.dim(2));
  a.cam_width = static_cast<int>(act.dim(3));
  const int64_t cplane = static_cast<int64_t>(a.cam_height) * a.cam_width;
  std::vector<float> av(static_cast<size_t>(act.numel())), dv(static_cast<size_t>(dact.numel()));
  be.memory().download(act, av.data());
  be.memory().download(dact, dv.data());
  a.gradcam.assign(static_cast<size_t>(n * cplane), 0.0f);
  std::vector<double> cam(static_cast<size_t>(cplane));
  for (int i = 0; i < n; ++i) {
    std::fill(cam.begin(), cam.end(), 0.0);
    for (int c = 0; c < k; ++c) {
      const size_t base = static_cast<size_t>((static_cast<int64_t>(i) * k + c) * cplane);
      double alpha = 0.0;
      for (int64_t p = 0; p < cplane; ++p) alpha += dv[base + static_cast<size_t>(p)];
      alpha /= static_cast<double>(cplane);
      for (int64_t p = 0; p < cplane; ++p)
        cam[static_cast<size_t>(p)] += alpha * av[base + static_cast<size_t>(p)];
    }
    for (int64_t p = 0; p < cplane; ++p)
      a.gradcam[static_cast<size_t>(i * cplane + p)] =
          static_cast<float>(std::max(0.0, cam[static_cast<size_t>(p)]));
  }
  return a;
}

}  // namespace bp
