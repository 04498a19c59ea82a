/* apply.c — corrections into records (see apply.h).
 *
 * A pointer is resolved inside its declaration token by token (RFC 6901:
 * "~1" is "/", "~0" is "~", array indexes in decimal without leading
 * zeros). The value's holder is the last object on the way that has a
 * `confidence`: the FIELD of /fields/x/value, the indicator of
 * /indicators/3/value, the entry of /schedule/0/content. A pointer to a
 * FIELD or an indicator itself means its value.
 */
#include "apply.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct corr {
  int n; /* 1-based, in file order */
  const char *sha, *ptr;
  json_int_t decl;
  json_t *old, *new_;
  bool seen;
} corr;

struct dx_apply {
  GArray *all;        /* corr */
  GHashTable *by_sha; /* sha256 -> GArray of indexes into all */
};

static void add(GPtrArray *conflicts, const corr *c, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* One line naming the correction and what is wrong with it. */
static void add(GPtrArray *conflicts, const corr *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *why = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char sha[13];
  g_strlcpy(sha, c->sha ? c->sha : "?", sizeof sha);
  g_ptr_array_add(conflicts,
                  g_strdup_printf("correction %d (document %s…, declaration %lld, %s): %s", c->n,
                                  sha, (long long)c->decl, c->ptr ? c->ptr : "?", why));
  g_free(why);
}

static void free_index(gpointer p) {
  g_array_free(p, TRUE);
}

dx_apply *dx_apply_new(json_t *arr, GPtrArray *conflicts) {
  if (!json_is_array(arr)) return NULL;
  dx_apply *a = g_new0(dx_apply, 1);
  a->all = g_array_new(FALSE, TRUE, sizeof(corr));
  a->by_sha = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_index);
  size_t i;
  json_t *o;
  json_array_foreach(arr, i, o) {
    corr c = {.n = (int)i + 1,
              .sha = json_string_value(json_object_get(o, "sha256")),
              .ptr = json_string_value(json_object_get(o, "pointer")),
              .decl = json_integer_value(json_object_get(o, "declaration")),
              .old = json_object_get(o, "old"),
              .new_ = json_object_get(o, "new")};
    if (!c.sha || !c.ptr || !json_is_integer(json_object_get(o, "declaration")) || c.decl < 0 ||
        !c.old || !c.new_) {
      add(conflicts, &c, "malformed: needs sha256, declaration (an index), pointer, old and new");
      continue;
    }
    GArray *ix = g_hash_table_lookup(a->by_sha, c.sha);
    if (!ix) {
      ix = g_array_new(FALSE, FALSE, sizeof(guint));
      g_hash_table_insert(a->by_sha, (gpointer)c.sha, ix);
    }
    guint at = a->all->len;
    g_array_append_val(ix, at);
    g_array_append_val(a->all, c);
  }
  return a;
}

void dx_apply_free(dx_apply *a) {
  if (!a) return;
  g_hash_table_destroy(a->by_sha);
  g_array_free(a->all, TRUE);
  g_free(a);
}

/* ---- the pointer ---------------------------------------------------------- */

/* Where a pointer leads: the value, its container and its place there,
 * and the value's holder. */
typedef struct place {
  json_t *value, *parent, *holder;
  char *key;    /* the last token (g_free) */
  size_t index; /* when parent is an array */
  bool amount;  /* an amount of money (funds, list amounts) */
} place;

/* The next token of p (after its '/') unescaped into *tok; p past it.
 * NULL on a bad escape. */
static const char *token(const char *p, char **tok) {
  const char *end = strchr(p, '/');
  size_t n = end ? (size_t)(end - p) : strlen(p);
  GString *s = g_string_sized_new(n);
  for (size_t i = 0; i < n; i++) {
    if (p[i] != '~') {
      g_string_append_c(s, p[i]);
    } else if (i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1')) {
      g_string_append_c(s, p[++i] == '0' ? '~' : '/');
    } else {
      g_string_free(s, TRUE);
      return NULL;
    }
  }
  *tok = g_string_free(s, FALSE);
  return p + n;
}

static bool array_index(const char *t, size_t *out) {
  if (!*t || (t[0] == '0' && t[1]) || strlen(t) > 9) return false;
  for (const char *q = t; *q; q++)
    if (!g_ascii_isdigit(*q)) return false;
  *out = (size_t)g_ascii_strtoull(t, NULL, 10);
  return true;
}

static bool is_amount_key(const char *k) {
  return strcmp(k, "prior_year") == 0 || strcmp(k, "current_year") == 0 ||
         strcmp(k, "medium_term") == 0 || strcmp(k, "amount") == 0;
}

/* One step from pl->value down by tok; false when there is nothing. */
static bool step(place *pl, char *tok) {
  json_t *v = pl->value, *next = NULL;
  size_t ix = 0;
  if (json_is_object(v))
    next = json_object_get(v, tok);
  else if (json_is_array(v) && array_index(tok, &ix))
    next = json_array_get(v, ix);
  if (!next) {
    g_free(tok);
    return false;
  }
  if (json_is_object(v) && json_object_get(v, "confidence")) pl->holder = v;
  if (is_amount_key(tok) || strcmp(tok, "funds") == 0) pl->amount = true;
  g_free(pl->key);
  pl->key = tok;
  pl->index = ix;
  pl->parent = v;
  pl->value = next;
  return true;
}

/* Resolves ptr inside decl. A FIELD or an indicator means its value;
 * its bookkeeping (confidence, flags, at) is no value to correct. */
static bool resolve(place *pl, json_t *decl, const char *ptr) {
  *pl = (place){.value = decl};
  if (*ptr != '/') return false;
  for (const char *p = ptr; *p == '/';) {
    char *tok = NULL;
    if (!(p = token(p + 1, &tok)) || !step(pl, tok)) return false;
  }
  json_t *v = pl->value;
  if (json_is_object(v) && json_object_get(v, "confidence") && json_object_get(v, "value") &&
      !step(pl, g_strdup("value")))
    return false;
  const char *k = pl->key;
  return pl->holder && k && strcmp(k, "confidence") != 0 && strcmp(k, "flags") != 0 &&
         strcmp(k, "at") != 0;
}

/* ---- values ----------------------------------------------------------------- */

/* An indicator's value object: {raw, kind, op, number, upper, unit}. */
static bool is_indicator_value(const json_t *v) {
  return json_is_object(v) && json_object_get(v, "raw") && json_object_get(v, "kind");
}

/* The contract's indicator value for text, by the extraction's parser,
 * written as extraction writes it (rules/to_json.c). */
static json_t *indicator_value(const dx_lexicon *lx, const char *text) {
  dx_value v;
  dx_value_parse(&v, lx, text);
  dx_ind_value iv;
  dx_ind_value_from(&iv, &v, text);
  return dx_ind_value_json(&iv);
}

/* A period FIELD's value for text, likewise. */
static json_t *period_value(const dx_lexicon *lx, const char *text) {
  char s[11], e[11];
  if (dx_period_parse(s, e, lx, text, true) == 0) return NULL;
  dx_field f = {.kind = DX_FV_PERIOD, .start = *s ? s : NULL, .end = *e ? e : NULL};
  return dx_field_value_json(&f);
}

/* How a string new value is read at pl: the parser the place needs. */
static const char *place_kind(const place *pl) {
  const json_t *cur = pl->value;
  if (is_indicator_value(cur)) return "indicator";
  if (pl->amount && (json_is_number(cur) || json_is_null(cur))) return "amount";
  if (json_is_object(cur) && json_object_get(cur, "start")) return "period";
  if (json_is_integer(cur)) return "integer";
  return "any";
}

const char *dx_apply_kind(json_t *decl, const char *ptr) {
  place pl;
  const char *kind = resolve(&pl, decl, ptr) ? place_kind(&pl) : NULL;
  g_free(pl.key);
  return kind;
}

/* The value a correction's new text or JSON becomes at pl (new ref), or
 * NULL with *why set when it does not fit there. */
static json_t *new_value(const place *pl, json_t *nv, const dx_lexicon *lx, const char **why) {
  const json_t *cur = pl->value;
  const char *s = json_string_value(nv);
  const char *kind = place_kind(pl);
  if (strcmp(kind, "indicator") == 0) {
    if (s) return indicator_value(lx, s);
    *why = "an indicator value must be its text";
    return NULL;
  }
  if (s && strcmp(kind, "amount") == 0) {
    double wan;
    int unit;
    if (dx_amount_parse(&wan, &unit, lx, s)) return dx_number_json(wan);
    *why = "the new value is not an amount";
    return NULL;
  }
  if (s && strcmp(kind, "period") == 0) {
    json_t *p = period_value(lx, s);
    if (!p) *why = "the new value is not a date or period";
    return p;
  }
  if (s && strcmp(kind, "integer") == 0) {
    gint64 i;
    if (g_ascii_string_to_signed(s, 10, G_MININT64, G_MAXINT64, &i, NULL)) return json_integer(i);
    *why = "the new value is not an integer";
    return NULL;
  }
  if (json_is_null(nv) || json_is_null(cur) || json_typeof(nv) == json_typeof(cur) ||
      (json_is_number(nv) && json_is_number(cur)))
    return json_incref(nv);
  *why = "the new value is not of the old one's type";
  return NULL;
}

/* Whether cur is what a correction calls v: equal JSON, equal numbers,
 * or an indicator value whose raw text v is. */
static bool same(const json_t *cur, const json_t *v) {
  if (json_equal((json_t *)cur, (json_t *)v)) return true;
  if (json_is_number(cur) && json_is_number(v))
    return json_number_value(cur) == json_number_value(v);
  if (is_indicator_value(cur) && json_is_string(v))
    return json_equal(json_object_get(cur, "raw"), (json_t *)v);
  return false;
}

static bool has_reviewed(const json_t *flags) {
  size_t i;
  json_t *f;
  json_array_foreach(flags, i, f) if (g_strcmp0(json_string_value(f), "reviewed") == 0) return true;
  return false;
}

/* Confidence 1 and the flag `reviewed`; false when the holder had them. */
static bool mark_reviewed(json_t *holder) {
  json_t *flags = json_object_get(holder, "flags");
  bool had = json_number_value(json_object_get(holder, "confidence")) == 1 && has_reviewed(flags);
  json_object_set_new(holder, "confidence", json_integer(1));
  if (!json_is_array(flags)) {
    flags = json_array();
    json_object_set_new(holder, "flags", flags);
  }
  if (!has_reviewed(flags)) json_array_append_new(flags, json_string("reviewed"));
  return !had;
}

static void put(place *pl, json_t *v) {
  if (json_is_object(pl->parent))
    json_object_set_new(pl->parent, pl->key, v);
  else
    json_array_set_new(pl->parent, pl->index, v);
}

/* One correction on its declaration: true when it changed it. */
static bool apply_one(const corr *c, json_t *decls, const dx_lexicon *lx, GPtrArray *conflicts) {
  json_t *decl = json_array_get(decls, (size_t)c->decl);
  if (!decl) {
    add(conflicts, c, "the document has no declaration %lld", (long long)c->decl);
    return false;
  }
  place pl;
  bool found = resolve(&pl, decl, c->ptr);
  bool changed = false;
  const char *why = NULL;
  json_t *nv = NULL;
  if (!found) {
    add(conflicts, c, "the pointer leads to no value of the declaration");
  } else if (!(nv = json_equal(c->old, c->new_) && same(pl.value, c->old)
                        ? json_incref(pl.value) /* accepted as right: kept as read */
                        : new_value(&pl, c->new_, lx, &why))) {
    add(conflicts, c, "%s", why);
  } else if (same(pl.value, c->old)) {
    if (!json_equal(pl.value, nv)) {
      /* a FIELD whose value was its text as read: the reviewer's text is
       * what the page says, so it becomes the raw text too */
      json_t *raw = pl.parent == pl.holder ? json_object_get(pl.holder, "raw") : NULL;
      if (raw && json_is_string(nv) && json_equal(raw, pl.value))
        json_object_set(pl.holder, "raw", nv);
      put(&pl, json_incref(nv));
      changed = true;
    }
    changed |= mark_reviewed(pl.holder);
  } else if (!same(pl.value, nv) && !same(pl.value, c->new_)) {
    char *now = json_dumps(pl.value, JSON_ENCODE_ANY | JSON_COMPACT);
    add(conflicts, c, "stale: the value is now %.200s, not the old value", now);
    free(now);
  }
  json_decref(nv);
  g_free(pl.key);
  return changed;
}

int dx_apply_record(dx_apply *a, json_t *record, const dx_lexicon *lx, GPtrArray *conflicts) {
  const char *sha = json_string_value(json_object_get(json_object_get(record, "source"), "sha256"));
  GArray *ix = sha ? g_hash_table_lookup(a->by_sha, sha) : NULL;
  if (!ix) return 0;
  json_t *decls = json_object_get(record, "declarations");
  int changed = 0;
  for (guint i = 0; i < ix->len; i++) {
    corr *c = &g_array_index(a->all, corr, g_array_index(ix, guint, i));
    c->seen = true;
    changed += apply_one(c, decls, lx, conflicts);
  }
  return changed;
}

void dx_apply_finish(dx_apply *a, GPtrArray *conflicts) {
  for (guint i = 0; i < a->all->len; i++) {
    const corr *c = &g_array_index(a->all, corr, i);
    if (!c->seen) add(conflicts, c, "no document with this sha256 in the input");
  }
}
