/* Fuzz target: stage two's page layout alone. The input is read as
 * pages of glyphs and ruling lines (each record a byte of kind and four
 * 16-bit coordinates), laid out, then mapped and serialised. */
#include "normalize_int.h"
#include "fuzz_common.h"

static float coord(const uint8_t *p) {
  return (float)((p[0] | (p[1] << 8)) % 9000) / 10.0f; /* 0 .. 900 pt */
}

/* Lays out the page collected so far and starts the next one. */
static dx_code flush(dx_layout *L, int number, GArray *gl, GArray *rules, dx_error *err) {
  dx_page pg = {.number = number,
                .width = 595,
                .height = 842,
                .origin = DX_ORIGIN_PDF,
                .confidence = 1.0,
                .glyphs = (dx_glyph *)(void *)gl->data,
                .nglyphs = gl->len,
                .rules = (dx_rule *)(void *)rules->data,
                .nrules = rules->len};
  dx_code rc = dx_layout_page(L, &pg, err);
  g_array_set_size(gl, 0);
  g_array_set_size(rules, 0);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint32_t CPS[] = {0x9879, 0x76EE, 0x540D, 0x79F0, '1', '2', '%',    0x2265,
                                 0x3001, 0x3002, 0x2610, 0x2611, 'a', ' ', 0xFF08, 0xFF09};
  const dx_limits *lim = fuzz_limits();
  dx_doc *doc = dx_doc_new("fuzz.pdf", lim);
  if (!doc) return 0;
  doc->format = DX_FORMAT_PDF;
  dx_layout *L = dx_layout_new(doc, lim);
  GArray *gl = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_error err;
  int page = 1;
  dx_code rc = DX_OK;
  for (size_t i = 0; i + 9 <= size && rc == DX_OK && page <= 8; i += 9) {
    const uint8_t *r = data + i;
    float x0 = coord(r + 1), y0 = coord(r + 3), x1 = coord(r + 5), y1 = coord(r + 7);
    switch (r[0] % 4) {
    case 0: { /* glyph */
      dx_glyph g = {.cp = CPS[r[0] / 4 % G_N_ELEMENTS(CPS)],
                    .box = {MIN(x0, x1), MIN(y0, y1), MAX(x0, x1), MAX(y0, y1)},
                    .size = (float)(r[8] % 30),
                    .space_before = r[8] & 1};
      g_array_append_val(gl, g);
      break;
    }
    case 1: { /* horizontal rule */
      dx_rule q = {MIN(x0, x1), y0, MAX(x0, x1), y0, 0.5f};
      g_array_append_val(rules, q);
      break;
    }
    case 2: { /* vertical rule */
      dx_rule q = {x0, MIN(y0, y1), x0, MAX(y0, y1), 0.5f};
      g_array_append_val(rules, q);
      break;
    }
    default: /* next page */
      rc = flush(L, page++, gl, rules, &err);
    }
  }
  if (rc == DX_OK) rc = flush(L, page, gl, rules, &err);
  if (rc == DX_OK) rc = dx_layout_finish(L, &err);
  dx_layout_free(L);
  g_array_free(gl, TRUE);
  g_array_free(rules, TRUE);
  if (rc == DX_OK) fuzz_finish(doc);
  dx_doc_free(doc);
  return 0;
}
