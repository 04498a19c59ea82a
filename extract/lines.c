/* lines.c — ruling lines from a raster: long thin dark runs.
 *
 * The same method serves rendered PDF pages and scans: a table's borders
 * are dark runs many times longer than they are thick, whether a producer
 * drew them as strokes, as thin filled rectangles or on paper. Runs are
 * found row by row, stacked into bands, and a band thin enough is a rule;
 * vertical rules are found the same way on the transposed raster.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Grey below which a pixel is ink. A 0.5 pt black rule rendered at
 * 1.5 px per point covers 0.75 px: alone in a pixel it is ~64, split over
 * two pixels each is ~160; light cell shading (#D9D9D9 = 217) stays out. */
#define DARK 200
/* Shortest rule, in points: longer than what is left of a glyph's strokes
 * once the text is masked, shorter than any real cell side. */
#define MIN_RULE_PT 6.0
/* Thickest rule, in points: Word's thickest border is 6 pt; anything
 * thicker is a filled area, not a line. */
#define MAX_RULE_PT 6.5
/* Pixels of a run's gap bridged: anti-aliasing and scanner dropouts. */
#define GAP_PX 2

typedef struct band {
  int x0, x1;    /* extent so far */
  int top, last; /* first and last raster row */
  bool live;
} band;

/* Finds horizontal rules in a raster; `transposed` maps them back to
 * vertical ones. */
static void scan(GArray *out, const uint8_t *g, int w, int h, int stride, double scale,
                 bool transposed) {
  int min_run = (int)(MIN_RULE_PT * scale);
  int max_thick = (int)(MAX_RULE_PT * scale + 0.5);
  GArray *bands = g_array_new(FALSE, FALSE, sizeof(band));
  for (int y = 0; y <= h; y++) {
    /* runs in this row (none past the last row: closes every band) */
    int x = 0;
    while (y < h && x < w) {
      const uint8_t *row = g + (size_t)y * (size_t)stride;
      while (x < w && row[x] >= DARK) x++;
      if (x >= w) break;
      int x0 = x, gap = 0, x1 = x;
      for (; x < w; x++) {
        if (row[x] < DARK) {
          x1 = x;
          gap = 0;
        } else if (++gap > GAP_PX) {
          break;
        }
      }
      if (x1 - x0 + 1 < min_run) continue;
      /* extend a band from the previous row that overlaps it */
      bool joined = false;
      for (guint i = 0; i < bands->len && !joined; i++) {
        band *b = &g_array_index(bands, band, i);
        if (!b->live || b->last != y - 1 || x1 < b->x0 || x0 > b->x1) continue;
        b->x0 = MIN(b->x0, x0);
        b->x1 = MAX(b->x1, x1);
        b->last = y;
        joined = true;
      }
      if (!joined) {
        band nb = {x0, x1, y, y, true};
        g_array_append_val(bands, nb);
      }
    }
    /* close bands that did not continue into this row */
    guint keep = 0;
    for (guint i = 0; i < bands->len; i++) {
      band b = g_array_index(bands, band, i);
      if (b.last == y) {
        g_array_index(bands, band, keep++) = b;
        continue;
      }
      int thick = b.last - b.top + 1;
      if (thick > max_thick) continue;
      float pos = (float)((b.top + b.last + 1) / 2.0 / scale);
      float a = (float)(b.x0 / scale), z = (float)((b.x1 + 1) / scale);
      dx_rule r = transposed ? (dx_rule){pos, a, pos, z, (float)(thick / scale)}
                             : (dx_rule){a, pos, z, pos, (float)(thick / scale)};
      g_array_append_val(out, r);
    }
    g_array_set_size(bands, keep);
  }
  g_array_free(bands, TRUE);
}

void dx_find_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale) {
  if (!out || !grey || w <= 0 || h <= 0 || scale <= 0) return;
  scan(out, grey, w, h, stride, scale, false);
  /* transpose in tiles, so columns are read as rows */
  uint8_t *t = malloc((size_t)w * (size_t)h);
  if (!t) return;
  enum { TILE = 64 };
  for (int y0 = 0; y0 < h; y0 += TILE)
    for (int x0 = 0; x0 < w; x0 += TILE)
      for (int y = y0; y < MIN(h, y0 + TILE); y++)
        for (int x = x0; x < MIN(w, x0 + TILE); x++)
          t[(size_t)x * (size_t)h + (size_t)y] = grey[(size_t)y * (size_t)stride + (size_t)x];
  scan(out, t, h, w, h, scale, true);
  free(t);
}

/* Fills: greys from FILL_LO up to DARK (a table's shading, #808080 ..
 * #BFBFBF; #D9D9D9 is lighter than DARK already), flat within FILL_TOL
 * over FILL_REACH pixels each way, where anything darker (text and its
 * anti-aliased edges, a border over the fill) counts as fill. Black
 * borders (~0) and text stay. */
#define FILL_LO 100
#define FILL_TOL 12
#define FILL_REACH 3

static bool flat(const uint8_t *g, int w, int h, int stride, int x, int y, int v) {
  static const int dx[4] = {FILL_REACH, -FILL_REACH, 0, 0}, dy[4] = {0, 0, FILL_REACH, -FILL_REACH};
  for (int k = 0; k < 4; k++) {
    int xx = x + dx[k], yy = y + dy[k];
    if (xx < 0 || yy < 0 || xx >= w || yy >= h) return false;
    /* ink on the fill (text and its anti-aliased edges, a border: all
     * darker) does not end it; paper (lighter) does */
    int u = g[(size_t)yy * (size_t)stride + (size_t)xx];
    if (u > v + FILL_TOL) return false;
  }
  return true;
}

void dx_whiten_fills(uint8_t *grey, int w, int h, int stride, const int box[4]) {
  int x0 = MAX(box[0], 0), y0 = MAX(box[1], 0), x1 = MIN(box[2], w), y1 = MIN(box[3], h);
  if (x1 <= x0 || y1 <= y0) return;
  /* decided on the raster as it is, then whitened */
  uint8_t *fill = g_malloc0((size_t)(x1 - x0) * (size_t)(y1 - y0));
  bool any = false;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++) {
      int v = grey[(size_t)y * (size_t)stride + (size_t)x];
      if (v >= FILL_LO && v < DARK && flat(grey, w, h, stride, x, y, v)) {
        fill[(size_t)(y - y0) * (size_t)(x1 - x0) + (size_t)(x - x0)] = 1;
        any = true;
      }
    }
  for (int y = y0; y < y1 && any; y++)
    for (int x = x0; x < x1; x++)
      if (fill[(size_t)(y - y0) * (size_t)(x1 - x0) + (size_t)(x - x0)])
        grey[(size_t)y * (size_t)stride + (size_t)x] = 255;
  g_free(fill);
}

/* Checkboxes drawn as graphics (a Word form field, a box in a scan) are
 * small squares of rules with or without ink inside. Sides, in points:
 * from a 6 pt box in small print to a 16 pt box in a title row. */
#define BOX_MIN_PT 5.0
#define BOX_MAX_PT 16.0
/* How far (points) the sides of one box may miss each other. */
#define BOX_TOL_PT 1.5
/* How far (points) a side may run on past the box into a border. */
#define BOX_RUN_ON_PT 3.0
/* Share of dark pixels inside (away from the sides) that is a tick or
 * a cross: an empty box has none, a tick covers ~10%. */
#define BOX_INK 0.04

static bool near(float a, float b) {
  return fabsf(a - b) <= BOX_TOL_PT;
}

static bool short_rule(const dx_rule *r) {
  float len = r->y0 == r->y1 ? r->x1 - r->x0 : r->y1 - r->y0;
  return len >= BOX_MIN_PT && len <= BOX_MAX_PT + BOX_TOL_PT;
}

/* Index of an unused horizontal rule with y in [ya, yb] that covers
 * x0..x1: a box's short side, or the border a side merged into. */
static int find_hside(const GArray *rules, const bool *used, float ya, float yb, float x0,
                      float x1) {
  int best = -1;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    if (used[i] || r->y0 != r->y1 || r->y0 < ya || r->y0 > yb || r->x0 > x0 + BOX_TOL_PT ||
        r->x1 < x1 - BOX_TOL_PT)
      continue;
    /* a short side of the box itself first */
    if (best < 0 || (short_rule(r) && !short_rule(&g_array_index(rules, dx_rule, best))))
      best = (int)i;
  }
  return best;
}

static double ink(const uint8_t *g, int w, int h, int stride, double scale, const float *box) {
  float in = (box[2] - box[0]) * 0.2f;
  int x0 = CLAMP((int)((box[0] + in) * scale), 0, w),
      x1 = CLAMP((int)((box[2] - in) * scale), 0, w);
  int y0 = CLAMP((int)((box[1] + in) * scale), 0, h),
      y1 = CLAMP((int)((box[3] - in) * scale), 0, h);
  long dark = 0, all = 0;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++, all++) dark += g[(size_t)y * (size_t)stride + (size_t)x] < DARK;
  return all ? (double)dark / (double)all : 0;
}

void dx_find_boxes(GArray *rules, GArray *glyphs, const uint8_t *grey, int w, int h, int stride,
                   double scale) {
  enum { MAX_SHORT = 4000 }; /* past this many short rules the page is a drawing */
  guint nshort = 0;
  for (guint i = 0; i < rules->len; i++) nshort += short_rule(&g_array_index(rules, dx_rule, i));
  if (nshort < 2 || nshort > MAX_SHORT) return;
  bool *used = g_new0(bool, rules->len);
  /* a box is two short vertical sides a box's width apart, with a top
   * and a bottom between them: the box's own short rules, or a border
   * a side ran into (then the border stays a rule) */
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *l = &g_array_index(rules, dx_rule, i);
    if (used[i] || l->x0 != l->x1 || !short_rule(l)) continue;
    for (guint j = 0; j < rules->len; j++) {
      const dx_rule *r = &g_array_index(rules, dx_rule, j);
      float side = r->x0 - l->x0;
      if (j == i || used[j] || r->x0 != r->x1 || !short_rule(r) || side < BOX_MIN_PT ||
          side > BOX_MAX_PT || !near(r->y0, l->y0) ||
          fabsf(r->y1 - l->y1) > BOX_RUN_ON_PT + BOX_TOL_PT)
        continue;
      float y0 = MIN(l->y0, r->y0);
      int top = find_hside(rules, used, y0 - BOX_TOL_PT, y0 + BOX_TOL_PT, l->x0, r->x0);
      int bot =
          top >= 0 ? find_hside(rules, used, y0 + side * 0.7f, y0 + side * 1.3f, l->x0, r->x0) : -1;
      if (bot < 0 || bot == top) continue;
      const dx_rule *tr = &g_array_index(rules, dx_rule, top),
                    *br = &g_array_index(rules, dx_rule, bot);
      /* one of them must be the box's own: a narrow cell of a table has
       * long borders above and below */
      if (!short_rule(tr) && !short_rule(br)) continue;
      dx_glyph g = {.box = {l->x0, tr->y0, r->x0, br->y0},
                    .size = (br->y0 - tr->y0) / 0.8f,
                    .space_before = true};
      g.cp = ink(grey, w, h, stride, scale, g.box) > BOX_INK ? DX_CHECK_ON_CP : DX_CHECK_OFF_CP;
      g_array_append_val(glyphs, g);
      used[i] = used[j] = true;
      if (short_rule(tr)) used[top] = true;
      if (short_rule(br)) used[bot] = true;
      break;
    }
  }
  guint keep = 0;
  for (guint i = 0; i < rules->len; i++)
    if (!used[i]) g_array_index(rules, dx_rule, keep++) = g_array_index(rules, dx_rule, i);
  g_array_set_size(rules, keep);
  g_free(used);
}

/* ---- skew ------------------------------------------------------------------ */

/* How sharply the dark pixels, sheared by tan(angle), stack into rows
 * `pitch` pixels high (the scan's own rows: a fax's 98 dpi rows are
 * 2.5 rows of a 250 dpi raster): the sum of squared row counts. Text
 * lines and rules at the page's true angle give the sharpest profile.
 * Rows finer than the scan's own would favour no turn at all on a
 * coarse scan: a skewed rule there is a staircase of flat runs, each
 * as many of its rows high, which any shear smears across them. */
static double profile(const int *xs, const int *ys, size_t n, int h, int w, double angle,
                      double pitch, double *rows) {
  double t = tan(angle);
  int pad = (int)(fabs(t) * w) + 1;
  int nrows = (int)((h + 2 * pad) / pitch) + 1;
  memset(rows, 0, sizeof(double) * (size_t)nrows);
  for (size_t i = 0; i < n; i++) {
    int y = (int)lround((ys[i] - xs[i] * t + pad) / pitch);
    if (y >= 0 && y < nrows) rows[y] += 1;
  }
  double s = 0;
  for (int y = 0; y < nrows; y++) s += rows[y] * rows[y];
  return s;
}

/* Adds the dark pixels of row y (every second column) to xs/ys: only
 * those in runs of at least min_run pixels when min_run > 0. */
static void sample_row(GArray *xs, GArray *ys, const uint8_t *row, int w, int y, int min_run) {
  int x = 0;
  while (x < w) {
    if (row[x] >= DARK) {
      x++;
      continue;
    }
    int x0 = x;
    while (x < w && row[x] < DARK) x++;
    if (x - x0 < min_run) continue;
    for (int k = x0 + (x0 & 1); k < x; k += 2) {
      g_array_append_val(xs, k);
      g_array_append_val(ys, y);
    }
  }
}

double dx_skew_angle(const uint8_t *grey, int w, int h, int stride, double max_deg, int min_run,
                     double pitch) {
  if (w <= 0 || h <= 0) return 0;
  pitch = MAX(pitch, 1.0);
  /* a sample of the dark pixels, every second row and column: those of
   * long runs (a table's lines, the surest guide) when there are enough,
   * else all (text lines), of every row: every second row's would fill
   * every second row of the profile at no turn at all, twice as sharp
   * as at any other angle, which outweighs a page's text lines */
  GArray *xs = g_array_new(FALSE, FALSE, sizeof(int)), *ys = g_array_new(FALSE, FALSE, sizeof(int));
  for (int y = 0; y < h; y += 2)
    sample_row(xs, ys, grey + (size_t)y * (size_t)stride, w, y, min_run);
  if (xs->len < (guint)(2 * w)) {
    g_array_set_size(xs, 0);
    g_array_set_size(ys, 0);
    for (int y = 0; y < h; y++) sample_row(xs, ys, grey + (size_t)y * (size_t)stride, w, y, 1);
  }
  double best = 0;
  if (xs->len > 100) {
    double max = max_deg * G_PI / 180;
    int pad = (int)(tan(max) * w) + 2;
    double *rows = g_new(double, (size_t)(h + 2 * pad) + 1);
    double best_s = -1;
    /* coarse, then fine around the best */
    for (int pass = 0; pass < 2; pass++) {
      double lo = pass ? best - 0.1 * G_PI / 180 : -max;
      double step = pass ? 0.01 * G_PI / 180 : 0.1 * G_PI / 180;
      int steps = pass ? 20 : (int)lround(2 * max / step);
      for (int k = 0; k <= steps; k++) {
        double a = lo + k * step;
        if (fabs(a) > max + 1e-12) continue; /* rows has room for +-max only */
        double s = profile((int *)(void *)xs->data, (int *)(void *)ys->data, xs->len, h, w, a,
                           pitch, rows);
        if (s > best_s) {
          best_s = s;
          best = a;
        }
      }
    }
    g_free(rows);
  }
  g_array_free(xs, TRUE);
  g_array_free(ys, TRUE);
  return best;
}

uint8_t *dx_rotate_grey(const uint8_t *grey, int w, int h, int stride, double angle) {
  uint8_t *out = g_malloc((size_t)w * (size_t)h);
  double c = cos(angle), s = sin(angle), cx = w / 2.0, cy = h / 2.0;
  for (int y = 0; y < h; y++) {
    uint8_t *o = out + (size_t)y * (size_t)w;
    double dy = y - cy;
    for (int x = 0; x < w; x++) {
      /* the source point of (x, y): turned by angle about the centre */
      double dx = x - cx;
      double fx = cx + dx * c - dy * s, fy = cy + dx * s + dy * c;
      int ix = (int)floor(fx), iy = (int)floor(fy);
      if (ix < 0 || iy < 0 || ix + 1 >= w || iy + 1 >= h) {
        o[x] = 255;
        continue;
      }
      double ax = fx - ix, ay = fy - iy;
      const uint8_t *p = grey + (size_t)iy * (size_t)stride + (size_t)ix;
      double v = (p[0] * (1 - ax) + p[1] * ax) * (1 - ay) +
                 (p[stride] * (1 - ax) + p[stride + 1] * ax) * ay;
      o[x] = (uint8_t)(v + 0.5);
    }
  }
  return out;
}
