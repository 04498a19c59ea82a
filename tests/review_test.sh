#!/usr/bin/env bash
# declx review without a browser: the site's files, crops made once per
# box, names from documents and archives never becoming paths, every
# page with its Content-Security-Policy and no document text in its
# HTML but the escaped title. (review_browser_test.sh drives the pages.)
# Usage: review_test.sh DECLX SOURCE_DIR
set -u
declx=$1
src=$2
tmp=$(mktemp -d)
[ -n "${DX_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, then a command that must succeed
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
mkdir -p "$tmp/in" "$tmp/work"
cp "$src/corpus/pdf/chromium-variant-county-multi.pdf" "$tmp/in/a.pdf"
cp "$src/corpus/docx/variant-county-template.docx" "$tmp/in/<script>alert(1)<script>.docx"
(cd "$tmp/in" && "$declx" -q -c extract a.pdf "<script>alert(1)<script>.docx" > "$tmp/in.jsonl")
# records named like archive members and with a sha256 that is a path
python3 - "$tmp/in.jsonl" >> "$tmp/in.jsonl" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").readline())
r["source"]["file"] = "x.zip!/../../../escaped.pdf"
r["source"]["sha256"] = "../../../escaped"
print(json.dumps(r, ensure_ascii=False))
print(json.dumps({"source": {"file": "../../bad!/<img src=x onerror=alert(2)>"},
                  "error": {"code": "format", "message": "<b>not a form</b>"}}))
PY
(cd "$tmp/in" && "$declx" review -o "$tmp/work/site" "$tmp/in.jsonl" 2> "$tmp/err")
check "exit 0" '[ $? -eq 0 ]'
check "summary line" 'grep -q "4 documents, .* crops" "$tmp/err"'
check "nothing outside DIR" '[ "$(ls "$tmp/work")" = site ] && [ ! -e "$tmp/escaped.pdf" ] && [ ! -e "$tmp/escaped" ]'
check "only the site's own names" '[ -z "$(cd "$tmp/work/site" && find . -type f | grep -vE "^\./(index\.html|data/index\.js|data/lexicon\.js|assets/(review\.js|review\.css|parse\.js)|doc/([0-9a-f]{16}|input-[0-9]+)\.(html|js)|crops/([0-9a-f]{16}|input-[0-9]+)-[0-9]+\.png)$")" ]'
check "every page has its CSP" '[ $(grep -l "Content-Security-Policy\" content=\"default-src '"'"'none'"'"'; script-src '"'"'self'"'"'" "$tmp/work/site/index.html" "$tmp/work/site/doc/"*.html | wc -l) -eq 5 ]'
check "no inline script, no event attribute" '! cat "$tmp/work/site/index.html" "$tmp/work/site/doc/"*.html | grep -v "^<title>" | grep -qE "<script>|<script [^s]|\son[a-z]+="'
check "the title escaped" 'grep -q "<title>declx review: &lt;script&gt;alert(1)&lt;script&gt;.docx</title>" "$tmp/work/site/doc/"*.html'
check "data files hold no markup characters" '! grep -q "[<>&]" "$tmp/work/site/data/index.js" "$tmp/work/site/data/lexicon.js" "$tmp/work/site/doc/"*.js'
check "each value says how an edit is parsed, amounts and indicators among them" '/usr/bin/python3 - "$tmp/work/site" <<PY
import json, sys, glob
kinds = {}
for f in glob.glob(sys.argv[1] + "/doc/*.js"):
    doc = json.loads(open(f).read().split(" = ", 1)[1].rstrip().rstrip(";"))
    for decl in doc.get("declarations", []):
        for it in decl["items"]:
            kinds[it["parse"]] = kinds.get(it["parse"], 0) + 1
            if it["ptr"].startswith("/funds/"): assert it["parse"] == "amount", it
            if it["ptr"].endswith("/value") and it["ptr"].startswith("/indicators/"): assert it["parse"] == "indicator", it
assert set(kinds) <= {"indicator", "amount", "period", "integer", "any"}, kinds
assert kinds.get("indicator") and kinds.get("amount") and kinds.get("period"), kinds
PY'
check "crops of the PDF" '[ $(ls "$tmp/work/site/crops" | wc -l) -gt 10 ]'
check "one crop per box" '/usr/bin/python3 - "$tmp/work/site" <<PY
import json, sys, glob, os
d = sys.argv[1]
for f in glob.glob(d + "/doc/*.js"):
    doc = json.loads(open(f).read().split(" = ", 1)[1].rstrip().rstrip(";"))
    boxes = {}
    for decl in doc["declarations"]:
        for it in decl["items"]:
            if "crop" in it:
                key = (it["at"]["page"], tuple(it["at"]["box"]))
                assert boxes.setdefault(key, it["crop"]) == it["crop"], key
                assert os.path.isfile(os.path.join(d, it["crop"])), it["crop"]
    assert len(set(boxes.values())) == len(boxes)
PY'
check "docx tables from the model" 'grep -l "\"tables\":{\"0\":" "$tmp/work/site/doc/"*.js | grep -q .'
# an archive member (ARCHIVE!/MEMBER from declx batch) is read again
# from the archive for its crops, in memory; a member whose bytes are no
# longer the record's (its sha256) gets none
mkdir -p "$tmp/arc"
python3 - "$src/corpus/pdf/chromium-variant-county-multi.pdf" "$tmp/arc/forms.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.write(sys.argv[1], "sub/m.pdf")
    z.writestr("notes.txt", "not a form")
PY
(cd "$tmp/arc" && "$declx" batch -q -j 1 forms.zip > "$tmp/arc.jsonl" 2>/dev/null)
python3 - "$tmp/arc.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pdf = [r for r in recs if r["source"].get("format") == "pdf"][0]
stale = json.loads(json.dumps(pdf))
stale["source"]["sha256"] = "0" * 64
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in (pdf, stale):
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
(cd "$tmp/arc" && "$declx" review -q -o "$tmp/arc/site" "$tmp/arc.jsonl")
check "archive member: crops read from the archive" '[ "$(grep -l "forms.zip!/sub/m.pdf" "$tmp/arc/site/doc/"*.js | xargs grep -l "\"crop\":" | wc -l)" -eq 1 ] && [ $(ls "$tmp/arc/site/crops" | wc -l) -gt 10 ]'
check "archive member: nothing written outside DIR" '[ "$(cd "$tmp/arc" && find . -path ./site -prune -o -type f -print | sort | tr "\n" " ")" = "./forms.zip " ]'

# an image file and a scanned OFD: crops cut from the page images as
# OCR saw them, where the values' boxes are; a text OFD: drawn from the
# glyphs and rules its reader found
mkdir -p "$tmp/ocr"
cp "$src/corpus/image/png-variant-formcheckbox.png" "$src/corpus/ofd/scan-variant-two-horizons.ofd" \
  "$src/corpus/ofd/ctm-variant-county-multi.ofd" "$tmp/ocr/"
(cd "$tmp/ocr" && "$declx" review -q -o "$tmp/ocr/site" png-variant-formcheckbox.png scan-variant-two-horizons.ofd ctm-variant-county-multi.ofd)
check "image, scanned and text OFD: a crop for every value with a box" '/usr/bin/python3 - "$tmp/ocr/site" <<PY
import json, sys, glob, os
d = sys.argv[1]
formats = set()
for f in glob.glob(d + "/doc/*.js"):
    doc = json.loads(open(f).read().split(" = ", 1)[1].rstrip().rstrip(";"))
    formats.add(doc["source"]["format"])
    n = 0
    for decl in doc["declarations"]:
        for it in decl["items"]:
            if (it.get("at") or {}).get("box"):
                assert "crop" in it and os.path.isfile(os.path.join(d, it["crop"])), (f, it["ptr"])
                n += 1
    assert n > 5, (f, n)
assert formats == {"png", "ofd-scanned", "ofd"}, formats
PY'

echo "review: $pass passed, $fail failed"
[ $fail -eq 0 ]
