#!/usr/bin/env bash
# declx batch -o postgresql://…: starts a real PostgreSQL server (Debian's
# package) on a temporary port and socket directory, loads good and bad
# files, and checks the rows against the SQLite output of the same
# inputs: every table's row count and the indicators' contents; a re-run
# replaces rather than duplicates; --resume skips what the database has;
# a bad URI is a one-line error. Skipped (exit 77) only when no server
# can be installed.
# Usage: pg_test.sh DECLX SOURCE_DIR
set -u
declx=$1
src=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "SKIP: no PostgreSQL server here (apt-get install postgresql; tools/install-deps.sh does)"
  exit 77
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
pass=0 fail=0
check() { # name, then a command that must succeed
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
# the server refuses to run as root: as the package's postgres user then
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$tmp/data" "$tmp/sock"
mkdir -p "$tmp/log"
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/data" "$tmp/sock" "$tmp/log"
port=$((20000 + RANDOM % 20000))
stop() { as_pg "$bin/pg_ctl" -D "$tmp/data" -m immediate stop > /dev/null 2>&1; rm -rf "$tmp"; }
trap stop EXIT
as_pg "$bin/initdb" -D "$tmp/data" -U declx --auth=trust -E UTF8 --locale=C.UTF-8 > "$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log"; echo "FAIL: initdb"; exit 1; }
as_pg "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/log/server.log" -w -t 60 \
  -o "-p $port -k $tmp/sock -c listen_addresses= -c fsync=off" start > /dev/null ||
  { cat "$tmp/log/server.log"; echo "FAIL: the server did not start"; exit 1; }
uri="postgresql://declx@/postgres?host=$tmp/sock&port=$port"
q() { "$bin/psql" -X -q -A -t -d "$uri" -c "$1"; }

mkdir -p "$tmp/in"
cp "$src"/corpus/docx/variant-county-template.docx "$tmp/in/a.docx"
cp "$src"/corpus/pdf/variant-summary-b.pdf "$tmp/in/b.pdf"
cp "$src"/corpus/docx/seed001-hengyang.docx "$tmp/in/c.docx"
printf 'plain text' > "$tmp/in/g.pdf"
"$declx" batch -q -o "$uri" "$tmp/in"
check "exit 1: one input failed" '[ $? -eq 1 ]'
"$declx" batch -q -o "$tmp/t.sqlite" "$tmp/in"
for t in documents declarations fields funds items indicators; do
  check "$t: as many rows as in SQLite" \
    '[ "$(q "select count(*) from $t")" = "$(sqlite3 "$tmp/t.sqlite" "select count(*) from $t")" ]'
done
cols="seq, horizon, level1, level2, level3, value_raw, value_kind, op, number, upper, unit, standard, confidence, flags"
q "select $cols from indicators order by declaration, seq" > "$tmp/pg.rows"
sqlite3 -separator "|" "$tmp/t.sqlite" "select $cols from indicators order by declaration, seq" > "$tmp/sqlite.rows"
check "indicators: the rows SQLite has" 'python3 - "$tmp/pg.rows" "$tmp/sqlite.rows" <<'"'"'PY'"'"'
import json, sys
def rows(path):
    out = []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("|")
        f[8:10] = [float(x) if x else None for x in f[8:10]]
        f[12] = float(f[12]) if f[12] else None
        f[13] = json.loads(f[13]) if f[13] else None
        out.append(f)
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert len(a) == len(b) > 0, (len(a), len(b))
assert a == b, next((x, y) for x, y in zip(a, b) if x != y)
PY'
check "the unit and year of the county form" \
  '[ "$(q "select unit || '"' '"' || fiscal_year from declarations where project_name = '"'高标准农田建设管护'"'")" = "平江县农业农村局 2024" ]'
check "the failed input is a document with its error" \
  '[ "$(q "select error_code from documents where error_code is not null")" = format ]'
check "the record is kept whole as JSONB" \
  '[ "$(q "select json->'"'source'"'->>'"'format'"' from documents where file like '"'%b.pdf'"'")" = pdf ]'
"$declx" batch -q -o "$uri" "$tmp/in"
check "a re-run replaces, not adds" '[ "$(q "select count(*) from documents")" = 4 ] &&
  [ "$(q "select count(*) from declarations")" = "$(sqlite3 "$tmp/t.sqlite" "select count(*) from declarations")" ]'
cp "$src"/corpus/docx/variant-letter.docx "$tmp/in/d.docx"
"$declx" batch -o "$uri" --resume "$tmp/in" 2> "$tmp/r.err"
check "--resume reads only the new input" 'grep -q "1 read (docx 1), 0 failed (none), 4 skipped" "$tmp/r.err" &&
  [ "$(q "select count(*) from documents")" = 5 ]'
# the hostile suite loads too: every input a document, nothing refused
"$declx" batch -q -j 2 --timeout 600 -o "$uri" "$src/tests/hostile" 2> "$tmp/h.err"
check "the hostile suite: one document per input" \
  '[ "$(q "select count(*) from documents where file like '"'%/hostile/%'"'")" -eq "$(find "$src/tests/hostile" ! -type d | wc -l)" ] && ! grep -q "cannot write" "$tmp/h.err"'
"$declx" batch -q -o "postgresql://declx@/postgres?host=$tmp/sock&port=1" "$tmp/in/a.docx" 2> "$tmp/bad.err"
check "an unreachable server: exit 1 and one line" \
  '[ $? -eq 1 ] && [ "$(wc -l < "$tmp/bad.err")" -eq 1 ] && grep -q "^declx: PostgreSQL: cannot open the database" "$tmp/bad.err"'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
