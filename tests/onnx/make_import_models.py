#!/usr/bin/python3
"""PyTorch-made ONNX models for test_onnx_import (Debian's python3-torch 1.13, opset 13).

    /usr/bin/python3 make_import_models.py OUTDIR

For each model: OUTDIR/<name>.onnx, <name>.input.bin and <name>.output.bin (float32, C order:
a batch of 7 samples and PyTorch's outputs for it, eval mode), and OUTDIR/manifest.json listing
the names with their input shapes. Also OUTDIR/unsupported.onnx, a model using operators the
studio has no layer for. Fixed seeds: the files are the same on every run.
"""
import json
import sys

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(1234)
torch.set_num_threads(1)
BATCH = 7


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 32), nn.Tanh(),
                                 nn.Linear(32, 5))

    def forward(self, x):
        return self.net(x)


class LeNet5(nn.Module):
    """LeNet-5 as in the studio's template: 6 and 16 5x5 convolutions, 120-84-10."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.AvgPool2d(2)  # PyTorch writes Pad + AveragePool
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = x.view(x.size(0), -1)  # Shape/Gather/Unsqueeze/Concat/Reshape
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


class Block(nn.Module):
    def __init__(self, c, act):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.act = act

    def forward(self, x):
        y = self.act(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.act(y + x)  # the residual Add


class ResidualCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.layer1 = nn.Sequential(Block(8, nn.ReLU()), Block(8, nn.SiLU()))
        self.pool = nn.MaxPool2d(2)
        self.side = nn.Conv2d(8, 4, 1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(12, 4)

    def forward(self, x):
        x = self.pool(self.layer1(torch.relu(self.stem(x))))
        x = torch.cat([x, self.side(x)], 1)
        return self.fc(torch.flatten(self.gap(x), 1))


class BatchNormNet(nn.Module):
    """BatchNorm2d and BatchNorm1d kept as BatchNormalization nodes (not after a Conv), with a
    LayerNorm and a GELU."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 6, 3)
        self.pool = nn.MaxPool2d(2)
        self.bn2d = nn.BatchNorm2d(6)
        self.flat = nn.Flatten()
        self.fc1 = nn.Linear(54, 24)
        self.bn1d = nn.BatchNorm1d(24)
        self.ln = nn.LayerNorm(24)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(24, 3)

    def forward(self, x):
        x = self.bn2d(self.pool(torch.relu(self.conv(x))))
        x = self.act(self.ln(self.bn1d(self.fc1(self.flat(x)))))
        return self.fc2(x)


class Activations(nn.Module):
    """Every activation PyTorch exports as an operator the importer reads, and a Softmax."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 16)
        self.a1 = nn.LeakyReLU(0.1)
        self.fc2 = nn.Linear(16, 16)
        self.a2 = nn.ELU(0.5)
        self.a3 = nn.SELU()
        self.a4 = nn.Softplus()
        self.a5 = nn.PReLU(16)
        self.fc3 = nn.Linear(16, 16, bias=False)  # exported as MatMul
        self.a6 = nn.Sigmoid()
        self.fc4 = nn.Linear(16, 4)
        self.a7 = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.a3(self.a2(self.fc2(self.a1(self.fc1(x)))))
        x = self.a6(self.fc3(self.a5(self.a4(x))))
        return self.a7(self.fc4(x))


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return torch.log_softmax(torch.sin(self.fc(x)) * torch.cos(x), 1)


def randomize_norm_stats(model):
    """Running statistics and affine parameters away from 0/1, so that a wrong formula shows."""
    g = torch.Generator().manual_seed(7)
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            c = m.num_features
            m.running_mean.copy_(torch.randn(c, generator=g) * 0.5)
            m.running_var.copy_(torch.rand(c, generator=g) + 0.5)
            m.weight.data.copy_(torch.rand(c, generator=g) + 0.5)
            m.bias.data.copy_(torch.randn(c, generator=g) * 0.2)
        if isinstance(m, nn.LayerNorm):
            m.weight.data.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
            m.bias.data.copy_(torch.randn(m.bias.shape, generator=g) * 0.2)
        if isinstance(m, nn.PReLU):
            m.weight.data.copy_(torch.rand(m.weight.shape, generator=g) * 0.5)


def export(model, shape, path):
    model.eval()
    x = torch.randn(BATCH, *shape)
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"],
                      output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    return x


def main():
    out = sys.argv[1]
    models = [("mlp", Mlp(), [20]), ("lenet5", LeNet5(), [1, 28, 28]),
              ("residual_cnn", ResidualCnn(), [3, 16, 16]),
              ("batchnorm_net", BatchNormNet(), [2, 8, 8]),
              ("activations", Activations(), [6])]
    manifest = []
    for name, model, shape in models:
        randomize_norm_stats(model)
        x = export(model, shape, f"{out}/{name}.onnx")
        with torch.no_grad():
            y = model(x)
        x.numpy().astype("<f4").tofile(f"{out}/{name}.input.bin")
        y.numpy().astype("<f4").tofile(f"{out}/{name}.output.bin")
        manifest.append({"name": name, "input_shape": shape, "output_shape": list(y.shape[1:]),
                         "batch": BATCH})
    export(Unsupported(), [4], f"{out}/unsupported.onnx")
    with open(f"{out}/manifest.json", "w") as f:
        json.dump({"models": manifest}, f, indent=1)


if __name__ == "__main__":
    main()
