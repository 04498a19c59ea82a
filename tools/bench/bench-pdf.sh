#!/usr/bin/env bash
# Pages per second of `declx extract` on the corpus PDFs, on one core,
# next to `pdftotext -bbox-layout` on the same files in the same run
# (poppler's own text extraction with word boxes, and nothing else: the
# floor a poppler-based reader cannot beat). Best of R runs each; the
# ratio is declx's time over pdftotext's.
# Usage: tools/bench/bench-pdf.sh [BUILD_DIR] [RUNS] [PDF_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
runs=${2:-3}
src=${3:-$root/corpus/pdf}
declx=$build/declx
files=("$src"/*.pdf)
pages=0
for f in "${files[@]}"; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
. "$root/tools/bench/bench-lib.sh"
pdftotext_all() {
  for f in "${files[@]}"; do pdftotext -bbox-layout "$f" /dev/null; done
}
export -f pdftotext_all 2>/dev/null || true
t_declx=$(best taskset -c 0 "$declx" -q extract "${files[@]}")
t_floor=$(best taskset -c 0 bash -c "$(declare -f pdftotext_all); files=($(printf '%q ' "${files[@]}")); pdftotext_all")
printf 'files: %d, pages: %d, best of %d runs, one core\n' "${#files[@]}" "$pages" "$runs"
printf 'declx extract:            %.3f s  %6.1f pages/s\n' "$t_declx" "$(echo "$pages / $t_declx" | bc -l)"
printf 'pdftotext -bbox-layout:   %.3f s  %6.1f pages/s\n' "$t_floor" "$(echo "$pages / $t_floor" | bc -l)"
printf 'ratio declx/pdftotext:    %.2f\n' "$(echo "$t_declx / $t_floor" | bc -l)"
