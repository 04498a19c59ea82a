/* rules_int.h — stage three's internals, for rules/ (and its tests)
 * alone: the ruleset's cache of label keys, which the mapping uses to
 * match one cell's key in many categories. */
#ifndef DX_RULES_INT_H
#define DX_RULES_INT_H

#include "dx_rules.h"

/* A label key with what the categories say of it, kept by the ruleset:
 * matching it in many categories hashes the key once. NULL for an empty
 * or over-long key, or when the ruleset keeps too many keys already
 * (then use dx_rules_match). Valid until dx_rules_forget(). */
typedef struct dx_rkey dx_rkey;
dx_rkey *dx_rules_key(dx_ruleset *rs, const char *label_key);
/* dx_rules_match for a kept key; NULL when k is NULL. */
const char *dx_rules_match_key(dx_ruleset *rs, dx_cat cat, dx_rkey *k);
/* What the caller keeps with a kept key (NULL at first); data_free is
 * called on it when the key is dropped or the data replaced. */
void *dx_rules_key_data(const dx_rkey *k);
void dx_rules_key_set_data(dx_rkey *k, void *data, GDestroyNotify data_free);
/* Lets the ruleset drop the keys it keeps (when there are many); every
 * dx_rkey is invalid after it. dx_doc_to_json calls it first. */
void dx_rules_forget(dx_ruleset *rs);

/* The pairs of Han characters that follow each other in the rule files'
 * words (word_pairs.c): from every pattern's runs of Han characters,
 * character classes aside. Free with g_hash_table_destroy. */
GHashTable *dx_word_pairs_new(const char *labels, const char *values);
/* Whether b follows a in one of them. */
bool dx_word_pairs_has(GHashTable *pairs, uint32_t a, uint32_t b);
/* The ruleset's pairs. */
GHashTable *dx_rules_word_pairs(const dx_ruleset *rs);
/* The characters OCR may have read `read` for (ocr_confusable: 意 for
 * 总 or 点): how many, *written pointing at them (NULL when none). */
size_t dx_rules_misread_of(const dx_ruleset *rs, uint32_t read, const uint32_t **written);
/* The same with ocr_mark's marks (1 for 工): what OCR may have read for
 * a Han character, not for near-matching labels. */
size_t dx_rules_ocr_misread_of(const dx_ruleset *rs, uint32_t read, const uint32_t **written);

/* How likely (natural log) Han character b is after a in Chinese text,
 * a 0: anywhere; *seen: the two are side by side in one of the
 * dictionary's words (char_freq.c). */
double dx_char_follows(uint32_t a, uint32_t b, bool *seen);

#endif
