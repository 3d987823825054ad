#!/usr/bin/env python3
"""Cross-check for docs/lecun1989.md: Net-1, Net-2 and Net-5 of LeCun (1989) trained in PyTorch
on the same kind of data as our examples (the bundled MNIST digits, 320 train / 160 test, resized
to 16x16, normalised; 30 epochs of SGD lr 0.1, batch 10, CrossEntropyLoss), mean and sd over
seeds 1-3. Subsets and initial weights are PyTorch's own, so single runs differ from ours; the
question is whether the paper's ranking appears with this data at all.

Usage (repository root): /usr/bin/python3 docs/examples/lecun1989_torch.py [--crop 4]
--crop N removes N border pixels before resizing, so the digit fills the frame as in the paper.
"""
import argparse
import gzip

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    raw = gzip.open(path).read()
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(raw[3])]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * raw[3]).reshape(dims)


def prepare(images, crop):
    t = torch.tensor(images.astype(np.float32) / 255.0)[:, None]
    if crop:
        t = t[:, :, crop:28 - crop, crop:28 - crop]
    t = F.interpolate(t, size=(16, 16), mode="area")
    return (t - t.mean()) / t.std()


def net(k):
    if k == 1:
        return nn.Sequential(nn.Flatten(), nn.Linear(256, 10))
    if k == 2:
        return nn.Sequential(nn.Flatten(), nn.Linear(256, 12), nn.Tanh(), nn.Linear(12, 10))
    return nn.Sequential(nn.Conv2d(1, 2, 3, 2, 1), nn.Tanh(), nn.Conv2d(2, 4, 5, 2, 2), nn.Tanh(),
                         nn.Flatten(), nn.Linear(64, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crop", type=int, default=0)
    args = ap.parse_args()
    d = "datasets/mnist-digits/"
    x_train, y_train = read_idx(d + "train-images-idx3-ubyte.gz"), read_idx(d + "train-labels-idx1-ubyte.gz")
    x_test, y_test = read_idx(d + "t10k-images-idx3-ubyte.gz"), read_idx(d + "t10k-labels-idx1-ubyte.gz")
    for k in (1, 2, 5):
        accs = []
        for seed in (1, 2, 3):
            rng = np.random.default_rng(seed)
            i = rng.choice(len(x_train), 320, replace=False)
            j = rng.choice(len(x_test), 160, replace=False)
            x, y = prepare(x_train[i], args.crop), torch.tensor(y_train[i].astype(np.int64))
            xt, yt = prepare(x_test[j], args.crop), torch.tensor(y_test[j].astype(np.int64))
            torch.manual_seed(seed)
            model = net(k)
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            for _ in range(30):
                order = torch.randperm(320)
                for b in range(0, 320, 10):
                    batch = order[b:b + 10]
                    opt.zero_grad()
                    F.cross_entropy(model(x[batch]), y[batch]).backward()
                    opt.step()
            with torch.no_grad():
                accs.append((model(xt).argmax(1) == yt).float().mean().item() * 100)
        print(f"Net-{k}: {np.mean(accs):.1f} % +- {np.std(accs):.1f}")


if __name__ == "__main__":
    main()
