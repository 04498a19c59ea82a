#!/usr/bin/env bash
# The declx command as a user meets it: exit codes, error lines, JSON
# Lines for several files, stdin, dump, and byte-identical output.
# Usage: cli_test.sh DECLX CORPUS_DIR
set -u
declx=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition (as a command)
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
good=$(ls "$corpus"/docx/seed00*.docx | head -1)
two=$(ls "$corpus"/docx/seed00*.docx | sed -n 2p)

"$declx" --help > "$tmp/help"; rc=$?
check "--help exits 0 and prints usage" '[ $rc -eq 0 ] && grep -q "Usage: declx extract" "$tmp/help"'
"$declx" --version > "$tmp/v"; rc=$?
check "--version" '[ $rc -eq 0 ] && grep -q "^declx " "$tmp/v"'
"$declx" frobnicate x 2> "$tmp/e"; rc=$?
check "unknown command exits 2" '[ $rc -eq 2 ] && grep -q "^declx: " "$tmp/e"'
"$declx" extract --no-such-option x 2> "$tmp/e"; rc=$?
check "unknown option exits 2" '[ $rc -eq 2 ]'

"$declx" extract "$tmp/missing.docx" > "$tmp/o" 2> "$tmp/e"; rc=$?
check "missing file: exit 1, one line naming the file" \
  '[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/e")" -eq 1 ] && grep -q "^declx: $tmp/missing.docx: " "$tmp/e" && [ ! -s "$tmp/o" ]'
: > "$tmp/empty.docx"
printf 'not a zip at all' > "$tmp/text.docx"
"$declx" extract "$good" "$tmp/empty.docx" "$two" "$tmp/text.docx" > "$tmp/o" 2> "$tmp/e"; rc=$?
check "batch: exit 1, the good files still written as JSON Lines" \
  '[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/o")" -eq 2 ] && [ "$(wc -l < "$tmp/e")" -eq 2 ]'
check "batch: each line is one JSON object" \
  'while read -r l; do printf "%s" "$l" | python3 -c "import json,sys; json.load(sys.stdin)" || exit 1; done < "$tmp/o"'
check "empty file reason" 'grep -q "empty.docx: empty file" "$tmp/e"'
"$declx" -q extract "$tmp/empty.docx" 2> "$tmp/e"; rc=$?
check "-q silences, exit status still 1" '[ $rc -eq 1 ] && [ ! -s "$tmp/e" ]'

"$declx" extract - < "$good" > "$tmp/stdin.json"; rc=$?
check "stdin" '[ $rc -eq 0 ] && grep -q "\"schema_version\": \"1\"" "$tmp/stdin.json"'
"$declx" extract "$good" > "$tmp/a.json"
"$declx" extract "$good" > "$tmp/b.json"
check "byte-identical across runs" 'cmp -s "$tmp/a.json" "$tmp/b.json"'
check "UTF-8 unescaped" 'grep -q "绩效" "$tmp/a.json" && ! grep -q "\\\\u7ee9" "$tmp/a.json"'
"$declx" dump "$good" > "$tmp/dump"; rc=$?
check "dump shows tables with spans" '[ $rc -eq 0 ] && grep -q "^TABLE 0:" "$tmp/dump" && grep -q " span " "$tmp/dump"'
"$declx" dump --json "$good" > "$tmp/dump.json"; rc=$?
check "dump --json is JSON with blocks" \
  '[ $rc -eq 0 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"blocks\"]" "$tmp/dump.json"'
"$declx" dump -j "$good" > /dev/null 2>&1; rc=$?
check "-j means --jobs only (batch): dump -j is a usage error" '[ $rc -eq 2 ]'
pdf="$corpus"/pdf/seed000-xiangyin.pdf
"$declx" extract "$pdf" > "$tmp/p1.json"; rc=$?
"$declx" extract "$pdf" > "$tmp/p2.json"
check "PDF: read, byte-identical across runs" '[ $rc -eq 0 ] && cmp -s "$tmp/p1.json" "$tmp/p2.json"'
check "PDF: pages and boxes in the output" \
  'grep -q "\"format\": \"pdf\"" "$tmp/p1.json" && grep -q "\"page_end\": 2" "$tmp/p1.json" && grep -q "\"box\": \[" "$tmp/p1.json"'
"$declx" dump "$pdf" > "$tmp/pdump"; rc=$?
check "PDF: dump shows grid, spans, pages and cell boxes" \
  '[ $rc -eq 0 ] && grep -q "^TABLE 1: .* pages 1-2" "$tmp/pdump" && grep -q "span 7x1\] p1 box(" "$tmp/pdump" && grep -q "\] p2 box(" "$tmp/pdump"'
"$declx" dump --json "$pdf" > "$tmp/pdump.json"; rc=$?
check "PDF: dump --json has pages and boxes" \
  '[ $rc -eq 0 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"pages\"] == 11; t=[b for b in d[\"blocks\"] if b[\"kind\"]==\"table\"][0]; assert t[\"cells\"][0][\"box\"] and t[\"cells\"][0][\"page\"] == 1" "$tmp/pdump.json"'
hostile=$(dirname "$0")/hostile
"$declx" extract "$hostile/pdf-text-without-unicode.pdf" > "$tmp/nu.json"; rc=$?
check "PDF: a text layer without Unicode is reported" \
  '[ $rc -eq 0 ] && grep -q "\"code\": \"text_layer_unreadable\"" "$tmp/nu.json"'
# poppler prints "some font thing failed" on stderr for this file's
# damaged fonts: the user sees declx's lines only (sanitizer builds too)
"$declx" extract "$hostile/pdf-bitflip-1.pdf" "$hostile/pdf-bitflip-2.pdf" > /dev/null 2> "$tmp/e"
check "PDF: poppler's own stderr lines never reach the user" '! grep -qv "^declx: " "$tmp/e"'
"$declx" -c extract "$good" > "$tmp/c.json"
check "--compact writes one line" '[ "$(wc -l < "$tmp/c.json")" -eq 1 ]'
mkdir -p "$tmp/rules"
printf 'field\tx\t(bad\n' > "$tmp/rules/labels.rules"
printf '' > "$tmp/rules/values.rules"
"$declx" extract -r "$tmp/rules" "$good" > /dev/null 2> "$tmp/e"; rc=$?
check "bad rules directory: exit 3 with file and line" '[ $rc -eq 3 ] && grep -q "labels.rules:1" "$tmp/e"'
# a category is one the program knows: a misspelt one is named with its
# file and line, a missing one by name (a copy of the shipped files, edited)
shipped=$corpus/../rules
{ cat "$shipped/labels.rules"; printf 'fund_totl\tcurrent_year\t资金总额\n'; } > "$tmp/rules/labels.rules"
cp "$shipped/values.rules" "$tmp/rules/values.rules"
n=$(($(wc -l < "$shipped/labels.rules") + 1))
"$declx" extract -r "$tmp/rules" "$good" > /dev/null 2> "$tmp/e"; rc=$?
check "rules directory with a misspelt category: exit 3, file, line and name" \
  '[ $rc -eq 3 ] && grep -qx "declx: labels.rules:$n: unknown category \"fund_totl\"" "$tmp/e"'
grep -v '^title_ocr' "$shipped/labels.rules" > "$tmp/rules/labels.rules"
"$declx" extract -r "$tmp/rules" "$good" > /dev/null 2> "$tmp/e"; rc=$?
check "rules directory lacking a category: exit 3 naming it" \
  '[ $rc -eq 3 ] && grep -qx "declx: labels.rules: no rule of category \"title_ocr\"" "$tmp/e"'
cp "$shipped/labels.rules" "$tmp/rules/labels.rules"
"$declx" extract -r "$tmp/rules" "$good" > "$tmp/r.json"; rc=$?
"$declx" extract "$good" > "$tmp/b.json"
check "a copy of the shipped rules reads as the built-in ones" '[ $rc -eq 0 ] && cmp -s "$tmp/r.json" "$tmp/b.json"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
