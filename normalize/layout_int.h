/* layout_int.h — the layout stage's own header (normalize/ only; the
 * stage's contract is dx_layout_* in dx_normalize.h).
 *
 * The stage's files:
 *   layout.c      glyphs and ruling lines to tables and paragraphs
 *   lines_text.c  glyphs as text lines, spaces, wraps (used by all)
 * Symbols one file shares with another are prefixed lay_; the rest stay
 * static in their file.
 */
#ifndef DX_LAYOUT_INT_H
#define DX_LAYOUT_INT_H

#include "dx_normalize.h"

/* ---- tuning shared by several files --------------------------------- */

/* A line ends in a wrap when what is left before the cell's right border
 * is less than the next line's first word plus this (cell padding is
 * 5.4 pt in Word and LibreOffice; over the corpus, wrapped lines leave
 * at most ~6 pt more than the next word). */
#define WRAP_SLACK_PT 6.5
/* A line continues a paragraph when it starts within this many ems of
 * the left margin (a wrap), or is centred within this many ems under a
 * centred line before it (a wrapped title). */
#define PARA_INDENT_EM 1.5
#define PARA_CENTRE_EM 1.0

/* ---- types ---------------------------------------------------------- */

/* A line of text: glyphs left to right (a view into an array of glyph
 * pointers sorted by lay_text_lines). */
typedef struct tline {
  dx_glyph **g;
  size_t n;
  float x0, x1, y0, y1, size;
  float han_gap; /* the usual gap between two Han characters on the line */
} tline;

/* How a cell's text ends, for joining a row a page break cut in two. */
typedef struct text_ends {
  float room;      /* space left after the last line, before `right` */
  float head_word; /* width of the first line's first word */
  bool cjk_tail, cjk_head;
} text_ends;

/* ---- small helpers: inline, they run per glyph and in sorts ---------- */

static inline bool lay_is_han(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

/* Han, CJK punctuation and full-width forms: text set without spaces. */
static inline bool lay_is_cjk(uint32_t c) {
  return lay_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* The em of a glyph, in points. A Han character is one em wide, whatever
 * the font reports (Type 3 fonts report sizes and ascents that have
 * little to do with the drawing); other glyphs use the font size when it
 * agrees with the box. */
static inline float lay_glyph_size(const dx_glyph *g) {
  float w = g->box[2] - g->box[0], h = g->box[3] - g->box[1];
  if (lay_is_cjk(g->cp) && w > 1) return w;
  if (g->size > 0 && (h <= 0 || g->size <= 1.5f * h)) return g->size;
  return h > 0 ? h * 0.77f : 10.0f; /* ascent to descent is ~1.3 em */
}

static inline float lay_cy(const dx_glyph *g) {
  return (g->box[1] + g->box[3]) / 2;
}

static inline float lay_cx(const dx_glyph *g) {
  return (g->box[0] + g->box[2]) / 2;
}

/* qsort order of floats. */
static inline int lay_float_cmp(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

/* ---- lines_text.c ----------------------------------------------------- */

/* Groups glyphs (sorted in place) into text lines, top to bottom, each
 * left to right. Returns the number of lines; *out is g_free'd. */
size_t lay_text_lines(tline **out, dx_glyph **g, size_t n);
/* The median gap between neighbouring Han characters of a line. */
float lay_han_gap(const tline *l);
/* Appends a line's text, with the spaces its gaps stand for. */
void lay_line_text(GString *out, const tline *l);
/* Text of glyphs (reordered in place) laid out within [left, right],
 * paragraphs apart by '\n'; *ends (when given) says how it ends. g_free. */
char *lay_glyph_text(dx_glyph **g, size_t n, float right, text_ends *ends);
/* The product of OCR's confidences in glyphs g[0..n) (0 when none was
 * read by OCR), with DX_CELL_OCR_LOW and DX_CELL_SEAL_OVERLAP in *flags. */
double lay_ocr_product(dx_glyph *const *g, size_t n, unsigned *flags);
/* Whether the page leaves in doubt if the text has a space between a Han
 * character and a Latin letter or digit (text layers only). */
bool lay_spacing_doubt(dx_glyph *const *g, size_t n);
/* Punctuation that may not start a line (kinsoku). */
bool lay_no_line_start(uint32_t c);
/* Width of the first unbreakable piece of glyphs g[0..n). */
float lay_piece_width(dx_glyph *const *g, size_t n);
/* Width of a line's first unbreakable piece. */
float lay_first_word(const tline *l);
/* Whether a line starts a numbered item ("2、", "(3)", "②", "三、"). */
bool lay_starts_item(const tline *l);
/* Whether a wrap from line p into line l stood at a space. */
bool lay_wrap_spaced(const tline *p, const tline *l);
/* Whether s opens a bracket it does not close. */
bool lay_unclosed(const char *s);

#endif
