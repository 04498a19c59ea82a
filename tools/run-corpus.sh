#!/usr/bin/env bash
# Installs, builds, and runs declx over the bundled corpus (DOCX, XLSX,
# PDF and scans):
# one JSON file per document in out/corpus/ (NAME.docx.json, NAME.pdf.json),
# and a one-line summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh"
"$root/tools/build.sh" "$root/build"
out="$root/out/corpus"
mkdir -p "$out"
files=0 failed=0 decls=0
for f in "$root"/corpus/docx/*.docx "$root"/corpus/xlsx/*.xlsx "$root"/corpus/pdf/*.pdf \
  "$root"/corpus/scan/*.pdf; do
  files=$((files + 1))
  name=$(basename "$f") # seed000.docx.json and seed000.pdf.json
  if "$root/build/declx" extract "$f" > "$out/$name.json"; then
    n=$(grep -c '"form":' "$out/$name.json" || true)
    decls=$((decls + n))
  else
    failed=$((failed + 1))
    rm -f "$out/$name.json"
  fi
done
echo "declx: wrote $out/ — $files files, $decls declarations, $failed failed"
