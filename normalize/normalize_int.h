/* normalize_int.h — stage two's internals: the layout of pages into the
 * document model, and the PDF path of the front door. Only normalize/
 * (read.c, and the layout's files through layout_int.h) and its tests
 * include it; dx_normalize.h is the stage's face, and dx_read_bytes the
 * way in for any input.
 */
#ifndef DX_NORMALIZE_INT_H
#define DX_NORMALIZE_INT_H

#include "dx_normalize.h"

/* ---- layout of pages (layout.c) ------------------------------------- */

/* Layout of pages (PDF text layers now, OCR later) into doc's blocks:
 * feed every page in order to dx_layout_page (the page is borrowed for
 * the call), then dx_layout_finish joins tables that continue across a
 * page break and numbers tables and paragraphs. Errors: DX_ELIMIT (rows,
 * columns), DX_ENOMEM (the doc's arena is full). */
typedef struct dx_layout dx_layout;
dx_layout *dx_layout_new(dx_doc *doc, const dx_limits *lim);
dx_code dx_layout_page(dx_layout *layout, const dx_page *page, dx_error *err);
dx_code dx_layout_finish(dx_layout *layout, dx_error *err);
void dx_layout_free(dx_layout *layout);
/* Where a sheet holding two pages side by side ("2 pages per sheet") is
 * cut, in points from its left: the middle of the empty gutter between
 * them; 0 when the page is one page. dx_layout_page lays out such a
 * sheet's halves as two pages, left first. Glyphs k with skip[k] (skip
 * may be NULL: none) are ignored. */
float dx_layout_two_up_cut(const dx_page *page, const bool *skip);

/* Reads a PDF from memory into the model: stage one (extract/pdf.c) gives
 * each page's glyphs and ruling lines, stage two (layout.c) turns them
 * into tables and paragraphs and joins tables that continue across a
 * page break. Errors as dx_pdf_pages(). doc->sha256 is left empty. */
dx_code dx_pdf_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                    const dx_limits *lim, dx_error *err);
/* The same for an image file (JPEG, PNG, TIFF: extract/image.c), each
 * page read by OCR. Errors as dx_image_pages(). */
dx_code dx_image_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err);
/* The same for OFD (extract/ofd.c's pages). */
dx_code dx_ofd_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                    const dx_limits *lim, dx_error *err);

#endif
