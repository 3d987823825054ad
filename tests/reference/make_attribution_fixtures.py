#!/usr/bin/python3
"""PyTorch reference for saliency and Grad-CAM (run with Debian's /usr/bin/python3, torch 1.13).

Writes tests/reference/fixtures/attribution_cnn.json: a small CNN (conv1 + ReLU + max-pool,
conv2 + ReLU, flatten, fc1 with 3 classes) in eval mode on 4 images of 1x10x10, and for class 2
for every sample and for each sample's predicted class (the largest logit, first on a tie):
  saliency  = max over channels of |d logit_c / d x|                     (N, H, W)
  grad-cam  = relu(sum_k mean_{ij}(d logit_c / d A_k[ij]) * A_k)        (N, h, w)
where A is the output of the last Conv2d (conv2, before its ReLU). CI never runs this; the output
is committed.
"""
import json
import os
from collections import OrderedDict

import torch
import torch.nn as nn

torch.manual_seed(2024)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def flat(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def main():
    net = nn.Sequential(OrderedDict([
        ("conv1", nn.Conv2d(1, 4, 3, padding=1)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(4, 5, 3)),
        ("relu2", nn.ReLU()),
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(5 * 3 * 3, 3)),
    ]))
    net.eval()
    x0 = torch.rand(4, 1, 10, 10)
    feats = {}

    def hook(_m, _i, out):
        out.retain_grad()
        feats["A"] = out

    net.conv2.register_forward_hook(hook)
    cases = []
    for target in (0, -1):
        x = x0.clone().requires_grad_(True)
        logits = net(x)
        classes = logits.argmax(dim=1) if target < 0 else torch.full((4,), target)
        seed = torch.zeros_like(logits)
        seed[torch.arange(4), classes] = 1.0
        logits.backward(seed)
        A = feats["A"]
        alpha = A.grad.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((alpha * A).sum(dim=1))
        sal = x.grad.abs().amax(dim=1)
        cases.append({"target_class": target, "classes": classes.tolist(),
                      "logits": flat(logits), "saliency": flat(sal), "gradcam": flat(cam),
                      "cam_shape": list(cam.shape)})
    out = {"x_shape": list(x0.shape), "x": flat(x0),
           "weights": {k: flat(v) for k, v in net.state_dict().items()},
           "cases": cases}
    with open(os.path.join(OUT, "attribution_cnn.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
