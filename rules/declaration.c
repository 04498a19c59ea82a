/* declaration.c — a declaration while it is read (begun at its title, given
 * its fields, each value assigned to what its label names) and finished:
 * its amounts' unit decided, its sums checked, its JSON object made. */
#include "map_int.h"

#include <math.h>
#include <string.h>

void map_decl_flag(decl *d, const char *flag) {
  for (guint i = 0; i < d->flags->len; i++)
    if (strcmp(g_ptr_array_index(d->flags, i), flag) == 0) return;
  g_ptr_array_add(d->flags, g_strdup(flag));
}

static decl *decl_new(void) {
  decl *d = g_new0(decl, 1);
  d->table_index = -1;
  d->bk = g_ptr_array_new();
  d->flags = g_ptr_array_new_with_free_func(g_free);
  d->unitless = g_ptr_array_new();
  d->items = json_array();
  d->schedule = json_array();
  d->plans = json_array();
  d->summary = json_array();
  d->indicators = json_array();
  return d;
}

void map_decl_free(decl *d) {
  if (!d) return;
  g_free(d->title);
  for (int i = 0; i < NFIELDS; i++) json_decref(d->fields[i]);
  for (int i = 0; i < NCOLS_MONEY; i++) json_decref(d->totals[i]);
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *b = g_ptr_array_index(d->bk, i);
    g_free(b->label);
    for (int k = 0; k < NCOLS_MONEY; k++) json_decref(b->f[k]);
    g_free(b);
  }
  g_ptr_array_free(d->bk, TRUE);
  g_ptr_array_free(d->flags, TRUE);
  g_ptr_array_free(d->unitless, TRUE);
  json_decref(d->items);
  json_decref(d->schedule);
  json_decref(d->plans);
  json_decref(d->summary);
  json_decref(d->indicators);
  g_free(d);
}

decl *map_cur_decl(ctx *x) {
  if (!x->cur) x->cur = decl_new();
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
void map_set_field(ctx *x, int fi, json_t *f) {
  decl *d = map_cur_decl(x);
  if (!d->fields[fi] || (map_field_is_empty(d->fields[fi]) && !map_field_is_empty(f))) {
    json_decref(d->fields[fi]);
    d->fields[fi] = f;
    d->content++;
    if (fi == map_field_index("staff_quota") || fi == map_field_index("staff_actual"))
      d->dept_hint = true;
  } else {
    json_decref(f);
  }
}

/* Assigns `value` (cell text) to what label l names; a fund source is a
 * part in money column `part_col`. */
void map_assign(ctx *x, label l, const char *value, const where *w, int part_col) {
  decl *d = map_cur_decl(x);
  map_note_table(x, w);
  if (l.cat == DX_CAT_FIELD) {
    json_t *f = map_make_field(x, map_field_index(l.key), value, w);
    if (l.fuzzy) {
      map_field_flag(f, "label_fuzzy");
      map_field_conf(f, CONF_FUZZY);
    }
    map_set_field(x, map_field_index(l.key), f);
  } else if (l.cat == DX_CAT_FUND_TOTAL) {
    json_t *f = map_amount_field(x, value, w);
    if (l.fuzzy) {
      map_field_flag(f, "label_fuzzy");
      map_field_conf(f, CONF_FUZZY);
    }
    map_set_total(x, map_money_col(l.key), f);
  } else if (l.cat == DX_CAT_FUND_SOURCE) {
    /* 合计 inside a 三公经费 block is the 三公经费 total, not the form's */
    bool total = strcmp(l.key, "total") == 0 && !x->three_public;
    json_t *f = map_amount_field(x, value, w);
    if (l.fuzzy) {
      map_field_flag(f, "label_fuzzy");
      map_field_conf(f, CONF_FUZZY);
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

static const char *form_of(ctx *x, const decl *d) {
  if (d->title) {
    char *k = dx_label_key(d->title);
    const char *f = dx_rules_match(x->rs, DX_CAT_FORM, k);
    g_free(k);
    if (f) return f;
  }
  if (json_array_size(d->summary)) return "special_fund_summary";
  if (d->dept_hint) return "department_overall";
  if (d->fields[map_field_index("project_name")] || json_array_size(d->indicators))
    return "project_expenditure";
  return "unknown";
}

static double min_conf(double a, const json_t *o) {
  const json_t *c = o ? json_object_get(o, "confidence") : NULL;
  if (!c) return a;
  double v = json_number_value(c);
  return v < a ? v : a;
}

/* Keep a form only when it holds at least this much: one label-value
 * pair or a lone title is not a declaration. */
#define MIN_CONTENT 2

void map_finish_decl(ctx *x) {
  decl *d = x->cur;
  x->cur = NULL;
  x->mode = M_NONE;
  if (!d) return;
  if (d->content < MIN_CONTENT) {
    map_decl_free(d);
    return;
  }
  if (d->money_yuan && !d->money_known) { /* totals the sums are checked against */
    for (int i = 0; i < NCOLS_MONEY; i++)
      if (d->items_total_unitless[i]) d->items_total[i] /= 10000.0;
    if (d->summary_total_unitless) d->summary_total /= 10000.0;
  }
  for (guint i = 0; i < d->unitless->len; i++) {
    json_t *f = g_ptr_array_index(d->unitless, i);
    if (d->money_yuan && !d->money_known) { /* 金额单位：元 */
      double v = json_number_value(json_object_get(f, "value"));
      json_object_set_new(f, "value", map_jnum(round(v / 10000.0 * 1e6) / 1e6));
      map_field_flag(f, "unit_converted");
      map_field_conf(f, CONF_UNIT_CONVERTED / CONF_EXACT);
    } else if (!d->money_known) {
      map_field_flag(f, "unit_assumed");
      map_field_conf(f, CONF_UNIT_ASSUMED / CONF_EXACT);
    }
  }
  /* fiscal year: the title's, else the period's start */
  if (!d->year && d->fields[map_field_index("period")]) {
    json_t *v = json_object_get(d->fields[map_field_index("period")], "value");
    const char *s = v && json_is_object(v) ? json_string_value(json_object_get(v, "start")) : NULL;
    if (s) d->year = map_year_of(s);
  }
  map_check_sums(d);
  double conf = 1.0;
  int pn = map_field_index("project_name"), dp = map_field_index("department");
  if (d->fields[pn])
    conf = min_conf(conf, d->fields[pn]);
  else if (d->fields[dp])
    conf = min_conf(conf, d->fields[dp]);
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (d->totals[i] && !map_field_is_empty(d->totals[i])) conf = min_conf(conf, d->totals[i]);
  size_t i;
  json_t *e;
  json_array_foreach(d->indicators, i, e) conf = min_conf(conf, e);
  if (d->flags->len) conf *= 0.9;

  json_t *o = json_object();
  json_object_set_new(o, "form", json_string(form_of(x, d)));
  json_object_set_new(o, "title", map_jstr_or_null(d->title));
  json_object_set_new(o, "fiscal_year", d->year ? json_integer(d->year) : json_null());
  json_t *origin = json_object();
  json_object_set_new(origin, "page_start",
                      d->page_start ? json_integer(d->page_start) : json_null());
  json_object_set_new(origin, "page_end", d->page_end ? json_integer(d->page_end) : json_null());
  json_object_set_new(origin, "table_index",
                      d->table_index >= 0 ? json_integer(d->table_index) : json_null());
  json_object_set_new(o, "origin", origin);
  json_object_set_new(o, "confidence", json_real(round(conf * 1000) / 1000));
  json_t *flags = json_array();
  for (guint k = 0; k < d->flags->len; k++)
    json_array_append_new(flags, json_string(g_ptr_array_index(d->flags, k)));
  json_object_set_new(o, "flags", flags);
  json_t *fields = json_object();
  for (int k = 0; k < NFIELDS; k++)
    if (d->fields[k]) json_object_set(fields, FIELD_KEYS[k], d->fields[k]);
  json_object_set_new(o, "fields", fields);
  json_object_set_new(o, "funds", map_money_json(d));
  json_object_set(o, "expenditure_items", d->items);
  json_object_set(o, "schedule", d->schedule);
  json_object_set(o, "work_plans", d->plans);
  json_object_set(o, "summary_items", d->summary);
  json_object_set(o, "indicators", d->indicators);
  g_ptr_array_add(x->decls, o);
  map_decl_free(d);
}
