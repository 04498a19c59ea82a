/* declx.c — the library's public face (declx.h): each function a few
 * calls into the stages. */
#include "declx.h"

#include <errno.h>
#include <string.h>

#include "dx_rules.h"
#include "rules_int.h"

/* lim's words (dx_words): title_continued over the text's label key,
 * numbering at its start. */
static bool says_continued(void *rs, const char *text) {
  char *k = dx_label_key(text);
  bool yes = dx_rules_match(rs, DX_CAT_TITLE_CONTINUED, k) != NULL;
  g_free(k);
  return yes;
}

static bool starts_numbered(void *rs, const char *text) {
  return dx_rules_starts(rs, DX_CAT_NUMBERING, text);
}

static bool word_pair(void *rs, uint32_t a, uint32_t b) {
  return dx_word_pairs_has(dx_rules_word_pairs(rs), a, b);
}

static double char_follows(void *rs, uint32_t a, uint32_t b, bool *seen) {
  (void)rs;
  return dx_char_follows(a, b, seen);
}

static size_t misread_of(void *rs, uint32_t read, const uint32_t **written) {
  return dx_rules_ocr_misread_of(rs, read, written);
}

/* Any word of values.rules but a comparison before the number
 * (op_prefix) may follow one: 1人, 3万, 10余, 2023年. */
static bool starts_after_number(void *rs, uint32_t c) {
  const dx_lexicon *lx = dx_rules_lexicon(rs);
  for (size_t i = 0; lx && i < dx_lexicon_size(lx); i++) {
    const char *cat, *op, *text;
    dx_lexicon_word(lx, i, &cat, &op, &text);
    if (strcmp(cat, "op_prefix") != 0 && g_utf8_get_char(text) == c) return true;
  }
  return false;
}

void dx_rules_layout_words(dx_ruleset *rs, dx_limits *lim) {
  lim->words = (dx_words){.continued = says_continued,
                          .numbered = starts_numbered,
                          .pair = word_pair,
                          .follows = char_follows,
                          .misread_of = misread_of,
                          .after_number = starts_after_number,
                          .ctx = rs};
}

dx_code dx_read_path(dx_doc **out, const char *path, const dx_limits *lim, dx_error *err) {
  if (!out || !path || !lim) return dx_error_set(err, DX_EARG, "dx_read_path: no input");
  *out = NULL;
  uint8_t *data = NULL;
  size_t len = 0;
  dx_code rc = dx_read_file(&data, &len, path, lim, err);
  if (rc == DX_OK) rc = dx_read_bytes(out, path, data, len, lim, err);
  g_free(data);
  return rc;
}

size_t dx_doc_warning_count(const dx_doc *doc) {
  return doc ? doc->warnings->len : 0;
}

const char *dx_doc_warning(const dx_doc *doc, size_t i) {
  if (!doc || i >= doc->warnings->len) return NULL;
  const dx_warning *w = g_ptr_array_index(doc->warnings, i);
  return w->message;
}

char *dx_doc_json_text(dx_ruleset *rs, const dx_doc *doc, bool pretty) {
  json_t *j = dx_doc_to_json(rs, doc);
  char *s = dx_json_dump(j, pretty);
  json_decref(j);
  return s;
}

dx_code dx_doc_write_json(FILE *out, dx_ruleset *rs, const dx_doc *doc, bool pretty,
                          dx_error *err) {
  char *s = dx_doc_json_text(rs, doc, pretty);
  bool ok = fputs(s, out) >= 0 && fputc('\n', out) != EOF && fflush(out) == 0;
  g_free(s);
  return ok ? DX_OK : dx_error_set(err, DX_EIO, "cannot write the JSON: %s", strerror(errno));
}

void dx_free(void *p) {
  g_free(p);
}
