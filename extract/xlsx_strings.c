/* xlsx_strings.c — text in a workbook: the shared string table
 * (sharedStrings.xml, 18.4) and the rich text of a string item, whether
 * shared (si) or inline (is): its t, or its runs' t joined in order;
 * phonetic guides (rPh) are not text of the cell. A run whose font is a
 * symbol font (rFont Wingdings) has its checkbox characters unified as
 * the DOCX reader's are.
 */
#include "xlsx_int.h"

#include <string.h>

/* ---- a string item ------------------------------------------------------------ */

/* Whether UTF-8 text holds a character of the symbol fonts' private
 * range (U+F000-U+F0FF: EF 80 80 to EF 83 BF). */
static bool has_symbol_pua(const char *s, size_t len) {
  for (const char *p = s, *end = s + len; (p = memchr(p, 0xEF, (size_t)(end - p))); p++)
    if (end - p >= 3 && (uint8_t)p[1] >= 0x80 && (uint8_t)p[1] <= 0x83) return true;
  return false;
}

void dx_xl_symbol_append(GString *out, const char *s, size_t len, const char *family) {
  if (family || has_symbol_pua(s, len))
    dx_symbol_text_append(out, s, family);
  else /* nothing to unify: as it is */
    g_string_append(out, s);
}

void dx_xl_rich_begin(xl_rich *r, GString *out) {
  r->out = out;
  r->family = NULL;
  r->in_t = false;
  if (!r->t) r->t = g_string_new(NULL);
}

bool dx_xl_rich_start(xl_rich *r, int rel, const char *name, bool main, const xl_attrs *a) {
  if (!main || r->in_t) return false; /* rPh, phoneticPr and the rest: not looked at */
  if (strcmp(name, "t") == 0) {
    g_string_truncate(r->t, 0);
    r->in_t = true;
    return true;
  }
  if (rel == 1 && strcmp(name, "r") == 0) {
    r->family = NULL;
    return true;
  }
  if (rel == 2 && strcmp(name, "rPr") == 0) return true;
  if (rel == 3 && strcmp(name, "rFont") == 0) {
    char v[64];
    r->family = dx_xl_sax_attr(a, "val", v, sizeof v) ? dx_symbol_family(v) : NULL;
  }
  return false;
}

void dx_xl_rich_end(xl_rich *r, const char *name) {
  if (!r->in_t || strcmp(name, "t") != 0) return;
  r->in_t = false;
  if (memchr(r->t->str, '_', r->t->len)) dx_xl_unescape(r->t);
  dx_xl_symbol_append(r->out, r->t->str, r->t->len, r->family);
}

void dx_xl_rich_chars(xl_rich *r, const char *s, int len) {
  if (r->in_t) g_string_append_len(r->t, s, len);
}

void dx_xl_rich_free(xl_rich *r) {
  if (r->t) g_string_free(r->t, TRUE);
  r->t = NULL;
}

/* ---- the shared string table ----------------------------------------------------- */

typedef struct sst_read {
  xl_book *b;
  const char *part;
  xl_rich rich;
} sst_read;

static bool sst_start(void *ctx, int depth, const char *name, bool main, const xl_attrs *a) {
  sst_read *sr = ctx;
  xl_book *b = sr->b;
  if (depth == 0) {
    if (!main || strcmp(name, "sst") != 0)
      dx_xl_fail(b, DX_EFORMAT, "%s is not a shared string table", sr->part);
    return true;
  }
  if (depth > 1) return dx_xl_rich_start(&sr->rich, depth - 1, name, main, a);
  if (!main || strcmp(name, "si") != 0) return false;
  /* a sheet refers to at most one string a cell */
  if (b->sst.start->len >= b->lim->max_cells) {
    dx_xl_fail(b, DX_ELIMIT, "%s holds more than %zu strings, the cell limit", sr->part,
               b->lim->max_cells);
    return false;
  }
  size_t at = b->sst.text->len;
  g_array_append_val(b->sst.start, at);
  dx_xl_rich_begin(&sr->rich, b->sst.text);
  return true;
}

static void sst_end(void *ctx, int depth, const char *name) {
  sst_read *sr = ctx;
  if (depth == 1)
    g_string_append_c(sr->b->sst.text, '\0');
  else if (depth > 1)
    dx_xl_rich_end(&sr->rich, name);
}

static void sst_text(void *ctx, const char *s, int len) {
  dx_xl_rich_chars(&((sst_read *)ctx)->rich, s, len);
}

dx_code dx_xl_read_strings(xl_book *b, const char *part) {
  b->sst.text = g_string_new(NULL);
  b->sst.start = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (!part) return DX_OK;
  static const xl_sax h = {sst_start, sst_end, sst_text};
  sst_read sr = {.b = b, .part = part};
  dx_xl_sax_parse(b, part, true, &h, &sr);
  dx_xl_rich_free(&sr.rich);
  return b->rc;
}

void dx_xl_sst_free(xl_sst *sst) {
  if (sst->text) g_string_free(sst->text, TRUE);
  if (sst->start) g_array_free(sst->start, TRUE);
  memset(sst, 0, sizeof *sst);
}

const char *dx_xl_sst_get(const xl_book *b, size_t i) {
  if (!b->sst.start || i >= b->sst.start->len) return NULL;
  return b->sst.text->str + g_array_index(b->sst.start, size_t, i);
}
