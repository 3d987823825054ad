#pragma once
// `backprop export PROJECT --report FILE.html|FILE.pdf` and `--animation FILE.gif [--frames N]`:
// the experiment report and the decision-boundary animation (ui/report), rendered with Qt Gui on
// the offscreen platform when there is no display.
#include "app/cli/cli_args.h"
#include "engine/io/project.h"

namespace bp::cli {

// Whether `args` ask for a report or an animation.
bool wants_report_exports(const ParsedArgs& args);
// Writes what `args` ask for; returns the exit code. Bad options throw UsageError, unusable
// projects bp::Error (exit 2 in main).
int run_report_exports(const ParsedArgs& args, const Project& project);

}  // namespace bp::cli
