#pragma once
// The decision boundary evolving during training, as an animated GIF for slides: the project is
// trained again from its seed (its initial weights, not the stored ones: the same run, step for
// step, as `backprop train` makes) on the CPU, and the boundary is drawn at evenly spaced epochs,
// each frame titled with its epoch, loss and accuracy. 2-D data only.
#include <QByteArray>
#include <QSize>
#include <functional>

#include "engine/io/project.h"

namespace bp::ui {

struct AnimationOptions {
  int frames = 60;       // at most; fewer when the run has fewer epochs (epoch 0 included)
  QSize size{480, 520};  // pixels per frame (the plot plus its title line)
  int delay_cs = 8;      // per frame, in hundredths of a second (the last one shows 2 s)
  int epochs = 0;        // 0: the project's training.epochs
};

struct Animation {
  QByteArray gif;
  int frames = 0;
  int epochs = 0;  // epochs trained
};

// Throws bp::Error (with what to do) for data that is not 2-D, an invalid network or options
// out of range. `progress(frame, frames)` is called after each frame.
Animation boundary_animation(const Project& project, const AnimationOptions& options,
                             const std::function<void(int, int)>& progress = {});

}  // namespace bp::ui
