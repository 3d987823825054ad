#pragma once
// Which node a problem found while building the model (the live preview) concerns, so the editor
// can show it as a hint on that node: a node the message names; the widest layer for a memory
// refusal; the input for a data mismatch; else the network's output, where the loss meets the
// targets. -1 for an empty network.
#include <QString>

#include "engine/graph/network_spec.h"
#include "engine/graph/shape_inference.h"

namespace bp::ui {

int build_hint_node(const NetworkSpec& network, const ShapeReport& shapes, const QString& message);

}  // namespace bp::ui
