/* text.c — text cleaning shared by every input format. */
#include "dx_normalize.h"

#include <string.h>

char *dx_text_valid(const char *s) {
  if (!s) return g_strdup("");
  return g_utf8_make_valid(s, -1);
}

static bool is_ticked(gunichar c) {
  return c == DX_CHECK_ON_CP || c == 0x2612 || c == 0x25A0 || c == 0x221A || c == 0x2713 ||
         c == 0x2714 || c == 0x25A3;
}

static bool is_unticked(gunichar c) {
  return c == DX_CHECK_OFF_CP || c == 0x25A1 || c == 0x25A2;
}

/* An HTML-like <input type="checkbox" ...> as some converters write it. */
static const char *input_checkbox(const char *p, bool *checked) {
  if (g_ascii_strncasecmp(p, "<input", 6) != 0) return NULL;
  const char *end = strchr(p, '>');
  if (!end || end - p > 200) return NULL;
  char *tag = g_ascii_strdown(p, end - p + 1);
  bool is_cb = strstr(tag, "checkbox") != NULL;
  *checked = strstr(tag, "checked") != NULL;
  g_free(tag);
  return is_cb ? end + 1 : NULL;
}

/* The functions below never lengthen the text (every replacement is no
 * longer than what it replaces: ☑ and ☐ for three-byte box characters
 * or a whole <input> tag; one space for a run of whitespace; ASCII for
 * three-byte full-width forms), so each writes into one buffer the size
 * of its input. The input is valid UTF-8 (dx_text_valid). */

static gunichar char_at(const char *p) {
  return (unsigned char)*p < 0x80 ? (gunichar)(unsigned char)*p : g_utf8_get_char(p);
}

static char *put(char *o, const char *p, size_t n) {
  memcpy(o, p, n);
  return o + n;
}

/* Writes c (bytes p..p+n), a radical or compatibility ideograph as the
 * ideograph it stands for (never longer than c's own bytes). */
static char *put_han(char *o, const char *p, size_t n, gunichar c) {
  gunichar u = dx_unify_han(c);
  if (u != c && (size_t)g_unichar_to_utf8(u, NULL) <= n) return o + g_unichar_to_utf8(u, o);
  return put(o, p, n);
}

char *dx_text_checkboxes(const char *s) {
  char *out = g_malloc(strlen(s) + 1), *o = out;
  for (const char *p = s; *p;) {
    bool checked;
    const char *after = *p == '<' ? input_checkbox(p, &checked) : NULL;
    if (after) {
      o = put(o, checked ? DX_CHECK_ON : DX_CHECK_OFF, strlen(DX_CHECK_ON));
      p = after;
      continue;
    }
    const char *next = g_utf8_next_char(p);
    gunichar c = char_at(p);
    if (is_ticked(c))
      o = put(o, DX_CHECK_ON, strlen(DX_CHECK_ON));
    else if (is_unticked(c))
      o = put(o, DX_CHECK_OFF, strlen(DX_CHECK_OFF));
    else
      o = put_han(o, p, (size_t)(next - p), c);
    p = next;
  }
  *o = '\0';
  return out;
}

static bool is_space(gunichar c) {
  if (c < 0x80) /* as g_unichar_isspace: not \v */
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace(c) || c == 0x3000 || c == 0xFEFF;
}

char *dx_text_collapse(const char *s) {
  char *out = g_malloc(strlen(s) + 1), *o = out;
  bool pending = false;
  for (const char *p = s; *p;) {
    const char *next = g_utf8_next_char(p);
    if (is_space(char_at(p))) {
      pending = o > out;
    } else {
      if (pending) *o++ = ' ';
      pending = false;
      o = put(o, p, (size_t)(next - p));
    }
    p = next;
  }
  *o = '\0';
  return out;
}

char *dx_text_raw(const char *s) {
  if (!s) s = "";
  char *v = g_utf8_validate(s, -1, NULL) ? NULL : dx_text_valid(s); /* a copy only if needed */
  char *cb = dx_text_checkboxes(v ? v : s);
  char *raw = dx_text_collapse(cb);
  g_free(v);
  g_free(cb);
  return raw;
}

/* Writes c folded (full-width ASCII to ASCII, the ideographic space to a
 * space); p: c's bytes. */
static char *put_folded(char *o, const char *p, gunichar c) {
  if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII block */
    *o++ = (char)(c - 0xFEE0);
  else if (c == 0x3000)
    *o++ = ' ';
  else
    o = put(o, p, (size_t)(g_utf8_next_char(p) - p));
  return o;
}

/* A colon, ASCII or full-width (U+FF1A, which dx_text_fold folds). */
#define FULLWIDTH_COLON 0xFF1A

bool dx_text_is_colon(gunichar c) {
  return c == ':' || c == FULLWIDTH_COLON;
}

const char *dx_text_colon(const char *s, bool last, size_t *len) {
  const char *found = NULL;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    if (!dx_text_is_colon(g_utf8_get_char(p))) continue;
    found = p;
    if (!last) break;
  }
  if (found && len) *len = (size_t)(g_utf8_next_char(found) - found);
  return found;
}

char *dx_text_fold(const char *s) {
  char *out = g_malloc(strlen(s) + 1), *o = out;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) o = put_folded(o, p, char_at(p));
  *o = '\0';
  return out;
}

static bool is_han(gunichar c) {
  return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

char *dx_text_join_han(const char *s) {
  GString *out = g_string_sized_new(strlen(s));
  gunichar prev = 0; /* last non-space character written */
  const char *p = s;
  while (*p) {
    gunichar c = g_utf8_get_char(p);
    if (is_space(c)) {
      const char *q = p;
      while (*q && is_space(g_utf8_get_char(q))) q = g_utf8_next_char(q);
      gunichar next = *q ? g_utf8_get_char(q) : 0;
      if (!(prev && is_han(prev) && next && is_han(next))) g_string_append_len(out, p, q - p);
      p = q;
      continue;
    }
    g_string_append_unichar(out, c);
    prev = c;
    p = g_utf8_next_char(p);
  }
  return g_string_free(out, FALSE);
}

char *dx_label_key(const char *s) {
  char *out = g_malloc(strlen(s) + 1), *o = out;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = char_at(p);
    if (!is_space(c)) o = put_folded(o, p, c); /* folded, then spaces out */
  }
  while (o > out && o[-1] == ':') o--;
  *o = '\0';
  return out;
}
