/* funds.c — money: amounts in 万元 (a unit converted, or left for the
 * form's 金额单位 note to decide), the fund totals and breakdown entries
 * of a declaration, and its funds object. */
#include "map_int.h"

#include <math.h>
#include <string.h>

int map_money_col(const char *role) {
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (strcmp(MONEY_KEYS[i], role) == 0) return i;
  return COL_CURRENT;
}

/* True when a list being read has a 金额（元） heading over `col`. */
static bool column_in_yuan(const ctx *x, int col) {
  bool in_list = x->mode == M_MONEY || x->mode == M_ITEMS || x->mode == M_SUMMARY;
  return in_list && col >= 0 && col < 64 && (x->yuan_cols >> col & 1);
}

/* A 合计 amount in 万元, for the sum checks. *unitless: written without a
 * unit and not under a 金额（元） heading (the form's 元 note, known only
 * when the form is complete, may still convert it). */
bool map_total_amount(const ctx *x, int col, const char *raw, double *v, bool *unitless) {
  int u;
  if (!dx_amount_parse(v, &u, dx_rules_lexicon(x->rs), raw)) return false;
  if (u == 0 && column_in_yuan(x, col)) {
    *v /= 10000.0;
    u = 2;
  }
  *unitless = u == 0;
  return true;
}

/* The longest run of ocr_unit characters a misread unit has. */
#define MISREAD_UNIT_CHARS 2

/* On a scan, an amount whose unit OCR misread (ocr_unit: 120力儿 for
 * 120万元, a fax's thinned 万元): the amount before it, as one written
 * without a unit (*unit 0: the form's 金额单位 note, else 万元 assumed,
 * decides, as for 120 with its unit read as nothing). */
static bool misread_unit_amount(ctx *x, const char *raw, double *v, int *unit) {
  if (!x->scanned) return false;
  const char *end = raw + strlen(raw), *cut = end;
  for (int n = 1; n <= MISREAD_UNIT_CHARS && cut > raw; n++) {
    cut = g_utf8_prev_char(cut);
    if (!map_unit_misread(x, DX_CAT_OCR_UNIT, cut)) continue;
    char *num = g_strndup(raw, (gsize)(cut - raw));
    bool ok = dx_amount_parse(v, unit, dx_rules_lexicon(x->rs), num) && *unit == 0;
    g_free(num);
    if (ok) return true;
  }
  return false;
}

/* On a scan, an amount OCR read with points for its thousands commas
 * (2.300.5 for 2,300.5: a fax's comma is a dot whose tail it lost),
 * which ocr_amount tells from an amount (a number has one point): the
 * amount with every point of its number but the last a comma. */
static bool misread_comma_amount(ctx *x, const char *raw, double *v, int *unit) {
  if (!x->scanned) return false;
  char *k = dx_label_key(raw);
  bool ok = *k && dx_rules_match(x->rs, DX_CAT_OCR_AMOUNT, k);
  g_free(k);
  if (!ok) return false;
  char *fixed = g_strdup(raw);
  char *last = NULL;
  for (char *p = fixed; *p && (g_ascii_isdigit(*p) || *p == '.'); p++)
    if (*p == '.') {
      if (last) *last = ',';
      last = p;
    }
  ok = dx_amount_parse(v, unit, dx_rules_lexicon(x->rs), fixed);
  g_free(fixed);
  return ok;
}

/* An amount FIELD in 万元 (contract: funds). */
dx_field *map_amount_field(ctx *x, const char *raw, const where *w) {
  if (!*raw) {
    dx_field *f = map_field_new(x, FV_NULL, "", CONF_EMPTY, w);
    map_field_flag(x, f, "empty");
    return f;
  }
  double v;
  int unit;
  bool repaired = false;
  if (!dx_amount_parse(&v, &unit, dx_rules_lexicon(x->rs), raw) &&
      !misread_unit_amount(x, raw, &v, &unit) &&
      !(repaired = misread_comma_amount(x, raw, &v, &unit))) {
    dx_field *f = map_field_new(x, FV_NULL, raw, CONF_UNPARSED, w);
    map_field_flag(x, f, "value_unparsed");
    return f;
  }
  if (unit == 0 && w->table >= 0 && column_in_yuan(x, w->col)) {
    v /= 10000.0; /* a column headed 金额（元） */
    unit = 2;
  }
  dx_field *f = map_field_new(x, map_fv_number(round(v * 1e6) / 1e6), raw,
                              repaired ? CONF_REPAIRED : CONF_EXACT, w);
  if (unit == 2) {
    map_field_flag(x, f, "unit_converted");
    dx_field_conf(f, CONF_UNIT_CONVERTED);
  } else if (unit == 0 && x->cur) {
    g_ptr_array_add(x->cur->unitless, f); /* decided when the form is complete */
  }
  return f;
}

/* Sets a total: the first wins, but a filled one replaces an empty one.
 * (A FIELD not kept stays in the record's pool, unwritten.) */
void map_set_total(ctx *x, int col, dx_field *f) {
  decl *d = map_cur_decl(x);
  dx_field **t = &d->out->totals[col];
  if (!*t || (dx_field_is_empty(*t) && !dx_field_is_empty(f))) {
    *t = f;
    d->content++;
  }
}

/* A breakdown entry: entries with the same source and label in the same
 * block are one entry (one row read across its columns). */
void map_add_money(ctx *x, const char *source, const char *label, int col, dx_field *f,
                   bool is_total) {
  decl *d = map_cur_decl(x);
  bentry *b = NULL;
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *e = g_ptr_array_index(d->bk, i);
    if (e->group == x->group && strcmp(e->source, source) == 0 && strcmp(e->label, label) == 0 &&
        (!e->f[col] || dx_field_is_empty(e->f[col]))) {
      b = e;
      break;
    }
  }
  if (!b) {
    b = g_new0(bentry, 1);
    b->source = source;
    b->label = g_strdup(label);
    const char *fam = dx_rules_match(x->rs, DX_CAT_FUND_FAMILY, source);
    b->family = fam ? atoi(fam) : 0;
    b->is_total = is_total;
    b->group = x->group;
    g_ptr_array_add(d->bk, b);
  }
  if (!b->f[col] || (dx_field_is_empty(b->f[col]) && !dx_field_is_empty(f))) b->f[col] = f;
  d->content++;
}

/* The fund label text kept in a breakdown entry: the label as written,
 * without 其中 and colons. */
char *map_money_label(ctx *x, const char *raw) {
  GString *out = g_string_new(NULL);
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isspace(c) && c != 0x3000) g_string_append_unichar(out, c);
  }
  /* the part prefix is matched on the folded text; the label keeps the
   * characters as written, so cut as many characters as the prefix had */
  char *folded = dx_text_fold(out->str);
  char *rest = dx_rules_strip(x->rs, DX_CAT_PART_PREFIX, folded, false);
  glong cut = g_utf8_strlen(folded, -1) - g_utf8_strlen(rest, -1);
  char *res = g_strdup(g_utf8_offset_to_pointer(out->str, cut));
  g_free(folded);
  g_free(rest);
  size_t clen = 0;
  char *colon = (char *)dx_text_colon(res, true, &clen);
  if (colon && colon[clen] == '\0') *colon = '\0'; /* a label's own colon */
  g_string_free(out, TRUE);
  return res;
}

/* The label of a breakdown entry labelled l, written raw: as written
 * (map_money_label), or, when l matched only approximately, as its rule
 * writes it (a typist puts back the 一 a fax dropped). */
char *map_label_text(ctx *x, label l, const char *raw) {
  return l.fuzzy && l.near ? g_strdup(l.near) : map_money_label(x, raw);
}

/* The declaration's breakdown from the entries read. */
void map_money_finish(ctx *x, decl *d) {
  for (guint i = 0; i < d->bk->len; i++) {
    const bentry *b = g_ptr_array_index(d->bk, i);
    dx_fund_entry *e = dx_record_alloc(x->rec, sizeof *e);
    e->source = dx_record_strdup(x->rec, b->source);
    e->label = dx_record_strdup(x->rec, b->label);
    for (int col = 0; col < NCOLS_MONEY; col++) e->amount[col] = b->f[col];
    DX_LIST_PUSH(x->rec, d->out->breakdown, e);
  }
}
