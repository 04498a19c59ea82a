"""Minimal DOCX writer for the declx corpus (standard library only).

A document is a list of blocks: Para and Table. Table rows hold Cells;
the builder assigns grid columns so templates know where every value
sits (for the expected JSON's "at"). Checkboxes are written as {ON} and
{OFF} in cell text and rendered in the document's checkbox style:
  glyph  literal ☑ / ☐ characters
  sym    Wingdings w:sym F0FE / F0A8
  sym2   Wingdings 2 w:sym F052 / F0A3
  w14    Word 2010 content-control check boxes
  ff     legacy FORMCHECKBOX fields (w:ffData/w:checkBox)
  html   the literal text <input type="checkbox" checked/> some converters leave
"""
import zipfile
from xml.sax.saxutils import escape

W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''
DOC_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'mc:Ignorable="w14"><w:body>' % W_NS)
DOC_TAIL = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247"/></w:sectPr>'
            '</w:body></w:document>')


class Para:
    def __init__(self, text, page_break_before=False, center=False, raw_xml=None):
        self.text = text
        self.page_break_before = page_break_before
        self.center = center
        self.raw_xml = raw_xml


class Cell:
    """text: str with '\\n' between paragraphs. vmerge: None, 'restart',
    'continue'. vertical: written top-to-bottom (w:textDirection)."""
    def __init__(self, text='', span=1, vmerge=None, vertical=False, raw_xml=None,
                 nested=None):
        self.text = text
        self.span = span
        self.vmerge = vmerge
        self.vertical = vertical
        self.raw_xml = raw_xml
        self.nested = nested
        self.col = None


def C(text='', span=1, **kw):
    return Cell(text, span, **kw)


def R(span=1):
    """A cell that restarts a vertical merge with text set later by .text."""
    return Cell('', span, vmerge='restart')


def M(span=1):
    """A vertical-merge continuation cell."""
    return Cell('', span, vmerge='continue')


class Table:
    def __init__(self, ncols, widths=None, no_grid=False):
        self.ncols = ncols
        self.rows = []          # list of (cells, grid_before, row_xml_wrap)
        self.widths = widths or [int(9400 / ncols)] * ncols
        self.no_grid = no_grid
        self.index = None       # set by Document

    def row(self, *cells, grid_before=0, wrap=None):
        """Adds a row; returns its index. Cells get .col assigned."""
        col = grid_before
        for c in cells:
            c.col = col
            col += c.span
        if col > self.ncols:
            raise ValueError('row wider than table: %r' % [c.text for c in cells])
        self.rows.append((list(cells), grid_before, wrap))
        return len(self.rows) - 1


class Document:
    def __init__(self, checkbox='glyph', split_runs=False):
        self.blocks = []
        self.checkbox = checkbox
        self.split_runs = split_runs
        self.ntables = 0
        self.nparas = 0

    def para(self, text, **kw):
        p = Para(text, **kw)
        self.blocks.append(p)
        idx = None
        if text.strip():
            idx = self.nparas
            self.nparas += 1
        return idx

    def table(self, t):
        t.index = self.ntables
        self.ntables += 1
        self.blocks.append(t)
        return t

    # ---- rendering ----
    def _checkbox(self, on):
        s = self.checkbox
        if s == 'glyph':
            return self._run('☑' if on else '☐')
        if s == 'sym':
            return ('<w:r><w:sym w:font="Wingdings" w:char="%s"/></w:r>'
                    % ('F0FE' if on else 'F0A8'))
        if s == 'sym2':
            return ('<w:r><w:sym w:font="Wingdings 2" w:char="%s"/></w:r>'
                    % ('F052' if on else 'F0A3'))
        if s == 'w14':
            return ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="%d"/>'
                    '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
                    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
                    '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>%s</w:t></w:r>'
                    '</w:sdtContent></w:sdt>' % (1 if on else 0, '☒' if on else '☐'))
        if s == 'ff':
            return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
                    '<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>'
                    '<w:default w:val="0"/>%s</w:checkBox></w:ffData></w:fldChar></w:r>'
                    '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                    % ('<w:checked/>' if on else ''))
        if s == 'html':
            return self._run('<input checked="" type="checkbox"/>' if on
                             else '<input type="checkbox"/>')
        raise ValueError(s)

    def _run(self, text):
        if not text:
            return ''
        parts = [text]
        if self.split_runs and len(text) >= 2:
            # labels split over several runs, as Word does after edits
            parts = [text[i:i + 2] for i in range(0, len(text), 2)]
        out = []
        for part in parts:
            pieces = part.split('\t')
            xml = '<w:tab/>'.join('<w:t xml:space="preserve">%s</w:t>' % escape(p)
                                  for p in pieces)
            out.append('<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>%s</w:r>' % xml)
        return ''.join(out)

    def _inline(self, text):
        out = []
        rest = text
        while rest:
            i_on, i_off = rest.find('{ON}'), rest.find('{OFF}')
            cands = [i for i in (i_on, i_off) if i >= 0]
            if not cands:
                out.append(self._run(rest))
                break
            i = min(cands)
            out.append(self._run(rest[:i]))
            on = i == i_on
            out.append(self._checkbox(on))
            rest = rest[i + (4 if on else 5):]
        return ''.join(out)

    def _para_xml(self, text, page_break=False, center=False):
        ppr = '<w:pPr>%s</w:pPr>' % ('<w:jc w:val="center"/>' if center else '')
        br = '<w:r><w:br w:type="page"/></w:r>' if page_break else ''
        return '<w:p>%s%s%s</w:p>' % (ppr, br, self._inline(text))

    def _cell_xml(self, c, width):
        pr = ['<w:tcW w:w="%d" w:type="dxa"/>' % width]
        if c.span > 1:
            pr.append('<w:gridSpan w:val="%d"/>' % c.span)
        if c.vmerge == 'restart':
            pr.append('<w:vMerge w:val="restart"/>')
        elif c.vmerge == 'continue':
            pr.append('<w:vMerge/>')
        if c.vertical:
            pr.append('<w:textDirection w:val="tbRlV"/>')
        body = c.raw_xml
        if body is None:
            text = '' if c.vmerge == 'continue' else c.text
            body = ''.join(self._para_xml(p) for p in text.split('\n'))
        if c.nested is not None:
            body = self._table_xml(c.nested) + '<w:p/>'
        return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (''.join(pr), body)

    def _table_xml(self, t):
        out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
               + ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
                         for b in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
               + '</w:tblBorders></w:tblPr>']
        if not t.no_grid:
            out.append('<w:tblGrid>%s</w:tblGrid>'
                       % ''.join('<w:gridCol w:w="%d"/>' % w for w in t.widths))
        for cells, grid_before, wrap in t.rows:
            trpr = '<w:trPr><w:gridBefore w:val="%d"/></w:trPr>' % grid_before if grid_before else ''
            tcs = ''.join(self._cell_xml(c, sum(t.widths[c.col:c.col + c.span])) for c in cells)
            row = '<w:tr>%s%s</w:tr>' % (trpr, tcs)
            if wrap:
                row = wrap(row)
            out.append(row)
        out.append('</w:tbl>')
        return ''.join(out)

    def xml(self):
        body = []
        for b in self.blocks:
            if isinstance(b, Para):
                body.append(b.raw_xml if b.raw_xml is not None
                            else self._para_xml(b.text, b.page_break_before, b.center))
            else:
                body.append(self._table_xml(b))
                body.append('<w:p/>')
        return DOC_HEAD + ''.join(body) + DOC_TAIL

    def write(self, path, document_xml=None):
        xml = document_xml if document_xml is not None else self.xml()
        write_parts(path, {'word/document.xml': xml})


def write_parts(path, parts, fixed_time=(2023, 1, 1, 0, 0, 0)):
    """Writes a zip with deterministic timestamps and the OPC boilerplate."""
    all_parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS}
    all_parts.update(parts)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in all_parts.items():
            info = zipfile.ZipInfo(name, date_time=fixed_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)
