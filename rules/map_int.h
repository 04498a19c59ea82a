/* map_int.h — the mapping's own header (rules/ only; the stage's face is
 * dx_rules.h): the contract's field and money keys, the confidence
 * weights, the types a document is read into, and what the mapping's
 * files share.
 *
 * The mapping's files, roughly in the order a document meets them:
 *   map.c           the stream: paragraphs and rows, each to its reader
 *   rows.c          a table's rows flattened into logical rows
 *   classify.c      what a label names, the answers kept
 *   near.c          labels and headings OCR misread, matched nearly
 *   inline_pairs.c  label and value in one text
 *   titles.c        titles start declarations
 *   horizontal.c    rows of labels and values side by side
 *   vertical.c      a row of labels, values below
 *   lists.c         money, items, schedule, plans, summary lists
 *   indicators.c    the performance indicators
 *   fields.c        a field's text parsed into its value
 *   funds.c         amounts, fund totals and breakdown entries
 *   values.c        FIELDs and list entries, with their place and doubts
 *   declaration.c   a declaration begun, filled and finished
 *   checks.c        sum checks
 *   agree.c         one filer's fields read alike across its declarations
 *   source.c        the record's source and warnings
 *   record.c        the record (dx_declaration.h): its pool, flags, FIELDs
 *   to_json.c       the record written as the contract's JSON
 * Functions one file shares with another are prefixed map_; the rest stay
 * static in their file.
 */
#ifndef DX_MAP_INT_H
#define DX_MAP_INT_H

#include "rules_int.h"

#include <stdint.h>

/* ---- vocabulary -------------------------------------------------------- */

/* The contract's field keys in output order (dx_declaration.h). */
#define FIELD_KEYS dx_field_keys
enum { NFIELDS = DX_NFIELDS };

/* Money columns: prior year, current year, medium term. */
enum {
  COL_PRIOR = DX_PRIOR,
  COL_CURRENT = DX_CURRENT,
  COL_MEDIUM = DX_MEDIUM,
  NCOLS_MONEY = DX_NHORIZONS
};
#define MONEY_KEYS dx_horizon_keys

/* Confidence of text that was in the file and read by an exact label.
 * Lowered by each doubt below; the corpus calibration in tools/bench
 * checks these numbers against what turned out right. */
#define CONF_EXACT 0.98
#define CONF_EMPTY 0.95 /* label found, cell empty: rarely wrong */
#define CONF_UNIT_ASSUMED 0.85
#define CONF_UNIT_CONVERTED 0.93
#define CONF_UNPARSED 0.4
#define CONF_AMBIGUOUS 0.45
#define CONF_PROSE 0.85        /* a number among words */
#define CONF_UNIT_GUESSED 0.85 /* a unit not in values.rules */
#define CONF_INFERRED 0.85     /* level1 inferred from level2 */
#define CONF_NO_LEVEL2 0.75
#define CONF_COMPOUND 0.9
#define CONF_MERGED 0.9 /* value cell shared by several rows */
/* A value OCR misread that the field's expectations repaired (a box read
 * as 口 or 日). */
#define CONF_REPAIRED 0.85
/* An indicator whose scanned sign column is empty: its op may be lost. */
#define CONF_SIGN_UNREAD 0.8
/* a value joined across a page break may have lost or gained a piece
 * (on the PDF corpus 97 % of them were right: below the 0.9 band) */
#define CONF_CROSS_PAGE 0.9
/* text whose spacing between Han and Latin the page leaves open (the
 * cell's DX_CELL_SPACING_DOUBT): free text may have a space more or less */
#define CONF_SPACING 0.9
#define CONF_FUZZY 0.8 /* a label matched only approximately (label.fuzzy) */
/* ---- logical rows ------------------------------------------------------ */

typedef struct lcell {
  const dx_cell *c;
  int col, span;         /* grid start column in this row, columns covered */
  bool here;             /* the cell starts in this row */
  const char *raw;       /* checkboxes unified, whitespace collapsed */
  const char *key;       /* label key of raw */
  struct cellinfo *info; /* raw, key and answers, kept per model cell */
} lcell;

typedef struct lrow {
  int table;      /* top-level table index */
  int row;        /* row in that table */
  int holder_col; /* nested rows: the outer cell's column; -1 otherwise */
  int n;
  lcell *cells;
} lrow;

/* Where a value came from. */
typedef struct where {
  int table, row, col; /* table -1: a paragraph */
  int paragraph;
  int page;
  bool has_box;
  double box[4];
  bool merged;  /* the value cell spans several rows */
  bool cross;   /* the value cell was joined across a page break */
  bool ocr;     /* ... read by OCR */
  bool ocr_low; /* ... and OCR doubted some of its characters */
  bool layout;  /* the page's layout left the cell's extent in doubt */
  bool spacing; /* ... or its spaces between Han and Latin */
  bool seal;    /* ... or a seal was stamped over some of it */
  bool formula; /* ... a spreadsheet formula the file holds no result of */
  double doubt; /* 1 - how far the cell's reading is trusted (0: fully) */
} where;

/* ---- declarations ------------------------------------------------------ */

typedef struct bentry {
  const char *source;
  char *label;
  dx_field *f[NCOLS_MONEY]; /* in the record's pool; a total's may be the form's total too */
  int family;
  bool is_total;
  int group; /* the block (vertical header, money table) it was read in */
} bentry;

/* A declaration while it is read: `out` (in the record's pool) gets its
 * fields, totals, lists and flags as they are found; the rest is what
 * finishing it needs. */
typedef struct decl {
  dx_declaration *out;
  char *title;
  bool titled;
  int year;
  int table_index;
  int page_start, page_end;
  GPtrArray *bk; /* bentry*: out's breakdown when finished */
  double items_total[NCOLS_MONEY];
  bool items_has_total[NCOLS_MONEY];
  bool items_total_unitless[NCOLS_MONEY]; /* converted with the form's 元 note */
  double summary_total;
  bool summary_has_total;
  bool summary_total_unitless;
  GPtrArray *unitless; /* dx_field*: amounts written without a unit */
  bool money_known;    /* the form says its amounts are in 万元 */
  bool money_yuan;     /* the form says its amounts are in 元 */
  int content;         /* things recognised */
  bool dept_hint;      /* staff counts, work plans */
  /* dx_indicator*: on a scan, those read from a value cell alone (no unit
   * column): a unit misread in it is repaired in its text */
  GPtrArray *value_only;
} decl;

/* ---- the reading context ------------------------------------------------ */

/* What the rows being read are: the section a heading row opened. */
typedef enum { M_NONE, M_IND, M_MONEY, M_ITEMS, M_SCHED, M_PLANS, M_SUMMARY, M_VERT } mode_t_;

enum { MAXG = 2, MAXV = 16 };

typedef struct indmap {
  int l1;
  int ng;
  struct {
    int l2, l3, val, std, sign, unit;
    const char *horizon; /* static: "annual" or "medium_term" */
  } g[MAXG];
  char *last_l1;
  char *last_l2[MAXG];
  bool l1_from_merge;
} indmap;

typedef struct vhead {
  int col, span;
  dx_cat cat; /* FIELD, FUND_TOTAL, FUND_SOURCE or FUND_COLUMN */
  const char *key;
  char *label;
} vhead;

typedef struct ctx {
  dx_ruleset *rs;
  const dx_doc *doc;
  dx_record *rec; /* what is found: finished declarations, values (its pool) */
  decl *cur;
  mode_t_ mode;
  indmap ind;
  int cols[16];  /* section column roles, see R_* */
  int cols2[16]; /* a money list's second half (收入 | 支出 side by side) */
  bool halves;   /* cols2 is in use */
  /* on a scan, the money list columns (R_* roles) the top-level table's
   * first money heading row names, and that row (-1: none) */
  int table_money[16];
  int table_money_row;
  /* grid columns (< 64) holding a fund total's label in the rows of
   * label | value pairs being read: its money column + 1, for the parts
   * below it in that column (中长期资金总额 | 300 | 年度资金总额 | 100 over
   * 其中：财政拨款 | 240 | 其中：财政拨款 | 80) */
  signed char under_total[64];
  int under_table, under_row; /* the last row that kept under_total */
  vhead vh[MAXV];
  int nvh;
  int vert_rows; /* rows read under the vertical header */
  int group;     /* block counter for money entries */
  bool three_public;
  int table;              /* current table index */
  uint64_t yuan_cols;     /* grid columns (< 64) whose heading says 元 */
  GHashTable *labels;     /* key -> label*: map_classify()'s answers for this document */
  GHashTable *near;       /* key -> label*: map_classify_near()'s, likewise */
  GHashTable *near_rule;  /* category \037 key -> rule key or NULL: map_rule_or_near()'s */
  GHashTable *near_texts; /* the rule texts labels were nearest (label.near) */
  bool scanned;           /* the document was read by OCR */
  GHashTable *cells;      /* dx_cell* -> cellinfo*, for the top-level table being read */
  bool list_headed;       /* the list being read hangs under a heading cell running down column 0 */
  bool in_notes;          /* paragraphs after 填表说明: instructions, not values */
} ctx;

enum {
  R_NAME,
  R_PRIOR,
  R_CURRENT,
  R_MEDIUM,
  R_BASIS,
  R_DETAIL,
  R_AMOUNT,
  R_CONTENT,
  R_START,
  R_END,
  R_ITEM,
  R_OWNER,
  R_GOAL,
  R_SEQ,
  R_LT,
  R_AN,
  NROLES
};
/* ---- labels ------------------------------------------------------------ */

typedef struct label {
  dx_cat cat; /* FIELD, FUND_TOTAL, FUND_SOURCE, UNIT_NOTE or NONE */
  const char *key;
  bool three_public_ctx;
  const char *label; /* the label as written, for money entries (borrowed) */
  bool fuzzy;        /* matched only approximately (a character dropped, misread) */
  const char *near;  /* then the rule's text it is nearest (kept in ctx.near_texts) */
  bool run_together; /* ran on into the heading of the block below it (near.c) */
} label;

/* Answers map_classify() keeps per document; past this, keys are classified
 * afresh (a form has a few hundred distinct label cells). */
#define LABEL_MEMO_MAX 50000

/* Room for a label as written (label.label points into it). */
typedef char labelbuf[256];

/* A model cell's text as the rules read it, and what the rule files say
 * of it, kept while its table is read: rows are asked the same
 * questions many times over (each kind of header looks for its columns
 * among all the row's cells), and a merged cell is in many rows. */
typedef struct cellinfo {
  char *raw, *key;
  dx_rkey *rk; /* the key as the ruleset keeps it */
  bool rk_asked;
  bool field_known; /* has_field holds row_has_field_label's answer for it */
  bool has_field;
} cellinfo;

/* ---- map.c: the stream: paragraphs and rows, each to its reader ------- */

void map_on_row(ctx *x, const lrow *r);

/* ---- values.c: FIELDs and list entries, with their place and doubts -- */

/* A FIELD's value before it is a FIELD (strings in the record's pool). */
typedef struct fval {
  dx_fv_kind kind;
  const char *s;
  long long i;
  double num;
  const char *start, *end;
} fval;
#define FV_NULL ((fval){.kind = DX_FV_NULL})
fval map_fv_string(ctx *x, const char *s);      /* a string, "" included */
fval map_fv_str_or_null(ctx *x, const char *s); /* null when NULL or "" */
fval map_fv_number(double v);
/* s copied into the record's pool; NULL for NULL or "" (written null) */
const char *map_str(ctx *x, const char *s);
dx_at map_at(const where *w);
where map_where_cell(const lrow *r, const lcell *c);
void map_where_flags(ctx *x, dx_flags *flags, const where *w);
/* A FIELD of value v read from raw at w, its confidence conf lowered by
 * w's doubts and flagged by them. */
dx_field *map_field_new(ctx *x, fval v, const char *raw, double conf, const where *w);
void map_field_flag(ctx *x, dx_field *f, const char *flag);
/* A list entry's confidence, flags and place. */
void map_entry_finish(ctx *x, dx_meta *m, double conf, const where *w);

/* ---- fields.c: a field's text parsed into its value ------------------- */

int map_field_index(const char *key);
dx_field *map_make_field(ctx *x, int fi, const char *raw, const where *w);

/* ---- funds.c: amounts, fund totals and breakdown entries -------------- */

int map_money_col(const char *role);
bool map_total_amount(const ctx *x, int col, const char *raw, double *v, bool *unitless);
dx_field *map_amount_field(ctx *x, const char *raw, const where *w);
void map_set_total(ctx *x, int col, dx_field *f);
void map_add_money(ctx *x, const char *source, const char *label, int col, dx_field *f,
                   bool is_total);
char *map_money_label(ctx *x, const char *raw);
char *map_label_text(ctx *x, label l, const char *raw);
void map_money_finish(ctx *x, decl *d);

/* ---- declaration.c: a declaration begun, filled and finished ---------- */

void map_decl_flag(ctx *x, decl *d, const char *flag);
void map_decl_free(decl *d);
decl *map_cur_decl(ctx *x);
void map_note_table(ctx *x, const where *w);
void map_set_field(ctx *x, int fi, dx_field *f);
void map_assign(ctx *x, label l, const char *value, const where *w, int part_col);
int map_year_of(const char *s);
/* On a scan, the year of the ISO date iso (changed in place) read one
 * digit away from the current form's fiscal year and more than
 * YEAR_FAR years off it: that year. */
void map_year_repair(const ctx *x, char *iso);
void map_finish_decl(ctx *x);
/* The declaration's confidence from its parts' (contract: confidence). */
double map_decl_conf(const dx_declaration *o);

/* ---- agree.c: what one filer writes alike in all its declarations ------ */

void map_agree_fields(ctx *x);

/* ---- checks.c: sum checks --------------------------------------------- */

void map_check_sums(ctx *x, decl *d);

/* ---- classify.c: what a label names, the answers kept ----------------- */

label map_classify(ctx *x, const char *key);
void map_cellinfo_free(gpointer p);
cellinfo *map_cell_info(ctx *x, const dx_cell *cell);
const char *map_cell_rule(ctx *x, const lcell *c, dx_cat cat);
label map_cell_label(ctx *x, const lcell *c);

/* ---- near.c: labels and headings OCR misread, matched nearly ---------- */

label map_classify_near(ctx *x, const char *key);
/* On a scan, the name in a money or items list's name column that is a
 * fund source's label with its first character lost ("计" of 合计, a fax
 * thinned 合 away): that source, matched approximately, written as its
 * rule writes it, when one source's text is the key with one character
 * before it; else no label. */
label map_source_first_lost(ctx *x, const char *key);
const char *map_rule_or_near(ctx *x, dx_cat cat, const char *key, const char *exact);
/* On a scan, a key of Han characters standing where a label stands whose
 * first character OCR misread for the head of a field's label (全部门:
 * 主管 read as one character): that field, matched approximately, when
 * the rest of the key ends one field's rule text, which is one or two
 * characters longer; else no label. The caller knows the place is a
 * label's: the key alone is as often a value (全部门, 本部门). */
label map_label_by_tail(ctx *x, const char *key);
/* On a scan, a key of five Han characters or more whose place says it is
 * a label (a long text stands beside it) and which is what a fax left of
 * one field's label, one or two of its characters thinned away inside it
 * (实期绩效标 of 实施期绩效目标: dx_rules_thinned): that field, matched
 * approximately; else no label. The key alone may be a heading's remains
 * (年度绩效标 of 年度绩效指标 too): the caller knows the place. */
label map_label_thinned(ctx *x, const char *key);

/* ---- inline_pairs.c: label and value in one text ---------------------- */

label map_split_inline(ctx *x, const char *raw, char **value, labelbuf label_buf);
int map_pairs_in_text(ctx *x, const char *raw_in, const where *w, bool dry);

/* ---- rows.c: a table's rows flattened into logical rows --------------- */

const lcell *map_cell_at(const lrow *r, int col);
const char *map_text_here(const lrow *r, int col);
int map_find_role(ctx *x, const lrow *r, dx_cat cat, const char *role, int after);
const lcell *map_first_here(const lrow *r);
void map_walk_table(ctx *x, const dx_table *t, int table_index, int outer_row, const lrow *prefix,
                    int col_offset);

/* ---- indicators.c: the performance indicators ------------------------- */

bool map_try_ind_header(ctx *x, const lrow *r);
void map_ind_row(ctx *x, const lrow *r);
/* On a scan, d's amount indicators whose unit OCR misread (read as a
 * character no unit is), in the unit most of the others have. */
void map_amount_units(ctx *x, decl *d);
/* On a scan, d's time indicators (time_level) whose value OCR read as one
 * number of a year and a month run together with what it leaves of 月
 * after it (202312八 of 2023年12月: ocr_month): that month, its
 * confidence lowered as a repair's. */
void map_date_digits(ctx *x, decl *d);
/* Whether unit is what OCR leaves on a fax of a money unit (cat
 * DX_CAT_OCR_UNIT) or of 月 (DX_CAT_OCR_MONTH). */
bool map_unit_misread(ctx *x, dx_cat cat, const char *unit);

/* ---- lists.c: money, items, schedule, plans, summary lists ------------ */

bool map_try_section_header(ctx *x, const lrow *r);
/* The columns (R_* roles) of a money or items list heading row r names:
 * its name column and one money column at least; false when it is none. */
bool map_money_heading_cols(ctx *x, const lrow *r, int c[NROLES]);
/* On a scan, a fund source row read with no list open (its heading row
 * lost) opens a money list in the columns its table's money heading names. */
bool map_try_headless_money(ctx *x, const lrow *r);
void map_money_row(ctx *x, const lrow *r);
void map_items_row(ctx *x, const lrow *r);
/* On a scan, with no 合计 row read among d's expenditure items: the item
 * first or last under the heading whose amounts are the other items'
 * sums is their total whatever its label reads (合计 read 让), taken out
 * of the items for the sum check. Amounts in 万元 (after the units are
 * decided). */
void map_items_total_by_sum(ctx *x, decl *d);
void map_schedule_row(ctx *x, const lrow *r);
void map_plans_row(ctx *x, const lrow *r);
void map_summary_row(ctx *x, const lrow *r);

/* ---- vertical.c: a row of labels, values below ------------------------ */

bool map_try_vertical_header(ctx *x, const lrow *r);
void map_vert_row(ctx *x, const lrow *r);

/* ---- horizontal.c: rows of labels and values side by side ------------- */

void map_horizontal_row(ctx *x, const lrow *r);

/* ---- titles.c: titles start declarations ------------------------------ */

bool map_is_title(ctx *x, const char *key);
void map_on_title(ctx *x, const char *raw, const char *key);
char *map_title_in_line(ctx *x, const char *raw, char **rest);

/* ---- record.c / map.c: the document's record ------------------------- */

/* The record's source and warnings from doc (no_declaration when it
 * found none). */
void map_record_source(dx_record *r, const dx_doc *doc);

#endif
