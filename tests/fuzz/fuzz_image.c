/* Fuzz target: image file headers as the image reader walks them before
 * any pixel is decoded (extract/image_meta.c): the content test, a
 * JPEG's EXIF orientation and its end marker, a TIFF's (or BigTIFF's)
 * chain of directories and each page's size. Decoding is Leptonica's,
 * and OCR is not run here: both are bounded by the limits these walks
 * check first. */
#include "extract_int.h"
#include "fuzz_common.h"

/* Pages a walk may report: past it, the walk stops (as max_pages does). */
enum { FUZZ_TIFF_PAGES = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *kind = dx_image_kind(data, size);
  int o = dx_jpeg_orientation(data, size);
  if (o < 1 || o > 8) __builtin_trap(); /* a documented range */
  (void)dx_jpeg_complete(data, size);
  dx_tiff_page pages[FUZZ_TIFF_PAGES];
  long n = dx_tiff_pages(data, size, FUZZ_TIFF_PAGES, pages);
  if (n > FUZZ_TIFF_PAGES + 1 || n < -1) __builtin_trap();
  (void)kind;
  return 0;
}
