#!/bin/sh
# Runs the engine benchmark and its PyTorch peer one after the other and prints each pair with
# the ratio engine / torch. Usage: bench/run_bench.sh [build-dir]   (default: build)
# Build first: cmake --build build --target bp_bench
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
engine=$(mktemp)
torch=$(mktemp)
trap 'rm -f "$engine" "$torch"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU"
"$build/bin/bp_bench" | tee "$engine"
# PyTorch at its best: OpenBLAS sees the real CPU (no Haswell override), best of 1 and 2 threads.
env -u OPENBLAS_CORETYPE /usr/bin/python3 "$here/pytorch_bench.py" | tee "$torch"
echo
echo "config        engine/s    torch/s   ratio"
for name in lenet5_b64 mlp_b64 mlp_b256; do
  e=$(awk -v n="$name" '$1 == "engine" && $2 == n { print $3 }' "$engine")
  t=$(awk -v n="$name" '$1 == "torch" && $2 == n { print $3 }' "$torch")
  if [ -n "$e" ] && [ -n "$t" ]; then
    awk -v n="$name" -v e="$e" -v t="$t" 'BEGIN { printf "%-12s %9.0f %10.0f   %.2fx\n", n, e, t, e / t }'
  fi
done
