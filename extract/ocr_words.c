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
 *
 * Then the rest of the line is weighed by Chinese at large
 * (dx_words.follows: how often characters come side by side in a
 * dictionary's words): where a character makes no such pair with either
 * neighbour, the line's readings are chosen together (Viterbi over each
 * character's reading and next readings) for OCR's probability times
 * the text's likelihood to a power; a new character must make a
 * dictionary pair with a neighbour kept as read. A fax's 督 read 臀,
 * 贯 read 贸, 环 read 坏 are put right so; a character that fits its
 * neighbours, one beside a digit (a unit, an amount) and a checkbox's
 * lookalike are left as read.
 *
 * Other readings of the same line (tesseract's, of the line's crop
 * shrunk: ocr.c) are aligned with it by the fewest edits
 * (dx_ocr_readings): where they read another character, it becomes a
 * next reading for the words above to choose, and where most of them
 * agree on one, it replaces the line's own.
 */
#include "extract_int.h"

#include <math.h>

/* A next reading this unlikely is not considered. */
#define ALT_MIN 0.01f
/* A replaced character's confidence: the two readings' probability
 * together, times this (the vocabulary chose between them). */
#define REPAIRED_FACTOR 0.85f

static bool is_digit(gunichar c) {
  return c >= '0' && c <= '9';
}

static bool is_han(gunichar c) {
  return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

/* Whether glyph q is level with glyph p (q's box across p's middle). */
static bool level(const dx_glyph *p, const dx_glyph *q) {
  float mid = (p->box[1] + p->box[3]) / 2;
  return q->box[1] <= mid && q->box[3] >= mid;
}

/* Lines read before the line at first are looked for among this many
 * glyphs before it (a table row's other cells come between a cell's
 * lines in reading order). */
#define WRAP_LOOKBACK 400

/* The index of the glyph the line starting at index first goes on from,
 * wrapped in one cell, or -1: the last glyph of an earlier line that
 * starts where this one starts (text wraps to its cell's left edge),
 * right above it (less than a character's height between) and ends
 * right of its start (its glyphs less than a character's width apart:
 * a wider gap is another cell's), a Han character read by OCR as is
 * this line's first (满 | 意 of 对象满意 wrapped). */
static int wrapped_from(const GArray *gl, guint first) {
  if (first == 0 || first >= gl->len) return -1;
  const dx_glyph *c = &g_array_index(gl, dx_glyph, first);
  float h = c->box[3] - c->box[1];
  if (!is_han(c->cp) || c->ocr_conf <= 0 || h <= 0) return -1;
  guint stop = first > WRAP_LOOKBACK ? first - WRAP_LOOKBACK : 0;
  for (guint k = first; k-- > stop;) {
    const dx_glyph *q = &g_array_index(gl, dx_glyph, k);
    float gap = c->box[1] - q->box[3];
    if (q->ocr_conf <= 0 || fabsf(q->box[0] - c->box[0]) >= 0.6f * h || gap < -0.2f * h || gap > h)
      continue;
    if (k > 0 && level(q, &g_array_index(gl, dx_glyph, k - 1)) &&
        g_array_index(gl, dx_glyph, k - 1).box[0] < q->box[0] &&
        g_array_index(gl, dx_glyph, k - 1).box[2] > q->box[0] - 0.5f * h)
      return -1; /* q starts no line */
    guint last = k;
    while (
        last + 1 < first && level(q, &g_array_index(gl, dx_glyph, last + 1)) &&
        g_array_index(gl, dx_glyph, last + 1).box[0] > g_array_index(gl, dx_glyph, last).box[0] &&
        g_array_index(gl, dx_glyph, last + 1).box[0] < g_array_index(gl, dx_glyph, last).box[2] + h)
      last++;
    const dx_glyph *p = &g_array_index(gl, dx_glyph, last);
    return is_han(p->cp) && p->ocr_conf > 0 && p->box[2] > c->box[0] + h ? (int)last : -1;
  }
  return -1;
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

/* How much the text's likelihood counts against OCR's probability: a
 * line's readings are chosen for the sum of log p + CONTEXT_WEIGHT *
 * log P(character | the one before). Measured on the scan corpus's faxes
 * (0.15-0.6): 0.3 gained most, with no file worse. */
#define CONTEXT_WEIGHT 0.3
/* A next reading less probable than this is not weighed by context
 * (0.01 lost more right characters than it won). */
#define CONTEXT_ALT_MIN 0.05f
/* Choices per character: its reading and next readings; AT(i, c) the
 * index of character i's choice c. */
#define CHOICES (DX_OCR_ALTS + 1)
#define AT(i, c) ((size_t)(i)*CHOICES + (size_t)(c))

static bool is_lookalike(gunichar c) {
  return g_utf8_strchr(DX_CHECK_LOOKALIKES, -1, c) != NULL;
}

/* The glyph before (side -1) or after (1) index i is Han, with no space
 * between. */
static bool joined(const GArray *gl, guint first, guint i, int side) {
  if (side < 0)
    return i > first && !g_array_index(gl, dx_glyph, i).space_before &&
           is_han(g_array_index(gl, dx_glyph, i - 1).cp);
  return i + 1 < gl->len && !g_array_index(gl, dx_glyph, i + 1).space_before &&
         is_han(g_array_index(gl, dx_glyph, i + 1).cp);
}

static bool seen(const dx_words *w, gunichar a, gunichar b) {
  bool yes;
  w->follows(w->ctx, a, b, &yes);
  return yes;
}

/* c, at index i, makes a dictionary pair with a neighbour it is joined
 * to (only those of them `kept` says, when given: index - first). */
static bool fits(const dx_words *w, const GArray *gl, guint first, guint i, gunichar c,
                 const bool *kept) {
  return (joined(gl, first, i, -1) && (!kept || kept[i - 1 - first]) &&
          seen(w, g_array_index(gl, dx_glyph, i - 1).cp, c)) ||
         (joined(gl, first, i, 1) && (!kept || kept[i + 1 - first]) &&
          seen(w, c, g_array_index(gl, dx_glyph, i + 1).cp));
}

/* Opening and closing brackets OCR reads for what is left of a Han
 * character (a fax's lost strokes: 工 read ［, 目 read [). */
#define OPEN_MARKS "[［【「(（"
#define CLOSE_MARKS "]］】」)）"

/* Whether mark c at index i has its partner in the line (an opening one
 * a closing one after it, a closing one an opening one before). */
static bool paired(const GArray *gl, guint first, guint i, gunichar c) {
  bool open = g_utf8_strchr(OPEN_MARKS, -1, c) != NULL;
  const char *want = open ? CLOSE_MARKS : OPEN_MARKS;
  for (guint k = open ? i + 1 : first; open ? k < gl->len : k < i; k++)
    if (g_utf8_strchr(want, -1, g_array_index(gl, dx_glyph, k).cp)) return true;
  return false;
}

/* Whether the glyph at index i is no text of the line but a Han
 * character OCR read as a stray: a lowercase Latin letter, or a bracket
 * without its partner, joined to Han characters on both sides (Han text
 * holds no lone letter inside a word, and a bracket opens or closes
 * something: "市应a管理局", "改造［程"). Its Han next readings are
 * weighed by context, and it counts as a character Chinese never has
 * there. */
static bool stray(const GArray *gl, guint first, guint i) {
  gunichar c = g_array_index(gl, dx_glyph, i).cp;
  bool mark = (g_utf8_strchr(OPEN_MARKS, -1, c) || g_utf8_strchr(CLOSE_MARKS, -1, c)) &&
              !paired(gl, first, i, c);
  return (mark || (c >= 'a' && c <= 'z')) && joined(gl, first, i, -1) && joined(gl, first, i, 1);
}

/* Whether context may change the glyph at index i (see the top). */
static bool open_to_context(const dx_words *w, const GArray *gl, guint first, guint i) {
  const dx_glyph *g = &g_array_index(gl, dx_glyph, i);
  if (g->ocr_conf > 0 && stray(gl, first, i)) return true;
  return g->ocr_conf > 0 && (is_han(g->cp) || is_digit(g->cp)) && !is_lookalike(g->cp) &&
         !beside_digit(gl, first, i) && support(w, gl, first, i, g->cp) == 0 &&
         (joined(gl, first, i, -1) || joined(gl, first, i, 1)) &&
         !fits(w, gl, first, i, g->cp, NULL);
}

/* The text's log-likelihood of x after y (0: none joined), weighted; a
 * stray (see stray) as unlikely as a character never seen. */
static double text_step(const dx_words *w, gunichar y, gunichar x, bool linked, bool as_han) {
  if (!is_han(x) && !as_han) return 0;
  bool unused;
  return CONTEXT_WEIGHT * w->follows(w->ctx, linked && is_han(y) ? y : 0, x, &unused);
}

static guint by_context(GArray *gl, guint first, const dx_ocr_alts *alts, const dx_words *w) {
  guint n = gl->len - first, changed = 0;
  if (n == 0) return 0;
  gunichar *choice = g_new0(gunichar, AT(n, 0));
  float *prob = g_new0(float, AT(n, 0));
  double *score = g_new(double, AT(n, 0));
  int *from = g_new(int, AT(n, 0));
  bool *kept = g_new(bool, n);
  for (guint i = 0; i < n; i++) {
    const dx_glyph *g = &g_array_index(gl, dx_glyph, first + i);
    choice[AT(i, 0)] = g->cp;
    prob[AT(i, 0)] = g->ocr_conf;
    if (!open_to_context(w, gl, first, first + i)) continue;
    for (int k = 0; k < DX_OCR_ALTS; k++) {
      gunichar c = alts[i].cp[k];
      if (!c || alts[i].p[k] < CONTEXT_ALT_MIN || !is_han(c) || is_lookalike(c)) continue;
      choice[AT(i, k + 1)] = c;
      prob[AT(i, k + 1)] = alts[i].p[k];
    }
  }
  for (guint i = 0; i < n; i++) {
    bool linked = i > 0 && !g_array_index(gl, dx_glyph, first + i).space_before;
    bool odd = stray(gl, first, first + i);
    for (guint c = 0; c < CHOICES; c++) {
      gunichar x = choice[AT(i, c)];
      if (!x) continue;
      double best = i == 0 ? text_step(w, 0, x, false, odd) : -INFINITY;
      int arg = -1;
      for (guint d = 0; i > 0 && d < CHOICES; d++) {
        gunichar y = choice[AT(i - 1, d)];
        if (!y) continue;
        double v = score[AT(i - 1, d)] + text_step(w, y, x, linked, odd);
        if (v > best) {
          best = v;
          arg = (int)d;
        }
      }
      score[AT(i, c)] = log(MAX(prob[AT(i, c)], 1e-4f)) + best;
      from[AT(i, c)] = arg;
    }
  }
  int c = 0;
  for (guint d = 1; d < CHOICES; d++)
    if (choice[AT(n - 1, d)] && score[AT(n - 1, d)] > score[AT(n - 1, c)]) c = (int)d;
  for (guint i = n; i-- > 0;) {
    g_array_index(gl, dx_glyph, first + i).cp = choice[AT(i, c)];
    kept[i] = c == 0;
    c = MAX(0, from[AT(i, c)]);
  }
  for (guint i = 0; i < n; i++) {
    dx_glyph *g = &g_array_index(gl, dx_glyph, first + i);
    if (kept[i]) continue;
    int k = 0;
    while (k < DX_OCR_ALTS && alts[i].cp[k] != g->cp) k++;
    if (!fits(w, gl, first, first + i, g->cp, kept)) {
      g->cp = choice[AT(i, 0)]; /* back to what OCR read */
      continue;
    }
    g->ocr_conf = MIN(1.0f, g->ocr_conf + alts[i].p[k]) * REPAIRED_FACTOR;
    changed++;
  }
  g_free(choice);
  g_free(prob);
  g_free(score);
  g_free(from);
  g_free(kept);
  return changed;
}

/* A Han character at index i that makes no pair with its neighbours,
 * neither in the vocabulary nor in Chinese at large (满总), replaced by
 * a character OCR confuses it with (w->misread_of: 意) that makes a
 * vocabulary pair with them (满意), when exactly one does; one that
 * Chinese has but the vocabulary does not (人人 of 人人代表) only by
 * one that makes vocabulary pairs on both sides (人大代表): OCR's next
 * readings at low resolution often miss the character written. A line's
 * first character has the last of the line it wraps before it
 * (wrapped_from: 对象满 | 总 is 满意). A checkbox's lookalike (口 for ☐)
 * stays. Returns 1 when replaced. */
static guint by_confusion(GArray *gl, guint first, guint i, const dx_words *w) {
  dx_glyph *g = &g_array_index(gl, dx_glyph, i);
  const uint32_t *of = NULL;
  size_t n = w->misread_of && w->follows && is_han(g->cp) && !is_lookalike(g->cp) && g->ocr_conf > 0
                 ? w->misread_of(w->ctx, g->cp, &of)
                 : 0;
  /* a line's first character follows the last of the line it wraps */
  int b = i == first ? wrapped_from(gl, first) : -1;
  gunichar prev = b >= 0 ? g_array_index(gl, dx_glyph, (guint)b).cp : 0;
  if (!n || support(w, gl, first, i, g->cp) + (prev ? w->pair(w->ctx, prev, g->cp) : 0) > 0)
    return 0;
  /* one that makes a vocabulary word on both sides wins even over a
   * reading Chinese has (人人代表 is 人大代表) */
  int need = fits(w, gl, first, i, g->cp, NULL) || (prev && seen(w, prev, g->cp)) ? 2 : 1;
  uint32_t pick = 0;
  for (size_t k = 0; k < n; k++) {
    if (support(w, gl, first, i, of[k]) + (prev ? w->pair(w->ctx, prev, of[k]) : 0) < need)
      continue;
    if (pick) return 0; /* two fit: the vocabulary cannot choose */
    pick = of[k];
  }
  if (!pick) return 0;
  g->cp = pick;
  g->ocr_conf *= REPAIRED_FACTOR;
  return 1;
}

/* A Han character at index i right after a digit that no value may put
 * there (60厅: no unit, measure word or magnitude starts with 厅)
 * replaced by the one character OCR confuses it with that may (万):
 * after a number comes its unit, and a fax thins a unit's strokes as it
 * does any character's. A checkbox's lookalike stays. Returns 1 when
 * replaced. */
static guint by_unit(GArray *gl, guint first, guint i, const dx_words *w) {
  dx_glyph *g = &g_array_index(gl, dx_glyph, i);
  if (!w->after_number || !w->misread_of || i == first || g->space_before || !is_han(g->cp) ||
      is_lookalike(g->cp) || g->ocr_conf <= 0 || !is_digit(g_array_index(gl, dx_glyph, i - 1).cp) ||
      w->after_number(w->ctx, g->cp))
    return 0;
  const uint32_t *of = NULL;
  size_t n = w->misread_of(w->ctx, g->cp, &of);
  uint32_t pick = 0;
  for (size_t k = 0; k < n; k++) {
    if (!w->after_number(w->ctx, of[k])) continue;
    if (pick) return 0; /* two units: OCR's misread cannot choose */
    pick = of[k];
  }
  if (!pick) return 0;
  g->cp = pick;
  g->ocr_conf *= REPAIRED_FACTOR;
  return 1;
}

/* A period between index i's glyph and a Han character after it, joined
 * to both: no Chinese punctuation (a sentence ends with 。, a decimal
 * point stands between digits) but a stroke of glyph i OCR read apart
 * (工 read 工. or 1.: its bottom stroke). */
static bool stray_dot(const GArray *gl, guint i) {
  return i + 2 < gl->len && g_array_index(gl, dx_glyph, i + 1).cp == '.' &&
         !g_array_index(gl, dx_glyph, i + 1).space_before &&
         !g_array_index(gl, dx_glyph, i + 2).space_before &&
         is_han(g_array_index(gl, dx_glyph, i + 2).cp);
}

/* Glyph i + 1 taken into glyph i (its ink one character's). */
static void merge_next(GArray *gl, guint i) {
  dx_glyph *g = &g_array_index(gl, dx_glyph, i);
  const dx_glyph *d = &g_array_index(gl, dx_glyph, i + 1);
  for (int k = 0; k < 2; k++) {
    g->box[k] = MIN(g->box[k], d->box[k]);
    g->box[k + 2] = MAX(g->box[k + 2], d->box[k + 2]);
  }
  g_array_remove_index(gl, i + 1);
}

/* Vocabulary pairs c makes at index i with the Han characters before it
 * and at index after (a space beside a mark is no gap between words:
 * the mark is narrower than the character it stands for). */
static int mark_support(const dx_words *w, const GArray *gl, guint i, guint after, gunichar c) {
  return w->pair(w->ctx, g_array_index(gl, dx_glyph, i - 1).cp, c) +
         w->pair(w->ctx, c, g_array_index(gl, dx_glyph, after).cp);
}

/* How likely c is between the Han characters at i - 1 and after in
 * Chinese at large (dx_words.follows), to choose between characters
 * that make as many vocabulary pairs (3名1资: 工资 or 名目). */
static double mark_likely(const dx_words *w, const GArray *gl, guint i, guint after, gunichar c) {
  bool unused;
  return w->follows(w->ctx, g_array_index(gl, dx_glyph, i - 1).cp, c, &unused) +
         w->follows(w->ctx, c, g_array_index(gl, dx_glyph, after).cp, &unused);
}

/* A mark at index i standing alone between Han characters (a letter, a
 * bracket without its partner, a digit, maybe with a stray period
 * after it: 接待1作, 订阅I作, 栏[更新, 部J满意, 环境 1.作经费) is no text of
 * the line but what a fax left of a Han character: it is replaced by
 * the one character OCR confuses it with (w->misread_of) that makes the
 * most vocabulary pairs with its neighbours, when one makes more than
 * the others and at least one. A digit is a number, not a mark, beside
 * another digit or where a unit or measure word follows it (培训1人, 第1次,
 * 1万: w->after_number). Returns 1 when replaced. */
static guint by_mark(GArray *gl, guint first, guint i, const dx_words *w) {
  dx_glyph *g = &g_array_index(gl, dx_glyph, i);
  if (is_han(g->cp) && g->ocr_conf > 0 && stray_dot(gl, i)) { /* 工.作 */
    merge_next(gl, i);
    return 1;
  }
  if (is_han(g->cp) || g->ocr_conf <= 0 || i == first || !w->follows ||
      !is_han(g_array_index(gl, dx_glyph, i - 1).cp) || is_lookalike(g->cp))
    return 0;
  guint after = stray_dot(gl, i) ? i + 2 : i + 1;
  /* joined to one side at least (环境 1.作, 部 J满意) */
  if (after >= gl->len || !is_han(g_array_index(gl, dx_glyph, after).cp) ||
      (g->space_before && g_array_index(gl, dx_glyph, i + 1).space_before))
    return 0;
  bool mark = g_utf8_strchr(OPEN_MARKS, -1, g->cp) || g_utf8_strchr(CLOSE_MARKS, -1, g->cp);
  if (mark && paired(gl, first, i, g->cp)) return 0;
  if (is_digit(g->cp) &&
      (!w->after_number || w->after_number(w->ctx, g_array_index(gl, dx_glyph, after).cp)))
    return 0;
  const uint32_t *of = NULL;
  size_t n = w->misread_of(w->ctx, g->cp, &of);
  uint32_t pick = 0;
  int best = 0;
  bool tie = false;
  for (size_t k = 0; k < n; k++) {
    int s = mark_support(w, gl, i, after, of[k]);
    if (s < best || s == 0) continue;
    if (s == best) {
      double a = mark_likely(w, gl, i, after, pick), b = mark_likely(w, gl, i, after, of[k]);
      tie = a == b;
      if (b > a) pick = of[k];
      continue;
    }
    best = s;
    pick = of[k];
    tie = false;
  }
  if (!pick || tie) return 0;
  g->cp = pick;
  g->ocr_conf *= REPAIRED_FACTOR;
  if (after == i + 2) merge_next(gl, i);
  return 1;
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
    if (pick < 0) {
      guint u = by_unit(gl, first, i, w);
      changed += u ? u : by_confusion(gl, first, i, w);
      continue;
    }
    g->ocr_conf = MIN(1.0f, g->ocr_conf + a->p[pick]) * REPAIRED_FACTOR;
    g->cp = a->cp[pick];
    changed++;
  }
  if (w->follows) changed += by_context(gl, first, alts, w);
  /* last: a mark's stray period goes (the next readings, by index, are
   * not needed after this) */
  for (guint i = first; w->misread_of && i < gl->len; i++) changed += by_mark(gl, first, i, w);
  return changed;
}

/* A replaced character's confidence: its own times this. */
#define VOTED_FACTOR 0.85f

/* others[k]'s character where gl[first + i] is, aligned by the fewest
 * edits (seen[i]; 0 where it has none). */
static void align(const GArray *gl, guint first, const GArray *other, uint32_t *seen) {
  int n = (int)(gl->len - first), m = (int)other->len;
  if (n == 0 || m == 0) return;
  int *d = g_new(int, (size_t)(n + 1) * (size_t)(m + 1));
#define D(i, j) d[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
  for (int i = 0; i <= n; i++) D(i, 0) = i;
  for (int j = 0; j <= m; j++) D(0, j) = j;
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= m; j++) {
      int sub = g_array_index(gl, dx_glyph, first + (guint)i - 1).cp !=
                g_array_index(other, dx_glyph, (guint)j - 1).cp;
      D(i, j) = MIN(D(i - 1, j - 1) + sub, MIN(D(i - 1, j), D(i, j - 1)) + 1);
    }
  for (int i = n, j = m; i > 0 && j > 0;) {
    int sub = g_array_index(gl, dx_glyph, first + (guint)i - 1).cp !=
              g_array_index(other, dx_glyph, (guint)j - 1).cp;
    if (D(i, j) == D(i - 1, j - 1) + sub) {
      seen[i - 1] = g_array_index(other, dx_glyph, (guint)j - 1).cp;
      i--, j--;
    } else if (D(i, j) == D(i - 1, j) + 1) {
      i--;
    } else {
      j--;
    }
  }
#undef D
  g_free(d);
}

/* c first among a's next readings at probability p (unless there). */
static void offer(dx_ocr_alts *a, uint32_t c, float p) {
  for (int k = 0; k < DX_OCR_ALTS; k++)
    if (a->cp[k] == c) return;
  for (int k = DX_OCR_ALTS - 1; k > 0; k--) {
    a->cp[k] = a->cp[k - 1];
    a->p[k] = a->p[k - 1];
  }
  a->cp[0] = c;
  a->p[0] = MAX(p, ALT_MIN);
}

guint dx_ocr_readings(GArray *gl, guint first, dx_ocr_alts *alts, GArray *const *others,
                      int nothers) {
  guint n = gl->len - first, changed = 0;
  if (n == 0 || nothers <= 0) return 0;
  uint32_t *seen = g_new0(uint32_t, (size_t)n * (size_t)nothers);
  for (int k = 0; k < nothers; k++) align(gl, first, others[k], seen + (size_t)k * n);
  for (guint i = 0; i < n; i++) {
    dx_glyph *g = &g_array_index(gl, dx_glyph, first + i);
    int own = 1; /* the line's own reading */
    for (int k = 0; k < nothers; k++) own += seen[(size_t)k * n + i] == g->cp;
    uint32_t pick = 0;
    for (int k = 0; k < nothers; k++) {
      uint32_t c = seen[(size_t)k * n + i];
      if (!c || c == g->cp) continue;
      offer(&alts[i], c, 1.0f / (float)(nothers + 1));
      int votes = 0;
      for (int q = 0; q < nothers; q++) votes += seen[(size_t)q * n + i] == c;
      if (!pick && votes > own && !is_digit(c) && !is_digit(g->cp)) pick = c;
    }
    if (pick) {
      /* its own reading stays a next reading: the vocabulary may bring
       * it back (满意度 where the others read 满意麻) */
      offer(&alts[i], g->cp, (float)own / (float)(nothers + 1));
      g->cp = pick;
      g->ocr_conf *= VOTED_FACTOR;
      changed++;
    }
  }
  g_free(seen);
  return changed;
}
