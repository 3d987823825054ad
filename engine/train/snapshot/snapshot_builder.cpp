#include "engine/train/snapshot/snapshot_builder.h"

#include <algorithm>
#include <cmath>

#include "engine/data/derived_features.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"
#include "engine/train/prediction.h"
#include "engine/train/snapshot/plane_features.h"

namespace bp {
namespace {

std::shared_ptr<PlotPoints> make_points(const DatasetSplits& data) {
  auto p = std::make_shared<PlotPoints>();
  const Dataset& tr = data.train;
  p->task = tr.task;
  p->num_classes = tr.num_classes;
  auto take = [](const Dataset& ds, std::vector<float>& xy, std::vector<float>& t) {
    xy.reserve(static_cast<size_t>(ds.size()) * 2);
    float raw[2];
    for (int64_t i = 0; i < ds.size(); ++i) {
      raw_point(ds, i, raw);
      xy.push_back(raw[0]);
      xy.push_back(raw[1]);
      t.push_back(ds.target(i)[0]);
    }
  };
  take(tr, p->train_xy, p->train_target);
  take(data.test, p->test_xy, p->test_target);
  float lo[2] = {1e30f, 1e30f}, hi[2] = {-1e30f, -1e30f};
  auto bound = [&](const std::vector<float>& xy) {
    for (size_t i = 0; i + 1 < xy.size(); i += 2)
      for (int k = 0; k < 2; ++k) {
        lo[k] = std::min(lo[k], xy[i + static_cast<size_t>(k)]);
        hi[k] = std::max(hi[k], xy[i + static_cast<size_t>(k)]);
      }
  };
  bound(p->train_xy);
  bound(p->test_xy);
  if (lo[0] > hi[0]) lo[0] = lo[1] = -1.0f, hi[0] = hi[1] = 1.0f;
  // A square plane around the data with a margin, symmetric like Playground's.
  const float r =
      std::max({std::fabs(lo[0]), std::fabs(hi[0]), std::fabs(lo[1]), std::fabs(hi[1]), 1e-3f}) *
      1.1f;
  p->x_min = p->y_min = -r;
  p->x_max = p->y_max = r;
  if (!p->train_target.empty()) {
    auto [mn, mx] = std::minmax_element(p->train_target.begin(), p->train_target.end());
    p->target_min = *mn;
    p->target_max = *mx > *mn ? *mx : *mn + 1.0f;
  }
  return p;
}

std::shared_ptr<SampleImages> make_images(const Dataset& ds) {
  if (ds.sample_shape.rank() != 3 || ds.size() == 0) return nullptr;
  auto im = std::make_shared<SampleImages>();
  im->channels = static_cast<int>(ds.sample_shape[0]);
  im->height = static_cast<int>(ds.sample_shape[1]);
  im->width = static_cast<int>(ds.sample_shape[2]);
  im->class_names = ds.class_names;
  im->input_mean = ds.input_mean;
  im->input_std = ds.input_std;
  const int64_t k = std::min<int64_t>(64, ds.size());
  const int64_t n = ds.sample_shape.numel();
  for (int64_t i = 0; i < k; ++i) {
    im->pixels.insert(im->pixels.end(), ds.sample(i), ds.sample(i) + n);
    im->labels.push_back(static_cast<int>(ds.target(i)[0]));
  }
  return im;
}

// The first k samples of the held-out split (validation, else test, else train).
const Dataset& held_out(const DatasetSplits& data) {
  if (data.validation.size() > 0) return data.validation;
  if (data.test.size() > 0) return data.test;
  return data.train;
}

}  // namespace

SnapshotBuilder::SnapshotBuilder(Model& model, const DatasetSpec& spec, const DatasetSplits& data,
                                 LossKind loss)
    : loss_(loss) {
  images_ = make_images(data.train);
  prepareFeatureMaps(model, data);
  const Dataset& tr = data.train;
  // 2-D toy data, and a CSV with two feature columns (no derived features: the CSV loader adds
  // none) like a toy set.
  const bool plane_source = spec.source == DatasetSource::Toy ||
                            (spec.source == DatasetSource::Csv && derived_feature_count(spec) == 0);
  const bool plane = plane_source && tr.sample_shape.rank() == 1 &&
                     tr.sample_shape[0] == plane_feature_count(spec) && tr.sample_shape[0] >= 2 &&
                     model.input_shape() == tr.sample_shape;
  if (!plane) return;
  auto pts = make_points(data);
  points_ = pts;
  const int d = plane_feature_count(spec);
  const int g = kGridSize;
  std::vector<float> xy(static_cast<size_t>(g * g * 2));
  for (int r = 0; r < g; ++r) {
    const float y = pts->y_max - (static_cast<float>(r) + 0.5f) / g * (pts->y_max - pts->y_min);
    for (int c = 0; c < g; ++c) {
      const float x = pts->x_min + (static_cast<float>(c) + 0.5f) / g * (pts->x_max - pts->x_min);
      xy[static_cast<size_t>((r * g + c) * 2)] = x;
      xy[static_cast<size_t>((r * g + c) * 2 + 1)] = y;
    }
  }
  host_grid_.resize(static_cast<size_t>(g * g * d));
  plane_features(spec, tr, xy.data(), static_cast<int64_t>(g) * g, host_grid_.data());
  Backend& be = model.backend();
  grid_input_ = be.memory().empty(Shape{static_cast<int64_t>(g) * g, d});
  be.memory().upload(host_grid_.data(), grid_input_);
  layers_ = dense_layers(model.spec(), infer_shapes(model.spec()));
}

void SnapshotBuilder::prepareFeatureMaps(Model& model, const DatasetSplits& data) {
  const Dataset& ds = held_out(data);
  const Shape in = model.input_shape();
  if (in.rank() != 3 || ds.size() == 0 || !(ds.sample_shape == in)) return;
  const ShapeReport shapes = infer_shapes(model.spec());
  for (int id : model.spec().topological_order()) {
    const NodeSpec* n = model.spec().find(id);
    const auto it = shapes.nodes.find(id);
    if (!n || it == shapes.nodes.end() || !it->second.output || n->kind == NodeKind::Input)
      continue;
    const Shape& out = *it->second.output;
    const std::string kind =
        n->kind == NodeKind::Activation ? to_string(n->params.activation) : to_string(n->kind);
    if (out.rank() == 3) map_nodes_.push_back({id, n->name, kind, out});
    if (n->kind == NodeKind::Conv2d) {
      const auto& edges = model.spec().edges;
      const auto e =
          std::find_if(edges.begin(), edges.end(), [&](const EdgeSpec& x) { return x.to == id; });
      const auto src = e == edges.end() ? shapes.nodes.end() : shapes.nodes.find(e->from);
      if (src == shapes.nodes.end() || !src->second.output || src->second.output->rank() != 3)
        continue;
      ConvKernels k;
      k.node_id = id;
      k.name = n->name;
      k.out_channels = static_cast<int>(out[0]);
      k.in_channels = static_cast<int>((*src->second.output)[0]);
      k.kernel_h = n->params.kernel[0];
      k.kernel_w = n->params.kernel[1];
      kernel_template_.push_back(std::move(k));
    }
  }
  if (map_nodes_.empty()) return;
  FeatureMaps& f = map_template_;
  f.samples = static_cast<int>(std::min<int64_t>(kFeatureMapSamples, ds.size()));
  f.channels = static_cast<int>(in[0]);
  f.height = static_cast<int>(in[1]);
  f.width = static_cast<int>(in[2]);
  f.class_names = ds.class_names;
  if (ds.input_mean.size() == static_cast<size_t>(f.channels)) {
    f.input_mean = ds.input_mean;
    f.input_std = ds.input_std;
  }
  const int64_t n = in.numel();
  for (int i = 0; i < f.samples; ++i) {
    f.inputs.insert(f.inputs.end(), ds.sample(i), ds.sample(i) + n);
    f.labels.push_back(ds.task == TaskKind::Classification ? static_cast<int>(ds.target(i)[0])
                                                           : -1);
  }
  Backend& be = model.backend();
  map_input_ = be.memory().empty(Shape{f.samples, in[0], in[1], in[2]});
  be.memory().upload(f.inputs.data(), map_input_);
}

void SnapshotBuilder::fillFeatureMaps(Model& model, TrainingSnapshot& s) {
  if (map_nodes_.empty()) return;
  Backend& be = model.backend();
  auto f = std::make_shared<FeatureMaps>(map_template_);
  f->loss = loss_;
  const Tensor& out = model.forward(map_input_, Mode::Eval);  // (samples, outputs)
  f->outputs = static_cast<int>(out.numel() / f->samples);
  f->output_values.resize(static_cast<size_t>(out.numel()));
  be.memory().download(out, f->output_values.data());
  fillSaliency(model, *f);
  for (const MapNode& m : map_nodes_) {
    const Tensor& a = model.activation(m.node_id);  // (samples, C, H, W)
    const int64_t plane = m.shape[1] * m.shape[2];
    if (a.numel() != f->samples * m.shape.numel()) continue;
    download_.resize(static_cast<size_t>(a.numel()));
    be.memory().download(a, download_.data());
    FeatureMapLayer l;
    l.node_id = m.node_id;
    l.name = m.name;
    l.kind = m.kind;
    l.channels = static_cast<int>(m.shape[0]);
    l.height = static_cast<int>(m.shape[1]);
    l.width = static_cast<int>(m.shape[2]);
    l.shown = std::min(l.channels, kMaxMapsShown);
    l.values.reserve(static_cast<size_t>(f->samples * l.shown * plane));
    for (int i = 0; i < f->samples; ++i) {
      const float* src = download_.data() + i * m.shape.numel();
      l.values.insert(l.values.end(), src, src + l.shown * plane);
    }
    f->layers.push_back(std::move(l));
  }
  for (ConvKernels k : kernel_template_) {
    const auto w = s.weights.find(k.name + ".weight");
    const size_t count =
        static_cast<size_t>(k.out_channels) * k.in_channels * k.kernel_h * k.kernel_w;
    if (w == s.weights.end() || w->second.size() != count) continue;
    k.values = w->second;
    f->kernels.push_back(std::move(k));
  }
  s.feature_maps = std::move(f);
}

void SnapshotBuilder::fillSaliency(Model& model, FeatureMaps& f) {
  // One backward pass of the eval forward just run, from a one-hot gradient on each sample's
  // predicted output. It leaves parameter gradients behind, which the trainer clears at the
  // start of every step; the input gradient is only kept for this pass.
  const int outputs = f.outputs;
  std::vector<float> seed(f.output_values.size(), 0.0f);
  for (int i = 0; i < f.samples; ++i) {
    const float* out = f.output_values.data() + static_cast<size_t>(i) * outputs;
    const int best = outputs == 1 ? 0 : predicted_class(loss_, out, outputs);
    seed[static_cast<size_t>(i) * outputs + best] = 1.0f;
  }
  Backend& be = model.backend();
  if (!saliency_seed_.defined() || saliency_seed_.numel() != static_cast<int64_t>(seed.size()))
    saliency_seed_ = be.memory().empty(Shape{f.samples, outputs});
  be.memory().upload(seed.data(), saliency_seed_);
  model.set_keep_input_grad(true);
  try {
    model.backward(saliency_seed_);
  } catch (...) {
    model.set_keep_input_grad(false);
    throw;
  }
  model.set_keep_input_grad(false);
  const Tensor& g = model.input_grad();  // (samples, C, H, W)
  download_.resize(static_cast<size_t>(g.numel()));
  be.memory().download(g, download_.data());
  const int64_t plane = static_cast<int64_t>(f.height) * f.width;
  f.saliency.assign(static_cast<size_t>(f.samples * plane), 0.0f);
  for (int i = 0; i < f.samples; ++i)
    for (int c = 0; c < f.channels; ++c)
      for (int64_t p = 0; p < plane; ++p) {
        const float v = std::fabs(download_[static_cast<size_t>((i * f.channels + c) * plane + p)]);
        float& dst = f.saliency[static_cast<size_t>(i * plane + p)];
        dst = std::max(dst, v);
      }
}

void SnapshotBuilder::fillPlane(Model& model, TrainingSnapshot& s) {
  if (!points_) return;
  Backend& be = model.backend();
  const int g = kGridSize;
  const int64_t cells = static_cast<int64_t>(g) * g;
  const Tensor& out = model.forward(grid_input_, Mode::Eval);  // (G*G, outputs)
  s.grid.width = g;
  s.grid.height = g;
  s.grid.outputs = static_cast<int>(out.numel() / cells);
  s.grid.loss = loss_;
  s.grid.values.resize(static_cast<size_t>(out.numel()));
  be.memory().download(out, s.grid.values.data());

  s.layers.clear();
  const int d = static_cast<int>(grid_input_.numel() / cells);
  for (const DenseLayer& l : layers_) {
    LayerGrid lg;
    lg.node_id = l.node_id;
    lg.name = l.name;
    lg.units = l.units;
    lg.shown = std::min(l.units, kMaxUnitsShown);
    lg.values.resize(static_cast<size_t>(lg.shown * cells));
    const float* src = nullptr;
    int width = 0;
    if (l.source < 0) {
      src = host_grid_.data();
      width = d;
    } else {
      const Tensor& a = model.activation(l.output_node_id);  // (G*G, units)
      if (a.numel() != cells * l.units) continue;
      if (l.units <= kWholeDownloadFactor * lg.shown ||
          a.numel() * static_cast<int64_t>(sizeof(float)) <= kWholeDownloadBytes) {
        download_.resize(static_cast<size_t>(a.numel()));
        be.memory().download(a, download_.data());
        width = l.units;
      } else {
        // A wide layer: only the drawn units leave the backend, row by row (a 20,000-unit
        // layer would otherwise copy 800 MB per snapshot; one copy per cell costs less than
        // that on a GPU too, and keeps the host buffer at the drawn units).
        download_.resize(static_cast<size_t>(cells * lg.shown));
        for (int64_t i = 0; i < cells; ++i) {
          const Tensor row = a.slice_flat(i * l.units, Shape{lg.shown});  // (shown)
          be.memory().download(row, download_.data() + i * lg.shown);
        }
        width = lg.shown;
      }
      src = download_.data();
    }
    // Transpose (cells, width) -> (shown, cells).
    for (int64_t i = 0; i < cells; ++i)
      for (int u = 0; u < lg.shown; ++u)
        lg.values[static_cast<size_t>(u * cells + i)] = src[i * width + u];
    s.layers.push_back(std::move(lg));
  }
}

}  // namespace bp
