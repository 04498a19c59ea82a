/* Unit tests for normalize/: text cleaning, values, amounts, periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dx_normalize.h"
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

typedef struct vcase {
  const char *in;
  dx_value_kind kind;
  const char *op; /* NULL: no op */
  double number, upper;
  const char *unit; /* "" none */
} vcase;

#define NA 0.0
static const vcase VALUES[] = {
    {"≥5次", DX_VK_NUMERIC, ">=", 5, NA, "次"},
    {"≥98", DX_VK_NUMERIC, ">=", 98, NA, ""},
    {"18家", DX_VK_NUMERIC, "=", 18, NA, "家"},
    {"99%", DX_VK_NUMERIC, "=", 99, NA, "%"},
    {"≤15万元", DX_VK_NUMERIC, "<=", 15, NA, "万元"},
    {"≧90%", DX_VK_NUMERIC, ">=", 90, NA, "%"},
    {"＝100%", DX_VK_NUMERIC, "=", 100, NA, "%"},
    {"≥ 95 %", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"$\\geq 95\\%$", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"$\\leq 3$天", DX_VK_NUMERIC, "<=", 3, NA, "天"},
    /* a scan's OCR of LaTeX: each backslash read as l, i, | or 1 */
    {"$lgeq 951%$", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"$igeq 901%$", DX_VK_NUMERIC, ">=", 90, NA, "%"},
    {"$|leq 31%$", DX_VK_NUMERIC, "<=", 3, NA, "%"},
    {"$1leq 3$天", DX_VK_NUMERIC, "<=", 3, NA, "天"},
    /* the command read right, the backslash of \% read 1: a share past
     * 100 with the 1, not without it; 91% and 101% stay */
    {"$\\geq 951%$", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"$\\geq 91%$", DX_VK_NUMERIC, ">=", 91, NA, "%"},
    {"$\\geq 1011%$", DX_VK_NUMERIC, ">=", 1011, NA, "%"},
    {"95%以上", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"不少于3次", DX_VK_NUMERIC, ">=", 3, NA, "次"},
    {"不低于90%", DX_VK_NUMERIC, ">=", 90, NA, "%"},
    {"达到100%", DX_VK_NUMERIC, ">=", 100, NA, "%"},
    {"不高于3500元", DX_VK_NUMERIC, "<=", 3500, NA, "元"},
    {"不超过5天", DX_VK_NUMERIC, "<=", 5, NA, "天"},
    {"控制在10分钟内", DX_VK_NUMERIC, "<=", 10, NA, "分钟"},
    {"1小时内", DX_VK_NUMERIC, "<=", 1, NA, "小时"},
    {"5万元以内", DX_VK_NUMERIC, "<=", 5, NA, "万元"},
    {"约400人", DX_VK_NUMERIC, "~", 400, NA, "人"},
    {"100余次", DX_VK_NUMERIC, "~", 100, NA, "次"},
    {"50次左右", DX_VK_NUMERIC, "~", 50, NA, "次"},
    {"2.88万元", DX_VK_NUMERIC, "=", 2.88, NA, "万元"},
    {"1,500元", DX_VK_NUMERIC, "=", 1500, NA, "元"},
    {"２０次", DX_VK_NUMERIC, "=", 20, NA, "次"},
    {"3份/年", DX_VK_NUMERIC, "=", 3, NA, "份/年"},
    {"5万元/人", DX_VK_NUMERIC, "=", 5, NA, "万元/人"},
    {"≥8年", DX_VK_NUMERIC, ">=", 8, NA, "年"},
    {"12个月", DX_VK_NUMERIC, "=", 12, NA, "个月"},
    {"不少于3.2万亩", DX_VK_NUMERIC, ">=", 3.2, NA, "万亩"},
    {"≦40元/亩", DX_VK_NUMERIC, "<=", 40, NA, "元/亩"},
    {"50公斤左右", DX_VK_NUMERIC, "~", 50, NA, "公斤"},
    {"1.2亿元", DX_VK_NUMERIC, "=", 1.2, NA, "亿元"},
    {"≥3宗地块", DX_VK_NUMERIC, ">=", 3, NA, "宗"},
    {"6艘", DX_VK_NUMERIC, "=", 6, NA, "艘"},
    {"≥20羽左右", DX_VK_NUMERIC, ">=", 20, NA, "羽"},
    {"＞90%", DX_VK_NUMERIC, ">", 90, NA, "%"},
    {"≤5个工作日", DX_VK_NUMERIC, "<=", 5, NA, "个工作日"},
    {"3个以上", DX_VK_NUMERIC, ">=", 3, NA, "个"},
    {"95%及以上", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    {"0.5‰以下", DX_VK_NUMERIC, "<=", 0.5, NA, "‰"},
    {"低于5%", DX_VK_NUMERIC, "<", 5, NA, "%"},
    {"≥1.5倍", DX_VK_NUMERIC, ">=", 1.5, NA, "倍"},
    {"不少于10人/次", DX_VK_NUMERIC, ">=", 10, NA, "人/次"},
    {"≥95%（含）", DX_VK_NUMERIC, ">=", 95, NA, "%"},
    /* compound units: the longest reading in values.rules, whole */
    {"累计不少于12项次", DX_VK_NUMERIC, ">=", 12, NA, "项次"},
    {"≥20台次", DX_VK_NUMERIC, ">=", 20, NA, "台次"},
    {"50年一遇", DX_VK_NUMERIC, "=", 50, NA, "年一遇"},
    {"≤1200元/人·年", DX_VK_NUMERIC, "<=", 1200, NA, "元/人·年"},
    {"300元/人·月", DX_VK_NUMERIC, "=", 300, NA, "元/人·月"},
    {"≥500人次", DX_VK_NUMERIC, ">=", 500, NA, "人次"},
    {"120户次", DX_VK_NUMERIC, "=", 120, NA, "户次"},
    {"30架次", DX_VK_NUMERIC, "=", 30, NA, "架次"},
    {"800车次", DX_VK_NUMERIC, "=", 800, NA, "车次"},
    {"≥3.5万人次", DX_VK_NUMERIC, ">=", 3.5, NA, "万人次"},
    {"200元/人", DX_VK_NUMERIC, "=", 200, NA, "元/人"},
    {"≤150元/亩", DX_VK_NUMERIC, "<=", 150, NA, "元/亩"},
    {"提高2个百分点", DX_VK_NUMERIC, "=", 2, NA, "个百分点"},
    {"1200平方米", DX_VK_NUMERIC, "=", 1200, NA, "平方米"},
    {"≥5000立方米", DX_VK_NUMERIC, ">=", 5000, NA, "立方米"},
    {"12.5公里", DX_VK_NUMERIC, "=", 12.5, NA, "公里"},
    {"40人·天", DX_VK_NUMERIC, "=", 40, NA, "人·天"},
    {"1-2次/年", DX_VK_RANGE, NULL, 1, 2, "次/年"},
    {"15-20项/年", DX_VK_RANGE, NULL, 15, 20, "项/年"},
    {"150～400件", DX_VK_RANGE, NULL, 150, 400, "件"},
    {"3至5个", DX_VK_RANGE, NULL, 3, 5, "个"},
    {"2023年12月", DX_VK_DATE, NULL, NA, NA, ""},
    {"12月底前", DX_VK_DATE, NULL, NA, NA, ""},
    {"6月30日前", DX_VK_DATE, NULL, NA, NA, ""},
    {"13月", DX_VK_NUMERIC, "=", 13, NA, "月"},
    {"12个月内", DX_VK_NUMERIC, "<=", 12, NA, "个月"},
    {"2023年1-12月", DX_VK_DATE, NULL, NA, NA, ""},
    {"2023年12月31日前", DX_VK_DATE, NULL, NA, NA, ""},
    {"2023.01-2023.12", DX_VK_DATE, NULL, NA, NA, ""},
    {"2023年1月—12月", DX_VK_DATE, NULL, NA, NA, ""},
    {"有效促进", DX_VK_QUALITATIVE, NULL, NA, NA, ""},
    {"满意", DX_VK_QUALITATIVE, NULL, NA, NA, ""},
    {"年度内及时完成", DX_VK_QUALITATIVE, NULL, NA, NA, ""},
    {"根据2020年工作情况确定", DX_VK_QUALITATIVE, NULL, NA, NA, ""},
    {"2023年度内及时完成", DX_VK_QUALITATIVE, NULL, NA, NA, ""},
    {"≥8年", DX_VK_NUMERIC, ">=", 8, NA, "年"},
    {"313批/374人次", DX_VK_COMPOUND, NULL, NA, NA, ""},
    {"10次/40余人", DX_VK_COMPOUND, NULL, NA, NA, ""},
    {"会务中心5666平方米，大院67931平方米", DX_VK_COMPOUND, NULL, NA, NA, ""},
    {"", DX_VK_EMPTY, NULL, NA, NA, ""},
    {"　 ", DX_VK_EMPTY, NULL, NA, NA, ""},
    {"……", DX_VK_EMPTY, NULL, NA, NA, ""},
};

static void test_values(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) {
    const vcase *c = &VALUES[i];
    dx_value v;
    dx_value_parse(&v, dx_rules_lexicon(rs), c->in);
    if (v.kind != c->kind)
      fail_msg("%s: kind %s, want %s", c->in, dx_value_kind_name(v.kind),
               dx_value_kind_name(c->kind));
    if (c->kind == DX_VK_NUMERIC) {
      if (!v.op || strcmp(v.op, c->op) != 0)
        fail_msg("%s: op %s, want %s", c->in, v.op ? v.op : "null", c->op);
      if (v.number != c->number) fail_msg("%s: number %g, want %g", c->in, v.number, c->number);
    }
    if (c->kind == DX_VK_RANGE && (v.number != c->number || v.upper != c->upper))
      fail_msg("%s: range %g-%g, want %g-%g", c->in, v.number, v.upper, c->number, c->upper);
    if ((c->kind == DX_VK_NUMERIC || c->kind == DX_VK_RANGE) && strcmp(v.unit, c->unit) != 0)
      fail_msg("%s: unit '%s', want '%s'", c->in, v.unit, c->unit);
  }
}

static void test_prose(void **state) {
  (void)state;
  dx_value v;
  /* an unlisted unit is read, and said to be a guess */
  dx_value_parse(&v, dx_rules_lexicon(rs), "6艘");
  assert_true(v.unit_guessed);
  dx_value_parse(&v, dx_rules_lexicon(rs), "6次");
  assert_false(v.unit_guessed);
  /* three characters are words, not a unit */
  dx_value_parse(&v, dx_rules_lexicon(rs), "6公里路");
  assert_string_equal(v.unit, "公里");
  dx_value_parse(&v, dx_rules_lexicon(rs), "6农户家");
  assert_string_equal(v.unit, "");
  assert_true(v.prose);
  dx_value_parse(&v, dx_rules_lexicon(rs), "半年形成1篇高质量调研报告");
  assert_int_equal(v.kind, DX_VK_NUMERIC);
  assert_true(v.prose);
  dx_value_parse(&v, dx_rules_lexicon(rs), "每月开展调研督查不少于3次");
  assert_string_equal(v.op, ">=");
  assert_false(v.prose); /* words before a comparison are its subject */
  /* a compound unit is read whole: nothing is left over as words */
  dx_value_parse(&v, dx_rules_lexicon(rs), "累计不少于12项次");
  assert_false(v.prose);
  assert_false(v.unit_guessed);
  dx_value_parse(&v, dx_rules_lexicon(rs), "≤1200元/人·年");
  assert_false(v.prose);
}

/* The characters a date is written with come from the rule files
 * (values.rules date_char): a lexicon without them sees no date. */
static void test_date_chars(void **state) {
  (void)state;
  dx_value v;
  dx_value_parse(&v, dx_rules_lexicon(rs), "2023年12月31日前");
  assert_int_equal(v.kind, DX_VK_DATE);
  dx_error err = {0};
  dx_lexicon *bare = dx_lexicon_new("unit\t=\t年|月|日\n", &err);
  assert_non_null(bare);
  dx_value_parse(&v, bare, "2023年12月31日前");
  assert_int_not_equal(v.kind, DX_VK_DATE);
  dx_lexicon_free(bare);
  bare = dx_lexicon_new("date_char\t=\t年|月|日|前\ndate_year\t=\t年\n", &err);
  dx_value_parse(&v, bare, "2023年12月31日前");
  assert_int_equal(v.kind, DX_VK_DATE);
  dx_value_parse(&v, bare, "2023年12月底前");
  assert_int_not_equal(v.kind, DX_VK_DATE); /* 底 is not in this lexicon */
  dx_lexicon_free(bare);
}

/* The words of a period (values.rules date_year, date_month, date_day,
 * range_sep) come from the lexicon too: after a separator a bare number
 * is the end month ("2023年1到12"); without one it is the day. */
static void test_period_words(void **state) {
  (void)state;
  char a[11], b[11];
  assert_int_equal(dx_period_parse(a, b, dx_rules_lexicon(rs), "2023年1至12", false), 2);
  assert_string_equal(a, "2023-01");
  assert_string_equal(b, "2023-12");
  dx_error err = {0};
  dx_lexicon *lx = dx_lexicon_new("date_year\t=\t年\ndate_month\t=\t月\nrange_sep\t=\t到\n", &err);
  assert_non_null(lx);
  assert_int_equal(dx_period_parse(a, b, lx, "2023年1到12", false), 2);
  assert_string_equal(b, "2023-12");
  assert_int_equal(dx_period_parse(a, b, lx, "2023年1至12", false), 1);
  assert_string_equal(a, "2023-01-12");
  dx_lexicon_free(lx);
  /* a day word not in the lexicon: 31号 is no day */
  lx = dx_lexicon_new("date_year\t=\t年\ndate_month\t=\t月\ndate_day\t=\t日\n", &err);
  assert_int_equal(dx_period_parse(a, b, lx, "2023年12月31日", false), 1);
  assert_string_equal(a, "2023-12-31");
  dx_lexicon_free(lx);
}

typedef struct pcase {
  const char *in;
  bool expand;
  const char *start, *end;
} pcase;

static const pcase PERIODS[] = {
    {"2023年1月-12月", true, "2023-01", "2023-12"},
    {"202301-202312", true, "2023-01", "2023-12"},
    {"2024-2026年", true, "2024-01", "2026-12"},
    {"2024.1-12", true, "2024-01", "2024-12"},
    {"2024-1-12", false, "2024-01-12", ""},
    {"2024/1-2024/6", true, "2024-01", "2024-06"},
    {"2024年1月至2024年12月", true, "2024-01", "2024-12"},
    {"2023.01--2023.12", true, "2023-01", "2023-12"},
    {"2023. 01-2023. 12", true, "2023-01", "2023-12"},
    {"2023年1月—12月", true, "2023-01", "2023-12"},
    {"2023/1/12月", false, "2023-01", "2023-12"},
    {"2023年1月1日", false, "2023-01-01", ""},
    {"2023. 12. 31", false, "2023-12-31", ""},
    {"2023-01-01至2023-12-31", false, "2023-01-01", "2023-12-31"},
    {"2020年2月10日", false, "2020-02-10", ""},
    {"2023", true, "2023-01", "2023-12"},
    {"2023年度", true, "2023-01", "2023-12"},
    {"2023年全年", true, "2023-01", "2023-12"},
    {"2020年-2022年", true, "2020-01", "2022-12"},
    {"２０２３年３月", false, "2023-03", ""},
};

static void test_periods(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof PERIODS / sizeof PERIODS[0]; i++) {
    char a[11], b[11];
    int n = dx_period_parse(a, b, dx_rules_lexicon(rs), PERIODS[i].in, PERIODS[i].expand);
    if (n == 0) fail_msg("%s: no date found", PERIODS[i].in);
    if (strcmp(a, PERIODS[i].start) != 0 || strcmp(b, PERIODS[i].end) != 0)
      fail_msg("%s: got %s..%s, want %s..%s", PERIODS[i].in, a, b, PERIODS[i].start,
               PERIODS[i].end);
  }
  char a[11], b[11];
  assert_int_equal(dx_period_parse(a, b, dx_rules_lexicon(rs), "全年", true), 0);
  assert_int_equal(dx_period_parse(a, b, dx_rules_lexicon(rs), "2023年13月", false), 0);
}

static void test_amounts(void **state) {
  (void)state;
  static const struct {
    const char *in;
    bool ok;
    double wan;
    int unit;
  } cases[] = {
      {"68", true, 68, 0},
      {"15万", true, 15, 1},
      {"60万元", true, 60, 1},
      {"1520.67", true, 1520.67, 0},
      {"　361", true, 361, 0},
      {"35000元", true, 3.5, 2},
      {"1,520.67", true, 1520.67, 0},
      {"12,000元", true, 1.2, 2},
      {"1,5", false, 0, 0},
      {"其他", false, 0, 0},
      {"", false, 0, 0},
      {"20万 元", true, 20, 1},
      {"￥120万元", true, 120, 1},
      {"120（万元）", true, 120, 1},
      {"120万元整", true, 120, 1},
      {"人民币120万元", true, 120, 1},
      {"¥1,200,000元", true, 120, 2},
      {"120(亿元)", false, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = -1;
    int u = -1;
    bool ok = dx_amount_parse(&v, &u, dx_rules_lexicon(rs), cases[i].in);
    if (ok != cases[i].ok) fail_msg("%s: ok=%d", cases[i].in, ok);
    if (ok && (v != cases[i].wan || u != cases[i].unit))
      fail_msg("%s: %g unit %d, want %g unit %d", cases[i].in, v, u, cases[i].wan, cases[i].unit);
  }
}

static void check_str(char *got, const char *want) {
  assert_string_equal(got, want);
  g_free(got);
}

static void test_text(void **state) {
  (void)state;
  check_str(dx_label_key("项 目 名 称："), "项目名称");
  check_str(dx_label_key("绩\n效\n指\n标"), "绩效指标");
  check_str(dx_label_key("主管部门（代码）:"), "主管部门(代码)");
  check_str(dx_text_fold("１２３ＡＢ（）：　"), "123AB(): ");
  check_str(dx_text_collapse("  a \t\n b　 c  "), "a b c");
  check_str(dx_text_join_han("项目支出 预算 绩效目标申报表"), "项目支出预算绩效目标申报表");
  check_str(dx_text_join_han("2022年 11 月 28 日"), "2022年 11 月 28 日");
  check_str(
      dx_text_checkboxes(
          "新增项目 <input type=\"checkbox\"/> 延续项目 <input checked=\"\" type=\"checkbox\"/>"),
      "新增项目 ☐ 延续项目 ☑");
  check_str(dx_text_checkboxes("□A ■B √C ☒D ✓E"), "☐A ☑B ☑C ☑D ☑E");
  check_str(dx_text_valid("ok\xff"), "ok\xef\xbf\xbd");
  /* Kangxi radicals and compatibility ideographs from a Qt-made PDF's
   * ToUnicode map (项⽬⽀出 ⼀级指标), and one with no ideograph (⺀) */
  check_str(dx_text_raw("项\u2F6C\u2F40出 \u2F00级指标 主管部\u2ED4 \uF9B2 \u2E80"),
            "项目支出 一级指标 主管部门 零 \u2E80");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values),       cmocka_unit_test(test_prose),
      cmocka_unit_test(test_periods),      cmocka_unit_test(test_amounts),
      cmocka_unit_test(test_text),         cmocka_unit_test(test_date_chars),
      cmocka_unit_test(test_period_words),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
