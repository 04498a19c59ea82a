#!/usr/bin/env bash
# The review site end to end in a real browser (Debian's chromium driven
# by playwright-core; tests/review_browser_test.js): declx review over a
# PDF, a DOCX and a hostile DOCX (cells and file name holding <script>,
# <img onerror>, javascript: and </textarea>); the browser corrects a
# value, accepts another and exports corrections.json; declx apply puts
# them into JSON Lines and SQLite, checked here. Screenshots go to
# OUT_DIR (CI keeps out/). Exit 77 (skipped) without chromium or
# playwright-core: tools/install-deps.sh installs both.
# Usage: review_browser_test.sh DECLX SOURCE_DIR OUT_DIR
set -u
declx=$1
src=$2
shots=$3
pw=${DX_PW_DIR:-/usr/local/share/declx/browser-test}/node_modules/playwright-core
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$pw" ] || ! command -v node >/dev/null; then
  echo "review_browser: skipped: needs $chromium, node and playwright-core in $pw (tools/install-deps.sh)"
  exit 77
fi
tmp=$(mktemp -d)
[ -n "${DX_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
mkdir -p "$shots" "$tmp/in"
pass=0 fail=0
check() { # name, then a command that must succeed
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
hostile_name='hostile <script>alert(9)<script> <img src=x onerror=alert(8)> javascript:alert(7).docx'
python3 - "$src/corpus/docx/variant-county-template.docx" "$tmp/in/$hostile_name" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
swap = {"县农田建设服务中心": "<script>document.title='pwned';alert(1)</script>",
        "张建国": "<img src=x onerror=alert(2)>",
        "李芳": "javascript:alert(3)",
        "不少于3.2万亩": "</textarea><b>4</b>"}
with zipfile.ZipFile(sys.argv[1]) as zi, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        data = zi.read(item.filename)
        if item.filename == "word/document.xml":
            text = data.decode("utf-8")
            for k, v in swap.items():
                assert k in text, k
                text = text.replace(k, escape(v), 1)
            data = text.encode("utf-8")
        zo.writestr(item, data)
PY
cp "$src/corpus/pdf/chromium-variant-county-multi.pdf" "$src/corpus/docx/variant-two-horizons.docx" "$tmp/in/"
(cd "$tmp/in" && "$declx" -q -c extract ./*.pdf ./*.docx > "$tmp/in.jsonl")
check "inputs read" '[ $(wc -l < "$tmp/in.jsonl") -eq 3 ]'
(cd "$tmp/in" && "$declx" review -o "$tmp/site" "$tmp/in.jsonl" 2> "$tmp/review.err")
check "review site written" '[ -f "$tmp/site/index.html" ] && ls "$tmp/site/crops/"*.png >/dev/null'
check "no path from a document name" '[ -z "$(find "$tmp/site" -name "*<*" -o -name "*script*")" ]'
node "$src/tests/review_browser_test.js" "$pw" "$tmp/site" "$tmp" "$shots"
check "browser" '[ $? -eq 0 ]'
if [ -f "$tmp/corrections.json" ]; then
  check "corrections valid by their schema" '/usr/bin/python3 -c "
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
" "$tmp/corrections.json" "$src/schema/corrections-v1.schema.json"'
  "$declx" apply "$tmp/corrections.json" "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/apply.err"
  check "apply: no conflicts" '[ $? -eq 0 ]'
  "$declx" apply -q -o "$tmp/out.sqlite" "$tmp/corrections.json" "$tmp/in.jsonl"
  check "corrected JSON and SQLite rows" '/usr/bin/python3 - "$tmp/out.jsonl" "$tmp/out.sqlite" <<PY
import json, sys, sqlite3
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
hostile = [r for r in recs if "hostile" in r["source"]["file"]][0]
f = hostile["declarations"][0]["fields"]["implementing_unit"]
assert f["value"] == "驻京联络组" and f["confidence"] == 1 and "reviewed" in f["flags"], f
pdf = [r for r in recs if r["source"]["format"] == "pdf"][0]
rev = []
def walk(o, p=""):
    if isinstance(o, dict):
        if "reviewed" in o.get("flags", []): rev.append((p, o))
        for k, v in o.items(): walk(v, p + "/" + k)
    elif isinstance(o, list):
        for i, v in enumerate(o): walk(v, p + "/" + str(i))
walk(pdf["declarations"])
assert len(rev) == 2, rev
assert any(o.get("value", {}).get("raw") == "≥95%" if isinstance(o.get("value"), dict) else o.get("value") == "≥95%" for _, o in rev), rev
db = sqlite3.connect(sys.argv[2])
n = db.execute("select count(*) from fields where value = ? and confidence = 1", ("驻京联络组",)).fetchone()[0]
assert n == 1, n
m = db.execute("select count(*) from fields where flags like ?", ("%reviewed%",)).fetchone()[0]
m += db.execute("select count(*) from indicators where flags like ?", ("%reviewed%",)).fetchone()[0]
assert m == 3, m
PY'
fi
echo "review_browser: $pass passed, $fail failed"
[ $fail -eq 0 ]
