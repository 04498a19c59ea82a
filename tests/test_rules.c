/* Unit tests for rules/: rule files, flags and confidence, JSON bytes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <glib/gstdio.h>

#include "dx_rules.h"
#include "rules_int.h"
#include "testutil.h"

static dx_ruleset *rs;
static dx_limits lim;

static int setup(void **state) {
  (void)state;
  dx_limits_default(&lim);
  dx_error err = {0};
  rs = dx_rules_load(NULL, &err);
  return rs ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  dx_rules_free(rs);
  return 0;
}

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc>" P(t) "</w:tc>"
#define TR(...) "<w:tr>" __VA_ARGS__ "</w:tr>"

/* The JSON of a DOCX with this body; `scanned`: the document taken as a
 * scan read by OCR, so that the rules that repair OCR's misreadings
 * apply. */
static json_t *run_doc_ocr(const char *body, bool scanned, bool ocr) {
  size_t len;
  uint8_t *z = tu_docx(&len, body);
  dx_doc *doc = NULL;
  dx_error err = {0};
  if (dx_read_bytes(&doc, "t.docx", z, len, &lim, &err) != DX_OK) fail_msg("%s", err.message);
  if (scanned) doc->format = DX_FORMAT_PDF_SCANNED;
  for (guint b = 0; ocr && b < doc->blocks->len; b++) {
    const dx_block *bl = g_ptr_array_index(doc->blocks, b);
    for (size_t c = 0; bl->kind == DX_BLOCK_TABLE && c < bl->table->ncells; c++)
      bl->table->cells[c]->origin = DX_ORIGIN_OCR;
  }
  json_t *j = dx_doc_to_json(rs, doc);
  dx_doc_free(doc);
  g_free(z);
  return j;
}

static json_t *run_doc(const char *body, bool scanned) {
  return run_doc_ocr(body, scanned, false);
}

static json_t *run(const char *body) {
  return run_doc(body, false);
}

static json_t *run_as_scan(const char *body) {
  return run_doc(body, true);
}

static bool has_flag(const json_t *o, const char *flag) {
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(o, "flags"), i,
                     v) if (strcmp(json_string_value(v), flag) == 0) return true;
  return false;
}

static const char *FORM =
    P("2023年度测试项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名名称") TC("测试项目"))
        TR(TC("项目属性") TC("新增 ☑ 延续 ☑"))
            TR(TC("项目资金申请") TC("项目") TC("上年度安排资金") TC("本年度申请资金"))
                TR(TC("") TC("合计") TC("10") TC("35000元"))
                    TR(TC("") TC("县级资金") TC("5") TC("2万"))
                        TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
                            TR(TC("") TC("社会效益指标") TC("群众受益") TC("≥1次"))
                                TR(TC("产出指标") TC("数量指标") TC("指标2:") TC("")) "</w:tbl>";

static void test_flags(void **state) {
  (void)state;
  json_t *j = run(FORM);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_non_null(d);
  assert_string_equal(json_string_value(json_object_get(d, "form")), "project_expenditure");
  json_t *fields = json_object_get(d, "fields");
  json_t *name = json_object_get(fields, "project_name");
  assert_string_equal(json_string_value(json_object_get(name, "value")), "测试项目");
  assert_true(has_flag(name, "label_fuzzy"));
  assert_true(json_real_value(json_object_get(name, "confidence")) < 0.9);
  json_t *attr = json_object_get(fields, "project_attribute");
  assert_true(json_is_null(json_object_get(attr, "value")));
  assert_true(has_flag(attr, "checkbox_ambiguous"));
  json_t *funds = json_object_get(d, "funds");
  json_t *prior = json_object_get(funds, "prior_year_total");
  assert_true(has_flag(prior, "unit_assumed"));
  json_t *cur = json_object_get(funds, "current_year_total");
  assert_true(has_flag(cur, "unit_converted"));
  assert_true(json_number_value(json_object_get(cur, "value")) == 3.5);
  assert_true(has_flag(d, "sum_mismatch:funds"));
  json_t *inds = json_object_get(d, "indicators");
  assert_int_equal(json_array_size(inds), 1); /* the blank "指标2:" row is dropped */
  json_t *ind = json_array_get(inds, 0);
  assert_string_equal(json_string_value(json_object_get(ind, "level1")), "效益指标");
  assert_true(has_flag(ind, "level1_inferred"));
  double dconf = json_real_value(json_object_get(d, "confidence"));
  assert_true(dconf > 0 && dconf < 0.9); /* the minimum over its parts */
  json_decref(j);
}

/* Checkbox options with the box before or after the words, plain text. */
static void test_checkbox_options(void **state) {
  (void)state;
  static const struct {
    const char *cell, *attr;
  } cases[] = {
      {"☑新增项目 ☐延续项目", "new"},
      {"新增项目 ☐ 延续项目 ☑", "continuing"},
      {"■新增 □延续", "new"},
      {"延续性项目", "continuing"},
      {"新增项目 ☐ 延续项目 ☐", NULL},
      {"新增 &lt;input type=\"checkbox\" checked/&gt; 延续 &lt;input type=\"checkbox\"/&gt;",
       "new"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *body =
        g_strdup_printf(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试"))
                            TR(TC("项目属性") TC("%s")) "</w:tbl>",
                        cases[i].cell);
    json_t *j = run(body);
    g_free(body);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *f = json_object_get(json_object_get(d, "fields"), "project_attribute");
    const char *got = json_string_value(json_object_get(f, "value"));
    if (cases[i].attr ? !got || strcmp(got, cases[i].attr) != 0 : got != NULL)
      fail_msg("%s: got %s", cases[i].cell, got ? got : "null");
    if (!cases[i].attr && !has_flag(f, "checkbox_ambiguous"))
      fail_msg("%s: not flagged", cases[i].cell);
    json_decref(j);
  }
}

/* A title that shares its line with other text (a tab or wide gap
 * between them) still opens a declaration; the other text is read as
 * its own line (金额单位 before the title, 填报单位 after). */
static void test_title_sharing_line(void **state) {
  (void)state;
  json_t *j =
      run(P("2023年度项目支出绩效目标申报表\t\t金额单位：万元") "<w:tbl>" TR(TC("项目名称")
                                                                                 TC("甲项目"))
              TR(TC("年度资金总额") TC("12")) "</w:tbl>" P(
                  "填报单位（盖章）：县林业局    "
                  "2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("乙项"
                                                                                   "目"))
                  TR(TC("主管部门") TC("县林业局")) TR(TC("年度资金总额") TC("30")) "</w:tbl>");
  json_t *ds = json_object_get(j, "declarations");
  assert_int_equal(json_array_size(ds), 2);
  json_t *a = json_array_get(ds, 0), *b = json_array_get(ds, 1);
  assert_string_equal(json_string_value(json_object_get(a, "title")),
                      "2023年度项目支出绩效目标申报表");
  json_t *total = json_object_get(json_object_get(a, "funds"), "current_year_total");
  assert_true(json_number_value(json_object_get(total, "value")) == 12);
  assert_false(has_flag(total, "unit_assumed"));
  json_t *name = json_object_get(json_object_get(b, "fields"), "project_name");
  assert_string_equal(json_string_value(json_object_get(name, "value")), "乙项目");
  json_t *unit = json_object_get(json_object_get(b, "fields"), "filing_unit");
  assert_string_equal(json_string_value(json_object_get(unit, "value")), "县林业局");
  json_decref(j);
}

/* On a scan, a field's label with a mark OCR read for its colon after
 * it (fax80: "填报单位（盖章）·湘阴县…", a dot of the full-width colon
 * lost) is split from its value as at a colon; in a typed document the
 * mark is text as written. */
static void test_ocr_colon(void **state) {
  (void)state;
  const char *doc = P("2023年度项目支出绩效目标申报表")
      P("填报单位（盖章）·县林业局") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
          TR(TC("主管部门") TC("县林业局")) "</w:tbl>";
  json_t *j = run_as_scan(doc);
  json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *unit = json_object_get(f, "filing_unit");
  assert_non_null(unit);
  assert_string_equal(json_string_value(json_object_get(unit, "value")), "县林业局");
  assert_int_equal(json_integer_value(json_object_get(json_object_get(unit, "at"), "paragraph")),
                   1);
  json_decref(j);
  j = run(doc);
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  assert_null(json_object_get(f, "filing_unit"));
  json_decref(j);
}

static void test_letter(void **state) {
  (void)state;
  json_t *j = run(P("关于报送绩效目标的通知") "<w:tbl>" TR(TC("姓名") TC("电话"))
                      TR(TC("李明") TC("2115001")) "</w:tbl>");
  assert_int_equal(json_array_size(json_object_get(j, "declarations")), 0);
  json_t *ws = json_object_get(j, "warnings");
  json_t *w = json_array_get(ws, json_array_size(ws) - 1);
  assert_string_equal(json_string_value(json_object_get(w, "code")), "no_declaration");
  json_decref(j);
}

static void test_bytes(void **state) {
  (void)state;
  json_t *o = json_pack("{s:f,s:f,s:i,s:s}", "a", 1520.67, "b", 0.1 + 0.2, "c", 5, "d", "汉字");
  char *s = dx_json_dump(o, false);
  assert_string_equal(s, "{\"a\":1520.67,\"b\":0.3,\"c\":5,\"d\":\"汉字\"}");
  g_free(s);
  json_decref(o);
  json_t *a = run(FORM), *b = run(FORM);
  char *sa = dx_json_dump(a, true), *sb = dx_json_dump(b, true);
  assert_string_equal(sa, sb);
  g_free(sa);
  g_free(sb);
  json_decref(a);
  json_decref(b);
}

/* rules/NAME (labels.rules, values.rules) as shipped (g_free). */
static char *shipped(const char *name) {
  char *path = g_build_filename(DX_SOURCE_DIR, "rules", name, NULL);
  char *text = NULL;
  assert_true(g_file_get_contents(path, &text, NULL, NULL));
  g_free(path);
  return text;
}

static void test_rule_files(void **state) {
  (void)state;
  char dir[] = "/tmp/dxrulesXXXXXX";
  assert_non_null(g_mkdtemp(dir));
  char *lp = g_build_filename(dir, "labels.rules", NULL);
  char *vp = g_build_filename(dir, "values.rules", NULL);
  g_file_set_contents(lp, "# comment\nfield\tproject_name\t项目名称\nfield\tbad\t(unclosed\n", -1,
                      NULL);
  g_file_set_contents(vp, "op_prefix\t>=\t≥\n", -1, NULL);
  dx_error err = {0};
  assert_null(dx_rules_load(dir, &err));
  assert_non_null(strstr(err.message, "labels.rules:3"));
  g_file_set_contents(lp, "field\tproject_name\t项目名称\n", -1, NULL);
  g_file_set_contents(vp, "op_prefix\t=>>\t≥\n", -1, NULL);
  assert_null(dx_rules_load(dir, &err));
  assert_string_equal(err.message, "values.rules:1: expected CATEGORY<TAB>OP<TAB>words");
  /* invalid UTF-8 in a user's rule file (found by fuzzing) */
  g_file_set_contents(vp, "op_prefix\t>=\t\xe2\n", -1, NULL);
  assert_null(dx_rules_load(dir, &err));
  assert_non_null(strstr(err.message, "values.rules: not valid UTF-8"));
  /* a directory's files have every category (test_rule_categories): the
   * shipped ones, with a rule of the test's own in front */
  char *values = shipped("values.rules");
  g_file_set_contents(vp, values, -1, NULL);
  char *shipped_labels = shipped("labels.rules");
  char *labels = g_strconcat("field\town_key\t自定义标签\n", shipped_labels, NULL);
  g_file_set_contents(lp, labels, -1, NULL);
  dx_ruleset *own = dx_rules_load(dir, &err);
  assert_non_null(own);
  assert_string_equal(dx_rules_match(own, DX_CAT_FIELD, "自定义标签"), "own_key");
  assert_string_equal(dx_rules_match(own, DX_CAT_FIELD, "项目名称"), "project_name");
  assert_null(dx_rules_match(own, DX_CAT_FIELD, "项目名称X"));
  dx_rules_free(own);
  assert_null(dx_rules_load("/nonexistent", &err));
  remove(lp);
  remove(vp);
  g_rmdir(dir);
  g_free(labels);
  g_free(shipped_labels);
  g_free(values);
  g_free(lp);
  g_free(vp);
}

/* What dx_rules_load says of a rules directory with these files (NULL:
 * it loaded; else g_free). */
static char *load_dir_error(const char *labels, const char *values) {
  char dir[] = "/tmp/dxrulesXXXXXX";
  assert_non_null(g_mkdtemp(dir));
  char *lp = g_build_filename(dir, "labels.rules", NULL);
  char *vp = g_build_filename(dir, "values.rules", NULL);
  assert_true(g_file_set_contents(lp, labels, -1, NULL));
  assert_true(g_file_set_contents(vp, values, -1, NULL));
  dx_error err = {0};
  dx_ruleset *own = dx_rules_load(dir, &err);
  char *msg = own ? NULL : g_strdup(err.message);
  dx_rules_free(own);
  remove(lp);
  remove(vp);
  g_rmdir(dir);
  g_free(lp);
  g_free(vp);
  return msg;
}

/* text with the lines of the given category left out (g_free). */
static char *without_category(const char *text, const char *cat) {
  char *prefix = g_strconcat(cat, "\t", NULL);
  char **lines = g_strsplit(text, "\n", -1);
  GString *out = g_string_new(NULL);
  for (int i = 0; lines[i]; i++)
    if (!g_str_has_prefix(lines[i], prefix)) g_string_append_printf(out, "%s\n", lines[i]);
  g_strfreev(lines);
  g_free(prefix);
  return g_string_free(out, FALSE);
}

/* Categories are the enum's: a misspelt one in a rule file is an error
 * naming the file, the line and the name; a rules directory lacking a
 * category the mapping looks up is an error naming it; the names
 * round-trip through the one table. */
static void test_rule_categories(void **state) {
  (void)state;
  char *labels = shipped("labels.rules"), *values = shipped("values.rules");
  char *msg = load_dir_error("# comment\nfield\tproject_name\t项目名称\n"
                             "fund_totl\tcurrent_year\t资金总额\n",
                             values);
  assert_non_null(msg);
  assert_string_equal(msg, "labels.rules:3: unknown category \"fund_totl\"");
  g_free(msg);
  /* a category's name is the whole first column: no prefix, no case folding */
  msg = load_dir_error("Field\tproject_name\t项目名称\n", values);
  assert_non_null(msg);
  assert_string_equal(msg, "labels.rules:1: unknown category \"Field\"");
  g_free(msg);
  /* a misspelt category in values.rules, on the line after the shipped ones */
  assert_true(g_str_has_suffix(values, "\n"));
  unsigned lines = 0;
  for (const char *p = values; *p; p++) lines += *p == '\n';
  char *bad = g_strconcat(values, "unti\t=\t次\n", NULL);
  msg = load_dir_error(labels, bad);
  assert_non_null(msg);
  char *want = g_strdup_printf("values.rules:%u: unknown category \"unti\"", lines + 1);
  assert_string_equal(msg, want);
  g_free(want);
  g_free(msg);
  g_free(bad);
  msg = load_dir_error(labels, values);
  assert_null(msg); /* the shipped files are complete */
  char *one = without_category(labels, "title_ocr");
  msg = load_dir_error(one, values);
  assert_non_null(msg);
  assert_string_equal(msg, "labels.rules: no rule of category \"title_ocr\"");
  g_free(msg);
  char *two = without_category(one, "field");
  msg = load_dir_error(two, values);
  assert_non_null(msg);
  assert_string_equal(msg, "labels.rules: no rule of categories \"field\", \"title_ocr\"");
  g_free(msg);
  char *vless = without_category(values, "unit_scale");
  msg = load_dir_error(labels, vless);
  assert_non_null(msg);
  assert_string_equal(msg, "values.rules: no rule of category \"unit_scale\"");
  g_free(msg);
  /* from text (tests, fuzzing) a category may be missing, never unknown */
  dx_error err = {0};
  dx_ruleset *own = dx_rules_load_text("field\tproject_name\t项目名称\n", "", &err);
  assert_non_null(own);
  assert_null(dx_rules_match(own, DX_CAT_TITLE_OCR, "绩效目标申报表"));
  dx_rules_free(own);
  assert_null(dx_rules_load_text("field\tproject_name\t项目名称\nlevel3\tx\ty\n", "", &err));
  assert_string_equal(err.message, "labels.rules:2: unknown category \"level3\"");
  /* one table of names */
  for (int c = DX_CAT_NONE + 1; c < DX_CAT_COUNT; c++) {
    dx_cat got = DX_CAT_NONE;
    assert_true(dx_cat_lookup(&got, dx_cat_name((dx_cat)c)));
    assert_int_equal(got, c);
  }
  dx_cat none = DX_CAT_FIELD;
  assert_false(dx_cat_lookup(&none, ""));
  assert_false(dx_cat_lookup(&none, "fund_totl"));
  assert_int_equal(none, DX_CAT_FIELD); /* left alone */
  assert_string_equal(dx_cat_name(DX_CAT_NONE), "");
  assert_string_equal(dx_cat_name(DX_CAT_FUND_TOTAL), "fund_total");
  g_free(vless);
  g_free(two);
  g_free(one);
  g_free(values);
  g_free(labels);
}

/* Labels a scan misread, matched to the nearest rule text within one edit
 * per four characters; values stay values; labels of the forms' structure
 * are kept from it; a typed (DOCX) label is taken as written. */
static void test_near_labels(void **state) {
  (void)state;
  int d = -1;
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FIELD, "部门(单值)茗称", 2, &d, NULL),
                      "department");
  assert_int_equal(d, 2);
  assert_null(dx_rules_match_near(rs, DX_CAT_FIELD, "部门(单值)茗称", 1, &d, NULL));
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FIELD, "填报单位(盖童)", 2, &d, NULL),
                      "filing_unit");
  assert_int_equal(d, 1);
  assert_null(dx_rules_match_near(rs, DX_CAT_FIELD, "县政府办公室", 1, &d, NULL));
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FUND_TOTAL, "年度资金总颔", 1, &d, NULL),
                      "current_year");
  /* the nearest text itself: a fax's dropped 一 put back */
  char *near = NULL;
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FUND_SOURCE, "般公共预算拨款", 1, &d, &near),
                      "fiscal_appropriation");
  assert_string_equal(near, "一般公共预算拨款");
  g_free(near);
  assert_null(dx_rules_match_near(rs, DX_CAT_FUND_SOURCE, "县政府办公室", 1, &d, &near));
  assert_null(near);
  /* a mark OCR reads for 工 is a third of an edit near a label when it is
   * an ocr_confusable (I), a whole edit when only an ocr_mark (1: a
   * number is no label's misread) */
  assert_int_equal(dx_rules_distance_thirds(rs, "I作", "工作", 3), 1);
  assert_int_equal(dx_rules_distance_thirds(rs, "1作", "工作", 3), 3);
  /* a character OCR confuses with the written one (ocr_confusable) is a
   * third of an edit: three such in 本件度中请资企 are one edit, and with
   * max 0 one alone is taken (项日), another character is not (项甲) */
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FUND_COLUMN, "本件度中请资企", 1, &d, NULL),
                      "current_year");
  assert_int_equal(d, 1);
  assert_null(dx_rules_match_near(rs, DX_CAT_FUND_COLUMN, "木件度中请资企", 1, &d, NULL));
  assert_null(dx_rules_match_near(rs, DX_CAT_FUND_COLUMN, "本仵度由请资金", 1, &d, NULL));
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_ITEMS_HEADER, "项日", 0, &d, NULL), "name");
  assert_int_equal(d, 1);
  assert_null(dx_rules_match_near(rs, DX_CAT_ITEMS_HEADER, "项甲", 0, &d, NULL));
  /* 县 read as 具 and 金 as 企: the source, written as its rule writes it */
  assert_string_equal(dx_rules_match_near(rs, DX_CAT_FUND_SOURCE, "具级资企", 1, &d, &near),
                      "county");
  assert_string_equal(near, "县级资金");
  g_free(near);
  /* as near 省级资金 as 市级资金 and 县级资金: none */
  assert_null(dx_rules_match_near(rs, DX_CAT_FUND_SOURCE, "级资金", 1, &d, &near));
  assert_null(near);
  assert_non_null(dx_rules_match(rs, DX_CAT_NEAR_BLOCK, "本年度绩效指标"));
  assert_null(dx_rules_match(rs, DX_CAT_NEAR_BLOCK, "本年度绩效目标"));
  json_t *j =
      run(P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("实施单位") TC("县交通局"))
              TR(TC("主管部门") TC("县交通局")) TR(TC("项目属性") TC("新增"))
                  TR(TC("项目茗称") TC("测试项目")) "</w:tbl>");
  json_t *dcl = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *unit = json_object_get(json_object_get(dcl, "fields"), "implementing_unit");
  assert_string_equal(json_string_value(json_object_get(unit, "value")), "县交通局");
  json_t *name = json_object_get(json_object_get(dcl, "fields"), "project_name");
  assert_true(!name || json_is_null(json_object_get(name, "value")));
  json_decref(j);
}

/* A field label glued to the value before it in a line of text (OCR saw
 * no space) is split from it. */
static void test_glued_label(void **state) {
  (void)state;
  json_t *j =
      run(P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
              TR(TC("主管部门") TC("县交通局")) TR(TC("项目属性") TC("新增")) "</w:tbl>" P(
                  "填表人：李芳 联系电话：0730-6225678填报日期：2024年1月15日"));
  json_t *f = json_object_get(
      json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields"),
      "filled_date");
  assert_string_equal(json_string_value(json_object_get(f, "raw")), "2024年1月15日");
  json_decref(j);
  /* blanks left to fill, the spaces between them not read: each label
   * is a field of its own, none another's value */
  j = run(P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
              TR(TC("主管部门") TC("县交通局")) "</w:tbl>" P("填表人：联系电话：单位负责人签字："));
  json_t *fields = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  const char *keys[] = {"filled_by", "contact_phone", "unit_head"};
  for (size_t i = 0; i < 3; i++) {
    f = json_object_get(fields, keys[i]);
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "raw")), "");
  }
  json_decref(j);
}

/* A 填报单位 line whose value OCR glued to the money unit note at its
 * right ("衡东县政府办单位：万元"): on a scan the note is split off, the
 * unit is the value; typed (the space is there when it was typed), or
 * with no money unit after the note's colon, the text stays whole. */
static void test_scan_glued_unit_note(void **state) {
  (void)state;
  static const struct {
    const char *line, *want;
    bool scan;
  } cases[] = {
      {"填报单位：（盖章）衡东县政府办单位：万元", "（盖章）衡东县政府办", true},
      {"填报单位：县交通局金额单位：元", "县交通局", true},
      {"填报单位：（盖章）衡东县政府办单位：万元", "（盖章）衡东县政府办单位：万元", false},
      {"填报单位：县交通局单位：李芳", "县交通局单位：李芳", true},
      {"填报单位：县交通局 金额单位：万元", "县交通局", true},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *para = g_strdup_printf("<w:p><w:r><w:t>%s</w:t></w:r></w:p>", cases[i].line);
    char *body = g_strconcat(P("2023年度测试项目支出绩效目标申报表"), para,
                             "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
                                 TR(TC("主管部门") TC("县交通局")) "</w:tbl>",
                             NULL);
    json_t *j = run_doc(body, cases[i].scan);
    json_t *f = json_object_get(
        json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields"),
        "filing_unit");
    assert_non_null(f);
    if (strcmp(json_string_value(json_object_get(f, "raw")), cases[i].want) != 0)
      fail_msg("case %zu: %s", i, json_string_value(json_object_get(f, "raw")));
    json_decref(j);
    g_free(body);
    g_free(para);
  }
}

static void test_labels(void **state) {
  (void)state;
  static const struct {
    dx_cat cat;
    const char *key, *want;
  } cases[] = {
      {DX_CAT_FIELD, "项目支出名称", "project_name"},
      {DX_CAT_FIELD, "支出方向(子项)", "project_name"},
      {DX_CAT_FIELD, "主管部门及代码", "department"},
      {DX_CAT_FIELD, "项目起止年限", "period"},
      {DX_CAT_FIELD, "单位负责人签字", "unit_head"},
      {DX_CAT_FIELD, "财政核审部门意见", "review_opinion"},
      {DX_CAT_FIELD, "中长期目标(2020年-2022年)", "long_term_goal"},
      {DX_CAT_FUND_SOURCE, "公共财政拨款", "fiscal_appropriation"},
      {DX_CAT_FUND_SOURCE, "本级资金", "county"},
      {DX_CAT_FUND_SOURCE, "因公出国(境)费", "three_public"},
      {DX_CAT_LEVEL1, "产出指标(预期提供的公共产品)", "产出指标"},
      {DX_CAT_LEVEL2, "社会公众或服务对象满意度指标", "服务对象满意度指标"},
      {DX_CAT_LEVEL2, "经济效益", "经济效益指标"},
      {DX_CAT_LEVEL2, "环境效益指标", "生态效益指标"},
      {DX_CAT_LEVEL1, "满意度指", "满意度指标"},
      {DX_CAT_FORM, "2023年区级专项资金支出方向绩效目标表", "special_fund_direction"},
      {DX_CAT_FORM, "2023年部门整体支出绩效目标表", "department_overall"},
      {DX_CAT_IND_HEADER, "指标内容", "level3"},
      {DX_CAT_IND_HEADER, "预期目标值", "value"},
      {DX_CAT_IND_HEADER, "指标值(目标值)", "value"},
      {DX_CAT_IND_HEADER, "年度指标值", "value"},
      {DX_CAT_IND_HEADER, "度量单位", "unit"},
      {DX_CAT_IND_HEADER, "绩效指标值", "value"},
      {DX_CAT_IND_HEADER, "实施期指标值", "value"},
      {DX_CAT_LEVEL1, "项目产出", "产出指标"},
      {DX_CAT_LEVEL1, "效果指标", "效益指标"},
      {DX_CAT_LEVEL2, "产出数量", "数量指标"},
      {DX_CAT_LEVEL2, "产出时效指标", "时效指标"},
      {DX_CAT_IND_HEADER, "指标性质", "sign"},
      {DX_CAT_FUND_FAMILY, "county", "1"},
      {DX_CAT_PART_PREFIX, "其中:", "any"},
      {DX_CAT_ITEMS_HEADER, "收入项目", "name"},
      {DX_CAT_FUND_TOTAL, "2023年度资金总额", "current_year"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = dx_rules_match(rs, cases[i].cat, cases[i].key);
    if (!got || strcmp(got, cases[i].want) != 0)
      fail_msg("%s %s: got %s, want %s", dx_cat_name(cases[i].cat), cases[i].key,
               got ? got : "null", cases[i].want);
  }
  assert_null(dx_rules_match(rs, DX_CAT_LEVEL1, "社会效益"));
  char *s = dx_rules_strip(rs, DX_CAT_NUMBERING, "指标1: 全年办理", false);
  assert_string_equal(s, "全年办理");
  g_free(s);
  s = dx_rules_strip(rs, DX_CAT_NUMBERING, "2023年度", false);
  assert_string_equal(s, "2023年度");
  g_free(s);
}

static json_t *total_field(json_t *d, const char *key) {
  return json_object_get(json_object_get(d, "funds"), key);
}

static json_t *part(json_t *d, size_t i) {
  return json_array_get(json_object_get(json_object_get(d, "funds"), "breakdown"), i);
}

/* What a fax's dropouts leave of a form (strokes of 一, 二, 目, 量 gone)
 * is read as a typist would read it, on a scan only: the title's 目标,
 * the level headings by their order, short level and fund names one
 * character off, fund labels written as their rule writes them and
 * flagged label_fuzzy. */
static const char *FAXED =
    P("2024年度专项资金绩效1标申报表") "<w:tbl>" TR(TC("项目名称") TC("城区道路维修改造"))
        TR(TC("年度资金总额") TC("100")) TR(TC("般公共预算拨款") TC("80"))
            TR(TC("项支出") TC("20")) "</w:tbl><w:tbl>" TR(TC("-级指标") TC("级指标") TC("三级指标")
                                                               TC("指标们"))
                TR(TC("产出指标") TC("数指标") TC("维修道路长度") TC("≥12公里")) "</w:tbl>";

/* Labels a fax left with strays and gaps, read on a scan as a typist
 * would: a bracket OCR read where a rule stood (年]度绩效1标), a label
 * whose note lost a word (年度总体绩效标(含本级和)), 主管部门 with 主
 * and 门 misread (注管部！), an attribute option one character off
 * (延续性项计), a fund source
 * under a misread 其中 (其中财政拨款次, 其:财政拨款, 其财政拨款20万), the
 * fund label repeated along its row paired with the value after it, as
 * typed labels are. */
#define TCV_(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define TCC_ "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
static const char *FAXED_LABELS =
    P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("甲项目") TC("") TC(""))
        TR(TC("注管部！") TC("某单位") TC("") TC(""))
            TR(TC("项目属性") TC("延续性项计") TC("") TC(""))
                TR(TC("") TC("年度总体绩效标(含本级和)") TC("年]度绩效1标：完成道路维修") TC(""))
                    TR(TCV_("资金情况") TC("年度资金总额") TC("年度资金总额") TC("100"))
                        TR(TCC_ TC("其中财政拨款次") TC("其:财政拨款") TC("100"))
                            TR(TCC_ TC("其他资金") TC("其他资金") TC("")) "</w:tbl>";

static const char *FAXED_INLINE =
    P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("乙项目"))
        TR(TC("其中财政拨款") TC("其财政拨款20万")) TR(TC("其他资金") TC("其他资金")) "</w:tbl>";

/* A fund label a fax dropped a character of and misread another in
 * (般公共预算拨欧: two edits from 一般公共预算拨款, eight characters,
 * one edit in four): the edits allowed are counted on the longer. */
static const char *FAXED_DROPPED =
    P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("丁项目") TC("") TC(""))
        TR(TCV_("资金情况") TC("年度资金总额") TC("年度资金总额") TC("100"))
            TR(TCC_ TC("其中") TC("般公共预算拨欧") TC("80"))
                TR(TCC_ TC("其他资金") TC("其他资金") TC("20")) "</w:tbl>";

/* On a scan, a share's ≥ that a fax broke into 2 or ± ("295%", "±90%"):
 * read back as ≥ for an indicator named as a rate (办结率) or under a
 * level 2 of satisfaction (人民群众满意); a small ± share (a tolerance)
 * and typed values are kept as written. */
static const char *FAXED_SIGNS =
    P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("丙项目") TC("") TC(""))
        TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
            TR(TC("满意度指标") TC("服务对象满意度指标") TC("人民群众满意") TC("295%"))
                TR(TC("产出指标") TC("质量指标") TC("案件办结率") TC("±90%"))
                    TR(TC("产出指标") TC("质量指标") TC("预算偏差率") TC("±5%")) "</w:tbl>";

/* A part of 三公经费 a fax misread (因公出 (境)贷: 国 lost, 费 read as
 * 贷): on a scan it is matched to the part's usual name, so that its
 * amount is not taken by the next part. Typed, it is no label. */
static const char *FAXED_THREE_PUBLIC = P("2024年度部门整体支出绩效目标申报表") "<w:tbl>" TR(
    TC("部门名称") TC("县农业农村局") TC("") TC(""))
    TR(TCV_("三公经费") TC("因公出 (境)贷") TC("0") TC("公务接待费") TC("2"))
        TR(TCC_ TC("公务用车购置及运行费") TC("8") TC("合计") TC("10")) "</w:tbl>";

static void test_scan_three_public_part(void **state) {
  (void)state;
  const char *labels[] = {"因公出国(境)费", "公务接待费", "公务用车购置及运行费", "合计"};
  const int amounts[] = {0, 2, 8, 10};
  json_t *j = run_as_scan(FAXED_THREE_PUBLIC);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *b = json_object_get(json_object_get(d, "funds"), "breakdown");
  assert_int_equal(json_array_size(b), 4);
  for (size_t i = 0; i < 4; i++) {
    json_t *e = json_array_get(b, i);
    assert_string_equal(json_string_value(json_object_get(e, "label")), labels[i]);
    json_t *v = json_object_get(json_object_get(e, "current_year"), "value");
    assert_int_equal(json_integer_value(v), amounts[i]);
  }
  json_decref(j);
  j = run_doc(FAXED_THREE_PUBLIC, false);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  b = json_object_get(json_object_get(d, "funds"), "breakdown");
  assert_int_equal(json_array_size(b), 3);
  json_decref(j);
}

static void test_scan_rate_signs(void **state) {
  (void)state;
  const char *want[2][3] = {{"295%", "±90%", "±5%"}, {"≥95%", "≥90%", "±5%"}};
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_SIGNS, scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *inds = json_object_get(d, "indicators");
    assert_int_equal(json_array_size(inds), 3);
    for (size_t i = 0; i < 3; i++) {
      json_t *v = json_object_get(json_array_get(inds, i), "value");
      assert_string_equal(json_string_value(json_object_get(v, "raw")), want[scan][i]);
    }
    json_decref(j);
  }
}

static void test_scan_label_strays(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_LABELS);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *fields = json_object_get(d, "fields");
  /* 主 read as 注, 门 as ! */
  json_t *dep = json_object_get(fields, "department");
  assert_non_null(dep);
  assert_string_equal(json_string_value(json_object_get(dep, "raw")), "某单位");
  /* an option one character off */
  json_t *attr = json_object_get(fields, "project_attribute");
  assert_non_null(attr);
  assert_string_equal(json_string_value(json_object_get(attr, "value")), "continuing");
  json_t *lt = json_object_get(fields, "long_term_goal");
  assert_non_null(lt);
  assert_true(has_flag(lt, "label_fuzzy"));
  json_t *an = json_object_get(fields, "annual_goal");
  assert_non_null(an);
  assert_string_equal(json_string_value(json_object_get(an, "raw")), "完成道路维修");
  json_t *b0 = part(d, 0);
  assert_string_equal(json_string_value(json_object_get(b0, "label")), "财政拨款");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(b0, "current_year"), "raw")), "100");
  assert_string_equal(json_string_value(json_object_get(part(d, 1), "label")), "其他资金");
  assert_null(part(d, 2));
  json_decref(j);
  j = run_as_scan(FAXED_INLINE);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  b0 = part(d, 0);
  assert_string_equal(json_string_value(json_object_get(b0, "label")), "财政拨款");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(b0, "current_year"), "raw")), "20万");
  assert_null(part(d, 2));
  json_decref(j);
  j = run_as_scan(FAXED_DROPPED);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  b0 = part(d, 0);
  assert_non_null(b0);
  assert_string_equal(json_string_value(json_object_get(b0, "source")), "fiscal_appropriation");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(b0, "current_year"), "raw")), "80");
  json_decref(j);
}

/* A fax dropped the 目 of a second form's title (绩效 标表): on a scan it
 * still starts a declaration, titled as a typist would write it. */
static void test_scan_title_lost(void **state) {
  (void)state;
  json_t *j = run_as_scan(
      P("2024年度专项资金绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
          TR(TC("年度资金总额") TC("100")) "</w:tbl>" P("2024年度专项资金绩效 标表") "<w:tbl>" TR(
              TC("项目名称") TC("乙项目")) TR(TC("年度资金总额") TC("50")) "</w:tbl>");
  json_t *ds = json_object_get(j, "declarations");
  assert_int_equal(json_array_size(ds), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(ds, 1), "title")),
                      "2024年度专项资金绩效目标表");
  json_decref(j);
  /* a word of the form's name one character off (目 read as 计) is
   * written as the word; a title without one is left as it is; a 申 a
   * fax lost from 申报 is written back, and so are the form and year */
  const char *titles[][2] = {
      {"2023年部门项计支出预算绩效目标表", "2023年部门项目支出预算绩效目标表"},
      {"2023年度乡村振兴绩效目标表", "2023年度乡村振兴绩效目标表"},
      {"2024年度部门整体支出绩效目标 报表", "2024年度部门整体支出绩效目标申报表"},
      {"2024年度项目支出绩效目标明报表", "2024年度项目支出绩效目标申报表"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(titles); i++) {
    char *body = g_strconcat("<w:p><w:r><w:t xml:space=\"preserve\">", titles[i][0],
                             "</w:t></w:r></w:p>"
                             "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
                                 TR(TC("年度资金总额") TC("100")) "</w:tbl>",
                             NULL);
    j = run_as_scan(body);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    const char *title = json_string_value(json_object_get(d, "title"));
    assert_non_null(title);
    assert_string_equal(title, titles[i][1]);
    assert_int_equal(json_integer_value(json_object_get(d, "fiscal_year")),
                     titles[i][0][3] == '3' ? 2023 : 2024);
    json_decref(j);
    g_free(body);
  }
  /* typed, a title is as written: no 申 is put in */
  j = run(
      P("2024年度部门整体支出绩效目标报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目")) "</w:tbl>");
  json_t *t = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "title");
  assert_true(!json_is_string(t) || !strstr(json_string_value(t), "申报"));
  json_decref(j);
}

/* Two characters of a label whose middle one a fax lost (项期 for 项目期)
 * are that label on a scan; the word its first two make (项目) is not,
 * and typed text is taken as written. */
static void test_scan_label_middle_lost(void **state) {
  (void)state;
  const char *doc = P("2024年度专项资金绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
      TR(TC("项期") TC("2023")) TR(TC("年度资金总额") TC("100")) "</w:tbl>";
  json_t *j = run_as_scan(doc);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *period = json_object_get(json_object_get(d, "fields"), "period");
  assert_non_null(period);
  assert_string_equal(json_string_value(json_object_get(period, "raw")), "2023");
  json_decref(j);
  j = run(doc);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_null(json_object_get(json_object_get(d, "fields"), "period"));
  json_decref(j);
}

/* Level-3 cells holding lines that are nothing but an item's number
 * (a blank "指标2:" item whose border a fax lost, left in the cell
 * above it or with the blank item before it): those lines are no
 * indicator's name. A cell of such lines alone is a blank item,
 * dropped; one with a name keeps the name. On a scan, "指 2:" (标 lost)
 * is such a number too. */
static const char *PLACEHOLDER_LINES =
    P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
        TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
            TR(TC("产出指标") TC("数量指标") "<w:tc>" P("指标1:") P("指标2:") "</w:tc>" TC(""))
                TR(TC("") TC("") "<w:tc>" P("指标1:增进群众认同") P("指标2:") "</w:tc>" TC("≥1次"))
                    TR(TC("") TC("") TC("指 2：") TC("")) "</w:tbl>";

static void test_placeholder_lines(void **state) {
  (void)state;
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(PLACEHOLDER_LINES, scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *inds = json_object_get(d, "indicators");
    /* typed, "指 2：" is taken as written */
    assert_int_equal(json_array_size(inds), scan ? 1 : 2);
    json_t *ind = json_array_get(inds, 0);
    assert_string_equal(json_string_value(json_object_get(ind, "level3")), "增进群众认同");
    json_decref(j);
  }
}

/* On a scan, an indicator's name after an empty pair of brackets (a
 * fax lost the thin 二 of （二）) is written without them; typed, as
 * written. */
static void test_scan_empty_bracket_number(void **state) {
  (void)state;
  const char *doc =
      P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("乡村道路养护"))
          TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
              TR(TC("产出指标") TC("数量指标") TC("（）养护路段") TC("35条")) "</w:tbl>";
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(doc, scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *ind = json_array_get(json_object_get(d, "indicators"), 0);
    assert_non_null(ind);
    assert_string_equal(json_string_value(json_object_get(ind, "level3")),
                        scan ? "养护路段" : "（）养护路段");
    json_decref(j);
  }
}

/* A level-2 name written in the level-1 column (level-2 cell blank),
 * misread by OCR ("可特续影响", "持续影响" with 可 lost): on a scan it is
 * still that row's level 2, not the level 2 of the row above. */
static void test_scan_level2_in_level1_column(void **state) {
  (void)state;
  const char *doc =
      P("2023年度测试项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
          TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
              TR(TC("效益指标") TC("社会效益") TC("加强联络") TC("≥97"))
                  TR(TC("生态效益") TC("") TC("无社会危害") TC(""))
                      TR(TC("可特续影响") TC("") TC("协调工作开展") TC("≥98"))
                          TR(TC("持续影响") TC("") TC("管理工作顺利进行") TC("≥99")) "</w:tbl>";
  json_t *j = run_as_scan(doc);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *inds = json_object_get(d, "indicators");
  assert_int_equal(json_array_size(inds), 4);
  assert_string_equal(json_string_value(json_object_get(json_array_get(inds, 1), "level2")),
                      "生态效益指标");
  for (int i = 2; i < 4; i++) {
    json_t *ind = json_array_get(inds, i);
    assert_string_equal(json_string_value(json_object_get(ind, "level2")), "可持续影响指标");
    assert_string_equal(json_string_value(json_object_get(ind, "level1")), "效益指标");
  }
  json_decref(j);
}

static void test_scan_repairs(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_string_equal(json_string_value(json_object_get(d, "title")),
                      "2024年度专项资金绩效目标申报表");
  json_t *b0 = part(d, 0), *b1 = part(d, 1);
  assert_string_equal(json_string_value(json_object_get(b0, "label")), "一般公共预算拨款");
  assert_string_equal(json_string_value(json_object_get(b0, "source")), "fiscal_appropriation");
  assert_true(has_flag(json_object_get(b0, "current_year"), "label_fuzzy"));
  assert_true(json_real_value(json_object_get(json_object_get(b0, "current_year"), "confidence")) <
              0.85);
  assert_string_equal(json_string_value(json_object_get(b1, "label")), "项目支出");
  assert_string_equal(json_string_value(json_object_get(b1, "source")), "project_expenditure");
  json_t *ind = json_array_get(json_object_get(d, "indicators"), 0);
  assert_non_null(ind);
  assert_string_equal(json_string_value(json_object_get(ind, "level1")), "产出指标");
  assert_string_equal(json_string_value(json_object_get(ind, "level2")), "数量指标");
  assert_string_equal(json_string_value(json_object_get(ind, "level3")), "维修道路长度");
  assert_string_equal(json_string_value(json_object_get(json_object_get(ind, "value"), "raw")),
                      "≥12公里");
  json_decref(j);
  /* typed, the same text is taken as written: no title, no such labels */
  j = run(FAXED);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_true(json_is_null(json_object_get(d, "title")) ||
              strcmp(json_string_value(json_object_get(d, "title")),
                     "2024年度专项资金绩效目标申报表") != 0);
  assert_null(json_array_get(json_object_get(d, "indicators"), 0));
  json_decref(j);
}

#define TCV(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(t) "</w:tc>"
#define TCC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"

/* A fax thinned away the short rule under 本年度绩效目标, so its label
 * cell runs on down the heading of the indicator block (项目年度绩效
 * 指标): on a scan the label is still the annual goal's, its value
 * beside the label's first row; typed, such a cell heads a group. */
static const char *RUN_TOGETHER =
    P("2024年度专项资金绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("城区道路维修改造"))
        TR(TCV("本年度绩效目标项目年度绩效指标") TC("完成道路维修12公里"))
            TR(TCC TC("一级指标")) "</w:tbl>";

static void test_scan_run_together_label(void **state) {
  (void)state;
  json_t *j = run_as_scan(RUN_TOGETHER);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *g = json_object_get(json_object_get(d, "fields"), "annual_goal");
  assert_non_null(g);
  assert_string_equal(json_string_value(json_object_get(g, "raw")), "完成道路维修12公里");
  json_decref(j);
  j = run(RUN_TOGETHER);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  g = json_object_get(json_object_get(d, "fields"), "annual_goal");
  assert_true(!g || json_is_null(json_object_get(g, "value")));
  json_decref(j);
}

/* A label a fax left an edit and a confusion off its rule (本年细效目标:
 * 度 dropped, 绩 read 细, seven characters) is still that field on a
 * scan; the same with a character OCR does not confuse (甲 for 绩) is
 * two edits off and no label. */
static const char *goal_label_doc(const char *label) {
  static char buf[1024];
  g_snprintf(buf, sizeof buf,
             "%s<w:tbl>%s<w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>%s</w:tr></w:tbl>",
             P("2024年度专项资金绩效目标申报表"), TR(TC("项目名称") TC("城区道路维修改造")), label,
             TC("完成道路维修12公里"));
  return buf;
}

static void test_scan_label_confusion_share(void **state) {
  (void)state;
  static const struct {
    const char *label;
    bool goal;
  } cases[] = {{"本年细效目标", true}, {"本年甲效目标", false}, {"本年度绩效目标", true}};
  for (int i = 0; i < (int)G_N_ELEMENTS(cases); i++) {
    json_t *j = run_as_scan(goal_label_doc(cases[i].label));
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *g = json_object_get(json_object_get(d, "fields"), "annual_goal");
    const char *raw = g ? json_string_value(json_object_get(g, "raw")) : NULL;
    if (cases[i].goal) {
      assert_non_null(raw);
      assert_string_equal(raw, "完成道路维修12公里");
    } else {
      assert_true(!raw || strcmp(raw, "完成道路维修12公里") != 0);
    }
    json_decref(j);
  }
}

/* More of what a fax leaves: money and schedule column headings one
 * character off (上 dropped, 申 read 审, 开 read 升, 束 read 来) and a
 * level-3 heading whose 三 lost a stroke (二级指标 twice) are read by
 * their place, on a scan only. */
static const char *FAXED_HEADINGS =
    P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("驻京联络工作"))
        TR(TC("项目") TC("年度安排资金") TC("本年度审请资金")) TR(TC("合计") TC("68") TC("50"))
            TR(TC("市级资金") TC("8") TC("10")) TR(TC("项目实施内容") TC("升始时间") TC("结来时间"))
                TR(TC("联络工作") TC("2023年1月1日") TC("2023年12月31日")) "</w:tbl><w:tbl>" TR(
                    TC("一级指标") TC("二级指标") TC("二级指标") TC("指标值"))
                    TR(TC("产出指标") TC("数量指标") TC("调研单位数量") TC("220次")) "</w:tbl>";

static void test_scan_repairs_headings(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_HEADINGS);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *prior = total_field(d, "prior_year_total"), *cur = total_field(d, "current_year_total");
  assert_non_null(prior);
  assert_non_null(cur);
  assert_true(json_number_value(json_object_get(prior, "value")) == 68);
  assert_true(json_number_value(json_object_get(cur, "value")) == 50);
  json_t *b1 = part(d, 1);
  assert_string_equal(json_string_value(json_object_get(b1, "source")), "municipal");
  assert_true(json_number_value(json_object_get(json_object_get(b1, "prior_year"), "value")) == 8);
  json_t *sc = json_array_get(json_object_get(d, "schedule"), 0);
  assert_non_null(sc);
  assert_string_equal(json_string_value(json_object_get(sc, "start")), "2023-01-01");
  assert_string_equal(json_string_value(json_object_get(sc, "end")), "2023-12-31");
  json_t *ind = json_array_get(json_object_get(d, "indicators"), 0);
  assert_non_null(ind);
  assert_string_equal(json_string_value(json_object_get(ind, "level2")), "数量指标");
  assert_string_equal(json_string_value(json_object_get(ind, "level3")), "调研单位数量");
  assert_string_equal(json_string_value(json_object_get(json_object_get(ind, "value"), "raw")),
                      "220次");
  json_decref(j);
  /* typed, the headings are as written: no prior-year column */
  j = run(FAXED_HEADINGS);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_null(total_field(d, "prior_year_total"));
  json_decref(j);
}

/* A schedule heading whose start heading a fax left past near-matching
 * (J1始时间: 开 read as two characters) is read by its place, between
 * the content and end headings, on a scan only. */
static const char *FAXED_START =
    P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("驻京联络工作"))
        TR(TC("项目实施内容") TC("J1始时间") TC("结束时间"))
            TR(TC("联络工作") TC("2023年1月1日") TC("2023年12月31日")) "</w:tbl>";

static void test_scan_schedule_start_between(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_START);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *sc = json_array_get(json_object_get(d, "schedule"), 0);
  assert_non_null(sc);
  assert_string_equal(json_string_value(json_object_get(sc, "content")), "联络工作");
  assert_string_equal(json_string_value(json_object_get(sc, "start")), "2023-01-01");
  assert_string_equal(json_string_value(json_object_get(sc, "end")), "2023-12-31");
  json_decref(j);
  j = run(FAXED_START);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_null(json_array_get(json_object_get(d, "schedule"), 0));
  json_decref(j);
}

/* Checkbox fields a fax left: a ticked box read as 四 or 网 at the end
 * of an option's words, the empty box before it read as 己 (the ticked
 * option's words are those after the space), and a box before a
 * numbered option read as 门 (the ticked option is the one its number
 * starts). On a scan only: typed, the text is as written. */
static const char *faxed_boxes_doc(const char *attr, const char *type) {
  static char buf[2048];
  g_snprintf(buf, sizeof buf,
             "%s<w:tbl>%s<w:tr>%s<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr>"
             "<w:tr>%s<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
             P("2023年度项目支出预算绩效目标申报表"), TR(TC("项目名称") TC("驻京联络工作")),
             TC("项目属性"), attr, TC("项目类型"), type);
  return buf;
}

/* The value of field `key` of a document's first declaration, "" when
 * it has none. */
static const char *first_field_value(const json_t *j, const char *key) {
  const json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  const char *v = json_string_value(
      json_object_get(json_object_get(json_object_get(d, "fields"), key), "value"));
  return v ? v : "";
}

static void test_scan_faxed_boxes(void **state) {
  (void)state;
  static const struct {
    const char *attr, *type, *attr_value, *type_value;
  } cases[] = {
      {"新增项目己 延续项目四", "1.基本建设类 ☐ 2.行政事业类 ☐ 修缮类门奖励类 3.其他专项类 ☑",
       "continuing", "其他专项类"},
      {"新增项目 ☐ 延续项目网", "1.基本建设类 ☐ 2.行政事业类 ☑ 3.其他专项类 ☐", "continuing",
       "行政事业类"},
  };
  for (int i = 0; i < (int)G_N_ELEMENTS(cases); i++) {
    json_t *j = run_doc_ocr(faxed_boxes_doc(cases[i].attr, cases[i].type), true, true);
    assert_string_equal(first_field_value(j, "project_type"), cases[i].type_value);
    assert_string_equal(first_field_value(j, "project_attribute"), cases[i].attr_value);
    const json_t *f = json_object_get(
        json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields"),
        "project_type");
    /* the numbered option read past a box misread: below 0.9 */
    if (i == 0) assert_true(json_number_value(json_object_get(f, "confidence")) < 0.9);
    json_decref(j);
  }
  json_t *j = run_doc_ocr(faxed_boxes_doc(cases[0].attr, cases[0].type), false, false);
  assert_string_not_equal(first_field_value(j, "project_type"), "其他专项类");
  json_decref(j);
}

/* A single-choice field whose ticked box a fax lost, the other option's
 * box read empty ("新增项目 ☐ 延续项目"): on a scan, the option without a
 * box, its confidence low and the field still checkbox_ambiguous;
 * typed, no value. */
static void test_scan_unboxed_last_option(void **state) {
  (void)state;
  const char *doc = faxed_boxes_doc("新增项目 ☐ 延续项目", "3.其他专项类 ☑");
  json_t *j = run_doc_ocr(doc, true, true);
  assert_string_equal(first_field_value(j, "project_attribute"), "continuing");
  const json_t *f = json_object_get(
      json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields"),
      "project_attribute");
  assert_true(has_flag(f, "checkbox_ambiguous"));
  assert_true(json_number_value(json_object_get(f, "confidence")) < 0.5);
  json_decref(j);
  j = run_doc_ocr(faxed_boxes_doc("新增项目 ☐ 延续项目 ☐", "3.其他专项类 ☑"), true, true);
  assert_string_equal(first_field_value(j, "project_attribute"), "");
  json_decref(j);
  j = run_doc_ocr(doc, false, false);
  assert_string_equal(first_field_value(j, "project_attribute"), "");
  json_decref(j);
}

/* A level-2 heading whose 二 lost a stroke (一级指标 twice, then
 * 三级指标) is read by its place on a scan; typed, the row has no
 * level-2 heading and the level names are not taken as level 2. */
static const char *FAXED_LEVEL2 = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("政府中心工作经费")) "</w:tbl><w:tbl>" TR(TC("一级指标") TC("一级指标")
                                                                    TC("三级指标") TC("指标值"))
    TR(TC("产出指标") TC("数量指标") TC("发布、办理公文数量") TC("780件"))
        TR(TC("") TC("质量指标") TC("发布、办理及时率") TC("100%")) "</w:tbl>";

static const char *FAXED_LEVEL_STRAY = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("驻京联络维稳工作组")) "</w:tbl><w:tbl>" TR(TC("级指标") TC("级指标 1")
                                                                      TC("三级指标") TC("指标值"))
    TR(TC("产出指标") TC("数量指标") TC("保障驻京工作顺利开展") TC("保障工作"))
        TR(TC("") TC("质量指标") TC("扎实做好驻京工作") TC("≥98")) "</w:tbl>";

/* Indicator i's `key`, "" when it has none. */
static const char *ind_text(json_t *ind, size_t i, const char *key) {
  const char *v = json_string_value(json_object_get(json_array_get(ind, i), key));
  return v ? v : "";
}

static void test_scan_misread_level2(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_LEVEL2);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *ind = json_object_get(d, "indicators");
  assert_int_equal(json_array_size(ind), 2);
  assert_string_equal(ind_text(ind, 0, "level1"), "产出指标");
  assert_string_equal(ind_text(ind, 0, "level2"), "数量指标");
  assert_string_equal(ind_text(ind, 1, "level2"), "质量指标");
  assert_string_equal(ind_text(ind, 1, "level3"), "发布、办理及时率");
  json_decref(j);
  j = run(FAXED_LEVEL2);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  ind = json_object_get(d, "indicators");
  assert_string_not_equal(ind_text(ind, 0, "level2"), "数量指标");
  json_decref(j);
  /* 一 and 二 lost, and a speck read after the second heading */
  j = run_as_scan(FAXED_LEVEL_STRAY);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  ind = json_object_get(d, "indicators");
  assert_string_equal(ind_text(ind, 0, "level1"), "产出指标");
  assert_string_equal(ind_text(ind, 0, "level2"), "数量指标");
  json_decref(j);
}

/* Short level headings (一级 | 二级 | 三级 | 目标值) a fax thinned, in
 * a table continued twice: of 一级 and 二级 only 级 or ·级 is left,
 * and of 目标值 山标值, 标 or 标值. On a scan the level headings are
 * read by their order and the value heading by its place, right of the
 * level-3 one, since what is left of it is part of 目标值; typed, a
 * table headed so is no indicator table. */
static const char *FAXED_SHORT_HEADINGS = P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("全民健身") TC("") TC("")) TR(TC("一级") TC("级") TC("三级") TC("山标值"))
    TR(TC("产出指标") TC("数量指标") TC("新建健身路径")
           TC("15处")) "</w:tbl>" P("续表") "<w:tbl>" TR(TC("级") TC("·级") TC("级") TC("标"))
        TR(TC("产出指标") TC("时效指标") TC("项目完工时间")
               TC("2024年10月")) "</w:tbl><w:tbl>" TR(TC("一级") TC("级") TC("级") TC("标值"))
            TR(TC("满意度指标") TC("服务对象满意度指标") TC("群众满意度") TC("≥90%")) "</w:tbl>";

static void test_scan_short_level_headings(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_SHORT_HEADINGS);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *inds = json_object_get(d, "indicators");
  assert_int_equal(json_array_size(inds), 3);
  const char *l2[] = {"数量指标", "时效指标", "服务对象满意度指标"};
  const char *l3[] = {"新建健身路径", "项目完工时间", "群众满意度"};
  const char *val[] = {"15处", "2024年10月", "≥90%"};
  for (size_t i = 0; i < 3; i++) {
    json_t *ind = json_array_get(inds, i);
    assert_string_equal(json_string_value(json_object_get(ind, "level2")), l2[i]);
    assert_string_equal(json_string_value(json_object_get(ind, "level3")), l3[i]);
    assert_string_equal(json_string_value(json_object_get(json_object_get(ind, "value"), "raw")),
                        val[i]);
  }
  json_decref(j);
  /* a heading with no numeral left, not part of 目标值: no value column */
  j = run_as_scan(P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(
      TC("项目名称") TC("全民健身") TC("") TC("")) TR(TC("级") TC("级") TC("级") TC("责任人"))
                      TR(TC("产出指标") TC("数量指标") TC("路径") TC("无")) "</w:tbl>");
  d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *ind = json_array_get(json_object_get(d, "indicators"), 0);
  assert_non_null(ind);
  assert_string_equal(json_string_value(json_object_get(json_object_get(ind, "value"), "raw")), "");
  json_decref(j);
  j = run(FAXED_SHORT_HEADINGS);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_int_equal(json_array_size(json_object_get(d, "indicators")), 1);
  json_decref(j);
}

/* A level-2 name two of whose characters a fax turned into others
 * (质量指标 read 版景指标: 质 lost strokes to 版, 量 to 景): on a scan,
 * each such character a third of an edit, it is 质量指标. */
static void test_scan_level2_confusable(void **state) {
  (void)state;
  const char *body =
      P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲") TC("") TC(""))
          TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
              TR(TC("产出指标") TC("版景指标") TC("验收合格率") TC("100%")) "</w:tbl>";
  json_t *j = run_as_scan(body);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *ind = json_array_get(json_object_get(d, "indicators"), 0);
  assert_non_null(ind);
  const char *l2 = json_string_value(json_object_get(ind, "level2"));
  assert_non_null(l2);
  assert_string_equal(l2, "质量指标");
  json_decref(j);
}

/* 主管部门 as a fax leaves it: 主 lost and 门 read as a bar or a
 * bracket (管部I, 管部」), or 主 read as 1 and 门 lost (1管部). On a scan
 * the key without the mark at its end is inside one field's text: the
 * department. A mark on a word inside several fields' texts (名称1:
 * 项目名称, 单位名称) names none; typed, none is read so. */
static void test_scan_label_end_mark(void **state) {
  (void)state;
  const char *labels[] = {"管部I", "管部」", "1管部"};
  for (size_t i = 0; i < 3; i++) {
    char *body = g_strdup_printf(
        P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
            TR(TC("%s") TC("县民政局")) TR(TC("名称1") TC("乙")) "</w:tbl>",
        labels[i]);
    json_t *j = run_as_scan(body);
    json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
    json_t *dep = json_object_get(f, "department");
    if (!dep) fail_msg("%s: no department", labels[i]);
    assert_string_equal(json_string_value(json_object_get(dep, "value")), "县民政局");
    json_t *name = json_object_get(f, "project_name");
    assert_string_equal(json_string_value(json_object_get(name, "value")), "甲项目");
    json_decref(j);
    j = run(body);
    f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
    assert_null(json_object_get(f, "department"));
    json_decref(j);
    g_free(body);
  }
}

/* 主管部门 as a fax left it, 主管 read as one character (全部门): on a
 * scan, where a label stands in a row of label | value pairs, a key whose
 * rest after its first character ends one field's text (部门: 主管部门,
 * 预算部门) is that field's label, matched approximately. The same key
 * where no label stands, or typed, is no label. */
static void test_scan_label_by_tail(void **state) {
  (void)state;
  const char *pairs =
      P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目") TC("") TC(""))
          TR(TC("全部门") TC("县民政局") TC("项目负责人") TC("张三")) "</w:tbl>";
  json_t *j = run_as_scan(pairs);
  json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *dep = json_object_get(f, "department");
  assert_non_null(dep);
  assert_string_equal(json_string_value(json_object_get(dep, "value")), "县民政局");
  assert_true(has_flag(dep, "label_fuzzy"));
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(f, "project_lead"), "value")), "张三");
  json_decref(j);
  /* the pair before it */
  j = run_as_scan(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
                      TR(TC("项目负责人") TC("张三") TC("全部门") TC("县民政局")) "</w:tbl>");
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  dep = json_object_get(f, "department");
  assert_non_null(dep);
  assert_string_equal(json_string_value(json_object_get(dep, "value")), "县民政局");
  json_decref(j);
  /* typed: as written */
  j = run(pairs);
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  assert_null(json_object_get(f, "department"));
  json_decref(j);
  /* no pair beside it: a value as often */
  j = run_as_scan(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
                      TR(TC("全部门") TC("县民政局")) "</w:tbl>");
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  assert_null(json_object_get(f, "department"));
  json_decref(j);
}

/* 实施期绩效目标 as a fax left it, 施 and 目 thinned away (实期绩效标):
 * two edits, past what a key of five characters may be from its rule.
 * On a scan, where a long text stands beside it, a key whose characters
 * are one field's label's in order, first and last kept, is that field's
 * label, matched approximately. Beside a short value, or typed, it is
 * none. */
static void test_scan_label_thinned(void **state) {
  (void)state;
  const char *goal = "认真贯彻上级关于加强专项工作的重大决策部署，深入开展专项行动。";
  char *body =
      g_strdup_printf(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
                          TR(TC("实期绩效标") TC("%s")) "</w:tbl>",
                      goal);
  json_t *j = run_as_scan(body);
  json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *lt = json_object_get(f, "long_term_goal");
  assert_non_null(lt);
  assert_string_equal(json_string_value(json_object_get(lt, "value")), goal);
  assert_true(has_flag(lt, "label_fuzzy"));
  json_decref(j);
  /* typed: as written */
  j = run(body);
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  assert_null(json_object_get(f, "long_term_goal"));
  json_decref(j);
  g_free(body);
  /* a short value beside it: no label's place */
  j = run_as_scan(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲项目"))
                      TR(TC("实期绩效标") TC("综合业务")) "</w:tbl>");
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  assert_null(json_object_get(f, "long_term_goal"));
  json_decref(j);
}

/* A 填报单位 cell with only the seal note after its colon (填报单位：
 * （盖章）): on a scan the whole cell is near the label once the note and
 * the colon are dropped, but it holds the label and its value, the note;
 * the text in the next cell (a heading a lost rule joined to it) is none
 * of it. The note with its 章 misread (（盖率）) is still the note. */
static void test_scan_filing_unit_note_in_cell(void **state) {
  (void)state;
  const char *cells[] = {"填报单位：（盖章）", "填报单位：（盖率）"};
  for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
    char *body =
        g_strdup_printf(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("%s") TC("所属专项"))
                            TR(TC("项目名称") TC("甲项目")) "</w:tbl>",
                        cells[i]);
    json_t *j = run_as_scan(body);
    json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
    json_t *fu = json_object_get(f, "filing_unit");
    if (!fu) fail_msg("%s: no filing_unit", cells[i]);
    if (!json_is_null(json_object_get(fu, "value")))
      fail_msg("%s: value %s", cells[i], json_string_value(json_object_get(fu, "value")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(fu, "at"), "col")), 0);
    json_decref(j);
    g_free(body);
  }
}

/* 项目名称 with the inner strokes of 目 lost (项门名称) is one edit from
 * 部门名称 as well: 门 for 目 counting a third (ocr_confusable), it is
 * the project's name, on a scan. */
static void test_scan_name_confusable(void **state) {
  (void)state;
  json_t *j = run_as_scan(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(
      TC("项门名称") TC("综合业务费")) TR(TC("主管部门") TC("县政府办")) "</w:tbl>");
  json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *name = json_object_get(f, "project_name");
  assert_non_null(name);
  assert_string_equal(json_string_value(json_object_get(name, "value")), "综合业务费");
  json_decref(j);
  /* 项目性: one edit from 项目属性 (属 dropped) and from 项目期 (性 for
   * 期); a fax drops a character whole: the project's attribute */
  j = run_as_scan(P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲"))
                      TR(TC("项目性") TC("延续性项目")) "</w:tbl>");
  f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *attr = json_object_get(f, "project_attribute");
  assert_non_null(attr);
  assert_null(json_object_get(f, "period"));
  json_decref(j);
}

/* A fax's money and items tables: 项日 is the 项目 heading, 本件度中请资企
 * the current year's (characters OCR confuses with the written ones), a
 * source 具级资企 is 县级资金 (flagged label_fuzzy), and an items heading
 * whose 项目 OCR read as nothing names its items in that blank column;
 * on a scan only. */
static const char *FAXED_MONEY =
    P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("驻京联络工作"))
        TR(TC("项日") TC("上年度安排资金") TC("本件度中请资企")) TR(TC("合计") TC("68") TC("50"))
            TR(TC("具级资企") TC("68") TC("50"))
                TR(TC("") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据及说明"))
                    TR(TC("房租费用") TC("10") TC("12") TC("合同")) "</w:tbl>";

static void test_scan_repairs_money(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_MONEY);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *cur = total_field(d, "current_year_total");
  assert_non_null(cur);
  assert_true(json_number_value(json_object_get(cur, "value")) == 50);
  json_t *b1 = part(d, 1);
  assert_non_null(b1);
  assert_string_equal(json_string_value(json_object_get(b1, "source")), "county");
  assert_string_equal(json_string_value(json_object_get(b1, "label")), "县级资金");
  assert_true(has_flag(json_object_get(b1, "current_year"), "label_fuzzy"));
  json_t *item = json_array_get(json_object_get(d, "expenditure_items"), 0);
  assert_non_null(item);
  assert_string_equal(json_string_value(json_object_get(item, "name")), "房租费用");
  assert_true(json_number_value(json_object_get(json_object_get(item, "current_year"), "value")) ==
              12);
  json_decref(j);
  /* typed, the text is as written: no county source, no items */
  j = run(FAXED_MONEY);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  for (size_t i = 0; part(d, i); i++)
    assert_string_not_equal(json_string_value(json_object_get(part(d, i), "source")), "county");
  assert_null(json_array_get(json_object_get(d, "expenditure_items"), 0));
  json_decref(j);
}

/* An items list whose 合计 row OCR misread (让): on a scan, the item
 * first (or last) under the heading whose amounts are the others' sums
 * is their total, not an item; the sum check reads it. A first item whose
 * amounts are not the others' sums stays an item; typed, every row is. */
static const char *items_body(const char *first, const char *prior, const char *last) {
  static char body[2048];
  g_snprintf(body, sizeof body,
             P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲工作"))
                 TR(TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据及说明"))
                     TR(TC("%s") TC("%s") TC("120万元") TC(""))
                         TR(TC("1.房租费用") TC("20万元") TC("70万元") TC("合同"))
                             TR(TC("2.%s") TC("40万元") TC("50万元") TC("")) "</w:tbl>",
             first, prior, last);
  return body;
}

static void test_scan_items_total_by_sum(void **state) {
  (void)state;
  json_t *j = run_as_scan(items_body("让", "60万元", "维修费"));
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *items = json_object_get(d, "expenditure_items");
  assert_int_equal(json_array_size(items), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")),
                      "房租费用");
  assert_false(has_flag(d, "sum_mismatch:expenditure_items"));
  json_decref(j);
  /* the total last */
  j = run_as_scan(P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲工作"))
                      TR(TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据"))
                          TR(TC("房租费用") TC("20万元") TC("70万元") TC(""))
                              TR(TC("维修费") TC("40万元") TC("50万元") TC(""))
                                  TR(TC("台让") TC("60万元") TC("120万元") TC("")) "</w:tbl>");
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_int_equal(json_array_size(json_object_get(d, "expenditure_items")), 2);
  json_decref(j);
  /* two items of one amount: either could be the other's total, neither is taken */
  j = run_as_scan(P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲工作"))
                      TR(TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据"))
                          TR(TC("差旅费") TC("20万元") TC("30万元") TC(""))
                              TR(TC("会议费") TC("20万元") TC("30万元") TC("")) "</w:tbl>");
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_int_equal(json_array_size(json_object_get(d, "expenditure_items")), 2);
  json_decref(j);
  /* the amounts are not the others' sums: an item */
  j = run_as_scan(items_body("让", "50万元", "维修费"));
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_int_equal(json_array_size(json_object_get(d, "expenditure_items")), 3);
  json_decref(j);
  /* typed: as written */
  j = run(items_body("让", "60万元", "维修费"));
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_int_equal(json_array_size(json_object_get(d, "expenditure_items")), 3);
  json_decref(j);
}

/* A year a fax misread one digit away from the form's fiscal year and
 * far from it (2073 for 2023): on a scan, the fiscal year, in the period
 * and in the schedule; a year near it (2028) is as read, and typed every
 * year is. */
static const char *year_body(const char *period) {
  static char body[2048];
  g_snprintf(body, sizeof body,
             P("2023年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("甲工作"))
                 TR(TC("项目起止时间") TC("%s"))
                     TR(TC("项目实施内容") TC("开始时间") TC("结束时间"))
                         TR(TC("甲工作经费") TC("2023.01.01") TC("2073.12.31")) "</w:tbl>",
             period);
  return body;
}

static const char *period_end(json_t *j) {
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *p = json_object_get(json_object_get(json_object_get(d, "fields"), "period"), "value");
  return json_string_value(json_object_get(p, "end"));
}

static const char *schedule_end(json_t *j) {
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  return json_string_value(
      json_object_get(json_array_get(json_object_get(d, "schedule"), 0), "end"));
}

static void test_scan_year_misread(void **state) {
  (void)state;
  json_t *j = run_as_scan(year_body("2023.01-2073.12"));
  assert_string_equal(period_end(j), "2023-12");
  assert_string_equal(schedule_end(j), "2023-12-31");
  json_decref(j);
  j = run_as_scan(year_body("2023.01-2028.12"));
  assert_string_equal(period_end(j), "2028-12");
  json_decref(j);
  j = run(year_body("2023.01-2073.12"));
  assert_string_equal(period_end(j), "2073-12");
  assert_string_equal(schedule_end(j), "2073-12-31");
  json_decref(j);
}

/* A money list whose heading row a fax's header line made unreadable
 * ("度安排资金", "本什中请资金"): on a scan its fund source rows take the
 * columns the table's money heading further down names (支出明细's 项目 |
 * 上年度安排资金 | 本年度申请资金), not label | value pairs that read the
 * first amount as the current year's. */
static const char *HEADLESS_MONEY = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("测试项目") TC("") TC("") TC(""))
    TR(TC("项目资金申请") TC("") TC("度安排资金") TC("本什中请资金") TC("")) TR(TC("") TC(
        "合计") TC("25") TC("30") TC("")) TR(TC("") TC("县级资金") TC("25") TC("30") TC(""))
        TR(TC("支出明细") TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据及说明"))
            TR(TC("") TC("房租费用") TC("10") TC("12") TC("合同")) "</w:tbl>";

static void test_scan_headless_money(void **state) {
  (void)state;
  json_t *j = run_as_scan(HEADLESS_MONEY);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *prior = total_field(d, "prior_year_total"), *cur = total_field(d, "current_year_total");
  assert_non_null(prior);
  assert_non_null(cur);
  assert_true(json_number_value(json_object_get(prior, "value")) == 25);
  assert_true(json_number_value(json_object_get(cur, "value")) == 30);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(cur, "at"), "col")), 3);
  json_t *county = part(d, 1);
  assert_non_null(county);
  assert_string_equal(json_string_value(json_object_get(county, "source")), "county");
  assert_true(json_number_value(json_object_get(json_object_get(county, "prior_year"), "value")) ==
              25);
  assert_true(
      json_number_value(json_object_get(json_object_get(county, "current_year"), "value")) == 30);
  assert_false(has_flag(d, "sum_mismatch:funds"));
  json_t *item = json_array_get(json_object_get(d, "expenditure_items"), 0);
  assert_non_null(item);
  assert_string_equal(json_string_value(json_object_get(item, "name")), "房租费用");
  json_decref(j);
  /* typed, a heading is as written: no money list without one */
  j = run(HEADLESS_MONEY);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_null(total_field(d, "prior_year_total"));
  json_decref(j);
}

/* A fund source label whose first character a fax lost ("计" of 合计):
 * on a scan, in a money list's name column, the source whose label it is
 * the rest of (written as its rule writes it, label_fuzzy); in an items
 * list, the 合计 row, no item. */
static const char *FIRST_LOST = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("测试项目") TC("") TC(""))
    TR(TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC(""))
        TR(TC("计") TC("10") TC("20") TC("")) TR(TC("县级资金") TC("10") TC("20") TC(""))
            TR(TC("项目") TC("上年度安排资金") TC("本年度申请资金") TC("测算依据及说明"))
                TR(TC("计") TC("10") TC("20") TC(""))
                    TR(TC("房租费用") TC("10") TC("20") TC("合同")) "</w:tbl>";

static void test_scan_source_first_lost(void **state) {
  (void)state;
  json_t *j = run_as_scan(FIRST_LOST);
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *cur = total_field(d, "current_year_total");
  assert_non_null(cur);
  assert_true(json_number_value(json_object_get(cur, "value")) == 20);
  json_t *b0 = part(d, 0);
  assert_string_equal(json_string_value(json_object_get(b0, "source")), "total");
  assert_string_equal(json_string_value(json_object_get(b0, "label")), "合计");
  assert_true(has_flag(json_object_get(b0, "current_year"), "label_fuzzy"));
  json_t *items = json_object_get(d, "expenditure_items");
  assert_int_equal(json_array_size(items), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")),
                      "房租费用");
  json_decref(j);
  /* typed, 计 is what was written */
  j = run(FIRST_LOST);
  d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_string_equal(json_string_value(json_object_get(part(d, 0), "label")), "计");
  assert_int_equal(json_array_size(json_object_get(d, "expenditure_items")), 2);
  json_decref(j);
}

/* A row of fund labels over their values (a vertical header) with a
 * label OCR misread (非税收入板款): on a scan the entry's label is written
 * as its rule writes it, as a misread label beside its value is. */
static void test_scan_vertical_label_near(void **state) {
  (void)state;
  json_t *j = run_as_scan(P("2023年度部门整体支出绩效目标申报表") "<w:tbl>" TR(
      TC("预算单位") TC("测试单位") TC("")) TR(TC("收入合计") TC("公共财政拨款") TC("非税收入板款"))
                              TR(TC("100") TC("80") TC("20")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *b = part(d, 2);
  assert_non_null(b);
  assert_string_equal(json_string_value(json_object_get(b, "source")), "non_tax");
  assert_string_equal(json_string_value(json_object_get(b, "label")), "非税收入拨款");
  json_decref(j);
}

/* A fax thins a money unit's strokes in a cost indicator's value
 * ("≤15力", and "≤25片元", "≤5力儿" with 元 read too): on a scan, in the unit the declaration's
 * other cost values have; a unit OCR read nothing of ("≤20"), a value outside the cost indicators,
 * and a typed one, as read. */
static const char *FAXED_COST = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("测试项目") TC("")
        TC("")) TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
    TR(TC("产出指标") TC("数量指标") TC("会议次数") TC("≥4"))
        TR(TC("成本指标") TC("成本指标") TC("印刷费") TC("≤35万元"))
            TR(TC("") TC("") TC("租车费") TC("≤10万元")) TR(TC("") TC("") TC("宣传费") TC("≤15力"))
                TR(TC("") TC("") TC("培训费") TC("≤20"))
                    TR(TC("") TC("") TC("会务费") TC("≤25片元"))
                        TR(TC("") TC("") TC("资料费") TC("≤5力儿")) "</w:tbl>";

static void test_scan_cost_unit(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_COST);
  json_t *inds =
      json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
  assert_int_equal(json_array_size(inds), 7);
  static const char *const raw[] = {"≥4",  "≤35万元", "≤10万元", "≤15万元",
                                    "≤20", "≤25万元", "≤5万元"};
  for (size_t i = 0; i < 7; i++) {
    json_t *v = json_object_get(json_array_get(inds, i), "value");
    assert_string_equal(json_string_value(json_object_get(v, "raw")), raw[i]);
    if (i > 0 && i != 4) assert_string_equal(json_string_value(json_object_get(v, "unit")), "万元");
  }
  assert_null(json_string_value(
      json_object_get(json_object_get(json_array_get(inds, 4), "value"), "unit")));
  assert_null(json_string_value(
      json_object_get(json_object_get(json_array_get(inds, 0), "value"), "unit")));
  assert_true(json_number_value(json_object_get(json_array_get(inds, 3), "confidence")) <
              json_number_value(json_object_get(json_array_get(inds, 2), "confidence")));
  json_decref(j);
  j = run(FAXED_COST);
  inds = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
  json_t *v = json_object_get(json_array_get(inds, 3), "value");
  assert_string_equal(json_string_value(json_object_get(v, "raw")), "≤15力");
  json_decref(j);
}

/* A fax lost a date's 年 and OCR read its 月 as 八 or 儿 ("202312八",
 * "2023 12儿" of 2023年12月): on a scan, a time indicator's such value is
 * that month; a quantity's, a month past 12 and a typed one, as read. */
static const char *FAXED_MONTH = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("测试项目") TC("") TC(""))
    TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
        TR(TC("产出指标") TC("数量指标") TC("印发文件") TC("202312八"))
            TR(TC("") TC("时效指标") TC("完成时间") TC("202312八"))
                TR(TC("") TC("") TC("验收时间") TC("2023 12儿"))
                    TR(TC("") TC("") TC("报送时间") TC("202313八")) "</w:tbl>";

static void test_scan_month_digits(void **state) {
  (void)state;
  json_t *j = run_as_scan(FAXED_MONTH);
  json_t *inds =
      json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
  assert_int_equal(json_array_size(inds), 4);
  static const char *const kind[] = {"numeric", "date", "date", "numeric"};
  for (size_t i = 0; i < 4; i++) {
    json_t *v = json_object_get(json_array_get(inds, i), "value");
    assert_string_equal(json_string_value(json_object_get(v, "kind")), kind[i]);
  }
  json_t *v = json_object_get(json_array_get(inds, 1), "value");
  assert_string_equal(json_string_value(json_object_get(v, "raw")), "2023年12月");
  assert_null(json_string_value(json_object_get(v, "unit")));
  assert_true(json_number_value(json_object_get(json_array_get(inds, 1), "confidence")) <
              json_number_value(json_object_get(json_array_get(inds, 0), "confidence")));
  json_decref(j);
  j = run(FAXED_MONTH);
  inds = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
  v = json_object_get(json_array_get(inds, 1), "value");
  assert_string_equal(json_string_value(json_object_get(v, "kind")), "numeric");
  json_decref(j);
}

/* A text field whose whole value OCR read as what a fax leaves of 无
 * (元): read by OCR, 无 with a repair's lower confidence; typed, kept. */
static const char *FAXED_NONE =
    P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("全民健身场地设施建设"))
        TR(TC("其他说明的问题") TC("元")) TR(TC("项目概况") TC("远")) "</w:tbl>";

static void test_scan_whole_none(void **state) {
  (void)state;
  for (int ocr = 0; ocr < 2; ocr++) {
    json_t *j = run_doc_ocr(FAXED_NONE, ocr, ocr);
    json_t *fs = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
    static const char *const keys[] = {"other_notes", "overview"};
    for (int i = 0; i < 2; i++) {
      json_t *f = json_object_get(fs, keys[i]);
      const char *v = json_string_value(json_object_get(f, "value"));
      assert_non_null(v);
      if (ocr) {
        assert_string_equal(v, "无");
        assert_true(json_number_value(json_object_get(f, "confidence")) < 0.9);
      } else {
        assert_string_not_equal(v, "无");
      }
    }
    json_t *name = json_object_get(fs, "project_name");
    assert_string_equal(json_string_value(json_object_get(name, "value")), "全民健身场地设施建设");
    json_decref(j);
  }
}

/* Time indicators whose period OCR read with one character after a digit
 * misread (斤 for 月, H for the dash): on a scan, dates kept as read; a
 * value with a word that is no date's (内完成: qualitative) and a value
 * of another level stay as they were; typed, all as read. */
static const char *FAXED_PERIOD =
    P("2023年度测试项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
        TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
            TR(TC("产出指标") TC("时效指标") TC("完成时间") TC("2023年1-12斤"))
                TR(TC("") TC("时效指标") TC("工作期限") TC("2023年1H12月"))
                    TR(TC("") TC("时效指标") TC("按时完成") TC("2023年内完成"))
                        TR(TC("") TC("质量指标") TC("验收") TC("2023年1-12斤")) "</w:tbl>";

static void test_scan_period_char_misread(void **state) {
  (void)state;
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_PERIOD, scan);
    json_t *inds =
        json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
    assert_int_equal(json_array_size(inds), 4);
    static const char *const kind[] = {"compound", "compound", "qualitative", "compound"};
    for (int i = 0; i < 4; i++) {
      json_t *v = json_object_get(json_array_get(inds, i), "value");
      assert_string_equal(json_string_value(json_object_get(v, "kind")),
                          scan && i < 2 ? "date" : kind[i]);
    }
    json_t *v = json_object_get(json_array_get(inds, 1), "value");
    assert_string_equal(json_string_value(json_object_get(v, "raw")), "2023年1H12月");
    json_decref(j);
  }
}

/* Indicator values written in LaTeX whose backslashes OCR read as l or
 * 1 ($lgeq 951%$, $\\geq 951%$): on a scan, the value's raw text is the
 * LaTeX as written and its number 95, less sure than a value read as
 * written; typed, as read. */
static const char *FAXED_LATEX =
    P("2023年度测试项目支出预算绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
        TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
            TR(TC("满意度指标") TC("服务对象满意度指标") TC("群众满意度") TC("$lgeq 951%$"))
                TR(TC("") TC("服务对象满意度指标") TC("领导满意度") TC("$\\geq 951%$"))
                    TR(TC("") TC("服务对象满意度指标") TC("职工满意度") TC("≥95%")) "</w:tbl>";

static void test_scan_latex_misread(void **state) {
  (void)state;
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_LATEX, scan);
    json_t *inds =
        json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
    assert_int_equal(json_array_size(inds), 3);
    static const char *const read[] = {"$lgeq 951%$", "$\\geq 951%$"};
    double sure = json_number_value(json_object_get(json_array_get(inds, 2), "confidence"));
    for (int i = 0; i < 2; i++) {
      json_t *ind = json_array_get(inds, i), *v = json_object_get(ind, "value");
      assert_string_equal(json_string_value(json_object_get(v, "raw")),
                          scan ? "$\\geq 95\\%$" : read[i]);
      if (scan) {
        assert_int_equal(json_integer_value(json_object_get(v, "number")), 95);
        assert_true(json_number_value(json_object_get(ind, "confidence")) < sure);
      }
    }
    json_decref(j);
  }
}

/* A fund total whose 万元 a fax thinned to what OCR reads as 力儿
 * ("120力儿"): on a scan, the amount before the misread unit, as one
 * written without a unit (万元 assumed); typed, unparsed. */
static const char *FAXED_TOTAL =
    P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("全民健身场地设施建设"))
        TR(TC("年度资金总额") TC("120力儿")) "</w:tbl>";

static void test_scan_total_misread_unit(void **state) {
  (void)state;
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_TOTAL, scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *f = json_object_get(json_object_get(d, "funds"), "current_year_total");
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "raw")), "120力儿");
    if (scan) {
      assert_int_equal(json_integer_value(json_object_get(f, "value")), 120);
      assert_true(has_flag(f, "unit_assumed"));
    } else {
      assert_true(json_is_null(json_object_get(f, "value")));
    }
    json_decref(j);
  }
}

/* A fund amount whose thousands comma a fax read as a point
 * ("2.300.5" for 2,300.5; a number has one point): on a scan, the
 * amount with the points before the last one commas, less sure than
 * one read as it stands; typed, or with a last group of three digits
 * (2.300.500 may be 2,300,500 as well as 2,300.5), unparsed. */
static const char *faxed_comma_doc(const char *amount) {
  static char buf[1024];
  g_snprintf(buf, sizeof buf, "%s<w:tbl>%s<w:tr>%s<w:tc>%s</w:tc></w:tr></w:tbl>",
             P("2024年度项目支出绩效目标申报表"), TR(TC("项目名称") TC("基本公共卫生服务")),
             TC("年度资金总额"), amount);
  return buf;
}

static void test_scan_amount_comma_as_point(void **state) {
  (void)state;
  static const struct {
    const char *raw;
    bool scan;
    double want; /* < 0: unparsed */
  } cases[] = {
      {"2.300.5", true, 2300.5}, {"1.234.567.89万元", true, 1234567.89},
      {"2.300.5", false, -1},    {"2.300.500", true, -1},
      {"23.00.5", true, -1},     {"2,300.5万元", true, 2300.5},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *cell = g_strdup_printf("<w:p><w:r><w:t>%s</w:t></w:r></w:p>", cases[i].raw);
    char *doc = g_strdup(faxed_comma_doc(cell));
    json_t *j = run_doc(doc, cases[i].scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *f = json_object_get(json_object_get(d, "funds"), "current_year_total");
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "raw")), cases[i].raw);
    json_t *v = json_object_get(f, "value");
    if (cases[i].want < 0) {
      if (!json_is_null(v)) fail_msg("case %zu: %s read as a number", i, cases[i].raw);
    } else {
      if (!json_is_number(v) || fabs(json_number_value(v) - cases[i].want) > 1e-6)
        fail_msg("case %zu: %s not read as %g", i, cases[i].raw, cases[i].want);
      /* a repair is less sure than an amount read as it stands */
      double c = json_number_value(json_object_get(f, "confidence"));
      if (strchr(cases[i].raw, ',') ? c < 0.9 : c >= 0.9) fail_msg("case %zu: confidence %g", i, c);
    }
    json_decref(j);
    g_free(doc);
    g_free(cell);
  }
}

/* On a scan, the unit and its head read alike in all of a document's
 * declarations: a text nearly like one that more declarations read (at
 * most an edit per four characters) is a misreading of it, repaired in
 * raw and value and less sure than a reading; a unit far from it, a
 * text read as often as its variant, and a typed document stay as
 * written. */
static char *agree_doc(const char *const *dept, const char *const *head, int n) {
  GString *g = g_string_new(NULL);
  for (int i = 0; i < n; i++) {
    char *d = g_strdup_printf("<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", dept[i]);
    char *h = g_strdup_printf("<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", head[i]);
    g_string_append_printf(g, "%s<w:tbl>%s<w:tr>%s%s</w:tr><w:tr>%s%s</w:tr></w:tbl>",
                           P("2024年度项目支出绩效目标申报表"),
                           TR(TC("项目名称") TC("督办工作经费")), TC("主管部门"), d,
                           TC("单位负责人"), h);
    g_free(d);
    g_free(h);
  }
  return g_string_free(g, FALSE);
}

static void test_scan_fields_agree(void **state) {
  (void)state;
  static const char *const dept[] = {"永宁县政府办公室", "永宁县政府办公有", "永宁县政府办公室",
                                     "永宁县教育局", "永宁县政府办公室"};
  static const char *const head[] = {"王锐", "王锐", "土锐", "王锐", "且说"};
  static const char *const want_dept[] = {"永宁县政府办公室", "永宁县政府办公室",
                                          "永宁县政府办公室", "永宁县教育局", "永宁县政府办公室"};
  static const char *const want_head[] = {"王锐", "王锐", "王锐", "王锐", "且说"};
  char *doc = agree_doc(dept, head, 5);
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc_ocr(doc, scan, scan);
    json_t *ds = json_object_get(j, "declarations");
    assert_int_equal(json_array_size(ds), 5);
    for (size_t i = 0; i < 5; i++) {
      json_t *fs = json_object_get(json_array_get(ds, i), "fields");
      json_t *d = json_object_get(fs, "department"), *h = json_object_get(fs, "unit_head");
      const char *wd = scan ? want_dept[i] : dept[i], *wh = scan ? want_head[i] : head[i];
      assert_string_equal(json_string_value(json_object_get(d, "raw")), wd);
      assert_string_equal(json_string_value(json_object_get(d, "value")), wd);
      assert_string_equal(json_string_value(json_object_get(h, "raw")), wh);
      bool repaired = strcmp(wd, dept[i]) != 0;
      if (repaired && json_number_value(json_object_get(d, "confidence")) > 0.85)
        fail_msg("declaration %zu: a repaired unit as sure as a reading", i);
    }
    json_decref(j);
  }
  /* two readings each: neither outvotes the other */
  static const char *const even[] = {"王锐", "土锐", "王锐", "土锐"};
  char *doc2 = agree_doc(dept, even, 4);
  json_t *j = run_doc_ocr(doc2, true, true);
  for (size_t i = 0; i < 4; i++) {
    json_t *fs = json_object_get(json_array_get(json_object_get(j, "declarations"), i), "fields");
    assert_string_equal(json_string_value(json_object_get(json_object_get(fs, "unit_head"), "raw")),
                        even[i]);
  }
  json_decref(j);
  /* a unit's other name, two characters shorter, within the allowance
   * of edits: no misreading */
  static const char *const other[] = {"永宁县人民政府办公室", "永宁县人民政府办公室",
                                      "永宁县政府办公室"};
  char *doc3 = agree_doc(other, even, 3);
  j = run_doc_ocr(doc3, true, true);
  json_t *fs = json_object_get(json_array_get(json_object_get(j, "declarations"), 2), "fields");
  assert_string_equal(json_string_value(json_object_get(json_object_get(fs, "department"), "raw")),
                      "永宁县政府办公室");
  json_decref(j);
  g_free(doc3);
  g_free(doc2);
  g_free(doc);
}

/* A work plan table whose owner heading a fax misread (责任科室 read as
 * 赤任科室, one character in four): on a scan the heading is matched to
 * its rule text as the other tables' headings are, and the owners are
 * read; typed, the heading is as written and there is no owner. */
static const char *FAXED_PLANS =
    P("2024年度部门整体支出绩效目标申报表") "<w:tbl>" TR(TC("部门名称") TC("县卫生健康局"))
        TR(TC("年度主要任务") TC("任务名称") TC("主要内容") TC("赤任科室")) TR(
            TC("") TC("疾病预防控制") TC("做好传染病监测和免疫规划工作。") TC("疾控股")) "</w:tbl>";

static void test_scan_plans_owner_heading(void **state) {
  (void)state;
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_PLANS, scan);
    json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
    json_t *wp = json_array_get(json_object_get(d, "work_plans"), 0);
    assert_non_null(wp);
    assert_string_equal(json_string_value(json_object_get(wp, "item")), "疾病预防控制");
    json_t *owner = json_object_get(wp, "owner");
    if (scan) {
      assert_true(json_is_string(owner));
      assert_string_equal(json_string_value(owner), "疾控股");
    } else {
      assert_true(json_is_null(owner));
    }
    json_decref(j);
  }
}

/* A fund source whose 其中 a fax lost whole, its colon left
 * ("：一般公共预算拨款"): on a scan it is the fund source after the colon,
 * its amount kept; typed, it is no label. */
static void test_scan_part_colon_only(void **state) {
  (void)state;
  const char *doc =
      P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("戊项目") TC("") TC(""))
          TR(TCV_("资金情况") TC("年度资金总额") TC("年度资金总额") TC("100"))
              TR(TCC_ TC("：一般公共预算拨款") TC("：一般公共预算拨款") TC("80"))
                  TR(TCC_ TC("其他资金") TC("其他资金") TC("20")) "</w:tbl>";
  json_t *j = run_as_scan(doc);
  json_t *b0 = part(json_array_get(json_object_get(j, "declarations"), 0), 0);
  assert_non_null(b0);
  assert_string_equal(json_string_value(json_object_get(b0, "source")), "fiscal_appropriation");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(b0, "current_year"), "raw")), "80");
  json_decref(j);
}

/* A three-character fund label a fax dropped one character of and
 * misread another in as OCR confuses it ("顾支出": 目 lost, 项 read 顾):
 * on a scan it is 项目支出, its amount kept. */
static void test_scan_short_source_confused(void **state) {
  (void)state;
  json_t *j = run_as_scan(
      P("2023年部门项目支出预算绩效目标表") "<w:tbl>" TR(TC("项目名称") TC("己项目") TC("") TC(""))
          TR(TCV_("资金情况") TC("年度资金总额") TC("年度资金总额") TC("100"))
              TR(TCC_ TC("基本支出") TC("基本支出") TC("60"))
                  TR(TCC_ TC("顾支出") TC("顾支出") TC("40")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *b1 = part(d, 1);
  assert_non_null(b1);
  assert_string_equal(json_string_value(json_object_get(b1, "label")), "项目支出");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(b1, "current_year"), "raw")), "40");
  json_decref(j);
}

/* A work plan heading a fax left in pieces: 事项 read "项" and
 * 责任单位/科室 read "持任单位科室" (its slash lost, 责 misread). On a
 * scan the item heading is the one cell between the block's own heading
 * and the owner heading, and the owner heading is matched near. */
static void test_scan_plans_item_between(void **state) {
  (void)state;
  json_t *j = run_as_scan(
      P("2023年部门整体支出绩效目标表") "<w:tbl>" TR(TC("部门名称") TC("县政府办") TC("") TC(""))
          TR(TC("年度重点工作计划") TC("项") TC("持任单位科室") TC("工作目标"))
              TR(TC("") TC("综合调研") TC("政府调研室") TC("完成调研报告。")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *wp = json_array_get(json_object_get(d, "work_plans"), 0);
  assert_non_null(wp);
  assert_string_equal(json_string_value(json_object_get(wp, "item")), "综合调研");
  assert_string_equal(json_string_value(json_object_get(wp, "owner")), "政府调研室");
  assert_string_equal(json_string_value(json_object_get(wp, "goal")), "完成调研报告。");
  json_decref(j);
}

/* A summary row whose name is only a number, with no amount and no
 * goal (a fax's 合计 read "01", its amount blank), is no fund. */
static void test_summary_number_only_row(void **state) {
  (void)state;
  json_t *j = run(P("2023年区级专项资金绩效目标汇总表") "<w:tbl>" TR(
      TC("填报单位（盖章）") TC("") TC("") TC("金额单位：万元")
          TC("")) TR(TC("序号") TC("名称") TC("金额") TC("实施期绩效目标") TC("年度绩效目标"))
                      TR(TC("") TC("01") TC("") TC("") TC(""))
                          TR(TC("一") TC("甲专项") TC("20") TC("目标甲") TC("目标甲")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *items = json_object_get(d, "summary_items");
  assert_int_equal(json_array_size(items), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")),
                      "甲专项");
  json_decref(j);
}

/* A summary row whose number a fax wore to a dot (序号 blank): the
 * entry's place is still its row's first cell, the number's (column 0),
 * not its name's; the number is not made up. */
static void test_summary_blank_number_at(void **state) {
  (void)state;
  json_t *j =
      run_as_scan(P("2023年区级专项资金绩效目标汇总表") "<w:tbl>" TR(
          TC("序号") TC("名称") TC("金额") TC("实施期绩效目标") TC("年度绩效目标"))
                      TR(TC("") TC("甲专项") TC("20") TC("目标甲") TC("目标甲"))
                          TR(TC("二") TC("乙专项") TC("30") TC("目标乙") TC("目标乙")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  json_t *items = json_object_get(d, "summary_items");
  assert_int_equal(json_array_size(items), 2);
  for (size_t i = 0; i < 2; i++) {
    json_t *at = json_object_get(json_array_get(items, i), "at");
    assert_int_equal(json_integer_value(json_object_get(at, "row")), (json_int_t)i + 1);
    assert_int_equal(json_integer_value(json_object_get(at, "col")), 0);
  }
  assert_null(json_string_value(json_object_get(json_array_get(items, 0), "seq")));
  json_decref(j);
}

/* Comparison words a fax thinned one character of to a mark OCR reads
 * for it (ocr_confusable: 于 as 」, 上 as a colon): on a scan, "不少」3次"
 * is 不少于3次 and "95%以:" 95%以上, at a repair's confidence; a mark
 * where no comparison word goes ("3」次"), and typed text, as read. */
static const char *FAXED_OPS = P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
    TC("项目名称") TC("测试项目") TC("") TC(""))
    TR(TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值"))
        TR(TC("产出指标") TC("数量指标") TC("调研督查") TC("每月开展调研督查不少」3次")) TR(TC(
            "") TC("") TC("印发文件") TC("不少于3次")) TR(TC("") TC("") TC("完成会议") TC("3」次"))
            TR(TC("效益指标") TC("服务对象满意度指标") TC("群众满意度") TC("95%以:")) "</w:tbl>";

static void test_scan_op_word_marks(void **state) {
  (void)state;
  static const char *const raw[2][4] = {
      {"每月开展调研督查不少」3次", "不少于3次", "3」次", "95%以:"},
      {"每月开展调研督查不少于3次", "不少于3次", "3」次", "95%以上"}};
  for (int scan = 0; scan < 2; scan++) {
    json_t *j = run_doc(FAXED_OPS, scan);
    json_t *inds =
        json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "indicators");
    assert_int_equal(json_array_size(inds), 4);
    for (size_t i = 0; i < 4; i++) {
      json_t *v = json_object_get(json_array_get(inds, i), "value");
      assert_string_equal(json_string_value(json_object_get(v, "raw")), raw[scan][i]);
      if (scan && i != 2) assert_string_equal(json_string_value(json_object_get(v, "op")), ">=");
    }
    if (scan)
      assert_true(json_number_value(json_object_get(json_array_get(inds, 0), "confidence")) <
                  json_number_value(json_object_get(json_array_get(inds, 1), "confidence")));
    json_decref(j);
  }
}

/* A 填报单位 cell whose colon a fax wore away, OCR leaving a gap before
 * the seal note ("填报单位 (盖章)"): on a scan the cell holds the label
 * and its value, the note, as with the colon; set close ("填报单位(盖章)")
 * the note is the label's, the value the next cell's. */
static void test_scan_filing_unit_colon_lost(void **state) {
  (void)state;
  const char *cells[] = {"填报单位 (盖章)", "填报单位(盖章)"};
  for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
    char *body = g_strdup_printf(
        P("2023年区级专项资金绩效目标汇总表") "<w:tbl>" TR(TC("%s") TC("") TC("金额单位：万元"))
            TR(TC("序号") TC("名称") TC("金额")) TR(TC("一") TC("甲专项") TC("20")) "</w:tbl>",
        cells[i]);
    json_t *j = run_as_scan(body);
    json_t *f = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
    json_t *fu = json_object_get(f, "filing_unit");
    if (!fu) fail_msg("%s: no filing_unit", cells[i]);
    assert_true(json_is_null(json_object_get(fu, "value")));
    assert_string_equal(json_string_value(json_object_get(fu, "raw")), i == 0 ? "(盖章)" : "");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(fu, "at"), "col")),
                     i == 0 ? 0 : 1);
    json_decref(j);
    g_free(body);
  }
}

/* Two field labels run together before a colon, the first's colon and
 * blank lost ("单位负责人签名填表人：张三"): on a scan each is a field of
 * its own, the value after the colon the second's. */
static void test_scan_two_labels_run_together(void **state) {
  (void)state;
  json_t *j = run_as_scan(
      P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试项目"))
          TR(TC("主管部门")
                 TC("县交通局")) "</w:tbl>" P("单位负责人签名填表人：张三 联系电话：13800000000"));
  json_t *fields = json_object_get(json_array_get(json_object_get(j, "declarations"), 0), "fields");
  json_t *f = json_object_get(fields, "filled_by");
  assert_non_null(f);
  assert_string_equal(json_string_value(json_object_get(f, "raw")), "张三");
  f = json_object_get(fields, "unit_head");
  assert_non_null(f);
  assert_string_equal(json_string_value(json_object_get(f, "raw")), "");
  json_decref(j);
}

/* An amount glued to its label (a PDF line whose space was too narrow
 * to count): split where the number starts when the words before it are
 * a known label; a label holding a year is not cut at its year, and a
 * value that only starts with a label's words is left whole. */
static void test_glued_amount(void **state) {
  (void)state;
  json_t *j = run(P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC(
      "资金总额2023年度追加项目")) TR(TC("项目资金（万元）") TC("年度资金总额（含本级）12万"))
                      TR(TC("") TC("其中：财政拨款10.8万元")) TR(TC("") TC("其他资金12,000元"))
                          TR(TC("联系电话2115589")) "</w:tbl>");
  json_t *d = json_array_get(json_object_get(j, "declarations"), 0);
  assert_non_null(d);
  json_t *name = json_object_get(json_object_get(d, "fields"), "project_name");
  assert_string_equal(json_string_value(json_object_get(name, "value")),
                      "资金总额2023年度追加项目");
  json_t *cur = total_field(d, "current_year_total");
  assert_non_null(cur);
  assert_string_equal(json_string_value(json_object_get(cur, "raw")), "12万");
  assert_true(json_number_value(json_object_get(cur, "value")) == 12);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(cur, "at"), "row")), 1);
  json_t *fa = part(d, 0), *other = part(d, 1);
  assert_non_null(other);
  assert_string_equal(json_string_value(json_object_get(fa, "source")), "fiscal_appropriation");
  assert_string_equal(json_string_value(json_object_get(fa, "label")), "财政拨款");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(fa, "current_year"), "raw")), "10.8万元");
  assert_string_equal(json_string_value(json_object_get(other, "source")), "other");
  json_t *ov = json_object_get(other, "current_year");
  assert_true(json_number_value(json_object_get(ov, "value")) == 1.2);
  assert_true(has_flag(ov, "unit_converted"));
  assert_false(has_flag(d, "sum_mismatch:funds"));
  json_t *phone = json_object_get(json_object_get(d, "fields"), "contact_phone");
  assert_string_equal(json_string_value(json_object_get(phone, "value")), "2115589");
  json_decref(j);
  /* the label holds a year: 2023 is part of it, 50万 the amount */
  j = run(P("2023年度测试项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目名称") TC("测试"))
              TR(TC("2023年度资金总额50万")) "</w:tbl>");
  d = json_array_get(json_object_get(j, "declarations"), 0);
  cur = total_field(d, "current_year_total");
  assert_non_null(cur);
  assert_string_equal(json_string_value(json_object_get(cur, "raw")), "50万");
  assert_true(json_number_value(json_object_get(cur, "value")) == 50);
  json_decref(j);
  /* on a scan, OCR puts no space between a label and digits: a phone
   * number (no amount) glued to 电话, the label's other half in the cell
   * before */
  j = run_as_scan(P("2024年度项目支出绩效目标申报表") "<w:tbl>" TR(TC("项目") TC("名称") TC(
      "测试")) TR(TC("主管") TC("部门") TC("某局") TC("联系") TC("电话0731-8888123")) "</w:tbl>");
  d = json_array_get(json_object_get(j, "declarations"), 0);
  phone = json_object_get(json_object_get(d, "fields"), "contact_phone");
  assert_non_null(phone);
  assert_string_equal(json_string_value(json_object_get(phone, "raw")), "0731-8888123");
  json_decref(j);
}

static int freed;
static void count_free(gpointer p) {
  freed++;
  g_free(p);
}

/* Kept keys answer as dx_rules_match does, in any category and in any
 * order of questions; what the caller keeps with one is freed with it. */
static void test_kept_keys(void **state) {
  (void)state;
  static const char *keys[] = {"项目名称",   "本级资金", "产出指标",
                               "预期目标值", "社会效益", "无关的值"};
  static const dx_cat cats[] = {DX_CAT_FIELD,      DX_CAT_FUND_SOURCE, DX_CAT_LEVEL1,
                                DX_CAT_IND_HEADER, DX_CAT_LEVEL2,      DX_CAT_NONE};
  dx_error err = {0};
  dx_ruleset *own = dx_rules_load(NULL, &err);
  assert_non_null(own);
  for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
    dx_rkey *rk = dx_rules_key(own, keys[k]);
    assert_non_null(rk);
    assert_ptr_equal(dx_rules_key(own, keys[k]), rk); /* kept once */
    for (size_t c = 0; c < G_N_ELEMENTS(cats); c++) {
      const char *got = dx_rules_match_key(own, cats[(c + k) % G_N_ELEMENTS(cats)], rk);
      const char *want = dx_rules_match(rs, cats[(c + k) % G_N_ELEMENTS(cats)], keys[k]);
      if (g_strcmp0(got, want) != 0)
        fail_msg("%s in %s: %s, not %s", keys[k], dx_cat_name(cats[c]), got ? got : "null",
                 want ? want : "null");
    }
    dx_rules_key_set_data(rk, g_strdup(keys[k]), count_free);
    assert_string_equal(dx_rules_key_data(rk), keys[k]);
  }
  assert_null(dx_rules_key(own, ""));
  assert_null(dx_rules_key(own, NULL));
  assert_null(dx_rules_match_key(own, DX_CAT_FIELD, NULL));
  char *long_key = g_strnfill(500, 'x');
  assert_null(dx_rules_key(own, long_key)); /* a value, not a label */
  g_free(long_key);
  freed = 0;
  dx_rules_forget(own); /* few keys: kept */
  assert_int_equal(freed, 0);
  /* many keys: the ruleset keeps at most 50 000, and forgets them all
   * between documents once it holds 25 000 */
  int kept = 0;
  for (int i = 0; i < 60000; i++) {
    char key[32];
    g_snprintf(key, sizeof key, "键%d", i);
    dx_rkey *rk = dx_rules_key(own, key);
    if (rk) {
      dx_rules_key_set_data(rk, g_strdup(key), count_free);
      kept++;
    }
  }
  assert_int_equal(kept, 50000 - (int)G_N_ELEMENTS(keys));
  assert_null(dx_rules_match(own, DX_CAT_FIELD, "键59999")); /* answered, not kept */
  dx_rules_forget(own);
  assert_int_equal(freed, 50000);
  assert_non_null(dx_rules_key(own, "项目名称"));
  dx_rules_free(own);
  assert_int_equal(freed, 50000);
}

/* A catastrophic pattern in a rule file stops at PCRE2's match limit
 * (no match) instead of running for ever. */
static void test_match_limit(void **state) {
  (void)state;
  dx_error err = {0};
  dx_ruleset *own = dx_rules_load_text("field\tx\t(a+)+$\n", "", &err);
  assert_non_null(own);
  char key[200];
  memset(key, 'a', sizeof key - 2);
  key[sizeof key - 2] = 'b';
  key[sizeof key - 1] = '\0';
  gint64 t0 = g_get_monotonic_time();
  assert_null(dx_rules_match(own, DX_CAT_FIELD, key));
  assert_true(g_get_monotonic_time() - t0 < (gint64)5 * G_USEC_PER_SEC);
  dx_rules_free(own);
}

/* 100 000 table rows through the whole pipeline: it finishes (ctest's
 * timeout bounds the time) and gives one answer. */
static void test_many_rows(void **state) {
  (void)state;
  GString *b = g_string_new(P("2023年度项目支出预算绩效目标申报表") "<w:tbl>" TR(
      TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值")));
  for (int i = 0; i < 100000; i++)
    g_string_append_printf(
        b, "<w:tr>" TC("产出指标") TC("数量指标") TC("培训场次%d") TC("%d次") "</w:tr>", i, i);
  g_string_append(b, "</w:tbl>");
  json_t *j = run(b->str);
  g_string_free(b, TRUE);
  /* one declaration holding every row as an indicator, in order */
  json_t *ds = json_object_get(j, "declarations");
  assert_int_equal(json_array_size(ds), 1);
  json_t *inds = json_object_get(json_array_get(ds, 0), "indicators");
  assert_int_equal(json_array_size(inds), 100000);
  json_t *last = json_array_get(inds, 99999);
  assert_string_equal(json_string_value(json_object_get(last, "level3")), "培训场次99999");
  assert_string_equal(json_string_value(json_object_get(last, "level2")), "数量指标");
  json_t *v = json_object_get(last, "value");
  assert_int_equal(json_integer_value(json_object_get(v, "number")), 99999);
  assert_string_equal(json_string_value(json_object_get(v, "unit")), "次");
  json_decref(j);
}

/* A record built by hand is written in the contract's order: a FIELD's
 * keys, a total shared with its breakdown entry written at both places,
 * whole numbers as integers, flags once each in the order added. */
static void test_record_json(void **state) {
  (void)state;
  dx_record *r = dx_record_new();
  r->schema_version = DX_SCHEMA_VERSION;
  r->file = "a.docx";
  r->format = "docx";
  r->sha256 = "00";
  dx_declaration *d = dx_record_alloc(r, sizeof *d);
  d->form = "unknown";
  d->table_index = -1;
  d->confidence = 0.5;
  dx_field *f = dx_field_new(r);
  f->kind = DX_FV_NUMBER;
  f->num = 12;
  f->raw = "12万";
  f->confidence = 0.98;
  f->at =
      (dx_at){.table = 0, .row = 1, .col = 2, .page = 3, .has_box = true, .box = {1, 2, 3.5, 4}};
  dx_flags_add(r, &f->flags, "unit_assumed");
  dx_flags_add(r, &f->flags, "ocr");
  dx_flags_add(r, &f->flags, "unit_assumed");
  dx_field_conf(f, 0.9); /* 0.882 */
  d->totals[DX_CURRENT] = f;
  dx_fund_entry *e = dx_record_alloc(r, sizeof *e);
  e->source = "total";
  e->label = "合计";
  e->amount[DX_CURRENT] = f;
  DX_LIST_PUSH(r, d->breakdown, e);
  dx_field *p = dx_field_new(r);
  p->kind = DX_FV_PERIOD;
  p->start = "2023-01";
  p->raw = "2023年1月起";
  p->confidence = 1;
  p->at = (dx_at){.table = -1, .paragraph = 4};
  d->fields[7] = p; /* period */
  DX_LIST_PUSH(r, r->decls, d);
  json_t *j = dx_record_to_json(r);
  char *s = dx_json_dump(j, false);
  const char *want =
      "{\"schema_version\":\"1\",\"source\":{\"file\":\"a.docx\",\"format\":\"docx\","
      "\"sha256\":\"00\",\"pages\":null},\"declarations\":[{\"form\":\"unknown\",\"title\":null,"
      "\"fiscal_year\":null,\"origin\":{\"page_start\":null,\"page_end\":null,\"table_index\":"
      "null},\"confidence\":0.5,\"flags\":[],\"fields\":{\"period\":{\"value\":{\"start\":"
      "\"2023-01\",\"end\":null},\"raw\":\"2023年1月起\",\"confidence\":1.0,\"flags\":[],\"at\":{"
      "\"table\":null,\"paragraph\":4,\"page\":null,\"box\":null}}},\"funds\":{"
      "\"current_year_total\":%s,\"breakdown\":[{\"source\":\"total\",\"label\":\"合计\","
      "\"current_year\":%s}]},\"expenditure_items\":[],\"schedule\":[],\"work_plans\":[],"
      "\"summary_items\":[],\"indicators\":[]}],\"warnings\":[]}";
  const char *field = "{\"value\":12,\"raw\":\"12万\",\"confidence\":0.882,\"flags\":["
                      "\"unit_assumed\",\"ocr\"],\"at\":{\"table\":0,\"row\":1,\"col\":2,"
                      "\"page\":3,\"box\":[1.0,2.0,3.5,4.0]}}";
  char *w = g_strdup_printf(want, field, field);
  assert_string_equal(s, w);
  g_free(w);
  g_free(s);
  json_decref(j);
  dx_record_free(r);
}

/* dx_doc_record holds what dx_doc_to_json writes. */
static void test_record_of_doc(void **state) {
  (void)state;
  size_t len;
  uint8_t *z = tu_docx(&len, FORM);
  dx_doc *doc = NULL;
  dx_error err = {0};
  if (dx_read_bytes(&doc, "t.docx", z, len, &lim, &err) != DX_OK) fail_msg("%s", err.message);
  dx_record *r = dx_doc_record(rs, doc);
  json_t *j = dx_doc_to_json(rs, doc);
  assert_int_equal(r->decls.n, 1);
  const dx_declaration *d = r->decls.v[0];
  const json_t *jd = json_array_get(json_object_get(j, "declarations"), 0);
  assert_string_equal(d->form, json_string_value(json_object_get(jd, "form")));
  assert_true(d->confidence == json_real_value(json_object_get(jd, "confidence")));
  const dx_field *attr = dx_decl_field(d, "project_attribute");
  assert_non_null(attr);
  assert_int_equal(attr->kind, DX_FV_NULL);
  assert_true(dx_flags_has(&attr->flags, "checkbox_ambiguous"));
  /* 35000元 converted, 2万 not: the total and its part */
  double v;
  assert_true(dx_field_number(d->totals[DX_CURRENT], &v));
  assert_true(v == 3.5);
  assert_int_equal(d->indicators.n, 1);
  assert_string_equal(d->indicators.v[0]->value.op, ">=");
  assert_string_equal(d->indicators.v[0]->level1, "效益指标");
  assert_true(dx_flags_has(&d->indicators.v[0]->m.flags, "level1_inferred"));
  char *a = dx_json_dump(j, true);
  json_t *k = dx_record_to_json(r);
  char *b = dx_json_dump(k, true);
  assert_string_equal(a, b);
  g_free(a);
  g_free(b);
  json_decref(k);
  json_decref(j);
  dx_record_free(r);
  dx_doc_free(doc);
  g_free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_flags),
      cmocka_unit_test(test_checkbox_options),
      cmocka_unit_test(test_title_sharing_line),
      cmocka_unit_test(test_ocr_colon),
      cmocka_unit_test(test_letter),
      cmocka_unit_test(test_bytes),
      cmocka_unit_test(test_rule_files),
      cmocka_unit_test(test_rule_categories),
      cmocka_unit_test(test_labels),
      cmocka_unit_test(test_near_labels),
      cmocka_unit_test(test_glued_label),
      cmocka_unit_test(test_scan_empty_bracket_number),
      cmocka_unit_test(test_scan_level2_in_level1_column),
      cmocka_unit_test(test_scan_repairs),
      cmocka_unit_test(test_placeholder_lines),
      cmocka_unit_test(test_scan_label_strays),
      cmocka_unit_test(test_scan_rate_signs),
      cmocka_unit_test(test_scan_three_public_part),
      cmocka_unit_test(test_scan_title_lost),
      cmocka_unit_test(test_scan_label_middle_lost),
      cmocka_unit_test(test_scan_repairs_headings),
      cmocka_unit_test(test_scan_misread_level2),
      cmocka_unit_test(test_scan_short_level_headings),
      cmocka_unit_test(test_scan_level2_confusable),
      cmocka_unit_test(test_scan_label_end_mark),
      cmocka_unit_test(test_scan_label_by_tail),
      cmocka_unit_test(test_scan_label_thinned),
      cmocka_unit_test(test_scan_filing_unit_note_in_cell),
      cmocka_unit_test(test_scan_filing_unit_colon_lost),
      cmocka_unit_test(test_scan_op_word_marks),
      cmocka_unit_test(test_summary_blank_number_at),
      cmocka_unit_test(test_scan_items_total_by_sum),
      cmocka_unit_test(test_scan_year_misread),
      cmocka_unit_test(test_scan_name_confusable),
      cmocka_unit_test(test_scan_run_together_label),
      cmocka_unit_test(test_scan_label_confusion_share),
      cmocka_unit_test(test_scan_schedule_start_between),
      cmocka_unit_test(test_scan_faxed_boxes),
      cmocka_unit_test(test_scan_unboxed_last_option),
      cmocka_unit_test(test_scan_repairs_money),
      cmocka_unit_test(test_many_rows),
      cmocka_unit_test(test_match_limit),
      cmocka_unit_test(test_kept_keys),
      cmocka_unit_test(test_glued_amount),
      cmocka_unit_test(test_scan_headless_money),
      cmocka_unit_test(test_scan_cost_unit),
      cmocka_unit_test(test_scan_month_digits),
      cmocka_unit_test(test_scan_period_char_misread),
      cmocka_unit_test(test_scan_total_misread_unit),
      cmocka_unit_test(test_scan_whole_none),
      cmocka_unit_test(test_scan_latex_misread),
      cmocka_unit_test(test_scan_amount_comma_as_point),
      cmocka_unit_test(test_scan_fields_agree),
      cmocka_unit_test(test_scan_glued_unit_note),
      cmocka_unit_test(test_scan_plans_owner_heading),
      cmocka_unit_test(test_scan_part_colon_only),
      cmocka_unit_test(test_scan_short_source_confused),
      cmocka_unit_test(test_scan_plans_item_between),
      cmocka_unit_test(test_summary_number_only_row),
      cmocka_unit_test(test_scan_two_labels_run_together),
      cmocka_unit_test(test_scan_vertical_label_near),
      cmocka_unit_test(test_scan_source_first_lost),
      cmocka_unit_test(test_record_json),
      cmocka_unit_test(test_record_of_doc),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
