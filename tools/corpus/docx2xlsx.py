#!/usr/bin/python3
"""Lays a corpus DOCX out in a spreadsheet, as forms kept in Excel/Calc are:
one sheet, a common column grid for all the document's tables (the union
of their column edges from w:tblGrid), each table cell a (merged) range
with thin black borders on every side, wrapped text centred vertically,
gridlines off, A4 fitted to the page width. Paragraphs outside tables
are rows merged across the sheet: centred ones are titles (16 pt bold);
a paragraph with tabs ("填报单位：…<tab>金额单位：万元") is spread over
cells left to right, as such forms put them. Row heights are worked out
from the text (Calc does not grow a row for a merged cell's wrapped
text). Checkboxes become ☑/☐ characters, as in docx2html.py (the same
reader). The text is exactly the DOCX's; vertical text direction is not
kept (the cells read left to right).
tools/corpus/calc-pdf.sh prints the workbook with LibreOffice Calc.
For the XLSX corpus (corpus/xlsx/, tools/corpus/xlsx-corpus.sh) the same
layout can put one form on each sheet (--sheets), hide a column or a
row holding text (--hidden-col, --hidden-row), and xlsxpost.py rewrites
the workbook as Excel writes one: shared strings with rich-text runs,
numbers, percentages and dates as typed values under the number format
that shows the DOCX's text, formulas with cached results, the 1904 date
system, checkboxes as Wingdings 2 characters (see --help).
Needs python3-openpyxl.
Usage: docx2xlsx.py [--font-size PT] [OPTIONS] IN.docx OUT.xlsx
"""
import argparse
import datetime
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docx2html  # noqa: E402
import xlsxpost  # noqa: E402

W = docx2html.W
FONT = 'Noto Sans CJK SC'
SHEET_PT = 520.0          # width of the sheet's grid in points


class Collector(docx2html.Writer):
    """Reads the document with docx2html's reader into blocks:
    ('p', text, align) and ('t', grid_twips, rows), rows being lists of
    cells {col, span, rowspan, text, align}; continuation cells dropped."""

    def __init__(self):
        class O:
            shade = ''
            shade_rows = 0
            vertical = False
        super().__init__(O())
        self.blocks = []

    def text_of(self, el):
        acc = []
        self.inline(el, acc)
        s = ''.join(acc)
        s = s.replace('<span class="tab"></span>', '\t').replace('<br class="pb">', '')
        s = s.replace('<br>', '\n')
        s = re.sub(r'<[^>]*>', '', s)
        return (s.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"')
                .replace('&#x27;', "'").replace('&amp;', '&'))

    def body(self, el):
        for ch in el:
            if ch.tag == W + 'p':
                jc = docx2html.wval(ch.find(W + 'pPr'), 'jc') or 'left'
                self.blocks.append(('p', self.text_of(ch), jc))
            elif ch.tag == W + 'tbl':
                self.blocks.append(self.read_table(ch))
            elif ch.tag == W + 'sdt':
                c = ch.find(W + 'sdtContent')
                if c is not None:
                    self.body(c)

    def read_table(self, tbl):
        grid = [int(g.get(W + 'w', '0')) for g in tbl.findall(W + 'tblGrid/' + W + 'gridCol')]
        rows = []
        for tr in tbl.findall(W + 'tr'):
            trpr = tr.find(W + 'trPr')
            col = int(docx2html.wval(trpr, 'gridBefore', '0') or 0)
            cells = []
            for tc in self.row_cells(tr):
                tcpr = tc.find(W + 'tcPr')
                span = int(docx2html.wval(tcpr, 'gridSpan', '1') or 1)
                vm = None
                if tcpr is not None and tcpr.find(W + 'vMerge') is not None:
                    vm = tcpr.find(W + 'vMerge').get(W + 'val', 'continue')
                if any(x.tag == W + 'tbl' for x in tc):
                    sys.exit('docx2xlsx: nested tables are not laid out')
                paras = [p for p in tc.iter(W + 'p')]
                text = '\n'.join(self.text_of(p) for p in paras).replace('\t', ' ')
                jc = docx2html.wval(paras[0].find(W + 'pPr'), 'jc') if paras else None
                cells.append({'col': col, 'span': span, 'vm': vm, 'text': text,
                              'align': jc or 'left', 'rowspan': 1, 'width': 0})
                col += span
            rows.append(cells)
        ncols = max([c['col'] + c['span'] for r in rows for c in r] + [len(grid)])
        if len(grid) < ncols or not all(grid):
            grid = [1000] * ncols
        docx2html.fold_vmerges(rows)
        rows = [[c for c in r if not c.get('skip') and c['vm'] != 'continue'] for r in rows]
        return ('t', grid, rows)


def text_width(s, size):
    return sum(size if ord(ch) > 0x2000 else size * 0.6 for ch in s)


def lines_needed(text, width_pt, size):
    usable = max(width_pt - 8, size * 2)
    n = 0
    for part in text.split('\n'):
        n += max(1, math.ceil(text_width(part, size) * 1.08 / usable))
    return n


def grid_of(blocks):
    """The common grid of the blocks' tables: the union of their column
    edges (as fractions of the width), edges closer than 1.2 % merged."""
    edges = {0.0, 1.0}
    for b in blocks:
        if b[0] == 't':
            tot, acc = float(sum(b[1])), 0
            for w in b[1]:
                acc += w
                edges.add(round(acc / tot, 3))
    edges = sorted(edges)
    merged = [edges[0]]
    for e in edges[1:]:
        if e - merged[-1] > 0.012:
            merged.append(e)
        else:
            merged[-1] = e if e == 1.0 else merged[-1]
    return merged


def split_forms(blocks):
    """The blocks cut before each table that follows a paragraph (the
    paragraphs above a table go with it): one form a sheet."""
    sheets, cur, seen_table, after_table = [], [], False, False
    for b in blocks:
        if b[0] == 't' and seen_table and after_table:
            # the paragraphs since the last table open the new sheet
            k = len(cur)
            while k > 0 and cur[k - 1][0] == 'p':
                k -= 1
            sheets.append(cur[:k])
            cur = cur[k:]
        if b[0] == 't':
            seen_table = True
        after_table = b[0] == 'p' and seen_table
        cur.append(b)
    sheets.append(cur)
    return [s for s in sheets if s]


def hidden_row_after(rows):
    """The first row (from the second) no vertical merge runs past."""
    for i in range(1, len(rows) - 1):
        if all(j + c['rowspan'] - 1 <= i for j in range(i + 1) for c in rows[j]):
            return i
    return None


def layout_sheet(ws, blocks, size, hidden_col=0, hidden_row=False, borders=True):
    edges = grid_of(blocks)
    ncol = len(edges) - 1
    widths_pt = [(edges[i + 1] - edges[i]) * SHEET_PT for i in range(ncol)]
    hcol = min(hidden_col, ncol) if hidden_col else 0

    def gcol(frac):
        return min(range(len(edges)), key=lambda k: abs(edges[k] - frac))

    def sheet_col(c):
        """A grid column (1-based) on the sheet, after the hidden one."""
        return c + 1 if hcol and c >= hcol else c

    for i, wpt in enumerate(widths_pt):
        ws.column_dimensions[get_column_letter(sheet_col(i + 1))].width = \
            round((wpt / 0.75 - 5) / 7, 2)
    thin = Side(style='thin', color='000000')
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=FONT, size=size)
    heights = {}
    junk_rows = []   # (sheet row, first column, last column) of a table's rows
    hidden_done = not hidden_row
    r = 1
    for b in blocks:
        if b[0] == 'p':
            text, jc = b[1], b[2]
            title = jc == 'center' and text.strip()
            pieces = [p for p in re.split(r'\t+', text)] if '\t' in text else [text]
            pieces = [p.strip() for p in pieces if p.strip()] or ['']
            k = len(pieces)
            bounds = [round(i * ncol / k) for i in range(k + 1)]
            for i, p in enumerate(pieces):
                c1, c2 = sheet_col(bounds[i] + 1), sheet_col(bounds[i + 1])
                cell = ws.cell(row=r, column=c1, value=p or None)
                align = {'center': 'center', 'right': 'right'}.get(jc, 'left')
                if k > 1:
                    align = 'left' if i < k - 1 else 'right'
                cell.alignment = Alignment(horizontal=align, vertical='center', wrap_text=True)
                cell.font = Font(name=FONT, size=16, bold=True) if title else font
                if c2 > c1:
                    ws.merge_cells(start_row=r, start_column=c1, end_row=r, end_column=c2)
            fs = 16 if title else size
            w = SHEET_PT / k
            heights[r] = max(lines_needed(p, w, fs) for p in pieces) * fs * 1.4 + 6
            r += 1
            continue
        _, grid, rows = b
        tot = float(sum(grid))
        cum = [0]
        for w in grid:
            cum.append(cum[-1] + w)
        top = r
        skip = None if hidden_done else hidden_row_after(rows)
        if skip is not None:
            hidden_done = True

        def srow(i):
            return top + i + (1 if skip is not None and i > skip else 0)
        need = []   # (first row, last row, points needed)
        for i, cells in enumerate(rows):
            heights.setdefault(srow(i), size * 1.4 + 6)
            for c in cells:
                c1 = sheet_col(gcol(cum[c['col']] / tot) + 1)
                c2 = sheet_col(gcol(cum[min(c['col'] + c['span'], len(grid))] / tot))
                c2 = max(c2, c1)
                r1, r2 = srow(i), srow(i + c['rowspan'] - 1)
                cell = ws.cell(row=r1, column=c1, value=c['text'] or None)
                cell.alignment = Alignment(horizontal={'center': 'center', 'right': 'right'}
                                           .get(c['align'], 'left'),
                                           vertical='center', wrap_text=True)
                cell.font = font
                for rr in range(r1, r2 + 1):
                    for cc in range(c1, c2 + 1):
                        if borders:
                            ws.cell(row=rr, column=cc).border = box
                if r2 > r1 or c2 > c1:
                    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
                wpt = sum(widths_pt[c1 - 1:c2])
                need.append((r1, r2, lines_needed(c['text'], wpt, size) * size * 1.4 + 6))
                junk_rows.append((r1, c1, c2))
        if skip is not None:
            # a row hidden in the table: bordered like the others, with text
            hr = top + skip + 1
            c1 = sheet_col(1)
            c2 = sheet_col(ncol)
            ws.cell(row=hr, column=c1, value='内部审核意见（隐藏行）').font = font
            ws.cell(row=hr, column=c2, value='不报送').font = font
            for cc in range(c1, c2 + 1):
                ws.cell(row=hr, column=cc).border = box
            ws.row_dimensions[hr].hidden = True
        for r1, r2, pts in sorted(need, key=lambda x: x[1] - x[0]):
            have = sum(heights[x] for x in range(r1, r2 + 1))
            if have < pts:
                heights[r2] += pts - have
        r += len(rows) + (1 if skip is not None else 0)
    if hcol:
        # a hidden column: text on every table row it does not merge into
        hc = hcol
        letter = get_column_letter(hc)
        covered = set()
        for rng in ws.merged_cells.ranges:
            if rng.min_col <= hc <= rng.max_col:
                covered.update(range(rng.min_row, rng.max_row + 1))
        for row, c1, c2 in junk_rows:
            if row not in covered and c1 < hc:
                ws.cell(row=row, column=hc, value='备注%d' % row).font = font
        ws.column_dimensions[letter].width = 6
        ws.column_dimensions[letter].hidden = True
    for row, h in heights.items():
        ws.row_dimensions[row].height = round(h, 1)
    ws.sheet_view.showGridLines = False
    ws.print_options.gridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = 'portrait'
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--font-size', type=float, default=10)
    ap.add_argument('--sheets', action='store_true',
                    help='one form a sheet (the tables after a paragraph start one)')
    ap.add_argument('--hidden-col', type=int, default=0, metavar='K',
                    help='a hidden column with text before grid column K (1-based)')
    ap.add_argument('--hidden-row', action='store_true',
                    help='a hidden bordered row with text in the first table')
    ap.add_argument('--no-borders', action='store_true',
                    help='no cell borders (a form laid out on the grid alone)')
    xlsxpost.add_arguments(ap)
    ap.add_argument('docx')
    ap.add_argument('xlsx')
    o = ap.parse_args()
    root = ET.fromstring(zipfile.ZipFile(o.docx).read('word/document.xml'))
    col = Collector()
    col.body(root.find(W + 'body'))
    sheets = split_forms(col.blocks) if o.sheets else [col.blocks]
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    for i, blocks in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = 'Sheet%d' % (i + 1)
        layout_sheet(ws, blocks, o.font_size, o.hidden_col, o.hidden_row and i == 0,
                     not o.no_borders)
    wb.save(o.xlsx)
    xlsxpost.rewrite(o.xlsx, o)


if __name__ == '__main__':
    main()
