#!/usr/bin/env bash
# The review's "done when" (issue 15): one scanned corpus form through
# declx extract, declx review and the browser (tests/review_scan_test.js
# corrects every value below 0.9 to the expected one with the keyboard),
# declx apply; then corpus_test --compare counts the facts as the corpus
# test does: all of them must be right. Exit 77 (skipped) without
# chromium or playwright-core (tools/install-deps.sh installs both).
# Usage: review_scan_test.sh DECLX CORPUS_TEST SOURCE_DIR FORM
set -u
declx=$1
corpus_test=$2
src=$3
form=$4
pw=${DX_PW_DIR:-/usr/local/share/declx/browser-test}/node_modules/playwright-core
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$pw" ] || ! command -v node >/dev/null; then
  echo "review_scan: skipped: needs $chromium, node and playwright-core in $pw (tools/install-deps.sh)"
  exit 77
fi
tmp=$(mktemp -d)
[ -n "${DX_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
expected="$src/corpus/expected/$form.json"
mkdir -p "$tmp/in"
cp "$src/corpus/scan/$form.pdf" "$tmp/in/"
(cd "$tmp/in" && "$declx" -q -c extract "./$form.pdf" > "$tmp/in.jsonl") || { echo "FAIL: extract"; exit 1; }
echo "before review:"
"$corpus_test" --compare scan "$expected" "$tmp/in.jsonl" | tail -1
(cd "$tmp/in" && "$declx" review -o "$tmp/site" "$tmp/in.jsonl") || { echo "FAIL: review"; exit 1; }
node "$src/tests/review_scan_test.js" "$pw" "$tmp/site" "$expected" "$tmp" "审核员 Reviewer" || exit 1
/usr/bin/python3 -c "
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
" "$tmp/corrections.json" "$src/schema/corrections-v1.schema.json" || { echo "FAIL: corrections against their schema"; exit 1; }
"$declx" apply "$tmp/corrections.json" "$tmp/in.jsonl" > "$tmp/out.jsonl" || { echo "FAIL: apply had conflicts"; exit 1; }
grep -q '审核员' "$tmp/out.jsonl" && { echo "FAIL: who written into the JSON"; exit 1; }
echo "after review:"
"$corpus_test" --compare scan "$expected" "$tmp/out.jsonl" || { echo "FAIL: facts not all right after review"; exit 1; }
