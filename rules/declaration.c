/* declaration.c — a declaration while it is read (begun at its title, given
 * its fields, each value assigned to what its label names) and finished:
 * its amounts' unit decided, its sums checked, its confidence found, and
 * the declaration added to the record. */
#include "map_int.h"

#include <math.h>
#include <string.h>

/* flag: a literal (the record keeps the pointer) */
void map_decl_flag(ctx *x, decl *d, const char *flag) {
  dx_flags_add(x->rec, &d->out->flags, flag);
}

static decl *decl_new(ctx *x) {
  decl *d = g_new0(decl, 1);
  d->out = dx_record_alloc(x->rec, sizeof *d->out);
  d->table_index = -1;
  d->bk = g_ptr_array_new();
  d->unitless = g_ptr_array_new();
  d->value_only = g_ptr_array_new();
  return d;
}

/* Frees what reading d took; d->out stays in the record's pool (and in
 * its declarations once finished). */
void map_decl_free(decl *d) {
  if (!d) return;
  g_free(d->title);
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *b = g_ptr_array_index(d->bk, i);
    g_free(b->label);
    g_free(b);
  }
  g_ptr_array_free(d->bk, TRUE);
  g_ptr_array_free(d->unitless, TRUE);
  g_ptr_array_free(d->value_only, TRUE);
  g_free(d);
}

decl *map_cur_decl(ctx *x) {
  if (!x->cur) x->cur = decl_new(x);
  return x->cur;
}

void map_note_table(ctx *x, const where *w) {
  decl *d = map_cur_decl(x);
  if (w->table >= 0 && d->table_index < 0) d->table_index = w->table;
  if (w->page) {
    if (!d->page_start || w->page < d->page_start) d->page_start = w->page;
    if (w->page > d->page_end) d->page_end = w->page;
  }
}

/* Sets a field: the first value wins, but a filled value replaces an
 * empty one (a form may repeat a label with the value in the second). */
void map_set_field(ctx *x, int fi, dx_field *f) {
  decl *d = map_cur_decl(x);
  dx_field **cur = &d->out->fields[fi];
  if (!*cur || (dx_field_is_empty(*cur) && !dx_field_is_empty(f))) {
    *cur = f;
    d->content++;
    if (fi == map_field_index("staff_quota") || fi == map_field_index("staff_actual"))
      d->dept_hint = true;
  }
}

/* Assigns `value` (cell text) to what label l names; a fund source is a
 * part in money column `part_col`. */
void map_assign(ctx *x, label l, const char *value, const where *w, int part_col) {
  decl *d = map_cur_decl(x);
  map_note_table(x, w);
  if (l.cat == DX_CAT_FIELD) {
    dx_field *f = map_make_field(x, map_field_index(l.key), value, w);
    if (l.fuzzy) {
      map_field_flag(x, f, "label_fuzzy");
      dx_field_conf(f, CONF_FUZZY);
    }
    map_set_field(x, map_field_index(l.key), f);
  } else if (l.cat == DX_CAT_FUND_TOTAL) {
    dx_field *f = map_amount_field(x, value, w);
    if (l.fuzzy) {
      map_field_flag(x, f, "label_fuzzy");
      dx_field_conf(f, CONF_FUZZY);
    }
    map_set_total(x, map_money_col(l.key), f);
  } else if (l.cat == DX_CAT_FUND_SOURCE) {
    /* 合计 inside a 三公经费 block is the 三公经费 total, not the form's */
    bool total = strcmp(l.key, "total") == 0 && !x->three_public;
    dx_field *f = map_amount_field(x, value, w);
    if (l.fuzzy) {
      map_field_flag(x, f, "label_fuzzy");
      dx_field_conf(f, CONF_FUZZY);
    }
    map_add_money(x, total || !x->three_public ? l.key : "three_public", l.label ? l.label : "",
                  part_col, f, total);
  } else if (l.cat == DX_CAT_UNIT_NOTE) {
    char *k = dx_label_key(value);
    if (dx_rules_match(x->rs, DX_CAT_WAN_UNIT, k))
      d->money_known = true;
    else if (dx_rules_match(x->rs, DX_CAT_YUAN_UNIT, k))
      d->money_yuan = true;
    g_free(k);
  }
}

int map_year_of(const char *s) {
  for (const char *p = s; *p; p++)
    if ((p[0] == '1' || p[0] == '2') && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
        g_ascii_isdigit(p[3]) && (p == s || !g_ascii_isdigit(p[-1])) && !g_ascii_isdigit(p[4])) {
      int y = atoi(p);
      if (y >= DX_YEAR_MIN && y <= DX_YEAR_MAX) return y;
    }
  return 0;
}

/* A project's dates lie within this many years of its form's fiscal
 * year; a year further off one digit away from it is that year misread
 * (a fax's 2 read 7: 2073 for 2023). */
#define YEAR_FAR 10

void map_year_repair(const ctx *x, char *iso) {
  const decl *d = x->cur;
  if (!x->scanned || !d || !d->year || !iso || strlen(iso) < 4) return;
  char fiscal[8];
  g_snprintf(fiscal, sizeof fiscal, "%04d", d->year);
  int differ = 0;
  for (int i = 0; i < 4; i++) {
    if (!g_ascii_isdigit(iso[i])) return;
    differ += iso[i] != fiscal[i];
  }
  if (differ == 1 && abs(atoi(iso) - d->year) > YEAR_FAR) memcpy(iso, fiscal, 4);
}

static const char *form_of(ctx *x, const decl *d) {
  if (d->title) {
    char *k = dx_label_key(d->title);
    const char *f = dx_rules_match(x->rs, DX_CAT_FORM, k);
    g_free(k);
    if (f) return f;
  }
  if (d->out->summary.n) return "special_fund_summary";
  if (d->dept_hint) return "department_overall";
  if (d->out->fields[map_field_index("project_name")] || d->out->indicators.n)
    return "project_expenditure";
  return "unknown";
}

/* Keep a form only when it holds at least this much: one label-value
 * pair or a lone title is not a declaration. */
#define MIN_CONTENT 2

/* The amounts written without a unit: in 元 when the form says so (and
 * never 万元), else assumed 万元. */
static void decide_units(ctx *x, decl *d) {
  if (d->money_yuan && !d->money_known) { /* totals the sums are checked against */
    for (int i = 0; i < NCOLS_MONEY; i++)
      if (d->items_total_unitless[i]) d->items_total[i] /= 10000.0;
    if (d->summary_total_unitless) d->summary_total /= 10000.0;
  }
  for (guint i = 0; i < d->unitless->len; i++) {
    dx_field *f = g_ptr_array_index(d->unitless, i);
    if (d->money_yuan && !d->money_known) { /* 金额单位：元 */
      double v;
      dx_field_number(f, &v);
      f->kind = DX_FV_NUMBER;
      f->num = round(v / 10000.0 * 1e6) / 1e6;
      map_field_flag(x, f, "unit_converted");
      dx_field_conf(f, CONF_UNIT_CONVERTED / CONF_EXACT);
    } else if (!d->money_known) {
      map_field_flag(x, f, "unit_assumed");
      dx_field_conf(f, CONF_UNIT_ASSUMED / CONF_EXACT);
    }
  }
}

/* The declaration's confidence: the least of its required parts'
 * (project_name or department, the totals, the indicators), lowered
 * when a cross-check failed. */
double map_decl_conf(const dx_declaration *o) {
  double conf = 1.0;
  const dx_field *name = o->fields[map_field_index("project_name")];
  if (!name) name = o->fields[map_field_index("department")];
  if (name) conf = MIN(conf, name->confidence);
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (!dx_field_is_empty(o->totals[i])) conf = MIN(conf, o->totals[i]->confidence);
  for (size_t i = 0; i < o->indicators.n; i++) conf = MIN(conf, o->indicators.v[i]->m.confidence);
  if (o->flags.n) conf *= 0.9;
  return round(conf * 1000) / 1000;
}

void map_finish_decl(ctx *x) {
  decl *d = x->cur;
  x->cur = NULL;
  x->mode = M_NONE;
  if (!d) return;
  if (d->content < MIN_CONTENT) {
    map_decl_free(d);
    return;
  }
  decide_units(x, d);
  map_amount_units(x, d);
  map_date_digits(x, d);
  dx_declaration *o = d->out;
  /* fiscal year: the title's, else the period's start */
  const dx_field *period = o->fields[map_field_index("period")];
  if (!d->year && period && period->kind == DX_FV_PERIOD && period->start)
    d->year = map_year_of(period->start);
  map_items_total_by_sum(x, d);
  map_check_sums(x, d);
  map_money_finish(x, d);
  o->form = dx_record_strdup(x->rec, form_of(x, d));
  o->title = map_str(x, d->title);
  o->fiscal_year = d->year;
  o->page_start = d->page_start;
  o->page_end = d->page_end;
  o->table_index = d->table_index;
  o->confidence = map_decl_conf(o);
  DX_LIST_PUSH(x->rec, x->rec->decls, o);
  map_decl_free(d);
}
