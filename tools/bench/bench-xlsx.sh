#!/usr/bin/env bash
# shellcheck disable=SC2034 # ex, ed, rx, rd: best_pair reads them by name
# XLSX against DOCX, per form, in the same run: the workbooks of
# corpus/xlsx/ and the DOCX files they were made from (the same forms),
# each set copied N times into a temporary directory and read in one
# process pinned to CPU 0, best of R runs (default 10: on a shared
# machine 5 left the reading alone 20 % apart from run to run), the
# XLSX and DOCX runs alternated so that both meet the same load (the
# best CPU time of each is printed too): by
# `declx extract` (the whole pipeline) and by bench_read (the document
# model alone: unzip, XML, cells, tables). A ratio below 1 means XLSX
# is read faster per form.
# Usage: tools/bench/bench-xlsx.sh [BUILD_DIR] [COPIES] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target bench_read bench_floor > /dev/null
copies=${2:-20}
runs=${3:-10}
declx=$build/declx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/xlsx" "$tmp/docx"
for i in $(seq 1 "$copies"); do
  for f in "$root"/corpus/xlsx/*.xlsx; do
    name=$(basename "$f" .xlsx)
    src=${name#xlsx-}
    src=${src#sheets-}
    src=${src#plain-}
    cp "$f" "$tmp/xlsx/$i-$name.xlsx"
    cp "$root/corpus/docx/$src.docx" "$tmp/docx/$i-$name.docx"
  done
done
. "$root/tools/bench/bench-lib.sh"
forms() { # declarations in the files' output
  "$declx" -q -c extract "$@" | /usr/bin/python3 -c \
    'import json,sys; print(sum(len(json.loads(l)["declarations"]) for l in sys.stdin))'
}
n=$(ls "$tmp/xlsx" | wc -l)
fx=$(forms "$tmp"/xlsx/*)
fd=$(forms "$tmp"/docx/*)
ex=(taskset -c 0 "$declx" -q extract "$tmp"/xlsx/*)
ed=(taskset -c 0 "$declx" -q extract "$tmp"/docx/*)
rx=(taskset -c 0 "$build/bench_read" "$tmp"/xlsx/*)
rd=(taskset -c 0 "$build/bench_read" "$tmp"/docx/*)
read -r t_x t_d c_x c_d < <(best_pair ex ed)
read -r r_x r_d q_x q_d < <(best_pair rx rd)
fl_x=(taskset -c 0 "$build/bench_floor" "$tmp"/xlsx/*)
fl_d=(taskset -c 0 "$build/bench_floor" "$tmp"/docx/*)
read -r f_x f_d _ _ < <(best_pair fl_x fl_d)
printf 'files: %d XLSX and %d DOCX (corpus/xlsx and their sources x %d), forms %d and %d, best of %d runs, one core\n' \
  "$n" "$n" "$copies" "$fx" "$fd" "$runs"
printf 'declx extract XLSX:  %.3f s  %7.0f files/s  %7.0f forms/s\n' "$t_x" \
  "$(echo "$n / $t_x" | bc -l)" "$(echo "$fx / $t_x" | bc -l)"
printf 'declx extract DOCX:  %.3f s  %7.0f files/s  %7.0f forms/s\n' "$t_d" \
  "$(echo "$n / $t_d" | bc -l)" "$(echo "$fd / $t_d" | bc -l)"
printf 'model alone XLSX:    %.3f s  %7.0f forms/s\n' "$r_x" "$(echo "$fx / $r_x" | bc -l)"
printf 'model alone DOCX:    %.3f s  %7.0f forms/s\n' "$r_d" "$(echo "$fd / $r_d" | bc -l)"
printf 'floor XLSX (unzip+parse sheets and shared strings): %.3f s, declx/floor %.2f, model/floor %.2f\n' \
  "$f_x" "$(echo "$t_x / $f_x" | bc -l)" "$(echo "$r_x / $f_x" | bc -l)"
printf 'floor DOCX (unzip+parse word/document.xml):         %.3f s, declx/floor %.2f, model/floor %.2f\n' \
  "$f_d" "$(echo "$t_d / $f_d" | bc -l)" "$(echo "$r_d / $f_d" | bc -l)"
printf 'ratio XLSX/DOCX per form: extract %.2f, model alone %.2f\n' \
  "$(echo "($t_x / $fx) / ($t_d / $fd)" | bc -l)" "$(echo "($r_x / $fx) / ($r_d / $fd)" | bc -l)"
# CPU time (user and system) beside the wall time: on a shared machine
# the wall time also holds the waits for a core that other jobs hold
printf 'CPU time XLSX/DOCX per form: extract %.2f (%.3f s, %.3f s), model alone %.2f (%.3f s, %.3f s)\n' \
  "$(echo "($c_x / $fx) / ($c_d / $fd)" | bc -l)" "$c_x" "$c_d" \
  "$(echo "($q_x / $fx) / ($q_d / $fd)" | bc -l)" "$q_x" "$q_d"
