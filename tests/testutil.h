/* testutil.h — helpers shared by the unit tests. */
#ifndef DX_TESTUTIL_H
#define DX_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct tu_part {
  const char *name;
  const void *data;
  size_t len; /* 0: strlen(data) */
  int store;  /* 1: stored, not deflated */
} tu_part;

/* A zip in memory from parts (g_free the result). */
uint8_t *tu_zip(size_t *out_len, const tu_part *parts, size_t nparts);
/* A DOCX whose word/document.xml holds `body` inside w:document/w:body,
 * with the w, w14 and mc namespaces declared. */
uint8_t *tu_docx(size_t *out_len, const char *body);

/* A PDF of A4 pages (595 x 842 pt) drawing the given content streams,
 * with Helvetica as /F1 and every page turned by `rotate` degrees
 * (g_free the result). */
uint8_t *tu_pdf(size_t *out_len, const char *const *pages, size_t npages, int rotate);

#endif
