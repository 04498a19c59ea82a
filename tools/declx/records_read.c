/* records_read.c — a record read once into the writers' flat view
 * (records.h): the one place the writers' side knows where the
 * contract's JSON keeps what they store. */
#include "records.h"

#include <string.h>

static const json_t *get(const json_t *o, const char *k) {
  return json_object_get(o, k);
}

static dx_rec_value value_of(const json_t *f) {
  return (dx_rec_value){get(f, "value"), get(f, "raw"), get(f, "confidence"), get(f, "flags")};
}

/* The amounts of d's funds: the totals (a key's "_total" cut off for its
 * horizon), then each breakdown entry's horizons. */
static void read_funds(dx_rec_decl *rd, const json_t *d) {
  static const char *const horizons[] = {"prior_year", "current_year", "medium_term"};
  const json_t *funds = get(d, "funds");
  const char *k;
  const json_t *f;
  json_object_foreach((json_t *)funds, k, f) {
    if (strcmp(k, "breakdown") == 0 || !f || json_is_null(f)) continue;
    dx_rec_fund a = {.source = "total", .f = value_of(f)};
    g_strlcpy(a.horizon, k, sizeof a.horizon);
    char *end = strstr(a.horizon, "_total");
    if (end) *end = 0;
    g_array_append_val(rd->funds, a);
  }
  size_t i;
  const json_t *b;
  json_array_foreach(get(funds, "breakdown"), i, b) {
    for (size_t h = 0; h < G_N_ELEMENTS(horizons); h++) {
      const json_t *v = get(b, horizons[h]);
      if (!v || json_is_null(v)) continue;
      dx_rec_fund a = {.source = json_string_value(get(b, "source")),
                       .label = json_string_value(get(b, "label")),
                       .f = value_of(v)};
      g_strlcpy(a.horizon, horizons[h], sizeof a.horizon);
      g_array_append_val(rd->funds, a);
    }
  }
}

static void read_lists(dx_rec_decl *rd, const json_t *d) {
  static const char *const lists[] = {"expenditure_items", "schedule", "work_plans",
                                      "summary_items"};
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
    size_t i;
    const json_t *e;
    json_array_foreach(get(d, lists[l]), i, e) {
      dx_rec_item it = {lists[l], (int)i, e, get(e, "confidence")};
      g_array_append_val(rd->items, it);
    }
  }
  size_t i;
  const json_t *e;
  json_array_foreach(get(d, "indicators"), i, e) {
    const json_t *v = get(e, "value");
    dx_rec_ind in = {(int)i,
                     get(e, "horizon"),
                     get(e, "level1"),
                     get(e, "level2"),
                     get(e, "level3"),
                     get(v, "raw"),
                     get(v, "kind"),
                     get(v, "op"),
                     get(v, "number"),
                     get(v, "upper"),
                     get(v, "unit"),
                     get(e, "standard"),
                     get(e, "confidence"),
                     get(e, "flags")};
    g_array_append_val(rd->indicators, in);
  }
}

static void read_decl(dx_rec_decl *rd, int seq, const json_t *d) {
  const json_t *fields = get(d, "fields"), *origin = get(d, "origin");
  *rd = (dx_rec_decl){.seq = seq,
                      .form = get(d, "form"),
                      .title = get(d, "title"),
                      .fiscal_year = get(d, "fiscal_year"),
                      .confidence = get(d, "confidence"),
                      .page_start = get(origin, "page_start"),
                      .page_end = get(origin, "page_end"),
                      .flags = get(d, "flags"),
                      .project_name = get(get(fields, "project_name"), "value"),
                      .department = get(get(fields, "department"), "value"),
                      .fields = g_array_new(FALSE, FALSE, sizeof(dx_rec_field)),
                      .funds = g_array_new(FALSE, FALSE, sizeof(dx_rec_fund)),
                      .items = g_array_new(FALSE, FALSE, sizeof(dx_rec_item)),
                      .indicators = g_array_new(FALSE, FALSE, sizeof(dx_rec_ind))};
  const json_t *unit = get(get(fields, "filing_unit"), "value");
  rd->unit = unit ? unit : rd->department;
  const char *k;
  const json_t *f;
  json_object_foreach((json_t *)fields, k, f) {
    dx_rec_field fd = {k, value_of(f)};
    g_array_append_val(rd->fields, fd);
  }
  read_funds(rd, d);
  read_lists(rd, d);
}

static void decl_clear(gpointer p) {
  dx_rec_decl *rd = p;
  g_array_free(rd->fields, TRUE);
  g_array_free(rd->funds, TRUE);
  g_array_free(rd->items, TRUE);
  g_array_free(rd->indicators, TRUE);
}

dx_rec *dx_rec_read(const char *text, char *err, size_t errlen) {
  json_error_t je;
  json_t *j = json_loads(text, 0, &je);
  if (!j) {
    g_snprintf(err, errlen, "not a JSON record: %s", je.text);
    return NULL;
  }
  dx_rec *r = dx_rec_of(text, j);
  json_decref(j);
  return r;
}

dx_rec *dx_rec_of(const char *text, json_t *j) {
  json_incref(j);
  dx_rec *r = g_new0(dx_rec, 1);
  const json_t *src = get(j, "source"), *e = get(j, "error");
  *r = (dx_rec){.text = text,
                .root = j,
                .file = get(src, "file"),
                .sha256 = get(src, "sha256"),
                .format = get(src, "format"),
                .pages = get(src, "pages"),
                .failed = e != NULL,
                .error_code = get(e, "code"),
                .error_message = get(e, "message"),
                .decls = g_array_new(FALSE, FALSE, sizeof(dx_rec_decl))};
  g_array_set_clear_func(r->decls, decl_clear);
  size_t i;
  const json_t *d;
  json_array_foreach(get(j, "declarations"), i, d) {
    g_array_set_size(r->decls, r->decls->len + 1);
    read_decl(&g_array_index(r->decls, dx_rec_decl, r->decls->len - 1), (int)i, d);
  }
  return r;
}

void dx_rec_free(dx_rec *r) {
  if (!r) return;
  g_array_free(r->decls, TRUE);
  json_decref(r->root);
  g_free(r);
}
