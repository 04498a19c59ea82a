/* xlsx_layout.c — a sheet's cells into the document model, so that
 * stage three reads a workbook as it reads a DOCX.
 *
 * Hidden rows and columns are left out (a warning says when they held
 * text). A merged range is one cell showing its top-left cell's value.
 * The rows are then cut into blocks as the sheet shows them: where the
 * sheet draws borders, each run of rows with bordered cells is a table
 * and a row of text outside them is a paragraph (a title merged across
 * the sheet, a 填报单位：… 金额单位：万元 line spread over cells, which
 * are joined with a tab); a sheet without borders is cut at empty rows,
 * and in each part the rows of one cell above and below its grid, and
 * a row of several above a title merged across, are paragraphs, the
 * rest a table. A table's columns are the
 * distinct edges its cells use (columns that are only ever merged
 * together are one), its empty trailing rows and columns are dropped,
 * and a slot no cell covers gets an empty cell, as a DOCX table has.
 */
#include "xlsx_int.h"

#include <string.h>

/* A cell as it shows, on visible rows and columns. */
typedef struct anchor {
  int r, c, rs, cs;
  const char *text;
  bool border;
  unsigned flags;
} anchor;

/* A merged range being read: its visible extent and what its cells say. */
typedef struct merge {
  xl_rect m;
  anchor a;
  bool seen; /* has an explicit cell */
} merge;

/* Visible rows and columns. */
typedef struct view {
  GArray *hidden_rows; /* sorted, unique */
  int *vcol;           /* column -> visible column (XL_MAX_COLS + 1), or NULL */
  const uint8_t *hcol;
} view;

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

static bool row_hidden(const view *v, int r) {
  return v->hidden_rows->len &&
         bsearch(&r, v->hidden_rows->data, v->hidden_rows->len, sizeof(int), cmp_int);
}

static bool col_hidden(const view *v, int c) {
  return v->hcol && v->hcol[c];
}

/* Visible rows before row r. */
static int vrow(const view *v, int r) {
  const int *h = (const int *)v->hidden_rows->data;
  size_t lo = 0, hi = v->hidden_rows->len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (h[mid] < r)
      lo = mid + 1;
    else
      hi = mid;
  }
  return r - (int)lo;
}

static int vcol(const view *v, int c) {
  return v->vcol ? v->vcol[c] : c;
}

static void view_init(view *v, const xl_sheet *s) {
  v->hidden_rows = g_array_copy(s->hidden_rows);
  g_array_sort(v->hidden_rows, cmp_int);
  guint k = 0;
  for (guint i = 0; i < v->hidden_rows->len; i++) {
    int r = g_array_index(v->hidden_rows, int, i);
    if (k == 0 || g_array_index(v->hidden_rows, int, k - 1) != r)
      g_array_index(v->hidden_rows, int, k++) = r;
  }
  g_array_set_size(v->hidden_rows, k);
  v->hcol = s->hidden_cols;
  v->vcol = NULL;
  if (s->hidden_cols) {
    v->vcol = g_new(int, XL_MAX_COLS + 1);
    for (int c = 0, n = 0; c <= XL_MAX_COLS; c++) {
      v->vcol[c] = n;
      if (c < XL_MAX_COLS && !s->hidden_cols[c]) n++;
    }
  }
}

static void view_free(view *v) {
  g_array_free(v->hidden_rows, TRUE);
  g_free(v->vcol);
}

/* A merged range on visible rows and columns (false: all hidden). */
static bool visible_rect(const view *v, const xl_rect *m, anchor *a) {
  int r0 = vrow(v, m->r0), r1 = vrow(v, m->r1 + 1); /* visible rows [r0, r1) */
  int c0 = vcol(v, m->c0), c1 = vcol(v, m->c1 + 1);
  *a = (anchor){.r = r0, .c = c0, .rs = r1 - r0, .cs = c1 - c0, .text = ""};
  return a->rs > 0 && a->cs > 0;
}

/* ---- merged ranges: which one holds a cell -------------------------------- */

static gint by_c0(gconstpointer a, gconstpointer b, gpointer unused) {
  (void)unused;
  const merge *x = a, *y = b;
  return x->m.c0 < y->m.c0 ? -1 : x->m.c0 > y->m.c0;
}

/* For g_tree_search: the active range holding column *col. */
static gint holds_col(gconstpointer key, gconstpointer col) {
  const merge *m = key;
  int c = *(const int *)col;
  return c < m->m.c0 ? -1 : c > m->m.c1 ? 1 : 0;
}

/* For g_tree_search: an active range overlapping columns [c0, c1]. */
static gint overlaps(gconstpointer key, gconstpointer range) {
  const merge *m = key;
  const int *r = range;
  return r[1] < m->m.c0 ? -1 : r[0] > m->m.c1 ? 1 : 0;
}

static int by_r0(const void *a, const void *b) {
  const merge *x = *(merge *const *)a, *y = *(merge *const *)b;
  return x->m.r0 < y->m.r0 ? -1 : x->m.r0 > y->m.r0;
}

static int by_r1(const void *a, const void *b) {
  const merge *x = *(merge *const *)a, *y = *(merge *const *)b;
  return x->m.r1 < y->m.r1 ? -1 : x->m.r1 > y->m.r1;
}

/* A sweep down the rows: the ranges holding the current row, keyed by
 * their first column (ranges do not overlap; one that overlaps another
 * is dropped, as Excel refuses it). */
typedef struct sweep {
  GTree *active;
  merge **by_start, **by_end;
  size_t n, next_start, next_end;
} sweep;

static void sweep_to(sweep *w, int row) {
  for (; w->next_end < w->n && w->by_end[w->next_end]->m.r1 < row; w->next_end++) {
    merge *m = w->by_end[w->next_end];
    if (g_tree_lookup(w->active, m) == m) g_tree_remove(w->active, m);
  }
  for (; w->next_start < w->n && w->by_start[w->next_start]->m.r0 <= row; w->next_start++) {
    merge *m = w->by_start[w->next_start];
    int range[2] = {m->m.c0, m->m.c1};
    if (m->m.r1 >= row && !g_tree_search(w->active, overlaps, range))
      g_tree_insert(w->active, m, m);
  }
}

/* Each cell to its merged range or to an anchor of its own; the ranges
 * that show something become anchors too. */
static void place_cells(const view *v, const xl_sheet *s, merge *ms, size_t nm, GArray *out,
                        size_t *hidden_text) {
  sweep w = {.active = g_tree_new_full(by_c0, NULL, NULL, NULL), .n = nm};
  w.by_start = g_new(merge *, nm + 1);
  w.by_end = g_new(merge *, nm + 1);
  for (size_t i = 0; i < nm; i++) w.by_start[i] = w.by_end[i] = &ms[i];
  qsort(w.by_start, nm, sizeof(merge *), by_r0);
  qsort(w.by_end, nm, sizeof(merge *), by_r1);
  for (guint i = 0; i < s->cells->len; i++) {
    const xl_cell *c = &g_array_index(s->cells, xl_cell, i);
    if (i && c->row == g_array_index(s->cells, xl_cell, i - 1).row &&
        c->col == g_array_index(s->cells, xl_cell, i - 1).col)
      continue; /* the same cell twice: the first counts */
    sweep_to(&w, c->row);
    merge *m = nm ? g_tree_search(w.active, holds_col, &c->col) : NULL;
    if (m) {
      m->seen = true;
      m->a.border |= c->border;
      if (c->row == m->m.r0 && c->col == m->m.c0) {
        m->a.text = c->text;
        m->a.flags |= c->flags;
      }
      continue;
    }
    if (row_hidden(v, c->row) || col_hidden(v, c->col)) {
      *hidden_text += *c->text != 0;
      continue;
    }
    anchor a = {.r = vrow(v, c->row),
                .c = vcol(v, c->col),
                .rs = 1,
                .cs = 1,
                .text = c->text,
                .border = c->border,
                .flags = c->flags};
    g_array_append_val(out, a);
  }
  for (size_t i = 0; i < nm; i++)
    if (ms[i].seen && ms[i].a.rs > 0 && (*ms[i].a.text || ms[i].a.border))
      g_array_append_val(out, ms[i].a);
  g_tree_destroy(w.active);
  g_free(w.by_start);
  g_free(w.by_end);
}

static int anchor_order(const void *pa, const void *pb) {
  const anchor *a = pa, *b = pb;
  if (a->r != b->r) return a->r < b->r ? -1 : 1;
  return a->c < b->c ? -1 : a->c > b->c;
}

static gint anchor_order_data(gconstpointer a, gconstpointer b, gpointer unused) {
  (void)unused;
  return anchor_order(a, b);
}

/* The anchors sorted by row and column, the first of equal ones first:
 * place_cells gives the cells' in order, then the merged ranges'; the
 * ranges are sorted and the two runs merged (anything else: sorted). */
static void sort_anchors(GArray *as) {
  anchor *a = (anchor *)as->data;
  size_t n = as->len, head = 1;
  while (head < n && anchor_order(&a[head - 1], &a[head]) < 0) head++;
  if (head >= n) return;
  size_t ntail = n - head;
  anchor *tail = g_memdup2(a + head, ntail * sizeof *a);
  g_qsort_with_data(tail, (gint)ntail, sizeof *a, anchor_order_data, NULL);
  /* merged back from the end: the head's last ones move up */
  size_t i = head, j = ntail, k = n;
  while (j > 0) {
    if (i > 0 && anchor_order(&a[i - 1], &tail[j - 1]) > 0)
      a[--k] = a[--i];
    else
      a[--k] = tail[--j];
  }
  g_free(tail);
}

/* The sheet's anchors, sorted by row and column. */
static GArray *anchors_of(const view *v, const xl_sheet *s, size_t *hidden_text) {
  GArray *out = g_array_new(FALSE, FALSE, sizeof(anchor));
  size_t nm = s->merges->len;
  merge *ms = g_new0(merge, nm + 1);
  size_t k = 0;
  for (size_t i = 0; i < nm; i++) {
    const xl_rect *r = &g_array_index(s->merges, xl_rect, i);
    if (r->r0 == r->r1 && r->c0 == r->c1) continue; /* one cell: no merge */
    ms[k].m = *r;
    if (!visible_rect(v, r, &ms[k].a)) ms[k].a.rs = 0;
    k++;
  }
  place_cells(v, s, ms, k, out, hidden_text);
  g_free(ms);
  sort_anchors(out);
  return out;
}

/* ---- rows into blocks --------------------------------------------------------- */

/* What a visible row holds. */
typedef struct rowinfo {
  int ruled;   /* bordered anchors over it */
  int texts;   /* anchors with text over it */
  int anchors; /* anchors over it */
  int joined;  /* anchors over it and the row above */
  bool wide;   /* a cell with text starting on it spans the sheet's width */
} rowinfo;

typedef struct block {
  bool table;
  int r0, r1; /* visible rows [r0, r1) */
} block;

/* Counts over the rows from the anchors (difference arrays). */
static rowinfo *row_infos(const GArray *as, int nrows) {
  rowinfo *ri = g_new0(rowinfo, (size_t)nrows + 1);
  int cmin = XL_MAX_COLS, cmax = 0;
  for (guint i = 0; i < as->len; i++) {
    const anchor *a = &g_array_index(as, anchor, i);
    cmin = MIN(cmin, a->c);
    cmax = MAX(cmax, a->c + a->cs);
  }
  for (guint i = 0; i < as->len; i++) {
    const anchor *a = &g_array_index(as, anchor, i);
    int end = a->r + a->rs;
    ri[a->r].wide |= *a->text && a->c <= cmin && a->c + a->cs >= cmax && cmax - cmin > 1;
    ri[a->r].ruled += a->border;
    ri[end].ruled -= a->border;
    ri[a->r].texts += *a->text != 0;
    ri[end].texts -= *a->text != 0;
    ri[a->r].anchors++;
    ri[end].anchors--;
    if (a->rs > 1) {
      ri[a->r + 1].joined++;
      ri[end].joined--;
    }
  }
  for (int r = 1; r <= nrows; r++) {
    ri[r].ruled += ri[r - 1].ruled;
    ri[r].texts += ri[r - 1].texts;
    ri[r].anchors += ri[r - 1].anchors;
    ri[r].joined += ri[r - 1].joined;
  }
  return ri;
}

static void add_block(GArray *out, bool table, int r0, int r1) {
  block b = {.table = table, .r0 = r0, .r1 = r1};
  g_array_append_val(out, b);
}

/* A sheet with borders: runs of ruled rows are tables, the other rows
 * with text paragraphs. */
static void cut_ruled(GArray *out, const rowinfo *ri, int nrows) {
  for (int r = 0; r < nrows;) {
    int e = r + 1;
    if (ri[r].ruled) {
      while (e < nrows && (ri[e].ruled || ri[e].joined)) e++;
      add_block(out, true, r, e);
    } else if (ri[r].texts) {
      while (e < nrows && ri[e].joined && !ri[e].ruled) e++;
      add_block(out, false, r, e);
    }
    r = e;
  }
}

/* A row of one cell (no cell spanning into the next row). */
static bool single(const rowinfo *ri, int k, int e) {
  return ri[k].anchors == 1 && !ri[k].joined && !(k + 1 < e && ri[k + 1].joined);
}

/* A sheet without borders: parts between empty rows; in each, the rows
 * above and below its grid are paragraphs: rows of one cell, and at the
 * top a row of several cells above a title merged across the sheet (a
 * 填报单位：… | 金额单位：元 line). The rest is a table, a heading row of
 * one cell inside it a row. */
static void cut_plain(GArray *out, const rowinfo *ri, int nrows) {
  for (int r = 0; r < nrows;) {
    if (!ri[r].texts) {
      r++;
      continue;
    }
    int e = r + 1;
    while (e < nrows && (ri[e].texts || ri[e].joined)) e++;
    int first = r, last = e - 1;
    while (first < e && (single(ri, first, e) ||
                         (first + 1 < e && single(ri, first + 1, e) && ri[first + 1].wide)))
      first++;
    while (last >= first && single(ri, last, e)) last--;
    for (int k = r; k < first; k++) add_block(out, false, k, k + 1);
    if (first <= last) add_block(out, true, first, last + 1);
    for (int k = MAX(last + 1, first); k < e; k++) add_block(out, false, k, k + 1);
    r = e;
  }
}

/* ---- blocks into the document ----------------------------------------------------- */

static bool add_paragraph(xl_book *b, const anchor *as, size_t n) {
  GString *t = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) {
    if (!*as[i].text) continue;
    if (t->len) g_string_append_c(t, i && as[i].r == as[i - 1].r ? '\t' : '\n');
    g_string_append(t, as[i].text);
  }
  bool ok = true;
  if (t->len) {
    dx_block *blk = dx_arena_alloc(b->doc->arena, sizeof *blk);
    ok = blk && (blk->text = dx_arena_strndup(b->doc->arena, t->str, t->len));
    if (ok) {
      blk->kind = DX_BLOCK_PARAGRAPH;
      blk->index = b->doc->nparagraphs++;
      g_ptr_array_add(b->doc->blocks, blk);
    }
  }
  g_string_free(t, TRUE);
  return ok;
}

static dx_cell *new_cell(xl_book *b, int row, int col, const char *text, unsigned flags) {
  dx_cell *c = dx_arena_alloc(b->doc->arena, sizeof *c);
  if (!c) return NULL;
  c->row = row;
  c->col = col;
  c->rowspan = c->colspan = 1;
  c->text = (char *)text;
  c->origin = DX_ORIGIN_XLSX;
  /* a formula never calculated: its value is not known */
  c->confidence = flags & DX_CELL_FORMULA_UNCACHED ? 0.5 : 1.0;
  c->flags = flags;
  return c;
}

/* The table's anchors (rows r0.., trimmed) on the grid of their edges
 * (edge[x]: the index of edge x among them). */
static bool fill_grid(xl_book *b, dx_table *t, const anchor *as, size_t n, int r0,
                      const int *edge) {
  int nc = t->ncols;
  for (size_t i = 0; i < n; i++) {
    const anchor *a = &as[i];
    int row = a->r - r0, col = edge[a->c], end = edge[a->c + a->cs];
    int rend = MIN(row + a->rs, t->nrows);
    if (end <= col || row >= t->nrows || t->slots[(size_t)row * nc + col]) continue;
    dx_cell *c = new_cell(b, row, col, a->text, a->flags);
    if (!c) return false;
    c->rowspan = rend - row;
    c->colspan = end - col;
    for (int r = row; r < rend; r++)
      for (int k = col; k < end; k++)
        if (!t->slots[(size_t)r * nc + k]) t->slots[(size_t)r * nc + k] = c;
  }
  /* a slot no cell covers: an empty cell, as a DOCX table has */
  size_t ncells = 0;
  for (int r = 0; r < t->nrows; r++)
    for (int k = 0; k < nc; k++) {
      dx_cell **s = &t->slots[(size_t)r * nc + k];
      if (!*s && !(*s = new_cell(b, r, k, "", 0))) return false;
      if ((*s)->row == r && (*s)->col == k) ncells++;
    }
  if ((b->ncells += ncells) > b->lim->max_cells) {
    dx_xl_fail(b, DX_ELIMIT, "document has more cells than the limit");
    return true;
  }
  t->cells = dx_arena_alloc(b->doc->arena, (ncells + 1) * sizeof(dx_cell *));
  if (!t->cells) return false;
  for (int r = 0; r < t->nrows; r++)
    for (int k = 0; k < nc; k++) {
      dx_cell *c = t->slots[(size_t)r * nc + k];
      if (c->row == r && c->col == k) t->cells[t->ncells++] = c;
    }
  return true;
}

/* A run of rows as a table: false when out of memory (b->rc is set for
 * the other limits). */
static bool add_table(xl_book *b, const anchor *as, size_t n, int r0) {
  /* trailing empty columns and rows are not the table's */
  int cmax = 0, rmax = r0;
  for (size_t i = 0; i < n; i++)
    if (*as[i].text || as[i].flags) { /* a formula not calculated holds a value */
      cmax = MAX(cmax, as[i].c + as[i].cs);
      rmax = MAX(rmax, as[i].r + as[i].rs);
    }
  if (rmax == r0) return true; /* an empty bordered area */
  /* the edges the kept anchors use, marked by column position, then
   * numbered in order */
  int *edge = g_new0(int, (size_t)cmax + 1);
  GArray *kept = g_array_new(FALSE, FALSE, sizeof(anchor));
  for (size_t i = 0; i < n; i++) {
    anchor a = as[i];
    if (a.c >= cmax || a.r >= rmax) continue;
    a.cs = MIN(a.cs, cmax - a.c);
    a.rs = MIN(a.rs, rmax - a.r);
    g_array_append_val(kept, a);
    edge[a.c] = edge[a.c + a.cs] = 1;
  }
  int nedges = 0;
  for (int x = 0; x <= cmax; x++)
    if (edge[x]) edge[x] = nedges++;
  bool ok = true;
  int nrows = rmax - r0, ncols = nedges - 1;
  if ((size_t)nrows > b->lim->max_table_rows)
    dx_xl_fail(b, DX_ELIMIT, "sheet \"%s\": a table has more than %zu rows, the limit", b->sheet,
               b->lim->max_table_rows);
  else if ((size_t)ncols > b->lim->max_table_cols)
    dx_xl_fail(b, DX_ELIMIT, "sheet \"%s\": a table is wider than the %zu-column limit", b->sheet,
               b->lim->max_table_cols);
  if (b->rc == DX_OK) {
    dx_table *t = dx_arena_alloc(b->doc->arena, sizeof *t);
    dx_block *blk = dx_arena_alloc(b->doc->arena, sizeof *blk);
    ok = t && blk &&
         (t->slots = dx_arena_alloc(b->doc->arena, (size_t)nrows * ncols * sizeof(dx_cell *)));
    if (ok) {
      t->nrows = nrows;
      t->ncols = ncols;
      ok = fill_grid(b, t, (const anchor *)kept->data, kept->len, r0, edge);
    }
    if (ok && b->rc == DX_OK) {
      blk->kind = DX_BLOCK_TABLE;
      blk->table = t;
      t->index = blk->index = b->doc->ntables++;
      g_ptr_array_add(b->doc->blocks, blk);
    }
  }
  g_free(edge);
  g_array_free(kept, TRUE);
  return ok;
}

static void warn_sheet(xl_book *b, const xl_sheet *s, size_t hidden_text) {
  if (hidden_text)
    dx_doc_warn(b->doc, "xlsx_hidden_skipped", 0,
                "sheet \"%s\": %zu cells with text on hidden rows or columns were not read",
                b->sheet, hidden_text);
  if (s->uncached)
    dx_doc_warn(b->doc, "xlsx_formula_uncached", 0,
                "sheet \"%s\": %zu formulas without a cached result (the workbook was never "
                "calculated), the first in %s: read as empty",
                b->sheet, s->uncached, s->uncached_ref);
}

dx_code dx_xl_layout(xl_book *b, const xl_sheet *s) {
  view v;
  view_init(&v, s);
  size_t hidden_text = 0;
  GArray *as = anchors_of(&v, s, &hidden_text);
  view_free(&v);
  warn_sheet(b, s, hidden_text);
  int nrows = 0;
  bool ruled = false;
  for (guint i = 0; i < as->len; i++) {
    const anchor *a = &g_array_index(as, anchor, i);
    nrows = MAX(nrows, a->r + a->rs);
    ruled = ruled || a->border;
  }
  rowinfo *ri = row_infos(as, nrows);
  GArray *blocks = g_array_new(FALSE, FALSE, sizeof(block));
  if (ruled)
    cut_ruled(blocks, ri, nrows);
  else
    cut_plain(blocks, ri, nrows);
  g_free(ri);
  /* anchors are sorted by their first row, and blocks by theirs: each
   * block's anchors are the next ones */
  const anchor *all = (const anchor *)as->data;
  size_t next = 0;
  bool ok = true;
  for (guint i = 0; i < blocks->len && ok && b->rc == DX_OK; i++) {
    const block *bl = &g_array_index(blocks, block, i);
    while (next < as->len && all[next].r < bl->r0) next++;
    size_t from = next;
    while (next < as->len && all[next].r < bl->r1) next++;
    ok = bl->table ? add_table(b, all + from, next - from, bl->r0)
                   : add_paragraph(b, all + from, next - from);
  }
  if (!ok) dx_xl_fail(b, DX_ELIMIT, "document model larger than the memory limit");
  g_array_free(blocks, TRUE);
  g_array_free(as, TRUE);
  return b->rc;
}
