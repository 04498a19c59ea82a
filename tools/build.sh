#!/usr/bin/env bash
# Configures and builds declx. Usage: tools/build.sh [BUILD_DIR] [BUILD_TYPE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build}
type=${2:-RelWithDebInfo}
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "$dir" -j "$(nproc)" >/dev/null
