#!/usr/bin/env bash
# Scans as a stranger would make them: other people, other machines and
# other habits than scan-pdf.sh's ladder and scan-other.sh, on forms of
# templates corpus/scan/ has no scan of (seed000, seed001, seed003,
# seed004, continued-table). A scan corpus made by one generator
# overstates declx; these are a check on it. Twenty-eight files:
#   fax15    a fax (1 bit, 204x98 dpi, Group 4) of seed004-yongning
#            turned 0.15 degrees: each pixel the mean of its sensor cell
#            (the sheet seen at 408x392 and averaged down, so a 0.5 pt
#            rule is two thirds of a line high and a line it straddles
#            goes white), black below 55 % grey, every 41st line lost in
#            transmission (white), an ASCII fax header on each page
#   fax80    the same machine on wk-seed000-xiangyin turned -0.8
#            degrees, every 17th line lost (a noisier line)
#   fax40    the same machine on chromium-seed002-hengdong turned 0.4
#            degrees, every 29th line lost: Chromium's one-pixel
#            borders come out two of the fax's rows thick, each a
#            staircase of flat runs
#   fax30    the same machine on cairo-variant-continued-table turned
#            -0.3 degrees, every 23rd line lost: cairo's thin strokes
#            of 二级/三级 in the header row come out broken
#   fax60    the same machine on lo-hair-variant-province-b (0.25 pt
#            LibreOffice hairlines) turned 0.6 degrees, every 37th line
#            lost: most of the form's rules do not survive the threshold
#   fax50    the same machine on gs-variant-dept-income-expenditure
#            (Ghostscript's print) turned -0.5 degrees, every 31st line
#            lost
#   fax20    the same machine on chrome-dot-variant-county-multi
#            (Chrome's dotted borders) turned 0.2 degrees, every 19th
#            line lost
#   faxdot   the same machine on chrome-dot-variant-dept-national
#            (Chrome's dotted borders, another template) turned -0.35
#            degrees, every 23rd line lost
#   faxsep   the same machine on chrome-sep-variant-sign-unit-columns
#            (a sign column and a unit column beside each value) turned
#            -0.45 degrees, every 27th line lost
#   faxcalc  the same machine on calc-variant-dept-tasks-budget
#            (LibreOffice Calc's print) turned 0.3 degrees, every 33rd
#            line lost
#   faxgs    the same machine on gs-seed003-shifeng (Ghostscript's print
#            of five declarations, thin grey rules) turned -0.25
#            degrees, every 21st line lost: most of the header rows'
#            rules lost
#   fax70    the same machine on lo-hair-variant-level-heading-rows
#            (0.25 pt hairlines, level names as heading rows) turned 0.7
#            degrees, every 43rd line lost
#   bw300    a 1-bit 300 dpi office scan (plain threshold, no grey, no
#            dither) of pages 1-8 of chrome-half-seed001-hengyang
#            (0.5 px borders, declarations 1-6): a bed a little wider
#            than A4 (8.5 in), the sheet 3 mm in from the corner, 0.35
#            degrees, optics slightly soft, sensor noise on the edges
#   hairq40  a 150 dpi grey scan of lo-hair-seed000-xiangyin (0.25 pt
#            LibreOffice hairlines), -0.45 degrees, the scanner's
#            sharpening and a lighter gamma, JPEG quality 40
#   skew2x2  a 2-page colour scan at 200 dpi (pages 7-8 of
#            lo-seed003-shifeng: declaration 5, one whole form): page 1
#            turned +2 degrees, page 2 -2 degrees, cream paper, a grey
#            lid around the turned sheet, colour JPEG 4:2:0 quality 75
#   copier   a dark, over-exposed photocopy of pages 1-6 of
#            seed001-hengyang (declarations 1-4) scanned at 200 dpi
#            grey: paper at about grey 200, ink at about 60, uneven
#            toner fog, toner specks, a drum scratch down the page, the
#            lid's shadow along one edge, 0.9 / -0.6 degrees, JPEG 65
#   copiertop the same copier on variant-county-multi, the lid's shadow
#            along the top edge
#   moire240 chrome-shade-seed003-shifeng (grey-shaded header cells)
#            printed in toner-save mode (black at 80 %) through a 45
#            degree halftone screen (6x6 cells at 600 dpi), scanned at
#            240 dpi turned 0.3 degrees: the screen beats with the
#            sensor grid (moire) in the shading, the rules and the
#            text; grey JPEG 70
#   phonebw  cairo-variant-continued-table photographed by a phone
#            scanner app in "black and white" mode: mild keystone, light
#            falling off to one side, lens blur, then the app's local
#            adaptive threshold; 1 bit at 220 dpi (PNG in the PDF)
#   mfp150   an office multifunction printer's colour scan at 150 dpi of
#            chrome-double-variant-two-horizons (double borders), -1.3
#            degrees, soft optics, a little noise, washed-out colour,
#            JPEG quality 45 (4:2:0)
#   grey240  a faint grey scan at 240 dpi of lo-dotdash-variant-dept-
#            national (LibreOffice's dash-dot borders), 0.9 degrees,
#            blurred, its blacks lifted to a quarter grey, JPEG 70
#   border200 a grey scan at 200 dpi of borderless-variant-summary-b (a
#            table with no borders at all), 0.5 degrees, JPEG 75
#   photo    a phone's colour photo of lo-dotdash-variant-province-b
#            (LibreOffice's dash-dot borders) lying on a wooden table:
#            the sheet not filling the frame, keystone (its top 9 %
#            narrower), turned 1.5 degrees, the light falling to half
#            towards one corner, lens blur, about 165 dpi on the sheet,
#            colour JPEG 80 (1800 x 2400); the phone's "save as PDF"
#            puts it on an A4 page fitted to the width (white above and
#            below), its own small PDF writer, not img2pdf
#   colour300 an office scanner's 300 dpi colour scan of
#            calc-seed002-hengdong (LibreOffice Calc's print, 3 pages, a
#            table over all three), yellowish paper, 0.6 / -0.55
#            degrees, slight blur, JPEG 85 (4:2:0); its firmware writes
#            each page as bands of 256 rows, one JPEG image each
#   bleed    a duplex print on thin paper of chrome-gaps-variant-
#            county-multi (Chrome's borders with gaps at the joints,
#            three declarations on one page), its back
#            wk-variant-level-heading-rows (another form, rules and
#            all): the back's print shows through mirrored at 15 %
#            darkness, diffused by the paper; scanned at 200 dpi grey,
#            0.6 degrees, slight blur, JPEG 70
#   twoup    a "2 pages per sheet" copy of pages 1-4 of
#            cairo-seed004-yongning (declarations 1-3, the third over
#            pages 3-4): two consecutive pages reduced to 69 % side by
#            side on an A4 landscape sheet, scanned at 300 dpi grey,
#            0.3 degrees, JPEG 80; one PDF page (842 x 595 pt) holds
#            two form pages
#   faxfine  another fax machine, in fine mode (204x196 dpi, black below
#            50 % grey, its own header line), on lo-variant-w14-checkbox
#            (LibreOffice's print of Word's content-control checkboxes:
#            the ticked ☒ wrapped alone onto the option's second line)
#            turned 0.5 degrees, every 53rd line lost
#   pmono    a fax made with no sensor's averaging: poppler's own 1-bit
#            rendering at 204x98 dpi (pdftoppm -mono) of
#            wk-variant-county-multi turned -0.6 degrees by nearest pixel
#            (fax-mono.py: one-pixel rules break into steps and pieces),
#            every 23rd line lost
#   pmchrome the same kind of fax of chromium-variant-county-multi,
#            turned -0.3 degrees, every 19th line lost (its tables' top
#            borders lost but for their sides)
#   pmdash   the same kind of fax of a form with LibreOffice's dash-dot
#            borders (lo-dotdash-variant-county-multi), turned 0.8
#            degrees, every 41st line lost: its dashes and dots, one
#            pixel across, are left in short pieces
#   pmdashp, pmdashn  the same of lo-dotdash-variant-province-b (-0.4
#            degrees, every 31st line lost) and -dept-national (0.3,
#            every 17th)
# Every page but the pm* rungs' is rendered with pdftoppm -thinlinemode shape: a rule
# thinner than a pixel comes out as a grey line of its share of the
# pixel, as a sensor sees it (pdftoppm's default draws it as a whole
# black pixel: a 0.25 pt hairline at 150 dpi is black, not grey ~125).
# A scan of part of a document (bw300, skew2x2, copier, twoup) cuts it where no
# declaration crosses the cut; its expected JSON is the source's with
# only those declarations and their table numbers counted from the
# first kept table. Otherwise the expected JSON is the source form's
# (corpus/expected/SOURCE.json) with the new file name. corpus_test
# skips pages, boxes, origin, source and flags.
# Usage: tools/corpus/scan-stranger.sh [CORPUS_DIR [RUNG...]]
#   (default: corpus/, every rung)
# Writes CORPUS_DIR/scan/scan-RUNG-SOURCE.pdf and
# CORPUS_DIR/expected/scan-RUNG-SOURCE.json. Seeded, one ImageMagick
# thread: the same run gives the same bytes (with the same poppler,
# ImageMagick and img2pdf). Needs poppler-utils (pdfseparate and
# pdfunite pick pages), imagemagick, img2pdf, python3 and
# fonts-dejavu-core (the fax header).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/corpus}
rungs=("${@:2}")
mkdir -p "$out/scan" "$out/expected"
export MAGICK_THREAD_LIMIT=1 OMP_THREAD_LIMIT=1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mono=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf

# want RUNG: whether to make RUNG (the rungs asked for, or all)
want() {
  [ ${#rungs[@]} = 0 ] && return 0
  local r
  for r in "${rungs[@]}"; do [ "$r" = "$1" ] && return 0; done
  return 1
}

# source NAME [FIRST LAST DFIRST DLAST]: $t/src.pdf, the corpus PDF or
# its pages FIRST-LAST, and $t/exp.json, its expected JSON (declarations
# DFIRST-DLAST, counted from 0, when a part)
source_pdf() {
  rm -rf "${t:?}"/*
  local name=$1
  if [ $# -gt 1 ]; then
    pdfseparate -f "$2" -l "$3" "$root/corpus/pdf/$name.pdf" "$t/sel-%03d.pdf"
    pdfunite "$t"/sel-*.pdf "$t/src.pdf"
    rm "$t"/sel-*.pdf
  else
    cp "$root/corpus/pdf/$name.pdf" "$t/src.pdf"
  fi
  python3 - "$root/corpus/expected/$name.json" "$t/exp.json" "${4:-}" "${5:-}" <<'PY'
import json, sys
src, dst, first, last = sys.argv[1:5]
d = json.load(open(src, encoding='utf-8'))
if first:
    d['declarations'] = d['declarations'][int(first):int(last) + 1]
    ats = []
    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == 'at' and isinstance(v, dict) and isinstance(v.get('table'), int):
                    ats.append(v)
                else:
                    walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(d)
    off = min(a['table'] for a in ats)
    for a in ats:
        a['table'] -= off
with open(dst, 'w', encoding='utf-8') as f:
    json.dump(d, f, ensure_ascii=False, indent=2)
    f.write('\n')
PY
}

# render PDFTOPPM_OPTION...: $t/src.pdf's pages as $t/p-N.png. A rule
# thinner than a pixel is drawn as its share of the pixel's area (grey),
# as a sensor sees it: pdftoppm's default widens it to one black pixel.
render() {
  pdftoppm -thinlinemode shape "$@" -png "$t/src.pdf" "$t/p"
}

# finish FILE IMAGE...: the images as an image-only PDF and the expected JSON
finish() {
  local file=$1
  shift
  # img2pdf's own PDF writer: no random trailer ID, the same bytes each run
  img2pdf --engine internal --producer "" --nodate "$@" -o "$out/scan/$file.pdf"
  finished "$file"
}

# finished FILE: $out/scan/FILE.pdf written; its expected JSON, and a
# check that it holds no text
finished() {
  local file=$1
  python3 - "$t/exp.json" "$out/expected/$file.json" "$file.pdf" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d['source'] = {'file': sys.argv[3], 'format': 'pdf-scanned', 'pages': None}
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    json.dump(d, f, ensure_ascii=False, indent=2)
    f.write('\n')
PY
  if pdffonts "$out/scan/$file.pdf" | tail -n +3 | grep -q .; then
    echo "scan-stranger.sh: $file.pdf has fonts" >&2
    exit 1
  fi
  echo "$file: $(pdfinfo "$out/scan/$file.pdf" | awk '/^Pages:/ { print $2 }') pages," \
    "$(stat -c %s "$out/scan/$file.pdf") bytes"
}

# jpeg_pdf OUT PAGES: a PDF written as a small program (a phone app, a
# scanner's firmware) writes one, not by img2pdf: each line of PAGES is
# a page, "W H" in points, then any number of "JPEG X Y IW IH" (an image
# and its box in points, from the page's bottom left); each JPEG is
# stored as it is (DCTDecode). No dates, no ID: the same bytes each run.
jpeg_pdf() {
  python3 - "$1" "$2" <<'PY'
import sys

def sof(data):
    """A JPEG's width, height and number of components (its SOF)."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        m = data[i + 1]
        n = int.from_bytes(data[i + 2:i + 4], 'big')
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h = int.from_bytes(data[i + 5:i + 7], 'big')
            w = int.from_bytes(data[i + 7:i + 9], 'big')
            return w, h, data[i + 9]
        i += 2 + n
    raise SystemExit('jpeg_pdf: no SOF')

pages = [l.split() for l in open(sys.argv[2]).read().splitlines() if l.strip()]
objs = []  # object bodies (bytes); object k + 1 is objs[k]
def add(body):
    objs.append(body)
    return len(objs)
def num(v):
    return ('%.4f' % v).rstrip('0').rstrip('.')
catalog = add(None)
tree = add(None)
kids = []
for p in pages:
    pw, ph, rest = float(p[0]), float(p[1]), p[2:]
    names, ops = [], []
    for k in range(0, len(rest), 5):
        f, x, y, w, h = rest[k], *map(float, rest[k + 1:k + 5])
        data = open(f, 'rb').read()
        iw, ih, nc = sof(data)
        cs = {1: '/DeviceGray', 3: '/DeviceRGB', 4: '/DeviceCMYK'}[nc]
        im = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s '
                 b'/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n'
                 % (iw, ih, cs.encode(), len(data)) + data + b'\nendstream')
        names.append('/Im%d %d 0 R' % (len(names), im))
        ops.append('q %s 0 0 %s %s %s cm /Im%d Do Q' % (num(w), num(h), num(x), num(y), len(names) - 1))
    content = '\n'.join(ops).encode()
    c = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
    kids.append(add(('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources '
                     '<< /XObject << %s >> >> /Contents %d 0 R >>'
                     % (tree, num(pw), num(ph), ' '.join(names), c)).encode()))
objs[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % tree
objs[tree - 1] = ('<< /Type /Pages /Kids [%s] /Count %d >>'
                  % (' '.join('%d 0 R' % k for k in kids), len(kids))).encode()
out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offs = []
for k, body in enumerate(objs):
    offs.append(len(out))
    out += b'%d 0 obj\n' % (k + 1) + body + b'\nendobj\n'
xref = len(out)
out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
out += b''.join(b'%010d 00000 n \n' % o for o in offs)
out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, catalog, xref)
open(sys.argv[1], 'wb').write(out)
PY
}

# fax FILE ANGLE PERIOD PHASE: a fax in standard resolution (204x98
# dpi): the sheet seen at twice the resolution each way and averaged
# down (each pixel the mean of its sensor cell), black below 55 % grey;
# every PERIOD-th line from PHASE lost in transmission (white)
# A fax machine's send: the page rendered at 408x392 dpi, skewed by
# angle, the machine's header line stamped on (pointsize, offset, and
# the function printing it for page k of n), reduced to 204 dpi across
# and vdpi down (98 standard, 196 fine), black below threshold, every
# period-th line from phase lost.
send_fax() {
  local file=$1 angle=$2 period=$3 phase=$4 vdpi=$5 threshold=$6 pointsize=$7 at=$8 header=$9
  local k=0 n p w h drops y down=$((392 / vdpi))
  render -rx 408 -ry 392 -gray
  n=$(ls "$t"/p-*.png | wc -l)
  for p in "$t"/p-*.png; do
    k=$((k + 1))
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    drops=()
    for ((y = phase; y < h / down; y += period)); do drops+=(-draw "rectangle 0,$y $((w / 2)),$y"); done
    convert "$p" -virtual-pixel white -distort SRT "$angle" \
      -font "$mono" -pointsize "$pointsize" -density 408x392 -fill black -gravity northwest \
      -annotate "$at" "$("$header" "$k" "$n")" \
      -filter Box -resize "50%x$((100 / down))%" -threshold "$threshold" \
      -fill white -stroke none "${drops[@]}" \
      -type bilevel -compress Group4 -units PixelsPerInch -density "204x$vdpi" "${p%.png}.tif"
  done
  finish "$file" "$t"/p-*.tif
}

# the header of the standard-mode machine, page $1 of $2
standard_header() {
  printf 'MAR-12-2024 09:%02d  FROM:0734 8452 1077   TO:8452 9316        P.%02d/%02d' \
    $((41 + $1 / 3)) "$1" "$2"
}

# a standard-mode fax (204x98 dpi, black below 55 % grey)
fax() {
  send_fax "$1" "$2" "$3" "$4" 98 55% 9 +80+36 standard_header
}

# fax15: seed004-yongning, 0.15 degrees, every 41st line lost
if want fax15; then
  source_pdf seed004-yongning
  fax scan-fax15-seed004-yongning 0.15 41 23
fi

# fax80: wk-seed000-xiangyin, -0.8 degrees, every 17th line lost
if want fax80; then
  source_pdf wk-seed000-xiangyin
  fax scan-fax80-wk-seed000-xiangyin -0.8 17 5
fi

# fax40: chromium-seed002-hengdong, 0.4 degrees, every 29th line lost
if want fax40; then
  source_pdf chromium-seed002-hengdong
  fax scan-fax40-chromium-seed002-hengdong 0.4 29 11
fi

# fax30: cairo-variant-continued-table, -0.3 degrees, every 23rd line lost
if want fax30; then
  source_pdf cairo-variant-continued-table
  fax scan-fax30-cairo-variant-continued-table -0.3 23 7
fi

# fax60: lo-hair-variant-province-b, 0.6 degrees, every 37th line lost
if want fax60; then
  source_pdf lo-hair-variant-province-b
  fax scan-fax60-lo-hair-variant-province-b 0.6 37 3
fi

# fax50: gs-variant-dept-income-expenditure, -0.5 degrees, every 31st line lost
if want fax50; then
  source_pdf gs-variant-dept-income-expenditure
  fax scan-fax50-gs-variant-dept-income-expenditure -0.5 31 9
fi

# faxdot: chrome-dot-variant-dept-national, -0.35 degrees, every 23rd line lost
if want faxdot; then
  source_pdf chrome-dot-variant-dept-national
  fax scan-faxdot-chrome-dot-variant-dept-national -0.35 23 6
fi

# faxsep: chrome-sep-variant-sign-unit-columns (a sign column and a unit
# column beside the value), -0.45 degrees, every 27th line lost
if want faxsep; then
  source_pdf chrome-sep-variant-sign-unit-columns
  fax scan-faxsep-chrome-sep-variant-sign-unit-columns -0.45 27 5
fi

# fax20: chrome-dot-variant-county-multi, 0.2 degrees, every 19th line lost
if want fax20; then
  source_pdf chrome-dot-variant-county-multi
  fax scan-fax20-chrome-dot-variant-county-multi 0.2 19 4
fi

# fax70: lo-hair-variant-level-heading-rows, 0.7 degrees, every 43rd line lost
if want fax70; then
  source_pdf lo-hair-variant-level-heading-rows
  fax scan-fax70-lo-hair-variant-level-heading-rows 0.7 43 13
fi

# bw300: a 1-bit office scan at 300 dpi, 8 of 22 pages
if want bw300; then
  source_pdf chrome-half-seed001-hengyang 1 8 0 5
  render -r 300 -gray
  for p in "$t"/p-*.png; do
    h=$(identify -format %h "$p")
    # the bed: 8.5 in wide, the sheet 3 mm (35 px) from the left and top
    convert "$p" -seed 301 -virtual-pixel white -distort SRT 0.35 \
      -background white -gravity northwest -splice 35x35 -extent "2550x$((h + 35))" \
      -blur 0x0.8 -attenuate 0.35 +noise Gaussian -threshold 52% \
      -type bilevel -compress Group4 -units PixelsPerInch -density 300 "${p%.png}.tif"
  done
  finish scan-bw300-chrome-half-seed001-hengyang-p1-8 "$t"/p-*.tif
fi

# hairq40: 150 dpi grey, 0.25 pt hairlines, JPEG 40
if want hairq40; then
  source_pdf lo-hair-seed000-xiangyin
  render -r 150 -gray
  for p in "$t"/p-*.png; do
    convert "$p" -seed 150 -virtual-pixel white -distort SRT -0.45 \
      -unsharp 0x1.2+0.9+0.02 -gamma 1.25 -attenuate 0.15 +noise Gaussian \
      -colorspace Gray -quality 40 -units PixelsPerInch -density 150 "${p%.png}.jpg"
  done
  finish scan-hairq40-lo-hair-seed000-xiangyin "$t"/p-*.jpg
fi

# skew2x2: two pages, +2 and -2 degrees, colour
if want skew2x2; then
  source_pdf lo-seed003-shifeng 7 8 4 4
  render -r 200
  k=0
  for p in "$t"/p-*.png; do
    k=$((k + 1))
    a=2
    [ "$k" = 2 ] && a=-2
    convert "$p" -seed $((200 + k)) \
      '(' +clone -fill '#f3eddc' -colorize 100 ')' -compose Multiply -composite -compose Over \
      -virtual-pixel background -background '#cfcfcb' -distort SRT "$a" \
      -blur 0x0.5 -attenuate 0.2 +noise Gaussian \
      -sampling-factor 2x2 -quality 75 -units PixelsPerInch -density 200 "${p%.png}.jpg"
  done
  finish scan-skew2x2-lo-seed003-shifeng-p7-8 "$t"/p-*.jpg
fi

# copier FILE SEED EDGE: a dark, over-exposed photocopy of $t/src.pdf,
# then scanned at 200 dpi grey; the lid's shadow along EDGE (left or top)
copier() {
  local file=$1 seed=$2 edge=$3 k=0 p w h a sx lid
  render -r 200 -gray
  for p in "$t"/p-*.png; do
    k=$((k + 1))
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    a=0.9
    [ $((k % 2)) = 0 ] && a=-0.6
    sx=$((w * (55 + 7 * k) / 100))
    lid="rectangle 0,0 22,$h"
    [ "$edge" = top ] && lid="rectangle 0,0 $w,26"
    # toner specks: about 1 pixel in 1000 grown to a dot of 2-4 px, at
    # about grey 85 once levelled (the ink's 60 is darker)
    convert -size "${w}x$h" xc:gray50 -seed $((seed + k)) -attenuate 1 +noise Uniform \
      -channel R -separate +channel -threshold 99.9% -negate \
      -morphology Erode Disk:1 -blur 0x0.7 -threshold 55% +level 18%,100% "$t/speck.png"
    # toner fog: darker towards the top right
    convert -size "${w}x$h" -define gradient:angle=35 gradient:'#ffffff-#d0d0d0' "$t/fog.png"
    convert "$p" -virtual-pixel white -distort SRT "$a" -blur 0x0.9 \
      "$t/fog.png" -compose Multiply -composite \
      "$t/speck.png" -compose Multiply -composite -compose Over \
      -fill gray55 -draw "rectangle $sx,0 $((sx + 1)),$h" \
      +level 24%,79% \
      -fill gray20 -draw "$lid" \
      -seed $((seed + 100 + k)) -attenuate 0.3 +noise Gaussian \
      -colorspace Gray -quality 65 -units PixelsPerInch -density 200 "${p%.png}.jpg"
  done
  finish "$file" "$t"/p-*.jpg
}

# copier: seed001-hengyang, declarations 1-4, the lid along the left edge
if want copier; then
  source_pdf seed001-hengyang 1 6 0 3
  copier scan-copier-seed001-hengyang-p1-6 600 left
fi

# copiertop: variant-county-multi, the lid's shadow along the top (a
# long dark band there passes for a straight rule and holds the skew at 0)
if want copiertop; then
  source_pdf variant-county-multi
  copier scan-copiertop-variant-county-multi 640 top
fi

# moire240: halftoned toner-save print, scanned at 240 dpi
if want moire240; then
  source_pdf chrome-shade-seed003-shifeng
  render -r 600 -gray
  for p in "$t"/p-*.png; do
    convert "$p" +level 20%,100% -ordered-dither h6x6a \
      -virtual-pixel white -distort SRT 0.3 -filter Triangle -resize 40% \
      -seed 240 -attenuate 0.15 +noise Gaussian \
      -colorspace Gray -quality 70 -units PixelsPerInch -density 240 "${p%.png}.jpg"
    rm "$p"
  done
  finish scan-moire240-chrome-shade-seed003-shifeng "$t"/p-*.jpg
fi

# phonebw: a phone scanner app's black-and-white mode
if want phonebw; then
  source_pdf cairo-variant-continued-table
  render -r 220
  for p in "$t"/p-*.png; do
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    convert "$p" -virtual-pixel white \
      -distort Perspective "0,0 $((w * 15 / 1000)),$((h * 8 / 1000))  $w,0 $((w - w * 4 / 1000)),0  $w,$h $w,$h  0,$h $((w * 9 / 1000)),$((h - h * 6 / 1000))" \
      '(' -size "${h}x$w" gradient:'#fbf8f2-#8d8a84' -rotate 90 ')' -compose Multiply -composite -compose Over \
      -blur 0x1.1 -seed 220 -attenuate 0.4 +noise Gaussian -colorspace Gray \
      -lat 31x31-7% -type bilevel -units PixelsPerInch -density 220 "${p%.png}-bw.png"
  done
  finish scan-phonebw-cairo-variant-continued-table "$t"/p-*-bw.png
fi

if want mfp150; then
  source_pdf chrome-double-variant-two-horizons
  render -r 150
  for p in "$t"/p-*.png; do
    convert "$p" -seed 151 -virtual-pixel white -distort SRT -1.3 -blur 0x0.7 \
      -attenuate 0.25 +noise Gaussian -modulate 100,80 -quality 45 -sampling-factor 4:2:0 \
      -units PixelsPerInch -density 150 "${p%.png}.jpg"
  done
  finish scan-mfp150-chrome-double-variant-two-horizons "$t"/p-*.jpg
fi

if want grey240; then
  source_pdf lo-dotdash-variant-dept-national
  render -r 240 -gray
  for p in "$t"/p-*.png; do
    convert "$p" -seed 241 -virtual-pixel white -distort SRT 0.9 -blur 0x0.9 \
      -level 0%,100%,1.6 +level 25%,100% -attenuate 0.2 +noise Gaussian \
      -colorspace Gray -quality 70 -units PixelsPerInch -density 240 "${p%.png}.jpg"
  done
  finish scan-grey240-lo-dotdash-variant-dept-national "$t"/p-*.jpg
fi

if want border200; then
  source_pdf borderless-variant-summary-b
  render -r 200 -gray
  for p in "$t"/p-*.png; do
    convert "$p" -seed 201 -virtual-pixel white -distort SRT 0.5 -blur 0x0.8 \
      -attenuate 0.2 +noise Gaussian -colorspace Gray -quality 75 \
      -units PixelsPerInch -density 200 "${p%.png}.jpg"
  done
  finish scan-border200-borderless-variant-summary-b "$t"/p-*.jpg
fi

# photo: a phone's colour photo of the sheet lying on a wooden table,
# put into a PDF by the phone's "save as PDF": an A4 page, the photo
# fitted to its width
if want photo; then
  source_pdf lo-dotdash-variant-province-b
  render -r 200
  for p in "$t"/p-*.png; do
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    # the table: a canvas 27 % wider and 20 % taller than the sheet, grain
    # along it; the sheet 11 % from its left and 8 % from its top
    cw=$((w * 127 / 100)) ch=$((h * 120 / 100))
    convert -size "$((cw / 8))x$((ch / 8))" -seed 170 plasma:fractal -colorspace Gray \
      -motion-blur 0x6+0 -resize "${cw}x$ch!" +level-colors '#4e3520,#a37d57' "$t/table.png"
    # keystone: the phone tilted back, the sheet's top 9 % narrower than
    # its foot, turned 1.5 degrees; the frame 3:4 (1800 x 2400, the
    # sheet about 165 dpi); the light falling to half towards the top
    # right corner (the phone's shadow); lens blur, JPEG 80
    convert "$t/table.png" \
      '(' "$p" '(' +clone -fill '#faf8f2' -colorize 100 ')' -compose Multiply -composite ')' \
      -geometry "+$((w * 11 / 100))+$((h * 8 / 100))" -compose Over -composite \
      -virtual-pixel mirror \
      -distort Perspective "0,0 $((cw * 7 / 100)),$((ch * 4 / 100))  $cw,0 $((cw - cw * 3 / 100)),$((ch * 2 / 100))  $cw,$ch $cw,$ch  0,$ch $((cw * 2 / 100)),$((ch - ch * 1 / 100))" \
      -distort SRT 1.5 -resize 1800x2400! \
      '(' -size 180x240 xc:white -fx '0.97 - 0.5 * pow(max(0, (i / w + 1 - j / h) / 2 - 0.35) / 0.65, 1.6)' \
      -resize 1800x2400! ')' \
      -compose Multiply -composite -compose Over \
      -blur 0x1.3 -seed 171 -attenuate 0.35 +noise Gaussian \
      -sampling-factor 2x2 -quality 80 "${p%.png}.jpg"
  done
  file=scan-photo-lo-dotdash-variant-province-b
  for j in "$t"/p-*.jpg; do
    # 1800 x 2400 px on the page's width: 595.28 x 793.71 pt, centred
    echo "595.28 841.89 $j 0 24.09 595.28 793.71"
  done >"$t/pages"
  jpeg_pdf "$out/scan/$file.pdf" "$t/pages"
  finished "$file"
fi

# colour300: an office scanner's 300 dpi colour scan, its firmware
# storing each page as bands of 256 rows, one JPEG each
if want colour300; then
  source_pdf calc-seed002-hengdong
  render -r 300
  file=scan-colour300-calc-seed002-hengdong
  k=0
  for p in "$t"/p-*.png; do
    k=$((k + 1))
    a=0.6
    [ $((k % 2)) = 0 ] && a=-0.55
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    convert "$p" '(' +clone -fill '#f5edcf' -colorize 100 ')' -compose Multiply -composite \
      -compose Over -background '#e8e6df' -rotate "$a" -gravity center -extent "${w}x$h" +repage \
      -blur 0x0.6 -seed $((300 + k)) -attenuate 0.05 +noise Gaussian "$t/s-$k.png"
    line="$(awk -v w="$w" -v h="$h" 'BEGIN { printf "%.2f %.2f", w * 72 / 300, h * 72 / 300 }')"
    for ((y = 0; y < h; y += 256)); do
      bh=$((h - y < 256 ? h - y : 256))
      b=$(printf '%s/b-%02d-%03d.jpg' "$t" "$k" $((y / 256)))
      convert "$t/s-$k.png" -crop "${w}x$bh+0+$y" +repage -sampling-factor 2x2 -quality 85 "$b"
      line+=" $b 0 $(awk -v y="$y" -v bh="$bh" -v h="$h" -v w="$w" 'BEGIN {
        printf "%.2f %.2f %.2f", (h - y - bh) * 72 / 300, w * 72 / 300, bh * 72 / 300 }')"
    done
    echo "$line"
  done >"$t/pages"
  jpeg_pdf "$out/scan/$file.pdf" "$t/pages"
  finished "$file"
fi

# faxgs: gs-seed003-shifeng (Ghostscript's print of five declarations),
# -0.25 degrees, every 21st line lost
if want faxgs; then
  source_pdf gs-seed003-shifeng
  fax scan-faxgs-gs-seed003-shifeng -0.25 21 11
fi

# faxcalc: calc-variant-dept-tasks-budget (LibreOffice Calc's print of a
# department's tasks and budget), 0.3 degrees, every 33rd line lost
if want faxcalc; then
  source_pdf calc-variant-dept-tasks-budget
  fax scan-faxcalc-calc-variant-dept-tasks-budget 0.3 33 9
fi

# bleed: a duplex print on thin paper, the back showing through
if want bleed; then
  source_pdf chrome-gaps-variant-county-multi
  render -r 200 -gray
  pdftoppm -thinlinemode shape -r 200 -gray -f 1 -l 1 -singlefile -png \
    "$root/corpus/pdf/wk-variant-level-heading-rows.pdf" "$t/back"
  for p in "$t"/p-*.png; do
    w=$(identify -format %w "$p") h=$(identify -format %h "$p")
    # the back seen through the sheet: mirrored, diffused by the paper,
    # its black at 15 % grey (white stays white), on the front's size
    convert "$t/back.png" -flop -resize "${w}x$h!" -blur 0x1.6 +level 85%,100% "$t/through.png"
    convert "$p" "$t/through.png" -compose Multiply -composite -compose Over \
      -virtual-pixel white -distort SRT 0.6 -blur 0x0.6 \
      -seed 202 -attenuate 0.15 +noise Gaussian \
      -colorspace Gray -quality 70 -units PixelsPerInch -density 200 "${p%.png}.jpg"
  done
  finish scan-bleed-chrome-gaps-variant-county-multi "$t"/p-*.jpg
fi

# twoup: "2 pages per sheet", pages 1-4 (declarations 1-3) on two A4
# landscape sheets, each page at 69 % in its half, scanned at 300 dpi
if want twoup; then
  source_pdf cairo-seed004-yongning 1 4 0 2
  # 69 % of 300 dpi: an A4 page is 1711 x 2420 px, the sheet 3508 x 2480
  render -r 207 -gray
  pages=("$t"/p-*.png)
  for ((k = 0; k < ${#pages[@]}; k += 2)); do
    s=$(printf '%s/s-%02d' "$t" $((k / 2 + 1)))
    convert -size 3508x2480 xc:white \
      "${pages[k]}" -gravity center -geometry -877+0 -composite \
      "${pages[k + 1]}" -gravity center -geometry +877+0 -composite \
      -virtual-pixel white -distort SRT 0.3 -blur 0x0.5 \
      -seed $((300 + k)) -attenuate 0.12 +noise Gaussian \
      -colorspace Gray -quality 80 -units PixelsPerInch -density 300 "$s.jpg"
  done
  finish scan-twoup-cairo-seed004-yongning-p1-4 "$t"/s-*.jpg
fi

# faxfine: another fax machine in fine mode (204x196 dpi): black below 50 %
# grey, every PERIOD-th line from PHASE lost; its header line its own
# the header of the fine-mode machine, page $1
fine_header() {
  printf '2024/03/18 14:%02d  COUNTY FINANCE BUREAU  +86 731 5521 0093  #%03d P%d' \
    $((12 + $1)) 417 "$1"
}

# another machine's fine-mode fax (204x196 dpi, black below 50 % grey)
faxfine() {
  send_fax "$1" "$2" "$3" "$4" 196 50% 8 +60+30 fine_header
}
if want faxfine; then
  source_pdf lo-variant-w14-checkbox
  faxfine scan-faxfine-lo-variant-w14-checkbox 0.5 53 7
fi

# pm RUNG SOURCE ANGLE PERIOD: poppler's 1-bit rendering of SOURCE
# turned ANGLE degrees and every PERIOD-th line lost by fax-mono.py,
# written as scan-RUNG-SOURCE
pm() {
  want "$1" || return 0
  source_pdf "$2"
  pdftoppm -mono -rx 204 -ry 98 "$t/src.pdf" "$t/m"
  python3 "$root/tools/corpus/fax-mono.py" "$out/scan/scan-$1-$2.pdf" "$3" "$4" "$t/m"
  finished "scan-$1-$2"
}
pm pmono wk-variant-county-multi -0.6 23
pm pmchrome chromium-variant-county-multi -0.3 19
pm pmdash lo-dotdash-variant-county-multi 0.8 41
pm pmdashp lo-dotdash-variant-province-b -0.4 31
pm pmdashn lo-dotdash-variant-dept-national 0.3 17
