/* xlsx_sax.c — a workbook's parts (the workbook, its relationships,
 * styles, shared strings, worksheets) streamed through libxml2's SAX2
 * parser, as the DOCX reader
 * streams document.xml: no tree is built, the network is off, entities
 * are not substituted, no DTD is loaded, a DOCTYPE is refused before
 * parsing (dx_xl_inflate), and each element counts against the
 * workbook's element and depth limits. The part's reader sees element
 * starts and ends with their depth and characters, and says which
 * subtrees it does not look at.
 */
#include "xlsx_int.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parserInternals.h>

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_MAIN_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"

typedef struct sax_run {
  xl_book *b;
  const char *part;
  const xl_sax *h;
  void *ctx;
  xmlParserCtxt *ctxt;
  int depth;         /* open elements */
  int skip;          /* open elements inside a subtree not looked at */
  const xmlChar *ns; /* SpreadsheetML's namespace as the parser spells it */
} sax_run;

static bool stopped(sax_run *s) {
  if (s->b->rc == DX_OK) return false;
  xmlStopParser(s->ctxt);
  return true;
}

static bool is_main(sax_run *s, const xmlChar *uri) {
  if (!uri) return false;
  if (uri == s->ns) return true; /* names live in the parser's dictionary */
  if (strcmp((const char *)uri, NS_MAIN) == 0 || strcmp((const char *)uri, NS_MAIN_STRICT) == 0) {
    s->ns = uri;
    return true;
  }
  return false;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndefaulted,
                     const xmlChar **attrs) {
  (void)prefix;
  (void)nns;
  (void)ns;
  (void)ndefaulted;
  sax_run *s = ctx;
  xl_book *b = s->b;
  if (stopped(s)) return;
  if (++b->nodes > b->lim->max_xml_nodes) {
    dx_xl_fail(b, DX_ELIMIT, "the workbook has more than %zu XML elements", b->lim->max_xml_nodes);
  } else if (s->depth >= b->lim->max_xml_depth) {
    dx_xl_fail(b, DX_ELIMIT, "XML nested deeper than the limit in %s", s->part);
  } else if (s->skip) {
    s->skip++;
  } else {
    xl_attrs a = {.n = nattr, .at = attrs};
    if (!s->h->start(s->ctx, s->depth, (const char *)local, is_main(s, uri), &a)) s->skip = 1;
  }
  s->depth++;
  stopped(s);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)prefix;
  (void)uri;
  sax_run *s = ctx;
  if (stopped(s)) return;
  s->depth--;
  if (s->skip) {
    s->skip--;
    return;
  }
  if (s->h->end) s->h->end(s->ctx, s->depth, (const char *)local);
  stopped(s);
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  sax_run *s = ctx;
  if (s->b->rc == DX_OK && !s->skip && s->h->text) s->h->text(s->ctx, (const char *)ch, len);
}

dx_code dx_xl_sax_parse(xl_book *b, const char *part, bool optional, const xl_sax *h, void *ctx) {
  uint8_t *data = NULL;
  size_t len = 0;
  if (dx_xl_inflate(b, part, optional, &data, &len) != DX_OK || !data) {
    g_free(data);
    return b->rc;
  }
  if (len == 0) { /* libxml2 makes no parser for nothing */
    g_free(data);
    return dx_xl_fail(b, DX_EFORMAT, "malformed %s (line 1): Document is empty", part);
  }
  xmlParserCtxt *ctxt = dx_sax_parser(data, len, on_start, on_end, on_chars);
  if (!ctxt) {
    g_free(data);
    return dx_xl_fail(b, DX_ENOMEM, "cannot create an XML parser for %s", part);
  }
  sax_run s = {.b = b, .part = part, .h = h, .ctx = ctx, .ctxt = ctxt};
  ctxt->userData = &s;
  xmlParseDocument(ctxt);
  if (b->rc == DX_OK && !ctxt->wellFormed) {
    const xmlError *e = &ctxt->lastError;
    char msg[200] = "parse error";
    if (e->message) {
      snprintf(msg, sizeof msg, "%s", e->message);
      g_strstrip(msg);
    }
    dx_xl_fail(b, DX_EFORMAT, "malformed %s (line %d): %s", part, e->line, msg);
  }
  xmlFreeParserCtxt(ctxt);
  g_free(data);
  return b->rc;
}

/* ---- attributes ------------------------------------------------------------- */

bool dx_xl_sax_attr_at(const xl_attrs *a, int i, char *buf, size_t size) {
  const xmlChar **at = a->at + (ptrdiff_t)5 * i;
  /* a prefix without a namespace: libxml2's tree would name it
   * "prefix:local", which no local name matches */
  if (at[1] && !at[2]) return false;
  size_t n = MIN((size_t)(at[4] - at[3]), size - 1);
  memcpy(buf, at[3], n);
  buf[n] = 0;
  /* without entity substitution libxml2 leaves "&" as "&#38;" */
  if (memchr(buf, '&', n))
    for (char *amp; (amp = strstr(buf, "&#38;"));) memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
  return true;
}

bool dx_xl_sax_attr(const xl_attrs *a, const char *local, char *buf, size_t size) {
  for (int i = 0; i < a->n; i++)
    if (strcmp((const char *)a->at[(ptrdiff_t)5 * i], local) == 0 &&
        dx_xl_sax_attr_at(a, i, buf, size))
      return true;
  return false;
}

char *dx_xl_sax_attr_dup(const xl_attrs *a, const char *local) {
  for (int i = 0; i < a->n; i++) {
    const xmlChar **at = a->at + (ptrdiff_t)5 * i;
    if (strcmp((const char *)at[0], local) != 0 || (at[1] && !at[2])) continue;
    const char *v = (const char *)at[3], *end = (const char *)at[4];
    GString *out = g_string_sized_new((size_t)(end - v));
    /* "&#38;" back to "&", as libxml2's tree has it */
    for (const char *amp; (amp = memchr(v, '&', (size_t)(end - v)));) {
      bool esc = end - amp >= 5 && memcmp(amp, "&#38;", 5) == 0;
      g_string_append_len(out, v, amp - v + 1);
      v = amp + (esc ? 5 : 1);
    }
    g_string_append_len(out, v, end - v);
    return g_string_free(out, FALSE);
  }
  return NULL;
}

long dx_xl_sax_attr_long(const xl_attrs *a, const char *local, long dflt) {
  char buf[32], *end;
  if (!dx_xl_sax_attr(a, local, buf, sizeof buf)) return dflt;
  long v = strtol(buf, &end, 10);
  return end == buf ? dflt : v;
}

bool dx_xl_sax_attr_bool(const xl_attrs *a, const char *local, bool dflt) {
  char buf[8];
  if (!dx_xl_sax_attr(a, local, buf, sizeof buf)) return dflt;
  return strcmp(buf, "1") == 0 || strcmp(buf, "true") == 0;
}
