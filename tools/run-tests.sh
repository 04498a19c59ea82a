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
