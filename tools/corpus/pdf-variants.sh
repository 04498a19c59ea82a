#!/usr/bin/env bash
# PDFs of corpus forms drawn other ways, made from the LibreOffice PDFs in
# corpus/pdf with qpdf (no other producer here draws them so):
#   filled-NAME.pdf   every ruling line redrawn as a thin filled rectangle
#                     ("re f") instead of a stroke, as some producers do
#   rotated-NAME.pdf  every page turned with /Rotate 90, as a scanner
#                     driver or a viewer's "save rotated" leaves them
#   borderless-NAME.pdf  every ruling line removed: the table stands by
#                     the alignment of its text alone
# The expected JSON is NAME's, copied as PREFIX-NAME.json (corpus_test
# skips pages, boxes, origin, source and flags).
# Needs qpdf (qpdf, fix-qdf). Usage: tools/corpus/pdf-variants.sh KIND NAME...
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kind=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "$@"; do
  in="$root/corpus/pdf/$name.pdf"
  out="$root/corpus/pdf/$kind-$name.pdf"
  case "$kind" in
  rotated)
    qpdf --rotate=+90 "$in" "$out" ;;
  filled|borderless)
    qpdf --qdf --object-streams=disable "$in" "$work/q.pdf"
    python3 - "$work/q.pdf" "$work/e.pdf" "$kind" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
# LibreOffice draws each border as "q W w 0 J 1 j X1 Y1 m X2 Y2 l S Q"
pat = re.compile(rb'q ([0-9.]+) w 0 J 1 j\n([-0-9.]+) ([-0-9.]+) m\n([-0-9.]+) ([-0-9.]+) l S\nQ')
def fill(m):
    w, x1, y1, x2, y2 = (float(v) for v in m.groups())
    if sys.argv[3] == 'borderless':
        return b''
    if abs(y1 - y2) < 1e-3:  # horizontal
        x, y, rw, rh = min(x1, x2), y1 - w / 2, abs(x2 - x1), w
    else:
        x, y, rw, rh = x1 - w / 2, min(y1, y2), w, abs(y2 - y1)
    return b'q %.3f %.3f %.3f %.3f re f Q' % (x, y, rw, rh)
out, n = pat.subn(fill, data)
if n == 0:
    sys.exit('no strokes found')
open(sys.argv[2], 'wb').write(out)
PY
    fix-qdf "$work/e.pdf" > "$work/f.pdf"
    qpdf "$work/f.pdf" "$out" ;;
  *) echo "unknown kind $kind" >&2; exit 2 ;;
  esac
  "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$name.json" "$root/corpus/expected/$kind-$name.json" "$kind-$name.pdf"
  echo "wrote corpus/pdf/$kind-$name.pdf"
done
