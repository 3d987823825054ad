#!/bin/sh
# Toy benchmark: our engine vs PyTorch on the same Playground workload (2-8-8-1 Tanh, 250 spiral
# points, batch 10, SGD lr 0.03, MSELoss), one core each, in one run; prints the ratio.
# Usage: bench/run_toy_bench.sh [build-dir]     Build first: cmake --build build --target bp_toy_bench
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
e=$("$build/bin/bp_toy_bench" 4000)
echo "$e"
t=$(env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/pytorch_toy_bench.py" 200 1)
echo "$t"
es=$(echo "$e" | sed -n 's/.*SGD: \([0-9]*\) samples.*/\1/p')
ts=$(echo "$t" | sed -n 's/.*SGD: \([0-9]*\) samples.*/\1/p')
awk -v e="$es" -v t="$ts" 'BEGIN { printf "ratio engine/pytorch: %.1fx (goal: >= 5,000,000 samples/s for the engine)\n", e / t }'
