/* records.h — reading declx's JSON records for the batch writers (CSV,
 * SQLite): the parts both spread over rows the same way. */
#ifndef DX_RECORDS_H
#define DX_RECORDS_H

#include <glib.h>
#include <jansson.h>

/* The unit a declaration was filed by: its filing_unit, else its
 * department (borrowed, or NULL). */
const json_t *dx_rec_unit(const json_t *decl);

/* Receives one amount of a declaration's funds: source ("total" for a
 * total, else the breakdown entry's), label (NULL for totals), horizon
 * (prior_year, current_year, medium_term) and the FIELD. A non-zero
 * return stops the walk. */
typedef int (*dx_fund_fn)(void *ctx, const char *source, const char *label, const char *horizon,
                          const json_t *amount);

/* Calls fn for every amount present (not null) in decl's funds: the
 * totals (current_year_total ...), then each breakdown entry's horizons.
 * Returns the first non-zero value fn returned, else 0. */
int dx_rec_funds(const json_t *decl, dx_fund_fn fn, void *ctx);

/* ---- records as database rows (SQLite, PostgreSQL) ------------------------ */

/* One column value of a row: SQL NULL, an integer, a real, text (owned by
 * the record being stored; valid during the call), or the id of the row
 * last inserted into table `t` (its parent: a document or a declaration). */
typedef struct dx_val {
  enum { DX_NULL, DX_INT, DX_REAL, DX_TEXT, DX_PARENT } kind;
  long long i;
  double r;
  const char *t;
} dx_val;

/* Where rows go. Each callback returns 0, or non-zero to stop. */
typedef struct dx_sink {
  void *ctx;
  /* drops the document stored before with this sha256 (NULL: the failed
   * input with this file name and no sha256) and its rows */
  int (*forget)(void *ctx, const char *sha256, const char *file);
  /* inserts one row of n columns into table */
  int (*row)(void *ctx, const char *table, const char *const *cols, const dx_val *vals, int n);
} dx_sink;

/* The tables' layout, for the sinks' DDL (README, "SQLite"). Type words
 * are ID (the table's own key), REF:table (a parent's id, rows deleted
 * with it), INT, REAL, TEXT, JSON, and UNIQUE after a type. */
typedef struct dx_table {
  const char *name;
  const char *const *cols;    /* "name TYPE", NULL-terminated */
  const char *const *indexes; /* "name(col, ...)", NULL-terminated */
} dx_table;
extern const dx_table dx_tables[];
extern const int dx_ntables;

/* The DDL of the tables and indexes (CREATE ... IF NOT EXISTS), with the
 * type words turned into the database's by type(word, parent table). */
GString *dx_rec_ddl(const char *(*type)(const char *word, const char *parent, char *buf,
                                        size_t len));

/* Spreads one record (text and parsed) over rows: forget its old copy,
 * then documents, declarations, fields, funds, items, indicators. */
int dx_rec_store(const dx_sink *sink, const char *text, const json_t *record);

#endif
