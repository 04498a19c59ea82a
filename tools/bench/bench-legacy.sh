#!/usr/bin/env bash
# The cost of a legacy file read through LibreOffice: `declx extract` of
# one file of each legacy format of corpus/legacy/ (or the files given),
# each run R times (default 3), against the DOCX or XLSX it was made
# from. Per file, the median of the runs: wall time, CPU time (user +
# system, declx and LibreOffice's processes together: /usr/bin/time
# counts the children waited for) and peak RSS (the largest process's,
# LibreOffice's soffice.bin when it runs). The difference to the
# original is what the conversion costs.
# Usage: tools/bench/bench-legacy.sh [BUILD_DIR] [RUNS] [FILE...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
runs=${2:-3}
shift $(($# > 2 ? 2 : $#))
declx=$build/declx
command -v soffice > /dev/null || { echo "bench-legacy.sh: soffice is not installed" >&2; exit 1; }
if [ $# -eq 0 ]; then
  set -- "$root"/corpus/legacy/doc-seed003-shifeng.doc "$root"/corpus/legacy/rtf-seed003-shifeng.rtf \
    "$root"/corpus/legacy/odt-seed004-yongning.odt "$root"/corpus/legacy/xls-seed004-yongning.xls \
    "$root"/corpus/legacy/ods-variant-county-template.ods
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# one file, runs times: "wall cpu rss_mb" medians
measure() {
  local i
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$declx" -q extract "$1" > /dev/null || true
    awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$tmp/t"
  done > "$tmp/runs"
  local w c m
  w=$(cut -d' ' -f1 "$tmp/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  c=$(cut -d' ' -f2 "$tmp/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(cut -d' ' -f3 "$tmp/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$w $c $m"
}
echo "LibreOffice: $(soffice --version 2>/dev/null | head -1); $runs runs a file, medians"
printf '%-34s %8s %8s %8s   %-38s %8s %8s %8s\n' file wall_s cpu_s rss_mb original wall_s cpu_s rss_mb
for f in "$@"; do
  name=$(basename "$f")
  stem=${name%.*}
  fmt=${stem%%-*}
  stem=${stem#*-}
  case $fmt in
    xls | ods | et) orig=$root/corpus/xlsx/xlsx-$stem.xlsx ;;
    *) orig=$root/corpus/docx/$stem.docx ;;
  esac
  read -r w c m <<< "$(measure "$f")"
  if [ -f "$orig" ]; then
    read -r ow oc om <<< "$(measure "$orig")"
  else
    ow=- oc=- om=-
  fi
  printf '%-34s %8s %8s %8s   %-38s %8s %8s %8s\n' "$name" "$w" "$c" "$m" "$(basename "$orig")" "$ow" "$oc" "$om"
done
