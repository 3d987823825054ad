#pragma once
// The explain-fool lesson's "show me": the fast gradient sign method (engine/train/fgsm.h) run in
// the studio on the held-out digits the views show, with the trained weights of a snapshot. The
// drawing pad then shows the first correctly classified digit the attack fools, clean and then
// perturbed (its Undo brings the clean one back), so the prediction before and after is the
// pad's own, computed on exactly the pixels it shows. The pad holds 8-bit levels: each pixel
// moves by the largest whole number of levels whose step stays within epsilon, so no pixel moves
// by more than epsilon in the network's (normalised) input units.
#include <QString>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp::ui {

class DrawingPadView;

struct FgsmDemo {
  int sample = -1;          // the held-out sample shown on the pad
  int label = -1;           // its true class
  int before = -1;          // the pad's prediction of the clean digit
  int after = -1;           // ... and of the perturbed one
  float max_change = 0.0f;  // max |x' - x| in the network's input units (<= epsilon)
  int fooled = 0;           // held-out digits whose prediction the attack changed
  int tried = 0;            // held-out digits attacked
  QString error;            // why nothing was shown (empty on success)
  bool shown() const { return error.isEmpty() && sample >= 0; }
  // One line for the lesson panel: what happened, in the class's words.
  QString summary(float epsilon) const;
};

// snapshot: trained weights and held-out images (the confusion matrix's, else the feature maps',
// else the first training images) of
// `network`; epsilon > 0 in normalised input units. Never throws: problems come back in .error.
FgsmDemo run_fgsm_demo(DrawingPadView* pad, const NetworkSpec& network,
                       const TrainingSnapshot& snapshot, float epsilon);

}  // namespace bp::ui
