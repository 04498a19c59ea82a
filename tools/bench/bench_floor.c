/* bench_floor — the floor for DOCX throughput: read each file, inflate
 * word/document.xml with libzip and parse it with libxml2, nothing else.
 * declx's benchmark reports its own time as a ratio to this. */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <libxml/parser.h>
#include <zip.h>

int main(int argc, char **argv) {
  xmlInitParser();
  int ok = 0;
  for (int i = 1; i < argc; i++) {
    gchar *data;
    gsize len;
    if (!g_file_get_contents(argv[i], &data, &len, NULL)) continue;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (za) {
      zip_file_t *zf = zip_fopen(za, "word/document.xml", 0);
      if (zf) {
        GByteArray *buf = g_byte_array_new();
        guint8 tmp[65536];
        zip_int64_t n;
        while ((n = zip_fread(zf, tmp, sizeof tmp)) > 0) g_byte_array_append(buf, tmp, (guint)n);
        zip_fclose(zf);
        xmlDoc *x =
            xmlReadMemory((const char *)buf->data, (int)buf->len, "d.xml", NULL, XML_PARSE_NONET);
        if (x) ok++;
        xmlFreeDoc(x);
        g_byte_array_free(buf, TRUE);
      }
      zip_discard(za);
    } else if (src) {
      zip_source_free(src);
    }
    zip_error_fini(&ze);
    g_free(data);
  }
  xmlCleanupParser();
  printf("%d\n", ok);
  return 0;
}
