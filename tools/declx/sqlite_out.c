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

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

/* Records per transaction: one fsync per this many documents. */
#define COMMIT_EVERY 200

static const char *sqlite_type(const char *word, const char *parent, char *buf, size_t len) {
  if (strcmp(word, "ID") == 0) return "INTEGER PRIMARY KEY";
  if (strcmp(word, "REF") == 0) {
    g_snprintf(buf, len, "INTEGER NOT NULL REFERENCES %s(id) ON DELETE CASCADE", parent);
    return buf;
  }
  if (strcmp(word, "INT") == 0) return "INTEGER";
  if (strcmp(word, "JSON") == 0) return "TEXT";
  return word; /* REAL, TEXT */
}

struct dx_sqlite {
  sqlite3 *db;
  int pending;                       /* records in the open transaction */
  GHashTable *stmts;                 /* table -> its INSERT, prepared once */
  sqlite3_int64 last_doc, last_decl; /* parents' ids */
};

static void finalize(gpointer st) {
  sqlite3_finalize(st);
}

static int exec(dx_sqlite *s, const char *sql) {
  return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

dx_sqlite *dx_sqlite_open(const char *path, char *err, size_t errlen) {
  dx_sqlite *s = g_new0(dx_sqlite, 1);
  s->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, finalize);
  GString *ddl = dx_rec_ddl(sqlite_type);
  g_string_prepend(ddl, "PRAGMA foreign_keys = ON;\n");
  if (sqlite3_open(path, &s->db) != SQLITE_OK || exec(s, ddl->str) != SQLITE_OK ||
      exec(s, "BEGIN") != SQLITE_OK) {
    g_snprintf(err, errlen, "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
    sqlite3_close(s->db);
    g_hash_table_destroy(s->stmts);
    g_free(s);
    s = NULL;
  }
  g_string_free(ddl, TRUE);
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

static int forget(void *ctx, const char *sha256, const char *file) {
  dx_sqlite *s = ctx;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db,
                              sha256 ? "DELETE FROM documents WHERE sha256 = ?"
                                     : "DELETE FROM documents WHERE sha256 IS NULL AND file = ?",
                              -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(st, 1, sha256 ? sha256 : file, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  }
  sqlite3_finalize(st);
  return rc;
}

static int row(void *ctx, const char *table, const char *const *cols, const dx_val *v, int n) {
  dx_sqlite *s = ctx;
  sqlite3_stmt *st = g_hash_table_lookup(s->stmts, table);
  if (!st) {
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, "INSERT INTO %s(", table);
    for (int i = 0; i < n; i++) g_string_append_printf(sql, "%s%s", i ? ", " : "", cols[i]);
    g_string_append(sql, ") VALUES (");
    for (int i = 0; i < n; i++) g_string_append(sql, i ? ", ?" : "?");
    g_string_append(sql, ")");
    int rc = sqlite3_prepare_v2(s->db, sql->str, -1, &st, NULL);
    g_string_free(sql, TRUE);
    if (rc != SQLITE_OK) return rc;
    g_hash_table_insert(s->stmts, g_strdup(table), st);
  }
  sqlite3_reset(st);
  for (int i = 0; i < n; i++) {
    int k = i + 1;
    switch (v[i].kind) {
    case DX_INT:
      sqlite3_bind_int64(st, k, v[i].i);
      break;
    case DX_REAL:
      sqlite3_bind_double(st, k, v[i].r);
      break;
    case DX_TEXT:
      sqlite3_bind_text(st, k, v[i].t, -1, SQLITE_TRANSIENT);
      break;
    case DX_PARENT:
      sqlite3_bind_int64(st, k, strcmp(v[i].t, "documents") == 0 ? s->last_doc : s->last_decl);
      break;
    default:
      sqlite3_bind_null(st, k);
    }
  }
  if (sqlite3_step(st) != SQLITE_DONE) return SQLITE_ERROR;
  if (strcmp(table, "documents") == 0) s->last_doc = sqlite3_last_insert_rowid(s->db);
  if (strcmp(table, "declarations") == 0) s->last_decl = sqlite3_last_insert_rowid(s->db);
  return SQLITE_OK;
}

int dx_sqlite_record(dx_sqlite *s, const dx_rec *r, char *err, size_t errlen) {
  int rc = exec(s, "SAVEPOINT rec");
  dx_sink sink = {s, forget, row};
  /* the same document again replaces the old one (cascading to its rows) */
  if (rc == SQLITE_OK) rc = dx_rec_store(&sink, r);
  if (rc == SQLITE_OK) {
    rc = exec(s, "RELEASE rec");
  } else {
    g_snprintf(err, errlen, "%s", sqlite3_errmsg(s->db));
    exec(s, "ROLLBACK TO rec");
    exec(s, "RELEASE rec");
  }
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
  g_hash_table_destroy(s->stmts); /* finalizes the statements */
  rc |= sqlite3_close(s->db);
  g_free(s);
  return rc == SQLITE_OK ? 0 : -1;
}
