/* docx_package.c — a DOCX's zip package (ECMA-376 Part 2, Open
 * Packaging Conventions).
 *
 * The archive is opened in memory (zip_part.c, which holds the limits);
 * the main part is found (word/document.xml, or where the package
 * relationships name it), inflated under the part limits, and handed to
 * the WordprocessingML reader (docx_xml.c).
 */
#include "docx_int.h"

#include <zip.h>

dx_code dx_docx_read_zip(dx_doc **out, const char *file, struct zip *za, const dx_limits *lim,
                         dx_error *err) {
  *out = NULL;
  char *part = NULL;
  dx_code rc = dx_zip_main_part(&part, za, "word/document.xml", "a DOCX", lim, err);
  if (rc == DX_OK && !part) rc = DX_EFORMAT;
  if (rc != DX_OK) return rc;
  uint8_t *xml = NULL;
  size_t xml_len = 0;
  rc = dx_zip_read_part(&xml, &xml_len, za, part, "a DOCX", lim, err);
  g_free(part);
  if (rc == DX_OK) rc = dx_docx_read_xml(out, file, xml, xml_len, lim, err);
  g_free(xml);
  return rc;
}

dx_code dx_docx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err) {
  *out = NULL;
  zip_t *za = NULL;
  dx_code rc = dx_zip_open(&za, data, len, lim, err);
  if (rc != DX_OK) return rc;
  rc = dx_docx_read_zip(out, file, za, lim, err);
  zip_discard(za);
  return rc;
}
