#!/usr/bin/env bash
# Runs declx on every file of tests/hostile/ under a CPU-time limit and an
# address-space cap, and checks its answer against MANIFEST: "error" wants
# exit 1 and exactly one stderr line "declx: FILE: reason"; "ok" wants exit
# 0 and one JSON object; "any" accepts either. A crash (signal), a runaway
# (past SECONDS of CPU time) or running out of the memory cap always fails.
# The limit counts work, not wall time, so a busy machine does not fail the
# test (the slowest file, 2 000 pages, takes ~2 s of CPU, ~60 s under
# the sanitizers: the limits are 10x those); a process that hangs
# without using the CPU is stopped after 10 x SECONDS of wall time.
# Usage: hostile_test.sh DECLX HOSTILE_DIR [SECONDS] [MEMORY_MB]
set -u
declx=$1
dir=$2
secs=${3:-20}
mem=${4:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
while IFS=$'\t' read -r name want; do
  case "$name" in ''|'#'*) continue ;; esac
  f="$dir/$name"
  start=$(date +%s.%N)
  caps=(--cpu="$secs")
  # sanitizers reserve address space: no cap there
  [ -n "${DX_NO_MEMCAP:-}" ] || caps+=(--as=$((mem * 1024 * 1024)))
  timeout $((secs * 10)) prlimit "${caps[@]}" "$declx" extract "$f" > "$tmp/out" 2> "$tmp/err"; rc=$?
  t=$(echo "$(date +%s.%N) - $start" | bc -l)
  why=""
  if [ $rc -eq 124 ]; then why="hung past $((secs * 10))s of wall time"
  elif [ $rc -eq $((128 + 24)) ]; then why="ran past ${secs}s of CPU time"
  elif [ $rc -ge 128 ]; then why="killed by signal $((rc - 128))"
  elif [ $rc -ne 0 ] && [ $rc -ne 1 ]; then why="exit status $rc"
  elif [ $rc -eq 1 ]; then
    [ "$want" = ok ] && why="failed: $(head -c 200 "$tmp/err")"
    [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "^declx: $f: ." "$tmp/err" || why="${why:-error is not one line naming the file: $(head -c 200 "$tmp/err")}"
  else
    [ "$want" = error ] && why="read without error"
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out" 2>/dev/null || why="${why:-output is not JSON}"
  fi
  if [ -z "$why" ]; then
    pass=$((pass + 1))
    printf 'ok   %-32s %5.2fs  %s\n' "$name" "$t" "$(head -c 120 "$tmp/err")"
  else
    fail=$((fail + 1))
    printf 'FAIL %-32s %5.2fs  %s\n' "$name" "$t" "$why"
  fi
done < "$dir/MANIFEST"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
