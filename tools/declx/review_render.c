/* review_render.c — PNG crops of PDF pages around values' boxes, for
 * the review site (see review.h). poppler-glib renders each page that
 * has crops once, at CROP_SCALE (or less, within the extraction's page
 * pixel limit); cairo cuts each crop from that raster and outlines the
 * value's box. */
#include "review.h"

#include <math.h>
#include <stdlib.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <poppler.h>

#include "declx.h"

/* Pixels per point: 2 is 144 dpi, readable for small Han characters. */
#define CROP_SCALE 2.0
/* Page around the box, in points: a neighbouring label or two shows. */
#define MARGIN_X 60.0
#define MARGIN_Y 24.0

static int by_page(const void *a, const void *b) {
  const dx_crop *x = a, *y = b;
  return (x->page > y->page) - (x->page < y->page);
}

/* A page of w x h points drawn by draw(page, cr) on white at
 * CROP_SCALE or less (within the extraction's page pixel limit; *scale
 * says which), or NULL with err set. */
static cairo_surface_t *render(double w, double h, void (*draw)(const void *, cairo_t *),
                               const void *page, const dx_limits *lim, double *scale, char *err,
                               size_t errlen) {
  double s = CROP_SCALE;
  double px = w * h * s * s;
  if (lim->max_page_pixels && px > (double)lim->max_page_pixels)
    s *= sqrt((double)lim->max_page_pixels / px);
  int iw = (int)ceil(w * s), ih = (int)ceil(h * s);
  if (iw <= 0 || ih <= 0 || iw > 30000 || ih > 30000) {
    g_snprintf(err, errlen, "a page of %.0f x %.0f points is not rendered", w, h);
    return NULL;
  }
  cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
  if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
    g_snprintf(err, errlen, "no memory for a page raster");
    cairo_surface_destroy(surf);
    return NULL;
  }
  cairo_t *cr = cairo_create(surf);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, s, s);
  draw(page, cr);
  cairo_destroy(cr);
  *scale = s;
  return surf;
}

static void draw_poppler(const void *page, cairo_t *cr) {
  poppler_page_render((PopplerPage *)page, cr);
}

/* The pixels of a page pw x ph at s pixels a point that c's crop takes
 * (x0, y0 inclusive, x1, y1 exclusive); false when none. */
static bool region(int r[4], int pw, int ph, double s, const dx_crop *c) {
  const double *b = c->box;
  r[0] = (int)floor(MAX(0, (b[0] - MARGIN_X) * s));
  r[1] = (int)floor(MAX(0, (b[1] - MARGIN_Y) * s));
  r[2] = (int)ceil(MIN(pw, (b[2] + MARGIN_X) * s));
  r[3] = (int)ceil(MIN(ph, (b[3] + MARGIN_Y) * s));
  return r[2] > r[0] && r[3] > r[1];
}

/* c's box outlined on out (its crop, from x0, y0 of the page), written
 * as PNG; out is destroyed. */
static bool outline_and_write(cairo_surface_t *out, double s, int x0, int y0, const dx_crop *c) {
  const double *b = c->box;
  cairo_t *cr = cairo_create(out);
  cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
  cairo_set_line_width(cr, 2.5);
  cairo_rectangle(cr, b[0] * s - x0 - 1, b[1] * s - y0 - 1, (b[2] - b[0]) * s + 2,
                  (b[3] - b[1]) * s + 2);
  cairo_stroke(cr);
  cairo_destroy(cr);
  bool ok = cairo_surface_write_to_png(out, c->path) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(out);
  return ok;
}

/* One crop of the page raster, its box outlined; false when not written. */
static bool cut(cairo_surface_t *page, double s, const dx_crop *c) {
  int r[4];
  if (!region(r, cairo_image_surface_get_width(page), cairo_image_surface_get_height(page), s, c))
    return false;
  cairo_surface_t *out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r[2] - r[0], r[3] - r[1]);
  cairo_t *cr = cairo_create(out);
  cairo_set_source_surface(cr, page, -r[0], -r[1]);
  cairo_paint(cr);
  cairo_destroy(cr);
  return outline_and_write(out, s, r[0], r[1], c);
}

/* The same from a grey page image (w x h, w bytes a row). */
static bool cut_grey(const uint8_t *grey, int w, int h, double s, const dx_crop *c) {
  int r[4];
  if (!region(r, w, h, s, c)) return false;
  cairo_surface_t *out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r[2] - r[0], r[3] - r[1]);
  if (cairo_surface_status(out) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(out);
    return false;
  }
  cairo_surface_flush(out);
  uint8_t *px = cairo_image_surface_get_data(out);
  int stride = cairo_image_surface_get_stride(out);
  for (int y = r[1]; y < r[3]; y++) {
    uint32_t *row = (uint32_t *)(void *)(px + (size_t)(y - r[1]) * (size_t)stride);
    for (int x = r[0]; x < r[2]; x++) {
      uint32_t g = grey[(size_t)y * (size_t)w + (size_t)x];
      row[x - r[0]] = g << 16 | g << 8 | g;
    }
  }
  cairo_surface_mark_dirty(out);
  if (s <= CROP_SCALE) return outline_and_write(out, s, r[0], r[1], c);
  /* OCR's resolution (250 dpi) down to the PDF crops' 144 */
  double k = CROP_SCALE / s;
  int w2 = MAX(1, (int)ceil((r[2] - r[0]) * k)), h2 = MAX(1, (int)ceil((r[3] - r[1]) * k));
  cairo_surface_t *small = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w2, h2);
  cairo_t *cr = cairo_create(small);
  cairo_scale(cr, k, k);
  cairo_set_source_surface(cr, out, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(out);
  return outline_and_write(small, CROP_SCALE, (int)floor(r[0] * k), (int)floor(r[1] * k), c);
}

static bool box_ok(const double *b) {
  for (int i = 0; i < 4; i++)
    if (!isfinite(b[i]) || b[i] < -1e4 || b[i] > 1e5) return false;
  return b[2] > b[0] && b[3] > b[1];
}

int dx_review_crops(GBytes *pdf, dx_crop *crops, size_t n, const dx_limits *lim, char *err,
                    size_t errlen) {
  if (!n) return 0;
  GError *ge = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &ge);
  if (!doc) {
    g_snprintf(err, errlen, "%s", ge ? ge->message : "not a PDF");
    if (ge) g_error_free(ge);
    return 0;
  }
  int npages = poppler_document_get_n_pages(doc), written = 0;
  qsort(crops, n, sizeof *crops, by_page);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && crops[j].page == crops[i].page) j++;
    int pno = crops[i].page;
    PopplerPage *pg = pno >= 1 && pno <= npages && (!lim->max_pages || pno <= lim->max_pages)
                          ? poppler_document_get_page(doc, pno - 1)
                          : NULL;
    double s = 1, w = 0, h = 0;
    if (pg) poppler_page_get_size(pg, &w, &h);
    cairo_surface_t *surf = pg ? render(w, h, draw_poppler, pg, lim, &s, err, errlen) : NULL;
    for (size_t k = i; surf && k < j; k++)
      if (box_ok(crops[k].box) && cut(surf, s, &crops[k])) written++;
    if (surf) cairo_surface_destroy(surf);
    if (pg) g_object_unref(pg);
    i = j;
  }
  g_object_unref(doc);
  return written;
}

/* ---- pages as OCR saw them, and OFD pages as their reader saw them --- */

typedef struct page_crops {
  dx_crop *crops;
  size_t n;
  bool *done; /* per crop: written */
  int written;
  const dx_limits *lim;
} page_crops;

static void on_raster(void *ctx, int pageno, const uint8_t *grey, int w, int h, double scale) {
  page_crops *pc = ctx;
  for (size_t k = 0; k < pc->n; k++)
    if (!pc->done[k] && pc->crops[k].page == pageno && box_ok(pc->crops[k].box) &&
        cut_grey(grey, w, h, scale, &pc->crops[k])) {
      pc->done[k] = true;
      pc->written++;
    }
}

/* The family fontconfig gives for Chinese sans-serif text (Noto Sans CJK
 * SC where the install step put it): cairo's own font selection takes
 * the default sans-serif, which has no Han characters. Asked once. */
static const char *han_family(void) {
  static char family[128];
  if (*family) return family;
  g_strlcpy(family, "sans-serif", sizeof family);
  FcPattern *want = FcNameParse((const FcChar8 *)"sans-serif:lang=zh-cn");
  if (!want) return family;
  FcConfigSubstitute(NULL, want, FcMatchPattern);
  FcDefaultSubstitute(want);
  FcResult res;
  FcPattern *got = FcFontMatch(NULL, want, &res);
  FcChar8 *name = NULL;
  if (got && FcPatternGetString(got, FC_FAMILY, 0, &name) == FcResultMatch)
    g_strlcpy(family, (const char *)name, sizeof family);
  if (got) FcPatternDestroy(got);
  FcPatternDestroy(want);
  return family;
}

/* Draws a page of glyphs and rules (an OFD's text page, which nothing
 * here renders: its fonts are the producer's) on cr, in points: each
 * rule as a line of its width, each glyph in the system's Chinese
 * sans-serif (han_family) at its size, on its box's baseline. The characters are the ones declx
 * read, where they were. */
static void draw_page(const void *page, cairo_t *cr) {
  const dx_page *pg = page;
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  for (size_t i = 0; i < pg->nrules; i++) {
    const dx_rule *r = &pg->rules[i];
    cairo_set_line_width(cr, MAX(r->width, 0.5));
    cairo_move_to(cr, r->x0, r->y0);
    cairo_line_to(cr, r->x1, r->y1);
    cairo_stroke(cr);
  }
  cairo_select_font_face(cr, han_family(), CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (size_t i = 0; i < pg->nglyphs; i++) {
    const dx_glyph *g = &pg->glyphs[i];
    char u[8] = {0};
    if (!g_unichar_validate(g->cp) || g_unichar_isspace(g->cp)) continue;
    g_unichar_to_utf8(g->cp, u);
    double h = g->box[3] - g->box[1], size = g->size > 0 ? g->size : h;
    if (!(size > 0 && size < 500)) continue;
    cairo_set_font_size(cr, size);
    /* the box is the em: its baseline about an eighth above its foot */
    cairo_move_to(cr, g->box[0], g->box[3] - size * 0.12);
    cairo_show_text(cr, u);
  }
}

static dx_code on_page(void *ctx, const dx_page *pg, dx_error *err) {
  (void)err;
  page_crops *pc = ctx;
  bool any = false;
  for (size_t k = 0; k < pc->n && !any; k++)
    any = !pc->done[k] && pc->crops[k].page == pg->number && box_ok(pc->crops[k].box);
  if (!any || !pg->nglyphs) return DX_OK;
  double s = 1;
  char why[128];
  cairo_surface_t *surf =
      render(pg->width, pg->height, draw_page, pg, pc->lim, &s, why, sizeof why);
  if (surf) {
    for (size_t k = 0; k < pc->n; k++)
      if (!pc->done[k] && pc->crops[k].page == pg->number && box_ok(pc->crops[k].box) &&
          cut(surf, s, &pc->crops[k])) {
        pc->done[k] = true;
        pc->written++;
      }
    cairo_surface_destroy(surf);
  }
  return DX_OK;
}

int dx_review_raster_crops(const char *name, GBytes *data, dx_crop *crops, size_t n,
                           const dx_limits *lim, char *err, size_t errlen) {
  if (!n) return 0;
  page_crops pc = {crops, n, g_new0(bool, n), 0, lim};
  dx_limits l = *lim;
  l.page_raster = on_raster;
  l.page_raster_ctx = &pc;
  l.ocr_elsewhere = false;
  dx_error e = {0};
  gsize len = 0;
  const uint8_t *p = g_bytes_get_data(data, &len);
  dx_code rc;
  if (dx_ofd_detect(p, len)) {
    /* an OFD's pages: the text pages drawn from their glyphs, the
     * scanned ones cut from the page images OCR read */
    dx_doc *doc = dx_doc_new(name, &l);
    rc = doc ? dx_ofd_pages(doc, p, len, &l, on_page, &pc, &e)
             : dx_error_set(&e, DX_ENOMEM, "out of memory");
    dx_doc_free(doc);
  } else {
    dx_doc *doc = NULL;
    rc = dx_read_bytes(&doc, name, p, len, &l, &e);
    dx_doc_free(doc);
  }
  if (rc != DX_OK) g_snprintf(err, errlen, "%s", e.message);
  g_free(pc.done);
  return pc.written;
}
