#include "ui/report/report_data.h"

#include <QStringList>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project_parts.h"
#include "engine/train/snapshot/confusion_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"

namespace bp::ui {
namespace {

QString scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return QString::fromStdString(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
  if (v.is_number_integer()) return QString::number(v.get<int64_t>());
  if (v.is_number_unsigned()) return QString::number(v.get<uint64_t>());
  if (v.is_number()) return QString::number(v.get<double>(), 'g', 6);
  if (v.is_null()) return QStringLiteral("none");
  return QString::fromStdString(v.dump());
}

// The project file's keys, flattened: {"optimizer": {"lr": 0.03}} -> "optimizer.lr" = "0.03".
void flatten(const nlohmann::json& j, const std::string& prefix, KeyValues& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    return;
  }
  QString text;
  if (j.is_array()) {
    const bool scalars = std::all_of(j.begin(), j.end(), [](const nlohmann::json& e) {
      return !e.is_array() && !e.is_object();
    });
    if (j.empty()) return;
    if (scalars && j.size() <= 8) {
      QStringList items;
      for (const auto& e : j) items << scalar_text(e);
      text = items.join(QStringLiteral(", "));
    } else {
      text = QStringLiteral("%1 entries").arg(j.size());
    }
  } else {
    text = scalar_text(j);
  }
  out.push_back({QString::fromStdString(prefix), text});
}

}  // namespace

ReportData collect_report(const Project& project,
                          const std::optional<std::vector<EpochRecord>>& history) {
  ReportData r;
  r.project = project;
  r.trained = !project.weights.empty();
  if (history)
    r.history = *history;
  else if (project.training_state)
    r.history = project.training_state->history;
  flatten(io::training_to_json(project.training), "", r.hyperparameters);
  flatten(io::dataset_to_json(project.dataset), "", r.dataset);

  const ShapeReport shapes = infer_shapes(project.network);
  if (!shapes.ok())
    throw Error("the network is not valid: " + shapes.diagnostics.front().message +
                " (fix it in the editor, then export the report again)");
  r.parameters = shapes.total_parameters;

  CpuBackend backend(1);
  const DatasetSplits data = load_dataset(project.dataset);
  Model model(project.network, backend, project.training.seed);
  if (r.trained) {
    try {
      model.params().from_host(backend, project.weights);
    } catch (const Error& e) {
      throw Error(std::string("the stored weights do not fit the network: ") + e.what() +
                  " (train again, or reset the weights)");
    }
  }
  Trainer trainer(model, data, project.training);
  if (data.test.size() > 0) r.test = trainer.evaluate(data.test);
  if (data.train.size() > 0) r.train = trainer.evaluate(data.train);
  ConfusionBuilder confusion(model, data, project.training.loss);
  if (confusion.enabled()) r.confusion = confusion.matrix(model, trainer.global_step(), true);
  SnapshotBuilder plane(model, project.dataset, data, project.training.loss);
  if (plane.hasPlane()) {
    TrainingSnapshot s;
    plane.fillPlane(model, s);
    r.points = plane.points();
    r.grid = std::move(s.grid);
  }
  return r;
}

}  // namespace bp::ui
