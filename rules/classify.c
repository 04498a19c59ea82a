/* classify.c — what a label key names: a field, a fund total or source, a
 * unit note, or nothing; a stray character forgiven in a field's label.
 * Answers are kept with the ruleset's keys, per document, and per model
 * cell while its table is read. */
#include "map_int.h"

#include <string.h>

/* Fuzzy label matching applies to keys of this many characters: shorter
 * keys are too often values ("县政府办"), longer ones are sentences. */
#define FUZZY_MIN_CHARS 5
#define FUZZY_MAX_CHARS 16

static label classify_key(ctx *x, const char *key);

/* What a cell's key labels. The marks forms put on required fields
 * (*项目名称, 项目名称※) are removed first. Answers are kept per document:
 * the same key is asked about from several places. */
static label classify_rk(ctx *x, const char *key, dx_rkey *rk) {
  if (!key || !*key) return (label){0};
  /* the answer depends on the key and the rules alone: kept with the
   * ruleset's key, from document to document */
  const label *kept = dx_rules_key_data(rk);
  if (kept) return *kept;
  label *seen = !rk && x->labels ? g_hash_table_lookup(x->labels, key) : NULL;
  if (seen) return *seen;
  char *a = dx_rules_strip(x->rs, DX_CAT_LABEL_MARK, key, false);
  char *b = dx_rules_strip(x->rs, DX_CAT_LABEL_MARK, a, true);
  label l = classify_key(x, b);
  g_free(b);
  g_free(a);
  if (rk)
    dx_rules_key_set_data(rk, g_memdup2(&l, sizeof l), g_free);
  else if (x->labels && g_hash_table_size(x->labels) < LABEL_MEMO_MAX)
    g_hash_table_insert(x->labels, g_strdup(key), g_memdup2(&l, sizeof l));
  return l;
}

/* classify_rk, and on a scan the nearest label when none matched. */
static label classify_or_near(ctx *x, const char *key, dx_rkey *rk) {
  label l = classify_rk(x, key, rk);
  if (l.cat != DX_CAT_NONE || !x->scanned || !key || !*key) return l;
  /* kept per document (the ruleset's memo serves every document) */
  label *seen = g_hash_table_lookup(x->near, key);
  if (!seen) {
    l = map_classify_near(x, key);
    if (g_hash_table_size(x->near) < LABEL_MEMO_MAX)
      g_hash_table_insert(x->near, g_strdup(key), g_memdup2(&l, sizeof l));
    return l;
  }
  return *seen;
}

label map_classify(ctx *x, const char *key) {
  return classify_or_near(x, key, key && *key ? dx_rules_key(x->rs, key) : NULL);
}

static label classify_key(ctx *x, const char *key) {
  label l = {0};
  if (!key || !*key) return l;
  const char *k;
  if ((k = dx_rules_match(x->rs, DX_CAT_FIELD, key)))
    return (label){DX_CAT_FIELD, k, false, NULL, false, NULL, false};
  if ((k = dx_rules_match(x->rs, DX_CAT_FUND_TOTAL, key)))
    return (label){DX_CAT_FUND_TOTAL, k, false, NULL, false, NULL, false};
  char *fk = dx_rules_strip(x->rs, DX_CAT_PART_PREFIX, key, false);
  k = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, fk);
  g_free(fk);
  if (k) return (label){DX_CAT_FUND_SOURCE, k, false, NULL, false, NULL, false};
  if ((k = dx_rules_match(x->rs, DX_CAT_UNIT_NOTE, key)))
    return (label){DX_CAT_UNIT_NOTE, k, false, NULL, false, NULL, false};
  if (dx_rules_match(x->rs, DX_CAT_THREE_PUBLIC_CONTEXT, key)) l.three_public_ctx = true;
  /* One stray character in a field label ("项目名名称", a doubled glyph
   * from a bad print): try the key without each character in turn.
   * Only for label-sized keys, so values are not read as labels. */
  glong n = g_utf8_strlen(key, -1);
  if (n >= FUZZY_MIN_CHARS && n <= FUZZY_MAX_CHARS && !strchr(key, ':')) {
    for (const char *p = key; *p; p = g_utf8_next_char(p)) {
      const char *q = g_utf8_next_char(p);
      if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) continue;
      char *shorter = g_strdup_printf("%.*s%s", (int)(p - key), key, q);
      k = dx_rules_match(x->rs, DX_CAT_FIELD, shorter);
      g_free(shorter);
      if (k) return (label){DX_CAT_FIELD, k, false, NULL, true, NULL, false};
    }
  }
  return l;
}

void map_cellinfo_free(gpointer p) {
  cellinfo *ci = p;
  g_free(ci->raw);
  g_free(ci->key);
  g_free(ci);
}

cellinfo *map_cell_info(ctx *x, const dx_cell *cell) {
  cellinfo *ci = g_hash_table_lookup(x->cells, cell);
  if (ci) return ci;
  ci = g_new0(cellinfo, 1);
  ci->raw = dx_text_raw(cell->text);
  ci->key = dx_label_key(ci->raw);
  g_hash_table_insert(x->cells, (gpointer)cell, ci);
  return ci;
}

/* The cell's key as the ruleset keeps it, or NULL. */
static dx_rkey *cell_rkey(ctx *x, const lcell *c) {
  cellinfo *m = c->info;
  if (!m->rk_asked) {
    m->rk = dx_rules_key(x->rs, c->key);
    m->rk_asked = true;
  }
  return m->rk;
}

const char *map_cell_rule(ctx *x, const lcell *c, dx_cat cat) {
  if (!c) return NULL;
  dx_rkey *rk = cell_rkey(x, c);
  return map_rule_or_near(
      x, cat, c->key, rk ? dx_rules_match_key(x->rs, cat, rk) : dx_rules_match(x->rs, cat, c->key));
}

/* map_classify() of the cell's key (kept with the ruleset's key). */
label map_cell_label(ctx *x, const lcell *c) {
  return classify_or_near(x, c->key, cell_rkey(x, c));
}
