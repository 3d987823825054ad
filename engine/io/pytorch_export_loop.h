#pragma once
// The Python training loop of an exported PyTorch script: loads the app's data splits and
// training state, builds the optimizer and schedule from the settings the exporter writes above
// it (pytorch_export_training.h, pytorch_export_data.h), trains in one process or under
// DistributedDataParallel (env:// variables) and writes model.json, metrics.csv and
// checkpoint.pt. It reads these names: EPOCHS BATCH_SIZE SEED LOSS LOSS_ARGS TARGETS NUM_OUTPUTS
// DECISION_THRESHOLD OPTIMIZER OPTIMIZER_ARGS OPTIMIZER_STATE_SCALARS OPTIMIZER_STATE_GAP
// BASE_LR SCHEDULE SCHEDULE_ARGS WARMUP_EPOCHS WARMUP_START_FACTOR L1 L2 CLIP_GRAD_NORM
// CLIP_GRAD_VALUE MAX_NORM EARLY_STOPPING PENALIZED NOT_CARRIED TRAINING_UNAVAILABLE
// FRESH_SHUFFLE_STATE SAMPLE_SHAPE DATA, and NAMES, Net, load_weights.
#include <string>

namespace bp {

std::string pytorch_training_loop_code();

}  // namespace bp
