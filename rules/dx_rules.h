/* dx_rules.h — stage three of declx: rule files, the document model
 * mapped into declarations, and the canonical JSON (contract v1, see
 * schema/declaration-v1.schema.json).
 */
#ifndef DX_RULES_H
#define DX_RULES_H

#include <jansson.h>

#include "dx_categories.h"
#include "dx_declaration.h"
#include "dx_extract.h"
#include "dx_normalize.h"

#define DX_SCHEMA_VERSION "1"

typedef struct dx_ruleset dx_ruleset;

/* Loads the rules: the copies built into the binary, or, when dir is not
 * NULL, labels.rules and values.rules from dir. Every pattern is compiled
 * (and JIT-compiled) once here, with PCRE2 match and depth limits.
 * Returns NULL and sets err (DX_EIO, DX_EFORMAT) on a missing file, a bad
 * pattern or a category not in dx_categories.h (the message names the
 * file and line: `labels.rules:3: unknown category "fund_totl"`), or when
 * labels.rules has no rule of a category (`labels.rules: no rule of
 * category "title_ocr"`). Free with dx_rules_free(). */
dx_ruleset *dx_rules_load(const char *dir, dx_error *err);
void dx_rules_free(dx_ruleset *rs);
/* The same from the texts of the two rule files (for tests and fuzzing),
 * except that a category may have no rule (it then matches nothing); an
 * unknown category is an error all the same. */
dx_ruleset *dx_rules_load_text(const char *labels, const char *values, dx_error *err);

/* The key of the first rule of `cat` whose pattern matches the whole of
 * `label_key` (see dx_label_key), or NULL (always for DX_CAT_NONE).
 * Borrowed string. */
const char *dx_rules_match(dx_ruleset *rs, dx_cat cat, const char *label_key);
/* The key of the rule of `cat` one of whose texts is nearest
 * label_key, at most max edits (characters inserted, dropped or
 * replaced) away, a character replaced by one OCR confuses it with
 * (ocr_confusable: 日 for 目) counting a third; max 0 allows one such
 * character alone. *distance says how many edits, thirds rounded up
 * (the first such rule in file order wins a tie); *text, unless text is
 * NULL, that text (g_free).
 * Only patterns that match a few texts (literals, (?:a|b) groups, ? and
 * escaped punctuation) take part. NULL: none. */
const char *dx_rules_match_near(dx_ruleset *rs, dx_cat cat, const char *label_key, int max,
                                int *distance, char **text);
/* An edit's cost in thirds: a character replaced by one OCR confuses it
 * with costs one third. */
#define DX_RULES_EDIT_THIRDS 3
/* dx_rules_match_near counting in thirds of an edit: texts up to
 * max_thirds away; *thirds, unless NULL, how far the text is. */
const char *dx_rules_match_near_thirds(dx_ruleset *rs, dx_cat cat, const char *label_key,
                                       int max_thirds, int *thirds, char **text);
/* The edit distance between texts a and b (UTF-8) in thirds, as for
 * dx_rules_match_near_thirds: max_thirds + 1 once it must exceed
 * max_thirds. */
int dx_rules_distance_thirds(const dx_ruleset *rs, const char *a, const char *b, int max_thirds);
/* Whether label_key is a text of a `cat` rule keyed `key` with
 * characters left out (each of its characters, in order, in the text):
 * what a fax left of a heading whose thin strokes it lost ("标值" of
 * 目标值). Only patterns that match a few texts take part, as for
 * dx_rules_match_near. */
bool dx_rules_part_of(dx_ruleset *rs, dx_cat cat, const char *key, const char *label_key);
/* The key of the one rule of `cat` a text of which holds label_key
 * whole, in one piece, and is at most twice as long ("管部" in 主管部门);
 * NULL when none does or rules with different keys do. *text, unless
 * text is NULL, that text (g_free). Only patterns that match a few texts
 * take part, as for dx_rules_match_near. */
const char *dx_rules_inside(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text);
/* The key of the one rule of `cat` a text of which ends with label_key
 * and is one or two characters longer ("部门" of 主管部门: what is left of
 * a label whose first characters OCR misread); NULL when none does or
 * rules with different keys do. *text, unless text is NULL, that text
 * (g_free). Only patterns that match a few texts take part, as for
 * dx_rules_match_near. */
const char *dx_rules_tail_of(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text);
/* The key of the one rule of `cat` a text of which is label_key with one
 * or two characters more inside it, its first and last characters the
 * key's and the key's characters in order ("实期绩效标" of 实施期绩效目标:
 * what a fax left of a label whose thin strokes it lost); NULL when none
 * is or rules with different keys are. *text, unless text is NULL, that
 * text (g_free). Only patterns that match a few texts take part, as for
 * dx_rules_match_near. */
const char *dx_rules_thinned(dx_ruleset *rs, dx_cat cat, const char *label_key, char **text);
/* Gives lim the layout's words from rs (declared in declx.h too). */
void dx_rules_layout_words(dx_ruleset *rs, dx_limits *lim);
/* Whether a `cat` pattern matches a non-empty start of s. */
bool dx_rules_starts(dx_ruleset *rs, dx_cat cat, const char *s);
/* Removes the first match of a `cat` pattern from the start of s (from
 * anywhere in s when `anywhere`); returns a new string (g_free). For
 * DX_CAT_NUMBERING, DX_CAT_SEAL_NOTE and the like. */
char *dx_rules_strip(dx_ruleset *rs, dx_cat cat, const char *s, bool anywhere);
const dx_lexicon *dx_rules_lexicon(const dx_ruleset *rs);

/* Maps a document into its declarations: the record the contract's JSON
 * is written from (free it with dx_record_free). */
dx_record *dx_doc_record(dx_ruleset *rs, const dx_doc *doc);

/* Maps a document into the contract's top-level JSON object (new ref):
 * dx_record_to_json of dx_doc_record. */
json_t *dx_doc_to_json(dx_ruleset *rs, const dx_doc *doc);

/* ---- the record as JSON (to_json.c: the contract's shape, written once) -- */

/* The contract's top-level object for r (new ref). */
json_t *dx_record_to_json(const dx_record *r);
json_t *dx_declaration_json(const dx_declaration *d);
/* A FIELD object (value, raw, confidence, flags, at) and its value alone. */
json_t *dx_field_json(const dx_field *f);
json_t *dx_field_value_json(const dx_field *f);
/* An indicator's value object (raw, kind, op, number, upper, unit). */
json_t *dx_ind_value_json(const dx_ind_value *v);
json_t *dx_at_json(const dx_at *w);
json_t *dx_flags_json(const dx_flags *fl);
/* A number as the contract writes it: an integer when whole (|v| < 1e15),
 * else a real. */
json_t *dx_number_json(double v);

/* The indicator value of raw text, parsed into v (dx_value_parse):
 * kind, op, number, upper and unit as the contract has them. out's
 * strings are borrowed from raw, v and static names. */
void dx_ind_value_from(dx_ind_value *out, const dx_value *v, const char *raw);

/* The value lexicon as the review page's parser reads it (new ref):
 * {"year_min", "year_max", "words": [[category, op or null, folded
 * text], …]} in the parser's order (dx_lexicon_word). */
json_t *dx_lexicon_json(const dx_lexicon *lx);

/* Serialises deterministically: keys in insertion order, UTF-8 as is,
 * reals printed with 15 significant digits. pretty: 2-space indent;
 * otherwise one line. Returns g_malloc'd text without a trailing newline. */
char *dx_json_dump(const json_t *j, bool pretty);

#endif
