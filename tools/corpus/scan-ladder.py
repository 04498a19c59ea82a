#!/usr/bin/env python3
"""Helpers of the scan ladder (tools/corpus/scan-pdf.sh ladder).

  scan-ladder.py rebox IN.docx OUT.docx SZ
      the DOCX with every border width w:sz="4" (0.5 pt) set to SZ
      eighths of a point (2: 0.25 pt, 12: 1.5 pt)
  scan-ladder.py seal-at IN.pdf
      "PAGE X Y" (page from 1, points from the top left): the centre of
      the characters 盖章 in the first text that holds them (the
      填报单位（盖章） line), from pdftotext -bbox-layout
  scan-ladder.py seal OUT.png DPI SEED
      a red round seal as a transparent PNG: a 40 mm ring, 某某县财政局
      along the top of it, a five-pointed star in the middle, slightly
      uneven ink (seeded), turned a few degrees
  scan-ladder.py strip IN.pdf OUT.pdf
      the PDF without its dates, XMP metadata and random ids (pikepdf),
      so that an ocrmypdf run gives the same bytes each time
Needs python3-pikepdf (strip only), poppler-utils, imagemagick and
fonts-noto-cjk."""
import hashlib
import math
import os
import random
import re
import subprocess
import sys
import zipfile

FONT = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'
RED = '#d2231e'


def rebox(src, dst, sz):
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'word/document.xml':
                data = data.replace(b'w:sz="4"', b'w:sz="%s"' % sz.encode())
            zout.writestr(info, data)


def seal_at(pdf):
    xml = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], check=True,
                         capture_output=True, text=True).stdout
    page = 0
    for line in xml.splitlines():
        if '<page ' in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">([^<]*)</word>', line)
        if m and '盖章' in m.group(5):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            text = m.group(5)
            i = text.index('盖章')
            x = x0 + (x1 - x0) * (i + 1) / len(text)
            print(page, '%.1f' % x, '%.1f' % ((y0 + y1) / 2))
            return
    sys.exit('no 盖章 in ' + pdf)


def seal(out, dpi, seed):
    rnd = random.Random(seed)
    size = round(40 / 25.4 * dpi)          # 40 mm across
    c = size / 2
    ring = 0.035 * size                     # ring stroke, about 1.4 mm
    r = c - ring / 2 - 2
    draw = ['-fill', 'none', '-stroke', RED, '-strokewidth', '%.1f' % ring,
            '-draw', 'circle %.1f,%.1f %.1f,%.1f' % (c, c, c, c - r)]
    # the star
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = 0.17 * size if k % 2 == 0 else 0.065 * size
        pts.append('%.1f,%.1f' % (c + rr * math.cos(a), c + rr * math.sin(a)))
    draw += ['-stroke', 'none', '-fill', RED, '-draw', 'polygon ' + ' '.join(pts)]
    # the name along the top, each character upright to the ring
    name = '某某县财政局'
    pt = 0.125 * size * 72 / dpi            # point size: 1/8 of the seal
    rt = r - ring / 2 - 0.12 * size         # radius of the characters' centres
    span = 200.0                            # degrees the name covers
    draw += ['-font', FONT, '-density', str(dpi), '-pointsize', '%.2f' % pt,
             '-gravity', 'center']
    for k, ch in enumerate(name):
        deg = -90 - span / 2 + span * (k + 0.5) / len(name)   # from the left
        a = math.radians(deg)
        x, y = rt * math.cos(a), rt * math.sin(a)
        draw += ['-draw', "translate %.1f,%.1f rotate %.1f text 0,0 '%s'" %
                 (x, y, deg + 90, ch)]
    turn = rnd.uniform(-15, 15)
    cmd = ['convert', '-seed', str(seed), '-size', '%dx%d' % (size, size), 'xc:none',
           *draw,
           # uneven ink: the alpha times blurred noise between about 0.55 and 1
           '(', '-size', '%dx%d' % (size, size), 'xc:gray50', '-attenuate', '1.5',
           '+noise', 'Uniform', '-blur', '0x2', '-level', '10%,70%', '+level', '55%,100%',
           '-alpha', 'copy', ')', '-compose', 'DstIn', '-composite', '-compose', 'Over',
           '-background', 'none', '-rotate', '%.1f' % turn, out]
    subprocess.run(cmd, check=True)


def strip(src, dst):
    import pikepdf
    with pikepdf.open(src) as pdf:
        for key in list(pdf.docinfo.keys()):
            del pdf.docinfo[key]
        if '/Metadata' in pdf.Root:
            del pdf.Root.Metadata
        # ocrmypdf names each page's text layer /OCR-<random>: number them
        n = 0
        for page in pdf.pages:
            xobjects = page.obj.get('/Resources', {}).get('/XObject', {})
            for key in sorted(k for k in xobjects.keys() if k.startswith('/OCR-')):
                new = '/OCR-%d' % n
                n += 1
                xobjects[new] = xobjects[key]
                del xobjects[key]
                contents = page.obj.Contents
                streams = contents if isinstance(contents, pikepdf.Array) else [contents]
                for st in streams:
                    st.write(st.read_bytes().replace(key.encode() + b' ', new.encode() + b' '))
        # an /ID from the content, not random: qpdf keeps the first
        # string of the /ID and derives the second from the file
        first = hashlib.md5(b''.join(p.images[k].read_raw_bytes() for p in pdf.pages
                                     for k in p.images.keys())).digest()
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(first), pikepdf.String(first)])
        pdf.save(dst + '.tmp')
    subprocess.run(['qpdf', '--deterministic-id', dst + '.tmp', dst], check=True)
    os.remove(dst + '.tmp')


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'rebox':
        rebox(*args)
    elif cmd == 'seal-at':
        seal_at(*args)
    elif cmd == 'seal':
        seal(args[0], int(args[1]), int(args[2]))
    elif cmd == 'strip':
        strip(*args)
    else:
        sys.exit(__doc__)
