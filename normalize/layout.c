/* layout.c — stage two for pages: glyphs and ruling lines become the
 * document model's tables and paragraphs.
 *
 * Per page: ruling lines are snapped and joined; lines that touch form a
 * table; the table's column and row edges are the distinct positions of
 * its vertical and horizontal lines; a cell is the smallest rectangle
 * whose four sides are drawn, so spans come from interior lines that are
 * missing (never from empty positions). Each glyph goes to the cell that
 * holds its centre; text inside a cell is ordered by lines. Text outside
 * tables becomes paragraphs in reading order; text with no ruling lines
 * at all falls back to alignment (columns of text separated by gaps).
 * After the last page, a table that continues on the next page is joined
 * to the one before it.
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Column edges of two tables closer than this (points) line up. */
#define COL_ALIGN_PT 4.0
/* Slack (points) when asking whether a row would have fitted at the
 * bottom of a page: borders and rounding. */
#define ROW_FIT_PT 2.0
/* Edges one part of a table cut by a page break may have that the other
 * lacks, when the other has some the first lacks too. */
#define MAX_NEW_EDGES 1
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
/* Paragraph lines closer than this (share of the size) belong together
 * when the first one runs to the right margin. */
#define PARA_GAP_EM 0.9

/* Lines whose type sizes differ by more than this share are not one
 * paragraph: a 16 pt title over a 10.5 pt line (Chinese sizes step by
 * at least 12 %: 五号 10.5, 小四 12, 四号 14, 三号 16). */
#define PARA_SIZE_STEP 0.1
/* A line that starts further in than this (ems) did not fill its line
 * (it is right-aligned or centred short), whatever its end: a first-line
 * indent is 2 em. */
#define PARA_FIRST_INDENT_EM 3.0

/* ---- tables ------------------------------------------------------------- */

dx_code lay_nomem(dx_error *err) {
  return dx_error_set(err, DX_ENOMEM, "document model exceeds its memory limit");
}

/* Fills t as a top-level table of one page (its index is set when the
 * document's tables are numbered). */
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

typedef struct pblock {
  float top;
  dx_block *b;
} pblock;

/* Adds a table block at `top` of its page to the page's blocks. */
static dx_code add_table_block(GArray *blocks, dx_arena *A, dx_table *t, int page, float top,
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

/* ---- page --------------------------------------------------------------- */

static int pblock_cmp(const void *a, const void *b) {
  const pblock *x = a, *y = b;
  return x->top < y->top ? -1 : x->top > y->top;
}

/* ---- tables without ruling lines ----------------------------------------- */

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

/* Tables the page draws without ruling lines: runs of lines whose pieces
 * of text all start at shared column starts, several of them with two
 * pieces or more. Each line is a row; a line whose pieces all continue a
 * cell that filled its column on the line before (a wrapped label) is
 * part of that row. Lines used are marked in `used`. */
static dx_code aligned_tables(GArray *blocks, layout *L, const tline *ls, size_t nl, bool *used,
                              const dx_page *pg, dx_error *err) {
  GArray *ch = line_chunks(ls, nl, NULL, 0);
  float *anchors = g_new(float, ch->len + 1);
  int na = find_anchors(anchors, ch);
  /* again, splitting at the column starts found */
  g_array_free(ch, TRUE);
  ch = line_chunks(ls, nl, anchors, na);
  /* per line: its chunks' range and whether every chunk starts at an anchor */
  guint *first = g_new0(guint, nl + 1);
  for (guint i = 0, k = 0; i <= nl; i++) {
    while (k < ch->len && g_array_index(ch, chunk, k).line < i) k++;
    first[i] = k;
  }
  dx_code rc = DX_OK;
  for (size_t i = 0; i < nl && rc == DX_OK;) {
    size_t j = i, multi = 0;
    while (j < nl) {
      bool fits = true;
      for (guint k = first[j]; k < first[j + 1] && fits; k++)
        fits = anchor_of(anchors, na, g_array_index(ch, chunk, k).x0) >= 0;
      if (!fits || (j > i && ls[j].y0 - ls[j - 1].y1 > ALIGN_LINE_GAP_EM * ls[j].size)) break;
      multi += first[j + 1] - first[j] >= 2;
      j++;
    }
    if (multi < ALIGN_MIN_LINES) {
      i = j > i ? j : i + 1;
      continue;
    }
    /* the region's columns: anchors its chunks use */
    bool *in = g_new0(bool, na + 1);
    float right = 0;
    for (guint k = first[i]; k < first[j]; k++) {
      const chunk *c = &g_array_index(ch, chunk, k);
      in[anchor_of(anchors, na, c->x0)] = true;
      right = MAX(right, c->x1);
    }
    float *xs = g_new(float, na + 2);
    int ncols = 0;
    for (int a = 0; a < na; a++)
      if (in[a]) xs[ncols++] = anchors[a];
    xs[ncols] = right + COLUMN_PAD_PT;
    g_free(in);
    for (guint k = first[i]; k < first[j]; k++) {
      chunk *c = &g_array_index(ch, chunk, k);
      c->col = anchor_of(xs, ncols, c->x0);
      c->span = 1;
      while (c->col + c->span < ncols && xs[c->col + c->span] < c->x1 - COL_ALIGN_PT) c->span++;
    }
    /* rows: lines; a leading piece that goes on with a cell that filled
     * its column on the line above (a wrapped label) belongs to that cell */
    int *row_of = g_new(int, ch->len + 1); /* per chunk */
    bool *goes_on = g_new0(bool, ch->len + 1);
    int nrows = 0;
    for (size_t r = i; r < j; r++) {
      bool new_row = false;
      for (guint k = first[r]; k < first[r + 1]; k++) {
        chunk *c = &g_array_index(ch, chunk, k);
        const chunk *above = NULL;
        guint ka = 0;
        for (size_t rr = r; rr > i && !above; rr--) /* the nearest line above with this column */
          for (guint q = first[rr - 1]; q < first[rr]; q++)
            if (g_array_index(ch, chunk, q).col == c->col) {
              above = &g_array_index(ch, chunk, q);
              ka = q;
            }
        const tline *l = &ls[r];
        float word = lay_piece_width(l->g + c->from, c->to - c->from);
        /* only leading pieces go on: right of a new cell, cells are new */
        if (!new_row && above && above->line + 1 == r && above->span == c->span &&
            xs[MIN(above->col + above->span, ncols)] - above->x1 < word + COLUMN_PAD_PT) {
          goes_on[k] = true;
          row_of[k] = row_of[ka];
        } else {
          new_row = true;
        }
      }
      /* a line that starts a row somewhere is a row of its own, unless
       * the piece that goes on cannot stand alone: the text above left a
       * bracket open ("资金投入（万" / "元）"), or it opens with
       * punctuation no line starts with */
      for (guint k = first[r]; k < first[r + 1] && new_row; k++) {
        if (!goes_on[k]) continue;
        const chunk *c = &g_array_index(ch, chunk, k);
        const tline *l = &ls[r];
        bool bound = lay_no_line_start(l->g[c->from]->cp);
        for (guint q = first[r - 1]; q < first[r] && !bound; q++) {
          const chunk *a = &g_array_index(ch, chunk, q);
          if (a->col != c->col) continue;
          GString *t = g_string_new(NULL);
          chunk_text(t, ls, a);
          bound = lay_unclosed(t->str);
          g_string_free(t, TRUE);
        }
        goes_on[k] = bound;
      }
      if (new_row) nrows++;
      for (guint k = first[r]; k < first[r + 1]; k++)
        if (!goes_on[k]) row_of[k] = nrows - 1;
    }
    /* cells */
    dx_arena *A = L->doc->arena;
    size_t nslots = (size_t)nrows * (size_t)ncols;
    dx_table *t = dx_arena_alloc(A, sizeof *t);
    dx_cell **slots = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
    dx_cell **cells = t ? dx_arena_alloc(A, nslots * sizeof(dx_cell *)) : NULL;
    GString **texts = g_new0(GString *, nslots);
    size_t ncells = 0;
    if (!slots || !cells) rc = lay_nomem(err);
    for (guint k = first[i]; k < first[j] && rc == DX_OK; k++) {
      const chunk *c = &g_array_index(ch, chunk, k);
      int r = row_of[k];
      size_t at = (size_t)r * (size_t)ncols + (size_t)c->col;
      if (slots[at] && texts[at]) { /* a wrapped line: the same cell goes on */
        GString *tx = texts[at];
        const tline *l = &ls[c->line];
        uint32_t prev = tx->len ? g_utf8_get_char(g_utf8_prev_char(tx->str + tx->len)) : 0;
        dx_glyph pg_prev = {.cp = prev};
        tline before = {.g = (dx_glyph *[]){&pg_prev}, .n = 1};
        tline after = {.g = l->g + c->from, .n = c->to - c->from};
        if (tx->len && lay_wrap_spaced(&before, &after)) g_string_append_c(tx, ' ');
        chunk_text(tx, ls, c);
        continue;
      }
      dx_cell *cell = dx_arena_alloc(A, sizeof *cell);
      if (!cell) {
        rc = lay_nomem(err);
        break;
      }
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
      cell->box[0] = xs[c->col];
      cell->box[2] = xs[c->col + cell->colspan];
      cell->box[1] = ls[c->line].y0;
      cell->box[3] = ls[c->line].y1;
      for (int q = c->col; q < c->col + cell->colspan; q++)
        slots[(size_t)r * (size_t)ncols + (size_t)q] = cell;
      texts[at] = g_string_new(NULL);
      chunk_text(texts[at], ls, c);
    }
    /* empty cells where a row has no text, and the texts into the arena */
    for (int r = 0; r < nrows && rc == DX_OK; r++)
      for (int c = 0; c < ncols && rc == DX_OK; c++) {
        size_t at = (size_t)r * (size_t)ncols + (size_t)c;
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
          cells[ncells++] = cell;
        }
      }
    for (size_t q = 0; q < nslots; q++)
      if (texts[q]) g_string_free(texts[q], TRUE);
    g_free(texts);
    g_free(row_of);
    g_free(goes_on);
    g_free(xs);
    if (rc == DX_OK) {
      lay_table_init(t, nrows, ncols, cells, ncells, slots, pg->number);
      rc = add_table_block(blocks, A, t, pg->number, ls[i].y0, err);
    }
    if (rc == DX_OK) {
      for (size_t r = i; r < j; r++) used[r] = true;
      dx_doc_warn(L->doc, "table_without_lines", pg->number,
                  "page %d: a table without ruling lines, read by the alignment of its text",
                  pg->number);
    }
    i = j;
  }
  g_free(first);
  g_free(anchors);
  g_array_free(ch, TRUE);
  return rc;
}

/* Whether line l goes on with the paragraph of line p, the line above
 * it, on a page whose text runs from `left` to `right`: p ran to the
 * right margin (a wrap), l follows closely, starts no numbered item, is
 * set in the same size, and starts at the left margin or is centred
 * under p. A centred title, a right-aligned 金额单位 line and a
 * left-aligned 填报单位 line under it stay three paragraphs. */
static bool continues(const tline *p, const tline *l, float left, float right) {
  if (l->y0 - p->y1 >= PARA_GAP_EM * p->size) return false;
  if (right - p->x1 >= lay_first_word(l) + p->size * 2 || lay_starts_item(l)) return false;
  /* p filled its line: it started at the margin (a first-line indent
   * aside), not right-aligned */
  if (p->x0 - left >= PARA_FIRST_INDENT_EM * p->size) return false;
  if (fabsf(l->size - p->size) > PARA_SIZE_STEP * MAX(l->size, p->size)) return false;
  float em = l->size;
  if (l->x0 - left < PARA_INDENT_EM * em) return true;
  return fabsf((l->x0 + l->x1) / 2 - (p->x0 + p->x1) / 2) < PARA_CENTRE_EM * em &&
         right - l->x1 >= PARA_INDENT_EM * em;
}

/* Paragraphs from glyphs outside tables: lines, joined where one wraps
 * into the next. Appends pblocks. */
static dx_code paragraphs(GArray *blocks, layout *L, dx_glyph **g, size_t n, const dx_page *pg,
                          dx_error *err) {
  if (!n) return DX_OK;
  tline *ls = NULL;
  size_t nl = lay_text_lines(&ls, g, n);
  float left = INFINITY;
  for (size_t i = 0; i < nl; i++) left = MIN(left, ls[i].x0);
  float right = (float)pg->width - left; /* margins are symmetric on forms */
  bool *used = g_new0(bool, nl + 1);
  dx_code rc = aligned_tables(blocks, L, ls, nl, used, pg, err);
  for (size_t i = 0; i < nl && rc == DX_OK;) {
    if (used[i]) {
      i++;
      continue;
    }
    size_t j = i + 1;
    while (j < nl && !used[j] && continues(&ls[j - 1], &ls[j], left, right)) j++;
    GString *s = g_string_new(NULL);
    double conf = 1;
    unsigned flags = 0;
    bool ocr = false;
    for (size_t k = i; k < j; k++) {
      if (k > i && lay_wrap_spaced(&ls[k - 1], &ls[k])) g_string_append_c(s, ' ');
      lay_line_text(s, &ls[k]);
      double c = lay_ocr_product(ls[k].g, ls[k].n, &flags);
      if (c > 0) {
        conf *= c;
        ocr = true;
      }
    }
    dx_block *b = dx_arena_alloc(L->doc->arena, sizeof *b);
    char *txt = b ? dx_arena_strndup(L->doc->arena, s->str, s->len) : NULL;
    g_string_free(s, TRUE);
    if (!txt) {
      rc = lay_nomem(err);
      break;
    }
    *b = (dx_block){.kind = DX_BLOCK_PARAGRAPH,
                    .text = txt,
                    .page = pg->number,
                    .ocr_conf = ocr ? conf : 0,
                    .flags = flags};
    pblock pb = {ls[i].y0, b};
    g_array_append_val(blocks, pb);
    i = j;
  }
  g_free(used);
  g_free(ls);
  return rc;
}

dx_code dx_layout_page(dx_layout *L, const dx_page *pg, dx_error *err) {
  seg *hs, *vs;
  size_t nh, nv;
  lay_page_rules(&hs, &nh, &vs, &nv, L->doc, pg);
  GPtrArray *tables = g_ptr_array_new();
  dx_code rc = lay_grid_tables(tables, L, hs, nh, vs, nv, pg, err);
  g_free(hs);
  g_free(vs);
  /* nesting: a table inside a cell of another sits in that cell */
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
  /* glyphs: the innermost table cell holding their centre, else text */
  GPtrArray *free_glyphs = g_ptr_array_new();
  for (size_t k = 0; k < pg->nglyphs; k++) {
    dx_glyph *g = &pg->glyphs[k];
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
  GArray *blocks = g_array_new(FALSE, FALSE, sizeof(pblock));
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
    rc = add_table_block(blocks, L->doc->arena, p->t, pg->number, p->box[1], err);
  }
  if (rc == DX_OK)
    rc = paragraphs(blocks, L, (dx_glyph **)free_glyphs->pdata, free_glyphs->len, pg, err);
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

/* ---- joining across pages ----------------------------------------------- */

static ptable *ptable_of(layout *L, const dx_table *t) {
  for (guint i = 0; i < L->ptables->len; i++) {
    ptable *p = g_ptr_array_index(L->ptables, i);
    if (p->t == t) return p;
  }
  return NULL;
}

/* A paragraph that says the table goes on: 续表, 接上表, （续）. */
static bool says_continued(const char *s) {
  return s &&
         (strstr(s, "续表") || strstr(s, "接上表") || strstr(s, "（续）") || strstr(s, "(续)"));
}

/* Page furniture between two parts of a table: a page number. */
static bool furniture(const char *s) {
  if (!s) return true;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isdigit(c) && !g_unichar_isspace(c) && !strchr("-/", (int)c) &&
        !g_utf8_strchr("第页共—－", -1, c))
      return false;
  }
  return true;
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
 * both pages filled its last line on the first page; no cell is empty
 * above text below; and some cell of the row (not a spanning one) has
 * all its text on the first page — a new row would fill its own — or
 * the text on the first page leaves a bracket open, or three cells or
 * more go on. */
static bool split_row(const ptable *pa, const ptable *pb, int rb) {
  const dx_table *a = pa->t, *b = pb->t;
  if (rb >= b->nrows) return false;
  bool label = false;
  int nwrapped = 0;
  for (int c = 0; c < a->ncols; c++) {
    const dx_cell *x = dx_table_at(a, a->nrows - 1, c), *y = dx_table_at(b, rb, c);
    if (!x || !y || x->col != y->col || x->colspan != y->colspan) return false;
    if (x->col != c) continue;
    bool xt = x->text && *x->text, yt = y->text && *y->text;
    if (yt && !xt) return false;
    if (!yt) { /* an empty cell, or what is left of a spanning one */
      if (xt && x->rowspan == 1 && y->rowspan == 1) label = true;
      continue;
    }
    if (y->row != rb || y->rowspan != 1) return false;
    const text_ends *ex = g_hash_table_lookup(pa->ends, x), *ey = g_hash_table_lookup(pb->ends, y);
    /* every cell going on must have filled its last line */
    if (!ex || !ey || ex->room >= ey->head_word + WRAP_SLACK_PT) return false;
    nwrapped++;
    if (lay_unclosed(x->text)) label = true; /* "资金管理办法（名" / "称、文号）" */
  }
  /* three cells at once filling their last line is no coincidence */
  return nwrapped > 0 && (label || nwrapped >= 3);
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
  for (size_t i = 0; i < b->ncells; i++) {
    dx_cell *y = b->cells[i];
    if (y->row + y->rowspan <= skip) continue;
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
  a->nrows = nrows;
  a->slots = slots;
  a->cells = cells;
  a->ncells = ncells;
  a->page_end = b->page_end;
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

static dx_code join_pages(layout *L, dx_error *err) {
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
    /* the next table, on the next page, with only furniture between */
    guint j = i + 1;
    bool cue = false, clean = true;
    for (; j < bl->len; j++) {
      dx_block *n = g_ptr_array_index(bl, j);
      if (n->kind == DX_BLOCK_TABLE) break;
      if (n->page == b->table->page_end) {
        if (!furniture(n->text)) clean = false; /* text after the table on its page */
      } else if (says_continued(n->text)) {
        cue = true;
      } else if (!furniture(n->text)) {
        clean = false;
      }
    }
    if (j >= bl->len || !clean) continue;
    dx_block *n = g_ptr_array_index(bl, j);
    ptable *pa = ptable_of(L, b->table), *pb = ptable_of(L, n->table);
    if (!pa || !pb || n->table->page_start != b->table->page_end + 1) continue;
    /* a table cut by the page break fills its page: the next part's first
     * row (after a repeated header) would not have fitted below it; a
     * table that stops higher ended there, and the next one starts a
     * page of its own */
    int first = pb->t->nrows > 1 && same_row_text(pa->t, 0, pb->t, 0) ? 1 : 0;
    float need = first_row_need(pb, first);
    if (bottom - pa->ys[pa->t->nrows] >= need + ROW_FIT_PT) continue;
    dx_code rc = DX_OK;
    float *u = NULL;
    int nu = outer_edges_match(pa, pb) ? union_edges(&u, pa, pb) : 0;
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

dx_layout *dx_layout_new(dx_doc *doc, const dx_limits *lim) {
  dx_layout *L = g_new0(dx_layout, 1);
  L->doc = doc;
  L->lim = lim;
  L->ptables = g_ptr_array_new_with_free_func((GDestroyNotify)lay_ptable_free);
  return L;
}

dx_code dx_layout_finish(dx_layout *L, dx_error *err) {
  return join_pages(L, err);
}

void dx_layout_free(dx_layout *L) {
  if (!L) return;
  g_ptr_array_free(L->ptables, TRUE);
  g_free(L);
}
