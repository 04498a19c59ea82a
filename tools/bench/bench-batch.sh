#!/usr/bin/env bash
# Batch throughput: `declx batch` on copies of the corpus, per format,
# with -j 1 and -j 2, next to floors measured in the same run on the same
# files (DOCX: bench_floor, unzip + libxml2 parse only; PDF: pdftotext
# -bbox-layout; scans: tesseract on the page images), the peak RSS of one
# worker (the largest over the corpus files, one `declx extract` each,
# and of a worker reading the whole corpus), and scaling over 10, 100,
# 1000 and 10 000 DOCX files (time should grow linearly). DOCX runs take
# a second: they use DOCX_COPIES copies (default 10) and the best of
# DOCX_RUNS runs (default 5), so that neither the batch's start (~30 ms:
# rules compiled, workers forked) nor one run on the shared cores decides.
# Usage: [DOCX_COPIES=N] [DOCX_RUNS=R] tools/bench/bench-batch.sh [BUILD_DIR] [COPIES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target bench_floor > /dev/null
copies=${2:-5}
docx_copies=${DOCX_COPIES:-10}
docx_runs=${DOCX_RUNS:-5}
runs=1
declx=$build/declx
. "$root/tools/bench/bench-lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docx" "$tmp/pdf"
for i in $(seq 1 "$docx_copies"); do
  for f in "$root"/corpus/docx/*.docx; do cp "$f" "$tmp/docx/$i-$(basename "$f")"; done
done
for i in $(seq 1 "$copies"); do
  for f in "$root"/corpus/pdf/*.pdf; do cp "$f" "$tmp/pdf/$i-$(basename "$f")"; done
done
nd=$(ls "$tmp/docx" | wc -l)
np=$(ls "$tmp/pdf" | wc -l)
pages=0
for f in "$root"/corpus/pdf/*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
pages=$((pages * copies))
rate() { echo "$1 / $2" | bc -l; }
printf 'corpus x %d: %d DOCX (best of %d runs); corpus x %d: %d PDF (%d pages)\n' \
  "$docx_copies" "$nd" "$docx_runs" "$copies" "$np" "$pages"
runs=$docx_runs
for j in 1 2; do
  t=$(best "$declx" batch -q -j "$j" "$tmp/docx")
  printf 'DOCX batch -j %d:  %7.3f s  %7.1f files/s  %7.1f files/s per worker\n' "$j" "$t" \
    "$(rate "$nd" "$t")" "$(rate "$nd" "($t * $j)")"
done
t=$(best taskset -c 0 "$build/bench_floor" "$tmp"/docx/*.docx)
printf 'DOCX floor (unzip+parse, one core): %7.3f s  %7.1f files/s\n' "$t" "$(rate "$nd" "$t")"
runs=1
for j in 1 2; do
  t=$(best "$declx" batch -q -j "$j" "$tmp/pdf")
  printf 'PDF batch -j %d:   %7.3f s  %7.1f files/s  %6.1f pages/s\n' "$j" "$t" "$(rate "$np" "$t")" \
    "$(rate "$pages" "$t")"
done
t=$(best taskset -c 0 bash -c 'for f in "$0"/*.pdf; do pdftotext -bbox-layout "$f" /dev/null; done' "$tmp/pdf")
printf 'PDF floor (pdftotext -bbox-layout, one core): %7.3f s  %6.1f pages/s\n' "$t" "$(rate "$pages" "$t")"
# scans: declx (render, straighten, OCR, layout) against tesseract alone
# on the same page images (pdfimages), one thread, one core
mkdir -p "$tmp/scan" "$tmp/scanimg"
for i in $(seq 1 "$copies"); do
  for f in "$root"/corpus/scan/*.pdf; do cp "$f" "$tmp/scan/$i-$(basename "$f")"; done
done
ns=$(ls "$tmp/scan" | wc -l)
spages=0
for f in "$root"/corpus/scan/*.pdf; do spages=$((spages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
spages=$((spages * copies))
for j in 1 2; do
  t=$(best "$declx" batch -q -j "$j" "$tmp/scan")
  printf 'scan batch -j %d:  %7.3f s  %7.1f files/s  %6.2f pages/s\n' "$j" "$t" "$(rate "$ns" "$t")" \
    "$(rate "$spages" "$t")"
done
t=$(best "$declx" batch -q -j 1 --ocr-engine tesseract "$tmp/scan")
printf 'scan batch -j 1 --ocr-engine tesseract:  %7.3f s  %6.2f pages/s\n' "$t" "$(rate "$spages" "$t")"
# the page images as the scanner made them, at 200 dpi (a fax's 200 x 100
# dpi image too)
for f in "$tmp"/scan/*.pdf; do pdftoppm -r 200 -gray -png "$f" "$tmp/scanimg/$(basename "$f" .pdf)"; done
t=$(best taskset -c 0 env OMP_THREAD_LIMIT=1 bash -c \
  'for f in "$0"/*.png; do tesseract "$f" - -l chi_sim > /dev/null 2>&1; done' "$tmp/scanimg")
printf 'scan floor (tesseract on the page images, one core): %7.3f s  %6.2f pages/s\n' "$t" \
  "$(rate "$spages" "$t")"
peak=0 peak_file=""
for f in "$root"/corpus/docx/*.docx "$root"/corpus/pdf/*.pdf "$root"/corpus/scan/*.pdf; do
  kb=$( { /usr/bin/time -f '%M' "$declx" -q extract "$f" > /dev/null; } 2>&1 | tail -1)
  if [ "$kb" -gt "$peak" ]; then peak=$kb; peak_file=$(basename "$f"); fi
done
printf 'peak RSS of one file alone: %.1f MB (%s)\n' "$(echo "$peak / 1024" | bc -l)" "$peak_file"
# a persistent worker reads file after file: its peak over the whole
# corpus (GNU time's maximum covers the batch's processes, workers too)
kb=$( { /usr/bin/time -f '%M' "$declx" batch -q -j 1 "$tmp/docx" "$tmp/pdf" "$tmp/scan" > /dev/null; } 2>&1 | tail -1)
printf 'peak RSS of a worker over the corpus x %d (-j 1): %.1f MB\n' "$copies" "$(echo "$kb / 1024" | bc -l)"
mkdir -p "$tmp/scale"
small=$root/corpus/docx/variant-county-template.docx
for n in 10 100 1000 10000; do
  rm -f "$tmp"/scale/*
  for i in $(seq 1 "$n"); do cp "$small" "$tmp/scale/$i.docx"; done
  t=$(best "$declx" batch -q -j 2 "$tmp/scale")
  printf 'scaling: %5d files  %7.3f s  %8.2f ms/file\n' "$n" "$t" "$(echo "$t * 1000 / $n" | bc -l)"
done
