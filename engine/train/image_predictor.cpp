#include "engine/train/image_predictor.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/train/prediction.h"
#include "engine/train/snapshot/class_attribution.h"

namespace bp {

std::vector<float> class_probabilities(LossKind loss, const float* out, int outputs) {
  std::vector<float> p(static_cast<size_t>(std::max(outputs, 2)), 0.0f);
  if (outputs == 1) {
    const float q = loss == LossKind::BCEWithLogitsLoss ? 1.0f / (1.0f + std::exp(-out[0]))
                                                        : std::clamp(out[0], 0.0f, 1.0f);
    p[0] = 1.0f - q;
    p[1] = q;
    return p;
  }
  if (loss == LossKind::CrossEntropyLoss) {
    const float m = *std::max_element(out, out + outputs);
    double sum = 0.0;
    for (int i = 0; i < outputs; ++i) sum += std::exp(static_cast<double>(out[i]) - m);
    for (int i = 0; i < outputs; ++i)
      p[static_cast<size_t>(i)] =
          static_cast<float>(std::exp(static_cast<double>(out[i]) - m) / sum);
    return p;
  }
  const float lo = *std::min_element(out, out + outputs);
  double sum = 0.0;
  for (int i = 0; i < outputs; ++i) sum += out[i] - lo;
  for (int i = 0; i < outputs; ++i)
    p[static_cast<size_t>(i)] =
        sum > 0.0 ? static_cast<float>((out[i] - lo) / sum) : 1.0f / static_cast<float>(outputs);
  return p;
}

ImagePredictor::ImagePredictor(const NetworkSpec& network, const WeightMap& weights, LossKind loss)
    : loss_(loss) {
  model_ = std::make_unique<Model>(network, backend_, 0);
  if (model_->input_shape().rank() != 3)
    throw Error("the drawing pad needs a network with an image input (C, H, W)");
  model_->params().from_host(backend_, weights);
  input_ = backend_.memory().empty(model_->input_shape().with_batch(1));
}

void ImagePredictor::set_weights(const WeightMap& weights) {
  model_->params().from_host(backend_, weights);
}

const std::vector<float>& ImagePredictor::predict(const std::vector<float>& raw,
                                                  const std::vector<float>& mean,
                                                  const std::vector<float>& std_dev) {
  const Shape in = model_->input_shape();
  if (static_cast<int64_t>(raw.size()) != in.numel())
    throw Error("the image has " + std::to_string(raw.size()) + " pixels, the network takes " +
                in.to_string());
  const int64_t plane = in[1] * in[2];
  std::vector<float> x(raw.size());
  for (int64_t c = 0; c < in[0]; ++c)
    for (int64_t i = 0; i < plane; ++i) {
      const size_t k = static_cast<size_t>(c * plane + i);
      const bool norm =
          static_cast<size_t>(c) < mean.size() && static_cast<size_t>(c) < std_dev.size();
      x[k] =
          norm ? (raw[k] - mean[static_cast<size_t>(c)]) / std_dev[static_cast<size_t>(c)] : raw[k];
    }
  backend_.memory().upload(x.data(), input_);
  const Tensor& out = model_->forward(input_, Mode::Eval);
  outputs_.resize(static_cast<size_t>(out.numel()));
  backend_.memory().download(out, outputs_.data());
  return outputs_;
}

std::vector<float> ImagePredictor::probabilities() const {
  return class_probabilities(loss_, outputs_.data(), static_cast<int>(outputs_.size()));
}

int ImagePredictor::predicted() const {
  return predicted_class(loss_, outputs_.data(), static_cast<int64_t>(outputs_.size()));
}

std::vector<FeatureMapLayer> ImagePredictor::feature_maps(int max_channels) {
  std::vector<FeatureMapLayer> out;
  for (int id : model_->spec().topological_order()) {
    const NodeSpec* n = model_->spec().find(id);
    if (!n || n->kind != NodeKind::Conv2d) continue;
    const Tensor& a = model_->activation(id);  // (1, C, H, W)
    if (a.shape().rank() != 4) continue;
    FeatureMapLayer l;
    l.node_id = id;
    l.name = n->name;
    l.kind = "Conv2d";
    l.channels = static_cast<int>(a.dim(1));
    l.height = static_cast<int>(a.dim(2));
    l.width = static_cast<int>(a.dim(3));
    l.shown = std::min(l.channels, max_channels);
    std::vector<float> all(static_cast<size_t>(a.numel()));
    backend_.memory().download(a, all.data());
    all.resize(static_cast<size_t>(l.shown) * static_cast<size_t>(l.height * l.width));
    l.values = std::move(all);
    out.push_back(std::move(l));
  }
  return out;
}

ClassAttribution ImagePredictor::attribution(int target_class) {
  return attribute_class(*model_, input_, loss_, target_class);
}

}  // namespace bp
