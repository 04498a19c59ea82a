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
  "$declx" batch -j 2 --timeout 15 "$tmp/in" /nonexistent/file.docx > "$tmp/out.jsonl" 2> "$tmp/err"
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
check "records in input order" 'grep -qx "first T/in/a.docx" "$tmp/check.txt" && grep -qx "last /nonexistent/file.docx" "$tmp/check.txt"'
check "crash is a record" 'grep -q "err T/in/sub/c-crash-me.docx crash" "$tmp/check.txt"'
check "hang is a timeout record" 'grep -q "err T/in/sub/d-hang-me.docx timeout" "$tmp/check.txt"'
check "zip bomb is a limit record" 'grep -q "err T/in/sub/e.docx limit" "$tmp/check.txt"'
check "encrypted PDF is a record" 'grep -q "err T/in/sub/f.pdf unsupported" "$tmp/check.txt"'
check "not a PDF is a record" 'grep -q "err T/in/sub/g.pdf format" "$tmp/check.txt"'
check "missing path is a record" 'grep -q "err /nonexistent/file.docx io" "$tmp/check.txt"'
check "directory loop is a record" 'grep -q "err T/in/loop/up/ " "$tmp/check.txt"'
check "summary counts" 'grep -q "9 inputs, 2 read ([a-z0-9 ,]*), 7 failed" "$tmp/err"'
# one worker: the input sent ahead of a crash or a hang is read by the
# next worker, not lost
DX_BATCH_TEST_CRASH=crash-me DX_BATCH_TEST_HANG=hang-me \
  "$declx" batch -j 1 --timeout 15 "$tmp/in" /nonexistent/file.docx > "$tmp/out1.jsonl" 2> /dev/null
check "-j 1, inputs sent ahead of a crash and a hang: the same records" 'cmp -s "$tmp/out.jsonl" "$tmp/out1.jsonl"'
# the good ones as extract gives them, but named by their path
same_as_extract() { # FILE NAME_IN_RECORDS RECORDS
  "$declx" -c extract "$1" |
    sed "s|\"file\":\"$(basename "$1")\"|\"file\":\"$2\"|" > "$tmp/x.json" &&
    grep -Fxq -f "$tmp/x.json" "$3"
}
check "good files as extract gives them" \
  'same_as_extract "$tmp/in/a.docx" "$tmp/in/a.docx" "$tmp/out.jsonl" &&
   same_as_extract "$tmp/in/sub/b.pdf" "$tmp/in/sub/b.pdf" "$tmp/out.jsonl"'
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
  '[ "$(wc -l < "$tmp/r.jsonl")" -eq 3 ] && grep -q "1 read (pdf 1), 0 failed (none), 2 skipped" "$tmp/r.err"'
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
  check "SQLite: --resume skips what the database has" 'grep -q "0 read (none), 0 failed (none), 1 skipped" "$tmp/s.err"'
fi
# a worker over its memory cap is a record too (no cap in the sanitizer
# build: AddressSanitizer reserves terabytes of address space)
if [ -z "${DX_NO_MEMCAP:-}" ]; then
  "$declx" batch -q --max-mem 100 "$src"/tests/hostile/pdf-page-14400pt.pdf "$tmp/in/a.docx" > "$tmp/mem.jsonl"
  check "memory cap: an error record, the next file read" \
    'head -1 "$tmp/mem.jsonl" | grep -q "\"error\"" && tail -1 "$tmp/mem.jsonl" | grep -q "\"declarations\""'
fi
# the hostile suite among good files: every input accounted for, the good
# ones read as when alone
"$declx" batch -q -j 2 --timeout 600 "$tmp/in/a.docx" "$src/tests/hostile" "$tmp/in/sub/b.pdf" \
  > "$tmp/h.jsonl"
check "hostile suite in a batch: one record per input" \
  '[ "$(wc -l < "$tmp/h.jsonl")" -eq $(( $(find "$src/tests/hostile" ! -type d | wc -l) + 2 )) ]'
check "hostile suite in a batch: the good files as alone" \
  'same_as_extract "$tmp/in/a.docx" "$tmp/in/a.docx" "$tmp/h.jsonl" &&
   same_as_extract "$tmp/in/sub/b.pdf" "$tmp/in/sub/b.pdf" "$tmp/h.jsonl"'
# workers that leave after every input (as a grown worker does) are
# replaced and the records do not change
DX_BATCH_TEST_RECYCLE=1 "$declx" batch -q -j 1 "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" > "$tmp/rc.jsonl"
check "recycled workers: the same records" 'cmp -s "$tmp/rc.jsonl" "$tmp/l.jsonl"'
# a scan after other inputs: the worker hands it back and a new one
# reads it (a file, and an archive member whose bytes the parent keeps)
cp "$src"/corpus/scan/scan-variant-formcheckbox.pdf "$tmp/scan.pdf"
(cd "$tmp" && zip -q scan.zip in/a.docx scan.pdf)
"$declx" batch -q -j 1 "$tmp/in/a.docx" "$tmp/scan.pdf" "$tmp/scan.zip" > "$tmp/hb.jsonl"
check "a scan after other inputs: one record each, as extract gives them" \
  '[ "$(wc -l < "$tmp/hb.jsonl")" -eq 4 ] && ! grep -q "\"error\"" "$tmp/hb.jsonl" &&
   same_as_extract "$tmp/scan.pdf" "$tmp/scan.pdf" "$tmp/hb.jsonl" &&
   same_as_extract "$tmp/scan.pdf" "$tmp/scan.zip!/scan.pdf" "$tmp/hb.jsonl"'
# a worker that holds an OCR engine keeps it and reads the next scans:
# each as extract reads it alone (nothing of one scan stays for the next)
cp "$src"/corpus/scan/scan-fax-variant-side-by-side-funds.pdf "$tmp/scan2.pdf"
"$declx" batch -q -j 1 "$tmp/scan.pdf" "$tmp/scan2.pdf" "$tmp/scan.pdf" > "$tmp/ocrw.jsonl"
check "scans one after another in one worker: as extract gives them" \
  '[ "$(wc -l < "$tmp/ocrw.jsonl")" -eq 3 ] && ! grep -q "\"error\"" "$tmp/ocrw.jsonl" &&
   same_as_extract "$tmp/scan.pdf" "$tmp/scan.pdf" "$tmp/ocrw.jsonl" &&
   same_as_extract "$tmp/scan2.pdf" "$tmp/scan2.pdf" "$tmp/ocrw.jsonl" &&
   [ "$(sed -n 1p "$tmp/ocrw.jsonl")" = "$(sed -n 3p "$tmp/ocrw.jsonl")" ]'
# archives: members read in memory, named ARCHIVE!/MEMBER, told by their
# content (a zip named .docx is an archive, a DOCX named .zip a DOCX)
mkdir -p "$tmp/arc/forms" "$tmp/arcs"
cp "$tmp/in/a.docx" "$tmp/arc/forms/a.docx"
cp "$tmp/in/sub/b.pdf" "$tmp/arc/forms/b.pdf"
printf 'hello' > "$tmp/arc/notes.txt"
# a member name in GB18030, as Chinese Windows zips store them
python3 -c 'import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2].encode() + "表.docx".encode("gb18030"))' \
  "$tmp/in/a.docx" "$tmp/arc/"
(cd "$tmp/arc" && LC_ALL=C zip -q "$tmp/arcs/m.zip" forms/a.docx forms/b.pdf notes.txt ./*.docx &&
  tar -czf "$tmp/arcs/m.tgz" forms/a.docx forms/b.pdf notes.txt &&
  tar -cf "$tmp/arcs/n.tar" forms/a.docx forms/b.pdf &&
  bsdtar --format 7zip -cf "$tmp/arcs/m.7z" forms/a.docx forms/b.pdf &&
  zip -q -P secret "$tmp/arcs/p.zip" forms/a.docx)
(cd "$tmp/arcs" && zip -q nest.zip m.tgz)
cp "$tmp/arcs/m.zip" "$tmp/arcs/zip-named.docx"
cp "$tmp/in/a.docx" "$tmp/arcs/docx-named.zip"
# a tar cut inside its second member's header: the first is read, then one failure
head -c $(( $(stat -c %s "$tmp/arc/forms/a.docx") / 512 * 512 + 1024 + 100 )) "$tmp/arcs/n.tar" > "$tmp/arcs/cut.tar"
tar -cf "$tmp/arcs/empty.tar" -C "$tmp/arc" --no-recursion forms
"$declx" batch -j 2 "$tmp/arcs/m.zip" "$tmp/arcs/m.tgz" "$tmp/arcs/m.7z" "$tmp/arcs/p.zip" \
  "$tmp/arcs/zip-named.docx" "$tmp/arcs/docx-named.zip" "$tmp/arcs/cut.tar" "$tmp/arcs/empty.tar" \
  "$tmp/arcs/nest.zip" \
  > "$tmp/arc.jsonl" 2> "$tmp/arc.err"
python3 - "$tmp/arc.jsonl" "$tmp/arcs/" > "$tmp/arc.txt" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(l)
    print(r['source']['file'].replace(sys.argv[2], ''), r['error']['code'] if 'error' in r else 'ok')
PY
cat > "$tmp/arc.want" <<'TXT'
m.zip!/forms/a.docx ok
m.zip!/forms/b.pdf ok
m.zip!/notes.txt format
m.zip!/表.docx ok
m.tgz!/forms/a.docx ok
m.tgz!/forms/b.pdf ok
m.tgz!/notes.txt format
m.7z!/forms/a.docx ok
m.7z!/forms/b.pdf ok
p.zip!/forms/a.docx unsupported
zip-named.docx!/forms/a.docx ok
zip-named.docx!/forms/b.pdf ok
zip-named.docx!/notes.txt format
zip-named.docx!/表.docx ok
docx-named.zip ok
cut.tar!/forms/a.docx ok
cut.tar format
empty.tar format
nest.zip!/m.tgz unsupported
TXT
check "archives: one record per member, in archive order, codes" 'diff "$tmp/arc.want" "$tmp/arc.txt"'
check "archives: members as extract gives them" \
  'same_as_extract "$tmp/in/a.docx" "$tmp/arcs/m.7z!/forms/a.docx" "$tmp/arc.jsonl" &&
   same_as_extract "$tmp/in/sub/b.pdf" "$tmp/arcs/m.tgz!/forms/b.pdf" "$tmp/arc.jsonl"'
check "archives: a cut archive says where" 'grep -q "cut.tar: the archive is damaged after 1 files" "$tmp/arc.err"'
check "archives: nothing unpacked next to them" '[ "$(ls "$tmp/arcs" | wc -l)" -eq 10 ]'
"$declx" batch -q -o "$tmp/arc-r.jsonl" "$tmp/arcs/m.7z"
"$declx" batch -o "$tmp/arc-r.jsonl" --resume "$tmp/arcs/m.7z" "$tmp/arcs/m.tgz" 2> "$tmp/arc-r.err"
check "archives: --resume knows members by their content" \
  'grep -q "0 read (none), 1 failed (format 1), 4 skipped" "$tmp/arc-r.err"'
check "archives: one inside another is named, not opened" \
  'grep -q "nest.zip!/m.tgz: a gzip-compressed file (a .tar.gz?), not a form" "$tmp/arc.err"'
# workbooks: an XLSX in a zip is a member read as a form, an XLSX named
# .zip a form, as extract reads them
mkdir -p "$tmp/xarc"
cp "$src"/corpus/xlsx/xlsx-variant-summary-b.xlsx "$tmp/xarc/w.xlsx"
cp "$tmp/xarc/w.xlsx" "$tmp/xarc/xlsx-named.zip"
(cd "$tmp/xarc" && zip -q wb.zip w.xlsx)
"$declx" batch -q -j 2 "$tmp/xarc/wb.zip" "$tmp/xarc/xlsx-named.zip" > "$tmp/xarc.jsonl"
check "workbooks: in an archive and under a zip's name, as extract gives them" \
  '[ "$(wc -l < "$tmp/xarc.jsonl")" -eq 2 ] && ! grep -q "\"error\"" "$tmp/xarc.jsonl" &&
   grep -q "\"format\":\"xlsx\"" "$tmp/xarc.jsonl" &&
   same_as_extract "$tmp/xarc/w.xlsx" "$tmp/xarc/wb.zip!/w.xlsx" "$tmp/xarc.jsonl" &&
   same_as_extract "$tmp/xarc/xlsx-named.zip" "$tmp/xarc/xlsx-named.zip" "$tmp/xarc.jsonl"'
# hostile archives: members past the input limit (zip and tar.gz bombs),
# names that climb out or start at the root (only names: nothing is
# written), an archive holding only a symlink; bounded time and memory
mkdir -p "$tmp/harc"
python3 - "$tmp/harc" "$tmp/in/a.docx" "$tmp/in/sub/b.pdf" <<'PY'
import io, sys, tarfile, zipfile
out, docx, pdf = sys.argv[1:4]
zeros = bytes(1 << 20)
with zipfile.ZipFile(out + "/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("zeros.docx", "w", force_zip64=True) as m:
        for _ in range(300):
            m.write(zeros)
with tarfile.open(out + "/bomb.tgz", "w:gz", compresslevel=1) as t:
    ti = tarfile.TarInfo("zeros.pdf"); ti.size = 300 << 20
    class Zeros(io.RawIOBase):
        left = ti.size
        def readinto(self, b):
            n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
    t.addfile(ti, Zeros())
with tarfile.open(out + "/climb.tar", "w") as t:
    t.add(docx, arcname="../../climb.docx")
    data = open(pdf, "rb").read()
    ti = tarfile.TarInfo("/root/abs.pdf"); ti.size = len(data)  # add() would drop the "/"
    t.addfile(ti, io.BytesIO(data))
with tarfile.open(out + "/symlink.tar", "w") as t:
    ti = tarfile.TarInfo("passwd.docx"); ti.type = tarfile.SYMTYPE; ti.linkname = "/etc/passwd"
    t.addfile(ti)
PY
(cd "$tmp/harc" && /usr/bin/time -f '%U %S %M' "$declx" batch -q -j 2 bomb.zip bomb.tgz climb.tar symlink.tar \
  > "$tmp/harc.jsonl" 2> "$tmp/harc.time")
python3 - "$tmp/harc.jsonl" > "$tmp/harc.txt" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(l)
    print(r['source']['file'], r['error']['code'] if 'error' in r else 'ok')
PY
cat > "$tmp/harc.want" <<'TXT'
bomb.zip!/zeros.docx limit
bomb.tgz!/zeros.pdf limit
climb.tar!/../../climb.docx ok
climb.tar!//root/abs.pdf ok
symlink.tar format
TXT
check "hostile archives: a record each, bombs at the limit" 'diff "$tmp/harc.want" "$tmp/harc.txt"'
check "hostile archives: nothing written outside" '[ ! -e "$tmp/climb.docx" ] && [ ! -e /root/abs.pdf ] && [ "$(ls "$tmp/harc" | wc -l)" -eq 4 ]'
DX_BATCH_TEST_MAX_MEMBERS=1 "$declx" batch -q "$tmp/harc/climb.tar" > "$tmp/many.jsonl"
check "an archive over the files limit: its first files, then a limit record" \
  '[ "$(wc -l < "$tmp/many.jsonl")" -eq 2 ] && tail -1 "$tmp/many.jsonl" | grep -q "\"code\":\"limit\",\"message\":\"the archive holds more than 1 files"'
# CPU seconds (user + system, workers included), not wall time: a busy
# machine does not fail it (it takes ~1 s)
check "hostile archives: under 10 s of CPU and 400 MB" \
  'read -r us ss kb < <(tail -1 "$tmp/harc.time"); [ "$(echo "$us + $ss < 10" | bc)" = 1 ] && [ "$kb" -lt 409600 ]'
# progress: a line on a terminal (files done/total, files/s, errors, ETA),
# none with -q or when stderr is not a terminal
if command -v script > /dev/null; then
  script -qec "'$declx' batch -j 1 '$tmp/in/a.docx' '$tmp/in/sub/g.pdf' > '$tmp/tty.jsonl'" /dev/null > "$tmp/tty.err"
  check "progress on a terminal" 'grep -q "declx batch: 2/2 files, [0-9.]* files/s, 1 errors, ETA 0 s" "$tmp/tty.err" &&
    grep -q "2 inputs, 1 read ([a-z0-9 ,]*), 1 failed" "$tmp/tty.err"'
  script -qec "'$declx' batch -q -j 1 '$tmp/in/a.docx' '$tmp/in/sub/g.pdf' > '$tmp/tty.jsonl'" /dev/null > "$tmp/ttyq.err"
  check "no progress with -q" '[ ! -s "$tmp/ttyq.err" ]'
fi
check "no progress line when stderr is not a terminal" '! grep -q "ETA" "$tmp/err"'
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
# an OFD is a form (a zip with OFD.xml at its root), not an archive; one
# inside a zip is a member read as a form
mkdir -p "$tmp/ofd"
cp "$src"/corpus/ofd/ctm-variant-two-horizons.ofd "$tmp/ofd/a.ofd"
(cd "$tmp/ofd" && python3 -c "import zipfile,sys; zipfile.ZipFile('z.zip','w').write('a.ofd','in/b.ofd')")
"$declx" batch -q -j 1 "$tmp/ofd" > "$tmp/ofd.jsonl" 2>/dev/null
check "OFD: a form, and a member of a zip read as one" \
  'python3 - "$tmp/ofd.jsonl" <<PY
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = sorted((r["source"]["file"].rsplit("/", 1)[-1], r["source"]["format"], len(r["declarations"])) for r in recs)
assert got == [("a.ofd", "ofd", 1), ("b.ofd", "ofd", 1)], got
PY'
# a folder of every format, legacy office files among them (read through
# LibreOffice where it is installed): one record per input, and the
# summary counts the inputs read by format
# (not in the sanitizer build: four pages of OCR and five conversions,
# minutes there, through code the other checks run under it)
if [ -z "${DX_NO_MEMCAP:-}" ]; then
  mkdir -p "$tmp/mixed"
  cp "$src"/corpus/docx/seed000-xiangyin.docx "$tmp/mixed/a.docx"
  cp "$src"/corpus/xlsx/xlsx-variant-summary-b.xlsx "$tmp/mixed/b.xlsx"
  cp "$src"/corpus/pdf/variant-summary-b.pdf "$tmp/mixed/c.pdf"
  cp "$src"/corpus/scan/scan-fax-variant-side-by-side-funds.pdf "$tmp/mixed/d.pdf"
  cp "$src"/corpus/ofd/plain-variant-formcheckbox.ofd "$tmp/mixed/e.ofd"
  cp "$src"/corpus/image/jpeg6-variant-dept-national.jpg "$tmp/mixed/f.jpg"
  cp "$src"/corpus/image/png-variant-formcheckbox.png "$tmp/mixed/g.png"
  cp "$src"/corpus/image/tiffg4-chromium-variant-county-multi.tif "$tmp/mixed/h.tif"
  cp "$src"/corpus/legacy/doc-variant-province-b.doc "$tmp/mixed/i.doc"
  cp "$src"/corpus/legacy/xls-variant-summary-b.xls "$tmp/mixed/j.xls"
  cp "$src"/corpus/legacy/rtf-seed003-shifeng.rtf "$tmp/mixed/k.rtf"
  cp "$src"/corpus/legacy/odt-variant-summary-b.odt "$tmp/mixed/l.odt"
  cp "$src"/corpus/legacy/ods-variant-county-template.ods "$tmp/mixed/m.ods"
  "$declx" batch -j 2 "$tmp/mixed" > "$tmp/mixed.jsonl" 2> "$tmp/mixed.err"
  check "every format: one record per input" '[ "$(wc -l < "$tmp/mixed.jsonl")" -eq 13 ]'
  if command -v soffice > /dev/null; then
    check "every format: each read as its format" \
      'python3 - "$tmp/mixed.jsonl" <<PY
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(r["source"]["file"].rsplit("/", 1)[-1], r["source"]["format"], len(r["declarations"])) for r in recs]
assert [g[1] for g in got] == ["docx", "xlsx", "pdf", "pdf-scanned", "ofd", "jpeg", "png", "tiff",
                               "doc", "xls", "rtf", "odt", "ods"], got
assert all(n >= 1 for _, _, n in got), got
assert all(r["source"]["converted_by"].startswith("libreoffice ") for r in recs[8:]), recs[8]["source"]
assert all("converted_by" not in r["source"] for r in recs[:8])
PY'
    check "every format: the summary counts them by format" \
      'grep -q "13 inputs, 13 read (doc 1, docx 1, jpeg 1, ods 1, odt 1, ofd 1, pdf 1, pdf-scanned 1, png 1, rtf 1, tiff 1, xls 1, xlsx 1), 0 failed (none)" "$tmp/mixed.err"'
  else
    check "every format: without LibreOffice the legacy files fail, saying how to install it" \
      'grep -q "8 read (docx 1, jpeg 1, ofd 1, pdf 1, pdf-scanned 1, png 1, tiff 1, xlsx 1), 5 failed (unsupported 5)" "$tmp/mixed.err" &&
       grep -q "i.doc: a .doc file, read through LibreOffice, which is not installed: install LibreOffice (Debian: apt-get install libreoffice-writer-nogui" "$tmp/mixed.err"'
  fi
fi
# without soffice on the PATH: a clear error record, the batch goes on
mkdir -p "$tmp/nolo"
cp "$src"/corpus/legacy/doc-variant-province-b.doc "$tmp/nolo/i.doc"
cp "$src"/corpus/docx/seed000-xiangyin.docx "$tmp/nolo/a.docx"
DECLX_SOFFICE=/nonexistent/soffice "$declx" batch -j 1 "$tmp/nolo" > "$tmp/nolo.jsonl" 2> "$tmp/nolo.err"
check "no LibreOffice: an unsupported record saying how to install it" \
  'grep -q "\"code\":\"unsupported\".*apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" "$tmp/nolo.jsonl" &&
   grep -q "2 inputs, 1 read (docx 1), 1 failed (unsupported 1)" "$tmp/nolo.err"'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
