/* review_items.c — a declaration's values, one item each, in the
 * contract's order (see review.h): what the review page shows and what
 * a correction's pointer names. */
#include "review.h"

#include "apply.h"

#include <string.h>

static bool is_field(const json_t *o) {
  return json_is_object(o) && json_object_get(o, "value") && json_object_get(o, "raw") &&
         json_object_get(o, "confidence");
}

/* "/" + key escaped by RFC 6901 ("~" is "~0", "/" is "~1"). */
static void push(GString *p, const char *key) {
  g_string_append_c(p, '/');
  for (const char *c = key; *c; c++) {
    if (*c == '~')
      g_string_append(p, "~0");
    else if (*c == '/')
      g_string_append(p, "~1");
    else
      g_string_append_c(p, *c);
  }
}

static void push_index(GString *p, size_t i) {
  g_string_append_printf(p, "/%zu", i);
}

/* One item: the value at ptr, whose confidence, flags and at are the
 * holder's. */
static void add(json_t *out, const char *ptr, const char *label, json_t *value, json_t *raw,
                const json_t *holder) {
  json_t *o = json_object();
  json_object_set_new(o, "ptr", json_string(ptr));
  json_object_set_new(o, "label", json_string(label));
  json_object_set(o, "value", value ? value : json_null());
  json_object_set(o, "raw", raw ? raw : json_null());
  json_object_set(o, "confidence", json_object_get(holder, "confidence"));
  json_object_set(o, "flags", json_object_get(holder, "flags"));
  json_t *at = json_object_get(holder, "at");
  json_object_set(o, "at", at ? at : json_null());
  json_array_append_new(out, o);
}

static void add_field(json_t *out, GString *p, const char *label, json_t *f) {
  size_t len = p->len;
  push(p, "value");
  add(out, p->str, label, json_object_get(f, "value"), json_object_get(f, "raw"), f);
  g_string_truncate(p, len);
}

static void funds(json_t *out, GString *p, const json_t *fu) {
  static const char *const horizons[] = {"prior_year", "current_year", "medium_term"};
  const char *k;
  json_t *v;
  size_t base = p->len;
  json_object_foreach((json_t *)fu, k, v) {
    push(p, k);
    if (is_field(v)) add_field(out, p, k, v);
    size_t i;
    json_t *e;
    if (strcmp(k, "breakdown") != 0) {
      g_string_truncate(p, base);
      continue;
    }
    json_array_foreach(v, i, e) {
      size_t len = p->len;
      push_index(p, i);
      for (size_t h = 0; h < G_N_ELEMENTS(horizons); h++) {
        json_t *f = json_object_get(e, horizons[h]);
        if (!is_field(f)) continue;
        size_t l2 = p->len;
        push(p, horizons[h]);
        const char *lab = json_string_value(json_object_get(e, "label"));
        char *label = g_strdup_printf("%s %s", lab ? lab : "breakdown", horizons[h]);
        add_field(out, p, label, f);
        g_free(label);
        g_string_truncate(p, l2);
      }
      g_string_truncate(p, len);
    }
    g_string_truncate(p, base);
  }
}

/* The entries of a list: each FIELD of an entry, and each plain value
 * (name, content, basis …) with the entry's confidence. */
static void list(json_t *out, GString *p, const char *name, const json_t *arr) {
  size_t i, base = p->len;
  json_t *e;
  json_array_foreach((json_t *)arr, i, e) {
    push(p, name);
    push_index(p, i);
    const char *k;
    json_t *v;
    json_object_foreach(e, k, v) {
      if (!strcmp(k, "confidence") || !strcmp(k, "flags") || !strcmp(k, "at")) continue;
      size_t len = p->len;
      push(p, k);
      char *label = g_strdup_printf("%s %zu %s", name, i + 1, k);
      if (is_field(v))
        add_field(out, p, label, v);
      else if (!json_is_object(v) && !json_is_array(v))
        add(out, p->str, label, v, json_is_string(v) ? v : NULL, e);
      g_free(label);
      g_string_truncate(p, len);
    }
    g_string_truncate(p, base);
  }
}

static void indicators(json_t *out, GString *p, const json_t *arr) {
  size_t i;
  json_t *e;
  json_array_foreach((json_t *)arr, i, e) {
    g_string_printf(p, "/indicators/%zu/value", i);
    const char *l[3] = {json_string_value(json_object_get(e, "level1")),
                        json_string_value(json_object_get(e, "level2")),
                        json_string_value(json_object_get(e, "level3"))};
    char *label =
        g_strdup_printf("%s / %s / %s", l[0] ? l[0] : "-", l[1] ? l[1] : "-", l[2] ? l[2] : "-");
    json_t *v = json_object_get(e, "value");
    add(out, p->str, label, v, json_object_get(v, "raw"), e);
    g_free(label);
    /* the row's texts (its levels and standard): OCR misreads them as it
     * does values */
    static const char *const levels[] = {"level1", "level2", "level3", "standard"};
    for (size_t l = 0; l < G_N_ELEMENTS(levels); l++) {
      json_t *t = json_object_get(e, levels[l]);
      if (!t || !(json_is_string(t) || json_is_null(t))) continue;
      g_string_printf(p, "/indicators/%zu/%s", i, levels[l]);
      label = g_strdup_printf("indicator %zu %s", i + 1, levels[l]);
      add(out, p->str, label, t, json_is_string(t) ? t : NULL, e);
      g_free(label);
    }
  }
}

json_t *dx_review_items(const json_t *decl) {
  json_t *out = json_array();
  GString *p = g_string_new(NULL);
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)json_object_get(decl, "fields"), k, v) {
    g_string_truncate(p, 0);
    push(p, "fields");
    push(p, k);
    if (is_field(v)) add_field(out, p, k, v);
  }
  g_string_truncate(p, 0);
  push(p, "funds");
  funds(out, p, json_object_get(decl, "funds"));
  static const char *const lists[] = {"expenditure_items", "schedule", "work_plans",
                                      "summary_items"};
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
    g_string_truncate(p, 0);
    list(out, p, lists[l], json_object_get(decl, lists[l]));
  }
  indicators(out, p, json_object_get(decl, "indicators"));
  g_string_free(p, TRUE);
  /* how `declx apply` reads a new text at each: the page previews it */
  size_t i;
  json_t *it;
  json_array_foreach(out, i, it) {
    const char *kind = dx_apply_kind((json_t *)decl, json_string_value(json_object_get(it, "ptr")));
    json_object_set_new(it, "parse", json_string(kind ? kind : "any"));
  }
  return out;
}
