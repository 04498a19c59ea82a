/* sqlite_out.h — batch records into a SQLite database (README, "SQLite"). */
#ifndef DX_SQLITE_OUT_H
#define DX_SQLITE_OUT_H

#include <stddef.h>

#include <glib.h>

#include "records.h"

typedef struct dx_sqlite dx_sqlite;

/* Opens (creating the schema when needed) and starts a transaction.
 * NULL with err set on failure. */
dx_sqlite *dx_sqlite_open(const char *path, char *err, size_t errlen);
/* The sha256 of every document in the database (for --resume). */
GHashTable *dx_sqlite_done(dx_sqlite *s);
/* Stores one record (read by dx_rec_read), replacing a document
 * with the same sha256. 0, or -1 with err set. */
int dx_sqlite_record(dx_sqlite *s, const dx_rec *r, char *err, size_t errlen);
/* Commits and closes. 0, or -1. */
int dx_sqlite_close(dx_sqlite *s);

#endif
