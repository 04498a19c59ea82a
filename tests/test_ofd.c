/* Unit tests for the OFD reader (extract/ofd*.c): small OFDs written here,
 * their pages' glyphs and rules, the model the layout makes of them, and
 * bad input (limits, loops, damaged packages). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "normalize_int.h"
#include "ofd_int.h"
#include "testutil.h"

#define NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""
#define MM_PT (72.0 / 25.4)

static dx_limits lim;

static int setup(void **state) {
  (void)state;
  dx_limits_default(&lim);
  return 0;
}

/* An OFD of one page holding `objects` (its layer's content) after `head`
 * (Template, Area, PageRes elements), with `common` in Document.xml's
 * CommonData, `res` in PublicRes.xml (which has font 3, 宋体, and font
 * 4, Wingdings), and extra parts. */
static uint8_t *ofd(size_t *len, const char *head, const char *objects, const char *common,
                    const char *res, const tu_part *extra, size_t nextra) {
  char *entry =
      g_strdup("<ofd:OFD " NS "><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
               "</ofd:DocBody></ofd:OFD>");
  char *doc = g_strdup_printf(
      "<ofd:Document " NS "><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
      "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>%s"
      "</ofd:CommonData><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>"
      "</ofd:Pages></ofd:Document>",
      common ? common : "");
  char *pres = g_strdup_printf("<ofd:Res " NS " BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"3\" "
                               "FontName=\"宋体\"/><ofd:Font ID=\"4\" FontName=\"Wingdings\"/>"
                               "</ofd:Fonts>%s</ofd:Res>",
                               res ? res : "");
  char *page = g_strdup_printf("<ofd:Page " NS ">%s<ofd:Content><ofd:Layer ID=\"2\">%s</ofd:Layer>"
                               "</ofd:Content></ofd:Page>",
                               head ? head : "", objects ? objects : "");
  GArray *parts = g_array_new(FALSE, FALSE, sizeof(tu_part));
  tu_part base[] = {{"OFD.xml", entry, 0, 0},
                    {"Doc_0/Document.xml", doc, 0, 0},
                    {"Doc_0/PublicRes.xml", pres, 0, 0},
                    {"Doc_0/Pages/Page_0/Content.xml", page, 0, 0}};
  g_array_append_vals(parts, base, G_N_ELEMENTS(base));
  g_array_append_vals(parts, extra, (guint)nextra);
  uint8_t *z = tu_zip(len, (tu_part *)(void *)parts->data, parts->len);
  g_array_free(parts, TRUE);
  g_free(entry);
  g_free(doc);
  g_free(pres);
  g_free(page);
  return z;
}

/* The first page's glyphs and rules, copied. */
typedef struct seen {
  GArray *glyphs, *rules;
  int pages;
} seen;

static dx_code keep_page(void *ctx, const dx_page *pg, dx_error *err) {
  (void)err;
  seen *s = ctx;
  if (s->pages++ == 0) {
    g_array_append_vals(s->glyphs, pg->glyphs, (guint)pg->nglyphs);
    g_array_append_vals(s->rules, pg->rules, (guint)pg->nrules);
  }
  return DX_OK;
}

static dx_code pages_of(seen *s, dx_doc **doc, const uint8_t *z, size_t len, dx_error *err) {
  s->glyphs = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  s->rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  s->pages = 0;
  *doc = dx_doc_new("t.ofd", &lim);
  return dx_ofd_pages(*doc, z, len, &lim, keep_page, s, err);
}

static void seen_free(seen *s, dx_doc *doc) {
  g_array_free(s->glyphs, TRUE);
  g_array_free(s->rules, TRUE);
  dx_doc_free(doc);
}

static const dx_glyph *glyph(const seen *s, guint i) {
  assert_true(i < s->glyphs->len);
  return &g_array_index(s->glyphs, dx_glyph, i);
}

static bool has_warning(const dx_doc *d, const char *code) {
  for (guint i = 0; i < d->warnings->len; i++)
    if (strcmp(((dx_warning *)g_ptr_array_index(d->warnings, i))->code, code) == 0) return true;
  return false;
}

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 0.01)

/* TextCode positions: Boundary's offset, X and Y, DeltaX with "g N v"
 * and its last value going on, a CTM's scale. */
static void test_text_positions(void **state) {
  (void)state;
  size_t len;
  uint8_t *z = ofd(&len, NULL,
                   "<ofd:TextObject ID=\"5\" Boundary=\"10 20 100 10\" Font=\"3\" Size=\"4\">"
                   "<ofd:TextCode X=\"1\" Y=\"4\" DeltaX=\"g 2 4 2\">项目名称12</ofd:TextCode>"
                   "</ofd:TextObject>"
                   "<ofd:TextObject ID=\"6\" Boundary=\"10 40 100 10\" CTM=\"0.5 0 0 0.5 0 0\" "
                   "Font=\"3\" Size=\"8\"><ofd:TextCode X=\"0\" Y=\"8\">甲乙</ofd:TextCode>"
                   "<ofd:TextCode DeltaY=\"3\">丙</ofd:TextCode></ofd:TextObject>",
                   NULL, NULL, NULL, 0);
  seen s;
  dx_doc *d;
  dx_error err = {0};
  assert_int_equal(pages_of(&s, &d, z, len, &err), DX_OK);
  assert_int_equal(s.glyphs->len, 9);
  /* 项 at x 11 mm, 目 4 further, 名 4, then 2 for each after (the list's
   * last value going on) */
  double xs[] = {11, 15, 19, 21, 23, 25};
  for (int i = 0; i < 6; i++) NEAR(glyph(&s, i)->box[0], xs[i] * MM_PT);
  assert_int_equal(glyph(&s, 0)->cp, 0x9879); /* 项 */
  NEAR(glyph(&s, 0)->size, 4 * MM_PT);
  /* the baseline at 24 mm: the box from 0.95 em above to 0.35 below */
  NEAR(glyph(&s, 0)->box[1], (24 - 0.95 * 4) * MM_PT);
  NEAR(glyph(&s, 0)->box[3], (24 + 0.35 * 4) * MM_PT);
  /* a wide character is 1 em wide; 宋体's digits half an em */
  NEAR(glyph(&s, 0)->box[2] - glyph(&s, 0)->box[0], 4 * MM_PT);
  NEAR(glyph(&s, 4)->box[2] - glyph(&s, 4)->box[0], 2 * MM_PT);
  /* under CTM 0.5: size 4 mm, 甲 at 10 mm, 乙 an em (4 mm) on; the next
   * TextCode keeps the previous X and Y (丙 over 甲) */
  NEAR(glyph(&s, 6)->box[0], 10 * MM_PT);
  NEAR(glyph(&s, 6)->size, 4 * MM_PT);
  NEAR(glyph(&s, 7)->box[0], 14 * MM_PT);
  NEAR(glyph(&s, 8)->box[0], 10 * MM_PT);
  NEAR(glyph(&s, 8)->box[3], glyph(&s, 6)->box[3]);
  seen_free(&s, d);
  g_free(z);
}

/* Spaces: a space character, a gap of a word's break; white and hidden
 * text is not read; a Wingdings code is a checkbox. */
static void test_text_spaces_and_ink(void **state) {
  (void)state;
  size_t len;
  uint8_t *z =
      ofd(&len, NULL,
          "<ofd:TextObject ID=\"5\" Boundary=\"10 20 100 10\" Font=\"3\" Size=\"4\">"
          "<ofd:TextCode X=\"0\" Y=\"4\" DeltaX=\"2 2 2 6 2\">ab c d</ofd:TextCode>"
          "</ofd:TextObject>"
          "<ofd:TextObject ID=\"6\" Boundary=\"10 40 100 10\" Font=\"3\" Size=\"4\">"
          "<ofd:FillColor Value=\"255 255 255\"/><ofd:TextCode X=\"0\" Y=\"4\">白</ofd:TextCode>"
          "</ofd:TextObject>"
          "<ofd:TextObject ID=\"7\" Boundary=\"10 50 100 10\" Font=\"3\" Size=\"4\" "
          "Visible=\"false\"><ofd:TextCode X=\"0\" Y=\"4\">藏</ofd:TextCode></ofd:TextObject>"
          "<ofd:TextObject ID=\"8\" Boundary=\"10 60 100 10\" Font=\"4\" Size=\"4\">"
          "<ofd:TextCode X=\"0\" Y=\"4\">&#xF0FE;&#xA8;</ofd:TextCode></ofd:TextObject>",
          NULL, NULL, NULL, 0);
  seen s;
  dx_doc *d;
  dx_error err = {0};
  assert_int_equal(pages_of(&s, &d, z, len, &err), DX_OK);
  assert_int_equal(s.glyphs->len, 6);
  assert_false(glyph(&s, 1)->space_before);   /* b */
  assert_true(glyph(&s, 2)->space_before);    /* c, after a space */
  assert_true(glyph(&s, 3)->space_before);    /* d, after a gap */
  assert_int_equal(glyph(&s, 4)->cp, 0x2611); /* Wingdings 0xFE: ticked */
  assert_int_equal(glyph(&s, 5)->cp, 0x2610); /* 0xA8: empty */
  assert_true(has_warning(d, "invisible_text"));
  seen_free(&s, d);
  g_free(z);
}

/* Paths: a stroked line and a stroked rectangle are rules, a thin filled
 * rectangle is one, a diagonal, a curve, a white line and a wide filled
 * box are none. */
static void test_path_rules(void **state) {
  (void)state;
  size_t len;
  uint8_t *z =
      ofd(&len, NULL,
          "<ofd:PathObject ID=\"5\" Boundary=\"10 10 100 1\" LineWidth=\"0.5\">"
          "<ofd:AbbreviatedData>M 0 0.5 L 100 0.5</ofd:AbbreviatedData></ofd:PathObject>"
          "<ofd:PathObject ID=\"6\" Boundary=\"20 20 50 30\"><ofd:AbbreviatedData>"
          "M 0 0 L 50 0 L 50 30 L 0 30 C</ofd:AbbreviatedData></ofd:PathObject>"
          "<ofd:PathObject ID=\"7\" Boundary=\"10 100 80 0.3\" Fill=\"true\" Stroke=\"false\">"
          "<ofd:AbbreviatedData>M 0 0 L 80 0 L 80 0.3 L 0 0.3 C</ofd:AbbreviatedData>"
          "</ofd:PathObject>"
          "<ofd:PathObject ID=\"8\" Boundary=\"0 0 50 50\"><ofd:AbbreviatedData>"
          "M 0 0 L 50 50 M 0 10 B 10 0 20 0 30 10</ofd:AbbreviatedData></ofd:PathObject>"
          "<ofd:PathObject ID=\"9\" Boundary=\"0 150 50 1\"><ofd:StrokeColor "
          "Value=\"250 250 250\"/><ofd:AbbreviatedData>M 0 0 L 50 0</ofd:AbbreviatedData>"
          "</ofd:PathObject>"
          "<ofd:PathObject ID=\"10\" Boundary=\"0 200 50 20\" Fill=\"true\" Stroke=\"false\">"
          "<ofd:AbbreviatedData>M 0 0 L 50 0 L 50 20 L 0 20 C</ofd:AbbreviatedData>"
          "</ofd:PathObject>",
          NULL, NULL, NULL, 0);
  seen s;
  dx_doc *d;
  dx_error err = {0};
  assert_int_equal(pages_of(&s, &d, z, len, &err), DX_OK);
  assert_int_equal(s.rules->len, 6);
  const dx_rule *r = &g_array_index(s.rules, dx_rule, 0);
  NEAR(r->x0, 10 * MM_PT);
  NEAR(r->x1, 110 * MM_PT);
  NEAR(r->y0, 10.5 * MM_PT);
  NEAR(r->y1, r->y0);
  NEAR(r->width, 0.5 * MM_PT);
  r = &g_array_index(s.rules, dx_rule, 5); /* the thin filled rectangle */
  NEAR(r->y0, 100.15 * MM_PT);
  NEAR(r->width, 0.3 * MM_PT);
  seen_free(&s, d);
  g_free(z);
}

/* A template page under the page: its lines and labels, the page's
 * values, one table. */
static void test_template_table(void **state) {
  (void)state;
  const char *tpl = "<ofd:Page " NS "><ofd:Content><ofd:Layer>"
                    "<ofd:PathObject Boundary=\"20 20 120 40\"><ofd:AbbreviatedData>"
                    "M 0 0 L 120 0 M 0 20 L 120 20 M 0 40 L 120 40 M 0 0 L 0 40 M 60 0 L 60 40 "
                    "M 120 0 L 120 40</ofd:AbbreviatedData></ofd:PathObject>"
                    "<ofd:TextObject Boundary=\"22 28 50 6\" Font=\"3\" Size=\"4\"><ofd:TextCode "
                    "X=\"0\" Y=\"4\">项目名称</ofd:TextCode></ofd:TextObject>"
                    "<ofd:TextObject Boundary=\"22 48 50 6\" Font=\"3\" Size=\"4\"><ofd:TextCode "
                    "X=\"0\" Y=\"4\">主管部门</ofd:TextCode></ofd:TextObject>"
                    "</ofd:Layer></ofd:Content></ofd:Page>";
  tu_part extra[] = {{"Doc_0/Tpls/T.xml", tpl, 0, 0}};
  size_t len;
  uint8_t *z =
      ofd(&len, "<ofd:Template TemplateID=\"7\" ZOrder=\"Background\"/>",
          "<ofd:TextObject Boundary=\"82 28 50 6\" Font=\"3\" Size=\"4\"><ofd:TextCode X=\"0\" "
          "Y=\"4\">培训项目</ofd:TextCode></ofd:TextObject>"
          "<ofd:TextObject Boundary=\"82 48 50 6\" Font=\"3\" Size=\"4\"><ofd:TextCode X=\"0\" "
          "Y=\"4\">县教育局</ofd:TextCode></ofd:TextObject>",
          "<ofd:TemplatePage ID=\"7\" BaseLoc=\"Tpls/T.xml\"/>", NULL, extra, 1);
  dx_doc *d = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &lim, &err), DX_OK);
  assert_int_equal(d->format, DX_FORMAT_OFD);
  assert_int_equal(d->pages, 1);
  assert_int_equal(d->blocks->len, 1);
  dx_block *b = g_ptr_array_index(d->blocks, 0);
  assert_int_equal(b->kind, DX_BLOCK_TABLE);
  assert_int_equal(b->table->nrows, 2);
  assert_int_equal(b->table->ncols, 2);
  assert_string_equal(dx_table_at(b->table, 0, 0)->text, "项目名称");
  assert_string_equal(dx_table_at(b->table, 0, 1)->text, "培训项目");
  assert_string_equal(dx_table_at(b->table, 1, 1)->text, "县教育局");
  assert_int_equal(dx_table_at(b->table, 1, 1)->origin, DX_ORIGIN_OFD);
  dx_doc_free(d);
  g_free(z);
}

/* Loops: a template that names itself, two that name each other, a
 * composite graphic that uses itself, drawing parameters relative to each
 * other: each drawn once, with a warning where a template looped. */
static void test_loops(void **state) {
  (void)state;
  const char *a = "<ofd:Page " NS "><ofd:Template TemplateID=\"8\"/><ofd:Content/></ofd:Page>";
  const char *b =
      "<ofd:Page " NS "><ofd:Template TemplateID=\"7\"/><ofd:Content><ofd:Layer>"
      "<ofd:TextObject Boundary=\"10 10 50 6\" Font=\"3\" Size=\"4\"><ofd:TextCode X=\"0\" "
      "Y=\"4\">模板</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>";
  tu_part extra[] = {{"Doc_0/Tpls/A.xml", a, 0, 0}, {"Doc_0/Tpls/B.xml", b, 0, 0}};
  const char *res = "<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID=\"20\"><ofd:Content>"
                    "<ofd:CompositeObject Boundary=\"0 0 5 5\" ResourceID=\"20\"/></ofd:Content>"
                    "</ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits><ofd:DrawParams>"
                    "<ofd:DrawParam ID=\"30\" Relative=\"31\"/><ofd:DrawParam ID=\"31\" "
                    "Relative=\"30\"/></ofd:DrawParams>";
  size_t len;
  uint8_t *z =
      ofd(&len, "<ofd:Template TemplateID=\"7\"/><ofd:Template TemplateID=\"7\"/>",
          "<ofd:CompositeObject Boundary=\"0 0 5 5\" ResourceID=\"20\"/>"
          "<ofd:PathObject Boundary=\"0 0 5 5\" DrawParam=\"30\"><ofd:AbbreviatedData>M 0 0 "
          "L 5 0</ofd:AbbreviatedData></ofd:PathObject>",
          "<ofd:TemplatePage ID=\"7\" BaseLoc=\"Tpls/A.xml\"/><ofd:TemplatePage ID=\"8\" "
          "BaseLoc=\"Tpls/B.xml\"/>",
          res, extra, 2);
  seen s;
  dx_doc *d;
  dx_error err = {0};
  assert_int_equal(pages_of(&s, &d, z, len, &err), DX_OK);
  assert_true(has_warning(d, "ofd_cycle"));
  /* B's text, under A, is placed twice (A is named twice): on itself,
   * it is read once (as fake bold is) */
  assert_int_equal(s.glyphs->len, 2);
  seen_free(&s, d);
  g_free(z);
}

/* Package paths: relative to the naming part, from the root, ".."
 * resolved, never out of the package. */
static void test_paths(void **state) {
  (void)state;
  static const struct {
    const char *from, *ref, *want;
  } cases[] = {
      {"Doc_0/Document.xml", "Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
      {"Doc_0/Document.xml", "/Doc_0/PublicRes.xml", "Doc_0/PublicRes.xml"},
      {"Doc_0/Res/_", "../Tpls/./T.xml", "Doc_0/Tpls/T.xml"},
      {"OFD.xml", "Doc_0\\Document.xml", "Doc_0/Document.xml"},
      {"Doc_0/Document.xml", "../../etc/passwd", NULL},
      {"Doc_0/Document.xml", "", NULL},
      {"Doc_0/Document.xml", "http://x/y.xml", NULL},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *got = ofd_path_resolve(cases[i].from, cases[i].ref);
    if (cases[i].want)
      assert_string_equal(got, cases[i].want);
    else
      assert_null(got);
    g_free(got);
  }
}

/* What is an OFD: a zip with OFD.xml at its root; one without goes the
 * DOCX way (and says it is no DOCX). */
static void test_detect(void **state) {
  (void)state;
  tu_part inner[] = {{"x/OFD.xml", "<ofd:OFD/>", 0, 0}};
  size_t len;
  uint8_t *z = tu_zip(&len, inner, 1);
  assert_false(dx_ofd_detect(z, len));
  dx_doc *d = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &lim, &err), DX_EFORMAT);
  assert_non_null(strstr(err.message, "DOCX"));
  g_free(z);
  z = ofd(&len, NULL, NULL, NULL, NULL, NULL, 0);
  assert_true(dx_ofd_detect(z, len));
  g_free(z);
}

/* Bad input: each a clear error or a bounded result. */
static void test_bad(void **state) {
  (void)state;
  size_t len;
  dx_doc *d = NULL;
  dx_error err = {0};
  /* pages past the limit */
  dx_limits small = lim;
  small.max_pages = 3;
  GString *pages = g_string_new(NULL);
  for (int i = 0; i < 5; i++)
    g_string_append_printf(pages, "<ofd:Page ID=\"%d\" BaseLoc=\"Pages/Page_0/Content.xml\"/>", i);
  char *doc =
      g_strdup_printf("<ofd:Document " NS "><ofd:Pages>%s</ofd:Pages></ofd:Document>", pages->str);
  tu_part over[] = {{"Doc_0/Document.xml", doc, 0, 0}};
  uint8_t *z = ofd(&len, NULL, NULL, NULL, NULL, over, 1); /* replaces Document.xml */
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &small, &err), DX_ELIMIT);
  assert_non_null(strstr(err.message, "5 pages"));
  g_free(z);
  g_free(doc);
  g_string_free(pages, TRUE);
  /* characters past the limit */
  small = lim;
  small.max_page_glyphs = 10;
  z = ofd(&len, NULL,
          "<ofd:TextObject Boundary=\"0 10 200 5\" Font=\"3\" Size=\"1\"><ofd:TextCode X=\"0\" "
          "Y=\"1\" DeltaX=\"1\">一二三四五六七八九十百千</ofd:TextCode></ofd:TextObject>",
          NULL, NULL, NULL, 0);
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &small, &err), DX_ELIMIT);
  g_free(z);
  /* a DOCTYPE, deep nesting, malformed XML */
  const char *bad_pages[] = {
      "<!DOCTYPE p [<!ENTITY a \"x\">]><ofd:Page " NS "/>",
      NULL,
      "<ofd:Page " NS "><ofd:Content><ofd:Layer></ofd:Content></ofd:Page>",
  };
  GString *deep = g_string_new("<ofd:Page " NS "><ofd:Content>");
  for (int i = 0; i < 400; i++) g_string_append(deep, "<ofd:PageBlock>");
  for (int i = 0; i < 400; i++) g_string_append(deep, "</ofd:PageBlock>");
  g_string_append(deep, "</ofd:Content></ofd:Page>");
  bad_pages[1] = deep->str;
  for (size_t i = 0; i < G_N_ELEMENTS(bad_pages); i++) {
    tu_part p[] = {{"Doc_0/Pages/Page_0/Content.xml", bad_pages[i], 0, 0}};
    z = ofd(&len, NULL, NULL, NULL, NULL, p, 1);
    dx_code rc = dx_read_bytes(&d, "t.ofd", z, len, &lim, &err);
    assert_true(rc == DX_EFORMAT || rc == DX_ELIMIT);
    assert_null(d);
    g_free(z);
  }
  g_string_free(deep, TRUE);
  /* a zip bomb: one part of 40 MiB of spaces */
  size_t big = (size_t)40 << 20;
  char *spaces = g_malloc(big + 1);
  memset(spaces, ' ', big);
  spaces[big] = 0;
  tu_part bomb[] = {{"Doc_0/Pages/Page_0/Content.xml", spaces, big, 0}};
  z = ofd(&len, NULL, NULL, NULL, NULL, bomb, 1);
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &lim, &err), DX_ELIMIT);
  g_free(z);
  g_free(spaces);
  /* no OFD.xml's DocRoot; a truncated package */
  tu_part none[] = {{"OFD.xml", "<ofd:OFD " NS "><ofd:DocBody/></ofd:OFD>", 0, 0}};
  z = ofd(&len, NULL, NULL, NULL, NULL, none, 1);
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len, &lim, &err), DX_EFORMAT);
  assert_int_equal(dx_read_bytes(&d, "t.ofd", z, len / 2, &lim, &err), DX_EFORMAT);
  g_free(z);
}

/* Absurd numbers: NaN, infinities and huge values are not drawn; what is
 * off the page is not on it. */
static void test_absurd(void **state) {
  (void)state;
  size_t len;
  uint8_t *z =
      ofd(&len, "<ofd:Area><ofd:PhysicalBox>0 0 -5 1e9</ofd:PhysicalBox></ofd:Area>",
          "<ofd:TextObject Boundary=\"1e300 nan 5 5\" Font=\"3\" Size=\"5\"><ofd:TextCode "
          "X=\"0\" Y=\"5\">甲</ofd:TextCode></ofd:TextObject>"
          "<ofd:TextObject Boundary=\"0 0 5 5\" CTM=\"1e30 0 0 1e30 0 0\" Font=\"3\" "
          "Size=\"5\"><ofd:TextCode X=\"inf\" DeltaX=\"g 999999999 5\">乙丙</ofd:TextCode>"
          "</ofd:TextObject><ofd:TextObject Boundary=\"-900 -900 5 5\" Font=\"3\" Size=\"5\">"
          "<ofd:TextCode X=\"0\" Y=\"5\">丁</ofd:TextCode></ofd:TextObject>"
          "<ofd:PathObject Boundary=\"0 0 1 1\"><ofd:AbbreviatedData>M nan 0 L 1e308 0 "
          "L 5</ofd:AbbreviatedData></ofd:PathObject>"
          "<ofd:TextObject Boundary=\"20 20 50 5\" Font=\"3\" Size=\"5\"><ofd:TextCode "
          "X=\"0\" Y=\"5\">戊</ofd:TextCode></ofd:TextObject>",
          NULL, NULL, NULL, 0);
  seen s;
  dx_doc *d;
  dx_error err = {0};
  assert_int_equal(pages_of(&s, &d, z, len, &err), DX_OK);
  assert_int_equal(s.glyphs->len, 1); /* 戊 alone is on the page */
  assert_int_equal(glyph(&s, 0)->cp, 0x620A);
  assert_true(has_warning(d, "ofd_page_area"));
  seen_free(&s, d);
  g_free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_positions), cmocka_unit_test(test_text_spaces_and_ink),
      cmocka_unit_test(test_path_rules),     cmocka_unit_test(test_template_table),
      cmocka_unit_test(test_loops),          cmocka_unit_test(test_paths),
      cmocka_unit_test(test_detect),         cmocka_unit_test(test_bad),
      cmocka_unit_test(test_absurd),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
