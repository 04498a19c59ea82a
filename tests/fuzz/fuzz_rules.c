/* Fuzz target: the rule-file parser. The input is labels.rules, then a
 * NUL byte, then values.rules; a ruleset that loads is also used. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536) return 0;
  char *all = g_malloc(size + 2);
  memcpy(all, data, size);
  all[size] = all[size + 1] = '\0';
  const char *labels = all;
  const char *values = all + strlen(all) + 1;
  if (values > all + size) values = all + size;
  dx_error err;
  dx_ruleset *rs = dx_rules_load_text(labels, values, &err);
  if (rs) {
    dx_rules_match(rs, DX_CAT_FIELD, "项目名称");
    dx_rules_match(rs, DX_CAT_LEVEL2, labels);
    char *s = dx_rules_strip(rs, DX_CAT_NUMBERING, "指标1: 全年", false);
    g_free(s);
    dx_value v;
    dx_value_parse(&v, dx_rules_lexicon(rs), "≥95%以上约100余次");
    dx_rules_free(rs);
  }
  g_free(all);
  return 0;
}
