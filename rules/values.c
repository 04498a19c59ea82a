/* values.c — a value as the record keeps it: a FIELD (value, raw,
 * confidence, flags) or a list entry's confidence and flags, with the
 * place it was read (where: table, row, column or paragraph, page, box)
 * and the doubts that place carries. */
#include "map_int.h"

#include <math.h>
#include <string.h>

fval map_fv_string(ctx *x, const char *s) {
  return (fval){.kind = DX_FV_STRING, .s = dx_record_strdup(x->rec, s)};
}

fval map_fv_str_or_null(ctx *x, const char *s) {
  return s && *s ? map_fv_string(x, s) : FV_NULL;
}

fval map_fv_number(double v) {
  return (fval){.kind = DX_FV_NUMBER, .num = v};
}

const char *map_str(ctx *x, const char *s) {
  return s && *s ? dx_record_strdup(x->rec, s) : NULL;
}

dx_at map_at(const where *w) {
  dx_at a = {.table = w->table < 0 ? -1 : w->table, .page = w->page, .has_box = w->has_box};
  if (w->table >= 0) {
    a.row = w->row;
    a.col = w->col;
  } else {
    a.paragraph = w->paragraph;
  }
  if (w->has_box)
    for (int i = 0; i < 4; i++) a.box[i] = round(w->box[i] * 10) / 10;
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

/* The flags a value takes from where it was read. */
void map_where_flags(ctx *x, dx_flags *flags, const where *w) {
  if (w->cross) dx_flags_add(x->rec, flags, "cross_page");
  if (w->ocr) dx_flags_add(x->rec, flags, "ocr");
  if (w->ocr_low) dx_flags_add(x->rec, flags, "ocr_low_confidence");
  if (w->layout) dx_flags_add(x->rec, flags, "layout_uncertain");
  if (w->seal) dx_flags_add(x->rec, flags, "seal_overlap");
  if (w->formula) dx_flags_add(x->rec, flags, "formula_uncached");
}

dx_field *map_field_new(ctx *x, fval v, const char *raw, double conf, const where *w) {
  dx_field *f = dx_field_new(x->rec);
  f->kind = v.kind;
  f->s = v.s;
  f->i = v.i;
  f->num = v.num;
  f->start = v.start;
  f->end = v.end;
  f->raw = dx_record_strdup(x->rec, raw ? raw : "");
  f->confidence = round(conf * (1 - w->doubt) * 1000) / 1000;
  f->at = map_at(w);
  map_where_flags(x, &f->flags, w);
  if (w->merged && v.kind != DX_FV_NULL) {
    dx_flags_add(x->rec, &f->flags, "merged_cell");
    dx_field_conf(f, CONF_MERGED);
  }
  /* free text is its characters, spaces included: a space the page
   * leaves open is a doubt (numbers, dates and codes are parsed) */
  if (w->spacing && v.kind == DX_FV_STRING) {
    dx_flags_add(x->rec, &f->flags, "layout_uncertain");
    dx_field_conf(f, CONF_SPACING);
  }
  return f;
}

void map_field_flag(ctx *x, dx_field *f, const char *flag) {
  dx_flags_add(x->rec, &f->flags, flag);
}

void map_entry_finish(ctx *x, dx_meta *m, double conf, const where *w) {
  m->confidence = round(conf * (1 - w->doubt) * 1000) / 1000;
  m->at = map_at(w);
  map_where_flags(x, &m->flags, w);
}
