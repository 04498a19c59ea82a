/* Fuzz target: the text normalizer and the value parsers on any bytes. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0; /* cell-sized text */
  char *s = g_strndup((const char *)data, size);
  char *v = dx_text_valid(s);
  char *parts[] = {dx_text_checkboxes(v), dx_text_collapse(v), dx_text_fold(v), dx_text_join_han(v),
                   dx_label_key(v)};
  dx_value val;
  dx_value_parse(&val, dx_rules_lexicon(fuzz_rules()), v);
  char a[11], b[11];
  dx_period_parse(a, b, dx_rules_lexicon(fuzz_rules()), v, true);
  dx_period_parse(a, b, dx_rules_lexicon(fuzz_rules()), v, false);
  double wan;
  int unit;
  dx_amount_parse(&wan, &unit, dx_rules_lexicon(fuzz_rules()), v);
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) g_free(parts[i]);
  g_free(v);
  g_free(s);
  return 0;
}
