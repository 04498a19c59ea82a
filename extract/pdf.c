/* pdf.c — stage one for PDF: glyphs with boxes and ruling lines per page.
 *
 * poppler-glib is called from this file only. Text comes from the page's
 * text layer: poppler_page_get_text() and poppler_page_get_text_layout()
 * line up character for character, and the text attributes give font
 * names and sizes. poppler-glib has no vector-path API, so ruling lines
 * are found on a rendering of the page (poppler + cairo) with the text
 * masked out (lines.c), which is also how scans are read.
 */
#define _GNU_SOURCE /* memmem */
#include "extract_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

/* Render resolution, pixels per point (108 dpi): a 0.5 pt rule darkens
 * a pixel well past the ink threshold wherever it falls, rules 1 pt
 * apart stay apart, and an A4 page is 1.1 Mpx. At 2 px/pt the corpus
 * read two facts better in 30 000 and took half as long again. */
#define RENDER_SCALE 1.5
/* Part of a glyph box left unmasked at its top and bottom, and at its
 * sides, before looking for rules: poppler's boxes run from the font's
 * ascent to its descent (1.3 em for CJK fonts) and reach the borders of
 * tightly set rows, while the ink sits inside. What ink is left (a
 * fallback glyph drawn as a tall box) is short and does not run from one
 * table edge to another (normalize/ruling.c prunes it). */
#define MASK_INSET_Y 0.12
#define MASK_INSET_X 0.03
/* Grey below which a pixel may belong to a rule (lines.c's DARK). */
#define DARK_GREY 200
/* Pixels beyond a glyph box's sides that must be dark, as the box is,
 * for a dark row or column across the box to be a rule and not ink; and
 * the longest light gap of a dashed or dotted rule, in points (1-2 px at
 * RENDER_SCALE; anti-aliasing adds one). */
#define RULE_BEYOND_PX 2
#define RULE_GAP_PT 2.0
/* How far (points, both sides together) a dashed row or column must go
 * on beyond a glyph box to be a rule: longer than the strokes of three
 * characters in a row at 10.5 pt. */
#define DASH_RUN_PT 36.0
/* A dash pattern: at least this many dashes, their lengths and gaps
 * within this many pixels of one another (anti-aliasing). */
#define DASH_MIN_RUNS 5
#define DASH_SPREAD_PX 2
/* A dotted rule: its pattern repeats every DOT_LAG_PT or less (a dot
 * and its gap are seldom a whole number of pixels: Chromium's 1px dots
 * come 2.25 px apart, in pixel runs of 1, 2 and 6, the same again every
 * 9 px), nine in ten pixels the same one repeat on, and at least one in
 * DOT_LIGHT_SHARE light. Strokes of characters lined up do not repeat
 * that closely over DASH_RUN_PT. */
#define DOT_LAG_PT 6.0
#define DOT_LIGHT_SHARE 10
/* Grey below which a pixel is ink of some glyph (light grey text is
 * ~200; anti-aliasing of a glyph's edge leaves at least this much). */
#define INK_GREY 235
/* Share (percent) of a page's characters without a Unicode meaning past
 * which its text layer is reported unreadable. */
#define UNMAPPED_PCT 20
/* A glyph drawn again within this fraction of its size of the same
 * character is fake bold (the text drawn twice, offset), not text. */
#define FAKE_BOLD_EM 0.2
/* Glyphs looked back at for a fake-bold twin. */
#define FAKE_BOLD_WINDOW 4
/* Pairs of neighbouring glyphs needed before trusting the reading
 * direction, and the share of them that must agree to turn the page. */
#define TURN_MIN_PAIRS 8
#define TURN_MIN_SHARE 0.6

/* poppler-glib reports syntax errors of damaged files through GLib's log
 * in its own domain (its error callback calls g_log); declx reports them
 * as one warning per document (pdf_damaged), so the handler stays here,
 * in the library, where the document is: dx_pdf_pages installs it on
 * entry and removes it on every way out, and nothing of it outlives the
 * call. While the call runs it is process-wide (GLib's handlers are):
 * another thread's "Poppler" messages meanwhile are counted here, not
 * printed. What poppler prints straight to stderr (its cairo font code's
 * "some font thing failed") is the caller's to hide: declx's CLI points
 * stderr elsewhere while it reads a file (tools/declx/proc.c). */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data) {
  (void)domain;
  (void)level;
  (void)msg;
  int *n = data;
  if (n) (*n)++;
}

/* The family name without a subset tag ("ABCDEF+Wingdings-Regular"). */
static const char *font_family(const char *name) {
  if (!name) return NULL;
  const char *plus = strchr(name, '+');
  return plus && plus - name == 6 ? plus + 1 : name;
}

typedef struct char_attr {
  float size;
  const char *font;
} char_attr;

static char_attr *char_attrs(PopplerPage *page, size_t n, GList **keep) {
  char_attr *ca = g_new0(char_attr, n ? n : 1);
  GList *attrs = poppler_page_get_text_attributes(page);
  for (GList *l = attrs; l; l = l->next) {
    const PopplerTextAttributes *a = l->data;
    for (gint i = MAX(a->start_index, 0); i <= a->end_index && (size_t)i < n; i++) {
      ca[i].size = (float)a->font_size;
      ca[i].font = a->font_name;
    }
  }
  *keep = attrs;
  return ca;
}

static bool fake_bold(const GArray *gl, const dx_glyph *g) {
  for (guint k = gl->len, seen = 0; k > 0 && seen < FAKE_BOLD_WINDOW; k--, seen++) {
    const dx_glyph *p = &g_array_index(gl, dx_glyph, k - 1);
    float tol = FAKE_BOLD_EM * MAX(g->size, 1.0f);
    if (p->cp == g->cp && fabsf(p->box[0] - g->box[0]) < tol && fabsf(p->box[1] - g->box[1]) < tol)
      return true;
  }
  return false;
}

/* Glyphs of one page from its text layer. */
static dx_code page_glyphs(GArray *gl, PopplerPage *page, const dx_limits *lim, int pageno,
                           size_t *unmapped, dx_error *err) {
  char *text = poppler_page_get_text(page);
  PopplerRectangle *rects = NULL;
  guint nrects = 0;
  dx_code rc = DX_OK;
  if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) goto done;
  size_t n = MIN((size_t)g_utf8_strlen(text, -1), (size_t)nrects);
  if (lim->max_page_glyphs && n > lim->max_page_glyphs) {
    rc = dx_error_set(err, DX_ELIMIT, "page %d has %zu characters, more than the limit of %zu",
                      pageno, n, lim->max_page_glyphs);
    goto done;
  }
  GList *attrs = NULL;
  char_attr *ca = char_attrs(page, n, &attrs);
  bool space = false;
  const char *p = text;
  for (size_t i = 0; i < n; i++, p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0) {
      space = true;
      continue;
    }
    const PopplerRectangle *r = &rects[i];
    dx_glyph g = {.cp = dx_unify_han(c),
                  .box = {(float)MIN(r->x1, r->x2), (float)MIN(r->y1, r->y2),
                          (float)MAX(r->x1, r->x2), (float)MAX(r->y1, r->y2)},
                  .size = ca[i].size > 0 ? ca[i].size : (float)fabs(r->y2 - r->y1),
                  .space_before = space};
    /* Symbol fonts (Wingdings checkboxes) reach the text layer as
     * private-use codes U+F0xx; other such codes draw nothing readable. */
    const char *family = dx_symbol_family(font_family(ca[i].font));
    if ((c >= 0xF000 && c <= 0xF0FF) || family) {
      /* the PDF may name a substitute font: try both symbol fonts (their
       * checkbox codes do not overlap) */
      uint32_t box = family ? dx_symbol_checkbox(family, c) : 0;
      if (!box) box = dx_symbol_checkbox("Wingdings", c);
      if (!box) box = dx_symbol_checkbox("Wingdings 2", c);
      if (box)
        g.cp = box;
      else if (c >= 0xF000 && c <= 0xF0FF)
        continue;
    }
    if (!g_unichar_validate(g.cp) || fake_bold(gl, &g)) continue;
    /* a font without a usable ToUnicode map: the text layer has codes,
     * not characters */
    if (g.cp == 0xFFFD || (g.cp >= 0xE000 && g.cp <= 0xF8FF) || g.cp < 0x20) (*unmapped)++;
    space = false;
    g_array_append_val(gl, g);
  }
  poppler_page_free_text_attributes(attrs);
  g_free(ca);
done:
  g_free(rects);
  g_free(text);
  return rc;
}

/* The turn (0, 90, 180, 270) that makes the page's text read left to
 * right, from the direction neighbouring glyphs advance in. */
static int reading_turn(const GArray *gl) {
  int votes[4] = {0}, total = 0;
  for (guint i = 1; i < gl->len; i++) {
    const dx_glyph *a = &g_array_index(gl, dx_glyph, i - 1), *b = &g_array_index(gl, dx_glyph, i);
    if (b->space_before) continue;
    double dx = (b->box[0] + b->box[2] - a->box[0] - a->box[2]) / 2;
    double dy = (b->box[1] + b->box[3] - a->box[1] - a->box[3]) / 2;
    double step = MAX(a->size, 1.0f) * 2;
    if (fabs(dx) > step || fabs(dy) > step || (dx == 0 && dy == 0)) continue;
    int v = fabs(dx) >= fabs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3);
    votes[v]++;
    total++;
  }
  if (total < TURN_MIN_PAIRS) return 0;
  for (int v = 1; v < 4; v++)
    if (votes[v] > TURN_MIN_SHARE * total) return v * 90;
  return 0;
}

/* Maps a point of the page as displayed to the upright page. */
static void turn_point(float *x, float *y, int turn, double w, double h) {
  float ox = *x, oy = *y;
  switch (turn) {
  case 90: /* text runs down the page */
    *x = oy;
    *y = (float)w - ox;
    break;
  case 180:
    *x = (float)w - ox;
    *y = (float)h - oy;
    break;
  case 270: /* text runs up the page */
    *x = (float)h - oy;
    *y = ox;
    break;
  default:
    break;
  }
}

static void turn_box(float *b, int turn, double w, double h) {
  float x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
  turn_point(&x0, &y0, turn, w, h);
  turn_point(&x1, &y1, turn, w, h);
  b[0] = MIN(x0, x1);
  b[1] = MIN(y0, y1);
  b[2] = MAX(x0, x1);
  b[3] = MAX(y0, y1);
}

/* Text that leaves no ink on the rendered page is not on the page: text
 * clipped away (Chromium keeps the clipped half of a row cut by a page
 * break in the text layer), drawn in white or covered. Checkboxes are
 * kept: a symbol font may be missing and draw nothing. */
static void drop_invisible(GArray *gl, const dx_raster *r, dx_doc *doc, int pageno) {
  guint keep = 0, dropped = 0;
  for (guint i = 0; i < gl->len; i++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, i);
    bool ink = dx_is_check(g->cp);
    /* inside the box, away from borders the box may touch */
    int b[4];
    dx_raster_box(b, r, g->box, (g->box[2] - g->box[0]) * 0.1, (g->box[3] - g->box[1]) * 0.15);
    for (int y = b[1]; y < b[3] && !ink; y++) {
      const uint8_t *row = r->grey + (size_t)y * (size_t)r->w;
      for (int x = b[0]; x < b[2] && !ink; x++) ink = row[x] < INK_GREY;
    }
    if (ink)
      g_array_index(gl, dx_glyph, keep++) = *g;
    else
      dropped++;
  }
  g_array_set_size(gl, keep);
  if (dropped)
    dx_doc_warn(doc, "invisible_text", pageno,
                "page %d: %u characters in the text layer are not drawn", pageno, dropped);
}

/* Draws a PDF page (dx_draw_fn for render_drawing). */
static void draw_poppler(void *page, void *cr) {
  poppler_page_render(page, cr);
}

/* Renders a drawing of a w x h pt page (`draw` draws it in points on a
 * white cairo context) into a grey raster at `scale` pixels per point,
 * or coarser when that would pass max_px pixels (warned). ib gets the box
 * of the dark pixels (where rules may be). */
static dx_code render_drawing(dx_raster *r, int ib[4], dx_draw_fn draw, void *page, double w,
                              double h, double scale, size_t max_px, const char *purpose,
                              int pageno, dx_doc *doc, dx_error *err) {
  bool drop_red = r->drop_red;
  *r = (dx_raster){.scale = scale, .drop_red = drop_red};
  double px = w * h * r->scale * r->scale;
  if (max_px && px > (double)max_px) {
    /* a huge page is rendered coarser rather than refused */
    r->scale *= sqrt((double)max_px / px);
    dx_doc_warn(doc, "page_rendered_coarse", pageno, "page %d is %.0f x %.0f pt; %s at %.2f px/pt",
                pageno, w, h, purpose, r->scale);
  }
  r->w = (int)ceil(w * r->scale);
  r->h = (int)ceil(h * r->scale);
  ib[0] = r->w;
  ib[1] = r->h;
  ib[2] = ib[3] = 0;
  if (r->w <= 0 || r->h <= 0) return DX_OK;
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->w, r->h);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return dx_error_set(err, DX_ENOMEM, "page %d: cannot allocate a %d x %d raster", pageno, r->w,
                        r->h);
  }
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, r->scale, r->scale);
  draw(page, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const uint8_t *px32 = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  r->grey = g_malloc((size_t)r->w * (size_t)r->h);
  /* rules are looked for only within the ink's bounding box: most of a
   * sparse page is white, and scanning it would be most of the time */
  for (int y = 0; y < r->h; y++) {
    const uint32_t *row = (const uint32_t *)(const void *)(px32 + (size_t)y * (size_t)stride);
    uint8_t *o = r->grey + (size_t)y * (size_t)r->w;
    int x = 0;
    while (x < r->w) {
      /* white runs (most of a page) two pixels at a time */
      if (x + 2 <= r->w) {
        uint64_t two;
        memcpy(&two, row + x, sizeof two);
        if ((two & 0x00FFFFFF00FFFFFFull) == 0x00FFFFFF00FFFFFFull) {
          o[x] = o[x + 1] = 255;
          x += 2;
          continue;
        }
      }
      uint32_t v = row[x];
      int red = (int)((v >> 16) & 0xFF), green = (int)((v >> 8) & 0xFF), blue = (int)(v & 0xFF);
      uint8_t g = (uint8_t)((red * 77 + green * 150 + blue * 29) >> 8);
      if (r->drop_red && red > green + DX_RED_INK && red > blue + DX_RED_INK) {
        g = (uint8_t)red; /* the paper under the seal, as bright as the seal's red */
        r->red_px++;
      }
      if (g < DARK_GREY) { /* where rules may be: text too, before it is masked */
        ib[0] = MIN(ib[0], x);
        ib[2] = MAX(ib[2], x + 1);
        ib[1] = MIN(ib[1], y);
        ib[3] = y + 1;
      }
      o[x++] = g;
    }
  }
  cairo_surface_destroy(s);
  return DX_OK;
}

static bool dark_at(const uint8_t *grey, const dx_raster *r, int at, int i, bool column) {
  size_t off =
      column ? (size_t)i * (size_t)r->w + (size_t)at : (size_t)at * (size_t)r->w + (size_t)i;
  return grey[off] < DARK_GREY;
}

/* Whether raster row (or, with `column`, column) `at` is dark over
 * [lo, hi) with no light gap longer than max_gap pixels. */
static bool dark_run(const uint8_t *grey, const dx_raster *r, int at, int lo, int hi, bool column,
                     int max_gap) {
  int gap = 0;
  for (int i = lo; i < hi; i++) {
    if (dark_at(grey, r, at, i, column))
      gap = 0;
    else if (++gap > max_gap)
      return false;
  }
  return true;
}

/* How far (pixels, at most `limit`) the dark run of row or column `at`
 * goes on from `from` in direction `dir` (+1 or -1), across light gaps
 * of at most max_gap pixels. */
static int run_out(const uint8_t *grey, const dx_raster *r, int at, int from, int dir, int limit,
                   bool column, int max_gap) {
  int n = column ? r->h : r->w, last = 0, gap = 0;
  for (int k = 1; k <= limit; k++) {
    int i = from + dir * k;
    if (i < 0 || i >= n) break;
    if (dark_at(grey, r, at, i, column)) {
      last = k;
      gap = 0;
    } else if (++gap > max_gap) {
      break;
    }
  }
  return last;
}

static int int_cmp(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

/* How many of the n lengths lie within DASH_SPREAD_PX of their median. */
static int near_median(int *len, int n) {
  if (n == 0) return 0;
  qsort(len, (size_t)n, sizeof *len, int_cmp);
  int med = len[n / 2], k = 0;
  for (int i = 0; i < n; i++) k += abs(len[i] - med) <= DASH_SPREAD_PX;
  return k;
}

/* Whether the dark runs of row or column `at` over [lo, hi) are a
 * dash pattern: DASH_MIN_RUNS or more, nine in ten of their lengths
 * and of the gaps between them within DASH_SPREAD_PX of the median (a
 * crossing rule lengthens a dash; the window cuts the first and last).
 * Strokes of characters lined up in a column or along a title are not
 * that regular. */
static bool dashes_regular(const uint8_t *grey, const dx_raster *r, int at, int lo, int hi,
                           bool column) {
  enum { MAX_RUNS = 64 };
  int runs[MAX_RUNS], gaps[MAX_RUNS], nr = 0, ng = 0, run = 0, gap = 0;
  for (int i = lo; i <= hi && nr < MAX_RUNS && ng < MAX_RUNS; i++) {
    if (i < hi && dark_at(grey, r, at, i, column)) {
      if (gap && run == 0 && nr > 0) gaps[ng++] = gap;
      gap = 0;
      run++;
      continue;
    }
    if (run) runs[nr++] = run;
    run = 0;
    gap++;
  }
  if (nr < DASH_MIN_RUNS) return false;
  return near_median(runs, nr) * 10 >= nr * 9 && near_median(gaps, ng) * 10 >= ng * 9;
}

/* Whether the pixels of row or column `at` over [lo, hi) repeat with a
 * short period: a dotted rule (see DOT_LAG_PT). */
static bool dots_periodic(const uint8_t *grey, const dx_raster *r, int at, int lo, int hi,
                          bool column) {
  enum { MAX_LEN = 1024 };
  bool d[MAX_LEN];
  int n = MIN(hi - lo, MAX_LEN), light = 0;
  for (int i = 0; i < n; i++) light += !(d[i] = dark_at(grey, r, at, lo + i, column));
  if (light * DOT_LIGHT_SHARE < n) return false;
  int max_lag = (int)(DOT_LAG_PT * r->scale);
  for (int lag = 2; lag <= max_lag && lag * 4 <= n; lag++) {
    int differ = 0;
    for (int i = 0; i + lag < n; i++) differ += d[i] != d[i + lag];
    if (differ * 10 <= n - lag) return true;
  }
  return false;
}

/* Whether a rule runs through a glyph's box at raster row (or, with
 * `column`, raster column) `at`: dark from before the box's start `a` to
 * past its end `b`. A glyph's own strokes stay inside its box (side
 * bearings), so this keeps the borders that a box taller than the ink
 * overlaps (Type 3 fonts' boxes are ~2.6 em for 1 em of ink), and
 * nothing of the glyph. A dashed or dotted border has light gaps: it
 * must then run on, beyond the box, for DASH_RUN_PT in all, further than
 * the strokes of neighbouring characters line up ("绵绵"), and be a
 * regular dash pattern or a closely repeating dot pattern. */
static bool rule_through(const uint8_t *grey, const dx_raster *r, int at, int a, int b,
                         bool column) {
  int n = column ? r->h : r->w;
  int lo = MAX(a - RULE_BEYOND_PX, 0), hi = MIN(b + RULE_BEYOND_PX, n);
  if (lo == a || hi == b) return false; /* nothing around the box to tell by */
  if (dark_run(grey, r, at, lo, hi, column, 0)) return true;
  /* a page rendered coarser (page_rendered_coarse) has shorter gaps */
  int gap = MAX(1, (int)(RULE_GAP_PT * r->scale));
  if (!dark_run(grey, r, at, a, b, column, gap)) return false;
  int need = (int)(DASH_RUN_PT * r->scale);
  int before = run_out(grey, r, at, a, -1, need, column, gap);
  int after = run_out(grey, r, at, b - 1, +1, need, column, gap);
  return before > 0 && after > 0 && before + after >= need &&
         (dashes_regular(grey, r, at, a - before, b + after, column) ||
          dots_periodic(grey, r, at, a - before, b + after, column));
}

/* Ruling lines and drawn checkboxes of a rendered page, its glyphs
 * masked out first: each glyph's box less inset_across (a share of its
 * size) across the text's direction and inset_along along it; negative
 * insets grow the boxes. */
static void raster_rules(GArray *rules, GArray *gl, dx_raster *r, const int ib[4], int turn,
                         double inset_across, double inset_along) {
  /* the ascent and descent lie across the text's direction */
  bool across_x = turn == 90 || turn == 270;
  /* shaded cells: their borders are darker than the shading */
  dx_whiten_fills(r->grey, r->w, r->h, r->w, ib);
  /* what the page looked like before any glyph was masked: a rule is
   * told from ink by the pixels around the box, which a neighbouring
   * glyph's mask may already have blanked */
  uint8_t *orig = g_memdup2(r->grey, (size_t)r->w * (size_t)r->h);
  bool *keep_col = g_new(bool, (size_t)r->w);
  for (guint i = 0; i < gl->len; i++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, i);
    double iw = (g->box[2] - g->box[0]) * (across_x ? inset_across : inset_along);
    double ih = (g->box[3] - g->box[1]) * (across_x ? inset_along : inset_across);
    int b[4];
    dx_raster_box(b, r, g->box, iw, ih);
    if (b[2] <= b[0] || b[3] <= b[1]) continue;
    for (int x = b[0]; x < b[2]; x++) keep_col[x] = rule_through(orig, r, x, b[1], b[3], true);
    for (int y = b[1]; y < b[3]; y++) {
      uint8_t *row = r->grey + (size_t)y * (size_t)r->w;
      if (rule_through(orig, r, y, b[0], b[2], false)) {
        for (int x = b[0]; x < b[2]; x++)
          if (!keep_col[x] && orig[(size_t)y * (size_t)r->w + (size_t)x] >= DARK_GREY) row[x] = 255;
        continue;
      }
      for (int x = b[0]; x < b[2]; x++)
        if (!keep_col[x]) row[x] = 255;
    }
  }
  g_free(keep_col);
  g_free(orig);
  if (ib[2] <= ib[0] || ib[3] <= ib[1]) return;
  guint first_rule = rules->len, first_glyph = gl->len;
  const uint8_t *sub = r->grey + (size_t)ib[1] * (size_t)r->w + (size_t)ib[0];
  dx_find_rules(rules, sub, ib[2] - ib[0], ib[3] - ib[1], r->w, r->scale);
  dx_find_boxes(rules, gl, sub, ib[2] - ib[0], ib[3] - ib[1], r->w, r->scale);
  /* back to page coordinates */
  float dx = (float)(ib[0] / r->scale), dy = (float)(ib[1] / r->scale);
  for (guint i = first_rule; i < rules->len; i++) {
    dx_rule *q = &g_array_index(rules, dx_rule, i);
    q->x0 += dx;
    q->x1 += dx;
    q->y0 += dy;
    q->y1 += dy;
  }
  for (guint i = first_glyph; i < gl->len; i++) {
    float *b = g_array_index(gl, dx_glyph, i).box;
    b[0] += dx;
    b[2] += dx;
    b[1] += dy;
    b[3] += dy;
  }
}

/* Renders the page and finds its ruling lines, the text masked out. */
static dx_code page_rules(GArray *rules, PopplerPage *page, GArray *gl, int turn, double w,
                          double h, const dx_limits *lim, int pageno, dx_doc *doc, dx_error *err) {
  dx_raster r = {0};
  int ib[4];
  dx_code rc = render_drawing(&r, ib, draw_poppler, page, w, h, RENDER_SCALE, lim->max_page_pixels,
                              "ruling lines looked for", pageno, doc, err);
  if (rc == DX_OK && r.grey) {
    drop_invisible(gl, &r, doc, pageno);
    raster_rules(rules, gl, &r, ib, turn, MASK_INSET_Y, MASK_INSET_X);
  }
  g_free(r.grey);
  return rc;
}

/* Whether one image covers most of the page (IMAGE_PAGE of it): a scan. */
#define IMAGE_PAGE 0.8
static bool is_image_page(PopplerPage *page, double w, double h) {
  GList *maps = poppler_page_get_image_mapping(page);
  bool covered = false;
  for (GList *m = maps; m && !covered; m = m->next) {
    const PopplerRectangle *a = &((PopplerImageMapping *)m->data)->area;
    covered = fabs((a->x2 - a->x1) * (a->y2 - a->y1)) >= IMAGE_PAGE * w * h;
  }
  poppler_page_free_image_mapping(maps);
  return covered;
}

/* The resolution (dots per inch, the lower of its two) of the image
 * covering most of the page (as w x h points), taken as drawn upright
 * over the page; 0 when none covers it. Poppler's image mapping gives
 * only a box, and gave a fax's 204 x 98 dpi page turned (842 x 596 on a
 * 595 x 842 page), so the page's size is used, not the box. */
static double scan_dpi(PopplerPage *page, double w, double h) {
  double dpi = 0, best = 0;
  GList *maps = poppler_page_get_image_mapping(page);
  for (GList *m = maps; m; m = m->next) {
    const PopplerImageMapping *im = m->data;
    double area = fabs((im->area.x2 - im->area.x1) * (im->area.y2 - im->area.y1));
    if (area < IMAGE_PAGE * w * h || area <= best) continue;
    cairo_surface_t *img = poppler_page_get_image(page, im->image_id);
    if (img && cairo_surface_get_type(img) == CAIRO_SURFACE_TYPE_IMAGE) {
      best = area;
      dpi = MIN(cairo_image_surface_get_width(img) / (w / 72),
                cairo_image_surface_get_height(img) / (h / 72));
    }
    if (img) cairo_surface_destroy(img);
  }
  poppler_page_free_image_mapping(maps);
  return dpi;
}

dx_code dx_ocr_drawing(GArray *gl, GArray *rules, dx_draw_fn draw, void *page, double w, double h,
                       double dpi, const dx_limits *lim, int pageno, dx_doc *doc, dx_error *err) {
  dx_raster r = {.drop_red = true};
  int ib[4];
  dx_code rc = render_drawing(&r, ib, draw, page, w, h, DX_OCR_SCALE, lim->max_ocr_pixels,
                              "read by OCR", pageno, doc, err);
  if (rc == DX_OK) rc = dx_scan_read(gl, rules, &r, r.grey ? dpi : 0, lim, pageno, doc, err);
  g_free(r.grey);
  /* the page's images are freed: the caller may hand them back to the
   * system before the next page (dx_limits.after_ocr_page) */
  if (lim->after_ocr_page) lim->after_ocr_page(lim->after_ocr_page_ctx);
  return rc;
}

/* A page without a text layer: rendered at DX_OCR_SCALE, read by OCR,
 * its ruling lines found on the same image (scan_page.c). */
static dx_code ocr_page(GArray *gl, GArray *rules, PopplerPage *page, double w, double h,
                        const dx_limits *lim, int pageno, dx_doc *doc, dx_error *err) {
  return dx_ocr_drawing(gl, rules, draw_poppler, page, w, h, scan_dpi(page, w, h), lim, pageno, doc,
                        err);
}

/* How far two readings of a page agree: the characters (spaces aside)
 * they have in common, counted with repeats, over the larger count. */
static double agreement(const GArray *a, const GArray *b) {
  GHashTable *count = g_hash_table_new(NULL, NULL);
  guint na = 0, nb = 0, common = 0;
  for (guint i = 0; i < a->len; i++) {
    gunichar c = g_array_index(a, dx_glyph, i).cp;
    if (g_unichar_isspace(c)) continue;
    na++;
    gpointer k = GUINT_TO_POINTER(c);
    g_hash_table_insert(count, k,
                        GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(count, k)) + 1));
  }
  for (guint i = 0; i < b->len; i++) {
    gunichar c = g_array_index(b, dx_glyph, i).cp;
    if (g_unichar_isspace(c)) continue;
    nb++;
    gpointer k = GUINT_TO_POINTER(c);
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, k));
    if (n) {
      common++;
      g_hash_table_insert(count, k, GUINT_TO_POINTER(n - 1));
    }
  }
  g_hash_table_destroy(count);
  return MAX(na, nb) ? (double)common / MAX(na, nb) : 1.0;
}

/* The least agreement with the page's own OCR for which a scan's text
 * layer is read: a layer made by a weaker OCR (tesseract's, as ocrmypdf
 * makes them, gets one character in 20-50 wrong) is read again. */
#define LAYER_AGREE 0.98

/* A scanned page that has a text layer: the page is read by OCR too, and
 * when the two disagree the OCR's glyphs and rules replace the layer's
 * glyphs (*replaced). Either way a warning says which was read. */
static dx_code judge_layer(GArray *gl, GArray *rules, bool *replaced, PopplerPage *page, double w,
                           double h, const dx_limits *lim, int pageno, dx_doc *doc, dx_error *err) {
  GArray *ocr = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  GArray *ocr_rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_code rc = ocr_page(ocr, ocr_rules, page, w, h, lim, pageno, doc, err);
  if (rc == DX_OK) {
    double agree = agreement(gl, ocr);
    *replaced = agree < LAYER_AGREE;
    if (*replaced) {
      g_array_set_size(gl, 0);
      g_array_append_vals(gl, ocr->data, ocr->len);
      g_array_set_size(rules, 0);
      g_array_append_vals(rules, ocr_rules->data, ocr_rules->len);
    }
    dx_doc_warn(doc, *replaced ? "text_layer_replaced" : "text_layer_used", pageno,
                "page %d is a scan with a text layer that agrees %.1f%% with OCR of its image; %s",
                pageno, 100 * agree, *replaced ? "read by OCR instead" : "the text layer is read");
  }
  g_array_free(ocr, TRUE);
  g_array_free(ocr_rules, TRUE);
  return rc;
}

/* The most pixels of an image XObject in the file, from the /Width and
 * /Height next to each /Subtype /Image (images in compressed object
 * streams are not seen). Rendering a page decodes its images whole: a
 * 30 000 x 30 000 scan would take gigabytes before anything could stop
 * it. */
static uint64_t largest_image(const uint8_t *data, size_t len, long *iw, long *ih) {
  uint64_t most = 0;
  const char *p = (const char *)data, *end = p + len;
  while ((p = memmem(p, (size_t)(end - p), "/Image", 6))) {
    const char *a = p - MIN((size_t)(p - (const char *)data), (size_t)600);
    const char *b = p + MIN((size_t)(end - p), (size_t)600);
    long w = 0, h = 0;
    for (const char *q = a; q + 7 < b; q++) {
      if (!w && memcmp(q, "/Width", 6) == 0) w = strtol(q + 6, NULL, 10);
      if (!h && memcmp(q, "/Height", 7) == 0) h = strtol(q + 7, NULL, 10);
    }
    if (w > 0 && h > 0 && (uint64_t)w * (uint64_t)h > most) {
      most = (uint64_t)w * (uint64_t)h;
      *iw = w;
      *ih = h;
    }
    p += 6;
  }
  return most;
}

/* Turns a page's glyphs and rules (w x h points) by `turn` degrees, to
 * the way it reads. */
static void turn_page(GArray *gl, GArray *rules, int turn, double w, double h) {
  for (guint k = 0; k < gl->len; k++) turn_box(g_array_index(gl, dx_glyph, k).box, turn, w, h);
  for (guint k = 0; k < rules->len; k++) {
    dx_rule *r = &g_array_index(rules, dx_rule, k);
    float b[4] = {r->x0, r->y0, r->x1, r->y1};
    bool horizontal = r->y0 == r->y1;
    turn_box(b, turn, w, h);
    *r = horizontal == (turn == 180) ? (dx_rule){b[0], b[1], b[2], b[1], r->width}
                                     : (dx_rule){b[0], b[1], b[0], b[3], r->width};
  }
}

dx_code dx_pdf_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_page_fn fn, void *ctx, dx_error *err) {
  if (!doc || !data || !lim || !fn) return dx_error_set(err, DX_EARG, "dx_pdf_pages: no input");
  int complaints = 0;
  guint handler =
      g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL, quiet_log, &complaints);
  GBytes *bytes = g_bytes_new_static(data, len);
  GError *gerr = NULL;
  PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
  GArray *gl = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_code rc = DX_OK;
  if (!pd) {
    if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
      rc = dx_error_set(err, DX_EUNSUPPORTED, "encrypted PDF: it needs a password to open");
    else
      rc = dx_error_set(err, DX_EFORMAT, "not a readable PDF: %s",
                        gerr ? gerr->message : "poppler could not open it");
    goto cleanup;
  }
  doc->format = DX_FORMAT_PDF;
  int n = poppler_document_get_n_pages(pd);
  if (n <= 0) {
    rc = dx_error_set(err, DX_EFORMAT, "PDF has no pages");
    goto cleanup;
  }
  if (lim->max_pages && n > lim->max_pages) {
    rc = dx_error_set(err, DX_ELIMIT, "PDF has %d pages, more than the limit of %d", n,
                      lim->max_pages);
    goto cleanup;
  }
  doc->pages = n;
  long iw = 0, ih = 0;
  bool render =
      !lim->max_image_pixels || largest_image(data, len, &iw, &ih) <= lim->max_image_pixels;
  if (!render)
    dx_doc_warn(doc, "image_too_large", 0,
                "the file holds an image of %ld x %ld pixels, more than the limit of %zu; its "
                "pages are not rendered (no OCR, no ruling lines)",
                iw, ih, lim->max_image_pixels);
  for (int i = 0; i < n && rc == DX_OK; i++) {
    PopplerPage *page = poppler_document_get_page(pd, i);
    if (!page) {
      dx_doc_warn(doc, "page_unreadable", i + 1, "page %d could not be read", i + 1);
      continue;
    }
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    g_array_set_size(gl, 0);
    g_array_set_size(rules, 0);
    size_t unmapped = 0;
    rc = page_glyphs(gl, page, lim, i + 1, &unmapped, err);
    if (rc == DX_OK && gl->len && unmapped * 100 > (size_t)gl->len * UNMAPPED_PCT)
      dx_doc_warn(doc, "text_layer_unreadable", i + 1,
                  "page %d: %zu of %u characters have no Unicode meaning (a font without a "
                  "ToUnicode map); the page needs OCR",
                  i + 1, unmapped, gl->len);
    /* a scan with an OCR text layer (ocrmypdf, Acrobat, scanner
     * software): its layer is judged against the image */
    bool replaced = false;
    if (rc == DX_OK && gl->len > 0 && render && w > 0 && h > 0 && is_image_page(page, w, h)) {
      if (lim->ocr_elsewhere)
        rc = dx_error_set(err, DX_EOCR_ELSEWHERE, "page %d needs OCR", i + 1);
      else
        rc = judge_layer(gl, rules, &replaced, page, w, h, lim, i + 1, doc, err);
    }
    int turn = replaced ? 0 : reading_turn(gl);
    dx_origin origin = DX_ORIGIN_PDF;
    if (rc == DX_OK && replaced) {
      origin = DX_ORIGIN_OCR;
      doc->format = DX_FORMAT_PDF_SCANNED;
    } else if (rc == DX_OK && gl->len == 0 && !render) {
      dx_doc_warn(doc, "page_without_text", i + 1, "page %d: no text layer, and not read by OCR",
                  i + 1);
    } else if (rc == DX_OK && gl->len == 0 && w > 0 && h > 0 && lim->ocr_elsewhere) {
      rc = dx_error_set(err, DX_EOCR_ELSEWHERE, "page %d needs OCR", i + 1);
    } else if (rc == DX_OK && gl->len == 0 && w > 0 && h > 0) {
      dx_doc_warn(doc, "page_without_text", i + 1, "page %d: no text layer, OCR used", i + 1);
      rc = ocr_page(gl, rules, page, w, h, lim, i + 1, doc, err);
      origin = DX_ORIGIN_OCR;
      doc->format = DX_FORMAT_PDF_SCANNED;
      turn = 0;
    } else if (rc == DX_OK && gl->len > 0 && w > 0 && h > 0 && render) {
      rc = page_rules(rules, page, gl, turn, w, h, lim, i + 1, doc, err);
    }
    g_object_unref(page);
    if (rc != DX_OK) break;
    dx_page pg = {.number = i + 1,
                  .width = turn % 180 ? h : w,
                  .height = turn % 180 ? w : h,
                  .rotation = turn,
                  .origin = origin,
                  .confidence = 1.0,
                  .glyphs = (dx_glyph *)(void *)gl->data,
                  .nglyphs = gl->len,
                  .rules = (dx_rule *)(void *)rules->data,
                  .nrules = rules->len};
    if (turn) turn_page(gl, rules, turn, w, h);
    rc = fn(ctx, &pg, err);
  }
  if (rc == DX_OK && complaints)
    dx_doc_warn(doc, "pdf_damaged", 0, "poppler reported %d problems reading the file (repaired)",
                complaints);
cleanup:
  g_array_free(gl, TRUE);
  g_array_free(rules, TRUE);
  if (pd) g_object_unref(pd);
  g_bytes_unref(bytes);
  if (gerr) g_error_free(gerr);
  g_log_remove_handler("Poppler", handler);
  return rc;
}
