/* dx_declaration.h — what stage three finds in a document, as C types:
 * the declarations (contract v1, /work/shared/spec/declaration-json.md,
 * schema/declaration-v1.schema.json) with every value's raw text,
 * confidence, flags and place (`at`), the document's source and its
 * warnings. The mapping builds a dx_record (dx_doc_record); to_json.c
 * writes it as the contract's JSON, the one place the JSON's shape is
 * written (dx_rules.h). The batch writers get records as JSON text from
 * the workers and read them through tools/declx/records.h.
 *
 * Ownership: a dx_record owns everything reachable from it (every
 * string, value and list lives in its pool); dx_record_free frees it
 * all. Pointers into a record are borrowed and die with it. Two places
 * may share one value (a fund total is also its breakdown entry's
 * amount); the record writes it at both.
 */
#ifndef DX_DECLARATION_H
#define DX_DECLARATION_H

#include <stdbool.h>
#include <stddef.h>

/* The contract's money horizons, in its order: prior year, current year,
 * medium term. */
enum { DX_PRIOR, DX_CURRENT, DX_MEDIUM, DX_NHORIZONS };
extern const char *const dx_horizon_keys[DX_NHORIZONS]; /* "prior_year", ... */

/* The contract's field keys (fields), in output order. */
enum { DX_NFIELDS = 23 };
extern const char *const dx_field_keys[DX_NFIELDS]; /* "filing_unit", ... */

/* Where a value was read (`at`). */
typedef struct dx_at {
  int table;     /* top-level table index; -1: a paragraph (table null) */
  int row, col;  /* grid position when table >= 0 */
  int paragraph; /* paragraph index when table < 0 */
  int page;      /* 1-based; 0: null */
  bool has_box;  /* box, else null */
  double box[4]; /* x0, y0, x1, y1 in PDF points, as written (0.1) */
} dx_at;

/* A set of flags in the order they were added, each once. */
typedef struct dx_flags {
  const char **v;
  int n, cap;
} dx_flags;

/* What a value holds. */
typedef enum {
  DX_FV_NULL,
  DX_FV_STRING, /* s */
  DX_FV_INT,    /* i: a count */
  DX_FV_NUMBER, /* num: an amount, written as an integer when whole */
  DX_FV_PERIOD  /* start, end (either NULL: null) */
} dx_fv_kind;

/* A FIELD: every extracted scalar. */
typedef struct dx_field {
  dx_fv_kind kind;
  const char *s;
  long long i;
  double num;
  const char *start, *end;
  const char *raw;
  double confidence;
  dx_flags flags;
  dx_at at;
} dx_field;

/* What every list entry and indicator carries besides its own values. */
typedef struct dx_meta {
  double confidence;
  dx_flags flags;
  dx_at at;
} dx_meta;

/* A breakdown entry of funds; amount[h] NULL: the horizon is absent. */
typedef struct dx_fund_entry {
  const char *source, *label;
  dx_field *amount[DX_NHORIZONS];
} dx_fund_entry;

/* Strings below: NULL writes null. */
typedef struct dx_item { /* expenditure_items */
  const char *name;
  dx_field *amount[DX_NHORIZONS]; /* NULL: the list has no such column */
  const char *basis;
  dx_meta m;
} dx_item;

typedef struct dx_sched { /* schedule */
  const char *content, *start, *end;
  dx_meta m;
} dx_sched;

typedef struct dx_plan { /* work_plans */
  const char *item, *owner, *goal;
  dx_meta m;
} dx_plan;

typedef struct dx_summary { /* summary_items */
  const char *seq, *name;
  dx_field *amount;
  const char *long_term_goal, *annual_goal;
  dx_meta m;
} dx_summary;

/* An indicator's value object. */
typedef struct dx_ind_value {
  const char *raw;
  const char *kind; /* numeric, range, date, qualitative, compound, empty */
  const char *op;   /* NULL: null */
  bool has_number, has_upper;
  double number, upper; /* written as integers when whole */
  const char *unit;     /* NULL: null */
} dx_ind_value;

typedef struct dx_indicator {
  const char *horizon; /* annual, medium_term */
  const char *level1, *level2, *level3;
  dx_ind_value value;
  const char *standard;
  dx_meta m;
} dx_indicator;

/* A growable array of pointers in a record's pool. */
#define DX_LIST(T)                                                                                 \
  struct {                                                                                         \
    T **v;                                                                                         \
    size_t n, cap;                                                                                 \
  }

typedef struct dx_declaration {
  const char *form;
  const char *title;        /* NULL: null */
  int fiscal_year;          /* 0: null */
  int page_start, page_end; /* 0: null */
  int table_index;          /* -1: null */
  double confidence;
  dx_flags flags;
  dx_field *fields[DX_NFIELDS]; /* NULL: the label is absent */
  dx_field *totals[DX_NHORIZONS];
  DX_LIST(dx_fund_entry) breakdown;
  DX_LIST(dx_item) items;
  DX_LIST(dx_sched) schedule;
  DX_LIST(dx_plan) plans;
  DX_LIST(dx_summary) summary;
  DX_LIST(dx_indicator) indicators;
} dx_declaration;

typedef struct dx_warning_out {
  const char *code, *message;
  int page; /* 0: null */
} dx_warning_out;

/* One input's result: the contract's top-level object, or, read from a
 * batch's JSON Lines, an error record (error_code not NULL: source holds
 * file and maybe sha256, nothing else). */
typedef struct dx_record {
  const char *schema_version;
  const char *file, *format, *sha256; /* NULL: absent (error records) */
  int pages;                          /* 0: null */
  const char *converted_by;           /* NULL: absent */
  const char *error_code, *error_message;
  DX_LIST(dx_declaration) decls;
  DX_LIST(dx_warning_out) warnings;
  struct dx_pool *pool;
} dx_record;

/* ---- building (rules/record.c) ------------------------------------------- */

/* An empty record with its own pool (never NULL). */
dx_record *dx_record_new(void);
void dx_record_free(dx_record *r);

/* Zeroed memory and strings in r's pool, alive while r is. */
void *dx_record_alloc(dx_record *r, size_t size);
const char *dx_record_strdup(dx_record *r, const char *s); /* NULL stays NULL */

/* Appends p to a DX_LIST of r (the list grows in r's pool). */
#define DX_LIST_PUSH(r, list, p)                                                                   \
  dx_record_push((r), (void ***)&(list).v, &(list).n, &(list).cap, (p))
void dx_record_push(dx_record *r, void ***v, size_t *n, size_t *cap, void *p);

/* Adds flag f (borrowed: a literal or a string of r's pool) unless the
 * set has it. */
void dx_flags_add(dx_record *r, dx_flags *fl, const char *f);
bool dx_flags_has(const dx_flags *fl, const char *f);

/* A new FIELD in r, zeroed (value null, raw NULL, no flags). */
dx_field *dx_field_new(dx_record *r);
/* Whether f is absent or its value is null. */
bool dx_field_is_empty(const dx_field *f);
/* Whether f's value is a number (DX_FV_INT or DX_FV_NUMBER), and it. */
bool dx_field_number(const dx_field *f, double *v);
/* Multiplies f's confidence by factor, rounded to 0.001. */
void dx_field_conf(dx_field *f, double factor);

/* d's field `key` (fields), or NULL when it is absent or not a key of
 * the contract. */
const dx_field *dx_decl_field(const dx_declaration *d, const char *key);

#endif
