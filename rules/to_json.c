/* to_json.c — the contract's JSON, written in this one place: a dx_record
 * (dx_declaration.h) as the top-level object (schema_version, source,
 * declarations, warnings), each declaration, FIELD, list entry and
 * indicator value in the contract's key order; and the deterministic
 * serialisation. apply.c writes the values it corrects with the same
 * functions. */
#include "dx_rules.h"

#include <math.h>

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int v, bool present) {
  return present ? json_integer(v) : json_null();
}

json_t *dx_number_json(double v) {
  if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
  return json_real(v);
}

json_t *dx_at_json(const dx_at *w) {
  json_t *a = json_object();
  if (w->table >= 0) {
    json_object_set_new(a, "table", json_integer(w->table));
    json_object_set_new(a, "row", json_integer(w->row));
    json_object_set_new(a, "col", json_integer(w->col));
  } else {
    json_object_set_new(a, "table", json_null());
    json_object_set_new(a, "paragraph", json_integer(w->paragraph));
  }
  json_object_set_new(a, "page", int_or_null(w->page, w->page != 0));
  if (w->has_box) {
    json_t *b = json_array();
    for (int i = 0; i < 4; i++) json_array_append_new(b, json_real(w->box[i]));
    json_object_set_new(a, "box", b);
  } else {
    json_object_set_new(a, "box", json_null());
  }
  return a;
}

json_t *dx_flags_json(const dx_flags *fl) {
  json_t *a = json_array();
  for (int i = 0; i < fl->n; i++) json_array_append_new(a, json_string(fl->v[i]));
  return a;
}

json_t *dx_field_value_json(const dx_field *f) {
  switch (f->kind) {
  case DX_FV_STRING:
    return json_string(f->s);
  case DX_FV_INT:
    return json_integer((json_int_t)f->i);
  case DX_FV_NUMBER:
    return dx_number_json(f->num);
  case DX_FV_PERIOD: {
    json_t *o = json_object();
    json_object_set_new(o, "start", str_or_null(f->start));
    json_object_set_new(o, "end", str_or_null(f->end));
    return o;
  }
  case DX_FV_NULL:
    break;
  }
  return json_null();
}

json_t *dx_field_json(const dx_field *f) {
  json_t *o = json_object();
  json_object_set_new(o, "value", dx_field_value_json(f));
  json_object_set_new(o, "raw", json_string(f->raw ? f->raw : ""));
  json_object_set_new(o, "confidence", json_real(f->confidence));
  json_object_set_new(o, "flags", dx_flags_json(&f->flags));
  json_object_set_new(o, "at", dx_at_json(&f->at));
  return o;
}

json_t *dx_ind_value_json(const dx_ind_value *v) {
  json_t *o = json_object();
  json_object_set_new(o, "raw", json_string(v->raw));
  json_object_set_new(o, "kind", json_string(v->kind));
  json_object_set_new(o, "op", str_or_null(v->op));
  json_object_set_new(o, "number", v->has_number ? dx_number_json(v->number) : json_null());
  json_object_set_new(o, "upper", v->has_upper ? dx_number_json(v->upper) : json_null());
  json_object_set_new(o, "unit", str_or_null(v->unit));
  return o;
}

/* An entry's confidence, flags and at, after its own keys. */
static json_t *with_meta(json_t *o, const dx_meta *m) {
  json_object_set_new(o, "confidence", json_real(m->confidence));
  json_object_set_new(o, "flags", dx_flags_json(&m->flags));
  json_object_set_new(o, "at", dx_at_json(&m->at));
  return o;
}

static void set_amounts(json_t *o, dx_field *const amount[DX_NHORIZONS]) {
  for (int h = 0; h < DX_NHORIZONS; h++)
    if (amount[h]) json_object_set_new(o, dx_horizon_keys[h], dx_field_json(amount[h]));
}

static json_t *funds_json(const dx_declaration *d) {
  static const char *const total_keys[] = {"prior_year_total", "current_year_total",
                                           "medium_term_total"};
  static const int order[] = {DX_CURRENT, DX_PRIOR, DX_MEDIUM}; /* the contract's order */
  json_t *funds = json_object();
  for (int i = 0; i < DX_NHORIZONS; i++)
    if (d->totals[order[i]])
      json_object_set_new(funds, total_keys[order[i]], dx_field_json(d->totals[order[i]]));
  json_t *bk = json_array();
  for (size_t i = 0; i < d->breakdown.n; i++) {
    const dx_fund_entry *b = d->breakdown.v[i];
    json_t *o = json_object();
    json_object_set_new(o, "source", json_string(b->source));
    json_object_set_new(o, "label", json_string(b->label));
    set_amounts(o, b->amount);
    json_array_append_new(bk, o);
  }
  json_object_set_new(funds, "breakdown", bk);
  return funds;
}

static json_t *lists_json(json_t *o, const dx_declaration *d) {
  json_t *a = json_array();
  for (size_t i = 0; i < d->items.n; i++) {
    const dx_item *e = d->items.v[i];
    json_t *j = json_object();
    json_object_set_new(j, "name", str_or_null(e->name));
    set_amounts(j, e->amount);
    json_object_set_new(j, "basis", str_or_null(e->basis));
    json_array_append_new(a, with_meta(j, &e->m));
  }
  json_object_set_new(o, "expenditure_items", a);
  a = json_array();
  for (size_t i = 0; i < d->schedule.n; i++) {
    const dx_sched *e = d->schedule.v[i];
    json_t *j = json_object();
    json_object_set_new(j, "content", str_or_null(e->content));
    json_object_set_new(j, "start", str_or_null(e->start));
    json_object_set_new(j, "end", str_or_null(e->end));
    json_array_append_new(a, with_meta(j, &e->m));
  }
  json_object_set_new(o, "schedule", a);
  a = json_array();
  for (size_t i = 0; i < d->plans.n; i++) {
    const dx_plan *e = d->plans.v[i];
    json_t *j = json_object();
    json_object_set_new(j, "item", str_or_null(e->item));
    json_object_set_new(j, "owner", str_or_null(e->owner));
    json_object_set_new(j, "goal", str_or_null(e->goal));
    json_array_append_new(a, with_meta(j, &e->m));
  }
  json_object_set_new(o, "work_plans", a);
  a = json_array();
  for (size_t i = 0; i < d->summary.n; i++) {
    const dx_summary *e = d->summary.v[i];
    json_t *j = json_object();
    json_object_set_new(j, "seq", str_or_null(e->seq));
    json_object_set_new(j, "name", str_or_null(e->name));
    json_object_set_new(j, "amount", dx_field_json(e->amount));
    json_object_set_new(j, "long_term_goal", str_or_null(e->long_term_goal));
    json_object_set_new(j, "annual_goal", str_or_null(e->annual_goal));
    json_array_append_new(a, with_meta(j, &e->m));
  }
  json_object_set_new(o, "summary_items", a);
  return o;
}

static json_t *indicators_json(const dx_declaration *d) {
  json_t *a = json_array();
  for (size_t i = 0; i < d->indicators.n; i++) {
    const dx_indicator *e = d->indicators.v[i];
    json_t *j = json_object();
    json_object_set_new(j, "horizon", json_string(e->horizon));
    json_object_set_new(j, "level1", str_or_null(e->level1));
    json_object_set_new(j, "level2", str_or_null(e->level2));
    json_object_set_new(j, "level3", str_or_null(e->level3));
    json_object_set_new(j, "value", dx_ind_value_json(&e->value));
    json_object_set_new(j, "standard", str_or_null(e->standard));
    json_array_append_new(a, with_meta(j, &e->m));
  }
  return a;
}

json_t *dx_declaration_json(const dx_declaration *d) {
  json_t *o = json_object();
  json_object_set_new(o, "form", json_string(d->form));
  json_object_set_new(o, "title", str_or_null(d->title));
  json_object_set_new(o, "fiscal_year", int_or_null(d->fiscal_year, d->fiscal_year != 0));
  json_t *origin = json_object();
  json_object_set_new(origin, "page_start", int_or_null(d->page_start, d->page_start != 0));
  json_object_set_new(origin, "page_end", int_or_null(d->page_end, d->page_end != 0));
  json_object_set_new(origin, "table_index", int_or_null(d->table_index, d->table_index >= 0));
  json_object_set_new(o, "origin", origin);
  json_object_set_new(o, "confidence", json_real(d->confidence));
  json_object_set_new(o, "flags", dx_flags_json(&d->flags));
  json_t *fields = json_object();
  for (int k = 0; k < DX_NFIELDS; k++)
    if (d->fields[k]) json_object_set_new(fields, dx_field_keys[k], dx_field_json(d->fields[k]));
  json_object_set_new(o, "fields", fields);
  json_object_set_new(o, "funds", funds_json(d));
  lists_json(o, d);
  json_object_set_new(o, "indicators", indicators_json(d));
  return o;
}

json_t *dx_record_to_json(const dx_record *r) {
  json_t *root = json_object();
  json_object_set_new(root, "schema_version", json_string(r->schema_version));
  json_t *src = json_object();
  json_object_set_new(src, "file", json_string(r->file));
  json_object_set_new(src, "format", json_string(r->format));
  json_object_set_new(src, "sha256", json_string(r->sha256));
  json_object_set_new(src, "pages", int_or_null(r->pages, r->pages != 0));
  if (r->converted_by) json_object_set_new(src, "converted_by", json_string(r->converted_by));
  json_object_set_new(root, "source", src);
  json_t *decls = json_array();
  for (size_t i = 0; i < r->decls.n; i++)
    json_array_append_new(decls, dx_declaration_json(r->decls.v[i]));
  json_object_set_new(root, "declarations", decls);
  json_t *warnings = json_array();
  for (size_t i = 0; i < r->warnings.n; i++) {
    const dx_warning_out *w = r->warnings.v[i];
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(w->code));
    json_object_set_new(o, "message", json_string(w->message));
    json_object_set_new(o, "page", int_or_null(w->page, w->page != 0));
    json_array_append_new(warnings, o);
  }
  json_object_set_new(root, "warnings", warnings);
  return root;
}

char *dx_json_dump(const json_t *j, bool pretty) {
  size_t flags =
      JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
  char *s = json_dumps(j, flags);
  char *out = g_strdup(s ? s : "null");
  free(s);
  return out;
}

json_t *dx_lexicon_json(const dx_lexicon *lx) {
  json_t *words = json_array();
  for (size_t i = 0; i < dx_lexicon_size(lx); i++) {
    const char *cat, *op, *text;
    dx_lexicon_word(lx, i, &cat, &op, &text);
    json_array_append_new(words, json_pack("[s s? s]", cat, op, text));
  }
  return json_pack("{s:i, s:i, s:o}", "year_min", DX_YEAR_MIN, "year_max", DX_YEAR_MAX, "words",
                   words);
}
