/* lines_text.c — glyphs as text: lines, the spaces their gaps stand
 * for, and where a line wraps into the next or a paragraph starts
 * (kinsoku, numbered items, sentence ends). The other parts of the
 * layout stage read text through these.
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>

/* A glyph starts a new text line when its centre is lower than the
 * line's by more than this share of its size. */
#define LINE_SPLIT_EM 0.5
/* Gap (share of the font size) that is a space between two glyphs. */
#define SPACE_EM 0.15
/* Between Han and Latin text Word and LibreOffice add a fifth of an em
 * of their own (East Asian autospace, 0.21 em measured); a space glyph
 * of a CJK font is wider (0.25 em and up). */
#define AUTOSPACE_EM 0.235
/* Han text has no spaces between characters; a gap this much wider
 * (share of the size) than the line's usual gap between Han characters
 * is a space in the source ("办 单位", "年   月   日"). Spaced-out
 * labels ("项 目 名 称") and justified lines have wide usual gaps. */
#define HAN_SPACE_EM 0.2
/* ... and next to a Han character read by OCR. */
#define OCR_SPACE_EM 0.8
/* The same beside a checkbox (of the line's height, as sizes of OCR'd
 * glyphs are). */
#define OCR_BOX_SPACE_EM 0.15
/* OCR's confidence in a character below which its cell is flagged
 * ocr_low_confidence. */
#define OCR_LOW_CONF 0.7
/* What is left of OCR's confidence in characters read through a seal
 * stamped over them (its ring and text masked, not always cleanly). */
#define SEAL_CONF 0.85
/* Gaps between Han and Latin (ems) that may be a producer's automatic
 * spacing (~0.2 em) or a typed space (0.25-0.33 em): either way round. */
#define SPACING_DOUBT_LO_EM 0.12
#define SPACING_DOUBT_HI_EM 0.4

static bool is_latin(uint32_t c) {
  return c < 0x3000 && g_unichar_isalnum(c);
}

static int by_y(const void *a, const void *b) {
  const dx_glyph *x = *(dx_glyph *const *)a, *y = *(dx_glyph *const *)b;
  float d = lay_cy(x) - lay_cy(y);
  return d < 0 ? -1 : d > 0 ? 1 : (x < y ? -1 : x > y);
}

static int by_x(const void *a, const void *b) {
  const dx_glyph *x = *(dx_glyph *const *)a, *y = *(dx_glyph *const *)b;
  float d = x->box[0] - y->box[0];
  return d < 0 ? -1 : d > 0 ? 1 : (x < y ? -1 : x > y);
}

/* The median gap between neighbouring Han characters: 0 in running text,
 * the letter spacing in a spaced-out label ("项 目 名 称") or a justified
 * line. */
float lay_han_gap(const tline *l) {
  float *gaps = g_new(float, l->n ? l->n : 1);
  size_t m = 0;
  for (size_t k = 1; k < l->n; k++)
    if (lay_is_cjk(l->g[k - 1]->cp) && lay_is_cjk(l->g[k]->cp))
      gaps[m++] = MAX(0.0f, l->g[k]->box[0] - l->g[k - 1]->box[2]);
  float med = 0;
  if (m) {
    qsort(gaps, m, sizeof *gaps, lay_float_cmp);
    med = gaps[m / 2];
  }
  g_free(gaps);
  return med;
}

/* Groups glyphs (sorted in place) into text lines, top to bottom, each
 * left to right. Returns the number of lines; *out is g_free'd. */
size_t lay_text_lines(tline **out, dx_glyph **g, size_t n) {
  qsort(g, n, sizeof(dx_glyph *), by_y);
  tline *ls = g_new0(tline, n ? n : 1);
  size_t nl = 0;
  for (size_t i = 0; i < n;) {
    float ref = lay_cy(g[i]), sz = lay_glyph_size(g[i]);
    size_t j = i + 1;
    while (j < n && lay_cy(g[j]) - ref <= LINE_SPLIT_EM * MAX(sz, lay_glyph_size(g[j]))) j++;
    qsort(g + i, j - i, sizeof(dx_glyph *), by_x);
    tline *l = &ls[nl++];
    l->g = g + i;
    l->n = j - i;
    l->x0 = l->y0 = INFINITY;
    l->x1 = l->y1 = -INFINITY;
    for (size_t k = i; k < j; k++) {
      l->x0 = MIN(l->x0, g[k]->box[0]);
      l->x1 = MAX(l->x1, g[k]->box[2]);
      l->y0 = MIN(l->y0, g[k]->box[1]);
      l->y1 = MAX(l->y1, g[k]->box[3]);
      l->size = MAX(l->size, lay_glyph_size(g[k]));
    }
    l->han_gap = lay_han_gap(l);
    i = j;
  }
  *out = ls;
  return nl;
}

/* Whether the gap between two neighbours on a line is a space; han_gap
 * is the line's usual gap between Han characters. */
static bool spaced(const dx_glyph *a, const dx_glyph *b, float han_gap) {
  float gap = b->box[0] - a->box[2], sz = MAX(lay_glyph_size(a), lay_glyph_size(b));
  if (a->ocr_conf > 0 && b->ocr_conf > 0) {
    /* OCR: between letters and digits its word boundaries say where the
     * spaces were; next to Han characters only a wide gap is one (its
     * words' boxes are ink, their gaps uneven) */
    if (!lay_is_cjk(a->cp) && !lay_is_cjk(b->cp)) return b->space_before;
    /* a checkbox read from pixels has its ink's box: a space beside it
     * is a gap as wide as a space */
    if (dx_is_check(a->cp) || dx_is_check(b->cp)) return gap > OCR_BOX_SPACE_EM * sz;
    return gap - (lay_is_cjk(a->cp) && lay_is_cjk(b->cp) ? han_gap : 0) > OCR_SPACE_EM * sz;
  }
  if (lay_is_cjk(a->cp) && lay_is_cjk(b->cp)) return gap - han_gap > HAN_SPACE_EM * sz;
  if ((lay_is_cjk(a->cp) && is_latin(b->cp)) || (is_latin(a->cp) && lay_is_cjk(b->cp)))
    return gap > AUTOSPACE_EM * sz;
  return gap > SPACE_EM * sz || (b->space_before && gap > 0.05f * sz);
}

void lay_line_text(GString *out, const tline *l) {
  for (size_t k = 0; k < l->n; k++) {
    if (k > 0 && spaced(l->g[k - 1], l->g[k], l->han_gap)) g_string_append_c(out, ' ');
    g_string_append_unichar(out, l->g[k]->cp);
  }
}

/* The product of OCR's confidences in glyphs g[0..n) (0 when none was
 * read by OCR), with DX_CELL_OCR_LOW in *flags when OCR doubted one of
 * them and DX_CELL_SEAL_OVERLAP when a seal covered one, at SEAL_CONF. */
double lay_ocr_product(dx_glyph *const *g, size_t n, unsigned *flags) {
  double all = 1;
  float low = 1;
  size_t m = 0;
  bool seal = false;
  for (size_t i = 0; i < n; i++)
    if (g[i]->ocr_conf > 0) {
      all *= g[i]->ocr_conf;
      low = MIN(low, g[i]->ocr_conf);
      seal |= g[i]->under_seal;
      m++;
    }
  if (!m) return 0;
  if (low < OCR_LOW_CONF) *flags |= DX_CELL_OCR_LOW;
  if (seal) {
    *flags |= DX_CELL_SEAL_OVERLAP;
    all *= SEAL_CONF;
  }
  return all;
}

/* Punctuation that may not start a line (kinsoku): it goes to the next
 * line together with the character before it. */
bool lay_no_line_start(uint32_t c) {
  return g_utf8_strchr(DX_NO_LINE_START, -1, c) != NULL;
}

/* Punctuation that may not end a line: it goes to the next line with
 * the character after it. */
static bool no_line_end(uint32_t c) {
  return g_utf8_strchr(DX_NO_LINE_END, -1, c) != NULL;
}

/* Width of the first unbreakable piece of glyphs g[0..n): one Han
 * character with the punctuation bound to it, or a Latin word. */
float lay_piece_width(dx_glyph *const *g, size_t n) {
  size_t k = 1;
  while (k < n && no_line_end(g[k - 1]->cp)) k++;
  if (!lay_is_cjk(g[k - 1]->cp))
    while (k < n && !lay_is_cjk(g[k]->cp) && !spaced(g[k - 1], g[k], 0)) k++;
  while (k < n && lay_no_line_start(g[k]->cp)) k++;
  return g[k - 1]->box[2] - g[0]->box[0];
}

/* Width of a line's first unbreakable piece. */
float lay_first_word(const tline *l) {
  return lay_piece_width(l->g, l->n);
}

/* The most characters of a line's start the numbering words are tried
 * on: an item's number is short ("(12)", "⑳", "指标 12："). */
#define ITEM_NUMBER_MAX_CHARS 8

/* A line that starts a numbered item ("2、", "(3)", "②", "三、"), by the
 * rules' numbering words, starts a paragraph, whatever the line before
 * it did. */
bool lay_starts_item(const dx_words *w, const tline *l) {
  if (!w->numbered) return false;
  char head[ITEM_NUMBER_MAX_CHARS * 6 + 1], *o = head;
  for (size_t i = 0; i < l->n && i < ITEM_NUMBER_MAX_CHARS; i++)
    o += g_unichar_to_utf8(l->g[i]->cp, o);
  *o = '\0';
  return w->numbered(w->ctx, head);
}

/* Whether a wrap between two lines stood at a space: Latin words are
 * broken at spaces, while "1-" / "12月" or "95\%" / "$" broke inside a
 * run of symbols. */
bool lay_wrap_spaced(const tline *p, const tline *l) {
  uint32_t a = p->g[p->n - 1]->cp, b = l->g[0]->cp;
  bool box = dx_is_check(a) || dx_is_check(b); /* a box after words: "延续项目 ☑" */
  return box || (is_latin(a) && is_latin(b));
}

/* A line that ends a sentence or a clause (。；！？：) may end a paragraph;
 * one that stops mid-sentence was wrapped by the producer's line
 * breaking, even with room left (kinsoku keeps "单》30期" together). */
static bool ends_sentence(const tline *l) {
  uint32_t c = l->g[l->n - 1]->cp;
  return g_utf8_strchr(DX_CLAUSE_END, -1, c) != NULL;
}

/* Characters of a line that is one amount, count or rate alone
 * ("100.00", "6%", "¥300.00"). */
#define NUMBER_LINE_MARKS ".,%\u00A5\uFFE5"

static bool number_char(uint32_t c) {
  return g_unichar_isdigit(c) || g_utf8_strchr(NUMBER_LINE_MARKS, -1, c);
}

/* Whether line p is a number alone and l starts another: a column of
 * amounts one a line ("100.00" over "100.00"), not a number wrapped (a
 * number that goes on past a line's end fills the line with words
 * before it, and kinsoku keeps no digit off the line before). */
static bool numbers_apart(const tline *p, const tline *l) {
  for (size_t i = 0; i < p->n; i++)
    if (!number_char(p->g[i]->cp)) return false;
  return number_char(l->g[0]->cp) && l->g[0]->cp != '.' && l->g[0]->cp != ',';
}

/* Text of glyphs (reordered in place) laid out within [left, right]:
 * lines joined without a break where the first one wrapped, with '\n'
 * where a new paragraph starts (w: the words that say a line starts a
 * numbered item); a label written one character per line is joined
 * into one word. */
char *lay_glyph_text(const dx_words *w, dx_glyph **g, size_t n, float right, text_ends *ends) {
  tline *ls = NULL;
  size_t nl = lay_text_lines(&ls, g, n);
  if (ends && nl) {
    const tline *last = &ls[nl - 1];
    *ends = (text_ends){right - last->x1, lay_first_word(&ls[0]),
                        ls[0].g[0]->ocr_conf > 0 ? ls[0].size : 0,
                        lay_is_cjk(last->g[last->n - 1]->cp), lay_is_cjk(ls[0].g[0]->cp)};
  }
  GString *out = g_string_new(NULL);
  bool vertical = nl > 1;
  float left = INFINITY;
  for (size_t i = 0; i < nl; i++) left = MIN(left, ls[i].x0);
  for (size_t i = 0; i < nl && vertical; i++) vertical = ls[i].n == 1 && lay_is_cjk(ls[i].g[0]->cp);
  for (size_t i = 0; i < nl; i++) {
    if (i > 0 && !vertical) {
      const tline *p = &ls[i - 1], *l = &ls[i];
      /* a wrapped line starts where the text does, or is centred under
       * a centred line; one set off to the right (a date under an
       * opinion) starts a paragraph */
      bool aside = l->x0 - left >= PARA_INDENT_EM * l->size &&
                   fabsf((l->x0 + l->x1) / 2 - (p->x0 + p->x1) / 2) >= PARA_CENTRE_EM * l->size;
      bool wrap = !lay_starts_item(w, l) && !aside && !numbers_apart(p, l) &&
                  (right - p->x1 < lay_first_word(l) + WRAP_SLACK_PT || !ends_sentence(p));
      if (!wrap)
        g_string_append_c(out, '\n');
      else if (lay_wrap_spaced(p, l))
        g_string_append_c(out, ' ');
    }
    lay_line_text(out, &ls[i]);
  }
  g_free(ls);
  return g_string_free(out, FALSE);
}

/* Whether s opens a bracket it does not close. */
bool lay_unclosed(const char *s) {
  int depth = 0;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '(' || c == 0xFF08 || c == 0x300A || c == 0x3010) depth++;
    if ((c == ')' || c == 0xFF09 || c == 0x300B || c == 0x3011) && depth > 0) depth--;
  }
  return depth > 0;
}

/* Longest note lay_bracket_note takes, brackets included: "（万元）",
 * "(%)", "（人次）". */
#define BRACKET_NOTE_MAX_CHARS 8

/* Whether glyphs g[0..n) are one bracketed note and nothing else: a
 * unit or remark a header wraps under its label ("资金总额" / "（元）").
 * An item's number ("(1)", "（三）") is not a note. */
bool lay_bracket_note(dx_glyph *const *g, size_t n) {
  if (n < 3 || n > BRACKET_NOTE_MAX_CHARS) return false;
  uint32_t a = g[0]->cp, b = g[n - 1]->cp;
  if (!(a == '(' || a == 0xFF08) || !(b == ')' || b == 0xFF09)) return false;
  bool numeral = true;
  for (size_t i = 1; i + 1 < n; i++) {
    uint32_t c = g[i]->cp;
    if (g_unichar_isdigit(c) || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09) return false;
    if (!g_utf8_strchr("一二三四五六七八九十", -1, c)) numeral = false;
  }
  return !numeral;
}

/* Whether some gap between a Han character and a Latin letter or digit
 * beside it on a line (glyphs in reading order, as lay_glyph_text left them)
 * is as wide as a producer's automatic spacing or a typed space, or a
 * line breaks between them: the page does not say whether the text has
 * a space there. Text layers only: OCR has its own doubts. */
bool lay_spacing_doubt(dx_glyph *const *g, size_t n) {
  for (size_t k = 1; k < n; k++) {
    const dx_glyph *a = g[k - 1], *b = g[k];
    if (a->ocr_conf > 0) continue;
    if (!((lay_is_han(a->cp) && is_latin(b->cp)) || (is_latin(a->cp) && lay_is_han(b->cp))))
      continue;
    /* the line broke there: a space typed at the break does not show */
    if (fabsf(lay_cy(a) - lay_cy(b)) > LINE_SPLIT_EM * lay_glyph_size(a)) return true;
    float gap = b->box[0] - a->box[2], sz = MAX(lay_glyph_size(a), lay_glyph_size(b));
    if (gap > SPACING_DOUBT_LO_EM * sz && gap < SPACING_DOUBT_HI_EM * sz) return true;
  }
  return false;
}
