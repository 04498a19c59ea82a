#!/usr/bin/env python3
"""Writes the expected JSON of a document made from another corpus
document: the original's, with the source's file name (and, for a PDF,
its format) changed; a PDF's or an OFD's pages are not counted;
"xlsx" for a workbook (a DOCX laid out in a spreadsheet by
docx2xlsx.py has the DOCX's facts, where they are included: the same
tables, rows, columns and paragraphs); a legacy file that declx reads
through LibreOffice (.doc, .xls, .wps, .et, .rtf, .odt, .ods) has its
extension as its format and its original's facts.
Usage: expected-copy.py FROM.json TO.json NEW_FILE_NAME"""
import json
import sys

src, dst, name = sys.argv[1:4]
d = json.load(open(src, encoding='utf-8'))
if name.endswith('.pdf'):
    fmt = 'pdf-scanned' if name.startswith('scan-') else 'pdf'
    d['source'] = {'file': name, 'format': fmt, 'pages': None}
elif name.endswith('.ofd'):
    d['source'] = {'file': name, 'format': 'ofd', 'pages': None}
elif name.endswith('.xlsx'):
    d['source'] = {'file': name, 'format': 'xlsx', 'pages': None}
elif name.rsplit('.', 1)[-1] in ('doc', 'xls', 'wps', 'et', 'rtf', 'odt', 'ods'):
    d['source'] = {'file': name, 'format': name.rsplit('.', 1)[-1], 'pages': None}
else:
    d['source']['file'] = name
with open(dst, 'w', encoding='utf-8') as f:
    json.dump(d, f, ensure_ascii=False, indent=2)
    f.write('\n')
