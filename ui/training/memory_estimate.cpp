#include "ui/training/memory_estimate.h"

#include <unistd.h>

#include <QCoreApplication>
#include <algorithm>

#include "engine/graph/memory_estimate.h"

namespace bp::ui {
namespace {

constexpr double kFloat = 4;
// Beyond the engine's training estimate (weights, gradients, two optimizer buffers; every
// activation and its gradient): the studio keeps a checkpoint copy and a snapshot copy of the
// parameters, and one more copy of the activations as scratch.
constexpr double kStudioParameterCopies = 2;
constexpr double kScratchActivationShare = 0.5;  // one copy next to the engine's two
constexpr int64_t kGridPoints = 100 * 100;       // SnapshotBuilder's decision grid

}  // namespace

MemoryEstimate estimate_memory(const Project& project) {
  MemoryEstimate e;
  bool plane = false;
  for (const NodeSpec& n : project.network.nodes)
    if (n.kind == NodeKind::Input && n.params.input_shape.numel() == 2) plane = true;
  e.largest_batch = std::max<int64_t>(1, project.training.batch_size);
  if (plane) e.largest_batch = std::max(e.largest_batch, kGridPoints);
  // The engine's estimate (the CLI's `info` prints the same), for the largest batch counted.
  const bp::MemoryEstimate engine =
      bp::estimate_memory(project.network, static_cast<int>(e.largest_batch), MemoryUse::Training);
  e.parameter_bytes = static_cast<int64_t>(engine.parameter_bytes +
                                           engine.parameters * kFloat * kStudioParameterCopies);
  e.activation_bytes =
      static_cast<int64_t>(engine.activation_bytes * (1.0 + kScratchActivationShare));
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
