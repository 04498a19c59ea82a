#!/usr/bin/env bash
# The producer matrix: PDFs of corpus forms made by other PDF producers
# and table styles than LibreOffice Writer's export, each with the expected
# JSON of the DOCX it came from (copied by expected-copy.py as
# PREFIX-NAME.json; corpus_test skips pages, boxes, origin, source, flags).
#   chrome-*  tools/corpus/docx2html.py + headless Chromium (html-pdf.sh),
#             one style per prefix (see STYLES below)
#   wk-*      docx2html.py + wkhtmltopdf (WenQuanYi Zen Hei: with Noto
#             CJK, Qt writes Kangxi radicals such as U+2F08 ⼈ for 人 in
#             the text layer, which is not the DOCX's text)
#   gs-*      Ghostscript pdfwrite re-writing corpus/pdf/NAME.pdf (the
#             LibreOffice export): fonts as Type 1C subsets, paths rewritten
#   cairo-*   pdftocairo -pdf re-writing corpus/pdf/NAME.pdf (cairo:
#             Type 1/TrueType subsets, every rule re-stroked by cairo)
#   calc-*    the form laid out on a spreadsheet (docx2xlsx.py) and printed
#             by LibreOffice Calc (calc-pdf.sh)
#   lo-*      the DOCX with every table border set to OPTIONS (w:sz and
#             a w:val style, docx-borders.py) and printed by LibreOffice
#             Writer: lo-hair 0.25 pt hairlines (real 0.25 pt strokes:
#             Chromium snaps its borders to whole device pixels),
#             lo-dotdash dash-dot borders (9 pt dashes 7 pt apart)
#   *-gaps    the DOCX with some indicator rows' borders removed
#             (docx-gaps.py: two of every three row borders under the
#             三级指标 header, vertically merged cells keep theirs), printed
#             by LibreOffice Writer (lo-gaps) or by Chromium from
#             docx2html.py --cell-borders (chrome-gaps): rows merged by a
#             missing border
# Every PDF is checked against its DOCX by producers-check.py (same
# characters, whitespace aside); the script stops on a difference.
# Deterministic apart from the producers' own dates and ids.
# Needs chromium, wkhtmltopdf, ghostscript, poppler-utils,
# libreoffice-writer, libreoffice-calc, python3-openpyxl, fonts-noto-cjk,
# fonts-wqy-zenhei.
# Usage: tools/corpus/producers.sh [PREFIX...]   (default: the whole matrix)
#        XLSX_DIR=dir tools/corpus/producers.sh calc   also keeps the .xlsx
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# prefix | engine | docx2html options | source forms
MATRIX='
chrome-tight |chromium|--collapse collapse --border "1px solid" --padding "2px 3px" --font-size 9pt --line-height 1.15|seed002-hengdong variant-county-template variant-dept-national
chrome-half  |chromium|--collapse collapse --border "0.5px solid" --padding "3px 4px" --font-size 10.5pt|seed001-hengyang variant-county-multi
chrome-sep   |chromium|--collapse separate --spacing 2px --border "1px solid" --padding "6px 8px" --font-size 12pt|variant-two-horizons variant-sign-unit-columns
chrome-land  |chromium|--landscape --vertical --collapse collapse --border "1px solid" --padding "3px 5px" --font-size 10.5pt|variant-province-b variant-dept-income-expenditure
chrome-hair  |chromium|--collapse collapse --border "0.25pt solid" --padding "3px 4px" --font-size 10.5pt|variant-split-label-cells variant-dept-tasks-budget
chrome-dot   |chromium|--collapse collapse --border "1px dotted" --padding "2px 3px" --font-size 9pt|seed000-xiangyin variant-county-multi variant-dept-national
chrome-double|chromium|--collapse collapse --border "3px double" --padding "3px 4px" --font-size 10.5pt|variant-grid-before variant-two-horizons
chrome-shade |chromium|--font "Noto Serif CJK SC" --shade "#d9d9d9" --shade-rows 1 --border "1px solid" --padding "3px 4px" --font-size 10.5pt|seed003-shifeng
chrome-shade |chromium|--shade "#bfbfbf" --shade-rows 2 --border "1px solid" --padding "3px 4px" --font-size 10.5pt|variant-level-heading-rows
wk           |wk      |--keep-rows --font "WenQuanYi Zen Hei" --collapse collapse --border "1px solid" --padding "2px 4px" --font-size 10.5pt|seed000-xiangyin variant-level-heading-rows variant-county-multi
gs           |gs      ||seed003-shifeng variant-dept-income-expenditure
cairo        |cairo   ||seed004-yongning variant-continued-table variant-summary-b
calc         |calc    ||variant-county-template variant-dept-tasks-budget seed002-hengdong
lo-hair      |lo      |2|seed000-xiangyin variant-province-b variant-level-heading-rows
lo-dotdash   |lo      |4 dotDash|variant-dept-national variant-province-b variant-county-multi
lo-gaps      |lo-gaps ||variant-county-multi
chrome-gaps  |chromium-gaps|--cell-borders --collapse collapse --border "1px solid" --padding "2px 3px" --font-size 10.5pt|variant-county-multi
'

make_one() {  # prefix engine options name
  local prefix=$1 engine=$2 opts=$3 name=$4
  local docx="$root/corpus/docx/$name.docx" out="$root/corpus/pdf/$prefix-$name.pdf"
  if [[ "$engine" == *gaps ]]; then
    mkdir -p "$work/gaps"
    /usr/bin/python3 "$here/docx-gaps.py" "$docx" "$work/gaps/$prefix-$name.docx"
    docx="$work/gaps/$prefix-$name.docx"
    engine=${engine%-gaps}
  fi
  case "$engine" in
  chromium|wk)
    eval "/usr/bin/python3 \"$here/docx2html.py\" $opts \"$docx\" \"$work/$prefix-$name.html\""
    local land=0
    [[ "$opts" == *--landscape* ]] && land=1
    LANDSCAPE=$land "$here/html-pdf.sh" "$engine" "$work/$prefix-$name.html" "$out" 2>/dev/null ;;
  gs)
    gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="$out" "$root/corpus/pdf/$name.pdf" ;;
  cairo)
    pdftocairo -pdf "$root/corpus/pdf/$name.pdf" "$out" ;;
  lo)
    mkdir -p "$work/lo-$prefix"
    if [[ -n "$opts" ]]; then
      # shellcheck disable=SC2086  # OPTIONS: SZ [STYLE]
      /usr/bin/python3 "$here/docx-borders.py" "$docx" "$work/lo-$prefix/$prefix-$name.docx" $opts
    else
      cp "$docx" "$work/lo-$prefix/$prefix-$name.docx"
    fi
    (cd "$work/lo-$prefix" && soffice -env:UserInstallation="file://$work/profile" --headless \
       --convert-to pdf "$prefix-$name.docx" >/dev/null 2>&1)
    [[ -s "$work/lo-$prefix/$prefix-$name.pdf" ]] || { echo "producers.sh: no PDF for $prefix-$name" >&2; exit 1; }
    cp "$work/lo-$prefix/$prefix-$name.pdf" "$out" ;;
  calc)
    local keep=
    [[ -n "${XLSX_DIR:-}" ]] && keep="$XLSX_DIR/$name.xlsx"
    "$here/calc-pdf.sh" "$docx" "$out" $keep ;;
  esac
  /usr/bin/python3 "$here/producers-check.py" "$docx" "$out" >/dev/null ||
    { /usr/bin/python3 "$here/producers-check.py" "$docx" "$out" >&2; exit 1; }
  "$here/expected-copy.py" "$root/corpus/expected/$name.json" \
    "$root/corpus/expected/$prefix-$name.json" "$prefix-$name.pdf"
  echo "wrote corpus/pdf/$prefix-$name.pdf"
}

while IFS='|' read -r prefix engine opts names; do
  prefix=${prefix// /} engine=${engine// /}
  [[ -z "$prefix" ]] && continue
  if (($#)); then
    want=0
    for p in "$@"; do [[ "$p" == "$prefix" ]] && want=1; done
    ((want)) || continue
  fi
  for name in $names; do make_one "$prefix" "$engine" "$opts" "$name"; done
done <<< "$MATRIX"
