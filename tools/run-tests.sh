#!/usr/bin/env bash
# Installs, builds, and runs the whole test suite: the normal build, then
# the ASan+UBSan build, both under ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh"
"$root/tools/build.sh" "$root/build" RelWithDebInfo
(cd "$root/build" && ctest --output-on-failure -j 2)
"$root/tools/build.sh" "$root/build-asan" Asan
(cd "$root/build-asan" && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j 2)
# A short, bounded libFuzzer run per target when clang is here (DX_FUZZ_SECONDS,
# default 30; 0 skips). Any crash, leak, hang or memory blow-up fails the run.
secs=${DX_FUZZ_SECONDS:-30}
if [ "$secs" != 0 ] && command -v clang >/dev/null; then
  CC=clang cmake -S "$root" -B "$root/build-fuzz" -DDX_FUZZ=ON -DCMAKE_BUILD_TYPE=Asan >/dev/null
  cmake --build "$root/build-fuzz" -j "$(nproc)" >/dev/null
  work=$(mktemp -d)
  ok=0 bad=0
  for t in docx xml text rules pdf layout archive ofd xlsx image; do
    if "$root/tools/fuzz-run.sh" "$t" "$secs" "$work" "$root/build-fuzz" > "$work/$t.log" 2>&1; then
      ok=$((ok + 1))
      echo "fuzz $t: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$t.log" | grep -o '[0-9]*$') executions, no finding"
    else
      bad=$((bad + 1))
      echo "fuzz $t: FINDING"; tail -40 "$work/$t.log"
    fi
  done
  echo "fuzz: $ok passed, $bad failed"
  rm -rf "$work"
  [ "$bad" -eq 0 ]
fi
