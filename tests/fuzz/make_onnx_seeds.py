#!/usr/bin/python3
"""Writes the seed corpus of fuzz_onnx (tests/fuzz/corpus/onnx): small PyTorch exports (opset 13)
that reach every operator family the importer reads. Fixed seed; run from anywhere:

    /usr/bin/python3 tests/fuzz/make_onnx_seeds.py
"""
import os

import torch
import torch.nn as nn

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "onnx")


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)
        self.pool = nn.AvgPool2d(2)
        self.mp = nn.MaxPool2d(2)
        self.fc = nn.Linear(2, 3)

    def forward(self, x):
        x = self.mp(self.pool(torch.relu(self.conv(x))))
        return self.fc(x.view(x.size(0), -1))


class Norms(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4, bias=False)
        self.bn = nn.BatchNorm1d(4)
        self.ln = nn.LayerNorm(4)
        self.out = nn.Linear(4, 2)

    def forward(self, x):
        x = nn.functional.silu(nn.functional.gelu(self.ln(self.bn(self.fc(x)))))
        return torch.softmax(self.out(nn.functional.prelu(x, torch.tensor([0.2]))), 1)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(2, 2, 1)
        self.b = nn.Conv2d(2, 2, 1)
        self.gap = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        y = torch.cat([torch.relu(self.a(x)) + x, self.b(x)], 1)
        return torch.flatten(self.gap(y), 1)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, model, shape in [
            ("mlp", nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2)), (1, 2)),
            ("cnn", Cnn(), (1, 1, 4, 4)), ("norms", Norms(), (2, 3)),
            ("residual", Residual(), (1, 2, 3, 3))]:
        torch.onnx.export(model.eval(), torch.randn(*shape), os.path.join(OUT, name + ".onnx"),
                          opset_version=13, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})


if __name__ == "__main__":
    main()
