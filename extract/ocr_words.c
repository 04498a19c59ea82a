/* ocr_words.c — a line's characters chosen among what OCR nearly read,
 * by the words of the forms' vocabulary.
 *
 * At low resolution (a fax's 98 lines an inch) OCR reads 日 for 目, 收
 * for 政, 午 for 年, 具 for 县, and the right character is among its
 * next readings: "项日" is read where "项目" was written. The rules
 * stage knows the forms' words (its label and value vocabularies, and
 * the words of `ocr_word` in labels.rules); it answers, through
 * dx_words.pair, whether two characters follow each other in one of
 * them. A character is replaced by one of its next readings when that
 * makes more such pairs with its neighbours than it does itself: a
 * character that fits its neighbours stays, whatever its probability,
 * and a digit beside digits is never touched (an amount is not a
 * word). The replaced character keeps a lower confidence.
 */
#include "extract_int.h"

/* A next reading this unlikely is not considered. */
#define ALT_MIN 0.01f
/* A replaced character's confidence: the two readings' probability
 * together, times this (the vocabulary chose between them). */
#define REPAIRED_FACTOR 0.85f

static bool is_digit(gunichar c) {
  return c >= '0' && c <= '9';
}

/* Pairs c makes with the glyphs before and after index i. */
static int support(const dx_words *w, const GArray *gl, guint first, guint i, gunichar c) {
  int n = 0;
  if (i > first && !g_array_index(gl, dx_glyph, i).space_before)
    n += w->pair(w->ctx, g_array_index(gl, dx_glyph, i - 1).cp, c);
  if (i + 1 < gl->len && !g_array_index(gl, dx_glyph, i + 1).space_before)
    n += w->pair(w->ctx, c, g_array_index(gl, dx_glyph, i + 1).cp);
  return n;
}

static bool beside_digit(const GArray *gl, guint first, guint i) {
  return (i > first && is_digit(g_array_index(gl, dx_glyph, i - 1).cp)) ||
         (i + 1 < gl->len && is_digit(g_array_index(gl, dx_glyph, i + 1).cp));
}

guint dx_ocr_words(GArray *gl, guint first, const dx_ocr_alts *alts, const dx_words *w) {
  if (!w || !w->pair) return 0;
  guint changed = 0;
  for (guint i = first; i < gl->len; i++) {
    dx_glyph *g = &g_array_index(gl, dx_glyph, i);
    const dx_ocr_alts *a = &alts[i - first];
    if (is_digit(g->cp) && beside_digit(gl, first, i)) continue;
    int best = support(w, gl, first, i, g->cp), pick = -1;
    for (int k = 0; k < DX_OCR_ALTS; k++) {
      if (!a->cp[k] || a->p[k] < ALT_MIN) continue;
      if (is_digit(a->cp[k]) != is_digit(g->cp)) continue;
      int s = support(w, gl, first, i, a->cp[k]);
      if (s > best) {
        best = s;
        pick = k;
      }
    }
    if (pick < 0) continue;
    g->ocr_conf = MIN(1.0f, g->ocr_conf + a->p[pick]) * REPAIRED_FACTOR;
    g->cp = a->cp[pick];
    changed++;
  }
  return changed;
}
