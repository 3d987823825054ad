#!/usr/bin/python3
"""Generates tests/reference/fixtures/compare_test_functions.json with PyTorch 1.13.

Run with /usr/bin/python3 from the repository root:
    /usr/bin/python3 tests/reference/make_test_function_fixtures.py

For each 2-D test function (engine/compare/test_functions.h) and each optimizer configuration,
10 steps of torch.optim on a float32 parameter (x, y). Each step's gradient is torch.autograd's
in float64 at the current float32 point, rounded to float32 (the engine computes it the same
way), so the fixture checks the engine's optimizer classes on these surfaces; "gradients" holds
autograd's float64 value and gradient at a few points to check the engine's formulas.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def f32(x):
    return float(np.float32(x))


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2


def himmelblau(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def saddle(x, y):
    return x * x - y * y


def ill_conditioned(x, y):
    return 0.5 * (x * x + 50 * y * y)


def rastrigin(x, y):
    return (20 + x * x - 10 * torch.cos(2 * math.pi * x)
            + y * y - 10 * torch.cos(2 * math.pi * y))


FUNCTIONS = [
    ("rosenbrock", rosenbrock, (-1.5, 2.5), 1e-3),
    ("beale", beale, (1.0, 1.5), 1e-3),
    ("himmelblau", himmelblau, (0.0, 0.0), 1e-2),
    ("saddle", saddle, (-1.5, 1e-3), 5e-2),
    ("ill-conditioned", ill_conditioned, (-2.5, 1.0), 1e-2),
    ("rastrigin", rastrigin, (3.2, -2.7), 1e-3),
]

# (label, torch class, kwargs except lr, lr multiplier of the function's base rate)
OPTIMIZERS = [
    ("SGD", "SGD", {}, 1.0),
    ("SGD momentum", "SGD", {"momentum": 0.9}, 1.0),
    ("Nesterov", "SGD", {"momentum": 0.9, "nesterov": True}, 1.0),
    ("Adagrad", "Adagrad", {}, 50.0),
    ("RMSprop", "RMSprop", {}, 5.0),
    ("Adam", "Adam", {}, 50.0),
]


def grad64(fn, p):
    q = p.detach().double().clone().requires_grad_(True)
    v = fn(q[0], q[1])
    v.backward()
    return float(v), q.grad.clone()


def trajectory(fn, start, opt_name, kwargs, lr):
    p = torch.tensor([f32(start[0]), f32(start[1])], dtype=torch.float32, requires_grad=True)
    c = {k: (f32(v) if isinstance(v, float) else v) for k, v in kwargs.items()}
    opt = getattr(torch.optim, opt_name)([p], lr=f32(lr), **c)
    points = [[float(p[0]), float(p[1])]]
    for _ in range(10):
        _, g = grad64(fn, p)
        opt.zero_grad()
        p.grad = g.float()
        opt.step()
        points.append([float(p[0]), float(p[1])])
    return points


def main():
    cases = []
    gradients = []
    for name, fn, start, base_lr in FUNCTIONS:
        for label, opt_name, kwargs, mult in OPTIMIZERS:
            lr = f32(base_lr * mult)
            cases.append({
                "function": name,
                "label": label,
                "optimizer": opt_name,
                "config": dict({"lr": lr}, **{k: (f32(v) if isinstance(v, float) else v)
                                              for k, v in kwargs.items()}),
                "start": [f32(start[0]), f32(start[1])],
                "points": trajectory(fn, start, opt_name, kwargs, lr),
            })
        for pt in [(0.3, -0.7), (-1.2, 1.1), (2.0, 0.5)]:
            v, g = grad64(fn, torch.tensor(pt, dtype=torch.float64))
            gradients.append({"function": name, "point": list(pt), "value": v,
                              "gradient": [float(g[0]), float(g[1])]})
    out = {"generator": "tests/reference/make_test_function_fixtures.py",
           "torch": torch.__version__, "steps": 10, "cases": cases, "gradients": gradients}
    path = os.path.join(OUT, "compare_test_functions.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", path, len(cases), "trajectories")


if __name__ == "__main__":
    main()
