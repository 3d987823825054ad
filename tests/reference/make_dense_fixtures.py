#!/usr/bin/python3
"""PyTorch reference fixtures for the dense engine (tests/engine/test_dense_fixtures.cpp).

Run with Debian's interpreter (it has python3-torch 1.13):
    /usr/bin/python3 tests/reference/make_dense_fixtures.py
Writes tests/reference/fixtures/dense_<name>.json. CI never runs torch; the outputs are committed.

Each fixture is a small network described exactly as the engine's NetworkSpec (nodes with ids,
kinds and PyTorch parameter names `<node name>.<weight|bias>`, edges with ports), evaluated here
by a tiny DAG interpreter in float32. It stores the weights (drawn here, then written), the
inputs and targets, the forward output, the loss, dL/dinput, every parameter gradient, and the
weights after 10 plain SGD steps (lr 0.1) on the same batch.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
LR = 0.1
STEPS = 10


def act_fn(name, p):
    p = p or {}
    if name == "Identity":
        return lambda x: x
    if name == "Step":  # Heaviside, no gradient (as the engine: derivative 0)
        return lambda x: (x > 0).to(x.dtype)
    if name == "Sigmoid":
        return torch.sigmoid
    if name == "Tanh":
        return torch.tanh
    if name == "ReLU":
        return F.relu
    if name == "LeakyReLU":
        return lambda x: F.leaky_relu(x, p.get("negative_slope", 0.01))
    if name == "ELU":
        return lambda x: F.elu(x, p.get("alpha", 1.0))
    if name == "SELU":
        return F.selu
    if name == "GELU":
        return lambda x: F.gelu(x, approximate="none")
    if name == "SiLU":
        return F.silu
    if name == "Softplus":
        return lambda x: F.softplus(x, p.get("beta", 1.0), p.get("threshold", 20.0))
    raise ValueError(name)


class Net:
    def __init__(self, nodes, edges, gen):
        self.nodes = nodes
        self.edges = edges
        self.params = {}  # name -> tensor (leaf, requires_grad)
        shapes = {}
        for n in nodes:
            ins = self.inputs_of(n["id"])
            if n["kind"] == "Input":
                shapes[n["id"]] = n["input_shape"][0]
                continue
            d = shapes[ins[0]]
            kind = n["kind"]
            if kind == "Linear":
                out = n["out_features"]
                bound = 1.5 / math.sqrt(d)
                w = (torch.rand(out, d, generator=gen) * 2 - 1) * bound
                self.params[n["name"] + ".weight"] = w
                if n.get("bias", True):
                    self.params[n["name"] + ".bias"] = (torch.rand(out, generator=gen) * 2 - 1) * bound
                shapes[n["id"]] = out
            elif kind == "PReLU":
                k = n.get("num_parameters", 1)
                self.params[n["name"] + ".weight"] = torch.rand(k, generator=gen) * 0.4 + 0.05
                shapes[n["id"]] = d
            elif kind == "Maxout":
                shapes[n["id"]] = d // n["pool_size"]
            elif kind == "Concat":
                shapes[n["id"]] = sum(shapes[i] for i in ins)
            else:
                shapes[n["id"]] = d
        for k in self.params:
            self.params[k] = self.params[k].float().requires_grad_(True)

    def inputs_of(self, node_id):
        return [e[0] for e in sorted((e for e in self.edges if e[1] == node_id), key=lambda e: e[2])]

    def forward(self, x):
        vals = {}
        for n in self.nodes:
            ins = [vals[i] for i in self.inputs_of(n["id"])]
            kind = n["kind"]
            if kind == "Input":
                y = x
            elif kind == "Linear":
                b = self.params.get(n["name"] + ".bias")
                y = F.linear(ins[0], self.params[n["name"] + ".weight"], b)
                y = act_fn(n.get("activation", "Identity"), n.get("act"))(y)
            elif kind == "Activation":
                y = act_fn(n["activation"], n.get("act"))(ins[0])
            elif kind == "PReLU":
                y = F.prelu(ins[0], self.params[n["name"] + ".weight"])
            elif kind == "Maxout":
                k = n["pool_size"]
                y = ins[0].view(ins[0].shape[0], -1, k).max(dim=2).values
            elif kind == "Softmax":
                y = F.softmax(ins[0], dim=1)
            elif kind == "Add":
                y = ins[0]
                for t in ins[1:]:
                    y = y + t
            elif kind == "Concat":
                y = torch.cat(ins, dim=1)
            elif kind == "Flatten":
                y = ins[0].flatten(1)
            else:
                raise ValueError(kind)
            vals[n["id"]] = y
        return vals[self.nodes[-1]["id"]]


def loss_fn(name, pred, target, delta):
    if name == "MSELoss":
        return F.mse_loss(pred, target)
    if name == "L1Loss":
        return F.l1_loss(pred, target)
    if name == "HuberLoss":
        return F.huber_loss(pred, target, delta=delta)
    if name == "BCEWithLogitsLoss":
        return F.binary_cross_entropy_with_logits(pred, target)
    if name == "CrossEntropyLoss":
        return F.cross_entropy(pred, target.long())
    raise ValueError(name)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def make(name, nodes, edges, loss, batch, seed, delta=1.0):
    gen = torch.Generator().manual_seed(seed)
    net = Net(nodes, edges, gen)
    d_in = nodes[0]["input_shape"][0]
    out_dim = None
    x = (torch.rand(batch, d_in, generator=gen) * 4 - 2).float()
    with torch.no_grad():
        out_dim = net.forward(x).shape[1]
    if loss == "CrossEntropyLoss":
        target = torch.randint(0, out_dim, (batch,), generator=gen).float()
    elif loss == "BCEWithLogitsLoss":
        target = (torch.rand(batch, out_dim, generator=gen) > 0.5).float()
    elif loss == "MSELoss" and nodes[-1]["kind"] == "Softmax":
        target = F.one_hot(torch.randint(0, out_dim, (batch,), generator=gen), out_dim).float()
    else:
        target = (torch.rand(batch, out_dim, generator=gen) * 2 - 1).float()

    weights = {k: flat(v) for k, v in net.params.items()}
    xg = x.clone().requires_grad_(True)
    out = net.forward(xg)
    lval = loss_fn(loss, out, target, delta)
    lval.backward()
    grads = {k: flat(v.grad) if v.grad is not None else [0.0] * v.numel() for k, v in net.params.items()}
    fixture = {
        "name": name,
        "nodes": nodes,
        "edges": edges,
        "loss": loss,
        "delta": delta,
        "lr": LR,
        "steps": STEPS,
        "input_shape": [batch, d_in],
        "input": flat(x),
        "target_shape": list(target.shape),
        "target": flat(target),
        "weights": weights,
        "output_shape": list(out.shape),
        "output": flat(out),
        "loss_value": float(lval),
        "input_grad": flat(xg.grad) if xg.grad is not None else [0.0] * xg.numel(),
        "grads": grads,
    }
    # 10 plain SGD steps on the same batch
    opt = torch.optim.SGD(list(net.params.values()), lr=LR)
    for _ in range(STEPS):
        opt.zero_grad()
        loss_fn(loss, net.forward(x), target, delta).backward()
        opt.step()
    fixture["weights_after"] = {k: flat(v) for k, v in net.params.items()}
    path = os.path.join(OUT, "dense_" + name + ".json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(path, os.path.getsize(path), "bytes, loss", float(lval))


def inp(d):
    return {"id": 1, "kind": "Input", "name": "input", "input_shape": [d]}


def lin(i, name, out, act="Identity", bias=True, p=None):
    n = {"id": i, "kind": "Linear", "name": name, "out_features": out, "bias": bias, "activation": act}
    if p:
        n["act"] = p
    return n


def act(i, name, f, p=None):
    n = {"id": i, "kind": "Activation", "name": name, "activation": f}
    if p:
        n["act"] = p
    return n


def chain(n):
    return [[i, i + 1, 0] for i in range(1, n)]


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float32)
    # Playground's toy: 2-8-8-1 tanh, MSE
    nodes = [inp(2), lin(2, "fc1", 8, "Tanh"), lin(3, "fc2", 8, "Tanh"), lin(4, "fc3", 1)]
    make("mlp_2881_tanh_mse", nodes, chain(4), "MSELoss", 10, 1)
    # 3-5-4-2: Sigmoid (separate node), fused LeakyReLU; CrossEntropy
    nodes = [inp(3), lin(2, "fc1", 5), act(3, "act1", "Sigmoid"),
             lin(4, "fc2", 4, "LeakyReLU", p={"negative_slope": 0.1}), lin(5, "fc3", 2)]
    make("mlp_3542_sigmoid_leaky_ce", nodes, chain(5), "CrossEntropyLoss", 6, 2)
    # ELU(alpha 1.3), SELU; BCEWithLogits
    nodes = [inp(3), lin(2, "fc1", 5, "ELU", p={"alpha": 1.3}), lin(3, "fc2", 4),
             act(4, "act2", "SELU"), lin(5, "fc3", 2)]
    make("mlp_3542_elu_selu_bce", nodes, chain(5), "BCEWithLogitsLoss", 6, 3)
    # GELU, SiLU; Huber(delta 0.5)
    nodes = [inp(3), lin(2, "fc1", 5, "GELU"), lin(3, "fc2", 4, "SiLU"), lin(4, "fc3", 2)]
    make("mlp_3542_gelu_silu_huber", nodes, chain(4), "HuberLoss", 6, 4, delta=0.5)
    # Softplus(beta 2, threshold 3), ReLU; L1
    nodes = [inp(3), lin(2, "fc1", 5, "Softplus", p={"beta": 2.0, "threshold": 3.0}),
             lin(3, "fc2", 4, bias=False), act(4, "act2", "ReLU"), lin(5, "fc3", 2)]
    make("mlp_3542_softplus_relu_l1", nodes, chain(5), "L1Loss", 6, 5)
    # Step (Heaviside, no gradient below it), Identity; MSE
    nodes = [inp(3), lin(2, "fc1", 5, "Step"), lin(3, "fc2", 4, "Identity"), lin(4, "fc3", 2, "Tanh")]
    make("mlp_3542_step_mse", nodes, chain(4), "MSELoss", 6, 6)
    # PReLU, per channel and shared; CrossEntropy
    nodes = [inp(3), lin(2, "fc1", 4), {"id": 3, "kind": "PReLU", "name": "prelu1", "num_parameters": 4},
             lin(4, "fc2", 3), {"id": 5, "kind": "PReLU", "name": "prelu2", "num_parameters": 1},
             lin(6, "fc3", 2)]
    make("prelu_ce", nodes, chain(6), "CrossEntropyLoss", 6, 7)
    # Maxout k=2 then k=3; MSE
    nodes = [inp(3), lin(2, "fc1", 8), {"id": 3, "kind": "Maxout", "name": "maxout1", "pool_size": 2},
             lin(4, "fc2", 6), {"id": 5, "kind": "Maxout", "name": "maxout2", "pool_size": 3}]
    make("maxout_mse", nodes, chain(5), "MSELoss", 6, 8)
    # Softmax output, MSE against one-hot targets
    nodes = [inp(3), lin(2, "fc1", 5, "Tanh"), lin(3, "fc2", 4), {"id": 4, "kind": "Softmax", "name": "softmax"}]
    make("softmax_mse", nodes, chain(4), "MSELoss", 6, 9)
    # DAG: x -> fc1(tanh) -> fc2; add = x + fc2; concat(add, fc1) -> fc3; CrossEntropy
    nodes = [inp(3), lin(2, "fc1", 4, "Tanh"), lin(3, "fc2", 3), {"id": 4, "kind": "Add", "name": "add"},
             {"id": 5, "kind": "Concat", "name": "concat"}, lin(6, "fc3", 3)]
    edges = [[1, 2, 0], [2, 3, 0], [1, 4, 0], [3, 4, 1], [4, 5, 0], [2, 5, 1], [5, 6, 0]]
    make("skip_add_concat_ce", nodes, edges, "CrossEntropyLoss", 6, 10)


if __name__ == "__main__":
    main()
