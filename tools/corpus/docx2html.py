#!/usr/bin/python3
"""Writes a corpus DOCX as a plain HTML page, for PDF producers other than
LibreOffice (headless Chromium, wkhtmltopdf: tools/corpus/html-pdf.sh).
Hand-written, not LibreOffice's HTML export: the page holds exactly the
DOCX's text, in body order: paragraphs (alignment from w:jc; centred
paragraphs outside tables are titles, set larger) and tables (w:gridSpan
as colspan, w:vMerge as rowspan, w:gridBefore/w:gridAfter as empty cells
without borders, column widths from w:tblGrid or the cells' w:tcW, nested
tables inside their cell). Checkboxes become ☑/☐ characters (no
Wingdings font is installed here): Wingdings/Wingdings 2 w:sym, Word 2010
w14:checkbox content controls, legacy FORMCHECKBOX fields. Deleted runs
(w:del) are left out, inserted ones (w:ins) and content controls kept.
Text boxes are not drawn.

The style is chosen by options (all deterministic):
  --collapse collapse|separate   border model (separate: --spacing gap)
  --border CSS                   cell border, e.g. "1px solid",
                                 "0.5px solid", "0.25pt solid", "3px double"
  --padding CSS                  cell padding ("2px 3px" tight, "6px 8px")
  --font-size SIZE               body text (9pt, 10.5pt, 12pt)
  --line-height N                line height of the body text
  --font FAMILY                  CJK font family (installed: Noto Sans CJK
                                 SC, Noto Serif CJK SC, WenQuanYi Zen Hei)
  --shade COLOR --shade-rows N   background of each table's first N rows
  --landscape                    @page A4 landscape (wkhtmltopdf needs
                                 -O Landscape as well)
  --vertical                     cells with w:textDirection written top to
                                 bottom (writing-mode: vertical-rl)
  --title-size SIZE              size of title paragraphs (16pt)
  --cell-borders                 a cell whose w:tcBorders sets its top or
                                 bottom border to nil/none is drawn
                                 without it (tools/corpus/docx-gaps.py)
  --keep-rows                    tr { page-break-inside: avoid }, as pages
                                 for wkhtmltopdf are written (without it
                                 Qt WebKit cuts rows and rowspans at a page
                                 break and draws their borders astray)

Needs python3 (standard library only).
Usage: docx2html.py [options] IN.docx OUT.html
"""
import argparse
import html
import re
import zipfile
import xml.etree.ElementTree as ET

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
W14 = '{http://schemas.microsoft.com/office/word/2010/wordml}'
MC = '{http://schemas.openxmlformats.org/markup-compatibility/2006}'

# Wingdings / Wingdings 2 code points drawn as ticked or empty boxes
SYM_ON = {'F0FE', 'F0FD', 'F078', 'F0FC', 'F06E', 'F052', 'F053', 'F054', 'F050'}
SYM_OFF = {'F0A8', 'F06F', 'F071', 'F0A3', 'F02A', 'F0A2'}
ON, OFF = '\u2611', '\u2610'


def wval(el, tag, default=None):
    if el is None:
        return default
    c = el.find(W + tag)
    if c is None:
        return default
    return c.get(W + 'val', default if default is not None else '')



def fold_vmerges(rows):
    """Rowspans: a w:vMerge restart takes the continuations below it at
    its grid column (each marked skip). rows: lists of cell dicts with
    'col', 'vm' and 'rowspan'."""
    for i, cells in enumerate(rows):
        for c in cells:
            if c['vm'] != 'restart':
                continue
            j = i + 1
            while j < len(rows):
                below = [d for d in rows[j] if d['col'] == c['col']]
                if not below or below[0]['vm'] != 'continue':
                    break
                below[0]['skip'] = True
                c['rowspan'] += 1
                j += 1

class Writer:
    def __init__(self, opt):
        self.opt = opt
        self.out = []
        self.table_depth = 0

    # ---- inline content ----
    def inline(self, el, acc):
        """Appends the HTML of el's inline content (runs and what holds
        them) to acc; handles complex-field checkboxes across runs."""
        for ch in el:
            tag = ch.tag
            if tag == W + 'r':
                self.run(ch, acc)
            elif tag in (W + 'ins', W + 'hyperlink', W + 'smartTag', W + 'fldSimple',
                         W + 'customXml', W + 'dir', W + 'bdo'):
                self.inline(ch, acc)
            elif tag == W + 'sdt':
                pr = ch.find(W + 'sdtPr')
                cb = pr.find(W14 + 'checkbox') if pr is not None else None
                if cb is not None:
                    c = cb.find(W14 + 'checked')
                    on = c is not None and c.get(W14 + 'val', '1') in ('1', 'true')
                    acc.append(ON if on else OFF)
                else:
                    content = ch.find(W + 'sdtContent')
                    if content is not None:
                        self.inline(content, acc)
            elif tag == MC + 'AlternateContent':
                choice = ch.find(MC + 'Choice')
                if choice is not None:
                    self.inline(choice, acc)
            # w:del, w:pPr, bookmarks, proofErr: nothing printed

    def run(self, r, acc):
        for ch in r:
            tag = ch.tag
            if tag == W + 't':
                acc.append(html.escape(ch.text or ''))
            elif tag == W + 'tab':
                acc.append('<span class="tab"></span>')
            elif tag == W + 'br':
                if ch.get(W + 'type') == 'page':
                    acc.append('<br class="pb">')
                else:
                    acc.append('<br>')
            elif tag == W + 'cr':
                acc.append('<br>')
            elif tag == W + 'sym':
                code = (ch.get(W + 'char') or '').upper()
                if code in SYM_ON:
                    acc.append(ON)
                elif code in SYM_OFF:
                    acc.append(OFF)
            elif tag == W + 'fldChar':
                ff = ch.find(W + 'ffData')
                if ff is not None and ff.find(W + 'checkBox') is not None:
                    box = ff.find(W + 'checkBox')
                    c = box.find(W + 'checked')
                    if c is not None:
                        on = c.get(W + 'val', '1') in ('1', 'true')
                    else:
                        on = wval(box, 'default', '0') in ('1', 'true')
                    acc.append(ON if on else OFF)
            elif tag == W + 'noBreakHyphen':
                acc.append('-')
            # instrText, delText, drawings, rPr: nothing printed

    def para(self, p, in_table):
        ppr = p.find(W + 'pPr')
        jc = wval(ppr, 'jc')
        acc = []
        self.inline(p, acc)
        body = ''.join(acc)
        cls = []
        style = ''
        if jc in ('center', 'right', 'both', 'distribute'):
            style = ' style="text-align:%s"' % {'center': 'center', 'right': 'right',
                                                'both': 'justify',
                                                'distribute': 'justify'}[jc]
        if not in_table and jc == 'center' and body.strip():
            cls.append('title')
        if ppr is not None and ppr.find(W + 'pageBreakBefore') is not None:
            cls.append('pbb')
        if '<br class="pb">' in body:
            head, _, tail = body.partition('<br class="pb">')
            if not re.sub(r'<[^>]*>', '', head).strip():
                cls.append('pbb')
                body = tail
        c = ' class="%s"' % ' '.join(cls) if cls else ''
        if not body.strip():
            body = '&nbsp;' if not in_table else ''
        self.out.append('<p%s%s>%s</p>' % (c, style, body))

    # ---- tables ----
    def table(self, tbl):
        self.table_depth += 1
        grid = [int(g.get(W + 'w', '0')) for g in tbl.findall(W + 'tblGrid/' + W + 'gridCol')]
        rows = []
        for tr in tbl.findall(W + 'tr'):
            trpr = tr.find(W + 'trPr')
            before = int(wval(trpr, 'gridBefore', '0') or 0)
            after = int(wval(trpr, 'gridAfter', '0') or 0)
            cells = []
            col = before
            for tc in self.row_cells(tr):
                tcpr = tc.find(W + 'tcPr')
                span = int(wval(tcpr, 'gridSpan', '1') or 1)
                vm = None
                if tcpr is not None and tcpr.find(W + 'vMerge') is not None:
                    vm = tcpr.find(W + 'vMerge').get(W + 'val', 'continue')
                tcw = tcpr.find(W + 'tcW') if tcpr is not None else None
                width = int(tcw.get(W + 'w', '0')) if tcw is not None and \
                    tcw.get(W + 'type', 'dxa') == 'dxa' else 0
                vert = wval(tcpr, 'textDirection') in ('tbRl', 'tbRlV', 'btLr', 'tbLrV')
                nb = set()
                tcb = tcpr.find(W + 'tcBorders') if tcpr is not None else None
                for side in ('top', 'bottom'):
                    e = tcb.find(W + side) if tcb is not None else None
                    if e is not None and e.get(W + 'val') in ('nil', 'none'):
                        nb.add(side)
                cells.append({'tc': tc, 'col': col, 'span': span, 'vm': vm,
                              'width': width, 'vert': vert, 'rowspan': 1, 'nb': nb})
                col += span
            rows.append((before, after, cells, col + after))
        ncols = max([n for _, _, _, n in rows] + [len(grid)])
        if len(grid) < ncols or not all(grid):
            grid = self.widths_from_cells(rows, ncols)
        fold_vmerges([cells for _, _, cells, _ in rows])
        total = sum(grid) or 1
        self.out.append('<table>')
        self.out.append('<colgroup>%s</colgroup>' % ''.join(
            '<col style="width:%.2f%%">' % (100.0 * w / total) for w in grid))
        for i, (before, after, cells, _) in enumerate(rows):
            shade = i < self.opt.shade_rows and self.opt.shade
            self.out.append('<tr%s>' % (' class="shade"' if shade else ''))
            if before:
                self.out.append('<td class="gap" colspan="%d"></td>' % before)
            for c in cells:
                if c.get('skip') or c['vm'] == 'continue':
                    continue
                attrs = ''
                if c['span'] > 1:
                    attrs += ' colspan="%d"' % c['span']
                if c['rowspan'] > 1:
                    attrs += ' rowspan="%d"' % c['rowspan']
                if c['vert'] and self.opt.vertical:
                    attrs += ' class="vert"'
                if getattr(self.opt, 'cell_borders', False) and c['nb']:
                    attrs += ' style="%s"' % ''.join(
                        'border-%s:none;' % side for side in sorted(c['nb']))
                self.out.append('<td%s>' % attrs)
                if c['vert'] and self.opt.vertical:
                    # an explicit block height: Chromium breaks a vertical-rl
                    # cell after every character when the height is left open
                    start = len(self.out)
                    self.cell_body(c['tc'])
                    inner = ''.join(self.out[start:])
                    del self.out[start:]
                    n = len(html.unescape(re.sub(r'<[^>]*>', '', inner)))
                    self.out.append('<div class="vert" style="height:%.1fem">%s</div>'
                                    % (n * 1.05 + 0.3, inner))
                else:
                    self.cell_body(c['tc'])
                self.out.append('</td>')
            if after:
                self.out.append('<td class="gap" colspan="%d"></td>' % after)
            self.out.append('</tr>')
        self.out.append('</table>')
        self.table_depth -= 1

    def row_cells(self, tr):
        """The w:tc of a row, also those inside row-level content controls."""
        for ch in tr:
            if ch.tag == W + 'tc':
                yield ch
            elif ch.tag in (W + 'sdt', W + 'customXml'):
                content = ch.find(W + 'sdtContent') if ch.tag == W + 'sdt' else ch
                if content is not None:
                    yield from self.row_cells(content)

    @staticmethod
    def widths_from_cells(rows, ncols):
        grid = [0] * ncols
        for _, _, cells, _ in rows:
            for c in cells:
                if c['span'] == 1 and c['width'] and not grid[c['col']]:
                    grid[c['col']] = c['width']
        for _, _, cells, _ in rows:
            for c in cells:
                cols = range(c['col'], min(c['col'] + c['span'], ncols))
                missing = [k for k in cols if not grid[k]]
                if missing and c['width']:
                    rest = c['width'] - sum(grid[k] for k in cols)
                    for k in missing:
                        grid[k] = max(rest // len(missing), 300)
        known = [g for g in grid if g]
        fill = sum(known) // len(known) if known else 1000
        return [g or fill for g in grid]

    def cell_body(self, tc):
        for ch in tc:
            if ch.tag == W + 'p':
                self.para(ch, True)
            elif ch.tag == W + 'tbl':
                self.table(ch)
            elif ch.tag == W + 'sdt':
                content = ch.find(W + 'sdtContent')
                if content is not None:
                    self.cell_body(content)

    def body(self, el):
        for ch in el:
            if ch.tag == W + 'p':
                self.para(ch, False)
            elif ch.tag == W + 'tbl':
                self.table(ch)
            elif ch.tag == W + 'sdt':
                content = ch.find(W + 'sdtContent')
                if content is not None:
                    self.body(content)

    def page(self, title):
        o = self.opt
        spacing = o.spacing if o.collapse == 'separate' else '0'
        css = f'''
@page {{ size: A4{' landscape' if o.landscape else ''}; margin: 18mm 16mm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "{o.font}", sans-serif; font-size: {o.font_size};
  line-height: {o.line_height}; color: #000; background: #fff; }}
p {{ margin: 0.15em 0; white-space: pre-wrap; }}
p.title {{ font-size: {o.title_size}; font-weight: bold; text-align: center;
  margin: 0.6em 0 0.4em; }}
p.pbb {{ page-break-before: always; break-before: page; }}
span.tab {{ display: inline-block; width: 2.5em; }}
table {{ border-collapse: {o.collapse}; border-spacing: {spacing}; width: 100%;
  table-layout: fixed; margin: 0; }}
td {{ border: {o.border} #000; padding: {o.padding}; vertical-align: middle;
  word-wrap: break-word; overflow-wrap: break-word; }}
td p {{ margin: 0; }}
td.gap {{ border: none; }}
div.vert {{ writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl;
  margin: 0 auto; }}
td.vert {{ text-align: center; }}
{'tr { page-break-inside: avoid; }' if o.keep_rows else ''}
tr.shade td {{ background: {o.shade or 'transparent'}; }}
td table {{ width: 100%; }}
'''
        return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                '<title>%s</title><style>%s</style></head><body>\n%s\n</body></html>\n'
                % (html.escape(title), css, '\n'.join(self.out)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--collapse', choices=('collapse', 'separate'), default='collapse')
    ap.add_argument('--spacing', default='0')
    ap.add_argument('--border', default='1px solid')
    ap.add_argument('--padding', default='2px 3px')
    ap.add_argument('--font-size', default='10.5pt')
    ap.add_argument('--line-height', default='1.3')
    ap.add_argument('--font', default='Noto Sans CJK SC')
    ap.add_argument('--shade', default='')
    ap.add_argument('--shade-rows', type=int, default=1)
    ap.add_argument('--landscape', action='store_true')
    ap.add_argument('--vertical', action='store_true')
    ap.add_argument('--title-size', default='16pt')
    ap.add_argument('--keep-rows', action='store_true')
    ap.add_argument('--cell-borders', action='store_true')
    ap.add_argument('docx')
    ap.add_argument('html')
    o = ap.parse_args()
    if not o.shade:
        o.shade_rows = 0
    root = ET.fromstring(zipfile.ZipFile(o.docx).read('word/document.xml'))
    w = Writer(o)
    w.body(root.find(W + 'body'))
    name = re.sub(r'\.docx$', '', o.docx.rsplit('/', 1)[-1])
    with open(o.html, 'w', encoding='utf-8') as f:
        f.write(w.page(name))


if __name__ == '__main__':
    main()
