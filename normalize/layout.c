/* layout.c — stage two for pages: glyphs and ruling lines become the
 * document model's tables and paragraphs.
 *
 * Per page: ruling lines are snapped and joined; lines that touch form a
 * table (ruling.c); the table's column and row edges are the distinct
 * positions of its vertical and horizontal lines; a cell is the smallest
 * rectangle whose four sides are drawn, so spans come from interior
 * lines that are missing (never from empty positions) (grid.c). Each
 * glyph goes to the cell that holds its centre; a cell whose text shows
 * rows a missing border merged is cut (split_rows.c); text inside a cell
 * is ordered by lines (cells.c, lines_text.c). Text outside tables
 * becomes paragraphs in reading order; text with no ruling lines at all
 * falls back to alignment (columns of text separated by gaps)
 * (paragraphs.c, borderless.c). After the last page, a table that
 * continues on the next page is joined to the one before it
 * (join_pages.c).
 */
#include "layout_int.h"

#include <string.h>

dx_code lay_nomem(dx_error *err) {
  return dx_error_set(err, DX_ENOMEM, "document model exceeds its memory limit");
}

void lay_table_init(dx_table *t, int nrows, int ncols, dx_cell **cells, size_t ncells,
                    dx_cell **slots, int page) {
  *t = (dx_table){.index = -1,
                  .nrows = nrows,
                  .ncols = ncols,
                  .cells = cells,
                  .ncells = ncells,
                  .slots = slots,
                  .page_start = page,
                  .page_end = page};
}

dx_code lay_add_table_block(GArray *blocks, dx_arena *A, dx_table *t, int page, float top,
                            dx_error *err) {
  dx_block *b = dx_arena_alloc(A, sizeof *b);
  if (!b) return lay_nomem(err);
  *b = (dx_block){.kind = DX_BLOCK_TABLE, .table = t, .page = page};
  pblock pb = {top, b};
  g_array_append_val(blocks, pb);
  return DX_OK;
}

static bool inside(const float *box, float x, float y) {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

static int pblock_cmp(const void *a, const void *b) {
  const pblock *x = a, *y = b;
  return x->top < y->top ? -1 : x->top > y->top;
}

/* Nesting: a table inside a cell of another sits in that cell (holder). */
static void nest_tables(GPtrArray *tables) {
  for (guint i = 0; i < tables->len; i++) {
    ptable *in = g_ptr_array_index(tables, i);
    for (guint j = 0; j < tables->len && !in->holder; j++) {
      ptable *out = g_ptr_array_index(tables, j);
      if (i == j || !inside(out->box, in->box[0], in->box[1]) ||
          !inside(out->box, in->box[2], in->box[3]))
        continue;
      float mx = (in->box[0] + in->box[2]) / 2, my = (in->box[1] + in->box[3]) / 2;
      dx_cell *c = dx_table_at(out->t, lay_upper_edge(out->ys, out->t->nrows, my),
                               lay_upper_edge(out->xs, out->t->ncols, mx));
      if (c) in->holder = c;
    }
  }
}

/* Glyphs: each to the innermost table cell holding its centre; the rest,
 * text outside tables, are returned. A fax's header (`fax`) is neither. */
static GPtrArray *place_glyphs(GPtrArray *tables, const dx_page *pg, const bool *fax) {
  GPtrArray *free_glyphs = g_ptr_array_new();
  for (size_t k = 0; k < pg->nglyphs; k++) {
    dx_glyph *g = &pg->glyphs[k];
    if (fax[k]) continue;
    ptable *best = NULL;
    for (guint i = 0; i < tables->len; i++) {
      ptable *p = g_ptr_array_index(tables, i);
      if (inside(p->box, lay_cx(g), lay_cy(g)) && (!best || p->holder)) best = p;
    }
    if (!best) {
      g_ptr_array_add(free_glyphs, g);
      continue;
    }
    dx_cell *c = dx_table_at(best->t, lay_upper_edge(best->ys, best->t->nrows, lay_cy(g)),
                             lay_upper_edge(best->xs, best->t->ncols, lay_cx(g)));
    size_t ai = lay_anchor_index(best, c);
    if (!best->cell_glyphs[ai]) best->cell_glyphs[ai] = g_ptr_array_new();
    g_ptr_array_add(best->cell_glyphs[ai], g);
  }
  return free_glyphs;
}

/* Each table once its glyphs are placed: rows a missing border merged
 * cut, cells' text made, empty slivers and edges dropped; a nested table
 * becomes a child of its holder, a top-level one a block of the page. */
static dx_code finish_tables(GArray *blocks, layout *L, GPtrArray *tables, const dx_page *pg,
                             dx_error *err) {
  dx_code rc = DX_OK;
  for (guint i = 0; i < tables->len && rc == DX_OK; i++) {
    ptable *p = g_ptr_array_index(tables, i);
    rc = lay_split_rows(p, L, tables, err);
    if (rc == DX_OK) rc = lay_fill_cells(p, L, err);
    if (rc != DX_OK) break;
    lay_drop_slivers(p);
    lay_drop_empty_edges(p);
    if (p->holder) {
      dx_cell *h = p->holder;
      dx_table **kids = dx_arena_alloc(L->doc->arena, (h->nchildren + 1) * sizeof(dx_table *));
      if (!kids) {
        rc = lay_nomem(err);
        break;
      }
      if (h->nchildren) memcpy(kids, h->children, h->nchildren * sizeof(dx_table *));
      kids[h->nchildren++] = p->t;
      h->children = kids;
      continue;
    }
    rc = lay_add_table_block(blocks, L->doc->arena, p->t, pg->number, p->box[1], err);
  }
  return rc;
}

dx_code dx_layout_page(dx_layout *L, const dx_page *pg, dx_error *err) {
  seg *hs, *vs;
  size_t nh, nv;
  lay_page_rules(&hs, &nh, &vs, &nv, L->doc, pg);
  GPtrArray *tables = g_ptr_array_new();
  dx_code rc = lay_grid_tables(tables, L, hs, nh, vs, nv, pg, err);
  nest_tables(tables);
  bool *fax = g_new0(bool, pg->nglyphs + 1);
  if (pg->origin == DX_ORIGIN_OCR) lay_fax_header(fax, pg);
  GPtrArray *free_glyphs = place_glyphs(tables, pg, fax);
  if (rc == DX_OK && pg->origin == DX_ORIGIN_OCR) {
    /* row borders a scan lost, found from the text: the tables are
     * made again with them (the columns' rules then say which cells
     * span the new rows), and with the columns' rules it lost in cells
     * spanning columns where their text starts again after an edge */
    GArray *add = g_array_new(FALSE, FALSE, sizeof(seg));
    GArray *vadd = g_array_new(FALSE, FALSE, sizeof(seg));
    for (guint i = 0; i < tables->len; i++) {
      seg *more = NULL;
      size_t n = lay_text_borders(g_ptr_array_index(tables, i), vs, nv, &more);
      if (n) g_array_append_vals(add, more, (guint)n);
      g_free(more);
      more = NULL;
      n = n ? lay_text_columns(g_ptr_array_index(tables, i), vs, nv, &more) : 0;
      if (n) g_array_append_vals(vadd, more, (guint)n);
      g_free(more);
    }
    if (add->len) {
      lay_add_rules(&hs, &nh, &vs, &nv, (const seg *)(void *)add->data, add->len,
                    (const seg *)(void *)vadd->data, vadd->len, pg);
      for (guint i = 0; i < tables->len; i++) lay_ptable_free(g_ptr_array_index(tables, i));
      g_ptr_array_set_size(tables, 0);
      g_ptr_array_free(free_glyphs, TRUE);
      rc = lay_grid_tables(tables, L, hs, nh, vs, nv, pg, err);
      nest_tables(tables);
      free_glyphs = place_glyphs(tables, pg, fax);
    }
    g_array_free(add, TRUE);
    g_array_free(vadd, TRUE);
  }
  g_free(hs);
  g_free(vs);
  g_free(fax);
  GArray *blocks = g_array_new(FALSE, FALSE, sizeof(pblock));
  if (rc == DX_OK) rc = finish_tables(blocks, L, tables, pg, err);
  if (rc == DX_OK)
    rc = lay_paragraphs(blocks, L, (dx_glyph **)free_glyphs->pdata, free_glyphs->len, pg, err);
  g_ptr_array_free(free_glyphs, TRUE);
  if (rc == DX_OK) {
    g_array_sort(blocks, pblock_cmp);
    for (guint i = 0; i < blocks->len; i++) {
      dx_block *b = g_array_index(blocks, pblock, i).b;
      g_ptr_array_add(L->doc->blocks, b);
    }
  }
  g_array_free(blocks, TRUE);
  /* top-level tables stay for joining across pages; nested ones go */
  for (guint i = 0; i < tables->len; i++) {
    ptable *p = g_ptr_array_index(tables, i);
    if (p->holder || rc != DX_OK) {
      lay_ptable_free(p);
      continue;
    }
    g_ptr_array_add(L->ptables, p);
  }
  g_ptr_array_free(tables, TRUE);
  return rc;
}

dx_layout *dx_layout_new(dx_doc *doc, const dx_limits *lim) {
  dx_layout *L = g_new0(dx_layout, 1);
  L->doc = doc;
  L->lim = lim;
  L->ptables = g_ptr_array_new_with_free_func((GDestroyNotify)lay_ptable_free);
  return L;
}

dx_code dx_layout_finish(dx_layout *L, dx_error *err) {
  return lay_join_pages(L, err);
}

void dx_layout_free(dx_layout *L) {
  if (!L) return;
  g_ptr_array_free(L->ptables, TRUE);
  g_free(L);
}
