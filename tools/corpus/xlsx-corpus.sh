#!/usr/bin/env bash
# The XLSX corpus (corpus/xlsx/): corpus DOCX forms laid out in
# workbooks by docx2xlsx.py, each with its DOCX's expected JSON
# (expected-copy.py: only the source's name and format change). What
# each file exercises is in its options: one form a sheet (--sheets,
# xlsx-sheets-*) or all of a file's forms on one sheet, shared strings
# with rich-text runs, numbers, percentages and dates as typed values
# under number formats (built-in and custom), formulas with cached
# results, the 1904 date system, a hidden column and a hidden row with
# text, Wingdings 2 checkboxes, and a sheet without borders
# (xlsx-plain-*: where the DOCX has a single-cell row at a table's top
# the workbook cannot say whether it is the table's, so such a row's
# values are found at another place; the values themselves are right).
# Needs python3-openpyxl (apt-get install python3-openpyxl); the files
# are committed and the tests do not run this.
# Usage: tools/corpus/xlsx-corpus.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/corpus/xlsx"
gen() {
  local out=$1 src=$2
  shift 2
  /usr/bin/python3 "$root/tools/corpus/docx2xlsx.py" "$@" "$root/corpus/docx/$src.docx" \
    "$root/corpus/xlsx/$out.xlsx"
  /usr/bin/python3 "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$src.json" \
    "$root/corpus/expected/$out.json" "$out.xlsx"
}
gen xlsx-seed000-xiangyin seed000-xiangyin --shared --typed
gen xlsx-sheets-seed001-hengyang seed001-hengyang --sheets --shared --typed --formulas
gen xlsx-seed002-hengdong seed002-hengdong --shared --typed --hidden-col 3 --hidden-row
gen xlsx-sheets-seed003-shifeng seed003-shifeng --sheets --shared --typed --date1904
gen xlsx-seed004-yongning seed004-yongning --typed --formulas
gen xlsx-variant-county-template variant-county-template --shared --typed
gen xlsx-variant-county-multi variant-county-multi --shared --typed --hidden-col 2
gen xlsx-variant-dept-national variant-dept-national --shared --typed
gen xlsx-variant-two-horizons variant-two-horizons --shared --typed --date1904
gen xlsx-sheets-variant-side-by-side-funds variant-side-by-side-funds --sheets --shared --typed
gen xlsx-variant-wingdings2-sym variant-wingdings2-sym --shared --wingdings --hidden-row
gen xlsx-variant-summary-b variant-summary-b --shared --typed
gen xlsx-variant-province-b variant-province-b --shared --typed --formulas
gen xlsx-variant-sign-unit-columns variant-sign-unit-columns --shared --typed
gen xlsx-plain-variant-county-multi variant-county-multi --no-borders --shared --typed
echo "$(ls "$root"/corpus/xlsx/*.xlsx | wc -l) workbooks in corpus/xlsx"
