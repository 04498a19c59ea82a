/* grid.c — a component of ruling lines as a table: its column and row
 * edges are the distinct positions of its vertical and horizontal
 * rules; a cell is the smallest rectangle whose four sides are drawn, so
 * spans come from interior lines that are missing (never from empty
 * positions). A group of grid slots that is no rectangle (a border
 * missing or extra) is cut into rectangles, its cells flagged
 * layout_uncertain.
 */
#include "layout_int.h"

#include <math.h>
#include <string.h>

/* A table is at least this wide and high (points): a line of text. */
#define MIN_TABLE_PT 10.0
/* Groups of up to this many slots are cut by searching for the largest
 * rectangle each time; larger ones (a damaged grid) row by row. */
#define CUT_SEARCH_SLOTS 64

void lay_ptable_free(ptable *p) {
  if (!p) return;
  if (p->cell_glyphs)
    for (size_t i = 0; i < p->t->ncells; i++)
      if (p->cell_glyphs[i]) g_ptr_array_free(p->cell_glyphs[i], TRUE);
  g_free(p->cell_glyphs);
  if (p->ends) g_hash_table_destroy(p->ends);
  if (p->anchors) g_hash_table_destroy(p->anchors);
  g_free(p->xs);
  g_free(p->ys);
  g_free(p);
}

/* A row the page break cut has no border on the cut side: the columns'
 * rules run on past the last (or before the first) horizontal rule, and
 * text stands between them. That open row is a row of the table. ys
 * holds ny edges from ys[1] (room for one before and one after). Above
 * the first rule, only as far as two of the rules run on: a cell has
 * two sides, and one side's rule alone running on up is a scan's stroke
 * of the line over the table joined to it (the 填 of 填报单位 over a
 * fax's frame). Below the last, one will do: a fax that lost the
 * table's bottom border may have kept only one side of its last row. */
static void open_rows(float *ys, size_t *ny, bool *open_top, bool *open_bot, const float *xs,
                      size_t nx, const seg *vs, size_t nv, int comp, const dx_page *pg) {
  float top1 = INFINITY, vtop = INFINITY, vbot = -INFINITY;
  for (size_t i = 0; i < nv; i++) {
    if (vs[i].comp != comp) continue;
    if (vs[i].a < top1) {
      vtop = top1;
      top1 = vs[i].a;
    } else {
      vtop = MIN(vtop, vs[i].a);
    }
    vbot = MAX(vbot, vs[i].b);
  }
  float top = ys[1], bot = ys[*ny];
  bool above = false, below = false;
  for (size_t k = 0; k < pg->nglyphs; k++) {
    const dx_glyph *g = &pg->glyphs[k];
    if (lay_cx(g) < xs[0] || lay_cx(g) > xs[nx - 1]) continue;
    above = above || (lay_cy(g) < top && lay_cy(g) > vtop);
    below = below || (lay_cy(g) > bot && lay_cy(g) < vbot);
  }
  *open_top = above;
  *open_bot = below;
  if (below) ys[++*ny] = vbot;
  if (above) {
    ys[0] = vtop;
    ++*ny;
  } else {
    memmove(ys, ys + 1, *ny * sizeof *ys);
  }
}

/* The rectangles grid slots are given: per slot the index of its
 * rectangle's top-left slot (-1 while none), and at that slot the
 * rectangle's row and column span. */
typedef struct cuts {
  int nrows, ncols;
  int *uf; /* the slots' groups */
  int *anchor, *rs, *cs;
  const float *xs, *ys;   /* the grid's edges */
  const dx_glyph *glyphs; /* the page's, in reading order of lines */
  size_t nglyphs;
  GPtrArray *near;    /* dx_glyph*: those over the group being cut */
  const seg *hs, *vs; /* the component's rules */
  size_t nh, nv;
  int comp;
} cuts;

static void cut_rect(cuts *k, int r, int c, int rs, int cs) {
  int a = r * k->ncols + c;
  k->rs[a] = rs;
  k->cs[a] = cs;
  for (int rr = r; rr < r + rs; rr++)
    for (int cc = c; cc < c + cs; cc++) k->anchor[rr * k->ncols + cc] = a;
}

/* Whether slot (r, c) is in group g and has no rectangle yet. */
static bool slot_free(cuts *k, int g, int r, int c, int r1, int c1) {
  if (r > r1 || c > c1) return false;
  int i = r * k->ncols + c;
  return k->anchor[i] < 0 && lay_uf_find(k->uf, i) == g;
}

/* Rows from r down that are free over columns c..c+w-1, at most r1. */
static int free_height(cuts *k, int g, int r, int c, int w, int r1, int c1) {
  int h = 0;
  for (; r + h <= r1; h++)
    for (int cc = c; cc < c + w; cc++)
      if (!slot_free(k, g, r + h, cc, r1, c1)) return h;
  return h;
}

/* Whether a line of text runs across the vertical x over y0..y1: two
 * glyphs side by side on one line (their gap under half an em) on
 * either side of it, or one glyph over it. */
static bool text_across_x(const cuts *k, float x, float y0, float y1) {
  for (guint i = 0; i < k->near->len; i++) {
    const dx_glyph *a = g_ptr_array_index(k->near, i);
    float cy = (a->box[1] + a->box[3]) / 2, em = a->box[3] - a->box[1];
    if (cy < y0 || cy > y1 || em <= 0) continue;
    float m = em / 4;
    if (a->box[0] < x - m && a->box[2] > x + m) return true;
    if (i + 1 == k->near->len || a->box[2] > x) continue;
    const dx_glyph *b = g_ptr_array_index(k->near, i + 1);
    float by = (b->box[1] + b->box[3]) / 2;
    if (b->box[0] >= x && fabsf(by - cy) < em / 2 && b->box[0] - a->box[2] < em / 2) return true;
  }
  return false;
}

/* Whether a glyph stands across the horizontal y over x0..x1 (its
 * middle half over it). */
static bool text_across_y(const cuts *k, float y, float x0, float x1) {
  for (guint i = 0; i < k->near->len; i++) {
    const dx_glyph *a = g_ptr_array_index(k->near, i);
    float cx = (a->box[0] + a->box[2]) / 2, q = (a->box[3] - a->box[1]) / 4;
    if (cx >= x0 && cx <= x1 && a->box[1] + q < y && a->box[3] - q > y) return true;
  }
  return false;
}

/* Whether the rectangle of h x w slots at (r, c) is no fit for a cell
 * of group g: it holds a piece of a drawn line between two of its
 * slots, or would cut a line of text where it borders a slot of g (no
 * drawn line between them: the cut would be the grid's, not the
 * form's). */
static bool unfit(const cuts *k, int g, int r, int c, int h, int w) {
  for (int rr = r; rr < r + h; rr++)
    for (int cc = c; cc < c + w; cc++) {
      float ym = (k->ys[rr] + k->ys[rr + 1]) / 2, xm = (k->xs[cc] + k->xs[cc + 1]) / 2;
      if (cc + 1 < c + w && lay_drawn(k->vs, k->nv, k->comp, k->xs[cc + 1], ym)) return true;
      if (rr + 1 < r + h && lay_drawn(k->hs, k->nh, k->comp, k->ys[rr + 1], xm)) return true;
    }
  if (!k->near->len) return false;
  for (int rr = r; rr < r + h; rr++) {
    float y0 = k->ys[rr], y1 = k->ys[rr + 1];
    if (c > 0 && lay_uf_find(k->uf, rr * k->ncols + c - 1) == g &&
        text_across_x(k, k->xs[c], y0, y1))
      return true;
    if (c + w < k->ncols && lay_uf_find(k->uf, rr * k->ncols + c + w) == g &&
        text_across_x(k, k->xs[c + w], y0, y1))
      return true;
  }
  for (int cc = c; cc < c + w; cc++) {
    float x0 = k->xs[cc], x1 = k->xs[cc + 1];
    if (r > 0 && lay_uf_find(k->uf, (r - 1) * k->ncols + cc) == g &&
        text_across_y(k, k->ys[r], x0, x1))
      return true;
    if (r + h < k->nrows && lay_uf_find(k->uf, (r + h) * k->ncols + cc) == g &&
        text_across_y(k, k->ys[r + h], x0, x1))
      return true;
  }
  return false;
}

/* Cuts group g (bounding slots r0..r1 x c0..c1, n slots), which is no
 * rectangle, into rectangles: the largest one first, again and again
 * (a cell over five columns beside one missing segment stays whole,
 * with the stray slot a cell of its own), where one that fits (unfit:
 * a title over a row whose rules a fax lost is not cut, nor joined to
 * the cells below it) comes before any that does not. Past
 * CUT_SEARCH_SLOTS slots, row by row instead (the widest run, then as
 * many rows as it fits). */
static void cut_group(cuts *k, int g, int r0, int r1, int c0, int c1, int n) {
  g_ptr_array_set_size(k->near, 0);
  for (size_t i = 0; i < k->nglyphs; i++) {
    const dx_glyph *a = &k->glyphs[i];
    float cx = (a->box[0] + a->box[2]) / 2, cy = (a->box[1] + a->box[3]) / 2;
    if (cx >= k->xs[c0] && cx <= k->xs[c1 + 1] && cy >= k->ys[r0] && cy <= k->ys[r1 + 1])
      g_ptr_array_add(k->near, (gpointer)a);
  }
  for (;;) {
    int br = -1, bc = 0, bw = 0, bh = 0;
    bool bclean = false;
    for (int r = r0; r <= r1; r++)
      for (int c = c0; c <= c1; c++) {
        if (!slot_free(k, g, r, c, r1, c1)) continue;
        if (n > CUT_SEARCH_SLOTS) { /* row by row */
          int w = 1;
          while (slot_free(k, g, r, c + w, r1, c1)) w++;
          br = r, bc = c, bw = w, bh = free_height(k, g, r, c, w, r1, c1);
          goto found;
        }
        for (int w = 1; slot_free(k, g, r, c + w - 1, r1, c1); w++) {
          int h = free_height(k, g, r, c, w, r1, c1);
          bool clean = !unfit(k, g, r, c, h, w);
          if ((clean && !bclean) || (clean == bclean && w * h > bw * bh))
            br = r, bc = c, bw = w, bh = h, bclean = clean;
        }
      }
  found:
    if (br < 0) return;
    cut_rect(k, br, bc, bh, bw);
  }
}

/* A component's grid while its cells are found: its edges, and the
 * groups of its slots not separated by a drawn line (a union-find over
 * the slots in row-major order), with each group's bounding box in
 * slots and its number of slots (at the group's root). */
typedef struct grid {
  float *xs, *ys; /* ncols+1 and nrows+1 edges */
  int nrows, ncols;
  bool open_top, open_bot; /* see open_rows */
  int *uf;
  int *r0, *r1, *c0, *c1, *cnt;
} grid;

static void grid_free(grid *G) {
  g_free(G->xs);
  g_free(G->ys);
  g_free(G->uf);
  g_free(G->r0);
  g_free(G->r1);
  g_free(G->c0);
  g_free(G->c1);
  g_free(G->cnt);
}

/* The component's column and row edges into G, with a row the page
 * break left open (open_rows). G->xs stays NULL when they make no
 * table. */
static dx_code grid_edges(grid *G, layout *L, const seg *hs, size_t nh, const seg *vs, size_t nv,
                          int comp, const dx_page *pg, dx_error *err) {
  float *xs = g_new(float, nv + 1), *ys = g_new(float, nh + 3);
  size_t nx = lay_edges(xs, vs, nv, comp), ny = lay_edges(ys + 1, hs, nh, comp);
  if (nx < 2 || ny < 2) {
    g_free(xs);
    g_free(ys);
    return DX_OK;
  }
  if (xs[nx - 1] - xs[0] < MIN_TABLE_PT || ys[ny] - ys[1] < MIN_TABLE_PT) {
    g_free(xs); /* the remains of a drawn checkbox or a glyph, not a table */
    g_free(ys);
    return DX_OK;
  }
  open_rows(ys, &ny, &G->open_top, &G->open_bot, xs, nx, vs, nv, comp, pg);
  int nrows = (int)ny - 1, ncols = (int)nx - 1;
  if ((size_t)nrows > L->lim->max_table_rows || (size_t)ncols > L->lim->max_table_cols) {
    g_free(xs);
    g_free(ys);
    return dx_error_set(err, DX_ELIMIT,
                        "page %d: a table of %d rows and %d columns is past the limit", pg->number,
                        nrows, ncols);
  }
  G->xs = xs;
  G->ys = ys;
  G->nrows = nrows;
  G->ncols = ncols;
  return DX_OK;
}

/* The groups of G's slots and their bounding boxes. */
static void slot_groups(grid *G, const seg *hs, size_t nh, const seg *vs, size_t nv, int comp) {
  int nrows = G->nrows, ncols = G->ncols;
  const float *xs = G->xs, *ys = G->ys;
  size_t nslots = (size_t)nrows * (size_t)ncols;
  int *uf = G->uf = g_new(int, nslots);
  for (size_t i = 0; i < nslots; i++) uf[i] = (int)i;
  for (int r = 0; r < nrows; r++)
    for (int c = 0; c < ncols; c++) {
      int i = r * ncols + c;
      float ymid = (ys[r] + ys[r + 1]) / 2, xmid = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < ncols && !lay_drawn(vs, nv, comp, xs[c + 1], ymid)) lay_uf_union(uf, i, i + 1);
      if (r + 1 < nrows && !lay_drawn(hs, nh, comp, ys[r + 1], xmid))
        lay_uf_union(uf, i, i + ncols);
    }
  /* bounding box of each group, in slots */
  int *r0 = G->r0 = g_new(int, nslots), *r1 = G->r1 = g_new(int, nslots),
      *c0 = G->c0 = g_new(int, nslots), *c1 = G->c1 = g_new(int, nslots),
      *cnt = G->cnt = g_new0(int, nslots);
  for (size_t i = 0; i < nslots; i++) {
    r0[i] = c0[i] = INT32_MAX;
    r1[i] = c1[i] = -1;
  }
  for (int r = 0; r < nrows; r++)
    for (int c = 0; c < ncols; c++) {
      int g = lay_uf_find(uf, r * ncols + c);
      r0[g] = MIN(r0[g], r);
      r1[g] = MAX(r1[g], r);
      c0[g] = MIN(c0[g], c);
      c1[g] = MAX(c1[g], c);
      cnt[g]++;
    }
}

/* Whether group g fills its bounding box. */
static bool group_is_rect(const grid *G, int g) {
  return G->cnt[g] == (G->r1[g] - G->r0[g] + 1) * (G->c1[g] - G->c0[g] + 1);
}

/* Each slot's rectangle: its group's, or for a group that is no
 * rectangle one of the largest rectangles it is cut into. */
static void cut_groups(cuts *cut, const grid *G) {
  size_t nslots = (size_t)G->nrows * (size_t)G->ncols;
  for (size_t i = 0; i < nslots; i++) cut->anchor[i] = -1;
  for (size_t i = 0; i < nslots; i++) {
    if (cut->anchor[i] >= 0) continue;
    int g = lay_uf_find(G->uf, (int)i);
    if (group_is_rect(G, g))
      cut_rect(cut, G->r0[g], G->c0[g], G->r1[g] - G->r0[g] + 1, G->c1[g] - G->c0[g] + 1);
    else
      cut_group(cut, g, G->r0[g], G->r1[g], G->c0[g], G->c1[g], G->cnt[g]);
  }
}

/* A cell per rectangle, in row-major order of their top-left slots,
 * into cells[0..*ncells); each slot points at the cell over it. A cell
 * cut from a group that is no rectangle is flagged layout_uncertain. */
static dx_code make_cells(dx_cell **cells, size_t *ncells, dx_cell **slots, const grid *G,
                          const cuts *cut, dx_arena *A, const dx_page *pg, dx_error *err) {
  int ncols = G->ncols;
  for (int r = 0; r < G->nrows; r++)
    for (int c = 0; c < ncols; c++) {
      size_t i = (size_t)r * (size_t)ncols + (size_t)c;
      if (cut->anchor[i] != (int)i) continue;
      bool uncertain = !group_is_rect(G, lay_uf_find(G->uf, (int)i));
      int rs = cut->rs[i], cs = cut->cs[i];
      dx_cell *cell = dx_arena_alloc(A, sizeof *cell);
      if (!cell) return lay_nomem(err);
      *cell = (dx_cell){.row = r,
                        .col = c,
                        .rowspan = rs,
                        .colspan = cs,
                        .page = pg->number,
                        .has_box = true,
                        .origin = pg->origin,
                        .confidence = pg->confidence * (uncertain ? LAYOUT_UNCERTAIN_CONF : 1),
                        .flags = uncertain ? DX_CELL_LAYOUT_UNCERTAIN : 0};
      cell->box[0] = G->xs[c];
      cell->box[1] = G->ys[r];
      cell->box[2] = G->xs[c + cs];
      cell->box[3] = G->ys[r + rs];
      cells[(*ncells)++] = cell;
      for (int rr = r; rr < r + rs; rr++)
        for (int cc = c; cc < c + cs; cc++) slots[(size_t)rr * (size_t)ncols + (size_t)cc] = cell;
    }
  return DX_OK;
}

/* The ptable of table t on page pg; it takes G's edges. */
static ptable *ptable_new(dx_table *t, grid *G, const dx_page *pg) {
  ptable *p = g_new0(ptable, 1);
  p->t = t;
  p->xs = G->xs;
  p->ys = G->ys;
  G->xs = G->ys = NULL;
  p->box[0] = p->xs[0];
  p->box[1] = p->ys[0];
  p->box[2] = p->xs[t->ncols];
  p->box[3] = p->ys[t->nrows];
  p->page = pg->number;
  p->room_below = (float)pg->height - p->box[3];
  p->open_top = G->open_top;
  p->open_bot = G->open_bot;
  p->cell_glyphs = g_new0(GPtrArray *, t->ncells);
  p->anchors = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < t->ncells; i++)
    g_hash_table_insert(p->anchors, t->cells[i], GSIZE_TO_POINTER(i));
  p->ends = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  return p;
}

/* Builds the grid of one component: cells are the groups of grid slots
 * not separated by a drawn line. */
static dx_code grid_table(ptable **out, layout *L, const seg *hs, size_t nh, const seg *vs,
                          size_t nv, int comp, const dx_page *pg, dx_error *err) {
  *out = NULL;
  grid G = {0};
  dx_code rc = grid_edges(&G, L, hs, nh, vs, nv, comp, pg, err);
  if (rc != DX_OK || !G.xs) return rc;
  slot_groups(&G, hs, nh, vs, nv, comp);
  size_t nslots = (size_t)G.nrows * (size_t)G.ncols, ncells = 0;
  dx_arena *A = L->doc->arena;
  dx_table *t = dx_arena_alloc(A, sizeof *t);
  dx_cell **slots = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
  dx_cell **cells = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
  cuts cut = {.nrows = G.nrows,
              .ncols = G.ncols,
              .uf = G.uf,
              .anchor = g_new(int, nslots),
              .rs = g_new(int, nslots),
              .cs = g_new(int, nslots),
              .xs = G.xs,
              .ys = G.ys,
              .glyphs = pg->glyphs,
              .nglyphs = pg->nglyphs,
              .near = g_ptr_array_new(),
              .hs = hs,
              .vs = vs,
              .nh = nh,
              .nv = nv,
              .comp = comp};
  if (!slots || !cells) {
    rc = lay_nomem(err);
    goto done;
  }
  cut_groups(&cut, &G);
  rc = make_cells(cells, &ncells, slots, &G, &cut, A, pg, err);
  if (rc != DX_OK) goto done;
  lay_table_init(t, G.nrows, G.ncols, cells, ncells, slots, pg->number);
  *out = ptable_new(t, &G, pg);
done:
  g_ptr_array_free(cut.near, TRUE);
  g_free(cut.anchor);
  g_free(cut.rs);
  g_free(cut.cs);
  grid_free(&G);
  return rc;
}

dx_code lay_grid_tables(GPtrArray *tables, layout *L, seg *hs, size_t nh, seg *vs, size_t nv,
                        const dx_page *pg, dx_error *err) {
  dx_code rc = DX_OK;
  for (size_t i = 0; i < nh && rc == DX_OK; i++) {
    int comp = hs[i].comp;
    if ((size_t)comp != i) continue; /* one table per component root */
    ptable *p = NULL;
    lay_prune(hs, nh, vs, nv, comp);
    rc = grid_table(&p, L, hs, nh, vs, nv, comp, pg, err);
    if (p) g_ptr_array_add(tables, p);
  }
  return rc;
}

int lay_upper_edge(const float *e, int n, float v) {
  /* index i with e[i] <= v < e[i+1], clamped to 0..n-1 */
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (e[mid + 1] <= v)
      lo = mid + 1;
    else
      hi = mid;
  }
  return CLAMP(lo, 0, n - 1);
}

/* The index in t->cells of the anchor c (p->anchors maps them). */
size_t lay_anchor_index(const ptable *p, const dx_cell *c) {
  return (size_t)GPOINTER_TO_SIZE(g_hash_table_lookup(p->anchors, c));
}
