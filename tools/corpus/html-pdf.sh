#!/usr/bin/env bash
# Prints an HTML page (from tools/corpus/docx2html.py) to PDF with another
# engine than LibreOffice:
#   chromium  headless Chromium (Skia: CJK as Type 3 fonts, @page size and
#             margins from the page's CSS, no header or footer)
#   wk        wkhtmltopdf (Qt WebKit: CJK as embedded TrueType subsets,
#             A4, its own 10 mm margins; LANDSCAPE=1 for -O Landscape)
# Needs chromium or wkhtmltopdf, and fonts-noto-cjk.
# Usage: tools/corpus/html-pdf.sh chromium|wk IN.html OUT.pdf
set -euo pipefail
engine=$1 in=$2 out=$3
in=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
case "$engine" in
chromium)
  prof=$(mktemp -d)
  trap 'rm -rf "$prof"' EXIT
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --no-pdf-header-footer \
    --user-data-dir="$prof" --print-to-pdf="$out" "file://$in" >/dev/null 2>&1 ;;
wk)
  orient=Portrait
  [[ "${LANDSCAPE:-0}" == 1 ]] && orient=Landscape
  wkhtmltopdf --quiet -s A4 -O "$orient" --encoding utf-8 "$in" "$out" ;;
*) echo "unknown engine $engine" >&2; exit 2 ;;
esac
[[ -s "$out" ]] || { echo "html-pdf.sh: no PDF written for $in" >&2; exit 1; }
