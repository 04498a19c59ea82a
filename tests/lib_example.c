/* A program that uses declx as a library, through rules/declx.h alone:
 * built with only extract/ and rules/ on its include path (no GLib or
 * jansson headers), it prints FILE's declaration JSON. */
#include "declx.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: lib_example FILE\n", stderr);
    return 2;
  }
  dx_limits lim;
  dx_limits_default(&lim);
  dx_error err = {0};
  dx_ruleset *rs = dx_rules_load(NULL, &err);
  if (rs) dx_rules_layout_words(rs, &lim);
  dx_doc *doc = NULL;
  int status = 0;
  if (!rs || dx_read_path(&doc, argv[1], &lim, &err) != DX_OK ||
      dx_doc_write_json(stdout, rs, doc, true, &err) != DX_OK) {
    fprintf(stderr, "lib_example: %s: %s: %s\n", argv[1], dx_code_name(err.code), err.message);
    status = 1;
  }
  for (size_t i = 0; doc && i < dx_doc_warning_count(doc); i++)
    fprintf(stderr, "lib_example: warning: %s\n", dx_doc_warning(doc, i));
  dx_doc_free(doc);
  dx_rules_free(rs);
  return status;
}
