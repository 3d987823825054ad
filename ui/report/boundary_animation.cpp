#include "ui/report/boundary_animation.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/graph/shape_inference.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"
#include "ui/report/boundary_painter.h"
#include "ui/report/figure_canvas.h"
#include "ui/report/gif_encoder.h"

namespace bp::ui {
namespace {

// The epochs to draw: 0, ..., epochs, evenly spaced, at most `frames` of them.
std::vector<int> frame_epochs(int epochs, int frames) {
  std::vector<int> at;
  const int n = std::min(frames, epochs + 1);
  for (int i = 0; i < n; ++i) {
    const int e = n == 1 ? 0
                         : static_cast<int>(std::lround(static_cast<double>(i) * epochs /
                                                        static_cast<double>(n - 1)));
    if (at.empty() || e > at.back()) at.push_back(e);
  }
  return at;
}

QString caption(const QString& name, int epoch, const Metrics* m) {
  QString text = name.isEmpty() ? QString() : name + QStringLiteral(" · ");
  text += QStringLiteral("epoch %1").arg(epoch);
  if (m) {
    text += QStringLiteral(" · loss %1").arg(m->loss, 0, 'g', 4);
    if (m->accuracy >= 0.0)
      text += QStringLiteral(" · accuracy %1 %").arg(100.0 * m->accuracy, 0, 'f', 1);
  }
  return text;
}

}  // namespace

Animation boundary_animation(const Project& project, const AnimationOptions& options,
                             const std::function<void(int, int)>& progress) {
  if (options.frames < 2 || options.frames > 1000)
    throw Error("an animation needs 2 to 1000 frames, got " + std::to_string(options.frames));
  if (options.size.width() < 64 || options.size.height() < 64 || options.size.width() > 4000 ||
      options.size.height() > 4000)
    throw Error("animation frames must be 64 to 4000 pixels a side");
  const int epochs = options.epochs > 0 ? options.epochs : project.training.epochs;
  if (epochs < 1) throw Error("the animation needs at least one epoch to train (training.epochs)");
  const ShapeReport shapes = infer_shapes(project.network);
  if (!shapes.ok()) throw Error("the network is not valid: " + shapes.diagnostics.front().message);

  CpuBackend backend(1);
  const DatasetSplits data = load_dataset(project.dataset);
  Model model(project.network, backend, project.training.seed);
  TrainConfig config = project.training;
  config.epochs = epochs;
  Trainer trainer(model, data, config);
  SnapshotBuilder plane(model, project.dataset, data, config.loss);
  if (!plane.hasPlane())
    throw Error(
        "the decision-boundary animation needs two-dimensional data (a 2-D toy dataset or a "
        "2-column CSV); this project's data has another shape");

  const FigureStyle style = print_style();
  const QString name = QString::fromStdString(project.name);
  const std::vector<int> at = frame_epochs(epochs, options.frames);
  GifEncoder gif(options.size, options.delay_cs);
  Animation out;
  const QFontMetricsF fm(style.font);
  const qreal title_h = fm.height() * 1.6;
  for (size_t i = 0; i < at.size(); ++i) {
    bool finite = true;
    while (trainer.epoch() < at[i]) {
      const EpochRecord r = trainer.run_epoch();
      if (!std::isfinite(r.train.loss)) {
        finite = false;
        break;
      }
    }
    TrainingSnapshot s;
    plane.fillPlane(model, s);
    const QImage heat = boundary_heatmap(s.grid, *plane.points(), false);
    const Metrics* m = trainer.history().empty() ? nullptr : &trainer.history().back().train;
    const QString text = caption(name, trainer.epoch(), m);
    const QImage frame =
        paint_to_image(options.size, 1.0, style.background, [&](QPainter& p, const QRectF& r) {
          p.setFont(style.font);
          p.setPen(style.text);
          p.drawText(QRectF(8, 0, r.width() - 16, title_h), Qt::AlignCenter, text);
          paint_boundary(p, r.adjusted(0, title_h, 0, 0), heat, *plane.points(), false, style);
        });
    // The last frame stays on screen for two seconds before the loop starts again.
    gif.addFrame(frame, i + 1 == at.size() || !finite ? 200 : -1);
    ++out.frames;
    if (progress) progress(out.frames, static_cast<int>(at.size()));
    if (!finite) break;
  }
  out.epochs = trainer.epoch();
  out.gif = gif.finish();
  return out;
}

}  // namespace bp::ui
