#!/usr/bin/env bash
# declx batch: every input gets exactly one record in input order; good
# files give what `declx extract -c` gives; bad files, a worker that
# crashes, one that hangs (test hooks), an unreadable path and a
# directory loop give error records and the batch goes on; lists on
# stdin (lines and NUL-separated); SIGINT leaves only whole records.
# Usage: batch_test.sh DECLX SOURCE_DIR
set -u
declx=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, then a command that must succeed
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
mkdir -p "$tmp/in/sub" "$tmp/in/loop"
cp "$src"/corpus/docx/variant-county-template.docx "$tmp/in/a.docx"
cp "$src"/corpus/pdf/variant-summary-b.pdf "$tmp/in/sub/b.pdf"
cp "$src"/corpus/docx/variant-letter.docx "$tmp/in/sub/c-crash-me.docx"
cp "$src"/corpus/docx/variant-two-horizons.docx "$tmp/in/sub/d-hang-me.docx"
cp "$src"/tests/hostile/zip-bomb-ratio.docx "$tmp/in/sub/e.docx"
cp "$src"/tests/hostile/pdf-encrypted-user-password.pdf "$tmp/in/sub/f.pdf"
printf 'plain text' > "$tmp/in/sub/g.pdf"
ln -s .. "$tmp/in/loop/up"
DX_BATCH_TEST_CRASH=crash-me DX_BATCH_TEST_HANG=hang-me \
  "$declx" batch -j 2 --timeout 3 "$tmp/in" /nonexistent/file.docx > "$tmp/out.jsonl" 2> "$tmp/err"
rc=$?
check "exit 1 when some failed" '[ $rc -eq 1 ]'
python3 - "$tmp/out.jsonl" "$tmp" > "$tmp/check.txt" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
t = sys.argv[2]
files = [r['source']['file'] for r in recs]
errs = {r['source']['file']: r['error']['code'] for r in recs if 'error' in r}
print('n', len(recs))
print('first', files[0].replace(t, 'T'))
print('last', files[-1].replace(t, 'T'))
for f, c in sorted(errs.items()):
    print('err', f.replace(t, 'T'), c)
PY
check "one record per input (7 files, a loop, a missing path)" 'grep -qx "n 9" "$tmp/check.txt"'
check "records in input order" 'grep -qx "first a.docx" "$tmp/check.txt" && grep -qx "last /nonexistent/file.docx" "$tmp/check.txt"'
check "crash is a record" 'grep -q "err T/in/sub/c-crash-me.docx crash" "$tmp/check.txt"'
check "hang is a timeout record" 'grep -q "err T/in/sub/d-hang-me.docx timeout" "$tmp/check.txt"'
check "zip bomb is a limit record" 'grep -q "err T/in/sub/e.docx limit" "$tmp/check.txt"'
check "encrypted PDF is a record" 'grep -q "err T/in/sub/f.pdf unsupported" "$tmp/check.txt"'
check "not a PDF is a record" 'grep -q "err T/in/sub/g.pdf format" "$tmp/check.txt"'
check "missing path is a record" 'grep -q "err /nonexistent/file.docx io" "$tmp/check.txt"'
check "directory loop is a record" 'grep -q "err T/in/loop/up/ " "$tmp/check.txt"'
check "summary counts" 'grep -q "9 inputs, 2 read, 7 failed" "$tmp/err"'
# the good ones as extract gives them
"$declx" -c extract "$tmp/in/a.docx" > "$tmp/a.json"
"$declx" -c extract "$tmp/in/sub/b.pdf" > "$tmp/b.json"
check "good files as extract gives them" \
  'grep -Fxq -f "$tmp/a.json" "$tmp/out.jsonl" && grep -Fxq -f "$tmp/b.json" "$tmp/out.jsonl"'
# lists on stdin
printf '%s\n%s\n' "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" | "$declx" batch -q > "$tmp/l.jsonl"
check "list on stdin" '[ $? -eq 0 ] && [ "$(wc -l < "$tmp/l.jsonl")" -eq 2 ]'
printf '%s\0%s\0' "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" | "$declx" batch -q -0 - > "$tmp/z.jsonl"
check "NUL-separated list" 'cmp -s "$tmp/l.jsonl" "$tmp/z.jsonl"'
check "same output with -j 1" \
  '"$declx" batch -q -j 1 "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" | cmp -s - "$tmp/l.jsonl"'
# --resume: inputs whose sha256 has a record in the output are skipped
"$declx" batch -q -o "$tmp/r.jsonl" "$tmp/in/a.docx" "$tmp/in/sub/g.pdf"
"$declx" batch -o "$tmp/r.jsonl" --resume "$tmp/in/a.docx" "$tmp/in/sub/g.pdf" "$tmp/in/sub/b.pdf" 2> "$tmp/r.err"
check "--resume appends only the new input" \
  '[ "$(wc -l < "$tmp/r.jsonl")" -eq 3 ] && grep -q "1 read, 0 failed (read pdf 1), 2 skipped" "$tmp/r.err"'
"$declx" batch --resume "$tmp/in/a.docx" 2>/dev/null
check "--resume without -o is a usage error" '[ $? -eq 2 ]'
# CSV: three files, rectangular, the rows the records hold, a BOM on request
"$declx" batch -q --bom -o "$tmp/t.csv" "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" "$tmp/in/sub/g.pdf"
check "CSV: declarations, indicators and funds as the records say" \
  'python3 - "$tmp" <<'"'"'PY'"'"'
import csv, json, sys
t = sys.argv[1]
recs = [json.loads(l) for l in open(t + "/l.jsonl", encoding="utf-8")]
decls = [d for r in recs for d in r.get("declarations", [])]
rows = {}
for k in ("declarations", "indicators", "funds"):
    raw = open("%s/t.%s.csv" % (t, k), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), k
    rows[k] = list(csv.reader(open("%s/t.%s.csv" % (t, k), encoding="utf-8-sig", newline="")))
    assert len({len(r) for r in rows[k]}) == 1, k
assert len(rows["declarations"]) == 1 + len(decls) + 1  # header, declarations, the failed g.pdf
assert rows["declarations"][-1][-2] == "format"
assert len(rows["indicators"]) == 1 + sum(len(d["indicators"]) for d in decls)
PY'
# SQLite: the same records as rows; a second run replaces, not adds
if command -v sqlite3 >/dev/null; then
  "$declx" batch -q -o "$tmp/t.sqlite" "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" "$tmp/in/sub/g.pdf"
  "$declx" batch -q -o "$tmp/t.sqlite" "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" "$tmp/in/sub/g.pdf"
  decls=$(python3 -c "import json,sys; print(sum(len(json.loads(l).get('declarations', [])) for l in open(sys.argv[1])))" "$tmp/l.jsonl")
  check "SQLite: documents, declarations, indicators, no duplicates on a re-run" \
    '[ "$(sqlite3 "$tmp/t.sqlite" "select count(*) from documents")" = 3 ] &&
     [ "$(sqlite3 "$tmp/t.sqlite" "select count(*) from declarations")" = "$decls" ] &&
     [ "$(sqlite3 "$tmp/t.sqlite" "select count(*) from indicators where level1 is not null")" -gt 0 ] &&
     [ "$(sqlite3 "$tmp/t.sqlite" "select error_code from documents where error_code is not null")" = format ] &&
     [ -z "$(sqlite3 "$tmp/t.sqlite" "pragma foreign_key_check")" ]'
  check "SQLite: the unit and year of the county form" \
    '[ "$(sqlite3 "$tmp/t.sqlite" "select unit || \" \" || fiscal_year from declarations where project_name = \"高标准农田建设管护\"")" = "平江县农业农村局 2024" ]'
  "$declx" batch -o "$tmp/t.sqlite" --resume "$tmp/in/a.docx" 2> "$tmp/s.err"
  check "SQLite: --resume skips what the database has" 'grep -q "0 read, 0 failed (none), 1 skipped" "$tmp/s.err"'
fi
# a worker over its memory cap is a record too (no cap in the sanitizer
# build: AddressSanitizer reserves terabytes of address space)
if [ -z "${DX_NO_MEMCAP:-}" ]; then
  "$declx" batch -q --max-mem 100 "$src"/tests/hostile/pdf-page-14400pt.pdf "$tmp/in/a.docx" > "$tmp/mem.jsonl"
  check "memory cap: an error record, the next file read" \
    'head -1 "$tmp/mem.jsonl" | grep -q "\"error\"" && tail -1 "$tmp/mem.jsonl" | grep -q "\"declarations\""'
fi
# SIGINT: whole records only, exit 130
DX_BATCH_TEST_HANG=hang-me "$declx" batch -q -j 1 --timeout 60 "$tmp/in/a.docx" \
  "$tmp/in/sub/d-hang-me.docx" "$tmp/in/sub/b.pdf" > "$tmp/int.jsonl" 2>/dev/null &
pid=$!
sleep 2
kill -INT $pid
wait $pid
rc=$?
check "SIGINT exits 130" '[ $rc -eq 130 ]'
check "SIGINT leaves whole records" \
  'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$tmp/int.jsonl" && [ "$(wc -l < "$tmp/int.jsonl")" -eq 1 ]'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
