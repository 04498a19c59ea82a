#!/usr/bin/env bash
# A second PDF producer: LibreOffice writes corpus DOCX files as HTML and
# headless Chromium prints them (Skia: CJK as Type 3 fonts, borders of
# separate cells drawn side by side, rows cut by page breaks left open,
# spanning cells drawn as bare vertical lines on the pages they continue
# on). The expected JSON is the DOCX's (corpus_test skips pages, boxes,
# origin, source and flags), copied as chromium-NAME.json.
# Needs libreoffice-writer, chromium, fonts-noto-cjk.
# Usage: tools/corpus/chromium-pdf.sh NAME...   (corpus/docx/NAME.docx)
#
# No Wingdings font is installed here: Chromium would print every
# Wingdings checkbox as the same blank box, so the HTML gets the checkbox
# characters (☑ ☐) instead, as a form typed with them would have.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "$@"; do cp "$root/corpus/docx/$name.docx" "$work/"; done
(cd "$work" && soffice -env:UserInstallation="file://$work/profile" --headless \
   --convert-to html ./*.docx >/dev/null 2>&1)
for name in "$@"; do
  python3 - "$work/$name.html" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8', errors='surrogateescape').read()
on = '\uf0fe\uf0fd\uf078\uf0fc\uf06e\uf052\uf053\uf054\uf050'
off = '\uf0a8\uf06f\uf071\uf0a3\uf02a\uf0a2'
s = ''.join('\u2611' if c in on else '\u2610' if c in off else c for c in s)
open(p, 'w', encoding='utf-8', errors='surrogateescape').write(s)
PY
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --no-pdf-header-footer \
    --print-to-pdf="$root/corpus/pdf/chromium-$name.pdf" "$work/$name.html" >/dev/null 2>&1
  "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$name.json" "$root/corpus/expected/chromium-$name.json" "chromium-$name.pdf"
  echo "wrote corpus/pdf/chromium-$name.pdf"
done
