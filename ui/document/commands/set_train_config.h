#pragma once
// Undoable change of the training configuration (loss, optimizer, schedule, batch size, ...).
#include "engine/train/train_config.h"
#include "ui/document/commands/change_value.h"

namespace bp::ui {

using SetTrainConfig =
    ChangeValue<TrainConfig, &ProjectDocument::trainConfig, &ProjectDocument::setTrainConfig>;

}  // namespace bp::ui
