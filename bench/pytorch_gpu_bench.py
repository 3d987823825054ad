#!/usr/bin/python3
"""PyTorch peer of bp_gpu_bench on the GPU: the same nets (MLP 784-256-128-10, LeNet-5, ReLU),
Adam(lr=1e-3), CrossEntropyLoss, Fashion-MNIST uploaded to the device once, one epoch per batch
size (64, 256, 1024) after 20 warm-up steps. TF32 off, so both sides do FP32 products.
Prints 'torch <name> <samples/s> samples/s epoch <s> s'. Exits 0 with a note when torch has no CUDA.
"""
import argparse
import gzip
import time

import numpy as np
import torch
import torch.nn as nn


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = ap.parse_args()
    if not torch.cuda.is_available():
        print("torch: no CUDA in this PyTorch build or no device; PyTorch column left empty")
        return
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda")
    print("torch", torch.__version__, "on", torch.cuda.get_device_name(0))
    x = torch.from_numpy(read_idx(args.data + "/train-images-idx3-ubyte.gz").astype(np.float32)
                         / 255.0).reshape(-1, 1, 28, 28).to(dev)
    y = torch.from_numpy(read_idx(args.data + "/train-labels-idx1-ubyte.gz").astype(np.int64)).to(dev)
    n = x.shape[0]
    for name, make in (("mlp", mlp), ("lenet5", lenet5)):
        for batch in (64, 256, 1024):
            torch.manual_seed(0)
            net = make().to(dev)
            opt = torch.optim.Adam(net.parameters(), lr=1e-3)
            loss_fn = nn.CrossEntropyLoss()
            batches = n // batch

            def step(i):
                b = i % batches
                opt.zero_grad(set_to_none=False)
                loss = loss_fn(net(x[b * batch:(b + 1) * batch]), y[b * batch:(b + 1) * batch])
                loss.backward()
                opt.step()
                return loss

            for i in range(20):
                step(i)
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            for i in range(batches):
                loss = step(20 + i)
            torch.cuda.synchronize()
            s = time.perf_counter() - t0
            print(f"torch {name}_b{batch:<6} {batches * batch / s:12.0f} samples/s  epoch {s:8.3f} s  "
                  f"loss {loss.item():.3f}", flush=True)


if __name__ == "__main__":
    main()
