/* ofd.c — stage one for OFD (GB/T 33190-2016): glyphs and ruling lines
 * per page, as a PDF page gives them, for the same layout.
 *
 * The package's documents are read in order (OFD.xml's DocRoots), each
 * with its own resources; each page is drawn (ofd_content.c: its
 * templates, layers and objects) in millimetres and handed on in points
 * from the top-left of its PhysicalBox (the page's Area, else the
 * document's PageArea, else A4). What lies outside the page is not on
 * it. A page with no characters but images is read by OCR, as a scanned
 * PDF page is (ofd_image.c); checkboxes drawn as small squares of paths
 * are found as on a PDF's rendering (dx_find_boxes).
 */
#include "ofd_int.h"

#include <math.h>
#include <string.h>

/* A page larger than this either way (mm; PDF's largest page, 200
 * inches) is absurd: it is read as this large. */
#define MAX_PAGE_MM 5080.0
/* A glyph drawn again within this fraction of its size of the same
 * character is fake bold (the text drawn twice, offset): pdf.c's. */
#define FAKE_BOLD_EM 0.2
#define FAKE_BOLD_WINDOW 4

/* The gap (a fraction of the font size) past which two characters on one
 * line are two words: poppler's (minWordBreakSpace), so that a page
 * tells the layout what a PDF's text layer would. */
#define WORD_BREAK_EM 0.1

static bool fake_bold(const GArray *gl, const dx_glyph *g) {
  for (guint k = gl->len, seen = 0; k > 0 && seen < FAKE_BOLD_WINDOW; k--, seen++) {
    const dx_glyph *p = &g_array_index(gl, dx_glyph, k - 1);
    float tol = (float)FAKE_BOLD_EM * MAX(g->size, 1.0f);
    if (p->cp == g->cp && fabsf(p->box[0] - g->box[0]) < tol && fabsf(p->box[1] - g->box[1]) < tol)
      return true;
  }
  return false;
}

/* Where a PDF's text layer would have whitespace: before a character
 * that starts a line or follows a gap of a word's break (an OFD holds
 * only the spaces typed as characters). */
static void text_layer_spaces(GArray *gl) {
  for (guint i = 1; i < gl->len; i++) {
    const dx_glyph *p = &g_array_index(gl, dx_glyph, i - 1);
    dx_glyph *g = &g_array_index(gl, dx_glyph, i);
    float ph = p->box[3] - p->box[1], gh = g->box[3] - g->box[1];
    float dy = fabsf((p->box[1] + p->box[3]) - (g->box[1] + g->box[3])) / 2;
    bool same_line = dy < 0.3f * MIN(ph, gh) && g->box[0] >= p->box[0];
    if (!same_line || g->box[0] - p->box[2] > WORD_BREAK_EM * p->size) g->space_before = true;
  }
}

/* The page's glyphs in points from its top-left; those whose middle is
 * off the page are not on it (counted as not drawn). */
static void page_glyphs(GArray *gl, ofd_sink *s, const double area[4]) {
  for (guint i = 0; i < s->glyphs->len; i++) {
    dx_glyph g = g_array_index(s->glyphs, dx_glyph, i);
    double cx = (g.box[0] + g.box[2]) / 2 - area[0], cy = (g.box[1] + g.box[3]) / 2 - area[1];
    if (!(cx >= 0 && cx <= area[2] && cy >= 0 && cy <= area[3])) {
      s->invisible++;
      continue;
    }
    g.box[0] = (float)((g.box[0] - area[0]) * OFD_PT_MM);
    g.box[1] = (float)((g.box[1] - area[1]) * OFD_PT_MM);
    g.box[2] = (float)((g.box[2] - area[0]) * OFD_PT_MM);
    g.box[3] = (float)((g.box[3] - area[1]) * OFD_PT_MM);
    g.size = (float)(g.size * OFD_PT_MM);
    if (!fake_bold(gl, &g)) g_array_append_val(gl, g);
  }
  text_layer_spaces(gl);
}

/* The page's ruling lines in points, cut to the page. */
static void page_rules(GArray *rules, const ofd_sink *s, const double area[4]) {
  float w = (float)area[2], h = (float)area[3];
  for (guint i = 0; i < s->rules->len; i++) {
    dx_rule r = g_array_index(s->rules, dx_rule, i);
    r.x0 = CLAMP(r.x0 - (float)area[0], 0.0f, w);
    r.x1 = CLAMP(r.x1 - (float)area[0], 0.0f, w);
    r.y0 = CLAMP(r.y0 - (float)area[1], 0.0f, h);
    r.y1 = CLAMP(r.y1 - (float)area[1], 0.0f, h);
    if (r.x0 == r.x1 && r.y0 == r.y1) continue; /* off the page, or cut to nothing */
    r = (dx_rule){(float)(r.x0 * OFD_PT_MM), (float)(r.y0 * OFD_PT_MM), (float)(r.x1 * OFD_PT_MM),
                  (float)(r.y1 * OFD_PT_MM), (float)(r.width * OFD_PT_MM)};
    g_array_append_val(rules, r);
  }
}

/* The page's box (mm): its own, the document's, or A4. */
static void page_area(double area[4], const ofd_ctx *c, const double own[4], bool has_own) {
  static const double A4[4] = {0, 0, 210, 297};
  const double *a = has_own ? own : c->cur->has_area ? c->cur->area : A4;
  memcpy(area, a, 4 * sizeof *area);
  if (!(area[2] > 0 && area[3] > 0 && fabs(area[0]) < MAX_PAGE_MM && fabs(area[1]) < MAX_PAGE_MM)) {
    dx_doc_warn(c->doc, "ofd_page_area", c->pageno,
                "page %d: its PhysicalBox is no page; read as A4", c->pageno);
    memcpy(area, A4, sizeof A4);
  }
  if (area[2] > MAX_PAGE_MM || area[3] > MAX_PAGE_MM) {
    dx_doc_warn(c->doc, "ofd_page_area", c->pageno,
                "page %d is %.0f x %.0f mm; read as %.0f mm at most", c->pageno, area[2], area[3],
                MAX_PAGE_MM);
    area[2] = MIN(area[2], MAX_PAGE_MM);
    area[3] = MIN(area[3], MAX_PAGE_MM);
  }
}

static bool has_short_rules(const GArray *rules) {
  guint n = 0;
  for (guint i = 0; i < rules->len && n < 2; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    float len = r->x1 - r->x0 + r->y1 - r->y0;
    n += len >= 4.5f && len <= 18.0f; /* lines.c's box sides: 5-16 pt, give or take */
  }
  return n >= 2;
}

static dx_code one_page(ofd_ctx *c, const ofd_page_ref *ref, int n, dx_page_fn fn, void *fctx,
                        dx_error *err) {
  c->pageno = n;
  c->nest = 0;
  ofd_sink *s = ofd_sink_new();
  double own[4], area[4];
  bool has_own = false;
  dx_code rc = ofd_draw_page(c, ref->part, s, own, &has_own, err);
  GArray *gl = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_origin origin = DX_ORIGIN_OFD;
  if (rc == DX_OK) {
    page_area(area, c, own, has_own);
    ofd_sideways_runs(s);
    page_glyphs(gl, s, area);
    page_rules(rules, s, area);
    if (gl->len == 0 && s->images->len && c->lim->ocr_elsewhere) {
      rc = dx_error_set(err, DX_EOCR_ELSEWHERE, "page %d needs OCR", n);
    } else if (gl->len == 0 && s->images->len) {
      bool read = false;
      g_array_set_size(rules, 0); /* OCR finds them on the drawing, as on a scan */
      rc = ofd_ocr_page(c, s, area, gl, rules, &read, err);
      if (!read) page_rules(rules, s, area);
      if (read) {
        origin = DX_ORIGIN_OCR;
        c->doc->format = DX_FORMAT_OFD_SCANNED;
      }
    } else if (has_short_rules(rules)) {
      ofd_find_boxes(c, s, area, rules, gl);
    }
  }
  if (rc == DX_OK && s->invisible)
    dx_doc_warn(c->doc, "invisible_text", n, "page %d: %zu characters are not drawn on the page", n,
                s->invisible);
  if (rc == DX_OK) {
    dx_page pg = {.number = n,
                  .width = area[2] * OFD_PT_MM,
                  .height = area[3] * OFD_PT_MM,
                  .origin = origin,
                  .confidence = 1.0,
                  .glyphs = (dx_glyph *)(void *)gl->data,
                  .nglyphs = gl->len,
                  .rules = (dx_rule *)(void *)rules->data,
                  .nrules = rules->len};
    rc = fn(fctx, &pg, err);
  }
  g_array_free(gl, TRUE);
  g_array_free(rules, TRUE);
  ofd_sink_free(s);
  return rc;
}

dx_code dx_ofd_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_page_fn fn, void *ctx, dx_error *err) {
  if (!doc || !data || !lim || !fn) return dx_error_set(err, DX_EARG, "dx_ofd_pages: no input");
  ofd_pkg pkg;
  dx_code rc = ofd_pkg_open(&pkg, data, len, lim, err);
  if (rc != DX_OK) return rc;
  GPtrArray *roots = NULL;
  rc = ofd_doc_roots(&roots, &pkg, lim, err);
  doc->format = DX_FORMAT_OFD;
  ofd_ctx c = {.pkg = &pkg, .doc = doc, .lim = lim, .glyph_limit = lim->max_page_glyphs};
  int pages = 0;
  for (guint i = 0; rc == DX_OK && i < roots->len; i++) {
    ofd_document d;
    ofd_res_init(&c.res);
    c.widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    rc = ofd_doc_read(&d, &c, g_ptr_array_index(roots, i),
                      lim->max_pages ? lim->max_pages - pages : G_MAXINT, err);
    if (rc == DX_OK) doc->pages = pages + (int)d.pages->len;
    for (guint k = 0; rc == DX_OK && k < d.pages->len; k++)
      rc = one_page(&c, g_ptr_array_index(d.pages, k), ++pages, fn, ctx, err);
    c.cur = NULL;
    ofd_doc_free(&d);
    ofd_res_free(&c.res);
    g_hash_table_destroy(c.widths);
  }
  if (rc == DX_OK && pages == 0) rc = dx_error_set(err, DX_EFORMAT, "OFD has no pages");
  if (roots) g_ptr_array_free(roots, TRUE);
  ofd_pkg_close(&pkg);
  return rc;
}
