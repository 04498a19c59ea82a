/* checks.c — the sum checks (contract: funds): the parts of each fund family,
 * the expenditure items and the summary items add up to their totals. */
#include "map_int.h"

#include <math.h>

static double field_number(const json_t *f, bool *ok) {
  const json_t *v = f ? json_object_get(f, "value") : NULL;
  *ok = v && json_is_number(v);
  return *ok ? json_number_value(v) : 0;
}

/* Cross-checks (contract: funds): each family of parts adds up to its
 * total, per money column, within 0.01 万元. */
void map_check_sums(decl *d) {
  const double tol = 0.01 + 1e-9;
  for (int col = 0; col < NCOLS_MONEY; col++) {
    for (int fam = 1; fam <= 4; fam++) {
      double sum = 0, total = 0;
      int nparts = 0;
      bool have_total = false;
      for (guint i = 0; i < d->bk->len; i++) {
        bentry *b = g_ptr_array_index(d->bk, i);
        bool ok;
        double v = field_number(b->f[col], &ok);
        bool fam_total =
            b->is_total && (b->family == fam || (fam != 4 && b->family == 0 && !have_total));
        if (b->family == fam && !b->is_total && ok) {
          sum += v;
          nparts++;
        } else if (fam_total && ok && !have_total) {
          /* a family total: the first total of the block holding parts */
          bool block_has_parts = false;
          for (guint k = 0; k < d->bk->len; k++) {
            bentry *e = g_ptr_array_index(d->bk, k);
            if (e->group == b->group && e->family == fam && !e->is_total) block_has_parts = true;
          }
          if (block_has_parts) {
            total = v;
            have_total = true;
          }
        }
      }
      if (!have_total) {
        bool ok;
        double v = field_number(d->totals[col], &ok);
        if (ok && fam != 4) {
          total = v;
          have_total = true;
        }
      }
      if (nparts > 0 && have_total && fabs(sum - total) > tol)
        map_decl_flag(d, "sum_mismatch:funds");
    }
    if (d->items_has_total[col]) {
      double sum = 0;
      int n = 0;
      size_t i;
      json_t *e;
      json_array_foreach(d->items, i, e) {
        bool ok;
        double v = field_number(json_object_get(e, MONEY_KEYS[col]), &ok);
        if (ok) {
          sum += v;
          n++;
        }
      }
      if (n > 0 && fabs(sum - d->items_total[col]) > tol)
        map_decl_flag(d, "sum_mismatch:expenditure_items");
    }
  }
  if (d->summary_has_total && json_array_size(d->summary) > 0) {
    double sum = 0;
    size_t i;
    json_t *e;
    json_array_foreach(d->summary, i, e) {
      bool ok;
      sum += field_number(json_object_get(e, "amount"), &ok);
    }
    if (fabs(sum - d->summary_total) > tol) map_decl_flag(d, "sum_mismatch:summary_items");
  }
}
