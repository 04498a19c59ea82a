#!/usr/bin/env python3
"""A fax made without a fax machine's sensor averaging: pages of P4 PBM
as poppler renders them in 1 bit (pdftoppm -mono -rx 204 -ry 98: its
own threshold, no grey) turned by ANGLE degrees (nearest pixel, in the
sheet's own units, so a one-pixel rule breaks into steps and pieces),
every PERIOD-th row lost in transmission (white), written as a PDF of
1-bit Flate images on the sheet's size. The same input gives the same
bytes.

usage: fax-mono.py OUT.pdf ANGLE PERIOD PREFIX   (pages PREFIX-*.pbm)
"""
import glob
import math
import sys
import zlib

DPI_X, DPI_Y = 204.0, 98.0


def read_pbm(path):
    """Width, height and rows (bytes, 1 = black) of a P4 PBM file."""
    data = open(path, 'rb').read()
    magic, size, bits = data.split(b'\n', 2)
    assert magic == b'P4'
    w, h = map(int, size.split())
    rb = (w + 7) // 8
    return w, h, [bits[y * rb:(y + 1) * rb] for y in range(h)]


def fax_rows(w, h, src, angle, period):
    """The page turned by angle degrees about its centre, every
    period-th row white, as packed rows."""
    rb = (w + 7) // 8
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    cx, cy = w / 2, h / 2
    rows = []
    for y in range(h):
        row = bytearray(rb)
        if y % period != period // 2:
            yi = (y - cy) / DPI_Y
            for x in range(w):
                xi = (x - cx) / DPI_X
                xs = int(round((ca * xi + sa * yi) * DPI_X + cx))
                ys = int(round((-sa * xi + ca * yi) * DPI_Y + cy))
                if 0 <= xs < w and 0 <= ys < h and src[ys][xs >> 3] >> (7 - (xs & 7)) & 1:
                    row[x >> 3] |= 0x80 >> (x & 7)
        rows.append(bytes(row))
    return rows


def pdf(pages):
    """A PDF of (width, height, packed rows) 1-bit pages."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    shown = []
    for w, h, rows in pages:
        img = zlib.compress(b''.join(rows))
        im = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d '
                 b'/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] '
                 b'/Filter /FlateDecode /Length %d >>\nstream\n' % (w, h, len(img)) +
                 img + b'\nendstream')
        pw, ph = w / DPI_X * 72, h / DPI_Y * 72
        ops = b'q %.2f 0 0 %.2f 0 0 cm /I0 Do Q' % (pw, ph)
        c = add(b'<< /Length %d >>\nstream\n' % len(ops) + ops + b'\nendstream')
        shown.append((c, im, pw, ph))
    parent = len(objs) + len(shown) + 1
    kids = [add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] '
                b'/Resources << /XObject << /I0 %d 0 R >> >> /Contents %d 0 R >>' %
                (parent, pw, ph, im, c)) for c, im, pw, ph in shown]
    add(b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % k for k in kids) +
        b'] /Count %d >>' % len(kids))
    root = add(b'<< /Type /Catalog /Pages %d 0 R >>' % parent)
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (
        len(objs) + 1, root, xref)
    return bytes(out)


def main():
    out, angle, period, prefix = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    pages = []
    for path in sorted(glob.glob(prefix + '-*.pbm')):
        w, h, src = read_pbm(path)
        pages.append((w, h, fax_rows(w, h, src, angle, period)))
    open(out, 'wb').write(pdf(pages))


if __name__ == '__main__':
    main()
