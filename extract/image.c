/* image.c — stage one for image files: a JPEG, a PNG or a TIFF (one
 * page or many; a fax's 1-bit G4 too) is a scan without a PDF around
 * it. Leptonica decodes it, page by page; each page is turned upright by
 * its EXIF orientation (a JPEG; Leptonica does not apply it), made grey
 * (red ink counting as paper, as on a scanned PDF page), resampled to
 * OCR's resolution from its own (the file's density, else guessed from
 * an A4 sheet) and read by scan_page.c exactly as a scanned PDF page
 * is. What the file's bytes say before decoding (kind, orientation,
 * a TIFF's pages and their sizes) is image_meta.c's.
 */
#include "extract_int.h"

#include <math.h>
#include <string.h>

#include <leptonica/allheaders.h>

/* A resolution (dots per inch) is believed when it lies in this range
 * and makes the page's long side MIN_PAGE_IN to MAX_PAGE_IN inches (A6
 * to A3, with a margin); else the image is taken for an A4 sheet (a
 * phone's 72 dpi or a screen's 96 dpi say nothing of the paper: a 4032
 * px photo would be a 56-inch page). */
#define MIN_DPI 50
#define MAX_DPI 2400
#define MIN_PAGE_IN 5.5
#define MAX_PAGE_IN 17.5
/* A4's sides, inches. */
#define A4_LONG_IN (297 / 25.4)
#define A4_SHORT_IN (210 / 25.4)

static dx_format format_of(const char *kind) {
  return strcmp(kind, "png") == 0    ? DX_FORMAT_PNG
         : strcmp(kind, "jpeg") == 0 ? DX_FORMAT_JPEG
                                     : DX_FORMAT_TIFF;
}

/* The picture upright as EXIF orientation o (1-8) says it is shown;
 * pix is consumed. *swapped: its sides were exchanged (5-8). */
static PIX *upright(PIX *pix, int o, bool *swapped) {
  *swapped = o >= 5;
  if (o <= 1 || o > 8) return pix;
  PIX *mirrored = pix;
  if (o == 2 || o == 4 || o == 5 || o == 7) { /* mirrored first */
    mirrored = o == 4 ? pixFlipTB(NULL, pix) : pixFlipLR(NULL, pix);
    pixDestroy(&pix);
    if (o == 2 || o == 4) return mirrored;
  }
  /* then turned clockwise by quarter turns: 3 by two, 6 and 7 by one,
   * 5 and 8 by three */
  int quads = o == 3 ? 2 : (o == 6 || o == 7) ? 1 : 3;
  PIX *turned = mirrored ? pixRotateOrth(mirrored, quads) : NULL;
  pixDestroy(&mirrored);
  return turned;
}

/* An 8-bit grey copy of pix (any depth, colour map or alpha), red ink
 * as light as its red (a seal counts as paper) with *red_px counting
 * those pixels; NULL when Leptonica cannot convert it. */
static PIX *to_grey(PIX *pix, size_t *red_px) {
  PIX *p = pixGetColormap(pix) ? pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC) : pixClone(pix);
  if (p && pixGetDepth(p) == 32 && pixGetSpp(p) == 4) { /* alpha over white paper */
    PIX *flat = pixAlphaBlendUniform(p, 0xffffff00);
    pixDestroy(&p);
    p = flat;
  }
  if (!p) return NULL;
  if (pixGetDepth(p) == 8) return p;
  if (pixGetDepth(p) != 32) {
    PIX *g = pixGetDepth(p) == 1 ? pixConvert1To8(NULL, p, 255, 0) : pixConvertTo8(p, 0);
    pixDestroy(&p);
    return g;
  }
  int w = pixGetWidth(p), h = pixGetHeight(p);
  PIX *g = pixCreate(w, h, 8);
  if (g) {
    const l_uint32 *src = pixGetData(p);
    l_uint32 *dst = pixGetData(g);
    int swpl = pixGetWpl(p), dwpl = pixGetWpl(g);
    for (int y = 0; y < h; y++) {
      const l_uint32 *in = src + (size_t)y * (size_t)swpl;
      l_uint32 *out = dst + (size_t)y * (size_t)dwpl;
      for (int x = 0; x < w; x++) {
        int red = (int)((in[x] >> L_RED_SHIFT) & 0xFF),
            green = (int)((in[x] >> L_GREEN_SHIFT) & 0xFF),
            blue = (int)((in[x] >> L_BLUE_SHIFT) & 0xFF);
        int v = (red * 77 + green * 150 + blue * 29) >> 8; /* as pdf.c renders */
        if (red > green + DX_RED_INK && red > blue + DX_RED_INK) {
          v = red;
          (*red_px)++;
        }
        SET_DATA_BYTE(out, x, v);
      }
    }
  }
  pixDestroy(&p);
  return g;
}

/* The resolution a page of w x h pixels is read at (dots per inch
 * across and down): the file's (xres, yres; 0 unknown) when it is
 * believable, else the one that makes the image an A4 sheet, upright or
 * lying as its sides are (warned). */
static void page_dpi(double dpi[2], int w, int h, int xres, int yres, int pageno, dx_doc *doc) {
  if (xres <= 0) xres = yres;
  if (yres <= 0) yres = xres;
  if (xres >= MIN_DPI && xres <= MAX_DPI && yres >= MIN_DPI && yres <= MAX_DPI) {
    double lng = MAX(w / (double)xres, h / (double)yres);
    if (lng >= MIN_PAGE_IN && lng <= MAX_PAGE_IN) {
      dpi[0] = xres;
      dpi[1] = yres;
      return;
    }
  }
  double guess =
      w > h ? MAX(w / A4_LONG_IN, h / A4_SHORT_IN) : MAX(w / A4_SHORT_IN, h / A4_LONG_IN);
  dpi[0] = dpi[1] = guess;
  dx_doc_warn(doc, "resolution_guessed", pageno,
              "page %d: the image gives no believable resolution (%d x %d dpi); read as an A4 "
              "sheet at %.0f dpi",
              pageno, xres, yres, guess);
}

/* grey (8 bit) resampled into a raster of r->w x r->h, as a PDF's scan
 * is rendered (resample.c). */
static bool resample(dx_raster *r, PIX *grey) {
  int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
  uint8_t *src = g_malloc((size_t)w * (size_t)h);
  const l_uint32 *data = pixGetData(grey);
  for (int y = 0; y < h; y++) {
    const l_uint32 *line = data + (size_t)y * (size_t)wpl;
    uint8_t *row = src + (size_t)y * (size_t)w;
    for (int x = 0; x < w; x++) row[x] = (uint8_t)GET_DATA_BYTE(line, x);
  }
  r->grey = g_malloc((size_t)r->w * (size_t)r->h);
  dx_resample_grey(src, w, h, w, r->grey, r->w, r->h);
  g_free(src);
  return true;
}

/* One decoded page (pix, upright) read by OCR and handed to fn. */
static dx_code read_page(PIX *pix, int pageno, const dx_limits *lim, dx_doc *doc, dx_page_fn fn,
                         void *ctx, dx_error *err) {
  dx_raster r = {.scale = DX_OCR_SCALE, .drop_red = true};
  int w = pixGetWidth(pix), h = pixGetHeight(pix);
  double dpi[2];
  page_dpi(dpi, w, h, pixGetXRes(pix), pixGetYRes(pix), pageno, doc);
  double pw = w / dpi[0] * 72, ph = h / dpi[1] * 72; /* points */
  double px = pw * ph * r.scale * r.scale;
  if (lim->max_ocr_pixels && px > (double)lim->max_ocr_pixels) {
    r.scale *= sqrt((double)lim->max_ocr_pixels / px);
    dx_doc_warn(doc, "page_rendered_coarse", pageno, "page %d is %.0f x %.0f pt; %s at %.2f px/pt",
                pageno, pw, ph, "read by OCR", r.scale);
  }
  r.w = MAX(1, (int)ceil(pw * r.scale));
  r.h = MAX(1, (int)ceil(ph * r.scale));
  size_t red = 0;
  PIX *grey = to_grey(pix, &red);
  if (!grey || !resample(&r, grey)) {
    pixDestroy(&grey);
    return dx_error_set(err, DX_ENOMEM, "page %d: cannot convert its %d x %d pixels", pageno, w, h);
  }
  pixDestroy(&grey);
  r.red_px = (size_t)((double)red * r.w * r.h / ((double)w * h));
  GArray *gl = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_code rc = dx_scan_read(gl, rules, &r, MIN(dpi[0], dpi[1]), lim, pageno, doc, err);
  g_free(r.grey);
  if (lim->after_ocr_page) lim->after_ocr_page(lim->after_ocr_page_ctx);
  dx_page pg = {.number = pageno,
                .width = pw,
                .height = ph,
                .origin = DX_ORIGIN_OCR,
                .confidence = 1.0,
                .glyphs = (dx_glyph *)(void *)gl->data,
                .nglyphs = gl->len,
                .rules = (dx_rule *)(void *)rules->data,
                .nrules = rules->len};
  if (rc == DX_OK) rc = fn(ctx, &pg, err);
  g_array_free(gl, TRUE);
  g_array_free(rules, TRUE);
  return rc;
}

/* The pages of data and their sizes before any is decoded: a TIFF's
 * from its directories (the walk stops past max_pages), a PNG's or
 * JPEG's from its header. Each page must be within max_image_pixels. */
static dx_code check_pages(long *n, const char *kind, const uint8_t *data, size_t len,
                           const dx_limits *lim, dx_error *err) {
  long max = lim->max_pages > 0 ? lim->max_pages : G_MAXINT;
  dx_tiff_page one = {0}, *pages = &one;
  if (strcmp(kind, "tiff") == 0) {
    *n = dx_tiff_pages(data, len, max, NULL);
    if (*n < 0) return dx_error_set(err, DX_EFORMAT, "a damaged TIFF: its pages cannot be found");
    if (*n > max)
      return dx_error_set(err, DX_ELIMIT, "TIFF has more than %ld pages, the limit", max);
    pages = g_new0(dx_tiff_page, (size_t)*n);
    dx_tiff_pages(data, len, *n, pages);
  } else {
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    *n = 1;
    if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
      return dx_error_set(err, DX_EFORMAT, "a damaged %s image: its header cannot be read",
                          strcmp(kind, "png") == 0 ? "PNG" : "JPEG");
    one = (dx_tiff_page){(uint64_t)w, (uint64_t)h};
  }
  dx_code rc = DX_OK;
  for (long i = 0; i < *n && rc == DX_OK; i++) {
    uint64_t w = pages[i].width, h = pages[i].height;
    if (lim->max_image_pixels && w && h &&
        (w > lim->max_image_pixels || h > lim->max_image_pixels / w))
      rc = dx_error_set(err, DX_ELIMIT,
                        "page %ld is an image of %llu x %llu pixels, more than the limit of %zu",
                        i + 1, (unsigned long long)w, (unsigned long long)h, lim->max_image_pixels);
  }
  if (pages != &one) g_free(pages);
  return rc;
}

dx_code dx_image_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                       dx_page_fn fn, void *ctx, dx_error *err) {
  if (!doc || !data || !lim || !fn) return dx_error_set(err, DX_EARG, "dx_image_pages: no input");
  const char *kind = dx_image_kind(data, len);
  if (!kind) return dx_error_set(err, DX_EFORMAT, "not a JPEG, PNG or TIFF image");
  long n = 0;
  dx_code rc = check_pages(&n, kind, data, len, lim, err);
  if (rc != DX_OK) return rc;
  doc->format = format_of(kind);
  doc->pages = (int)n;
  if (lim->ocr_elsewhere) return dx_error_set(err, DX_EOCR_ELSEWHERE, "page 1 needs OCR");
  bool tiff = doc->format == DX_FORMAT_TIFF, jpeg = doc->format == DX_FORMAT_JPEG;
  int orientation = jpeg ? dx_jpeg_orientation(data, len) : 1;
  size_t offset = 0;
  long decoded = 0;
  for (long i = 0; i < n && rc == DX_OK; i++) {
    PIX *pix = tiff ? pixReadMemFromMultipageTiff(data, len, &offset) : pixReadMem(data, len);
    bool swapped = false;
    if (pix) pix = upright(pix, orientation, &swapped);
    if (!pix) {
      dx_doc_warn(doc, "page_unreadable", (int)i + 1, "page %ld could not be decoded", i + 1);
      if (tiff && offset == 0) break; /* the chain lost: no further page */
      continue;
    }
    if (swapped) pixSetResolution(pix, pixGetYRes(pix), pixGetXRes(pix));
    if (orientation > 1)
      dx_doc_warn(doc, "page_oriented", (int)i + 1,
                  "page %ld: turned upright as its EXIF orientation (%d) says", i + 1, orientation);
    decoded++;
    rc = read_page(pix, (int)i + 1, lim, doc, fn, ctx, err);
    pixDestroy(&pix);
  }
  if (rc == DX_OK && decoded == 0 && jpeg && !dx_jpeg_complete(data, len))
    rc = dx_error_set(err, DX_EFORMAT, "a JPEG cut short (no end-of-image marker): not decoded");
  else if (rc == DX_OK && decoded == 0)
    rc = dx_error_set(err, DX_EFORMAT, "a damaged %s image: no page could be decoded",
                      jpeg   ? "JPEG"
                      : tiff ? "TIFF"
                             : "PNG");
  return rc;
}
