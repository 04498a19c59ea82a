/* bench_floor — the floor for DOCX and XLSX throughput: read each file,
 * inflate the parts that hold its text with libzip (word/document.xml;
 * an XLSX's sheets and shared strings) and parse them with libxml2,
 * nothing else. declx's benchmarks report their own time beside this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
      zip_int64_t entries = zip_get_num_entries(za, 0);
      for (zip_int64_t e = 0; e < entries; e++) {
        const char *name = zip_get_name(za, (zip_uint64_t)e, 0);
        if (!name ||
            !(strcmp(name, "word/document.xml") == 0 || strcmp(name, "xl/sharedStrings.xml") == 0 ||
              (g_str_has_prefix(name, "xl/worksheets/") && g_str_has_suffix(name, ".xml"))))
          continue;
        zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)e, 0);
        if (!zf) continue;
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
