/* dx_categories.h — the categories of labels.rules: one enum constant per
 * category the C code looks up, so that a misspelt category is a compile
 * error in C and a load error in a rule file (dx_rules_load).
 */
#ifndef DX_CATEGORIES_H
#define DX_CATEGORIES_H

#include <stdbool.h>

/* The one table of category names: X(CONSTANT, "name"), in the order of
 * rules/labels.rules. Every category here is looked up by the mapping
 * (rules/map.c and the files rules/map_int.h lists; ocr_confusable by
 * rules/ruleset.c), so a rules directory must have at least one rule of
 * each. */
#define DX_CATEGORIES(X)                                                                           \
  X(TITLE, "title")                                                                                \
  X(TITLE_CONTINUED, "title_continued")                                                            \
  X(FORM, "form")                                                                                  \
  X(NOTES_HEADING, "notes_heading")                                                                \
  X(YEAR_LINE, "year_line")                                                                        \
  X(FIELD, "field")                                                                                \
  X(UNIT_NOTE, "unit_note")                                                                        \
  X(FUND_TOTAL, "fund_total")                                                                      \
  X(FUND_COLUMN, "fund_column")                                                                    \
  X(FUND_SOURCE, "fund_source")                                                                    \
  X(PART_PREFIX, "part_prefix")                                                                    \
  X(WAN_MARKER, "wan_marker")                                                                      \
  X(WAN_UNIT, "wan_unit")                                                                          \
  X(YUAN_UNIT, "yuan_unit")                                                                        \
  X(YUAN_MARKER, "yuan_marker")                                                                    \
  X(FUND_FAMILY, "fund_family")                                                                    \
  X(COUNT_UNIT, "count_unit")                                                                      \
  X(THREE_PUBLIC_CONTEXT, "three_public_context")                                                  \
  X(IND_HEADER, "ind_header")                                                                      \
  X(MEDIUM_HEADING, "medium_heading")                                                              \
  X(ITEMS_HEADER, "items_header")                                                                  \
  X(SCHEDULE_HEADER, "schedule_header")                                                            \
  X(PLANS_HEADER, "plans_header")                                                                  \
  X(SUMMARY_HEADER, "summary_header")                                                              \
  X(LEVEL1, "level1")                                                                              \
  X(LEVEL2, "level2")                                                                              \
  X(LEVEL2_PARENT, "level2_parent")                                                                \
  X(LEVEL1_ACCEPTS, "level1_accepts")                                                              \
  X(ATTRIBUTE, "attribute")                                                                        \
  X(NUMBERING, "numbering")                                                                        \
  X(LABEL_MARK, "label_mark")                                                                      \
  X(SEAL_NOTE, "seal_note")                                                                        \
  X(NEAR_BLOCK, "near_block")                                                                      \
  X(OCR_NUMBERING, "ocr_numbering")                                                                \
  X(RATE_LABEL, "rate_label")                                                                      \
  X(AMOUNT_LEVEL, "amount_level")                                                                  \
  X(OCR_UNIT, "ocr_unit")                                                                          \
  X(TIME_LEVEL, "time_level")                                                                      \
  X(OCR_MONTH, "ocr_month")                                                                        \
  X(OCR_AMOUNT, "ocr_amount")                                                                      \
  X(TITLE_OCR, "title_ocr")                                                                        \
  X(TITLE_WORD, "title_word")                                                                      \
  X(OCR_BOX_ON, "ocr_box_on")                                                                      \
  X(OCR_BOX_OFF, "ocr_box_off")                                                                    \
  X(OCR_CONFUSABLE, "ocr_confusable")                                                              \
  X(OCR_MARK, "ocr_mark")                                                                          \
  X(OCR_WORD, "ocr_word")                                                                          \
  X(OCR_COLON, "ocr_colon")                                                                        \
  X(OCR_WHOLE, "ocr_whole")                                                                        \
  X(DOC_FIELD, "doc_field")

/* DX_CAT_NONE (0) is no category: what a zeroed struct holds, matched by
 * no rule, and never the answer of dx_cat_lookup. DX_CAT_COUNT is one
 * past the last category. */
#define DX_CAT_ENUM_(c, name) DX_CAT_##c,
typedef enum { DX_CAT_NONE, DX_CATEGORIES(DX_CAT_ENUM_) DX_CAT_COUNT } dx_cat;
#undef DX_CAT_ENUM_

/* The category's name as rule files write it ("field"); "" for
 * DX_CAT_NONE or a value out of range. Static string. */
const char *dx_cat_name(dx_cat cat);
/* Sets *out to the category named `name` and returns true, or returns
 * false (and leaves *out alone) when no category has that name. */
bool dx_cat_lookup(dx_cat *out, const char *name);

#endif
