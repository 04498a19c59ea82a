/* char_freq.c — how often Han characters occur in Chinese text, alone
 * and two side by side inside a word, for OCR to weigh its readings of a
 * character by its neighbours (dx_words.follows; extract's
 * ocr_words.c).
 *
 * The counts are char_freq.tsv's (tools/gen-char-freq.py, from jieba's
 * dictionary), compiled into the binary: language, not the forms'
 * vocabulary, so a rules directory does not replace them. They are read
 * once, when OCR first asks, and kept for the process (read-only after:
 * workers' threads share them).
 */
#include "rules_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const char dx_embedded_char_freq[];

/* A pair's count is mixed with this many times the chance of its second
 * character alone, so that a pair the dictionary never saw is unlikely
 * by how rare that character is, not impossible. */
#define SMOOTH 100.0

typedef struct entry {
  uint64_t key; /* a character, or a pair: first << 32 | second */
  uint32_t count;
} entry;

typedef struct table {
  entry *one, *two;
  size_t n_one, n_two;
  double total; /* the characters' counts summed */
} table;

static int entry_cmp(const void *a, const void *b) {
  uint64_t x = ((const entry *)a)->key, y = ((const entry *)b)->key;
  return (x > y) - (x < y);
}

/* Lines "CHARS<TAB>COUNT", CHARS one Han character or two; # comments. */
static table *parse(const char *text) {
  GArray *one = g_array_new(FALSE, FALSE, sizeof(entry));
  GArray *two = g_array_new(FALSE, FALSE, sizeof(entry));
  table *t = g_new0(table, 1);
  for (const char *p = text; *p;) {
    const char *end = strchr(p, '\n');
    if (!end) end = p + strlen(p);
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    if (*p != '#' && tab && g_utf8_validate(p, tab - p, NULL)) {
      glong n = g_utf8_strlen(p, tab - p);
      gunichar a = g_utf8_get_char(p);
      entry e = {.key = a, .count = (uint32_t)strtoul(tab + 1, NULL, 10)};
      if (n == 1) {
        g_array_append_val(one, e);
        t->total += e.count;
      } else if (n == 2) {
        e.key = (uint64_t)a << 32 | g_utf8_get_char(g_utf8_next_char(p));
        g_array_append_val(two, e);
      }
    }
    p = *end ? end + 1 : end;
  }
  g_array_sort(one, entry_cmp);
  g_array_sort(two, entry_cmp);
  t->n_one = one->len;
  t->n_two = two->len;
  t->one = (entry *)(void *)g_array_free(one, FALSE);
  t->two = (entry *)(void *)g_array_free(two, FALSE);
  return t;
}

static const table *shared(void) {
  static table *t;
  if (g_once_init_enter(&t)) g_once_init_leave(&t, parse(dx_embedded_char_freq));
  return t;
}

static uint32_t count(const entry *v, size_t n, uint64_t key) {
  entry k = {.key = key};
  const entry *e = bsearch(&k, v, n, sizeof *v, entry_cmp);
  return e ? e->count : 0;
}

double dx_char_follows(uint32_t a, uint32_t b, bool *seen) {
  const table *t = shared();
  double pb = (count(t->one, t->n_one, b) + 1.0) / (t->total + (double)t->n_one);
  *seen = false;
  if (!a) return log(pb);
  uint32_t ab = count(t->two, t->n_two, (uint64_t)a << 32 | b);
  *seen = ab > 0;
  return log((ab + SMOOTH * pb) / (count(t->one, t->n_one, a) + SMOOTH));
}
