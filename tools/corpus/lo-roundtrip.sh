#!/usr/bin/env bash
# A second DOCX producer: LibreOffice reads some corpus files and writes
# them again as DOCX (its own table XML, checkboxes as Wingdings
# characters instead of w:sym, its own styles). The content is unchanged,
# so the expected JSON is the original's with the file name changed.
# Needs libreoffice-writer. Writes corpus/docx/lo-*.docx and
# corpus/expected/lo-*.json. (LibreOffice 7.4 duplicates content-control
# text, drops tracked row deletions and unanchored text boxes on the way:
# those variants are left out.)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in seed000-xiangyin seed003-shifeng seed004-yongning variant-county-template \
            variant-formcheckbox variant-w14-checkbox; do
  mkdir -p "$work/$name"
  cp "$root/corpus/docx/$name.docx" "$work/$name/lo-$name.docx"
  (cd "$work/$name" && soffice -env:UserInstallation="file://$work/profile" --headless \
     --convert-to 'docx:MS Word 2007 XML' --outdir out "lo-$name.docx" >/dev/null)
  cp "$work/$name/out/lo-$name.docx" "$root/corpus/docx/"
  "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$name.json" "$root/corpus/expected/lo-$name.json" "lo-$name.docx"
  echo "wrote lo-$name.docx"
done
