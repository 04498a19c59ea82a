/* csv_out.h — batch records as CSV files (README, "Batches"). */
#ifndef DX_CSV_OUT_H
#define DX_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "records.h"

typedef struct dx_csv dx_csv;

/* Opens NAME.declarations.csv, NAME.indicators.csv and NAME.funds.csv for
 * path NAME.csv, writing their headers (after a UTF-8 byte-order mark
 * with bom). NULL with err set on failure. */
dx_csv *dx_csv_open(const char *path, bool bom, char *err, size_t errlen);
/* Writes one record's rows. 0, or -1 when a write failed. */
int dx_csv_record(dx_csv *c, const dx_rec *r);
/* Closes the files. 0, or -1 when a write failed. */
int dx_csv_close(dx_csv *c);

#endif
