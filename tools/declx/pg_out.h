/* pg_out.h — batch records into PostgreSQL (libpq), the schema of the
 * SQLite output (README, "SQLite"): `declx batch -o postgresql://…`. */
#ifndef DX_PG_OUT_H
#define DX_PG_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "records.h"

typedef struct dx_pg dx_pg;

/* Whether an output names a PostgreSQL database (a postgresql:// or
 * postgres:// connection URI). */
bool dx_pg_is_uri(const char *out);
/* Connects, creates the schema when needed and starts a transaction.
 * NULL with err set on failure. */
dx_pg *dx_pg_open(const char *uri, char *err, size_t errlen);
/* The sha256 of every document in the database (for --resume). */
GHashTable *dx_pg_done(dx_pg *p);
/* Stores one record, replacing a document with the same sha256. 0, or
 * -1 with err set (the record's rows are rolled back). */
int dx_pg_record(dx_pg *p, const dx_rec *r, char *err, size_t errlen);
/* Commits and disconnects. 0, or -1. */
int dx_pg_close(dx_pg *p);

#endif
