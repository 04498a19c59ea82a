/* horizontal.c — a row of labels and values side by side ("项目名称 |
 * 驻京联络维稳工作组"), labels split over two cells, checkbox options
 * spread over a row, fund parts under the total labelled above them. */
#include "map_int.h"

#include <string.h>

static bool is_label_cell(ctx *x, const lcell *c) {
  if (!c || !*c->raw) return false;
  if (map_cell_label(x, c).cat != DX_CAT_NONE) return true;
  char *v = NULL;
  labelbuf lb;
  label l = map_split_inline(x, c->raw, &v, lb);
  g_free(v);
  return l.cat != DX_CAT_NONE;
}

static bool is_value_cell(ctx *x, const lcell *c) {
  return c->here && *c->raw && !is_label_cell(x, c);
}

static bool is_field_label_cell(ctx *x, const lcell *c) {
  return c->here && *c->raw && map_cell_label(x, c).cat == DX_CAT_FIELD;
}

/* Whether cell i of a row of label | value pairs stands where a label
 * stands: a value follows it, and a field's label and its value stand
 * after that or before it (主管部门 | 县政府办 | 项目起止时间 | 2023). */
static bool in_label_place(ctx *x, const lrow *r, int i) {
  if (i + 1 >= r->n || !is_value_cell(x, &r->cells[i + 1])) return false;
  if (i + 2 < r->n && is_field_label_cell(x, &r->cells[i + 2])) return true;
  return i >= 2 && is_value_cell(x, &r->cells[i - 1]) && is_field_label_cell(x, &r->cells[i - 2]);
}

/* Whether the cell reads "label: value" for the field l names: the text
 * before its colon is that field's label and text follows the colon. */
static bool holds_own_value(ctx *x, const lcell *c, label l) {
  char *v = NULL;
  labelbuf lb;
  label il = map_split_inline(x, c->raw, &v, lb);
  /* (a key's trailing colons are dropped: one left in it has text after it) */
  bool yes = il.cat == DX_CAT_FIELD && strcmp(il.key, l.key) == 0 && v && *v && strchr(c->key, ':');
  g_free(v);
  return yes;
}

/* Whether a scanned cell matched whole as field l's label with its seal
 * note ("填报单位 (盖章)") sets the note apart from the label by a gap OCR
 * read as a space: the field's label before the space, the note alone
 * after it. Set close after the label ("填报单位(盖章)", OCR reads no
 * space), the note is part of the label; a gap an em and more wide is
 * where a colon stood that a fax wore away ("填报单位：（盖章）"): the cell is
 * the label and its value, as holds_own_value. */
static bool note_after_gap(ctx *x, const lcell *c, label l) {
  if (!x->scanned || l.cat != DX_CAT_FIELD || !strchr(c->raw, ' ')) return false;
  char *v = NULL;
  labelbuf lb;
  label il = map_split_inline(x, c->raw, &v, lb);
  bool yes = il.cat == DX_CAT_FIELD && strcmp(il.key, l.key) == 0 && v && *v && !strchr(v, ' ');
  if (yes) {
    char *rest = dx_rules_strip(x->rs, DX_CAT_SEAL_NOTE, v, false);
    yes = strcmp(rest, v) != 0 && !*rest;
    g_free(rest);
  }
  g_free(v);
  return yes;
}

/* The fewest characters of a text that says the cell beside it is a
 * label's (a goal, an overview: sentences; a heading over a block has its
 * block's first row beside it, a header of short names). */
#define LONG_TEXT_MIN_CHARS 20

/* Whether cell i of a row has a long text beside it, over the same rows:
 * the place of a field's label. */
static bool beside_long_text(ctx *x, const lrow *r, int i) {
  if (i + 1 >= r->n) return false;
  const lcell *c = &r->cells[i], *next = &r->cells[i + 1];
  return is_value_cell(x, next) && next->c->rowspan == c->c->rowspan &&
         g_utf8_strlen(next->key, -1) >= LONG_TEXT_MIN_CHARS;
}

/* Longest half of a label split over two cells (项目 | 名称, 主管 | 部门). */
#define SPLIT_LABEL_MAX_CHARS 6

/* The money column of a fund source labelled at cell c: the column of the
 * fund total labelled above it in its grid column, in the rows of pairs
 * read just before (the current year's when none). A fund total labelled
 * at c heads that column; any other label ends what it headed. *kept is
 * set when the row goes on with such a block. */
static int part_column(ctx *x, const lcell *c, label l, bool *kept) {
  if (c->col < 0 || c->col >= (int)sizeof x->under_total) return COL_CURRENT;
  signed char *u = &x->under_total[c->col];
  if (l.cat == DX_CAT_FUND_TOTAL) {
    *u = (signed char)(map_money_col(l.key) + 1);
    *kept = true;
  } else if (l.cat == DX_CAT_FUND_SOURCE && *u) {
    *kept = true;
    return *u - 1;
  } else {
    *u = 0;
  }
  return COL_CURRENT;
}

void map_horizontal_row(ctx *x, const lrow *r) {
  /* the fund totals heading columns of parts hold while rows of pairs
   * follow one another */
  if (r->table != x->under_table || r->row != x->under_row + 1)
    memset(x->under_total, 0, sizeof x->under_total);
  bool kept = false;
  /* a 三公经费 block lasts while its label cell runs down the first column */
  if (r->n > 0 && r->cells[0].here && *r->cells[0].raw &&
      !map_cell_rule(x, &r->cells[0], DX_CAT_THREE_PUBLIC_CONTEXT))
    x->three_public = false;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !*c->raw) continue;
    if (map_cell_rule(x, c, DX_CAT_NOTES_HEADING)) continue; /* 填表说明：… in a cell */
    if (map_cell_rule(x, c, DX_CAT_THREE_PUBLIC_CONTEXT)) {
      x->three_public = true;
      continue;
    }
    label l = map_cell_label(x, c);
    /* a label matched approximately on its whole cell, though the cell
     * holds a colon with text after it ("填报单位：（盖章）", the cell's
     * key near the label once the note is dropped): the cell is a label
     * and its value, nothing of the next cell's */
    if (l.cat == DX_CAT_FIELD && l.fuzzy && holds_own_value(x, c, l)) l = (label){0};
    if (note_after_gap(x, c, l)) l = (label){0};
    if (l.cat == DX_CAT_NONE &&
        i + 2 < r->n) { /* a label split over two cells: 项目 | 名称 | value */
      const lcell *n2 = &r->cells[i + 1];
      if (n2->here && *n2->raw && g_utf8_strlen(c->key, -1) <= SPLIT_LABEL_MAX_CHARS &&
          g_utf8_strlen(n2->key, -1) <= SPLIT_LABEL_MAX_CHARS &&
          map_cell_label(x, n2).cat == DX_CAT_NONE) {
        char *joined = g_strconcat(c->key, n2->key, NULL);
        label j = map_classify(x, joined);
        g_free(joined);
        if (j.cat == DX_CAT_FIELD) {
          l = j;
          c = n2;
          i++;
        }
      }
    }
    /* on a scan, a label whose first characters OCR misread (全部门 for
     * 主管部门), known by its tail where a label stands */
    if (l.cat == DX_CAT_NONE && x->scanned && in_label_place(x, r, i))
      l = map_label_by_tail(x, c->key);
    /* ... and one a fax thinned characters out of (实期绩效标), where a
     * long text beside it says it is a label */
    if (l.cat == DX_CAT_NONE && x->scanned && beside_long_text(x, r, i))
      l = map_label_thinned(x, c->key);
    if (l.cat != DX_CAT_NONE) {
      const lcell *next = i + 1 < r->n ? &r->cells[i + 1] : NULL;
      /* a label spanning more rows than its neighbour heads a group of
       * rows ("项目概况" over 中长期规划, 资金管理办法 ...): not a field;
       * unless its cell runs on only because the rule under the label was
       * lost, into the block below */
      if (next && c->c->rowspan > 1 && next->c->rowspan < c->c->rowspan && next->here &&
          !l.run_together)
        continue;
      bool checkbox = l.cat == DX_CAT_FIELD && (strcmp(l.key, "project_attribute") == 0 ||
                                                strcmp(l.key, "project_type") == 0);
      if (checkbox) { /* options may be spread over the rest of the row */
        GString *s = g_string_new(NULL);
        const lcell *vc = NULL;
        int j = i + 1;
        for (; j < r->n && !is_label_cell(x, &r->cells[j]); j++) {
          if (!*r->cells[j].raw) continue;
          if (!vc) vc = &r->cells[j];
          if (s->len) g_string_append_c(s, ' ');
          g_string_append(s, r->cells[j].raw);
        }
        where w = map_where_cell(r, vc ? vc : next);
        map_assign(x, l, s->str, &w, COL_CURRENT);
        g_string_free(s, TRUE);
        i = j - 1;
        continue;
      }
      char *lab = map_label_text(x, l, c->raw);
      l.label = lab;
      int pc = part_column(x, c, l, &kept);
      if (next && !is_label_cell(x, next)) {
        where w = map_where_cell(r, next);
        map_assign(x, l, next->here ? next->raw : "", &w, pc);
        i++;
      } else {
        where w = map_where_cell(r, c);
        if (l.cat != DX_CAT_UNIT_NOTE) map_assign(x, l, "", &w, pc);
      }
      g_free(lab);
      continue;
    }
    where w = map_where_cell(r, c);
    if (map_pairs_in_text(x, c->raw, &w, true) >= 2) {
      map_pairs_in_text(x, c->raw, &w, false);
      continue;
    }
    char *v = NULL;
    labelbuf lb;
    label il = map_split_inline(x, c->raw, &v, lb);
    if (il.cat != DX_CAT_NONE) {
      int pc = part_column(x, c, il, &kept);
      if (il.cat == DX_CAT_FUND_SOURCE) {
        map_note_table(x, &w);
        map_add_money(x, il.key, il.label, pc, map_amount_field(x, v, &w),
                      strcmp(il.key, "total") == 0);
      } else {
        map_assign(x, il, v, &w, pc);
      }
    }
    g_free(v);
  }
  if (kept) {
    x->under_table = r->table;
    x->under_row = r->row;
  }
}
