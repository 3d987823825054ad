#!/bin/sh
# The GPU benchmark in one run: our CPU engine and our CUDA engine (bp_gpu_bench), then PyTorch on
# the same GPU when the device machine's PyTorch has CUDA. Prints the device, then one line per
# backend, network and batch size (64, 256, 1024). Record the output in bench/RESULTS.md.
# Usage: bench/run_gpu_bench.sh [build-dir] [cpu-steps]
# Build first: cmake --build build --target bp_gpu_bench bp_cuda_backend
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build"}
cpu_steps=${2:-200}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) vCPU"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
fi
BP_CUDA_MODULE="$build/bin/libbp_cuda_backend.so" "$build/bin/bp_gpu_bench" --cpu-steps "$cpu_steps"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$here/pytorch_gpu_bench.py"
else
  echo "torch: not installed on this machine; PyTorch column left empty"
fi
