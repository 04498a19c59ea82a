/* ruleset.c — loading and matching the rule files with PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "dx_rules.h"

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
/* Answers remembered per category; a form has a few hundred distinct cells. */
enum { MEMO_MAX = 50000 };

typedef struct rule {
  char *category;
  char *key;
  pcre2_code *re;
} rule;

/* The rules of one category in file order, and a memo of answers. */
typedef struct category {
  GPtrArray *rules; /* rule*, borrowed from dx_ruleset.rules */
  GHashTable *memo; /* label key -> rule key, or "" for no match */
} category;

struct dx_ruleset {
  GArray *rules;          /* rule */
  GHashTable *categories; /* name -> category* */
  dx_lexicon *lexicon;
  pcre2_match_context *mctx;
  pcre2_match_data *md;
};

static void category_free(gpointer p) {
  category *c = p;
  g_ptr_array_free(c->rules, TRUE);
  g_hash_table_destroy(c->memo);
  g_free(c);
}

void dx_rules_free(dx_ruleset *rs) {
  if (!rs) return;
  if (rs->rules) {
    for (guint i = 0; i < rs->rules->len; i++) {
      rule *r = &g_array_index(rs->rules, rule, i);
      g_free(r->category);
      g_free(r->key);
      pcre2_code_free(r->re);
    }
    g_array_free(rs->rules, TRUE);
  }
  dx_lexicon_free(rs->lexicon);
  pcre2_match_context_free(rs->mctx);
  pcre2_match_data_free(rs->md);
  if (rs->categories) g_hash_table_destroy(rs->categories);
  g_free(rs);
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
    if (g_strv_length(f) != 3 || !*f[0] || !*f[1] || !*f[2]) {
      rc = dx_error_set(err, DX_EFORMAT, "%s:%d: expected CATEGORY<TAB>KEY<TAB>PATTERN", name,
                        ln + 1);
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
        rule r = {g_strdup(f[0]), g_strdup(f[1]), re};
        g_array_append_val(rs->rules, r);
      }
    }
    g_strfreev(f);
  }
  g_strfreev(lines);
  return rc;
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
  rs->categories = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, category_free);
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
  for (guint i = 0; i < rs->rules->len; i++) { /* the array no longer moves */
    rule *r = &g_array_index(rs->rules, rule, i);
    category *c = g_hash_table_lookup(rs->categories, r->category);
    if (!c) {
      c = g_new0(category, 1);
      c->rules = g_ptr_array_new();
      c->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert(rs->categories, r->category, c);
    }
    g_ptr_array_add(c->rules, r);
  }
  return rs;
}

dx_ruleset *dx_rules_load(const char *dir, dx_error *err) {
  if (!dir) return dx_rules_load_text(dx_embedded_labels_rules, dx_embedded_values_rules, err);
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
    rs = dx_rules_load_text(labels, values, err);
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

static bool full_match(dx_ruleset *rs, const pcre2_code *re, const char *s, size_t len) {
  int n =
      pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, rs->md, rs->mctx);
  return n >= 0;
}

const char *dx_rules_match(dx_ruleset *rs, const char *category_name, const char *label_key) {
  if (!label_key || !*label_key) return NULL;
  size_t len = strlen(label_key);
  if (len > 400) return NULL; /* labels are short; long text is a value */
  category *c = g_hash_table_lookup(rs->categories, category_name);
  if (!c) return NULL;
  gpointer hit;
  if (g_hash_table_lookup_extended(c->memo, label_key, NULL, &hit))
    return *(const char *)hit ? hit : NULL;
  const char *found = NULL;
  for (guint i = 0; i < c->rules->len && !found; i++) {
    const rule *r = g_ptr_array_index(c->rules, i);
    if (full_match(rs, r->re, label_key, len)) found = r->key;
  }
  /* bounded: a document of unique keys cannot grow the memo forever */
  if (g_hash_table_size(c->memo) > MEMO_MAX) g_hash_table_remove_all(c->memo);
  g_hash_table_insert(c->memo, g_strdup(label_key), (gpointer)(found ? found : ""));
  return found;
}

char *dx_rules_strip(dx_ruleset *rs, const char *category_name, const char *s, bool anywhere) {
  category *c = g_hash_table_lookup(rs->categories, category_name);
  for (guint i = 0; c && i < c->rules->len; i++) {
    const rule *r = g_ptr_array_index(c->rules, i);
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
