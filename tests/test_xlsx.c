/* Unit tests for the XLSX reader (extract/xlsx_*.c): number formats and
 * date serials, shared and inline strings, cell types, merged ranges,
 * hidden rows, columns and sheets, formulas without a cached result, a
 * sheet cut into paragraphs and tables, format detection, and bad or
 * hostile workbooks. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dx_normalize.h" /* dx_read_bytes: the front door */
#include "dx_rules.h"
#include "testutil.h"
#include "xlsx_int.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* cellXfs: 0 plain, 1 bordered, 2 bordered 0.00, 3 bordered short date,
 * 4 Wingdings, 5 custom 0.0%, 6 bordered #,##0 */
static const char *STYLES =
    "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
    "</numFmts><fonts count=\"2\"><font><name val=\"Calibri\"/></font>"
    "<font><sz val=\"10\"/><name val=\"Wingdings\"/></font></fonts>"
    "<borders count=\"2\"><border><left/><right/><top/><bottom/></border>"
    "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/>"
    "<bottom style=\"thin\"/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" borderId=\"1\"/></cellStyleXfs>"
    "<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" borderId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"0\" borderId=\"1\"/><xf numFmtId=\"2\" fontId=\"0\" "
    "borderId=\"1\"/>"
    "<xf numFmtId=\"14\" fontId=\"0\" borderId=\"1\"/><xf numFmtId=\"0\" fontId=\"1\" "
    "borderId=\"0\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" borderId=\"0\"/><xf numFmtId=\"3\" fontId=\"0\" "
    "borderId=\"1\"/></cellXfs></styleSheet>";

static dx_limits lim;

static int setup(void **state) {
  (void)state;
  dx_limits_default(&lim);
  return 0;
}

/* A workbook of n sheets (each the content of a worksheet element),
 * with the shared strings sst (si elements, or NULL) and workbookPr
 * attributes; sheet k is hidden when hidden[k] is set. */
typedef struct book {
  const char *sheets[4];
  int n;
  const char *sst;
  const char *wbpr;
  bool hidden[4];
} book;

static uint8_t *make_xlsx(size_t *len, const book *bk) {
  GString *wb = g_string_new("<workbook " NS " " NS_R "><workbookPr ");
  g_string_append_printf(wb, "%s/><sheets>", bk->wbpr ? bk->wbpr : "");
  GString *rels = g_string_new("<Relationships "
                               "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                               "relationships\">");
  tu_part parts[12];
  char *names[4], *xml[4];
  size_t np = 0;
  for (int i = 0; i < bk->n; i++) {
    g_string_append_printf(wb, "<sheet name=\"S%d\" sheetId=\"%d\" r:id=\"rId%d\"%s/>", i + 1,
                           i + 1, i + 1, bk->hidden[i] ? " state=\"hidden\"" : "");
    g_string_append_printf(rels,
                           "<Relationship Id=\"rId%d\" Type=\"" REL
                           "worksheet\" Target=\"worksheets/sheet%d.xml\"/>",
                           i + 1, i + 1);
    names[i] = g_strdup_printf("xl/worksheets/sheet%d.xml", i + 1);
    xml[i] = g_strdup_printf("<worksheet " NS ">%s</worksheet>", bk->sheets[i]);
    parts[np++] = (tu_part){names[i], xml[i], 0, 0};
  }
  g_string_append(wb, "</sheets></workbook>");
  g_string_append(rels, "<Relationship Id=\"rSt\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
                        "<Relationship Id=\"rSs\" Type=\"" REL
                        "sharedStrings\" Target=\"/xl/sharedStrings.xml\"/></Relationships>");
  char *sst = g_strdup_printf("<sst " NS ">%s</sst>", bk->sst ? bk->sst : "");
  parts[np++] = (tu_part){"[Content_Types].xml", "<Types/>", 0, 0};
  parts[np++] = (tu_part){"xl/workbook.xml", wb->str, 0, 0};
  parts[np++] = (tu_part){"xl/_rels/workbook.xml.rels", rels->str, 0, 0};
  parts[np++] = (tu_part){"xl/styles.xml", STYLES, 0, 0};
  parts[np++] = (tu_part){"xl/sharedStrings.xml", sst, 0, 0};
  uint8_t *z = tu_zip(len, parts, np);
  for (int i = 0; i < bk->n; i++) {
    g_free(names[i]);
    g_free(xml[i]);
  }
  g_free(sst);
  g_string_free(wb, TRUE);
  g_string_free(rels, TRUE);
  return z;
}

static dx_code read_book(dx_doc **d, const book *bk, dx_error *err) {
  size_t len;
  uint8_t *z = make_xlsx(&len, bk);
  dx_code rc = dx_read_bytes(d, "t.docx", z, len, &lim, err); /* the name says nothing */
  g_free(z);
  return rc;
}

static dx_doc *read_ok(const book *bk) {
  dx_doc *d = NULL;
  dx_error err = {0};
  if (read_book(&d, bk, &err) != DX_OK) fail_msg("read failed: %s", err.message);
  assert_int_equal(d->format, DX_FORMAT_XLSX);
  return d;
}

static dx_doc *read_sheet(const char *sheet, const char *sst) {
  book bk = {.sheets = {sheet}, .n = 1, .sst = sst};
  return read_ok(&bk);
}

static dx_block *block(dx_doc *d, guint i) {
  assert_true(i < d->blocks->len);
  return g_ptr_array_index(d->blocks, i);
}

static dx_table *table(dx_doc *d, guint i) {
  dx_block *b = block(d, i);
  assert_int_equal(b->kind, DX_BLOCK_TABLE);
  return b->table;
}

static const char *para(dx_doc *d, guint i) {
  dx_block *b = block(d, i);
  assert_int_equal(b->kind, DX_BLOCK_PARAGRAPH);
  return b->text;
}

static const char *cell(dx_table *t, int r, int c) {
  dx_cell *x = dx_table_at(t, r, c);
  assert_non_null(x);
  return x->text;
}

static bool has_warning(const dx_doc *d, const char *code) {
  for (guint i = 0; i < d->warnings->len; i++)
    if (strcmp(((dx_warning *)g_ptr_array_index(d->warnings, i))->code, code) == 0) return true;
  return false;
}

/* ---- number formats and dates ------------------------------------------------ */

typedef struct fmt_case {
  const char *code; /* NULL: General */
  double v;
  bool date1904;
  const char *want;
} fmt_case;

static void test_number_formats(void **state) {
  (void)state;
  static const fmt_case cases[] = {
      {NULL, 1520.67, false, "1520.67"},
      {NULL, 0.1 + 0.2, false, "0.3"},
      {NULL, -5, false, "-5"},
      {NULL, 1e20, false, "1E+20"},
      {NULL, 2115589, false, "2115589"},
      {"General", 12.5, false, "12.5"},
      {"0.00", 2.675, false, "2.68"}, /* decimal rounding, as Excel shows it */
      {"0.00", 1, false, "1.00"},
      {"0.00", -1.005, false, "-1.01"},
      {"0.00", 0.004, false, "0.00"},
      {"0", 2.5, false, "3"},
      {"#,##0", 1234567.4, false, "1,234,567"},
      {"#,##0", 0, false, "0"},
      {"#,##0", -1234, false, "-1,234"},
      {"#,##0.00", 1250000, false, "1,250,000.00"},
      {"#,##0.0", 2300.5, false, "2,300.5"},
      {"0%", 0.95, false, "95%"},
      {"0.0%", 0.1234, false, "12.3%"},
      {"0.00E+00", 12345, false, "1.23E+04"},
      {"#,##0;(#,##0)", -1234, false, "(1,234)"},
      {"0.00;-0.00;\"零\"", 0, false, "零"},
      {"0\"元\"", 5, false, "5元"},
      {"#,##0\"万元\"", 1520, false, "1,520万元"},
      {"[$¥-804]#,##0.00", 5, false, "¥5.00"},
      {"[Red]0.0", 1.25, false, "1.3"},
      {"#,##0,", 1234567, false, "1,235"},
      {"0.0#", 1.5, false, "1.5"},
      {"0.0#", 1, false, "1.0"},
      {"0.0#", 1.25, false, "1.25"},
      {"000", 7, false, "007"},
      {"[>=100]\"多\";0", 150, false, "多"},
      {"[>=100]\"多\";0", 50, false, "50"},
      {"@", 42, false, "42"},
      /* dates: the built-in short date and the zh-CN ones */
      {"yyyy/m/d", 45261, false, "2023/12/1"},
      {"yyyy\"年\"m\"月\"d\"日\"", 43871, false, "2020年2月10日"},
      {"yyyy\"年\"m\"月\"", 45261, false, "2023年12月"},
      {"yyyy-mm-dd hh:mm:ss", 45261.5, false, "2023-12-01 12:00:00"},
      {"h:mm AM/PM", 0.75, false, "6:00 PM"},
      {"上午/下午h\"时\"mm\"分\"", 0.25, false, "上午6时00分"},
      {"[h]:mm", 1.5, false, "36:00"},
      {"mm:ss.0", 0.000011574, false, "00:01.0"},
      {"dddd, mmmm d", 45261, false, "Friday, December 1"},
      {"aaaa", 45261, false, "星期五"},
      {"yy-m-d", 45261.9999999, false, "23-12-2"}, /* the time rounds into the next day */
      /* the 1900 system's false leap day, and the 1904 system */
      {"yyyy-mm-dd", 1, false, "1900-01-01"},
      {"yyyy-mm-dd", 59, false, "1900-02-28"},
      {"yyyy-mm-dd", 60, false, "1900-02-29"},
      {"yyyy-mm-dd", 61, false, "1900-03-01"},
      {"yyyy-mm-dd", 0, false, "1900-01-00"},
      {"yyyy-mm-dd", 0, true, "1904-01-01"},
      {"yyyy-mm-dd", 43799, true, "2023-12-01"},
      {"dddd", 1, false, "Sunday"}, /* Excel's weekday for its serial 1 */
      {"dddd", 0, true, "Friday"},
      {"yyyy-mm-dd", -1, false, "-1"},       /* no date: Excel shows ####, we the number */
      {"0E+0%%%%%", 1e300, false, "1e+300"}, /* x 100^5 overflows: the number */
      {NULL, INFINITY, false, "#NUM!"},      /* only a caller's arithmetic makes one */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const fmt_case *c = &cases[i];
    xl_fmt *f = c->code ? dx_xl_fmt_compile(c->code) : NULL;
    GString *out = g_string_new(NULL);
    dx_xl_format_number(out, f, c->v, c->date1904);
    if (strcmp(out->str, c->want) != 0)
      fail_msg("%s of %.10g: got \"%s\", want \"%s\"", c->code ? c->code : "General", c->v,
               out->str, c->want);
    g_string_free(out, TRUE);
    dx_xl_fmt_free(f);
  }
}

static void test_builtin_formats(void **state) {
  (void)state;
  assert_string_equal(dx_xl_builtin_format(2), "0.00");
  assert_string_equal(dx_xl_builtin_format(9), "0%");
  assert_string_equal(dx_xl_builtin_format(14), "yyyy/m/d");
  assert_string_equal(dx_xl_builtin_format(31), "yyyy\"年\"m\"月\"d\"日\"");
  assert_null(dx_xl_builtin_format(0));
  assert_null(dx_xl_builtin_format(163));
  xl_fmt *f = dx_xl_fmt_compile(dx_xl_builtin_format(22));
  assert_true(dx_xl_fmt_is_date(f));
  dx_xl_fmt_free(f);
  f = dx_xl_fmt_compile("#,##0.00");
  assert_false(dx_xl_fmt_is_date(f));
  GString *out = g_string_new(NULL);
  dx_xl_format_text(out, f, "文字"); /* no text section: as it is */
  dx_xl_fmt_free(f);
  f = dx_xl_fmt_compile("0;-0;0;\"（\"@\"）\"");
  dx_xl_format_text(out, f, "注");
  assert_string_equal(out->str, "文字（注）");
  g_string_free(out, TRUE);
  dx_xl_fmt_free(f);
}

static void test_serial_dates(void **state) {
  (void)state;
  xl_datetime dt;
  assert_true(dx_xl_serial_date(&dt, 60, false, false));
  assert_int_equal(dt.month, 2);
  assert_int_equal(dt.day, 29);
  assert_true(dx_xl_serial_date(&dt, 45261.75, false, false));
  assert_int_equal(dt.year, 2023);
  assert_int_equal(dt.hour, 18);
  assert_true(dx_xl_serial_date(&dt, 1462, true, false)); /* 1904 + 1462 days */
  assert_int_equal(dt.year, 1908);
  assert_int_equal(dt.month, 1);
  assert_int_equal(dt.day, 2);
  assert_true(dx_xl_serial_date(&dt, 2958465, false, false));
  assert_int_equal(dt.year, 9999);
  assert_false(dx_xl_serial_date(&dt, 2958466, false, false));
  assert_false(dx_xl_serial_date(&dt, -0.5, false, false));
}

static void test_refs(void **state) {
  (void)state;
  int r, c, r1, c1;
  assert_true(dx_xl_ref("A1", &r, &c));
  assert_int_equal(r, 0);
  assert_int_equal(c, 0);
  assert_true(dx_xl_ref("$XFD$1048576", &r, &c));
  assert_int_equal(r, 1048575);
  assert_int_equal(c, 16383);
  assert_false(dx_xl_ref("XFE1", &r, &c));
  assert_false(dx_xl_ref("A0", &r, &c));
  assert_false(dx_xl_ref("A1048577", &r, &c));
  assert_false(dx_xl_ref("1A", &r, &c));
  assert_true(dx_xl_range("C3:A1", &r, &c, &r1, &c1));
  assert_int_equal(c1, 2);
  char name[16];
  dx_xl_ref_name(name, sizeof name, 9, 27);
  assert_string_equal(name, "AB10");
  GString *s = g_string_new("a_x000D_\nb_x005F_x0041_c_x4E2D_");
  dx_xl_unescape(s);
  assert_string_equal(s->str, "a\nb_x0041_c中");
  g_string_free(s, TRUE);
}

/* ---- strings and cell types ------------------------------------------------------ */

static void test_strings(void **state) {
  (void)state;
  dx_doc *d = read_sheet(
      "<sheetData><row r=\"1\">"
      "<c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c><c r=\"B1\" t=\"s\" s=\"1\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\" s=\"1\"><v>2</v></c><c r=\"D1\" t=\"inlineStr\" s=\"1\"><is><r><t>内</t>"
      "</r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 联</t></r></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"b\" s=\"1\"><v>1</v></c><c r=\"B2\" t=\"e\" "
      "s=\"1\"><v>#DIV/0!</v>"
      "</c><c r=\"C2\" t=\"str\" s=\"1\"><f>A1&amp;\"x\"</f><v>项目x</v></c>"
      "<c r=\"D2\" t=\"s\" s=\"1\"><v>3</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"2\"><v>13.18</v></c><c r=\"B3\" s=\"3\"><v>45261</v></c>"
      "<c r=\"C3\" s=\"6\"><v>1250000</v></c><c r=\"D3\" t=\"s\" s=\"1\"><v>4</v></c></row>"
      "</sheetData>",
      "<si><t>项目</t></si>"
      "<si><r><rPr><b/><rFont val=\"宋体\"/></rPr><t>名称</t></r><r><t>：甲</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>めい</t></rPh><phoneticPr fontId=\"0\"/></si>"
      "<si><t>第一行_x000D_\n第二行</t></si>"
      "<si><r><t>新增</t></r><r><rPr><rFont val=\"Wingdings\"/></rPr><t>\xc3\xbe</t></r>"
      "<r><t>延续</t></r><r><rPr><rFont val=\"Wingdings 2\"/></rPr><t>\xc2\xa3</t></r></si>"
      "<si><t>\xef\x82\xa8否</t></si>");
  dx_table *t = table(d, 0);
  assert_string_equal(cell(t, 0, 0), "项目");
  assert_string_equal(cell(t, 0, 1), "名称：甲"); /* runs joined, the phonetic guide left out */
  assert_string_equal(cell(t, 0, 2), "第一行\n第二行");
  assert_string_equal(cell(t, 0, 3), "内 联");
  assert_string_equal(cell(t, 1, 0), "TRUE");
  assert_string_equal(cell(t, 1, 1), "#DIV/0!");
  assert_string_equal(cell(t, 1, 2), "项目x"); /* a formula's cached string */
  assert_string_equal(cell(t, 1, 3), "新增☑延续☐");
  assert_string_equal(cell(t, 2, 0), "13.18");
  assert_string_equal(cell(t, 2, 1), "2023/12/1");
  assert_string_equal(cell(t, 2, 2), "1,250,000");
  assert_string_equal(cell(t, 2, 3), "☐否"); /* a Wingdings code typed in any font */
  assert_int_equal(dx_table_at(t, 0, 0)->origin, DX_ORIGIN_XLSX);
  dx_doc_free(d);
}

/* A cell in a Wingdings font: its letters are checkboxes. */
static void test_symbol_font(void **state) {
  (void)state;
  dx_doc *d = read_sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c>"
                         "<c r=\"B1\" t=\"inlineStr\" s=\"4\"><is><t>\xc3\xbe\xc2\xa8</t></is></c>"
                         "<c r=\"C1\" s=\"5\"><v>0.125</v></c></row></sheetData>",
                         "<si><t>项目属性</t></si>");
  dx_table *t = table(d, 0);
  assert_string_equal(cell(t, 0, 1), "☑☐");
  assert_string_equal(cell(t, 0, 2), "12.5%"); /* a custom format, numFmtId 164 */
  dx_doc_free(d);
}

/* A value strtod reads as no finite number (inf, nan, 1e999) is no number a sheet holds:
 * the cell shows it as it is, whatever its format. */
static void test_non_finite_values(void **state) {
  (void)state;
  dx_doc *d = read_sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c>"
                         "<c r=\"B1\"><v>inf</v></c><c r=\"C1\" s=\"5\"><v>1E+999</v></c>"
                         "<c r=\"D1\"><v>-nan</v></c></row></sheetData>",
                         "<si><t>项目属性</t></si>");
  dx_table *t = table(d, 0);
  assert_string_equal(cell(t, 0, 1), "inf");
  assert_string_equal(cell(t, 0, 2), "1E+999");
  assert_string_equal(cell(t, 0, 3), "-nan");
  dx_doc_free(d);
}

/* ---- merged ranges, hidden rows and columns, formulas ------------------------------ */

static void test_merges(void **state) {
  (void)state;
  dx_doc *d = read_sheet(
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>指标</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\" s=\"1\"><is><t>产出</t></is></c><c r=\"C1\" s=\"1\"/>"
      "<c r=\"D1\" t=\"inlineStr\" s=\"1\"><is><t>值</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>7</v></c><c r=\"B2\" t=\"inlineStr\" "
      "s=\"1\"><is><t>x</t>"
      "</is></c><c r=\"C2\" t=\"inlineStr\" s=\"1\"><is><t>y</t></is></c><c r=\"D2\" "
      "s=\"1\"/></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" t=\"inlineStr\" s=\"1\"><is><t>z</t></is></c>"
      "<c r=\"C3\" s=\"1\"/><c r=\"D3\" s=\"1\"/></row></sheetData>"
      "<mergeCells count=\"3\"><mergeCell ref=\"A1:A3\"/><mergeCell ref=\"B1:C1\"/>"
      "<mergeCell ref=\"C3:D3\"/><mergeCell ref=\"A2:B2\"/></mergeCells>",
      NULL);
  dx_table *t = table(d, 0);
  assert_int_equal(t->nrows, 3);
  assert_int_equal(t->ncols, 4);
  dx_cell *a = dx_table_at(t, 0, 0);
  assert_string_equal(a->text, "指标"); /* A2's 7 is under the range: not shown */
  assert_int_equal(a->rowspan, 3);
  assert_ptr_equal(dx_table_at(t, 2, 0), a);
  assert_int_equal(dx_table_at(t, 0, 1)->colspan, 2);
  assert_string_equal(cell(t, 1, 1), "x"); /* A2:B2 overlaps A1:A3: dropped */
  assert_int_equal(dx_table_at(t, 2, 2)->colspan, 2);
  assert_string_equal(cell(t, 2, 3), "");
  dx_doc_free(d);
}

static void test_hidden(void **state) {
  (void)state;
  dx_doc *d = read_sheet(
      "<cols><col min=\"2\" max=\"2\" width=\"3\" hidden=\"1\"/></cols><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>a</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\" s=\"1\"><is><t>秘</t></is></c>"
      "<c r=\"C1\" t=\"inlineStr\" s=\"1\"><is><t>c</t></is></c><c r=\"D1\" s=\"1\"/></row>"
      "<row r=\"2\" hidden=\"1\"><c r=\"A2\" t=\"inlineStr\" s=\"1\"><is><t>藏</t></is></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\" s=\"1\"><is><t>跨</t></is></c><c r=\"B3\" s=\"1\"/>"
      "<c r=\"C3\" s=\"1\"/><c r=\"D3\" t=\"inlineStr\" s=\"1\"><is><t>d</t></is></c></row>"
      "</sheetData><mergeCells><mergeCell ref=\"A3:C3\"/></mergeCells>",
      NULL);
  dx_table *t = table(d, 0);
  assert_int_equal(t->nrows, 2);
  assert_int_equal(t->ncols, 3);
  assert_string_equal(cell(t, 0, 1), "c");
  assert_string_equal(cell(t, 1, 0), "跨");
  assert_int_equal(dx_table_at(t, 1, 0)->colspan, 2); /* three columns, one hidden */
  assert_string_equal(cell(t, 1, 2), "d");
  assert_true(has_warning(d, "xlsx_hidden_skipped"));
  dx_doc_free(d);
}

static void test_formula_uncached(void **state) {
  (void)state;
  book bk = {
      .n = 1,
      .sheets = {"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>2024年度项目支出"
                 "绩效目标申报表</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\" "
                 "s=\"1\"><is><t>项目名称</t></is></c><c r=\"B2\" s=\"1\"><v>1</v></c>"
                 "<c r=\"C2\" t=\"inlineStr\" s=\"1\"><is><t>年度资金总额</t></is></c>"
                 "<c r=\"D2\" s=\"2\"><f>SUM(E2:E9)</f></c></row></sheetData>"}};
  dx_doc *d = read_ok(&bk);
  dx_table *t = table(d, 1);
  dx_cell *c = dx_table_at(t, 0, 3);
  assert_string_equal(c->text, "");
  assert_true(c->flags & DX_CELL_FORMULA_UNCACHED);
  assert_true(c->confidence < 1);
  assert_true(has_warning(d, "xlsx_formula_uncached"));
  /* stage three says so on the value */
  dx_error err;
  dx_ruleset *rs = dx_rules_load(NULL, &err);
  assert_non_null(rs);
  json_t *j = dx_doc_to_json(rs, d);
  json_t *decl = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *total = json_object_get(json_object_get(decl, "funds"), "current_year_total");
  assert_non_null(total);
  char *flags = json_dumps(json_object_get(total, "flags"), JSON_COMPACT);
  assert_non_null(strstr(flags, "formula_uncached"));
  assert_true(json_real_value(json_object_get(total, "confidence")) < 0.9);
  free(flags);
  json_decref(j);
  dx_rules_free(rs);
  dx_doc_free(d);
}

/* ---- a sheet into paragraphs and tables -------------------------------------------- */

#define T(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define TB(ref, text) "<c r=\"" ref "\" t=\"inlineStr\" s=\"1\"><is><t>" text "</t></is></c>"
#define B(ref) "<c r=\"" ref "\" s=\"1\"/>"

/* Two forms on one sheet, as a workbook keeps them: a title merged
 * across, a 填报单位 line spread over two cells, a bordered table; an
 * empty row; the second form. */
static void test_two_forms(void **state) {
  (void)state;
  dx_doc *d = read_sheet(
      "<sheetData><row r=\"1\">" T(
          "A1",
          "绩效目标表一") "</row>"
                          "<row r=\"2\">" T("A2", "填报单位：甲局") T(
                              "D2",
                              "金额单位：万元") "</row>"
                                                "<row r=\"3\">" TB("A3", "项目名称") TB(
                                                    "B3", "道路") B("C3") B("D3")
                                                    B("F3") "</row>"
                                                            "<row r=\"4\">" TB("A4", "年度资金") B(
                                                                "B4") TB("C4", "30")
                                                                B("D4") "</row>"
                                                                        "<row r=\"5\">" B("A5") B("B5") B("C5") B(
                                                                            "D5") "</row>"
                                                                                  "<row "
                                                                                  "r=\"7\">" T(
                                                                                      "A7",
                                                                                      "绩效目标表"
                                                                                      "二") "</"
                                                                                            "row>"
                                                                                            "<row"
                                                                                            " r="
                                                                                            "\"8"
                                                                                            "\""
                                                                                            ">" TB("A8", "项目名称") TB(
                                                                                                "B"
                                                                                                "8",
                                                                                                "水"
                                                                                                "库") B("C8")
                                                                                                B("D8") "</row>"
                                                                                                        "<row r=\"9\">" T(
                                                                                                            "A9",
                                                                                                            "填表人：")
                                                                                                            T("C9",
                                                                                                              "电话：") "</row></sheetData>"
                                                                                                                        "<mergeCells><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"A2:C2\"/><mergeCell ref=\"B3:D3\"/>"
                                                                                                                        "<mergeCell ref=\"A4:B4\"/><mergeCell ref=\"C4:D4\"/><mergeCell ref=\"A7:D7\"/>"
                                                                                                                        "<mergeCell ref=\"B8:D8\"/></mergeCells>",
      NULL);
  assert_int_equal(d->blocks->len, 6);
  assert_string_equal(para(d, 0), "绩效目标表一");
  assert_string_equal(para(d, 1), "填报单位：甲局\t金额单位：万元");
  dx_table *t = table(d, 2);
  assert_int_equal(t->index, 0);
  /* the empty bordered row and the empty column F are not the table's;
   * C and D are only ever merged together: one column */
  assert_int_equal(t->nrows, 2);
  assert_int_equal(t->ncols, 3);
  assert_string_equal(cell(t, 1, 2), "30");
  assert_int_equal(dx_table_at(t, 1, 0)->colspan, 2);
  assert_string_equal(para(d, 3), "绩效目标表二");
  assert_int_equal(block(d, 3)->index, 2);
  t = table(d, 4);
  assert_int_equal(t->index, 1);
  assert_int_equal(t->ncols, 2); /* B:D only ever merged: one column */
  assert_string_equal(para(d, 5), "填表人：\t电话：");
  dx_doc_free(d);
}

/* A sheet without borders: a lone two-cell line and the title above
 * the grid are paragraphs, the grid a table (a heading row of one
 * cell inside it stays a row), a line of one cell below it a
 * paragraph. */
static void test_plain_sheet(void **state) {
  (void)state;
  dx_doc *d = read_sheet(
      "<sheetData><row r=\"1\">" T("A1", "填报单位：乙局") T(
          "C1",
          "金额单位：元") "</row>"
                          "<row r=\"2\">" T(
                              "A2",
                              "绩效目标表") "</row>"
                                            "<row r=\"3\">" T("A3", "项目名称") T(
                                                "B3",
                                                "桥梁") "</row>"
                                                        "<row r=\"4\">" T(
                                                            "A4",
                                                            "产出指标") "</row>"
                                                                        "<row r=\"5\">" T("A5",
                                                                                          "数量")
                                                                            T("B5",
                                                                              "3座") "</row>"
                                                                                     "<row "
                                                                                     "r=\"6\">" T(
                                                                                         "A6",
                                                                                         "说明："
                                                                                         "无") "<"
                                                                                               "/"
                                                                                               "r"
                                                                                               "o"
                                                                                               "w"
                                                                                               ">"
                                                                                               "<"
                                                                                               "/"
                                                                                               "s"
                                                                                               "h"
                                                                                               "e"
                                                                                               "e"
                                                                                               "t"
                                                                                               "D"
                                                                                               "a"
                                                                                               "t"
                                                                                               "a"
                                                                                               ">"
                                                                                               "<"
                                                                                               "m"
                                                                                               "e"
                                                                                               "r"
                                                                                               "g"
                                                                                               "e"
                                                                                               "C"
                                                                                               "e"
                                                                                               "l"
                                                                                               "l"
                                                                                               "s"
                                                                                               ">"
                                                                                               "<"
                                                                                               "m"
                                                                                               "e"
                                                                                               "r"
                                                                                               "g"
                                                                                               "e"
                                                                                               "C"
                                                                                               "e"
                                                                                               "l"
                                                                                               "l"
                                                                                               " "
                                                                                               "r"
                                                                                               "e"
                                                                                               "f"
                                                                                               "="
                                                                                               "\"A"
                                                                                               "2:"
                                                                                               "C2"
                                                                                               "\"/"
                                                                                               "></"
                                                                                               "mer"
                                                                                               "geC"
                                                                                               "ell"
                                                                                               "s>",
      NULL);
  assert_int_equal(d->blocks->len, 4);
  assert_string_equal(para(d, 0), "填报单位：乙局\t金额单位：元");
  assert_string_equal(para(d, 1), "绩效目标表");
  dx_table *t = table(d, 2);
  assert_int_equal(t->nrows, 3);
  assert_string_equal(cell(t, 1, 0), "产出指标");
  assert_string_equal(cell(t, 1, 1), ""); /* a slot no cell covers: an empty cell */
  assert_string_equal(para(d, 3), "说明：无");
  dx_doc_free(d);
}

/* ---- sheets, the workbook, detection ---------------------------------------------- */

static void test_sheets(void **state) {
  (void)state;
  book bk = {.n = 3,
             .wbpr = "date1904=\"1\"",
             .sheets = {"<sheetData><row r=\"1\">" TB("A1", "一") "<c r=\"B1\" s=\"3\"><v>0"
                                                                  "</v></c></row></sheetData>",
                        "<sheetData><row r=\"1\">" TB("A1", "隐") "</row></sheetData>",
                        "<sheetData><row r=\"1\">" TB("A1", "三") "</row></sheetData>"},
             .hidden = {false, true, false}};
  dx_doc *d = read_ok(&bk);
  assert_int_equal(d->blocks->len, 2);
  assert_string_equal(cell(table(d, 0), 0, 0), "一");
  assert_string_equal(cell(table(d, 0), 0, 1), "1904/1/1");
  assert_string_equal(cell(table(d, 1), 0, 0), "三");
  assert_int_equal(table(d, 1)->index, 1);
  assert_true(has_warning(d, "xlsx_hidden_sheet"));
  dx_doc_free(d);
}

/* The package's parts say what it is, not its name; a workbook whose
 * main part is elsewhere is found through the package relationships. */
static void test_detection(void **state) {
  (void)state;
  const char *wb = "<workbook " NS " " NS_R "><sheets><sheet name=\"A\" sheetId=\"1\" "
                   "r:id=\"r1\"/></sheets></workbook>";
  const char *rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                     "relationships\"><Relationship Id=\"r1\" Type=\"" REL "worksheet\" "
                     "Target=\"../sheets/one.xml\"/></Relationships>";
  const char *pkg = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\"><Relationship Id=\"x\" Type=\"" REL "officeDocument\" "
                    "Target=\"/book/main.xml\"/></Relationships>";
  const char *types = "<Types><Override PartName=\"/book/main.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";
  const char *sheet = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                      "<is><t>在</t></is></c></row></sheetData></worksheet>";
  tu_part parts[] = {{"[Content_Types].xml", types, 0, 0},
                     {"_rels/.rels", pkg, 0, 0},
                     {"book/main.xml", wb, 0, 0},
                     {"book/_rels/main.xml.rels", rels, 0, 0},
                     {"sheets/one.xml", sheet, 0, 0}};
  size_t len;
  uint8_t *z = tu_zip(&len, parts, G_N_ELEMENTS(parts));
  dx_doc *d = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&d, "form.pdf", z, len, &lim, &err), DX_OK);
  assert_int_equal(d->format, DX_FORMAT_XLSX);
  assert_string_equal(para(d, 0), "在");
  dx_doc_free(d);
  g_free(z);
  /* a DOCX is still a DOCX, named .xlsx or not */
  z = tu_docx(&len, "<w:p><w:r><w:t>字</w:t></w:r></w:p>");
  assert_int_equal(dx_read_bytes(&d, "form.xlsx", z, len, &lim, &err), DX_OK);
  assert_int_equal(d->format, DX_FORMAT_DOCX);
  dx_doc_free(d);
  g_free(z);
}

/* ---- bad and hostile workbooks ------------------------------------------------------- */

static dx_code read_err(const book *bk, dx_error *err) {
  dx_doc *d = NULL;
  dx_code rc = read_book(&d, bk, err);
  dx_doc_free(d);
  return rc;
}

static void expect_error(const book *bk, dx_code want, const char *words) {
  dx_error err = {0};
  dx_code rc = read_err(bk, &err);
  if (rc != want || !strstr(err.message, words))
    fail_msg("got %d \"%s\", want %d with \"%s\"", rc, err.message, want, words);
  assert_null(strchr(err.message, '\n'));
}

static void test_bad_sheets(void **state) {
  (void)state;
  book bk = {.n = 1,
             .sheets = {"<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"
                        "</sheetData>"}};
  expect_error(&bk, DX_EFORMAT, "shared string 5");
  bk.sheets[0] = "<sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData>";
  expect_error(&bk, DX_EFORMAT, "bad cell reference");
  bk.sheets[0] = "<sheetData><row r=\"0\"/></sheetData>";
  expect_error(&bk, DX_EFORMAT, "bad row number");
  bk.sheets[0] = "<sheetData><row><c><v>1</v></row></sheetData>";
  expect_error(&bk, DX_EFORMAT, "malformed xl/worksheets/sheet1.xml");
  /* a merged range over the whole sheet, cells at its far corners:
   * bounded by the cells, not the range */
  bk.sheets[0] = "<sheetData><row r=\"1\">" T(
      "A1", "a") "</row><row r=\"1048576\">"
                 "<c r=\"XFD1048576\" t=\"inlineStr\"><is><t>z</t></is></c></row></sheetData>"
                 "<mergeCells><mergeCell ref=\"B1:XFD1048575\"/></mergeCells>";
  dx_doc *d = read_ok(&bk);
  assert_int_equal(d->blocks->len, 2);
  dx_doc_free(d);
}

static void test_limits(void **state) {
  (void)state;
  /* a row of 1 200 cells with text: wider than the column limit */
  GString *s = g_string_new("<sheetData><row r=\"1\">");
  for (int c = 0; c < 1200; c++) {
    char ref[16];
    dx_xl_ref_name(ref, sizeof ref, 0, c);
    g_string_append_printf(s, "<c r=\"%s\" s=\"1\"><v>%d</v></c>", ref, c);
  }
  g_string_append(s, "</row></sheetData>");
  book bk = {.n = 1, .sheets = {s->str}};
  expect_error(&bk, DX_ELIMIT, "1000-column limit");
  /* 16 384 bordered cells, text in two: the empty ones are trimmed */
  g_string_assign(s, "<sheetData><row r=\"1\">" TB("A1", "a") TB("B1", "b"));
  for (int c = 2; c < XL_MAX_COLS; c++) {
    char ref[16];
    dx_xl_ref_name(ref, sizeof ref, 0, c);
    g_string_append_printf(s, "<c r=\"%s\" s=\"1\"/>", ref);
  }
  g_string_append(s, "</row></sheetData>");
  bk.sheets[0] = s->str;
  dx_doc *d = read_ok(&bk);
  assert_int_equal(table(d, 0)->ncols, 2);
  dx_doc_free(d);
  /* more shared strings than the cell limit */
  g_string_assign(s, "");
  for (int i = 0; i < 300; i++) g_string_append(s, "<si><t>x</t></si>");
  book many = {.n = 1, .sheets = {"<sheetData/>"}, .sst = s->str};
  size_t cells = lim.max_cells;
  lim.max_cells = 200;
  expect_error(&many, DX_ELIMIT, "more than 200 strings");
  lim.max_cells = cells;
  /* elements in all parts together */
  size_t nodes = lim.max_xml_nodes;
  lim.max_xml_nodes = 500;
  expect_error(&many, DX_ELIMIT, "more than 500 XML elements");
  lim.max_xml_nodes = nodes;
  /* all parts together inflate past four times the one-part limit */
  g_string_assign(s, "<sheetData>");
  for (int r = 1; r <= 100; r++)
    g_string_append_printf(s, "<row r=\"%d\"><c><v>%d</v></c></row>", r, r);
  g_string_append(s, "</sheetData>");
  book big = {.n = 4, .sheets = {s->str, s->str, s->str, s->str}};
  size_t part = lim.max_part_bytes;
  lim.max_part_bytes = 4000;
  expect_error(&big, DX_ELIMIT, "inflate past 16000 bytes together");
  lim.max_part_bytes = part;
  g_string_free(s, TRUE);
  /* a DOCTYPE (entity expansion) is refused */
  book dtd = {.n = 1, .sheets = {"<sheetData/>"}};
  size_t len;
  uint8_t *z = make_xlsx(&len, &dtd);
  g_free(z);
  const char *sheet = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet " NS
                      "><sheetData/></worksheet>";
  tu_part parts[] = {{"xl/workbook.xml",
                      "<workbook " NS " " NS_R "><sheets><sheet name=\"a\" "
                      "sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>",
                      0, 0},
                     {"xl/_rels/workbook.xml.rels",
                      "<Relationships><Relationship Id=\"r1\" Type=\"" REL
                      "worksheet\" Target=\"s.xml\"/></Relationships>",
                      0, 0},
                     {"xl/s.xml", sheet, 0, 0}};
  z = tu_zip(&len, parts, G_N_ELEMENTS(parts));
  dx_doc *doc = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&doc, "t", z, len, &lim, &err), DX_EFORMAT);
  assert_non_null(strstr(err.message, "DOCTYPE"));
  g_free(z);
}

/* The workbook, its relationships and styles as the sheets are read
 * (SAX2): an attribute's "&amp;" is "&" (a sheet's name, a format's
 * code, a relationship's target); an empty part is malformed. */
static dx_doc *read_parts(const char *styles, const char *sheet_name, dx_error *err, dx_code *rc) {
  char *wb = g_strdup_printf("<workbook " NS " " NS_R "><sheets><sheet name=\"%s\" sheetId=\"1\" "
                             "r:id=\"r&amp;1\" state=\"hidden\"/><sheet name=\"b\" sheetId=\"2\" "
                             "r:id=\"r2\"/></sheets></workbook>",
                             sheet_name);
  tu_part parts[] = {{"xl/workbook.xml", wb, 0, 0},
                     {"xl/_rels/workbook.xml.rels",
                      "<Relationships><Relationship Id=\"r&amp;1\" Type=\"" REL
                      "worksheet\" Target=\"s&amp;1.xml\"/><Relationship Id=\"r2\" Type=\"" REL
                      "worksheet\" Target=\"s&amp;1.xml\"/><Relationship Id=\"r3\" Type=\"" REL
                      "styles\" Target=\"styles.xml\"/></Relationships>",
                      0, 0},
                     {"xl/styles.xml", styles, 0, 0},
                     {"xl/s&1.xml",
                      "<worksheet " NS
                      "><sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>5</v></c></row>"
                      "</sheetData></worksheet>",
                      0, 0}};
  size_t len;
  uint8_t *z = tu_zip(&len, parts, G_N_ELEMENTS(parts));
  dx_doc *d = NULL;
  *rc = dx_read_bytes(&d, "t.xlsx", z, len, &lim, err);
  g_free(z);
  g_free(wb);
  return d;
}

static void test_small_parts(void **state) {
  (void)state;
  /* a root in another namespace: its lists are read all the same */
  const char *styles =
      "<x:styleSheet xmlns:x=\"urn:other\"><numFmts " NS "><numFmt numFmtId=\"170\" "
      "formatCode=\"&quot;A&amp;B&quot;0\"/></numFmts><cellXfs " NS "><xf numFmtId=\"0\"/>"
      "<xf numFmtId=\"170\"/></cellXfs></x:styleSheet>";
  dx_error err = {0};
  dx_code rc;
  dx_doc *d = read_parts(styles, "a&amp;b&lt;", &err, &rc);
  if (rc != DX_OK) fail_msg("read failed: %s", err.message);
  assert_true(has_warning(d, "xlsx_hidden_sheet"));
  dx_warning *w = g_ptr_array_index(d->warnings, 0);
  assert_non_null(strstr(w->message, "\"a&b<\""));
  assert_string_equal(para(d, 0), "A&B5");
  dx_doc_free(d);
  d = read_parts("", "a", &err, &rc);
  assert_null(d);
  assert_int_equal(rc, DX_EFORMAT);
  assert_non_null(strstr(err.message, "malformed xl/styles.xml (line 1): Document is empty"));
}

/* A shared string table that inflates past 1 000:1 (a zip bomb in an
 * XLSX). */
static void test_zip_bomb(void **state) {
  (void)state;
  size_t n = (size_t)20 << 20;
  char *sst = g_malloc(n + 64);
  const char *tail = "</t></si></sst>";
  size_t at = g_strlcpy(sst, "<sst " NS "><si><t>", n);
  memset(sst + at, 'a', n - at);
  g_strlcpy(sst + n - 20, tail, 64);
  tu_part parts[] = {{"xl/workbook.xml", "<workbook " NS "/>", 0, 0},
                     {"xl/sharedStrings.xml", sst, 0, 0}};
  size_t len;
  uint8_t *z = tu_zip(&len, parts, 2);
  g_free(sst);
  dx_doc *d = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&d, "bomb.xlsx", z, len, &lim, &err), DX_ELIMIT);
  assert_non_null(strstr(err.message, "xl/sharedStrings.xml inflates more than 1000:1"));
  g_free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number_formats),
      cmocka_unit_test(test_builtin_formats),
      cmocka_unit_test(test_serial_dates),
      cmocka_unit_test(test_refs),
      cmocka_unit_test(test_strings),
      cmocka_unit_test(test_symbol_font),
      cmocka_unit_test(test_non_finite_values),
      cmocka_unit_test(test_merges),
      cmocka_unit_test(test_hidden),
      cmocka_unit_test(test_formula_uncached),
      cmocka_unit_test(test_two_forms),
      cmocka_unit_test(test_plain_sheet),
      cmocka_unit_test(test_sheets),
      cmocka_unit_test(test_detection),
      cmocka_unit_test(test_bad_sheets),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_zip_bomb),
      cmocka_unit_test(test_small_parts),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
