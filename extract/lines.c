/* lines.c — ruling lines from a raster: long thin dark runs.
 *
 * The same method serves rendered PDF pages and scans: a table's borders
 * are dark runs many times longer than they are thick, whether a producer
 * drew them as strokes, as thin filled rectangles or on paper. Runs are
 * found row by row, stacked into bands, and a band thin enough is a rule;
 * vertical rules are found the same way on the transposed raster.
 */
#include "dx_extract.h"

#include <stdlib.h>
#include <string.h>

/* Grey below which a pixel is ink. A 0.5 pt black rule rendered at 2 px
 * per point and straddling two pixels gives two ~128 pixels; light cell
 * shading (#D9D9D9 = 217) stays out. */
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
  int x0, x1;     /* extent so far */
  int top, last;  /* first and last raster row */
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
