/* rows.c — a table's rows as logical rows (lrow): one cell per grid span,
 * cells merged from above kept with here = false, nested tables read after
 * the row that holds them; and looking up a row's cells. */
#include "map_int.h"

#include <string.h>

const lcell *map_cell_at(const lrow *r, int col) {
  for (int i = 0; i < r->n; i++)
    if (col >= r->cells[i].col && col < r->cells[i].col + r->cells[i].span) return &r->cells[i];
  return NULL;
}

/* Text of the cell starting in this row at `col`; "" for merged-down
 * continuations and gaps. */
const char *map_text_here(const lrow *r, int col) {
  const lcell *c = col >= 0 ? map_cell_at(r, col) : NULL;
  return c && c->here ? c->raw : "";
}

int map_find_role(ctx *x, const lrow *r, dx_cat cat, const char *role, int after) {
  for (int i = 0; i < r->n; i++) {
    if (r->cells[i].col <= after || !r->cells[i].here) continue;
    const char *k = map_cell_rule(x, &r->cells[i], cat);
    if (k && strcmp(k, role) == 0) return r->cells[i].col;
  }
  return -1;
}

const lcell *map_first_here(const lrow *r) {
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && *r->cells[i].raw) return &r->cells[i];
  return NULL;
}

static void free_row(lrow *r) {
  g_free(r->cells);
}

/* Row ri of t as a logical row (its cells freed with free_row). */
static lrow build_row(ctx *x, const dx_table *t, int table_index, int ri, int outer_row,
                      const lrow *prefix, int col_offset) {
  lrow r = {.table = table_index,
            .row = outer_row >= 0 ? outer_row : ri,
            .holder_col = outer_row >= 0 ? col_offset : -1};
  int cap = (prefix ? prefix->n : 0) + t->ncols;
  r.cells = g_new0(lcell, cap > 0 ? cap : 1);
  if (prefix)
    for (int i = 0; i < prefix->n; i++) {
      r.cells[r.n] = prefix->cells[i];
      r.cells[r.n].here = false;
      r.n++;
    }
  const dx_cell *prev = NULL;
  for (int c = 0; c < t->ncols; c++) {
    const dx_cell *cell = dx_table_at(t, ri, c);
    if (!cell) {
      prev = NULL;
      continue;
    }
    if (cell == prev) {
      r.cells[r.n - 1].span++;
      continue;
    }
    prev = cell;
    lcell *lc = &r.cells[r.n++];
    lc->c = cell;
    lc->col = c + col_offset;
    lc->span = 1;
    lc->here = cell->row == ri;
    lc->info = map_cell_info(x, cell);
    lc->raw = lc->info->raw;
    lc->key = lc->info->key;
  }
  return r;
}

static void emit_row(ctx *x, const dx_table *t, int table_index, int ri, int outer_row,
                     const lrow *prefix, int col_offset) {
  lrow r = build_row(x, t, table_index, ri, outer_row, prefix, col_offset);
  x->table = table_index;
  map_on_row(x, &r);
  /* nested tables follow the row that holds them */
  for (int i = prefix ? prefix->n : 0; i < r.n; i++) {
    const lcell *lc = &r.cells[i];
    if (!lc->here || !lc->c->nchildren) continue;
    lrow pre = {.table = table_index, .row = r.row, .holder_col = -1, .n = i, .cells = r.cells};
    for (size_t k = 0; k < lc->c->nchildren; k++)
      map_walk_table(x, lc->c->children[k], table_index, r.row, &pre, lc->col);
  }
  free_row(&r);
}

void map_walk_table(ctx *x, const dx_table *t, int table_index, int outer_row, const lrow *prefix,
                    int col_offset) {
  mode_t_ saved = x->mode;
  if (outer_row < 0) x->mode = M_NONE; /* a new table: sections do not carry over */
  if (outer_row < 0) x->in_notes = false;
  if (outer_row < 0) { /* on a scan, the money columns its heading rows name */
    x->table_money_row = -1;
    for (int ri = 0; ri < t->nrows && x->scanned && x->table_money_row < 0; ri++) {
      lrow r = build_row(x, t, table_index, ri, -1, NULL, 0);
      if (map_money_heading_cols(x, &r, x->table_money)) x->table_money_row = ri;
      free_row(&r);
    }
  }
  for (int ri = 0; ri < t->nrows; ri++)
    emit_row(x, t, table_index, ri, outer_row, prefix, col_offset);
  if (outer_row >= 0) x->mode = saved;
  if (outer_row < 0) g_hash_table_remove_all(x->cells); /* its cells are done with */
}
