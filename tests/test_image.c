/* Unit tests for image files (extract/image_meta.c, extract/image.c):
 * kinds by their first bytes, a JPEG's EXIF orientation, a TIFF's pages
 * counted along its directories, the limits, and a page read the way a
 * scanned PDF page is (images written here with Leptonica). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <leptonica/allheaders.h>

#include "extract_int.h"
#include "normalize_int.h"

static dx_limits lim;

static int setup(void **state) {
  (void)state;
  dx_limits_default(&lim);
  return 0;
}

static void test_kind(void **state) {
  (void)state;
  assert_string_equal(dx_image_kind((const uint8_t *)"\x89PNG\r\n\x1A\n....", 12), "png");
  assert_string_equal(dx_image_kind((const uint8_t *)"\xFF\xD8\xFF\xE0", 4), "jpeg");
  assert_string_equal(dx_image_kind((const uint8_t *)"II*\0\x08\0\0\0", 8), "tiff");
  assert_string_equal(dx_image_kind((const uint8_t *)"MM\0*\0\0\0\x08", 8), "tiff");
  assert_string_equal(dx_image_kind((const uint8_t *)"II+\0\x08\0\0\0", 8), "tiff");
  assert_null(dx_image_kind((const uint8_t *)"%PDF-1.7", 8));
  assert_null(dx_image_kind((const uint8_t *)"\x89PNG", 4)); /* cut inside the signature */
  assert_null(dx_image_kind((const uint8_t *)"II", 2));
  assert_null(dx_image_kind(NULL, 0));
}

/* A JPEG's first bytes: SOI, an APP0, then an APP1 holding EXIF in byte
 * order `be` whose IFD0 has a filler tag and then orientation o (type
 * `type`), then the start of the scan. */
static GByteArray *jpeg_head(bool be, int o, int type) {
  GByteArray *b = g_byte_array_new();
  uint8_t soi_app0[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 6, 'J', 'F', 'I', 'F'};
  g_byte_array_append(b, soi_app0, sizeof soi_app0);
  uint8_t t[8 + 2 + 24 + 4];
  memset(t, 0, sizeof t);
#define PUT16(p, v) ((p)[be ? 0 : 1] = (uint8_t)((v) >> 8), (p)[be ? 1 : 0] = (uint8_t)((v)&0xFF))
  static const uint8_t mm[4] = {'M', 'M', 0, '*'}, ii[4] = {'I', 'I', '*', 0};
  memcpy(t, be ? mm : ii, sizeof mm);
  t[be ? 7 : 4] = 8; /* IFD0 at 8 */
  PUT16(t + 8, 2);
  PUT16(t + 10, 0x010F); /* Make, ASCII: not looked at */
  PUT16(t + 12, 2);
  PUT16(t + 22, 0x0112);
  PUT16(t + 24, type);
  t[be ? 29 : 26] = 1; /* count 1 */
  PUT16(t + 30, o);
#undef PUT16
  size_t seg = 2 + 6 + sizeof t;
  uint8_t app1[] = {0xFF, 0xE1, (uint8_t)(seg >> 8), (uint8_t)seg, 'E', 'x', 'i', 'f', 0, 0};
  g_byte_array_append(b, app1, sizeof app1);
  g_byte_array_append(b, t, sizeof t);
  uint8_t sos[] = {0xFF, 0xDA, 0, 2, 0xFF, 0xD9};
  g_byte_array_append(b, sos, sizeof sos);
  return b;
}

static void test_exif_orientation(void **state) {
  (void)state;
  for (int be = 0; be < 2; be++)
    for (int o = 1; o <= 8; o++) {
      GByteArray *b = jpeg_head(be, o, 3);
      assert_int_equal(dx_jpeg_orientation(b->data, b->len), o);
      assert_true(dx_jpeg_complete(b->data, b->len));
      /* cut inside the EXIF block: no orientation, nothing read past
       * the end */
      for (guint cut = 4; cut < 40; cut += 5)
        assert_int_equal(dx_jpeg_orientation(b->data, cut), 1);
      assert_false(dx_jpeg_complete(b->data, b->len - 2));
      g_byte_array_free(b, TRUE);
    }
  GByteArray *b = jpeg_head(false, 9, 3); /* out of range */
  assert_int_equal(dx_jpeg_orientation(b->data, b->len), 1);
  g_byte_array_free(b, TRUE);
  b = jpeg_head(true, 6, 4); /* not a SHORT */
  assert_int_equal(dx_jpeg_orientation(b->data, b->len), 1);
  g_byte_array_free(b, TRUE);
  /* a segment whose length runs past the file */
  const uint8_t bad[] = {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E', 'x', 'i', 'f', 0, 0};
  assert_int_equal(dx_jpeg_orientation(bad, sizeof bad), 1);
  assert_int_equal(dx_jpeg_orientation((const uint8_t *)"\xFF\xD8", 2), 1);
}

/* A little-endian TIFF of n directories, each a page of w x h (two
 * entries: width and length), chained; loop: the last points back at
 * the first. */
static GByteArray *tiff_chain(int n, uint32_t w, uint32_t h, bool loop) {
  GByteArray *b = g_byte_array_new();
  g_byte_array_append(b, (const uint8_t *)"II*\0\x08\0\0\0", 8);
  for (int i = 0; i < n; i++) {
    uint32_t next = i == n - 1 ? (loop ? 8u : 0u) : b->len + 30u;
    uint8_t d[30] = {2, 0, 0, 1, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 4, 0, 1, 0, 0, 0};
    memcpy(d + 10, &w, 4); /* little-endian host */
    memcpy(d + 22, &h, 4);
    memcpy(d + 26, &next, 4);
    g_byte_array_append(b, d, sizeof d);
  }
  return b;
}

static void test_tiff_pages(void **state) {
  (void)state;
  GByteArray *b = tiff_chain(7, 1700, 2300, false);
  dx_tiff_page pages[7];
  assert_int_equal(dx_tiff_pages(b->data, b->len, 100, pages), 7);
  assert_int_equal(pages[6].width, 1700);
  assert_int_equal(pages[6].height, 2300);
  assert_int_equal(dx_tiff_pages(b->data, b->len, 7, NULL), 7);
  assert_int_equal(dx_tiff_pages(b->data, b->len, 6, NULL), 7); /* more than 6: stops at 7 */
  assert_int_equal(dx_tiff_pages(b->data, b->len, 3, NULL), 4);
  /* cut anywhere: the chain leaves the file */
  for (guint cut = 0; cut < b->len; cut += 7)
    assert_int_equal(dx_tiff_pages(b->data, cut, 100, NULL), -1);
  g_byte_array_free(b, TRUE);
  b = tiff_chain(3, 10, 10, true);
  assert_int_equal(dx_tiff_pages(b->data, b->len, 100, NULL), -1);
  g_byte_array_free(b, TRUE);
  /* 100 000 pages claimed: refused after max + 1, at once */
  b = tiff_chain(100000, 1, 1, false);
  gint64 t0 = g_get_monotonic_time();
  assert_int_equal(dx_tiff_pages(b->data, b->len, 5000, NULL), 5001);
  assert_true(g_get_monotonic_time() - t0 < 1000000);
  g_byte_array_free(b, TRUE);
}

/* A grey page image of w x h pixels at dpi, ruled with a box. */
static PIX *page_pix(int w, int h, int dpi) {
  PIX *p = pixCreate(w, h, 8);
  pixSetAllArbitrary(p, 255);
  for (int x = w / 10; x < w * 9 / 10; x++)
    for (int k = 0; k < 3; k++) {
      pixSetPixel(p, x, h / 10 + k, 0);
      pixSetPixel(p, x, h * 9 / 10 + k, 0);
    }
  pixSetResolution(p, dpi, dpi);
  return p;
}

static void test_limits(void **state) {
  (void)state;
  PIXA *pa = pixaCreate(3);
  for (int i = 0; i < 3; i++) {
    PIX *p = page_pix(170, 240, 20);
    PIX *bw = pixConvertTo1(p, 128);
    pixaAddPix(pa, bw, L_INSERT);
    pixDestroy(&p);
  }
  uint8_t *tif = NULL;
  size_t n = 0;
  assert_int_equal(pixaWriteMemMultipageTiff(&tif, &n, pa), 0);
  assert_int_equal(dx_tiff_pages(tif, n, 100, NULL), 3);
  dx_limits l = lim;
  dx_error err = {0};
  dx_doc *doc = NULL;
  l.max_pages = 2;
  assert_int_equal(dx_read_bytes(&doc, "a.pdf", tif, n, &l, &err), DX_ELIMIT);
  assert_non_null(strstr(err.message, "more than 2 pages"));
  l = lim;
  l.max_image_pixels = 170 * 240 - 1;
  assert_int_equal(dx_read_bytes(&doc, "a.pdf", tif, n, &l, &err), DX_ELIMIT);
  /* within the limits, the image reader takes it whatever its name
   * says (a page needing OCR elsewhere shows which reader it reached) */
  l = lim;
  l.ocr_elsewhere = true;
  assert_int_equal(dx_read_bytes(&doc, "a.docx", tif, n, &l, &err), DX_EOCR_ELSEWHERE);
  assert_null(doc);
  lept_free(tif);
  pixaDestroy(&pa);
  /* a PNG claiming more pixels than the limit: refused from its header */
  PIX *p = page_pix(300, 400, 50);
  uint8_t *png = NULL;
  assert_int_equal(pixWriteMemPng(&png, &n, p, 0), 0);
  l = lim;
  l.max_image_pixels = 300 * 400 - 1;
  assert_int_equal(dx_read_bytes(&doc, "x", png, n, &l, &err), DX_ELIMIT);
  assert_non_null(strstr(err.message, "300 x 400 pixels"));
  lept_free(png);
  pixDestroy(&p);
}

typedef struct seen {
  int pages;
  double w, h;
} seen;

static dx_code on_page(void *ctx, const dx_page *pg, dx_error *err) {
  (void)err;
  seen *s = ctx;
  s->pages++;
  s->w = pg->width;
  s->h = pg->height;
  return DX_OK;
}

/* A JPEG stored lying on its side with EXIF orientation 6 is read
 * upright: its page is tall, as the picture is shown; its resolution
 * (JFIF density) gives the page's size in points. */
static void test_jpeg_upright(void **state) {
  (void)state;
  PIX *p = page_pix(1100, 800, 100); /* stored lying: 11 x 8 in */
  uint8_t *jpg = NULL;
  size_t n = 0;
  assert_int_equal(pixWriteMemJpeg(&jpg, &n, p, 90, 0), 0);
  GByteArray *head = jpeg_head(false, 6, 3);
  GByteArray *b = g_byte_array_new();
  g_byte_array_append(b, jpg, 2);                      /* SOI */
  g_byte_array_append(b, head->data + 10, 6 + 4 + 38); /* APP1 alone */
  g_byte_array_append(b, jpg + 2, (guint)n - 2);
  assert_int_equal(dx_jpeg_orientation(b->data, b->len), 6);
  dx_doc *doc = dx_doc_new("upright.jpg", &lim);
  seen s = {0};
  dx_error err = {0};
  dx_limits l = lim;
  l.ocr_engine = DX_OCR_TESSERACT; /* what reads it does not matter here */
  assert_int_equal(dx_image_pages(doc, b->data, b->len, &l, on_page, &s, &err), DX_OK);
  assert_int_equal(doc->format, DX_FORMAT_JPEG);
  assert_string_equal(dx_format_name(doc->format), "jpeg");
  assert_int_equal(doc->pages, 1);
  assert_int_equal(s.pages, 1);
  assert_float_equal(s.w, 8 * 72, 0.01);
  assert_float_equal(s.h, 11 * 72, 0.01);
  dx_doc_free(doc);
  g_byte_array_free(b, TRUE);
  g_byte_array_free(head, TRUE);
  lept_free(jpg);
  pixDestroy(&p);
}

/* No believable resolution (a phone's 72 dpi on 3000 pixels would be a
 * 42-inch page): the image is taken for an A4 sheet, upright or lying as
 * its sides are. */
static void test_resolution_guessed(void **state) {
  (void)state;
  PIX *p = page_pix(3000, 2121, 72);
  uint8_t *png = NULL;
  size_t n = 0;
  assert_int_equal(pixWriteMemPng(&png, &n, p, 0), 0);
  dx_doc *doc = dx_doc_new("guess.png", &lim);
  seen s = {0};
  dx_error err = {0};
  dx_limits l = lim;
  l.ocr_engine = DX_OCR_TESSERACT;
  assert_int_equal(dx_image_pages(doc, png, n, &l, on_page, &s, &err), DX_OK);
  assert_int_equal(doc->format, DX_FORMAT_PNG);
  assert_float_equal(s.w, 842, 1);
  assert_float_equal(s.h, 595.3, 1);
  bool warned = false;
  for (guint i = 0; i < doc->warnings->len; i++)
    warned |= strcmp(((dx_warning *)doc->warnings->pdata[i])->code, "resolution_guessed") == 0;
  assert_true(warned);
  dx_doc_free(doc);
  lept_free(png);
  pixDestroy(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kind),         cmocka_unit_test(test_exif_orientation),
      cmocka_unit_test(test_tiff_pages),   cmocka_unit_test(test_limits),
      cmocka_unit_test(test_jpeg_upright), cmocka_unit_test(test_resolution_guessed),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
