/* map.c — the document model mapped into declarations.
 *
 * The document is read as one stream of paragraphs and table rows. A
 * title (a paragraph, or a row holding one cell) starts a declaration;
 * everything up to the next title belongs to it, whatever tables it is
 * split over. Inside a declaration each row is read in the first way
 * that fits it:
 *   - a header row opens a section (indicators, money, spending items,
 *     schedule, work plans, a summary list) whose rows follow it;
 *   - a row of labels only is a vertical header: values stand below;
 *   - otherwise labels and values alternate left to right ("项目名称 |
 *     驻京联络维稳工作组"), or stand inline ("资金总额：718.46").
 * What is a label, and of what, is in rules/labels.rules.
 *
 * This file holds the stream and the choice of reader for each row;
 * the readers, and what they share (labels, values, money, the
 * declaration and its JSON), are in the files map_int.h lists.
 */
#include "map_int.h"

#include <string.h>

/* ---- the stream ---------------------------------------------------------- */

/* True when the text's first word is the label of field `key` (with or
 * without a colon after it). */
static bool leads_with_field(ctx *x, const char *raw, const char *key) {
  const char *sp = strchr(raw, ' ');
  char *first = sp ? g_strndup(raw, (gsize)(sp - raw)) : g_strdup(raw);
  char *folded = dx_text_fold(first);
  char *colon = strchr(folded, ':');
  if (colon) *colon = '\0';
  char *k = dx_label_key(folded);
  label l = map_classify(x, k);
  bool yes = l.cat == DX_CAT_FIELD && strcmp(l.key, key) == 0;
  g_free(k);
  g_free(folded);
  g_free(first);
  return yes;
}

/* A line of text outside the tables, not a title. */
static void on_line(ctx *x, const dx_block *b, const char *raw, const char *key) {
  if (dx_rules_match(x->rs, DX_CAT_YEAR_LINE, key)) {
    if (x->cur && !x->cur->year) x->cur->year = map_year_of(key);
  } else if (x->in_notes || dx_rules_match(x->rs, DX_CAT_NOTES_HEADING, key)) {
    /* "填表说明：项目名称：填写项目全称。" explains the labels; it gives no values */
    x->in_notes = true;
  } else {
    /* a paragraph read by OCR is as sure as its characters */
    where w = {.table = -1,
               .paragraph = b->index,
               .page = b->page,
               .ocr = b->ocr_conf > 0,
               .ocr_low = (b->flags & DX_CELL_OCR_LOW) != 0,
               .seal = (b->flags & DX_CELL_SEAL_OVERLAP) != 0,
               .doubt = b->ocr_conf > 0 ? 1 - b->ocr_conf : 0};
    /* a 填报单位 line after a form's tables opens the next form (whose
     * title may be the first row of its table) */
    if (x->cur && x->cur->titled && x->cur->table_index >= 0 &&
        leads_with_field(x, raw, "filing_unit"))
      map_finish_decl(x);
    if (dx_rules_match(x->rs, DX_CAT_WAN_MARKER, key)) map_cur_decl(x)->money_known = true;
    map_pairs_in_text(x, raw, &w, false);
  }
}

static void on_paragraph(ctx *x, const dx_block *b) {
  char *raw = dx_text_raw(b->text);
  char *key = dx_label_key(raw);
  char *rest = NULL, *title = NULL;
  if (!x->in_notes && (title = map_title_in_line(x, raw, &rest))) {
    /* the other text before the title is the last form's or a preamble
     * (金额单位, 填报单位 lines come before or after a title) */
    char *tkey = dx_label_key(title), *rkey = dx_label_key(rest);
    bool before = g_str_has_suffix(raw, title);
    if (before) on_line(x, b, rest, rkey);
    map_on_title(x, title, tkey);
    if (!before) on_line(x, b, rest, rkey);
    g_free(tkey);
    g_free(rkey);
  } else if (map_is_title(x, key)) {
    x->in_notes = false;
    map_on_title(x, raw, key);
  } else {
    on_line(x, b, raw, key);
  }
  g_free(title);
  g_free(rest);
  g_free(raw);
  g_free(key);
}

/* A field's label, alone or before its value, in the cell. */
static bool cell_has_field_label(ctx *x, const lcell *c) {
  cellinfo *m = c->info;
  if (!m->field_known) {
    label l = map_cell_label(x, c);
    bool yes = l.cat == DX_CAT_FIELD;
    if (!yes) {
      char *v = NULL;
      labelbuf lb;
      l = map_split_inline(x, c->raw, &v, lb);
      g_free(v);
      yes = l.cat == DX_CAT_FIELD;
    }
    m->has_field = yes;
    m->field_known = true;
  }
  return m->has_field;
}

static bool row_has_field_label(ctx *x, const lrow *r) {
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (c->here && *c->raw && cell_has_field_label(x, c)) return true;
  }
  return false;
}

void map_on_row(ctx *x, const lrow *r) {
  /* a title in a row of its own */
  const lcell *only = NULL;
  int nonempty = 0;
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && *r->cells[i].raw) {
      nonempty++;
      only = &r->cells[i];
    }
  if (nonempty == 1 && map_is_title(x, only->key)) {
    map_on_title(x, only->raw, only->key);
    return;
  }
  if (nonempty == 1 && map_cell_rule(x, only, DX_CAT_YEAR_LINE)) {
    if (x->cur && !x->cur->year) x->cur->year = map_year_of(only->key);
    return;
  }
  if (nonempty == 0) return;
  if (nonempty == 1 && map_cell_rule(x, only, DX_CAT_NOTES_HEADING)) {
    x->mode = M_NONE; /* 填表说明 across the table: the lists above are over */
    return;
  }
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && map_cell_rule(x, &r->cells[i], DX_CAT_WAN_MARKER))
      map_cur_decl(x)->money_known = true;
  if (map_try_ind_header(x, r)) return;
  if (x->mode != M_IND && map_try_section_header(x, r)) return;
  switch (x->mode) {
  case M_IND:
    if (map_try_section_header(x, r)) return;
    if (!row_has_field_label(x, r)) {
      map_ind_row(x, r);
      return;
    }
    x->mode = M_NONE;
    break;
  case M_MONEY:
  case M_ITEMS:
  case M_SCHED:
  case M_PLANS:
  case M_SUMMARY:
    if (row_has_field_label(x, r) || /* the form goes on below its list */
        (x->list_headed && r->n > 0 && r->cells[0].col == 0 && r->cells[0].here &&
         *r->cells[0].raw)) {
      x->mode = M_NONE;
      break;
    }
    if (x->mode == M_MONEY)
      map_money_row(x, r);
    else if (x->mode == M_ITEMS)
      map_items_row(x, r);
    else if (x->mode == M_SCHED)
      map_schedule_row(x, r);
    else if (x->mode == M_PLANS)
      map_plans_row(x, r);
    else
      map_summary_row(x, r);
    return;
  case M_VERT:
    if (map_try_vertical_header(x, r)) return;
    if (x->vert_rows > 0 || !row_has_field_label(x, r)) {
      map_vert_row(x, r);
      return;
    }
    x->mode = M_NONE; /* labels again: the header had no values */
    break;
  case M_NONE:
    break;
  }
  if (map_try_headless_money(x, r)) {
    map_money_row(x, r);
    return;
  }
  if (map_try_vertical_header(x, r)) return;
  map_horizontal_row(x, r);
}
/* ---- entry point ---------------------------------------------------------- */

dx_record *dx_doc_record(dx_ruleset *rs, const dx_doc *doc) {
  dx_rules_forget(rs); /* kept keys: the cells below hold them */
  ctx x = {.rs = rs,
           .doc = doc,
           .rec = dx_record_new(),
           .labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
           .near = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
           .near_rule = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
           .near_texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
           .scanned = dx_format_scanned(doc->format),
           .cells = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, map_cellinfo_free),
           .under_table = -1};
  for (guint i = 0; i < doc->blocks->len; i++) {
    const dx_block *b = g_ptr_array_index(doc->blocks, i);
    if (b->kind == DX_BLOCK_PARAGRAPH)
      on_paragraph(&x, b);
    else
      map_walk_table(&x, b->table, b->table->index, -1, NULL, 0);
  }
  map_finish_decl(&x);
  map_agree_fields(&x);
  g_hash_table_destroy(x.labels);
  g_hash_table_destroy(x.near);
  g_hash_table_destroy(x.near_rule);
  g_hash_table_destroy(x.near_texts);
  g_hash_table_destroy(x.cells);
  g_free(x.ind.last_l1);
  for (int g = 0; g < MAXG; g++) g_free(x.ind.last_l2[g]);
  for (int i = 0; i < x.nvh; i++) g_free(x.vh[i].label);
  map_record_source(x.rec, doc);
  return x.rec;
}

json_t *dx_doc_to_json(dx_ruleset *rs, const dx_doc *doc) {
  dx_record *r = dx_doc_record(rs, doc);
  json_t *j = dx_record_to_json(r);
  dx_record_free(r);
  return j;
}
