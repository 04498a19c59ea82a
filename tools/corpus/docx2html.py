#!/usr/bin/env python3
"""Writes a corpus DOCX as a hand-made HTML page (not LibreOffice's HTML
export), in a table style chosen on the command line, for browsers and
other HTML-to-PDF producers to print: the same text in the same cells,
merges as rowspan/colspan, paragraphs outside tables with their
alignment, checkboxes (Wingdings w:sym, w14:checkbox, FORMCHECKBOX) as
the characters ☑ / ☐ (no Wingdings font is installed here).

Usage: docx2html.py IN.docx OUT.html [--border CSS] [--separate]
         [--padding CSS] [--font-size PT] [--shade COLOR] [--landscape]
         [--title-size PT] [--xlsx OUT.xlsx]
  --border     a cell's border, e.g. "1px solid #000", "0.25pt solid #000",
               "3px double #000" (default 1px solid #000)
  --separate   border-collapse: separate (default collapse)
  --padding    a cell's padding (default "2px 3px")
  --shade      background of each table's first row
  --xlsx       also write the tables as an Excel workbook (openpyxl):
               merged cells, thin borders, wrapped text, one sheet
"""
import argparse
import html
import sys
import zipfile
import xml.etree.ElementTree as ET

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
W14 = '{http://schemas.microsoft.com/office/word/2010/wordml}'
ON, OFF = '\u2611', '\u2610'
# Wingdings / Wingdings 2 codes that draw a ticked or an empty box
SYM_ON = {'F0FE', 'F0FD', 'F078', 'F0FC', 'F06E', 'F052', 'F053', 'F054', 'F050'}
SYM_OFF = {'F0A8', 'F06F', 'F071', 'F0A3', 'F02A', 'F0A2'}


def run_text(r):
    out = []
    for el in r:
        tag = el.tag
        if tag == W + 't':
            out.append(el.text or '')
        elif tag == W + 'tab':
            out.append('\t')
        elif tag in (W + 'br', W + 'cr'):
            out.append('\n')
        elif tag == W + 'sym':
            ch = (el.get(W + 'char') or '').upper()
            out.append(ON if ch in SYM_ON else OFF if ch in SYM_OFF else '')
    return ''.join(out)


def para_text(p):
    """Text of a paragraph in document order, checkboxes as ☑/☐."""
    out = []
    skip_field = False
    for el in p.iter():
        tag = el.tag
        if tag == W14 + 'checkbox':
            c = el.find(W14 + 'checked')
            out.append(ON if c is not None and c.get(W14 + 'val') in ('1', 'true') else OFF)
        elif tag == W + 'checkBox':  # legacy FORMCHECKBOX
            d = el.find(W + 'checked')
            if d is None:
                d = el.find(W + 'default')
            on = d is not None and d.get(W + 'val', '1') in ('1', 'true')
            out.append(ON if on else OFF)
            skip_field = True
        elif tag == W + 'r':
            # the w14:checkbox's glyph run sits in the sdtContent: its
            # state was written above
            if skip_field and el.find(W + 'fldChar') is not None:
                continue
            t = run_text(el)
            if t in (ON, OFF, '\u2612') and out and out[-1] in (ON, OFF):
                continue
            out.append(t)
    return ''.join(out)


def para_style(p):
    ppr = p.find(W + 'pPr')
    jc = ppr.find(W + 'jc') if ppr is not None else None
    align = jc.get(W + 'val') if jc is not None else None
    sz = None
    for s in p.iter(W + 'sz'):
        sz = int(s.get(W + 'val')) / 2
        break
    return {'center': 'center', 'right': 'right', 'end': 'right'}.get(align, 'left'), sz


def table_model(tbl):
    """Rows of cells: (text, colspan, rowspan, grid col) with vMerge
    continuations folded into the cell above. Returns (grid widths, rows)."""
    grid = [int(g.get(W + 'w') or 1) for g in tbl.findall(W + 'tblGrid/' + W + 'gridCol')]
    rows = []
    open_cells = {}  # grid col -> cell dict of a running vMerge
    for tr in tbl.findall(W + 'tr'):
        row = []
        col = 0
        trpr = tr.find(W + 'trPr')
        if trpr is not None:
            gb = trpr.find(W + 'gridBefore')
            if gb is not None:
                col += int(gb.get(W + 'val'))
        for tc in tr.findall(W + 'tc'):
            tcpr = tc.find(W + 'tcPr')
            span, vm = 1, None
            if tcpr is not None:
                gs = tcpr.find(W + 'gridSpan')
                if gs is not None:
                    span = int(gs.get(W + 'val'))
                v = tcpr.find(W + 'vMerge')
                if v is not None:
                    vm = v.get(W + 'val') or 'continue'
            text = '\n'.join(para_text(p) for p in tc.findall(W + 'p'))
            if vm == 'continue' and col in open_cells:
                open_cells[col]['rowspan'] += 1
            else:
                cell = {'text': text, 'colspan': span, 'rowspan': 1, 'col': col}
                row.append(cell)
                if vm == 'restart':
                    open_cells[col] = cell
                else:
                    open_cells.pop(col, None)
            col += span
        rows.append(row)
    ncols = max([len(grid)] + [c['col'] + c['colspan'] for r in rows for c in r])
    grid += [max(grid or [1])] * (ncols - len(grid))
    return grid, rows


def body_blocks(path):
    doc = ET.fromstring(zipfile.ZipFile(path).read('word/document.xml'))
    body = doc.find(W + 'body')
    for el in body:
        if el.tag == W + 'p':
            yield 'p', el
        elif el.tag == W + 'tbl':
            yield 't', el
        elif el.tag == W + 'sdt':
            for sub in el.iter():
                if sub.tag == W + 'tbl':
                    yield 't', sub
                    break


def cell_html(text):
    return '<br>'.join(html.escape(line).replace('\t', ' ') for line in text.split('\n'))


def write_html(blocks, out, a):
    css = ['body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;'
           'font-size:%spt;margin:0}' % a.font_size,
           'table{border-collapse:%s;%swidth:100%%;table-layout:fixed;margin:4px 0}'
           % ('separate' if a.separate else 'collapse',
              'border-spacing:2px;' if a.separate else ''),
           'td{border:%s;padding:%s;vertical-align:middle;word-wrap:break-word}'
           % (a.border, a.padding),
           'p{margin:2px 0}',
           '@page{size:A4%s;margin:15mm}' % (' landscape' if a.landscape else '')]
    if a.shade:
        css.append('tr.head td{background:%s}' % a.shade)
    o = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>%s</style></head><body>'
         % ''.join(css)]
    for kind, el in blocks:
        if kind == 'p':
            text = para_text(el)
            if not text.strip():
                continue
            align, sz = para_style(el)
            size = a.title_size if ('绩效' in text and '表' in text and len(text) < 60) else sz
            style = 'text-align:%s' % align
            if size:
                style += ';font-size:%spt;font-weight:bold' % size
            o.append('<p style="%s">%s</p>' % (style, cell_html(text)))
            continue
        grid, rows = table_model(el)
        total = sum(grid)
        o.append('<table><colgroup>%s</colgroup>' % ''.join(
            '<col style="width:%.3f%%">' % (100.0 * g / total) for g in grid))
        for i, row in enumerate(rows):
            o.append('<tr%s>' % (' class="head"' if i == 0 else ''))
            for c in row:
                span = ''
                if c['colspan'] > 1:
                    span += ' colspan="%d"' % c['colspan']
                if c['rowspan'] > 1:
                    span += ' rowspan="%d"' % c['rowspan']
                o.append('<td%s>%s</td>' % (span, cell_html(c['text'])))
            if not row:
                o.append('<td colspan="%d"></td>' % len(grid))
            o.append('</tr>')
        o.append('</table>')
    o.append('</body></html>\n')
    with open(out, 'w', encoding='utf-8') as f:
        f.write(''.join(o))


def write_xlsx(blocks, out, a):
    """One sheet; paragraphs as merged rows across the widest table,
    tables with their merges and thin borders; gridlines off."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.sheet_view.showGridLines = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    side = Side(style='thin', color='000000')
    box = Border(left=side, right=side, top=side, bottom=side)
    tables = [table_model(el) for kind, el in blocks if kind == 't']
    width = max([len(g) for g, _ in tables] + [1])
    # columns: the first table's grid proportions, stretched to 100 chars
    first = tables[0][0] if tables else [1] * width
    first = first + [first[-1]] * (width - len(first))
    for i, g in enumerate(first):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(6, 100.0 * g / sum(first))
    r = 1
    ti = 0
    for kind, el in blocks:
        if kind == 'p':
            text = para_text(el)
            if not text.strip():
                continue
            align, sz = para_style(el)
            ws.cell(row=r, column=1, value=text)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            ws.cell(row=r, column=1).alignment = Alignment(horizontal=align, wrap_text=True)
            if '绩效' in text and '表' in text and len(text) < 60:
                ws.cell(row=r, column=1).font = Font(size=16, bold=True)
                ws.row_dimensions[r].height = 24
            r += 1
            continue
        grid, rows = tables[ti]
        ti += 1
        top = r
        for row in rows:
            for c in row:
                for rr in range(c['rowspan']):
                    for cc in range(c['colspan']):
                        ws.cell(row=r + rr, column=c['col'] + cc + 1).border = box
                cell = ws.cell(row=r, column=c['col'] + 1, value=c['text'] or None)
                cell.alignment = Alignment(vertical='center', wrap_text=True)
                if c['rowspan'] > 1 or c['colspan'] > 1:
                    ws.merge_cells(start_row=r, start_column=c['col'] + 1,
                                   end_row=r + c['rowspan'] - 1,
                                   end_column=c['col'] + c['colspan'])
            r += 1
        del top
        r += 1  # a blank row between tables
    wb.save(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('docx')
    ap.add_argument('out')
    ap.add_argument('--border', default='1px solid #000')
    ap.add_argument('--separate', action='store_true')
    ap.add_argument('--padding', default='2px 3px')
    ap.add_argument('--font-size', default='9')
    ap.add_argument('--title-size', default='16')
    ap.add_argument('--shade')
    ap.add_argument('--landscape', action='store_true')
    ap.add_argument('--xlsx')
    a = ap.parse_args()
    # the matrix in producers.sh writes spaces as underscores
    a.border = a.border.replace('_', ' ')
    a.padding = a.padding.replace('_', ' ')
    blocks = list(body_blocks(a.docx))
    write_html(blocks, a.out, a)
    if a.xlsx:
        write_xlsx(blocks, a.xlsx, a)


if __name__ == '__main__':
    sys.exit(main())
