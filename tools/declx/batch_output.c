/* batch_output.c — where a batch's records go and what it says on
 * stderr. Records are written whole, one line each, in input order, to
 * JSON Lines or one of the writers (CSV, SQLite, PostgreSQL); each input
 * that failed is named with its message, a progress line is kept on a
 * terminal, and a summary ends the batch.
 */
#include "batch_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_out.h"
#include "pg_out.h"
#include "sqlite_out.h"

/* An output file whose name says SQLite (.sqlite, .sqlite3, .db). */
static bool is_sqlite(const char *path) {
  return path && (g_str_has_suffix(path, ".sqlite") || g_str_has_suffix(path, ".sqlite3") ||
                  g_str_has_suffix(path, ".db"));
}

/* --resume: the sha256 of every record already in the output file. */
static GHashTable *resume_set(const char *path) {
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "r") : NULL;
  if (!f) return set;
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *j = json_loads(line, 0, NULL);
    const char *sum = json_string_value(json_object_get(json_object_get(j, "source"), "sha256"));
    if (sum) g_hash_table_add(set, g_strdup(sum));
    json_decref(j);
  }
  free(line);
  fclose(f);
  return set;
}

int dx_batch_out_open(sinks *k, GHashTable **done, const batch_opts *o) {
  *k = (sinks){stdout, NULL, NULL, NULL};
  *done = NULL;
  int rc = 0;
  char e[256];
  if (o->out && g_str_has_suffix(o->out, ".csv")) {
    if (!(k->csv = dx_csv_open(o->out, o->bom, e, sizeof e))) {
      fprintf(stderr, "declx: cannot write: %s\n", e);
      rc = 1;
    }
  } else if (is_sqlite(o->out)) {
    if (!(k->db = dx_sqlite_open(o->out, e, sizeof e))) {
      fprintf(stderr, "declx: %s: cannot open the database: %s\n", o->out, e);
      rc = 1;
    } else if (o->resume) {
      *done = dx_sqlite_done(k->db);
    }
  } else if (dx_pg_is_uri(o->out)) {
    /* the URI may hold a password: the message names the database only */
    if (!(k->pg = dx_pg_open(o->out, e, sizeof e))) {
      fprintf(stderr, "declx: PostgreSQL: cannot open the database: %s\n", e);
      rc = 1;
    } else if (o->resume) {
      *done = dx_pg_done(k->pg);
    }
  } else if (o->resume) {
    *done = resume_set(o->out);
  }
  if (!rc && !k->db && !k->csv && !k->pg && o->out && strcmp(o->out, "-") != 0 &&
      !(k->out = fopen(o->out, o->resume ? "a" : "w"))) {
    fprintf(stderr, "declx: %s: cannot write: %s\n", o->out, strerror(errno));
    rc = 1;
  }
  return rc;
}

bool dx_batch_out_close(sinks *k) {
  bool ok = true;
  if (k->out != stdout && fclose(k->out) != 0) ok = false;
  if (k->db && dx_sqlite_close(k->db) != 0) ok = false;
  if (k->pg && dx_pg_close(k->pg) != 0) ok = false;
  if (k->csv && dx_csv_close(k->csv) != 0) ok = false;
  return ok;
}

/* ---- progress ---------------------------------------------------------------- */

static void count(tally *t, const char *key) {
  gpointer v = g_hash_table_lookup(t->by, key);
  g_hash_table_insert(t->by, g_strdup(key), GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
}

static void progress(const batch_opts *o, guint done, guint total, int failed, double t0) {
  if (o->quiet || !isatty(STDERR_FILENO)) return;
  double el = dx_batch_now() - t0, rate = el > 0 ? done / el : 0;
  double eta = rate > 0 ? (total - done) / rate : 0;
  fprintf(stderr, "\r\033[Kdeclx batch: %u/%u files, %.1f files/s, %d errors, ETA %.0f s", done,
          total, rate, failed, eta);
}

/* JSON Lines get the record's text as it is; the writers get it read
 * once into their view (records.h). */
bool dx_batch_out_reads(const sinks *k) {
  return k->csv || k->db || k->pg;
}

bool dx_batch_out_record(const sinks *k, const char *record, const dx_rec *r, char *e,
                         size_t e_size) {
  bool failed = false;
  if (dx_batch_out_reads(k)) {
    dx_rec *own = r ? NULL : dx_rec_read(record, e, e_size);
    if (own) r = own;
    if (!r)
      failed = true;
    else if (k->csv)
      failed = dx_csv_record(k->csv, r) != 0;
    else if (k->db)
      failed = dx_sqlite_record(k->db, r, e, e_size) != 0;
    else
      failed = dx_pg_record(k->pg, r, e, e_size) != 0;
    dx_rec_free(own);
  } else if (fputs(record, k->out) < 0 || fputc('\n', k->out) < 0 || fflush(k->out) != 0) {
    failed = g_strlcpy(e, strerror(errno), e_size) > 0;
  }
  return !failed;
}

/* A written record counted in t; an input that failed is named on
 * stderr with its message. */
static void tally_record(const batch_opts *o, const job *jb, const dx_rec *r, tally *t) {
  char key[48];
  if (jb->ok) {
    t->ok++;
    g_snprintf(key, sizeof key, "read %s", jb->format);
    t->low_conf += jb->low_conf;
  } else {
    t->failed++;
    g_snprintf(key, sizeof key, "failed %s", jb->err_code);
    if (!o->quiet) {
      const char *m = r ? json_string_value(r->error_message) : NULL;
      fprintf(stderr, "%sdeclx: %s: %s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "", jb->name,
              m ? m : "failed");
    }
  }
  count(t, key);
}

bool dx_batch_out_write(const batch_opts *o, job *jobs, guint n, guint *next_write, const sinks *k,
                        tally *t, double t0) {
  while (*next_write < n && jobs[*next_write].done) {
    job *jb = &jobs[*next_write];
    if (jb->skipped) {
      t->skipped++;
      (*next_write)++;
      continue;
    }
    char e[256] = "";
    /* read once, for the writers and a failure's message */
    dx_rec *r = dx_batch_out_reads(k) || !jb->ok ? dx_rec_read(jb->record, e, sizeof e) : NULL;
    if (!dx_batch_out_record(k, jb->record, r, e, sizeof e)) {
      dx_rec_free(r);
      fprintf(stderr, "declx: %s: cannot write the record of %s: %s\n",
              k->pg    ? "PostgreSQL"
              : o->out ? o->out
                       : "standard output",
              jb->name, e);
      return false;
    }
    tally_record(o, jb, r, t);
    dx_rec_free(r);
    g_free(jb->record);
    jb->record = NULL;
    (*next_write)++;
    progress(o, *next_write, n, t->failed, t0);
  }
  return true;
}

/* "docx 3, pdf 2" of the tally's keys that start with prefix ("read ",
 * "failed "), by name; "none" when there are none. */
static void counts_of(GString *s, const tally *t, const char *prefix) {
  GList *keys = g_list_sort(g_hash_table_get_keys(t->by), (GCompareFunc)strcmp);
  gsize start = s->len;
  for (GList *l = keys; l; l = l->next) {
    const char *k = l->data;
    if (!g_str_has_prefix(k, prefix)) continue;
    g_string_append_printf(s, "%s%s %d", s->len > start ? ", " : "", k + strlen(prefix),
                           GPOINTER_TO_INT(g_hash_table_lookup(t->by, k)));
  }
  if (s->len == start) g_string_append(s, "none");
  g_list_free(keys);
}

void dx_batch_summary(const batch_opts *o, const tally *t, guint n, double t0, bool interrupted) {
  if (o->quiet) return;
  if (isatty(STDERR_FILENO)) fputc('\n', stderr);
  /* the inputs read counted by their format, those that failed by why */
  GString *read = g_string_new(NULL), *failed = g_string_new(NULL);
  counts_of(read, t, "read ");
  counts_of(failed, t, "failed ");
  fprintf(stderr,
          "declx batch: %u inputs, %d read (%s), %d failed (%s), %d skipped (already in the "
          "output); %d declarations below 0.5 confidence; %.1f s%s\n",
          n, t->ok, read->str, t->failed, failed->str, t->skipped, t->low_conf, dx_batch_now() - t0,
          interrupted ? "; interrupted, the rest not read" : "");
  g_string_free(read, TRUE);
  g_string_free(failed, TRUE);
}
