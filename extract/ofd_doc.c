/* ofd_doc.c — an OFD's entry (OFD.xml, GB/T 33190 §7.4) and each of its
 * documents (Document.xml, §7.5): the page list, the page area, the
 * template pages and the resource files.
 *
 * Read of Document.xml: CommonData (PageArea's PhysicalBox, PublicRes,
 * DocumentRes, TemplatePage) and Pages. Not read: outlines, bookmarks,
 * permissions, actions, view preferences, annotations, attachments,
 * custom tags and extensions (none of them is the page's text or lines;
 * annotations may draw, see the README), and signatures (OFD.xml's
 * Signatures: not verified, their seals not drawn).
 */
#include "ofd_int.h"

#include <string.h>

/* OFD.xml and Document.xml are small (a Document.xml lists its pages:
 * 60 bytes a page). */
enum { ENTRY_MAX_BYTES = 1 << 20, DOCUMENT_MAX_BYTES = 16 << 20 };
/* Documents (DocBody) in one package, at most. */
enum { MAX_DOCUMENTS = 256 };

/* Reads a part into an XML reader (buf is the caller's to free). */
static dx_code open_part(ofd_xml **x, uint8_t **buf, ofd_pkg *pkg, const char *part, size_t max,
                         const dx_limits *lim, dx_error *err) {
  size_t len = 0;
  dx_code rc = ofd_pkg_read(pkg, part, max, buf, &len, err);
  if (rc == DX_OK) rc = ofd_xml_open(x, *buf, len, part, lim, err);
  return rc;
}

dx_code ofd_doc_roots(GPtrArray **out, ofd_pkg *pkg, const dx_limits *lim, dx_error *err) {
  *out = g_ptr_array_new_with_free_func(g_free);
  ofd_xml *x = NULL;
  uint8_t *buf = NULL;
  dx_code rc = open_part(&x, &buf, pkg, "OFD.xml", ENTRY_MAX_BYTES, lim, err);
  bool root = true;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_DONE;) {
    if (ev == OFD_X_ERROR) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    if (root && !ofd_xml_is(x, "OFD")) {
      rc =
          dx_error_set(err, DX_EFORMAT, "not an OFD: the root of OFD.xml is <%s>", ofd_xml_name(x));
    } else if (ofd_xml_is(x, "DocRoot")) {
      char *ref = ofd_xml_read_text(x, err);
      char *path = ref ? ofd_pkg_find(pkg, "OFD.xml", NULL, ref) : NULL;
      if (!ref) rc = ofd_xml_error(x);
      if (path) g_ptr_array_add(*out, path);
      g_free(ref);
      if ((*out)->len > MAX_DOCUMENTS)
        rc = dx_error_set(err, DX_ELIMIT, "OFD.xml names more than %d documents", MAX_DOCUMENTS);
    }
    root = false;
  }
  if (rc == DX_OK && (*out)->len == 0)
    rc = dx_error_set(err, DX_EFORMAT, "not an OFD: OFD.xml names no document (DocRoot)");
  ofd_xml_close(x);
  g_free(buf);
  return rc;
}

static void tpl_free(void *p) {
  ofd_tpl *t = p;
  g_free(t->part);
  ofd_sink_free(t->drawn);
  g_free(t);
}

static void page_free(void *p) {
  ofd_page_ref *r = p;
  g_free(r->id);
  g_free(r->part);
  g_free(r);
}

void ofd_doc_free(ofd_document *d) {
  if (!d) return;
  g_free(d->root);
  if (d->pages) g_ptr_array_free(d->pages, TRUE);
  if (d->tpls) g_hash_table_destroy(d->tpls);
  memset(d, 0, sizeof *d);
}

/* A page list entry or a template page: ID and content part. */
static void read_ref(ofd_document *d, ofd_ctx *ctx, ofd_xml *x, bool tpl) {
  const char *id = ofd_xml_attr(x, "ID"), *loc = ofd_xml_attr(x, "BaseLoc");
  char *key = g_strstrip(g_strdup(id ? id : ""));
  char *part = loc ? ofd_pkg_find(ctx->pkg, d->root, NULL, loc) : NULL;
  if (tpl) {
    const char *z = ofd_xml_attr(x, "ZOrder");
    ofd_tpl *t = g_new0(ofd_tpl, 1);
    t->part = part;
    t->front = z && g_ascii_strcasecmp(z, "Foreground") == 0;
    if (*key && !g_hash_table_contains(d->tpls, key))
      g_hash_table_insert(d->tpls, key, t);
    else {
      g_free(key);
      tpl_free(t);
    }
    return;
  }
  ofd_page_ref *r = g_new0(ofd_page_ref, 1);
  r->id = key;
  r->part = part;
  g_ptr_array_add(d->pages, r);
}

/* Document.xml's elements: the page list, the page area, templates and
 * resource files (their paths into res, in order). */
static dx_code read_document(ofd_document *d, ofd_ctx *ctx, ofd_xml *x, int max_pages,
                             GPtrArray *res, dx_error *err) {
  dx_code rc = DX_OK;
  int pages = 0;
  bool in_pages = false, in_area = false;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_DONE;) {
    if (ev == OFD_X_ERROR) rc = ofd_xml_error(x);
    if (ev == OFD_X_END && ofd_xml_is(x, "Pages")) in_pages = false;
    if (ev == OFD_X_END && ofd_xml_is(x, "PageArea")) in_area = false;
    if (ev != OFD_X_START) continue;
    if (ofd_xml_is(x, "Pages")) {
      in_pages = true;
    } else if (ofd_xml_is(x, "PageArea")) {
      in_area = true;
    } else if (in_pages && ofd_xml_is(x, "Page")) {
      if (++pages <= max_pages) read_ref(d, ctx, x, false);
    } else if (ofd_xml_is(x, "TemplatePage")) {
      read_ref(d, ctx, x, true);
    } else if ((in_area && ofd_xml_is(x, "PhysicalBox")) || ofd_xml_is(x, "PublicRes") ||
               ofd_xml_is(x, "DocumentRes")) {
      bool box = ofd_xml_is(x, "PhysicalBox");
      char *t = ofd_xml_read_text(x, err);
      if (!t) rc = ofd_xml_error(x);
      if (t && box) d->has_area = ofd_numbers(t, d->area, 4) == 4;
      if (t && !box) g_ptr_array_add(res, ofd_pkg_find(ctx->pkg, d->root, NULL, t));
      g_free(t);
    } else if (ofd_xml_is(x, "Annotations") || ofd_xml_is(x, "Attachments") ||
               ofd_xml_is(x, "CustomTags") || ofd_xml_is(x, "Outlines") ||
               ofd_xml_is(x, "Extensions")) {
      rc = ofd_xml_skip(x, err);
    }
  }
  if (rc == DX_OK && pages > max_pages)
    rc = dx_error_set(err, DX_ELIMIT, "OFD has %d pages, more than the limit of %d", pages,
                      max_pages);
  return rc;
}

dx_code ofd_doc_read(ofd_document *d, ofd_ctx *ctx, const char *root, int max_pages,
                     dx_error *err) {
  memset(d, 0, sizeof *d);
  d->root = g_strdup(root);
  d->pages = g_ptr_array_new_with_free_func(page_free);
  d->tpls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, tpl_free);
  ctx->cur = d;
  ofd_xml *x = NULL;
  uint8_t *buf = NULL;
  GPtrArray *res = g_ptr_array_new_with_free_func(g_free);
  dx_code rc = open_part(&x, &buf, ctx->pkg, root, DOCUMENT_MAX_BYTES, ctx->lim, err);
  if (rc == DX_OK) rc = read_document(d, ctx, x, max_pages, res, err);
  ofd_xml_close(x);
  g_free(buf);
  for (guint i = 0; i < res->len && rc == DX_OK; i++)
    rc = ofd_res_load(ctx, g_ptr_array_index(res, i), err);
  g_ptr_array_free(res, TRUE);
  return rc;
}
