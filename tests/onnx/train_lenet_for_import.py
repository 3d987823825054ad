#!/usr/bin/python3
"""Trains LeNet-5 in PyTorch on the bundled MNIST digits for test_onnx_import_pytorch, exports it
to ONNX and reports its test accuracy, which the imported project must reproduce to the sample.

    /usr/bin/python3 train_lenet_for_import.py DIGITS_DIR OUTDIR

Pixels are scaled exactly as the engine's IDX reader scales them (uint8 * float32(1/255)), with no
further normalization: the importer gives a (1, 28, 28) -> 10 model the digits data set with
`normalize` off. Writes OUTDIR/lenet_trained.onnx and OUTDIR/lenet_trained.json
({"correct", "total", "accuracy"} on the t10k split). Fixed seeds; one thread.
"""
import gzip
import json
import sys

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def images(path):
    u8 = read_idx(path).astype(np.float32)
    return torch.from_numpy(u8 * np.float32(1.0 / 255.0)).unsqueeze(1)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = torch.relu(self.fc1(self.flatten(x)))
        return self.fc3(torch.relu(self.fc2(x)))


def main():
    digits, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x_train = images(f"{digits}/train-images-idx3-ubyte.gz")
    y_train = torch.from_numpy(read_idx(f"{digits}/train-labels-idx1-ubyte.gz").astype(np.int64))
    x_test = images(f"{digits}/t10k-images-idx3-ubyte.gz")
    y_test = torch.from_numpy(read_idx(f"{digits}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = LeNet5()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    for _ in range(2):
        order = torch.randperm(len(x_train), generator=g)
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss_fn(model(x_train[idx]), y_train[idx]).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        correct = int((model(x_test).argmax(1) == y_test).sum())
    torch.onnx.export(model, x_test[:1], f"{out}/lenet_trained.onnx", opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    with open(f"{out}/lenet_trained.json", "w") as f:
        json.dump({"correct": correct, "total": len(y_test), "accuracy": correct / len(y_test)}, f)


if __name__ == "__main__":
    main()
