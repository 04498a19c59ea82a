/* field_json.c — a value as the contract writes it: a FIELD object (value,
 * raw, confidence, flags) or a list entry, with the place it was read
 * (where: table, row, column or paragraph, page, box) and the doubts that
 * place carries. */
#include "map_int.h"

#include <math.h>
#include <string.h>

json_t *map_jstr_or_null(const char *s) {
  return s && *s ? json_string(s) : json_null();
}

json_t *map_jnum(double v) {
  if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
  return json_real(v);
}

json_t *map_at_json(const where *w) {
  json_t *a = json_object();
  if (w->table >= 0) {
    json_object_set_new(a, "table", json_integer(w->table));
    json_object_set_new(a, "row", json_integer(w->row));
    json_object_set_new(a, "col", json_integer(w->col));
  } else {
    json_object_set_new(a, "table", json_null());
    json_object_set_new(a, "paragraph", json_integer(w->paragraph));
  }
  json_object_set_new(a, "page", w->page ? json_integer(w->page) : json_null());
  if (w->has_box) {
    json_t *b = json_array();
    for (int i = 0; i < 4; i++) json_array_append_new(b, json_real(round(w->box[i] * 10) / 10));
    json_object_set_new(a, "box", b);
  } else {
    json_object_set_new(a, "box", json_null());
  }
  return a;
}

where map_where_cell(const lrow *r, const lcell *c) {
  where w = {.table = r->table, .row = c ? c->c->row : r->row, .col = c ? c->c->col : 0};
  if (r->holder_col >= 0) { /* a nested table: point at the cell holding it */
    w.row = r->row;
    w.col = r->holder_col;
  }
  if (c) {
    w.merged = c->c->rowspan > 1;
    w.cross = (c->c->flags & DX_CELL_CROSS_PAGE) != 0;
    w.ocr = c->c->origin == DX_ORIGIN_OCR;
    w.ocr_low = (c->c->flags & DX_CELL_OCR_LOW) != 0;
    w.layout = (c->c->flags & DX_CELL_LAYOUT_UNCERTAIN) != 0;
    w.spacing = (c->c->flags & DX_CELL_SPACING_DOUBT) != 0;
    w.seal = (c->c->flags & DX_CELL_SEAL_OVERLAP) != 0;
    w.formula = (c->c->flags & DX_CELL_FORMULA_UNCACHED) != 0;
    /* the model's own confidence in the cell (OCR's, a table read by
     * alignment) and the page break's */
    w.doubt = 1 - c->c->confidence * (w.cross ? CONF_CROSS_PAGE : 1);
    w.page = c->c->page;
    w.has_box = c->c->has_box;
    memcpy(w.box, c->c->box, sizeof w.box);
  }
  return w;
}

void map_flag_add(json_t *flags, const char *f) {
  size_t i;
  json_t *v;
  json_array_foreach(flags, i, v) if (strcmp(json_string_value(v), f) == 0) return;
  json_array_append_new(flags, json_string(f));
}

/* The flags a value takes from where it was read. */
void map_where_flags(json_t *flags, const where *w) {
  if (w->cross) map_flag_add(flags, "cross_page");
  if (w->ocr) map_flag_add(flags, "ocr");
  if (w->ocr_low) map_flag_add(flags, "ocr_low_confidence");
  if (w->layout) map_flag_add(flags, "layout_uncertain");
  if (w->seal) map_flag_add(flags, "seal_overlap");
  if (w->formula) map_flag_add(flags, "formula_uncached");
}

json_t *map_field_new(json_t *value, const char *raw, double conf, const where *w) {
  conf = round(conf * (1 - w->doubt) * 1000) / 1000;
  json_t *f = json_object();
  json_object_set_new(f, "value", value);
  json_object_set_new(f, "raw", json_string(raw ? raw : ""));
  json_object_set_new(f, "confidence", json_real(conf));
  json_object_set_new(f, "flags", json_array());
  json_object_set_new(f, "at", map_at_json(w));
  map_where_flags(json_object_get(f, "flags"), w);
  if (w->merged && value && !json_is_null(value)) {
    map_flag_add(json_object_get(f, "flags"), "merged_cell");
    conf = round(conf * CONF_MERGED * 1000) / 1000;
    json_object_set_new(f, "confidence", json_real(conf));
  }
  /* free text is its characters, spaces included: a space the page
   * leaves open is a doubt (numbers, dates and codes are parsed) */
  if (w->spacing && json_is_string(value)) {
    map_flag_add(json_object_get(f, "flags"), "layout_uncertain");
    json_object_set_new(f, "confidence", json_real(round(conf * CONF_SPACING * 1000) / 1000));
  }
  return f;
}

bool map_field_is_empty(const json_t *f) {
  return !f || json_is_null(json_object_get(f, "value"));
}

void map_field_flag(json_t *f, const char *flag) {
  map_flag_add(json_object_get(f, "flags"), flag);
}

void map_field_conf(json_t *f, double factor) {
  double c = json_real_value(json_object_get(f, "confidence"));
  json_object_set_new(f, "confidence", json_real(round(c * factor * 1000) / 1000));
}

void map_entry_finish(json_t *e, double conf, const where *w) {
  json_object_set_new(e, "confidence", json_real(round(conf * (1 - w->doubt) * 1000) / 1000));
  json_object_set_new(e, "flags", json_array());
  json_object_set_new(e, "at", map_at_json(w));
  map_where_flags(json_object_get(e, "flags"), w);
}
