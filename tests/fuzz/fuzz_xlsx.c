/* Fuzz target: a workbook through the whole extract -> rules -> JSON
 * path. An input that is a zip is read as it is; any other input is
 * the parts of a workbook, separated by a line "--": the worksheet,
 * then the shared strings, then styles.xml (each whole, root element
 * included), packed into an XLSX with its workbook and relationships,
 * so that the fuzzer works on the XML and not on the zip's checksums. */
#define _GNU_SOURCE
#include <string.h>

#include <zip.h>

#include "fuzz_common.h"

#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *WORKBOOK =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"" REL "\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\" "
    "r:id=\"r1\"/></sheets></workbook>";
static const char *RELS =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"r1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"r2\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"r3\" Type=\"" REL "styles\" Target=\"styles.xml\"/></Relationships>";

static void add(zip_t *za, const char *name, const void *data, size_t len) {
  zip_source_t *s = zip_source_buffer(za, data, len, 0);
  if (s && zip_file_add(za, name, s, ZIP_FL_OVERWRITE) < 0) zip_source_free(s);
}

/* The parts packed as an XLSX in memory (g_free), or NULL. */
static uint8_t *pack(const uint8_t *data, size_t size, size_t *out_len) {
  const char *names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  uint8_t *out = NULL;
  if (za) {
    add(za, "[Content_Types].xml", "<Types/>", 8);
    add(za, "xl/workbook.xml", WORKBOOK, strlen(WORKBOOK));
    add(za, "xl/_rels/workbook.xml.rels", RELS, strlen(RELS));
    const uint8_t *p = data, *end = data + size;
    for (size_t k = 0; k < G_N_ELEMENTS(names) && p <= end; k++) {
      const uint8_t *sep = memmem(p, (size_t)(end - p), "\n--\n", 4);
      const uint8_t *stop = sep ? sep : end;
      add(za, names[k], p, (size_t)(stop - p));
      if (!sep) break;
      p = sep + 4;
    }
    int closed = zip_close(za);
    if (closed != 0) zip_discard(za);
    zip_stat_t st;
    if (closed == 0 && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
      out = g_malloc(st.size ? st.size : 1);
      if (zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
        g_free(out);
        out = NULL;
      }
      *out_len = st.size;
      zip_source_close(src);
    }
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t len = size;
  uint8_t *packed = NULL;
  if (size < 2 || memcmp(data, "PK", 2) != 0) {
    packed = pack(data, size, &len);
    if (!packed) return 0;
  }
  dx_doc *doc = NULL;
  dx_error err;
  if (dx_read_bytes(&doc, "fuzz.xlsx", packed ? packed : data, len, fuzz_limits(), &err) == DX_OK) {
    fuzz_finish(doc);
    dx_doc_free(doc);
  }
  g_free(packed);
  return 0;
}
