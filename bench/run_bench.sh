#!/bin/sh
# Runs the engine benchmark and its PyTorch peer, config by config and alternating (so both see
# the same machine load), and prints each pair with the ratio engine / torch. Each number is the
# best of several runs. Usage: bench/run_bench.sh [build-dir] [rounds] [torch-threads]
# (defaults: build, 2, "1,2"; on a busy machine "1" saves minutes: two threads lose there)
# Build first: cmake --build build --target bp_bench
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
rounds=${2:-2}
threads=${3:-1,2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
for name in lenet5_b64 mlp_b64 mlp_b256; do
  r=0
  while [ "$r" -lt "$rounds" ]; do
    "$build/bin/bp_bench" --only "$name" --repeats 2 --threads "$threads" | tee -a "$log"
    # PyTorch at its best: OpenBLAS sees the real CPU (no Haswell override) and runs one thread
    # of its own (its spinning threads hurt badly on a shared machine); torch intra-op 1 and 2.
    env -u OPENBLAS_CORETYPE MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TOP_PAD_=67108864 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/pytorch_bench.py" --only "$name" --repeats 2 --threads "$threads" | tee -a "$log"
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
