#!/usr/bin/env bash
# Scanned PDFs for corpus/scan/: corpus PDFs printed and scanned, as
# ../shared/notes/making-test-documents.md describes: each page rendered
# in grey at 200 dpi, turned a little (0.3-1.2 degrees, one way or the
# other), blurred, given noise, saved as JPEG quality 70 at 200 dpi, and
# the pages put back together as an image-only PDF (img2pdf) of the
# original's page size. Seeded: the same run gives the same files. The
# expected JSON is the source PDF's (tools/corpus/expected-copy.py).
# Usage: tools/corpus/scan-pdf.sh [NAME...]   (names in corpus/pdf/, no .pdf)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/corpus/scan
mkdir -p "$out"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(variant-county-template variant-two-horizons variant-summary-b
  variant-province-b variant-dept-national variant-formcheckbox seed002-hengdong)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed=7
for n in "${names[@]}"; do
  rm -f "$tmp"/*
  pdftoppm -r 200 -gray -png "$root/corpus/pdf/$n.pdf" "$tmp/p"
  k=0
  for p in "$tmp"/p-*.png; do
    seed=$((seed + 1))
    angle=$(awk -v s="$seed" 'BEGIN { srand(s); a = 0.3 + rand() * 0.9; if (rand() < 0.5) a = -a; printf "%.2f", a }')
    convert "$p" -seed "$seed" -background white -rotate "$angle" -gravity center \
      -extent "$(identify -format '%wx%h' "$p")" -blur 0x0.6 -attenuate 0.25 +noise Gaussian \
      -colorspace Gray -quality 70 -units PixelsPerInch -density 200 "${p%.png}.jpg"
    k=$((k + 1))
  done
  img2pdf --producer "" --nodate "$tmp"/p-*.jpg -o "$out/scan-$n.pdf"
  python3 "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$n.json" \
    "$root/corpus/expected/scan-$n.json" "scan-$n.pdf"
  echo "$n: $k pages -> corpus/scan/scan-$n.pdf"
done
