/* pg_out.c — `declx batch -o postgresql://…`: records into PostgreSQL.
 *
 * The tables are the SQLite output's (records.c lays them out), with
 * PostgreSQL's types: BIGSERIAL keys, DOUBLE PRECISION, JSONB for the
 * JSON columns. A record is loaded as one pipeline (libpq's pipeline
 * mode: its statements sent without waiting for each answer) inside a
 * savepoint of the open transaction, so a failed record leaves nothing
 * behind; a child row takes its parent's id from the parent's sequence
 * (currval), which the session's own last insert set. The transaction
 * is committed every COMMIT_EVERY records and at the end.
 */
#include "pg_out.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "records.h"

/* Records per transaction. */
#define COMMIT_EVERY 200
/* Statements sent before their answers are read: the server's answers
 * must not fill the socket while the client is still sending. */
#define PIPELINE_MAX 256

struct dx_pg {
  PGconn *conn;
  int pending;         /* records in the open transaction */
  int sent;            /* statements sent since the last sync */
  char *error;         /* the first error of the pipeline */
  GHashTable *inserts; /* table -> its INSERT text */
};

bool dx_pg_is_uri(const char *out) {
  return out && (g_str_has_prefix(out, "postgresql://") || g_str_has_prefix(out, "postgres://"));
}

static const char *pg_type(const char *word, const char *parent, char *buf, size_t len) {
  if (strcmp(word, "ID") == 0) return "BIGSERIAL PRIMARY KEY";
  if (strcmp(word, "REF") == 0) {
    g_snprintf(buf, len, "BIGINT NOT NULL REFERENCES %s(id) ON DELETE CASCADE", parent);
    return buf;
  }
  if (strcmp(word, "INT") == 0) return "BIGINT";
  if (strcmp(word, "REAL") == 0) return "DOUBLE PRECISION";
  if (strcmp(word, "JSON") == 0) return "JSONB";
  return word; /* TEXT */
}

/* libpq's messages span lines; declx's errors are one line each. */
static char *one_line(const char *msg) {
  GString *s = g_string_new(NULL);
  for (const char *c = msg; *c; c++)
    if (!g_ascii_isspace(*c))
      g_string_append_c(s, *c);
    else if (s->len && s->str[s->len - 1] != ' ')
      g_string_append_c(s, ' ');
  if (s->len && s->str[s->len - 1] == ' ') g_string_truncate(s, s->len - 1);
  return g_string_free(s, FALSE);
}

/* The connection's last error as one line in err. */
static void conn_error(PGconn *c, char *err, size_t errlen) {
  char *m = one_line(PQerrorMessage(c));
  g_snprintf(err, errlen, "%s", m);
  g_free(m);
}

static void quiet(void *arg, const char *message) { /* NOTICEs ("already exists, skipping") */
  (void)arg;
  (void)message;
}

/* Runs sql outside the pipeline; false with err set when it fails. */
static bool run(PGconn *c, const char *sql, char *err, size_t errlen) {
  PGresult *r = PQexec(c, sql);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  if (!ok) conn_error(c, err, errlen);
  PQclear(r);
  return ok;
}

dx_pg *dx_pg_open(const char *uri, char *err, size_t errlen) {
  PGconn *c = PQconnectdb(uri);
  if (PQstatus(c) != CONNECTION_OK) {
    conn_error(c, err, errlen);
    PQfinish(c);
    return NULL;
  }
  PQsetNoticeProcessor(c, quiet, NULL);
  GString *ddl = dx_rec_ddl(pg_type);
  bool ok = PQsetClientEncoding(c, "UTF8") == 0 && run(c, ddl->str, err, errlen) &&
            run(c, "BEGIN", err, errlen);
  g_string_free(ddl, TRUE);
  if (!ok) {
    PQfinish(c);
    return NULL;
  }
  dx_pg *p = g_new0(dx_pg, 1);
  p->conn = c;
  p->inserts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  return p;
}

GHashTable *dx_pg_done(dx_pg *p) {
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  PGresult *r = PQexec(p->conn, "SELECT sha256 FROM documents WHERE sha256 IS NOT NULL");
  if (PQresultStatus(r) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples(r); i++) g_hash_table_add(set, g_strdup(PQgetvalue(r, i, 0)));
  PQclear(r);
  return set;
}

/* Sends one statement into the pipeline. */
static int pipe_send(dx_pg *p, const char *sql, int n, const char *const *values) {
  if (!PQsendQueryParams(p->conn, sql, n, NULL, values, NULL, NULL, 0)) {
    if (!p->error) p->error = one_line(PQerrorMessage(p->conn));
    return -1;
  }
  p->sent++;
  return 0;
}

/* Ends the pipeline's stretch with a sync and reads every answer; the
 * first error is kept in p->error. -1 when anything failed. */
static int sync_read(dx_pg *p) {
  bool ok = PQpipelineSync(p->conn) == 1;
  for (int i = 0; ok && i < p->sent; i++) {
    PGresult *r = PQgetResult(p->conn);
    if (!r) { /* the connection broke */
      ok = false;
      break;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && !p->error)
      p->error =
          st == PGRES_PIPELINE_ABORTED ? g_strdup("aborted") : one_line(PQresultErrorMessage(r));
    PQclear(r);
    PQclear(PQgetResult(p->conn)); /* the NULL after each statement's answer */
  }
  PGresult *r = ok ? PQgetResult(p->conn) : NULL;
  ok = ok && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
  PQclear(r);
  if (!ok && !p->error) p->error = one_line(PQerrorMessage(p->conn));
  p->sent = 0;
  return ok && !p->error ? 0 : -1;
}

static int forget(void *ctx, const char *sha256, const char *file) {
  dx_pg *p = ctx;
  const char *v[1] = {sha256 ? sha256 : file};
  return pipe_send(p,
                   sha256 ? "DELETE FROM documents WHERE sha256 = $1"
                          : "DELETE FROM documents WHERE sha256 IS NULL AND file = $1",
                   1, v);
}

/* The INSERT for a table: $k for each value, currval of the parent's
 * sequence for the parent column (always the first). */
static const char *insert_sql(dx_pg *p, const char *table, const char *const *cols, const dx_val *v,
                              int n) {
  const char *sql = g_hash_table_lookup(p->inserts, table);
  if (sql) return sql;
  GString *s = g_string_new(NULL);
  g_string_printf(s, "INSERT INTO %s(", table);
  for (int i = 0; i < n; i++) g_string_append_printf(s, "%s%s", i ? ", " : "", cols[i]);
  g_string_append(s, ") VALUES (");
  for (int i = 0, k = 1; i < n; i++) {
    if (i) g_string_append(s, ", ");
    if (v[i].kind == DX_PARENT)
      g_string_append_printf(s, "currval('%s_id_seq')", v[i].t);
    else
      g_string_append_printf(s, "$%d", k++);
  }
  g_string_append(s, ")");
  sql = g_string_free(s, FALSE);
  g_hash_table_insert(p->inserts, g_strdup(table), (char *)sql);
  return sql;
}

static int row(void *ctx, const char *table, const char *const *cols, const dx_val *v, int n) {
  dx_pg *p = ctx;
  const char *sql = insert_sql(p, table, cols, v, n);
  const char *values[16];
  char nums[16][32];
  int k = 0;
  for (int i = 0; i < n; i++) {
    switch (v[i].kind) {
    case DX_PARENT:
      continue; /* in the SQL */
    case DX_INT:
      g_snprintf(nums[k], sizeof nums[k], "%lld", v[i].i);
      values[k] = nums[k];
      break;
    case DX_REAL:
      g_snprintf(nums[k], sizeof nums[k], "%.17g", v[i].r);
      values[k] = nums[k];
      break;
    case DX_TEXT:
      values[k] = v[i].t;
      break;
    default:
      values[k] = NULL;
    }
    k++;
  }
  if (pipe_send(p, sql, k, values) != 0) return -1;
  return p->sent >= PIPELINE_MAX ? sync_read(p) : 0;
}

int dx_pg_record(dx_pg *p, const dx_rec *r, char *err, size_t errlen) {
  g_free(p->error);
  p->error = NULL;
  int rc = PQenterPipelineMode(p->conn) == 1 ? 0 : -1;
  dx_sink sink = {p, forget, row};
  if (rc == 0) rc = pipe_send(p, "SAVEPOINT rec", 0, NULL);
  /* the same document again replaces the old one (cascading to its rows) */
  if (rc == 0) rc = dx_rec_store(&sink, r);
  if (rc == 0) rc = pipe_send(p, "RELEASE SAVEPOINT rec", 0, NULL);
  if (sync_read(p) != 0) rc = -1;
  PQexitPipelineMode(p->conn);
  if (rc != 0) {
    if (p->error)
      g_snprintf(err, errlen, "%s", p->error);
    else
      conn_error(p->conn, err, errlen);
    char ignore[8];
    run(p->conn, "ROLLBACK TO SAVEPOINT rec", ignore, sizeof ignore);
    run(p->conn, "RELEASE SAVEPOINT rec", ignore, sizeof ignore);
    return -1;
  }
  if (++p->pending >= COMMIT_EVERY) {
    if (!run(p->conn, "COMMIT", err, errlen) || !run(p->conn, "BEGIN", err, errlen)) return -1;
    p->pending = 0;
  }
  return 0;
}

int dx_pg_close(dx_pg *p) {
  if (!p) return 0;
  char err[256];
  bool ok = run(p->conn, "COMMIT", err, sizeof err);
  if (!ok) fprintf(stderr, "declx: PostgreSQL: the last commit failed: %s\n", err);
  PQfinish(p->conn);
  g_hash_table_destroy(p->inserts);
  g_free(p->error);
  g_free(p);
  return ok ? 0 : -1;
}
