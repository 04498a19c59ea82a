/* Shared set-up for the fuzz targets: tight limits so each input runs
 * fast, and the rules loaded once. */
#ifndef DX_FUZZ_COMMON_H
#define DX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "dx_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline dx_ruleset *fuzz_rules(void) {
  static dx_ruleset *rs;
  if (!rs) {
    dx_error err;
    rs = dx_rules_load(NULL, &err);
  }
  return rs;
}

static inline const dx_limits *fuzz_limits(void) {
  static dx_limits lim;
  static int init;
  if (!init) {
    dx_limits_default(&lim);
    lim.max_part_bytes = (size_t)8 << 20;
    lim.max_table_rows = 20000;
    lim.max_cells = 200000;
    lim.max_arena_bytes = (size_t)64 << 20;
    /* a page without text goes to OCR: small and short there */
    lim.max_ocr_pixels = (size_t)1 << 20;
    lim.ocr_deadline_ms = 2000;
    /* tesseract, not PP-OCRv4: ONNX Runtime's one-time allocations have
     * stacks LeakSanitizer cannot walk (no frame pointers), so
     * tests/lsan.supp cannot name them, and one inference is ~1 s */
    lim.ocr_engine = DX_OCR_TESSERACT;
    dx_rules_layout_words(fuzz_rules(), &lim); /* as declx reads */
    /* legacy files are told apart (libgsf reads OLE2 directories), not
     * handed to LibreOffice: seconds each */
    lim.convert_timeout_ms = -1;
    init = 1;
  }
  return &lim;
}

/* Runs stage three on a model and serialises it, as declx would. */
static inline void fuzz_finish(dx_doc *doc) {
  json_t *j = dx_doc_to_json(fuzz_rules(), doc);
  char *s = dx_json_dump(j, false);
  g_free(s);
  json_decref(j);
  char *d = dx_doc_dump_text(doc);
  g_free(d);
  d = dx_doc_dump_json(doc);
  g_free(d);
}

#endif
