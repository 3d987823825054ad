#include "engine/train/snapshot/confusion_builder.h"

#include <algorithm>

#include "engine/train/image_predictor.h"  // class_probabilities
#include "engine/train/prediction.h"

namespace bp {

ConfusionBuilder::ConfusionBuilder(Model& model, const DatasetSplits& data, LossKind loss)
    : loss_(loss) {
  const bool use_validation = data.validation.size() > 0;
  const Dataset& ds = use_validation ? data.validation : data.test;
  const Shape out = model.output_shape();
  if (ds.task != TaskKind::Classification || ds.size() == 0 || ds.num_classes < 2 ||
      !(ds.sample_shape == model.input_shape()) || out.rank() != 1 ||
      !(out[0] == ds.num_classes || (out[0] == 1 && ds.num_classes == 2)))
    return;
  n_ = std::min(kMaxSamples, ds.size());
  classes_ = ds.num_classes;
  split_ = use_validation ? "validation" : "test";
  class_names_ = ds.class_names;
  const int64_t numel = ds.sample_shape.numel();
  std::vector<float> host(static_cast<size_t>(n_ * numel));
  for (int64_t i = 0; i < n_; ++i) {
    std::copy_n(ds.sample(i), numel, host.data() + i * numel);
    labels_.push_back(static_cast<int>(ds.target(i)[0]));
  }
  Backend& be = model.backend();
  x_ = be.memory().empty(ds.sample_shape.with_batch(n_));
  be.memory().upload(host.data(), x_);
  if (ds.sample_shape.rank() == 3) {
    auto im = std::make_shared<SampleImages>();
    im->channels = static_cast<int>(ds.sample_shape[0]);
    im->height = static_cast<int>(ds.sample_shape[1]);
    im->width = static_cast<int>(ds.sample_shape[2]);
    im->pixels = std::move(host);
    im->labels = labels_;
    im->class_names = ds.class_names;
    im->input_mean = ds.input_mean;
    im->input_std = ds.input_std;
    images_ = std::move(im);
  }
}

std::shared_ptr<const ConfusionMatrix> ConfusionBuilder::matrix(Model& model, int64_t step,
                                                                bool force) {
  if (!enabled()) return nullptr;
  const auto now = std::chrono::steady_clock::now();
  if (last_ && !force && now - last_time_ < kInterval) return last_;
  auto m = std::make_shared<ConfusionMatrix>();
  m->classes = classes_;
  m->split = split_;
  m->samples = n_;
  m->step = step;
  m->class_names = class_names_;
  m->counts.assign(static_cast<size_t>(classes_ * classes_), 0);
  m->images = images_;
  m->truth.reserve(static_cast<size_t>(n_));
  m->predicted.reserve(static_cast<size_t>(n_));
  m->confidence.reserve(static_cast<size_t>(n_));
  Backend& be = model.backend();
  for (int64_t begin = 0; begin < n_; begin += kBatch) {
    const int64_t count = std::min(kBatch, n_ - begin);
    const Tensor& out = model.forward(x_.narrow_batch(begin, count), Mode::Eval);  // (count, k)
    const int64_t width = out.numel() / count;
    host_out_.resize(static_cast<size_t>(out.numel()));
    be.memory().download(out, host_out_.data());
    for (int64_t i = 0; i < count; ++i) {
      const float* o = host_out_.data() + i * width;
      const int predicted = predicted_class(loss_, o, width);
      const int truth = labels_[static_cast<size_t>(begin + i)];
      if (truth >= 0 && truth < classes_ && predicted < classes_)
        ++m->counts[static_cast<size_t>(truth * classes_ + predicted)];
      const std::vector<float> p = class_probabilities(loss_, o, static_cast<int>(width));
      m->truth.push_back(truth);
      m->predicted.push_back(predicted);
      m->confidence.push_back(p.at(static_cast<size_t>(predicted)));
    }
  }
  last_ = std::move(m);
  last_time_ = now;
  return last_;
}

}  // namespace bp
