#pragma once
// The Qt glue of the engine's snapshot model (engine/train/snapshot/training_snapshot.h): the
// snapshot types under their ui names, and the metatypes that let signals carry them across
// threads. Views include this header and nothing else from ui/training.
#include <QMetaType>

#include "engine/train/snapshot/training_snapshot.h"

namespace bp::ui {

using bp::ConfusionMatrix;
using bp::ConvKernels;
using bp::FeatureMapLayer;
using bp::FeatureMaps;
using bp::LayerGrid;
using bp::PlaneGrid;
using bp::PlotPoints;
using bp::SampleImages;
using bp::SnapshotPtr;
using bp::TrainingSnapshot;
using bp::WeightMap;

}  // namespace bp::ui

Q_DECLARE_METATYPE(bp::ui::SnapshotPtr)
Q_DECLARE_METATYPE(bp::EpochRecord)
