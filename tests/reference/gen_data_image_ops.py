#!/usr/bin/env python3
"""Fixture for engine/data/image_ops: PyTorch's F.interpolate on small random images.

Run with Debian's interpreter: /usr/bin/python3 tests/reference/gen_data_image_ops.py
Writes tests/reference/fixtures/data_image_resize.json (checked by tests/engine/test_image_ops.cpp).
bilinear: align_corners=False, up and down; area: integer ratios only (PyTorch's "area" is adaptive
average pooling, which equals exact area averaging only when the ratio is an integer).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
cases = []
for mode, (h, w), (oh, ow) in [
    ("bilinear", (6, 7), (4, 5)),
    ("bilinear", (6, 7), (9, 11)),
    ("bilinear", (5, 5), (12, 3)),
    ("area", (6, 8), (3, 4)),
    ("area", (28, 28), (7, 14)),
]:
    x = torch.rand(2, 1, h, w)
    kwargs = {"align_corners": False} if mode == "bilinear" else {}
    y = F.interpolate(x, size=(oh, ow), mode=mode, **kwargs)
    cases.append({
        "mode": mode, "n": 2, "in": [h, w], "out": [oh, ow],
        "input": [round(v, 7) for v in x.flatten().tolist()],
        "output": [round(v, 7) for v in y.flatten().tolist()],
    })

out = os.path.join(os.path.dirname(__file__), "fixtures", "data_image_resize.json")
with open(out, "w") as f:
    json.dump({"generator": "tests/reference/gen_data_image_ops.py", "torch": torch.__version__,
               "cases": cases}, f)
print("wrote", out)
