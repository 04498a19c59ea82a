/* xlsx_numfmt.c — a number as its cell's number format shows it
 * (18.8.31): format codes compiled into sections of tokens (positive;
 * negative; zero; text, or sections under [conditions]), digit
 * placeholders 0 # ?, decimals, thousands separators and scaling commas,
 * percent, scientific notation, quoted and escaped literals, General,
 * and date and time codes (xlsx_date.c prints their parts). Colours,
 * locales and fill characters change nothing in the text; a currency in
 * [$¥-804] is its symbol. Rounding is decimal, on the value's 15
 * significant digits, as Excel shows it (2.675 as 0.00 is 2.68).
 */
#include "xlsx_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  T_LIT,     /* s */
  T_DIGIT,   /* n: '0', '#' or '?' */
  T_DOT,     /* the decimal point */
  T_COMMA,   /* thousands separator, or scaling by 1000 */
  T_PERCENT, /* x 100 */
  T_EXP,     /* E+ (n '+') or E- (n '-') */
  T_TEXT,    /* @ */
  T_GENERAL, /* General */
  T_DATE,    /* part k, n */
} tkind;

typedef struct tok {
  tkind kind;
  int n;
  xl_datepart k;
  char *s;
} tok;

enum { MAX_DECIMALS = 30, MAX_SECTIONS = 4 };

typedef struct section {
  GArray *toks;
  bool date, hour12, general, text, thousands, has_cond;
  char op[3];
  double cond;
  int nint, ndec, nexp; /* digit placeholders: integer, decimal, exponent */
  int percent, scale;   /* x 100 each; / 1000 each */
  bool exp, exp_plus;
} section;

struct xl_fmt {
  section sec[MAX_SECTIONS];
  int nsec;
};

/* ---- built-in formats ------------------------------------------------------- */

static const char *const BUILTIN[] = {
    [1] = "0",
    [2] = "0.00",
    [3] = "#,##0",
    [4] = "#,##0.00",
    [9] = "0%",
    [10] = "0.00%",
    [11] = "0.00E+00",
    [12] = "# ?/?",
    [13] = "# ?\?/??",
    /* the short date and its time as a zh-CN Excel shows them */
    [14] = "yyyy/m/d",
    [15] = "d-mmm-yy",
    [16] = "d-mmm",
    [17] = "mmm-yy",
    [18] = "h:mm AM/PM",
    [19] = "h:mm:ss AM/PM",
    [20] = "h:mm",
    [21] = "h:mm:ss",
    [22] = "yyyy/m/d h:mm",
    /* zh-CN (18.8.30's note on East Asian locales) */
    [27] = "yyyy\"年\"m\"月\"",
    [28] = "m\"月\"d\"日\"",
    [29] = "m\"月\"d\"日\"",
    [30] = "m-d-yy",
    [31] = "yyyy\"年\"m\"月\"d\"日\"",
    [32] = "h\"时\"mm\"分\"",
    [33] = "h\"时\"mm\"分\"ss\"秒\"",
    [34] = "上午/下午h\"时\"mm\"分\"",
    [35] = "上午/下午h\"时\"mm\"分\"ss\"秒\"",
    [36] = "yyyy\"年\"m\"月\"",
    [37] = "#,##0 ;(#,##0)",
    [38] = "#,##0 ;[Red](#,##0)",
    [39] = "#,##0.00;(#,##0.00)",
    [40] = "#,##0.00;[Red](#,##0.00)",
    [45] = "mm:ss",
    [46] = "[h]:mm:ss",
    [47] = "mmss.0",
    [48] = "##0.0E+0",
    [49] = "@",
    [50] = "yyyy\"年\"m\"月\"",
    [51] = "m\"月\"d\"日\"",
    [52] = "yyyy\"年\"m\"月\"",
    [53] = "m\"月\"d\"日\"",
    [54] = "m\"月\"d\"日\"",
    [55] = "上午/下午h\"时\"mm\"分\"",
    [56] = "上午/下午h\"时\"mm\"分\"ss\"秒\"",
    [57] = "yyyy\"年\"m\"月\"",
    [58] = "m\"月\"d\"日\"",
};

const char *dx_xl_builtin_format(int id) {
  return id > 0 && id < (int)G_N_ELEMENTS(BUILTIN) ? BUILTIN[id] : NULL;
}

/* ---- compiling ---------------------------------------------------------------- */

static void add(section *s, tkind kind, int n, const char *lit, size_t len) {
  tok t = {.kind = kind, .n = n};
  if (kind == T_LIT) {
    /* literals run together */
    if (s->toks->len) {
      tok *last = &g_array_index(s->toks, tok, s->toks->len - 1);
      if (last->kind == T_LIT) {
        char *joined = g_strdup_printf("%s%.*s", last->s, (int)len, lit);
        g_free(last->s);
        last->s = joined;
        return;
      }
    }
    t.s = g_strndup(lit, len);
  }
  g_array_append_val(s->toks, t);
}

static void add_date(section *s, xl_datepart k, int n) {
  tok t = {.kind = T_DATE, .k = k, .n = n};
  g_array_append_val(s->toks, t);
  s->date = true;
}

/* A bracketed code [...]: elapsed time, a condition, a currency; colours
 * and locales show nothing. */
static void bracket(section *s, const char *in, size_t len) {
  char c = len ? (char)g_ascii_tolower(in[0]) : 0;
  bool same = len > 0;
  for (size_t i = 1; i < len; i++) same = same && g_ascii_tolower(in[i]) == c;
  if (same && (c == 'h' || c == 'm' || c == 's')) {
    add_date(s, c == 'h' ? XD_ELAPSED_H : c == 'm' ? XD_ELAPSED_M : XD_ELAPSED_S, (int)len);
  } else if (len && (in[0] == '<' || in[0] == '>' || in[0] == '=')) {
    size_t n = (len > 1 && (in[1] == '=' || in[1] == '>')) ? 2 : 1;
    memcpy(s->op, in, n);
    s->op[n] = 0;
    char num[64];
    g_strlcpy(num, in + n, MIN(sizeof num, len - n + 1));
    s->cond = g_ascii_strtod(num, NULL);
    s->has_cond = true;
  } else if (len > 1 && in[0] == '$') {
    const char *dash = memchr(in, '-', len);
    size_t n = dash ? (size_t)(dash - in) : len;
    if (n > 1) add(s, T_LIT, 0, in + 1, n - 1);
  }
}

/* The length of the run of letter c (either case) at p. */
static int run_of(const char *p, char c) {
  int n = 0;
  while (g_ascii_tolower(p[n]) == c) n++;
  return n;
}

/* Date and time letters at p: the token added and its length, or 0. */
static int date_code(section *s, const char *p) {
  char c = (char)g_ascii_tolower(*p);
  if (g_ascii_strncasecmp(p, "AM/PM", 5) == 0) {
    add_date(s, XD_AMPM, 0);
    s->hour12 = true;
    return 5;
  }
  if (g_ascii_strncasecmp(p, "A/P", 3) == 0) {
    add_date(s, XD_AMPM, 1);
    s->hour12 = true;
    return 3;
  }
  /* the zh-CN AM/PM token: format syntax, as AM/PM is */
  if (strncmp(p, "上午/下午", strlen("上午/下午")) == 0) {
    add_date(s, XD_AMPM, 2);
    s->hour12 = true;
    return (int)strlen("上午/下午");
  }
  int n = run_of(p, c);
  switch (c) {
  case 'y':
  case 'e':
    add_date(s, XD_YEAR, c == 'e' ? 4 : n);
    return n;
  case 'm':
    add_date(s, XD_MONTH, n); /* or minutes: settled once the section is read */
    return n;
  case 'd':
    add_date(s, XD_DAY, n);
    return n;
  case 'h':
    add_date(s, XD_HOUR, n);
    return n;
  case 's':
    add_date(s, XD_SECOND, n);
    return n;
  case 'a':
    if (n >= 3) {
      add_date(s, XD_WEEKDAY_CN, n);
      return n;
    }
    return 0;
  default:
    return 0;
  }
}

/* m is minutes after an hour or before a second; .0 after seconds is a
 * fraction of a second. */
static void settle_dates(section *s) {
  int prev = -1;
  for (guint i = 0; i < s->toks->len; i++) {
    tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind == T_DOT && prev >= 0) {
      tok *p = &g_array_index(s->toks, tok, prev);
      int n = 0;
      while (i + 1 + n < s->toks->len && g_array_index(s->toks, tok, i + 1 + n).kind == T_DIGIT)
        n++;
      if (n && (p->k == XD_SECOND || p->k == XD_ELAPSED_S)) {
        t->kind = T_LIT;
        t->s = g_strdup(".");
        for (int k = 0; k < n; k++) {
          tok *d = &g_array_index(s->toks, tok, i + 1 + k);
          d->kind = k == 0 ? T_DATE : T_LIT;
          d->k = XD_SUBSEC;
          d->n = n;
          if (k) d->s = g_strdup("");
        }
      }
    }
    if (t->kind != T_DATE) continue;
    if (t->k == XD_MONTH && t->n <= 2) {
      bool after_hour = prev >= 0 && (g_array_index(s->toks, tok, prev).k == XD_HOUR ||
                                      g_array_index(s->toks, tok, prev).k == XD_ELAPSED_H);
      bool before_sec = false;
      for (guint j = i + 1; j < s->toks->len && !before_sec; j++) {
        const tok *u = &g_array_index(s->toks, tok, j);
        if (u->kind != T_DATE) continue;
        before_sec = u->k == XD_SECOND || u->k == XD_ELAPSED_S;
        break;
      }
      if (after_hour || before_sec) t->k = XD_MINUTE;
    }
    prev = (int)i;
  }
}

/* Counts of the number tokens. */
static void settle_number(section *s) {
  bool after_dot = false, after_exp = false;
  int last_digit = -1;
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind == T_DIGIT) {
      last_digit = (int)i;
      if (after_exp)
        s->nexp++;
      else if (after_dot)
        s->ndec++;
      else
        s->nint++;
    } else if (t->kind == T_DOT && !after_exp) {
      after_dot = true;
    } else if (t->kind == T_EXP) {
      after_exp = s->exp = true;
      s->exp_plus = t->n == '+';
    } else if (t->kind == T_PERCENT) {
      s->percent++;
    } else if (t->kind == T_GENERAL) {
      s->general = true;
    } else if (t->kind == T_TEXT) {
      s->text = true;
    }
  }
  /* a comma between integer digits separates thousands; commas right
   * after the last digit scale */
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind != T_COMMA) continue;
    if ((int)i > last_digit)
      s->scale++;
    else if (s->nint)
      s->thousands = true;
  }
  s->ndec = MIN(s->ndec, MAX_DECIMALS);
}

/* One token at p of the section: its length. */
static size_t token(section *s, const char *p) {
  switch (*p) {
  case '"': {
    const char *q = strchr(p + 1, '"');
    size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
    add(s, T_LIT, 0, p + 1, n);
    return n + (q ? 2 : 1);
  }
  case '\\':
  case '!':
    if (!p[1]) return 1;
    add(s, T_LIT, 0, p + 1, (size_t)(g_utf8_next_char(p + 1) - (p + 1)));
    return 1 + (size_t)(g_utf8_next_char(p + 1) - (p + 1));
  case '_': /* the width of the next character: a space */
    add(s, T_LIT, 0, " ", 1);
    return p[1] ? 1 + (size_t)(g_utf8_next_char(p + 1) - (p + 1)) : 1;
  case '*': /* fill with the next character: nothing in text */
    return p[1] ? 1 + (size_t)(g_utf8_next_char(p + 1) - (p + 1)) : 1;
  case '[': {
    const char *q = strchr(p, ']');
    size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
    bracket(s, p + 1, n);
    return n + (q ? 2 : 1);
  }
  case '0':
  case '#':
  case '?':
    add(s, T_DIGIT, *p, NULL, 0);
    return 1;
  case '.':
    add(s, T_DOT, 0, NULL, 0);
    return 1;
  case ',':
    add(s, T_COMMA, 0, NULL, 0);
    return 1;
  case '%':
    add(s, T_PERCENT, 0, NULL, 0);
    return 1;
  case '@':
    add(s, T_TEXT, 0, NULL, 0);
    return 1;
  default:
    break;
  }
  if ((*p == 'E' || *p == 'e') && (p[1] == '+' || p[1] == '-')) {
    add(s, T_EXP, p[1], NULL, 0);
    return 2;
  }
  if (g_ascii_strncasecmp(p, "General", 7) == 0) {
    add(s, T_GENERAL, 0, NULL, 0);
    return 7;
  }
  int n = date_code(s, p);
  if (n) return (size_t)n;
  size_t len = (size_t)(g_utf8_next_char(p) - p);
  add(s, T_LIT, 0, p, len);
  return len;
}

xl_fmt *dx_xl_fmt_compile(const char *code) {
  xl_fmt *f = g_new0(xl_fmt, 1);
  f->nsec = 1;
  f->sec[0].toks = g_array_new(FALSE, TRUE, sizeof(tok));
  for (const char *p = code; *p;) {
    if (*p == ';') {
      p++;
      if (f->nsec == MAX_SECTIONS) break;
      f->sec[f->nsec++].toks = g_array_new(FALSE, TRUE, sizeof(tok));
      continue;
    }
    p += token(&f->sec[f->nsec - 1], p);
  }
  for (int i = 0; i < f->nsec; i++) {
    settle_dates(&f->sec[i]);
    settle_number(&f->sec[i]);
  }
  return f;
}

void dx_xl_fmt_free(xl_fmt *f) {
  if (!f) return;
  for (int i = 0; i < f->nsec; i++) {
    for (guint k = 0; k < f->sec[i].toks->len; k++) g_free(g_array_index(f->sec[i].toks, tok, k).s);
    g_array_free(f->sec[i].toks, TRUE);
  }
  g_free(f);
}

bool dx_xl_fmt_is_date(const xl_fmt *f) {
  return f && f->sec[0].date;
}

/* ---- numbers ------------------------------------------------------------------ */

/* x >= 0 rounded to ndec decimals, as decimal digits: ip the integer
 * part without leading zeros ("" for zero), fp exactly ndec digits.
 * Rounds half away from zero on the value's 15 significant digits. */
static void decimal_digits(double x, int ndec, GString *ip, GString *fp) {
  g_string_truncate(ip, 0);
  g_string_truncate(fp, 0);
  char buf[40];
  snprintf(buf, sizeof buf, "%.14e", x);
  char d[16];
  int nd = 0;
  const char *p = buf;
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit(*p) && nd < 15) d[nd++] = *p;
  int e = *p == 'e' ? atoi(p + 1) : 0; /* x = d0.d1d2... x 10^e */
  if (x == 0) e = 0, nd = 0;
  /* the digits of the places 10^max(e,0) down to 10^-ndec */
  GString *all = g_string_new(NULL);
  for (int place = MAX(e, 0); place >= -ndec; place--) {
    int i = e - place;
    g_string_append_c(all, i >= 0 && i < nd ? d[i] : '0');
  }
  int next = e + ndec + 1; /* the first digit dropped rounds */
  if (next >= 0 && next < nd && d[next] >= '5') {
    int i = (int)all->len - 1;
    for (; i >= 0 && all->str[i] == '9'; i--) all->str[i] = '0';
    if (i >= 0)
      all->str[i]++;
    else
      g_string_prepend_c(all, '1');
  }
  size_t ni = all->len - (size_t)ndec;
  g_string_append_len(fp, all->str + ni, ndec);
  size_t lead = 0;
  while (lead < ni && all->str[lead] == '0') lead++;
  g_string_append_len(ip, all->str + lead, (gssize)(ni - lead));
  g_string_free(all, TRUE);
}

void dx_xl_general(GString *out, double v) {
  if (!isfinite(v)) { /* no cell holds one; a formula that made one shows #NUM! */
    g_string_append(out, "#NUM!");
    return;
  }
  if (v == 0) {
    g_string_append_c(out, '0');
    return;
  }
  char buf[40];
  double a = fabs(v);
  if (a >= 1e15 || a < 1e-9) {
    snprintf(buf, sizeof buf, "%.5E", v); /* 1.23457E+20, trimmed below */
    char *e = strchr(buf, 'E');
    char *m = e;
    while (m > buf && m[-1] == '0') m--;
    if (m > buf && m[-1] == '.') m--;
    g_string_append_len(out, buf, m - buf);
    int ex = atoi(e + 1);
    g_string_append_printf(out, "E%c%02d", ex < 0 ? '-' : '+', abs(ex));
    return;
  }
  snprintf(buf, sizeof buf, "%.15g", v);
  g_string_append(out, buf);
}

/* The integer digits ip laid on the section's integer placeholders
 * (right to left: a digit, else 0 shows 0, ? a space, # nothing), with
 * thousands separators: what the first placeholder shows. */
static void integer_text(GString *out, const section *s, const char *ip) {
  GString *ph = g_string_new(NULL); /* the placeholders, left to right */
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind == T_DOT || t->kind == T_EXP) break;
    if (t->kind == T_DIGIT) g_string_append_c(ph, (char)t->n);
  }
  size_t nd = strlen(ip);
  GString *w = g_string_new(NULL);
  if (nd > ph->len) g_string_append_len(w, ip, (gssize)(nd - ph->len));
  for (size_t j = 0; j < ph->len; j++) {
    size_t from_right = ph->len - 1 - j;
    if (from_right < nd)
      g_string_append_c(w, ip[nd - 1 - from_right]);
    else if (ph->str[j] == '0')
      g_string_append_c(w, '0');
    else if (ph->str[j] == '?')
      g_string_append_c(w, ' ');
  }
  if (s->thousands) {
    int ndig = 0;
    for (size_t i = 0; i < w->len; i++) ndig += g_ascii_isdigit(w->str[i]) != 0;
    for (size_t i = 0; i < w->len; i++) {
      g_string_append_c(out, w->str[i]);
      if (g_ascii_isdigit(w->str[i]) && --ndig > 0 && ndig % 3 == 0) g_string_append_c(out, ',');
    }
  } else {
    g_string_append_len(out, w->str, (gssize)w->len);
  }
  g_string_free(w, TRUE);
  g_string_free(ph, TRUE);
}

/* The decimal digits fp on the decimal placeholders: trailing zeros
 * show under 0, as a space under ?, not at all under #. dec is the
 * placeholder's number. */
static void decimal_digit(GString *out, const tok *t, const char *fp, int dec) {
  int last = -1; /* the last digit that is not a trailing zero */
  for (int i = 0; fp[i]; i++)
    if (fp[i] != '0') last = i;
  if (dec <= last)
    g_string_append_c(out, fp[dec]);
  else if (t->n == '0')
    g_string_append_c(out, '0');
  else if (t->n == '?')
    g_string_append_c(out, ' ');
}

/* x >= 0 in a number section; minus: a sign goes first. */
static void number_section(GString *out, const section *s, double x, bool minus) {
  double given = x;
  for (int i = 0; i < s->percent; i++) x *= 100;
  for (int i = 0; i < s->scale; i++) x /= 1000;
  if (!isfinite(x)) { /* a format of many % overflows it: the number as it is */
    g_string_append_printf(out, "%s%.15g", minus ? "-" : "", given);
    return;
  }
  int e = 0;
  if (s->exp && x > 0) {
    e = (int)floor(log10(x));
    int step = MAX(s->nint, 1);
    bool eng = s->nint > 1 && g_array_index(s->toks, tok, 0).kind == T_DIGIT &&
               g_array_index(s->toks, tok, 0).n == '#';
    e = eng ? (int)floor((double)e / step) * step : e - (step - 1);
    x /= pow(10, e);
  }
  GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
  decimal_digits(x, s->ndec, ip, fp);
  if (minus) g_string_append_c(out, '-');
  bool first_int = true, after_dot = false, after_exp = false;
  int dec = 0, expdig = 0;
  char expbuf[16];
  snprintf(expbuf, sizeof expbuf, "%0*d", CLAMP(s->nexp, 1, 4), abs(e) % 1000);
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    switch (t->kind) {
    case T_LIT:
      g_string_append(out, t->s);
      break;
    case T_DIGIT:
      if (after_exp) {
        if (expdig++ == 0) g_string_append(out, expbuf);
      } else if (after_dot) {
        decimal_digit(out, t, fp->str, dec++);
      } else if (first_int) {
        integer_text(out, s, ip->str);
        first_int = false;
      }
      break;
    case T_DOT:
      if (!after_exp) after_dot = true;
      g_string_append_c(out, '.');
      break;
    case T_PERCENT:
      g_string_append_c(out, '%');
      break;
    case T_EXP:
      g_string_append_c(out, 'E');
      if (e < 0)
        g_string_append_c(out, '-');
      else if (s->exp_plus)
        g_string_append_c(out, '+');
      after_exp = true;
      break;
    case T_GENERAL:
      dx_xl_general(out, x);
      break;
    case T_COMMA:
    case T_TEXT:
    case T_DATE:
      break;
    }
  }
  g_string_free(ip, TRUE);
  g_string_free(fp, TRUE);
}

static void date_section(GString *out, const section *s, double v, bool date1904) {
  bool ms = false;
  for (guint i = 0; i < s->toks->len; i++)
    ms = ms || (g_array_index(s->toks, tok, i).kind == T_DATE &&
                g_array_index(s->toks, tok, i).k == XD_SUBSEC);
  xl_datetime dt;
  if (!dx_xl_serial_date(&dt, v, date1904, ms)) { /* Excel shows ####: the number */
    dx_xl_general(out, v);
    return;
  }
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind == T_LIT)
      g_string_append(out, t->s);
    else if (t->kind == T_DATE)
      dx_xl_date_part(out, t->k, t->n, &dt, s->hour12);
    else if (t->kind == T_DOT)
      g_string_append_c(out, '.');
    else if (t->kind == T_COMMA)
      g_string_append_c(out, ',');
    else if (t->kind == T_DIGIT)
      g_string_append_c(out, (char)t->n);
    else if (t->kind == T_PERCENT)
      g_string_append_c(out, '%');
  }
}

static bool cond_holds(const section *s, double v) {
  const char *op = s->op;
  if (strcmp(op, "<") == 0) return v < s->cond;
  if (strcmp(op, "<=") == 0) return v <= s->cond;
  if (strcmp(op, ">") == 0) return v > s->cond;
  if (strcmp(op, ">=") == 0) return v >= s->cond;
  if (strcmp(op, "<>") == 0) return v != s->cond;
  return v == s->cond;
}

/* The section that shows v, and whether a minus sign goes first. */
static const section *pick(const xl_fmt *f, double v, bool *minus) {
  int nnum = f->nsec;
  if (nnum > 1 && f->sec[nnum - 1].text && !f->sec[nnum - 1].nint) nnum--;
  if (nnum == 4) nnum = 3;
  *minus = false;
  if (f->sec[0].has_cond || (nnum > 1 && f->sec[1].has_cond)) {
    for (int i = 0; i < nnum; i++) {
      const section *s = &f->sec[i];
      if (!s->has_cond || cond_holds(s, v)) {
        *minus = v < 0 && !(s->has_cond && s->op[0] == '<');
        return s;
      }
    }
    *minus = v < 0;
    return &f->sec[0];
  }
  if (nnum == 1 || v > 0 || (v == 0 && nnum < 3)) {
    *minus = v < 0;
    return &f->sec[0];
  }
  return v < 0 ? &f->sec[1] : &f->sec[2];
}

void dx_xl_format_number(GString *out, const xl_fmt *f, double v, bool date1904) {
  if (!f) {
    dx_xl_general(out, v);
    return;
  }
  bool minus;
  const section *s = pick(f, v, &minus);
  if (s->date) {
    date_section(out, s, v, date1904);
  } else if (s->general && !s->nint && !s->ndec) {
    if (minus) g_string_append_c(out, '-');
    for (guint i = 0; i < s->toks->len; i++) {
      const tok *t = &g_array_index(s->toks, tok, i);
      if (t->kind == T_LIT) g_string_append(out, t->s);
      if (t->kind == T_GENERAL) dx_xl_general(out, fabs(v));
    }
  } else if (s->text && !s->nint && !s->ndec) {
    dx_xl_general(out, v); /* a text format shows a number as General */
  } else {
    number_section(out, s, fabs(v), minus);
  }
}

void dx_xl_format_text(GString *out, const xl_fmt *f, const char *text) {
  const section *s = NULL;
  if (f && f->nsec == 4)
    s = &f->sec[3];
  else if (f && f->sec[f->nsec - 1].text)
    s = &f->sec[f->nsec - 1];
  if (!s || !s->text) {
    g_string_append(out, text);
    return;
  }
  for (guint i = 0; i < s->toks->len; i++) {
    const tok *t = &g_array_index(s->toks, tok, i);
    if (t->kind == T_LIT) g_string_append(out, t->s);
    if (t->kind == T_TEXT) g_string_append(out, text);
  }
}
