#!/usr/bin/env python3
"""The ONNX consumers that Python offers, run on one exported case (tests/onnx/test_onnx_export).

usage: onnx_consumers.py CASE_DIR [--opencv]

CASE_DIR holds model.onnx, case.json ({"input_shape": [N, ...], "output_shape": [N, ...],
"tolerance": t}), input.f32 (raw inputs, float32) and expected.f32 (the engine's outputs).
Always: onnx.checker.check_model (full check, with shape inference) and the input/output
contract (names "input"/"output", a symbolic batch dimension). With --opencv: OpenCV's DNN module
(cv2.dnn.readNetFromONNX) runs batches of 1, 7 and N and must match the engine's outputs.
Exit status 0 when everything holds; 1 with a message naming what failed.
"""
import json
import os
import sys

import numpy as np
import onnx


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    case = sys.argv[1]
    with open(os.path.join(case, "case.json")) as f:
        meta = json.load(f)
    path = os.path.join(case, "model.onnx")
    x = np.fromfile(os.path.join(case, "input.f32"), dtype=np.float32).reshape(meta["input_shape"])
    expected = np.fromfile(os.path.join(case, "expected.f32"), dtype=np.float32).reshape(
        meta["output_shape"])
    tolerance = float(meta["tolerance"])

    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    opset = [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")]
    if opset != [13] or model.ir_version != 7:
        fail(f"expected opset 13 / IR 7, got opset {opset} / IR {model.ir_version}")
    for value, name in ((model.graph.input, "input"), (model.graph.output, "output")):
        if [v.name for v in value] != [name]:
            fail(f"graph {name}s are {[v.name for v in value]}, expected ['{name}']")
        batch = value[0].type.tensor_type.shape.dim[0]
        if not batch.dim_param or batch.dim_value:
            fail(f"'{name}' has no symbolic batch dimension: {batch}")
    print(f"onnx.checker: ok ({len(model.graph.node)} nodes, opset 13, IR 7)")

    if "--opencv" in sys.argv[2:]:
        import cv2
        net = cv2.dnn.readNetFromONNX(path)
        n = x.shape[0]
        for b in sorted({1, 7, n}):
            net.setInput(np.ascontiguousarray(x[:b]))
            got = net.forward().reshape(expected[:b].shape)
            diff = float(np.max(np.abs(got - expected[:b])))
            if not diff <= tolerance:
                fail(f"OpenCV {cv2.__version__} batch {b}: max |difference| {diff:.3g} > {tolerance}")
            print(f"OpenCV {cv2.__version__} batch {b}: max |difference| {diff:.3g}")


if __name__ == "__main__":
    main()
