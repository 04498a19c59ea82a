#!/usr/bin/python3
"""Checks that a PDF made from a corpus DOCX prints the DOCX's text: the
characters (whitespace aside) pdftotext finds in the PDF against those of
the DOCX as docx2html.py reads it (checkboxes as ☑/☐), compared as
multisets, so a clipped cell, a lost row or a wrong checkbox shows up.
LibreOffice Writer prints Wingdings checkboxes as private-use codes
(U+F000 + the font's code); those of the corpus are read as ☐/☑.
Needs poppler-utils. Usage: producers-check.py IN.docx OUT.pdf
Exit status 1 and the differing characters when they differ."""
import collections
import html
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docx2html  # noqa: E402


class O:
    shade = ''
    shade_rows = 0
    vertical = False


def docx_chars(path):
    w = docx2html.Writer(O())
    root = ET.fromstring(zipfile.ZipFile(path).read('word/document.xml'))
    w.body(root.find(docx2html.W + 'body'))
    text = html.unescape(re.sub(r'<[^>]*>', '', '\n'.join(w.out)))
    return collections.Counter(c for c in text if not c.isspace())


# Wingdings 0xA8 empty box, 0xFE box with check; Wingdings 2 0xA3 empty
# box, 0x52 box with check (the corpus uses no other symbol codes)
PRIVATE_BOXES = str.maketrans({0xF0A8: '☐', 0xF0FE: '☑', 0xF0A3: '☐', 0xF052: '☑'})


def pdf_chars(path):
    text = subprocess.run(['pdftotext', '-raw', '-enc', 'UTF-8', path, '-'],
                          capture_output=True, check=True, text=True).stdout
    text = text.translate(PRIVATE_BOXES)
    return collections.Counter(c for c in text if not c.isspace())


def main():
    a, b = docx_chars(sys.argv[1]), pdf_chars(sys.argv[2])
    missing, extra = a - b, b - a
    if missing or extra:
        print('%s: missing %s extra %s' % (sys.argv[2], ''.join(sorted(missing.elements()))[:200],
                                           ''.join(sorted(extra.elements()))[:200]))
        sys.exit(1)
    print('%s: same %d characters as the DOCX' % (os.path.basename(sys.argv[2]), sum(a.values())))


if __name__ == '__main__':
    main()
