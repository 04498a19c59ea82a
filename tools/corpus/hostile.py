#!/usr/bin/env python3
"""Writes tests/hostile/: DOCX files that attack the reader, and
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
    with open(os.path.join(OUT, 'MANIFEST'), 'w') as f:
        f.write('# file<TAB>expected: error (one-line error, exit 1), ok (JSON, exit 0), any (either)\n')
        for name, outcome in cases:
            f.write('%s\t%s\n' % (name, outcome))
    print(len(cases), 'hostile files in', OUT)


if __name__ == '__main__':
    main()
