#!/usr/bin/env bash
# Scanned PDFs for corpus/scan/: corpus PDFs printed and scanned, as
# ../shared/notes/making-test-documents.md describes: each page rendered
# in grey at 200 dpi, turned a little (0.3-1.2 degrees, one way or the
# other), blurred, given noise, saved as JPEG quality 70 at 200 dpi, and
# the pages put back together as an image-only PDF (img2pdf) of the
# original's page size. Seeded: the same run gives the same files. The
# expected JSON is the source PDF's (tools/corpus/expected-copy.py).
# Usage: tools/corpus/scan-pdf.sh [NAME...]   (names in corpus/pdf/, no .pdf)
#
# The degradation ladder: tools/corpus/scan-pdf.sh ladder [RUNG...]
# writes corpus/scan/scan-RUNG-SOURCE.pdf for each rung of LADDER below
# (default: all of them) and its expected JSON, the source's. A rung
# names its source form, the resolution (DPIxDPI for a fax), the blur
# (Gaussian sigma in pixels), the noise (-attenuate of Gaussian noise;
# impulse noise for a fax), the JPEG quality, the skew in degrees (the
# first page's; later pages turn by 0.6-1 of it, the other way) and what
# else is done to the page:
#   faint     light grey: ink at about grey 140, paper at 235
#   fax       1 bit, thresholded, CCITT G4 (img2pdf)
#   photo     photographed: perspective (corners moved 1-4 %), uneven
#             light (radial and linear gradients), a warm colour cast,
#             a dark desk at the edges, then grey
#   seal      a red round seal (40 mm ring, 某某县财政局, star) stamped over
#             the 填报单位（盖章） line (found with pdftotext -bbox-layout),
#             kept in colour; seal-grey: the same scanned in grey
#   upside    scanned upside down (turned 180 degrees plus the skew)
#   ocr       then ocrmypdf -l chi_sim: an invisible OCR text layer over
#             the image (dates and ids stripped by scan-ladder.py strip)
# A source is a corpus PDF (corpus/pdf/NAME.pdf) or docx:NAME:SZ, the
# corpus DOCX with its borders set to w:sz=SZ (2: 0.25 pt, 12: 1.5 pt;
# the corpus DOCX have 4, 0.5 pt) and printed by LibreOffice as
# pdf-export.sh does. Hairline sources: docx:*:2 and the chrome-hair-*
# PDFs (0.25 pt rules drawn by Chromium). Seeded, one ImageMagick thread:
# the same run gives the same bytes (with the same LibreOffice, poppler,
# ImageMagick and tesseract). Needs imagemagick, img2pdf, poppler-utils,
# libreoffice-writer (docx: sources), ocrmypdf with tesseract-ocr-chi-sim
# and python3-pikepdf (ocr), fonts-noto-cjk.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/corpus/scan
mkdir -p "$out"
names=("$@")

# rung     | source                                | dpi     | blur | noise | q  | skew | special
# (skew28 stays under 3 degrees: a page turned 3.0 degrees makes declx
# abort today, dx_skew_angle's fine pass looking past max_deg and writing
# past its row buffer)
LADDER='
hair150    | chrome-hair-variant-split-label-cells | 150     | 0.6  | 0.20  | 80 | 0.7  | -
hair300    | chrome-hair-variant-dept-tasks-budget | 300     | 1.2  | 0.20  | 60 | -1.2 | -
thin200    | docx:variant-level-heading-rows:2     | 200     | 0.8  | 0.25  | 70 | 0.4  | -
thick200   | docx:variant-sign-unit-columns:12     | 200     | 1.0  | 0.30  | 50 | -2.0 | -
thick150   | docx:variant-grid-before:12           | 150     | 0.5  | 0.15  | 90 | 1.0  | -
skew28     | chrome-tight-seed002-hengdong         | 200     | 0.7  | 0.12  | 55 | 2.8  | -
noisy150   | wk-variant-county-multi               | 150     | 1.2  | 0.45  | 50 | -1.5 | -
land300    | chrome-land-variant-province-b        | 300     | 0.9  | 0.25  | 65 | 1.8  | -
faint      | variant-dept-income-expenditure       | 200     | 0.6  | 0.20  | 75 | 0.5  | faint
fax        | variant-side-by-side-funds            | 200x100 | 0.5  | 0.04  | -  | 0.4  | fax
fax200     | calc-variant-county-template          | 200     | 0.6  | 0.04  | -  | -0.8 | fax
photo      | variant-split-runs                    | 200     | 0.8  | 0.25  | 70 | 0    | photo
seal       | variant-county-multi                  | 200     | 0.6  | 0.20  | 80 | 0.6  | seal
sealgrey   | chrome-tight-variant-dept-national    | 300     | 0.9  | 0.20  | 60 | -0.9 | seal-grey
upside     | variant-textbox-title                 | 200     | 0.6  | 0.25  | 70 | 0.8  | upside
ocr        | variant-sdt                           | 200     | 0.6  | 0.25  | 70 | 0.8  | ocr
'

ladder_one() {  # rung source dpi blur noise quality skew special
  local rung=$1 src=$2 dpi=$3 blur=$4 noise=$5 q=$6 skew=$7 special=$8
  local here=$root/tools/corpus pdf label name sz
  rm -rf "${tmp:?}"/*
  case "$src" in
  docx:*)
    IFS=: read -r _ name sz <<< "$src"
    /usr/bin/python3 "$here/scan-ladder.py" rebox "$root/corpus/docx/$name.docx" "$tmp/$name.docx" "$sz"
    soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
      --outdir "$tmp" "$tmp/$name.docx" >/dev/null 2>&1
    pdf=$tmp/$name.pdf label=$name ;;
  *) pdf=$root/corpus/pdf/$src.pdf label=$src ;;
  esac
  [ -s "$pdf" ] || { echo "scan-pdf.sh: no PDF for $src" >&2; exit 1; }
  local file=scan-$rung-$label.pdf rx=${dpi%x*} ry=${dpi#*x}
  local seed base colour=0 gray=-gray
  seed=$(printf %s "$rung" | cksum | cut -d' ' -f1)
  seed=$((seed % 100000))
  case "$special" in seal|seal-grey) colour=1 gray= ;; esac
  pdftoppm -r "$rx" $gray -png "$pdf" "$tmp/p"
  local spage=0 sx=0 sy=0
  if ((colour)); then
    read -r spage sx sy <<< "$(/usr/bin/python3 "$here/scan-ladder.py" seal-at "$pdf")"
    /usr/bin/python3 "$here/scan-ladder.py" seal "$tmp/seal.png" "$rx" "$seed"
  fi
  local k=0 p size w h angle args
  for p in "$tmp"/p-*.png; do
    k=$((k + 1)) seed=$((seed + 1))
    size=$(identify -format '%wx%h' "$p") w=${size%x*} h=${size#*x}
    angle=$(awk -v s="$seed" -v a="$skew" -v k="$k" 'BEGIN { srand(s);
      if (k > 1) a = (k % 2 ? 1 : -1) * a * (0.6 + 0.4 * rand()); printf "%.2f", a }')
    args=(-seed "$seed")
    local bg=white
    [ "$special" = faint ] && { args+=(+level 55%,92%); bg=gray92; }
    if ((colour)) && [ "$k" = "$spage" ]; then
      local sw gx gy
      sw=$(identify -format '%w' "$tmp/seal.png")
      # centred on 盖章, but not off the paper
      gx=$(awk -v x="$sx" -v r="$rx" -v s="$sw" 'BEGIN { g = x * r / 72 - s / 2; printf "%d", g < 0 ? 0 : g }')
      gy=$(awk -v y="$sy" -v r="$rx" -v s="$sw" 'BEGIN { g = y * r / 72 - s / 2; printf "%d", g < 0 ? 0 : g }')
      args+=("$tmp/seal.png" -geometry "+$gx+$gy" -compose Multiply -composite -compose Over)
    fi
    [ "$special" = upside ] && angle=$(awk -v a="$angle" 'BEGIN { printf "%.2f", 180 + a }')
    if [ "$special" = photo ]; then
      # corners pulled in by 1-4 % (seeded), light falling off from an
      # off-centre spot, a warm cast, a dark desk where the page is not
      local persp gw gh ox oy
      persp=$(awk -v s="$seed" -v w="$w" -v h="$h" 'BEGIN { srand(s);
        for (i = 0; i < 8; i++) d[i] = 0.01 + rand() * 0.03;
        printf "0,0 %d,%d  %d,0 %d,%d  %d,%d %d,%d  0,%d %d,%d",
          d[0] * w, d[1] * h, w, w - d[2] * w, d[3] * h,
          w, h, w - d[4] * w, h - d[5] * h, h, d[6] * w, h - d[7] * h }')
      gw=$((w * 16 / 10)) gh=$((h * 16 / 10)) ox=$((w * 15 / 100)) oy=$((h * 4 / 100))
      args+=(-colorspace sRGB -type TrueColor -virtual-pixel background -background '#4b4640'
        -distort Perspective "$persp"
        '(' -size "${gw}x${gh}" radial-gradient:'#fff7ea-#8f8470' -crop "${w}x${h}+$ox+$oy" +repage ')'
        -compose Multiply -composite -compose Over)
    else
      args+=(-background "$bg" -rotate "$angle" -gravity center -extent "${w}x$h" +repage)
    fi
    args+=(-blur "0x$blur")
    if [ "$special" = fax ]; then
      [ "$ry" != "$rx" ] && args+=(-resize "100%x$((100 * ry / rx))%")
      args+=(-attenuate "$noise" +noise Impulse -threshold 62% -type bilevel -compress Group4
        -define tiff:rows-per-strip=100000 -units PixelsPerInch -density "${rx}x$ry" "${p%.png}.tif")
    else
      args+=(-attenuate "$noise" +noise Gaussian)
      [ "$special" = seal ] || args+=(-colorspace Gray)
      args+=(-quality "$q" -units PixelsPerInch -density "${rx}x$ry" "${p%.png}.jpg")
    fi
    convert "$p" "${args[@]}"
  done
  local imgs=("$tmp"/p-*.jpg)
  [ "$special" = fax ] && imgs=("$tmp"/p-*.tif)
  if [ "$special" = ocr ]; then
    img2pdf --engine internal --producer "" --nodate "${imgs[@]}" -o "$tmp/img.pdf"
    ocrmypdf -q -l chi_sim --output-type pdf --optimize 0 --jobs 1 "$tmp/img.pdf" "$tmp/ocr.pdf"
    /usr/bin/python3 "$here/scan-ladder.py" strip "$tmp/ocr.pdf" "$out/$file"
  else
    img2pdf --engine internal --producer "" --nodate "${imgs[@]}" -o "$out/$file"
  fi
  /usr/bin/python3 "$here/expected-copy.py" "$root/corpus/expected/${label}.json" \
    "$root/corpus/expected/${file%.pdf}.json" "$file"
  echo "$rung: $label, $k pages, $(stat -c %s "$out/$file") bytes -> corpus/scan/$file"
}

if [ "${1:-}" = ladder ]; then
  shift
  export MAGICK_THREAD_LIMIT=1 OMP_THREAD_LIMIT=1
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  found=0
  while IFS='|' read -r rung src dpi blur noise q skew special; do
    rung=${rung// /} src=${src// /} dpi=${dpi// /} blur=${blur// /} noise=${noise// /}
    q=${q// /} skew=${skew// /} special=${special// /}
    [ -n "$rung" ] || continue
    if (($#)); then
      want=0
      for r in "$@"; do [ "$r" = "$rung" ] && want=1; done
      ((want)) || continue
    fi
    found=$((found + 1))
    ladder_one "$rung" "$src" "$dpi" "$blur" "$noise" "$q" "$skew" "$special"
  done <<< "$LADDER"
  ((found)) || { echo "scan-pdf.sh: no such rung: $*" >&2; exit 1; }
  exit 0
fi
[ ${#names[@]} -gt 0 ] || names=(variant-county-template variant-two-horizons variant-summary-b
  variant-province-b variant-dept-national variant-formcheckbox seed002-hengdong)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed=7
for n in "${names[@]}"; do
  rm -f "$tmp"/*
  pdftoppm -r 200 -gray -png "$root/corpus/pdf/$n.pdf" "$tmp/p"
  k=0
  for p in "$tmp"/p-*.png; do
    seed=$((seed + 1))
    angle=$(awk -v s="$seed" 'BEGIN { srand(s); a = 0.3 + rand() * 0.9; if (rand() < 0.5) a = -a; printf "%.2f", a }')
    convert "$p" -seed "$seed" -background white -rotate "$angle" -gravity center \
      -extent "$(identify -format '%wx%h' "$p")" -blur 0x0.6 -attenuate 0.25 +noise Gaussian \
      -colorspace Gray -quality 70 -units PixelsPerInch -density 200 "${p%.png}.jpg"
    k=$((k + 1))
  done
  img2pdf --producer "" --nodate "$tmp"/p-*.jpg -o "$out/scan-$n.pdf"
  python3 "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$n.json" \
    "$root/corpus/expected/scan-$n.json" "scan-$n.pdf"
  echo "$n: $k pages -> corpus/scan/scan-$n.pdf"
done
