#!/usr/bin/env bash
# declx apply: corrections from a file into JSON Lines and SQLite; a
# stale old value, a missing document and a bad pointer are named on
# stderr (exit 1) and change nothing; a second run changes nothing.
# Usage: apply_test.sh DECLX SOURCE_DIR
set -u
declx=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, then a command that must succeed
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
"$declx" -q -c extract "$src"/corpus/docx/lo-seed000-xiangyin.docx \
  "$src"/corpus/docx/variant-county-template.docx > "$tmp/in.jsonl"
python3 - "$tmp/in.jsonl" > "$tmp/c.json" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1], encoding='utf-8').readline())
d = r['declarations'][0]
sha = r['source']['sha256']
def c(ptr, old, new, decl=0, s=sha):
    return {"sha256": s, "declaration": decl, "pointer": ptr, "old": old, "new": new,
            "who": "test", "when": "2026-01-01T00:00:00Z"}
print(json.dumps([
    c("/fields/project_name/value", d['fields']['project_name']['value'], "<script>alert(1)</script>"),
    c("/indicators/0/value", d['indicators'][0]['value']['raw'], "≥95%"),
    c("/fields/project_name/value", "stale old value", "x"),
    c("/fields/project_name/value", "a", "b", s="0" * 64),
    c("/fields/no_such_field/value", "a", "b"),
], ensure_ascii=False))
PY
check "corrections valid by their schema" '/usr/bin/python3 -c "
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
" "$tmp/c.json" "$src/schema/corrections-v1.schema.json"'
"$declx" apply "$tmp/c.json" "$tmp/in.jsonl" > "$tmp/out1.jsonl" 2> "$tmp/err1"
rc=$?
check "exit 1 with conflicts" '[ $rc -eq 1 ]'
check "one line per conflict" '[ $(grep -c "^declx: apply: correction" "$tmp/err1") -eq 3 ]'
check "stale named" 'grep -q "correction 3 .*stale" "$tmp/err1"'
check "missing document named" 'grep -q "correction 4 .*no document" "$tmp/err1"'
check "bad pointer named" 'grep -q "correction 5 .*pointer" "$tmp/err1"'
check "as many records" '[ $(wc -l < "$tmp/out1.jsonl") -eq $(wc -l < "$tmp/in.jsonl") ]'
check "untouched record as it came" 'diff <(sed -n 2p "$tmp/in.jsonl") <(sed -n 2p "$tmp/out1.jsonl")'
check "values applied" 'python3 - "$tmp/out1.jsonl" <<PY
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())["declarations"][0]
f = d["fields"]["project_name"]
assert f["value"] == "<script>alert(1)</script>" and f["confidence"] == 1 and "reviewed" in f["flags"], f
v = d["indicators"][0]
assert v["value"]["op"] == ">=" and v["value"]["number"] == 95 and v["value"]["unit"] == "%", v
assert "reviewed" in v["flags"]
PY'
"$declx" apply "$tmp/c.json" "$tmp/out1.jsonl" > "$tmp/out2.jsonl" 2> "$tmp/err2"
check "twice: same bytes" 'cmp -s "$tmp/out1.jsonl" "$tmp/out2.jsonl"'
check "twice: the same conflicts only" '[ $(grep -c "^declx: apply: correction" "$tmp/err2") -eq 3 ]'
"$declx" apply -q -o "$tmp/out.sqlite" "$tmp/c.json" "$tmp/in.jsonl"
check "output valid by the contract schema" '/usr/bin/python3 -c "
import json, sys, jsonschema
s = json.load(open(sys.argv[2]))
for l in open(sys.argv[1], encoding=\"utf-8\"): jsonschema.validate(json.loads(l), s)
" "$tmp/out1.jsonl" "$src/schema/declaration-v1.schema.json"'
check "sqlite rows" 'python3 - "$tmp/out.sqlite" <<PY
import sqlite3, sys, json
db = sqlite3.connect(sys.argv[1])
assert db.execute("select count(*) from documents").fetchone()[0] == 2
rows = db.execute("select value, confidence, flags from fields where key = ? and value = ?",
                  ("project_name", "<script>alert(1)</script>")).fetchall()
assert len(rows) == 1 and rows[0][1] == 1 and "reviewed" in rows[0][2], rows
PY'
echo "apply: $pass passed, $fail failed"
[ $fail -eq 0 ]
