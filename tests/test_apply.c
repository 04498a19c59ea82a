/* Unit tests for `declx apply` (tools/declx/apply.c): corrections into
 * records, conflicts, idempotence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "apply.h"
#include "dx_rules.h"
#include "records.h"

static dx_ruleset *rs;

static int setup(void **state) {
  (void)state;
  dx_error err = {0};
  rs = dx_rules_load(NULL, &err);
  return rs ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  dx_rules_free(rs);
  return 0;
}

#define SHA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define AT "\"at\":{\"table\":0,\"row\":0,\"col\":2,\"page\":1,\"box\":[1,2,3,4]}"

/* A record of one declaration: a project name, a total and an indicator. */
static const char *RECORD =
    "{\"schema_version\":\"1\",\"source\":{\"file\":\"a.pdf\",\"format\":\"pdf\",\"sha256\":\"" SHA
    "\",\"pages\":1},\"declarations\":[{\"form\":\"project_expenditure\",\"confidence\":0.5,"
    "\"flags\":[],\"fields\":{\"project_name\":{\"value\":\"旧名\",\"raw\":\"旧名\","
    "\"confidence\":0.6,\"flags\":[\"ocr\"]," AT
    "},\"contact/phone\":{\"value\":\"1\",\"raw\":\"1\","
    "\"confidence\":0.6,\"flags\":[]," AT "}},\"funds\":{\"current_year_total\":{\"value\":50,"
    "\"raw\":\"50\",\"confidence\":0.7,\"flags\":[]," AT "},\"breakdown\":[]},"
    "\"indicators\":[{\"horizon\":\"annual\",\"level1\":\"产出指标\",\"level2\":null,"
    "\"level3\":\"达标率\",\"value\":{\"raw\":\"295%\",\"kind\":\"numeric\",\"op\":null,"
    "\"number\":295,\"upper\":null,\"unit\":\"%\"},\"standard\":null,\"confidence\":0.4,"
    "\"flags\":[\"ocr\"]," AT "}]}],\"warnings\":[]}";

typedef struct run {
  json_t *rec;
  GPtrArray *conflicts;
  int changed;
} run;

/* Applies the corrections (JSON text) to rec, or to a fresh RECORD. */
static run apply(const char *corrections, json_t *rec) {
  run r = {rec ? rec : json_loads(RECORD, 0, NULL), g_ptr_array_new_with_free_func(g_free), 0};
  assert_non_null(r.rec);
  json_t *arr = json_loads(corrections, 0, NULL);
  assert_non_null(arr);
  dx_apply *a = dx_apply_new(arr, r.conflicts);
  assert_non_null(a);
  r.changed = dx_apply_record(a, r.rec, dx_rules_lexicon(rs), r.conflicts);
  dx_apply_finish(a, r.conflicts);
  dx_apply_free(a);
  json_decref(arr);
  return r;
}

static void done(run *r) {
  json_decref(r->rec);
  g_ptr_array_free(r->conflicts, TRUE);
}

static json_t *at(json_t *rec, const char *path) {
  json_t *v = json_array_get(json_object_get(rec, "declarations"), 0);
  char **parts = g_strsplit(path, ".", -1);
  for (char **p = parts; *p && v; p++)
    v = json_is_array(v) ? json_array_get(v, (size_t)atoi(*p)) : json_object_get(v, *p);
  g_strfreev(parts);
  return v;
}

#define C(ptr, old, new_)                                                                          \
  "{\"sha256\":\"" SHA "\",\"declaration\":0,\"pointer\":\"" ptr "\",\"old\":" old                 \
  ",\"new\":" new_ "}"

static void test_applied(void **state) {
  (void)state;
  run r = apply("[" C("/fields/project_name/value", "\"旧名\"", "\"新名\"") "," C(
                    "/indicators/0/value", "\"295%\"",
                    "\"≥95%\"") "," C("/funds/current_year_total", "50", "\"12.5万元\"") "]",
                NULL);
  assert_int_equal(r.conflicts->len, 0);
  assert_int_equal(r.changed, 3);
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.value")), "新名");
  /* its value was its text as read: the new text is the raw text too */
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.raw")), "新名");
  assert_int_equal(json_number_value(at(r.rec, "fields.project_name.confidence")), 1);
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.flags.1")), "reviewed");
  /* the indicator's new text is parsed as extraction parses it */
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.value.op")), ">=");
  assert_int_equal(json_number_value(at(r.rec, "indicators.0.value.number")), 95);
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.value.unit")), "%");
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.flags.1")), "reviewed");
  assert_true(json_number_value(at(r.rec, "funds.current_year_total.value")) == 12.5);
  /* an amount keeps the text it was read from */
  assert_string_equal(json_string_value(at(r.rec, "funds.current_year_total.raw")), "50");
  done(&r);
}

/* who and when stay in the corrections file: no part of matching, not
 * written into the record */
static void test_who_when(void **state) {
  (void)state;
  run r = apply(
      "[{\"sha256\":\"" SHA "\",\"declaration\":0,\"pointer\":\"/fields/project_name/value\","
      "\"old\":\"旧名\",\"new\":\"新名\",\"who\":\"王芳\",\"when\":\"2026-12-05T10:31:00.000Z\"}]",
      NULL);
  assert_int_equal(r.conflicts->len, 0);
  assert_int_equal(r.changed, 1);
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.value")), "新名");
  char *text = json_dumps(r.rec, JSON_COMPACT);
  assert_null(strstr(text, "王芳"));
  assert_null(strstr(text, "2026-12-05"));
  free(text);
  done(&r);
}

/* an indicator row's text (the review page lists level1 to level3) */
static void test_level_text(void **state) {
  (void)state;
  run r = apply("[" C("/indicators/0/level3", "\"达标率\"", "\"合格率\"") "]", NULL);
  assert_int_equal(r.conflicts->len, 0);
  assert_int_equal(r.changed, 1);
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.level3")), "合格率");
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.value.raw")), "295%");
  assert_string_equal(json_string_value(at(r.rec, "indicators.0.flags.1")), "reviewed");
  done(&r);
}

/* a value read as nothing (null) takes a correction: a text, an amount */
static void test_null_replaced(void **state) {
  (void)state;
  json_t *rec = json_loads(RECORD, 0, NULL);
  json_t *d = json_array_get(json_object_get(rec, "declarations"), 0);
  json_t *pn = json_object_get(json_object_get(d, "fields"), "project_name");
  json_object_set_new(pn, "value", json_null());
  json_object_set_new(pn, "raw", json_null());
  json_t *tot = json_object_get(json_object_get(d, "funds"), "current_year_total");
  json_object_set_new(tot, "value", json_null());
  run r = apply("[" C("/fields/project_name/value", "null", "\"新名\"") "," C(
                    "/funds/current_year_total/value", "null", "\"100万元\"") "]",
                rec);
  assert_int_equal(r.conflicts->len, 0);
  assert_int_equal(r.changed, 2);
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.value")), "新名");
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.raw")), "新名");
  assert_true(json_number_value(at(r.rec, "funds.current_year_total.value")) == 100);
  done(&r);
}

static void test_stale(void **state) {
  (void)state;
  run r = apply("[" C("/fields/project_name/value", "\"别的\"", "\"新名\"") "]", NULL);
  assert_int_equal(r.changed, 0);
  assert_int_equal(r.conflicts->len, 1);
  assert_non_null(strstr(r.conflicts->pdata[0], "correction 1"));
  assert_non_null(strstr(r.conflicts->pdata[0], "stale"));
  assert_string_equal(json_string_value(at(r.rec, "fields.project_name.value")), "旧名");
  done(&r);
}

static void test_missing_document(void **state) {
  (void)state;
  run r =
      apply("[{\"sha256\":\"" SHA "\",\"declaration\":0,\"pointer\":\"/fields/project_name/value\","
            "\"old\":\"旧名\",\"new\":\"甲\"},{\"sha256\":\"bbbb\",\"declaration\":0,"
            "\"pointer\":\"/fields/project_name/value\",\"old\":\"旧名\",\"new\":\"乙\"}]",
            NULL);
  assert_int_equal(r.changed, 1);
  assert_int_equal(r.conflicts->len, 1);
  assert_non_null(strstr(r.conflicts->pdata[0], "correction 2"));
  assert_non_null(strstr(r.conflicts->pdata[0], "no document"));
  done(&r);
}

static void test_bad_pointer(void **state) {
  (void)state;
  const char *bad[] = {"/fields/nope/value",
                       "/indicators/1/value",
                       "/indicators/01/value",
                       "fields",
                       "/fields/project_name/confidence",
                       "/fields/project_name/at",
                       "/a~2b"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *c = g_strdup_printf("[{\"sha256\":\"" SHA "\",\"declaration\":0,\"pointer\":\"%s\","
                              "\"old\":\"旧名\",\"new\":\"x\"}]",
                              bad[i]);
    run r = apply(c, NULL);
    assert_int_equal(r.changed, 0);
    assert_int_equal(r.conflicts->len, 1);
    assert_non_null(strstr(r.conflicts->pdata[0], "pointer"));
    done(&r);
    g_free(c);
  }
  /* "~1" is "/" in a key; a FIELD itself means its value */
  run r = apply("[" C("/fields/contact~1phone", "\"1\"", "\"2\"") "]", NULL);
  assert_int_equal(r.conflicts->len, 0);
  assert_string_equal(json_string_value(at(r.rec, "fields.contact/phone.value")), "2");
  done(&r);
  /* a declaration the document does not have */
  r = apply("[{\"sha256\":\"" SHA "\",\"declaration\":3,\"pointer\":\"/fields/project_name/value\","
            "\"old\":\"旧名\",\"new\":\"x\"}]",
            NULL);
  assert_int_equal(r.conflicts->len, 1);
  done(&r);
}

static void test_twice(void **state) {
  (void)state;
  const char *cs = "[" C("/fields/project_name/value", "\"旧名\"", "\"新名\"") "," C(
      "/indicators/0/value", "\"295%\"", "\"≥95%\"") "," C("/fields/contact~1phone/value", "\"1\"",
                                                           "\"1\"") "]";
  run r = apply(cs, NULL);
  assert_int_equal(r.changed, 3);
  char *once = dx_json_dump(r.rec, false);
  g_ptr_array_free(r.conflicts, TRUE);
  run r2 = apply(cs, r.rec);
  assert_int_equal(r2.conflicts->len, 0);
  assert_int_equal(r2.changed, 0);
  char *twice = dx_json_dump(r2.rec, false);
  assert_string_equal(once, twice);
  g_free(once);
  g_free(twice);
  done(&r2);
}

/* a number too large for an integer stays a real (no overflowing cast) */
static void test_huge_number(void **state) {
  (void)state;
  run r = apply("[" C("/indicators/0/value", "\"295%\"",
                      "\"≥1e300%\"") "," C("/funds/current_year_total/value", "50", "1e300") "]",
                NULL);
  assert_int_equal(r.conflicts->len, 0);
  assert_true(json_is_real(at(r.rec, "funds.current_year_total.value")));
  done(&r);
}

static void test_bad_new_value(void **state) {
  (void)state;
  run r = apply("[" C("/funds/current_year_total/value", "50",
                      "\"很多\"") "," C("/indicators/0/value", "\"295%\"", "95") "]",
                NULL);
  assert_int_equal(r.changed, 0);
  assert_int_equal(r.conflicts->len, 2);
  done(&r);
}

/* The writers' view of a record (records.h): each part where the
 * contract keeps it, the record's own JSON values, once. */
static void test_record_view(void **state) {
  (void)state;
  const char *text =
      "{\"source\":{\"file\":\"a.pdf\",\"format\":\"pdf\",\"sha256\":\"ab\",\"pages\":2},"
      "\"declarations\":[{\"form\":\"unknown\",\"confidence\":0.5,\"flags\":[],"
      "\"fields\":{\"filing_unit\":{\"value\":null},\"department\":{\"value\":\"D\"},"
      "\"staff_quota\":{\"value\":5,\"raw\":\"5人\",\"confidence\":1,\"flags\":[\"reviewed\"]}},"
      "\"funds\":{\"current_year_total\":{\"value\":12},\"prior_year_total\":null,"
      "\"breakdown\":[{\"source\":\"county\",\"label\":\"县级\",\"prior_year\":{\"value\":1},"
      "\"medium_term\":{\"value\":2.5}}]},\"schedule\":[{\"content\":\"c\",\"confidence\":0.9}],"
      "\"indicators\":[{\"level3\":\"L\",\"value\":{\"raw\":\"≥5次\",\"number\":5}}]}]}";
  char err[64] = "";
  dx_rec *r = dx_rec_read(text, err, sizeof err);
  assert_non_null(r);
  assert_false(r->failed);
  assert_int_equal(json_integer_value(r->pages), 2);
  assert_int_equal(r->decls->len, 1);
  const dx_rec_decl *d = &g_array_index(r->decls, dx_rec_decl, 0);
  assert_true(json_is_null(d->unit)); /* filing_unit there, though null */
  assert_string_equal(json_string_value(d->department), "D");
  assert_int_equal(d->fields->len, 3);
  const dx_rec_field *f = &g_array_index(d->fields, dx_rec_field, 2);
  assert_string_equal(f->key, "staff_quota");
  assert_true(json_is_integer(f->f.confidence));
  assert_int_equal(d->funds->len, 3);
  const char *want[][3] = {{"total", "current_year", NULL},
                           {"county", "prior_year", "县级"},
                           {"county", "medium_term", "县级"}};
  for (guint i = 0; i < 3; i++) {
    const dx_rec_fund *a = &g_array_index(d->funds, dx_rec_fund, i);
    assert_string_equal(a->source, want[i][0]);
    assert_string_equal(a->horizon, want[i][1]);
    if (want[i][2])
      assert_string_equal(a->label, want[i][2]);
    else
      assert_null(a->label);
  }
  assert_int_equal(d->items->len, 1);
  assert_string_equal(g_array_index(d->items, dx_rec_item, 0).list, "schedule");
  assert_int_equal(d->indicators->len, 1);
  const dx_rec_ind *in = &g_array_index(d->indicators, dx_rec_ind, 0);
  assert_string_equal(json_string_value(in->raw), "≥5次");
  assert_int_equal(json_integer_value(in->number), 5);
  assert_null(in->op);
  dx_rec_free(r);
  /* an error record; a line that is not JSON */
  r = dx_rec_read("{\"source\":{\"file\":\"b\"},\"error\":{\"code\":\"io\",\"message\":\"m\"}}",
                  err, sizeof err);
  assert_true(r->failed);
  assert_string_equal(json_string_value(r->error_code), "io");
  assert_int_equal(r->decls->len, 0);
  dx_rec_free(r);
  assert_null(dx_rec_read("{", err, sizeof err));
  assert_true(g_str_has_prefix(err, "not a JSON record: "));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_applied),       cmocka_unit_test(test_stale),
      cmocka_unit_test(test_who_when),      cmocka_unit_test(test_null_replaced),
      cmocka_unit_test(test_level_text),    cmocka_unit_test(test_missing_document),
      cmocka_unit_test(test_bad_pointer),   cmocka_unit_test(test_twice),
      cmocka_unit_test(test_bad_new_value), cmocka_unit_test(test_huge_number),
      cmocka_unit_test(test_record_view),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
