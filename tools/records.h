/* records.h — reading declx's JSON records for the batch writers (CSV,
 * SQLite): the parts both spread over rows the same way. */
#ifndef DX_RECORDS_H
#define DX_RECORDS_H

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

#endif
