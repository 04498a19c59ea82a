/* Fuzz target: archive bytes through batch's archive reader (libarchive):
 * the content test, the listing, and every listed member read forward,
 * as `declx batch` reads them. The bytes are handed over as a memory
 * file (/proc/self/fd/N), the path the reader takes. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "archive_in.h"
#include "fuzz_common.h"

static void add(void *ctx, const char *name, unsigned entry) {
  (void)name;
  g_array_append_val((GArray *)ctx, entry);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int fd = memfd_create("fuzz-archive", MFD_CLOEXEC);
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < size) {
    ssize_t w = write(fd, data + off, size - off);
    if (w <= 0) break;
    off += (size_t)w;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  if (off == size && dx_arc_is_archive(path)) {
    GArray *entries = g_array_new(FALSE, FALSE, sizeof(unsigned));
    char err[256];
    dx_arc_list(path, 1000, add, entries, err, sizeof err);
    dx_arc_reader *r = NULL;
    for (guint i = 0; i < entries->len; i++) {
      if (!r && !(r = dx_arc_open(path, err, sizeof err))) break;
      uint8_t *member = NULL;
      size_t len = 0;
      int rc = dx_arc_read(r, g_array_index(entries, unsigned, i), (size_t)1 << 20, &member, &len,
                           err, sizeof err);
      g_free(member);
      if (rc < 0) { /* as batch does: a reader that failed is not trusted again */
        dx_arc_close(r);
        r = NULL;
      }
    }
    dx_arc_close(r);
    g_array_free(entries, TRUE);
  }
  close(fd);
  return 0;
}
