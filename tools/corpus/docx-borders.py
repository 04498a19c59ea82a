#!/usr/bin/python3
"""Writes a copy of a DOCX whose table borders all have one width and,
optionally, one style: every border of w:tblBorders and w:tcBorders (in
the document and in its styles) that is drawn gets w:sz=SZ (eighths of a
point: 2 = 0.25 pt, Word's and LibreOffice's thinnest hairline) and
w:val=STYLE when given (dashed, dotted, dashDotStroked, ...). Nothing
else in the package changes.
Usage: docx-borders.py IN.docx OUT.docx SZ [STYLE]"""
import re
import sys
import zipfile

SIDES = 'top|left|bottom|right|start|end|insideH|insideV|tl2br|tr2bl'


def rewrite(xml, sz, style=None):
    def block(m):
        def one(e):
            tag = e.group(0)
            if re.search(r'w:val="(nil|none)"', tag):
                return tag
            tag = re.sub(r'w:sz="\d+"', 'w:sz="%s"' % sz, tag)
            if style:
                tag = re.sub(r'w:val="[^"]*"', 'w:val="%s"' % style, tag)
            return tag
        return re.sub(r'<w:(?:%s)\b[^>]*/>' % SIDES, one, m.group(0))
    return re.sub(r'<w:(tblBorders|tcBorders)>.*?</w:\1>', block, xml, flags=re.S)


def main():
    src, dst, sz = sys.argv[1], sys.argv[2], sys.argv[3]
    style = sys.argv[4] if len(sys.argv) > 4 else None
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in ('word/document.xml', 'word/styles.xml'):
                data = rewrite(data.decode('utf-8'), sz, style).encode('utf-8')
            zout.writestr(info, data)


if __name__ == '__main__':
    main()
