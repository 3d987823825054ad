#!/bin/sh
# Runs the engine benchmark and its PyTorch peer, config by config and alternating (so both see
# the same machine load), and prints each pair with the ratio engine / torch. Each number is the
# best of several runs. Usage: bench/run_bench.sh [build-dir] [rounds]   (defaults: build, 2)
# Build first: cmake --build build --target bp_bench
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
rounds=${2:-2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
for name in lenet5_b64 mlp_b64 mlp_b256; do
  r=0
  while [ "$r" -lt "$rounds" ]; do
    "$build/bin/bp_bench" --only "$name" --repeats 2 | tee -a "$log"
    # PyTorch at its best: OpenBLAS sees the real CPU (no Haswell override), 1 and 2 threads.
    env -u OPENBLAS_CORETYPE /usr/bin/python3 "$here/pytorch_bench.py" --only "$name" --repeats 2 | tee -a "$log"
    r=$((r + 1))
  done
done
echo
echo "config        engine/s    torch/s   ratio   (best of all runs)"
for name in lenet5_b64 mlp_b64 mlp_b256; do
  e=$(awk -v n="$name" '$1 == "engine" && $2 == n && $3 > m { m = $3 } END { print m }' "$log")
  t=$(awk -v n="$name" '$1 == "torch" && $2 == n && $3 > m { m = $3 } END { print m }' "$log")
  if [ -n "$e" ] && [ -n "$t" ]; then
    awk -v n="$name" -v e="$e" -v t="$t" 'BEGIN { printf "%-12s %9.0f %10.0f   %.2fx\n", n, e, t, e / t }'
  fi
done
