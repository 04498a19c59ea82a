/* textlines.c — the text lines of a scanned page image, cut from its ink
 * with the table's ruling lines taken out, for an OCR engine that reads
 * one line at a time (ocr.c: tesseract with chi_sim).
 *
 * Read as a whole page, tesseract's layout analysis joins the text of
 * neighbouring table cells into one line when their baselines are near
 * (a cell of two lines beside a cell of one), and reads characters of
 * both in one order: "服务对象满意度" and "指标" came out as
 * "指服标对象务满意度". Here a line never crosses a ruling line:
 *
 *   1. ink: the page's grey levels stretched (paper white, the darkest
 *      ink black), then a pixel darker than INK_LEVEL;
 *   2. the ruling lines found on the same image (lines.c, scan.c) are
 *      erased from the ink, over their width and a little more (a
 *      scanned line is not quite straight); what is left of them (long
 *      and thin, or huge: a seal's ring) is dropped as a component;
 *   3. connected components of the ink (runs of pixels, 8-connected);
 *   4. components are joined into lines left to right: a component
 *      joins a line when the two together are no taller than a
 *      character (the strokes of 三 or 二 are separate components of one
 *      line), the gap between them is under JOIN_GAP line heights and
 *      no vertical ruling line runs between them;
 *   5. each line is cut out with its own ink only (another line's ink
 *      or a rule's inside its box is white), on a white margin, in the
 *      page's grey levels with its paper made white.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The page's grey levels are stretched so that paper is white and ink
 * black (dx_grey_levels, as ppocr.c does), and a pixel darker than INK_LEVEL is ink: the thin
 * horizontal strokes of 二 on a blurred 150 dpi scan come out near 180 (at 160 the corpus scans
 * read 3494 facts right, at 190 3638, at 215 3527: noise joins). */
#define INK_LEVEL 190
/* How far (points) beyond half a rule's width its band is erased: a
 * scanned rule drifts by a pixel or two and its blur is wider than its
 * stroke. */
#define RULE_MARGIN_PT 0.6
/* Rules shorter than this (points) are not erased nor kept lines apart:
 * lines.c finds characters' strokes too on a scan (pdf.c drops them
 * after reading, by its OCR_MIN_RULE_PT). */
#define MIN_RULE_PT 13.0f
/* Rules thicker than this (points) are neither: on a blurred 150 dpi
 * scan a line of bold text is a dark band that scan.c takes for a rule
 * (一级指标 a band of 6.6 pt), and erasing it erased the text; the
 * thickest ruling lines of the corpus's scans are 3.7 pt. */
#define MAX_RULE_PT 5.0f
/* Components smaller than this (points, both sides) are specks of noise;
 * a full stop at 9 pt is about 1 pt. */
#define SPECK_PT 0.5
/* The size (points) assumed for the text when the page shows none. */
#define DEFAULT_EM_PT 10.5
/* A component longer than RULE_LEFT_EM characters and thinner than
 * THIN_EM of one is what is left of a ruling line; one larger than
 * HUGE_EM characters both ways is no character (a seal's ring, a blot,
 * a photograph's edge). A blurred scan runs a word's characters into
 * one component: long, but as tall as a character. */
#define RULE_LEFT_EM 2.5
#define THIN_EM 0.3
#define HUGE_EM 3.0
/* A line is at most this many times its tallest character's height:
 * two lines of a cell, one above the other, are taller. */
#define LINE_TALL 1.3
/* Gap (line heights) past which two pieces of ink side by side are
 * separate lines: Han characters are set 0-0.2 em apart, Latin words
 * 0.3 em, text in the same cell aligned apart further. */
#define JOIN_GAP 1.2
/* Margin (line heights) of white around a line's crop: tesseract reads
 * a line that touches its image's edge worse. */
#define CROP_MARGIN 0.3
/* A line smaller than this (ems) both ways is a speck of noise or dust
 * (OCR reads 人 or 和 in it): a full stop alone is no text. */
#define DOT_EM 0.35
/* A component smaller than SMALL_EM of the text's size both ways is a
 * dot (a full stop, a colon's, a decimal point), a piece of a broken
 * character, or a speck of noise: it starts no line, and joins the line
 * beside it (within ATTACH_GAP of its height to its left or right, its
 * middle within ATTACH_OVER of that height above or below its rows),
 * else is dropped. A fax's speckle (a sensor's noise on a 1-bit page),
 * one of its pixels 1.25 x 2.5 px at 204 x 98 dpi read at 250, is
 * larger than SPECK_PT one way: as lines, the specks of the fax corpus
 * scans ran into hundreds of lines of noise, read as 四, 和, 人, ，. */
#define SMALL_EM 0.25
#define ATTACH_GAP 0.5
#define ATTACH_OVER 0.0
/* Lines on one page: more is no text (a halftone, noise). */
#define MAX_LINES 20000

typedef struct run {
  int y, x0, x1; /* pixels [x0, x1) of row y */
  int comp;      /* union-find parent, then the component */
} run;

typedef struct comp {
  int x0, y0, x1, y1; /* box, [x0, x1) x [y0, y1) */
  long area;
  int line; /* the line it joined, -1: none (noise, rule) */
} comp;

typedef struct tl {
  int x0, y0, x1, y1;
  int charh; /* tallest component */
  bool dead; /* merged into another */
} tl;

static int find_root(run *runs, int i) {
  while (runs[i].comp != i) {
    runs[i].comp = runs[runs[i].comp].comp;
    i = runs[i].comp;
  }
  return i;
}

static void unite(run *runs, int a, int b) {
  a = find_root(runs, a);
  b = find_root(runs, b);
  if (a != b) runs[MAX(a, b)].comp = MIN(a, b);
}

/* The page's grey levels stretched (see dx_grey_levels); soft[] maps
 * grey levels to the crops' (paper white, ink as it was: tesseract
 * binarizes a crop itself, and the stretched levels run a blurred
 * scan's strokes together). */
static uint8_t *stretched(const uint8_t *grey, int w, int h, int stride, uint8_t soft[256]) {
  size_t n = (size_t)w * (size_t)h;
  int ink, paper;
  dx_grey_levels(grey, w, h, stride, &ink, &paper);
  uint8_t lut[256];
  for (int v = 0; v < 256; v++) lut[v] = (uint8_t)CLAMP((v - ink) * 255 / (paper - ink), 0, 255);
  for (int v = 0; v < 256; v++) soft[v] = (uint8_t)CLAMP(v * 255 / MAX(paper, 1), 0, 255);
  uint8_t *out = g_malloc(n);
  for (int y = 0; y < h; y++) {
    const uint8_t *row = grey + (size_t)y * (size_t)stride;
    uint8_t *o = out + (size_t)y * (size_t)w;
    for (int x = 0; x < w; x++) o[x] = lut[row[x]];
  }
  return out;
}

static bool long_rule(const dx_rule *r) {
  return fabsf(r->x1 - r->x0) + fabsf(r->y1 - r->y0) >= MIN_RULE_PT && r->width <= MAX_RULE_PT;
}

/* Marks the band of every rule in `erased` (w x h). */
static void erase_rules(uint8_t *erased, int w, int h, double scale, const dx_rule *rules,
                        size_t nrules) {
  for (size_t i = 0; i < nrules; i++) {
    const dx_rule *r = &rules[i];
    if (!long_rule(r)) continue;
    double half = (double)MAX(r->width, 0.0f) / 2 + RULE_MARGIN_PT;
    double x0 = MIN(r->x0, r->x1), x1 = MAX(r->x0, r->x1);
    double y0 = MIN(r->y0, r->y1), y1 = MAX(r->y0, r->y1);
    int px0 = (int)floor((x0 - half) * scale), px1 = (int)ceil((x1 + half) * scale);
    int py0 = (int)floor((y0 - half) * scale), py1 = (int)ceil((y1 + half) * scale);
    px0 = CLAMP(px0, 0, w);
    px1 = CLAMP(px1, 0, w);
    py0 = CLAMP(py0, 0, h);
    py1 = CLAMP(py1, 0, h);
    for (int y = py0; y < py1; y++)
      memset(erased + (size_t)y * (size_t)w + px0, 1, (size_t)(px1 - px0));
  }
}

/* Whether a vertical rule runs between x columns a and b (pixels) across
 * rows ya..yb. */
static bool rule_between(const dx_rule *rules, size_t nrules, double scale, int a, int b, int ya,
                         int yb) {
  double xa = a / scale, xb = b / scale, mid = (ya + yb) / 2.0 / scale;
  for (size_t i = 0; i < nrules; i++) {
    const dx_rule *r = &rules[i];
    if (r->x0 != r->x1 || !long_rule(r)) continue;
    if (r->x0 >= xa - 0.5 && r->x0 <= xb + 0.5 && MIN(r->y0, r->y1) <= mid &&
        MAX(r->y0, r->y1) >= mid)
      return true;
  }
  return false;
}

/* Whether a and b may be one line (a left of or over b). */
static bool joins(const tl *a, const tl *b, int em, const dx_rule *rules, size_t nrules,
                  double scale) {
  int uy0 = MIN(a->y0, b->y0), uy1 = MAX(a->y1, b->y1);
  int charh = MAX(MAX(a->charh, b->charh), em);
  if (uy1 - uy0 > LINE_TALL * charh) return false;
  int lh = MAX(MAX(a->y1 - a->y0, b->y1 - b->y0), em / 2);
  int gap = MAX(b->x0 - a->x1, a->x0 - b->x1);
  if (gap > JOIN_GAP * lh) return false;
  if (gap > 0) {
    int l = a->x1 <= b->x0 ? a->x1 : b->x1, r = a->x1 <= b->x0 ? b->x0 : a->x0;
    if (rule_between(rules, nrules, scale, l, r, uy0, uy1)) return false;
  }
  return true;
}

/* The small components (line -2) each joined to the nearest live line
 * beside it (see SMALL_EM), or to none (-1). */
static void attach_small(comp *comps, int ncomps, tl *lines, int nlines, int em,
                         const dx_rule *rules, size_t nrules, double scale) {
  for (int i = 0; i < ncomps; i++) {
    comp *c = &comps[i];
    if (c->line != -2) continue;
    c->line = -1;
    int cy = (c->y0 + c->y1) / 2, best = -1, best_gap = 0;
    for (int j = 0; j < nlines; j++) {
      tl *l = &lines[j];
      if (l->dead) continue;
      int lh = MAX(l->y1 - l->y0, em / 2), over = (int)(ATTACH_OVER * lh);
      if (cy < l->y0 - over || cy >= l->y1 + over) continue;
      int gap = MAX(MAX(c->x0 - l->x1, l->x0 - c->x1), 0);
      if (gap > ATTACH_GAP * lh || (best >= 0 && gap >= best_gap)) continue;
      int a = c->x1 <= l->x0 ? c->x1 : l->x1, b = c->x1 <= l->x0 ? l->x0 : c->x0;
      if (gap > 0 && rule_between(rules, nrules, scale, a, b, MIN(l->y0, c->y0), MAX(l->y1, c->y1)))
        continue;
      best = j;
      best_gap = gap;
    }
    if (best < 0) continue;
    tl *l = &lines[best];
    l->x0 = MIN(l->x0, c->x0);
    l->y0 = MIN(l->y0, c->y0);
    l->x1 = MAX(l->x1, c->x1);
    l->y1 = MAX(l->y1, c->y1);
    c->line = best;
  }
}

static int int_cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int comp_x_cmp(const void *a, const void *b, void *data) {
  const comp *c = data;
  const comp *p = &c[*(const int *)a], *q = &c[*(const int *)b];
  if (p->x0 != q->x0) return (p->x0 > q->x0) - (p->x0 < q->x0);
  if (p->y0 != q->y0) return (p->y0 > q->y0) - (p->y0 < q->y0);
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* Reading order: rows first (a line whose centre is inside the other's
 * rows is on it), then left to right. */
static int line_cmp(const void *a, const void *b) {
  const dx_text_line *p = a, *q = b;
  int pc = (p->box[1] + p->box[3]) / 2, qc = (q->box[1] + q->box[3]) / 2;
  if (pc < q->box[1] && qc > p->box[3]) return -1;
  if (qc < p->box[1] && pc > q->box[3]) return 1;
  if (pc < q->box[1] || pc > q->box[3]) return pc < qc ? -1 : 1;
  if (p->box[0] != q->box[0]) return (p->box[0] > q->box[0]) - (p->box[0] < q->box[0]);
  return (p->box[1] > q->box[1]) - (p->box[1] < q->box[1]);
}

GArray *dx_text_lines(const uint8_t *grey, int w, int h, int stride, double scale,
                      const dx_rule *rules, size_t nrules) {
  GArray *out = g_array_new(FALSE, FALSE, sizeof(dx_text_line));
  if (!grey || w <= 0 || h <= 0 || scale <= 0) return out;
  uint8_t soft[256];
  uint8_t *page = stretched(grey, w, h, stride, soft);
  uint8_t *erased = g_malloc0((size_t)w * (size_t)h);
  erase_rules(erased, w, h, scale, rules, nrules);

  /* runs of ink, row by row, and row_at[y] the first run of row y */
  GArray *ra = g_array_new(FALSE, FALSE, sizeof(run));
  int *row_at = g_new(int, (size_t)h + 1);
  for (int y = 0; y < h; y++) {
    row_at[y] = (int)ra->len;
    const uint8_t *p = page + (size_t)y * (size_t)w, *e = erased + (size_t)y * (size_t)w;
    for (int x = 0; x < w;) {
      if (p[x] >= INK_LEVEL || e[x]) {
        x++;
        continue;
      }
      int x0 = x;
      while (x < w && p[x] < INK_LEVEL && !e[x]) x++;
      run r = {y, x0, x, (int)ra->len};
      g_array_append_val(ra, r);
    }
  }
  row_at[h] = (int)ra->len;
  run *runs = (run *)(void *)ra->data;
  int nruns = (int)ra->len;
  /* 8-connected: a run touches the runs of the row above that overlap it
   * or meet it at a corner */
  for (int y = 1; y < h; y++) {
    int a = row_at[y - 1], ae = row_at[y];
    for (int i = row_at[y]; i < row_at[y + 1]; i++) {
      while (a < ae && runs[a].x1 < runs[i].x0) a++;
      for (int k = a; k < ae && runs[k].x0 <= runs[i].x1; k++) unite(runs, i, k);
    }
  }
  /* components: roots numbered in order */
  int *comp_of = g_new(int, (size_t)nruns + 1);
  GArray *ca = g_array_new(FALSE, FALSE, sizeof(comp));
  for (int i = 0; i < nruns; i++) {
    int root = find_root(runs, i);
    if (root == i) {
      comp c = {runs[i].x0, runs[i].y, runs[i].x1, runs[i].y + 1, 0, -1};
      comp_of[i] = (int)ca->len;
      g_array_append_val(ca, c);
    } else {
      comp_of[i] = comp_of[root];
    }
    comp *c = &g_array_index(ca, comp, comp_of[i]);
    c->x0 = MIN(c->x0, runs[i].x0);
    c->x1 = MAX(c->x1, runs[i].x1);
    c->y1 = MAX(c->y1, runs[i].y + 1);
    c->area += runs[i].x1 - runs[i].x0;
  }
  for (int i = 0; i < nruns; i++) runs[i].comp = comp_of[i];
  g_free(comp_of);
  comp *comps = (comp *)(void *)ca->data;
  int ncomps = (int)ca->len;

  /* the text's size: the median height of components shaped like a
   * character, taller than a few points */
  int *hs = g_new(int, (size_t)ncomps + 1), nh = 0;
  for (int i = 0; i < ncomps; i++) {
    int cw = comps[i].x1 - comps[i].x0, ch = comps[i].y1 - comps[i].y0;
    if (ch >= 4 * scale && ch <= 30 * scale && cw * 5 >= ch * 2 && cw * 2 <= ch * 5) hs[nh++] = ch;
  }
  int em = (int)(DEFAULT_EM_PT * scale);
  if (nh >= 5) {
    qsort(hs, (size_t)nh, sizeof *hs, int_cmp);
    em = hs[nh / 2];
  }
  g_free(hs);

  /* components left to right into lines */
  int speck = (int)(SPECK_PT * scale + 0.5);
  int *order = g_new(int, (size_t)ncomps + 1), norder = 0;
  for (int i = 0; i < ncomps; i++) {
    comp *c = &comps[i];
    int cw = c->x1 - c->x0, ch = c->y1 - c->y0;
    if (cw <= speck && ch <= speck) continue;
    if (cw > RULE_LEFT_EM * em && ch < THIN_EM * em) continue;
    if (ch > RULE_LEFT_EM * em && cw < THIN_EM * em) continue;
    if (cw > HUGE_EM * em && ch > HUGE_EM * em) continue;
    if (cw < SMALL_EM * em && ch < SMALL_EM * em) {
      c->line = -2; /* a dot or a speck: see attach_small */
      continue;
    }
    order[norder++] = i;
  }
  g_qsort_with_data(order, norder, sizeof *order, comp_x_cmp, comps);
  GArray *la = g_array_new(FALSE, FALSE, sizeof(tl));
  GArray *open = g_array_new(FALSE, FALSE, sizeof(int)); /* lines still reaching right */
  for (int k = 0; k < norder; k++) {
    comp *c = &comps[order[k]];
    int ch = c->y1 - c->y0;
    tl piece = {c->x0, c->y0, c->x1, c->y1, ch, false};
    /* the open line it fits best: the least gap, then the most overlap */
    int best = -1;
    long best_key = 0;
    guint keep = 0;
    for (guint j = 0; j < open->len; j++) {
      int li = g_array_index(open, int, j);
      tl *l = &g_array_index(la, tl, li);
      /* a line ending far left of this component is closed */
      if (c->x0 - l->x1 > JOIN_GAP * MAX(l->y1 - l->y0, em) + em) continue;
      g_array_index(open, int, keep++) = li;
      if (!joins(l, &piece, em, rules, nrules, scale)) continue;
      int gap = MAX(c->x0 - l->x1, 0);
      int over = MIN(l->y1, c->y1) - MAX(l->y0, c->y0);
      long key = (long)gap * 4096 - over;
      if (best < 0 || key < best_key) {
        best = li;
        best_key = key;
      }
    }
    g_array_set_size(open, keep);
    if (best < 0) {
      if (la->len >= MAX_LINES) break;
      best = (int)la->len;
      g_array_append_val(la, piece);
      g_array_append_val(open, best);
    } else {
      tl *l = &g_array_index(la, tl, best);
      l->x0 = MIN(l->x0, c->x0);
      l->y0 = MIN(l->y0, c->y0);
      l->x1 = MAX(l->x1, c->x1);
      l->y1 = MAX(l->y1, c->y1);
      l->charh = MAX(l->charh, ch);
    }
    c->line = best;
  }
  g_array_free(open, TRUE);
  g_free(order);
  /* lines begun apart that meet (a quote mark before a line, the parts
   * of a character the first pass put on two lines) are joined */
  tl *lines = (tl *)(void *)la->data;
  int nlines = (int)la->len;
  int *to = g_new(int, (size_t)nlines + 1);
  for (int i = 0; i < nlines; i++) to[i] = i;
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < nlines; i++) {
      if (lines[i].dead) continue;
      for (int j = i + 1; j < nlines; j++) {
        if (lines[j].dead) continue;
        tl *a = &lines[i], *b = &lines[j];
        bool over = MIN(a->y1, b->y1) > MAX(a->y0, b->y0);
        if (!over || !joins(a, b, em, rules, nrules, scale)) continue;
        a->x0 = MIN(a->x0, b->x0);
        a->y0 = MIN(a->y0, b->y0);
        a->x1 = MAX(a->x1, b->x1);
        a->y1 = MAX(a->y1, b->y1);
        a->charh = MAX(a->charh, b->charh);
        b->dead = true;
        to[j] = i;
        changed = true;
      }
    }
  }
  for (int i = 0; i < nlines; i++) {
    int t = i;
    while (to[t] != t) t = to[t];
    to[i] = t;
  }
  attach_small(comps, ncomps, lines, nlines, em, rules, nrules, scale);
  /* each line's crop: its own ink on white */
  int *slot = g_new(int, (size_t)nlines + 1);
  for (int i = 0; i < nlines; i++) {
    slot[i] = -1;
    if (lines[i].dead) continue;
    const tl *l = &lines[i];
    if (l->x1 - l->x0 < DOT_EM * em && l->y1 - l->y0 < DOT_EM * em) continue;
    int lh = l->y1 - l->y0, m = MAX(4, (int)(CROP_MARGIN * MAX(lh, em / 2)));
    dx_text_line t = {.box = {l->x0, l->y0, l->x1, l->y1},
                      .w = l->x1 - l->x0 + 2 * m,
                      .h = lh + 2 * m,
                      .ox = l->x0 - m,
                      .oy = l->y0 - m};
    t.img = g_malloc((size_t)t.w * (size_t)t.h);
    memset(t.img, 255, (size_t)t.w * (size_t)t.h);
    slot[i] = (int)out->len;
    g_array_append_val(out, t);
  }
  for (int i = 0; i < nruns; i++) {
    const run *r = &runs[i];
    int li = comps[r->comp].line;
    if (li < 0 || slot[to[li]] < 0) continue;
    const dx_text_line *t = &g_array_index(out, dx_text_line, slot[to[li]]);
    /* a pixel of anti-aliasing around the run, from the page */
    int x0 = MAX(r->x0 - 1, MAX(t->ox, 0)), x1 = MIN(r->x1 + 1, MIN(t->ox + t->w, w));
    for (int y = MAX(r->y - 1, MAX(t->oy, 0)); y <= r->y + 1 && y < MIN(t->oy + t->h, h); y++) {
      uint8_t *dst = t->img + (size_t)(y - t->oy) * (size_t)t->w;
      const uint8_t *src = grey + (size_t)y * (size_t)stride;
      for (int x = x0; x < x1; x++) dst[x - t->ox] = MIN(dst[x - t->ox], soft[src[x]]);
    }
  }
  g_free(slot);
  g_free(to);
  g_array_free(la, TRUE);
  g_array_free(ca, TRUE);
  g_array_free(ra, TRUE);
  g_free(row_at);
  g_free(erased);
  g_free(page);
  g_array_sort(out, line_cmp);
  return out;
}

/* Cutting a line into its characters: a character's width off its
 * expected one costs CUT_WIDTH per em squared; a cut through ink costs
 * CUT_INK per share of the column's height inked. A cut lies within
 * CUT_WINDOW ems of where the expected widths put it. */
#define CUT_WIDTH 4.0
#define CUT_INK 3.0
#define CUT_WINDOW 2.5
/* The ems a line's text may be off its ink's height: the text's pitch
 * is fitted to the line's width and the characters read, within these. */
#define PITCH_MIN 0.6
#define PITCH_MAX 1.6

void dx_text_line_cut(int *x0, int *x1, const dx_text_line *t, const float *widths, int n) {
  if (n <= 0) return;
  int L = t->box[0] - t->ox, R = t->box[2] - t->ox, W = R - L, lh = t->box[3] - t->box[1];
  if (W <= 0 || lh <= 0) {
    for (int k = 0; k < n; k++) {
      x0[k] = t->box[0];
      x1[k] = t->box[2];
    }
    return;
  }
  /* ink per column, as a share of the line's height */
  float *ink = g_new0(float, (size_t)W + 1);
  for (int y = t->box[1] - t->oy; y < t->box[3] - t->oy; y++) {
    const uint8_t *row = t->img + (size_t)y * (size_t)t->w;
    for (int x = L; x < R; x++) ink[x - L] += row[x] < INK_LEVEL;
  }
  for (int x = 0; x < W; x++) ink[x] /= (float)lh;
  double sum = 0;
  for (int k = 0; k < n; k++) sum += widths[k];
  double em = sum > 0 ? W / sum : lh;
  em = CLAMP(em, PITCH_MIN * lh, PITCH_MAX * lh);
  /* cost[k][x]: the first k characters cut at x (0..W), from[k][x] the
   * cut before */
  size_t cells = (size_t)(n + 1) * (size_t)(W + 1);
  double *cost = g_new(double, cells);
  int *from = g_new(int, cells);
  for (size_t i = 0; i < cells; i++) cost[i] = INFINITY;
  cost[0] = 0;
  double at = 0; /* the widths so far: the expected cut at at / sum of W */
  int win = (int)(CUT_WINDOW * em) + 1;
  for (int k = 1; k <= n; k++) {
    double want = widths[k - 1] * em;
    at += widths[k - 1];
    int mid = sum > 0 ? (int)(at / sum * W) : W * k / n;
    int lo = k == n ? W : MAX(1, mid - win), hi = k == n ? W : MIN(W - 1, mid + win);
    int maxw = (int)(3 * want) + 2;
    const double *prev = cost + (size_t)(k - 1) * (size_t)(W + 1);
    double *cur = cost + (size_t)k * (size_t)(W + 1);
    int *fr = from + (size_t)k * (size_t)(W + 1);
    for (int x = lo; x <= hi; x++) {
      double cut = k == n ? 0 : CUT_INK * ink[x];
      for (int p = MAX(0, x - maxw); p < x; p++) {
        if (!isfinite(prev[p])) continue;
        double d = (x - p - want) / em;
        double c = prev[p] + CUT_WIDTH * d * d + cut;
        if (c < cur[x]) {
          cur[x] = c;
          fr[x] = p;
        }
      }
    }
  }
  int *cuts = g_new(int, (size_t)n + 1);
  cuts[n] = W;
  bool found = isfinite(cost[(size_t)n * (size_t)(W + 1) + (size_t)W]);
  for (int k = n; k > 0 && found; k--)
    cuts[k - 1] = from[(size_t)k * (size_t)(W + 1) + (size_t)cuts[k]];
  if (!found) /* no way through the windows: even shares */
    for (int k = 0; k < n; k++) cuts[k] = (int)((double)W * k / n);
  cuts[0] = 0;
  /* each character's box: the ink of its part, or the part when it has
   * none */
  for (int k = 0; k < n; k++) {
    int a = cuts[k], b = MAX(cuts[k + 1], a + 1), i0 = -1, i1 = -1;
    for (int x = a; x < b && x < W; x++)
      if (ink[x] > 0) {
        if (i0 < 0) i0 = x;
        i1 = x;
      }
    if (i0 < 0) {
      i0 = a;
      i1 = b - 1;
    }
    x0[k] = t->ox + L + i0;
    x1[k] = t->ox + L + i1 + 1;
  }
  g_free(cuts);
  g_free(from);
  g_free(cost);
  g_free(ink);
}

/* Comparison signs. chi_sim has no ≥ ≤ ≧ ≦ (it reads 三, 过, 人, 和, 委
 * ...) and reads ＝ as 一 or 王, so a line's leading sign is told from
 * its ink: a chevron (> or <) over none, one or two bars, or two equal
 * bars. Sizes are in line heights (the ink's height of the line). */
/* A sign is no wider than this and no narrower than SIGN_MIN_W. */
#define SIGN_MAX_W 1.0
#define SIGN_MIN_W 0.25
/* Pieces smaller than this both ways are specks. */
#define SIGN_SPECK 0.12
/* A bar: at most BAR_TALL of its width high (a slanted bar, ⩾'s, is
 * a third of its width high; on a fax, a font's ⩾ and ⩽ whose bar is
 * as steep as the chevron's lower arm, the staircase of its rows and a
 * lost row between them make it 0.52-0.55), at least BAR_MIN_W wide,
 * and a stroke: its ink over its width at most BAR_THICK. A level bar
 * (one of ＝'s) is at most BAR_LEVEL of its width high. */
#define BAR_TALL 0.6
#define BAR_LEVEL 0.25
#define BAR_MIN_W 0.25
#define BAR_THICK 0.2
/* A blurred scan runs a chevron and its bars (or two bars) into one
 * piece: its bottom rows whose longest run spans BAR_RUN of its width
 * are bars, no higher together than BARS_TALL. */
#define BAR_RUN 0.7
#define BARS_TALL 0.45
/* A chevron: its height at least CHEVRON_TALL of its width, its width
 * at least CHEVRON_WIDE of its height (a parenthesis, curved the same
 * way, is about a third as wide as high), its middle rows' ink off its
 * top and bottom rows' by CHEVRON_BEND of its width... */
#define CHEVRON_TALL 0.5
#define CHEVRON_WIDE 0.6
#define CHEVRON_BEND 0.25
/* ... and its arms' ends within CHEVRON_END of its width from its open
 * side: a 2, a chevron over a bar to this test, has its top's ink
 * across its width. */
#define CHEVRON_END 0.35
/* The bars of ＝: as wide as each other and over each other within
 * EQUAL_BARS of their width (二's upper stroke is shorter). */
#define EQUAL_BARS 0.85
/* Pieces in a sign: more is some other character. */
#define SIGN_PIECES 4

typedef struct piece {
  int x0, y0, x1, y1;
  long area;
  int id; /* its pixels' mark */
} piece;

static bool ink_at(const dx_text_line *t, int x, int y) {
  return t->img[(size_t)y * (size_t)t->w + (size_t)x] < INK_LEVEL;
}

/* The box of piece p's ink (its pixels marked p->id) in rows [ya, yb). */
static piece rows_of(const dx_text_line *t, const uint8_t *mark, const piece *p, int ya, int yb) {
  piece r = {p->x1, ya, p->x0, yb, 0, p->id};
  for (int y = ya; y < yb; y++)
    for (int x = p->x0; x < p->x1; x++)
      if (mark[(size_t)y * (size_t)t->w + (size_t)x] == p->id) {
        r.x0 = MIN(r.x0, x);
        r.x1 = MAX(r.x1, x + 1);
        r.area++;
      }
  return r;
}

/* The mean x (share of the width of r) of r's ink in rows [ya, yb), or
 * -1 when they hold none. */
static double mean_x(const dx_text_line *t, const uint8_t *mark, const piece *r, int ya, int yb) {
  double sum = 0;
  long n = 0;
  for (int y = ya; y < yb; y++)
    for (int x = r->x0; x < r->x1; x++)
      if (mark[(size_t)y * (size_t)t->w + (size_t)x] == r->id) {
        sum += x - r->x0;
        n++;
      }
  return n ? sum / (double)n / MAX(r->x1 - r->x0 - 1, 1) : -1;
}

/* '>' or '<' when r (a piece, or its rows r->y0..r->y1) is a chevron,
 * else 0. */
static gunichar chevron(const dx_text_line *t, const uint8_t *mark, const piece *r) {
  int pw = r->x1 - r->x0, ph = r->y1 - r->y0;
  if (ph < CHEVRON_TALL * pw || pw < CHEVRON_WIDE * ph || ph < 4) return 0;
  int q = MAX(ph / 4, 1);
  double top = mean_x(t, mark, r, r->y0, r->y0 + q);
  double mid = mean_x(t, mark, r, r->y0 + (3 * ph) / 8, r->y0 + (5 * ph + 7) / 8);
  double bot = mean_x(t, mark, r, r->y1 - q, r->y1);
  if (top < 0 || mid < 0 || bot < 0) return 0;
  if (top <= CHEVRON_END && bot <= CHEVRON_END && mid - MAX(top, bot) >= CHEVRON_BEND) return '>';
  if (top >= 1 - CHEVRON_END && bot >= 1 - CHEVRON_END && MIN(top, bot) - mid >= CHEVRON_BEND)
    return '<';
  return 0;
}

static bool is_bar(const piece *p, int lh) {
  int pw = p->x1 - p->x0, ph = p->y1 - p->y0;
  return ph <= BAR_TALL * pw && pw >= BAR_MIN_W * lh && (double)p->area / pw <= BAR_THICK * lh;
}

/* The longest run of piece p's ink in row y. */
static int longest_run(const dx_text_line *t, const uint8_t *mark, const piece *p, int y) {
  int run = 0, best = 0;
  for (int x = p->x0; x < p->x1; x++) {
    run = mark[(size_t)y * (size_t)t->w + (size_t)x] == p->id ? run + 1 : 0;
    best = MAX(best, run);
  }
  return best;
}

/* A piece that is a chevron and bars, or bars, run together: the bars
 * (bands of rows across the piece, from its bottom; blur leaves a few
 * rows of less ink below and between them, BAR_GAP at most, and an
 * edge of BAR_EDGE of a row above) are counted into *bars and the
 * rest's chevron returned; 0 when the piece is not that (*bars is then
 * 0 too), '=' when it holds bars alone. */
#define BAR_GAP 0.1
#define BAR_EDGE 0.4
static gunichar run_together(const dx_text_line *t, const uint8_t *mark, const piece *p, int lh,
                             int *bars) {
  int pw = p->x1 - p->x0, gap = MAX(1, (int)(BAR_GAP * lh)), top = p->y1, off = 0;
  *bars = 0;
  for (int y = p->y1 - 1; y >= p->y0 && off <= gap; y--) {
    if (longest_run(t, mark, p, y) >= BAR_RUN * pw) {
      if (top == p->y1 || off > 0) (*bars)++;
      top = y;
      off = 0;
    } else {
      off++;
    }
  }
  while (top > p->y0 && *bars && longest_run(t, mark, p, top - 1) >= BAR_EDGE * pw) top--;
  if (!*bars || p->y1 - top > BARS_TALL * lh || pw < BAR_MIN_W * lh) {
    *bars = 0;
    return 0;
  }
  if (top == p->y0) return '=';
  piece head = rows_of(t, mark, p, p->y0, top);
  gunichar c = chevron(t, mark, &head);
  if (!c) *bars = 0;
  return c;
}

/* A fax that lost a row of its scan in sending (a line dropped every
 * so often) leaves rows blank across a whole text line, through its
 * sign and digits alike, and a sign's stroke there in two pieces (a >'s
 * lower arm apart from its upper). Such rows are a run of blank rows
 * inside the line's ink, no higher than LOST_ROWS of the line (a fax
 * row is 0.73 pt; the space between a line and a border under it is
 * wider); pieces that meet across them, one ending right above and the
 * other starting right below, overlapping in x, are one. */
#define LOST_ROWS 0.1
/* ... each piece's edge up to LOST_EDGE rows off them: a page turned
 * straight left the rows beside them grey, ink on other characters */
#define LOST_EDGE 1

/* Whether row y of the line is blank from column L to R. */
static bool blank_row(const dx_text_line *t, int y, int L, int R) {
  for (int x = L; x < R; x++)
    if (ink_at(t, x, y)) return false;
  return true;
}

/* Joins piece j into piece i (j's pixels marked as i's); returns the
 * pieces left, j's place taken by the last one. */
static int join_pieces(const dx_text_line *t, uint8_t *mark, piece *ps, int np, int i, int j) {
  for (int y = ps[j].y0; y < ps[j].y1; y++)
    for (int x = ps[j].x0; x < ps[j].x1; x++) {
      uint8_t *m = &mark[(size_t)y * (size_t)t->w + (size_t)x];
      if (*m == ps[j].id) *m = (uint8_t)ps[i].id;
    }
  ps[i].x0 = MIN(ps[i].x0, ps[j].x0);
  ps[i].x1 = MAX(ps[i].x1, ps[j].x1);
  ps[i].y0 = MIN(ps[i].y0, ps[j].y0);
  ps[i].y1 = MAX(ps[i].y1, ps[j].y1);
  ps[i].area += ps[j].area;
  ps[j] = ps[np - 1];
  return np - 1;
}

/* The pieces (ps, np of them) of a sign with those that meet across a
 * line's lost rows (columns L..R, rows T..B) joined; returns how many
 * are left. */
static int join_lost_rows(const dx_text_line *t, uint8_t *mark, piece *ps, int np, int L, int R,
                          int T, int B, int lh) {
  int most = MAX(1, (int)(LOST_ROWS * lh));
  for (int y0 = T + 1; y0 < B; y0++) {
    if (!blank_row(t, y0, L, R) || blank_row(t, y0 - 1, L, R)) continue;
    int y1 = y0 + 1;
    while (y1 < B && blank_row(t, y1, L, R)) y1++;
    if (y1 >= B || y1 - y0 > most) {
      y0 = y1;
      continue;
    }
    bool joined = true;
    while (joined) {
      joined = false;
      for (int i = 0; i < np && !joined; i++)
        for (int j = 0; j < np && !joined; j++)
          if (ps[i].y1 <= y0 && ps[j].y0 >= y1 && ps[j].y0 - ps[i].y1 <= y1 - y0 + 2 * LOST_EDGE &&
              ps[i].x1 > ps[j].x0 && ps[j].x1 > ps[i].x0) {
            np = join_pieces(t, mark, ps, np, i, j);
            joined = true;
          }
    }
    y0 = y1;
  }
  return np;
}

/* The pieces of a sign with those that a few blank pixels in a row (at
 * most SPLIT_GAP of the line's height, at least one) part joined: a
 * chevron whose arms a fax's coarse rows, straightened, left a pixel or
 * two apart at their meeting (≥97 read as 97, ≥5次 as =5次: its upper
 * arm one piece, its point and lower arm another, 1-2 px apart in a line
 * 24-29 px high). A sign's separate strokes (a bar under a chevron, the
 * bars of =) lie apart by whole rows. Returns how many are left. */
#define SPLIT_GAP 0.08
static int join_split_columns(const dx_text_line *t, uint8_t *mark, piece *ps, int np, int lh) {
  int gap = MAX(1, (int)(SPLIT_GAP * lh));
  bool joined = true;
  while (joined) {
    joined = false;
    for (int i = 0; i < np && !joined; i++)
      for (int j = 0; j < np && !joined; j++) {
        if (i == j) continue;
        int y0 = MAX(ps[i].y0, ps[j].y0), y1 = MIN(ps[i].y1, ps[j].y1);
        for (int y = y0; y < y1 && !joined; y++) {
          const uint8_t *row = mark + (size_t)y * (size_t)t->w;
          int x1 = MIN(MAX(ps[i].x1, ps[j].x1), t->w - 1 - gap);
          for (int x = MIN(ps[i].x0, ps[j].x0); x < x1 && !joined; x++) {
            if (row[x] != ps[i].id) continue;
            for (int k = 1; k <= gap && !joined && !ink_at(t, x + k, y); k++)
              joined = row[x + k + 1] == ps[j].id;
          }
        }
        if (joined) np = join_pieces(t, mark, ps, np, MIN(i, j), MAX(i, j));
      }
  }
  return np;
}

gunichar dx_text_line_sign(const dx_text_line *t, int *end) {
  *end = t->box[0];
  int L = t->box[0] - t->ox, R = t->box[2] - t->ox, T = t->box[1] - t->oy, B = t->box[3] - t->oy,
      lh = B - T;
  if (lh < 6 || R <= L) return 0;
  /* the leading blob: the columns from the first ink to the first blank
   * one */
  int a = -1, b = R;
  for (int x = L; x < R; x++) {
    bool any = false;
    for (int y = T; y < B && !any; y++) any = ink_at(t, x, y);
    if (any && a < 0) a = x;
    if (!any && a >= 0) {
      b = x;
      break;
    }
  }
  if (a < 0 || b - a > SIGN_MAX_W * lh || b - a < SIGN_MIN_W * lh) return 0;
  /* its pieces: 8-connected ink */
  uint8_t *mark = g_malloc0((size_t)t->w * (size_t)t->h);
  int *stack = g_new(int, (size_t)(b - a) * (size_t)lh + 1);
  piece ps[SIGN_PIECES];
  int np = 0, ids = 0;
  bool other = false; /* ink of another character */
  for (int y0 = T; y0 < B && !other; y0++)
    for (int x0 = a; x0 < b && !other; x0++) {
      if (!ink_at(t, x0, y0) || mark[(size_t)y0 * (size_t)t->w + (size_t)x0]) continue;
      if (ids == UINT8_MAX) { /* specks of noise, no sign */
        other = true;
        break;
      }
      int id = ++ids, sp = 0;
      piece p = {x0, y0, x0 + 1, y0 + 1, 0, id};
      mark[(size_t)y0 * (size_t)t->w + (size_t)x0] = (uint8_t)id;
      stack[sp++] = y0 * t->w + x0;
      while (sp > 0) {
        int at = stack[--sp], x = at % t->w, y = at / t->w;
        p.area++;
        p.x0 = MIN(p.x0, x);
        p.x1 = MAX(p.x1, x + 1);
        p.y0 = MIN(p.y0, y);
        p.y1 = MAX(p.y1, y + 1);
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx, ny = y + dy;
            if (nx < a || nx >= b || ny < T || ny >= B) continue;
            uint8_t *m = &mark[(size_t)ny * (size_t)t->w + (size_t)nx];
            if (*m || !ink_at(t, nx, ny)) continue;
            *m = (uint8_t)id;
            stack[sp++] = ny * t->w + nx;
          }
      }
      if (p.x1 - p.x0 < SIGN_SPECK * lh && p.y1 - p.y0 < SIGN_SPECK * lh) continue;
      if (np == SIGN_PIECES)
        other = true;
      else
        ps[np++] = p;
    }
  g_free(stack);
  if (!other) np = join_lost_rows(t, mark, ps, np, L, R, T, B, lh);
  if (!other) np = join_split_columns(t, mark, ps, np, lh);
  /* each piece a chevron, a bar, or (run together) a chevron over bars
   * or bars */
  int chev = -1, nbars = 0, flat = 0; /* flat: pieces that are level bars */
  int bar_w[2] = {0, 0}, bar_x[2][2] = {{0, 0}, {0, 0}}, bar_y[2][2] = {{0, 0}, {0, 0}};
  gunichar dir = 0;
  for (int i = 0; i < np && !other; i++) {
    const piece *p = &ps[i];
    gunichar c = chevron(t, mark, p);
    int k = 0;
    if (!c && !is_bar(p, lh)) c = run_together(t, mark, p, lh, &k);
    if (c == '>' || c == '<') {
      if (chev >= 0) other = true;
      chev = i;
      dir = c;
      nbars += k;
    } else if (c == '=' || is_bar(p, lh)) {
      if (nbars < 2) {
        bar_w[nbars] = p->x1 - p->x0;
        bar_x[nbars][0] = p->x0;
        bar_x[nbars][1] = p->x1;
        bar_y[nbars][0] = p->y0;
        bar_y[nbars][1] = p->y1;
      }
      nbars += c == '=' ? k : 1;
      flat += c != '=' && p->y1 - p->y0 <= BAR_LEVEL * (p->x1 - p->x0);
    } else {
      other = true;
    }
  }
  gunichar sign = 0;
  if (!other && chev >= 0 && nbars <= 2) {
    /* the bars lie under the chevron's middle */
    int cmid = (ps[chev].y0 + ps[chev].y1) / 2;
    bool under = true;
    for (int i = 0; i < np; i++) under &= i == chev || ps[i].y0 > cmid;
    static const gunichar ge[3] = {'>', 0x2265, 0x2267}, le[3] = {'<', 0x2264, 0x2266};
    if (under) sign = dir == '>' ? ge[nbars] : le[nbars];
  } else if (!other && chev < 0 && nbars == 2 && np == 2 && flat == 2) {
    /* two level bars, apart, of one width, one over the other */
    int over = MIN(bar_x[0][1], bar_x[1][1]) - MAX(bar_x[0][0], bar_x[1][0]);
    int wide = MAX(bar_w[0], bar_w[1]);
    if (MIN(bar_w[0], bar_w[1]) >= EQUAL_BARS * wide && over >= EQUAL_BARS * wide &&
        (bar_y[0][1] <= bar_y[1][0] || bar_y[1][1] <= bar_y[0][0]))
      sign = '=';
  }
  g_free(mark);
  if (sign) *end = t->ox + b;
  return sign;
}

void dx_text_lines_free(GArray *lines) {
  if (!lines) return;
  for (guint i = 0; i < lines->len; i++) g_free(g_array_index(lines, dx_text_line, i).img);
  g_array_free(lines, TRUE);
}
