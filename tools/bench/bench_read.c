/* bench_read — stage one (and two) alone: each file read into the
 * document model with dx_read_bytes and freed, no rules, no JSON.
 * tools/bench/bench-xlsx.sh times XLSX against DOCX with it. */
#include <stdio.h>

#include <glib.h>
#include <libxml/parser.h>

#include "dx_normalize.h"

int main(int argc, char **argv) {
  xmlInitParser();
  dx_limits lim;
  dx_limits_default(&lim);
  int ok = 0;
  for (int i = 1; i < argc; i++) {
    gchar *data;
    gsize len;
    if (!g_file_get_contents(argv[i], &data, &len, NULL)) continue;
    dx_doc *doc = NULL;
    dx_error err;
    if (dx_read_bytes(&doc, argv[i], (const uint8_t *)data, len, &lim, &err) == DX_OK) ok++;
    dx_doc_free(doc);
    g_free(data);
  }
  xmlCleanupParser();
  printf("%d read\n", ok);
  return ok == argc - 1 ? 0 : 1;
}
