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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_applied),       cmocka_unit_test(test_stale),
      cmocka_unit_test(test_who_when),      cmocka_unit_test(test_null_replaced),
      cmocka_unit_test(test_level_text),    cmocka_unit_test(test_missing_document),
      cmocka_unit_test(test_bad_pointer),   cmocka_unit_test(test_twice),
      cmocka_unit_test(test_bad_new_value), cmocka_unit_test(test_huge_number),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
