#pragma once
// Whether the dense and conv layer families are linked in (they arrive from other branches).
// Tests whose subject needs shape inference skip, with a message, until they are.
#include "engine/graph/shape_inference.h"

namespace bp::test {

inline bool layers_available() {
  NodeSpec linear;
  linear.kind = NodeKind::Linear;
  NodeSpec conv;
  conv.kind = NodeKind::Conv2d;
  return infer_shapes(make_sequential(Shape{2}, {linear})).ok() &&
         infer_shapes(make_sequential(Shape{1, 8, 8}, {conv})).ok();
}

}  // namespace bp::test

#define BP_REQUIRE_LAYERS()                                                          \
  do {                                                                               \
    if (!bp::test::layers_available())                                               \
      QSKIP("the dense/conv layer families are not merged yet: shapes unavailable"); \
  } while (false)
