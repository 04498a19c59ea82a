#!/usr/bin/env bash
# PDFs of the corpus DOCX files, printed by LibreOffice (vector rules,
# CJK as embedded subsets, Wingdings checkboxes as private-use codes in a
# substitute font, rows split across pages). A PDF of a corpus DOCX has
# the DOCX's expected JSON: corpus_test skips where things are (pages,
# boxes, origin), the source's name and format, and flags.
# Needs libreoffice-writer and fonts-noto-cjk. Writes corpus/pdf/NAME.pdf.
#
# Left out, because the printed page does not say what the DOCX says:
#   variant-nested-table     LibreOffice 7.4 clips the nested table's last
#                            column (the indicator values) at the cell edge
#   variant-tracked-changes  LibreOffice prints tracked deletions as
#                            struck-through text
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
skip=" variant-nested-table variant-tracked-changes "
mkdir -p "$root/corpus/pdf" "$work/in"
for f in "$root"/corpus/docx/*.docx; do
  name=$(basename "$f" .docx)
  [[ "$skip" == *" $name "* ]] && continue
  cp "$f" "$work/in/"
done
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
  --outdir "$work/out" "$work"/in/*.docx >/dev/null 2>&1
for f in "$work"/out/*.pdf; do
  cp "$f" "$root/corpus/pdf/"
  echo "wrote corpus/pdf/$(basename "$f")"
done
