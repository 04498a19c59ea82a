#!/usr/bin/env python3
"""Writes tests/hostile/: DOCX, XLSX, PDF and OFD files that attack the reader, and
MANIFEST (name, expected outcome: error or ok). tests/hostile_test.sh runs
declx on each under a time and memory cap. Run from anywhere:
    python3 tools/corpus/hostile.py"""
import io
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from docxgen import CONTENT_TYPES, RELS, write_parts  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, '..', '..', 'tests', 'hostile'))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TITLE = '<w:p><w:r><w:t>2023年度项目支出预算绩效目标申报表</w:t></w:r></w:p>'


def doc(body):
    return '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)


def small_form():
    cells = lambda *t: '<w:tr>%s</w:tr>' % ''.join('<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % x for x in t)
    return doc(TITLE + '<w:tbl>' + cells('项目名称', '测试项目') + cells('一级指标', '二级指标', '三级指标', '指标值')
               + cells('产出指标', '数量指标', '培训人次', '≥500人次') + '</w:tbl>')


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data if isinstance(data, bytes) else data.encode('utf-8'))
    return buf.getvalue()


def docx_bytes(xml, extra=()):
    return zip_bytes([('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                      ('word/document.xml', xml)] + list(extra))


SML = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
XLSX_STYLES = ('<styleSheet %s><borders count="2"><border/><border><left style="thin"/><right style="thin"/>'
               '<top style="thin"/><bottom style="thin"/></border></borders><cellXfs count="2"><xf borderId="0"/>'
               '<xf borderId="1"/></cellXfs></styleSheet>' % SML)


def col_name(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bytes(sheets, sst=None, styles=XLSX_STYLES, extra=(), targets=None):
    """An XLSX of worksheets (their content inside <worksheet>), shared
    strings (si elements) and styles."""
    wb = ('<workbook %s xmlns:r="%s"><sheets>' % (SML, REL[:-1])
          + ''.join('<sheet name="S%d" sheetId="%d" r:id="r%d"/>' % (i + 1, i + 1, i + 1) for i in range(len(sheets)))
          + '</sheets></workbook>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + ''.join('<Relationship Id="r%d" Type="%sworksheet" Target="%s"/>'
                      % (i + 1, REL, (targets or {}).get(i, 'worksheets/sheet%d.xml' % (i + 1)))
                      for i in range(len(sheets)))
            + '<Relationship Id="st" Type="%sstyles" Target="styles.xml"/>' % REL
            + '<Relationship Id="ss" Type="%ssharedStrings" Target="sharedStrings.xml"/></Relationships>' % REL)
    parts = [('[Content_Types].xml', '<Types/>'), ('xl/workbook.xml', wb), ('xl/_rels/workbook.xml.rels', rels),
             ('xl/styles.xml', styles)]
    if sst is not None:
        parts.append(('xl/sharedStrings.xml', sst if isinstance(sst, bytes) else '<sst %s>%s</sst>' % (SML, sst)))
    for i, body in enumerate(sheets):
        parts.append(('xl/worksheets/sheet%d.xml' % (i + 1),
                      body if isinstance(body, bytes) else '<worksheet %s>%s</worksheet>' % (SML, body)))
    return zip_bytes(parts + list(extra))


def xlsx_rows():
    """A small form's rows of cells: a title, a bordered table."""
    def c(ref, t, s=1):
        return '<c r="%s" t="inlineStr" s="%d"><is><t>%s</t></is></c>' % (ref, s, t)
    return [c('A1', '2023年度项目支出预算绩效目标申报表', 0),
            c('A2', '项目名称') + c('B2', '测试项目'),
            c('A3', '一级指标') + c('B3', '二级指标') + c('C3', '三级指标') + c('D3', '指标值'),
            c('A4', '产出指标') + c('B4', '数量指标') + c('C4', '培训人次') + c('D4', '≥500人次')]


def xlsx_form(rows=None):
    return ('<sheetData>' + ''.join('<row r="%d">%s</row>' % (i + 1, r) for i, r in enumerate(rows or xlsx_rows()))
            + '</sheetData><mergeCells><mergeCell ref="A1:D1"/><mergeCell ref="B2:D2"/></mergeCells>')


def xlsx_cases(add):
    good = xlsx_bytes([xlsx_form()])
    add('xlsx-good-small-form.xlsx', good, 'ok')
    add('xlsx-truncated.xlsx', good[:len(good) // 2], 'error')
    b = bytearray(good)
    b[len(b) // 3] ^= 0xFF
    add('xlsx-bitflip.xlsx', bytes(b), 'any')
    # a zip bomb in an XLSX: the shared strings inflate 60 MiB, past the part limit
    add('xlsx-zip-bomb-strings.xlsx', xlsx_bytes([xlsx_form()], sst='<si><t>' + ' ' * (60 << 20) + '</t></si>'), 'error')
    # ... 20 MiB of one character, past 1000:1
    add('xlsx-zip-bomb-ratio.xlsx', xlsx_bytes([xlsx_form()], sst='<si><t>' + 'a' * (20 << 20) + '</t></si>'), 'error')
    # 1 000 000 shared strings, a sheet using the last: read, bounded
    sst = '<sst %s>%s</sst>' % (SML, ''.join('<si><t>s%d</t></si>' % i for i in range(1000000)))
    add('xlsx-1000000-shared-strings.xlsx',
        xlsx_bytes(['<sheetData><row r="1"><c r="A1" t="s" s="1"><v>999999</v></c></row></sheetData>'],
                   sst=sst.encode()), 'ok')
    # a sheet with 16 384 columns of text: past the column limit
    wide = ''.join('<c r="%s1" s="1"><v>%d</v></c>' % (col_name(c), c) for c in range(16384))
    add('xlsx-16384-columns.xlsx', xlsx_bytes(['<sheetData><row r="1">%s</row></sheetData>' % wide]), 'error')
    # the form, its rows bordered across all 16 384 columns: trimmed to the form
    rows = [r + ''.join('<c r="%s%d" s="1"/>' % (col_name(c), i + 1) for c in range(4, 16384))
            for i, r in enumerate(xlsx_rows())]
    add('xlsx-16384-bordered-columns.xlsx', xlsx_bytes([xlsx_form(rows)]), 'ok')
    add('xlsx-merge-whole-sheet.xlsx', xlsx_bytes([
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>角</t></is></c></row><row r="1048576">'
        '<c r="XFD1048576" t="inlineStr" s="1"><is><t>角</t></is></c></row></sheetData>'
        '<mergeCells><mergeCell ref="A1:XFD1048575"/><mergeCell ref="B2:XFD1048576"/></mergeCells>']), 'ok')
    merges = ''.join('<mergeCell ref="A%d:Z%d"/>' % (i + 1, i + 40) for i in range(20000))
    add('xlsx-20000-overlapping-merges.xlsx', xlsx_bytes([xlsx_form().replace('</mergeCells>', merges + '</mergeCells>')]), 'ok')
    tall = ''.join('<row r="%d"><c r="A%d" s="1"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 1048577, 997))
    add('xlsx-rows-to-1048576.xlsx', xlsx_bytes(['<sheetData>%s</sheetData>' % tall]), 'ok')
    add('xlsx-3000-sheets.xlsx', xlsx_bytes([xlsx_form()] * 3000), 'ok')
    add('xlsx-string-index-out-of-range.xlsx', xlsx_bytes(['<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>'],
                                                         sst='<si><t>a</t></si>'), 'error')
    add('xlsx-bad-cell-reference.xlsx', xlsx_bytes(['<sheetData><row r="1"><c r="XFE99"><v>1</v></c></row></sheetData>']), 'error')
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            + ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10) for i in range(8))
            + ']><worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>' % SML)
    add('xlsx-entity-bomb.xlsx', xlsx_bytes([bomb.encode()]), 'error')
    add('xlsx-external-entity.xlsx', xlsx_bytes([('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                                  '<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is>'
                                                  '</c></row></sheetData></worksheet>' % SML).encode()]), 'error')
    add('xlsx-depth-3000.xlsx', xlsx_bytes(['<sheetData><row r="1"><c r="A1" t="inlineStr"><is>' + '<r>' * 3000 + '</r>' * 3000
                                            + '</is></c></row></sheetData>']), 'error')
    add('xlsx-sheet-outside-package.xlsx', xlsx_bytes([xlsx_form()], targets={0: '../../../etc/passwd'}), 'ok')
    add('xlsx-no-workbook.xlsx', zip_bytes([('[Content_Types].xml', '<Types><Override PartName="/xl/workbook.xml" ContentType='
                                             '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
                                            ('xl/worksheets/sheet1.xml', '<worksheet %s/>' % SML)]), 'error')
    add('xlsx-not-a-worksheet.xlsx', xlsx_bytes([b'<html><body><p>x</p></body></html>']), 'error')
    many_xfs = '<styleSheet %s><cellXfs>%s</cellXfs></styleSheet>' % (SML, '<xf numFmtId="14"/>' * 100000)
    add('xlsx-100000-styles.xlsx', xlsx_bytes([xlsx_form()], styles=many_xfs), 'ok')
    add('xlsx-formula-without-result.xlsx', xlsx_bytes([xlsx_form().replace(
        '</sheetData>', '<row r="5"><c r="A5" s="1"><f>SUM(A1:A4)</f></c></row></sheetData>')]), 'ok')
    add('xlsx-all-hidden.xlsx', xlsx_bytes([xlsx_form().replace('<row r="', '<row hidden="1" r="')]), 'ok')


def pdf_bytes(contents, media=(595, 842), extra=None, rotate=0, font=True):
    """A PDF whose pages draw the given content streams (bytes), with
    Helvetica as /F1. extra(objs) may add objects and return resources."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    pages = add(None)
    fnt = add(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>') if font else None
    res = b'<< /Font << /F1 %d 0 R >> >>' % fnt if font else b'<< >>'
    if extra:
        res = extra(add)
    kids = []
    for c in contents:
        st = add(b'<< /Length %d >>\nstream\n' % len(c) + c + b'\nendstream')
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Rotate %d /Resources %s /Contents %d 0 R >>'
                        % (pages, media[0], media[1], rotate, res, st)))
    objs[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages
    objs[pages - 1] = b'<< /Type /Pages /Count %d /Kids [%s] >>' % (len(kids), b' '.join(b'%d 0 R' % k for k in kids))
    out = bytearray(b'%PDF-1.7\n')
    offs = []
    for i, body in enumerate(objs):
        offs.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, catalog, xref)
    return bytes(out)


OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFD_TEXT = ('<ofd:TextObject ID="9" Boundary="20 20 170 10" Font="3" Size="5"><ofd:TextCode X="0" Y="5" '
            'DeltaX="g 13 5">2023年度项目支出绩效目标申报表</ofd:TextCode></ofd:TextObject>')


def ofd_page(objects='', head=''):
    return ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page %s>%s<ofd:Content><ofd:Layer ID="2">%s'
            '</ofd:Layer></ofd:Content></ofd:Page>' % (OFD_NS, head, objects))


def ofd_bytes(pages, extra=(), common='', page_list=None, ofd_xml=None, res=''):
    """An OFD of the given page contents (Doc_0/Pages/Page_N/Content.xml),
    with a font 3 (宋体) in PublicRes.xml."""
    entries = [('OFD.xml', ofd_xml or '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD %s Version="1.0" DocType="OFD">'
                '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml'
                '</ofd:DocRoot></ofd:DocBody></ofd:OFD>' % OFD_NS)]
    if page_list is None:
        page_list = ''.join('<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (100 + i, i)
                            for i in range(len(pages)))
    entries.append(('Doc_0/Document.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:Document %s><ofd:CommonData>'
                    '<ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                    '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>%s</ofd:CommonData><ofd:Pages>%s'
                    '</ofd:Pages></ofd:Document>' % (OFD_NS, common, page_list)))
    entries.append(('Doc_0/PublicRes.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:Res %s BaseLoc="Res"><ofd:Fonts>'
                    '<ofd:Font ID="3" FontName="宋体"/></ofd:Fonts>%s</ofd:Res>' % (OFD_NS, res)))
    entries += [('Doc_0/Pages/Page_%d/Content.xml' % i, p) for i, p in enumerate(pages)]
    return zip_bytes(entries + list(extra))


def text_stream(lines, size=10, x=40, y=800, lead=12):
    body = b'BT /F1 %g Tf %g TL %g %g Td\n' % (size, lead, x, y)
    for t in lines:
        body += b'(' + t.encode('latin-1') + b') Tj T*\n'
    return body + b'ET'


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []

    def add(name, data, outcome):
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
        cases.append((name, outcome))

    good = docx_bytes(small_form())
    add('good-small-form.docx', good, 'ok')
    add('empty.docx', b'', 'error')
    add('text-not-zip.docx', '这不是一个文档'.encode('utf-8'), 'error')
    add('pdf-named-docx.docx', b'%PDF-1.4\n%garbage', 'error')
    add('empty-zip.docx', zip_bytes([]), 'error')
    add('no-document-xml.docx', zip_bytes([('word/styles.xml', '<x/>')]), 'error')
    for cut in (20, len(good) // 2, len(good) - 10):
        add('truncated-%d.docx' % cut, good[:cut], 'error')
    for i, pos in enumerate((len(good) // 4, len(good) // 2, len(good) - 30)):
        b = bytearray(good)
        b[pos] ^= 0xFF
        add('bitflip-%d.docx' % i, bytes(b), 'any')
    add('malformed-xml.docx', docx_bytes('<w:document %s><w:body><w:p>' % W), 'error')
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            + ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10) for i in range(8))
            + ']><w:document %s><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>' % W)
    add('xml-entity-bomb.docx', docx_bytes(bomb), 'error')
    add('xml-external-entity.docx', docx_bytes('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                               '<w:document %s><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>' % W), 'error')
    add('zip-bomb-ratio.docx', docx_bytes('<w:document %s><w:body>' % W + ' ' * (60 << 20)), 'error')
    # sizes in the headers say 100 bytes; the data inflates to 60 MiB
    b = bytearray(docx_bytes('<w:document %s><w:body>' % W + ' ' * (60 << 20)))
    for i in range(len(b) - 30):
        if b[i:i + 4] == b'PK\x03\x04':
            b[i + 22:i + 26] = struct.pack('<I', 100)
        if b[i:i + 4] == b'PK\x01\x02':
            b[i + 24:i + 28] = struct.pack('<I', 100)
    add('zip-bomb-lying-sizes.docx', bytes(b), 'error')
    nested = '<w:tbl><w:tr><w:tc>' * 10000 + '<w:p/>' + '</w:tc></w:tr></w:tbl>' * 10000
    add('nested-tables-10000.docx', docx_bytes(doc(nested)), 'error')
    wide = '<w:tbl><w:tr>' + '<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>' * 10000 + '</w:tr></w:tbl>'
    add('row-10000-columns.docx', docx_bytes(doc(TITLE + wide)), 'error')
    spans = '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
    add('gridspan-huge.docx', docx_bytes(doc(spans)), 'any')
    vm = '<w:tbl>' + '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>' * 200 + '</w:tbl>'
    add('vmerge-orphans.docx', docx_bytes(doc(vm)), 'ok')
    add('invalid-utf8.docx', zip_bytes([('word/document.xml', b'<w:document ' + W.encode() + b'><w:body><w:p><w:r><w:t>\xff\xfe\xc3</w:t></w:r></w:p></w:body></w:document>')]), 'error')
    add('nul-in-text.docx', zip_bytes([('word/document.xml', b'<w:document ' + W.encode() + b'><w:body><w:p><w:r><w:t>a\x00b</w:t></w:r></w:p></w:body></w:document>')]), 'error')
    add('nul-char-ref.docx', docx_bytes(doc('<w:p><w:r><w:t>a&#0;b</w:t></w:r></w:p>')), 'error')
    add('document-is-directory.docx', zip_bytes([('word/document.xml/', b''), ('word/document.xml/x', b'<x/>')]), 'error')
    add('member-absolute-path.docx', zip_bytes([('/word/document.xml', small_form()), ('/etc/cron.d/x', 'x')]), 'error')
    add('member-dotdot-path.docx', docx_bytes(small_form(), [('../../evil.sh', '#!/bin/sh\n'), ('word/../../x', 'x')]), 'ok')
    dup = zip_bytes([('word/document.xml', small_form()), ('word/document.xml', doc('<w:p/>'))])
    add('member-duplicate-names.docx', dup, 'any')
    add('many-entries.docx', docx_bytes(small_form(), [('word/media/%05d.bin' % i, b'') for i in range(12000)]), 'error')
    add('xml-bad-encoding.docx', zip_bytes([('word/document.xml', b'<?xml version="1.0" encoding="ISO-2022-JP"?><w:document '
                                             + W.encode() + b'><w:body><w:p><w:r><w:t>\x1b$B\x00\x00\x00\x00</w:t></w:r></w:p></w:body></w:document>')]), 'error')
    add('xml-utf16-declared-utf8-given.docx', zip_bytes([('word/document.xml', b'<?xml version="1.0" encoding="UTF-16"?><w:document/>\x00\x00\x00\x00')]), 'error')
    add('not-wordml-root.docx', docx_bytes('<?xml version="1.0"?><html><body>hi</body></html>'), 'error')
    deep = doc('<w:sdt><w:sdtContent>' * 3000 + '<w:p/>' + '</w:sdtContent></w:sdt>' * 3000)
    add('xml-depth-3000.docx', docx_bytes(deep), 'error')
    huge_text = doc(TITLE + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' % ('项目名称' * 400000))
    add('one-cell-1-6m-chars.docx', docx_bytes(huge_text), 'ok')
    labels = ''.join('<w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr>' for _ in range(5000))
    add('label-storm.docx', docx_bytes(doc(TITLE + '<w:tbl>' + labels + '</w:tbl>')), 'ok')
    xlsx_cases(add)
    # ---- PDF ----
    import subprocess
    import tempfile
    import zlib
    form = open(os.path.join(HERE, '..', '..', 'corpus', 'pdf', 'variant-county-template.pdf'), 'rb').read()
    add('pdf-good-form.pdf', form, 'ok')
    add('pdf-not-a-pdf.pdf', 'this file is named .pdf but is text\n'.encode(), 'error')
    add('pdf-header-only.pdf', b'%PDF-1.7\n', 'error')
    add('pdf-truncated-10pct.pdf', form[:len(form) // 10], 'error')
    add('pdf-truncated-90pct.pdf', form[:len(form) * 9 // 10], 'any')
    for i in range(3):
        b = bytearray(form)
        for k in range(40):
            pos = (i * 7919 + k * 104729) % len(b)
            b[pos] ^= 1 << (k % 8)
        add('pdf-bitflip-%d.pdf' % i, bytes(b), 'any')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'in.pdf')
        open(src, 'wb').write(form)
        for name, user in (('pdf-encrypted-user-password.pdf', 'secret'), ('pdf-encrypted-empty-password.pdf', '')):
            dst = os.path.join(tmp, name)
            subprocess.run(['qpdf', '--encrypt', user, 'owner', '256', '--', src, dst], check=True)
            add(name, open(dst, 'rb').read(), 'error' if user else 'ok')
    add('pdf-zero-pages.pdf', pdf_bytes([]), 'error')
    add('pdf-2000-pages.pdf', pdf_bytes([text_stream(['page %d of a long file' % i]) for i in range(2000)]), 'ok')
    glyphs = ['%s' % ('abcdefghij' * 20) for _ in range(100)]  # 100 lines of 200 = 20 000 glyphs
    add('pdf-20000-glyphs.pdf', pdf_bytes([text_stream(glyphs, size=3, x=5, y=830, lead=4)]), 'ok')
    add('pdf-180000-glyphs.pdf', pdf_bytes([text_stream(['abcdefghij' * 60] * 300, size=4, x=10, y=1580, lead=5)], media=(1400, 1600)), 'error')
    add('pdf-page-14400pt.pdf', pdf_bytes([text_stream(['a huge page'], size=200, x=100, y=14000)], media=(14400, 14400)), 'ok')
    grid = b''.join(b'%d 40 m %d 800 l ' % (40 + i * 1.25, 40 + i * 1.25) for i in range(400)) + \
        b''.join(b'40 %d m 540 %d l ' % (40 + i * 1.9, 40 + i * 1.9) for i in range(400)) + b'S '
    add('pdf-grid-400x400.pdf', pdf_bytes([grid + text_stream(['grid'])]), 'any')
    big = b''.join(b'%d 100 m %d 11900 l ' % (100 + i * 10, 100 + i * 10) for i in range(1181)) + \
        b''.join(b'100 %d m 11900 %d l ' % (100 + i * 10, 100 + i * 10) for i in range(1181)) + b'S '
    add('pdf-grid-1180x1180.pdf', pdf_bytes([big + text_stream(['x'] * 50, x=105, y=11800, lead=10)],
                                            media=(12000, 12000)), 'any')

    def image_res(add_obj):
        data = zlib.compress(b'\x00' * (30000 // 8) * 30000, 9)
        img = add_obj(b'<< /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace /DeviceGray '
                      b'/BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n' % len(data) + data + b'\nendstream')
        return b'<< /XObject << /Im1 %d 0 R >> >>' % img
    add('pdf-scan-30000x30000.pdf', pdf_bytes([b'q 595 0 0 842 0 0 cm /Im1 Do Q'], extra=image_res), 'ok')
    loop = pdf_bytes([text_stream(['xref loop'])])
    start = loop.rindex(b'startxref')
    xref_at = int(loop[start + 10:].split(b'\n')[0])
    looped = loop[:start].replace(b'trailer\n<< ', b'trailer\n<< /Prev %d ' % xref_at) + loop[start:]
    add('pdf-xref-loop.pdf', looped, 'any')
    def type3_res(add_obj):
        proc = add_obj(b'<< /Length 27 >>\nstream\n500 0 0 0 500 700 d1 0 0 500 700 re f\nendstream')
        font = add_obj(b'<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] '
                       b'/CharProcs << /g1 %d 0 R >> /Encoding << /Type /Encoding /Differences [1 /g1 2 /g1 3 /g1] >> '
                       b'/FirstChar 1 /LastChar 3 /Widths [500 500 500] >>' % proc)
        return b'<< /Font << /F1 %d 0 R >> >>' % font
    add('pdf-text-without-unicode.pdf', pdf_bytes([b'BT /F1 12 Tf 50 700 Td (\001\002\003\001\002\003) Tj ET'],
                                                  extra=type3_res, font=False), 'ok')
    deep = b'[' * 100000 + b']' * 100000
    add('pdf-deep-arrays.pdf', pdf_bytes([deep + b' ' + text_stream(['deep'])]), 'any')
    image_files(add)
    # ---- OFD ----
    add_ofd(add)
    add_legacy(add)
    with open(os.path.join(OUT, 'MANIFEST'), 'w') as f:
        f.write('# file<TAB>expected: error (one-line error, exit 1), ok (JSON, exit 0), any (either)\n')
        for name, outcome in cases:
            f.write('%s\t%s\n' % (name, outcome))
    print(len(cases), 'hostile files in', OUT)


def tiff_chain(n, loop=False):
    """A little-endian TIFF of n image directories of one entry each (a
    1 x 1 page), chained; loop: the last points back at the first."""
    out = bytearray(b'II*\x00' + struct.pack('<I', 8))
    for i in range(n):
        nxt = 0 if i == n - 1 else len(out) + 18
        if loop and i == n - 1:
            nxt = 8
        out += struct.pack('<HHHII', 1, 256, 3, 1, 1) + struct.pack('<I', nxt)
    return bytes(out)


def png_chunk(kind, data):
    import zlib
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def image_files(add):
    """Image files: a TIFF claiming 100 000 pages (refused by the page
    limit before any is decoded), a TIFF whose pages loop, a PNG claiming
    100 000 x 100 000 pixels (refused from its header), a JPEG cut short
    (corpus/image's, cut just past its headers: Leptonica refuses it)."""
    import zlib
    add('image-tiff-100000-pages.tif', tiff_chain(100000), 'error')
    add('image-tiff-loop.tif', tiff_chain(3, loop=True), 'error')
    ihdr = struct.pack('>IIBBBBB', 100000, 100000, 8, 0, 0, 0, 0)
    png = b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', ihdr) + \
        png_chunk(b'IDAT', zlib.compress(b'\x00' * 100001 * 4)) + png_chunk(b'IEND', b'')
    add('image-png-100000x100000.png', png, 'error')
    src = os.path.join(HERE, '..', '..', 'corpus', 'image', 'jpeg6-variant-dept-national.jpg')
    with open(src, 'rb') as f:
        jpeg = f.read()
    sos = jpeg.index(b'\xff\xda')
    add('image-jpeg-truncated.jpg', jpeg[:sos + 4000], 'error')
def ole2_bytes(streams, dir_sector=1):
    """A compound file (MS-CFB version 3, 512-byte sectors) holding these
    (name, bytes) streams in its root, each padded to at least 4096 bytes
    (so that none is in the mini stream). dir_sector: where the header
    says the directory is."""
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    datas = [d.ljust(4096, b'\0') for _, d in streams]
    fat = [fat_sect, end]  # sector 0 the FAT, sector 1 the directory
    starts = []
    for d in datas:
        n = (len(d) + 511) // 512
        first = len(fat)
        starts.append(first)
        fat += [first + k + 1 for k in range(n - 1)] + [end]
    assert len(fat) <= 128 and len(streams) <= 3

    def entry(name, kind, child, right, start, size):
        raw = name.encode('utf-16-le') + b'\0\0' if name else b''
        return (raw.ljust(64, b'\0') + struct.pack('<HBB', len(raw), kind, 1)
                + struct.pack('<III', nostream, right, child) + b'\0' * 16 + b'\0' * 4
                + b'\0' * 16 + struct.pack('<IQ', start, size))

    ents = [entry('Root Entry', 5, 1 if streams else nostream, nostream, end, 0)]
    for i, ((name, _), d) in enumerate(zip(streams, datas)):
        # the streams in a chain of right siblings
        ents.append(entry(name, 2, nostream, i + 2 if i + 1 < len(streams) else nostream, starts[i], len(d)))
    while len(ents) < 4:
        ents.append(b'\0' * 64 + struct.pack('<HBB', 0, 0, 0) + struct.pack('<III', nostream, nostream, nostream)
                    + b'\0' * 36 + struct.pack('<IQ', 0, 0))
    header = (b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 16
              + struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6) + b'\0' * 6
              + struct.pack('<IIIIIIIII', 0, 1, dir_sector, 0, 4096, end, 0, end, 0)
              + struct.pack('<I', 0) + struct.pack('<I', free) * 108)
    assert len(header) == 512
    fat_bytes = struct.pack('<%dI' % 128, *(fat + [free] * (128 - len(fat))))
    return header + fat_bytes + b''.join(ents) + b''.join(datas)


def add_legacy(add):
    """Legacy office files (read through LibreOffice): each refused with
    one line, all but the junk Word stream before LibreOffice is started."""
    junk = bytes((i * 131 + 7) % 256 for i in range(8192))
    # a PowerPoint file: an OLE2 file with no Word or Excel stream
    add('ole2-no-known-stream.doc', ole2_bytes([('PowerPoint Document', junk), ('Current User', b'x')]), 'error')
    # a Word file whose Word stream is junk: LibreOffice's own error, in one line
    add('doc-word-stream-junk.doc', ole2_bytes([('WordDocument', junk)]), 'error')
    # a Word file whose header puts its directory past the file's end
    add('doc-directory-outside.doc', ole2_bytes([('WordDocument', junk)], dir_sector=4000), 'error')
    # a Word file cut in the middle of its FAT
    add('doc-truncated.doc', ole2_bytes([('WordDocument', junk), ('1Table', junk)])[:700], 'error')
    rtf = ('{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fnil SimSun;}}\\f0 '
           + '\\trowd\\cellx3000\\cellx6000 \\intbl A\\cell B\\cell\\row ' * 40 + '}').encode('ascii')
    add('rtf-truncated.rtf', rtf[:len(rtf) // 2], 'error')


def add_ofd(add):
    good = open(os.path.join(HERE, '..', '..', 'corpus', 'ofd', 'tpl-variant-county-template.ofd'), 'rb').read()
    add('ofd-good-form.ofd', good, 'ok')
    add('ofd-no-ofd-xml-root.ofd', ofd_bytes([ofd_page(OFD_TEXT)], ofd_xml='<x/>'), 'error')
    add('ofd-no-docroot.ofd', ofd_bytes([ofd_page(OFD_TEXT)], ofd_xml='<ofd:OFD %s><ofd:DocBody/></ofd:OFD>' % OFD_NS), 'error')
    add('ofd-truncated.ofd', good[:len(good) // 2], 'error')
    b = bytearray(good)
    for k in range(30):
        b[(k * 7919) % len(b)] ^= 1 << (k % 8)
    add('ofd-bitflip.ofd', bytes(b), 'any')
    # a page's content inflating to 60 MiB of spaces (1000:1 and past 32 MiB)
    add('ofd-zip-bomb.ofd', ofd_bytes([ofd_page(' ' * (60 << 20))]), 'error')
    # the same with sizes in the headers saying 100 bytes
    b = bytearray(ofd_bytes([ofd_page(' ' * (60 << 20))]))
    for i in range(len(b) - 30):
        if b[i:i + 4] == b'PK\x03\x04':
            b[i + 22:i + 26] = struct.pack('<I', 100)
        if b[i:i + 4] == b'PK\x01\x02':
            b[i + 24:i + 28] = struct.pack('<I', 100)
    add('ofd-zip-bomb-lying-sizes.ofd', bytes(b), 'error')
    # 4 000 pages naming one part of 200 KiB of objects (800 MiB to inflate):
    # the first few drawn
    blob = ''.join('<ofd:PathObject ID="%d" Boundary="10 %d 100 1"><ofd:AbbreviatedData>M 0 0 L 100 0'
                   '</ofd:AbbreviatedData></ofd:PathObject>' % (i, i % 280) for i in range(1800))
    many = ''.join('<ofd:Page ID="%d" BaseLoc="Pages/Page_0/Content.xml"/>' % (100 + i) for i in range(4000))
    add('ofd-one-part-4000-times.ofd', ofd_bytes([ofd_page(blob + OFD_TEXT)], page_list=many), 'ok')
    pages = ''.join('<ofd:Page ID="%d" BaseLoc="Pages/Page_0/Content.xml"/>' % (100 + i) for i in range(100000))
    add('ofd-100000-pages.ofd', ofd_bytes([ofd_page(OFD_TEXT)], page_list=pages), 'error')
    two = ''.join('<ofd:Page ID="%d" BaseLoc="Pages/Page_0/Content.xml"/>' % (100 + i) for i in range(2000))
    add('ofd-2000-pages.ofd', ofd_bytes([ofd_page(OFD_TEXT)], page_list=two), 'ok')
    # a template page that names itself, and a page whose template is the page
    self_tpl = ofd_page(OFD_TEXT, head='<ofd:Template TemplateID="7"/>')
    add('ofd-template-cycle.ofd', ofd_bytes([self_tpl], common='<ofd:TemplatePage ID="7" BaseLoc="Pages/Page_0/Content.xml"/>'), 'ok')
    two_tpl = '<ofd:TemplatePage ID="7" BaseLoc="Tpls/A.xml"/><ofd:TemplatePage ID="8" BaseLoc="Tpls/B.xml"/>'
    add('ofd-template-cycle-two.ofd', ofd_bytes([ofd_page(OFD_TEXT, head='<ofd:Template TemplateID="7"/>')], common=two_tpl,
                                             extra=[('Doc_0/Tpls/A.xml', ofd_page('', head='<ofd:Template TemplateID="8"/>')),
                                                    ('Doc_0/Tpls/B.xml', ofd_page('', head='<ofd:Template TemplateID="7"/>'))]), 'ok')
    loop = ('<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="5" Width="10" Height="10"><ofd:Content>'
            '<ofd:CompositeObject ID="6" Boundary="0 0 10 10" ResourceID="5"/></ofd:Content></ofd:CompositeGraphicUnit>'
            '</ofd:CompositeGraphicUnits><ofd:DrawParams><ofd:DrawParam ID="11" Relative="12"/>'
            '<ofd:DrawParam ID="12" Relative="11"/></ofd:DrawParams>')
    add('ofd-resource-loops.ofd', ofd_bytes([ofd_page(OFD_TEXT + '<ofd:CompositeObject ID="20" Boundary="0 0 10 10" '
                                                      'ResourceID="5"/><ofd:PathObject ID="21" Boundary="0 0 9 9" '
                                                      'DrawParam="11"><ofd:AbbreviatedData>M 0 0 L 9 0</ofd:AbbreviatedData>'
                                                      '</ofd:PathObject>')], res=loop), 'ok')
    absurd = ('<ofd:TextObject ID="30" Boundary="1e300 NaN 5 5" Font="3" Size="5"><ofd:TextCode X="0" Y="5">甲</ofd:TextCode>'
              '</ofd:TextObject><ofd:TextObject ID="31" Boundary="0 0 5 5" CTM="1e30 0 0 1e30 0 0" Font="3" Size="5">'
              '<ofd:TextCode X="inf" Y="nan" DeltaX="g 1000000000 5 nan 1e308">乙丙丁</ofd:TextCode></ofd:TextObject>'
              '<ofd:TextObject ID="32" Boundary="-5e5 -5e5 1 1" Font="3" Size="1e9"><ofd:TextCode X="0" Y="0" '
              'DeltaY="g 99999999999 -1e5">戊己</ofd:TextCode></ofd:TextObject>'
              '<ofd:PathObject ID="33" Boundary="0 0 1 1" LineWidth="1e308"><ofd:AbbreviatedData>M nan inf L 1e308 1e308 '
              'L 1e5 1e5 B 1 2 3 4 5 Q 1 A 1 1 1 1 1 1e300 1e300 C C C L</ofd:AbbreviatedData></ofd:PathObject>'
              '<ofd:PathObject ID="34" Boundary="0 0 1 1" CTM="0 0 0 0 0 0"><ofd:AbbreviatedData>M 0 0 L 100 0'
              '</ofd:AbbreviatedData></ofd:PathObject>')
    add('ofd-absurd-numbers.ofd', ofd_bytes([ofd_page(absurd + OFD_TEXT, head='<ofd:Area><ofd:PhysicalBox>0 0 1e12 NaN'
                                                       '</ofd:PhysicalBox></ofd:Area>')]), 'ok')
    add('ofd-page-1e9-mm.ofd', ofd_bytes([ofd_page(OFD_TEXT, head='<ofd:Area><ofd:PhysicalBox>0 0 1e9 1e9</ofd:PhysicalBox>'
                                                    '</ofd:Area>')]), 'ok')
    deep = '<ofd:PageBlock>' * 5000 + OFD_TEXT + '</ofd:PageBlock>' * 5000
    add('ofd-nested-5000.ofd', ofd_bytes([ofd_page(deep)]), 'error')
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            + ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10) for i in range(8))
            + ']><ofd:Page %s><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 9 9" Font="3" Size="5">'
            '<ofd:TextCode X="0" Y="5">&i;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>' % OFD_NS)
    add('ofd-entity-bomb.ofd', ofd_bytes([bomb]), 'error')
    storm = ''.join('<ofd:TextObject ID="%d" Boundary="0 %d 200 1" Font="3" Size="0.5"><ofd:TextCode X="0" Y="0.5" '
                    'DeltaX="g 399 0.5">%s</ofd:TextCode></ofd:TextObject>' % (40 + i, i, 'x' * 400) for i in range(150))
    add('ofd-60000-characters.ofd', ofd_bytes([ofd_page(storm)]), 'error')
    add('ofd-missing-parts.ofd', ofd_bytes([ofd_page(OFD_TEXT)], page_list='<ofd:Page ID="1" BaseLoc="../../etc/passwd"/>'
                                          '<ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="3"/>'
                                          '<ofd:Page ID="4" BaseLoc="Pages/Nowhere.xml"/>'), 'ok')
    # an image-only page whose PNG says 30 000 x 30 000: not decoded
    png = b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0) + b'\0' * 4
    media = '<ofd:MultiMedias><ofd:MultiMedia ID="40" Type="Image"><ofd:MediaFile>big.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>'
    add('ofd-image-30000x30000.ofd', ofd_bytes([ofd_page('<ofd:ImageObject ID="41" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" '
                                                         'ResourceID="40"/>')], res=media,
                                               extra=[('Doc_0/Res/big.png', png)]), 'ok')


if __name__ == '__main__':
    main()
