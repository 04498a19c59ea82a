/* Fuzz target: OFD bytes through the package, XML, drawing of pages
 * (templates, objects, paths), checkboxes, OCR of image pages, layout,
 * rules and JSON. */
#include "normalize_int.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static dx_limits lim;
  if (!lim.max_pages) {
    lim = *fuzz_limits();
    lim.max_pages = 20;
    lim.max_page_pixels = (size_t)2 << 20; /* checkboxes' rendering */
  }
  dx_doc *doc = NULL;
  dx_error err;
  if (dx_ofd_read(&doc, "fuzz.ofd", data, size, &lim, &err) == DX_OK) {
    fuzz_finish(doc);
    dx_doc_free(doc);
  }
  return 0;
}
