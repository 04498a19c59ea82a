/* Fuzz target: OFD bytes through the package, XML, drawing of pages
 * (templates, objects, paths), checkboxes, OCR of image pages, layout,
 * rules and JSON. An input that is not a zip is a page's Content.xml,
 * put in a package of its own (whose template page and composite
 * graphic are that content too): mutations of a zip mostly break its
 * checksums, mutations of the XML reach the drawing. */
#include <string.h>

#include <zip.h>

#include "normalize_int.h"
#include "fuzz_common.h"

#define NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""

/* A package of stored parts; NULL when libzip fails. g_free it. */
static uint8_t *package(size_t *out_len, const uint8_t *content, size_t len) {
  static const char *entry = "<ofd:OFD " NS "><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
                             "</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
  static const char *doc =
      "<ofd:Document " NS "><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
      "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
      "<ofd:TemplatePage ID=\"7\" BaseLoc=\"Tpls/T.xml\"/></ofd:CommonData><ofd:Pages>"
      "<ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/><ofd:Page ID=\"2\" "
      "BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>";
  static const char *res =
      "<ofd:Res " NS " BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"3\" FontName=\"宋体\"/>"
      "<ofd:Font ID=\"4\" FontName=\"Wingdings\"/></ofd:Fonts><ofd:DrawParams><ofd:DrawParam "
      "ID=\"5\" LineWidth=\"0.2\"><ofd:StrokeColor Value=\"0 0 0\"/></ofd:DrawParam>"
      "</ofd:DrawParams><ofd:MultiMedias><ofd:MultiMedia ID=\"6\"><ofd:MediaFile>i.png"
      "</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>";
  const struct {
    const char *name;
    const void *data;
    size_t len;
  } parts[] = {{"OFD.xml", entry, strlen(entry)},
               {"Doc_0/Document.xml", doc, strlen(doc)},
               {"Doc_0/PublicRes.xml", res, strlen(res)},
               {"Doc_0/Pages/Page_0/Content.xml", content, len},
               {"Doc_0/Tpls/T.xml", content, len}};
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  uint8_t *buf = NULL;
  for (size_t i = 0; za && i < G_N_ELEMENTS(parts); i++) {
    zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
    zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE) : -1;
    if (idx >= 0) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  zip_stat_t st;
  if (za && zip_close(za) == 0 && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
    buf = g_malloc(st.size ? st.size : 1);
    *out_len = (size_t)zip_source_read(src, buf, st.size);
    zip_source_close(src);
  } else if (za) {
    zip_discard(za);
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static dx_limits lim;
  if (!lim.max_pages) {
    lim = *fuzz_limits();
    lim.max_pages = 20;
    lim.max_page_pixels = (size_t)2 << 20; /* checkboxes' rendering */
  }
  uint8_t *own = NULL;
  size_t len = size;
  if (size < 2 || memcmp(data, "PK", 2) != 0) {
    own = package(&len, data, size);
    if (!own) return 0;
    data = own;
  }
  dx_doc *doc = NULL;
  dx_error err;
  if (dx_ofd_read(&doc, "fuzz.ofd", data, len, &lim, &err) == DX_OK) {
    fuzz_finish(doc);
    dx_doc_free(doc);
  }
  g_free(own);
  return 0;
}
