"""PyTorch peer of toy_bench: 2-8-8-1 Tanh, 250 spiral points, batch 10, SGD(lr=0.03), MSELoss.
Prints samples/s. Run with /usr/bin/python3 (Debian's python3-torch)."""
import math
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
g = torch.Generator().manual_seed(1)
n = 250
t = torch.rand(n, generator=g) * 3 * math.pi
label = (torch.arange(n) % 2).float()
r = t / (3 * math.pi) * 5
ang = t + label * math.pi
x = torch.stack([r * torch.cos(ang), r * torch.sin(ang)], 1)
y = label.unsqueeze(1)
net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8),
                          torch.nn.Tanh(), torch.nn.Linear(8, 1), torch.nn.Tanh())
opt = torch.optim.SGD(net.parameters(), lr=0.03)
loss_fn = torch.nn.MSELoss()


def epoch():
    perm = torch.randperm(n, generator=g)
    for i in range(0, n, 10):
        idx = perm[i:i + 10]
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
    return loss.item()


epoch()
t0 = time.perf_counter()
for _ in range(epochs):
    last = epoch()
s = time.perf_counter() - t0
print(f"pytorch toy 2-8-8-1 tanh, 250 spiral points, batch 10, SGD: {epochs * n / s:.0f} samples/s "
      f"({1e6 * s / (epochs * n / 10):.2f} us/step), final batch loss {last:.4f}")
