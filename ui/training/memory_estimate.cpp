#include "ui/training/memory_estimate.h"

#include <unistd.h>

#include <QCoreApplication>
#include <algorithm>

#include "engine/graph/shape_inference.h"

namespace bp::ui {
namespace {

constexpr int64_t kFloat = 4;
// Weights, gradients, two optimizer buffers (Adam), the checkpoint copy and a snapshot copy.
constexpr int64_t kParameterCopies = 6;
// Each activation is kept for the backward pass and has a gradient of its own, plus scratch.
constexpr int64_t kActivationCopies = 3;
constexpr int64_t kGridPoints = 100 * 100;  // SnapshotBuilder's decision grid

}  // namespace

MemoryEstimate estimate_memory(const Project& project) {
  MemoryEstimate e;
  const ShapeReport shapes = infer_shapes(project.network);
  e.parameter_bytes = shapes.total_parameters * kFloat * kParameterCopies;
  int64_t per_sample = 0;
  bool plane = false;
  for (const auto& [id, info] : shapes.nodes) {
    if (info.output) per_sample += info.output->numel();
    const NodeSpec* n = project.network.find(id);
    if (n && n->kind == NodeKind::Input && info.output && info.output->numel() == 2) plane = true;
  }
  e.largest_batch = std::max<int64_t>(1, project.training.batch_size);
  if (plane) e.largest_batch = std::max(e.largest_batch, kGridPoints);
  e.activation_bytes = per_sample * e.largest_batch * kFloat * kActivationCopies;
  return e;
}

int64_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<int64_t>(pages) * page : 0;
}

QString human_bytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) return QStringLiteral("%1 GB").arg(b / 1e9, 0, 'f', 1);
  if (b >= 1e6) return QStringLiteral("%1 MB").arg(b / 1e6, 0, 'f', 0);
  return QStringLiteral("%1 kB").arg(b / 1e3, 0, 'f', 0);
}

QString memory_refusal(const Project& project, int64_t available) {
  if (available <= 0) return {};
  const MemoryEstimate e = estimate_memory(project);
  // Leave room for the studio, the data and the system.
  if (e.total() <= available * 3 / 4) return {};
  return QCoreApplication::translate(
             "MemoryEstimate",
             "This network needs about %1 of memory (%2 for the parameters, %3 for the "
             "activations of batches of %4 samples), more than this machine can give it (%5 in "
             "all). Make the widest layers narrower or use fewer of them; a smaller batch size "
             "helps only when the batch is the largest one counted.")
      .arg(human_bytes(e.total()), human_bytes(e.parameter_bytes), human_bytes(e.activation_bytes))
      .arg(e.largest_batch)
      .arg(human_bytes(available));
}

}  // namespace bp::ui
