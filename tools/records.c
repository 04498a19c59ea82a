/* records.c — see records.h. */
#include "records.h"

#include <string.h>

#include <glib.h>

const json_t *dx_rec_unit(const json_t *decl) {
  const json_t *fields = json_object_get(decl, "fields");
  const json_t *unit = json_object_get(json_object_get(fields, "filing_unit"), "value");
  return unit ? unit : json_object_get(json_object_get(fields, "department"), "value");
}

int dx_rec_funds(const json_t *decl, dx_fund_fn fn, void *ctx) {
  static const char *const horizons[] = {"prior_year", "current_year", "medium_term"};
  const json_t *funds = json_object_get(decl, "funds");
  const char *k;
  const json_t *f;
  int rc = 0;
  json_object_foreach((json_t *)funds, k, f) {
    if (strcmp(k, "breakdown") == 0 || !f || json_is_null(f)) continue;
    /* current_year_total and the like: a total of one horizon */
    char h[32];
    g_strlcpy(h, k, sizeof h);
    char *end = strstr(h, "_total");
    if (end) *end = 0;
    if ((rc = fn(ctx, "total", NULL, h, f)) != 0) return rc;
  }
  size_t i;
  const json_t *b;
  json_array_foreach(json_object_get(funds, "breakdown"), i, b) {
    for (size_t h = 0; h < G_N_ELEMENTS(horizons); h++) {
      const json_t *a = json_object_get(b, horizons[h]);
      if (!a || json_is_null(a)) continue;
      rc = fn(ctx, json_string_value(json_object_get(b, "source")),
              json_string_value(json_object_get(b, "label")), horizons[h], a);
      if (rc != 0) return rc;
    }
  }
  return 0;
}
