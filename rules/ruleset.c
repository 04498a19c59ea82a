/* ruleset.c — loading and matching the rule files with PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "dx_rules.h"
#include "rules_int.h"

#include <pcre2.h>
#include <string.h>

#ifdef DX_HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

/* Generated at build time from the rule files (tools/embed_rules.cmake). */
extern const char dx_embedded_labels_rules[];
extern const char dx_embedded_values_rules[];

/* Label keys are short; these limits only stop a pathological pattern or
 * input from running away (PCRE2 defaults are 10 000 000). */
enum { MATCH_LIMIT = 200000, DEPTH_LIMIT = 5000 };
/* Label keys whose answers are remembered; a form has a few hundred
 * distinct cells. Past this, answers are worked out afresh until
 * dx_rules_forget() (between documents) empties the memo. */
enum { MEMO_MAX = 50000 };
/* In a key's answers: not worked out yet; else 0 for no match, or the
 * matching rule's index in its category plus one. */
#define ANS_UNKNOWN UINT16_MAX

typedef struct rule {
  dx_cat category;
  char *key;
  pcre2_code *re;
  /* the texts the pattern matches, when they are few (literals,
   * (?:a|b) groups, ? and escapes only), as code points; else NULL */
  GPtrArray *texts; /* GArray of gunichar */
} rule;

/* Texts of one pattern past which it is not expanded. */
enum { TEXTS_MAX = 256 };

/* A label key and what each category says of it. */
struct dx_rkey {
  size_t len;
  void *data; /* the caller's, freed with the key */
  GDestroyNotify data_free;
  guint16 ans[DX_CAT_COUNT]; /* per category: ANS_UNKNOWN, 0 or rule index + 1 */
  char key[];
};

struct dx_ruleset {
  GArray *rules; /* rule */
  /* each category's rules in file order (rule*, borrowed from rules);
   * NULL for DX_CAT_NONE */
  GPtrArray *cats[DX_CAT_COUNT];
  GHashTable *memo; /* label key -> dx_rkey* */
  /* ocr_confusable: (written << 32 | read) as gint64, for near-matching */
  GHashTable *confusable;
  /* the same, the other way: read -> GArray of the gunichars written */
  GHashTable *misread_of;
  /* that and ocr_mark's (marks OCR reads for a Han character, not for
   * near-matching: 1 for 工), for the OCR words pass */
  GHashTable *ocr_misread_of;
  GHashTable *word_pairs; /* dx_word_pairs_new */
  dx_lexicon *lexicon;
  pcre2_match_context *mctx;
  pcre2_match_data *md;
};

/* The one table of names (dx_categories.h), indexed by dx_cat. */
#define DX_CAT_NAME_(c, name) [DX_CAT_##c] = (name),
static const char *const CAT_NAMES[DX_CAT_COUNT] = {[DX_CAT_NONE] = "",
                                                    DX_CATEGORIES(DX_CAT_NAME_)};
#undef DX_CAT_NAME_

const char *dx_cat_name(dx_cat cat) {
  return (unsigned)cat < DX_CAT_COUNT ? CAT_NAMES[cat] : "";
}

bool dx_cat_lookup(dx_cat *out, const char *name) {
  for (int c = DX_CAT_NONE + 1; c < DX_CAT_COUNT; c++)
    if (strcmp(name, CAT_NAMES[c]) == 0) {
      *out = (dx_cat)c;
      return true;
    }
  return false;
}

void dx_rules_free(dx_ruleset *rs) {
  if (!rs) return;
  if (rs->rules) {
    for (guint i = 0; i < rs->rules->len; i++) {
      rule *r = &g_array_index(rs->rules, rule, i);
      g_free(r->key);
      pcre2_code_free(r->re);
      if (r->texts) g_ptr_array_free(r->texts, TRUE);
    }
    g_array_free(rs->rules, TRUE);
  }
  dx_lexicon_free(rs->lexicon);
  pcre2_match_context_free(rs->mctx);
  pcre2_match_data_free(rs->md);
  for (int c = 0; c < DX_CAT_COUNT; c++)
    if (rs->cats[c]) g_ptr_array_free(rs->cats[c], TRUE);
  if (rs->memo) g_hash_table_destroy(rs->memo);
  if (rs->confusable) g_hash_table_destroy(rs->confusable);
  if (rs->misread_of) g_hash_table_destroy(rs->misread_of);
  if (rs->ocr_misread_of) g_hash_table_destroy(rs->ocr_misread_of);
  if (rs->word_pairs) g_hash_table_destroy(rs->word_pairs);
  g_free(rs);
}

/* ---- a pattern's texts ---------------------------------------------- */

typedef struct expander {
  const char *p; /* next character of the pattern */
  bool failed;   /* a construct matching too many texts */
} expander;

static void texts_free(gpointer p) {
  g_array_free(p, TRUE);
}

static GPtrArray *texts_new(void) {
  return g_ptr_array_new_with_free_func(texts_free);
}

/* Every text of a followed by one of b (a and b are freed). */
static GPtrArray *texts_concat(expander *e, GPtrArray *a, GPtrArray *b) {
  GPtrArray *out = texts_new();
  if (a->len * b->len > TEXTS_MAX) e->failed = true;
  for (guint i = 0; i < a->len && !e->failed; i++)
    for (guint k = 0; k < b->len; k++) {
      GArray *x = g_array_new(FALSE, FALSE, sizeof(gunichar)), *s = a->pdata[i], *t = b->pdata[k];
      g_array_append_vals(x, s->data, s->len);
      g_array_append_vals(x, t->data, t->len);
      g_ptr_array_add(out, x);
    }
  g_ptr_array_free(a, TRUE);
  g_ptr_array_free(b, TRUE);
  return out;
}

static GPtrArray *expand_alt(expander *e);

/* The ')' closing the group opening at p, or NULL. */
static const char *group_end(const char *p) {
  int depth = 0;
  for (; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
    } else if (*p == '[') { /* a class: its ')' are characters */
      while (*p && *p != ']') p += *p == '\\' && p[1] ? 2 : 1;
      if (!*p) return NULL;
    } else if (*p == '(') {
      depth++;
    } else if (*p == ')' && --depth == 0) {
      return p;
    }
  }
  return NULL;
}

/* One atom with its `?`: a character, an escaped punctuation mark or a
 * (?:…) group. */
static GPtrArray *expand_atom(expander *e) {
  GPtrArray *out = NULL;
  if (e->p[0] == '(') {
    if (strncmp(e->p, "(?:", 3) != 0) {
      e->failed = true;
      return texts_new();
    }
    const char *open = e->p;
    e->p += 3;
    out = expand_alt(e);
    if (*e->p != ')')
      e->failed = true;
    else
      e->p++;
    /* an optional group of many texts ((?:(?:19|20)\d\d年?)? before a
     * label): the texts without it */
    const char *close = group_end(open);
    if (e->failed && close && close[1] == '?') {
      e->failed = false;
      g_ptr_array_set_size(out, 0);
      e->p = close + 1;
    }
  } else {
    gunichar c;
    if (e->p[0] == '\\') {
      if (!e->p[1] || g_ascii_isalnum(e->p[1])) { /* \d, \s ...: classes */
        e->failed = true;
        return texts_new();
      }
      c = (gunichar)e->p[1];
      e->p += 2;
    } else if (strchr(".*+{}[]^$", e->p[0])) {
      e->failed = true;
      return texts_new();
    } else {
      c = g_utf8_get_char(e->p);
      e->p = g_utf8_next_char(e->p);
    }
    out = texts_new();
    GArray *x = g_array_new(FALSE, FALSE, sizeof(gunichar));
    g_array_append_val(x, c);
    g_ptr_array_add(out, x);
  }
  if (*e->p == '?') { /* also the empty text */
    e->p++;
    g_ptr_array_add(out, g_array_new(FALSE, FALSE, sizeof(gunichar)));
  }
  return out;
}

/* Alternatives up to a ')' or the end. */
static GPtrArray *expand_alt(expander *e) {
  GPtrArray *all = texts_new();
  for (;;) {
    GPtrArray *seq = texts_new();
    g_ptr_array_add(seq, g_array_new(FALSE, FALSE, sizeof(gunichar)));
    while (*e->p && *e->p != '|' && *e->p != ')' && !e->failed)
      seq = texts_concat(e, seq, expand_atom(e));
    g_ptr_array_extend_and_steal(all, seq);
    if (all->len > TEXTS_MAX) e->failed = true;
    if (*e->p != '|' || e->failed) break;
    e->p++;
  }
  return all;
}

/* The texts pattern matches, or NULL when they are not few. */
static GPtrArray *pattern_texts(const char *pattern) {
  expander e = {pattern, false};
  GPtrArray *t = expand_alt(&e);
  if (e.failed || *e.p) {
    g_ptr_array_free(t, TRUE);
    return NULL;
  }
  return t;
}

static dx_code parse_labels(dx_ruleset *rs, const char *text, const char *name, dx_error *err) {
  char **lines = g_strsplit(text, "\n", -1);
  dx_code rc = DX_OK;
  for (int ln = 0; lines[ln] && rc == DX_OK; ln++) {
    char *line = lines[ln];
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r') line[len - 1] = '\0';
    if (!*line || *line == '#') continue;
    char **f = g_strsplit(line, "\t", 3);
    dx_cat cat = DX_CAT_NONE;
    if (g_strv_length(f) != 3 || !*f[0] || !*f[1] || !*f[2]) {
      rc = dx_error_set(err, DX_EFORMAT, "%s:%d: expected CATEGORY<TAB>KEY<TAB>PATTERN", name,
                        ln + 1);
    } else if (!dx_cat_lookup(&cat, f[0])) {
      /* a misspelt category would match nothing, silently */
      rc = dx_error_set(err, DX_EFORMAT, "%s:%d: unknown category \"%s\"", name, ln + 1, f[0]);
    } else {
      int ecode;
      PCRE2_SIZE eoff;
      pcre2_code *re = pcre2_compile((PCRE2_SPTR)f[2], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                     &ecode, &eoff, NULL);
      if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        rc = dx_error_set(err, DX_EFORMAT, "%s:%d: bad pattern at offset %zu: %s", name, ln + 1,
                          (size_t)eoff, (const char *)msg);
      } else {
        if (!RUNNING_ON_VALGRIND)                    /* see CMakeLists.txt */
          pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        rule r = {cat, g_strdup(f[1]), re, pattern_texts(f[2])};
        g_array_append_val(rs->rules, r);
      }
    }
    g_strfreev(f);
  }
  g_strfreev(lines);
  return rc;
}

static void rkey_free(gpointer p) {
  dx_rkey *k = p;
  if (k->data_free) k->data_free(k->data);
  g_free(k);
}

void *dx_rules_key_data(const dx_rkey *k) {
  return k ? k->data : NULL;
}

void dx_rules_key_set_data(dx_rkey *k, void *data, GDestroyNotify data_free) {
  if (k->data_free) k->data_free(k->data);
  k->data = data;
  k->data_free = data_free;
}

static gint64 pair_key(gunichar written, gunichar read) {
  return (gint64)written << 32 | (gint64)read;
}

static void free_array(gpointer a) {
  g_array_free(a, TRUE);
}

/* Adds written to the characters `of` says OCR may read `read` for. */
static void add_misread(GHashTable *of_table, gunichar read, gunichar written) {
  GArray *of = g_hash_table_lookup(of_table, GUINT_TO_POINTER(read));
  if (!of) {
    of = g_array_new(FALSE, FALSE, sizeof(gunichar));
    g_hash_table_insert(of_table, GUINT_TO_POINTER(read), of);
  }
  for (guint i = 0; i < of->len; i++)
    if (g_array_index(of, gunichar, i) == written) return;
  g_array_append_val(of, written);
}

/* The pairs of rules (ocr_confusable, ocr_mark): each single character
 * of a rule's pattern read for the single character of its key, added
 * to `pairs` (written << 32 | read) when not NULL, and to each of
 * of_a and of_b (when not NULL) from the character read to those
 * written. */
static void read_pairs(const GPtrArray *rules, GHashTable *pairs, GHashTable *of_a,
                       GHashTable *of_b) {
  for (guint i = 0; i < rules->len; i++) {
    const rule *r = g_ptr_array_index(rules, i);
    if (!r->texts || g_utf8_strlen(r->key, -1) != 1) continue;
    gunichar written = g_utf8_get_char(r->key);
    for (guint k = 0; k < r->texts->len; k++) {
      const GArray *t = r->texts->pdata[k];
      if (t->len != 1) continue;
      gunichar read = g_array_index(t, gunichar, 0);
      if (pairs) {
        gint64 *key = g_new(gint64, 1);
        *key = pair_key(written, read);
        g_hash_table_add(pairs, key);
      }
      if (of_a) add_misread(of_a, read, written);
      if (of_b) add_misread(of_b, read, written);
    }
  }
}

dx_ruleset *dx_rules_load_text(const char *labels, const char *values, dx_error *err) {
  /* rule files come from users (--rules DIR): the text functions below
   * expect valid UTF-8 */
  const char *bad = NULL;
  if (!g_utf8_validate(labels, -1, &bad)) {
    dx_error_set(err, DX_EFORMAT, "labels.rules: not valid UTF-8 at byte %ld",
                 (long)(bad - labels));
    return NULL;
  }
  if (!g_utf8_validate(values, -1, &bad)) {
    dx_error_set(err, DX_EFORMAT, "values.rules: not valid UTF-8 at byte %ld",
                 (long)(bad - values));
    return NULL;
  }
  dx_ruleset *rs = g_new0(dx_ruleset, 1);
  rs->rules = g_array_new(FALSE, TRUE, sizeof(rule));
  rs->mctx = pcre2_match_context_create(NULL);
  rs->md = pcre2_match_data_create(16, NULL);
  pcre2_set_match_limit(rs->mctx, MATCH_LIMIT);
  pcre2_set_depth_limit(rs->mctx, DEPTH_LIMIT);
  dx_code rc = parse_labels(rs, labels, "labels.rules", err);
  if (rc == DX_OK) {
    rs->lexicon = dx_lexicon_new(values, err);
    if (!rs->lexicon) rc = DX_EFORMAT;
  }
  if (rc != DX_OK) {
    dx_rules_free(rs);
    return NULL;
  }
  for (int c = DX_CAT_NONE + 1; c < DX_CAT_COUNT; c++) rs->cats[c] = g_ptr_array_new();
  for (guint i = 0; i < rs->rules->len; i++) { /* the array no longer moves */
    rule *r = &g_array_index(rs->rules, rule, i);
    g_ptr_array_add(rs->cats[r->category], r);
  }
  /* a key's record frees its own string */
  rs->memo = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, rkey_free);
  rs->confusable = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  rs->misread_of = g_hash_table_new_full(NULL, NULL, NULL, free_array);
  rs->ocr_misread_of = g_hash_table_new_full(NULL, NULL, NULL, free_array);
  read_pairs(rs->cats[DX_CAT_OCR_CONFUSABLE], rs->confusable, rs->misread_of, rs->ocr_misread_of);
  read_pairs(rs->cats[DX_CAT_OCR_MARK], NULL, rs->ocr_misread_of, NULL);
  rs->word_pairs = dx_word_pairs_new(labels, values);
  return rs;
}

/* Every category has a rule, in both files: a rules directory missing one
 * (an old copy, a category renamed) would leave what the code looks up
 * matching nothing, silently. */
static dx_ruleset *require_categories(dx_ruleset *rs, dx_error *err) {
  if (!rs) return NULL;
  GString *missing = g_string_new(NULL);
  int n = 0;
  for (int c = DX_CAT_NONE + 1; c < DX_CAT_COUNT; c++)
    if (rs->cats[c]->len == 0)
      g_string_append_printf(missing, "%s\"%s\"", n++ ? ", " : "", dx_cat_name((dx_cat)c));
  const char *value_cat = dx_lexicon_missing(rs->lexicon);
  if (n)
    dx_error_set(err, DX_EFORMAT, "labels.rules: no rule of %s %s",
                 n > 1 ? "categories" : "category", missing->str);
  else if (value_cat)
    dx_error_set(err, DX_EFORMAT, "values.rules: no rule of category \"%s\"", value_cat);
  g_string_free(missing, TRUE);
  if (!n && !value_cat) return rs;
  dx_rules_free(rs);
  return NULL;
}

dx_ruleset *dx_rules_load(const char *dir, dx_error *err) {
  if (!dir)
    return require_categories(
        dx_rules_load_text(dx_embedded_labels_rules, dx_embedded_values_rules, err), err);
  char *labels = NULL, *values = NULL;
  char *lp = g_build_filename(dir, "labels.rules", NULL);
  char *vp = g_build_filename(dir, "values.rules", NULL);
  GError *ge = NULL;
  dx_ruleset *rs = NULL;
  if (!g_file_get_contents(lp, &labels, NULL, &ge) ||
      !g_file_get_contents(vp, &values, NULL, &ge)) {
    dx_error_set(err, DX_EIO, "rules: %s", ge->message);
    g_error_free(ge);
  } else {
    rs = require_categories(dx_rules_load_text(labels, values, err), err);
  }
  g_free(lp);
  g_free(vp);
  g_free(labels);
  g_free(values);
  return rs;
}

const dx_lexicon *dx_rules_lexicon(const dx_ruleset *rs) {
  return rs->lexicon;
}

GHashTable *dx_rules_word_pairs(const dx_ruleset *rs) {
  return rs->word_pairs;
}

static size_t written_for(GHashTable *of_table, uint32_t read, const uint32_t **written) {
  const GArray *of = of_table ? g_hash_table_lookup(of_table, GUINT_TO_POINTER(read)) : NULL;
  *written = of ? (const uint32_t *)(const void *)of->data : NULL;
  return of ? of->len : 0;
}

size_t dx_rules_misread_of(const dx_ruleset *rs, uint32_t read, const uint32_t **written) {
  return written_for(rs->misread_of, read, written);
}

size_t dx_rules_ocr_misread_of(const dx_ruleset *rs, uint32_t read, const uint32_t **written) {
  return written_for(rs->ocr_misread_of, read, written);
}

static bool full_match(dx_ruleset *rs, const pcre2_code *re, const char *s, size_t len) {
  int n =
      pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, rs->md, rs->mctx);
  return n >= 0;
}

/* The rules of category cat (rule*), or NULL for DX_CAT_NONE or a value
 * out of range. */
static const GPtrArray *find_category(const dx_ruleset *rs, dx_cat cat) {
  return (unsigned)cat < DX_CAT_COUNT ? rs->cats[cat] : NULL;
}

/* The key of the first rule of c matching the whole of key, or NULL. */
static const char *first_match(dx_ruleset *rs, const GPtrArray *c, const char *key, size_t len,
                               guint16 *ans) {
  for (guint i = 0; i < c->len; i++) {
    const rule *r = g_ptr_array_index(c, i);
    if (full_match(rs, r->re, key, len)) {
      if (ans && i + 1 < ANS_UNKNOWN) *ans = (guint16)(i + 1);
      return r->key;
    }
  }
  if (ans) *ans = 0;
  return NULL;
}

/* Labels are short; longer text is a value and matches nothing. */
enum { LABEL_KEY_MAX = 400 };

dx_rkey *dx_rules_key(dx_ruleset *rs, const char *label_key) {
  if (!label_key || !*label_key) return NULL;
  dx_rkey *k = g_hash_table_lookup(rs->memo, label_key);
  if (k) return k;
  size_t len = strlen(label_key);
  /* bounded: a document of unique keys cannot grow the memo forever */
  if (len > LABEL_KEY_MAX || g_hash_table_size(rs->memo) >= MEMO_MAX) return NULL;
  k = g_malloc(sizeof *k + len + 1);
  memcpy(k->key, label_key, len + 1);
  k->len = len;
  k->data = NULL;
  k->data_free = NULL;
  for (int i = 0; i < DX_CAT_COUNT; i++) k->ans[i] = ANS_UNKNOWN;
  g_hash_table_insert(rs->memo, k->key, k);
  return k;
}

const char *dx_rules_match_key(dx_ruleset *rs, dx_cat cat, dx_rkey *k) {
  const GPtrArray *c = k ? find_category(rs, cat) : NULL;
  if (!c) return NULL;
  guint16 a = k->ans[cat];
  if (a == ANS_UNKNOWN) return first_match(rs, c, k->key, k->len, &k->ans[cat]);
  if (a == 0) return NULL;
  const rule *r = g_ptr_array_index(c, a - 1);
  return r->key;
}

const char *dx_rules_match(dx_ruleset *rs, dx_cat cat, const char *label_key) {
  if (!label_key || !*label_key) return NULL;
  dx_rkey *k = dx_rules_key(rs, label_key);
  if (k) return dx_rules_match_key(rs, cat, k);
  size_t len = strlen(label_key); /* the memo is full, or the key too long */
  if (len > LABEL_KEY_MAX) return NULL;
  const GPtrArray *c = find_category(rs, cat);
  return c ? first_match(rs, c, label_key, len, NULL) : NULL;
}

/* Levenshtein distance between a key read by OCR and a rule's text, in
 * thirds of an edit: an edit is 3, a character of b read as one OCR
 * confuses it with (ocr_confusable) 1. max + 1 once it must exceed max. */
/* An edit's cost in edit_distance; a confusable character costs 1. */
enum { EDIT = DX_RULES_EDIT_THIRDS };

static int edit_distance(const GHashTable *confusable, const gunichar *a, int n, const gunichar *b,
                         int m, int max) {
  if (EDIT * abs(n - m) > max) return max + 1;
  int *prev = g_new(int, m + 1), *cur = g_new(int, m + 1);
  for (int j = 0; j <= m; j++) prev[j] = EDIT * j;
  for (int i = 1; i <= n; i++) {
    cur[0] = EDIT * i;
    int row_min = cur[0];
    for (int j = 1; j <= m; j++) {
      int sub = 0;
      if (a[i - 1] != b[j - 1]) {
        gint64 pair = pair_key(b[j - 1], a[i - 1]);
        sub = confusable && g_hash_table_contains((GHashTable *)confusable, &pair) ? 1 : EDIT;
      }
      int d = prev[j - 1] + sub;
      d = MIN(d, prev[j] + EDIT);
      d = MIN(d, cur[j - 1] + EDIT);
      cur[j] = d;
      row_min = MIN(row_min, d);
    }
    int *t = prev;
    prev = cur;
    cur = t;
    if (row_min > max) {
      prev[m] = max + 1;
      break;
    }
  }
  int d = prev[m];
  g_free(prev);
  g_free(cur);
  return d;
}

int dx_rules_distance_thirds(const dx_ruleset *rs, const char *a, const char *b, int max_thirds) {
  glong n = 0, m = 0;
  gunichar *ua = g_utf8_to_ucs4_fast(a, -1, &n), *ub = g_utf8_to_ucs4_fast(b, -1, &m);
  int d = edit_distance(rs->confusable, ua, (int)n, ub, (int)m, max_thirds);
  g_free(ua);
  g_free(ub);
  return d;
}

/* Whether the n characters of a are those of b, in order, with some of
 * b's left out. */
static bool subsequence(const gunichar *a, glong n, const gunichar *b, glong m) {
  glong i = 0;
  for (glong j = 0; j < m && i < n; j++) i += a[i] == b[j];
  return i == n && n < m;
}

const char *dx_rules_match_near(dx_ruleset *rs, dx_cat cat, const char *label_key, int max,
                                int *distance, char **text) {
  int d = 0;
  const char *k =
      dx_rules_match_near_thirds(rs, cat, label_key, max > 0 ? EDIT * max : 1, &d, text);
  if (k && distance) *distance = (d + EDIT - 1) / EDIT;
  return k;
}

const char *dx_rules_match_near_thirds(dx_ruleset *rs, dx_cat cat, const char *label_key,
                                       int max_thirds, int *thirds, char **text) {
  if (text) *text = NULL;
  const GPtrArray *c = label_key ? find_category(rs, cat) : NULL;
  if (!c) return NULL;
  glong n = 0;
  gunichar *key = g_utf8_to_ucs4_fast(label_key, -1, &n);
  const char *best = NULL;
  const GArray *best_t = NULL;
  int best_d = MAX(max_thirds, 0) + 1;
  bool tie = false; /* another rule's text as near: which is meant is not known */
  /* of texts as near, one the key is with characters dropped (项目性 of
   * 项目属性, not 项目期: a fax loses a thin character whole) is meant
   * before one with a character replaced; two such are a tie */
  bool best_drop = false, tie_drop = false;
  for (guint i = 0; i < c->len && best_d > 0; i++) {
    const rule *r = g_ptr_array_index(c, i);
    for (guint k = 0; r->texts && k < r->texts->len; k++) {
      const GArray *t = r->texts->pdata[k];
      int bound = best ? best_d : best_d - 1; /* best: as near is a tie */
      int d =
          edit_distance(rs->confusable, key, (int)n, (const gunichar *)t->data, (int)t->len, bound);
      bool drop = d <= best_d && subsequence(key, n, (const gunichar *)t->data, (glong)t->len);
      if (d < best_d) {
        best_d = d;
        best = r->key;
        best_t = t;
        best_drop = drop;
        tie = tie_drop = false;
      } else if (d == best_d && best && strcmp(best, r->key) != 0) {
        tie = true;
        if (drop && best_drop) {
          tie_drop = true;
        } else if (drop) {
          best = r->key;
          best_t = t;
          best_drop = true;
        }
      } else if (d == best_d && best && drop && !best_drop) { /* the same rule's other text */
        best_t = t;
        best_drop = true;
      }
    }
  }
  g_free(key);
  if (best_drop ? tie_drop : tie) best = NULL;
  if (best && thirds) *thirds = best_d;
  if (best && text)
    *text = g_ucs4_to_utf8((const gunichar *)best_t->data, (glong)best_t->len, NULL, NULL, NULL);
  return best;
}

bool dx_rules_part_of(dx_ruleset *rs, dx_cat cat, const char *key, const char *label_key) {
  const GPtrArray *c = label_key && *label_key ? find_category(rs, cat) : NULL;
  if (!c) return false;
  glong n = 0;
  gunichar *k = g_utf8_to_ucs4_fast(label_key, -1, &n);
  bool yes = false;
  for (guint i = 0; i < c->len && !yes; i++) {
    const rule *r = g_ptr_array_index(c, i);
    if (strcmp(r->key, key) != 0) continue;
    for (guint t = 0; r->texts && t < r->texts->len && !yes; t++) {
      const GArray *a = r->texts->pdata[t];
      yes = subsequence(k, n, (const gunichar *)a->data, (glong)a->len);
    }
  }
  g_free(k);
  return yes;
}

/* Whether the n characters of a stand together in b (m of them), b at
 * most twice as long (dx_rules_inside). */
static bool infix(const gunichar *a, glong n, const gunichar *b, glong m) {
  if (m > 2 * n) return false;
  for (glong j = 0; j + n <= m; j++)
    if (memcmp(b + j, a, (size_t)n * sizeof *a) == 0) return true;
  return false;
}

/* A rule text's characters beyond the tail it ends with: the head OCR
 * misread into one character (one, or two read as one). */
#define TAIL_HEAD_MAX_CHARS 2

/* Whether b (m characters) ends with the n characters of a after one or
 * two more (dx_rules_tail_of). */
static bool tail(const gunichar *a, glong n, const gunichar *b, glong m) {
  return m > n && m <= n + TAIL_HEAD_MAX_CHARS &&
         memcmp(b + (m - n), a, (size_t)n * sizeof *a) == 0;
}

/* The most characters a fax may have thinned away inside a label
 * (dx_rules_thinned). */
#define THINNED_MAX_CHARS 2

/* Whether b (m characters) is a (n characters) with one to
 * THINNED_MAX_CHARS characters more inside it: the same first and last
 * characters, a's in order (dx_rules_thinned). */
static bool thinned(const gunichar *a, glong n, const gunichar *b, glong m) {
  if (n < 2 || m <= n || m > n + THINNED_MAX_CHARS || a[0] != b[0] || a[n - 1] != b[m - 1])
    return false;
  glong i = 0;
  for (glong j = 0; j < m && i < n; j++)
    if (b[j] == a[i]) i++;
  return i == n;
}

/* The key of the one rule of `cat` a text of which `fits` label_key (as
 * fits(key, text)), NULL when none does or rules with different keys
 * do; *text, unless text is NULL, the first such text (g_free). */
static const char *only_fit(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text,
                            bool (*fits)(const gunichar *, glong, const gunichar *, glong)) {
  if (text) *text = NULL;
  const GPtrArray *c = label_key && *label_key ? find_category(rs, cat) : NULL;
  if (!c) return NULL;
  glong n = 0;
  gunichar *k = g_utf8_to_ucs4_fast(label_key, -1, &n);
  const char *found = NULL;
  const GArray *found_t = NULL;
  bool other = false;
  for (guint i = 0; i < c->len && !other; i++) {
    const rule *r = g_ptr_array_index(c, i);
    for (guint t = 0; r->texts && t < r->texts->len && !other; t++) {
      const GArray *a = r->texts->pdata[t];
      if (!fits(k, n, (const gunichar *)a->data, (glong)a->len)) continue;
      if (found && strcmp(found, r->key) != 0) other = true;
      if (!found) {
        found = r->key;
        found_t = a;
      }
    }
  }
  g_free(k);
  if (other) return NULL;
  if (found && text)
    *text = g_ucs4_to_utf8((const gunichar *)found_t->data, (glong)found_t->len, NULL, NULL, NULL);
  return found;
}

const char *dx_rules_inside(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text) {
  return only_fit(rs, cat, label_key, text, infix);
}

const char *dx_rules_tail_of(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text) {
  return only_fit(rs, cat, label_key, text, tail);
}

const char *dx_rules_thinned(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text) {
  return only_fit(rs, cat, label_key, text, thinned);
}

void dx_rules_forget(dx_ruleset *rs) {
  if (g_hash_table_size(rs->memo) >= MEMO_MAX / 2) g_hash_table_remove_all(rs->memo);
}

bool dx_rules_starts(dx_ruleset *rs, dx_cat cat, const char *s) {
  const GPtrArray *c = find_category(rs, cat);
  for (guint i = 0; c && i < c->len; i++) {
    const rule *r = g_ptr_array_index(c, i);
    int n = pcre2_match(r->re, (PCRE2_SPTR)s, strlen(s), 0, PCRE2_ANCHORED, rs->md, rs->mctx);
    if (n < 0) continue;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rs->md);
    if (ov[1] > ov[0]) return true;
  }
  return false;
}

char *dx_rules_strip(dx_ruleset *rs, dx_cat cat, const char *s, bool anywhere) {
  const GPtrArray *c = find_category(rs, cat);
  for (guint i = 0; c && i < c->len; i++) {
    const rule *r = g_ptr_array_index(c, i);
    int n = pcre2_match(r->re, (PCRE2_SPTR)s, strlen(s), 0, anywhere ? 0 : PCRE2_ANCHORED, rs->md,
                        rs->mctx);
    if (n < 0) continue;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rs->md);
    if (ov[1] == ov[0]) continue;
    GString *out = g_string_new_len(s, (gssize)ov[0]);
    g_string_append(out, s + ov[1]);
    return g_string_free(out, FALSE);
  }
  return g_strdup(s);
}
