#!/usr/bin/env bash
# Throughput of `declx extract` on the corpus DOCX files, on one core.
# The corpus is copied N times into a temporary directory and extracted
# in one process (pinned to CPU 0), best of R runs; reported next to a
# floor measured in the same run on the same files: bench_floor, which
# inflates word/document.xml with libzip and parses it with libxml2 and
# does nothing else, so the ratio means something on any machine.
# Usage: tools/bench/bench-docx.sh [BUILD_DIR] [COPIES] [RUNS] [DOCX_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target bench_floor > /dev/null
copies=${2:-20}
runs=${3:-5}
src=${4:-$root/corpus/docx}
declx=$build/declx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for i in $(seq 1 "$copies"); do
  for f in "$src"/*.docx; do
    cp "$f" "$tmp/$i-$(basename "$f")"
    n=$((n + 1))
  done
done
. "$root/tools/bench/bench-lib.sh"
# Files differ tenfold in size (LibreOffice's XML is three times Word's
# for the same form), so the rate per MB of document.xml is printed too.
xml_bytes=0
for f in "$src"/*.docx; do
  xml_bytes=$((xml_bytes + $(unzip -p "$f" word/document.xml 2>/dev/null | wc -c)))
done
mb=$(echo "$xml_bytes * $copies / 1048576" | bc -l)
t_declx=$(best taskset -c 0 "$declx" -q extract "$tmp"/*.docx)
t_floor=$(best taskset -c 0 "$build/bench_floor" "$tmp"/*.docx)
printf 'files: %d (corpus x %d, %.1f MB of document.xml), best of %d runs, one core\n' \
  "$n" "$copies" "$mb" "$runs"
printf 'declx extract:         %.3f s  %7.0f files/s  %6.1f MB/s\n' "$t_declx" \
  "$(echo "$n / $t_declx" | bc -l)" "$(echo "$mb / $t_declx" | bc -l)"
printf 'floor (unzip+parse):   %.3f s  %7.0f files/s  %6.1f MB/s\n' "$t_floor" \
  "$(echo "$n / $t_floor" | bc -l)" "$(echo "$mb / $t_floor" | bc -l)"
printf 'ratio declx/floor:     %.2f\n' "$(echo "$t_declx / $t_floor" | bc -l)"
