#pragma once
// Undoable change of the dataset specification (source, toy kind, noise, samples, split, ...).
#include "engine/data/dataset_spec.h"
#include "ui/document/commands/change_value.h"

namespace bp::ui {

using SetDatasetSpec =
    ChangeValue<DatasetSpec, &ProjectDocument::datasetSpec, &ProjectDocument::setDatasetSpec>;

}  // namespace bp::ui
