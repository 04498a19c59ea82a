/* paragraphs.c — text outside tables as paragraphs in reading order:
 * lines joined where one wraps into the next (it ran to the margin, the
 * next follows closely in the same size); tables without ruling lines
 * among them are found first (borderless.c).
 */
#include "layout_int.h"

#include <math.h>

/* Paragraph lines closer than this (share of the size) belong together
 * when the first one runs to the right margin. */
#define PARA_GAP_EM 0.9
/* Lines whose type sizes differ by more than this share are not one
 * paragraph: a 16 pt title over a 10.5 pt line (Chinese sizes step by
 * at least 12 %: 五号 10.5, 小四 12, 四号 14, 三号 16). */
#define PARA_SIZE_STEP 0.1
/* A line that starts further in than this (ems) did not fill its line
 * (it is right-aligned or centred short), whatever its end: a first-line
 * indent is 2 em. */
#define PARA_FIRST_INDENT_EM 3.0

/* Whether line l goes on with the paragraph of line p, the line above
 * it, on a page whose text runs from `left` to `right`: p ran to the
 * right margin (a wrap), l follows closely, starts no numbered item, is
 * set in the same size, and starts at the left margin or is centred
 * under p. A centred title, a right-aligned 金额单位 line and a
 * left-aligned 填报单位 line under it stay three paragraphs. */
static bool continues(const dx_words *w, const tline *p, const tline *l, float left, float right) {
  if (l->y0 - p->y1 >= PARA_GAP_EM * p->size) return false;
  if (right - p->x1 >= lay_first_word(l) + p->size * 2 || lay_starts_item(w, l)) return false;
  /* p filled its line: it started at the margin (a first-line indent
   * aside), not right-aligned */
  if (p->x0 - left >= PARA_FIRST_INDENT_EM * p->size) return false;
  if (fabsf(l->size - p->size) > PARA_SIZE_STEP * MAX(l->size, p->size)) return false;
  float em = l->size;
  if (l->x0 - left < PARA_INDENT_EM * em) return true;
  return fabsf((l->x0 + l->x1) / 2 - (p->x0 + p->x1) / 2) < PARA_CENTRE_EM * em &&
         right - l->x1 >= PARA_INDENT_EM * em;
}

/* A fax machine prints its header ("MAR-12-2024 09:41 FROM:0734…
 * P.01/06": the date, the numbers, the page) along the top edge of every
 * page it sends, within this many points of the edge. */
#define FAX_HEADER_STRIP_PT 24.0f
/* ... with at least this many digits, and no Han character. */
#define FAX_HEADER_MIN_DIGITS 6

/* Whether line l, read by OCR, is a fax machine's header: in the strip
 * along the top edge, digits and no Han character. It is no part of the
 * form (its paragraphs are counted as the form has them). */
static bool fax_header(const tline *l) {
  if (l->y1 > FAX_HEADER_STRIP_PT) return false;
  int digits = 0;
  for (size_t k = 0; k < l->n; k++) {
    const dx_glyph *g = l->g[k];
    if (g->ocr_conf <= 0 || g_unichar_get_script(g->cp) == G_UNICODE_SCRIPT_HAN) return false;
    if (g_unichar_isdigit(g->cp)) digits++;
  }
  return digits >= FAX_HEADER_MIN_DIGITS;
}

/* A fax header is the page's first line of text: its characters' tops
 * lie within this many points of the topmost one's (OCR's boxes of one
 * line start together; an ASCII line's tallest character is about 8 pt
 * at a fax's 10-12 pt header font, and the form's text below it starts
 * further down). */
#define FAX_HEADER_LINE_PT 8.0f
/* ... with this many Latin letters or more (OCR reads a digit for a
 * letter now and then, seldom two). */
#define FAX_HEADER_MIN_LETTERS 2

static bool header_char(const dx_glyph *g) {
  return g->ocr_conf > 0 && !lay_is_han(g->cp) && !dx_is_check(g->cp);
}

/* Where OCR found the header and the form's first row under it as one
 * line twice as high as the page's others, it read that line as two,
 * cut where the header's own rows end: the lower one starts exactly
 * where the header's characters' boxes end (within FAX_ECHO_PT), and
 * reads the header's lower strokes again, as digits and letters under
 * the header's own, among the row's characters. Such a character (its
 * middle within FAX_ECHO_SLACK of a header character's width of its
 * box) is the header's too when OCR was at least FAX_ECHO_CONF sure of
 * the header's character or less than FAX_ECHO_DOUBT sure of it; the
 * form's own characters there (a 100% under the header's P.03/06, read
 * as letters where it ran over the row's text) read surely. */
#define FAX_ECHO_PT 0.05f
#define FAX_ECHO_CONF 0.7f
#define FAX_ECHO_SLACK 0.5f
#define FAX_ECHO_DOUBT 0.5f

static size_t header_echo(bool *drop, const dx_page *pg, float top) {
  size_t n = 0;
  for (size_t k = 0; k < pg->nglyphs; k++) {
    const dx_glyph *g = &pg->glyphs[k];
    if (drop[k] || !header_char(g)) continue;
    float mid = (g->box[0] + g->box[2]) / 2;
    for (size_t j = 0; j < pg->nglyphs; j++) {
      const dx_glyph *h = &pg->glyphs[j];
      if (!drop[j] || h->box[1] > top + FAX_HEADER_LINE_PT ||
          (h->ocr_conf < FAX_ECHO_CONF && g->ocr_conf >= FAX_ECHO_DOUBT) ||
          fabsf(g->box[1] - h->box[3]) > FAX_ECHO_PT)
        continue;
      float slack = (h->box[2] - h->box[0]) * FAX_ECHO_SLACK;
      if (mid < h->box[0] - slack || mid > h->box[2] + slack) continue;
      drop[k] = true;
      n++;
      break;
    }
  }
  return n;
}

size_t lay_fax_header(bool *drop, const dx_page *pg) {
  float top = INFINITY;
  for (size_t k = 0; k < pg->nglyphs; k++)
    if (pg->glyphs[k].ocr_conf > 0) top = MIN(top, pg->glyphs[k].box[1]);
  if (top > FAX_HEADER_STRIP_PT) return 0;
  /* the first line: its characters, and the band they cover */
  int digits = 0, letters = 0, han = 0, other = 0;
  float b0 = INFINITY, b1 = -INFINITY;
  for (size_t k = 0; k < pg->nglyphs; k++) {
    const dx_glyph *g = &pg->glyphs[k];
    if (g->ocr_conf <= 0 || g->box[1] > top + FAX_HEADER_LINE_PT) continue;
    if (!header_char(g)) {
      han++;
      continue;
    }
    other++;
    if (g_unichar_isdigit(g->cp)) digits++;
    if (g->cp < 0x80 && g_ascii_isalpha((char)g->cp)) letters++;
    b0 = MIN(b0, g->box[1]);
    b1 = MAX(b1, g->box[3]);
  }
  /* a form's first line at the top edge is mostly Han (a title's
   * 2023年度…2024年), or digits alone (a row of dates, a telephone
   * number); a fax's header holds no Han but the form's text it was
   * printed over, and Latin letters (FROM, TO, P., a month's name) */
  if (digits < FAX_HEADER_MIN_DIGITS || letters < FAX_HEADER_MIN_LETTERS || han >= other) return 0;
  /* the line's characters, and those inside its band (a colon's or a
   * period's ink starts lower); not the next line's, which reaches below
   * the band even where OCR's box of the first line took the form's
   * text in and reaches down into that line */
  size_t n = 0;
  for (size_t k = 0; k < pg->nglyphs; k++) {
    const dx_glyph *g = &pg->glyphs[k];
    if (header_char(g) &&
        (g->box[1] <= top + FAX_HEADER_LINE_PT || (g->box[1] >= b0 && g->box[3] <= b1))) {
      drop[k] = true;
      n++;
    }
  }
  return n + header_echo(drop, pg, top);
}

/* Paragraphs from glyphs outside tables: lines, joined where one wraps
 * into the next; a fax's header line is left out. Appends pblocks. */
dx_code lay_paragraphs(GArray *blocks, layout *L, dx_glyph **g, size_t n, const dx_page *pg,
                       dx_error *err) {
  if (!n) return DX_OK;
  tline *ls = NULL;
  size_t nl = lay_text_lines(&ls, g, n);
  float left = INFINITY;
  for (size_t i = 0; i < nl; i++) left = MIN(left, ls[i].x0);
  float right = (float)pg->width - left; /* margins are symmetric on forms */
  bool *used = g_new0(bool, nl + 1);
  dx_code rc = lay_aligned_tables(blocks, L, ls, nl, used, pg, err);
  for (size_t i = 0; i < nl && rc == DX_OK;) {
    if (used[i]) {
      i++;
      continue;
    }
    if (fax_header(&ls[i])) {
      i++;
      continue;
    }
    size_t j = i + 1;
    while (j < nl && !used[j] && continues(&L->lim->words, &ls[j - 1], &ls[j], left, right)) j++;
    GString *s = g_string_new(NULL);
    double conf = 1;
    unsigned flags = 0;
    bool ocr = false;
    for (size_t k = i; k < j; k++) {
      if (k > i && lay_wrap_spaced(&ls[k - 1], &ls[k])) g_string_append_c(s, ' ');
      lay_line_text(s, &ls[k]);
      double c = lay_ocr_product(ls[k].g, ls[k].n, &flags);
      if (c > 0) {
        conf *= c;
        ocr = true;
      }
    }
    dx_block *b = dx_arena_alloc(L->doc->arena, sizeof *b);
    char *txt = b ? dx_arena_strndup(L->doc->arena, s->str, s->len) : NULL;
    g_string_free(s, TRUE);
    if (!txt) {
      rc = lay_nomem(err);
      break;
    }
    *b = (dx_block){.kind = DX_BLOCK_PARAGRAPH,
                    .text = txt,
                    .page = pg->number,
                    .ocr_conf = ocr ? conf : 0,
                    .flags = flags};
    pblock pb = {ls[i].y0, b};
    g_array_append_val(blocks, pb);
    i = j;
  }
  g_free(used);
  g_free(ls);
  return rc;
}
