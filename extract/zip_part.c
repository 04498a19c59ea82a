/* zip_part.c — Office Open XML packages (ECMA-376 Part 2, Open
 * Packaging Conventions) as the DOCX and XLSX readers share them: the
 * zip opened in memory with libzip under the entry limit, one part
 * inflated under a byte cap and a ratio cap enforced while reading, the
 * main part found through the package relationships, and which kind of
 * package it is, told from its parts (never from the file's name).
 */
#include "extract_int.h"

#include <string.h>
#include <zip.h>

#include <libxml/tree.h>

/* A zip member smaller than this is never called a bomb by ratio alone:
 * tiny highly-compressible parts (empty XML skeletons) are normal. */
enum { RATIO_MIN_BYTES = 1 << 20 };
/* Most bytes inflated between two checks of the limits. */
enum { READ_STEP = 1 << 20 };

/* Most a package relationship part (_rels/.rels) or [Content_Types].xml
 * may hold when read to tell packages apart; real ones are under 2 KB. */
enum { RELS_MAX_BYTES = 1 << 20 };

struct zip *dx_zip_sniff(const uint8_t *data, size_t len) {
  if (len < 4 || memcmp(data, "PK\x03\x04", 4) != 0) return NULL;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  if (src && !za) zip_source_free(src);
  zip_error_fini(&ze);
  return za;
}

dx_code dx_zip_open(struct zip **out, const uint8_t *data, size_t len, const dx_limits *lim,
                    dx_error *err) {
  *out = NULL;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    dx_code rc = dx_error_set(err, DX_ELIBRARY, "libzip: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    dx_code rc =
        dx_error_set(err, DX_EFORMAT, "not a readable zip archive (truncated or corrupt): %s",
                     zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
  }
  zip_error_fini(&ze);
  zip_int64_t nentries = zip_get_num_entries(za, 0);
  if (nentries < 0 || (size_t)nentries > lim->max_zip_entries) {
    zip_discard(za);
    return dx_error_set(err, DX_ELIMIT, "archive has more than %zu entries", lim->max_zip_entries);
  }
  *out = za;
  return DX_OK;
}

dx_code dx_zip_inflate(uint8_t **out, size_t *out_len, struct zip *za, int64_t idx,
                       const char *name, size_t max, double max_ratio, size_t *total, size_t budget,
                       dx_error *err) {
  *out = NULL;
  *out_len = 0;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0)
    return dx_error_set(err, DX_EFORMAT, "cannot stat %s: %s", name, zip_strerror(za));
  if (g_str_has_suffix(name, "/") || ((st.valid & ZIP_STAT_NAME) && g_str_has_suffix(st.name, "/")))
    return dx_error_set(err, DX_EFORMAT, "%s is a directory", name);
  /* Declared sizes are checked first, then the real bytes while reading:
   * a crafted header can lie about the size. */
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max)
    return dx_error_set(err, DX_ELIMIT, "%s declares %llu bytes, over the %zu-byte limit", name,
                        (unsigned long long)st.size, max);
  double comp = (st.valid & ZIP_STAT_COMP_SIZE) ? (double)st.comp_size : 0;
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) return dx_error_set(err, DX_EFORMAT, "cannot open %s: %s", name, zip_strerror(za));
  /* read in place: the declared size is a first guess at the room
   * needed (a header can lie; the limits hold whatever it says), and at
   * most READ_STEP bytes are inflated between two checks */
  size_t hard = max + 1;
  size_t cap = MIN(MAX((st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 0, (size_t)4096), hard);
  uint8_t *buf = g_malloc(cap);
  size_t used = 0;
  dx_code rc = DX_OK;
  for (;;) {
    if (used == cap) {
      cap = MIN(cap * 2, hard);
      buf = g_realloc(buf, cap);
    }
    zip_int64_t n = zip_fread(zf, buf + used, MIN(cap - used, (size_t)READ_STEP));
    if (n < 0) {
      rc = dx_error_set(err, DX_EFORMAT, "corrupt or truncated archive member %s: %s", name,
                        zip_error_strerror(zip_file_get_error(zf)));
      break;
    }
    if (n == 0) break;
    used += (size_t)n;
    if (total) *total += (size_t)n;
    if (used > max) {
      rc = dx_error_set(err, DX_ELIMIT, "%s inflates past the %zu-byte limit (zip bomb?)", name,
                        max);
      break;
    }
    if (used > RATIO_MIN_BYTES && comp > 0 && used / comp > max_ratio) {
      rc = dx_error_set(err, DX_ELIMIT,
                        "%s inflates more than %.0f:1, over the ratio limit (zip bomb?)", name,
                        max_ratio);
      break;
    }
    if (total && *total > budget) {
      rc = dx_error_set(err, DX_ELIMIT,
                        "the package's parts inflate past %zu bytes together (zip bomb?)", budget);
      break;
    }
  }
  zip_fclose(zf);
  if (rc != DX_OK) {
    g_free(buf);
    return rc;
  }
  *out_len = used;
  *out = buf;
  return DX_OK;
}

dx_code dx_zip_read_part(uint8_t **out, size_t *out_len, struct zip *za, const char *name,
                         const char *what, const dx_limits *lim, dx_error *err) {
  zip_int64_t idx = zip_name_locate(za, name, 0);
  if (idx < 0) return dx_error_set(err, DX_EFORMAT, "not %s: no %s in the archive", what, name);
  return dx_zip_inflate(out, out_len, za, idx, name, lim->max_part_bytes, lim->max_inflate_ratio,
                        NULL, 0, err);
}

/* A small part (relationships, content types) under RELS_MAX_BYTES. */
static dx_code read_small(uint8_t **out, size_t *out_len, struct zip *za, const char *name,
                          const char *what, const dx_limits *lim, dx_error *err) {
  dx_limits small = *lim;
  if (small.max_part_bytes > RELS_MAX_BYTES) small.max_part_bytes = RELS_MAX_BYTES;
  return dx_zip_read_part(out, out_len, za, name, what, &small, err);
}

/* An attribute of a parsed element by local name, or NULL. */
static const char *dom_attr(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

dx_code dx_zip_main_part(char **out, struct zip *za, const char *dflt, const char *what,
                         const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (zip_name_locate(za, dflt, 0) >= 0) {
    *out = g_strdup(dflt);
    return DX_OK;
  }
  if (zip_name_locate(za, "_rels/.rels", 0) < 0)
    return dx_error_set(err, DX_EFORMAT, "not %s: no %s in the archive", what, dflt);
  uint8_t *rels = NULL;
  size_t rels_len = 0;
  dx_code rc = read_small(&rels, &rels_len, za, "_rels/.rels", what, lim, err);
  if (rc != DX_OK) return rc;
  char *name = NULL;
  bool outside = false;
  xmlDoc *x = NULL;
  if (!dx_xml_has_doctype(rels, rels_len) && rels_len <= INT_MAX)
    x = xmlReadMemory((const char *)rels, (int)rels_len, "rels.xml", NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  const xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
  for (const xmlNode *c = root ? root->children : NULL; c && !name && !outside; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship") != 0) continue;
    const char *type = dom_attr(c, "Type"), *target = dom_attr(c, "Target");
    if (!type || !target || !g_str_has_suffix(type, "/officeDocument")) continue;
    while (*target == '/') target++;
    /* a package-relative name only: no "..", no scheme, no drive */
    if (!*target || strstr(target, "..") || strchr(target, ':') || strchr(target, '\\')) {
      rc = dx_error_set(err, DX_EFORMAT, "not %s: main part name \"%.80s\" is outside the package",
                        what, target);
      outside = true;
    } else {
      name = g_strdup(target);
    }
  }
  if (!name && !outside)
    rc = dx_error_set(err, DX_EFORMAT, "not %s: no %s and no officeDocument part", what, dflt);
  if (x) xmlFreeDoc(x);
  g_free(rels);
  *out = name;
  return rc;
}

/* Content types of a workbook's main part (ECMA-376 Part 1, 12.3.23;
 * macro-enabled and template workbooks are read as workbooks). */
static const char *const WORKBOOK_TYPES[] = {
    "spreadsheetml.sheet.main+xml",
    "spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
};

bool dx_zip_is_workbook(struct zip *za, const dx_limits *lim) {
  if (zip_name_locate(za, "word/document.xml", 0) >= 0) return false;
  if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0) return true;
  /* a workbook whose main part has another name: its content type */
  uint8_t *types = NULL;
  size_t n = 0;
  if (read_small(&types, &n, za, "[Content_Types].xml", "a package", lim, NULL) != DX_OK)
    return false;
  bool yes = false;
  for (size_t i = 0; i < G_N_ELEMENTS(WORKBOOK_TYPES) && !yes; i++)
    yes = g_strstr_len((const char *)types, (gssize)n, WORKBOOK_TYPES[i]) != NULL;
  g_free(types);
  return yes;
}

/* ---- the package's kind -------------------------------------------------- */

dx_code dx_ooxml_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err) {
  *out = NULL;
  zip_t *za = NULL;
  dx_code rc = dx_zip_open(&za, data, len, lim, err);
  if (rc != DX_OK) return rc;
  if (dx_zip_is_workbook(za, lim))
    rc = dx_xlsx_read_zip(out, file, za, lim, err);
  else
    rc = dx_docx_read_zip(out, file, za, lim, err);
  zip_discard(za);
  return rc;
}
