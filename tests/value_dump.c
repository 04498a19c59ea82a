/* value_dump: what extraction's parsers make of texts, for
 * value_parity_test.js (the review page's parser must agree). The first
 * line out is the lexicon (dx_lexicon_json); then, for each line in (a
 * JSON string), one line {"indicator", "amount", "period"}: the value as
 * `declx apply` would write it at an indicator, an amount and a period
 * (null where it does not parse). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dx_rules.h"

static json_t *one(const dx_lexicon *lx, const char *s) {
  dx_value v;
  dx_value_parse(&v, lx, s);
  dx_ind_value iv;
  dx_ind_value_from(&iv, &v, s);
  double wan;
  int unit;
  char start[11], end[11];
  json_t *period = json_null();
  if (dx_period_parse(start, end, lx, s, true) > 0)
    period = json_pack("{s:s?, s:s?}", "start", *start ? start : NULL, "end", *end ? end : NULL);
  return json_pack("{s:o, s:o, s:o}", "indicator", dx_ind_value_json(&iv), "amount",
                   dx_amount_parse(&wan, &unit, lx, s) ? dx_number_json(wan) : json_null(),
                   "period", period);
}

static void put(const json_t *j) {
  char *t = dx_json_dump(j, false);
  puts(t);
  g_free(t);
}

int main(void) {
  dx_error err = {0};
  dx_ruleset *rs = dx_rules_load(NULL, &err);
  if (!rs) {
    fprintf(stderr, "value_dump: %s\n", err.message);
    return 1;
  }
  const dx_lexicon *lx = dx_rules_lexicon(rs);
  json_t *lexicon = dx_lexicon_json(lx);
  put(lexicon);
  json_decref(lexicon);
  char *line = NULL;
  size_t cap = 0;
  int status = 0;
  while (getline(&line, &cap, stdin) > 0) {
    json_error_t je;
    json_t *s = json_loads(line, JSON_DECODE_ANY, &je);
    if (!json_is_string(s)) {
      fprintf(stderr, "value_dump: not a JSON string: %s", line);
      status = 1;
      json_decref(s);
      break;
    }
    json_t *o = one(lx, json_string_value(s));
    put(o);
    json_decref(o);
    json_decref(s);
  }
  free(line);
  dx_rules_free(rs);
  return status;
}
