/* read.c — the front door: any input's bytes to the document model.
 *
 * Stage one reads a format into what it can see (a DOCX's tables, a
 * PDF's or an OFD's pages of glyphs and rules); pages still need stage
 * two's layout to become tables. This file stands above both, so that the
 * stages only ever call downwards: extract/ knows nothing of normalize/,
 * and normalize/ nothing of rules/. The sha256 of the input is computed
 * here, once, whatever the format.
 */
#include "normalize_int.h"

#include <string.h>

static dx_code layout_page_cb(void *ctx, const dx_page *pg, dx_error *err) {
  return dx_layout_page(ctx, pg, err);
}

typedef dx_code (*pages_fn)(dx_doc *, const uint8_t *, size_t, const dx_limits *, dx_page_fn,
                            void *, dx_error *);

/* A format of pages (PDF, OFD): stage one's pages through the layout. */
static dx_code read_pages(pages_fn pages, dx_doc **out, const char *file, const uint8_t *data,
                          size_t len, const dx_limits *lim, dx_error *err) {
  *out = NULL;
  dx_doc *doc = dx_doc_new(file, lim);
  if (!doc) return dx_error_set(err, DX_ENOMEM, "out of memory");
  dx_layout *L = dx_layout_new(doc, lim);
  dx_code rc = pages(doc, data, len, lim, layout_page_cb, L, err);
  if (rc == DX_OK) rc = dx_layout_finish(L, err);
  dx_layout_free(L);
  if (rc != DX_OK) {
    dx_doc_free(doc);
    return rc;
  }
  *out = doc;
  return DX_OK;
}

dx_code dx_pdf_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                    const dx_limits *lim, dx_error *err) {
  return read_pages(dx_pdf_pages, out, file, data, len, lim, err);
}

dx_code dx_ofd_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                    const dx_limits *lim, dx_error *err) {
  return read_pages(dx_ofd_pages, out, file, data, len, lim, err);
}

/* An image file (JPEG, PNG, TIFF): its pages read by OCR, as a scanned
 * PDF's are, and laid out the same way. */
dx_code dx_image_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err) {
  return read_pages(dx_image_pages, out, file, data, len, lim, err);
}

typedef dx_code (*reader_fn)(dx_doc **, const char *, const uint8_t *, size_t, const dx_limits *,
                             dx_error *);

/* Sets *read to the reader for data's format and returns DX_OK, or
 * returns why there is none (err set). */
static dx_code reader_for(reader_fn *read, const uint8_t *data, size_t len, dx_error *err) {
  *read = NULL;
  if (len == 0) return dx_error_set(err, DX_EFORMAT, "empty file");
  /* an OFD by its OFD.xml, an OpenDocument file (through LibreOffice) by
   * its mimetype part; else a DOCX or an XLSX, told apart by their parts */
  if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
    *read = dx_ofd_detect(data, len)   ? dx_ofd_read
            : dx_odf_detect(data, len) ? dx_legacy_read
                                       : dx_ooxml_read;
  /* Word, Excel and WPS 97-2003 (OLE2 compound files) and RTF, through
   * LibreOffice: which one it is, by the file's streams, is legacy.c's */
  if (dx_legacy_detect(data, len)) *read = dx_legacy_read;
  if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) *read = dx_pdf_read;
  if (dx_image_kind(data, len)) *read = dx_image_read;
  if (*read) return DX_OK;
  if (len >= 4 && memcmp(data, "PK\x05\x06", 4) == 0)
    return dx_error_set(err, DX_EFORMAT, "empty zip archive, not a DOCX");
  const char *arc = dx_archive_kind(data, len);
  if (arc)
    return dx_error_set(err, DX_EUNSUPPORTED,
                        "%s, not a form; declx batch reads the forms inside archives "
                        "(one level deep)",
                        arc);
  return dx_error_set(
      err, DX_EFORMAT,
      "not a DOCX, XLSX, PDF, OFD, JPEG, PNG, TIFF, DOC, XLS, WPS, ET, RTF, ODT or ODS "
      "file (unrecognised content)");
}

dx_code dx_read_bytes(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err) {
  *out = NULL;
  reader_fn read = NULL;
  dx_code rc = reader_for(&read, data, len, err);
  if (rc == DX_OK && read) rc = read(out, file, data, len, lim, err);
  if (rc != DX_OK) return rc;
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
  g_strlcpy((*out)->sha256, sum ? sum : "", sizeof(*out)->sha256);
  g_free(sum);
  return DX_OK;
}
