/* records.h — declx's JSON records as the writers (CSV, SQLite,
 * PostgreSQL) take them: each record read once (dx_rec_read) into one
 * flat view — its source, its declarations and, per declaration, its
 * fields, amounts, list entries and indicators — so that no writer walks
 * the contract's JSON itself. The view's values are the record's own
 * JSON values (borrowed from it: a number stays the integer or real the
 * record wrote, a corrected value whatever JSON the correction gave). */
#ifndef DX_RECORDS_H
#define DX_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <jansson.h>

/* A FIELD's parts (any may be NULL: absent). */
typedef struct dx_rec_value {
  const json_t *value, *raw, *confidence, *flags;
} dx_rec_value;

/* One field of a declaration, in the record's order. */
typedef struct dx_rec_field {
  const char *key;
  dx_rec_value f;
} dx_rec_field;

/* One amount of a declaration's funds: source "total" (label NULL) for
 * its totals (current_year_total ...), then each breakdown entry's
 * horizons; only those present and not null. */
typedef struct dx_rec_fund {
  const char *source, *label;
  char horizon[32]; /* prior_year, current_year, medium_term */
  dx_rec_value f;
} dx_rec_fund;

/* An entry of expenditure_items, schedule, work_plans or summary_items. */
typedef struct dx_rec_item {
  const char *list;
  int seq;
  const json_t *entry, *confidence;
} dx_rec_item;

typedef struct dx_rec_ind {
  int seq;
  const json_t *horizon, *level1, *level2, *level3;
  const json_t *raw, *kind, *op, *number, *upper, *unit; /* of its value */
  const json_t *standard, *confidence, *flags;
} dx_rec_ind;

typedef struct dx_rec_decl {
  int seq;
  const json_t *form, *title, *fiscal_year, *confidence, *page_start, *page_end, *flags;
  /* the unit it was filed by: filing_unit's value when the field is
   * there, else department's */
  const json_t *unit, *project_name, *department;
  GArray *fields, *funds, *items, *indicators; /* dx_rec_field, _fund, _item, _ind */
} dx_rec_decl;

typedef struct dx_rec {
  const char *text; /* the record as it came (borrowed) */
  json_t *root;
  const json_t *file, *sha256, *format, *pages;
  bool failed; /* an error record: error_code and error_message, no declarations */
  const json_t *error_code, *error_message;
  GArray *decls; /* dx_rec_decl */
} dx_rec;

/* Reads one record (text: one JSON Lines line, borrowed for the view's
 * life). NULL with err set when it is not JSON. */
dx_rec *dx_rec_read(const char *text, char *err, size_t errlen);
/* The same from the record already parsed (j: a reference is taken). */
dx_rec *dx_rec_of(const char *text, json_t *j);
void dx_rec_free(dx_rec *r);

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
typedef struct dx_rec_table {
  const char *name;
  const char *const *cols;    /* "name TYPE", NULL-terminated */
  const char *const *indexes; /* "name(col, ...)", NULL-terminated */
} dx_rec_table;
extern const dx_rec_table dx_tables[];
extern const int dx_ntables;

/* The DDL of the tables and indexes (CREATE ... IF NOT EXISTS), with the
 * type words turned into the database's by type(word, parent table). */
GString *dx_rec_ddl(const char *(*type)(const char *word, const char *parent, char *buf,
                                        size_t len));

/* Spreads one record over rows: forget its old copy, then documents,
 * declarations, fields, funds, items, indicators. */
int dx_rec_store(const dx_sink *sink, const dx_rec *r);

#endif
