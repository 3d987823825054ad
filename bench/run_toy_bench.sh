#!/bin/sh
# Toy benchmark: our engine vs PyTorch on the same Playground workload (2-8-8-1 Tanh, 250 spiral
# points, batch 10, SGD lr 0.03, MSELoss), one core each, in one run; prints the ratio.
# Usage: bench/run_toy_bench.sh [build-dir]     Build first: cmake --build build --target bp_toy_bench
set -eu
# PyTorch at its best: Debian's torch uses whatever libblas.so.3 the alternatives point to; the
# reference BLAS (libblas3) is 10x slower than OpenBLAS. Both sides get the same allocator
# setting (our apps call mallopt at start-up; PyTorch gets the MALLOC_* environment).
if ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q '^Value:.*openblas'; then
  echo "warning: libblas.so.3 is not OpenBLAS: PyTorch will be far below its best" >&2
  echo "         (install it: apt-get install libopenblas0-pthread)" >&2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
e=$("$build/bin/bp_toy_bench" 4000)
echo "$e"
t=$(env -u OPENBLAS_CORETYPE MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TOP_PAD_=67108864 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/pytorch_toy_bench.py" 200 1)
echo "$t"
es=$(echo "$e" | sed -n 's/.*SGD: \([0-9]*\) samples.*/\1/p')
ts=$(echo "$t" | sed -n 's/.*SGD: \([0-9]*\) samples.*/\1/p')
awk -v e="$es" -v t="$ts" 'BEGIN { printf "ratio engine/pytorch: %.1fx (goal: >= 5,000,000 samples/s for the engine)\n", e / t }'
