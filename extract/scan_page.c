/* scan_page.c — a page image read by OCR: what a scanned PDF page and
 * an image file (image.c) share once their pixels are a grey raster at
 * DX_OCR_SCALE. The paper is cleaned (a photographed sheet flattened,
 * dark edges cleared, uneven light levelled, the skew taken out), seals
 * masked, the page turned when upside down, its text read (PP-OCRv4 or
 * tesseract) and its ruling lines and checkboxes found on the same
 * image. pdf.c renders a page into the raster; image.c decodes a file.
 */
#include "extract_int.h"

#include <math.h>
#include <string.h>

/* The shortest rule on a scan (points): longer than a character's
 * strokes at the usual 9-12 pt (a 一 is about an em), shorter than a
 * table row with one line of text. */
#define OCR_MIN_RULE_PT 13.0f
/* lines.c's dark runs on a scan include characters' strokes (a title's
 * bold 22 pt characters have strokes of 20 pt); those it finds this long
 * (points) are rules, scan.c's rules are rules whatever their length (it
 * tells strokes from rules by the ink beside them). */
#define TEXT_STROKE_PT 30.0f
/* Dark runs at least this long (points) guide the straightening: a rule
 * skewed by up to 3 degrees still leaves pieces this long in each pixel
 * row, a character's strokes do not. */
#define SKEW_RUN_PT 14.0
/* The most a scanned page is straightened (degrees). */
#define MAX_SKEW_DEG 3.0
/* A coarse scan (a fax: each of its rows two raster rows or more) is
 * turned only from this skew (0.34 degrees: where ruling.c's streak
 * check, STREAK_MIN_SLOPE, takes a rule's pieces for a slanted line):
 * below it its rules are read as they lie, and turning a page of few,
 * hard-edged pixels costs its characters some of their shape (turned
 * 0.15 degrees, the corpus's fax15 read 绩效目标表 as 绩效 标长 and lost
 * a form; by shears, whole-pixel shifts, it lost less, and fax80 more). */
#define COARSE_SKEW_MIN_DEG 0.34
/* Confidence in a checkbox read from pixels on a scan; and OCR's
 * confidence in a box-shaped character (口, 日, 田) past which the square
 * around it is that character: on the corpus scans, checkboxes read as
 * one came at 0.51-0.99, the characters 口, 日 and 田 in words at 0.999. */
#define BOX_CONF 0.9f
#define BOX_SURE_CHAR 0.99f
/* An empty square at least this share of the width of the character
 * OCR read on it is a box OCR misread (a checkbox is as wide as a
 * character): a character's own small square (the 口 of 叶) is half as
 * wide or less. */
#define BOX_WIDTH_OF_CHAR 0.75f
/* ... when OCR read a mark there, or a Han character with less
 * confidence than this: on the corpus's faxes, boxes thinned so came as
 * 己 or 山 at 0.46-0.56, and characters whose strokes left such a square
 * (门 and 目 of a title: 部门, 项目) at 0.75-0.95. */
#define BOX_MISREAD_HAN_CONF 0.6f
/* Confidence in a checkbox with a side missing (a fax's), found where
 * OCR read nothing: less sure than one seen whole. */
#define BOX_OPEN_CONF 0.7f
/* a dot read off a horizontal line has the line inside this fraction
 * of its box's height from either edge */
#define LEVEL_RULE_INSET 0.2f
/* A 1 read on a vertical line with less confidence than this is a dash
 * of the line (the photo's dashed border's piece came at 0.38); one OCR
 * is sure of is a digit its box reached the line with. */
#define DEBRIS_ONE_CONF 0.5f

void dx_raster_box(int out[4], const dx_raster *r, const float *box, double ix, double iy) {
  out[0] = CLAMP((int)floor((box[0] + ix) * r->scale), 0, r->w);
  out[1] = CLAMP((int)floor((box[1] + iy) * r->scale), 0, r->h);
  out[2] = CLAMP((int)ceil((box[2] - ix) * r->scale), 0, r->w);
  out[3] = CLAMP((int)ceil((box[3] - iy) * r->scale), 0, r->h);
}

static bool is_bar(const dx_glyph *g, const GArray *rules) {
  (void)rules;
  return g->cp == '|' || g->cp == 0xFF5C || g->cp == 0x4E28 || g->cp == 0xA6;
}

/* A fax may lose a row of pixels now and then; where it does, a dotted
 * vertical rule at a fax's 98 dpi (a dot every second row) has a gap of
 * three rows (2.2 pt), and a fax that loses every 19th row leaves such
 * a rule in pieces of 12 pt, shorter than OCR_MIN_RULE_PT. Such short
 * vertical pieces in line (within LOST_ROW_POS_PT across) with gaps up
 * to LOST_ROW_GAP_PT that together run TEXT_STROKE_PT or more are a
 * rule: a character's vertical strokes do not run in line that far.
 * Only short pieces make a chain: the short ends a turned fax leaves
 * beside its long rules, joined to them, cost a fax of the corpus
 * (fax80) a tenth of its facts. */
#define LOST_ROW_POS_PT 1.0f
#define LOST_ROW_GAP_PT 3.0f

typedef struct vpiece {
  float pos, a, b;
  guint i;
} vpiece;

static int vpiece_cmp(const void *x, const void *y) {
  const vpiece *s = x, *t = y;
  if (s->pos != t->pos) return s->pos < t->pos ? -1 : 1;
  return s->a < t->a ? -1 : s->a > t->a;
}

static guint chain_root(guint *up, guint i) {
  while (up[i] != i) i = up[i] = up[up[i]];
  return i;
}

/* Marks in `chained` the short vertical rules not in `stroke` that are
 * part of a chain of such pieces (see LOST_ROW_GAP_PT) running
 * TEXT_STROKE_PT. */
static void lost_row_chains(const GArray *rules, const bool *stroke, bool *chained) {
  vpiece *v = g_new(vpiece, rules->len + 1);
  guint n = 0;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    if (r->x0 == r->x1 && r->y0 != r->y1 && !stroke[i] && fabsf(r->y1 - r->y0) < OCR_MIN_RULE_PT)
      v[n++] = (vpiece){r->x0, MIN(r->y0, r->y1), MAX(r->y0, r->y1), i};
  }
  qsort(v, n, sizeof *v, vpiece_cmp);
  guint *up = g_new(guint, n + 1);
  float *lo = g_new(float, n + 1), *hi = g_new(float, n + 1);
  for (guint k = 0; k < n; k++) up[k] = k;
  for (guint k = 0; k < n; k++)
    for (guint j = k + 1; j < n && v[j].pos - v[k].pos <= LOST_ROW_POS_PT; j++)
      if (v[j].a <= v[k].b + LOST_ROW_GAP_PT && v[k].a <= v[j].b + LOST_ROW_GAP_PT)
        up[chain_root(up, j)] = chain_root(up, k);
  for (guint k = 0; k < n; k++) {
    lo[k] = v[k].a;
    hi[k] = v[k].b;
  }
  for (guint k = 0; k < n; k++) {
    guint root = chain_root(up, k);
    lo[root] = MIN(lo[root], v[k].a);
    hi[root] = MAX(hi[root], v[k].b);
  }
  for (guint k = 0; k < n; k++) {
    guint root = chain_root(up, k);
    chained[v[k].i] = hi[root] - lo[root] >= TEXT_STROKE_PT;
  }
  g_free(lo);
  g_free(hi);
  g_free(up);
  g_free(v);
}

/* A horizontal rule through the middle of a line of text: along its
 * whole length there are characters whose boxes it crosses well inside
 * (THROUGH_TEXT_MARGIN of their height from top and bottom), with gaps
 * between them of at most THROUGH_TEXT_GAP of their height. At 300 dpi
 * a bold line's strokes join across two characters and more (14-16 pt)
 * and touch a cell's side; a border runs along a line's top or bottom,
 * not through it. */
#define THROUGH_TEXT_MARGIN 0.25f
#define THROUGH_TEXT_GAP 0.5f
static bool through_text(const dx_rule *r, const GArray *gl) {
  float x0 = MIN(r->x0, r->x1), x1 = MAX(r->x0, r->x1), y = r->y0;
  /* the covered stretch grows from x0 as characters reach it */
  float reach = x0;
  bool grew = true;
  while (grew && reach < x1) {
    grew = false;
    for (guint k = 0; k < gl->len; k++) {
      const float *b = g_array_index(gl, dx_glyph, k).box;
      float h = b[3] - b[1], m = THROUGH_TEXT_MARGIN * h, gap = THROUGH_TEXT_GAP * h;
      if (h <= 0 || y <= b[1] + m || y >= b[3] - m) continue;
      if (b[0] - gap <= reach && b[2] + gap > reach) {
        reach = b[2] + gap;
        grew = true;
      }
    }
  }
  return reach >= x1;
}

/* What OCR reads a piece of a vertical rule as where a line of text
 * takes it in: a bracket (a fax's column rule beside 结束时间, 14 pt of
 * it in a row at a page's foot, read "[结束时间"), or a corner bracket
 * where the line's first row meets the cell's corner (a two-up sheet's
 * 71 % text running up to a cell's right border: 安排」 at 0.30-0.54,
 * the rule through the bracket's box). A vertical rule inside
 * such a glyph's box is the rule, not the glyph's stroke (a bracket of
 * the text is shorter than a rule: scan.c's are OCR_MIN_RULE_PT long),
 * and the glyph is debris (is_debris). */
static bool rule_lookalike(gunichar c) {
  return g_utf8_strchr("[]\u3010\u3011\u300C\u300D\u300E\u300F\uFF62\uFF63", -1, c) != NULL;
}

/* A bold title's strokes, blurred together, come out as dark runs as
 * long as a character (13-16 pt in a line of 19 pt boxes, bold 14 pt
 * characters) and 2.3-5.5 pt thick: a rule lying in a line of text
 * (within a glyph's box across the rule, within half the box's height of
 * it along) that is no longer than BOLD_STROKE_LEN times that glyph's box
 * height and at least BOLD_STROKE_THICK times it thick is such a stroke.
 * A border in a row of text is longer than the text's boxes are high (a
 * row's own height at least: 17-19 pt beside boxes of 14-17 on that
 * scan) or thin (0.3-1.7 pt there: 0.02-0.12 of those boxes). */
#define BOLD_STROKE_LEN 1.0f
#define BOLD_STROKE_THICK 0.11f
static bool bold_stroke(const dx_rule *r, const GArray *gl) {
  const float tol = 2.0f;
  bool vertical = r->x0 == r->x1;
  float a = vertical ? MIN(r->y0, r->y1) : MIN(r->x0, r->x1);
  float b = vertical ? MAX(r->y0, r->y1) : MAX(r->x0, r->x1);
  float pos = vertical ? r->x0 : r->y0;
  for (guint k = 0; k < gl->len; k++) {
    const float *g = g_array_index(gl, dx_glyph, k).box;
    float h = g[3] - g[1];
    if (h <= 0 || b - a > BOLD_STROKE_LEN * h || r->width < BOLD_STROKE_THICK * h) continue;
    bool in_line =
        vertical ? a >= g[1] - tol && b <= g[3] + tol && pos >= g[0] - h / 2 && pos <= g[2] + h / 2
                 : pos >= g[1] - tol && pos <= g[3] + tol && a <= g[2] + h / 2 && b >= g[0] - h / 2;
    if (in_line) return true;
  }
  return false;
}

/* A rule on a scan that fits inside a character's box give or take a
 * little, or runs through the middle of a line of text (through_text),
 * or is a bold character's stroke (bold_stroke),
 * or is shorter than OCR_MIN_RULE_PT but for a piece of a vertical rule
 * a lost row cut, is a character's stroke; but for a vertical one in a
 * glyph OCR read for a rule (rule_lookalike). */
void dx_drop_stroke_rules(GArray *rules, const GArray *gl) {
  const float tol = 2.0f;
  bool *stroke = g_new0(bool, rules->len + 1), *chained = g_new0(bool, rules->len + 1);
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    /* a short horizontal one is a stroke whatever the glyphs */
    stroke[i] = r->y0 == r->y1 && fabsf(r->x1 - r->x0) < OCR_MIN_RULE_PT;
    for (guint k = 0; k < gl->len && !stroke[i]; k++) {
      const float *b = g_array_index(gl, dx_glyph, k).box;
      if (r->x0 == r->x1 && rule_lookalike(g_array_index(gl, dx_glyph, k).cp)) continue;
      stroke[i] = MIN(r->x0, r->x1) >= b[0] - tol && MAX(r->x0, r->x1) <= b[2] + tol &&
                  MIN(r->y0, r->y1) >= b[1] - tol && MAX(r->y0, r->y1) <= b[3] + tol;
    }
    if (!stroke[i] && r->y0 == r->y1) stroke[i] = through_text(r, gl);
    if (!stroke[i]) stroke[i] = bold_stroke(r, gl);
  }
  lost_row_chains(rules, stroke, chained);
  guint keep = 0;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    bool short_one = fabsf(r->x1 - r->x0) + fabsf(r->y1 - r->y0) < OCR_MIN_RULE_PT;
    if (!stroke[i] && (!short_one || chained[i])) g_array_index(rules, dx_rule, keep++) = *r;
  }
  g_array_set_size(rules, keep);
  g_free(stroke);
  g_free(chained);
}

/* What OCR reads a checkbox as: □ as 口 or 囗, ☑ as 回, 团, 日 or 田. */
static bool box_lookalike(gunichar c) {
  return g_utf8_strchr(DX_CHECK_LOOKALIKES, -1, c) != NULL;
}

/* Checkboxes on a scan, from pixels: a small square (lines.c's
 * dx_find_boxes) with ink inside is ☑, an empty one ☐. It replaces what
 * OCR read there when that was a lookalike of a box of which OCR was not
 * sure; a square around another character is that character, but for an
 * empty square as wide as it (BOX_WIDTH_OF_CHAR): a box misread. */
/* How far above a box alone on its line the line it wrapped from may
 * end, in the box's heights, and how far left or right of that line's
 * first character the box may start, in its widths. */
#define BOX_WRAP_ABOVE 1.2f
#define BOX_WRAP_START 1.0f

/* Whether box b, with no character on its line, starts a line wrapped
 * from the text just above it: the nearest glyphs above end within
 * BOX_WRAP_ABOVE box heights of its top, no character's box overlaps
 * it, and the first of them right of
 * the nearest vertical rule left of the box (its cell's side) starts
 * where the box does. Sets *line to that first glyph and *at to the
 * index after the last glyph of that line. */
static bool wrapped_box(const GArray *gl, const GArray *rules, const dx_glyph *b, dx_glyph *line,
                        guint *at) {
  float bw = b->box[2] - b->box[0], bh = b->box[3] - b->box[1], bottom = -G_MAXFLOAT;
  float side = -G_MAXFLOAT;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    float y0 = MIN(r->y0, r->y1), y1 = MAX(r->y0, r->y1);
    /* a cell's side, not the box's own: it runs on past the box */
    if (r->x0 == r->x1 && r->x0 < b->box[0] - 1 && y0 <= b->box[1] - bh && y1 >= b->box[3])
      side = MAX(side, r->x0);
  }
  for (guint k = 0; k < gl->len; k++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, k);
    /* a square inside a character OCR read (口 of 部) is the character's */
    if (g->box[0] < b->box[2] && b->box[0] < g->box[2] && g->box[1] < b->box[3] &&
        b->box[1] < g->box[3])
      return false;
    if (g->box[3] <= b->box[1] + bh / 2 && g->box[3] >= b->box[1] - BOX_WRAP_ABOVE * bh)
      bottom = MAX(bottom, g->box[3]);
  }
  if (bottom == -G_MAXFLOAT) return false;
  const dx_glyph *first = NULL;
  guint last = 0;
  for (guint k = 0; k < gl->len; k++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, k);
    float cy = (g->box[1] + g->box[3]) / 2;
    if (cy > bottom || cy < bottom - 2 * bh || g->box[0] < side) continue;
    if (!first || g->box[0] < first->box[0]) first = g;
    last = k + 1;
  }
  if (!first || fabsf(first->box[0] - b->box[0]) > BOX_WRAP_START * bw) return false;
  *line = *first;
  line->box[1] = b->box[1];
  line->box[3] = b->box[3];
  *at = last;
  return true;
}

static void scan_checkboxes(GArray *gl, const GArray *rules, const dx_raster *r, bool coarse) {
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  /* on a copy: the box's sides stay rules until dx_drop_stroke_rules finds
   * them inside the box's glyph */
  GArray *sides = g_array_copy((GArray *)rules);
  dx_find_boxes(sides, boxes, r->grey, r->w, r->h, r->w, r->scale);
  g_array_free(sides, TRUE);
  /* and boxes too small for their sides to be rules: ink shapes, where
   * no box was found from rules */
  GArray *marks = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  dx_find_box_marks(marks, r->grey, r->w, r->h, r->w, r->scale, coarse);
  guint nrules = boxes->len;
  for (guint i = 0; i < marks->len; i++) {
    const dx_glyph *m = &g_array_index(marks, dx_glyph, i);
    bool known = false;
    for (guint k = 0; k < nrules && !known; k++) {
      const float *b = g_array_index(boxes, dx_glyph, k).box;
      known = m->box[0] < b[2] && b[0] < m->box[2] && m->box[1] < b[3] && b[1] < m->box[3];
    }
    if (!known) g_array_append_val(boxes, *m);
  }
  g_array_free(marks, TRUE);
  for (guint i = 0; i < boxes->len; i++) {
    dx_glyph b = g_array_index(boxes, dx_glyph, i);
    const float tol = 1.0f;
    bool other = false;
    guint at = gl->len, inside = 0;
    dx_glyph line = b; /* a glyph of the box's text line: its height and size */
    float bw = b.box[2] - b.box[0], bh = b.box[3] - b.box[1];
    bool empty = b.cp == DX_CHECK_OFF_CP;
    for (guint k = 0; k < gl->len && !other; k++) {
      const dx_glyph *g = &g_array_index(gl, dx_glyph, k);
      float cx = (g->box[0] + g->box[2]) / 2, cy = (g->box[1] + g->box[3]) / 2;
      if (cx < b.box[0] - tol || cx > b.box[2] + tol || cy < b.box[1] - tol || cy > b.box[3] + tol)
        continue;
      if (g->ocr_tail) continue; /* a guess at the box's ink: nothing read */
      /* an empty square as wide as the character read there is no
       * character's own square but 口's: a mark OCR read there, or a
       * character it was unsure of, is the box misread (！ or 己 for a
       * box a fax thinned) */
      bool misread = empty && !box_lookalike(g->cp) &&
                     bw >= BOX_WIDTH_OF_CHAR * (g->box[2] - g->box[0]) &&
                     (g_unichar_get_script(g->cp) != G_UNICODE_SCRIPT_HAN ||
                      g->ocr_conf < BOX_MISREAD_HAN_CONF);
      other = (!box_lookalike(g->cp) && !misread) || g->ocr_conf >= BOX_SURE_CHAR;
      at = MIN(at, k);
      line = *g;
      inside++;
    }
    if (other || bw > 1.25f * bh || bh > 1.25f * bw)
      continue; /* a character's own square (口 in 人口, 田, 日), or no square */
    /* a box with a side missing (a fax's) is taken only where OCR read
     * nothing, or the square is empty: where it read 日 it may be 日
     * whose top the fax lost (its middle stroke is ink inside) */
    bool open = b.ocr_conf > 0;
    if (open && inside > 0 && !empty) continue;
    if (inside == 0) {
      /* OCR read nothing there (a ticked box often): a box beside text on
       * its line, after the last glyph left of it */
      bool beside = false;
      float left = -G_MAXFLOAT, right = G_MAXFLOAT, mid = (b.box[0] + b.box[2]) / 2;
      at = gl->len;
      for (guint k = 0; k < gl->len; k++) {
        const dx_glyph *g = &g_array_index(gl, dx_glyph, k);
        float cx = (g->box[0] + g->box[2]) / 2, cy = (g->box[1] + g->box[3]) / 2;
        if (cy < b.box[1] || cy > b.box[3]) continue;
        if (g->ocr_tail && cx >= b.box[0] - tol && cx <= b.box[2] + tol) continue;
        if (cx < mid)
          left = MAX(left, g->box[2]);
        else
          right = MIN(right, g->box[0]);
        float gap = MAX(g->box[0] - b.box[2], b.box[0] - g->box[2]);
        if (gap < 2 * bw) {
          beside = true;
          line = *g;
        }
        if (g->box[2] <= b.box[0] + tol) at = k + 1;
      }
      /* alone on its line: an option's box wrapped to the start of the
       * next line (延续项目 / ☒), under the start of the text above */
      if (!beside && left == -G_MAXFLOAT && right == G_MAXFLOAT)
        beside = wrapped_box(gl, rules, &b, &line, &at);
      /* no room for a box between the characters OCR read on each side:
       * the square is a part of one (目 in a title's 湘) */
      if (!beside || right - left < bw) continue;
    }
    /* the box takes the place of what OCR read there, in its line */
    guint keep = 0;
    for (guint k = 0; k < gl->len; k++) {
      const dx_glyph *g = &g_array_index(gl, dx_glyph, k);
      float cx = (g->box[0] + g->box[2]) / 2, cy = (g->box[1] + g->box[3]) / 2;
      bool in = cx >= b.box[0] - tol && cx <= b.box[2] + tol && cy >= b.box[1] - tol &&
                cy <= b.box[3] + tol;
      if (!in) g_array_index(gl, dx_glyph, keep++) = *g;
    }
    g_array_set_size(gl, keep);
    b.ocr_conf = open ? BOX_OPEN_CONF : BOX_CONF;
    b.box[1] = MIN(b.box[1], line.box[1]);
    b.box[3] = MAX(b.box[3], line.box[3]);
    b.size = line.size;
    at = MIN(at, gl->len);
    g_array_insert_val(gl, MIN(at, gl->len), b);
  }
  g_array_free(boxes, TRUE);
}

/* A dot or a dash OCR read off a dotted or dashed horizontal line that
 * a line of text took in: the line runs through the middle of its box
 * (a full stop or a dash of text sits inside a cell, clear of its
 * borders; a line through text itself is its strokes, dropped before). */
static bool on_level_rule(const dx_glyph *g, const GArray *rules) {
  if (!g_utf8_strchr(".\u00B7\u2026\u2025\uFF0E\u30FB-_\u2014\u2013\uFF0D\u2010~", -1, g->cp))
    return false;
  float cx = (g->box[0] + g->box[2]) / 2;
  float in = (g->box[3] - g->box[1]) * LEVEL_RULE_INSET;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    if (r->y0 == r->y1 && r->y0 >= g->box[1] + in && r->y0 <= g->box[3] - in && r->x0 <= cx &&
        r->x1 >= cx)
      return true;
  }
  return false;
}

/* A quote mark or a tick OCR read where a character meets a vertical
 * line: the line's junction, not text. And what a dashed vertical line
 * (a dash over a dot, a dash under a rule across, two dots) is read as
 * where a line of text took it in: ！, T or ： with the line through its
 * box, or a 1 OCR was unsure of (photo: "较大以上火灾事故 1" at 0.38). */
static bool is_debris(const dx_glyph *g, const GArray *rules) {
  if (on_level_rule(g, rules)) return true;
  bool mark = g_utf8_strchr("\"'`\u2018\u2019\u201C\u201D", -1, g->cp) != NULL;
  /* a 1 OCR doubts: a dash of the line read as a digit; or as 一 (a
   * two-up sheet's cell border beside a wrapped line, 2.6 pt wide at
   * 0.05: 三定一方案) */
  bool one =
      g_utf8_strchr("1lI|\u4E00", -1, g->cp) && g->ocr_conf > 0 && g->ocr_conf < DEBRIS_ONE_CONF;
  if (!mark && !one && !rule_lookalike(g->cp) && !g_utf8_strchr("!T:\uFF01\u4E28\uFF1A", -1, g->cp))
    return false;
  const float tol = mark ? 2.0f : 0.0f;
  float cx = (g->box[0] + g->box[2]) / 2;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *r = &g_array_index(rules, dx_rule, i);
    if (r->x0 == r->x1 && fabsf(r->x0 - cx) < (g->box[2] - g->box[0]) / 2 + tol &&
        r->y0 < g->box[3] && r->y1 > g->box[1])
      return true;
  }
  return false;
}

/* Removes the glyphs `drop` says are not text. */
static void drop_glyphs(GArray *gl, const GArray *rules,
                        bool (*drop)(const dx_glyph *, const GArray *)) {
  guint keep = 0;
  for (guint i = 0; i < gl->len; i++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, i);
    if (!drop(g, rules)) g_array_index(gl, dx_glyph, keep++) = *g;
  }
  g_array_set_size(gl, keep);
}

/* The rules tesseract's lines stop at (dx_ocr_image): scan.c's, and
 * lines.c's runs too long to be a character's stroke. */
static GArray *tess_rules(const dx_raster *r) {
  GArray *rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  dx_find_rules(rules, r->grey, r->w, r->h, r->w, r->scale);
  guint keep = 0;
  for (guint i = 0; i < rules->len; i++) {
    const dx_rule *u = &g_array_index(rules, dx_rule, i);
    if (fabsf(u->x1 - u->x0) + fabsf(u->y1 - u->y0) >= TEXT_STROKE_PT)
      g_array_index(rules, dx_rule, keep++) = *u;
  }
  g_array_set_size(rules, keep);
  dx_scan_rules(rules, r->grey, r->w, r->h, r->w, r->scale, false);
  return rules;
}

/* Whether tesseract reads the page (lim's engine, or PP-OCRv4 not loading). */
static bool by_tesseract(const dx_limits *lim) {
  dx_error why = {0};
  return lim->ocr_engine == DX_OCR_TESSERACT ||
         (lim->ocr_engine == DX_OCR_AUTO && !dx_ppocr_available(&why));
}

/* The text of a page image: PP-OCRv4's reading of pp when the page was
 * opened with it, else tesseract's (DX_OCR_AUTO: with a warning saying
 * why, `why`). */
static dx_code read_image(GArray *gl, const dx_raster *r, dx_ppocr_page *pp, const dx_error *why,
                          const dx_limits *lim, dx_doc *doc, bool *late, dx_error *err) {
  if (pp) return dx_ppocr_read(gl, pp, r->scale, lim->ocr_deadline_ms, &lim->words, late, err);
  if (lim->ocr_engine == DX_OCR_AUTO) {
    bool told = false;
    for (guint i = 0; i < doc->warnings->len && !told; i++)
      told = strcmp(((dx_warning *)g_ptr_array_index(doc->warnings, i))->code, "ocr_fallback") == 0;
    if (!told)
      dx_doc_warn(doc, "ocr_fallback", 0, "read by tesseract, not PP-OCRv4: %s", why->message);
  }
  /* tesseract reads line by line, and lines stop at the table's rules:
   * found here on the same image, as ocr_page finds them after reading */
  GArray *rules = tess_rules(r);
  dx_code rc = dx_ocr_image(gl, r->grey, r->w, r->h, r->w, r->scale, (const dx_rule *)rules->data,
                            rules->len, &lim->words, lim->ocr_deadline_ms, late, err);
  g_array_free(rules, TRUE);
  return rc;
}

/* The page image turned upside down. */
static void turn_grey(dx_raster *r) {
  size_t n = (size_t)r->w * (size_t)r->h;
  for (size_t i = 0; i < n / 2; i++) {
    uint8_t t = r->grey[i];
    r->grey[i] = r->grey[n - 1 - i];
    r->grey[n - 1 - i] = t;
  }
}

/* Seals looked for on one page. */
#define MAX_SEALS 4

/* Characters OCR read on a page whose seals' rings were masked: what
 * lies inside a ring and is no darker than its ink is the seal's own
 * text or star, not the form's, and goes; what a seal covers is marked
 * (a value read through a seal is less sure). */
static void seal_text(GArray *gl, const dx_seal *seals, size_t n, const dx_raster *r) {
  guint keep = 0;
  for (guint i = 0; i < gl->len; i++) {
    dx_glyph g = g_array_index(gl, dx_glyph, i);
    double cx = (g.box[0] + g.box[2]) / 2 * r->scale, cy = (g.box[1] + g.box[3]) / 2 * r->scale;
    double half = hypot(g.box[2] - g.box[0], g.box[3] - g.box[1]) / 2 * r->scale;
    bool seal_own = false;
    for (size_t k = 0; k < n && !seal_own; k++) {
      double d = hypot(cx - seals[k].cx, cy - seals[k].cy);
      if (d > seals[k].r_out + half) continue;
      int px[4];
      dx_raster_box(px, r, g.box, 0, 0);
      seal_own = d < seals[k].r_in && dx_seal_ink(&seals[k], r->grey, r->w, r->h, r->w, px);
      g.under_seal = true;
    }
    if (!seal_own) g_array_index(gl, dx_glyph, keep++) = g;
  }
  g_array_set_size(gl, keep);
}

/* A scan of fewer than SHARP_DPI dots per inch either way (a fax's 98
 * lines per inch) leaves characters a few pixels high, and OCR's
 * probabilities stay high on its misreads (100 vs 98 dpi: 日 for 目, 土
 * for 王 at 0.95). Each character's confidence is scaled by
 * 1 - LOW_DPI_LOSS for every 50 dpi below SHARP_DPI, down to
 * LOW_DPI_FLOOR: a value of n characters by that to the n-th. */
#define SHARP_DPI 150.0
#define LOW_DPI_LOSS 0.05
#define LOW_DPI_FLOOR 0.85

static void low_dpi_doubt(GArray *gl, double dpi) {
  double f = MAX(LOW_DPI_FLOOR, 1 - LOW_DPI_LOSS * (SHARP_DPI - dpi) / 50);
  for (guint i = 0; i < gl->len; i++) g_array_index(gl, dx_glyph, i).ocr_conf *= (float)f;
}

/* The paper of a page image made fit to read, in place (r->grey may be
 * replaced): a photographed sheet's perspective out and the desk around
 * it off, else dark bands along its edges cleared; uneven light evened;
 * the skew taken out. Each step that changed the page is warned. */
/* Rows of the raster that each of the scan's rows is drawn over (1 when
 * the scan's resolution is unknown). */
static double scan_pitch(const dx_raster *r, double dpi) {
  return dpi > 0 ? floor(r->scale * 72 / dpi) : 1;
}

static void clean_page(dx_raster *r, double dpi, int pageno, dx_doc *doc) {
  /* a photographed sheet: its perspective out, the desk around it off */
  double corner[8];
  int spread = 0;
  bool photo = dx_flatten_photo(r->grey, r->w, r->h, r->w, corner);
  if (photo) {
    dx_doc_warn(doc, "page_flattened", pageno,
                "page %d: a photographed sheet (corners at %.0f,%.0f %.0f,%.0f %.0f,%.0f "
                "%.0f,%.0f pt) was flattened",
                pageno, corner[0] / r->scale, corner[1] / r->scale, corner[2] / r->scale,
                corner[3] / r->scale, corner[4] / r->scale, corner[5] / r->scale,
                corner[6] / r->scale, corner[7] / r->scale);
  } else {
    /* a lid's shadow or a copier's border along an edge */
    int band[4];
    if (dx_clear_dark_edges(r->grey, r->w, r->h, r->w, r->scale, band))
      dx_doc_warn(doc, "page_edge_cleared", pageno,
                  "page %d: dark bands along its edges (top %.0f, right %.0f, bottom %.0f, "
                  "left %.0f pt: a lid's shadow, a copy's border) were cleared",
                  pageno, band[0] / r->scale, band[1] / r->scale, band[2] / r->scale,
                  band[3] / r->scale);
  }
  if (!photo && dx_level_paper(r->grey, r->w, r->h, r->w, &spread)) {
    /* a copy's fog or a lid's shadow read as rules and ink */
    dx_doc_warn(doc, "page_levelled", pageno,
                "page %d: the paper's light varied by %d grey levels and was evened", pageno,
                spread);
  }
  if (!photo) {
    /* the back's print showing through thin paper: read as text, its
     * rules joined to the page's */
    int paper = 0, ink = 0;
    double area = 0;
    long px = dx_drop_show_through(r->grey, r->w, r->h, r->w, r->scale, &paper, &ink, &area);
    if (px && area > 0)
      dx_doc_warn(doc, "page_show_through", pageno,
                  "page %d: %.0f cm2 of ink far lighter than the page's own (the back's print "
                  "showing through) left out",
                  pageno, area * (2.54 / 72) * (2.54 / 72));
  }
  /* a scan is rarely straight: rules and lines must run along the axes;
   * its angle is found in rows as high as the scan's own where the
   * raster draws each of those two rows high or more (a fax's 98 dpi) */
  double pitch = scan_pitch(r, dpi);
  double skew =
      dx_skew_angle(r->grey, r->w, r->h, r->w, MAX_SKEW_DEG, (int)(SKEW_RUN_PT * r->scale), pitch);
  bool coarse = pitch >= 2;
  if (fabs(skew) > (coarse ? COARSE_SKEW_MIN_DEG : 0.02) * G_PI / 180) {
    dx_doc_warn(doc, "page_deskewed", pageno, "page %d: the scan was straightened by %.2f degrees",
                pageno, skew * 180 / G_PI);
    uint8_t *straight = dx_rotate_grey(r->grey, r->w, r->h, r->w, skew);
    g_free(r->grey);
    r->grey = straight;
  }
}

/* The page image's text into gl: PP-OCRv4 (unless tesseract is asked
 * for, or it cannot load and tesseract stands in) finds the page's text
 * lines once; a page scanned upside down is turned first (PP-OCRv4
 * tells, and its lines are found again on the turned image; else
 * tesseract tells, reading its widest lines both ways), and its seals
 * with it. *late: OCR stopped at its deadline. */
static dx_code read_text(GArray *gl, dx_raster *r, dx_seal *seals, size_t nseals, bool low_dpi,
                         const dx_limits *lim, int pageno, dx_doc *doc, bool *late, dx_error *err) {
  dx_code rc = DX_OK;
  dx_error why = {0};
  dx_ppocr_page *pp = NULL;
  if (lim->ocr_engine == DX_OCR_PPOCR ||
      (lim->ocr_engine == DX_OCR_AUTO && dx_ppocr_available(&why))) {
    pp = dx_ppocr_open(r->grey, r->w, r->h, r->w, low_dpi, err);
    if (!pp) rc = err->code;
  }
  dx_error no = {0};
  bool turned = false;
  if (pp && dx_ppocr_upright(pp, &no) == 180) {
    dx_ppocr_close(pp); /* it reads r->grey, about to be turned */
    turn_grey(r);
    turned = true;
    pp = dx_ppocr_open(r->grey, r->w, r->h, r->w, low_dpi, err);
    if (!pp) rc = err->code;
  } else if (!pp && rc == DX_OK && by_tesseract(lim)) {
    GArray *tr = tess_rules(r);
    int turn = dx_ocr_upright(r->grey, r->w, r->h, r->w, r->scale, (const dx_rule *)tr->data,
                              tr->len, &why);
    g_array_free(tr, TRUE);
    if (turn == 180) {
      turn_grey(r);
      turned = true;
    }
  }
  if (turned) {
    dx_doc_warn(doc, "page_turned", pageno, "page %d: scanned upside down; turned to read it",
                pageno);
    for (size_t i = 0; i < nseals; i++) { /* the seals turned with the page */
      seals[i].cx = (float)(r->w - 1) - seals[i].cx;
      seals[i].cy = (float)(r->h - 1) - seals[i].cy;
    }
  }
  if (rc == DX_OK) rc = read_image(gl, r, pp, &why, lim, doc, late, err);
  dx_ppocr_close(pp);
  return rc;
}

/* The ruling lines and checkboxes of a page image whose text gl holds,
 * found on the scan as it is: a table's lines are longer than any
 * stroke of a character, and masking OCR's boxes would cut them where
 * text touches them. The dark runs lines.c finds, and the lines scan.c
 * finds by their shape (a scanner leaves hairlines grey, blurred and
 * broken): ruling.c snaps the two copies of a line into one. scan.c's
 * alone lost facts on three scans of the corpus (a row cut by a page
 * break read differently, a grid of a fax) that lines.c's rules read
 * right. */
static void find_lines(GArray *gl, GArray *rules, const dx_raster *r, double dpi) {
  /* a table's line that OCR kept is read as a bar: it is a rule */
  drop_glyphs(gl, NULL, is_bar);
  bool coarse = scan_pitch(r, dpi) >= 2;
  dx_find_rules(rules, r->grey, r->w, r->h, r->w, r->scale);
  scan_checkboxes(gl, rules, r, coarse);
  dx_scan_rules(rules, r->grey, r->w, r->h, r->w, r->scale, coarse);
  dx_drop_stroke_rules(rules, gl);
  /* quotes and dots where a line meets a character are debris */
  drop_glyphs(gl, rules, is_debris);
}

dx_code dx_scan_read(GArray *gl, GArray *rules, dx_raster *r, double dpi, const dx_limits *lim,
                     int pageno, dx_doc *doc, dx_error *err) {
  /* a red seal stamped over text is left out (more than a few dots of
   * red: a seal's ring alone is thousands of pixels) */
  if (r->red_px > (size_t)(r->scale * r->scale * 20))
    dx_doc_warn(doc, "red_ink_dropped", pageno,
                "page %d: red ink (a seal) over %.1f cm2 left out before reading", pageno,
                (double)r->red_px / (r->scale * r->scale) * (2.54 / 72) * (2.54 / 72));
  if (!r->grey) return DX_OK;
  clean_page(r, dpi, pageno, doc);
  /* a seal stamped on the page: its ring would read as borders and its
   * text as lines (found before the page's lines are) */
  dx_seal seals[MAX_SEALS];
  size_t nseals = dx_find_seals(seals, MAX_SEALS, r->grey, r->w, r->h, r->w, r->scale);
  for (size_t i = 0; i < nseals; i++) {
    dx_mask_seal(r->grey, r->w, r->h, r->w, &seals[i], r->scale);
    dx_doc_warn(doc, "seal_masked", pageno,
                "page %d: a round seal %.0f mm across left out before reading", pageno,
                2 * seals[i].r_out / r->scale * 25.4 / 72);
  }
  bool late = false;
  bool low_dpi = dpi > 0 && round(dpi) < SHARP_DPI;
  dx_code rc = read_text(gl, r, seals, nseals, low_dpi, lim, pageno, doc, &late, err);
  if (rc == DX_OK && nseals) seal_text(gl, seals, nseals, r);
  if (rc == DX_OK && low_dpi) {
    low_dpi_doubt(gl, dpi);
    dx_doc_warn(doc, "low_resolution", pageno,
                "page %d: scanned at %.0f dpi (fewer than %.0f); what OCR read is less sure",
                pageno, dpi, SHARP_DPI);
  }
  if (late)
    dx_doc_warn(doc, "ocr_timeout", pageno,
                "page %d: OCR stopped at its deadline of %d ms; the page may be incomplete", pageno,
                lim->ocr_deadline_ms);
  if (rc == DX_OK) find_lines(gl, rules, r, dpi);
  if (rc == DX_OK && lim->page_raster)
    lim->page_raster(lim->page_raster_ctx, pageno, r->grey, r->w, r->h, r->scale);
  return rc;
}
