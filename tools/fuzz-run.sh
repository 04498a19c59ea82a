#!/usr/bin/env bash
# Runs one libFuzzer target for a while on a working corpus seeded from
# tests/fuzz/corpus/<target>. Crashes land in ARTIFACTS; add each fixed
# one to tests/fuzz/corpus/<target>/ so CI replays it.
# Usage: tools/fuzz-run.sh TARGET SECONDS [WORK_DIR] [BUILD_DIR]
#   build first: CC=clang cmake -S . -B build-fuzz -DDX_FUZZ=ON -DCMAKE_BUILD_TYPE=Asan
#                cmake --build build-fuzz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$1
secs=$2
work=${3:-/tmp/dx-fuzz}
build=${4:-$root/build-fuzz}
mkdir -p "$work/$target" "$work/artifacts"
# fontconfig keeps its configuration for the process's life (PDF fonts):
# not a leak of ours (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# -rss_limit_mb and -timeout: a slow or fat input is a finding too.
exec "$build/tests/fuzz/fuzz_$target" "$work/$target" "$root/tests/fuzz/corpus/$target" \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
  -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1
