#!/usr/bin/env bash
# Every corpus output validates against schema/declaration-v1.schema.json.
# Usage: schema_test.sh DECLX SOURCE_DIR [--no-scans]
# --no-scans (the sanitizer build: its output is the same, and reading
# scans again under ASan takes minutes) leaves out the scans.
set -euo pipefail
declx=$1
src=$2
# four scans of different scanners and the scanned OFDs: every scan's
# output is shaped by the same code, and corpus_scan reads them all
scans=("$src"/corpus/scan/scan-{fax80,photo2,sealgrey2,upside}-*.pdf "$src"/corpus/ofd/scan-*.ofd)
[ "${3:-}" = --no-scans ] && scans=()
ofds=()
for f in "$src"/corpus/ofd/*.ofd; do
  case "$(basename "$f")" in scan-*) ;; *) ofds+=("$f") ;; esac
done
# a converted legacy file of each kind, where LibreOffice is installed
# (their source.converted_by; corpus_legacy reads them all)
legacy=()
if command -v soffice > /dev/null; then
  for k in doc xls rtf odt ods; do
    f=$(ls "$src"/corpus/legacy/*."$k" | head -1)
    legacy+=("$f")
  done
fi
py=/usr/bin/python3 # Debian's, with python3-jsonschema
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$declx" -q -c extract "$src"/corpus/docx/*.docx "$src"/corpus/xlsx/*.xlsx "$src"/corpus/pdf/*.pdf "${ofds[@]}" \
  "${scans[@]}" "${legacy[@]}" > "$tmp/out.jsonl"
"$py" - "$src/schema/declaration-v1.schema.json" "$tmp/out.jsonl" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
n = bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    doc = json.loads(line)
    n += 1
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:5]:
        print("%s: %s: %s" % (doc["source"]["file"], "/".join(map(str, e.path)), e.message[:200]))
    bad += bool(errs)
# the image formats (corpus/image/ is read by corpus_image, not again
# here): a document as an image file would give it
if n:
    for fmt in ("jpeg", "png", "tiff"):
        doc["source"]["format"] = fmt
        n += 1
        errs = list(v.iter_errors(doc))
        for e in errs[:5]:
            print("format %s: %s: %s" % (fmt, "/".join(map(str, e.path)), e.message[:200]))
        bad += bool(errs)
print("%d passed, %d failed" % (n - bad, bad))
sys.exit(1 if bad or n == 0 else 0)
PY
