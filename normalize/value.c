/* value.c — indicator values, amounts, dates and periods.
 *
 * The words (comparison words, approximations, units) come from a
 * lexicon built from rule text (rules/values.rules); this file holds
 * only the structure of a value: [prefix words] number [infix] [unit]
 * [suffix words].
 */
#include "dx_normalize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  W_PREFIX,
  W_SUFFIX,
  W_INFIX,
  W_UNIT,
  W_UNIT_JOIN, /* between the parts of a compound unit: 元/人·年 */
  W_SCALE,
  W_AMOUNT_PREFIX, /* words around an amount that do not change it */
  W_AMOUNT_SUFFIX,
  W_AMOUNT_WAN,  /* the amount's unit: 万元 */
  W_AMOUNT_YUAN, /* the amount's unit: 元 */
  W_DATE_CHAR,   /* a character a date or period is written with besides digits */
  W_DATE_YEAR,   /* the word after a date's year: 2023年 */
  W_DATE_MONTH,  /* after its month: 12月 */
  W_DATE_DAY,    /* after its day: 31日, 31号 */
  W_RANGE_SEP,   /* between the two ends of a period: 至, 到, — */
  W_COUNT
} word_kind;

/* values.rules categories and their word kinds; the first four carry an
 * operator. */
static const struct {
  const char *category;
  word_kind kind;
} KINDS[] = {
    {"op_prefix", W_PREFIX},
    {"op_suffix", W_SUFFIX},
    {"op_infix", W_INFIX},
    {"unit", W_UNIT},
    {"unit_join", W_UNIT_JOIN},
    {"unit_scale", W_SCALE},
    {"amount_prefix", W_AMOUNT_PREFIX},
    {"amount_suffix", W_AMOUNT_SUFFIX},
    {"amount_wan", W_AMOUNT_WAN},
    {"amount_yuan", W_AMOUNT_YUAN},
    {"date_char", W_DATE_CHAR},
    {"date_year", W_DATE_YEAR},
    {"date_month", W_DATE_MONTH},
    {"date_day", W_DATE_DAY},
    {"range_sep", W_RANGE_SEP},
};

typedef struct lex_word {
  word_kind kind;
  const char *op; /* static */
  char *text;
  size_t len;
} lex_word;

struct dx_lexicon {
  GArray *words;        /* lex_word, longest first within each kind */
  bool listed[W_COUNT]; /* the text has a line of the kind */
};

const char *dx_value_kind_name(dx_value_kind k) {
  static const char *names[] = {"empty", "numeric", "range", "date", "qualitative", "compound"};
  return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "empty";
}

static const char *static_op(const char *op) {
  static const char *ops[] = {"=", ">=", "<=", ">", "<", "~"};
  for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
    if (strcmp(op, ops[i]) == 0) return ops[i];
  return NULL;
}

static gint by_length_desc(gconstpointer a, gconstpointer b) {
  const lex_word *x = a, *y = b;
  return (x->len < y->len) - (x->len > y->len);
}

void dx_lexicon_free(dx_lexicon *lx) {
  if (!lx) return;
  for (guint i = 0; i < lx->words->len; i++) g_free(g_array_index(lx->words, lex_word, i).text);
  g_array_free(lx->words, TRUE);
  g_free(lx);
}

dx_lexicon *dx_lexicon_new(const char *text, dx_error *err) {
  dx_lexicon *lx = g_new0(dx_lexicon, 1);
  lx->words = g_array_new(FALSE, TRUE, sizeof(lex_word));
  char **lines = g_strsplit(text, "\n", -1);
  for (int ln = 0; lines[ln]; ln++) {
    char *line = g_strstrip(lines[ln]);
    if (!*line || *line == '#') continue;
    char **f = g_strsplit(line, "\t", 3);
    bool ok = g_strv_length(f) == 3, known = false;
    word_kind kind = W_UNIT;
    const char *op = NULL;
    if (ok) {
      for (size_t i = 0; i < G_N_ELEMENTS(KINDS); i++)
        if (strcmp(f[0], KINDS[i].category) == 0) {
          kind = KINDS[i].kind;
          known = true;
        }
      op = static_op(f[1]);
      if ((kind == W_PREFIX || kind == W_SUFFIX || kind == W_INFIX) && !op) ok = false;
    }
    if (!ok || !known) {
      /* a misspelt category would list words no value is read with */
      if (ok)
        dx_error_set(err, DX_EFORMAT, "values.rules:%d: unknown category \"%s\"", ln + 1, f[0]);
      else
        dx_error_set(err, DX_EFORMAT, "values.rules:%d: expected CATEGORY<TAB>OP<TAB>words",
                     ln + 1);
      g_strfreev(f);
      g_strfreev(lines);
      dx_lexicon_free(lx);
      return NULL;
    }
    lx->listed[kind] = true;
    char **words = g_strsplit(f[2], "|", -1);
    for (int i = 0; words[i]; i++) {
      if (!*words[i]) continue;
      char *folded = dx_label_key(words[i]);
      lex_word w = {.kind = kind, .op = op, .text = folded, .len = strlen(folded)};
      g_array_append_val(lx->words, w);
    }
    g_strfreev(words);
    g_strfreev(f);
  }
  g_strfreev(lines);
  g_array_sort(lx->words, by_length_desc);
  return lx;
}

const char *dx_lexicon_missing(const dx_lexicon *lx) {
  for (size_t i = 0; i < G_N_ELEMENTS(KINDS); i++)
    if (!lx->listed[KINDS[i].kind]) return KINDS[i].category;
  return NULL;
}

size_t dx_lexicon_size(const dx_lexicon *lx) {
  return lx->words->len;
}

void dx_lexicon_word(const dx_lexicon *lx, size_t i, const char **category, const char **op,
                     const char **text) {
  const lex_word *w = &g_array_index(lx->words, lex_word, i);
  *category = "";
  for (size_t k = 0; k < G_N_ELEMENTS(KINDS); k++)
    if (KINDS[k].kind == w->kind) *category = KINDS[k].category;
  *op = w->kind == W_PREFIX || w->kind == W_SUFFIX || w->kind == W_INFIX ? w->op : NULL;
  *text = w->text;
}

/* Longest lexicon word of `kind` that starts at p. */
static const lex_word *word_at(const dx_lexicon *lx, word_kind kind, const char *p) {
  for (guint i = 0; i < lx->words->len; i++) {
    const lex_word *w = &g_array_index(lx->words, lex_word, i);
    if (w->kind == kind && strncmp(p, w->text, w->len) == 0) return w;
  }
  return NULL;
}

/* Whether a word of `kind` starts at p. */
static bool word_here(const dx_lexicon *lx, word_kind kind, const char *p) {
  return word_at(lx, kind, p) != NULL;
}

/* Whether a word of `kind` occurs anywhere in s. */
static bool word_in(const dx_lexicon *lx, word_kind kind, const char *s) {
  for (const char *p = s; *p; p = g_utf8_next_char(p))
    if (word_here(lx, kind, p)) return true;
  return false;
}

/* ---- cleaning -------------------------------------------------------- */

/* Whether the 1 at span[i], before a % and after digits, is the
 * backslash of \%: with it the number passes 100 (951), without it it
 * does not (95). Only where the span holds a command read as written
 * ($\geq 951%$): bare % is no LaTeX, so the span's writer wrote \%. */
static bool share_over_hundred(const char *span, size_t i) {
  size_t j = i;
  while (j > 1 && g_ascii_isdigit(span[j - 1])) j--;
  char *with = g_strndup(span + j, i - j + 1);
  double both = g_ascii_strtod(with, NULL);
  with[i - j] = '\0';
  double without = g_ascii_strtod(with, NULL);
  g_free(with);
  return without <= 100 && both > 100;
}

/* A LaTeX span ($...$) as a scan's OCR reads it: the backslash before
 * a command comes back as l, i, I, |, 1 or /, and the one before % as a
 * 1 after the number's digits ($lgeq 951%$). Puts the backslashes back
 * when a command shows the misreading; a digit 1 before % is a
 * backslash then, or where the span's commands read right and the 1
 * makes a share pass 100 (share_over_hundred). Returns a new string. */
char *dx_value_unlatex_ocr(const char *s) {
  static const char *const commands[] = {"geqslant", "leqslant", "geq", "leq", "times"};
  GString *out = g_string_new(NULL);
  for (const char *p = s; *p;) {
    if (*p != '$') {
      g_string_append_c(out, *p++);
      continue;
    }
    const char *end = strchr(p + 1, '$');
    size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
    GString *span = g_string_new_len(p, (gssize)len);
    bool misread = false, command = false;
    for (size_t i = 1; i + 1 < span->len; i++) {
      bool slash = span->str[i] == '\\';
      if (!slash &&
          (!strchr("liI|1/", span->str[i]) || (i > 1 && g_ascii_isalpha(span->str[i - 1]))))
        continue;
      for (size_t c = 0; c < G_N_ELEMENTS(commands); c++)
        if (strncmp(span->str + i + 1, commands[c], strlen(commands[c])) == 0) {
          span->str[i] = '\\';
          misread |= !slash;
          command = true;
          break;
        }
    }
    for (size_t i = 1; command && i + 1 < span->len; i++)
      if (span->str[i] == '1' && span->str[i + 1] == '%' && g_ascii_isdigit(span->str[i - 1]) &&
          (misread || share_over_hundred(span->str, i)))
        span->str[i] = '\\';
    g_string_append_len(out, span->str, (gssize)span->len);
    g_string_free(span, TRUE);
    p += len;
  }
  return g_string_free(out, FALSE);
}

/* LaTeX as OCR engines write it: $\geq 95\%$ reads as ≥95%, and so does
 * a scan's $lgeq 951%$ (dx_value_unlatex_ocr). */
static char *unlatex(const char *text) {
  g_autofree char *s = strchr(text, '$') ? dx_value_unlatex_ocr(text) : g_strdup(text);
  static const struct {
    const char *from, *to;
  } map[] = {
      {"\\geqslant", "≥"}, {"\\leqslant", "≤"}, {"\\geq", "≥"},   {"\\leq", "≤"}, {"\\ge", "≥"},
      {"\\le", "≤"},       {"\\%", "%"},        {"\\times", "×"}, {"\\sim", "~"}, {"\\,", ""},
      {"\\;", ""},         {"\\ ", ""},         {"$", ""},        {"{", ""},      {"}", ""},
  };
  if (!strchr(s, '$') && !strchr(s, '\\')) return g_strdup(s);
  GString *out = g_string_new(NULL);
  for (const char *p = s; *p;) {
    bool hit = false;
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
      size_t n = strlen(map[i].from);
      if (strncmp(p, map[i].from, n) == 0) {
        g_string_append(out, map[i].to);
        p += n;
        hit = true;
        break;
      }
    }
    if (!hit) g_string_append_c(out, *p++);
  }
  return g_string_free(out, FALSE);
}

/* Folded, LaTeX read, all whitespace removed. */
static char *value_key(const char *text) {
  char *valid = dx_text_valid(text);
  char *lat = unlatex(valid);
  char *key = dx_label_key(lat);
  g_free(valid);
  g_free(lat);
  return key;
}

/* ---- numbers --------------------------------------------------------- */

typedef struct numtok {
  size_t start, end; /* byte offsets in the key */
  double v;
} numtok;

/* Digit runs with an optional decimal part and 1,000 separators. */
static size_t find_numbers(const char *s, numtok *out, size_t max) {
  size_t n = 0;
  for (size_t i = 0; s[i];) {
    if (!g_ascii_isdigit(s[i])) {
      i++;
      continue;
    }
    size_t j = i;
    GString *digits = g_string_new(NULL);
    for (;;) {
      while (g_ascii_isdigit(s[j])) g_string_append_c(digits, s[j++]);
      if (s[j] == ',' && g_ascii_isdigit(s[j + 1]) && g_ascii_isdigit(s[j + 2]) &&
          g_ascii_isdigit(s[j + 3]) && !g_ascii_isdigit(s[j + 4])) {
        j++;
        continue;
      }
      break;
    }
    if (s[j] == '.' && g_ascii_isdigit(s[j + 1])) {
      g_string_append_c(digits, s[j++]);
      while (g_ascii_isdigit(s[j])) g_string_append_c(digits, s[j++]);
    }
    if (n < max) out[n] = (numtok){.start = i, .end = j, .v = g_ascii_strtod(digits->str, NULL)};
    n++;
    g_string_free(digits, TRUE);
    i = j;
  }
  return n;
}

static bool has_digit(const char *s) {
  for (; *s; s++)
    if (g_ascii_isdigit(*s)) return true;
  return false;
}

/* ---- dates ----------------------------------------------------------- */

static bool is_date_char(const dx_lexicon *lx, const char *p) {
  if (g_ascii_isdigit(*p)) return true;
  const lex_word *w = word_at(lx, W_DATE_CHAR, p);
  return w && w->len == (size_t)(g_utf8_next_char(p) - p);
}

/* A date without its year: 12月底前, 6月30日前, 11月 (a month of 1-12
 * written with 月, then only date words). */
static bool looks_like_month_date(const dx_lexicon *lx, const char *k) {
  char *end;
  long m = strtol(k, &end, 10);
  if (end == k || end - k > 2 || m < 1 || m > 12 || !word_here(lx, W_DATE_MONTH, end)) return false;
  for (const char *p = end; *p; p = g_utf8_next_char(p))
    if (!is_date_char(lx, p)) return false;
  return true;
}

static bool looks_like_date(const dx_lexicon *lx, const char *k) {
  if (g_ascii_isdigit(k[0]) && looks_like_month_date(lx, k)) return true;
  if (!(g_ascii_isdigit(k[0]) && g_ascii_isdigit(k[1]) && g_ascii_isdigit(k[2]) &&
        g_ascii_isdigit(k[3])))
    return false;
  int year = (k[0] - '0') * 1000 + (k[1] - '0') * 100 + (k[2] - '0') * 10 + (k[3] - '0');
  if (year < DX_YEAR_MIN || year > DX_YEAR_MAX) return false;
  const char *after = k + 4;
  if (!(*after == '\0' || g_ascii_isdigit(*after) || strchr("./-", *after) ||
        word_here(lx, W_DATE_YEAR, after)))
    return false;
  for (const char *p = k; *p; p = g_utf8_next_char(p))
    if (!is_date_char(lx, p)) return false;
  return true;
}

typedef struct ymd {
  int y, m, d;
} ymd;

static void fmt_ymd(char out[11], ymd v) {
  if (!v.y)
    out[0] = '\0';
  else if (!v.m)
    g_snprintf(out, 11, "%04d", v.y);
  else if (!v.d)
    g_snprintf(out, 11, "%04d-%02d", v.y, v.m);
  else
    g_snprintf(out, 11, "%04d-%02d-%02d", v.y, v.m, v.d);
}

static bool is_range_sep(const dx_lexicon *lx, const char *p, size_t *len) {
  const lex_word *w = word_at(lx, W_RANGE_SEP, p);
  if (w) *len = w->len;
  return w != NULL;
}

int dx_period_parse(char start[11], char end[11], const dx_lexicon *lx, const char *s,
                    bool expand_year) {
  start[0] = end[0] = '\0';
  char *k = value_key(s);
  ymd dates[8];
  int nd = 0;
  ymd cur = {0, 0, 0};
  bool range_pending = false; /* a range separator was seen since the last number */
  char date_sep = 0;          /* the separator inside the current date: 2024.1 */
  for (const char *p = k; *p;) {
    if (!g_ascii_isdigit(*p)) {
      size_t n;
      if (is_range_sep(lx, p, &n) && cur.y) {
        /* "2023-01-01": a '-' inside an unfinished numeric date is a
         * separator; after a finished one, a 年/月 date, or a date
         * written with another separator (2024.1-12), a range. */
        bool numeric_date = p > k && g_ascii_isdigit(p[-1]);
        bool inside = *p == '-' && p[1] != '-' && numeric_date && cur.d == 0 && !range_pending &&
                      (date_sep == 0 || date_sep == '-') &&
                      !(cur.m && cur.y && nd == 0 && word_in(lx, W_DATE_YEAR, k));
        if (!inside) range_pending = true;
        if (inside) date_sep = '-';
        p += n;
      } else {
        if ((*p == '.' || *p == '/') && cur.y && p > k && g_ascii_isdigit(p[-1])) date_sep = *p;
        p = g_utf8_next_char(p);
      }
      continue;
    }
    const char *q = p;
    while (g_ascii_isdigit(*q)) q++;
    size_t len = (size_t)(q - p);
    int v = (int)strtol(p, NULL, 10);
    bool is_year_mark = word_here(lx, W_DATE_YEAR, q);
    bool is_month_mark = word_here(lx, W_DATE_MONTH, q);
    bool is_day_mark = word_here(lx, W_DATE_DAY, q);
    if (len == 8 || len == 6) { /* 20230101 or 202301 */
      if (cur.y && nd < 8) dates[nd++] = cur;
      cur = (ymd){0, 0, 0};
      char buf[9];
      memcpy(buf, p, len);
      buf[len] = 0;
      cur.d = len == 8 ? atoi(buf + 6) : 0;
      buf[6] = 0;
      cur.m = atoi(buf + 4);
      buf[4] = 0;
      cur.y = atoi(buf);
      range_pending = false;
    } else if (len == 4 || is_year_mark) {
      if (cur.y && nd < 8) dates[nd++] = cur;
      cur = (ymd){v, 0, 0};
      range_pending = false;
      date_sep = 0;
    } else if (cur.y) {
      bool month = is_month_mark || (!is_day_mark && (cur.m == 0 || range_pending));
      if (month) {
        if (cur.m) { /* a second month: the end of a period in the same year */
          if (nd < 8) dates[nd++] = cur;
          cur = (ymd){cur.y, 0, 0};
        }
        cur.m = v;
      } else if (cur.d == 0) {
        cur.d = v;
      }
      range_pending = false;
    }
    p = q;
  }
  if (cur.y && nd < 8) dates[nd++] = cur;
  g_free(k);
  for (int i = 0; i < nd; i++) /* reject impossible months/days */
    if (dates[i].m > 12 || dates[i].d > 31) return 0;
  if (nd == 0) return 0;
  ymd a = dates[0], b = dates[nd - 1];
  if (nd == 1 && expand_year && !a.m) {
    a.m = 1;
    b = (ymd){a.y, 12, 0};
    fmt_ymd(start, a);
    fmt_ymd(end, b);
    return 1;
  }
  if (nd > 1 && expand_year && !a.m && !b.m) { /* 2024-2026年: whole years */
    a.m = 1;
    b.m = 12;
  }
  fmt_ymd(start, a);
  if (nd > 1) fmt_ymd(end, b);
  return nd;
}

/* ---- units and amounts ----------------------------------------------- */

/* Length of the unit word at p, with a magnitude before it when one
 * stands there (万亩, 千瓦时, 亿元): the longer reading wins. */
static size_t unit_word(const dx_lexicon *lx, const char *p) {
  const lex_word *w = word_at(lx, W_UNIT, p);
  size_t n = w ? w->len : 0;
  const lex_word *s = word_at(lx, W_SCALE, p);
  if (s) {
    const lex_word *w2 = word_at(lx, W_UNIT, p + s->len);
    if (w2 && s->len + w2->len > n) n = s->len + w2->len;
  }
  return n;
}

/* Most Han characters an unlisted unit may have (公顷, 千瓦时 are listed;
 * longer runs are words, not units). */
#define GUESSED_UNIT_MAX_CHARS 2

/* An unlisted unit: one or two Han characters that end the value or
 * stand before a suffix word (50公斤左右). */
static size_t guess_unit(const dx_lexicon *lx, const char *p) {
  const char *q = p;
  int nchars = 0;
  while (*q && nchars <= GUESSED_UNIT_MAX_CHARS) {
    if (word_at(lx, W_SUFFIX, q)) break;
    gunichar c = g_utf8_get_char(q);
    if (g_unichar_ispunct(c) || g_unichar_isspace(c)) break;
    if (g_unichar_get_script(c) != G_UNICODE_SCRIPT_HAN) return 0;
    q = g_utf8_next_char(q);
    nchars++;
  }
  if (nchars == 0 || nchars > GUESSED_UNIT_MAX_CHARS) return 0;
  return (size_t)(q - p);
}

static size_t read_unit(const dx_lexicon *lx, const char *p, char *unit, size_t unit_size,
                        bool *guessed) {
  size_t n = unit_word(lx, p);
  if (!n && guessed && (n = guess_unit(lx, p)) > 0) *guessed = true;
  if (!n) return 0;
  /* a compound unit: 次/年, 万元/人, 元/人·年 — units joined by the
   * joiners of values.rules, each part its longest reading */
  for (const lex_word *j; (j = word_at(lx, W_UNIT_JOIN, p + n));) {
    size_t n2 = unit_word(lx, p + n + j->len);
    if (!n2) break;
    n += j->len + n2;
  }
  g_snprintf(unit, unit_size, "%.*s", (int)n, p);
  return n;
}

static bool only_punct(const char *s) {
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!(g_unichar_ispunct(c) || g_unichar_isspace(c))) return false;
  }
  return true;
}

/* True when s is, whole, a lexicon word of `kind`. */
static bool word_is(const dx_lexicon *lx, word_kind kind, const char *s) {
  const lex_word *w = word_at(lx, kind, s);
  return w && s[w->len] == '\0';
}

/* Removes a lexicon word of `kind` that ends s, in place. */
static void drop_word_at_end(const dx_lexicon *lx, word_kind kind, char *s) {
  size_t n = strlen(s);
  for (guint i = 0; i < lx->words->len; i++) {
    const lex_word *w = &g_array_index(lx->words, lex_word, i);
    if (w->kind == kind && w->len <= n && strcmp(s + n - w->len, w->text) == 0) {
      s[n - w->len] = '\0';
      return;
    }
  }
}

bool dx_amount_parse(double *wan, int *unit, const dx_lexicon *lx, const char *s) {
  char *k = value_key(s);
  /* thousands separators: 1,520.67 (a comma followed by three digits) */
  char *w = k;
  for (const char *p = k; *p; p++)
    if (!(*p == ',' && p > k && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1]) &&
          g_ascii_isdigit(p[2]) && g_ascii_isdigit(p[3]) && !g_ascii_isdigit(p[4])))
      *w++ = *p;
  *w = '\0';
  const char *p = k;
  /* words around an amount that do not change it (values.rules: 约,
   * currency marks, 整), and the unit in brackets: ￥120万元, 120（万元）,
   * 120万元整 */
  for (const lex_word *pw; (pw = word_at(lx, W_AMOUNT_PREFIX, p));) p += pw->len;
  char *end;
  if (!g_ascii_isdigit(*p)) {
    g_free(k);
    return false;
  }
  double v = g_ascii_strtod(p, &end);
  drop_word_at_end(lx, W_AMOUNT_SUFFIX, end);
  if (*end == '(' && g_str_has_suffix(end, ")")) {
    end[strlen(end) - 1] = '\0';
    end++;
  }
  bool ok = true;
  *unit = 0;
  if (*end == '\0')
    *unit = 0;
  else if (word_is(lx, W_AMOUNT_WAN, end))
    *unit = 1;
  else if (word_is(lx, W_AMOUNT_YUAN, end)) {
    *unit = 2;
    v /= 10000.0;
  } else
    ok = false;
  g_free(k);
  if (!ok || !isfinite(v)) return false;
  *wan = v;
  return true;
}

/* ---- indicator values ------------------------------------------------ */

void dx_value_parse(dx_value *out, const dx_lexicon *lx, const char *text) {
  memset(out, 0, sizeof *out);
  char *k = value_key(text ? text : "");
  if (!*k || only_punct(k)) {
    out->kind = DX_VK_EMPTY;
    goto done;
  }
  if (!has_digit(k)) {
    out->kind = DX_VK_QUALITATIVE;
    goto done;
  }
  if (looks_like_date(lx, k)) {
    out->kind = DX_VK_DATE;
    goto done;
  }
  numtok nums[8];
  size_t nn = find_numbers(k, nums, G_N_ELEMENTS(nums));
  if (nn == 2) { /* a range: [op] N sep N [unit] */
    size_t seplen;
    const char *between = k + nums[0].end;
    /* a unit may stand after the first number too: 15万-20万元 */
    char u1[64] = "";
    between += read_unit(lx, between, u1, sizeof u1, NULL);
    if (is_range_sep(lx, between, &seplen) && between + seplen == k + nums[1].start) {
      const char *tail = k + nums[1].end;
      tail += read_unit(lx, tail, out->unit, sizeof out->unit, NULL);
      if (!*tail || only_punct(tail)) {
        out->kind = DX_VK_RANGE;
        out->has_number = out->has_upper = true;
        out->number = nums[0].v;
        out->upper = nums[1].v;
        if (nums[0].start > 0) out->prose = true;
        goto done;
      }
      out->unit[0] = '\0';
    }
  }
  if (nn >= 2) {
    out->kind = DX_VK_COMPOUND;
    goto done;
  }
  if (nn == 0) { /* digits only inside words we could not split */
    out->kind = DX_VK_QUALITATIVE;
    goto done;
  }
  /* one number; a year among words ("根据2020年工作情况确定") names a
   * time, it is not a quantity */
  const lex_word *year = word_at(lx, W_DATE_YEAR, k + nums[0].end);
  if (nums[0].end - nums[0].start == 4 && nums[0].v >= DX_YEAR_MIN && nums[0].v <= DX_YEAR_MAX &&
      year && (nums[0].start > 0 || k[nums[0].end + year->len] != '\0')) {
    out->kind = DX_VK_QUALITATIVE;
    goto done;
  }
  out->kind = DX_VK_NUMERIC;
  out->has_number = true;
  out->number = nums[0].v;
  const char *op = NULL;
  /* prefix: the comparison word closest to the number */
  size_t prefix_len = nums[0].start, prose_chars = 0;
  for (size_t i = 0; i < prefix_len;) {
    const lex_word *w = word_at(lx, W_PREFIX, k + i);
    if (w && i + w->len <= prefix_len) {
      op = w->op;
      i += w->len;
      prose_chars = 0; /* words before the comparison are its subject */
      continue;
    }
    gunichar c = g_utf8_get_char(k + i);
    if (!g_unichar_ispunct(c)) prose_chars++;
    i = (size_t)(g_utf8_next_char(k + i) - k);
  }
  bool prose = prose_chars > 0;
  const char *p = k + nums[0].end;
  const lex_word *infix = word_at(lx, W_INFIX, p);
  if (infix) {
    if (!op) op = infix->op;
    p += infix->len;
  }
  p += read_unit(lx, p, out->unit, sizeof out->unit, &out->unit_guessed);
  const lex_word *suf = word_at(lx, W_SUFFIX, p);
  if (suf) {
    if (!op || strcmp(op, "=") == 0) op = suf->op;
    p += suf->len;
  }
  if (*p && !only_punct(p)) prose = true;
  out->op = op ? op : static_op("=");
  out->prose = prose;
done:
  g_free(k);
}
