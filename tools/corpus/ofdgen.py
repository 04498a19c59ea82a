#!/usr/bin/python3
"""Writes an OFD (GB/T 33190) of a corpus PDF: the same pages, every
character a TextCode at its place, every table border a PathObject, so
that the OFD shows what the PDF shows and has the same facts. The PDF's
characters (with their origins and advances) and its lines and rectangles
are read with pdfminer (Debian's python3-pdfminer).

Usage: ofdgen.py VARIANT IN.pdf OUT.ofd

Variants (each draws the same page another way, as OFD producers do):
  plain   one TextObject per run of characters set one after another,
          its DeltaX the characters' advances; borders stroked lines
  tpl     as plain, with each page's borders on a template page
          (CommonData/TemplatePage, drawn under the page) the page names
  ctm     every object placed through a scaling CTM: text set at 4x its
          size in object space under CTM 0.25, paths at 10x under 0.1
  deltax  one TextCode per text line (runs on one baseline, the gaps in
          DeltaX), DeltaX written with the "g N v" repeat syntax; no
          namespace prefix
  glyphs  every character its own TextObject (as Suwell's pdf2ofd writes
          them); borders as thin filled rectangles
  layers  borders in a Background layer taking their width and colour
          from a DrawParam, text in PageBlocks of a Body layer, fonts in a
          page's PageRes, each page's own Area, absolute BaseLoc paths
  scan    (from a scanned PDF) each page's image (pdfimages -all, from
          poppler-utils) an ImageObject over the whole page: no text
Deterministic: the same input gives the same bytes."""
import hashlib
import html
import io
import os
import re
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTLine, LTRect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

MM = 25.4 / 72  # mm per point
NS = 'http://www.ofdspec.org/2016'


def num(v):
    """A number as OFD writes it: up to 3 decimals (1 um), no trailing zeros."""
    s = '%.3f' % v
    s = s.rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s


def grey(colour):
    """pdfminer's colour (a grey, an RGB or CMYK tuple in 0..1, or None) as
    OFD's "r g b" in 0..255."""
    if colour is None:
        return None
    c = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        c = [float(v) for v in c]
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        c = c * 3
    elif len(c) == 4:
        k = 1 - c[3]
        c = [(1 - c[0]) * k, (1 - c[1]) * k, (1 - c[2]) * k]
    return ' '.join(str(int(round(max(0, min(1, v)) * 255))) for v in c[:3])


class Capture(PDFPageAggregator):
    """Keeps each character's font size and text rendering matrix (its
    origin on the baseline), which LTChar's box does not give."""

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        ch = self.cur_item._objs[-1]
        ch.origin = (matrix[4], matrix[5] + rise * matrix[3])
        ch.dev_size = fontsize * (abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5)
        return adv


def symbol_words(path):
    """Words of each page as poppler reads them (pdftotext -bbox, from
    poppler-utils): box (points from the top-left) and text. pdfminer
    decodes LibreOffice's Wingdings checkboxes (U+F0A8 empty, U+F0FE
    ticked) all as the first of them; poppler tells them apart."""
    out = subprocess.run(['pdftotext', '-bbox', path, '-'], check=True, capture_output=True).stdout.decode('utf-8')
    pages = []
    for page in out.split('<page ')[1:]:
        words = []
        for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)</word>', page):
            words.append(tuple(float(v) for v in m.groups()[:4]) + (html.unescape(m.group(5)),))
        pages.append(words)
    return pages


def fix_symbol(c, words, h_pt):
    """A private-use (symbol font) character: poppler's reading of it."""
    cx = c['x'] / MM + c['adv'] / MM / 2
    cy = c['y'] / MM - c['size'] / MM / 3
    for x0, y0, x1, y1, text in words:
        syms = [t for t in text if 0xF000 <= ord(t) <= 0xF0FF]
        if syms and x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1:
            k = min(len(text) - 1, int((cx - x0) / max(x1 - x0, 1e-3) * len(text)))
            return text[k] if 0xF000 <= ord(text[k]) <= 0xF0FF else syms[0]
    return c['text']


def read_pdf(path):
    """Pages of the PDF: size (mm), characters and graphics, in the order
    the PDF draws them, in OFD coordinates (mm from the top-left)."""
    rm = PDFResourceManager()
    dev = Capture(rm, laparams=None)
    it = PDFPageInterpreter(rm, dev)
    pages = []
    with open(path, 'rb') as f:
        for page in PDFPage.get_pages(f):
            it.process_page(page)
            lt = dev.get_result()
            x0, y0, x1, y1 = page.mediabox
            h = y1 - y0
            chars, shapes = [], []

            def walk(objs):
                for o in objs:
                    if isinstance(o, LTFigure):
                        walk(o)
                    elif isinstance(o, LTChar):
                        ox, oy = o.origin
                        font = o.fontname.split('+', 1)[-1]
                        chars.append({'text': o.get_text(), 'x': (ox - x0) * MM, 'y': (h - (oy - y0)) * MM,
                                      'size': o.dev_size * MM, 'adv': o.adv * MM, 'font': font,
                                      'colour': grey(o.graphicstate.ncolor)})
                    elif isinstance(o, (LTLine, LTRect, LTCurve)):
                        pts = [((px - x0) * MM, (h - (py - y0)) * MM) for px, py in o.pts]
                        shapes.append({'kind': type(o).__name__, 'pts': pts, 'width': (o.linewidth or 0) * MM,
                                       'stroke': bool(o.stroke), 'fill': bool(o.fill),
                                       'scolour': grey(o.stroking_color), 'fcolour': grey(o.non_stroking_color)})
            walk(lt)
            pages.append({'w': (x1 - x0) * MM, 'h': h * MM, 'chars': chars, 'shapes': shapes})
    words = symbol_words(path)
    for pg, ws in zip(pages, words):
        for c in pg['chars']:
            if 0xF000 <= ord(c['text'][0]) <= 0xF0FF:
                c['text'] = fix_symbol(c, ws, pg['h'] / MM)
    return pages


def runs(chars, line_mode):
    """Characters grouped into runs: set one after another in one font and
    size on one baseline (line_mode: on one baseline, gaps allowed)."""
    out = []
    for c in chars:
        if out:
            p = out[-1][-1]
            same = (p['font'] == c['font'] and abs(p['size'] - c['size']) < 1e-3
                    and abs(p['y'] - c['y']) < 1e-3 and p['colour'] == c['colour'])
            gap = c['x'] - (p['x'] + p['adv'])
            if same and (abs(gap) < 0.01 if not line_mode else -0.01 < gap < 20 * c['size']):
                out[-1].append(c)
                continue
        out.append([c])
    return out


def compress(values):
    """A DeltaX list with repeats written as "g N v"."""
    out, i = [], 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        n = j - i
        out.append('g %d %s' % (n, values[i]) if n >= 3 else ' '.join([values[i]] * n))
        i = j
    return ' '.join(out)


class Writer:
    def __init__(self, variant, name):
        self.v = variant
        self.next_id = 1
        self.fonts = {}  # name -> ID
        self.p = '' if variant == 'deltax' else 'ofd:'
        self.ns = 'http://www.ofdspec.org' if variant == 'glyphs' else NS
        self.name = name

    def uid(self):
        self.next_id += 1
        return self.next_id

    def font(self, name):
        if name not in self.fonts:
            self.fonts[name] = self.uid()
        return self.fonts[name]

    def el(self, tag, attrs='', body=None):
        a = (' ' + attrs) if attrs else ''
        if body is None:
            return '<%s%s%s/>' % (self.p, tag, a)
        return '<%s%s%s>%s</%s%s>' % (self.p, tag, a, body, self.p, tag)

    def root(self, tag, attrs, body):
        decl = 'xmlns:ofd="%s"' % self.ns if self.p else 'xmlns="%s"' % self.ns
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + self.el(tag, decl + (' ' + attrs if attrs else ''), body)

    # ---- text ----

    def text_object(self, run, scale=1.0):
        """A TextObject for a run; scale > 1 sets it larger in object space
        under a CTM that takes it back."""
        size = run[0]['size']
        x0 = min(c['x'] for c in run)
        top = min(c['y'] for c in run) - size
        x1 = max(c['x'] + max(c['adv'], size * 0.5) for c in run)
        bottom = max(c['y'] for c in run) + size * 0.3
        bx, by = x0, top
        attrs = 'ID="%d" Boundary="%s %s %s %s" Font="%d" Size="%s"' % (
            self.uid(), num(bx), num(by), num(x1 - x0), num(bottom - top), self.font(run[0]['font']), num(size * scale))
        if scale != 1.0:
            attrs += ' CTM="%s 0 0 %s 0 0"' % (num(1 / scale), num(1 / scale))
        body = ''
        if run[0]['colour'] and run[0]['colour'] != '0 0 0':
            body += self.el('FillColor', 'Value="%s"' % run[0]['colour'])
        text = ''.join(c['text'] for c in run)
        deltas = [num((b['x'] - a['x']) * scale) for a, b in zip(run, run[1:])]
        dx = compress(deltas) if self.v == 'deltax' else ' '.join(deltas)
        code = 'X="%s" Y="%s"' % (num((run[0]['x'] - bx) * scale), num((run[0]['y'] - by) * scale))
        if dx:
            code += ' DeltaX="%s"' % dx
        body += self.el('TextCode', code, escape(text))
        return self.el('TextObject', attrs, body)

    def glyph_objects(self, run):
        out = []
        for c in run:
            bx, by = c['x'], c['y'] - c['size']
            attrs = 'ID="%d" Boundary="%s %s %s %s" Font="%d" Size="%s"' % (
                self.uid(), num(bx), num(by), num(max(c['adv'], 0.1)), num(c['size'] * 1.3),
                self.font(c['font']), num(c['size']))
            body = self.el('TextCode', 'X="0" Y="%s"' % num(c['y'] - by), escape(c['text']))
            out.append(self.el('TextObject', attrs, body))
        return out

    # ---- graphics ----

    def path_object(self, s, scale=1.0, params=False):
        pts = s['pts']
        if not pts:
            return None
        hw = s['width'] / 2
        x0 = min(p[0] for p in pts) - hw
        y0 = min(p[1] for p in pts) - hw
        x1 = max(p[0] for p in pts) + hw
        y1 = max(p[1] for p in pts) + hw
        rel = [((px - x0) * scale, (py - y0) * scale) for px, py in pts]
        if self.v == 'glyphs' and s['stroke'] and not s['fill'] and len(pts) == 2:
            return self.thin_rect(s, x0, y0, x1, y1)
        data = 'M %s %s ' % (num(rel[0][0]), num(rel[0][1])) + ''.join(
            'L %s %s ' % (num(px), num(py)) for px, py in rel[1:])
        if s['kind'] == 'LTRect' or (len(pts) > 2 and pts[0] == pts[-1]):
            data += 'C'
        attrs = 'ID="%d" Boundary="%s %s %s %s"' % (self.uid(), num(x0), num(y0), num(x1 - x0), num(y1 - y0))
        if scale != 1.0:
            attrs += ' CTM="%s 0 0 %s 0 0"' % (num(1 / scale), num(1 / scale))
        body = ''
        if params:
            attrs += ' DrawParam="%d"' % self.param_id
        else:
            attrs += ' LineWidth="%s"' % num(s['width'] * scale)
            if s['stroke'] and s['scolour']:
                body += self.el('StrokeColor', 'Value="%s"' % s['scolour'])
        if s['fill']:
            attrs += ' Fill="true"'
            body += self.el('FillColor', 'Value="%s"' % (s['fcolour'] or '0 0 0'))
        if not s['stroke']:
            attrs += ' Stroke="false"'
        body += self.el('AbbreviatedData', '', data.strip())
        return self.el('PathObject', attrs, body)

    def thin_rect(self, s, x0, y0, x1, y1):
        """A stroked line as a filled rectangle as thick as the stroke."""
        w, h = x1 - x0, y1 - y0
        data = 'M 0 0 L %s 0 L %s %s L 0 %s C' % (num(w), num(w), num(h), num(h))
        attrs = 'ID="%d" Boundary="%s %s %s %s" Fill="true" Stroke="false"' % (
            self.uid(), num(x0), num(y0), num(w), num(h))
        body = self.el('FillColor', 'Value="%s"' % (s['scolour'] or '0 0 0'))
        body += self.el('AbbreviatedData', '', data)
        return self.el('PathObject', attrs, body)


def write_ofd(pages, out_path, variant):
    name = os.path.basename(out_path)
    w = Writer(variant, name)
    parts = {}
    page_refs, tpl_refs = [], []
    w.param_id = w.uid()
    absolute = variant == 'layers'
    for i, pg in enumerate(pages):
        text_runs = runs(pg['chars'], variant == 'deltax')
        texts = []
        for r in text_runs:
            if variant == 'glyphs':
                texts += w.glyph_objects(r)
            else:
                texts.append(w.text_object(r, 4.0 if variant == 'ctm' else 1.0))
        paths = [p for p in (w.path_object(s, 10.0 if variant == 'ctm' else 1.0, variant == 'layers')
                             for s in pg['shapes']) if p]
        pid = w.uid()
        area = w.el('Area', '', w.el('PhysicalBox', '', '0 0 %s %s' % (num(pg['w']), num(pg['h']))))
        head = ''
        if variant == 'tpl' and paths:
            tid = w.uid()
            tpl = w.root('Page', '', w.el('Content', '', w.el('Layer', 'ID="%d"' % w.uid(), ''.join(paths))))
            parts['Doc_0/Tpls/Tpl_%d/Content.xml' % i] = tpl
            tpl_refs.append(w.el('TemplatePage', 'ID="%d" BaseLoc="Tpls/Tpl_%d/Content.xml"' % (tid, i)))
            head = w.el('Template', 'TemplateID="%d" ZOrder="Background"' % tid)
            paths = []
        if variant == 'layers':
            blocks = [w.el('PageBlock', 'ID="%d"' % w.uid(), ''.join(texts[k:k + 10])) for k in range(0, len(texts), 10)]
            content = (w.el('Layer', 'ID="%d" Type="Background" DrawParam="%d"' % (w.uid(), w.param_id), ''.join(paths))
                       + w.el('Layer', 'ID="%d" Type="Body"' % w.uid(), ''.join(blocks)))
            head = w.el('PageRes', '', '/Doc_0/Pages/Page_%d/PageRes.xml' % i) + area
        else:
            content = w.el('Layer', 'ID="%d"' % w.uid(), ''.join(paths) + ''.join(texts))
        parts['Doc_0/Pages/Page_%d/Content.xml' % i] = w.root('Page', '', head + w.el('Content', '', content))
        loc = ('/Doc_0/' if absolute else '') + 'Pages/Page_%d/Content.xml' % i
        page_refs.append(w.el('Page', 'ID="%d" BaseLoc="%s"' % (pid, loc)))
    fonts = ''.join(w.el('Font', 'ID="%d" FontName="%s" FamilyName="%s"' % (fid, escape(n), escape(n)))
                    for n, fid in sorted(w.fonts.items(), key=lambda kv: kv[1]))
    res_fonts = w.el('Fonts', '', fonts)
    if variant == 'layers':
        # fonts in every page's PageRes; the line width and colour in a DrawParam
        for i in range(len(pages)):
            parts['Doc_0/Pages/Page_%d/PageRes.xml' % i] = w.root('Res', 'BaseLoc="Res"', res_fonts)
        widths = [s['width'] for pg in pages for s in pg['shapes'] if s['stroke']]
        lw = max(set(widths), key=widths.count) if widths else 0.176
        dp = w.el('DrawParams', '', w.el('DrawParam', 'ID="%d" LineWidth="%s"' % (w.param_id, num(lw)),
                                         w.el('StrokeColor', 'Value="0 0 0"')))
        parts['Doc_0/PublicRes.xml'] = w.root('Res', 'BaseLoc="Res"', dp)
    else:
        parts['Doc_0/PublicRes.xml'] = w.root('Res', 'BaseLoc="Res"', res_fonts)
    first = pages[0] if pages else {'w': 210, 'h': 297}
    common = (w.el('MaxUnitID', '', str(w.next_id))
              + w.el('PageArea', '', w.el('PhysicalBox', '', '0 0 %s %s' % (num(first['w']), num(first['h']))))
              + w.el('PublicRes', '', 'PublicRes.xml') + ''.join(tpl_refs))
    parts['Doc_0/Document.xml'] = w.root('Document', '', w.el('CommonData', '', common) + w.el('Pages', '', ''.join(page_refs)))
    docid = hashlib.md5(name.encode()).hexdigest()
    info = w.el('DocInfo', '', w.el('DocID', '', docid) + w.el('Creator', '', 'declx tools/corpus/ofdgen.py')
                + w.el('CreatorVersion', '', variant))
    root = ('/' if absolute else '') + 'Doc_0/Document.xml'
    parts['OFD.xml'] = w.root('OFD', 'Version="1.0" DocType="OFD"', w.el('DocBody', '', info + w.el('DocRoot', '', root)))
    save(parts, out_path)


def write_scan(src, out_path):
    """An OFD of a scanned PDF: each page an image and nothing else."""
    import tempfile
    sizes = []
    with open(src, 'rb') as f:
        for page in PDFPage.get_pages(f):
            x0, y0, x1, y1 = page.mediabox
            sizes.append(((x1 - x0) * MM, (y1 - y0) * MM))
    w = Writer('scan', os.path.basename(out_path))
    parts, refs, media = {}, [], []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['pdfimages', '-all', src, os.path.join(tmp, 'im')], check=True)
        images = sorted(os.listdir(tmp))
        if len(images) != len(sizes):
            sys.exit('%s: %d images on %d pages, not one a page' % (src, len(images), len(sizes)))
        for i, (name, (pw, ph)) in enumerate(zip(images, sizes)):
            ext = name.rsplit('.', 1)[-1]
            mid = w.uid()
            parts['Doc_0/Res/page_%d.%s' % (i, ext)] = open(os.path.join(tmp, name), 'rb').read()
            media.append(w.el('MultiMedia', 'ID="%d" Type="Image" Format="%s"' % (mid, ext.upper()),
                              w.el('MediaFile', '', 'page_%d.%s' % (i, ext))))
            img = w.el('ImageObject', 'ID="%d" Boundary="0 0 %s %s" CTM="%s 0 0 %s 0 0" ResourceID="%d"'
                       % (w.uid(), num(pw), num(ph), num(pw), num(ph), mid))
            area = w.el('Area', '', w.el('PhysicalBox', '', '0 0 %s %s' % (num(pw), num(ph))))
            parts['Doc_0/Pages/Page_%d/Content.xml' % i] = w.root(
                'Page', '', area + w.el('Content', '', w.el('Layer', 'ID="%d"' % w.uid(), img)))
            refs.append(w.el('Page', 'ID="%d" BaseLoc="Pages/Page_%d/Content.xml"' % (w.uid(), i)))
    parts['Doc_0/DocumentRes.xml'] = w.root('Res', 'BaseLoc="Res"', w.el('MultiMedias', '', ''.join(media)))
    common = (w.el('MaxUnitID', '', str(w.next_id))
              + w.el('PageArea', '', w.el('PhysicalBox', '', '0 0 210 297'))
              + w.el('DocumentRes', '', 'DocumentRes.xml'))
    parts['Doc_0/Document.xml'] = w.root('Document', '', w.el('CommonData', '', common) + w.el('Pages', '', ''.join(refs)))
    info = w.el('DocInfo', '', w.el('DocID', '', hashlib.md5(w.name.encode()).hexdigest())
                + w.el('Creator', '', 'declx tools/corpus/ofdgen.py') + w.el('CreatorVersion', '', 'scan'))
    parts['OFD.xml'] = w.root('OFD', 'Version="1.0" DocType="OFD"', w.el('DocBody', '', info + w.el('DocRoot', '', 'Doc_0/Document.xml')))
    save(parts, out_path)


def save(parts, out_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for n in ['OFD.xml'] + sorted(k for k in parts if k != 'OFD.xml'):
            zi = zipfile.ZipInfo(n, date_time=(2026, 12, 1, 0, 0, 0))
            data = parts[n]
            # images are stored: deflating a JPEG gains nothing
            zi.compress_type = zipfile.ZIP_STORED if isinstance(data, bytes) else zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode('utf-8'))
    with open(out_path, 'wb') as f:
        f.write(buf.getvalue())


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    variant, src, dst = sys.argv[1:4]
    if variant == 'scan':
        write_scan(src, dst)
        return
    if variant not in ('plain', 'tpl', 'ctm', 'deltax', 'glyphs', 'layers'):
        sys.exit('unknown variant %s' % variant)
    write_ofd(read_pdf(src), dst, variant)


if __name__ == '__main__':
    main()
