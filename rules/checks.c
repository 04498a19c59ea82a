/* checks.c — the sum checks (contract: funds): the parts of each fund family,
 * the expenditure items and the summary items add up to their totals. */
#include "map_int.h"

#include <math.h>

static double field_number(const dx_field *f, bool *ok) {
  double v;
  *ok = dx_field_number(f, &v);
  return v;
}

/* Cross-checks (contract: funds): each family of parts adds up to its
 * total, per money column, within 0.01 万元. */
void map_check_sums(ctx *x, decl *d) {
  const dx_declaration *o = d->out;
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
        double v = field_number(o->totals[col], &ok);
        if (ok && fam != 4) {
          total = v;
          have_total = true;
        }
      }
      if (nparts > 0 && have_total && fabs(sum - total) > tol)
        map_decl_flag(x, d, "sum_mismatch:funds");
    }
    if (d->items_has_total[col]) {
      double sum = 0;
      int n = 0;
      for (size_t i = 0; i < o->items.n; i++) {
        bool ok;
        double v = field_number(o->items.v[i]->amount[col], &ok);
        if (ok) {
          sum += v;
          n++;
        }
      }
      if (n > 0 && fabs(sum - d->items_total[col]) > tol)
        map_decl_flag(x, d, "sum_mismatch:expenditure_items");
    }
  }
  if (d->summary_has_total && o->summary.n > 0) {
    double sum = 0;
    for (size_t i = 0; i < o->summary.n; i++) {
      bool ok;
      sum += field_number(o->summary.v[i]->amount, &ok);
    }
    if (fabs(sum - d->summary_total) > tol) map_decl_flag(x, d, "sum_mismatch:summary_items");
  }
}
