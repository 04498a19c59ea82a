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

#include <math.h>
#include <string.h>

/* A sheet holding two pages side by side is landscape: A4 turned is
 * 1.41 times as wide as tall, a portrait page never wider than tall. */
#define TWO_UP_MIN_ASPECT 1.2
/* Its gutter lies within this share of the sheet's width either side of
 * the middle (two equal pages, the sheet's margins alike). */
#define TWO_UP_MID_SHARE 0.1
/* The gutter is two pages' margins reduced: two of 20-70 pt at 70 %,
 * 28-100 pt; a landscape form's columns are closer, and its rules and
 * title cross the middle anyway. */
#define TWO_UP_GUTTER_PT 24
/* Each side holds a page: this many glyphs at least, from top to
 * bottom over this share of the sheet's height (not a note beside a
 * table). */
#define TWO_UP_MIN_GLYPHS 20
#define TWO_UP_MIN_HEIGHT_SHARE 0.5f

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

/* One part of the document laid out: a page, or one half of a two-up
 * sheet (its glyphs and rules alone, in the sheet's coordinates; the
 * page's own left edge at x0 on the sheet). fax[k]: glyph k is the
 * page's fax header (lay_fax_header), a half has none. */
static dx_code layout_part(dx_layout *L, const dx_page *pg, const bool *fax, float x0,
                           dx_error *err) {
  seg *hs, *vs;
  size_t nh, nv;
  lay_page_rules(&hs, &nh, &vs, &nv, L->doc, pg);
  GPtrArray *tables = g_ptr_array_new();
  dx_code rc = lay_grid_tables(tables, L, hs, nh, vs, nv, pg, err);
  nest_tables(tables);
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
      g_hash_table_insert(L->block_part, b, GINT_TO_POINTER(L->parts + 1));
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
    p->part = p->part_end = L->parts;
    /* column edges from the part's own left edge: a table going on in
     * the right half of a two-up sheet lines up with its part on the
     * left half (or the page before) */
    for (int c = 0; c <= p->t->ncols; c++) p->xs[c] -= x0;
    g_ptr_array_add(L->ptables, p);
  }
  g_ptr_array_free(tables, TRUE);
  L->parts++;
  return rc;
}

/* Where a sheet holding two pages side by side ("2 pages per sheet", a
 * print or copy of two pages reduced onto one landscape sheet) is cut:
 * the middle of an empty gutter down the whole sheet, no glyph and no
 * rule crossing it, with a page's worth of text on each side. 0 when the
 * sheet is one page (a portrait page; a landscape form, whose rules or
 * title cross the middle). Glyphs in `skip` (a fax's header) are
 * ignored. */
float dx_layout_two_up_cut(const dx_page *pg, const bool *skip) {
  if (pg->width < TWO_UP_MIN_ASPECT * pg->height) return 0;
  int n = (int)ceil(pg->width) + 1;
  bool *used = g_new0(bool, n + 1);
  for (size_t k = 0; k < pg->nglyphs; k++) {
    if (skip && skip[k]) continue;
    const dx_glyph *g = &pg->glyphs[k];
    for (int x = CLAMP((int)floor(g->box[0]), 0, n - 1); x <= CLAMP((int)ceil(g->box[2]), 0, n - 1);
         x++)
      used[x] = true;
  }
  for (size_t k = 0; k < pg->nrules; k++) {
    const dx_rule *r = &pg->rules[k];
    int a = CLAMP((int)floor(MIN(r->x0, r->x1)), 0, n - 1);
    int z = CLAMP((int)ceil(MAX(r->x0, r->x1)), 0, n - 1);
    for (int x = a; x <= z; x++) used[x] = true;
  }
  /* the longest empty run in the sheet's middle band */
  int lo = (int)((0.5 - TWO_UP_MID_SHARE) * pg->width);
  int hi = (int)((0.5 + TWO_UP_MID_SHARE) * pg->width);
  int best = 0, best_at = 0;
  for (int x = lo, run = 0; x <= hi && x < n; x++) {
    run = used[x] ? 0 : run + 1;
    if (run > best) {
      best = run;
      best_at = x - run / 2;
    }
  }
  g_free(used);
  if (best < TWO_UP_GUTTER_PT) return 0;
  /* a page on each side: text enough, standing over half the sheet */
  float cut = (float)best_at;
  int count[2] = {0, 0};
  float top[2] = {INFINITY, INFINITY}, bot[2] = {-INFINITY, -INFINITY};
  for (size_t k = 0; k < pg->nglyphs; k++) {
    if (skip && skip[k]) continue;
    const dx_glyph *g = &pg->glyphs[k];
    int side = lay_cx(g) > cut;
    count[side]++;
    top[side] = MIN(top[side], g->box[1]);
    bot[side] = MAX(bot[side], g->box[3]);
  }
  for (int side = 0; side < 2; side++)
    if (count[side] < TWO_UP_MIN_GLYPHS ||
        bot[side] - top[side] < TWO_UP_MIN_HEIGHT_SHARE * pg->height)
      return 0;
  return cut;
}

dx_code dx_layout_page(dx_layout *L, const dx_page *pg, dx_error *err) {
  bool *fax = g_new0(bool, pg->nglyphs + 1);
  if (pg->origin == DX_ORIGIN_OCR) lay_fax_header(fax, pg);
  float cut = dx_layout_two_up_cut(pg, fax);
  if (cut <= 0) {
    dx_code rc = layout_part(L, pg, fax, 0, err);
    g_free(fax);
    return rc;
  }
  /* two pages on one sheet: the left one, then the right one, each laid
   * out as a page of its own (in the sheet's coordinates); the two are
   * alike, the right one standing half the sheet's width to the right */
  dx_glyph *gs = g_new(dx_glyph, pg->nglyphs + 1);
  dx_rule *rs = g_new(dx_rule, pg->nrules + 1);
  bool *none = g_new0(bool, pg->nglyphs + 1); /* the header is left out of both halves */
  dx_code rc = DX_OK;
  for (int side = 0; side < 2 && rc == DX_OK; side++) {
    dx_page half = *pg;
    half.glyphs = gs;
    half.rules = rs;
    half.nglyphs = half.nrules = 0;
    for (size_t k = 0; k < pg->nglyphs; k++)
      if (!fax[k] && (lay_cx(&pg->glyphs[k]) > cut) == side) gs[half.nglyphs++] = pg->glyphs[k];
    for (size_t k = 0; k < pg->nrules; k++) {
      const dx_rule *r = &pg->rules[k];
      if (((r->x0 + r->x1) / 2 > cut) == side) rs[half.nrules++] = *r;
    }
    rc = layout_part(L, &half, none, side ? (float)pg->width / 2 : 0, err);
  }
  g_free(none);
  g_free(gs);
  g_free(rs);
  g_free(fax);
  return rc;
}

dx_layout *dx_layout_new(dx_doc *doc, const dx_limits *lim) {
  dx_layout *L = g_new0(dx_layout, 1);
  L->doc = doc;
  L->lim = lim;
  L->ptables = g_ptr_array_new_with_free_func((GDestroyNotify)lay_ptable_free);
  L->block_part = g_hash_table_new(NULL, NULL);
  return L;
}

dx_code dx_layout_finish(dx_layout *L, dx_error *err) {
  return lay_join_pages(L, err);
}

void dx_layout_free(dx_layout *L) {
  if (!L) return;
  g_ptr_array_free(L->ptables, TRUE);
  g_hash_table_destroy(L->block_part);
  g_free(L);
}
