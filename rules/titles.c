/* titles.c — titles: a title starts a declaration (a continuation's goes on
 * with the one being read), alone or sharing its line with other text; on
 * a scan a title OCR misread is repaired. */
#include "map_int.h"

#include <string.h>

/* A title matched on a scan only with a character of 目标/指标 misread
 * or lost (title_ocr) is written with the word its rule names: up to two
 * characters after its last 绩效, before the 表 (or 申报/汇总/审核)
 * that ends the name (a typist reads 绩效1标表 and 绩效 标表 as
 * 绩效目标表); a word that ends in 申报 up to the 表 (绩效目标 报表 is
 * 绩效目标申报表). */
#define TITLE_OCR_MAX_CHARS 4
static char *title_repaired(ctx *x, char *title) {
  if (!x->scanned) return title;
  char *key = dx_label_key(title);
  const char *word = dx_rules_match(x->rs, DX_CAT_TITLE, key)
                         ? NULL
                         : dx_rules_match(x->rs, DX_CAT_TITLE_OCR, key);
  g_free(key);
  char *at = word ? g_strrstr(title, "绩效") : NULL;
  if (!at) return title;
  at += strlen("绩效");
  const char *end = at;
  /* a word of more than two characters (目标申报) runs on to the 表 */
  bool to_table = g_utf8_strlen(word, -1) > 2;
  for (int i = 0; i < (to_table ? TITLE_OCR_MAX_CHARS : 2) && *end &&
                  (to_table ? !g_str_has_prefix(end, "表")
                            : !g_utf8_strchr("表申汇审", -1, g_utf8_get_char(end)));
       i++)
    end = g_utf8_next_char(end);
  char *fixed = g_strdup_printf("%.*s%s%s", (int)(at - title), title, word, end);
  g_free(title);
  return fixed;
}

/* The longest word of a form's name (title_word) repaired in a title. */
#define TITLE_WORD_MAX_CHARS 6
#define TITLE_WORD_MIN_CHARS 4

/* On a scan, each run of a title one character off a word of the forms'
 * names (title_word: 项计支出 is 项目支出, 目 read as 计 on a fax) is
 * written as the word: runs of four characters and more, one character
 * replaced, as labels are near-matched. */
static char *title_words_repaired(ctx *x, char *title) {
  if (!x->scanned) return title;
  GString *out = g_string_sized_new(strlen(title));
  for (const char *p = title; *p;) {
    const char *skip = NULL;
    for (int n = TITLE_WORD_MAX_CHARS; n >= TITLE_WORD_MIN_CHARS && !skip; n--) {
      const char *e = p;
      int k = 0;
      for (; *e && k < n; k++) e = g_utf8_next_char(e);
      if (k < n) continue;
      char *run = g_strndup(p, (gsize)(e - p)), *text = NULL;
      int d = 0;
      if (dx_rules_match_near(x->rs, DX_CAT_TITLE_WORD, run, 1, &d, &text) && d == 1 &&
          g_utf8_strlen(text, -1) == n) {
        g_string_append(out, text);
        skip = e;
      }
      g_free(text);
      g_free(run);
    }
    if (!skip) {
      skip = g_utf8_next_char(p);
      g_string_append_len(out, p, skip - p);
    }
    p = skip;
  }
  g_free(title);
  return g_string_free(out, FALSE);
}

static void start_decl(ctx *x, const char *title_raw) {
  if (x->cur && !x->cur->titled && x->cur->table_index < 0) {
    /* a preamble (填报单位, 金额单位 lines) before a title that stands
     * in the table's first row: it belongs to this form */
  } else if (x->cur && (x->cur->content > 0 || !x->cur->titled))
    map_finish_decl(x);
  else if (x->cur) {
    map_decl_free(x->cur);
    x->cur = NULL;
  }
  decl *d = map_cur_decl(x);
  d->titled = true;
  d->title = dx_text_join_han(title_raw);
  d->title = title_words_repaired(x, title_repaired(x, d->title));
  d->year = map_year_of(title_raw);
  x->mode = M_NONE;
}

bool map_is_title(ctx *x, const char *key) {
  /* on a scan, also a title with a character OCR misread (title_ocr) */
  return g_utf8_strlen(key, -1) <= 80 &&
         (dx_rules_match(x->rs, DX_CAT_TITLE, key) != NULL ||
          (x->scanned && dx_rules_match(x->rs, DX_CAT_TITLE_OCR, key) != NULL));
}

/* A title repeated over a continuation ("…申报表（续）") goes on with the
 * form being read instead of opening a new one. */
void map_on_title(ctx *x, const char *raw, const char *key) {
  if (x->cur && x->cur->titled && dx_rules_match(x->rs, DX_CAT_TITLE_CONTINUED, key)) return;
  start_decl(x, raw);
}

/* A title sharing its line with other text ("…申报表 金额单位：万元",
 * "填报单位：… …申报表"): the split at a space that leaves a title on
 * one side and label：value text on the other (a title spaced out,
 * "2023年度 项目支出…申报表", stays whole). Returns the title's raw text
 * and sets *rest to the other side (both g_free'd), or NULL. */
char *map_title_in_line(ctx *x, const char *raw, char **rest) {
  for (const char *sp = strchr(raw, ' '); sp; sp = strchr(sp + 1, ' ')) {
    char *sides[2] = {g_strndup(raw, (gsize)(sp - raw)), g_strdup(sp + 1)};
    for (int i = 0; i < 2; i++) {
      const char *other = sides[1 - i];
      if (!dx_text_colon(other, false, NULL)) continue;
      char *k = dx_label_key(sides[i]);
      bool yes = *k && map_is_title(x, k);
      g_free(k);
      if (yes) {
        *rest = sides[1 - i];
        return sides[i];
      }
    }
    g_free(sides[0]);
    g_free(sides[1]);
  }
  return NULL;
}
