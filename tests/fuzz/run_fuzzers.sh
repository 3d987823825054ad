#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60), starting from the committed seeds in
# tests/fuzz/corpus/<name> plus a working corpus kept in BUILD/fuzz-work/<name> (grown between
# runs; the committed seeds are never written). Crashes land in BUILD/fuzz-work/artifacts.
#   tests/fuzz/run_fuzzers.sh SECONDS BUILD_DIR [TARGET...]
# Prints one line per target (executions, corpus size, result); exit status 1 on any finding.
set -uo pipefail
seconds=${1:-60}
build=${2:-build-asan}
shift 2 || shift $#
root=$(cd "$(dirname "$0")/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(idx csv project weights lesson onnx)
work="$build/fuzz-work"
mkdir -p "$work/artifacts"
status=0
for t in "${targets[@]}"; do
  exe="$build/bin/fuzz_$t"
  [ -x "$exe" ] || { echo "fuzz_$t: not built ($exe)" >&2; status=1; continue; }
  mkdir -p "$work/$t"
  log="$work/$t.log"
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" \
    "$work/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "$work/$t" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    result="no findings"
  else
    result="FINDING (exit $rc): $(grep -m1 -E 'ERROR: |runtime error|terminate called|deadly signal' "$log")"
    status=1
  fi
  printf 'fuzz_%-8s %6ss  %10s executions  corpus %5s  %s\n' "$t" "$seconds" "${execs:-?}" \
    "$corpus" "$result"
done
exit $status
