/* cells.c — a table's cells once its glyphs are placed: their text and
 * how sure it is (OCR, a seal over it, spacing the page leaves in doubt,
 * rows that may be several), and rows and edges that hold nothing of
 * their own dropped (what a producer leaves of cells at a page break).
 */
#include "layout_int.h"

#include <string.h>

/* A cell over this many rows or more with text in each is in doubt
 * (rows_in_doubt); two rows are as often one cell's wrapped lines. */
#define ROWS_DOUBT_MIN 3

/* A cell read by OCR is as sure as OCR was of all its characters (the
 * product of their confidences: one doubtful character in a long text
 * makes the text doubtful), and flagged when OCR doubted any of them. */
static void ocr_confidence(dx_cell *c, dx_glyph *const *g, size_t n) {
  unsigned flags = 0;
  double all = lay_ocr_product(g, n, &flags);
  if (all == 0) return;
  c->confidence *= all;
  c->flags |= flags;
}

/* Whether a cell over ROWS_DOUBT_MIN or more rows has text in every one
 * of them: it may be several rows' cells whose borders between them
 * were not found (six indicator names in one cell), not one cell. */
static bool rows_in_doubt(const ptable *p, const dx_cell *c, dx_glyph *const *g, size_t n) {
  if (c->rowspan < ROWS_DOUBT_MIN || c->rowspan > 64) return false;
  uint64_t seen = 0;
  for (size_t k = 0; k < n; k++) {
    int r = lay_upper_edge(p->ys, p->t->nrows, lay_cy(g[k])) - c->row;
    if (r >= 0 && r < c->rowspan) seen |= (uint64_t)1 << r;
  }
  return seen == (c->rowspan == 64 ? UINT64_MAX : ((uint64_t)1 << c->rowspan) - 1);
}

/* Gives each cell of p the text of its glyphs (lines joined where they
 * wrap), flags and confidence; the glyph lists go. */
dx_code lay_fill_cells(ptable *p, layout *L, dx_error *err) {
  dx_table *t = p->t;
  dx_code rc = DX_OK;
  for (size_t i = 0; i < t->ncells; i++) {
    dx_cell *c = t->cells[i];
    GPtrArray *ga = p->cell_glyphs[i];
    char *s = g_strdup("");
    if (ga && ga->len) {
      text_ends *e = g_new0(text_ends, 1);
      g_free(s);
      s = lay_glyph_text(&L->lim->words, (dx_glyph **)ga->pdata, ga->len, c->box[2], e);
      if (lay_spacing_doubt((dx_glyph **)ga->pdata, ga->len)) c->flags |= DX_CELL_SPACING_DOUBT;
      if (rows_in_doubt(p, c, (dx_glyph **)ga->pdata, ga->len) &&
          !(c->flags & DX_CELL_LAYOUT_UNCERTAIN)) {
        c->flags |= DX_CELL_LAYOUT_UNCERTAIN;
        c->confidence *= LAYOUT_UNCERTAIN_CONF;
      }
      g_hash_table_insert(p->ends, c, e);
      ocr_confidence(c, (dx_glyph **)ga->pdata, ga->len);
    }
    c->text = dx_arena_strdup(L->doc->arena, s);
    g_free(s);
    if (!c->text) rc = lay_nomem(err);
  }
  /* the glyph lists are done with: cells may now be dropped */
  for (size_t i = 0; i < t->ncells; i++)
    if (p->cell_glyphs[i]) g_ptr_array_free(p->cell_glyphs[i], TRUE);
  g_free(p->cell_glyphs);
  p->cell_glyphs = NULL;
  g_hash_table_destroy(p->anchors);
  p->anchors = NULL;
  return rc;
}

/* Whether no text would be lost by dropping row r: its cells are empty
 * or span on into the rows below. */
bool lay_row_droppable(const dx_table *t, int r) {
  for (int c = 0; c < t->ncols; c++) {
    const dx_cell *x = dx_table_at(t, r, c);
    if (x && x->row == r && x->rowspan == 1 && x->text && *x->text) return false;
  }
  return true;
}

/* Removes grid row r of p: cells above that span into it lose a row,
 * cells starting in it either span on (and start one row lower) or are
 * empty and go. */
void lay_drop_row(ptable *p, int r) {
  dx_table *t = p->t;
  size_t k = 0;
  for (size_t i = 0; i < t->ncells; i++) {
    dx_cell *c = t->cells[i];
    if (c->row == r && c->rowspan == 1) {
      g_hash_table_remove(p->ends, c);
      continue;
    }
    if (c->row <= r && c->row + c->rowspan > r)
      c->rowspan--;
    else if (c->row > r)
      c->row--;
    t->cells[k++] = c;
  }
  t->ncells = k;
  t->nrows--;
  for (int rr = r; rr < t->nrows; rr++)
    memcpy(&t->slots[(size_t)rr * (size_t)t->ncols], &t->slots[(size_t)(rr + 1) * (size_t)t->ncols],
           (size_t)t->ncols * sizeof(dx_cell *));
  /* the sliver's space goes to the row below */
  memmove(&p->ys[r + 1], &p->ys[r + 2], (size_t)(t->nrows - r) * sizeof *p->ys);
}

/* Rows lower than a line of text whose cells are empty or span on: the
 * ends of cells a producer drew a little off the row lines (Chromium,
 * continuing a spanning cell on a new page). */
void lay_drop_slivers(ptable *p) {
  for (int r = 0; r < p->t->nrows && p->t->nrows > 1;) {
    if (p->ys[r + 1] - p->ys[r] < SLIVER_PT && lay_row_droppable(p->t, r))
      lay_drop_row(p, r);
    else
      r++;
  }
}

static bool cell_empty(const dx_cell *c) {
  return !c->text || !*c->text;
}

/* A row edge that only empty cells use, every other column's cell
 * spanning across it, separates nothing: a producer drew a continued
 * spanning cell's end off the row lines (Chromium). The empty cells on
 * both sides become one and the edge goes. */
void lay_drop_empty_edges(ptable *p) {
  dx_table *t = p->t;
  for (int r = 0; r + 1 < t->nrows;) {
    bool used = false, any_split = false;
    for (int c = 0; c < t->ncols && !used; c++) {
      const dx_cell *a = dx_table_at(t, r, c), *b = dx_table_at(t, r + 1, c);
      if (a == b) continue;
      any_split = true;
      used = !a || !b || !cell_empty(a) || !cell_empty(b) || a->col != b->col ||
             a->colspan != b->colspan || a->nchildren || b->nchildren;
    }
    if (used || !any_split) {
      r++;
      continue;
    }
    for (int c = 0; c < t->ncols; c++) {
      dx_cell *a = dx_table_at(t, r, c), *b = dx_table_at(t, r + 1, c);
      if (a == b || b->col != c) continue;
      a->rowspan += b->rowspan;
      for (int rr = b->row; rr < b->row + b->rowspan; rr++)
        for (int cc = b->col; cc < b->col + b->colspan; cc++)
          t->slots[(size_t)rr * (size_t)t->ncols + (size_t)cc] = a;
      size_t k = 0;
      for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i] != b) t->cells[k++] = t->cells[i];
      t->ncells = k;
      g_hash_table_remove(p->ends, b);
    }
    /* every cell now spans rows r and r+1: the edge between them goes */
    lay_drop_row(p, r);
  }
}
