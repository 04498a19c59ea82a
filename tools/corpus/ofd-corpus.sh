#!/usr/bin/env bash
# The OFD corpus (corpus/ofd/): OFDs written by ofdgen.py from the
# LibreOffice PDFs of corpus forms, one variant of the generator each, with
# the expected JSON of the form copied as VARIANT-NAME.json (format "ofd";
# corpus_test compares them as PDFs: pages, boxes, origin, source and flags
# aside). scan:NAME makes scan-NAME.ofd of corpus/scan/scan-NAME.pdf (its
# pages' images alone, read by OCR), which shares that PDF's expected
# JSON. Needs python3-pdfminer and poppler-utils (Debian's).
# Usage: tools/corpus/ofd-corpus.sh [VARIANT:NAME...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3 # Debian's, with python3-pdfminer
if [ $# -eq 0 ]; then
  set -- plain:seed003-shifeng tpl:seed004-yongning ctm:variant-county-multi \
    deltax:seed000-xiangyin glyphs:variant-dept-national layers:variant-continued-table \
    plain:variant-formcheckbox tpl:variant-county-template ctm:variant-two-horizons \
    deltax:variant-wingdings2-sym glyphs:variant-side-by-side-funds layers:variant-province-b \
    scan:variant-two-horizons
fi
mkdir -p "$root/corpus/ofd"
for spec in "$@"; do
  kind=${spec%%:*} name=${spec#*:}
  out="$kind-$name"
  if [ "$kind" = scan ]; then
    "$py" "$root/tools/corpus/ofdgen.py" scan "$root/corpus/scan/$out.pdf" "$root/corpus/ofd/$out.ofd"
    echo "wrote corpus/ofd/$out.ofd"
    continue
  fi
  "$py" "$root/tools/corpus/ofdgen.py" "$kind" "$root/corpus/pdf/$name.pdf" "$root/corpus/ofd/$out.ofd"
  "$py" "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$name.json" \
    "$root/corpus/expected/$out.json" "$out.ofd"
  echo "wrote corpus/ofd/$out.ofd"
done
