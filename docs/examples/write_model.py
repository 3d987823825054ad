#!/usr/bin/env python3
"""Writes a 2-4-2 XOR classifier with hand-set weights as a Backprop Studio project (format 1).
Usage: python3 write_model.py OUT.json  then  backprop evaluate OUT.json   (json module only)"""
import json, sys

def node(i, kind, name, params):
    return {"id": i, "kind": kind, "name": name, "params": params, "position": [0, 90 * (i - 1)]}

# Hidden ReLU units give |x+y| and |x-y|; logit0 - logit1 = |x+y| - |x-y| has the sign of x*y
# (the xor toy's class 0 is quadrants I and III).
weights = {  # PyTorch layout: Linear weight is [out_features, in_features]
    "fc1.weight": {"shape": [4, 2], "data": [1, 1, -1, -1, 1, -1, -1, 1]},
    "fc1.bias": {"shape": [4], "data": [0, 0, 0, 0]},
    "fc2.weight": {"shape": [2, 4], "data": [1, 1, 0, 0, 0, 0, 1, 1]},
    "fc2.bias": {"shape": [2], "data": [0, 0]},
}
project = {
    "format": "backprop-studio-project", "version": 1, "name": "xor-by-hand",
    "description": "A 2-4-2 ReLU network whose weights were written by a script.",
    "network": {"nodes": [node(1, "Input", "input", {"input_shape": [2]}),
                          node(2, "Linear", "fc1", {"out_features": 4, "activation": "ReLU"}),
                          node(3, "Linear", "fc2", {"out_features": 2})],
                "edges": [{"id": 1, "from": 1, "to": 2, "port": 0},
                          {"id": 2, "from": 2, "to": 3, "port": 0}]},
    "training": {"loss": "CrossEntropyLoss"},
    "dataset": {"source": "toy", "toy": "xor", "samples": 400, "noise": 0.0},
    "weights": weights,
}
with open(sys.argv[1], "w") as f:
    json.dump(project, f, indent=1)
