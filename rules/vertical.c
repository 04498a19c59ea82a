/* vertical.c — a vertical header: a row of labels only, whose values stand in
 * the row below (and fund parts inline in the rows after it). */
#include "map_int.h"

#include <string.h>

/* A row of labels only (after an optional heading cell): values below. */
bool map_try_vertical_header(ctx *x, const lrow *r) {
  vhead vh[MAXV];
  bool fuzzy[MAXV];
  int n = 0, others = 0;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !*c->raw) continue;
    label l = map_cell_label(x, c);
    const char *colk = map_cell_rule(x, c, DX_CAT_FUND_COLUMN);
    /* "其他资金：" asks for a value after its colon: a value row, not a header */
    char *folded = dx_text_fold(c->raw);
    bool asks = g_str_has_suffix(g_strchomp(folded), ":");
    g_free(folded);
    if (asks) {
      others += 2;
    } else if (l.cat != DX_CAT_NONE && l.cat != DX_CAT_UNIT_NOTE && n < MAXV) {
      /* a label repeated along the row ("其他资金 | 其他资金") pairs
       * labels with values; a vertical header names each column once.
       * Labels OCR misread ("其中财政拨款次 | 其:财政拨款") repeat one
       * label when they match the same rule. */
      char *lab = map_label_text(x, l, c->raw); /* a misread one as its rule writes it */
      for (int k = 0; k < n; k++)
        if (strcmp(vh[k].label, lab) == 0 ||
            ((l.fuzzy || fuzzy[k]) && vh[k].cat == l.cat && g_strcmp0(vh[k].key, l.key) == 0))
          others += 2;
      fuzzy[n] = l.fuzzy;
      vh[n++] = (vhead){c->col, c->span, l.cat, l.key, lab};
    } else if (colk && n < MAXV) {
      fuzzy[n] = false;
      vh[n++] = (vhead){c->col, c->span, DX_CAT_FUND_COLUMN, colk, map_money_label(x, c->raw)};
    } else {
      others++;
    }
  }
  bool first_is_heading = others <= 1;
  if (n >= 2 && first_is_heading &&
      others == (r->n > 0 && map_cell_label(x, &r->cells[0]).cat == DX_CAT_NONE ? others : 0)) {
    for (int i = 0; i < x->nvh; i++) g_free(x->vh[i].label);
    memcpy(x->vh, vh, sizeof vh[0] * (size_t)n);
    x->nvh = n;
    x->mode = M_VERT;
    x->vert_rows = 0;
    x->group++;
    return true;
  }
  for (int i = 0; i < n; i++) g_free(vh[i].label);
  return false;
}

void map_vert_row(ctx *x, const lrow *r) {
  bool any_inline = false;
  for (int i = 0; i < x->nvh; i++) {
    vhead *h = &x->vh[i];
    const lcell *c = NULL;
    for (int k = 0; k < r->n; k++)
      if (r->cells[k].here && r->cells[k].col >= h->col && r->cells[k].col < h->col + h->span) {
        c = &r->cells[k];
        break;
      }
    where w = map_where_cell(r, c);
    const char *raw = c ? c->raw : "";
    char *v = NULL;
    labelbuf lb;
    label il = *raw ? map_split_inline(x, raw, &v, lb) : (label){0};
    if (il.cat == DX_CAT_FUND_SOURCE) {
      /* "其中：财政拨款：457.5" under 中长期资金总额: a part of that column */
      int col = h->cat == DX_CAT_FUND_TOTAL || h->cat == DX_CAT_FUND_COLUMN ? map_money_col(h->key)
                                                                            : COL_CURRENT;
      map_note_table(x, &w);
      if (x->vert_rows == 0 && h->cat == DX_CAT_FUND_TOTAL)
        map_set_total(x, col, map_amount_field(x, "", &w)); /* named, not stated */
      map_add_money(x, il.key, il.label, col, map_amount_field(x, v, &w),
                    strcmp(il.key, "total") == 0);
      any_inline = true;
      g_free(v);
      continue;
    }
    g_free(v);
    if (x->vert_rows > 0) continue; /* only inline parts continue a block */
    map_note_table(x, &w);
    if (h->cat == DX_CAT_FIELD) {
      map_set_field(x, map_field_index(h->key),
                    map_make_field(x, map_field_index(h->key), raw, &w));
    } else if (h->cat == DX_CAT_FUND_TOTAL || h->cat == DX_CAT_FUND_COLUMN) {
      map_set_total(x, map_money_col(h->key), map_amount_field(x, raw, &w));
    } else if (h->cat == DX_CAT_FUND_SOURCE) {
      const char *src = h->key;
      bool total = strcmp(src, "total") == 0;
      if (x->three_public) {
        src = "three_public";
      }
      dx_field *f = map_amount_field(x, raw, &w);
      if (total && !x->three_public && !map_cur_decl(x)->out->totals[COL_CURRENT])
        map_set_total(x, COL_CURRENT, f);
      map_add_money(x, src, h->label, COL_CURRENT, f, total);
    }
  }
  x->vert_rows++;
  if (x->vert_rows > 1 && !any_inline) x->mode = M_NONE;
  if (x->vert_rows == 1 && !any_inline) {
    x->mode = M_NONE;
    x->three_public = false;
  }
}
