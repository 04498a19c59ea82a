/* near.c — scan repairs: a label or a table heading OCR misread, matched to
 * the rule text nearest it ("项目茗称" is 项目名称, "三吸指标" the level-3
 * heading). */
#include "map_int.h"

#include <string.h>

/* On a scan a label is matched to its nearest rule text up to this many
 * characters: a misread long label (单位已有的(或拟订的)保障项目实施的
 * 制度、措施, 24) is still far nearer its rule than any value is. */
#define NEAR_MAX_CHARS 32
/* A label matched approximately may differ from its rule's text by one
 * edit per this many characters (4: "项目茗称" is 项目名称). */
#define FUZZY_CHARS_PER_EDIT 4
/* Indicator headings and level names (map_rule_or_near) from this many
 * characters. */
#define NEAR_NAME_MIN_CHARS 3

/* Two labels in one cell: the short rule between a field's label and the
 * heading of the block under it was lost (a fax's 98 dpi thinned it
 * away), so "本年度绩效目标" and "项目年度绩效指标" were read as one
 * label cell. A key that is a whole field label followed by a block
 * heading (near_block) is that field's label; the field's value stands
 * beside the label's first row. */
static const char *run_together_field(ctx *x, const char *key) {
  const char *k = NULL;
  for (const char *p = g_utf8_next_char(key); *p && !k; p = g_utf8_next_char(p)) {
    if (!dx_rules_match(x->rs, DX_CAT_NEAR_BLOCK, p)) continue;
    char *head = g_strndup(key, (gsize)(p - key));
    k = dx_rules_match(x->rs, DX_CAT_FIELD, head);
    g_free(head);
  }
  return k;
}

/* Whether two characters are a three-character rule text with its
 * middle one dropped ("项期" is 项目期: a fax lost the thin strokes of
 * 目). Its first or last dropped leaves a word (项目 of 项目期). */
static bool middle_dropped(const char *key, const char *text) {
  if (g_utf8_strlen(text, -1) != 3) return false;
  const char *t1 = g_utf8_next_char(text);
  return g_utf8_get_char(key) == g_utf8_get_char(text) &&
         g_utf8_get_char(g_utf8_next_char(key)) == g_utf8_get_char(g_utf8_next_char(t1));
}

/* A label OCR misread ("部门(单值)茗称"): the nearest field, total or
 * fund label, one edit per FUZZY_CHARS_PER_EDIT characters, unless the key
 * is a label of the forms' structure (near_block: 本年度绩效指标 is not
 * 本年度绩效目标). Scanned documents only: typed labels are as written. */
static label classify_near(ctx *x, const char *key);

/* A copy of key without the brackets OCR read in it where a ruling line
 * or speck stood ("年]度绩效目标": a bracket with no partner), or NULL
 * when it has none. */
static char *without_stray_brackets(const char *key) {
  int open = 0, close = 0;
  for (const char *p = key; *p; p++) {
    open += *p == '[';
    close += *p == ']';
  }
  if (open == close && !strchr(key, '|')) return NULL;
  GString *out = g_string_new(NULL);
  for (const char *p = key; *p; p++)
    if (*p != '|' && (open == close || (*p != '[' && *p != ']'))) g_string_append_c(out, *p);
  return g_string_free(out, FALSE);
}

/* The words of a label before the note in brackets that ends it
 * ("年度总体绩效目标(含本级和市县)"), or NULL when it has no such note:
 * a label's words are matched apart from its note, which OCR misreads as
 * often (a line of a small note lost, 市县 dropped). */
static char *before_note(const char *key) {
  size_t n = strlen(key);
  if (n < 2 || key[n - 1] != ')') return NULL;
  const char *open = strrchr(key, '(');
  if (!open || open == key) return NULL;
  return g_strndup(key, (gsize)(open - key));
}

/* A fund source under its 其中 ("其中财政拨款" with a speck read after
 * it, "其:财政拨款" with 中 lost, "地中:财政拨款", ":一般公共预算拨款"
 * with the whole 其中 lost and its colon left): the words after the
 * part prefix, or after a colon that ends a prefix of at most
 * PART_PREFIX_CHARS characters, classified as a key is; a fund source
 * only, or none. */
#define PART_PREFIX_CHARS 2

/* l, matched on text rather than on the key OCR read: approximate, and
 * written as text is (when no nearer rule text was found for it). */
static label matched_as(ctx *x, label l, const char *text) {
  l.fuzzy = true;
  if (!l.near) {
    const char *kept = g_hash_table_lookup(x->near_texts, text);
    if (!kept) {
      kept = g_strdup(text);
      g_hash_table_add(x->near_texts, (gpointer)kept);
    }
    l.near = kept;
  }
  return l;
}

static label part_near(ctx *x, const char *key) {
  label l = {0};
  char *rest = dx_rules_strip(x->rs, DX_CAT_PART_PREFIX, key, false);
  if (strcmp(rest, key) == 0) {
    const char *colon = strchr(key, ':');
    g_free(rest);
    rest =
        colon && g_utf8_strlen(key, colon - key) <= PART_PREFIX_CHARS ? g_strdup(colon + 1) : NULL;
  }
  if (rest && *rest && !strchr(rest, ':')) l = map_classify(x, rest);
  l = l.cat == DX_CAT_FUND_SOURCE ? matched_as(x, l, rest) : (label){0};
  g_free(rest);
  return l;
}

/* A short field label a fax left in pieces, one mark OCR read for what
 * was left of a character at its start or end ("管部I", "1管部", "管部」"
 * for 主管部门: the thin strokes of 主 lost, 门 read as a bar or a
 * bracket): the key without its mark, two Han characters or more, that
 * one field's rule text holds whole and is at most twice as long, is
 * that field. A key with no mark is a value as often (县政府办). */
static label without_end_mark(ctx *x, const char *key) {
  label l = {0};
  glong n = g_utf8_strlen(key, -1);
  if (n < 3 || n > NEAR_MAX_CHARS) return l;
  const char *last = g_utf8_prev_char(key + strlen(key));
  bool mark_first = g_unichar_get_script(g_utf8_get_char(key)) != G_UNICODE_SCRIPT_HAN;
  bool mark_last = g_unichar_get_script(g_utf8_get_char(last)) != G_UNICODE_SCRIPT_HAN;
  if (mark_first == mark_last) return l;
  const char *from = mark_first ? g_utf8_next_char(key) : key,
             *to = mark_first ? key + strlen(key) : last;
  for (const char *p = from; p < to; p = g_utf8_next_char(p))
    if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) return l;
  char *han = g_strndup(from, (gsize)(to - from)), *text = NULL;
  const char *k = dx_rules_inside(x->rs, DX_CAT_FIELD, han, &text);
  if (k) l = matched_as(x, (label){DX_CAT_FIELD, k, false, NULL, true, NULL, false}, text);
  g_free(text);
  g_free(han);
  return l;
}

/* The shortest tail a label is known by when its first character was
 * misread: two characters (部门 of 主管部门). */
#define TAIL_MIN_CHARS 2

label map_label_by_tail(ctx *x, const char *key) {
  label l = {0};
  if (!x->scanned || !key) return l;
  glong n = g_utf8_strlen(key, -1);
  if (n < TAIL_MIN_CHARS + 1 || n > NEAR_MAX_CHARS) return l;
  for (const char *p = key; *p; p = g_utf8_next_char(p))
    if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) return l;
  char *text = NULL;
  const char *k = dx_rules_tail_of(x->rs, DX_CAT_FIELD, g_utf8_next_char(key), &text);
  if (k) l = matched_as(x, (label){DX_CAT_FIELD, k, false, NULL, true, NULL, false}, text);
  g_free(text);
  return l;
}

/* The fewest characters a key must keep to be known by what a fax left of
 * a label (map_label_thinned): five, so that at most two of seven were
 * lost and what is left is still no word of its own. */
#define THINNED_MIN_CHARS 5

label map_label_thinned(ctx *x, const char *key) {
  label l = {0};
  if (!x->scanned || !key) return l;
  glong n = g_utf8_strlen(key, -1);
  if (n < THINNED_MIN_CHARS || n > NEAR_MAX_CHARS) return l;
  for (const char *p = key; *p; p = g_utf8_next_char(p))
    if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) return l;
  char *text = NULL;
  const char *k = dx_rules_thinned(x->rs, DX_CAT_FIELD, key, &text);
  if (k) l = matched_as(x, (label){DX_CAT_FIELD, k, false, NULL, true, NULL, false}, text);
  g_free(text);
  return l;
}

label map_source_first_lost(ctx *x, const char *key) {
  label l = {0};
  if (!x->scanned || !key || !*key) return l;
  char *text = NULL;
  const char *k = dx_rules_inside(x->rs, DX_CAT_FUND_SOURCE, key, &text);
  if (k && text && strcmp(g_utf8_next_char(text), key) == 0)
    l = matched_as(x, (label){DX_CAT_FUND_SOURCE, k, false, NULL, true, NULL, false}, text);
  g_free(text);
  return l;
}

label map_classify_near(ctx *x, const char *key) {
  label l = classify_near(x, key);
  if (l.cat != DX_CAT_NONE) return l;
  if ((l = part_near(x, key)).cat != DX_CAT_NONE) return l;
  /* OCR's strays out, then the note: each what is left classified as a
   * key is (exactly, else near), the match only approximate */
  char *clean = without_stray_brackets(key);
  const char *k = clean ? clean : key;
  if (clean && (l = map_classify(x, clean)).cat != DX_CAT_NONE) l = matched_as(x, l, clean);
  char *head = l.cat == DX_CAT_NONE ? before_note(k) : NULL;
  if (head && g_utf8_strlen(head, -1) >= NEAR_NAME_MIN_CHARS &&
      (l = map_classify(x, head)).cat != DX_CAT_NONE)
    l = matched_as(x, l, head);
  g_free(head);
  g_free(clean);
  if (l.cat == DX_CAT_NONE) l = without_end_mark(x, key);
  return l;
}

/* The distance (in thirds of an edit) a label of n characters may be
 * from its rule text: one edit per FUZZY_CHARS_PER_EDIT characters, at
 * least one, counted in thirds, so that what is left over a whole edit
 * takes in characters OCR confuses (本年细效目标 is 本年度绩效目标: 度
 * dropped and 绩 read 细, an edit and a third in seven characters).
 * Edits that are not confusions still need the whole edit each. */
static int near_allowance(glong n) {
  return MAX(DX_RULES_EDIT_THIRDS, (int)(DX_RULES_EDIT_THIRDS * n / FUZZY_CHARS_PER_EDIT));
}

/* A key of three characters may also have one OCR confusion (a third of
 * an edit) beside its one dropped character ("顾支出" is 项目支出: 目
 * lost, 项 read 顾). */
#define SHORT_CONFUSION_THIRDS 1

static label classify_near(ctx *x, const char *key) {
  label l = {0};
  glong n = g_utf8_strlen(key, -1);
  if (n < 2 || n > NEAR_MAX_CHARS || strchr(key, ':')) return l;
  const char *k = run_together_field(x, key);
  if (k) return (label){DX_CAT_FIELD, k, false, NULL, true, NULL, true};
  if (dx_rules_match(x->rs, DX_CAT_NEAR_BLOCK, key)) return l;
  static const dx_cat cats[] = {DX_CAT_FIELD, DX_CAT_FUND_TOTAL, DX_CAT_FUND_SOURCE};
  for (size_t c = 0; c < G_N_ELEMENTS(cats); c++) {
    int d = 0;
    char *text = NULL;
    /* the edits allowed are counted on the longer of the key and its
     * rule text: a key OCR dropped a character of is one shorter
     * ("般公共预算拨欧", two edits from 一般公共预算拨款: eight
     * characters) */
    int slack = n < FUZZY_CHARS_PER_EDIT ? SHORT_CONFUSION_THIRDS : 0;
    k = dx_rules_match_near_thirds(x->rs, cats[c], key, near_allowance((glong)n + 1) + slack, &d,
                                   &text);
    if (k && d > near_allowance(MAX(n, g_utf8_strlen(text, -1))) + slack) k = NULL;
    /* three characters: only one dropped ("项支出" is 项目支出) */
    if (k && n < FUZZY_CHARS_PER_EDIT && g_utf8_strlen(text, -1) != n + 1) k = NULL;
    if (k && n < NEAR_NAME_MIN_CHARS && !middle_dropped(key, text)) k = NULL;
    if (k && d > 0) {
      const char *near = g_hash_table_lookup(x->near_texts, text);
      if (near) {
        g_free(text);
      } else {
        near = text;
        g_hash_table_add(x->near_texts, text);
      }
      return (label){cats[c], k, false, NULL, true, near, false};
    }
    g_free(text);
  }
  return l;
}

/* On a scan, the rule of an indicator heading, level, money, schedule,
 * work plan or item column category (the tables' column headings, level
 * 1 and 2 names) or of a project attribute's option (the words in that
 * field) nearest a key that matched none, as map_classify_near does for
 * fields: "三吸指标" is the level-3 heading, "升始时间" the start's,
 * "赤任科室" the work plans' owner's, "延续性项计" the continuing option.
 * `exact` is what matching gave. */
const char *map_rule_or_near(ctx *x, dx_cat cat, const char *key, const char *exact) {
  if (exact || !x->scanned || !key || !*key) return exact;
  if (cat != DX_CAT_IND_HEADER && cat != DX_CAT_LEVEL1 && cat != DX_CAT_LEVEL2 &&
      cat != DX_CAT_FUND_COLUMN && cat != DX_CAT_SCHEDULE_HEADER && cat != DX_CAT_ITEMS_HEADER &&
      cat != DX_CAT_PLANS_HEADER && cat != DX_CAT_ATTRIBUTE)
    return NULL;
  char *memo = g_strconcat(dx_cat_name(cat), "\037", key, NULL);
  gpointer kept;
  if (g_hash_table_lookup_extended(x->near_rule, memo, NULL, &kept)) {
    g_free(memo);
    return kept;
  }
  /* these names are short, and known by their place in the table: one
   * edit from three characters up ("数指标" is 数量指标, a fax dropped
   * the 量; "指标们" the value heading) */
  glong n = g_utf8_strlen(key, -1);
  int d = 0;
  /* two characters: one misread as OCR confuses it (项日 is 项目) */
  int max = n >= NEAR_NAME_MIN_CHARS ? MAX(1, (int)(n / FUZZY_CHARS_PER_EDIT)) : 0;
  const char *k =
      n >= 2 && n <= NEAR_MAX_CHARS ? dx_rules_match_near(x->rs, cat, key, max, &d, NULL) : NULL;
  if (g_hash_table_size(x->near_rule) < LABEL_MEMO_MAX)
    g_hash_table_insert(x->near_rule, memo, (gpointer)k);
  else
    g_free(memo);
  return k;
}
