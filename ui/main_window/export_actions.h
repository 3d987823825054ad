#pragma once
// The File > Export entries for one view: "<title> as PNG…", "as SVG…" (where the view paints
// vectors) and "data as CSV…" (where it has data), as the view says (SnapshotView). Each asks for a
// file name (starting in the folder used last) and reports a failure in a message box; the writes
// are atomic.
#include <QString>
#include <functional>

#include "engine/io/project.h"
#include "engine/train/train_state.h"

class QMenu;
class QWidget;

namespace bp::ui {

class SnapshotView;

// "Network as PyTorch code…": the project's network as a Python script that loads the weights of
// a saved project (engine/io/pytorch_export.h); and "Network as ONNX model…": the trained network
// with its input normalization as an ONNX model (engine/onnx/onnx_export.h).
void add_pytorch_export_action(QMenu* menu, QWidget* parent, std::function<Project()> project);

// Where figures go and what their titles add: the project's folder ("" when unsaved: the folder
// used last) and a subtitle ("spiral · epoch 120").
struct FigureContext {
  std::function<QString()> folder;
  std::function<QString()> subtitle;
};

// What File > Export report… and the animation start from: the project as it stands (the run's
// latest weights) and the run's epochs.
struct ReportSource {
  Project project;
  std::vector<EpochRecord> history;
};

// "Experiment report (HTML or PDF)…" (ui/report/report_writer.h) and "Decision boundary
// animation (GIF)…" (ui/report/boundary_animation.h: the project trained again from its seed).
// Both start in `folder()` (the project's folder; "" : the folder used last).
void add_report_actions(QMenu* menu, QWidget* parent, const std::function<ReportSource()>& source,
                        const std::function<QString()>& folder);

// PNG and SVG entries render a figure (ui/views/figure_export.h) at the size chosen with
// "Figure size…" (default 1600x1000, optionally 2x), titled, without the view's controls.
void add_export_actions(QMenu* menu, const QString& title, const QString& file_stem,
                        SnapshotView* view, const FigureContext& context = {});
// Besides the files: "Copy <title>" puts the figure on the clipboard (an image, and the SVG
// where the view paints vectors).
// "Figure size…": width, height and the 2x option of exported figures (for this session).
void add_figure_size_action(QMenu* menu, QWidget* parent);
struct FigureOptions;
FigureOptions& figure_defaults();

}  // namespace bp::ui
