/* dx_glyphs.h — the characters the stages agree on, in one place.
 *
 * Form vocabulary (labels, value words, titles) lives in the rule files (rules/).
 * What is here is not vocabulary but typography the stages below rules/
 * need before any rule file is in reach: the two glyphs every checkbox
 * becomes, what OCR makes of a printed box, and the classes of CJK
 * punctuation that line breaking (kinsoku) and paragraphs go by. That is
 * why this header, and only it, holds CJK characters as C literals.
 */
#ifndef DX_GLYPHS_H
#define DX_GLYPHS_H

#include <stdbool.h>
#include <stdint.h>

/* Every checkbox, whatever its source (a DOCX symbol font, form field or
 * content control; a PDF glyph; a square of ink on a scan), becomes one
 * of these two. */
#define DX_CHECK_ON_CP 0x2611u     /* ☑ BALLOT BOX WITH CHECK */
#define DX_CHECK_OFF_CP 0x2610u    /* ☐ BALLOT BOX */
#define DX_CHECK_ON "\xe2\x98\x91" /* ☑ as UTF-8 */
#define DX_CHECK_OFF "\xe2\x98\x90"

static inline bool dx_is_check(uint32_t c) {
  return c == DX_CHECK_ON_CP || c == DX_CHECK_OFF_CP;
}

/* What OCR reads a printed checkbox as: □ as 口 or 囗, ☑ as 回, 团, 日
 * or 田 (and the box characters themselves). */
#define DX_CHECK_LOOKALIKES "口囗回团日田□■☐☑☒"

/* Punctuation that may not start a line: it goes to the next line with
 * the character before it. */
#define DX_NO_LINE_START "。，、；：？！）》」』】〕,.;:?!)%"
/* Punctuation that may not end a line. */
#define DX_NO_LINE_END "（《「『【〔("
/* Punctuation that ends a sentence or a clause. */
#define DX_CLAUSE_END "。；！？：;!?:"
/* Characters of a page number line besides digits ("第 2 页 共 6 页",
 * "—2—"). */
#define DX_PAGE_NUMBER_CHARS "第页共—－"

#endif
