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
