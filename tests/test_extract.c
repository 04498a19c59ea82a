/* Unit tests for extract/: DOCX into the document model, and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dx_normalize.h" /* dx_read_bytes: the front door */
#include "testutil.h"

#include <glib/gstdio.h>

#define P(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc>" P(t) "</w:tc>"
#define TCP(pr, t) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(t) "</w:tc>"

static dx_limits lim;

static int setup(void **state) {
  (void)state;
  dx_limits_default(&lim);
  return 0;
}

static dx_doc *read_body(const char *body) {
  size_t len;
  uint8_t *z = tu_docx(&len, body);
  dx_doc *doc = NULL;
  dx_error err = {0};
  dx_code rc = dx_read_bytes(&doc, "t.docx", z, len, &lim, &err);
  g_free(z);
  if (rc != DX_OK) fail_msg("read failed: %s", err.message);
  return doc;
}

static dx_table *table(dx_doc *d, guint block) {
  assert_true(block < d->blocks->len);
  dx_block *b = g_ptr_array_index(d->blocks, block);
  assert_int_equal(b->kind, DX_BLOCK_TABLE);
  return b->table;
}

static const char *para(dx_doc *d, guint block) {
  dx_block *b = g_ptr_array_index(d->blocks, block);
  assert_int_equal(b->kind, DX_BLOCK_PARAGRAPH);
  return b->text;
}

static void test_spans(void **state) {
  (void)state;
  dx_doc *d = read_body(
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr>" TCP("<w:vMerge w:val=\"restart\"/>", "项目基本情况")
          TCP("<w:gridSpan w:val=\"2\"/>",
              "A") "</w:tr>"
                   "<w:tr>" TCP("<w:vMerge/>", "") TC("B")
                       TC("C") "</w:tr>"
                               "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("D")
                                   TC("E") "</w:tr>"
                                           "</w:tbl>");
  dx_table *t = table(d, 0);
  assert_int_equal(t->nrows, 3);
  assert_int_equal(t->ncols, 3);
  dx_cell *a = dx_table_at(t, 0, 0);
  assert_string_equal(a->text, "项目基本情况");
  assert_int_equal(a->rowspan, 2);
  assert_ptr_equal(dx_table_at(t, 1, 0), a);
  assert_int_equal(dx_table_at(t, 0, 1)->colspan, 2);
  assert_ptr_equal(dx_table_at(t, 0, 2), dx_table_at(t, 0, 1));
  assert_null(dx_table_at(t, 2, 0)); /* gridBefore leaves a gap */
  assert_string_equal(dx_table_at(t, 2, 1)->text, "D");
  assert_int_equal(t->ncells, 6);
  dx_doc_free(d);
}

static void test_no_grid(void **state) {
  (void)state;
  dx_doc *d = read_body("<w:tbl><w:tr>" TC("a") TC("b") "</w:tr><w:tr>" TCP(
      "<w:gridSpan w:val=\"3\"/>", "c") "</w:tr></w:tbl>");
  dx_table *t = table(d, 0);
  assert_int_equal(t->ncols, 3);
  assert_int_equal(d->warnings->len, 1);
  dx_doc_free(d);
}

static void test_text_runs(void **state) {
  (void)state;
  dx_doc *d = read_body(
      "<w:p><w:r><w:t>项</w:t></w:r><w:r><w:t>目</w:t><w:tab/><w:t>名称</w:t><w:br/><w:t>x</w:t></"
      "w:r>"
      "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"
      "<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></"
      "w:del>"
      "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>"
      "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>"
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" P(
          "框") "</w:txbxContent></w:drawing></mc:Choice>"
                "<mc:Fallback><w:pict><w:txbxContent>" P(
                    "框") "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></"
                          "w:p>"
                          "<w:p/>");
  assert_int_equal(d->blocks->len, 3); /* the empty paragraph is not a block */
  assert_string_equal(para(d, 0), "项目\t名称\nx");
  assert_string_equal(para(d, 1), "新控件链接");
  assert_string_equal(para(d, 2), "框");
  dx_doc_free(d);
}

static void test_checkboxes(void **state) {
  (void)state;
  dx_doc *d = read_body(
      "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:sym w:font=\"Wingdings\" "
      "w:char=\"F0A8\"/>"
      "<w:sym w:font=\"Wingdings\" w:char=\"F06F\"/><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/>"
      "<w:sym w:font=\"Wingdings 2\" w:char=\"F0A3\"/><w:sym w:font=\"Wingdings 2\" "
      "w:char=\"54\"/></w:r></w:p>"
      "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr>"
      "<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>"
      "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/></w14:checkbox></w:sdtPr>"
      "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt></w:p>"
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default "
      "w:val=\"0\"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>"
      "<w:r><w:instrText>FORMCHECKBOX</w:instrText></w:r><w:r><w:fldChar "
      "w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default "
      "w:val=\"1\"/></w:checkBox></w:ffData></w:fldChar></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:checked "
      "w:val=\"0\"/></w:checkBox></w:ffData></w:fldChar></w:r></w:p>");
  assert_string_equal(para(d, 0), "☑☐☐☑☐☑");
  assert_string_equal(para(d, 1), "☑☐");
  assert_string_equal(para(d, 2), "☑☑☐");
  dx_doc_free(d);
  /* checkboxes typed as symbol-font characters: LibreOffice's U+F0A8 in
   * a Wingdings run, Word's "þ" in Wingdings, Wingdings 2 "R"; a stray
   * private-use code is dropped; letters in other fonts stay letters */
  d = read_body("<w:p><w:r><w:t>新增\xef\x82\xa8</w:t></w:r>"
                "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr>"
                "<w:t>\xc3\xbe</w:t></w:r>"
                "<w:r><w:rPr><w:rFonts w:eastAsia=\"Wingdings 2\"/></w:rPr><w:t>R</w:t></w:r>"
                "<w:r><w:t>\xef\x80\x81R\xc3\xbe</w:t></w:r></w:p>");
  assert_string_equal(para(d, 0), "新增☐☑☑R\xc3\xbe");
  dx_doc_free(d);
}

static void test_wrappers(void **state) {
  (void)state;
  dx_doc *d = read_body("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
                        "<w:sdt><w:sdtContent><w:tr>" TC("r0a") "<w:sdt><w:sdtContent>" TC(
                            "r0b") "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
                                   "<w:tr><w:trPr><w:del/></w:trPr>" TC("gone")
                                       TC("gone") "</w:tr>"
                                                  "<w:customXml><w:tr>" TC("r1a")
                                                      TC("r1b") "</w:tr></w:customXml>"
                                                                "</w:tbl>");
  dx_table *t = table(d, 0);
  assert_int_equal(t->nrows, 2);
  assert_string_equal(dx_table_at(t, 0, 1)->text, "r0b");
  assert_string_equal(dx_table_at(t, 1, 0)->text, "r1a");
  dx_doc_free(d);
}

/* An attribute whose prefix names no namespace is not the attribute of
 * that local name (libxml2's tree calls it "Gw:val"): this vMerge has no
 * val, so it continues the cell above. */
static void test_undeclared_prefix(void **state) {
  (void)state;
  dx_doc *d = read_body(
      "<w:tbl><w:tr>" TC("above") "</w:tr>"
                                  "<w:tr><w:tc><w:tcPr><w:vMerge Gw:val=\"restart\"/></w:tcPr>" P(
                                      "x") "</w:tc></w:tr></w:tbl>");
  dx_table *t = table(d, 0);
  assert_ptr_equal(dx_table_at(t, 1, 0), dx_table_at(t, 0, 0));
  assert_int_equal(dx_table_at(t, 0, 0)->rowspan, 2);
  dx_doc_free(d);
}

static void test_nested(void **state) {
  (void)state;
  dx_doc *d = read_body("<w:tbl><w:tr>" TC("outer") "<w:tc>" P("before") "<w:tbl><w:tr>" TC("in1")
                            TC("in2") "</w:tr></w:tbl>" P("after") "</w:tc></w:tr></w:tbl>");
  dx_table *t = table(d, 0);
  assert_int_equal(d->ntables, 1); /* nested tables are not document tables */
  dx_cell *c = dx_table_at(t, 0, 1);
  assert_string_equal(c->text, "before\nafter");
  assert_int_equal(c->nchildren, 1);
  assert_string_equal(dx_table_at(c->children[0], 0, 1)->text, "in2");
  dx_doc_free(d);
}

static void test_dump(void **state) {
  (void)state;
  dx_doc *d =
      read_body(P("标题") "<w:tbl><w:tr>" TCP("<w:gridSpan w:val=\"2\"/>", "a") "</w:tr></w:tbl>");
  char *s = dx_doc_dump_text(d);
  assert_non_null(strstr(s, "PARA 0: \"标题\""));
  assert_non_null(strstr(s, "[0,0 span 1x2] \"a\""));
  g_free(s);
  dx_doc_free(d);
}

/* ---- bad input: a clear error, no crash ------------------------------- */

static dx_code read_bad(const uint8_t *data, size_t len, const dx_limits *l, char *msg,
                        size_t msgsz) {
  dx_doc *doc = NULL;
  dx_error err = {0};
  dx_code rc = dx_read_bytes(&doc, "bad.docx", data, len, l, &err);
  assert_null(doc);
  assert_int_not_equal(rc, DX_OK);
  assert_true(strlen(err.message) > 0);
  assert_null(strchr(err.message, '\n')); /* one line */
  g_strlcpy(msg, err.message, msgsz);
  return rc;
}

static void test_bad_basic(void **state) {
  (void)state;
  char msg[512];
  uint8_t *data;
  size_t len;
  dx_error err = {0};
  assert_int_equal(dx_read_file(&data, &len, "/nonexistent/x.docx", &lim, &err), DX_EIO);
  assert_non_null(strstr(err.message, "No such file"));
  assert_int_equal(read_bad((const uint8_t *)"", 0, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "empty"));
  assert_int_equal(read_bad((const uint8_t *)"hello world", 11, &lim, msg, sizeof msg), DX_EFORMAT);
  /* legacy formats (read through LibreOffice) that are damaged say so */
  static const struct {
    const char *bytes, *word;
  } named[] = {{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole2", ".doc"}, {"{\\rtf1\\ansi x", "RTF"}};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
    assert_int_equal(
        read_bad((const uint8_t *)named[i].bytes, strlen(named[i].bytes), &lim, msg, sizeof msg),
        DX_EFORMAT);
    assert_non_null(strstr(msg, named[i].word));
  }
  /* images are read (extract/image.c): a bare signature is a damaged one */
  static const struct {
    const char *bytes, *word;
  } images[] = {{"\x89PNG\r\n\x1a\n", "PNG"}, {"\xFF\xD8\xFF\xE0 jfif", "JPEG"}};
  for (size_t i = 0; i < sizeof images / sizeof images[0]; i++) {
    assert_int_equal(
        read_bad((const uint8_t *)images[i].bytes, strlen(images[i].bytes), &lim, msg, sizeof msg),
        DX_EFORMAT);
    assert_non_null(strstr(msg, images[i].word));
  }
  tu_part parts[] = {{"word/other.xml", "<x/>", 0, 0}};
  uint8_t *z = tu_zip(&len, parts, 1);
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "word/document.xml"));
  g_free(z);
  /* the main part named by the package relationship (OPC) */
  const char *rels_fmt =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"%s\"/></Relationships>";
  const char *body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                     "2006/main\"><w:body><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:body>"
                     "</w:document>";
  char *rels_ok = g_strdup_printf(rels_fmt, "/word/main.xml");
  tu_part by_rels[] = {{"_rels/.rels", rels_ok, 0, 0}, {"word/main.xml", body, 0, 0}};
  z = tu_zip(&len, by_rels, 2);
  dx_doc *doc = NULL;
  assert_int_equal(dx_read_bytes(&doc, "t.docx", z, len, &lim, &err), DX_OK);
  assert_string_equal(para(doc, 0), "项目名称");
  dx_doc_free(doc);
  g_free(z);
  char *rels_out = g_strdup_printf(rels_fmt, "../../etc/passwd");
  tu_part outside[] = {{"_rels/.rels", rels_out, 0, 0}, {"word/main.xml", body, 0, 0}};
  z = tu_zip(&len, outside, 2);
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "outside the package"));
  g_free(z);
  g_free(rels_out);
  g_free(rels_ok);
  tu_part no_main[] = {{"_rels/.rels", "<Relationships/>", 0, 0}};
  z = tu_zip(&len, no_main, 1);
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "officeDocument"));
  g_free(z);
  tu_part dir[] = {{"word/document.xml/", "", 1, 1}};
  z = tu_zip(&len, dir, 1);
  read_bad(z, len, &lim, msg, sizeof msg);
  g_free(z);
}

static void test_bad_truncated(void **state) {
  (void)state;
  char msg[512];
  size_t len;
  GString *body = g_string_new(NULL);
  for (int i = 0; i < 200; i++)
    g_string_append(body, P("一段足够长的文字，让压缩后的文档有一定的长度。"));
  uint8_t *z = tu_docx(&len, body->str);
  for (size_t cut = 10; cut < len; cut += len / 7) read_bad(z, cut, &lim, msg, sizeof msg);
  /* a flipped byte inside the deflate stream */
  z[len / 3] ^= 0x55;
  dx_doc *doc = NULL;
  dx_error err = {0};
  dx_code rc = dx_read_bytes(&doc, "flip.docx", z, len, &lim, &err);
  /* the archive's checksums catch the flip: a format error that says
   * what is wrong, and no document */
  assert_int_equal(rc, DX_EFORMAT);
  assert_null(doc);
  assert_true(strlen(err.message) > 10);
  g_free(z);
  g_string_free(body, TRUE);
}

static void test_bad_xml(void **state) {
  (void)state;
  char msg[512];
  size_t len;
  tu_part mal[] = {{"word/document.xml", "<w:document><w:body><w:p></w:body>", 0, 0}};
  uint8_t *z = tu_zip(&len, mal, 1);
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "malformed"));
  g_free(z);
  const char *bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  tu_part bp[] = {{"word/document.xml", bomb, 0, 0}};
  z = tu_zip(&len, bp, 1);
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_EFORMAT);
  assert_non_null(strstr(msg, "DOCTYPE"));
  g_free(z);
  /* a document nested deeper than the depth limit */
  GString *deep = g_string_new(
      "<w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
  for (int i = 0; i < 5000; i++) g_string_append(deep, "<w:sdt><w:sdtContent>");
  for (int i = 0; i < 5000; i++) g_string_append(deep, "</w:sdtContent></w:sdt>");
  g_string_append(deep, "</w:body></w:document>");
  tu_part dp[] = {{"word/document.xml", deep->str, 0, 0}};
  z = tu_zip(&len, dp, 1);
  read_bad(z, len, &lim, msg, sizeof msg);
  g_free(z);
  g_string_free(deep, TRUE);
}

static void test_zip_bomb(void **state) {
  (void)state;
  char msg[512];
  size_t n = (size_t)8 << 20, len;
  char *zeros = g_malloc(n + 1);
  memset(zeros, ' ', n);
  zeros[n] = '\0';
  memcpy(zeros, "<w:document>", 12);
  tu_part parts[] = {{"word/document.xml", zeros, n, 0}};
  uint8_t *z = tu_zip(&len, parts, 1);
  /* over the ratio cap while reading */
  assert_int_equal(read_bad(z, len, &lim, msg, sizeof msg), DX_ELIMIT);
  assert_non_null(strstr(msg, "ratio"));
  /* over the size cap */
  dx_limits small = lim;
  small.max_part_bytes = 1 << 20;
  small.max_inflate_ratio = 1e9;
  assert_int_equal(read_bad(z, len, &small, msg, sizeof msg), DX_ELIMIT);
  /* headers that lie about the size: patch every size field to 100 bytes */
  for (size_t i = 0; i + 30 < len; i++) {
    if (memcmp(z + i, "PK\x03\x04", 4) == 0) memcpy(z + i + 22, "\x64\0\0\0", 4);
    if (memcmp(z + i, "PK\x01\x02", 4) == 0) memcpy(z + i + 24, "\x64\0\0\0", 4);
  }
  read_bad(z, len, &small, msg, sizeof msg);
  g_free(z);
  g_free(zeros);
}

static void test_many_rows(void **state) {
  (void)state;
  GString *b = g_string_new("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>");
  for (int i = 0; i < 100000; i++)
    g_string_append_printf(
        b, "<w:tr>" TC("行") "<w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc></w:tr>", i);
  g_string_append(b, "</w:tbl>");
  size_t len;
  uint8_t *z = tu_docx(&len, b->str);
  g_string_free(b, TRUE);
  dx_doc *doc = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&doc, "rows.docx", z, len, &lim, &err), DX_OK);
  assert_int_equal(table(doc, 0)->nrows, 100000);
  dx_doc_free(doc);
  dx_limits small = lim;
  small.max_table_rows = 1000;
  char msg[512];
  assert_int_equal(read_bad(z, len, &small, msg, sizeof msg), DX_ELIMIT);
  assert_non_null(strstr(msg, "rows"));
  g_free(z);
}

/* Each documented limit, hit on purpose: a clear ELIMIT error. */
static void expect_limit(const char *body, const dx_limits *l, const char *word) {
  size_t len;
  uint8_t *z = tu_docx(&len, body);
  char msg[512];
  assert_int_equal(read_bad(z, len, l, msg, sizeof msg), DX_ELIMIT);
  if (!strstr(msg, word)) fail_msg("'%s' does not say '%s'", msg, word);
  g_free(z);
}

static void test_limits(void **state) {
  (void)state;
  dx_limits l = lim;
  /* input size */
  char path[] = "/tmp/dxlimitXXXXXX";
  int fd = g_mkstemp(path);
  assert_true(fd >= 0);
  char buf[2048] = {0};
  assert_int_equal(write(fd, buf, sizeof buf), (ssize_t)sizeof buf);
  close(fd);
  l.max_input_bytes = 1000;
  uint8_t *data;
  size_t len;
  dx_error err = {0};
  assert_int_equal(dx_read_file(&data, &len, path, &l, &err), DX_ELIMIT);
  assert_non_null(strstr(err.message, "limit"));
  remove(path);
  /* zip entries */
  l = lim;
  l.max_zip_entries = 5;
  tu_part parts[8];
  char names[8][32];
  for (int i = 0; i < 8; i++) {
    g_snprintf(names[i], sizeof names[i], "word/part%d.xml", i);
    parts[i] = (tu_part){names[i], "<x/>", 0, 0};
  }
  parts[0].name = "word/document.xml";
  uint8_t *z = tu_zip(&len, parts, 8);
  char msg[512];
  assert_int_equal(read_bad(z, len, &l, msg, sizeof msg), DX_ELIMIT);
  assert_non_null(strstr(msg, "entries"));
  g_free(z);
  /* columns, cells, nesting, depth, elements, model memory */
  GString *b = g_string_new("<w:tbl><w:tr>");
  for (int i = 0; i < 50; i++) g_string_append(b, TC("x"));
  g_string_append(b, "</w:tr></w:tbl>");
  l = lim;
  l.max_table_cols = 20;
  expect_limit(b->str, &l, "column");
  l = lim;
  l.max_cells = 30;
  expect_limit(b->str, &l, "cells");
  l = lim;
  l.max_xml_nodes = 100;
  expect_limit(b->str, &l, "elements");
  l = lim;
  l.max_arena_bytes = 1;
  expect_limit(b->str, &l, "memory");
  g_string_assign(b, "");
  for (int i = 0; i < 20; i++) g_string_append(b, "<w:tbl><w:tr><w:tc>");
  g_string_append(b, P("deep"));
  for (int i = 0; i < 20; i++) g_string_append(b, "</w:tc></w:tr></w:tbl>");
  expect_limit(b->str, &lim, "nested");
  g_string_assign(b, "");
  for (int i = 0; i < 60; i++) g_string_append(b, "<w:sdt><w:sdtContent>");
  g_string_append(b, P("deep"));
  for (int i = 0; i < 60; i++) g_string_append(b, "</w:sdtContent></w:sdt>");
  l = lim;
  l.max_xml_depth = 40;
  expect_limit(b->str, &l, "deeper");
  g_string_free(b, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spans),
      cmocka_unit_test(test_no_grid),
      cmocka_unit_test(test_text_runs),
      cmocka_unit_test(test_checkboxes),
      cmocka_unit_test(test_wrappers),
      cmocka_unit_test(test_nested),
      cmocka_unit_test(test_undeclared_prefix),
      cmocka_unit_test(test_dump),
      cmocka_unit_test(test_bad_basic),
      cmocka_unit_test(test_bad_truncated),
      cmocka_unit_test(test_bad_xml),
      cmocka_unit_test(test_zip_bomb),
      cmocka_unit_test(test_many_rows),
      cmocka_unit_test(test_limits),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
