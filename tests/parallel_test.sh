#!/usr/bin/env bash
# The README's GNU parallel recipe: the same batch cut into chunks and
# run by GNU parallel on workers named with --sshlogin (here two slots of
# the local machine, ':'), merged, equals `declx batch` on the same
# inputs, order aside. Skipped with a message when parallel is missing.
# Usage: parallel_test.sh DECLX SOURCE_DIR
set -u
declx=$1
src=$2
if ! command -v parallel >/dev/null; then
  echo "SKIP: GNU parallel is not installed (apt-get install parallel)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
cp "$src"/corpus/docx/variant-*.docx "$src"/corpus/pdf/chromium-*.pdf "$tmp/in/"
cp "$src"/tests/hostile/truncated-538.docx "$src"/tests/hostile/pdf-not-a-pdf.pdf "$tmp/in/"
# the recipe (README, "Beyond one machine")
find "$tmp/in" -type f -print0 |
  parallel --will-cite --pipe --recend '\0' -N 8 --sshlogin 2/: \
    "$declx" batch -q -0 -j 1 > "$tmp/parallel.jsonl"
rc=$?
"$declx" batch -q "$tmp/in" > "$tmp/batch.jsonl"
n=$(find "$tmp/in" -type f | wc -l)
fail=0
[ $rc -eq 1 ] || { echo "FAIL: parallel's exit status $rc, expected 1 (two bad files)"; fail=1; }
[ "$(wc -l < "$tmp/parallel.jsonl")" -eq "$n" ] || { echo "FAIL: not one record per input"; fail=1; }
cmp -s <(sort "$tmp/parallel.jsonl") <(sort "$tmp/batch.jsonl") ||
  { echo "FAIL: merged records differ from declx batch's"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $n inputs, the same records"
exit $fail
