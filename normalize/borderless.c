/* borderless.c — tables a page draws without ruling lines, read by the
 * alignment of their text: lines are cut into chunks at gaps wider than
 * those between words, and a run of lines whose chunks all start at
 * column starts that several lines share is a table, each line a row (a
 * wrapped label goes on in its cell). Its cells are trusted less
 * (ALIGN_CONF).
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>

/* Without ruling lines: a gap this wide (share of the size) between
 * glyphs on a line separates two columns of a borderless table (two
 * cells' padding is about 1 em; words are a quarter em apart). */
#define COLUMN_GAP_EM 1.2
/* ... a narrower gap (two cells' padding, ~1 em) separates columns
 * where the text after it starts at a column start. */
#define PADDING_GAP_EM 0.6
/* ... a column starts where this many lines start a piece of text, and a
 * table needs as many lines of two pieces or more. */
#define ALIGN_MIN_LINES 3
/* ... its cells are trusted this much: with no lines, a wrapped line
 * may be taken for a row and a row for a wrapped line. */
#define ALIGN_CONF 0.9
/* ... lines of one table are at most this far apart (share of the size). */
#define ALIGN_LINE_GAP_EM 2.0
/* ... a column's text ends at least this far (points) before the next
 * column's text starts: its own cell's padding and the next one's
 * (5.4 pt each in Word and LibreOffice). */
#define COLUMN_PAD_PT 11.0

typedef struct chunk {
  size_t line, from, to; /* glyphs from..to-1 of a line */
  float x0, x1;
  int col, span;
} chunk;

static int anchor_of(const float *a, int na, float x);

/* Splits each line into chunks at gaps wider than a column gap, and,
 * given column starts (anchors), also at narrower gaps right before one:
 * two cells that both fill their columns are only their padding apart. */
static GArray *line_chunks(const tline *ls, size_t nl, const float *anchors, int na) {
  GArray *ch = g_array_new(FALSE, FALSE, sizeof(chunk));
  for (size_t i = 0; i < nl; i++) {
    const tline *l = &ls[i];
    size_t from = 0;
    for (size_t k = 1; k <= l->n; k++) {
      if (k < l->n) {
        float gap = l->g[k]->box[0] - l->g[k - 1]->box[2];
        float em = MAX(lay_glyph_size(l->g[k]), lay_glyph_size(l->g[k - 1]));
        bool split = gap > COLUMN_GAP_EM * em || (anchors && gap > PADDING_GAP_EM * em &&
                                                  anchor_of(anchors, na, l->g[k]->box[0]) >= 0);
        if (!split) continue;
      }
      chunk c = {i, from, k, l->g[from]->box[0], l->g[k - 1]->box[2], -1, 1};
      g_array_append_val(ch, c);
      from = k;
    }
  }
  return ch;
}

static int anchor_of(const float *a, int na, float x) {
  for (int i = 0; i < na; i++)
    if (fabsf(a[i] - x) <= COL_ALIGN_PT) return i;
  return -1;
}

/* Column starts: left edges that ALIGN_MIN_LINES lines or more share. */
static int find_anchors(float *out, const GArray *ch) {
  int n = 0;
  float *xs = g_new(float, ch->len + 1);
  for (guint i = 0; i < ch->len; i++) xs[i] = g_array_index(ch, chunk, i).x0;
  qsort(xs, ch->len, sizeof *xs, lay_float_cmp);
  for (guint i = 0; i < ch->len;) {
    guint j = i;
    while (j < ch->len && xs[j] - xs[i] <= COL_ALIGN_PT) j++;
    if (j - i >= ALIGN_MIN_LINES) out[n++] = xs[i];
    i = j;
  }
  g_free(xs);
  return n;
}

/* The text of a chunk: a view of its line. */
static void chunk_text(GString *out, const tline *ls, const chunk *c) {
  tline v = ls[c->line];
  v.g += c->from;
  v.n = c->to - c->from;
  v.han_gap = lay_han_gap(&v);
  lay_line_text(out, &v);
}

/* The lines of a page cut into chunks at column gaps, and the column
 * starts the chunks share. */
typedef struct aligned {
  const tline *ls;
  size_t nl;
  GArray *ch;     /* chunk, line by line */
  guint *first;   /* per line (and one past the last): its first chunk */
  float *anchors; /* column starts */
  int na;
} aligned;

static void aligned_init(aligned *a, const tline *ls, size_t nl) {
  a->ls = ls;
  a->nl = nl;
  GArray *ch = line_chunks(ls, nl, NULL, 0);
  a->anchors = g_new(float, ch->len + 1);
  a->na = find_anchors(a->anchors, ch);
  /* again, splitting at the column starts found */
  g_array_free(ch, TRUE);
  a->ch = ch = line_chunks(ls, nl, a->anchors, a->na);
  /* per line: its chunks' range */
  a->first = g_new0(guint, nl + 1);
  for (guint i = 0, k = 0; i <= nl; i++) {
    while (k < ch->len && g_array_index(ch, chunk, k).line < i) k++;
    a->first[i] = k;
  }
}

static void aligned_free(aligned *a) {
  g_free(a->first);
  g_free(a->anchors);
  g_array_free(a->ch, TRUE);
}

/* The end of the run of lines from line i whose chunks all start at a
 * column start, no line too far below the one before; *multi counts its
 * lines of two chunks or more. */
static size_t region_end(const aligned *a, size_t i, size_t *multi) {
  const tline *ls = a->ls;
  size_t j = i;
  *multi = 0;
  while (j < a->nl) {
    bool fits = true;
    for (guint k = a->first[j]; k < a->first[j + 1] && fits; k++)
      fits = anchor_of(a->anchors, a->na, g_array_index(a->ch, chunk, k).x0) >= 0;
    if (!fits || (j > i && ls[j].y0 - ls[j - 1].y1 > ALIGN_LINE_GAP_EM * ls[j].size)) break;
    *multi += a->first[j + 1] - a->first[j] >= 2;
    j++;
  }
  return j;
}

/* A run of lines i..j-1 read as a table. */
typedef struct region {
  size_t i, j;
  float *xs; /* the columns' starts, then where the last one's text ends */
  int ncols, nrows;
  int *row_of;   /* per chunk: its row */
  bool *goes_on; /* per chunk: it goes on with the cell of the line above */
} region;

/* The region's columns: the column starts its chunks use; each of its
 * chunks gets its column and span. */
static void region_columns(region *g, aligned *a) {
  bool *in = g_new0(bool, a->na + 1);
  float right = 0;
  for (guint k = a->first[g->i]; k < a->first[g->j]; k++) {
    const chunk *c = &g_array_index(a->ch, chunk, k);
    in[anchor_of(a->anchors, a->na, c->x0)] = true;
    right = MAX(right, c->x1);
  }
  float *xs = g->xs = g_new(float, a->na + 2);
  int ncols = 0;
  for (int n = 0; n < a->na; n++)
    if (in[n]) xs[ncols++] = a->anchors[n];
  xs[ncols] = right + COLUMN_PAD_PT;
  g->ncols = ncols;
  g_free(in);
  for (guint k = a->first[g->i]; k < a->first[g->j]; k++) {
    chunk *c = &g_array_index(a->ch, chunk, k);
    c->col = anchor_of(xs, ncols, c->x0);
    c->span = 1;
    while (c->col + c->span < ncols && xs[c->col + c->span] < c->x1 - COL_ALIGN_PT) c->span++;
  }
}

/* The chunk of column col on the nearest line above line r, down to line
 * lo, that has one (its index in *at), or NULL. */
static const chunk *chunk_above(guint *at, const aligned *a, size_t lo, size_t r, int col) {
  const chunk *above = NULL;
  for (size_t rr = r; rr > lo && !above; rr--)
    for (guint q = a->first[rr - 1]; q < a->first[rr]; q++)
      if (g_array_index(a->ch, chunk, q).col == col) {
        above = &g_array_index(a->ch, chunk, q);
        *at = q;
      }
  return above;
}

/* Whether chunk k of line r cannot stand alone: the chunk above it in
 * its column left a bracket open ("资金投入（万" / "元）"), or it opens
 * with punctuation no line starts with. */
static bool bound_above(const aligned *a, size_t r, guint k) {
  const chunk *c = &g_array_index(a->ch, chunk, k);
  const tline *l = &a->ls[r];
  bool bound = lay_no_line_start(l->g[c->from]->cp);
  for (guint q = a->first[r - 1]; q < a->first[r] && !bound; q++) {
    const chunk *above = &g_array_index(a->ch, chunk, q);
    if (above->col != c->col) continue;
    GString *t = g_string_new(NULL);
    chunk_text(t, a->ls, above);
    bound = lay_unclosed(t->str);
    g_string_free(t, TRUE);
  }
  return bound;
}

/* The region's rows: lines; a leading piece that goes on with a cell that
 * filled its column on the line above (a wrapped label) belongs to that
 * cell. */
static void region_rows(region *g, const aligned *a) {
  const guint *first = a->first;
  int *row_of = g->row_of = g_new(int, a->ch->len + 1);
  bool *goes_on = g->goes_on = g_new0(bool, a->ch->len + 1);
  int nrows = 0;
  for (size_t r = g->i; r < g->j; r++) {
    bool new_row = false;
    for (guint k = first[r]; k < first[r + 1]; k++) {
      const chunk *c = &g_array_index(a->ch, chunk, k);
      guint ka = 0;
      const chunk *above = chunk_above(&ka, a, g->i, r, c->col);
      const tline *l = &a->ls[r];
      float word = lay_piece_width(l->g + c->from, c->to - c->from);
      /* only leading pieces go on: right of a new cell, cells are new;
       * a bracketed note alone goes on whatever its width (a scan's
       * glyph boxes are its ink, narrower than a full-width bracket) */
      if (!new_row && above && above->line + 1 == r && above->span == c->span &&
          (g->xs[MIN(above->col + above->span, g->ncols)] - above->x1 < word + COLUMN_PAD_PT ||
           lay_bracket_note(l->g + c->from, c->to - c->from))) {
        goes_on[k] = true;
        row_of[k] = row_of[ka];
      } else {
        new_row = true;
      }
    }
    /* a line that starts a row somewhere is a row of its own, unless
     * the piece that goes on cannot stand alone */
    for (guint k = first[r]; k < first[r + 1] && new_row; k++)
      if (goes_on[k]) goes_on[k] = bound_above(a, r, k);
    if (new_row) nrows++;
    for (guint k = first[r]; k < first[r + 1]; k++)
      if (!goes_on[k]) row_of[k] = nrows - 1;
  }
  g->nrows = nrows;
}

/* Appends chunk c, a wrapped line of the cell whose text is tx so far. */
static void go_on_text(GString *tx, const aligned *a, const chunk *c) {
  const tline *l = &a->ls[c->line];
  uint32_t prev = tx->len ? g_utf8_get_char(g_utf8_prev_char(tx->str + tx->len)) : 0;
  dx_glyph pg_prev = {.cp = prev};
  tline before = {.g = (dx_glyph *[]){&pg_prev}, .n = 1};
  tline after = {.g = l->g + c->from, .n = c->to - c->from};
  if (tx->len && lay_wrap_spaced(&before, &after)) g_string_append_c(tx, ' ');
  chunk_text(tx, a->ls, c);
}

/* A cell per chunk that starts one, its text in texts (per slot); a chunk
 * that goes on adds its text to its cell's. */
static dx_code chunk_cells(dx_cell **slots, GString **texts, dx_arena *A, const aligned *a,
                           const region *g, const dx_page *pg, dx_error *err) {
  int ncols = g->ncols;
  for (guint k = a->first[g->i]; k < a->first[g->j]; k++) {
    const chunk *c = &g_array_index(a->ch, chunk, k);
    int r = g->row_of[k];
    size_t at = (size_t)r * (size_t)ncols + (size_t)c->col;
    if (slots[at] && texts[at]) { /* a wrapped line: the same cell goes on */
      go_on_text(texts[at], a, c);
      continue;
    }
    dx_cell *cell = dx_arena_alloc(A, sizeof *cell);
    if (!cell) return lay_nomem(err);
    int span = MIN(c->span, ncols - c->col);
    for (int q = c->col; q < c->col + span; q++)
      if (slots[(size_t)r * (size_t)ncols + (size_t)q]) span = q - c->col; /* no overlap */
    *cell = (dx_cell){.row = r,
                      .col = c->col,
                      .rowspan = 1,
                      .colspan = MAX(span, 1),
                      .page = pg->number,
                      .has_box = true,
                      .origin = pg->origin,
                      .confidence = pg->confidence * ALIGN_CONF};
    cell->box[0] = g->xs[c->col];
    cell->box[2] = g->xs[c->col + cell->colspan];
    cell->box[1] = a->ls[c->line].y0;
    cell->box[3] = a->ls[c->line].y1;
    for (int q = c->col; q < c->col + cell->colspan; q++)
      slots[(size_t)r * (size_t)ncols + (size_t)q] = cell;
    texts[at] = g_string_new(NULL);
    chunk_text(texts[at], a->ls, c);
  }
  return DX_OK;
}

/* Empty cells where a row has no text, and the texts into the arena;
 * cells[0..*ncells) gets the cells in row-major order. */
static dx_code region_cells(dx_cell **cells, size_t *ncells, dx_cell **slots, GString **texts,
                            dx_arena *A, const region *g, const dx_page *pg, dx_error *err) {
  dx_code rc = DX_OK;
  for (int r = 0; r < g->nrows && rc == DX_OK; r++)
    for (int c = 0; c < g->ncols && rc == DX_OK; c++) {
      size_t at = (size_t)r * (size_t)g->ncols + (size_t)c;
      dx_cell *cell = slots[at];
      if (!cell) {
        cell = dx_arena_alloc(A, sizeof *cell);
        if (!cell) {
          rc = lay_nomem(err);
          break;
        }
        *cell = (dx_cell){.row = r,
                          .col = c,
                          .rowspan = 1,
                          .colspan = 1,
                          .page = pg->number,
                          .origin = pg->origin,
                          .confidence = pg->confidence * ALIGN_CONF,
                          .text = ""};
        slots[at] = cell;
      }
      if (cell->row == r && cell->col == c) {
        if (texts[at]) {
          cell->text = dx_arena_strndup(A, texts[at]->str, texts[at]->len);
          if (!cell->text) rc = lay_nomem(err);
        }
        cells[(*ncells)++] = cell;
      }
    }
  return rc;
}

/* The table of a region, in *out. */
static dx_code region_table(dx_table **out, dx_arena *A, const aligned *a, const region *g,
                            const dx_page *pg, dx_error *err) {
  size_t nslots = (size_t)g->nrows * (size_t)g->ncols, ncells = 0;
  dx_table *t = dx_arena_alloc(A, sizeof *t);
  dx_cell **slots = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
  dx_cell **cells = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
  if (!slots || !cells) return lay_nomem(err);
  /* a region has a row and a column (its first line starts a row) */
  GString **texts = g_new0(GString *, nslots ? nslots : 1);
  dx_code rc = chunk_cells(slots, texts, A, a, g, pg, err);
  if (rc == DX_OK) rc = region_cells(cells, &ncells, slots, texts, A, g, pg, err);
  for (size_t q = 0; q < nslots; q++)
    if (texts[q]) g_string_free(texts[q], TRUE);
  g_free(texts);
  if (rc == DX_OK) {
    lay_table_init(t, g->nrows, g->ncols, cells, ncells, slots, pg->number);
    *out = t;
  }
  return rc;
}

/* Tables the page draws without ruling lines: runs of lines whose pieces
 * of text all start at shared column starts, several of them with two
 * pieces or more. Each line is a row; a line whose pieces all continue a
 * cell that filled its column on the line before (a wrapped label) is
 * part of that row. Lines used are marked in `used`. */
dx_code lay_aligned_tables(GArray *blocks, layout *L, const tline *ls, size_t nl, bool *used,
                           const dx_page *pg, dx_error *err) {
  aligned a;
  aligned_init(&a, ls, nl);
  dx_code rc = DX_OK;
  for (size_t i = 0; i < nl && rc == DX_OK;) {
    size_t multi, j = region_end(&a, i, &multi);
    if (multi < ALIGN_MIN_LINES) {
      i = j > i ? j : i + 1;
      continue;
    }
    region g = {.i = i, .j = j};
    region_columns(&g, &a);
    region_rows(&g, &a);
    dx_table *t = NULL;
    rc = region_table(&t, L->doc->arena, &a, &g, pg, err);
    g_free(g.row_of);
    g_free(g.goes_on);
    g_free(g.xs);
    if (rc == DX_OK) rc = lay_add_table_block(blocks, L->doc->arena, t, pg->number, ls[i].y0, err);
    if (rc == DX_OK) {
      for (size_t r = i; r < j; r++) used[r] = true;
      dx_doc_warn(L->doc, "table_without_lines", pg->number,
                  "page %d: a table without ruling lines, read by the alignment of its text",
                  pg->number);
    }
    i = j;
  }
  aligned_free(&a);
  return rc;
}
