/* lists.c — lists under a heading row: money (one list, or two side by side),
 * expenditure items, schedule, work plans, summary items; their 合计 rows
 * kept for the sum checks. */
#include "map_int.h"

#include <math.h>
#include <string.h>

/* Columns of a list heading that say their amounts are in 元. */
static uint64_t yuan_columns(ctx *x, const lrow *r) {
  uint64_t m = 0;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !map_cell_rule(x, c, DX_CAT_YUAN_MARKER)) continue;
    for (int k = c->col; k < c->col + c->span && k < 64; k++) m |= (uint64_t)1 << k;
  }
  return m;
}

static bool try_section_header_cols(ctx *x, const lrow *r);

/* A list heading row; notes whether a heading cell runs down column 0
 * beside the list (年度重点工作计划 | 事项 | …): the list ends where that
 * column has a new cell. */
bool map_try_section_header(ctx *x, const lrow *r) {
  if (!try_section_header_cols(x, r)) return false;
  const lcell *c0 = r->n > 0 ? &r->cells[0] : NULL;
  bool role_in_col0 = false;
  for (int i = 0; i < NROLES; i++)
    if (x->cols[i] == 0) role_in_col0 = true;
  x->list_headed = c0 && c0->col == 0 && !role_in_col0 && (!c0->here || c0->c->rowspan > 1);
  return true;
}

/* A money list in two halves side by side, each a name column with its
 * amount columns after it (收入: 项目 | 金额 beside 支出: 项目 | 金额; 资金来源 |
 * 中长期资金总额 beside 资金来源 | 年度资金总额): c keeps the first half's
 * columns, c2 gets the second's. False (c unchanged) for one list. */
static bool money_halves(ctx *x, const lrow *r, int c[NROLES], int c2[NROLES]) {
  int name2 = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "name", c[R_NAME]);
  if (name2 < 0) return false;
  int first[NROLES], second[NROLES];
  bool in_first = false, in_second = false;
  for (int i = 0; i < NROLES; i++) first[i] = second[i] = -1;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    const char *key = MONEY_KEYS[role - R_PRIOR];
    int a = map_find_role(x, r, DX_CAT_FUND_COLUMN, key, c[R_NAME]);
    first[role] = a < name2 ? a : -1;
    second[role] = map_find_role(x, r, DX_CAT_FUND_COLUMN, key, name2);
    in_first |= first[role] >= 0;
    in_second |= second[role] >= 0;
  }
  if (!in_first || !in_second) return false;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) c[role] = first[role];
  second[R_NAME] = name2;
  memcpy(c2, second, sizeof second);
  return true;
}

/* On a scan, an items heading whose name heading OCR lost (项目 read as
 * nothing): the nearest blank cell left of its first amount column, or
 * -1. */
static int blank_name_column(const lrow *r, const int c[NROLES]) {
  int first = -1, col = -1;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++)
    if (c[role] >= 0 && (first < 0 || c[role] < first)) first = c[role];
  for (int i = 0; i < r->n; i++) {
    const lcell *cell = &r->cells[i];
    if (cell->here && cell->col + cell->span <= first && !*cell->raw) col = cell->col;
  }
  return col;
}

/* On a scan, a schedule heading whose start heading OCR misread past
 * near-matching (J1始时间: a fax's 开 read as two characters): the one
 * cell between the content heading's and the end heading's, or -1. */
static int between_column(const lrow *r, int content, int end) {
  int col = -1, n = 0;
  for (int i = 0; i < r->n; i++) {
    const lcell *cell = &r->cells[i];
    if (cell->here && cell->col > content && cell->col + cell->span <= end) {
      col = cell->col;
      n++;
    }
  }
  return n == 1 ? col : -1;
}

/* On a scan, a work plans heading whose item heading OCR lost past
 * near-matching (事项 read "项": a fax lost the thin strokes of 事): the
 * one cell between the row's first (the block's own heading, 年度重点工作
 * 计划) and the owner heading left of the goal heading, or -1. */
static int plans_item_between(ctx *x, const lrow *r, int goal) {
  int owner = map_find_role(x, r, DX_CAT_PLANS_HEADER, "owner", -1);
  if (owner < 0 || owner >= goal) return -1;
  return between_column(r, r->cells[0].col, owner);
}

static bool try_section_header_cols(ctx *x, const lrow *r) {
  int c[NROLES];
  for (int i = 0; i < NROLES; i++) c[i] = -1;
  c[R_START] = map_find_role(x, r, DX_CAT_SCHEDULE_HEADER, "start", -1);
  c[R_END] = map_find_role(x, r, DX_CAT_SCHEDULE_HEADER, "end", -1);
  if (c[R_START] < 0 && c[R_END] >= 0 && x->scanned) {
    int content = map_find_role(x, r, DX_CAT_SCHEDULE_HEADER, "content", -1);
    if (content >= 0 && content < c[R_END]) c[R_START] = between_column(r, content, c[R_END]);
  }
  if (c[R_START] >= 0 && c[R_END] >= 0) {
    c[R_CONTENT] = map_find_role(x, r, DX_CAT_SCHEDULE_HEADER, "content", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_SCHED;
    return true;
  }
  c[R_ITEM] = map_find_role(x, r, DX_CAT_PLANS_HEADER, "item", -1);
  c[R_GOAL] = map_find_role(x, r, DX_CAT_PLANS_HEADER, "goal", -1);
  if (c[R_ITEM] < 0 && c[R_GOAL] >= 0 && x->scanned && r->n > 0)
    c[R_ITEM] = plans_item_between(x, r, c[R_GOAL]);
  if (c[R_ITEM] >= 0 && c[R_GOAL] >= 0) {
    c[R_OWNER] = map_find_role(x, r, DX_CAT_PLANS_HEADER, "owner", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_PLANS;
    map_cur_decl(x)->dept_hint = true;
    return true;
  }
  c[R_SEQ] = map_find_role(x, r, DX_CAT_SUMMARY_HEADER, "seq", -1);
  c[R_NAME] = map_find_role(x, r, DX_CAT_SUMMARY_HEADER, "name", -1);
  c[R_AMOUNT] = map_find_role(x, r, DX_CAT_SUMMARY_HEADER, "amount", -1);
  if (c[R_SEQ] >= 0 && c[R_NAME] >= 0 && c[R_AMOUNT] >= 0) {
    c[R_LT] = map_find_role(x, r, DX_CAT_SUMMARY_HEADER, "long_term_goal", -1);
    c[R_AN] = map_find_role(x, r, DX_CAT_SUMMARY_HEADER, "annual_goal", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_SUMMARY;
    x->yuan_cols = yuan_columns(x, r);
    return true;
  }
  for (int i = 0; i < NROLES; i++) c[i] = -1;
  c[R_NAME] = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "name", -1);
  c[R_BASIS] = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "basis", -1);
  c[R_DETAIL] = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "detail", -1);
  c[R_PRIOR] = map_find_role(x, r, DX_CAT_FUND_COLUMN, "prior_year", -1);
  c[R_CURRENT] = map_find_role(x, r, DX_CAT_FUND_COLUMN, "current_year", -1);
  c[R_MEDIUM] = map_find_role(x, r, DX_CAT_FUND_COLUMN, "medium_term", -1);
  bool money = c[R_PRIOR] >= 0 || c[R_CURRENT] >= 0 || c[R_MEDIUM] >= 0;
  if (c[R_NAME] < 0 && c[R_DETAIL] >= 0) c[R_NAME] = c[R_DETAIL];
  if (c[R_NAME] < 0 && money && c[R_BASIS] >= 0 && x->scanned) c[R_NAME] = blank_name_column(r, c);
  if (money && c[R_NAME] >= 0) {
    bool items = c[R_BASIS] >= 0 || c[R_DETAIL] >= 0;
    x->halves = !items && money_halves(x, r, c, x->cols2);
    memcpy(x->cols, c, sizeof c);
    x->yuan_cols = yuan_columns(x, r);
    x->mode = items ? M_ITEMS : M_MONEY;
    x->group++;
    return true;
  }
  return false;
}

bool map_money_heading_cols(ctx *x, const lrow *r, int c[NROLES]) {
  for (int i = 0; i < NROLES; i++) c[i] = -1;
  c[R_NAME] = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "name", -1);
  if (c[R_NAME] < 0) c[R_NAME] = map_find_role(x, r, DX_CAT_ITEMS_HEADER, "detail", -1);
  bool money = false;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    c[role] = map_find_role(x, r, DX_CAT_FUND_COLUMN, MONEY_KEYS[role - R_PRIOR], c[R_NAME]);
    money |= c[role] >= 0;
  }
  return money && c[R_NAME] >= 0;
}

/* Money columns a fund source row needs to be read in its table's money
 * columns without a heading of its own: with one column, which it is is
 * no question (the row's pairs read it as the current year's). */
#define HEADLESS_MIN_MONEY_COLS 2

/* The fax's header line printed over a money list's heading row leaves
 * its headings unreadable ("度安排资金" for 上年度安排资金), and the fund
 * source rows under it would be read as label | value pairs, the first
 * amount taken for the current year's. The money heading the table has
 * further down (支出明细: 项目 | 上年度安排资金 | 本年度申请资金) names
 * the columns the form's money lists share: a fund source row above it,
 * in its name column, with amounts (or nothing) in each of its money
 * columns, opens a money list in those columns. */
bool map_try_headless_money(ctx *x, const lrow *r) {
  const int *c = x->table_money;
  if (!x->scanned || x->mode != M_NONE || x->table_money_row < 0 || r->table != x->table ||
      r->holder_col >= 0 || r->row >= x->table_money_row)
    return false;
  const lcell *nc = map_cell_at(r, c[R_NAME]);
  if (!nc || !nc->here || nc->col != c[R_NAME] || !*nc->raw ||
      map_cell_label(x, nc).cat != DX_CAT_FUND_SOURCE)
    return false;
  int ncols = 0;
  bool any = false;
  const lcell *prev = nc;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    if (c[role] < 0) continue;
    const lcell *vc = map_cell_at(r, c[role]);
    if (!vc || !vc->here || vc->col != c[role] || vc == prev) return false;
    prev = vc;
    double v;
    int unit;
    if (*vc->raw && !dx_amount_parse(&v, &unit, dx_rules_lexicon(x->rs), vc->raw)) return false;
    any |= *vc->raw != '\0';
    ncols++;
  }
  if (!any || ncols < HEADLESS_MIN_MONEY_COLS) return false;
  for (int i = 0; i < NROLES; i++) x->cols[i] = -1;
  x->cols[R_NAME] = c[R_NAME];
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) x->cols[role] = c[role];
  x->halves = false;
  x->yuan_cols = 0;
  x->list_headed = false;
  x->mode = M_MONEY;
  x->group++;
  return true;
}

/* A name that is only a number ("2", "3、") carries no item. */
static bool only_numbering(ctx *x, const char *raw, char **name_out) {
  char *s = dx_rules_strip(x->rs, DX_CAT_NUMBERING, raw, false);
  char *k = dx_label_key(s);
  bool digits = true;
  for (const char *p = k; *p; p++)
    if (!g_ascii_isdigit(*p)) digits = false;
  bool only = !*k || digits;
  *name_out = only ? NULL : g_strstrip(s);
  if (only) g_free(s);
  g_free(k);
  return only;
}

/* One half of a money list's row (the whole row when it has one). The
 * 合计 of a list in two halves (收入合计, 支出合计) totals its half: a
 * breakdown entry, not the form's total. */
static void money_half(ctx *x, const lrow *r, const int *cols) {
  const char *name = map_text_here(r, cols[R_NAME]);
  if (!*name) return;
  const lcell *nc = map_cell_at(r, cols[R_NAME]);
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  /* on a scan, a source OCR misread (具级资企 is 县级资金) or whose first
   * character it lost (计 of 合计) */
  label near = !src && x->scanned ? map_classify(x, k) : (label){0};
  if (near.cat != DX_CAT_FUND_SOURCE || !near.fuzzy || !near.near) {
    near = (label){0};
    if (!src) near = map_source_first_lost(x, k);
  }
  if (near.cat == DX_CAT_FUND_SOURCE) src = near.key;
  g_free(k);
  if (!src) src = "unknown";
  bool total = strcmp(src, "total") == 0;
  char *lab = near.near ? g_strdup(near.near) : map_money_label(x, name);
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    if (cols[role] < 0) continue;
    const lcell *vc = map_cell_at(r, cols[role]);
    where w = map_where_cell(r, vc ? vc : nc);
    map_note_table(x, &w);
    dx_field *f = map_amount_field(x, map_text_here(r, cols[role]), &w);
    if (near.near) {
      map_field_flag(x, f, "label_fuzzy");
      dx_field_conf(f, CONF_FUZZY);
    }
    int col = role - R_PRIOR;
    if (total && !x->halves) map_set_total(x, col, f); /* a total and an entry: one FIELD */
    map_add_money(x, src, lab, col, f, total);
  }
  g_free(lab);
}

void map_money_row(ctx *x, const lrow *r) {
  money_half(x, r, x->cols);
  if (x->halves) money_half(x, r, x->cols2);
}

void map_items_row(ctx *x, const lrow *r) {
  decl *d = map_cur_decl(x);
  const char *name = map_text_here(r, x->cols[R_NAME]);
  const lcell *nc = map_cell_at(r, x->cols[R_NAME]);
  int amount_roles[NCOLS_MONEY] = {x->cols[R_PRIOR], x->cols[R_CURRENT], x->cols[R_MEDIUM]};
  bool any_amount = false;
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (amount_roles[i] >= 0 && *map_text_here(r, amount_roles[i])) any_amount = true;
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  if (!src) src = map_source_first_lost(x, k).key; /* 计 of 合计 on a scan */
  g_free(k);
  if (src && strcmp(src, "total") == 0) {
    for (int i = 0; i < NCOLS_MONEY; i++)
      if (amount_roles[i] >= 0)
        d->items_has_total[i] =
            map_total_amount(x, amount_roles[i], map_text_here(r, amount_roles[i]),
                             &d->items_total[i], &d->items_total_unitless[i]);
    return;
  }
  char *clean = NULL;
  bool numbered_only = only_numbering(x, name, &clean);
  if (numbered_only && !any_amount) return; /* placeholder row "2", "3" */
  const char *basis = map_text_here(r, x->cols[R_BASIS]);
  if (!*name && !any_amount && !*basis) {
    g_free(clean);
    return;
  }
  where w = map_where_cell(r, nc ? nc : map_first_here(r));
  map_note_table(x, &w);
  dx_item *e = dx_record_alloc(x->rec, sizeof *e);
  e->name = map_str(x, clean);
  for (int i = 0; i < NCOLS_MONEY; i++) {
    if (amount_roles[i] < 0) continue;
    const lcell *vc = map_cell_at(r, amount_roles[i]);
    where vw = map_where_cell(r, vc);
    e->amount[i] = map_amount_field(x, map_text_here(r, amount_roles[i]), &vw);
  }
  e->basis = map_str(x, basis);
  map_entry_finish(x, &e->m, numbered_only ? CONF_EXACT * 0.95 : CONF_EXACT, &w);
  DX_LIST_PUSH(x->rec, d->out->items, e);
  d->content++;
  g_free(clean);
}

/* A totals row's label as OCR leaves it (合计 read 让): few characters. */
#define TOTAL_NAME_MAX_CHARS 4
/* Amounts equal within this (万元), as the sum checks take them. */
#define SUM_TOLERANCE (0.01 + 1e-9)

/* Whether item t of d's items is their total: in each money column where
 * it and some other item have a number, its number is the others' sum,
 * and in one at least that sum is not zero. */
static bool items_sum_to(const dx_declaration *o, size_t t) {
  int matched = 0;
  for (int col = 0; col < NCOLS_MONEY; col++) {
    double total, sum = 0, v;
    if (!dx_field_number(o->items.v[t]->amount[col], &total)) continue;
    int parts = 0;
    for (size_t i = 0; i < o->items.n; i++)
      if (i != t && dx_field_number(o->items.v[i]->amount[col], &v)) {
        sum += v;
        parts++;
      }
    if (parts == 0) continue;
    if (fabs(sum - total) > SUM_TOLERANCE) return false;
    matched += fabs(total) > SUM_TOLERANCE;
  }
  return matched > 0;
}

void map_items_total_by_sum(ctx *x, decl *d) {
  dx_declaration *o = d->out;
  if (!x->scanned || o->items.n < 2) return;
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (d->items_has_total[i]) return;
  /* the total stands first under the heading or last; when both ends
   * could be it (two items of one amount), neither is taken */
  size_t ends[2] = {0, o->items.n - 1};
  bool can[2];
  for (int e = 0; e < 2; e++) {
    const dx_item *it = o->items.v[ends[e]];
    can[e] = !(it->name && g_utf8_strlen(it->name, -1) > TOTAL_NAME_MAX_CHARS) &&
             items_sum_to(o, ends[e]);
  }
  if (can[0] && can[1]) return;
  for (int e = 0; e < 2; e++) {
    size_t t = ends[e];
    const dx_item *it = o->items.v[t];
    if (!can[e]) continue;
    for (int col = 0; col < NCOLS_MONEY; col++)
      d->items_has_total[col] = dx_field_number(it->amount[col], &d->items_total[col]);
    for (size_t i = t; i + 1 < o->items.n; i++) o->items.v[i] = o->items.v[i + 1];
    o->items.n--;
    return;
  }
}

void map_schedule_row(ctx *x, const lrow *r) {
  decl *d = map_cur_decl(x);
  const char *content = map_text_here(r, x->cols[R_CONTENT]);
  const char *s = map_text_here(r, x->cols[R_START]);
  const char *e = map_text_here(r, x->cols[R_END]);
  if (!*content && !*s && !*e) return;
  char a[11], b[11], c[11], dd[11];
  int ns = dx_period_parse(a, b, dx_rules_lexicon(x->rs), s, false);
  int ne = dx_period_parse(c, dd, dx_rules_lexicon(x->rs), e, false);
  if (ns) map_year_repair(x, a);
  if (ns > 1) map_year_repair(x, b);
  if (ne) map_year_repair(x, c);
  if (ne > 1) map_year_repair(x, dd);
  const lcell *fc = x->cols[R_CONTENT] >= 0 ? map_cell_at(r, x->cols[R_CONTENT]) : NULL;
  if (!fc || !*fc->raw) fc = map_first_here(r);
  where w = map_where_cell(r, fc);
  map_note_table(x, &w);
  dx_sched *o = dx_record_alloc(x->rec, sizeof *o);
  o->content = map_str(x, content);
  o->start = ns ? map_str(x, a) : NULL;
  o->end = ne ? map_str(x, ne > 1 ? dd : c) : NULL;
  map_entry_finish(x, &o->m, CONF_EXACT, &w);
  if ((*s && !ns) || (*e && !ne)) {
    dx_flags_add(x->rec, &o->m.flags, "value_unparsed");
    o->m.confidence = CONF_UNPARSED;
  }
  DX_LIST_PUSH(x->rec, d->out->schedule, o);
  d->content++;
}

void map_plans_row(ctx *x, const lrow *r) {
  decl *d = map_cur_decl(x);
  const char *item = map_text_here(r, x->cols[R_ITEM]);
  const char *owner = map_text_here(r, x->cols[R_OWNER]);
  const char *goal = map_text_here(r, x->cols[R_GOAL]);
  if (!*item && !*owner && !*goal) return;
  char *k = dx_label_key(item);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (src && strcmp(src, "total") == 0) return; /* 金额合计: the tasks' money, not a task */
  where w = map_where_cell(r, map_cell_at(r, x->cols[R_ITEM]));
  map_note_table(x, &w);
  dx_plan *o = dx_record_alloc(x->rec, sizeof *o);
  o->item = map_str(x, item);
  o->owner = map_str(x, owner);
  o->goal = map_str(x, goal);
  map_entry_finish(x, &o->m, CONF_EXACT, &w);
  DX_LIST_PUSH(x->rec, d->out->plans, o);
  d->content++;
}

/* Points w at cell c, which starts in row r (its row, column, page and
 * box), keeping what w says of the trust in the text it was made from.
 * A nested table's row stays at the cell holding it. */
static void at_cell(where *w, const lrow *r, const lcell *c) {
  if (r->holder_col >= 0) return;
  w->row = c->c->row;
  w->col = c->c->col;
  w->page = c->c->page;
  w->has_box = c->c->has_box;
  memcpy(w->box, c->c->box, sizeof w->box);
}

void map_summary_row(ctx *x, const lrow *r) {
  decl *d = map_cur_decl(x);
  const char *seq = map_text_here(r, x->cols[R_SEQ]);
  const char *name = map_text_here(r, x->cols[R_NAME]);
  const char *amount = map_text_here(r, x->cols[R_AMOUNT]);
  const char *lt = map_text_here(r, x->cols[R_LT]);
  const char *an = map_text_here(r, x->cols[R_AN]);
  if (!*seq && !*name && !*amount && !*lt && !*an) return;
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (src && strcmp(src, "total") == 0) {
    d->summary_has_total = map_total_amount(x, x->cols[R_AMOUNT], amount, &d->summary_total,
                                            &d->summary_total_unitless);
    return;
  }
  if (!*name && !*amount) return; /* a numbered placeholder */
  /* a name that is only a number, with no amount and no goal ("01": a
   * fax's 合计 misread, its amount blank), carries no fund */
  char *clean = NULL;
  bool numbered_only = only_numbering(x, name, &clean);
  g_free(clean);
  if (numbered_only && !*amount && !*lt && !*an) return;
  const lcell *fc = map_cell_at(r, x->cols[R_SEQ]);
  where w = map_where_cell(r, fc && *fc->raw ? fc : map_first_here(r));
  /* the entry's first cell is its number's, read or not (a fax wore 一
   * to a dot): the place is that cell's, the trust the text's */
  if (fc && fc->here && !*fc->raw) at_cell(&w, r, fc);
  map_note_table(x, &w);
  const lcell *ac = map_cell_at(r, x->cols[R_AMOUNT]);
  where aw = map_where_cell(r, ac);
  dx_summary *o = dx_record_alloc(x->rec, sizeof *o);
  o->seq = map_str(x, seq);
  o->name = map_str(x, name);
  o->amount = map_amount_field(x, amount, &aw);
  o->long_term_goal = map_str(x, lt);
  o->annual_goal = map_str(x, an);
  map_entry_finish(x, &o->m, CONF_EXACT, &w);
  DX_LIST_PUSH(x->rec, d->out->summary, o);
  d->content++;
}
