/* ofd_zip.c — an OFD's zip package (GB/T 33190 §7.1) and its limits.
 *
 * The archive is read in memory with libzip. Parts are found by the
 * package paths the XML names (relative to the part that names them, or
 * from the root with a leading '/'), and inflated under the same caps as
 * a DOCX's main part — declared size, bytes counted while inflating, the
 * inflate ratio past the first MiB — plus a budget for all the parts of
 * one package together: a page list may name one part many times.
 */
#include "ofd_int.h"

#include <zip.h>

#include <string.h>

/* All the parts of one package together may inflate to this many times
 * the limit of one part (512 MiB by default): a page list that names one
 * large part thousands of times stops here. */
enum { BUDGET_PARTS = 16 };
/* Times one page part may be drawn: a page list may name a part twice
 * (no producer does; templates and resources are read once whatever
 * names them), not thousands of times. */
enum { MAX_READS = 8 };

dx_code ofd_pkg_open(ofd_pkg *p, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_error *err) {
  *p = (ofd_pkg){.lim = lim,
                 .budget = lim->max_part_bytes * BUDGET_PARTS,
                 .reads = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
  dx_code rc = dx_zip_open(&p->za, data, len, lim, err);
  if (rc != DX_OK) ofd_pkg_close(p);
  return rc;
}

void ofd_pkg_close(ofd_pkg *p) {
  if (p->za) zip_discard(p->za);
  p->za = NULL;
  if (p->reads) g_hash_table_destroy(p->reads);
  p->reads = NULL;
}

/* The archive's index of a part: its exact name, else the same name in
 * another case (a package zipped on Windows). */
static zip_int64_t locate(zip_t *za, const char *name) {
  zip_int64_t i = zip_name_locate(za, name, 0);
  return i >= 0 ? i : zip_name_locate(za, name, ZIP_FL_NOCASE);
}

bool dx_ofd_detect(const uint8_t *data, size_t len) {
  zip_t *za = dx_zip_sniff(data, len);
  bool ofd = za && locate(za, "OFD.xml") >= 0;
  if (za) zip_discard(za);
  return ofd;
}

dx_code ofd_pkg_read(ofd_pkg *p, const char *name, size_t max, uint8_t **out, size_t *len,
                     dx_error *err) {
  *out = NULL;
  *len = 0;
  if (!max || max > p->lim->max_part_bytes) max = p->lim->max_part_bytes;
  zip_int64_t idx = locate(p->za, name);
  if (idx < 0) return dx_error_set(err, DX_EFORMAT, "no %s in the package", name);
  return dx_zip_inflate(out, len, p->za, idx, name, max, p->lim->max_inflate_ratio, &p->inflated,
                        p->budget, err);
}

bool ofd_pkg_again(ofd_pkg *p, const char *name) {
  guint n = GPOINTER_TO_UINT(g_hash_table_lookup(p->reads, name));
  if (n >= MAX_READS) return false;
  g_hash_table_insert(p->reads, g_strdup(name), GUINT_TO_POINTER(n + 1));
  return true;
}

char *ofd_path_resolve(const char *from, const char *ref) {
  if (!ref) return NULL;
  char *r = g_strstrip(g_strdup(ref));
  g_strdelimit(r, "\\", '/');
  if (!*r || strchr(r, ':')) { /* empty, or a URL or a drive */
    g_free(r);
    return NULL;
  }
  GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
  bool ok = true;
  if (r[0] != '/' && from) { /* relative: from the folder of the part that names it */
    gchar **dir = g_strsplit(from, "/", -1);
    guint n = g_strv_length(dir);
    for (guint i = 0; i + 1 < n; i++)
      if (*dir[i]) g_ptr_array_add(parts, g_strdup(dir[i]));
    g_strfreev(dir);
  }
  gchar **seg = g_strsplit(r, "/", -1);
  for (guint i = 0; seg[i] && ok; i++) {
    if (!*seg[i] || strcmp(seg[i], ".") == 0) continue;
    if (strcmp(seg[i], "..") == 0) {
      ok = parts->len > 0; /* above the package's root: nothing there */
      if (ok) g_ptr_array_remove_index(parts, parts->len - 1);
      continue;
    }
    g_ptr_array_add(parts, g_strdup(seg[i]));
  }
  g_strfreev(seg);
  g_free(r);
  char *out = NULL;
  if (ok && parts->len) {
    g_ptr_array_add(parts, NULL);
    out = g_strjoinv("/", (gchar **)parts->pdata);
  }
  g_ptr_array_free(parts, TRUE);
  return out;
}

char *ofd_pkg_find(ofd_pkg *p, const char *from, const char *alt, const char *ref) {
  /* as the standard says first; then the ways producers get it wrong:
   * relative to the document's folder, or to the package's root */
  const char *bases[] = {from, alt, "/"};
  char *first = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS(bases); i++) {
    if (i > 0 && !bases[i]) continue;
    char *path = ofd_path_resolve(i == 2 ? NULL : bases[i], ref);
    if (path && locate(p->za, path) >= 0) {
      g_free(first);
      return path;
    }
    if (!first)
      first = path;
    else
      g_free(path);
  }
  return first;
}
