/* scan.c — ruling lines and skew of scanned pages, with Leptonica.
 *
 * A scanner does not leave a table's borders as the crisp dark runs
 * lines.c looks for in a rendered page: a 0.5 pt hairline (one pixel at
 * 200 dpi, ~128 grey) blurred by the optics comes out 150-180 grey, a
 * faint scan lightens it further, JPEG and noise break it, a 1-bit scan
 * drops pieces of it, and paper that was not flat bends it by a pixel or
 * two over a page. So rules are found in grey, by their shape rather
 * than by a fixed darkness:
 *
 *   1. ink = black top-hat across the line (closing minus image, with a
 *      structuring element longer than the thickest rule): how much
 *      darker a pixel is than the paper or the fill around it. Uneven
 *      light and cell shading (flat areas wider than a rule) drop out;
 *      a border over shading stays, by its contrast with the shading.
 *   2. a max over 3 pixels across the line: a rule that drifts a pixel
 *      up or down along its length still has ink in every column.
 *   3. a closing along the line: bridges the gaps blur, JPEG and
 *      thresholding leave.
 *   4. an opening along the line, MIN_RULE_PT long: only runs longer
 *      than a character's strokes keep their ink; noise specks, text and
 *      short strokes go.
 *   5. pixels with enough ink left are the rules' pixels; their
 *      connected components, long and thin, are the rules.
 *   6. a candidate with ink right beside it, along much of its length,
 *      is a run of characters' strokes that the blur joined: a border
 *      has a cell's padding on at least one side.
 *
 * Skew stays lines.c's (dx_skew_angle): on the degraded scans it was
 * measured on it was within 0.04 degree everywhere, where Leptonica's
 * pixFindSkewSweepAndSearch on a Sauvola binarization gave up at 3
 * degrees and on a page with heavy noise.
 */
#include "extract_int.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <string.h>

/* Shortest rule (points): longer than a character's strokes at the
 * usual 9-12 pt (a 一 is about an em) — pdf.c's OCR_MIN_RULE_PT. */
#define MIN_RULE_PT 13.0
/* Thickest rule (points), as lines.c: Word's thickest border is 6 pt. */
#define MAX_RULE_PT 6.5
/* Gap (points) bridged inside a rule: blur, JPEG and a 1-bit scan's
 * thresholding break a hairline into pieces this far apart. On a coarse
 * scan (a fax, each of its rows two raster rows or more) wider: a dotted
 * 1 px border keeps, where it straddles two of the fax's rows, dots one
 * fax pixel wide and three apart (1.06 pt at 204 dpi: at 0.8 pt such
 * borders came out in pieces with gaps of 40-130 pt). On sharper scans
 * 1.2 pt joined a copier's specks and text to rules (copier, 28 facts
 * lost). */
#define GAP_PT 0.8
#define COARSE_GAP_PT 1.2
/* A dashed or dash-dotted border (a word processor's border style) has
 * gaps far wider than GAP_PT: LibreOffice's dash-dot at 240 dpi leaves
 * dashes of 8.7 pt and dots of 2 pt, 2.7-3 pt apart. Runs joined
 * across gaps up to DASH_GAP_PT are a dashed rule when they are made of
 * DASH_MIN_PIECES pieces or more, each gap at most DASH_GAP_PT, ink
 * along DASH_MIN_INK to DASH_MAX_INK of the length (a solid rule is
 * found without the wide gap; text has its characters' other strokes
 * beside it, which `beside` tells). On a coarse scan (a fax) the
 * pieces are the dots of a dotted border joined across COARSE_GAP_PT:
 * where the threshold lost dots it is left in DOT_MIN_PIECES pieces or
 * more, with gaps up to DOT_GAP_PT and ink along DOT_MIN_INK of it and
 * more (fax20's borders: gaps 1.7 pt, ink 0.89-0.90; its 三级指标 |
 * 指标值 border over three rows, 29 facts). A fax's text, its strokes
 * broken by the threshold, joins into runs with gaps of 2.3-3.5 pt and
 * ink 0.46-0.71 (with DASH_GAP_PT and DASH_MIN_INK, fax60 126 -> 18
 * facts, side-by-side funds 141 -> 120, fax80 1975 -> 1943). */
#define DASH_GAP_PT 3.5
#define DASH_MIN_PIECES 5
/* On a coarse scan a dash-dot border is left in dashes and dots joined
 * with gaps up to DASH_GAP_PT, ink along 0.65-0.82 of it (a 1-bit fax of
 * LibreOffice's dash-dot: its dots one fax row high): not a dotted
 * border's DOT_MIN_INK, but a dashed one of DASH_MIN_PIECES pieces or
 * more with ink along COARSE_DASH_MIN_INK of it (a fax's text joined
 * into runs, 0.46-0.71, is told by the ink beside it, as on sharper
 * scans). */
#define COARSE_DASH_MIN_INK 0.6
#define DOT_MIN_PIECES 2
#define DOT_GAP_PT 2.0
#define DOT_MIN_INK 0.8
#define DASH_MIN_INK 0.4
#define DASH_MAX_INK 0.92
/* A dashed run with ink right beside it on one side along more than this
 * share of it is the bottom or top strokes of a line of characters
 * joined across their gaps (0.32-0.57 on the corpus's scans; dashed
 * borders 0.00-0.03). */
#define DASH_ONE_SIDE 0.15
/* ... and one of its pieces (a dash) at least this long (points): a row
 * of a 1-bit scan's noise specks is no dashed rule. */
#define DASH_MIN_PT 3.0
/* ... and at most this thick (points, its stroke across, run_thickness):
 * a style's dashes are thin; a run of a 1-bit scan's specks and strokes
 * joined is as thick as a line of text (23-25 px at 200 dpi, 8-9 pt).
 * The dash-dot borders of a grey scan are 5-7 px at 240 dpi, of a phone
 * photo (165 dpi on the sheet, lens blur) flattened to 250 dpi 7-10 px
 * (2-2.9 pt; photo 22 -> 146 facts with the stroke measured). */
#define DASH_MAX_PT 3.0
/* ... and found solid along less than this share of it */
#define DASH_MAX_SOLID 0.3
/* Pixels a rule's line may drift across its length within one
 * MIN_RULE_PT window (a slightly bent page, a skew left over). */
#define DRIFT_PX 1
/* Ink (grey levels darker than the paper around it) of a rule's pixels
 * after the opening: a hairline on a faint scan keeps ~40, noise left
 * after the opening ~10. */
#define MIN_INK 24
/* Ink specks up to this size (points) are noise, not a character's. */
#define SPECK_PT 1.0

static PIX *to_pix(const uint8_t *grey, int w, int h, int stride) {
  PIX *p = pixCreateNoInit(w, h, 8);
  if (!p) return NULL;
  l_uint32 *data = pixGetData(p);
  int wpl = pixGetWpl(p);
  for (int y = 0; y < h; y++) {
    const uint8_t *row = grey + (size_t)y * (size_t)stride;
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    for (int x = 0; x < w; x++) SET_DATA_BYTE(line, x, row[x]);
  }
  return p;
}

static int odd(double v) {
  int n = (int)lround(v);
  return n < 1 ? 1 : n | 1;
}

/* Share of a candidate's length (box bx, by, bw, bh in `band`, the
 * rules' mask) with ink (`ink`, the page's ink mask) right beside it on
 * each side: within SIDE_PX pixels past the band, found column by column
 * so that a rule that drifts is followed. A character's stroke, or
 * strokes of a line of characters run together, has the rest of the
 * characters right above or below it; a border has the paper of a
 * cell's padding on both sides, but where a rule crosses it (positions
 * `skip` says, when not NULL, are not looked at). */
#define SIDE_PX 3
/* A candidate with ink right beside it along more than BOTH_SIDES of its
 * length on both sides, or ONE_SIDE on one, is text. Measured on scans
 * of the corpus's forms: borders have < 3 % on their clean side and up to
 * 31 % on the other (tight cells), runs of characters' strokes mostly
 * 40-95 % on both. */
#define BOTH_SIDES 0.08
#define ONE_SIDE 0.6
/* ... the one-sided test only for runs shorter than this (points): a
 * long border at the page's edge may have the scan's dark edge beside it */
#define ONE_SIDE_PT 40.0
static void beside(PIX *band, PIX *ink, PIX *grey_ink, int bx, int by, int bw, int bh,
                   bool vertical, const bool *skip, double *lo, double *hi, double *centre) {
  int n = vertical ? bh : bw, nlo = 0, nhi = 0, cols = 0;
  double sw = 0, swp = 0;
  int W = (int)pixGetWidth(ink), H = (int)pixGetHeight(ink);
  for (int k = 0; k < n; k++) {
    if (skip && skip[k]) continue;
    /* the band's extent across the line at this position */
    int first = -1, last = -1, across = vertical ? bw : bh;
    for (int j = 0; j < across; j++) {
      l_uint32 v = 0;
      if (vertical)
        pixGetPixel(band, (l_uint32)(bx + j), (l_uint32)(by + k), &v);
      else
        pixGetPixel(band, (l_uint32)(bx + k), (l_uint32)(by + j), &v);
      if (v) {
        if (first < 0) first = j;
        last = j;
        l_uint32 u = 0;
        if (vertical)
          pixGetPixel(grey_ink, (l_uint32)(bx + j), (l_uint32)(by + k), &u);
        else
          pixGetPixel(grey_ink, (l_uint32)(bx + k), (l_uint32)(by + j), &u);
        sw += u;
        swp += u * (j + 0.5);
      }
    }
    if (first < 0) continue;
    cols++;
    bool a = false, b = false;
    for (int d = 1; d <= SIDE_PX; d++) {
      int j0 = first - d, j1 = last + d;
      l_uint32 v;
      int x0 = vertical ? bx + j0 : bx + k, y0 = vertical ? by + k : by + j0;
      int x1 = vertical ? bx + j1 : bx + k, y1 = vertical ? by + k : by + j1;
      if (x0 >= 0 && y0 >= 0 && x0 < W && y0 < H &&
          !pixGetPixel(ink, (l_uint32)x0, (l_uint32)y0, &v) && v)
        a = true;
      if (x1 >= 0 && y1 >= 0 && x1 < W && y1 < H &&
          !pixGetPixel(ink, (l_uint32)x1, (l_uint32)y1, &v) && v)
        b = true;
    }
    nlo += a;
    nhi += b;
  }
  *lo = cols ? (double)nlo / cols : 0;
  *hi = cols ? (double)nhi / cols : 0;
  *centre = (vertical ? bx : by) + (sw > 0 ? swp / sw : (vertical ? bw : bh) / 2.0);
}

/* Whether the run in box (bx, by, bw, bh) of a mask joined across
 * DASH_GAP_PT gaps is a dashed rule: `pieces` (the ink before the
 * joining) along it in DASH_MIN_PIECES or more pieces with gaps of at
 * most `gap` pixels and ink along DASH_MIN_INK..DASH_MAX_INK of it, and
 * little of it a rule found solid (`solid`). */
static bool dashed_run(PIX *pieces, PIX *solid, int bx, int by, int bw, int bh, bool vertical,
                       int gap, int dash, int min_pieces, double min_ink) {
  int n = vertical ? bh : bw, across = vertical ? bw : bh;
  int inked = 0, found = 0, npieces = 0, widest = 0, last = -1, piece = 0, longest = 0;
  for (int k = 0; k < n; k++) {
    bool any = false, was = false;
    for (int j = 0; j < across && !(any && was); j++) {
      l_uint32 x = (l_uint32)(vertical ? bx + j : bx + k),
               y = (l_uint32)(vertical ? by + k : by + j);
      l_uint32 v = 0, u = 0;
      if (!any && !pixGetPixel(pieces, x, y, &v) && v) any = true;
      if (!was && !pixGetPixel(solid, x, y, &u) && u) was = true;
    }
    found += was;
    if (!any) continue;
    inked++;
    if (last < 0 || last != k - 1) {
      npieces++;
      piece = 0;
    }
    piece++;
    longest = MAX(longest, piece);
    if (last >= 0) widest = MAX(widest, k - last - 1);
    last = k;
  }
  double share = n ? (double)inked / n : 0;
  return npieces >= min_pieces && widest <= gap && longest >= dash && share >= min_ink &&
         share <= DASH_MAX_INK && found < DASH_MAX_SOLID * n;
}

/* The positions along the run in box (bx, by, bw, bh) within
 * CROSSING_PT of a rule across it found before (out from `first`), or
 * NULL when none is; at each of them in `mid` (when not NULL, n ints)
 * the position of that rule, which may lie before or past the run. */
#define CROSSING_PT 2.0
static bool *crossings(const GArray *out, guint first, bool vertical, int bx, int by, int bw,
                       int bh, double scale, int *mid) {
  int n = vertical ? bh : bw;
  if (n <= 0) return NULL;
  float pos = (float)((vertical ? bx + bw / 2.0 : by + bh / 2.0) / scale);
  float a = (float)((vertical ? by : bx) / scale);
  bool *skip = NULL;
  for (guint i = first; i < out->len; i++) {
    const dx_rule *r = &g_array_index(out, dx_rule, i);
    if ((r->x0 == r->x1) == vertical) continue;
    float at = vertical ? r->y0 : r->x0, lo = vertical ? r->x0 : r->y0,
          hi = vertical ? r->x1 : r->y1;
    if (pos < MIN(lo, hi) - CROSSING_PT || pos > MAX(lo, hi) + CROSSING_PT) continue;
    float half = r->width / 2 + (float)CROSSING_PT;
    int k0 = MAX(0, (int)((at - half - a) * scale)),
        k1 = MIN(n, (int)((at + half - a) * scale) + 1);
    for (int k = k0; k < k1; k++) {
      if (!skip) skip = g_new0(bool, (size_t)n);
      skip[k] = true;
      if (mid) mid[k] = (int)lround((at - a) * scale);
    }
  }
  return skip;
}

static int int_cmp(const void *a, const void *b) {
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* The run's thickness in box (bx, by, bw, bh) of `band`: the median of
 * its extent across the line at each position along it. A long rule
 * that runs at a slant of a pixel or two (a photographed sheet
 * flattened, a skew not quite taken out) has a box taller than its
 * stroke by that much. */
static int run_thickness(PIX *band, int bx, int by, int bw, int bh, bool vertical) {
  int n = vertical ? bh : bw, across = vertical ? bw : bh, m = 0;
  int *ext = g_new(int, (size_t)MAX(n, 1));
  for (int k = 0; k < n; k++) {
    int first = -1, last = -1;
    for (int j = 0; j < across; j++) {
      l_uint32 v = 0;
      if (!pixGetPixel(band, (l_uint32)(vertical ? bx + j : bx + k),
                       (l_uint32)(vertical ? by + k : by + j), &v) &&
          v) {
        if (first < 0) first = j;
        last = j;
      }
    }
    if (first >= 0) ext[m++] = last - first + 1;
  }
  qsort(ext, (size_t)m, sizeof *ext, int_cmp);
  int t = m ? ext[m / 2] : across;
  g_free(ext);
  return t;
}

/* What take() judges candidates with: the runs' mask, the page's ink
 * (as a mask of characters and as grey), and for dashed candidates the
 * ink before joining, the solid rules and the rules across found so far
 * (out from `first`). */
typedef struct {
  GArray *out;
  PIX *band, *inked, *ink, *pieces, *solid;
  double scale;
  bool vertical;
  int gap;
  double min_ink;
  guint first;
} judge;

/* Whether the part of a candidate in box (bx, by, bw, bh) has paper
 * beside it as a rule has (a dashed one when j->pieces, judged stricter,
 * its stroke thin): where its ink is heaviest across the band in
 * *centre. */
static bool clear_sides(const judge *j, int bx, int by, int bw, int bh, double *centre) {
  bool v = j->vertical;
  int along = v ? bh : bw;
  double lo, hi;
  /* a dashed rule's crossings: a dash-dot rule across has its ink
   * beside it on both sides there, over its own width and more */
  bool *skip = j->pieces ? crossings(j->out, j->first, v, bx, by, bw, bh, j->scale, NULL) : NULL;
  beside(j->band, j->inked, j->ink, bx, by, bw, bh, v, skip, &lo, &hi, centre);
  g_free(skip);
  if (MIN(lo, hi) > BOTH_SIDES || (MAX(lo, hi) > ONE_SIDE && along < ONE_SIDE_PT * j->scale))
    return false;
  return !j->pieces ||
         (MAX(lo, hi) <= DASH_ONE_SIDE && run_thickness(j->band, bx, by, bw, bh, v) <=
                                              (int)(DASH_MAX_PT * j->scale + 0.5) + 2 * DRIFT_PX);
}

/* Appends the rule along [a, z) pixels of the line, at `centre` across,
 * `thick` pixels thick with the drift's widening. */
static void add_rule(const judge *j, int a, int z, double centre, int thick) {
  /* the drift widened the band by DRIFT_PX each side */
  int t = MAX(thick - 2 * DRIFT_PX, 1);
  float pos = (float)(centre / j->scale), fa = (float)(a / j->scale), fz = (float)(z / j->scale);
  float wt = (float)(t / j->scale);
  dx_rule r = j->vertical ? (dx_rule){pos, fa, pos, fz, wt} : (dx_rule){fa, pos, fz, pos, wt};
  g_array_append_val(j->out, r);
}

/* A dashed candidate (box bx, by, bw, bh) cut at the rules across it:
 * the join across DASH_GAP_PT gaps also runs a dashed border on into
 * the text of a cell it does not bound (a spanning cell's line under
 * it), and there ink beside it on both sides hides the border. Parts
 * between rules across are judged one by one: when the whole passed,
 * only its ends past the first and last rule across are dropped, where
 * text is on both sides of them; when it failed, the parts with paper
 * beside them and PART_MIN_PIECES dashes or more (a part is a cell's
 * side, too short for DASH_MIN_PIECES) are rules, runs of neighbouring
 * ones joined when MIN_RULE_PT long. Each rule ends at the middle of the
 * rule across. Returns whether there was a rule across. */
#define PART_MIN_PIECES 2
static bool cut_dashed(const judge *j, int bx, int by, int bw, int bh, int thick, bool passed) {
  bool v = j->vertical;
  int n = v ? bh : bw, base = v ? by : bx;
  int *mid = g_new(int, (size_t)n);
  bool *skip = crossings(j->out, j->first, v, bx, by, bw, bh, j->scale, mid);
  if (!skip) {
    g_free(mid);
    return false;
  }
  int min_len = (int)(MIN_RULE_PT * j->scale);
  /* the run of kept parts, from and to a middle (before or past the
   * candidate's ends where the rule across is) */
  bool open = false;
  int start = 0, end = 0;
  double sum = 0, wsum = 0; /* its centre across, weighed by length */
  int k = 0;
  while (k < n) {
    if (skip[k]) {
      k++;
      continue;
    }
    int k0 = k;
    while (k < n && !skip[k]) k++;
    /* the middles of the rules across before and after the part */
    int c0 = k0 > 0 ? mid[k0 - 1] : 0, c1 = k < n ? mid[k] : n;
    int sx = v ? bx : bx + k0, sy = v ? by + k0 : by, sw = v ? bw : k - k0, sh = v ? k - k0 : bh;
    double c = 0, lo = 0, hi = 0;
    bool keep;
    if (passed) {
      beside(j->band, j->inked, j->ink, sx, sy, sw, sh, v, NULL, &lo, &hi, &c);
      keep = (k0 > 0 && k < n) || MIN(lo, hi) <= BOTH_SIDES;
    } else {
      keep = dashed_run(j->pieces, j->solid, sx, sy, sw, sh, v, j->gap,
                        (int)(DASH_MIN_PT * j->scale), PART_MIN_PIECES, j->min_ink) &&
             clear_sides(j, sx, sy, sw, sh, &c);
    }
    if (!keep || !open || end != c0) {
      if (open && (passed || end - start >= min_len))
        add_rule(j, base + start, base + end, sum / wsum, thick);
      open = keep;
      start = c0;
      sum = wsum = 0;
    }
    if (keep) {
      end = c1;
      sum += c * (k - k0);
      wsum += k - k0;
    }
  }
  if (open && (passed || end - start >= min_len))
    add_rule(j, base + start, base + end, sum / wsum, thick);
  g_free(skip);
  g_free(mid);
  return true;
}

/* Candidates of `band` (a mask of runs along the line) that are rules,
 * appended to out; only dashed ones (dashed_run) when `pieces`. */
static void take(GArray *out, PIX *band, PIX *inked, PIX *ink, double scale, bool vertical,
                 PIX *pieces, PIX *solid, int gap, guint first, bool coarse) {
  int min_len = (int)(MIN_RULE_PT * scale);
  int max_thick = (int)(MAX_RULE_PT * scale + 0.5) + 2 * DRIFT_PX;
  double min_ink = coarse ? DOT_MIN_INK : DASH_MIN_INK;
  judge j = {out, band, inked, ink, pieces, solid, scale, vertical, gap, min_ink, first};
  BOXA *boxes = band ? pixConnCompBB(band, 8) : NULL;
  int n = boxes && inked ? boxaGetCount(boxes) : 0;
  for (int i = 0; i < n; i++) {
    l_int32 bx, by, bw, bh;
    if (boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh)) continue;
    int along = vertical ? bh : bw, thick = vertical ? bw : bh;
    if (along < min_len || thick > max_thick) continue;
    if (pieces &&
        !dashed_run(pieces, solid, bx, by, bw, bh, vertical, gap, (int)(DASH_MIN_PT * scale),
                    coarse ? DOT_MIN_PIECES : DASH_MIN_PIECES, min_ink) &&
        !(coarse && dashed_run(pieces, solid, bx, by, bw, bh, vertical, odd(DASH_GAP_PT * scale),
                               (int)(DASH_MIN_PT * scale), DASH_MIN_PIECES, COARSE_DASH_MIN_INK))) {
      /* a dashed cell's side one row long, too short for DASH_MIN_PIECES:
       * its part between the rules across it is judged as a long
       * one's part is; on a coarse scan as a dash-dot border's (a
       * dotted one's side one row long is found whole) */
      judge part = j;
      if (coarse) {
        part.gap = odd(DASH_GAP_PT * scale);
        part.min_ink = COARSE_DASH_MIN_INK;
      }
      cut_dashed(&part, bx, by, bw, bh, thick, false);
      continue;
    }
    double centre;
    bool passed = clear_sides(&j, bx, by, bw, bh, &centre);
    if (pieces && cut_dashed(&j, bx, by, bw, bh, thick, passed)) continue;
    if (passed) add_rule(&j, vertical ? by : bx, (vertical ? by : bx) + along, centre, thick);
  }
  boxaDestroy(&boxes);
}

/* The runs of `wide` (the ink mask widened across the line) at least
 * `len` long after joining across gaps of `gap` pixels; `closed`, when
 * not NULL, gets the mask joined. On a mask thresholded at MIN_INK the
 * binary closing and opening give what the grey ones give thresholded
 * after them (a flat line's max and min commute with a threshold), at a
 * fraction of the cost (fax15's 12 pages: the rules 9.9 -> 3.4 s). */
#define HV(a, b) (vertical ? (b) : (a)), (vertical ? (a) : (b))
static PIX *runs_mask(PIX *wide, int gap, int len, bool vertical, PIX **closed) {
  PIX *joined = wide ? pixCloseSafeBrick(NULL, wide, HV(gap, 1)) : NULL;
  PIX *runs = joined ? pixOpenBrick(NULL, joined, HV(len, 1)) : NULL;
  if (closed)
    *closed = joined;
  else
    pixDestroy(&joined);
  return runs;
}

/* Rules of one direction: horizontal ones when `vertical` is false. */
static void find(GArray *out, guint first, PIX *grey, double scale, bool vertical, bool coarse) {
  int len = odd(MIN_RULE_PT * scale), across = odd(2 * MAX_RULE_PT * scale + 3);
  int gap = odd((coarse ? COARSE_GAP_PT : GAP_PT) * scale), drift = 2 * DRIFT_PX + 1;
  int dash_gap = odd(DASH_GAP_PT * scale);
  /* sizes as (along, across) -> (h, v) */
  PIX *ink = pixTophat(grey, HV(1, across), L_TOPHAT_BLACK);
  /* pixThresholdToBinary sets what is below the threshold: little ink */
  PIX *paper = ink ? pixThresholdToBinary(ink, MIN_INK) : NULL;
  PIX *all = paper ? pixInvert(NULL, paper) : NULL;
  PIX *wide = all ? pixDilateBrick(NULL, all, HV(1, drift)) : NULL;
  PIX *closed = NULL;
  PIX *rules = runs_mask(wide, gap, len, vertical, coarse ? &closed : NULL);
  /* noise specks (dust, a noisy scanner's pepper) are not characters */
  int speck = (int)(SPECK_PT * scale) + 1;
  PIX *inked =
      all ? pixSelectBySize(all, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL) : NULL;
  take(out, rules, inked, ink, scale, vertical, NULL, NULL, 0, first, coarse);
  /* dashed borders: their pieces are the ink before any joining, on a
   * coarse scan a dotted border's dots joined */
  PIX *dashes = rules ? runs_mask(wide, dash_gap, len, vertical, NULL) : NULL;
  PIX *pieces = coarse ? closed : wide;
  if (dashes && pieces)
    take(out, dashes, inked, ink, scale, vertical, pieces, rules,
         coarse ? odd(DOT_GAP_PT * scale) : dash_gap, first, coarse);
  pixDestroy(&dashes);
  pixDestroy(&closed);
  pixDestroy(&inked);
  pixDestroy(&all);
  pixDestroy(&paper);
  pixDestroy(&rules);
  pixDestroy(&wide);
  pixDestroy(&ink);
}
#undef HV

void dx_scan_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale,
                   bool coarse) {
  if (!out || !grey || w <= 0 || h <= 0 || scale <= 0) return;
  PIX *p = to_pix(grey, w, h, stride);
  if (!p) return;
  /* the horizontal ones first: a dashed vertical's crossings are told by
   * the rules across it */
  guint first = out->len;
  find(out, first, p, scale, false, coarse);
  find(out, first, p, scale, true, coarse);
  pixDestroy(&p);
}

/* ---- photographed pages ------------------------------------------------ */

/* Longest side (pixels) of the shrunk image the sheet's edges are found
 * on. */
#define OUTLINE_PX 400
/* An edge of the sheet: a step up from the desk to the paper of at least
 * EDGE_STEP grey levels (over 3 shrunk pixels each side) within the
 * outer EDGE_ZONE of the image, on at least EDGE_ROWS of the rows (or
 * columns) looked at, the steps on one line (EDGE_FIT shrunk pixels),
 * and what lies outside it darker than the paper inside it (DESK_DARK of
 * it): a table's outer border has paper on both sides. */
#define EDGE_STEP 24
#define EDGE_ZONE 0.3
#define EDGE_ROWS 0.5
#define EDGE_FIT 2.0
#define DESK_DARK 0.8
/* The sheet covers at least this share of the photo, and its corners'
 * angles are within this many degrees of a right angle. */
#define MIN_SHEET 0.3
#define MAX_CORNER_DEG 20.0
/* Background normalization of a flattened photo: tiles (pixels) whose
 * paper (pixels lighter than BG_MIN) sets the light there, and the grey
 * the paper is brought to. */
#define BG_TILE_PX 16
#define BG_MIN 90
#define BG_PAPER 250

/* Paper levels over a page: tiles of LEVEL_TILE_PX, each one's paper the
 * grey LEVEL_PAPER_SHARE of its pixels are darker than (text, rules
 * and a shaded cell leave paper in any tile that size); the page is
 * uneven when the tiles' paper at the LEVEL_SPREAD_LO and _HI shares of
 * them differs by LEVEL_UNEVEN levels or more. A clean scan's paper
 * varies by 0-1 levels, a copy with toner fog by 15. */
#define LEVEL_TILE_PX 64
#define LEVEL_PAPER_SHARE 0.9
#define LEVEL_SPREAD_LO 0.1
#define LEVEL_SPREAD_HI 0.9
#define LEVEL_UNEVEN 8

static int tile_paper(const uint8_t *grey, int stride, int x0, int y0, int tw, int th) {
  unsigned hist[256] = {0};
  for (int y = y0; y < y0 + th; y++)
    for (int x = x0; x < x0 + tw; x++) hist[grey[(size_t)y * (size_t)stride + (size_t)x]]++;
  unsigned want = (unsigned)(LEVEL_PAPER_SHARE * tw * th), seen = 0;
  int v = 0;
  while (v < 255 && (seen += hist[v]) < want) v++;
  return v;
}

/* pix (w x h, 8 bit; NULL: none) with its paper brought to one level
 * (Leptonica's background normalization: the light of each small tile's
 * paper, smoothed) into grey. False: nothing written. */
static bool even_light(PIX *pix, uint8_t *grey, int w, int h, int stride) {
  PIX *out = pix ? pixBackgroundNorm(pix, NULL, NULL, BG_TILE_PX, BG_TILE_PX, BG_MIN,
                                     BG_TILE_PX * BG_TILE_PX / 3, BG_PAPER, 2, 2)
                 : NULL;
  bool flat = out && pixGetWidth(out) == w && pixGetHeight(out) == h && pixGetDepth(out) == 8;
  if (flat) {
    l_uint32 *data = pixGetData(out);
    int wpl = pixGetWpl(out);
    for (int y = 0; y < h; y++) {
      l_uint32 *line = data + (size_t)y * (size_t)wpl;
      uint8_t *row = grey + (size_t)y * (size_t)stride;
      for (int x = 0; x < w; x++) row[x] = (uint8_t)GET_DATA_BYTE(line, x);
    }
  }
  pixDestroy(&out);
  return flat;
}

bool dx_level_paper(uint8_t *grey, int w, int h, int stride, int *spread) {
  *spread = 0;
  int nx = w / LEVEL_TILE_PX, ny = h / LEVEL_TILE_PX;
  if (!grey || nx < 4 || ny < 4) return false;
  int *lv = g_new(int, (size_t)nx *(size_t)ny);
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      lv[(size_t)j * (size_t)nx + (size_t)i] = tile_paper(
          grey, stride, i * LEVEL_TILE_PX, j * LEVEL_TILE_PX, LEVEL_TILE_PX, LEVEL_TILE_PX);
  size_t n = (size_t)nx * (size_t)ny;
  qsort(lv, n, sizeof *lv, int_cmp);
  *spread = lv[(size_t)(LEVEL_SPREAD_HI * (double)(n - 1))] -
            lv[(size_t)(LEVEL_SPREAD_LO * (double)(n - 1))];
  g_free(lv);
  if (*spread < LEVEL_UNEVEN) return false;
  PIX *src = to_pix(grey, w, h, stride);
  bool flat = even_light(src, grey, w, h, stride);
  pixDestroy(&src);
  return flat;
}

/* Angle (degrees) at corner b between a and c. */
static double corner_deg(const double *a, const double *b, const double *c) {
  double ux = a[0] - b[0], uy = a[1] - b[1], vx = c[0] - b[0], vy = c[1] - b[1];
  double d = hypot(ux, uy) * hypot(vx, vy);
  return d > 0 ? acos(CLAMP((ux * vx + uy * vy) / d, -1, 1)) * 180 / G_PI : 0;
}

/* The shrunk image read along one side: `side` 0 left, 1 right, 2 top,
 * 3 bottom; i across the side (row or column), k inward from the edge. */
typedef struct shrunk {
  const uint8_t *s;
  int w, h;
} shrunk;

static int at_side(const shrunk *m, int side, int i, int k) {
  int x = side == 0 ? k : side == 1 ? m->w - 1 - k : i;
  int y = side == 2 ? k : side == 3 ? m->h - 1 - k : i;
  return m->s[(size_t)y * (size_t)m->w + (size_t)x];
}

static int double_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median_of(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, double_cmp);
  return v[n / 2];
}

/* A line k = a i + b through n steps (is ascending) that a minority of
 * other steps does not pull off: the median slope of pairs of steps
 * half the steps apart, and the median intercept under it. */
static void median_line(const double *is, const double *ks, int n, double *a, double *b) {
  int half = n / 2, m = n - half;
  double *v = g_new(double, (size_t)n);
  for (int j = 0; j < m; j++) v[j] = (ks[j + half] - ks[j]) / (is[j + half] - is[j]);
  *a = half > 0 ? median_of(v, m) : 0;
  for (int j = 0; j < n; j++) v[j] = ks[j] - *a * is[j];
  *b = median_of(v, n);
  g_free(v);
}

/* Keeps the steps within EDGE_FIT of k = a i + b; returns how many. */
static int near_line(double *is, double *ks, int n, double a, double b) {
  int keep = 0;
  for (int j = 0; j < n; j++)
    if (fabs(ks[j] - (a * is[j] + b)) <= EDGE_FIT) {
      is[keep] = is[j];
      ks[keep++] = ks[j];
    }
  return keep;
}

/* The least-squares line through n steps; false when they stand on one
 * i. */
static bool least_squares(const double *is, const double *ks, int n, double *a, double *b) {
  double si = 0, sk = 0, sii = 0, sik = 0;
  for (int j = 0; j < n; j++) {
    si += is[j];
    sk += ks[j];
    sii += is[j] * is[j];
    sik += is[j] * ks[j];
  }
  double den = n * sii - si * si;
  if (den == 0) return false;
  *a = (n * sik - si * sk) / den;
  *b = (sk - *a * si) / n;
  return true;
}

/* The line through the steps along one side: fitted to all of them,
 * then again to those near it; when other steps pulled that line off
 * the edge (a title's ink near the top of the sheet, on a fifth of the
 * columns), fitted from the median line instead. False: too few steps
 * on one line. */
static bool steps_line(double *is, double *ks, int n, double need, double *a, double *b) {
  double *is0 = g_memdup2(is, sizeof *is * (size_t)MAX(n, 1)),
         *ks0 = g_memdup2(ks, sizeof *ks * (size_t)MAX(n, 1));
  int n0 = n;
  bool ok = false;
  for (int pass = 0; pass < 2 && n >= need; pass++) {
    if (!least_squares(is, ks, n, a, b)) break;
    n = near_line(is, ks, n, *a, *b);
    ok = pass == 1 && n >= need;
  }
  if (!ok && n0 >= need && n0 > 1) {
    median_line(is0, ks0, n0, a, b);
    n = near_line(is0, ks0, n0, *a, *b);
    if (n >= need && least_squares(is0, ks0, n, a, b)) ok = near_line(is0, ks0, n, *a, *b) >= need;
  }
  g_free(is0);
  g_free(ks0);
  return ok;
}

/* The sheet's edge along one side, as k = a i + b (k inward from the
 * image's edge), or false when the side shows no desk. */
static bool sheet_edge(const shrunk *m, int side, double *a, double *b) {
  int across = side < 2 ? m->h : m->w, depth = side < 2 ? m->w : m->h;
  int zone = (int)(EDGE_ZONE * depth), lo = across / 10, hi = across - across / 10;
  double *is = g_new(double, (size_t)across), *ks = g_new(double, (size_t)across);
  int n = 0;
  for (int i = lo; i < hi; i++) {
    int best = EDGE_STEP - 1, bk = -1;
    for (int k = 3; k + 3 < zone; k++) {
      int out =
          at_side(m, side, i, k - 3) + at_side(m, side, i, k - 2) + at_side(m, side, i, k - 1);
      int in = at_side(m, side, i, k) + at_side(m, side, i, k + 1) + at_side(m, side, i, k + 2);
      if ((in - out) / 3 > best) {
        best = (in - out) / 3;
        bk = k;
      }
    }
    if (bk < 0) continue;
    is[n] = i;
    ks[n++] = bk;
  }
  bool ok = steps_line(is, ks, n, EDGE_ROWS * (hi - lo), a, b);
  if (ok) { /* the desk outside it, the paper inside */
    double out = 0, in = 0;
    int no = 0, ni = 0;
    for (int i = lo; i < hi; i++) {
      int e = (int)lround(*a * i + *b);
      for (int k = 0; k < e - 1; k++, no++) out += at_side(m, side, i, k);
      for (int k = e + 2; k < e + 10 && k < depth; k++, ni++) in += at_side(m, side, i, k);
    }
    ok = no > 0 && ni > 0 && out / no < DESK_DARK * (in / ni);
  }
  g_free(is);
  g_free(ks);
  return ok;
}

bool dx_flatten_photo(uint8_t *grey, int w, int h, int stride, double corners[8]) {
  if (!grey || w < 64 || h < 64) return false;
  int f = MAX(1, MAX(w, h) / OUTLINE_PX);
  shrunk m = {NULL, w / f, h / f};
  uint8_t *s = g_malloc((size_t)m.w * (size_t)m.h);
  for (int y = 0; y < m.h; y++)
    for (int x = 0; x < m.w; x++) {
      unsigned sum = 0;
      for (int yy = 0; yy < f; yy++)
        for (int xx = 0; xx < f; xx++)
          sum += grey[(size_t)(y * f + yy) * (size_t)stride + (size_t)(x * f + xx)];
      s[(size_t)y * (size_t)m.w + (size_t)x] = (uint8_t)(sum / (unsigned)(f * f));
    }
  m.s = s;
  /* each side's edge as a line x = a y + b (left, right) or y = a x + b
   * (top, bottom) in shrunk pixels; a side without desk is the image's
   * own edge */
  double la[4], lb[4];
  int found = 0;
  for (int side = 0; side < 4; side++) {
    double a = 0, b = 0;
    bool ok = sheet_edge(&m, side, &a, &b);
    found += ok;
    int depth = side < 2 ? m.w : m.h;
    if (!ok) a = b = 0;
    if (side == 1 || side == 3) { /* k counted from the far edge */
      a = -a;
      b = depth - 1 - b;
    }
    la[side] = a;
    lb[side] = b;
  }
  g_free(s);
  if (found < 3) return false;
  /* corners where the lines meet, clockwise from the top-left, in
   * full-size pixels: x = a y + b (vertical side v) and y = c x + d
   * (horizontal side u) */
  static const int pairs[4][2] = {{0, 2}, {1, 2}, {1, 3}, {0, 3}};
  double q[4][2];
  for (int c = 0; c < 4; c++) {
    int v = pairs[c][0], u = pairs[c][1];
    double den = 1 - la[v] * la[u];
    if (fabs(den) < 1e-6) return false;
    double x = (la[v] * lb[u] + lb[v]) / den, y = la[u] * x + lb[u];
    q[c][0] = (x + 0.5) * f;
    q[c][1] = (y + 0.5) * f;
  }
  double area = 0;
  for (int c = 0; c < 4; c++) area += q[c][0] * q[(c + 1) % 4][1] - q[(c + 1) % 4][0] * q[c][1];
  if (fabs(area) / 2 < MIN_SHEET * w * h) return false;
  for (int c = 0; c < 4; c++)
    if (fabs(corner_deg(q[(c + 3) % 4], q[c], q[(c + 1) % 4]) - 90) > MAX_CORNER_DEG) return false;
  PIX *src = to_pix(grey, w, h, stride);
  PTA *ps = ptaCreate(4), *pd = ptaCreate(4);
  const double rect[4][2] = {{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}};
  for (int c = 0; c < 4; c++) {
    ptaAddPt(ps, (float)q[c][0], (float)q[c][1]);
    ptaAddPt(pd, (float)rect[c][0], (float)rect[c][1]);
  }
  PIX *warped = src && ps && pd ? pixProjectivePtaGray(src, pd, ps, 255) : NULL;
  /* a photo's light falls off across the sheet: paper two shades darker
   * in one corner than in the middle would read as ink. The paper is
   * brought to one level (Leptonica's background normalization: the
   * light of each small tile's paper, smoothed) */
  bool flat = even_light(warped, grey, w, h, stride);
  pixDestroy(&warped);
  if (flat && corners)
    for (size_t c = 0; c < 4; c++) {
      corners[2 * c] = q[c][0];
      corners[2 * c + 1] = q[c][1];
    }
  ptaDestroy(&ps);
  ptaDestroy(&pd);
  pixDestroy(&src);
  return flat;
}

/* Widest dark band along an edge (points) that is cleared: a lid's
 * shadow or a copier's border is a few millimetres to a centimetre; a
 * darker band than this is part of the page (or the page is dark). */
#define EDGE_BAND_PT 36.0
/* A line of an edge band: this share of its pixels darker than midway
 * between ink and paper. A table's rule never spans the whole page. */
#define EDGE_DARK_SHARE 0.6
/* The band's fringe (blur): lines with this share of pixels a quarter
 * of the way from paper to ink or darker, at most EDGE_FRINGE_PX. */
#define EDGE_FRINGE_SHARE 0.05
#define EDGE_FRINGE_PX 4
/* Paper lines a band may start from the edge (a scanner's white rim). */
#define EDGE_RIM_PX 2

/* Share of the n pixels from p, step apart, darker than dark. */
static double dark_share(const uint8_t *p, size_t step, int n, int dark) {
  int k = 0;
  for (int i = 0; i < n; i++) k += p[(size_t)i * step] < dark;
  return n > 0 ? (double)k / n : 0;
}

/* Width (lines) of the dark band along one edge: line i is at
 * first + i * next, with n pixels step apart; 0 when there is none. Its
 * fringe is the lines after it with pixels darker than grey. */
static int edge_band(const uint8_t *first, ptrdiff_t next, size_t step, int n, int max, int dark,
                     int grey) {
  int band = 0, i = 0;
  while (i < EDGE_RIM_PX && dark_share(first + i * next, step, n, dark) < EDGE_DARK_SHARE) i++;
  for (; i <= max; i++) {
    if (dark_share(first + i * next, step, n, dark) < EDGE_DARK_SHARE) break;
    band = i + 1;
  }
  if (band == 0 || i > max) return 0; /* none, or the page is dark further in */
  for (int f = 0; f < EDGE_FRINGE_PX && band <= max; f++, band++)
    if (dark_share(first + band * next, step, n, grey) < EDGE_FRINGE_SHARE) break;
  return band;
}

int dx_clear_dark_edges(uint8_t *grey, int w, int h, int stride, double scale, int widths[4]) {
  int ink, paper, cleared = 0;
  memset(widths, 0, 4 * sizeof *widths);
  if (!grey || w < 8 || h < 8) return 0;
  dx_grey_levels(grey, w, h, stride, &ink, &paper);
  int dark = (ink + paper) / 2, fringe = paper - (paper - ink) / 4,
      max = (int)(EDGE_BAND_PT * scale);
  ptrdiff_t row = stride;
  uint8_t *last_row = grey + (size_t)(h - 1) * (size_t)stride;
  /* rows: the top and the bottom; columns: the right and the left */
  widths[0] = edge_band(grey, row, 1, w, MIN(max, h / 4), dark, fringe);
  widths[2] = edge_band(last_row, -row, 1, w, MIN(max, h / 4), dark, fringe);
  widths[1] = edge_band(grey + w - 1, -1, (size_t)stride, h, MIN(max, w / 4), dark, fringe);
  widths[3] = edge_band(grey, 1, (size_t)stride, h, MIN(max, w / 4), dark, fringe);
  for (int y = 0; y < h; y++) {
    uint8_t *r = grey + (size_t)y * (size_t)stride;
    if (y < widths[0] || y >= h - widths[2]) {
      memset(r, paper, (size_t)w);
      continue;
    }
    memset(r, paper, (size_t)widths[3]);
    memset(r + w - widths[1], paper, (size_t)widths[1]);
  }
  for (int i = 0; i < 4; i++) cleared += widths[i] > 0;
  return cleared;
}

/* A checkbox's side (points): from small print's 3.5 pt box to a 16 pt
 * box in a title row (lines.c's BOX_MAX_PT). */
#define BOX_MARK_MIN_PT 3.5
#define BOX_MARK_MAX_PT 16.0
/* Share of each side's pixels that is dark: a side, not a character's
 * open stroke (匚, 凵). */
#define BOX_MARK_SIDE 0.8
/* Share of dark pixels inside (a fifth in from the sides) that is a
 * tick or a cross (lines.c's BOX_INK). */
#define BOX_MARK_INK 0.04
/* The height (points) of a row of a fax in standard mode (98 lines per
 * inch): what one lost row of a coarse scan leaves blank. */
#define FAX_ROW_PT (72.0 / 98.0)
/* The confidence a box with a side missing (on a coarse scan) is found
 * with: an open square may be a character's (日 whose top a fax lost). */
#define BOX_MARK_OPEN_CONF 0.6f

/* Share of the pixels of the band x0..x1 x y0..y1 darker than dark,
 * counted per line along the side (a line is dark when any pixel of
 * the band across it is). */
static double side_dark(const uint8_t *grey, int stride, int x0, int y0, int x1, int y1,
                        bool horizontal, int dark) {
  int n = 0, k = 0;
  for (int a = horizontal ? x0 : y0; a <= (horizontal ? x1 : y1); a++, n++) {
    bool d = false;
    for (int b = horizontal ? y0 : x0; b <= (horizontal ? y1 : x1) && !d; b++) {
      int x = horizontal ? a : b, y = horizontal ? b : a;
      d = grey[(size_t)y * (size_t)stride + (size_t)x] < dark;
    }
    k += d;
  }
  return n ? (double)k / n : 0;
}

void dx_find_box_marks(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                       bool coarse) {
  int ink, paper;
  if (!grey || w < 8 || h < 8) return;
  dx_grey_levels(grey, w, h, stride, &ink, &paper);
  /* a small box's one-pixel sides are grey: a third of the way from
   * paper to ink, and gaps of a pixel closed */
  int dark = paper - (paper - ink) / 3;
  PIX *g8 = to_pix(grey, w, h, stride);
  PIX *bw = g8 ? pixThresholdToBinary(g8, dark) : NULL;
  /* on a coarse scan, a row the fax lost cuts a box's sides in two: the
   * gap a lost row leaves is closed too */
  int vclose = coarse ? MAX(2, (int)ceil(FAX_ROW_PT * scale) + 1) : 2;
  PIX *closed = bw ? pixCloseBrick(NULL, bw, 2, vclose) : NULL;
  BOXA *comps = closed ? pixConnCompBB(closed, 8) : NULL;
  int lo = (int)(BOX_MARK_MIN_PT * scale), hi = (int)(BOX_MARK_MAX_PT * scale) + 2;
  for (int i = 0; comps && i < boxaGetCount(comps); i++) {
    l_int32 x, y, bwid, bht;
    if (boxaGetBoxGeometry(comps, i, &x, &y, &bwid, &bht) || bwid < lo || bht < lo || bwid > hi ||
        bht > hi || abs(bwid - bht) * 5 > MAX(bwid, bht))
      continue;
    int x1 = x + bwid - 1, y1 = y + bht - 1, t = MAX(1, bwid / 8);
    bool top = side_dark(grey, stride, x, y, x1, y + t, true, dark) >= BOX_MARK_SIDE,
         bottom = side_dark(grey, stride, x, y1 - t, x1, y1, true, dark) >= BOX_MARK_SIDE;
    if (side_dark(grey, stride, x, y, x + t, y1, false, dark) < BOX_MARK_SIDE ||
        side_dark(grey, stride, x1 - t, y, x1, y1, false, dark) < BOX_MARK_SIDE)
      continue;
    /* a coarse scan's box may have lost a horizontal side (a side one
     * scan row high, which a fax drops or thins away); two lost are no
     * box (||) */
    if (!(top && bottom) && !(coarse && (top || bottom))) continue;
    int in = MAX(2, bwid / 5), n = 0, k = 0;
    for (int yy = y + in; yy <= y1 - in; yy++)
      for (int xx = x + in; xx <= x1 - in; xx++, n++)
        k += grey[(size_t)yy * (size_t)stride + (size_t)xx] < dark;
    dx_glyph gl = {.box = {(float)(x / scale), (float)(y / scale), (float)((x1 + 1) / scale),
                           (float)((y1 + 1) / scale)},
                   .size = (float)(bht / scale / 0.8),
                   .space_before = true};
    gl.cp = n && (double)k / n > BOX_MARK_INK ? DX_CHECK_ON_CP : DX_CHECK_OFF_CP;
    if (!(top && bottom)) gl.ocr_conf = BOX_MARK_OPEN_CONF;
    g_array_append_val(glyphs, gl);
  }
  boxaDestroy(&comps);
  pixDestroy(&closed);
  pixDestroy(&bw);
  pixDestroy(&g8);
}

#define LEVEL_PAPER 0.40
#define LEVEL_INK 0.005
void dx_grey_levels(const uint8_t *grey, int w, int h, int stride, int *ink, int *paper) {
  size_t hist[256] = {0}, n = (size_t)w * (size_t)h;
  for (int y = 0; y < h; y++) {
    const uint8_t *row = grey + (size_t)y * (size_t)stride;
    for (int x = 0; x < w; x++) hist[row[x]]++;
  }
  int lo = 0, hi = 255;
  size_t acc = 0;
  for (int v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc <= (size_t)(LEVEL_INK * (double)n)) lo = v;
    if (acc <= (size_t)(LEVEL_PAPER * (double)n)) hi = v;
  }
  *ink = lo;
  *paper = MAX(hi, lo + 32);
}

/* Show-through: on thin paper the print of a sheet's back shows through
 * mirrored, diffused and much lighter than the page's own ink (a duplex
 * print scanned at 200 dpi: 24-39 grey levels below the paper where the
 * page's own ink is 200-250 below it). OCR reads it as text and its
 * rules join the page's. The page's ink level is the darkness (below the
 * paper, the median grey) that SHOW_INK_SHARE of its inked pixels (at
 * least SHOW_NOISE below the paper) are darker than; pixels lighter than
 * SHOW_SHARE of that level, and farther than SHOW_KEEP_PT from any darker
 * pixel (a stroke's blurred edge), are paper: on the corpus's duplex
 * scan the ink level is 216 below the paper of 254, and what is lighter
 * than 48 below it goes. A faint scan's ink level is lower, and its cut
 * with it. */
#define SHOW_NOISE 16
#define SHOW_INK_SHARE 0.05
#define SHOW_SHARE 0.22
#define SHOW_KEEP_PT 0.6
/* ... only on a page where that leaves at least SHOW_MIN_PT2 square
 * points of ink apart from the page's own (a back page's print: 2800 on
 * the corpus's duplex scan; the blurred fringes of its own strokes on
 * the corpus's thick200 scan: 25, where painting them out turned two
 * lone ≥ that OCR read into N): any change to a page's pixels may change
 * what OCR reads on it. */
#define SHOW_MIN_PT2 300.0
/* Light ink that fills squares this wide (points) is a flat area (a grey
 * lid, a shaded edge), not print: a back page's strokes, diffused, are
 * a point or two wide. */
#define SHOW_FLAT_PT 3.0

long dx_drop_show_through(uint8_t *grey, int w, int h, int stride, double scale, int *paper,
                          int *ink, double *area) {
  *paper = *ink = 0;
  *area = 0;
  if (!grey || w < 8 || h < 8) return 0;
  unsigned long hist[256] = {0};
  for (int y = 0; y < h; y++) {
    const uint8_t *row = grey + (size_t)y * (size_t)stride;
    for (int x = 0; x < w; x++) hist[row[x]]++;
  }
  unsigned long n = (unsigned long)w * (unsigned long)h, seen = 0;
  int p = 0;
  while (p < 255 && (seen += hist[p]) < n / 2) p++;
  *paper = p;
  unsigned long inked = 0;
  for (int v = 0; v <= p - SHOW_NOISE; v++) inked += hist[v];
  if (!inked) return 0;
  unsigned long want = (unsigned long)(SHOW_INK_SHARE * (double)inked);
  int v = 0;
  seen = hist[0];
  while (v < p - SHOW_NOISE && seen < want) seen += hist[++v];
  *ink = p - v;
  int cut = (int)lround(SHOW_SHARE * *ink);
  if (cut <= SHOW_NOISE) return 0;
  /* the page's own ink (darker than the cut), widened by SHOW_KEEP_PT */
  PIX *src = to_pix(grey, w, h, stride);
  PIX *dark = src ? pixThresholdToBinary(src, p - cut + 1) : NULL;
  int k = odd(2 * SHOW_KEEP_PT * scale + 1);
  PIX *keep = dark ? pixDilateBrick(NULL, dark, k, k) : NULL;
  long apart = 0;
  PIX *light = keep ? pixCreate(w, h, 1) : NULL; /* the light ink apart */
  for (int pass = 0; light && pass < 2; pass++) {
    if (pass == 1 && (double)apart < SHOW_MIN_PT2 * scale * scale) break;
    l_uint32 *data = pixGetData(keep), *ldata = pixGetData(light);
    int wpl = pixGetWpl(keep), lwpl = pixGetWpl(light);
    for (int y = 0; y < h; y++) {
      l_uint32 *line = data + (size_t)y * (size_t)wpl, *lline = ldata + (size_t)y * (size_t)lwpl;
      uint8_t *row = grey + (size_t)y * (size_t)stride;
      for (int x = 0; x < w; x++)
        if (row[x] < p && row[x] > p - cut && !GET_DATA_BIT(line, x)) {
          if (pass == 1) {
            row[x] = (uint8_t)p;
          } else if (row[x] <= p - SHOW_NOISE) {
            apart++;
            SET_DATA_BIT(lline, x);
          }
        }
    }
  }
  long changed = (double)apart >= SHOW_MIN_PT2 * scale * scale ? apart : 0;
  /* of it, what flat areas hold, and their fringe (the shaded edge of
   * a sheet beside the lid), is no print; nor what touches the image's
   * edge (a sliver of the lid where a turned sheet nears it) */
  int f = odd(SHOW_FLAT_PT * scale);
  PIX *flat = changed ? pixOpenBrick(NULL, light, f, f) : NULL;
  PIX *inside = flat ? pixRemoveBorderConnComps(light, 8) : NULL;
  if (flat) pixDilateBrick(flat, flat, 2 * f + 1, 2 * f + 1);
  if (inside) pixSubtract(inside, inside, flat);
  l_int32 in_print = 0;
  if (inside) pixCountPixels(inside, &in_print, NULL);
  pixDestroy(&inside);
  double print = in_print;
  *area = changed && print >= SHOW_MIN_PT2 * scale * scale ? print / (scale * scale) : 0;
  pixDestroy(&flat);
  pixDestroy(&light);
  pixDestroy(&keep);
  pixDestroy(&dark);
  pixDestroy(&src);
  return changed;
}
