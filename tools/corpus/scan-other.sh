#!/usr/bin/env bash
# Scans made another way than scan-pdf.sh's ladder, as a second scanner
# and a second person would make them: a colour phone photo of a
# LibreOffice print at 150 dpi (a strong keystone, the light falling off
# towards two corners, a grey desk), and a grey 200 dpi scan of a Chromium
# print with a lighter grey seal of another unit (38 mm, 某某区教育局)
# stamped over the table's values rather than the 填报单位 line.
# Usage: tools/corpus/scan-other.sh [CORPUS_DIR]   (default: corpus/)
# Writes CORPUS_DIR/scan/scan-photo2-*.pdf, scan-sealgrey2-*.pdf and their
# expected JSON (the source form's). Needs poppler-utils, imagemagick,
# img2pdf and fonts-noto-cjk.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/corpus}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

photo=scan-photo2-lo-variant-county-template
pdftoppm -r 150 -png "$root/corpus/pdf/lo-variant-county-template.pdf" "$t/a"
for p in "$t"/a-*.png; do
  w=$(identify -format %w "$p") h=$(identify -format %h "$p")
  convert "$p" -colorspace sRGB -type TrueColor -virtual-pixel background -background '#6a6f78' \
    -distort Perspective "0,0 $((w * 5 / 100)),$((h * 3 / 100))  $w,0 $((w - w * 2 / 100)),$((h * 6 / 100))  $w,$h $((w - w * 6 / 100)),$((h - h * 2 / 100))  0,$h $((w * 2 / 100)),$((h - h * 5 / 100))" \
    '(' -size $((w * 2))x$((h * 2)) radial-gradient:'#ffffff-#7d7a74' -crop "${w}x$h+$((w / 2))+$((h / 3))" +repage ')' \
    -compose Multiply -composite -compose Over \
    -blur 0x0.9 -seed 7 -attenuate 0.3 +noise Gaussian -quality 60 -units PixelsPerInch -density 150 \
    "${p%.png}.jpg"
done
img2pdf "$t"/a-*.jpg -o "$out/scan/$photo.pdf"
cp "$root/corpus/expected/variant-county-template.json" "$out/expected/$photo.json"

seal=scan-sealgrey2-chromium-variant-county-multi
pdftoppm -r 200 -gray -png "$root/corpus/pdf/chromium-variant-county-multi.pdf" "$t/b"
d=$((38 * 200 * 10 / 254)) c=$((38 * 200 * 10 / 254 / 2))
convert -size "${d}x$d" xc:none -fill none -stroke '#858585' -strokewidth 9 -draw "circle $c,$c $c,6" \
  -fill '#858585' -stroke none \
  -draw "polygon $c,$((c - 60)) $((c + 18)),$((c - 15)) $((c + 62)),$((c - 15)) $((c + 27)),$((c + 12)) $((c + 40)),$((c + 58)) $c,$((c + 30)) $((c - 40)),$((c + 58)) $((c - 27)),$((c + 12)) $((c - 62)),$((c - 15)) $((c - 18)),$((c - 15))" \
  -font /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc -pointsize 34 -fill '#858585' \
  -gravity north -annotate +0+28 '某某区教育局' -rotate 12 "$t/seal.png"
w=$(identify -format %w "$t/b-1.png")
for p in "$t"/b-*.png; do
  stamp=()
  [ "$p" = "$t/b-1.png" ] &&
    stamp=("$t/seal.png" -geometry "+$((w * 45 / 100))+420" -compose Multiply -composite -compose Over)
  convert "$p" "${stamp[@]}" -background white -rotate 0.6 -blur 0x0.7 -seed 11 -attenuate 0.25 \
    +noise Gaussian -colorspace Gray -quality 65 -units PixelsPerInch -density 200 "${p%.png}.jpg"
done
img2pdf "$t"/b-*.jpg -o "$out/scan/$seal.pdf"
cp "$root/corpus/expected/variant-county-multi.json" "$out/expected/$seal.json"
