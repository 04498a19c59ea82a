/* review.h — `declx review`: a static site that puts every value beside
 * its source, for a person to check and correct (README, "Review and
 * corrections").
 *
 * review.c writes the site (pages, data files, the embedded assets);
 * review_items.c lists a declaration's values in the contract's order;
 * review_render.c crops PDF pages around the values' boxes. */
#ifndef DX_REVIEW_H
#define DX_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <jansson.h>

#include "dx_extract.h"

/* `declx review [-o DIR] INPUT.jsonl|FILE...`: argv[1] is "review".
 * Exit 0, 1 when some input could not be read (the site has the rest),
 * 2 on a usage error, 3 when the rules could not be loaded. */
int dx_review_main(int argc, char **argv);

/* The values of a declaration in the contract's order (fields, funds,
 * the lists, indicators), each an object {ptr, label, value, raw,
 * confidence, flags, at, parse}: ptr is the RFC 6901 pointer inside the
 * declaration that a correction names; parse, how `declx apply` reads a
 * new text there (dx_apply_kind) (new ref). */
json_t *dx_review_items(const json_t *decl);

/* A crop of a PDF page around a value's box (points from the page's
 * top-left), written as a PNG to path. */
typedef struct dx_crop {
  int page; /* 1-based */
  double box[4];
  char *path; /* owned by the caller */
} dx_crop;

/* Writes the crops of the PDF in pdf (a file's or an archive member's
 * bytes): each page that has crops is rendered once (within lim's page and pixel limits), each crop
 * cut from it with its box outlined. Returns the number of crops written; a page or crop that
 * cannot be made is skipped (the first reason in err). */
int dx_review_crops(GBytes *pdf, dx_crop *crops, size_t n, const dx_limits *lim, char *err,
                    size_t errlen);

/* The same for a document read by OCR (an image file, a scanned OFD)
 * or an OFD: it is read again (name as its source.file) and each crop is
 * cut from its page image as OCR saw it (dx_limits.page_raster), where
 * its boxes are; an OFD's text page is drawn from the glyphs and rules
 * its reader found (the characters declx read, in the system's
 * sans-serif, where they were: nothing here renders an OFD's own
 * fonts). Slow as extraction is: OCR runs again. */
int dx_review_raster_crops(const char *name, GBytes *data, dx_crop *crops, size_t n,
                           const dx_limits *lim, char *err, size_t errlen);

#endif
