#!/usr/bin/python3
"""Rewrites a workbook openpyxl saved (every text an inline string) as
Excel writes one, for the XLSX corpus (docx2xlsx.py's options):

  --shared     strings in xl/sharedStrings.xml (every fifth stays inline),
               "label：value" strings as two rich-text runs (the label bold)
  --typed      a cell whose text is a number, a percentage or a date
               (1,250,000  13.18  95%  2023年12月  2020年2月10日) is a
               typed value under the number format that shows exactly
               that text (#,##0  0.00  0%  yyyy"年"m"月"; built-in ids
               where Excel has them)
  --formulas   typed numbers as formulas (N+0) with their cached result
  --date1904   the 1904 date system (dates' serials counted from 1904)
  --wingdings  ☑/☐ in shared strings as runs of Wingdings 2 "R"/"£"

The text every cell shows is the input's, so the DOCX's expected facts
hold. Usage: see docx2xlsx.py.
"""
import datetime
import re
import zipfile
import xml.etree.ElementTree as ET

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = 'http://schemas.openxmlformats.org/package/2006/content-types'
XML_NS = 'http://www.w3.org/XML/1998/namespace'
M = '{%s}' % MAIN
ET.register_namespace('', MAIN)
ET.register_namespace('r', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships')

BUILTIN = {'0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10,
           'yyyy"年"m"月"': 27, 'yyyy"年"m"月"d"日"': 31}


def add_arguments(ap):
    ap.add_argument('--shared', action='store_true', help='shared strings, rich-text runs')
    ap.add_argument('--typed', action='store_true', help='numbers and dates as typed values')
    ap.add_argument('--formulas', action='store_true', help='typed numbers as cached formulas')
    ap.add_argument('--date1904', action='store_true', help='the 1904 date system')
    ap.add_argument('--wingdings', action='store_true', help='checkboxes in Wingdings 2')


def decimals(fmt_digits):
    return '.' + '0' * fmt_digits if fmt_digits else ''


def typed(text, date1904):
    """(value, format code) showing exactly text, or None."""
    m = re.fullmatch(r'(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?', text)
    if m and not re.search(r'年0|月0', text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3] or 1)
        try:
            day = datetime.date(y, mo, d)
        except ValueError:
            return None
        base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
        code = 'yyyy"年"m"月"d"日"' if m[3] else 'yyyy"年"m"月"'
        return str((day - base).days), code
    m = re.fullmatch(r'(\d{1,3}(?:,\d{3})+|[1-9]\d{0,8}|0)(?:\.(\d{1,4}))?(%?)', text)
    if not m:
        return None
    digits = m[2] or ''
    num = m[1].replace(',', '') + ('.' + digits if digits else '')
    code = ('#,##0' if ',' in m[1] else '0') + decimals(len(digits)) + m[3]
    if code == '0' and not m[3]:
        code = 'General'
    if m[3]:
        # the percentage's value: digits moved two places, exactly
        v = float(num) / 100
        num = repr(round(v, len(digits) + 2))
    return num, code


class Styles:
    """cellXfs cloned with a number format, added as needed."""

    def __init__(self, xml):
        self.root = ET.fromstring(xml)
        self.xfs = self.root.find(M + 'cellXfs')
        self.fmts = self.root.find(M + 'numFmts')
        if self.fmts is None:
            self.fmts = ET.Element(M + 'numFmts')
            self.root.insert(0, self.fmts)
        self.codes = {}
        self.cache = {}

    def fmt_id(self, code):
        if code == 'General':
            return 0
        if code in BUILTIN:
            return BUILTIN[code]
        if code not in self.codes:
            self.codes[code] = 164 + len(self.codes)
            ET.SubElement(self.fmts, M + 'numFmt', numFmtId=str(self.codes[code]),
                          formatCode=code)
            self.fmts.set('count', str(len(self.fmts)))
        return self.codes[code]

    def with_format(self, s, code):
        key = (s, code)
        if key not in self.cache:
            xf = list(self.xfs)[int(s or 0)]
            new = ET.fromstring(ET.tostring(xf))
            new.set('numFmtId', str(self.fmt_id(code)))
            new.set('applyNumberFormat', '1')
            self.xfs.append(new)
            self.xfs.set('count', str(len(self.xfs)))
            self.cache[key] = len(self.xfs) - 1
        return self.cache[key]

    def xml(self):
        return ET.tostring(self.root, encoding='utf-8', xml_declaration=True)


def text_el(parent, text):
    t = ET.SubElement(parent, M + 't')
    t.text = text
    if text != text.strip() or '\n' in text:
        t.set('{%s}space' % XML_NS, 'preserve')


def string_item(text, o):
    """An si: plain, a bold label run and its value, or checkbox runs."""
    si = ET.Element(M + 'si')
    if o.wingdings and re.search('[☑☐]', text):
        for piece in re.split('([☑☐])', text):
            if not piece:
                continue
            r = ET.SubElement(si, M + 'r')
            if piece in '☑☐':
                rpr = ET.SubElement(r, M + 'rPr')
                ET.SubElement(rpr, M + 'rFont', val='Wingdings 2')
                text_el(r, 'R' if piece == '☑' else '\u00a3')
            else:
                text_el(r, piece)
        return si
    m = re.fullmatch(r'([^：\n]{1,12}：)(.+)', text, re.S)
    if m:
        r = ET.SubElement(si, M + 'r')
        rpr = ET.SubElement(r, M + 'rPr')
        ET.SubElement(rpr, M + 'b')
        ET.SubElement(rpr, M + 'rFont', val='Noto Sans CJK SC')
        text_el(r, m[1])
        r = ET.SubElement(si, M + 'r')
        text_el(r, m[2])
        return si
    text_el(si, text)
    return si


def rewrite_sheet(xml, styles, sst, o, counter):
    root = ET.fromstring(xml)
    for c in root.iter(M + 'c'):
        if c.get('t') != 'inlineStr':
            continue
        isel = c.find(M + 'is')
        text = ''.join(t.text or '' for t in isel.iter(M + 't'))
        tv = typed(text, o.date1904) if o.typed else None
        if tv:
            c.remove(isel)
            del c.attrib['t']
            c.set('s', str(styles.with_format(c.get('s'), tv[1])))
            if o.formulas and '年' not in tv[1]:
                ET.SubElement(c, M + 'f').text = tv[0] + '+0'
            ET.SubElement(c, M + 'v').text = tv[0]
            continue
        counter[0] += 1
        if not o.shared or (counter[0] % 5 == 0 and not re.search('[☑☐]', text)):
            continue
        c.remove(isel)
        c.set('t', 's')
        ET.SubElement(c, M + 'v').text = str(len(sst))
        sst.append(string_item(text, o))
    return ET.tostring(root, encoding='utf-8', xml_declaration=True)


def rewrite(path, o):
    if not (o.shared or o.typed or o.date1904 or o.wingdings):
        return
    z = zipfile.ZipFile(path)
    parts = {n: z.read(n) for n in z.namelist()}
    z.close()
    styles = Styles(parts['xl/styles.xml'])
    sst, counter = [], [0]
    for n in sorted(parts):
        if re.fullmatch(r'xl/worksheets/sheet\d+\.xml', n):
            parts[n] = rewrite_sheet(parts[n], styles, sst, o, counter)
    parts['xl/styles.xml'] = styles.xml()
    if o.date1904:
        wb = ET.fromstring(parts['xl/workbook.xml'])
        pr = wb.find(M + 'workbookPr')
        if pr is None:
            pr = ET.Element(M + 'workbookPr')
            wb.insert(0, pr)
        pr.set('date1904', '1')
        parts['xl/workbook.xml'] = ET.tostring(wb, encoding='utf-8', xml_declaration=True)
    if sst:
        root = ET.Element(M + 'sst', count=str(len(sst)), uniqueCount=str(len(sst)))
        root.extend(sst)
        parts['xl/sharedStrings.xml'] = ET.tostring(root, encoding='utf-8',
                                                    xml_declaration=True)
        ct = parts['[Content_Types].xml'].decode()
        if 'sharedStrings' not in ct:
            ct = ct.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType='
                            '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                            'sharedStrings+xml"/></Types>')
            parts['[Content_Types].xml'] = ct.encode()
        rels = parts['xl/_rels/workbook.xml.rels'].decode()
        if 'sharedStrings' not in rels:
            rels = rels.replace('</Relationships>', '<Relationship Id="rIdSst" Type="http://'
                                'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            parts['xl/_rels/workbook.xml.rels'] = rels.encode()
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as out:
        for n, data in parts.items():
            info = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
