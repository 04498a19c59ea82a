/* xlsx_xml.c — a workbook's parts inflated under the workbook's limits
 * (each part, and all of them together), and its small parts (the
 * workbook, relationships, styles) streamed through libxml2's
 * xmlTextReader, with the network off, entities not substituted, no
 * DTD loaded and a DOCTYPE refused before parsing; elements count
 * against the limits (all parts together) and so does their depth.
 * The large parts (worksheets, shared strings) go through SAX2
 * (xlsx_sax.c). Cell references and ST_Xstring escapes are read here
 * too.
 */
#include "xlsx_int.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_MAIN_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"

/* All parts of one workbook together may inflate to this many times the
 * one-part limit: a bomb spread over many small parts (each under the
 * ratio check's first MiB) is stopped too. */
enum { TOTAL_PARTS = 4 };

dx_code dx_xl_failed(xl_book *b, dx_code code) {
  if (b->rc == DX_OK) b->rc = code;
  return b->rc;
}

static void on_error(void *arg, xmlErrorPtr e) {
  xl_xml *x = arg;
  if (x->error[0] || !e || e->level < XML_ERR_ERROR) return;
  snprintf(x->error, sizeof x->error, "%s", e->message ? e->message : "parse error");
  g_strstrip(x->error);
  x->error_line = e->line;
}

dx_code dx_xl_inflate(xl_book *b, const char *part, bool optional, uint8_t **data, size_t *len) {
  *data = NULL;
  *len = 0;
  if (b->rc != DX_OK) return b->rc;
  if (optional && zip_name_locate(b->za, part, 0) < 0) return DX_OK;
  size_t total = b->lim->max_part_bytes * TOTAL_PARTS;
  if (b->inflated >= total)
    return dx_xl_fail(b, DX_ELIMIT,
                      "the workbook's parts inflate past %zu bytes together (zip bomb?)", total);
  dx_limits lim = *b->lim;
  lim.max_part_bytes = MIN(lim.max_part_bytes, total - b->inflated);
  dx_code rc = dx_zip_read_part(data, len, b->za, part, "an XLSX", &lim, b->err);
  if (rc == DX_ELIMIT && lim.max_part_bytes < b->lim->max_part_bytes) /* the budget, not the part */
    return b->rc = dx_error_set(b->err, rc,
                                "the workbook's parts inflate past %zu bytes together (zip bomb?)",
                                total);
  if (rc != DX_OK) return b->rc = rc;
  b->inflated += *len;
  if (dx_xml_has_doctype(*data, *len))
    return dx_xl_fail(b, DX_EFORMAT, "%s has a DOCTYPE, which XLSX never has", part);
  if (*len > INT_MAX) return dx_xl_fail(b, DX_ELIMIT, "%s larger than the limit", part);
  return DX_OK;
}

dx_code dx_xl_open(xl_xml *x, xl_book *b, const char *part, bool optional) {
  memset(x, 0, sizeof *x);
  x->b = b;
  x->part = part;
  size_t len = 0;
  if (dx_xl_inflate(b, part, optional, &x->data, &len) != DX_OK || !x->data) return b->rc;
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
   * no XML_PARSE_HUGE (keeps libxml2's own depth and size caps). */
  x->r = xmlReaderForMemory((const char *)x->data, (int)len, part, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!x->r) return dx_xl_fail(b, DX_ENOMEM, "cannot create an XML reader for %s", part);
  xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
  return DX_OK;
}

void dx_xl_close(xl_xml *x) {
  if (x->r) xmlFreeTextReader(x->r);
  g_free(x->data);
  x->r = NULL;
  x->data = NULL;
}

static void read_failed(xl_xml *x) {
  dx_xl_fail(x->b, DX_EFORMAT, "malformed %s (line %d): %s", x->part, x->error_line,
             x->error[0] ? x->error : "parse error");
}

bool dx_xl_next(xl_xml *x) {
  xl_book *b = x->b;
  if (b->rc != DX_OK || !x->r) return false;
  for (;;) {
    int ret = xmlTextReaderRead(x->r);
    if (ret < 0) read_failed(x);
    if (ret <= 0) return false;
    if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT) continue;
    if (++b->nodes > b->lim->max_xml_nodes) {
      dx_xl_fail(b, DX_ELIMIT, "the workbook has more than %zu XML elements",
                 b->lim->max_xml_nodes);
      return false;
    }
    if (xmlTextReaderDepth(x->r) > b->lim->max_xml_depth) {
      dx_xl_fail(b, DX_ELIMIT, "XML nested deeper than the limit in %s", x->part);
      return false;
    }
    return true;
  }
}

void dx_xl_skip(xl_xml *x) {
  if (xmlTextReaderIsEmptyElement(x->r)) return;
  int depth = xmlTextReaderDepth(x->r);
  /* to the element's end: its subtree is parsed, not looked at */
  for (;;) {
    int ret = xmlTextReaderRead(x->r);
    if (ret < 0) read_failed(x);
    if (ret <= 0) return;
    if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_END_ELEMENT &&
        xmlTextReaderDepth(x->r) == depth)
      return;
  }
}

const char *dx_xl_name(const xl_xml *x) {
  const xmlChar *n = xmlTextReaderConstLocalName(x->r);
  return n ? (const char *)n : "";
}

int dx_xl_depth(const xl_xml *x) {
  return xmlTextReaderDepth(x->r);
}

bool dx_xl_main(xl_xml *x) {
  const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->r);
  if (!ns) return false;
  if (ns == x->ns) return true; /* names live in the reader's dictionary */
  if (strcmp((const char *)ns, NS_MAIN) == 0 || strcmp((const char *)ns, NS_MAIN_STRICT) == 0) {
    x->ns = ns;
    return true;
  }
  return false;
}

/* Moves to the attribute `local` (not a namespace declaration); the
 * caller moves back to the element. */
static bool to_attr(xl_xml *x, const char *local) {
  for (int ok = xmlTextReaderMoveToFirstAttribute(x->r); ok == 1;
       ok = xmlTextReaderMoveToNextAttribute(x->r)) {
    const xmlChar *n = xmlTextReaderConstLocalName(x->r);
    if (n && strcmp((const char *)n, local) == 0 && !xmlTextReaderIsNamespaceDecl(x->r))
      return true;
  }
  return false;
}

bool dx_xl_attr(xl_xml *x, const char *local, char *buf, size_t size) {
  bool found = to_attr(x, local);
  if (found) {
    const xmlChar *v = xmlTextReaderConstValue(x->r);
    g_strlcpy(buf, v ? (const char *)v : "", size);
  }
  xmlTextReaderMoveToElement(x->r);
  return found;
}

char *dx_xl_attr_dup(xl_xml *x, const char *local) {
  char *out = NULL;
  if (to_attr(x, local)) {
    const xmlChar *v = xmlTextReaderConstValue(x->r);
    out = g_strdup(v ? (const char *)v : "");
  }
  xmlTextReaderMoveToElement(x->r);
  return out;
}

long dx_xl_attr_long(xl_xml *x, const char *local, long dflt) {
  char buf[32], *end;
  if (!dx_xl_attr(x, local, buf, sizeof buf)) return dflt;
  long v = strtol(buf, &end, 10);
  return end == buf ? dflt : v;
}

bool dx_xl_attr_bool(xl_xml *x, const char *local, bool dflt) {
  char buf[8];
  if (!dx_xl_attr(x, local, buf, sizeof buf)) return dflt;
  return strcmp(buf, "1") == 0 || strcmp(buf, "true") == 0;
}

/* ---- ST_Xstring escapes --------------------------------------------------- */

static int hexval(char c) {
  return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* 22.9.2.19: a character XML cannot hold is written _xHHHH_ (UTF-16
 * code unit), and a literal "_x" before four hex digits and "_" is
 * escaped as _x005F_. */
void dx_xl_unescape(GString *s) {
  GString *out = g_string_sized_new(s->len);
  for (size_t i = 0; i < s->len;) {
    const char *p = s->str + i;
    unsigned v = 0;
    bool esc = i + 7 <= s->len && p[0] == '_' && p[1] == 'x' && p[6] == '_';
    for (int k = 2; esc && k < 6; k++) {
      int h = hexval(p[k]);
      esc = h >= 0;
      v = v * 16 + (unsigned)(h < 0 ? 0 : h);
    }
    if (!esc) {
      g_string_append_c(out, s->str[i++]);
      continue;
    }
    i += 7;
    if (v == 0x0D) continue; /* _x000D_ before a line feed: one break */
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) continue;
    g_string_append_unichar(out, v);
  }
  g_string_assign(s, out->str);
  g_string_free(out, TRUE);
}

/* ---- cell references -------------------------------------------------------- */

bool dx_xl_ref(const char *ref, int *row, int *col) {
  const char *p = ref;
  if (*p == '$') p++;
  long c = 0, r = 0;
  int letters = 0;
  for (; g_ascii_isalpha(*p) && letters < 4; p++, letters++)
    c = c * 26 + (g_ascii_toupper(*p) - 'A' + 1);
  if (*p == '$') p++;
  int digits = 0;
  for (; g_ascii_isdigit(*p) && digits < 8; p++, digits++) r = r * 10 + (*p - '0');
  if (*p || letters == 0 || digits == 0 || c > XL_MAX_COLS || r < 1 || r > XL_MAX_ROWS)
    return false;
  *row = (int)r - 1;
  *col = (int)c - 1;
  return true;
}

void dx_xl_ref_name(char *buf, size_t size, int row, int col) {
  char letters[8];
  int n = 0;
  for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
  GString *s = g_string_new(NULL);
  while (n > 0) g_string_append_c(s, letters[--n]);
  g_string_append_printf(s, "%d", row + 1);
  g_strlcpy(buf, s->str, size);
  g_string_free(s, TRUE);
}

bool dx_xl_range(const char *ref, int *r0, int *c0, int *r1, int *c1) {
  char a[24];
  const char *colon = strchr(ref, ':');
  size_t n = colon ? (size_t)(colon - ref) : strlen(ref);
  if (n >= sizeof a) return false;
  memcpy(a, ref, n);
  a[n] = 0;
  if (!dx_xl_ref(a, r0, c0)) return false;
  if (!colon) {
    *r1 = *r0;
    *c1 = *c0;
    return true;
  }
  if (!dx_xl_ref(colon + 1, r1, c1)) return false;
  int t;
  if (*r1 < *r0) t = *r0, *r0 = *r1, *r1 = t;
  if (*c1 < *c0) t = *c0, *c0 = *c1, *c1 = t;
  return true;
}
