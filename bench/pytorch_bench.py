#!/usr/bin/python3
"""PyTorch peer of bp_bench: the same nets (LeNet-5, MLP 784-256-128-10, ReLU), torch's default
init, Adam(lr=1e-3), CrossEntropyLoss, real Fashion-MNIST, same batch sizes and step counts.
Prints the best samples/s over the thread counts given (default 1 and 2).
Run with Debian's /usr/bin/python3 and without OPENBLAS_CORETYPE (bench/run_bench.sh does).
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),
                         nn.ReLU(), nn.Linear(128, 10))


def train(make, x, y, batch, steps, warmup=30):
    torch.manual_seed(0)
    net = make()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    batches = x.shape[0] // batch

    def step(i):
        b = i % batches
        xb, yb = x[b * batch:(b + 1) * batch], y[b * batch:(b + 1) * batch]
        opt.zero_grad()
        loss = F.cross_entropy(net(xb), yb)
        loss.backward()
        opt.step()
        return loss

    for i in range(warmup):
        step(i)
    t0 = time.perf_counter()
    for i in range(warmup, warmup + steps):
        loss = step(i)
    dt = time.perf_counter() - t0
    return steps * batch / dt, float(loss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    x = torch.from_numpy(read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255.0)
    x = x.reshape(-1, 1, 28, 28).contiguous()
    y = torch.from_numpy(read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    configs = [("lenet5_b64", lenet5, 64, 300), ("mlp_b64", mlp, 64, 1500), ("mlp_b256", mlp, 256, 500)]
    for name, make, batch, steps in configs:
        if a.only and a.only not in name:
            continue
        best, best_threads, last = 0.0, 0, 0.0
        for t in [int(v) for v in a.threads.split(",")]:
            torch.set_num_threads(t)
            for _ in range(a.repeats):
                sps, loss = train(make, x, y, batch, steps)
                if sps > best:
                    best, best_threads, last = sps, t, loss
        print("torch  %-11s %10.0f samples/s  (Adam, %d steps, best with %d thread%s, loss %.3f)"
              % (name, best, steps, best_threads, "" if best_threads == 1 else "s", last), flush=True)


if __name__ == "__main__":
    main()
