/* seal.c — round seals stamped on a scanned page.
 *
 * A unit's seal (公章) is a ring 30-50 mm across, 1-1.5 mm thick, with
 * the unit's name along the inside and a star in the middle, stamped in
 * red over the 填报单位（盖章） line, a signature or the table itself. A
 * colour scan's red is dropped when the page is rendered (pdf.c); a grey
 * scan keeps the seal as mid-grey ink, and its ring then reads as table
 * borders (its left and right sides are near-vertical runs longer than
 * a character) and its text as garbage characters glued to the form's.
 *
 * Finding: the page is shrunk to blocks of about 2 pt (block means, so
 * a hairline all but vanishes while a seal's ring stays dark); a circle
 * of a seal's radius whose samples are nearly all dark, with paper
 * mostly right outside it, is a ring. Measuring: rays from the centre
 * at full resolution give the ring's inner and outer edges and its ink.
 * Masking: pixels of the ring's band as light as the seal's ink or
 * lighter become paper; a character's darker ink crossing the ring
 * stays. What remains of the seal inside the ring (its text, its star)
 * is left to pdf.c, which drops OCR characters whose darkest ink is no
 * darker than the seal's.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Block size (points) of the shrunk page the rings are looked for on. */
#define BLOCK_PT 2.0
/* Block mean below which a block is dark: a ring 3-4 pt thick keeps its
 * blocks at 100-180; a 0.5 pt hairline's blocks stay near 230. */
#define BLOCK_DARK 205
/* Seal diameters looked for, in millimetres: official round seals are
 * 38-45 mm, a department's or a finance seal 30-42 mm. */
#define MIN_DIAMETER_MM 28.0
#define MAX_DIAMETER_MM 52.0
/* Samples around a candidate circle, the share of them that must be
 * dark, and the share of a circle just outside that must be paper (a
 * ring has paper or sparse text around it; a block of text or a filled
 * area is dark on both sides). */
#define SAMPLES 96
#define RING_DARK 0.9
/* On the full raster: the share of rays whose dark run lies within
 * RING_TOL_PT of the fitted circle (the others' runs merged with text
 * beside the ring), the share of rays with ink where the circle crosses
 * them, and a seal's stroke thickness. */
#define RING_FIT 0.5
#define RING_ON 0.9
#define RING_TOL_PT 0.7
#define MIN_THICK_PT 1.5
#define MAX_THICK_PT 6.0
/* Candidates tried and found no ring before giving up on a page. */
#define MAX_TRIES 8
#define OUTSIDE_PAPER 0.55
/* Grey levels below the seal's own ink that a pixel of its band must
 * reach to be a character's ink over it rather than the seal's. */
#define INK_MARGIN 25
/* Grey levels above the seal's ink still taken for its ink inside the
 * ring (uneven stamping); lighter is a hairline or a blurred edge. */
#define INK_SPREAD 45
/* Margin (points) masked on both sides of the ring's measured stroke:
 * the fit's error and the blur's fringe. */
#define RING_EDGE_PT 1.2
/* Distance (points) from a character's ink within which the seal's
 * pixels are kept: the stroke's own blurred edges. */
#define KEEP_PT 0.6
/* Paper: lighter than this is not ink at all. */
#define PAPER 200

static double cos_t[SAMPLES], sin_t[SAMPLES];

static void init_tables(void) {
  if (cos_t[0] != 0) return;
  for (int i = 0; i < SAMPLES; i++) {
    cos_t[i] = cos(2 * G_PI * i / SAMPLES);
    sin_t[i] = sin(2 * G_PI * i / SAMPLES);
  }
}

/* Block means of grey over f x f blocks: 1 dark, 0 not. */
static uint8_t *shrink(const uint8_t *grey, int w, int h, int stride, int f, int *sw, int *sh) {
  *sw = w / f;
  *sh = h / f;
  uint8_t *s = g_malloc0((size_t)*sw * (size_t)*sh + 1);
  for (int by = 0; by < *sh; by++)
    for (int bx = 0; bx < *sw; bx++) {
      unsigned sum = 0;
      for (int y = by * f; y < (by + 1) * f; y++) {
        const uint8_t *row = grey + (size_t)y * (size_t)stride + (size_t)bx * (size_t)f;
        for (int x = 0; x < f; x++) sum += row[x];
      }
      s[(size_t)by * (size_t)*sw + (size_t)bx] = sum / (unsigned)(f * f) < BLOCK_DARK;
    }
  return s;
}

/* The dark mask grown by one block: a ring's samples land within a block
 * of its stroke even when the radius or centre is a block off. */
static uint8_t *grow(const uint8_t *s, int sw, int sh) {
  uint8_t *d = g_malloc0((size_t)sw * (size_t)sh + 1);
  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++) {
      bool any = false;
      for (int dy = -1; dy <= 1 && !any; dy++)
        for (int dx = -1; dx <= 1 && !any; dx++) {
          int yy = y + dy, xx = x + dx;
          any = yy >= 0 && yy < sh && xx >= 0 && xx < sw && s[(size_t)yy * (size_t)sw + (size_t)xx];
        }
      d[(size_t)y * (size_t)sw + (size_t)x] = any;
    }
  return d;
}

/* Share of SAMPLES points on the circle (cx, cy, r) where m is set, or
 * -1 as soon as more than (1 - need) of them have missed. Points off the
 * raster miss. */
static double on_circle(const uint8_t *m, int sw, int sh, int cx, int cy, double r, double need) {
  int hits = 0, misses = 0, allowed = (int)((1 - need) * SAMPLES);
  /* every 8th point first: most candidates fail there */
  for (int pass = 0; pass < 8; pass++)
    for (int i = pass; i < SAMPLES; i += 8) {
      int x = (int)lround(cx + r * cos_t[i]), y = (int)lround(cy + r * sin_t[i]);
      if (x >= 0 && x < sw && y >= 0 && y < sh && m[(size_t)y * (size_t)sw + (size_t)x])
        hits++;
      else if (++misses > allowed)
        return -1;
    }
  return (double)hits / SAMPLES;
}

static int u8_cmp(const void *a, const void *b) {
  return (int)*(const uint8_t *)a - (int)*(const uint8_t *)b;
}

static int double_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The circle through points (x[i], y[i]) (least squares on x^2 + y^2 +
 * Dx + Ey + F = 0): centre and radius, false when degenerate. */
static bool fit_circle(const double *x, const double *y, int n, double *cx, double *cy, double *r) {
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sz = 0, sxz = 0, syz = 0;
  for (int i = 0; i < n; i++) {
    double z = x[i] * x[i] + y[i] * y[i];
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
    sz += z;
    sxz += x[i] * z;
    syz += y[i] * z;
  }
  /* normal equations [sxx sxy sx; sxy syy sy; sx sy n] (D E F) = -(sxz syz sz) */
  double m[3][4] = {{sxx, sxy, sx, -sxz}, {sxy, syy, sy, -syz}, {sx, sy, n, -sz}};
  for (int c = 0; c < 3; c++) {
    int p = c;
    for (int k = c + 1; k < 3; k++)
      if (fabs(m[k][c]) > fabs(m[p][c])) p = k;
    if (fabs(m[p][c]) < 1e-9) return false;
    for (int k = 0; k < 4; k++) {
      double t = m[c][k];
      m[c][k] = m[p][k];
      m[p][k] = t;
    }
    for (int k = 0; k < 3; k++) {
      if (k == c) continue;
      double f = m[k][c] / m[c][c];
      for (int j = c; j < 4; j++) m[k][j] -= f * m[c][j];
    }
  }
  double D = m[0][3] / m[0][0], E = m[1][3] / m[1][1], F = m[2][3] / m[2][2];
  *cx = -D / 2;
  *cy = -E / 2;
  double rr = *cx * *cx + *cy * *cy - F;
  if (rr <= 0) return false;
  *r = sqrt(rr);
  return true;
}

/* The ring near the circle (cx, cy, r) found on the shrunk page, on the
 * full raster: along each ray the dark run nearest r; a circle fitted
 * through the runs' middles, and again through those within `tol`
 * pixels of it; a ring when many runs lie on it, it has ink nearly all
 * the way round, and the runs are about as thick as a seal's stroke (a
 * circle through a block of text or a table meets runs at every
 * distance, of every thickness, and paper between them). */
static bool measure(dx_seal *s, const uint8_t *grey, int w, int h, int stride, double cx, double cy,
                    double r, double slack, double tol, double min_thick, double max_thick) {
  double mx[SAMPLES], my[SAMPLES], thick[SAMPLES];
  int n = 0;
  for (int i = 0; i < SAMPLES; i++) {
    double best_in = 0, best_out = 0, best_d = slack + 1;
    int run0 = -1;
    for (int k = (int)(r - slack); k <= (int)(r + slack) + 1; k++) {
      int x = (int)lround(cx + k * cos_t[i]), y = (int)lround(cy + k * sin_t[i]);
      bool dark = k <= (int)(r + slack) && x >= 0 && x < w && y >= 0 && y < h &&
                  grey[(size_t)y * (size_t)stride + (size_t)x] < PAPER;
      if (dark && run0 < 0) run0 = k;
      if (!dark && run0 >= 0) {
        double mid = (run0 + k - 1) / 2.0;
        if (fabs(mid - r) < best_d) {
          best_d = fabs(mid - r);
          best_in = run0;
          best_out = k - 1;
        }
        run0 = -1;
      }
    }
    if (best_d > slack) continue;
    double mid = (best_in + best_out) / 2;
    mx[n] = cx + mid * cos_t[i];
    my[n] = cy + mid * sin_t[i];
    thick[n] = best_out - best_in + 1;
    n++;
  }
  double fx, fy, fr;
  if (n < SAMPLES / 2 || !fit_circle(mx, my, n, &fx, &fy, &fr)) return false;
  /* again through the runs on the circle: a run merged with a line of
   * text beside the ring has its middle off it */
  int on = 0;
  double t_on[SAMPLES];
  for (int i = 0; i < n; i++)
    if (fabs(hypot(mx[i] - fx, my[i] - fy) - fr) <= tol) {
      mx[on] = mx[i];
      my[on] = my[i];
      t_on[on++] = thick[i];
    }
  if (on < SAMPLES * RING_FIT || !fit_circle(mx, my, on, &fx, &fy, &fr)) return false;
  /* a ring is ink all the way round (where text crosses it too) */
  int inked = 0;
  uint8_t i_on[SAMPLES];
  for (int i = 0; i < SAMPLES; i++) {
    int x = (int)lround(fx + fr * cos_t[i]), y = (int)lround(fy + fr * sin_t[i]);
    if (x < 0 || x >= w || y < 0 || y >= h) continue;
    uint8_t v = grey[(size_t)y * (size_t)stride + (size_t)x];
    if (v < PAPER) i_on[inked++] = v;
  }
  if (inked < SAMPLES * RING_ON) return false;
  qsort(t_on, (size_t)on, sizeof *t_on, double_cmp);
  qsort(i_on, (size_t)inked, 1, u8_cmp);
  double t = t_on[on / 2];
  if (t < min_thick || t > max_thick) return false;
  s->cx = (float)fx;
  s->cy = (float)fy;
  s->r_in = (float)(fr - t / 2);
  s->r_out = (float)(fr + t / 2);
  s->ink = i_on[inked / 2];
  return true;
}

/* A circle on the shrunk page that may be a ring. */
typedef struct cand {
  int x, y, r;
  double score; /* share of its samples on dark blocks */
  bool tried;
} cand;

/* Best score first; then top to bottom, left to right (deterministic). */
static gint cand_cmp(gconstpointer a, gconstpointer b) {
  const cand *p = a, *q = b;
  if (p->score != q->score) return p->score > q->score ? -1 : 1;
  if (p->y != q->y) return p->y - q->y;
  return p->x - q->x;
}

size_t dx_find_seals(dx_seal *out, size_t max, const uint8_t *grey, int w, int h, int stride,
                     double scale) {
  init_tables();
  int f = (int)lround(BLOCK_PT * scale);
  if (f < 1) f = 1;
  int sw, sh;
  uint8_t *dark = shrink(grey, w, h, stride, f, &sw, &sh);
  uint8_t *near = grow(dark, sw, sh);
  double pt_per_mm = 72 / 25.4;
  int rmin = (int)floor(MIN_DIAMETER_MM / 2 * pt_per_mm / BLOCK_PT);
  int rmax = (int)ceil(MAX_DIAMETER_MM / 2 * pt_per_mm / BLOCK_PT);
  /* every centre's best circle that passes */
  GArray *cands = g_array_new(FALSE, FALSE, sizeof(cand));
  for (int cy = rmin; cy < sh - rmin; cy++)
    for (int cx = rmin; cx < sw - rmin; cx++) {
      cand best = {.score = 0};
      for (int r = rmin; r <= rmax; r++) {
        double on = on_circle(near, sw, sh, cx, cy, r, RING_DARK);
        if (on <= best.score) continue;
        /* paper right outside the ring (2 blocks past its stroke) */
        int outside = 0;
        for (int i = 0; i < SAMPLES; i++) {
          int x = (int)lround(cx + (r + 2) * cos_t[i]), y = (int)lround(cy + (r + 2) * sin_t[i]);
          outside +=
              x >= 0 && x < sw && y >= 0 && y < sh && !dark[(size_t)y * (size_t)sw + (size_t)x];
        }
        if (outside < OUTSIDE_PAPER * SAMPLES) continue;
        best = (cand){.x = cx, .y = cy, .r = r, .score = on};
      }
      if (best.score > 0) g_array_append_val(cands, best);
    }
  g_array_sort(cands, cand_cmp);
  /* the best first; a candidate beside one tried is the same circle */
  size_t n = 0;
  int tries = 0;
  for (guint i = 0; i < cands->len && n < max && tries < MAX_TRIES; i++) {
    cand *c = &g_array_index(cands, cand, i);
    bool seen = false;
    for (guint k = 0; k < i && !seen; k++) {
      const cand *o = &g_array_index(cands, cand, k);
      seen = o->tried && hypot(c->x - o->x, c->y - o->y) < o->r;
    }
    if (seen) continue;
    c->tried = true;
    tries++;
    if (measure(&out[n], grey, w, h, stride, (c->x + 0.5) * f, (c->y + 0.5) * f, (c->r + 0.5) * f,
                1.5 * f, RING_TOL_PT * scale, MIN_THICK_PT * scale, MAX_THICK_PT * scale))
      n++;
  }
  g_array_free(cands, TRUE);
  g_free(dark);
  g_free(near);
  return n;
}

void dx_mask_seal(uint8_t *grey, int w, int h, int stride, const dx_seal *s, double scale) {
  int cut = s->ink > INK_MARGIN ? s->ink - INK_MARGIN : 0;
  double lo = s->r_in - RING_EDGE_PT * scale, hi = s->r_out + RING_EDGE_PT * scale;
  int x0 = MAX((int)floor(s->cx - hi), 0), x1 = MIN((int)ceil(s->cx + hi), w - 1);
  int y0 = MAX((int)floor(s->cy - hi), 0), y1 = MIN((int)ceil(s->cy + hi), h - 1);
  if (x1 < x0 || y1 < y0) return;
  int bw = x1 - x0 + 1, bh = y1 - y0 + 1, reach = (int)lround(KEEP_PT * scale);
  /* pixels near a character's ink (darker than the seal's): a stroke's
   * blurred edges, kept with it */
  uint8_t *keep = g_malloc0((size_t)bw * (size_t)bh);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++) {
      if (grey[(size_t)y * (size_t)stride + (size_t)x] >= cut) continue;
      for (int yy = MAX(y - reach, y0); yy <= MIN(y + reach, y1); yy++)
        memset(keep + (size_t)(yy - y0) * (size_t)bw + (size_t)MAX(x - reach - x0, 0), 1,
               (size_t)(MIN(x + reach, x1) - MAX(x - reach, x0) + 1));
    }
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++) {
      double d = hypot(x - s->cx, y - s->cy);
      uint8_t *p = grey + (size_t)y * (size_t)stride + (size_t)x;
      /* the ring: its ink and its blurred edges (a character crossing
       * it keeps its darker core: the ring beside it would read as a
       * border); inside it (the seal's text and star): ink of about the
       * seal's grey and not at a character's edge, so that a lighter
       * hairline border under the seal stays */
      if (d > hi || *p < cut) continue;
      if (d >= lo ||
          (*p <= s->ink + INK_SPREAD && !keep[(size_t)(y - y0) * (size_t)bw + (size_t)(x - x0)]))
        *p = 255;
    }
  g_free(keep);
}

bool dx_seal_ink(const dx_seal *s, const uint8_t *grey, int w, int h, int stride,
                 const int box[4]) {
  /* the darkest tenth of the box's ink */
  size_t hist[256] = {0}, inked = 0;
  for (int y = box[1] < 0 ? 0 : box[1]; y < box[3] && y < h; y++)
    for (int x = box[0] < 0 ? 0 : box[0]; x < box[2] && x < w; x++) {
      uint8_t v = grey[(size_t)y * (size_t)stride + (size_t)x];
      if (v < PAPER) {
        hist[v]++;
        inked++;
      }
    }
  if (!inked) return false;
  size_t seen = 0;
  int v = 0;
  for (; v < 256; v++)
    if ((seen += hist[v]) * 10 >= inked) break;
  return v >= s->ink - INK_MARGIN;
}
