#!/usr/bin/python3
"""PyTorch reference fixtures for the conv family (run with Debian's /usr/bin/python3, torch 1.13).

Writes tests/reference/fixtures/conv_layers.json (per-layer forward/backward cases),
conv_norm.json (BatchNorm running statistics over 3 steps + eval, LayerNorm) and
conv_cnn_train.json (a small CNN, 10 SGD steps). CI never runs this; the outputs are committed.
"""
import json
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def flat(t):
    # 9 significant digits: float32 round-trips exactly, files stay small
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def rnd(*shape):
    return torch.rand(*shape) * 2 - 1


def layer_case(kind, params, x, module_fn, extra_params=None):
    """Runs y = module(x), backward with a random dy; records everything."""
    x = x.clone().requires_grad_(True)
    named = extra_params or {}
    y = module_fn(x)
    dy = rnd(*y.shape)
    y.backward(dy)
    case = {"kind": kind, "params": params, "x_shape": list(x.shape), "x": flat(x),
            "y_shape": list(y.shape), "y": flat(y), "dy": flat(dy), "dx": flat(x.grad),
            "param_values": {k: flat(v) for k, v in named.items()},
            "param_grads": {k: flat(v.grad) for k, v in named.items()}}
    return case


def conv_case(cin, cout, k, s, p, d, bias, shape):
    m = nn.Conv2d(cin, cout, k, stride=s, padding=p, dilation=d, bias=bias)
    named = {"weight": m.weight}
    if bias:
        named["bias"] = m.bias
    params = {"out_channels": cout, "kernel": list(m.kernel_size), "stride": list(m.stride),
              "padding": list(m.padding), "dilation": list(m.dilation), "bias": bias}
    return layer_case("Conv2d", params, rnd(*shape), m, named)


def lc_case(cin, cout, k, s, p, d, bias, shape):
    n, _, h, w = shape
    ho = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) // s[0] + 1
    wo = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1] + 1
    r = cin * k[0] * k[1]
    bound = 1.0 / r ** 0.5
    weight = ((torch.rand(ho * wo, cout, r) * 2 - 1) * bound).requires_grad_(True)
    b = ((torch.rand(cout, ho, wo) * 2 - 1) * bound).requires_grad_(True)

    def fn(x):
        cols = F.unfold(x, k, dilation=d, padding=p, stride=s)  # (N, R, L)
        y = torch.einsum("lkr,nrl->nkl", weight, cols).reshape(x.shape[0], cout, ho, wo)
        return y + b if bias else y

    named = {"weight": weight}
    if bias:
        named["bias"] = b
    params = {"out_channels": cout, "kernel": list(k), "stride": list(s), "padding": list(p),
              "dilation": list(d), "bias": bias}
    return layer_case("LocallyConnected2d", params, rnd(*shape), fn, named)


def pool_cases():
    cases = []
    for k, s, p in [((2, 2), (2, 2), (0, 0)), ((3, 3), (2, 2), (1, 1)), ((3, 2), (1, 2), (1, 1))]:
        x = rnd(1, 3, 7, 9)
        params = {"kernel": list(k), "stride": list(s), "padding": list(p)}
        cases.append(layer_case("MaxPool2d", params, x, nn.MaxPool2d(k, s, p)))
        for cip in (True, False):
            params = dict(params, count_include_pad=cip)
            cases.append(layer_case("AvgPool2d", params, x, nn.AvgPool2d(k, s, p, count_include_pad=cip)))
    for o in [(1, 1), (3, 4), (5, 7)]:
        cases.append(layer_case("AdaptiveAvgPool2d", {"output_size": list(o)}, rnd(1, 3, 7, 9),
                                nn.AdaptiveAvgPool2d(o)))
    return cases


def bn_case(kind, module, shape):
    with torch.no_grad():
        module.weight.uniform_(0.5, 1.5)
        module.bias.uniform_(-0.5, 0.5)
    xs = [rnd(*shape) * 2 + 0.5 for _ in range(3)]
    module.train()
    x0 = xs[0].clone().requires_grad_(True)
    y0 = module(x0)
    dy = rnd(*y0.shape)
    y0.backward(dy)
    for x in xs[1:]:
        module(x)
    module.eval()
    x_eval = rnd(*shape)
    y_eval = module(x_eval)
    return {"kind": kind, "params": {"momentum": module.momentum, "eps": module.eps},
            "x_shape": list(shape), "weight": flat(module.weight), "bias": flat(module.bias),
            "train_x": [flat(x) for x in xs], "train_y0": flat(y0), "dy0": flat(dy),
            "dx0": flat(x0.grad), "dweight0": flat(module.weight.grad),
            "dbias0": flat(module.bias.grad), "running_mean": flat(module.running_mean),
            "running_var": flat(module.running_var), "eval_x": flat(x_eval),
            "eval_y": flat(y_eval)}


def ln_case(shape):
    m = nn.LayerNorm(list(shape[1:]))
    with torch.no_grad():
        m.weight.uniform_(0.5, 1.5)
        m.bias.uniform_(-0.5, 0.5)
    return layer_case("LayerNorm", {"eps": m.eps}, rnd(*shape) * 3 + 1, m,
                      {"weight": m.weight, "bias": m.bias})


def cnn_train():
    torch.manual_seed(7)
    net = nn.Sequential(OrderedDict([
        ("conv1", nn.Conv2d(1, 4, 3, padding=1)),
        ("bn1", nn.BatchNorm2d(4)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(4, 6, 3)),
        ("relu2", nn.ReLU()),
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(24, 5)),
    ]))
    x = torch.rand(8, 1, 8, 8)
    target = torch.randint(0, 5, (8,))
    initial = {k: flat(v) for k, v in net.state_dict().items() if "num_batches" not in k}
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    losses = []
    net.train()
    for _ in range(10):
        opt.zero_grad()
        loss = F.cross_entropy(net(x), target)
        loss.backward()
        opt.step()
        losses.append(float(loss))
    final = {k: flat(v) for k, v in net.state_dict().items() if "num_batches" not in k}
    return {"lr": 0.1, "x_shape": list(x.shape), "x": flat(x), "target": [int(t) for t in target],
            "initial": initial, "losses": losses, "final": final}


def main():
    os.makedirs(OUT, exist_ok=True)
    layers = [
        conv_case(2, 3, (3, 3), (1, 1), (0, 0), (1, 1), True, (2, 2, 6, 7)),
        conv_case(2, 4, (3, 3), (2, 2), (1, 1), (1, 1), True, (2, 2, 7, 7)),
        conv_case(3, 2, (3, 3), (1, 1), (2, 2), (2, 2), True, (2, 3, 6, 6)),
        conv_case(2, 3, (3, 5), (2, 1), (1, 2), (1, 2), False, (2, 2, 8, 9)),
        lc_case(2, 3, (3, 3), (1, 1), (0, 0), (1, 1), True, (2, 2, 5, 6)),
        lc_case(2, 2, (3, 2), (2, 1), (1, 1), (1, 2), False, (2, 2, 6, 6)),
    ] + pool_cases() + [ln_case((3, 10)), ln_case((2, 3, 4, 5))]
    with open(os.path.join(OUT, "conv_layers.json"), "w") as f:
        json.dump({"generator": "tests/reference/make_conv_fixtures.py", "torch": torch.__version__,
                   "cases": layers}, f)
    norms = [bn_case("BatchNorm2d", nn.BatchNorm2d(3), (4, 3, 5, 5)),
             bn_case("BatchNorm1d", nn.BatchNorm1d(5, momentum=0.3), (8, 5)),
             bn_case("BatchNorm1d", nn.BatchNorm1d(3), (4, 3, 6))]
    with open(os.path.join(OUT, "conv_norm.json"), "w") as f:
        json.dump({"generator": "tests/reference/make_conv_fixtures.py", "torch": torch.__version__,
                   "cases": norms}, f)
    with open(os.path.join(OUT, "conv_cnn_train.json"), "w") as f:
        json.dump({"generator": "tests/reference/make_conv_fixtures.py", "torch": torch.__version__,
                   "train": cnn_train()}, f)


if __name__ == "__main__":
    main()
