#!/usr/bin/env bash
# Installs, builds, and runs declx over the bundled corpus: one JSON file
# per document in out/corpus/, and a one-line summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh"
"$root/tools/build.sh" "$root/build"
out="$root/out/corpus"
mkdir -p "$out"
files=0 failed=0 decls=0
for f in "$root"/corpus/docx/*.docx; do
  files=$((files + 1))
  name=$(basename "${f%.*}")
  if "$root/build/declx" extract "$f" > "$out/$name.json"; then
    n=$(grep -c '"form":' "$out/$name.json" || true)
    decls=$((decls + n))
  else
    failed=$((failed + 1))
    rm -f "$out/$name.json"
  fi
done
echo "declx: wrote $out/ — $files files, $decls declarations, $failed failed"
