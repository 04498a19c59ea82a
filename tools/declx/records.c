/* records.c — see records.h. */
#include "records.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

const json_t *dx_rec_unit(const json_t *decl) {
  const json_t *fields = json_object_get(decl, "fields");
  const json_t *unit = json_object_get(json_object_get(fields, "filing_unit"), "value");
  return unit ? unit : json_object_get(json_object_get(fields, "department"), "value");
}

int dx_rec_funds(const json_t *decl, dx_fund_fn fn, void *ctx) {
  static const char *const horizons[] = {"prior_year", "current_year", "medium_term"};
  const json_t *funds = json_object_get(decl, "funds");
  const char *k;
  const json_t *f;
  int rc = 0;
  json_object_foreach((json_t *)funds, k, f) {
    if (strcmp(k, "breakdown") == 0 || !f || json_is_null(f)) continue;
    /* current_year_total and the like: a total of one horizon */
    char h[32];
    g_strlcpy(h, k, sizeof h);
    char *end = strstr(h, "_total");
    if (end) *end = 0;
    if ((rc = fn(ctx, "total", NULL, h, f)) != 0) return rc;
  }
  size_t i;
  const json_t *b;
  json_array_foreach(json_object_get(funds, "breakdown"), i, b) {
    for (size_t h = 0; h < G_N_ELEMENTS(horizons); h++) {
      const json_t *a = json_object_get(b, horizons[h]);
      if (!a || json_is_null(a)) continue;
      rc = fn(ctx, json_string_value(json_object_get(b, "source")),
              json_string_value(json_object_get(b, "label")), horizons[h], a);
      if (rc != 0) return rc;
    }
  }
  return 0;
}

/* ---- records as database rows ------------------------------------------------ */

static const char *const documents_cols[] = {
    "id ID",           "sha256 TEXT UNIQUE", "file TEXT NOT NULL", "format TEXT", "pages INT",
    "error_code TEXT", "error_message TEXT", "json JSON NOT NULL", NULL};
static const char *const documents_idx[] = {NULL};
static const char *const declarations_cols[] = {"id ID",
                                                "document REF:documents",
                                                "seq INT NOT NULL",
                                                "form TEXT",
                                                "title TEXT",
                                                "fiscal_year INT",
                                                "unit TEXT",
                                                "project_name TEXT",
                                                "department TEXT",
                                                "confidence REAL",
                                                "page_start INT",
                                                "page_end INT",
                                                "flags JSON",
                                                NULL};
static const char *const declarations_idx[] = {
    "declarations_document(document)", "declarations_unit(unit)", "declarations_year(fiscal_year)",
    "declarations_confidence(confidence)", NULL};
static const char *const fields_cols[] = {"declaration REF:declarations",
                                          "key TEXT NOT NULL",
                                          "value TEXT",
                                          "raw TEXT",
                                          "confidence REAL",
                                          "flags JSON",
                                          NULL};
static const char *const fields_idx[] = {"fields_declaration(declaration, key)", NULL};
static const char *const funds_cols[] = {"declaration REF:declarations",
                                         "source TEXT",
                                         "label TEXT",
                                         "horizon TEXT NOT NULL",
                                         "value REAL",
                                         "raw TEXT",
                                         "confidence REAL",
                                         "flags JSON",
                                         NULL};
static const char *const funds_idx[] = {"funds_declaration(declaration)", NULL};
static const char *const items_cols[] = {
    "declaration REF:declarations", "list TEXT NOT NULL", "seq INT NOT NULL",
    "json JSON NOT NULL",           "confidence REAL",    NULL};
static const char *const items_idx[] = {"items_declaration(declaration)", NULL};
static const char *const indicators_cols[] = {"declaration REF:declarations",
                                              "seq INT NOT NULL",
                                              "horizon TEXT",
                                              "level1 TEXT",
                                              "level2 TEXT",
                                              "level3 TEXT",
                                              "value_raw TEXT",
                                              "value_kind TEXT",
                                              "op TEXT",
                                              "number REAL",
                                              "upper REAL",
                                              "unit TEXT",
                                              "standard TEXT",
                                              "confidence REAL",
                                              "flags JSON",
                                              NULL};
static const char *const indicators_idx[] = {"indicators_declaration(declaration)",
                                             "indicators_levels(level1, level2)",
                                             "indicators_confidence(confidence)", NULL};

const dx_table dx_tables[] = {
    {"documents", documents_cols, documents_idx},
    {"declarations", declarations_cols, declarations_idx},
    {"fields", fields_cols, fields_idx},
    {"funds", funds_cols, funds_idx},
    {"items", items_cols, items_idx},
    {"indicators", indicators_cols, indicators_idx},
};
const int dx_ntables = (int)G_N_ELEMENTS(dx_tables);

GString *dx_rec_ddl(const char *(*type)(const char *word, const char *parent, char *buf,
                                        size_t len)) {
  GString *s = g_string_new(NULL);
  for (int t = 0; t < dx_ntables; t++) {
    g_string_append_printf(s, "CREATE TABLE IF NOT EXISTS %s (", dx_tables[t].name);
    for (int c = 0; dx_tables[t].cols[c]; c++) {
      /* "name TYPE rest": the type word becomes the database's */
      char **w = g_strsplit(dx_tables[t].cols[c], " ", 3);
      const char *parent = g_str_has_prefix(w[1], "REF:") ? w[1] + 4 : NULL;
      char buf[160];
      g_string_append_printf(s, "%s%s %s%s%s", c ? ", " : "", w[0],
                             type(parent ? "REF" : w[1], parent, buf, sizeof buf), w[2] ? " " : "",
                             w[2] ? w[2] : "");
      g_strfreev(w);
    }
    g_string_append(s, ");\n");
    for (int i = 0; dx_tables[t].indexes[i]; i++) {
      const char *ix = dx_tables[t].indexes[i];
      const char *paren = strchr(ix, '(');
      g_string_append_printf(s, "CREATE INDEX IF NOT EXISTS %.*s ON %s%s;\n", (int)(paren - ix), ix,
                             dx_tables[t].name, paren);
    }
  }
  return s;
}

/* Values of a row, their texts owned until the row is stored. */
typedef struct rowbuf {
  dx_val v[16];
  char *own[16];
  int n;
} rowbuf;

static void put(rowbuf *b, dx_val v) {
  b->v[b->n++] = v;
}
static void put_int(rowbuf *b, long long i) {
  put(b, (dx_val){.kind = DX_INT, .i = i});
}
static void put_text(rowbuf *b, const char *t) {
  put(b, t ? (dx_val){.kind = DX_TEXT, .t = t} : (dx_val){.kind = DX_NULL});
}
static void put_parent(rowbuf *b, const char *table) {
  put(b, (dx_val){.kind = DX_PARENT, .t = table});
}
/* A JSON value as the column wants it: 's' strings as text, 'i' integer,
 * 'r' number, 'j' JSON text (not null), 'v' strings as text and other
 * values as JSON text. Anything else is NULL. */
static void put_json(rowbuf *b, char type, const json_t *v) {
  bool as_text = json_is_string(v) && (type == 's' || type == 'v');
  bool as_json = v && !json_is_null(v) && (type == 'j' || (type == 'v' && !json_is_string(v)));
  if (as_text) {
    put_text(b, json_string_value(v));
  } else if (as_json) {
    b->own[b->n] = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
    put_text(b, b->own[b->n]);
  } else if (type == 'i' && json_is_integer(v)) {
    put_int(b, (long long)json_integer_value(v));
  } else if (type == 'r' && json_is_number(v)) {
    put(b, (dx_val){.kind = DX_REAL, .r = json_number_value(v)});
  } else {
    put(b, (dx_val){.kind = DX_NULL});
  }
}

/* Stores the row (columns: the table's, without its id) and frees it. */
static int flush_row(const dx_sink *sink, int table, rowbuf *b) {
  const char *cols[16];
  int n = 0;
  for (int c = 0; dx_tables[table].cols[c]; c++) {
    const char *col = dx_tables[table].cols[c];
    if (g_str_has_suffix(col, " ID")) continue;
    cols[n++] = col;
  }
  g_assert(n == b->n);
  char names[16][32];
  const char *name_p[16];
  for (int c = 0; c < n; c++) {
    size_t len = strcspn(cols[c], " ");
    g_strlcpy(names[c], cols[c], MIN(len + 1, sizeof names[c]));
    name_p[c] = names[c];
  }
  int rc = sink->row(sink->ctx, dx_tables[table].name, name_p, b->v, n);
  for (int i = 0; i < b->n; i++) free(b->own[i]);
  memset(b, 0, sizeof *b);
  return rc;
}

enum { T_DOCUMENTS, T_DECLARATIONS, T_FIELDS, T_FUNDS, T_ITEMS, T_INDICATORS };

static const json_t *get(const json_t *o, const char *k) {
  return json_object_get(o, k);
}

typedef struct fund_ctx {
  const dx_sink *sink;
} fund_ctx;

static int store_fund(void *ctx, const char *source, const char *label, const char *horizon,
                      const json_t *f) {
  const fund_ctx *fc = ctx;
  rowbuf b = {0};
  put_parent(&b, "declarations");
  put_text(&b, source);
  put_text(&b, label);
  put_text(&b, horizon);
  put_json(&b, 'r', get(f, "value"));
  put_json(&b, 's', get(f, "raw"));
  put_json(&b, 'r', get(f, "confidence"));
  put_json(&b, 'j', get(f, "flags"));
  return flush_row(fc->sink, T_FUNDS, &b);
}

static int store_declaration(const dx_sink *sink, int seq, const json_t *d) {
  const json_t *fields = get(d, "fields"), *origin = get(d, "origin");
  rowbuf b = {0};
  put_parent(&b, "documents");
  put_int(&b, seq);
  put_json(&b, 's', get(d, "form"));
  put_json(&b, 's', get(d, "title"));
  put_json(&b, 'i', get(d, "fiscal_year"));
  put_json(&b, 's', dx_rec_unit(d));
  put_json(&b, 's', get(get(fields, "project_name"), "value"));
  put_json(&b, 's', get(get(fields, "department"), "value"));
  put_json(&b, 'r', get(d, "confidence"));
  put_json(&b, 'i', get(origin, "page_start"));
  put_json(&b, 'i', get(origin, "page_end"));
  put_json(&b, 'j', get(d, "flags"));
  int rc = flush_row(sink, T_DECLARATIONS, &b);
  const char *k;
  const json_t *f;
  json_object_foreach((json_t *)fields, k, f) {
    if (rc) return rc;
    put_parent(&b, "declarations");
    put_text(&b, k);
    put_json(&b, 'v', get(f, "value"));
    put_json(&b, 's', get(f, "raw"));
    put_json(&b, 'r', get(f, "confidence"));
    put_json(&b, 'j', get(f, "flags"));
    rc = flush_row(sink, T_FIELDS, &b);
  }
  fund_ctx fc = {sink};
  if (rc || (rc = dx_rec_funds(d, store_fund, &fc)) != 0) return rc;
  size_t i;
  const json_t *e;
  static const char *const lists[] = {"expenditure_items", "schedule", "work_plans",
                                      "summary_items"};
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) json_array_foreach(get(d, lists[l]), i, e) {
      if (rc) return rc;
      put_parent(&b, "declarations");
      put_text(&b, lists[l]);
      put_int(&b, (long long)i);
      put_json(&b, 'j', e);
      put_json(&b, 'r', get(e, "confidence"));
      rc = flush_row(sink, T_ITEMS, &b);
    }
  json_array_foreach(get(d, "indicators"), i, e) {
    if (rc) return rc;
    const json_t *v = get(e, "value");
    put_parent(&b, "declarations");
    put_int(&b, (long long)i);
    put_json(&b, 's', get(e, "horizon"));
    put_json(&b, 's', get(e, "level1"));
    put_json(&b, 's', get(e, "level2"));
    put_json(&b, 's', get(e, "level3"));
    put_json(&b, 's', get(v, "raw"));
    put_json(&b, 's', get(v, "kind"));
    put_json(&b, 's', get(v, "op"));
    put_json(&b, 'r', get(v, "number"));
    put_json(&b, 'r', get(v, "upper"));
    put_json(&b, 's', get(v, "unit"));
    put_json(&b, 's', get(e, "standard"));
    put_json(&b, 'r', get(e, "confidence"));
    put_json(&b, 'j', get(e, "flags"));
    rc = flush_row(sink, T_INDICATORS, &b);
  }
  return rc;
}

int dx_rec_store(const dx_sink *sink, const char *text, const json_t *record) {
  const json_t *src = get(record, "source"), *e = get(record, "error");
  int rc = sink->forget(sink->ctx, json_string_value(get(src, "sha256")),
                        json_string_value(get(src, "file")));
  if (rc) return rc;
  rowbuf b = {0};
  put_json(&b, 's', get(src, "sha256"));
  put_json(&b, 's', get(src, "file"));
  put_json(&b, 's', get(src, "format"));
  put_json(&b, 'i', get(src, "pages"));
  put_json(&b, 's', get(e, "code"));
  put_json(&b, 's', get(e, "message"));
  put_text(&b, text);
  if ((rc = flush_row(sink, T_DOCUMENTS, &b)) != 0) return rc;
  size_t i;
  const json_t *d;
  json_array_foreach(get(record, "declarations"), i, d) {
    if ((rc = store_declaration(sink, (int)i, d)) != 0) return rc;
  }
  return 0;
}
