#!/usr/bin/python3
"""Generates tests/reference/fixtures/optim_*.json with PyTorch 1.13 (Debian's python3-torch).

Run with /usr/bin/python3 from the repository root:
    /usr/bin/python3 tests/reference/make_optim_fixtures.py

Every hyperparameter is first rounded to float32, so torch (Python doubles) and the engine
(float config fields) start from identical values. Outputs:
  optim_steps.json      20 optimizer steps on a 12-value vector, g = 2 (p - t) + 0.3 p^3 (float32)
  optim_mlp.json        20 steps on Linear(3,5)-Tanh-Linear(5,2) + CrossEntropyLoss per optimizer
  optim_schedules.json  50 epochs of learning rates per scheduler
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


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def make_optimizer(kind, params, cfg):
    c = {k: (f32(v) if isinstance(v, float) else v) for k, v in cfg.items()}
    if kind == "SGD":
        return torch.optim.SGD(params, **c)
    if kind == "Adagrad":
        return torch.optim.Adagrad(params, **c)
    if kind == "Adadelta":
        return torch.optim.Adadelta(params, **c)
    if kind == "RMSprop":
        return torch.optim.RMSprop(params, **c)
    if kind == "Adam":
        return torch.optim.Adam(params, **c)
    if kind == "AdamW":
        return torch.optim.AdamW(params, **c)
    if kind == "NAdam":
        return torch.optim.NAdam(params, **c)
    raise ValueError(kind)


def betas(cfg):
    """The JSON carries beta1/beta2; torch wants a tuple."""
    c = dict(cfg)
    if "beta1" in c or "beta2" in c:
        c["betas"] = (f32(c.pop("beta1", 0.9)), f32(c.pop("beta2", 0.999)))
    return c


STEP_CASES = [
    ("SGD", "plain", {"lr": 0.05}),
    ("SGD", "weight_decay", {"lr": 0.05, "weight_decay": 0.1}),
    ("SGD", "momentum", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", "momentum_weight_decay", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.1}),
    ("SGD", "nesterov", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", "dampening", {"lr": 0.05, "momentum": 0.8, "dampening": 0.5}),
    ("Adagrad", "plain", {"lr": 0.1}),
    ("Adagrad", "weight_decay", {"lr": 0.1, "weight_decay": 0.1}),
    ("Adagrad", "lr_decay_init_acc", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.5}),
    ("Adadelta", "plain", {"lr": 1.0}),
    ("Adadelta", "weight_decay", {"lr": 1.0, "rho": 0.8, "weight_decay": 0.1}),
    ("RMSprop", "plain", {"lr": 0.01}),
    ("RMSprop", "weight_decay", {"lr": 0.01, "weight_decay": 0.1}),
    ("RMSprop", "momentum", {"lr": 0.01, "momentum": 0.9}),
    ("RMSprop", "centered", {"lr": 0.01, "centered": True}),
    ("RMSprop", "centered_momentum_weight_decay",
     {"lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.1, "alpha": 0.9}),
    ("Adam", "plain", {"lr": 0.05}),
    ("Adam", "weight_decay", {"lr": 0.05, "weight_decay": 0.1}),
    ("Adam", "amsgrad", {"lr": 0.05, "amsgrad": True}),
    ("Adam", "amsgrad_weight_decay_betas", {"lr": 0.05, "amsgrad": True, "weight_decay": 0.1,
                                            "beta1": 0.8, "beta2": 0.99}),
    ("AdamW", "default_weight_decay", {"lr": 0.05}),
    ("AdamW", "weight_decay", {"lr": 0.05, "weight_decay": 0.1}),
    ("AdamW", "amsgrad", {"lr": 0.05, "amsgrad": True, "weight_decay": 0.1}),
    ("NAdam", "plain", {"lr": 0.05}),
    ("NAdam", "weight_decay", {"lr": 0.05, "weight_decay": 0.1}),
    ("NAdam", "momentum_decay", {"lr": 0.05, "momentum_decay": 0.01, "beta1": 0.8}),
]
# lr halved before step 11 (index 10): state must carry over.
LR_CHANGE_CASES = ["SGD/momentum", "Adagrad/plain", "RMSprop/centered", "Adam/amsgrad",
                   "AdamW/weight_decay", "NAdam/plain", "Adadelta/plain"]


def step_fixtures():
    p0 = torch.tensor([-1.8, -1.3, -0.9, -0.5, -0.2, 0.0, 0.1, 0.4, 0.7, 1.1, 1.5, 1.9],
                      dtype=torch.float32)
    t = torch.tensor([0.5, -0.7, 1.2, 0.0, -1.5, 0.8, 0.3, -0.2, 1.6, -1.0, 0.6, 0.9],
                     dtype=torch.float32)
    cases = []
    for kind, name, cfg in STEP_CASES:
        for lr_change in ([False, True] if f"{kind}/{name}" in LR_CHANGE_CASES else [False]):
            p = p0.clone().requires_grad_(True)
            opt = make_optimizer(kind, [p], betas(cfg))
            steps = []
            for k in range(20):
                if lr_change and k == 10:
                    opt.param_groups[0]["lr"] = f32(cfg["lr"] * 0.5)
                with torch.no_grad():
                    q = p.detach()
                    p.grad = 2 * (q - t) + 0.3 * (q * q * q)
                opt.step()
                steps.append(floats(p))
            cases.append({"kind": kind, "name": name + ("+lr_change" if lr_change else ""),
                          "config": cfg, "lr_change_at": 10 if lr_change else -1,
                          "lr_change_to": f32(cfg["lr"] * 0.5), "steps": steps})
    lbfgs = []
    for cfg, calls in [({"lr": 1.0, "max_iter": 5, "history_size": 3}, 4),
                       ({"lr": 0.5, "max_iter": 20, "history_size": 100}, 2)]:
        p = p0.clone().requires_grad_(True)
        opt = torch.optim.LBFGS([p], lr=f32(cfg["lr"]), max_iter=cfg["max_iter"],
                                history_size=cfg["history_size"])

        def closure():
            opt.zero_grad()
            loss = ((p - t) ** 2).sum() + 0.075 * (p ** 4).sum()
            loss.backward()
            return loss

        losses, steps = [], []
        for _ in range(calls):
            losses.append(float(opt.step(closure)))
            steps.append(floats(p))
        lbfgs.append({"config": cfg, "losses": losses, "steps": steps})
    return {"p0": floats(p0), "t": floats(t), "cases": cases, "lbfgs": lbfgs}


MLP_CASES = [
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("Adagrad", {"lr": 0.1}),
    ("Adadelta", {"lr": 1.0}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.01}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("NAdam", {"lr": 0.01}),
]


def mlp_fixtures():
    torch.manual_seed(0)
    base = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 2))
    x = torch.randn(8, 3)
    y = torch.tensor([0, 1, 1, 0, 1, 0, 0, 1])
    init = [floats(q) for q in base.parameters()]
    cases = []
    for kind, cfg in MLP_CASES:
        net = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 2))
        net.load_state_dict(base.state_dict())
        opt = make_optimizer(kind, net.parameters(), betas(cfg))
        losses, params = [], []
        for _ in range(20):
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            losses.append(float(loss))
            params.append([floats(q) for q in net.parameters()])
        cases.append({"kind": kind, "config": cfg, "losses": losses, "params": params})
    return {"x": floats(x), "y": [float(v) for v in y.tolist()], "init": init,
            "shapes": [list(q.shape) for q in base.parameters()], "cases": cases}


PLATEAU_LOSSES = [1.0, 0.9, 0.8, 0.8, 0.79995, 0.81, 0.85, 0.7, 0.7, 0.7, 0.7, 0.69, 0.72, 0.71,
                  0.73, 0.74, 0.6, 0.61, 0.62, 0.63, 0.64, 0.65, 0.66, 0.5, 0.5, 0.5, 0.5, 0.5,
                  0.5, 0.5, 0.49, 0.495, 0.48, 0.49, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55, 0.3, 0.3,
                  0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37, 0.38]


def schedule_fixtures():
    base_lr = f32(0.1)
    S = torch.optim.lr_scheduler
    cases = [
        ("StepLR", {"kind": "StepLR", "step_size": 7, "gamma": 0.5}),
        ("ExponentialLR", {"kind": "ExponentialLR", "gamma": 0.9}),
        ("CosineAnnealingLR_T20_past_Tmax", {"kind": "CosineAnnealingLR", "T_max": 20, "eta_min": 0.001}),
        ("CosineAnnealingLR_T50", {"kind": "CosineAnnealingLR", "T_max": 50, "eta_min": 0.0}),
        ("ReduceLROnPlateau", {"kind": "ReduceLROnPlateau", "factor": 0.5, "patience": 2,
                               "threshold": 1e-4, "cooldown": 1, "min_lr": 0.002}),
        ("ReduceLROnPlateau_patience0", {"kind": "ReduceLROnPlateau", "factor": 0.3, "patience": 0,
                                         "threshold": 0.01, "cooldown": 0, "min_lr": 0.0}),
        ("warmup5_CosineAnnealingLR", {"kind": "CosineAnnealingLR", "T_max": 30, "eta_min": 0.0,
                                       "warmup_epochs": 5, "warmup_start_factor": 1.0 / 3.0}),
        ("warmup3_StepLR", {"kind": "StepLR", "step_size": 10, "gamma": 0.5, "warmup_epochs": 3,
                            "warmup_start_factor": 0.1}),
        ("warmup4_Constant", {"kind": "Constant", "warmup_epochs": 4, "warmup_start_factor": 0.25}),
    ]
    out = []
    for name, c in cases:
        g = lambda k, d=None: f32(c[k]) if isinstance(c.get(k, d), float) else c.get(k, d)
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=base_lr)
        kind = c["kind"]
        if kind == "StepLR":
            main = S.StepLR(opt, step_size=c["step_size"], gamma=g("gamma"))
        elif kind == "ExponentialLR":
            main = S.ExponentialLR(opt, gamma=g("gamma"))
        elif kind == "CosineAnnealingLR":
            main = S.CosineAnnealingLR(opt, T_max=c["T_max"], eta_min=g("eta_min"))
        elif kind == "ReduceLROnPlateau":
            main = S.ReduceLROnPlateau(opt, mode="min", factor=g("factor"), patience=c["patience"],
                                       threshold=g("threshold"), threshold_mode="rel",
                                       cooldown=c["cooldown"], min_lr=g("min_lr"))
        else:
            main = S.LambdaLR(opt, lambda e: 1.0)
        sched = main
        if c.get("warmup_epochs", 0) > 0:
            warm = S.LinearLR(opt, start_factor=g("warmup_start_factor"),
                              total_iters=c["warmup_epochs"])
            # LinearLR must be created before the main scheduler for SequentialLR: rebuild.
            opt = torch.optim.SGD([p], lr=base_lr)
            warm = S.LinearLR(opt, start_factor=g("warmup_start_factor"),
                              total_iters=c["warmup_epochs"])
            if kind == "StepLR":
                main = S.StepLR(opt, step_size=c["step_size"], gamma=g("gamma"))
            elif kind == "CosineAnnealingLR":
                main = S.CosineAnnealingLR(opt, T_max=c["T_max"], eta_min=g("eta_min"))
            else:
                main = S.LambdaLR(opt, lambda e: 1.0)
            sched = S.SequentialLR(opt, [warm, main], milestones=[c["warmup_epochs"]])
        lrs = [opt.param_groups[0]["lr"]]
        for e in range(50):
            opt.step()
            if kind == "ReduceLROnPlateau":
                sched.step(PLATEAU_LOSSES[e])
            else:
                sched.step()
            lrs.append(opt.param_groups[0]["lr"])
        out.append({"name": name, "config": c, "lrs": lrs})
    return {"base_lr": base_lr, "plateau_losses": PLATEAU_LOSSES, "cases": out}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in [("optim_steps", step_fixtures()), ("optim_mlp", mlp_fixtures()),
                       ("optim_schedules", schedule_fixtures())]:
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"generator": "tests/reference/make_optim_fixtures.py",
                       "torch": torch.__version__, **data}, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    import warnings
    warnings.filterwarnings("ignore")
    main()
