/* record.c — a dx_record and its pool (dx_declaration.h): memory that
 * lives as long as the record, flag sets, FIELDs and the small questions
 * asked of them. */
#include "dx_declaration.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

const char *const dx_horizon_keys[DX_NHORIZONS] = {"prior_year", "current_year", "medium_term"};

const char *const dx_field_keys[] = {
    "filing_unit",       "unit_head",    "project_name",   "department",   "implementing_unit",
    "project_attribute", "project_type", "period",         "project_lead", "performance_contact",
    "contact_phone",     "staff_quota",  "staff_actual",   "overview",     "basis",
    "fund_rules",        "safeguards",   "long_term_goal", "annual_goal",  "review_opinion",
    "filled_by",         "filled_date",  "other_notes",
};
_Static_assert(sizeof dx_field_keys / sizeof *dx_field_keys == DX_NFIELDS,
               "dx_field_keys holds DX_NFIELDS keys");

/* A record's memory comes in chunks of this size (a declaration's
 * values take a few kilobytes); bigger requests get a chunk of their
 * own. */
#define POOL_CHUNK 16384

typedef struct chunk {
  struct chunk *next;
  size_t size, used;
  max_align_t data[];
} chunk;

struct dx_pool {
  chunk *head;
};

dx_record *dx_record_new(void) {
  dx_record *r = g_new0(dx_record, 1);
  r->pool = g_new0(struct dx_pool, 1);
  return r;
}

void dx_record_free(dx_record *r) {
  if (!r) return;
  for (chunk *c = r->pool->head, *n; c; c = n) {
    n = c->next;
    g_free(c);
  }
  g_free(r->pool);
  g_free(r);
}

void *dx_record_alloc(dx_record *r, size_t size) {
  const size_t align = sizeof(max_align_t);
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  chunk *c = r->pool->head;
  if (!c || c->size - c->used < size) {
    size_t want = size > POOL_CHUNK ? size : POOL_CHUNK;
    c = g_malloc(sizeof *c + want); /* aborts when out of memory, as GLib does */
    c->size = want;
    c->used = 0;
    c->next = r->pool->head;
    r->pool->head = c;
  }
  void *p = (char *)c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

const char *dx_record_strdup(dx_record *r, const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  char *p = dx_record_alloc(r, n + 1);
  memcpy(p, s, n + 1);
  return p;
}

void dx_record_push(dx_record *r, void ***v, size_t *n, size_t *cap, void *p) {
  if (*n == *cap) {
    size_t want = *cap ? *cap * 2 : 8;
    void **nv = dx_record_alloc(r, want * sizeof *nv);
    if (*n) memcpy(nv, *v, *n * sizeof *nv);
    *v = nv;
    *cap = want;
  }
  (*v)[(*n)++] = p;
}

bool dx_flags_has(const dx_flags *fl, const char *f) {
  for (int i = 0; i < fl->n; i++)
    if (strcmp(fl->v[i], f) == 0) return true;
  return false;
}

void dx_flags_add(dx_record *r, dx_flags *fl, const char *f) {
  if (dx_flags_has(fl, f)) return;
  if (fl->n == fl->cap) {
    int want = fl->cap ? fl->cap * 2 : 4;
    const char **nv = dx_record_alloc(r, (size_t)want * sizeof *nv);
    if (fl->n) memcpy(nv, fl->v, (size_t)fl->n * sizeof *nv);
    fl->v = nv;
    fl->cap = want;
  }
  fl->v[fl->n++] = f;
}

dx_field *dx_field_new(dx_record *r) {
  return dx_record_alloc(r, sizeof(dx_field));
}

bool dx_field_is_empty(const dx_field *f) {
  return !f || f->kind == DX_FV_NULL;
}

bool dx_field_number(const dx_field *f, double *v) {
  if (f && f->kind == DX_FV_INT) {
    *v = (double)f->i;
    return true;
  }
  if (f && f->kind == DX_FV_NUMBER) {
    *v = f->num;
    return true;
  }
  *v = 0;
  return false;
}

void dx_field_conf(dx_field *f, double factor) {
  f->confidence = round(f->confidence * factor * 1000) / 1000;
}

const dx_field *dx_decl_field(const dx_declaration *d, const char *key) {
  for (int i = 0; i < DX_NFIELDS; i++)
    if (strcmp(dx_field_keys[i], key) == 0) return d->fields[i];
  return NULL;
}
