/* Fuzz target: word/document.xml alone, then stage three. */
#include "extract_int.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dx_doc *doc = NULL;
  dx_error err;
  if (dx_docx_read_xml(&doc, "fuzz.xml", data, size, fuzz_limits(), &err) == DX_OK) {
    fuzz_finish(doc);
    dx_doc_free(doc);
  }
  return 0;
}
