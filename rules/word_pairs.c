/* word_pairs.c — the pairs of Han characters the rule files' words hold,
 * for OCR to choose among its readings (dx_words.pair, extract's
 * ocr_words.c).
 *
 * Every run of Han characters in a rule file's patterns is a word of the
 * forms (项目名称, 绩效目标, 万元); the category ocr_word adds the words
 * of values (人民政府, 办公室, 工作经费) that no label holds. A
 * character class ([一二三]) is a choice, not a word: it is skipped.
 */
#include "rules_int.h"

#include <string.h>

static gint64 pair_key(gunichar a, gunichar b) {
  return (gint64)a << 32 | (gint64)b;
}

static bool is_han(gunichar c) {
  return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

static void add_pair(GHashTable *pairs, gunichar a, gunichar b) {
  gint64 *k = g_new(gint64, 1);
  *k = pair_key(a, b);
  g_hash_table_add(pairs, k);
}

/* Adds the pairs of one rule file's text (valid UTF-8). */
static void add_text(GHashTable *pairs, const char *text) {
  gunichar prev = 0;
  bool comment = false, in_class = false, line_start = true;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (line_start) comment = c == '#';
    line_start = c == '\n';
    if (comment || line_start) {
      prev = 0;
      in_class = false;
      continue;
    }
    if (c == '\\' && p[1] && !(p[1] & 0x80)) { /* an escaped character is a pattern's own */
      p++;
      prev = 0;
      continue;
    }
    if (c == '[') in_class = true;
    if (c == ']') in_class = false;
    if (!is_han(c) || in_class) {
      prev = 0;
      continue;
    }
    if (prev) add_pair(pairs, prev, c);
    prev = c;
  }
}

GHashTable *dx_word_pairs_new(const char *labels, const char *values) {
  GHashTable *pairs = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  add_text(pairs, labels);
  add_text(pairs, values);
  return pairs;
}

bool dx_word_pairs_has(GHashTable *pairs, uint32_t a, uint32_t b) {
  gint64 k = pair_key(a, b);
  return pairs && g_hash_table_contains(pairs, &k);
}
