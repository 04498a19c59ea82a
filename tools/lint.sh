#!/usr/bin/env bash
# Static checks on the project's own C: clang-format (no diff), cppcheck,
# clang-tidy (.clang-tidy). Usage: tools/lint.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cd "$root"
srcs=$(ls extract/*.[ch] normalize/*.[ch] rules/*.[ch] tools/declx/*.[ch] tools/bench/*.c tests/*.[ch] tests/fuzz/*.[ch])
status=0
# a tool that is missing fails the check: a lint that did not run passed nothing
for tool in clang-format cppcheck clang-tidy; do
  command -v "$tool" >/dev/null || { echo "lint: $tool is not installed"; status=1; }
done
if command -v clang-format >/dev/null; then
  for f in $srcs; do
    clang-format "$f" | cmp -s - "$f" || { echo "clang-format: $f differs"; status=1; }
  done
fi
if command -v cppcheck >/dev/null; then
  out=$(cppcheck --enable=warning,performance,portability --quiet --std=c11 \
        -I extract -I normalize -I rules $srcs 2>&1) || true
  [ -z "$out" ] || { echo "$out"; status=1; }
fi
if command -v clang-tidy >/dev/null; then
  c_files=$(ls extract/*.c normalize/*.c rules/*.c tools/declx/*.c tools/bench/*.c tests/*.c tests/fuzz/*.c)
  clang-tidy -p "$build" --quiet $c_files > /tmp/dx-tidy.$$ 2>&1 || status=1
  grep -E "warning:|error:" /tmp/dx-tidy.$$ && status=1
  rm -f /tmp/dx-tidy.$$
fi
[ $status -eq 0 ] && echo "lint: 1 passed, 0 failed" || echo "lint: 0 passed, 1 failed"
exit $status
