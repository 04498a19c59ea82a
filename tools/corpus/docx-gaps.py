#!/usr/bin/python3
"""Writes a copy of a DOCX whose indicator tables lose some row borders,
as when a form's author (or a template) leaves them out: in every table
with a 三级指标 header row, between indicator rows i and i+1 (counted from
0 under the header) where i % 3 != 2, the cells that are not vertically
merged get w:tcBorders bottom (row i) and top (row i+1) set to nil, so a
PDF printer draws no line there. Cells merged over the rows (w:vMerge)
keep theirs. With --from-col N only cells starting at grid column N or
later lose them (the level columns keep their borders).
Nothing else in the package changes; the text is the DOCX's.
Needs python3-lxml (python3-docx depends on it).
Usage: docx-gaps.py [--from-col N] IN.docx OUT.docx"""
import argparse
import zipfile

from lxml import etree

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
NS = {'w': W}
# w:tcPr children that come before w:tcBorders (ECMA-376 Part 1, 17.4.70)
BEFORE = {'cnfStyle', 'tcW', 'gridSpan', 'hMerge', 'vMerge'}


def q(tag):
    return '{%s}%s' % (W, tag)


def text(el):
    return ''.join(el.itertext())


def no_border(tc, side):
    tcpr = tc.find(q('tcPr'))
    if tcpr is None:
        tcpr = etree.SubElement(tc, q('tcPr'))
        tc.remove(tcpr)
        tc.insert(0, tcpr)
    b = tcpr.find(q('tcBorders'))
    if b is None:
        b = etree.Element(q('tcBorders'))
        at = 0
        for i, ch in enumerate(tcpr):
            if etree.QName(ch).localname in BEFORE:
                at = i + 1
        tcpr.insert(at, b)
    old = b.find(q(side))
    if old is not None:
        b.remove(old)
    e = etree.Element(q(side))
    e.set(q('val'), 'nil')
    # top, left (start), bottom, right (end), insideH, insideV: keep order
    order = ['top', 'start', 'left', 'bottom', 'end', 'right', 'insideH', 'insideV']
    at = len(b)
    for i, ch in enumerate(b):
        if order.index(etree.QName(ch).localname) > order.index(side):
            at = i
            break
    b.insert(at, e)


def cells(tr):
    """(grid column, w:tc, merged) of a row's cells."""
    trpr = tr.find(q('trPr'))
    col = 0
    if trpr is not None and trpr.find(q('gridBefore')) is not None:
        col = int(trpr.find(q('gridBefore')).get(q('val')))
    out = []
    for tc in tr.findall(q('tc')):
        tcpr = tc.find(q('tcPr'))
        span, merged = 1, False
        if tcpr is not None:
            gs = tcpr.find(q('gridSpan'))
            if gs is not None:
                span = int(gs.get(q('val')))
            merged = tcpr.find(q('vMerge')) is not None
        out.append((col, tc, merged))
        col += span
    return out


def rewrite(xml, from_col):
    root = etree.fromstring(xml)
    n = 0
    for tbl in root.iter(q('tbl')):
        rows = tbl.findall(q('tr'))
        head = next((i for i, tr in enumerate(rows) if '三级指标' in text(tr)), None)
        if head is None:
            continue
        ind = rows[head + 1:]
        for i in range(len(ind) - 1):
            if i % 3 == 2:
                continue
            for tr, side in ((ind[i], 'bottom'), (ind[i + 1], 'top')):
                for col, tc, merged in cells(tr):
                    if not merged and col >= from_col:
                        no_border(tc, side)
            n += 1
    return etree.tostring(root, xml_declaration=True, encoding='UTF-8', standalone=True), n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--from-col', type=int, default=0)
    ap.add_argument('src')
    ap.add_argument('dst')
    a = ap.parse_args()
    with zipfile.ZipFile(a.src) as zin, zipfile.ZipFile(a.dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'word/document.xml':
                data, n = rewrite(data, a.from_col)
                if not n:
                    raise SystemExit('docx-gaps.py: %s has no indicator rows' % a.src)
            zout.writestr(info, data)


if __name__ == '__main__':
    main()
