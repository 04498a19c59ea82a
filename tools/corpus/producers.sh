#!/usr/bin/env bash
# The producer matrix: PDFs of corpus forms as other producers and other
# table styles make them, each with the expected JSON of the DOCX it came
# from (copied as PREFIX-NAME.json; corpus_test skips pages, boxes,
# origin, source and flags). Remakes every file of the matrix below.
#
#   chrome-*  headless Chromium printing hand-made HTML (docx2html.py, not
#             LibreOffice's export): Skia, CJK as Type 3 fonts
#     tight   border-collapse, 1px borders, padding 2px 3px, 9 pt: rows
#             shorter than the glyph boxes
#     half    0.5px borders
#     sep     border-collapse: separate, padding 6px 8px, 10.5 pt
#     hair    0.25pt hairlines
#     double  3px double borders
#     shade   first row of each table shaded #bfbfbf, 12 pt
#     dash    1px dashed borders
#     land    A4 landscape, 10.5 pt
#   wk-*      wkhtmltopdf (Qt WebKit) from the same HTML (its ToUnicode
#             maps name Kangxi radicals for some ideographs)
#   gs-*      Ghostscript re-distilling LibreOffice's PDF (pdfwrite)
#   cairo-*   pdftocairo -pdf re-rendering LibreOffice's PDF
#   calc-*    the form laid out in a spreadsheet (merged cells, thin
#             borders, gridlines off; openpyxl), exported by LibreOffice Calc
#
# Needs chromium, wkhtmltopdf, ghostscript, poppler-utils, python3-openpyxl,
# libreoffice-calc, fonts-noto-cjk. Usage: tools/corpus/producers.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tools/corpus
# Debian's python (python3-openpyxl), not another python first on PATH
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdf=$root/corpus/pdf
exp=$root/corpus/expected

chrome() { # html out.pdf
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --no-pdf-header-footer \
    --user-data-dir="$work/chrome" --print-to-pdf="$2" "$1" >/dev/null 2>&1
}

expect() { # name prefix
  "$here/expected-copy.py" "$exp/$1.json" "$exp/$2-$1.json" "$2-$1.pdf"
  echo "wrote corpus/pdf/$2-$1.pdf"
}

html() { # name prefix docx2html options...
  local name=$1 prefix=$2
  shift 2
  "$py" "$here/docx2html.py" "$root/corpus/docx/$name.docx" "$work/$prefix-$name.html" "$@"
}

# name, prefix, docx2html options
while read -r name prefix opts; do
  [ -z "$name" ] && continue
  # shellcheck disable=SC2086
  html "$name" "$prefix" $opts
  chrome "$work/$prefix-$name.html" "$pdf/$prefix-$name.pdf"
  expect "$name" "$prefix"
done <<'MATRIX'
seed000-xiangyin chrome-tight --font-size 9
variant-county-multi chrome-tight --font-size 9
variant-two-horizons chrome-tight --font-size 9
seed002-hengdong chrome-half --border 0.5px_solid_#000
variant-province-b chrome-half --border 0.5px_solid_#000
seed004-yongning chrome-sep --separate --padding 6px_8px --font-size 10.5
variant-dept-national chrome-sep --separate --padding 6px_8px --font-size 10.5
seed003-shifeng chrome-hair --border 0.25pt_solid_#000
variant-county-template chrome-hair --border 0.25pt_solid_#000
variant-summary-b chrome-double --border 3px_double_#000
variant-sign-unit-columns chrome-double --border 3px_double_#000
seed002-hengdong chrome-shade --shade #bfbfbf --font-size 12
variant-dept-income-expenditure chrome-shade --shade #bfbfbf --font-size 12
variant-county-multi chrome-dash --border 1px_dashed_#000
seed004-yongning chrome-land --landscape --font-size 10.5
variant-side-by-side-funds chrome-land --landscape --font-size 10.5
MATRIX

# wkhtmltopdf from hand-made HTML
while read -r name prefix opts; do
  [ -z "$name" ] && continue
  # shellcheck disable=SC2086
  html "$name" "$prefix" $opts
  orient=Portrait
  case "$opts" in *--landscape*) orient=Landscape ;; esac
  wkhtmltopdf --quiet -s A4 -O "$orient" --encoding utf-8 "$work/$prefix-$name.html" \
    "$pdf/$prefix-$name.pdf" >/dev/null 2>&1 || true
  expect "$name" "$prefix"
done <<'MATRIX'
seed000-xiangyin wk --font-size 10.5
variant-county-template wk --font-size 9
variant-two-horizons wk --font-size 10.5 --shade #d9d9d9
MATRIX

# LibreOffice's PDFs rewritten: fonts and content streams redone
for name in seed001-hengyang variant-province-b variant-dept-national; do
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="$pdf/gs-$name.pdf" "$pdf/$name.pdf"
  expect "$name" gs
done
for name in seed004-yongning variant-summary-b variant-level-heading-rows; do
  pdftocairo -pdf "$pdf/$name.pdf" "$pdf/cairo-$name.pdf"
  expect "$name" cairo
done

# Spreadsheets exported by LibreOffice Calc
mkdir -p "$work/calc"
for name in seed002-hengdong variant-county-template variant-two-horizons; do
  "$py" "$here/docx2html.py" "$root/corpus/docx/$name.docx" "$work/calc/$name.html" \
    --xlsx "$work/calc/calc-$name.xlsx"
  (cd "$work/calc" && soffice -env:UserInstallation="file://$work/lo" --headless \
     --convert-to pdf "calc-$name.xlsx" >/dev/null 2>&1)
  cp "$work/calc/calc-$name.pdf" "$pdf/calc-$name.pdf"
  expect "$name" calc
done
