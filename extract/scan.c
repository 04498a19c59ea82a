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
#include "dx_extract.h"

#include <leptonica/allheaders.h>
#include <math.h>

/* Shortest rule (points): longer than a character's strokes at the
 * usual 9-12 pt (a 一 is about an em) — pdf.c's OCR_MIN_RULE_PT. */
#define MIN_RULE_PT 13.0
/* Thickest rule (points), as lines.c: Word's thickest border is 6 pt. */
#define MAX_RULE_PT 6.5
/* Gap (points) bridged inside a rule: blur, JPEG and a 1-bit scan's
 * thresholding break a hairline into pieces this far apart. */
#define GAP_PT 0.8
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
 * cell's padding on both sides, but where a rule crosses it. */
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
                   bool vertical, double *lo, double *hi, double *centre) {
  int n = vertical ? bh : bw, nlo = 0, nhi = 0, cols = 0;
  double sw = 0, swp = 0;
  int W = (int)pixGetWidth(ink), H = (int)pixGetHeight(ink);
  for (int k = 0; k < n; k++) {
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

/* Rules of one direction: horizontal ones when `vertical` is false. */
static void find(GArray *out, PIX *grey, double scale, bool vertical) {
  int len = odd(MIN_RULE_PT * scale), across = odd(2 * MAX_RULE_PT * scale + 3);
  int gap = odd(GAP_PT * scale), drift = 2 * DRIFT_PX + 1;
  int min_len = (int)(MIN_RULE_PT * scale);
  int max_thick = (int)(MAX_RULE_PT * scale + 0.5) + 2 * DRIFT_PX;
  /* sizes as (along, across) -> (h, v) */
#define HV(a, b) (vertical ? (b) : (a)), (vertical ? (a) : (b))
  PIX *ink = pixTophat(grey, HV(1, across), L_TOPHAT_BLACK);
  PIX *wide = ink ? pixDilateGray(ink, HV(1, drift)) : NULL;
  PIX *closed = wide ? pixCloseGray(wide, HV(gap, 1)) : NULL;
  PIX *runs = closed ? pixOpenGray(closed, HV(len, 1)) : NULL;
  /* pixThresholdToBinary sets what is below the threshold: little ink */
  PIX *faint = runs ? pixThresholdToBinary(runs, MIN_INK) : NULL;
  PIX *rules = faint ? pixInvert(NULL, faint) : NULL;
  PIX *paper = ink ? pixThresholdToBinary(ink, MIN_INK) : NULL;
  PIX *all = paper ? pixInvert(NULL, paper) : NULL;
  /* noise specks (dust, a noisy scanner's pepper) are not characters */
  int speck = (int)(SPECK_PT * scale) + 1;
  PIX *inked =
      all ? pixSelectBySize(all, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL) : NULL;
  pixDestroy(&all);
  BOXA *boxes = rules ? pixConnCompBB(rules, 8) : NULL;
#undef HV
  int n = boxes && inked ? boxaGetCount(boxes) : 0;
  for (int i = 0; i < n; i++) {
    l_int32 bx, by, bw, bh;
    if (boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh)) continue;
    int along = vertical ? bh : bw, thick = vertical ? bw : bh;
    if (along < min_len || thick > max_thick) continue;
    double lo, hi, centre;
    beside(rules, inked, ink, bx, by, bw, bh, vertical, &lo, &hi, &centre);
    if (MIN(lo, hi) > BOTH_SIDES || (MAX(lo, hi) > ONE_SIDE && along < ONE_SIDE_PT * scale))
      continue;
    /* the drift widened the band by DRIFT_PX each side */
    int t = MAX(thick - 2 * DRIFT_PX, 1);
    /* where the ink is heaviest across the band: a blurred halo is not
     * always even on both sides */
    float pos = (float)(centre / scale);
    float a = (float)((vertical ? by : bx) / scale),
          z = (float)(((vertical ? by : bx) + along) / scale);
    dx_rule r = vertical ? (dx_rule){pos, a, pos, z, (float)(t / scale)}
                         : (dx_rule){a, pos, z, pos, (float)(t / scale)};
    g_array_append_val(out, r);
  }
  boxaDestroy(&boxes);
  pixDestroy(&inked);
  pixDestroy(&paper);
  pixDestroy(&rules);
  pixDestroy(&faint);
  pixDestroy(&runs);
  pixDestroy(&closed);
  pixDestroy(&wide);
  pixDestroy(&ink);
}

void dx_scan_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale) {
  if (!out || !grey || w <= 0 || h <= 0 || scale <= 0) return;
  PIX *p = to_pix(grey, w, h, stride);
  if (!p) return;
  find(out, p, scale, false);
  find(out, p, scale, true);
  pixDestroy(&p);
}
