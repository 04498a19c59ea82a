#!/usr/bin/python3
"""Writes corpus/image/: image files (JPEG, PNG, TIFF) made from corpus
scans and PDFs, with their expected JSON in corpus/expected/ (the
source's facts, the image's name and format). Six pages in all: each is
read by OCR, the slowest part of the corpus test.

  png-variant-formcheckbox.png       a scan's page (corpus/scan/scan-
                                     variant-formcheckbox.pdf) as an
                                     8-bit grey PNG at 200 dpi (pHYs)
  jpeg6-variant-dept-national.jpg    a scan's page stored lying on its
                                     side, EXIF orientation 6 (turn 90
                                     degrees clockwise to show), 200 dpi
  tiffg4-chromium-variant-county-multi.tif
                                     a two-page form rendered at 200 dpi,
                                     made 1-bit with a little noise, at a
                                     fax's 204 x 196 dpi, Group 4
  photo-variant-two-horizons.jpg     a sheet photographed by a phone held
  photo-land-chrome-land-variant-province-b.jpg
                                     upright (the second: a landscape form,
                                     the phone held sideways): 4032 x 3024
                                     pixels, no resolution, the sheet
                                     skewed in perspective on a dark desk,
                                     light falling off from one side, a
                                     warm cast, blur, noise, JPEG q 88

Seeded: the same run gives the same bytes (with the same poppler and
Pillow). Needs poppler-utils, python3-pil and python3-numpy (Debian).
Usage: tools/corpus/image-corpus.py [NAME...]   (default: all)
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'corpus', 'image')
EXPECTED = os.path.join(ROOT, 'corpus', 'expected')
FORMATS = {'.png': 'png', '.jpg': 'jpeg', '.tif': 'tiff'}


def scan_page(pdf, tmp):
    """The image of a one-page scanned PDF, as stored in it."""
    subprocess.run(['pdfimages', '-j', pdf, os.path.join(tmp, 'img')], check=True)
    name = sorted(n for n in os.listdir(tmp) if n.startswith('img-'))[0]
    return Image.open(os.path.join(tmp, name))


def render(pdf, tmp, dpi, gray):
    """Every page of a PDF rendered at dpi."""
    args = ['pdftoppm', '-r', str(dpi), '-png'] + (['-gray'] if gray else [])
    subprocess.run(args + [pdf, os.path.join(tmp, 'page')], check=True)
    names = sorted(n for n in os.listdir(tmp) if n.startswith('page'))
    return [Image.open(os.path.join(tmp, n)).copy() for n in names]


def expected(source, name):
    """corpus/expected/NAME.json: the source's facts, the image's name."""
    d = json.load(open(os.path.join(EXPECTED, source + '.json'), encoding='utf-8'))
    stem, ext = os.path.splitext(name)
    d['source'] = {'file': name, 'format': FORMATS[ext], 'pages': None}
    with open(os.path.join(EXPECTED, stem + '.json'), 'w', encoding='utf-8') as f:
        json.dump(d, f, ensure_ascii=False, indent=2)
        f.write('\n')


def make_png(tmp):
    img = scan_page(os.path.join(ROOT, 'corpus/scan/scan-variant-formcheckbox.pdf'), tmp).convert('L')
    img.save(os.path.join(OUT, 'png-variant-formcheckbox.png'), dpi=(200, 200), optimize=True)
    expected('scan-variant-formcheckbox', 'png-variant-formcheckbox.png')


def make_jpeg6(tmp):
    img = scan_page(os.path.join(ROOT, 'corpus/scan/scan-variant-dept-national.pdf'), tmp).convert('L')
    # stored lying on its side: shown upright after a quarter turn clockwise
    stored = img.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(os.path.join(OUT, 'jpeg6-variant-dept-national.jpg'), quality=85, dpi=(200, 200),
                exif=exif.tobytes())
    expected('scan-variant-dept-national', 'jpeg6-variant-dept-national.jpg')


def make_tiff(tmp):
    rng = np.random.RandomState(14)
    pages = []
    for page in render(os.path.join(ROOT, 'corpus/pdf/chromium-variant-county-multi.pdf'), tmp, 200,
                       True):
        w, h = page.size
        page = page.resize((w * 204 // 200, h * 196 // 200), Image.Resampling.BILINEAR)
        a = np.asarray(page, dtype=np.float32)
        a = a + rng.normal(0, 18, a.shape)  # a fax's speckle, thresholded
        pages.append(Image.fromarray((a > 150).astype(np.uint8) * 255).convert('1'))
    pages[0].save(os.path.join(OUT, 'tiffg4-chromium-variant-county-multi.tif'), save_all=True,
                  append_images=pages[1:], compression='group4', dpi=(204, 196))
    expected('chromium-variant-county-multi', 'tiffg4-chromium-variant-county-multi.tif')


def perspective_coeffs(dst, src):
    """PIL's PERSPECTIVE coefficients taking output points dst to input
    points src (four each)."""
    m, v = [], []
    for (x, y), (u, w) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -w * x, -w * y])
        v += [u, w]
    return np.linalg.solve(np.array(m, dtype=np.float64), np.array(v, dtype=np.float64)).tolist()


def photograph(sheet, landscape, seed):
    """A phone's photo of sheet (RGB) lying on a dark desk."""
    rng = np.random.RandomState(seed)
    cw, ch = (4032, 3024) if landscape else (3024, 4032)
    sw, sh = sheet.size
    k = min(0.84 * ch / sh, 0.84 * cw / sw)
    w, h = sw * k, sh * k
    x0, y0 = (cw - w) / 2 + rng.uniform(-0.03, 0.03) * cw, (ch - h) / 2 + rng.uniform(-0.02, 0.02) * ch
    quad = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
    # the phone tilted: the far edge shorter, every corner a little off
    far = rng.uniform(0.03, 0.06) * w
    quad[0] = (quad[0][0] + far, quad[0][1])
    quad[1] = (quad[1][0] - far, quad[1][1])
    quad = [(x + rng.uniform(-0.015, 0.015) * cw, y + rng.uniform(-0.015, 0.015) * ch) for x, y in quad]
    coeffs = perspective_coeffs(quad, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = sheet.transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new('L', sheet.size, 255).transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs,
                                                     Image.Resampling.BILINEAR)
    desk = rng.normal(0, 6, (ch // 8, cw // 8, 1)) + np.array([78, 70, 62])
    desk = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8)).resize((cw, ch))
    img = Image.composite(warped, desk, mask)
    # light: brightest near one upper corner, falling off across the sheet
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    lx, ly = rng.uniform(0.2, 0.8) * cw, rng.uniform(-0.2, 0.3) * ch
    d = np.hypot(xx - lx, yy - ly) / np.hypot(cw, ch)
    light = (1.0 - 0.42 * d ** 1.3)[..., None] * np.array([1.0, 0.96, 0.88], dtype=np.float32)
    a = np.asarray(img, dtype=np.float32) * light
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1))
    a = np.asarray(img, dtype=np.float32) + rng.normal(0, 4, (ch, cw, 1))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def make_photo(tmp, source, name, landscape, seed):
    sheet = render(os.path.join(ROOT, 'corpus/pdf', source + '.pdf'), tmp, 200, False)[0].convert('RGB')
    photograph(sheet, landscape, seed).save(os.path.join(OUT, name), quality=88)
    expected(source, name)


MAKERS = {
    'png-variant-formcheckbox.png': make_png,
    'jpeg6-variant-dept-national.jpg': make_jpeg6,
    'tiffg4-chromium-variant-county-multi.tif': make_tiff,
    'photo-variant-two-horizons.jpg':
        lambda tmp: make_photo(tmp, 'variant-two-horizons', 'photo-variant-two-horizons.jpg', False, 4),
    'photo-land-chrome-land-variant-province-b.jpg':
        lambda tmp: make_photo(tmp, 'chrome-land-variant-province-b',
                               'photo-land-chrome-land-variant-province-b.jpg', True, 5),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in sys.argv[1:] or sorted(MAKERS):
        with tempfile.TemporaryDirectory() as tmp:
            MAKERS[name](tmp)
        print('image-corpus.py: wrote corpus/image/' + name)


if __name__ == '__main__':
    main()
