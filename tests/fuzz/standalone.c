/* Replays fuzz corpora without libFuzzer: each argument is a file or a
 * directory of files, each passed once to LLVMFuzzerTestOneInput. Built
 * with the ordinary compiler so CI runs every saved input as a test. */
#include <stdio.h>

#include <glib.h>

#include "fuzz_common.h"

static int run_file(const char *path) {
  gchar *data;
  gsize len;
  if (!g_file_get_contents(path, &data, &len, NULL)) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }
  LLVMFuzzerTestOneInput((const uint8_t *)data, len);
  g_free(data);
  return 0;
}

int main(int argc, char **argv) {
  int n = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      GDir *d = g_dir_open(argv[i], 0, NULL);
      const char *name;
      GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
      while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_build_filename(argv[i], name, NULL));
      if (d) g_dir_close(d);
      g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
      for (guint k = 0; k < names->len; k++, n++) bad += run_file(g_ptr_array_index(names, k));
      g_ptr_array_free(names, TRUE);
    } else {
      bad += run_file(argv[i]);
      n++;
    }
  }
  printf("%d passed, %d failed\n", n - bad, bad);
  return bad || n == 0;
}
