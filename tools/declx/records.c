/* records.c — see records.h. */
#include "records.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

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

const dx_rec_table dx_tables[] = {
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

static void put_value(rowbuf *b, char vtype, const dx_rec_value *f) {
  put_json(b, vtype, f->value);
  put_json(b, 's', f->raw);
  put_json(b, 'r', f->confidence);
  put_json(b, 'j', f->flags);
}

static int store_declaration(const dx_sink *sink, const dx_rec_decl *d) {
  rowbuf b = {0};
  put_parent(&b, "documents");
  put_int(&b, d->seq);
  put_json(&b, 's', d->form);
  put_json(&b, 's', d->title);
  put_json(&b, 'i', d->fiscal_year);
  put_json(&b, 's', d->unit);
  put_json(&b, 's', d->project_name);
  put_json(&b, 's', d->department);
  put_json(&b, 'r', d->confidence);
  put_json(&b, 'i', d->page_start);
  put_json(&b, 'i', d->page_end);
  put_json(&b, 'j', d->flags);
  int rc = flush_row(sink, T_DECLARATIONS, &b);
  for (guint i = 0; i < d->fields->len && !rc; i++) {
    const dx_rec_field *f = &g_array_index(d->fields, dx_rec_field, i);
    put_parent(&b, "declarations");
    put_text(&b, f->key);
    put_value(&b, 'v', &f->f);
    rc = flush_row(sink, T_FIELDS, &b);
  }
  for (guint i = 0; i < d->funds->len && !rc; i++) {
    const dx_rec_fund *f = &g_array_index(d->funds, dx_rec_fund, i);
    put_parent(&b, "declarations");
    put_text(&b, f->source);
    put_text(&b, f->label);
    put_text(&b, f->horizon);
    put_value(&b, 'r', &f->f);
    rc = flush_row(sink, T_FUNDS, &b);
  }
  for (guint i = 0; i < d->items->len && !rc; i++) {
    const dx_rec_item *e = &g_array_index(d->items, dx_rec_item, i);
    put_parent(&b, "declarations");
    put_text(&b, e->list);
    put_int(&b, e->seq);
    put_json(&b, 'j', e->entry);
    put_json(&b, 'r', e->confidence);
    rc = flush_row(sink, T_ITEMS, &b);
  }
  for (guint i = 0; i < d->indicators->len && !rc; i++) {
    const dx_rec_ind *e = &g_array_index(d->indicators, dx_rec_ind, i);
    put_parent(&b, "declarations");
    put_int(&b, e->seq);
    const json_t *cols[] = {e->horizon, e->level1, e->level2, e->level3, e->raw, e->kind, e->op};
    for (size_t k = 0; k < G_N_ELEMENTS(cols); k++) put_json(&b, 's', cols[k]);
    put_json(&b, 'r', e->number);
    put_json(&b, 'r', e->upper);
    put_json(&b, 's', e->unit);
    put_json(&b, 's', e->standard);
    put_json(&b, 'r', e->confidence);
    put_json(&b, 'j', e->flags);
    rc = flush_row(sink, T_INDICATORS, &b);
  }
  return rc;
}

int dx_rec_store(const dx_sink *sink, const dx_rec *r) {
  int rc = sink->forget(sink->ctx, json_string_value(r->sha256), json_string_value(r->file));
  if (rc) return rc;
  rowbuf b = {0};
  put_json(&b, 's', r->sha256);
  put_json(&b, 's', r->file);
  put_json(&b, 's', r->format);
  put_json(&b, 'i', r->pages);
  put_json(&b, 's', r->error_code);
  put_json(&b, 's', r->error_message);
  put_text(&b, r->text);
  if ((rc = flush_row(sink, T_DOCUMENTS, &b)) != 0) return rc;
  for (guint i = 0; i < r->decls->len; i++)
    if ((rc = store_declaration(sink, &g_array_index(r->decls, dx_rec_decl, i))) != 0) return rc;
  return 0;
}
