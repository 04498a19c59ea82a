/* dx_normalize.h — stage two of declx: text cleaning and value parsing.
 *
 * Every function returning char* returns a newly allocated string the
 * caller frees with g_free(). Inputs are UTF-8; invalid UTF-8 is replaced
 * with U+FFFD before anything else.
 */
#ifndef DX_NORMALIZE_H
#define DX_NORMALIZE_H

#include <stdbool.h>

#include "dx_extract.h"

/* Valid UTF-8 copy of s (invalid bytes become U+FFFD, NUL-free). */
char *dx_text_valid(const char *s);
/* Unifies checkbox forms to ☑/☐: ☒ ■ √ ✓ ✔ and <input ... checked> are
 * ticked; □ ☐ and <input type="checkbox"> without checked are empty.
 * Radicals and compatibility ideographs standing for a Han character
 * become that character (dx_unify_han: 项⽬ -> 项目). */
char *dx_text_checkboxes(const char *s);
/* Whitespace runs (any Unicode space, tabs, newlines) become one ASCII
 * space; leading and trailing whitespace is removed. This is `raw`. */
char *dx_text_collapse(const char *s);
/* The contract's `raw`: valid UTF-8, checkboxes and Han unified, whitespace
 * collapsed (dx_text_valid, dx_text_checkboxes, dx_text_collapse). */
char *dx_text_raw(const char *s);
/* Width folding: full-width ASCII forms (digits, letters, punctuation)
 * and the ideographic space to their ASCII forms. CJK punctuation such
 * as 、。 and 《》 is kept. */
char *dx_text_fold(const char *s);
/* Whether c is a colon, ASCII or full-width. */
bool dx_text_is_colon(gunichar c);
/* The first colon of s (the last when `last`), ASCII or full-width, for
 * text not folded; NULL when none. *len (when not NULL): its bytes. */
const char *dx_text_colon(const char *s, bool last, size_t *len);
/* Removes whitespace that stands between two Han characters
 * ("项目支出 预算" -> "项目支出预算"); other whitespace is kept. */
char *dx_text_join_han(const char *s);
/* A label's key for matching: folded, all whitespace removed, trailing
 * colons removed ("项 目 名 称：" -> "项目名称"). */
char *dx_label_key(const char *s);

/* ---- the front door (read.c) ---------------------------------------- */

/* Any input to the document model: sniffs the format from magic bytes
 * (a zip is an OFD when OFD.xml is at its root, else its parts tell a
 * DOCX from an XLSX), reads it (DOCX and XLSX: dx_ooxml_read; PDF:
 * dx_pdf_read; OFD: dx_ofd_read; JPEG, PNG, TIFF: dx_image_read) and
 * sets the document's sha256. Formats met in archives next to the forms
 * (legacy Word and Excel, RTF, archives) get an error that says what
 * they are. */
dx_code dx_read_bytes(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err);

/* ---- values ---------------------------------------------------------- */

typedef enum {
  DX_VK_EMPTY,
  DX_VK_NUMERIC,
  DX_VK_RANGE,
  DX_VK_DATE,
  DX_VK_QUALITATIVE,
  DX_VK_COMPOUND,
} dx_value_kind;

const char *dx_value_kind_name(dx_value_kind k);

typedef struct dx_lexicon dx_lexicon;

/* Years a form's dates and titles may name: a four-digit number outside
 * them is a count or an amount. */
#define DX_YEAR_MIN 1990
#define DX_YEAR_MAX 2100

/* Builds the value lexicon (comparison words, approximations, units and
 * their joiners, amount words) from rule text: lines
 * "CATEGORY<TAB>OP<TAB>word|word|..." (rules/values.rules), '#' comments.
 * Returns NULL and sets err on a malformed line or an unknown category
 * (`values.rules:3: unknown category "unti"`). */
dx_lexicon *dx_lexicon_new(const char *text, dx_error *err);
void dx_lexicon_free(dx_lexicon *lx);
/* The first category of values.rules the text had no line of, or NULL
 * when it had every one. Static string. */
const char *dx_lexicon_missing(const dx_lexicon *lx);
/* The lexicon's words in the order the parser tries them (longest first):
 * how many, and the i-th one's values.rules category, operator (NULL for
 * categories without one) and folded text (dx_label_key), borrowed. The
 * review page's parser (tools/declx/review/parse.js) reads these. */
size_t dx_lexicon_size(const dx_lexicon *lx);
void dx_lexicon_word(const dx_lexicon *lx, size_t i, const char **category, const char **op,
                     const char **text);

typedef struct dx_value {
  dx_value_kind kind;
  const char *op; /* static string: "=", ">=", "<=", ">", "<", "~" or NULL */
  bool has_number;
  double number;
  bool has_upper;
  double upper;
  char unit[64];     /* "" when none */
  bool prose;        /* the number stood among other words */
  bool unit_guessed; /* the unit is not in the lexicon (values.rules) */
} dx_value;

/* Parses an indicator value ("≥5次", "1-2次/年", "$\geq 95\%$", "有效促进"). */
void dx_value_parse(dx_value *out, const dx_lexicon *lx, const char *text);

/* Text with its LaTeX spans ($...$) as a scan's OCR misread them put
 * back: $lgeq 951%$ -> $\geq 95\%$. A new string (a copy when nothing
 * was misread). */
char *dx_value_unlatex_ocr(const char *text);

/* Amounts: returns true when s holds one amount; *wan is in 万元.
 * *unit is 1 when written in 万/万元, 2 when in 元 (converted), 0 when
 * no unit was written. The unit words and the words an amount may stand
 * among come from the lexicon (values.rules: amount_*). */
bool dx_amount_parse(double *wan, int *unit, const dx_lexicon *lx, const char *s);

/* A date or a period in any of the forms on the forms ("2023年1月-12月",
 * "202301-202312", "2023.01--2023.12", "2023/1/12月", "2023年度").
 * start/end receive "YYYY", "YYYY-MM" or "YYYY-MM-DD" or "" when absent.
 * With expand_year, a lone year becomes YYYY-01 .. YYYY-12.
 * Returns the number of dates found (0: none). */
int dx_period_parse(char start[11], char end[11], const dx_lexicon *lx, const char *s,
                    bool expand_year);

#endif
