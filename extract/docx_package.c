/* docx_package.c — a DOCX's zip package (ECMA-376 Part 2, Open
 * Packaging Conventions) and its limits.
 *
 * The archive is read in memory with libzip; the main part is found
 * (word/document.xml, or where the package relationships name it),
 * inflated under a byte cap and a ratio cap enforced while reading, and
 * handed to the WordprocessingML reader (docx_xml.c).
 */
#include "docx_int.h"

#include <zip.h>

#include <libxml/tree.h>

/* A zip member smaller than this is never called a bomb by ratio alone:
 * tiny highly-compressible parts (empty XML skeletons) are normal. */
enum { RATIO_MIN_BYTES = 1 << 20 };
/* Most bytes inflated between two checks of the limits. */
enum { READ_STEP = 1 << 20 };

/* Most a package relationship part (_rels/.rels) may hold; real ones
 * are under 2 KB. */
enum { RELS_MAX_BYTES = 1 << 20 };

static dx_code read_member(uint8_t **out, size_t *out_len, zip_t *za, const char *name,
                           const dx_limits *lim, dx_error *err) {
  zip_int64_t idx = zip_name_locate(za, name, 0);
  if (idx < 0) return dx_error_set(err, DX_EFORMAT, "not a DOCX: no %s in the archive", name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0)
    return dx_error_set(err, DX_EFORMAT, "cannot stat %s: %s", name, zip_strerror(za));
  if (name[strlen(name) - 1] == '/' ||
      ((st.valid & ZIP_STAT_SIZE) && st.size == 0 && (st.valid & ZIP_STAT_NAME) &&
       st.name[strlen(st.name) - 1] == '/'))
    return dx_error_set(err, DX_EFORMAT, "%s is a directory", name);
  /* Declared sizes are checked first, then the real bytes while reading:
   * a crafted header can lie about the size. */
  if ((st.valid & ZIP_STAT_SIZE) && st.size > lim->max_part_bytes)
    return dx_error_set(err, DX_ELIMIT, "%s declares %llu bytes, over the %zu-byte limit", name,
                        (unsigned long long)st.size, lim->max_part_bytes);
  double comp = (st.valid & ZIP_STAT_COMP_SIZE) ? (double)st.comp_size : 0;
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) return dx_error_set(err, DX_EFORMAT, "cannot open %s: %s", name, zip_strerror(za));
  /* read in place: the declared size is a first guess at the room
   * needed (a header can lie; the limits hold whatever it says), and at
   * most READ_STEP bytes are inflated between two checks */
  size_t hard = lim->max_part_bytes + 1;
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
    if (used > lim->max_part_bytes) {
      rc = dx_error_set(err, DX_ELIMIT, "%s inflates past the %zu-byte limit (zip bomb?)", name,
                        lim->max_part_bytes);
      break;
    }
    if (used > RATIO_MIN_BYTES && comp > 0 && used / comp > lim->max_inflate_ratio) {
      rc = dx_error_set(err, DX_ELIMIT,
                        "%s inflates more than %.0f:1, over the ratio limit (zip bomb?)", name,
                        lim->max_inflate_ratio);
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

/* An attribute of a parsed element by local name, or NULL. */
static const char *dom_attr(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

/* The main document part's name. Word always writes word/document.xml,
 * but OPC (ECMA-376 Part 2, 9.3) names it through the package
 * relationship of type officeDocument, and some producers use another
 * name: that relationship is followed when word/document.xml is absent.
 * *out is a new string on success. */
static dx_code main_part_name(char **out, zip_t *za, const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (zip_name_locate(za, "word/document.xml", 0) >= 0) {
    *out = g_strdup("word/document.xml");
    return DX_OK;
  }
  if (zip_name_locate(za, "_rels/.rels", 0) < 0)
    return dx_error_set(err, DX_EFORMAT, "not a DOCX: no word/document.xml in the archive");
  dx_limits small = *lim;
  if (small.max_part_bytes > RELS_MAX_BYTES) small.max_part_bytes = RELS_MAX_BYTES;
  uint8_t *rels = NULL;
  size_t rels_len = 0;
  dx_code rc = read_member(&rels, &rels_len, za, "_rels/.rels", &small, err);
  if (rc != DX_OK) return rc;
  char *name = NULL;
  bool outside = false;
  xmlDoc *x = NULL;
  if (!dx_docx_has_doctype(rels, rels_len) && rels_len <= INT_MAX)
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
      rc = dx_error_set(err, DX_EFORMAT,
                        "not a DOCX: main part name \"%.80s\" is outside the package", target);
      outside = true;
    } else {
      name = g_strdup(target);
    }
  }
  if (!name && !outside)
    rc = dx_error_set(err, DX_EFORMAT,
                      "not a DOCX: no word/document.xml and no officeDocument part");
  if (x) xmlFreeDoc(x);
  g_free(rels);
  *out = name;
  return rc;
}

dx_code dx_docx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err) {
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
  uint8_t *xml = NULL;
  size_t xml_len = 0;
  dx_doc *doc = NULL;
  dx_code rc = DX_OK;
  zip_int64_t nentries = zip_get_num_entries(za, 0);
  if (nentries < 0 || (size_t)nentries > lim->max_zip_entries) {
    rc = dx_error_set(err, DX_ELIMIT, "archive has more than %zu entries", lim->max_zip_entries);
    goto cleanup;
  }
  char *part = NULL;
  rc = main_part_name(&part, za, lim, err);
  if (rc == DX_OK && !part) rc = DX_EFORMAT;
  if (rc != DX_OK) goto cleanup;
  rc = read_member(&xml, &xml_len, za, part, lim, err);
  g_free(part);
  if (rc != DX_OK) goto cleanup;
  rc = dx_docx_read_xml(&doc, file, xml, xml_len, lim, err);
  if (rc == DX_OK) {
    *out = doc;
    doc = NULL;
  }
cleanup:
  dx_doc_free(doc);
  g_free(xml);
  zip_discard(za);
  return rc;
}
