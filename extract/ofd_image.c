/* ofd_image.c — an OFD page's graphics as pixels, where pixels are
 * needed: a page that is images alone (a scan saved as OFD) is drawn and
 * read by OCR as a scanned PDF page is (pdf.c's dx_ocr_drawing); and the
 * paths of a page with checkboxes drawn as small squares are rendered,
 * so that the ink inside each tells ticked from empty (lines.c's
 * dx_find_boxes, as on a PDF's rendering).
 *
 * Images are decoded with Leptonica (PNG, JPEG, TIFF, BMP, GIF, as it
 * was built), after their size is read from their header: an image past
 * dx_limits' max_image_pixels is not decoded (`image_too_large`).
 */
#include "ofd_int.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <leptonica/allheaders.h>

/* Pixels per point of the rendering checkboxes are judged on (pdf.c's
 * RENDER_SCALE, which dx_find_boxes was made on). */
#define BOX_SCALE 1.5
/* Most bytes of one image file. */
#define MAX_IMAGE_BYTES ((size_t)64 << 20)

/* What draw_page draws: the page's shapes and images, from mm to points. */
typedef struct drawing {
  ofd_ctx *ctx;
  const ofd_sink *s;
  const double *area;
  bool images; /* draw the images too */
  bool alpha;  /* on an alpha-only surface: ink as opacity */
} drawing;

static void page_point(const drawing *d, double x, double y, double *px, double *py) {
  *px = (x - d->area[0]) * OFD_PT_MM;
  *py = (y - d->area[1]) * OFD_PT_MM;
}

static void draw_shapes(const drawing *d, cairo_t *cr) {
  const float *pts = (const float *)(void *)d->s->pts->data;
  for (guint i = 0; i < d->s->shapes->len; i++) {
    const ofd_shape *sh = &g_array_index(d->s->shapes, ofd_shape, i);
    cairo_new_path(cr);
    for (guint k = 0; k < sh->n; k++) {
      double x, y;
      size_t at = 2 * ((size_t)sh->first + k);
      page_point(d, pts[at], pts[at + 1], &x, &y);
      if (k == 0)
        cairo_move_to(cr, x, y);
      else
        cairo_line_to(cr, x, y);
    }
    if (sh->closed) cairo_close_path(cr);
    if (d->alpha)
      cairo_set_source_rgba(cr, 0, 0, 0, (255 - sh->grey) / 255.0);
    else
      cairo_set_source_rgb(cr, sh->grey / 255.0, sh->grey / 255.0, sh->grey / 255.0);
    if (sh->width > 0) {
      cairo_set_line_width(cr, sh->width * OFD_PT_MM);
      cairo_stroke(cr);
    } else {
      cairo_fill(cr);
    }
  }
}

/* An image file as a cairo surface, or NULL (unreadable, too large). */
static cairo_surface_t *decode(ofd_ctx *ctx, const char *part) {
  uint8_t *buf = NULL;
  size_t len = 0;
  dx_error why = {0};
  if (ofd_pkg_read(ctx->pkg, part, MAX_IMAGE_BYTES, &buf, &len, &why) != DX_OK) {
    dx_doc_warn(ctx->doc, "ofd_image_unreadable", ctx->pageno, "page %d: %s", ctx->pageno,
                why.message);
    return NULL;
  }
  l_int32 fmt, w = 0, h = 0, bps, spp, cmap;
  cairo_surface_t *img = NULL;
  PIX *pix = NULL;
  if (pixReadHeaderMem(buf, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
    dx_doc_warn(ctx->doc, "ofd_image_unreadable", ctx->pageno,
                "page %d: image %s is in no format read", ctx->pageno, part);
  } else if (ctx->lim->max_image_pixels && (uint64_t)w * (uint64_t)h > ctx->lim->max_image_pixels) {
    /* not decoded (survey said so) */
  } else if ((pix = pixReadMem(buf, len))) {
    PIX *rgb = pixConvertTo32(pix);
    img = rgb ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) : NULL;
    if (img && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && pixGetWidth(rgb) == w &&
        pixGetHeight(rgb) == h) {
      cairo_surface_flush(img);
      uint8_t *out = cairo_image_surface_get_data(img);
      int stride = cairo_image_surface_get_stride(img), wpl = pixGetWpl(rgb);
      const l_uint32 *in = pixGetData(rgb);
      for (int y = 0; y < h; y++) { /* Leptonica's RGBA words to cairo's xRGB */
        uint32_t *row = (uint32_t *)(void *)(out + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) row[x] = in[(size_t)y * (size_t)wpl + (size_t)x] >> 8;
      }
      cairo_surface_mark_dirty(img);
    } else if (img) {
      cairo_surface_destroy(img);
      img = NULL;
    }
    pixDestroy(&rgb);
    pixDestroy(&pix);
  }
  g_free(buf);
  return img;
}

static void draw_images(const drawing *d, cairo_t *cr) {
  for (guint i = 0; i < d->s->images->len; i++) {
    const ofd_image *im = &g_array_index(d->s->images, ofd_image, i);
    cairo_surface_t *img = decode(d->ctx, im->part);
    if (!img) continue;
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    /* image pixels -> its unit square -> page mm (im->m) -> points */
    const ofd_mat *m = &im->m;
    cairo_matrix_t cm;
    cairo_matrix_init(&cm, m->a / w * OFD_PT_MM, m->b / w * OFD_PT_MM, m->c / h * OFD_PT_MM,
                      m->d / h * OFD_PT_MM, (m->e - d->area[0]) * OFD_PT_MM,
                      (m->f - d->area[1]) * OFD_PT_MM);
    cairo_matrix_t inv = cm;
    if (cairo_matrix_invert(&inv) == CAIRO_STATUS_SUCCESS) { /* not flat */
      cairo_save(cr);
      cairo_transform(cr, &cm);
      cairo_set_source_surface(cr, img, 0, 0);
      cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
      cairo_rectangle(cr, 0, 0, w, h);
      cairo_fill(cr);
      cairo_restore(cr);
    }
    cairo_surface_destroy(img);
  }
}

/* dx_draw_fn: the page's images (when asked), then its shapes over them. */
static void draw_page(void *arg, void *cairo) {
  const drawing *d = arg;
  cairo_t *cr = cairo;
  if (d->images) draw_images(d, cr);
  draw_shapes(d, cr);
}

/* The page's images, from their headers: how many can be drawn (a known
 * format, within max_image_pixels; those past it are warned), and the
 * resolution (dots per inch) of the one covering most of the page (0
 * when none covers half of it). */
static int survey(ofd_ctx *ctx, const ofd_sink *s, const double area[4], double *dpi) {
  double best = 0;
  int readable = 0;
  *dpi = 0;
  for (guint i = 0; i < s->images->len; i++) {
    const ofd_image *im = &g_array_index(s->images, ofd_image, i);
    uint8_t *buf = NULL;
    size_t len = 0;
    dx_error why = {0};
    l_int32 fmt, w = 0, h = 0, bps, spp, cmap;
    if (ofd_pkg_read(ctx->pkg, im->part, MAX_IMAGE_BYTES, &buf, &len, &why) != DX_OK ||
        pixReadHeaderMem(buf, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
      g_free(buf);
      continue;
    }
    g_free(buf);
    if (ctx->lim->max_image_pixels && (uint64_t)w * (uint64_t)h > ctx->lim->max_image_pixels) {
      dx_doc_warn(ctx->doc, "image_too_large", ctx->pageno,
                  "page %d: image %s is %d x %d pixels, more than the limit of %zu; not read",
                  ctx->pageno, im->part, w, h, ctx->lim->max_image_pixels);
      continue;
    }
    readable++;
    double wmm = hypot(im->m.a, im->m.b), hmm = hypot(im->m.c, im->m.d);
    if (wmm * hmm >= 0.5 * area[2] * area[3] && wmm * hmm > best) {
      best = wmm * hmm;
      *dpi = MIN(w / (wmm / 25.4), h / (hmm / 25.4));
    }
  }
  return readable;
}

dx_code ofd_ocr_page(ofd_ctx *ctx, const ofd_sink *s, const double area[4], GArray *gl,
                     GArray *rules, bool *read, dx_error *err) {
  drawing d = {ctx, s, area, true, false};
  double dpi = 0;
  *read = false;
  if (survey(ctx, s, area, &dpi) == 0) { /* nothing to read */
    dx_doc_warn(ctx->doc, "page_without_text", ctx->pageno,
                "page %d: no text, and no image that can be read", ctx->pageno);
    return DX_OK;
  }
  dx_doc_warn(ctx->doc, "page_without_text", ctx->pageno, "page %d: no text, only images; OCR used",
              ctx->pageno);
  *read = true;
  return dx_ocr_drawing(gl, rules, draw_page, &d, area[2] * OFD_PT_MM, area[3] * OFD_PT_MM, dpi,
                        ctx->lim, ctx->pageno, ctx->doc, err);
}

void ofd_find_boxes(ofd_ctx *ctx, const ofd_sink *s, const double area[4], GArray *rules,
                    GArray *gl) {
  double w = area[2] * OFD_PT_MM, h = area[3] * OFD_PT_MM, scale = BOX_SCALE;
  size_t max = ctx->lim->max_page_pixels;
  if (max && w * h * scale * scale > (double)max)
    scale *= sqrt((double)max / (w * h * scale * scale));
  int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
  if (pw <= 0 || ph <= 0) return;
  cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_A8, pw, ph);
  if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surf);
    return;
  }
  /* ink as alpha: shapes drawn opaque on nothing, their darkness kept */
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, scale, scale);
  drawing d = {ctx, s, area, false, true};
  draw_shapes(&d, cr);
  cairo_destroy(cr);
  cairo_surface_flush(surf);
  const uint8_t *a = cairo_image_surface_get_data(surf);
  int stride = cairo_image_surface_get_stride(surf);
  uint8_t *grey = g_malloc((size_t)pw * (size_t)ph);
  for (int y = 0; y < ph; y++)
    for (int x = 0; x < pw; x++)
      grey[(size_t)y * (size_t)pw + (size_t)x] = (uint8_t)(255 - a[(size_t)y * (size_t)stride + x]);
  cairo_surface_destroy(surf);
  dx_find_boxes(rules, gl, grey, pw, ph, pw, scale);
  g_free(grey);
}
