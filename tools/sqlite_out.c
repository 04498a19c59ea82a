/* sqlite_out.c — `declx batch -o FILE.sqlite`: records into SQLite.
 *
 * The schema (README, "SQLite") keeps each document's JSON whole and
 * spreads what people query over tables with foreign keys and indexes:
 * documents, declarations, fields, funds, items, indicators. A document
 * already in the database (same sha256) is replaced, not duplicated.
 * Records are committed in transactions of COMMIT_EVERY.
 */
#include "sqlite_out.h"

#include "records.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

/* Records per transaction: one fsync per this many documents. */
#define COMMIT_EVERY 200

static const char SCHEMA[] =
    "PRAGMA foreign_keys = ON;\n"
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, file TEXT NOT NULL, format TEXT,\n"
    "  pages INTEGER, error_code TEXT, error_message TEXT, json TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS declarations (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL, form TEXT, title TEXT, fiscal_year INTEGER, unit TEXT,\n"
    "  project_name TEXT, department TEXT, confidence REAL, page_start INTEGER,\n"
    "  page_end INTEGER, flags TEXT);\n"
    "CREATE TABLE IF NOT EXISTS fields (\n"
    "  declaration INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,\n"
    "  key TEXT NOT NULL, value TEXT, raw TEXT, confidence REAL, flags TEXT);\n"
    "CREATE TABLE IF NOT EXISTS funds (\n"
    "  declaration INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,\n"
    "  source TEXT, label TEXT, horizon TEXT NOT NULL, value REAL, raw TEXT,\n"
    "  confidence REAL, flags TEXT);\n"
    "CREATE TABLE IF NOT EXISTS items (\n"
    "  declaration INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,\n"
    "  list TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, confidence REAL);\n"
    "CREATE TABLE IF NOT EXISTS indicators (\n"
    "  declaration INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL, horizon TEXT, level1 TEXT, level2 TEXT, level3 TEXT,\n"
    "  value_raw TEXT, value_kind TEXT, op TEXT, number REAL, upper REAL, unit TEXT,\n"
    "  standard TEXT, confidence REAL, flags TEXT);\n"
    "CREATE INDEX IF NOT EXISTS declarations_document ON declarations(document);\n"
    "CREATE INDEX IF NOT EXISTS declarations_unit ON declarations(unit);\n"
    "CREATE INDEX IF NOT EXISTS declarations_year ON declarations(fiscal_year);\n"
    "CREATE INDEX IF NOT EXISTS declarations_confidence ON declarations(confidence);\n"
    "CREATE INDEX IF NOT EXISTS fields_declaration ON fields(declaration, key);\n"
    "CREATE INDEX IF NOT EXISTS funds_declaration ON funds(declaration);\n"
    "CREATE INDEX IF NOT EXISTS items_declaration ON items(declaration);\n"
    "CREATE INDEX IF NOT EXISTS indicators_declaration ON indicators(declaration);\n"
    "CREATE INDEX IF NOT EXISTS indicators_levels ON indicators(level1, level2);\n"
    "CREATE INDEX IF NOT EXISTS indicators_confidence ON indicators(confidence);\n";

struct dx_sqlite {
  sqlite3 *db;
  int pending; /* records in the open transaction */
};

static int exec(dx_sqlite *s, const char *sql) {
  return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

dx_sqlite *dx_sqlite_open(const char *path, char *err, size_t errlen) {
  dx_sqlite *s = g_new0(dx_sqlite, 1);
  if (sqlite3_open(path, &s->db) != SQLITE_OK || exec(s, SCHEMA) != SQLITE_OK ||
      exec(s, "BEGIN") != SQLITE_OK) {
    g_snprintf(err, errlen, "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
    sqlite3_close(s->db);
    g_free(s);
    return NULL;
  }
  return s;
}

GHashTable *dx_sqlite_done(dx_sqlite *s) {
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "SELECT sha256 FROM documents WHERE sha256 IS NOT NULL", -1, &st,
                         NULL) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW)
      g_hash_table_add(set, g_strdup((const char *)sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
  }
  return set;
}

/* One value to bind: a C integer (I), a C string (T), or a JSON value
 * as text (s: strings only), integer (i), real (r), JSON text (j), or
 * text for strings and JSON text for the rest (v). */
typedef struct bind {
  char type;
  sqlite3_int64 n;
  const char *t;
  const json_t *j;
} bind;

#define BI(x) ((bind){'I', (x), NULL, NULL})
#define BT(x) ((bind){'T', 0, (x), NULL})
#define BJ(type, x) ((bind){(type), 0, NULL, (x)})

static void bind_json(sqlite3_stmt *st, int k, char type, const json_t *v) {
  bool as_text = json_is_string(v) && (type == 's' || type == 'v');
  bool as_json = v && !json_is_null(v) && (type == 'j' || (type == 'v' && !json_is_string(v)));
  if (as_text) {
    sqlite3_bind_text(st, k, json_string_value(v), -1, SQLITE_TRANSIENT);
  } else if (as_json) {
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
    sqlite3_bind_text(st, k, t, -1, free);
  } else if (type == 'i' && json_is_integer(v)) {
    sqlite3_bind_int64(st, k, json_integer_value(v));
  } else if (type == 'r' && json_is_number(v)) {
    sqlite3_bind_double(st, k, json_number_value(v));
  } else {
    sqlite3_bind_null(st, k);
  }
}

/* Runs one statement with its values bound in order. */
static int run(dx_sqlite *s, const char *sql, const bind *b, int n) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    if (b[i].type == 'I')
      sqlite3_bind_int64(st, i + 1, b[i].n);
    else if (b[i].type == 'T' && b[i].t)
      sqlite3_bind_text(st, i + 1, b[i].t, -1, SQLITE_TRANSIENT);
    else if (b[i].type == 'T')
      sqlite3_bind_null(st, i + 1);
    else
      bind_json(st, i + 1, b[i].type, b[i].j);
  }
  if (rc == SQLITE_OK) rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  sqlite3_finalize(st);
  return rc;
}

#define RUN(s, sql, ...)                                                                           \
  run((s), (sql), (bind[]){__VA_ARGS__}, (int)(sizeof((bind[]){__VA_ARGS__}) / sizeof(bind)))

static const json_t *get(const json_t *o, const char *k) {
  return json_object_get(o, k);
}

typedef struct fund_ctx {
  dx_sqlite *s;
  sqlite3_int64 decl;
} fund_ctx;

static int add_fund(void *ctx, const char *source, const char *label, const char *horizon,
                    const json_t *f) {
  const fund_ctx *fc = ctx;
  return RUN(fc->s,
             "INSERT INTO funds(declaration, source, label, horizon, value, raw, confidence, "
             "flags) VALUES (?,?,?,?,?,?,?,?)",
             BI(fc->decl), BT(source), BT(label), BT(horizon), BJ('r', get(f, "value")),
             BJ('s', get(f, "raw")), BJ('r', get(f, "confidence")), BJ('j', get(f, "flags")));
}

static int add_declaration(dx_sqlite *s, sqlite3_int64 doc, int seq, const json_t *d) {
  const json_t *fields = get(d, "fields"), *origin = get(d, "origin");
  const json_t *unit = dx_rec_unit(d);
  int rc = RUN(s,
               "INSERT INTO declarations(document, seq, form, title, fiscal_year, unit, "
               "project_name, department, confidence, page_start, page_end, flags) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
               BI((sqlite3_int64)doc), BI((sqlite3_int64)seq), BJ('s', get(d, "form")),
               BJ('s', get(d, "title")), BJ('i', get(d, "fiscal_year")), BJ('s', unit),
               BJ('s', get(get(fields, "project_name"), "value")),
               BJ('s', get(get(fields, "department"), "value")), BJ('r', get(d, "confidence")),
               BJ('i', get(origin, "page_start")), BJ('i', get(origin, "page_end")),
               BJ('j', get(d, "flags")));
  if (rc != SQLITE_OK) return rc;
  sqlite3_int64 id = sqlite3_last_insert_rowid(s->db);
  const char *k;
  const json_t *f;
  json_object_foreach((json_t *)fields, k, f) {
    rc = RUN(s,
             "INSERT INTO fields(declaration, key, value, raw, confidence, flags) "
             "VALUES (?,?,?,?,?,?)",
             BI(id), BT(k), BJ('v', get(f, "value")), BJ('s', get(f, "raw")),
             BJ('r', get(f, "confidence")), BJ('j', get(f, "flags")));
    if (rc != SQLITE_OK) return rc;
  }
  fund_ctx fc = {s, id};
  rc = dx_rec_funds(d, add_fund, &fc);
  if (rc != SQLITE_OK) return rc;
  size_t i;
  const json_t *b;
  static const char *const lists[] = {"expenditure_items", "schedule", "work_plans",
                                      "summary_items"};
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) json_array_foreach(get(d, lists[l]), i, b) {
      rc = RUN(s, "INSERT INTO items(declaration, list, seq, json, confidence) VALUES (?,?,?,?,?)",
               BI(id), BT(lists[l]), BI((sqlite3_int64)i), BJ('j', b),
               BJ('r', get(b, "confidence")));
      if (rc != SQLITE_OK) return rc;
    }
  json_array_foreach(get(d, "indicators"), i, b) {
    const json_t *v = get(b, "value");
    rc = RUN(s,
             "INSERT INTO indicators(declaration, seq, horizon, level1, level2, level3, "
             "value_raw, value_kind, op, number, upper, unit, standard, confidence, flags) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
             BI(id), BI((sqlite3_int64)i), BJ('s', get(b, "horizon")), BJ('s', get(b, "level1")),
             BJ('s', get(b, "level2")), BJ('s', get(b, "level3")), BJ('s', get(v, "raw")),
             BJ('s', get(v, "kind")), BJ('s', get(v, "op")), BJ('r', get(v, "number")),
             BJ('r', get(v, "upper")), BJ('s', get(v, "unit")), BJ('s', get(b, "standard")),
             BJ('r', get(b, "confidence")), BJ('j', get(b, "flags")));
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int dx_sqlite_record(dx_sqlite *s, const char *record, char *err, size_t errlen) {
  json_error_t je;
  json_t *j = json_loads(record, 0, &je);
  if (!j) {
    g_snprintf(err, errlen, "not a JSON record: %s", je.text);
    return -1;
  }
  const json_t *src = get(j, "source"), *e = get(j, "error");
  const json_t *sha = get(src, "sha256");
  int rc = exec(s, "SAVEPOINT rec");
  /* the same document again replaces the old one (cascading to its rows) */
  if (rc == SQLITE_OK && sha)
    rc = RUN(s, "DELETE FROM documents WHERE sha256 = ?", BJ('s', sha));
  else if (rc == SQLITE_OK)
    rc = RUN(s, "DELETE FROM documents WHERE sha256 IS NULL AND file = ?",
             BJ('s', get(src, "file")));
  if (rc == SQLITE_OK)
    rc = RUN(s,
             "INSERT INTO documents(sha256, file, format, pages, error_code, error_message, json) "
             "VALUES (?,?,?,?,?,?,?)",
             BJ('s', sha), BJ('s', get(src, "file")), BJ('s', get(src, "format")),
             BJ('i', get(src, "pages")), BJ('s', get(e, "code")), BJ('s', get(e, "message")),
             BT(record));
  sqlite3_int64 doc = sqlite3_last_insert_rowid(s->db);
  size_t i;
  const json_t *d;
  json_array_foreach(get(j, "declarations"), i, d) {
    if (rc != SQLITE_OK) break;
    rc = add_declaration(s, doc, (int)i, d);
  }
  if (rc == SQLITE_OK) {
    rc = exec(s, "RELEASE rec");
  } else {
    g_snprintf(err, errlen, "%s", sqlite3_errmsg(s->db));
    exec(s, "ROLLBACK TO rec");
    exec(s, "RELEASE rec");
  }
  json_decref(j);
  if (rc == SQLITE_OK && ++s->pending >= COMMIT_EVERY) {
    exec(s, "COMMIT");
    exec(s, "BEGIN");
    s->pending = 0;
  }
  return rc == SQLITE_OK ? 0 : -1;
}

int dx_sqlite_close(dx_sqlite *s) {
  if (!s) return 0;
  int rc = exec(s, "COMMIT");
  rc |= sqlite3_close(s->db);
  g_free(s);
  return rc == SQLITE_OK ? 0 : -1;
}
