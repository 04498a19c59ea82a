#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Test set-up must not fail silently; kept even under G_DISABLE_ASSERT. */
#define CHECK(x)                                                                                   \
  do {                                                                                             \
    if (!(x)) {                                                                                    \
      fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #x);                               \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

uint8_t *tu_zip(size_t *out_len, const tu_part *parts, size_t nparts) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  CHECK(za != NULL);
  for (size_t i = 0; i < nparts; i++) {
    size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
    zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
    zip_int64_t idx = zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    CHECK(idx >= 0);
    if (parts[i].store) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  CHECK(zip_close(za) == 0);
  zip_stat_t st;
  CHECK(zip_source_stat(src, &st) == 0);
  uint8_t *buf = g_malloc(st.size ? st.size : 1);
  CHECK(zip_source_open(src) == 0);
  zip_int64_t n = zip_source_read(src, buf, st.size);
  CHECK(n == (zip_int64_t)st.size);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&ze);
  *out_len = st.size;
  return buf;
}

uint8_t *tu_docx(size_t *out_len, const char *body) {
  char *xml = g_strdup_printf(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
      "<w:body>%s</w:body></w:document>",
      body);
  tu_part parts[] = {{"[Content_Types].xml", "<Types/>", 0, 0}, {"word/document.xml", xml, 0, 0}};
  uint8_t *z = tu_zip(out_len, parts, 2);
  g_free(xml);
  return z;
}

uint8_t *tu_pdf(size_t *out_len, const char *const *pages, size_t npages, int rotate) {
  GString *out = g_string_new("%PDF-1.7\n");
  GArray *offs = g_array_new(FALSE, FALSE, sizeof(gsize));
  /* objects: 1 catalog, 2 pages, 3 Helvetica (F1), 4 a Type 3 font (F2)
   * and 5 its one glyph, then per page a stream and a page. F2 draws A-D
   * as a square of ink 0.7 em tall, but its FontBBox reaches from -1 em
   * to 1.6 em, so poppler's boxes are 2.6 em tall, as Chromium's are. */
  enum { FIXED = 5 };
  size_t nobj = FIXED + 2 * npages;
  for (size_t o = 1; o <= nobj; o++) {
    gsize at = out->len;
    g_array_append_val(offs, at);
    g_string_append_printf(out, "%zu 0 obj\n", o);
    if (o == 1) {
      g_string_append(out, "<< /Type /Catalog /Pages 2 0 R >>");
    } else if (o == 2) {
      g_string_append_printf(out, "<< /Type /Pages /Count %zu /Kids [", npages);
      for (size_t p = 0; p < npages; p++)
        g_string_append_printf(out, "%zu 0 R ", FIXED + 2 + 2 * p);
      g_string_append(out, "] >>");
    } else if (o == 3) {
      g_string_append(out, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    } else if (o == 4) {
      g_string_append(out, "<< /Type /Font /Subtype /Type3 /FontBBox [0 -1000 1000 1600] "
                           "/FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 65 /LastChar 68 "
                           "/Widths [1000 1000 1000 1000] /Encoding << /Type /Encoding "
                           "/Differences [65 /A /B /C /D] >> /CharProcs << /A 5 0 R /B 5 0 R "
                           "/C 5 0 R /D 5 0 R >> /Resources << >> >>");
    } else if (o == 5) {
      const char *glyph = "1000 0 100 0 900 700 d1 100 0 800 700 re f";
      g_string_append_printf(out, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(glyph), glyph);
    } else if (o % 2 == 0) { /* content of page (o-FIXED-1)/2 */
      const char *c = pages[(o - FIXED - 1) / 2];
      g_string_append_printf(out, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(c), c);
    } else {
      g_string_append_printf(out,
                             "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate %d "
                             "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %zu 0 R "
                             ">>",
                             rotate, o - 1);
    }
    g_string_append(out, "\nendobj\n");
  }
  gsize xref = out->len;
  g_string_append_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
  for (guint i = 0; i < offs->len; i++)
    g_string_append_printf(out, "%010zu 00000 n \n", (size_t)g_array_index(offs, gsize, i));
  g_string_append_printf(out, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                         nobj + 1, (size_t)xref);
  g_array_free(offs, TRUE);
  *out_len = out->len;
  return (uint8_t *)g_string_free(out, FALSE);
}
