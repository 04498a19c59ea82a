/* split_rows.c — rows merged by a missing border.
 *
 * A border left out between rows (or lost) makes several rows' cells one
 * cell holding all their text: six indicator names in one cell beside
 * six values. The text still shows the rows: each row's lines stand
 * apart from the next row's, and line up with the lines of the cells
 * beside them. Where the neighbours have borders the grid already has
 * the row edges (a cell spans them); where the border is missing across
 * the whole row, the edges are found where two or more cells of the row
 * each have a gap between lines at the same height. A cell is cut at
 * those edges when every piece holds text, no line crosses an edge, no
 * line wraps into the next across an edge, and each piece's lines line
 * up with a neighbour's in the same row. A cell alone is cut where a
 * line starts the next numbered item of a column of one item a cell
 * (item_cuts). The pieces are flagged layout_uncertain: a border was
 * inferred.
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cut stays this far (share of the size) from a line's centre: half a
 * line of text, which no cut may cross. */
#define CUT_CLEAR_EM 0.5
/* Lines of two cells line up when their tops, centres or bottoms differ
 * by less than this (share of the size): top-aligned cells (Word,
 * LibreOffice) or centred ones (HTML), set by the same producer. */
#define ROW_ALIGN_EM 0.3
/* Cells over more rows than this are left whole (a page-long band is
 * a drawing, not rows). */
#define SPLIT_MAX_ROWS 64
/* Lines on two sides of a row edge stand further apart than two lines
 * of one wrapped paragraph nearby, by at least this (share of the
 * size): the border and the cells' padding. Prose cut where it happens
 * to stop short of the border has its paragraph's spacing. */
#define ROW_GAP_EM 0.15

/* A table whose bottom is less than this (points) above the page's foot
 * may go on on the next page: a page's bottom margin (an inch or so)
 * and a row that did not fit. */
#define PAGE_FOOT_PT 120.0f
/* Two lines of a label cell this far apart (share of the size, centre
 * to centre) are two labels, even where the first ran to the border: a
 * wrapped line stands one line pitch (1.2 to 1.5 of the size) below. */
#define LABELS_APART_EM 2.5

/* A text line of a cell, as the split needs it. */
typedef struct rline {
  float y, half; /* centre, half the line's height (half an em) */
  float room;    /* space after it, before the cell's right border */
  float head;    /* width of its first word, and the slack a wrap leaves */
  bool ocr;      /* read by OCR */
} rline;

typedef struct rcell {
  rline *l;
  size_t n;
  bool fixed;       /* not to be cut: text set one character a line, a nested table */
  float wrap_pitch; /* least distance between a line and the one it wraps into */
} rcell;

/* Whether line k-1 of rc ran to the border and wrapped into line k. */
static bool wraps_into(const rcell *rc, size_t k) {
  return rc->l[k - 1].room < rc->l[k].head;
}

/* A line's em for the split: its Han characters' width, else the
 * table's (em): sizes of other glyphs are what the font says (Type 3
 * fonts say twice the size) and a line of digits has no better. */
static float line_em(const tline *l, float em) {
  float w = 0;
  size_t m = 0;
  for (size_t q = 0; q < l->n; q++)
    if (lay_is_han(l->g[q]->cp)) {
      w += l->g[q]->box[2] - l->g[q]->box[0];
      m++;
    }
  if (m) return w / (float)m;
  return em > 0 ? em : l->size > 0 ? l->size : 10.0f;
}

static void rcell_lines(rcell *rc, const dx_cell *c, GPtrArray *ga, float em) {
  *rc = (rcell){.wrap_pitch = INFINITY};
  if (!ga || !ga->len) return;
  tline *ls = NULL;
  size_t nl = lay_text_lines(&ls, (dx_glyph **)ga->pdata, ga->len);
  rc->l = g_new(rline, nl ? nl : 1);
  rc->n = nl;
  bool vertical = nl > 1;
  for (size_t k = 0; k < nl; k++) {
    float size = line_em(&ls[k], em);
    float y = 0;
    for (size_t q = 0; q < ls[k].n; q++) y += lay_cy(ls[k].g[q]);
    /* OCR's boxes are ink, narrower than the characters' advance, and
     * its rules drift: a line one character short of the border may
     * have run to it */
    float slack = WRAP_SLACK_PT + (ls[k].g[0]->ocr_conf > 0 ? size : 0);
    rc->l[k] = (rline){y / (float)ls[k].n, size / 2, (float)c->box[2] - ls[k].x1,
                       lay_first_word(&ls[k]) + slack, ls[k].g[0]->ocr_conf > 0};
    vertical = vertical && ls[k].n == 1 && lay_is_cjk(ls[k].g[0]->cp);
  }
  rc->fixed = vertical;
  for (size_t k = 1; k < nl; k++)
    if (wraps_into(rc, k)) rc->wrap_pitch = MIN(rc->wrap_pitch, rc->l[k].y - rc->l[k - 1].y);
  g_free(ls);
}

/* The least wrap pitch of the cells of p over rows r0..r1: the line
 * spacing of their paragraphs. */
static float wrap_pitch_near(const ptable *p, const rcell *rcs, int r0, int r1) {
  float w = INFINITY;
  for (size_t i = 0; i < p->t->ncells; i++) {
    const dx_cell *c = p->t->cells[i];
    /* a label set one character a line has its characters' pitch */
    if (c->row <= r1 && c->row + c->rowspan > r0 && !rcs[i].fixed) w = MIN(w, rcs[i].wrap_pitch);
  }
  return w;
}

/* The height of an OCR table's rows whose borders are drawn and whose
 * cells hold one line at most (one at least in one of them): their
 * median, when DRAWN_PITCH_MIN rows or more are such, and they are no
 * more than DRAWN_PITCH_SPREAD apart (share of the median); else 0. */
#define DRAWN_PITCH_MIN 2
#define DRAWN_PITCH_SPREAD 0.1f
/* The heights of p's rows whose cells hold one line OCR read at most
 * (one at least in one of them) into h (nrows + 1); a cell spanning the
 * row counts as more than a line when `spans` (else it is passed over).
 * Returns how many. */
static size_t one_line_rows(const ptable *p, const rcell *rcs, bool spans, float *h) {
  const dx_table *t = p->t;
  size_t nh = 0;
  for (int r = 0; r < t->nrows; r++) {
    bool one = false, more = false;
    for (size_t i = 0; i < t->ncells && !more; i++) {
      const dx_cell *c = t->cells[i];
      if (c->row > r || c->row + c->rowspan <= r || (!spans && c->rowspan > 1)) continue;
      more = c->rowspan > 1 || rcs[i].n > 1 || (rcs[i].n == 1 && !rcs[i].l[0].ocr);
      one = one || rcs[i].n == 1;
    }
    if (one && !more) h[nh++] = p->ys[r + 1] - p->ys[r];
  }
  return nh;
}

static float drawn_pitch(const ptable *p, const rcell *rcs) {
  float *h = g_new(float, (size_t)p->t->nrows + 1);
  size_t nh = one_line_rows(p, rcs, true, h);
  float pitch = 0;
  if (nh >= DRAWN_PITCH_MIN) {
    qsort(h, nh, sizeof *h, lay_float_cmp);
    pitch = h[nh / 2];
    if (h[nh - 1] - h[0] > DRAWN_PITCH_SPREAD * pitch) pitch = 0;
  }
  g_free(h);
  return pitch;
}

/* Whether OCR's lines a and b stand a row of the table apart: at least
 * ROW_PITCH_SHARE of `pitch`, the height of its drawn rows of one line
 * (drawn_pitch; 0: none known). A form whose rows are one line high
 * with little padding wraps its lines about a row's height apart too;
 * where a fax lost the borders of most rows, lines a row apart in two
 * cells side by side, none wrapping into the next, are rows. */
#define ROW_PITCH_SHARE 0.92f
static bool pitch_apart(const rline *a, const rline *b, float pitch) {
  return pitch > 0 && a->ocr && b->ocr && b->y - a->y >= ROW_PITCH_SHARE * pitch;
}

/* Whether lines a and b (b the lower) of one cell may stand on two
 * sides of a row edge, given the wrap pitch near them and the table's
 * row pitch (pitch_apart). */
static bool row_gap(const rline *a, const rline *b, float wrap_pitch, float pitch) {
  return isinf(wrap_pitch) || b->y - a->y >= wrap_pitch + ROW_GAP_EM * (a->half + b->half) ||
         pitch_apart(a, b, pitch);
}

/* Whether lines a and b may stand on two sides of an edge a cell is cut
 * at (a border the grid has, drawn in the row if not across this cell,
 * or a cut row_cuts found with row_gap): as row_gap, but OCR's lines
 * need only stand further apart than the wrap pitch. At
 * a fax's 98 dpi a line's place is known to a pixel row (0.7 pt), as
 * much as ROW_GAP_EM asks of a form set with little space between rows
 * (rows 16 pt high, wrapped lines 15 pt apart). */
static bool edge_gap(const rline *a, const rline *b, float wrap_pitch, float pitch) {
  if (a->ocr && b->ocr)
    return isinf(wrap_pitch) || b->y - a->y > wrap_pitch || pitch_apart(a, b, pitch);
  return row_gap(a, b, wrap_pitch, pitch);
}

/* Whether lines a and b stand on two sides of a row edge drawn beside
 * the cell (an edge of the grid: a border another column has, or one
 * lay_text_borders found; not a cut row_cuts finds): as edge_gap, or any
 * two lines OCR read. A form
 * whose rows are one line high with no more space than a wrapped line's
 * (rows 15.4 pt high, wrapped lines 15 pt apart) sets the lines of two
 * rows no further apart than a wrap, and OCR's boxes of letter-spaced
 * text stand off the line by a point or two; the border beside them,
 * with no wrap across it and each side's lines level with the text of
 * its row there (the callers' checks), shows the edge the fax lost in
 * this cell. */
static bool drawn_gap(const rline *a, const rline *b, float wrap_pitch, float pitch) {
  return (a->ocr && b->ocr) || edge_gap(a, b, wrap_pitch, pitch);
}

/* The lines of rc whose centres lie in [lo, hi): *first and the count. */
static size_t lines_in(const rcell *rc, float lo, float hi, size_t *first) {
  size_t k = 0, m = 0;
  while (k < rc->n && rc->l[k].y < lo) k++;
  *first = k;
  while (k + m < rc->n && rc->l[k + m].y < hi) m++;
  return m;
}

/* The lines of cell i over grid row r (from lo to hi) that may be cut,
 * as lines_in counts them: none when the cell is not over the row or is
 * fixed. */
static size_t row_lines(const dx_table *t, const rcell *rcs, size_t i, int r, float lo, float hi,
                        size_t *first) {
  const dx_cell *c = t->cells[i];
  *first = 0;
  if (c->row > r || c->row + c->rowspan <= r || rcs[i].fixed) return 0;
  return lines_in(&rcs[i], lo, hi, first);
}

/* OCR's boxes at a fax's 98 dpi down the page are known to a pixel row
 * (0.73 pt) at each edge, and a digit's ink stands higher than a Han
 * character's: lines OCR read line up within this much more. */
#define OCR_ALIGN_PLAY_PT 1.0f

/* Whether two blocks of lines (a[0..na), b[0..nb)) line up: by their
 * tops, their centres or their bottoms (OCR's within OCR_ALIGN_PLAY_PT
 * more). */
static bool blocks_align(const rline *a, size_t na, const rline *b, size_t nb) {
  float at = a[0].y - a[0].half, ab = a[na - 1].y + a[na - 1].half;
  float bt = b[0].y - b[0].half, bb = b[nb - 1].y + b[nb - 1].half;
  float tol =
      ROW_ALIGN_EM * 2 * MIN(a[0].half, b[0].half) + (a[0].ocr && b[0].ocr ? OCR_ALIGN_PLAY_PT : 0);
  return fabsf(at - bt) < tol || fabsf(ab - bb) < tol || fabsf((at + ab) - (bt + bb)) / 2 < tol;
}

/* An end of an interval where a row may be cut. */
typedef struct rend {
  float at;
  int d; /* +1 opens, -1 closes */
} rend;

static int rend_cmp(const void *a, const void *b) {
  const rend *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at ? 1 : y->d - x->d;
}

/* Edges where grid row r is cut: runs of height where two or more of
 * the cells over it have a gap between two of their lines in the row
 * (no wrap across it), the cut at the middle of the part of the run
 * where most do. Every piece must hold lines of two cells or more, else
 * none is made. Appends to cuts. */
static void row_cuts(GArray *cuts, const ptable *p, const rcell *rcs, int r, float pitch) {
  const dx_table *t = p->t;
  GArray *iv = g_array_new(FALSE, FALSE, sizeof(float) * 2);
  size_t ncand = 0;
  float wrap = wrap_pitch_near(p, rcs, r, r);
  float lo = p->ys[r], hi = p->ys[r + 1];
  for (size_t i = 0; i < t->ncells; i++) {
    size_t f, m;
    if ((m = row_lines(t, rcs, i, r, lo, hi, &f)) < 2) continue;
    ncand++;
    for (size_t k = f + 1; k < f + m; k++) {
      const rline *a = &rcs[i].l[k - 1], *b = &rcs[i].l[k];
      float v[2] = {a->y + CUT_CLEAR_EM * 2 * a->half, b->y - CUT_CLEAR_EM * 2 * b->half};
      if (v[0] >= v[1] || wraps_into(&rcs[i], k) || !row_gap(a, b, wrap, pitch)) continue;
      g_array_append_val(iv, v);
    }
  }
  if (ncand < 2 || iv->len < 2) goto done;
  /* the intervals' ends in order, each opening (+1) or closing (-1) one:
   * between two ends the number of intervals covering is constant */
  size_t ne = 2 * (size_t)iv->len;
  rend *e = g_new(rend, ne);
  for (size_t q = 0; q < iv->len; q++) {
    const float *v = (const float *)iv->data + 2 * q;
    e[2 * q] = (rend){v[0], 1};
    e[2 * q + 1] = (rend){v[1], -1};
  }
  qsort(e, ne, sizeof *e, rend_cmp);
  size_t first = cuts->len;
  float best = 0, best_at = 0;
  int n = 0, best_n = 0;
  for (size_t q = 0; q < ne;) {
    float at = e[q].at;
    for (; q < ne && e[q].at == at; q++) n += e[q].d;
    float len = q < ne ? e[q].at - at : 0;
    if (n >= 2 && (n > best_n || (n == best_n && len > best))) {
      best_n = n;
      best = len;
      best_at = at + len / 2;
    } else if (n < 2 && best_n) { /* the run ended */
      if (best_at > lo && best_at < hi) g_array_append_val(cuts, best_at);
      best_n = 0;
      best = 0;
    }
  }
  g_free(e);
  /* every piece holds the lines of two cells or more */
  for (guint s = first; s <= cuts->len && cuts->len > first; s++) {
    float a = s == first ? lo : g_array_index(cuts, float, s - 1);
    float b = s == cuts->len ? hi : g_array_index(cuts, float, s);
    int with = 0;
    for (size_t i = 0; i < t->ncells; i++) {
      const dx_cell *c = t->cells[i];
      size_t k;
      if (c->row <= r && c->row + c->rowspan > r && lines_in(&rcs[i], a, b, &k)) with++;
    }
    if (with < 2) {
      g_array_set_size(cuts, first);
      break;
    }
  }
done:
  g_array_free(iv, TRUE);
}

/* Whether cell i, over rows top..bot-1 of the grid with edges e (oldrow:
 * each of its rows' row in p's grid), is cut at every edge inside it:
 * each row holds lines of it, none crosses an edge or wraps across
 * one, and each row's lines line up with a neighbour's there. */
static bool cuttable(const ptable *p, const rcell *rcs, size_t i, const float *e, const int *oldrow,
                     int top, int bot, float pitch) {
  const dx_table *t = p->t;
  const dx_cell *c = t->cells[i];
  const rcell *rc = &rcs[i];
  if (bot - top < 2 || bot - top > SPLIT_MAX_ROWS || rc->fixed || rc->n < 2) return false;
  float wrap = wrap_pitch_near(p, rcs, c->row, c->row + c->rowspan - 1);
  for (int k = top; k < bot; k++) {
    size_t f, m = lines_in(rc, e[k], e[k + 1], &f);
    if (!m) return false;
    if (k > top) {
      /* no line across the edge above, none wrapped into this row */
      bool drawn_edge = oldrow[k] != oldrow[k - 1];
      if (f == 0 || wraps_into(rc, f) ||
          !(drawn_edge ? drawn_gap : edge_gap)(&rc->l[f - 1], &rc->l[f], wrap, pitch))
        return false;
      if (e[k] - rc->l[f - 1].y < CUT_CLEAR_EM * 2 * rc->l[f - 1].half ||
          rc->l[f].y - e[k] < CUT_CLEAR_EM * 2 * rc->l[f].half)
        return false;
    }
    bool aligned = false, beside = false, drawn = false;
    const dx_cell *last = NULL;
    for (int col = 0; col < t->ncols && !aligned; col++) {
      if (col >= c->col && col < c->col + c->colspan) continue;
      const dx_cell *d = dx_table_at(t, oldrow[k], col);
      if (!d || d == last) continue;
      last = d;
      const rcell *rd = &rcs[lay_anchor_index(p, d)];
      size_t g, n = lines_in(rd, e[k], e[k + 1], &g);
      aligned = n && blocks_align(&rc->l[f], m, &rd->l[g], n);
      beside |= n > 0;
      drawn |= d->row == oldrow[k] && d->rowspan == 1;
    }
    /* nothing beside the row to line up with (an indicator without a
     * value): the row is drawn, its borders ruled beside the cell (an
     * empty cell of that row and no other), and only the cell lost its
     * border */
    if (!aligned && !beside && drawn && (k == top || oldrow[k] != oldrow[k - 1]) &&
        (k + 1 == bot || oldrow[k + 1] != oldrow[k]))
      aligned = true;
    if (!aligned) return false;
  }
  return true;
}

/* Merges p's row edges with the cuts: e gets every edge (g_free'd),
 * newrow[r] the index in e of p's edge r, oldrow[k] the row of p's grid
 * that row k of the new one lies in. Returns the new number of rows. */
static int merge_edges(float **e, int **newrow, int **oldrow, const ptable *p, const GArray *cuts) {
  int nrows = p->t->nrows, n = nrows + (int)cuts->len;
  *e = g_new(float, n + 1);
  *newrow = g_new(int, nrows + 1);
  *oldrow = g_new(int, n);
  int k = 0;
  guint q = 0;
  for (int r = 0; r <= nrows; r++) {
    (*newrow)[r] = k;
    (*e)[k++] = p->ys[r];
    if (r == nrows) break;
    (*oldrow)[k - 1] = r;
    while (q < cuts->len && g_array_index(cuts, float, q) < p->ys[r + 1]) {
      (*oldrow)[k] = r;
      (*e)[k++] = g_array_index(cuts, float, q++);
    }
  }
  return n;
}

/* The table's em: the median width of its Han characters (0 when it has
 * none). */
static float table_em(const ptable *p) {
  GArray *ws = g_array_new(FALSE, FALSE, sizeof(float));
  for (size_t i = 0; i < p->t->ncells; i++)
    for (guint q = 0; p->cell_glyphs[i] && q < p->cell_glyphs[i]->len; q++) {
      const dx_glyph *g = g_ptr_array_index(p->cell_glyphs[i], q);
      float w = g->box[2] - g->box[0];
      if (lay_is_han(g->cp)) g_array_append_val(ws, w);
    }
  float em = 0;
  if (ws->len) {
    g_array_sort(ws, lay_float_cmp);
    em = g_array_index(ws, float, ws->len / 2);
  }
  g_array_free(ws, TRUE);
  return em;
}

/* A table's rows once cut: every row edge (e, nrows + 1 of them), per row
 * edge of the old grid its index in e (newrow), per new row the old row
 * it lies in (oldrow), and per cell of the old grid whether it is cut. */
typedef struct recut {
  float *e;
  int *newrow, *oldrow;
  int nrows;
  float pitch; /* drawn_pitch */
  bool *cut;
  GArray **blocks; /* per cell left whole: the edges (indices in e) it is
                    * cut at into blocks of rows (label_blocks), or NULL */
} recut;

/* Keeps the cuts where two cells or more are cut, until every cut left
 * is one of those; plan gets the rows they make. */
static void settle_cuts(recut *plan, const ptable *p, const rcell *rcs, GArray *cuts) {
  const dx_table *t = p->t;
  for (;;) {
    g_free(plan->e);
    g_free(plan->newrow);
    g_free(plan->oldrow);
    plan->nrows = merge_edges(&plan->e, &plan->newrow, &plan->oldrow, p, cuts);
    for (size_t i = 0; i < t->ncells; i++) {
      const dx_cell *c = t->cells[i];
      plan->cut[i] = cuttable(p, rcs, i, plan->e, plan->oldrow, plan->newrow[c->row],
                              plan->newrow[c->row + c->rowspan], plan->pitch);
    }
    guint keep = 0;
    for (guint q = 0; q < cuts->len; q++) {
      float at = g_array_index(cuts, float, q);
      int m = 0;
      for (size_t i = 0; i < t->ncells; i++) {
        const dx_cell *c = t->cells[i];
        m += plan->cut[i] && c->box[1] < at && c->box[3] > at;
      }
      if (m >= 2) g_array_index(cuts, float, keep++) = at;
    }
    if (keep == cuts->len) break;
    g_array_set_size(cuts, keep);
  }
}

/* A label over two blocks of rows whose border a fax dropped ("质量指标"
 * and "时效指标" in one cell over five rows, each label beside the
 * first row of its block). In a table that sets its labels at the top of
 * the rows they span (in another, a cell whose text stands off the
 * middle of its rows by more than an em: off_middle, a label in the
 * lower of two rows whose border was lost, level with the indicator
 * beside it), a cell left whole whose lines stand in groups
 * apart (further than the wrap pitch, none wrapping into the next, or
 * LABELS_APART_EM apart: "生态效益指标" filling its line, "可持续影响指标"
 * two rows below it) is cut into blocks: each group but the first
 * starts at the last row edge above it, when a cell beside it starts at
 * that edge with a line level with the group's first. So does the first group when it stands below
 * the cell's first row (a value or an indicator beside an empty row,
 * the border between them lost): the rows above it become an empty
 * block. OCR pages only. */
static bool labels_at_top(const ptable *p, const rcell *rcs, const recut *plan) {
  int top = 0, other = 0;
  for (size_t i = 0; i < p->t->ncells; i++) {
    const dx_cell *c = p->t->cells[i];
    int r0 = plan->newrow[c->row], r1 = plan->newrow[c->row + c->rowspan];
    if (r1 - r0 < 2 || plan->cut[i] || rcs[i].n == 0 || !rcs[i].l[0].ocr) continue;
    /* a label whose text starts in its first row (and may run on below
     * it: 服务对象满意 | 度指标 over two rows) stands at the top */
    size_t f, m = lines_in(&rcs[i], plan->e[r0], plan->e[r0 + 1], &f);
    if (m > 0)
      top++;
    else
      other++;
  }
  return top > 0 && top >= 2 * other;
}

/* Whether a cell other than i starts at new row r and has a line there
 * level with line l (their tops within ROW_ALIGN_EM). */
static bool level_beside(const ptable *p, const rcell *rcs, const recut *plan, size_t i, int r,
                         const rline *l) {
  for (size_t j = 0; j < p->t->ncells; j++) {
    const dx_cell *d = p->t->cells[j];
    if (j == i || (!plan->cut[j] && plan->newrow[d->row] != r)) continue;
    if (plan->cut[j] && (plan->newrow[d->row] > r || plan->newrow[d->row + d->rowspan] <= r))
      continue;
    size_t g, n = lines_in(&rcs[j], plan->e[r], plan->e[r + 1], &g);
    if (n && blocks_align(l, 1, &rcs[j].l[g], 1)) return true;
  }
  return false;
}

/* Whether the text of rc stands off the middle of new rows top..bot-1
 * by more than an em. */
static bool off_middle(const recut *plan, int top, int bot, const rcell *rc) {
  float t0 = rc->l[0].y - rc->l[0].half, t1 = rc->l[rc->n - 1].y + rc->l[rc->n - 1].half;
  return fabsf((t0 + t1) - (plan->e[top] + plan->e[bot])) / 2 > 2 * rc->l[0].half;
}

static void label_blocks(recut *plan, const ptable *p, const rcell *rcs) {
  bool at_top = labels_at_top(p, rcs, plan);
  for (size_t i = 0; i < p->t->ncells; i++) {
    const dx_cell *c = p->t->cells[i];
    const rcell *rc = &rcs[i];
    int top = plan->newrow[c->row], bot = plan->newrow[c->row + c->rowspan];
    if (plan->cut[i] || bot - top < 2 || rc->fixed || rc->n < 1 || !rc->l[0].ocr ||
        (!at_top && !off_middle(plan, top, bot, rc)))
      continue;
    float wrap = wrap_pitch_near(p, rcs, c->row, c->row + c->rowspan - 1);
    int last = top;
    /* text that starts below the cell's first row: the border above the
     * row it starts in was lost, the rows above it are empty. Not in a
     * cell down to the bottom of a table that ends at the page's foot:
     * it may go on over the page break, its text set in the middle of
     * the whole (colour300's 数量指标 over 18 rows of one page and 3 of
     * the next) */
    const rline *l0 = &rc->l[0];
    int r0 = bot - 1;
    while (r0 > top && plan->e[r0] > l0->y - CUT_CLEAR_EM * 2 * l0->half) r0--;
    bool goes_on = bot == plan->nrows && p->room_below < PAGE_FOOT_PT;
    if (r0 > top && !goes_on && level_beside(p, rcs, plan, i, r0, l0)) {
      plan->blocks[i] = g_array_new(FALSE, FALSE, sizeof(int));
      g_array_append_val(plan->blocks[i], r0);
      last = r0;
    }
    for (size_t k = 1; k < rc->n; k++) {
      const rline *a = &rc->l[k - 1], *b = &rc->l[k];
      if (wraps_into(rc, k) && b->y - a->y < LABELS_APART_EM * (a->half + b->half)) continue;
      int r = bot - 1;
      while (r > last && plan->e[r] > b->y - CUT_CLEAR_EM * 2 * b->half) r--;
      if (r <= last || plan->e[r] - a->y < CUT_CLEAR_EM * 2 * a->half ||
          !level_beside(p, rcs, plan, i, r, b))
        continue;
      /* an edge of the grid is drawn beside the cell (a cut's is not);
       * a line that ran to the border, taken for a label of its own by
       * how far the next stands, has to stand apart as edge_gap says */
      bool drawn_edge = plan->oldrow[r] != plan->oldrow[r - 1] && !wraps_into(rc, k);
      if (!(drawn_edge ? drawn_gap : edge_gap)(a, b, wrap, plan->pitch)) continue;
      if (!plan->blocks[i]) plan->blocks[i] = g_array_new(FALSE, FALSE, sizeof(int));
      g_array_append_val(plan->blocks[i], r);
      last = r;
    }
  }
}

/* Places p's cells in the new rows: a cell that is cut becomes a piece
 * per new row it spans (the first piece is the cell itself), flagged
 * layout_uncertain, holding the glyphs of its row; a cell left whole
 * keeps its glyphs. slots (new rows x columns) gets them all, lists
 * maps each one to its glyphs (taken from p). */
static dx_code cut_cells(dx_cell **slots, GHashTable *lists, ptable *p, const recut *plan,
                         dx_arena *A, dx_error *err) {
  dx_table *t = p->t;
  dx_code rc = DX_OK;
  for (size_t i = 0; i < t->ncells && rc == DX_OK; i++) {
    dx_cell *c = t->cells[i], proto = *c;
    int top = plan->newrow[c->row], bot = plan->newrow[c->row + c->rowspan];
    GPtrArray *ga = p->cell_glyphs[i];
    const GArray *bl = plan->blocks[i];
    if (!plan->cut[i] && !bl) {
      c->row = top;
      c->rowspan = bot - top;
      g_hash_table_insert(lists, c, ga);
      p->cell_glyphs[i] = NULL;
      continue;
    }
    /* the pieces' top edges: every row, or the blocks' */
    int np = plan->cut[i] ? bot - top : (int)bl->len + 1;
    int *starts = g_new(int, (size_t)np + 1);
    for (int k = 0; k < np; k++)
      starts[k] = plan->cut[i] ? top + k : k == 0 ? top : g_array_index(bl, int, k - 1);
    starts[np] = bot;
    float *edges = g_new(float, (size_t)np + 1);
    for (int k = 0; k <= np; k++) edges[k] = plan->e[starts[k]];
    GPtrArray **part = g_new0(GPtrArray *, (size_t)np + 1);
    for (int k = 0; k < np; k++) {
      dx_cell *piece = k == 0 ? c : dx_arena_alloc(A, sizeof *piece);
      if (!piece) {
        rc = lay_nomem(err);
        break;
      }
      *piece = proto;
      piece->row = starts[k];
      piece->rowspan = starts[k + 1] - starts[k];
      piece->box[1] = edges[k];
      piece->box[3] = edges[k + 1];
      if (!(proto.flags & DX_CELL_LAYOUT_UNCERTAIN)) {
        piece->flags |= DX_CELL_LAYOUT_UNCERTAIN;
        piece->confidence *= LAYOUT_UNCERTAIN_CONF;
      }
      part[k] = g_ptr_array_new();
      g_hash_table_insert(lists, piece, part[k]);
      for (int rr = starts[k]; rr < starts[k + 1]; rr++)
        for (int cc = c->col; cc < c->col + c->colspan; cc++)
          slots[(size_t)rr * (size_t)t->ncols + (size_t)cc] = piece;
    }
    if (rc == DX_OK)
      for (guint q = 0; q < ga->len; q++) {
        dx_glyph *g = g_ptr_array_index(ga, q);
        g_ptr_array_add(part[lay_upper_edge(edges, np, lay_cy(g))], g);
      }
    g_free(part);
    g_free(starts);
    g_free(edges);
  }
  /* the whole cells' slots */
  for (size_t i = 0; i < t->ncells && rc == DX_OK; i++) {
    dx_cell *c = t->cells[i];
    if (plan->cut[i] || plan->blocks[i]) continue;
    for (int rr = c->row; rr < c->row + c->rowspan; rr++)
      for (int cc = c->col; cc < c->col + c->colspan; cc++)
        slots[(size_t)rr * (size_t)t->ncols + (size_t)cc] = c;
  }
  return rc;
}

/* Gives p the cells, rows and glyph lists of the cut (npieces cells in
 * all); p's row edges become plan's (plan->e is taken). On an error the
 * table is left for the page to drop. */
static dx_code apply_cuts(ptable *p, layout *L, recut *plan, size_t npieces, dx_error *err) {
  dx_table *t = p->t;
  size_t nc = t->ncells, nslots = (size_t)plan->nrows * (size_t)t->ncols;
  dx_cell **slots = dx_arena_alloc(L->doc->arena, nslots * sizeof(dx_cell *));
  dx_cell **cells = dx_arena_alloc(L->doc->arena, npieces * sizeof(dx_cell *));
  if (!slots || !cells) return lay_nomem(err);
  memset(slots, 0, nslots * sizeof(dx_cell *));
  /* each piece with its glyphs; the first piece is the cell itself */
  GHashTable *lists = g_hash_table_new(g_direct_hash, g_direct_equal);
  GPtrArray **glyphs = g_new0(GPtrArray *, npieces);
  dx_code rc = cut_cells(slots, lists, p, plan, L->doc->arena, err);
  /* the anchors in row-major order */
  size_t n = 0;
  for (size_t s = 0; s < nslots && rc == DX_OK; s++) {
    dx_cell *c = slots[s];
    if (!c || (size_t)c->row * (size_t)t->ncols + (size_t)c->col != s) continue;
    glyphs[n] = g_hash_table_lookup(lists, c);
    g_hash_table_remove(lists, c);
    cells[n++] = c;
  }
  if (rc != DX_OK) {
    /* the glyph lists made so far go; the table is dropped with the page */
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, lists);
    while (g_hash_table_iter_next(&it, NULL, &v))
      if (v) g_ptr_array_free(v, TRUE);
    for (size_t q = 0; q < n; q++)
      if (glyphs[q]) g_ptr_array_free(glyphs[q], TRUE);
    g_free(glyphs);
    g_hash_table_destroy(lists);
    return rc;
  }
  for (size_t i = 0; i < nc; i++)
    if (p->cell_glyphs[i]) g_ptr_array_free(p->cell_glyphs[i], TRUE);
  g_free(p->cell_glyphs);
  p->cell_glyphs = glyphs;
  t->nrows = plan->nrows;
  t->slots = slots;
  t->cells = cells;
  t->ncells = n;
  g_free(p->ys);
  p->ys = plan->e;
  plan->e = NULL;
  g_hash_table_remove_all(p->anchors);
  for (size_t i = 0; i < n; i++) g_hash_table_insert(p->anchors, cells[i], GSIZE_TO_POINTER(i));
  g_hash_table_destroy(lists);
  return DX_OK;
}

/* A column's rule ends at a row's border: one that ends more than
 * LOST_BORDER_PT inside grid row r of p (a vertical of vs[0..nv) within
 * the table's width) shows the border it ended at was lost there. A
 * row whose verticals all end at its borders is one row however many
 * lines its cells hold. */
#define LOST_BORDER_PT 4.0f
/* A rule of a skewed scan drifts across the pixel columns as it runs
 * down the page (a quarter of a degree: 2 pt over a page's height), and
 * may be found as two pieces side by side, each over part of the other:
 * a vertical that ends where another within RULE_BESIDE_PT of it goes on
 * past the end by LOST_BORDER_PT has not ended there. */
#define RULE_BESIDE_PT 2.0f
static bool goes_on_beside(const seg *vs, size_t nv, size_t i, float y) {
  for (size_t j = 0; j < nv; j++)
    if (j != i && fabsf(vs[j].pos - vs[i].pos) <= RULE_BESIDE_PT && vs[j].a < y - LOST_BORDER_PT &&
        vs[j].b > y + LOST_BORDER_PT)
      return true;
  return false;
}

static bool lost_border_in(const ptable *p, const seg *vs, size_t nv, int r) {
  float top = p->ys[r] + LOST_BORDER_PT, bot = p->ys[r + 1] - LOST_BORDER_PT;
  for (size_t i = 0; i < nv; i++) {
    if (vs[i].pos < p->box[0] - LOST_BORDER_PT || vs[i].pos > p->box[2] + LOST_BORDER_PT) continue;
    if (vs[i].a > top && vs[i].a < bot && !goes_on_beside(vs, nv, i, vs[i].a)) return true;
    if (vs[i].b > top && vs[i].b < bot && !goes_on_beside(vs, nv, i, vs[i].b)) return true;
  }
  return false;
}

/* A line of cell i that runs on into the next cell (its next
 * character within an em past its end, level with it) did not wrap:
 * the column's rule it seems to stop at is not drawn there (a fax lost
 * a row's borders, and the text of a cell spanning the columns runs
 * across where the rule goes on above and below). Its room becomes
 * infinite. */
static void goes_on(const ptable *p, size_t i, rcell *rc) {
  const dx_cell *c = p->t->cells[i];
  for (size_t k = 0; k < rc->n; k++) {
    rline *l = &rc->l[k];
    if (l->room >= l->head) continue;
    float x1 = (float)c->box[2] - l->room;
    for (size_t j = 0; j < p->t->ncells && l->room < l->head; j++) {
      if (j == i || !p->cell_glyphs[j]) continue;
      for (guint q = 0; q < p->cell_glyphs[j]->len; q++) {
        const dx_glyph *g = g_ptr_array_index(p->cell_glyphs[j], q);
        if (fabsf(lay_cy(g) - l->y) < l->half && g->box[0] >= x1 && g->box[0] <= x1 + 4 * l->half) {
          l->room = INFINITY;
          break;
        }
      }
    }
  }
}

/* Candidate cuts that lie within this share of the row pitch of one
 * another are one cut. */
#define CUT_CLUSTER_SHARE 0.3f

typedef struct tcut {
  float at;
  size_t cell;
} tcut;

static int tcut_cmp(const void *a, const void *b) {
  const tcut *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* Whether line k of cell i crosses the cut at `at`: its centre within
 * CUT_CLEAR_EM of its size of it. */
static bool crosses(const rcell *rc, size_t k, float at) {
  return fabsf(rc->l[k].y - at) < CUT_CLEAR_EM * 2 * rc->l[k].half;
}

/* Whether a line of a cell over grid row r other than cell i stands
 * level with line l (blocks_align). */
static bool level_with_another(const ptable *p, const rcell *rcs, int r, size_t i, const rline *l) {
  const dx_table *t = p->t;
  for (size_t j = 0; j < t->ncells; j++) {
    size_t f = 0, m = j == i ? 0 : row_lines(t, rcs, j, r, p->ys[r], p->ys[r + 1], &f);
    for (size_t k = f; k < f + m; k++)
      if (blocks_align(l, 1, &rcs[j].l[k], 1)) return true;
  }
  return false;
}

/* A cut of grid row r at *at that runs through a line of a cell over
 * the row going on from the one above it (a paragraph's last line, a
 * character or two that did not fit: "较大以上火灾事" | "故"): wrapped
 * into, or level with no line of another cell, as a row's first line
 * is in a form whose cells set their text at the top. The cut goes
 * below it instead, midway between the lowest line of the row's
 * cells at or above it and the highest below, when those stand a row
 * apart (pitch_apart) and no line crosses the new place. The lines of
 * the row above the cut then reach up past a pitch by the wrapped
 * paragraph's height: *up gets how far (from the cut) a cell's line
 * still stands next to it. A cut through no line, or with no such place,
 * stays as it was. */
static void clear_of_lines(const ptable *p, const rcell *rcs, int r, float pitch, float *at,
                           float *up) {
  const dx_table *t = p->t;
  float lo = p->ys[r], hi = p->ys[r + 1], wrapped = INFINITY, first = INFINITY;
  for (size_t i = 0; i < t->ncells; i++) {
    size_t f, m = row_lines(t, rcs, i, r, lo, hi, &f);
    for (size_t k = f; k < f + m; k++) {
      if (!crosses(&rcs[i], k, *at)) continue;
      if (k == f || (!wraps_into(&rcs[i], k) && level_with_another(p, rcs, r, i, &rcs[i].l[k])))
        return;
      size_t k0 = k - 1;
      while (k0 > f && wraps_into(&rcs[i], k0)) k0--;
      wrapped = MIN(wrapped, rcs[i].l[k].y);
      first = MIN(first, rcs[i].l[k0].y);
    }
  }
  if (isinf(wrapped)) return;
  float above = -INFINITY, below = INFINITY;
  for (size_t i = 0; i < t->ncells; i++) {
    size_t f, m = row_lines(t, rcs, i, r, lo, hi, &f);
    for (size_t k = f; k < f + m; k++) {
      float y = rcs[i].l[k].y;
      if (y <= wrapped)
        above = MAX(above, y);
      else
        below = MIN(below, y);
    }
  }
  if (isinf(below) || below - above < ROW_PITCH_SHARE * pitch) return;
  float to = (above + below) / 2;
  for (size_t i = 0; i < t->ncells; i++) {
    size_t f, m = row_lines(t, rcs, i, r, lo, hi, &f);
    for (size_t k = f; k < f + m; k++)
      if (crosses(&rcs[i], k, to)) return;
  }
  *at = to;
  *up = MAX(pitch, to - first + CUT_CLUSTER_SHARE * pitch);
}

/* Cuts of grid row r where a border was lost: each pair of lines of a
 * cell over it, one row apart (pitch_apart, less than two apart), none
 * wrapping into the next, is a candidate at their middle; candidates of
 * two cells or more within CUT_CLUSTER_SHARE of the pitch are a cut, at
 * their mean, moved off a wrapped line (clear_of_lines). Appends to
 * cuts, and to reach how far above each a line may stand next to it. */
static void pitch_cuts(GArray *cuts, GArray *reach, const ptable *p, const rcell *rcs, int r,
                       float pitch) {
  const dx_table *t = p->t;
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(tcut));
  float lo = p->ys[r], hi = p->ys[r + 1];
  for (size_t i = 0; i < t->ncells; i++) {
    size_t f, m;
    if ((m = row_lines(t, rcs, i, r, lo, hi, &f)) < 2) continue;
    for (size_t k = f + 1; k < f + m; k++) {
      const rline *a = &rcs[i].l[k - 1], *b = &rcs[i].l[k];
      if (wraps_into(&rcs[i], k) || !pitch_apart(a, b, pitch) || b->y - a->y >= 2 * pitch) continue;
      tcut tc = {(a->y + b->y) / 2, i};
      g_array_append_val(cand, tc);
    }
  }
  g_array_sort(cand, tcut_cmp);
  for (guint q = 0; q < cand->len;) {
    guint e = q + 1;
    const tcut *x = &g_array_index(cand, tcut, q);
    while (e < cand->len && g_array_index(cand, tcut, e).at - g_array_index(cand, tcut, e - 1).at <=
                                CUT_CLUSTER_SHARE * pitch)
      e++;
    float sum = 0;
    bool two = false;
    for (guint k = q; k < e; k++) {
      sum += g_array_index(cand, tcut, k).at;
      two = two || g_array_index(cand, tcut, k).cell != x->cell;
    }
    float at = sum / (float)(e - q), up = pitch;
    if (two && at > lo && at < hi) {
      clear_of_lines(p, rcs, r, pitch, &at, &up);
      g_array_append_val(cuts, at);
      g_array_append_val(reach, up);
    }
    q = e;
  }
  g_array_free(cand, TRUE);
}

/* Whether a cell of p's row r spanning columns holds characters of
 * both lines a and b. */
static bool one_spanning_cell(const ptable *p, int r, const tline *a, const tline *b) {
  const dx_table *t = p->t;
  for (size_t q = 0; q < a->n; q++) {
    const dx_cell *c = dx_table_at(t, r, lay_upper_edge(p->xs, t->ncols, lay_cx(a->g[q])));
    if (!c || c->colspan < 2) continue;
    for (size_t k = 0; k < b->n; k++)
      if (dx_table_at(t, r, lay_upper_edge(p->xs, t->ncols, lay_cx(b->g[k]))) == c) return true;
  }
  return false;
}

/* Whether a column of p holds characters of both lines a and b. */
static bool share_column(const ptable *p, const tline *a, const tline *b) {
  for (size_t q = 0; q < a->n; q++) {
    int col = lay_upper_edge(p->xs, p->t->ncols, lay_cx(a->g[q]));
    for (size_t k = 0; k < b->n; k++)
      if (lay_upper_edge(p->xs, p->t->ncols, lay_cx(b->g[k])) == col) return true;
  }
  return false;
}

static float line_cy(const tline *l) {
  float y = 0;
  for (size_t q = 0; q < l->n; q++) y += lay_cy(l->g[q]);
  return y / (float)l->n;
}

/* Cuts of grid row r of a table that lost row borders where the text
 * changes columns: two lines of the row next to each other (the row's
 * text across all its cells), a row apart (ROW_PITCH_SHARE of the
 * pitch, less than two), no column holding characters of both. A
 * cell's lines stay in its columns and a wrapped line starts where the
 * one before did, so the two are lines of two rows: a level's name on
 * a row of its own between the rows of its indicators, or over the
 * columns of the next level ("数量指标" over them, "①养护里程 | 120公里"
 * a row below in the next two), where a fax lost the border and the
 * columns' rules. In a row where no column's rule ends
 * (lost_border_in false), only two lines of one cell spanning columns
 * are cut so. Appends to cuts. */
static void column_change_cuts(GArray *cuts, const ptable *p, int r, float pitch, bool lost) {
  const dx_table *t = p->t;
  float lo = p->ys[r], hi = p->ys[r + 1];
  GPtrArray *gs = g_ptr_array_new();
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    if (c->row > r || c->row + c->rowspan <= r || !p->cell_glyphs[i]) continue;
    for (guint q = 0; q < p->cell_glyphs[i]->len; q++) {
      dx_glyph *g = g_ptr_array_index(p->cell_glyphs[i], q);
      if (lay_cy(g) >= lo && lay_cy(g) < hi) g_ptr_array_add(gs, g);
    }
  }
  tline *ls = NULL;
  size_t nl = gs->len ? lay_text_lines(&ls, (dx_glyph **)gs->pdata, gs->len) : 0;
  for (size_t k = 1; k < nl; k++) {
    const tline *a = &ls[k - 1], *b = &ls[k];
    float ya = line_cy(a), yb = line_cy(b), at = (ya + yb) / 2;
    if (a->g[0]->ocr_conf <= 0 || b->g[0]->ocr_conf <= 0 || yb - ya < ROW_PITCH_SHARE * pitch ||
        yb - ya >= 2 * pitch || share_column(p, a, b) || (!lost && !one_spanning_cell(p, r, a, b)))
      continue;
    g_array_append_val(cuts, at);
  }
  g_free(ls);
  g_ptr_array_free(gs, TRUE);
}

/* The height of an OCR table's rows of one line: the median of its
 * rows whose cells within them (not those spanning rows: a label beside
 * a level's rows) hold one line at most, one at least, when
 * LINE_PITCH_MIN rows or more are within DRAWN_PITCH_SPREAD of it, and
 * they are most such rows; else 0. Unlike drawn_pitch, rows beside a
 * cell spanning rows count: in an indicator table every row is. */
#define LINE_PITCH_MIN 4
static float line_pitch(const ptable *p, const rcell *rcs) {
  float *h = g_new(float, (size_t)p->t->nrows + 1);
  size_t nh = one_line_rows(p, rcs, false, h);
  float pitch = 0;
  if (nh >= LINE_PITCH_MIN) {
    qsort(h, nh, sizeof *h, lay_float_cmp);
    float med = h[nh / 2];
    size_t near = 0;
    for (size_t k = 0; k < nh; k++) near += fabsf(h[k] - med) <= DRAWN_PITCH_SPREAD * med;
    if (near >= LINE_PITCH_MIN && 2 * near > nh) pitch = med;
  }
  g_free(h);
  return pitch;
}

/* Whether grid row r of p is two rows of one line, the lower one blank,
 * whose border a fax lost in every column: the row is two line pitches
 * high (within DRAWN_PITCH_SPREAD), every cell within it holds one line
 * at most, and every line over it (of cells spanning it too) ends above
 * its middle, the lower half blank across the table. A row of one line
 * drawn that high sets its line in the middle, or the form's rows of
 * one line would be that high. */
static bool blank_lower_row(const ptable *p, const rcell *rcs, int r, float pitch) {
  const dx_table *t = p->t;
  float top = p->ys[r], h = p->ys[r + 1] - top;
  if (pitch <= 0 || fabsf(h - 2 * pitch) > DRAWN_PITCH_SPREAD * 2 * pitch) return false;
  bool any = false;
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    if (c->row > r || c->row + c->rowspan <= r) continue;
    size_t f, m = lines_in(&rcs[i], top, p->ys[r + 1], &f);
    if (c->rowspan == 1 && m > 1) return false;
    for (size_t k = f; k < f + m; k++)
      if (!rcs[i].l[k].ocr || rcs[i].l[k].y + rcs[i].l[k].half > top + h / 2) return false;
    any = any || m > 0;
  }
  return any;
}

/* Row borders a scan lost, from the text (see lay_text_borders): in
 * each row where a column's rule ends (lost_border_in), at each cut
 * pitch_cuts finds, a piece over every cell the cut passes through
 * whose lines stand on both sides of it, a row apart, none wrapping
 * across it; in each row two line pitches high whose lower half is
 * blank (blank_lower_row), a piece through its middle over every cell
 * within the row. */
size_t lay_text_borders(const ptable *p, const seg *vs, size_t nv, seg **out) {
  const dx_table *t = p->t;
  size_t nc = t->ncells, n = 0;
  *out = NULL;
  rcell *rcs = g_new0(rcell, nc ? nc : 1);
  float em = table_em(p);
  bool ocr = false;
  for (size_t i = 0; i < nc; i++) {
    rcell_lines(&rcs[i], t->cells[i], p->cell_glyphs[i], em);
    ocr = ocr || (rcs[i].n && rcs[i].l[0].ocr);
    /* a wrap only where the next line's first character would not have
     * fitted: without the em of slack OCR's lines get (rcell_lines),
     * which took "其中：财政资金" a character short of the border for a
     * line that ran to it; rows are told here by the pitch and by two
     * cells together */
    for (size_t k = 0; k < rcs[i].n; k++)
      if (rcs[i].l[k].ocr) rcs[i].l[k].head -= 2 * rcs[i].l[k].half;
  }
  for (size_t i = 0; i < nc; i++) goes_on(p, i, &rcs[i]);
  float pitch = ocr && !p->holder ? drawn_pitch(p, rcs) : 0;
  GArray *cuts = g_array_new(FALSE, FALSE, sizeof(float));
  GArray *reach = g_array_new(FALSE, FALSE, sizeof(float));
  GArray *changes = g_array_new(FALSE, FALSE, sizeof(float));
  bool lost_any = false;
  for (int r = 0; r < t->nrows && pitch > 0; r++)
    if (lost_border_in(p, vs, nv, r)) {
      pitch_cuts(cuts, reach, p, rcs, r, pitch);
      lost_any = true;
    }
  for (int r = 0; r < t->nrows && lost_any; r++)
    column_change_cuts(changes, p, r, pitch, lost_border_in(p, vs, nv, r));
  /* rows of one line, the lower blank: cut in the middle, over the cells
   * within the row (a label spanning it spans both) */
  GArray *blanks = g_array_new(FALSE, FALSE, sizeof(int));
  float lpitch = ocr && !p->holder ? line_pitch(p, rcs) : 0;
  for (int r = 0; r < t->nrows && lpitch > 0; r++)
    if (blank_lower_row(p, rcs, r, lpitch)) g_array_append_val(blanks, r);
  /* where the text changes columns the cut goes through every cell
   * (none has a line there); one pitch_cuts found stays as it was */
  guint npitch = cuts->len;
  for (guint q = 0; q < changes->len; q++) {
    float at = g_array_index(changes, float, q);
    bool dup = false;
    for (guint k = 0; k < npitch && !dup; k++)
      dup = fabsf(g_array_index(cuts, float, k) - at) <= CUT_CLUSTER_SHARE * pitch;
    if (dup) continue;
    g_array_append_val(cuts, at);
  }
  if (cuts->len || blanks->len) *out = g_new(seg, (cuts->len + blanks->len) * nc + 1);
  for (guint q = 0; q < blanks->len; q++) {
    int r = g_array_index(blanks, int, q);
    float at = (p->ys[r] + p->ys[r + 1]) / 2;
    for (size_t i = 0; i < nc; i++) {
      const dx_cell *c = t->cells[i];
      if (c->row == r && c->rowspan == 1)
        (*out)[n++] = (seg){at, (float)c->box[0], (float)c->box[2], 0, 0};
    }
  }
  for (guint q = 0; q < cuts->len; q++) {
    float at = g_array_index(cuts, float, q);
    bool change = q >= npitch;
    for (size_t i = 0; i < nc; i++) {
      const dx_cell *c = t->cells[i];
      const rcell *rc = &rcs[i];
      if (c->box[1] >= at || c->box[3] <= at || rc->fixed) continue;
      if (change) {
        (*out)[n++] = (seg){at, (float)c->box[0], (float)c->box[2], 0, 0};
        continue;
      }
      size_t f = 0;
      while (f < rc->n && rc->l[f].y < at) f++;
      /* a cell with no line within a row of the cut (cells of a row the
       * text of one cell spans, a blank): the cut goes on through it,
       * and the columns' rules say whether the cells there span rows */
      float up = g_array_index(reach, float, q);
      bool blank = (f == 0 || at - rc->l[f - 1].y > up) && (f == rc->n || rc->l[f].y - at > pitch);
      if (!blank) {
        if (f == 0 || f == rc->n || wraps_into(rc, f)) continue;
        const rline *a = &rc->l[f - 1], *b = &rc->l[f];
        float wrap = wrap_pitch_near(p, rcs, c->row, c->row + c->rowspan - 1);
        /* the lines next to the cut: not those of rows further off (an
         * empty row's cell, a label over two rows) */
        if (!edge_gap(a, b, wrap, pitch) || at - a->y < CUT_CLEAR_EM * 2 * a->half ||
            b->y - at < CUT_CLEAR_EM * 2 * b->half || at - a->y > up || b->y - at > pitch)
          continue;
      }
      (*out)[n++] = (seg){at, (float)c->box[0], (float)c->box[2], 0, 0};
    }
  }
  /* the pieces of one cut over cells side by side are one rule: a piece
   * between two columns whose rules the scan lost touches no rule
   * across */
  size_t m = 0;
  for (size_t k = 0; k < n; k++) {
    seg *o = *out;
    if (m && o[m - 1].pos == o[k].pos && fabsf(o[k].a - o[m - 1].b) < 0.5f)
      o[m - 1].b = o[k].b;
    else
      o[m++] = o[k];
  }
  for (size_t i = 0; i < nc; i++) g_free(rcs[i].l);
  g_free(rcs);
  g_array_free(cuts, TRUE);
  g_array_free(reach, TRUE);
  g_array_free(changes, TRUE);
  g_array_free(blanks, TRUE);
  return m;
}

/* A line of a cell spanning columns that starts again right after an
 * interior column edge, within TEXT_COLUMN_PAD_EM of its size (a cell's
 * padding: text set at the left of that column), with nothing of the
 * line left of the edge or a gap of LOST_COLUMN_GAP_EM before it, is
 * the text of two cells. */
#define TEXT_COLUMN_PAD_EM 2.0f
#define LOST_COLUMN_GAP_EM 1.5f

/* Column rules a scan lost, from the text (see lay_text_columns). */
size_t lay_text_columns(const ptable *p, const seg *vs, size_t nv, seg **out) {
  const dx_table *t = p->t;
  size_t n = 0, cap = 0;
  *out = NULL;
  bool lost = false;
  for (int r = 0; r < t->nrows && !lost && !p->holder; r++) lost = lost_border_in(p, vs, nv, r);
  float em = lost ? table_em(p) : 0;
  for (size_t i = 0; i < t->ncells && lost; i++) {
    const dx_cell *c = t->cells[i];
    GPtrArray *ga = p->cell_glyphs[i];
    if (c->colspan < 2 || !ga || !ga->len) continue;
    dx_glyph **g = g_memdup2(ga->pdata, ga->len * sizeof(dx_glyph *));
    tline *ls = NULL;
    size_t nl = lay_text_lines(&ls, g, ga->len);
    for (size_t k = 0; k < nl; k++) {
      const tline *l = &ls[k];
      float size = line_em(l, em);
      if (l->g[0]->ocr_conf <= 0) continue;
      for (int e = c->col + 1; e < c->col + c->colspan; e++) {
        float x = p->xs[e], left = -INFINITY, right = INFINITY;
        for (size_t q = 0; q < l->n; q++)
          if (lay_cx(l->g[q]) < x)
            left = MAX(left, l->g[q]->box[2]);
          else
            right = MIN(right, l->g[q]->box[0]);
        if (!isfinite(right) || right < x || right - x > TEXT_COLUMN_PAD_EM * size ||
            (isfinite(left) && right - left < LOST_COLUMN_GAP_EM * size))
          continue;
        if (n == cap) *out = g_renew(seg, *out, cap = cap ? 2 * cap : 8);
        (*out)[n++] = (seg){x, MAX(l->y0, (float)c->box[1]), MIN(l->y1, (float)c->box[3]), 0, 0};
      }
    }
    g_free(ls);
    g_free(g);
  }
  return n;
}

/* A numbered item label a line starts with: the characters before its
 * first ASCII digit (at most ITEM_PREFIX_MAX, none of them a digit) and
 * the number (one or two digits) after them, followed by a character
 * that is not a digit. Whether one was found; prefix gets its code
 * points (ITEM_PREFIX_MAX), *np how many, *num the number. */
#define ITEM_PREFIX_MAX 4
static bool item_label(const tline *l, uint32_t *prefix, size_t *np, int *num) {
  size_t k = 0;
  while (k < l->n && k < ITEM_PREFIX_MAX && !(l->g[k]->cp >= '0' && l->g[k]->cp <= '9')) {
    prefix[k] = l->g[k]->cp;
    k++;
  }
  if (k == 0 || k >= l->n || !(l->g[k]->cp >= '0' && l->g[k]->cp <= '9')) return false;
  int v = 0;
  size_t d = k;
  for (; d < l->n && d < k + 2 && l->g[d]->cp >= '0' && l->g[d]->cp <= '9'; d++)
    v = v * 10 + (int)(l->g[d]->cp - '0');
  if (d >= l->n || (l->g[d]->cp >= '0' && l->g[d]->cp <= '9')) return false;
  *np = k;
  *num = v;
  return true;
}

/* Whether cell i's text starts with a numbered item label of prefix
 * (np code points). */
static bool starts_with_item(const ptable *p, size_t i, const uint32_t *prefix, size_t np) {
  GPtrArray *ga = p->cell_glyphs[i];
  if (!ga || !ga->len) return false;
  tline *ls = NULL;
  size_t nl = lay_text_lines(&ls, (dx_glyph **)ga->pdata, ga->len);
  uint32_t q[ITEM_PREFIX_MAX];
  size_t nq;
  int v;
  bool same =
      nl && item_label(&ls[0], q, &nq, &v) && nq == np && memcmp(q, prefix, np * sizeof *q) == 0;
  g_free(ls);
  return same;
}

/* Whether no line of a cell that is cut stands within CUT_CLEAR_EM of
 * a cut at `at` (its piece there is cut in two with the row). */
static bool clear_of_cut_cells(const ptable *p, const rcell *rcs, const recut *plan, float at) {
  for (size_t j = 0; j < p->t->ncells; j++) {
    const dx_cell *d = p->t->cells[j];
    if (!plan->cut[j] || d->box[1] >= at || d->box[3] <= at) continue;
    for (size_t k = 0; k < rcs[j].n; k++)
      if (fabsf(rcs[j].l[k].y - at) < CUT_CLEAR_EM * 2 * rcs[j].l[k].half) return false;
  }
  return true;
}

/* Cuts of a cell OCR read, over one grid row, that holds two numbered
 * items whose border a fax dropped ("指标1：…" and, a line below,
 * "指标2："), in a column that holds one item a cell. A line that starts
 * with the label of the cell's first line numbered one more (not
 * wrapped into from the line above: the label starts an item), where
 * ITEM_COLUMN_MIN other cells of the column start with that label too,
 * is cut from the line above at their middle, unless a line of a cell
 * that is cut stands across it. A row where a cut was found already is
 * left alone. The cells cut so are marked in items (per cell); the
 * cells cut before stay cut, their piece over the row cut in two.
 * Appends to cuts, in order. */
#define ITEM_COLUMN_MIN 2
static void item_cuts(GArray *cuts, bool *items, const ptable *p, const rcell *rcs,
                      const recut *plan) {
  const dx_table *t = p->t;
  guint nold = cuts->len;
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    const rcell *rc = &rcs[i];
    if (c->rowspan != 1 || rc->fixed || rc->n < 2 || !rc->l[0].ocr || !p->cell_glyphs[i]) continue;
    if (plan->newrow[c->row + 1] - plan->newrow[c->row] != 1) continue;
    tline *ls = NULL;
    GPtrArray *ga = p->cell_glyphs[i];
    size_t nl = lay_text_lines(&ls, (dx_glyph **)ga->pdata, ga->len);
    uint32_t pre[ITEM_PREFIX_MAX], q[ITEM_PREFIX_MAX];
    size_t np, nq;
    int num, v;
    if (nl == rc->n && item_label(&ls[0], pre, &np, &num)) {
      int column = 0;
      for (size_t j = 0; j < t->ncells && column < ITEM_COLUMN_MIN; j++)
        column += j != i && t->cells[j]->col == c->col && t->cells[j]->colspan == c->colspan &&
                  starts_with_item(p, j, pre, np);
      for (size_t k = 1; k < nl && column >= ITEM_COLUMN_MIN; k++) {
        const rline *a = &rc->l[k - 1], *b = &rc->l[k];
        if (!item_label(&ls[k], q, &nq, &v) || nq != np || memcmp(q, pre, np * sizeof *q) != 0 ||
            v != num + 1) {
          continue;
        }
        num = v;
        if (wraps_into(rc, k) || !b->ocr) continue;
        float at = (a->y + b->y) / 2;
        if (at > p->ys[c->row] && at < p->ys[c->row + 1] && clear_of_cut_cells(p, rcs, plan, at)) {
          g_array_append_val(cuts, at);
          items[i] = true;
        }
      }
    }
    g_free(ls);
  }
  if (cuts->len > nold) g_array_sort(cuts, lay_float_cmp);
}

/* Cuts the cells of p that hold several rows (see the top of the file),
 * before their text is made; holders of nested tables stay whole. */
dx_code lay_split_rows(ptable *p, layout *L, const GPtrArray *tables, dx_error *err) {
  dx_table *t = p->t;
  dx_code rc = DX_OK;
  size_t nc = t->ncells;
  bool multi = false; /* a cell with lines to part: several, or one below its first row */
  rcell *rcs = g_new0(rcell, nc ? nc : 1);
  float em = table_em(p);
  for (size_t i = 0; i < nc; i++) {
    rcell_lines(&rcs[i], t->cells[i], p->cell_glyphs[i], em);
    multi = multi || rcs[i].n > 1 || (rcs[i].n && t->cells[i]->rowspan > 1);
  }
  GArray *cuts = g_array_new(FALSE, FALSE, sizeof(float));
  recut plan = {.cut = g_new0(bool, nc ? nc : 1), .blocks = g_new0(GArray *, nc ? nc : 1)};
  if (!multi) goto done;
  for (guint q = 0; q < tables->len; q++) {
    const ptable *in = g_ptr_array_index(tables, q);
    gpointer at;
    if (in->holder && g_hash_table_lookup_extended(p->anchors, in->holder, NULL, &at))
      rcs[GPOINTER_TO_SIZE(at)].fixed = true;
  }
  plan.pitch = drawn_pitch(p, rcs);
  for (int r = 0; r < t->nrows; r++) row_cuts(cuts, p, rcs, r, plan.pitch);
  /* a cut found in a row stays where two cells or more are cut at it */
  settle_cuts(&plan, p, rcs, cuts);
  /* numbered items of one cell whose border was lost */
  bool *items = g_new0(bool, nc ? nc : 1);
  guint nsettled = cuts->len;
  item_cuts(cuts, items, p, rcs, &plan);
  if (cuts->len > nsettled) {
    g_free(plan.e);
    g_free(plan.newrow);
    g_free(plan.oldrow);
    plan.nrows = merge_edges(&plan.e, &plan.newrow, &plan.oldrow, p, cuts);
    for (size_t i = 0; i < nc; i++) {
      const dx_cell *c = t->cells[i];
      plan.cut[i] = items[i] || plan.cut[i] ||
                    cuttable(p, rcs, i, plan.e, plan.oldrow, plan.newrow[c->row],
                             plan.newrow[c->row + c->rowspan], plan.pitch);
    }
  }
  g_free(items);
  label_blocks(&plan, p, rcs);
  size_t npieces = 0;
  for (size_t i = 0; i < nc; i++) {
    const dx_cell *c = t->cells[i];
    npieces += plan.cut[i]      ? (size_t)(plan.newrow[c->row + c->rowspan] - plan.newrow[c->row])
               : plan.blocks[i] ? plan.blocks[i]->len + 1
                                : 1;
  }
  if (npieces == nc && !cuts->len) goto done;
  if ((size_t)plan.nrows > L->lim->max_table_rows) goto done; /* left as it was */
  rc = apply_cuts(p, L, &plan, npieces, err);
done:
  for (size_t i = 0; i < nc; i++) g_free(rcs[i].l);
  g_free(rcs);
  g_free(plan.cut);
  for (size_t i = 0; i < nc; i++)
    if (plan.blocks[i]) g_array_free(plan.blocks[i], TRUE);
  g_free(plan.blocks);
  g_free(plan.e);
  g_free(plan.newrow);
  g_free(plan.oldrow);
  g_array_free(cuts, TRUE);
  return rc;
}
