/* Fuzz target: PDF bytes through poppler, ruling-line detection, layout,
 * rules and JSON. */
#include "normalize_int.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static dx_limits lim;
  if (!lim.max_pages) {
    lim = *fuzz_limits();
    lim.max_pages = 20;                    /* every page is rendered */
    lim.max_page_pixels = (size_t)2 << 20; /* A4 at 1.5 px/pt is ~1.1 Mpx */
  }
  dx_doc *doc = NULL;
  dx_error err;
  if (dx_pdf_read(&doc, "fuzz.pdf", data, size, &lim, &err) == DX_OK) {
    fuzz_finish(doc);
    dx_doc_free(doc);
  }
  return 0;
}
