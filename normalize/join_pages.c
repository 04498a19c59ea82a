/* join_pages.c — after the last page, a table a page break cut in two
 * is joined again: the next part follows on the next page with nothing
 * but page furniture between (a page number; 续表 says it goes on), the
 * first part fills its page, and their columns line up. A repeated
 * header row is dropped and a row the break cut in two is one row again.
 * Tables and paragraphs are then numbered in reading order.
 */
#include "layout_int.h"

#include <math.h>
#include <string.h>

/* Slack (points) when asking whether a row would have fitted at the
 * bottom of a page: borders and rounding. */
#define ROW_FIT_PT 2.0
/* Edges one part of a table cut by a page break may have that the other
 * lacks, when the other has some the first lacks too. */
#define MAX_NEW_EDGES 1

static ptable *ptable_of(layout *L, const dx_table *t) {
  for (guint i = 0; i < L->ptables->len; i++) {
    ptable *p = g_ptr_array_index(L->ptables, i);
    if (p->t == t) return p;
  }
  return NULL;
}

/* A paragraph that says the table goes on, by the rules' words (a
 * title_continued: 续表, 接上表, （续）). */
static bool says_continued(const dx_limits *lim, const char *s) {
  return s && lim->words.continued && lim->words.continued(lim->words.ctx, s);
}

/* Page furniture between two parts of a table: a page number, or a
 * machine's line with digits and no Han character (a fax header
 * "MAR-12-2024 09:41 FROM:0734… P.02/06", a printer's date and page). */
static bool furniture(const char *s) {
  if (!s) return true;
  bool numeric = true, digit = false;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isdigit(c)) {
      digit = true;
      continue;
    }
    if (g_unichar_isspace(c) || c == '-' || c == '/' || g_utf8_strchr(DX_PAGE_NUMBER_CHARS, -1, c))
      continue;
    if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN) return false;
    numeric = false;
  }
  return numeric || digit;
}

/* Index of the edge of e (n edges) within COL_ALIGN_PT of x, or -1. */
static int edge_at(const float *e, int n, float x) {
  for (int i = 0; i < n; i++)
    if (fabsf(e[i] - x) <= COL_ALIGN_PT) return i;
  return -1;
}

/* Whether two parts of a table cut by a page break line up: the same
 * left and right edges. Inner edges may differ — the rows on one page
 * need not use every column the rows on the other use. */
static bool outer_edges_match(const ptable *a, const ptable *b) {
  return fabsf(a->xs[0] - b->xs[0]) <= COL_ALIGN_PT &&
         fabsf(a->xs[a->t->ncols] - b->xs[b->t->ncols]) <= COL_ALIGN_PT;
}

/* Whether the part after the break (b) is the first part (a) without
 * its leftmost columns, which ended above the break (a label column
 * closed on the page before, the level columns going on): b's right
 * edge is a's, its left edge one of a's inner edges, and every edge of
 * b one of a's. */
static bool left_columns_ended(const ptable *a, const ptable *b) {
  int na = a->t->ncols + 1;
  if (fabsf(a->xs[na - 1] - b->xs[b->t->ncols]) > COL_ALIGN_PT) return false;
  if (edge_at(a->xs, na, b->xs[0]) < 1) return false;
  for (int i = 0; i <= b->t->ncols; i++)
    if (edge_at(a->xs, na, b->xs[i]) < 0) return false;
  return true;
}

/* The union of two parts' column edges (within COL_ALIGN_PT), sorted;
 * returns the number of edges, *out g_free'd. */
static int union_edges(float **out, const ptable *a, const ptable *b) {
  int na = a->t->ncols + 1, nb = b->t->ncols + 1, n = 0;
  float *u = g_new(float, na + nb);
  for (int i = 0, j = 0; i < na || j < nb;) {
    float v = j >= nb || (i < na && a->xs[i] <= b->xs[j]) ? a->xs[i++] : b->xs[j++];
    if (n == 0 || v - u[n - 1] > COL_ALIGN_PT) u[n++] = v;
  }
  *out = u;
  return n;
}

/* Re-grids p onto the column edges xs (a superset of its own): cells
 * keep their boxes and span the new columns they cover. */
static dx_code regrid(layout *L, ptable *p, const float *xs, int ncols, dx_error *err) {
  dx_table *t = p->t;
  if (t->ncols == ncols) return DX_OK;
  int *map = g_new(int, t->ncols + 1);
  for (int i = 0; i <= t->ncols; i++) map[i] = edge_at(xs, ncols + 1, p->xs[i]);
  size_t nslots = (size_t)t->nrows * (size_t)ncols;
  dx_cell **slots = dx_arena_alloc(L->doc->arena, nslots * sizeof(dx_cell *));
  if (!slots) {
    g_free(map);
    return lay_nomem(err);
  }
  for (size_t i = 0; i < t->ncells; i++) {
    dx_cell *c = t->cells[i];
    int c0 = map[c->col], c1 = map[c->col + c->colspan];
    c->col = c0;
    c->colspan = c1 - c0;
    for (int r = c->row; r < c->row + c->rowspan; r++)
      for (int k = c0; k < c1; k++) slots[(size_t)r * (size_t)ncols + (size_t)k] = c;
  }
  g_free(map);
  t->slots = slots;
  t->ncols = ncols;
  g_free(p->xs);
  p->xs = g_memdup2(xs, (size_t)(ncols + 1) * sizeof *xs);
  return DX_OK;
}

static bool same_row_text(const dx_table *a, int ra, const dx_table *b, int rb) {
  for (int c = 0; c < a->ncols; c++) {
    const dx_cell *x = dx_table_at(a, ra, c), *y = dx_table_at(b, rb, c);
    if (!x || !y || x->colspan != y->colspan || g_strcmp0(x->text, y->text) != 0) return false;
  }
  return true;
}

/* Whether row rb of b goes on with a's last row (a row the page break
 * cut in two): the rows have the same cells; every cell with text on
 * both pages filled its last line on the first page (with a line's size
 * to spare on a scan, as split_rows.c allows); no cell is empty
 * above text below; and some cell of the row (not a spanning one) has
 * all its text on the first page — a new row would fill its own — or
 * the text on the first page leaves a bracket open, or three cells or
 * more go on. */
static bool split_row(const ptable *pa, const ptable *pb, int rb) {
  const dx_table *a = pa->t, *b = pb->t;
  if (rb >= b->nrows) return false;
  bool label = false, ended = false;
  int nwrapped = 0, nearly = 0;
  for (int c = 0; c < a->ncols; c++) {
    const dx_cell *x = dx_table_at(a, a->nrows - 1, c), *y = dx_table_at(b, rb, c);
    if (!x || !y || x->col != y->col || x->colspan != y->colspan) return false;
    if (x->col != c) continue;
    bool xt = x->text && *x->text, yt = y->text && *y->text;
    if (yt && !xt) return false;
    if (!yt) { /* an empty cell, or what is left of a spanning one */
      if (xt && x->rowspan == 1 && y->rowspan == 1) label = ended = true;
      continue;
    }
    if (y->row != rb || y->rowspan != 1) return false;
    const text_ends *ex = g_hash_table_lookup(pa->ends, x), *ey = g_hash_table_lookup(pb->ends, y);
    /* every cell going on must have filled its last line */
    if (!ex || !ey) return false;
    float need = ey->head_word + WRAP_SLACK_PT + ey->ocr_slack;
    if (ex->room >= need + ey->ocr_slack) return false;
    if (ex->room >= need) nearly++;
    nwrapped++;
    if (lay_unclosed(x->text)) label = true; /* "资金管理办法（名" / "称、文号）" */
  }
  /* a last line OCR read one character short of full (a fax thinned the
   * character at its end away) goes on only beside a cell that filled
   * its own, in a row whose other cell ended above the break */
  if (nearly > 0 && (!ended || nwrapped - nearly < 1)) return false;
  /* three cells at once filling their last line is no coincidence */
  return nwrapped > 0 && (label || nwrapped >= 3);
}

/* A spanning cell cut by the page break whose text the producer set on
 * the new page, below the part's first row (centred on the whole cell,
 * which runs on down the new page): split_rows.c, seeing the text stand
 * low in the part, cut an empty piece off above it. With the cell's
 * part above the break empty too, the three are one cell. Given y, the
 * empty piece in b's first row below a's last row, returns the text's
 * piece under it (a label over rows, cut from y's cell), or NULL. */
static dx_cell *text_below_break(const dx_table *a, const dx_table *b, const dx_cell *y) {
  const dx_cell *above = dx_table_at(a, a->nrows - 1, y->col);
  if (!above || above->col != y->col || above->colspan != y->colspan || above->rowspan < 2 ||
      (above->text && *above->text) || (y->text && *y->text) ||
      !(y->flags & DX_CELL_LAYOUT_UNCERTAIN) || y->row + y->rowspan >= b->nrows)
    return NULL;
  dx_cell *z = dx_table_at(b, y->row + y->rowspan, y->col);
  if (!z || z->row != y->row + y->rowspan || z->col != y->col || z->colspan != y->colspan ||
      z->rowspan < 2 || !(z->flags & DX_CELL_LAYOUT_UNCERTAIN) || !z->text || !*z->text)
    return NULL;
  return z;
}

/* Appends b's rows to a: b's first row dropped when it repeats a's
 * header, joined to a's last row when the break cut that row in two.
 * Cells on both sides of the break are flagged cross_page. */
static dx_code join_tables(layout *L, ptable *pa, ptable *pb, dx_error *err) {
  dx_table *a = pa->t, *b = pb->t;
  int arows = a->nrows;
  int skip = b->nrows > 1 && same_row_text(a, 0, b, 0) ? 1 : 0;
  /* an open last row with nothing of its own (only spanning cells run
   * into it) is no row: the rows below the break start a new one */
  if (pa->open_bot && a->nrows > 1 && lay_row_droppable(a, a->nrows - 1)) {
    lay_drop_row(pa, a->nrows - 1);
    pa->open_bot = false;
    arows = a->nrows;
  }
  /* an open edge is the page break cutting a row; else look at the text */
  /* (a part's first row without a top border is no cut by itself:
   * Chromium draws a collapsed border once, at the foot of the page
   * before) */
  bool split = pa->open_bot || split_row(pa, pb, skip);
  if (split) {
    for (int c = 0; c < a->ncols; c++) {
      dx_cell *x = dx_table_at(a, arows - 1, c), *y = dx_table_at(b, skip, c);
      /* each cell of the cut row once; one that spans on down stays */
      if (!x || !y || y->col != c || y->row != skip || y->rowspan > 1 || !y->text || !*y->text)
        continue;
      const text_ends *ex = g_hash_table_lookup(pa->ends, x),
                      *ey = g_hash_table_lookup(pb->ends, y);
      bool glue = ex && ey && ex->cjk_tail && ey->cjk_head;
      char *t = g_strconcat(x->text, glue ? "" : " ", y->text, NULL);
      x->text = dx_arena_strdup(L->doc->arena, t);
      g_free(t);
      if (!x->text) return lay_nomem(err);
    }
    skip++;
  }
  /* a sliver at the top of the page, lower than a line of text, is what
   * is left of cells that ended at the break */
  while (skip < b->nrows - 1 && pb->ys[skip + 1] - pb->ys[skip] < SLIVER_PT &&
         lay_row_droppable(b, skip))
    skip++;
  int nrows = a->nrows + b->nrows - skip, ncols = a->ncols;
  if ((size_t)nrows > L->lim->max_table_rows)
    return dx_error_set(err, DX_ELIMIT, "a table of %d rows is past the limit", nrows);
  size_t nslots = (size_t)nrows * (size_t)ncols;
  dx_cell **slots = dx_arena_alloc(L->doc->arena, nslots * sizeof(dx_cell *));
  dx_cell **cells = dx_arena_alloc(L->doc->arena, (a->ncells + b->ncells) * sizeof(dx_cell *));
  if (!slots || !cells) return lay_nomem(err);
  memcpy(slots, a->slots, (size_t)a->nrows * (size_t)ncols * sizeof(dx_cell *));
  memcpy(cells, a->cells, a->ncells * sizeof(dx_cell *));
  size_t ncells = a->ncells;
  for (int c = 0; c < ncols; c++) {
    dx_cell *x = dx_table_at(a, a->nrows - 1, c);
    if (x) x->flags |= DX_CELL_CROSS_PAGE;
  }
  /* text pieces under an empty piece, each with the cell above the
   * break it belongs to */
  GHashTable *below = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < b->ncells; i++) {
    dx_cell *y = b->cells[i], *z = y->row == skip ? text_below_break(a, b, y) : NULL;
    if (z) g_hash_table_insert(below, z, dx_table_at(a, a->nrows - 1, y->col));
  }
  for (size_t i = 0; i < b->ncells; i++) {
    dx_cell *y = b->cells[i];
    if (y->row + y->rowspan <= skip) continue;
    dx_cell *owner = g_hash_table_lookup(below, y);
    if (owner) { /* its text and rows go to the cell above the break */
      int row = y->row - skip + a->nrows;
      owner->rowspan += y->rowspan;
      owner->text = y->text;
      owner->page = y->page;
      memcpy(owner->box, y->box, sizeof owner->box);
      owner->confidence = y->confidence;
      owner->flags |= y->flags;
      for (int r = row; r < row + y->rowspan; r++)
        for (int c = y->col; c < y->col + y->colspan; c++)
          slots[(size_t)r * (size_t)ncols + (size_t)c] = owner;
      continue;
    }
    if (y->row < skip) { /* a spanning cell: keep what is below the dropped rows */
      y->rowspan -= skip - y->row;
      y->row = skip;
    }
    int row = y->row - skip + a->nrows;
    dx_cell *above = row == a->nrows ? dx_table_at(a, a->nrows - 1, y->col) : NULL;
    if (row == a->nrows) y->flags |= DX_CELL_CROSS_PAGE;
    /* a spanning cell cut by the page break: its empty remainder on the
     * new page belongs to it */
    if (above && (!y->text || !*y->text) && above->col == y->col && above->colspan == y->colspan &&
        (above->rowspan > 1 || y->rowspan > 1)) {
      above->rowspan += y->rowspan;
      for (int r = row; r < row + y->rowspan; r++)
        for (int c = y->col; c < y->col + y->colspan; c++)
          slots[(size_t)r * (size_t)ncols + (size_t)c] = above;
      continue;
    }
    y->row = row;
    cells[ncells++] = y;
    for (int r = row; r < row + y->rowspan; r++)
      for (int c = y->col; c < y->col + y->colspan; c++)
        slots[(size_t)r * (size_t)ncols + (size_t)c] = y;
  }
  g_hash_table_destroy(below);
  a->nrows = nrows;
  a->slots = slots;
  a->cells = cells;
  a->ncells = ncells;
  a->page_end = b->page_end;
  pa->part_end = pb->part_end;
  float *ys = g_new(float, nrows + 1);
  memcpy(ys, pa->ys, (size_t)(arows + 1) * sizeof *ys);
  for (int r = skip + 1; r <= b->nrows; r++) ys[arows + r - skip] = pb->ys[r];
  g_free(pa->ys);
  pa->ys = ys;
  pa->open_bot = pb->open_bot;
  /* b's cells now belong to a, for the next page break */
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, pb->ends);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    g_hash_table_iter_steal(&it);
    g_hash_table_insert(pa->ends, k, v);
  }
  return DX_OK;
}

/* The height the first row of p (from row `first`) needs: its shortest
 * cell with text, which a producer would not have split; a row of bare
 * remainders of spanning cells needs only its own height. */
static float first_row_need(const ptable *p, int first) {
  const dx_table *t = p->t;
  float need = INFINITY;
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    if (c->row == first && c->text && *c->text)
      need = MIN(need, p->ys[c->row + c->rowspan] - p->ys[first]);
  }
  return isfinite(need) ? need : p->ys[first + 1] - p->ys[first];
}

dx_code lay_join_pages(layout *L, dx_error *err) {
  GPtrArray *bl = L->doc->blocks;
  /* the lowest a table reaches on any page: where full pages end */
  float bottom = 0;
  for (guint i = 0; i < L->ptables->len; i++) {
    const ptable *p = g_ptr_array_index(L->ptables, i);
    bottom = MAX(bottom, p->ys[p->t->nrows]);
  }
  for (guint i = 0; i < bl->len; i++) {
    dx_block *b = g_ptr_array_index(bl, i);
    if (b->kind != DX_BLOCK_TABLE) continue;
    /* the next table, on the next page (or half of a two-up sheet),
     * with only furniture between */
    ptable *pa = ptable_of(L, b->table);
    if (!pa) continue;
    guint j = i + 1;
    bool cue = false, clean = true;
    for (; j < bl->len; j++) {
      dx_block *n = g_ptr_array_index(bl, j);
      if (n->kind == DX_BLOCK_TABLE) break;
      if (GPOINTER_TO_INT(g_hash_table_lookup(L->block_part, n)) - 1 == pa->part_end) {
        if (!furniture(n->text)) clean = false; /* text after the table on its page */
      } else if (says_continued(L->lim, n->text)) {
        cue = true;
      } else if (!furniture(n->text)) {
        clean = false;
      }
    }
    if (j >= bl->len || !clean) continue;
    dx_block *n = g_ptr_array_index(bl, j);
    ptable *pb = ptable_of(L, n->table);
    if (!pb || pb->part != pa->part_end + 1) continue;
    /* a table cut by the page break fills its page: the next part's first
     * row (after a repeated header) would not have fitted below it; a
     * table that stops higher ended there, and the next one starts a
     * page of its own */
    int first = pb->t->nrows > 1 && same_row_text(pa->t, 0, pb->t, 0) ? 1 : 0;
    float need = first_row_need(pb, first);
    if (bottom - pa->ys[pa->t->nrows] >= need + ROW_FIT_PT) continue;
    dx_code rc = DX_OK;
    float *u = NULL;
    int nu = outer_edges_match(pa, pb) || left_columns_ended(pa, pb) ? union_edges(&u, pa, pb) : 0;
    /* columns line up when one part has at most MAX_NEW_EDGES edges the
     * other lacks (rows on one page split a column, rows on the other
     * page may use a column less) */
    int new_a = nu - (pb->t->ncols + 1), new_b = nu - (pa->t->ncols + 1);
    if (nu && MIN(new_a, new_b) <= MAX_NEW_EDGES) {
      rc = regrid(L, pa, u, nu - 1, err);
      if (rc == DX_OK) rc = regrid(L, pb, u, nu - 1, err);
    } else if (!cue || pa->t->ncols != pb->t->ncols) { /* 续表 with the same columns, moved */
      g_free(u);
      continue;
    }
    g_free(u);
    if (rc == DX_OK) rc = join_tables(L, pa, pb, err);
    if (rc != DX_OK) return rc;
    /* drop the joined table and the furniture between */
    g_ptr_array_remove_range(bl, i + 1, j - i);
    i--; /* the joined table may go on again */
  }
  /* number tables and paragraphs in reading order */
  L->doc->ntables = L->doc->nparagraphs = 0;
  for (guint i = 0; i < bl->len; i++) {
    dx_block *b = g_ptr_array_index(bl, i);
    if (b->kind == DX_BLOCK_TABLE)
      b->index = b->table->index = L->doc->ntables++;
    else
      b->index = L->doc->nparagraphs++;
  }
  return DX_OK;
}
