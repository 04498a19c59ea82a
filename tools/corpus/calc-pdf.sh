#!/usr/bin/env bash
# A form kept in a spreadsheet, printed by LibreOffice Calc: the DOCX laid
# out on one sheet by tools/corpus/docx2xlsx.py (merged cells, thin cell
# borders, gridlines off, fitted to the A4 width), converted with
# soffice --convert-to pdf (cell borders drawn as separate strokes per
# cell edge, text clipped to its cell, rows cut only at row edges).
# Needs libreoffice-calc, python3-openpyxl, fonts-noto-cjk.
# Usage: tools/corpus/calc-pdf.sh IN.docx OUT.pdf [XLSX_KEPT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
in=$1 out=$2 keep=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=$(basename "$in" .docx)
/usr/bin/python3 "$here/docx2xlsx.py" "$in" "$work/$name.xlsx"
(cd "$work" && soffice -env:UserInstallation="file://$work/profile" --headless \
   --convert-to pdf "$name.xlsx" >/dev/null 2>&1)
[[ -s "$work/$name.pdf" ]] || { echo "calc-pdf.sh: no PDF for $in" >&2; exit 1; }
cp "$work/$name.pdf" "$out"
[[ -n "$keep" ]] && cp "$work/$name.xlsx" "$keep"
exit 0
