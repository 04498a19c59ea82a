/* xlsx_xml.c — a workbook's parts inflated under the workbook's limits
 * (each part, and all of them together), a DOCTYPE refused before
 * parsing; xlsx_sax.c streams them. Cell references and ST_Xstring
 * escapes are read here too.
 */
#include "xlsx_int.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

/* All parts of one workbook together may inflate to this many times the
 * one-part limit: a bomb spread over many small parts (each under the
 * ratio check's first MiB) is stopped too. */
enum { TOTAL_PARTS = 4 };

dx_code dx_xl_failed(xl_book *b, dx_code code) {
  if (b->rc == DX_OK) b->rc = code;
  return b->rc;
}

dx_code dx_xl_inflate(xl_book *b, const char *part, bool optional, uint8_t **data, size_t *len) {
  *data = NULL;
  *len = 0;
  if (b->rc != DX_OK) return b->rc;
  if (optional && zip_name_locate(b->za, part, 0) < 0) return DX_OK;
  size_t total = b->lim->max_part_bytes * TOTAL_PARTS;
  if (b->inflated >= total)
    return dx_xl_fail(b, DX_ELIMIT,
                      "the workbook's parts inflate past %zu bytes together (zip bomb?)", total);
  dx_limits lim = *b->lim;
  lim.max_part_bytes = MIN(lim.max_part_bytes, total - b->inflated);
  dx_code rc = dx_zip_read_part(data, len, b->za, part, "an XLSX", &lim, b->err);
  if (rc == DX_ELIMIT && lim.max_part_bytes < b->lim->max_part_bytes) /* the budget, not the part */
    return b->rc = dx_error_set(b->err, rc,
                                "the workbook's parts inflate past %zu bytes together (zip bomb?)",
                                total);
  if (rc != DX_OK) return b->rc = rc;
  b->inflated += *len;
  if (dx_xml_has_doctype(*data, *len))
    return dx_xl_fail(b, DX_EFORMAT, "%s has a DOCTYPE, which XLSX never has", part);
  if (*len > INT_MAX) return dx_xl_fail(b, DX_ELIMIT, "%s larger than the limit", part);
  return DX_OK;
}

/* ---- ST_Xstring escapes --------------------------------------------------- */

static int hexval(char c) {
  return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* 22.9.2.19: a character XML cannot hold is written _xHHHH_ (UTF-16
 * code unit), and a literal "_x" before four hex digits and "_" is
 * escaped as _x005F_. */
void dx_xl_unescape(GString *s) {
  GString *out = g_string_sized_new(s->len);
  for (size_t i = 0; i < s->len;) {
    const char *p = s->str + i;
    unsigned v = 0;
    bool esc = i + 7 <= s->len && p[0] == '_' && p[1] == 'x' && p[6] == '_';
    for (int k = 2; esc && k < 6; k++) {
      int h = hexval(p[k]);
      esc = h >= 0;
      v = v * 16 + (unsigned)(h < 0 ? 0 : h);
    }
    if (!esc) {
      g_string_append_c(out, s->str[i++]);
      continue;
    }
    i += 7;
    if (v == 0x0D) continue; /* _x000D_ before a line feed: one break */
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) continue;
    g_string_append_unichar(out, v);
  }
  g_string_assign(s, out->str);
  g_string_free(out, TRUE);
}

/* ---- cell references -------------------------------------------------------- */

bool dx_xl_ref(const char *ref, int *row, int *col) {
  const char *p = ref;
  if (*p == '$') p++;
  long c = 0, r = 0;
  int letters = 0;
  for (; g_ascii_isalpha(*p) && letters < 4; p++, letters++)
    c = c * 26 + (g_ascii_toupper(*p) - 'A' + 1);
  if (*p == '$') p++;
  int digits = 0;
  for (; g_ascii_isdigit(*p) && digits < 8; p++, digits++) r = r * 10 + (*p - '0');
  if (*p || letters == 0 || digits == 0 || c > XL_MAX_COLS || r < 1 || r > XL_MAX_ROWS)
    return false;
  *row = (int)r - 1;
  *col = (int)c - 1;
  return true;
}

void dx_xl_ref_name(char *buf, size_t size, int row, int col) {
  char letters[8];
  int n = 0;
  for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
  GString *s = g_string_new(NULL);
  while (n > 0) g_string_append_c(s, letters[--n]);
  g_string_append_printf(s, "%d", row + 1);
  g_strlcpy(buf, s->str, size);
  g_string_free(s, TRUE);
}

bool dx_xl_range(const char *ref, int *r0, int *c0, int *r1, int *c1) {
  char a[24];
  const char *colon = strchr(ref, ':');
  size_t n = colon ? (size_t)(colon - ref) : strlen(ref);
  if (n >= sizeof a) return false;
  memcpy(a, ref, n);
  a[n] = 0;
  if (!dx_xl_ref(a, r0, c0)) return false;
  if (!colon) {
    *r1 = *r0;
    *c1 = *c0;
    return true;
  }
  if (!dx_xl_ref(colon + 1, r1, c1)) return false;
  int t;
  if (*r1 < *r0) t = *r0, *r0 = *r1, *r1 = t;
  if (*c1 < *c0) t = *c0, *c0 = *c1, *c1 = t;
  return true;
}
