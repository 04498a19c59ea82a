/* ofd_xml.c — one OFD part's XML as a stream of events, with limits.
 *
 * libxml2's pull reader (xmlTextReader) builds no tree: a page's content
 * is read object by object in bounded memory, however many there are.
 * Every part of an OFD is read through here, so the limits hold for all
 * of them: no DOCTYPE (so no entity is ever declared or expanded), no
 * network, element depth and element count capped (dx_limits'
 * max_xml_depth and max_xml_nodes).
 */
#include "ofd_int.h"

#include <limits.h>
#include <string.h>

#include <libxml/xmlreader.h>

/* Attribute values handed out since the last event (freed at the next):
 * more than any element of OFD has. */
enum { MAX_ATTRS = 32 };

struct ofd_xml {
  xmlTextReaderPtr r;
  char *part;
  const dx_limits *lim;
  size_t elements;
  bool pending_end; /* an empty element's START was given; its END is next */
  const char *name;
  const char *text;
  xmlChar *attrs[MAX_ATTRS];
  int nattrs;
  char first_error[160];
  dx_code rc; /* why the last OFD_X_ERROR */
};

static void on_error(void *arg, xmlErrorPtr e) {
  ofd_xml *x = arg;
  if (e && e->level >= XML_ERR_ERROR && !x->first_error[0]) {
    g_snprintf(x->first_error, sizeof x->first_error, "line %d: %s", e->line,
               e->message ? e->message : "malformed");
    g_strchomp(x->first_error);
  }
}

/* Whether XML bytes have a markup declaration (DOCTYPE) in their prolog. */
static bool has_doctype(const uint8_t *xml, size_t len) {
  size_t i = 0;
  while (i < len) {
    const uint8_t *lt = memchr(xml + i, '<', len - i);
    if (!lt) return false;
    i = (size_t)(lt - xml);
    if (i + 1 >= len) return false;
    if (xml[i + 1] == '?') {
      const uint8_t *e = memchr(xml + i, '>', len - i);
      if (!e) return false;
      i = (size_t)(e - xml) + 1;
    } else if (xml[i + 1] == '!') {
      if (len - i < 4 || memcmp(xml + i, "<!--", 4) != 0) return true;
      const uint8_t *e =
          (const uint8_t *)g_strstr_len((const char *)xml + i, (gssize)(len - i), "-->");
      if (!e) return false;
      i = (size_t)(e - xml) + 3;
    } else {
      return false; /* the root element */
    }
  }
  return false;
}

dx_code ofd_xml_open(ofd_xml **out, const uint8_t *buf, size_t len, const char *part,
                     const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (has_doctype(buf, len))
    return dx_error_set(err, DX_EFORMAT, "%s has a DOCTYPE, which OFD never has", part);
  if (len > INT_MAX) return dx_error_set(err, DX_ELIMIT, "%s is larger than the limit", part);
  /* no XML_PARSE_NOENT, DTDLOAD or HUGE: libxml2's own caps stay */
  xmlTextReaderPtr r = xmlReaderForMemory((const char *)buf, (int)len, NULL, NULL,
                                          XML_PARSE_NONET | XML_PARSE_NOERROR |
                                              XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (!r) return dx_error_set(err, DX_ENOMEM, "cannot create an XML reader for %s", part);
  ofd_xml *x = g_new0(ofd_xml, 1);
  x->r = r;
  x->part = g_strdup(part);
  x->lim = lim;
  xmlTextReaderSetStructuredErrorHandler(r, on_error, x);
  *out = x;
  return DX_OK;
}

static void drop_attrs(ofd_xml *x) {
  for (int i = 0; i < x->nattrs; i++) xmlFree(x->attrs[i]);
  x->nattrs = 0;
}

void ofd_xml_close(ofd_xml *x) {
  if (!x) return;
  drop_attrs(x);
  xmlFreeTextReader(x->r);
  g_free(x->part);
  g_free(x);
}

static ofd_xev fail(ofd_xml *x, dx_error *err) {
  x->rc = dx_error_set(err, DX_EFORMAT, "%s: malformed XML (%s)", x->part,
                       x->first_error[0] ? x->first_error : "cannot be parsed");
  return OFD_X_ERROR;
}

ofd_xev ofd_xml_next(ofd_xml *x, dx_error *err) {
  drop_attrs(x);
  x->text = NULL;
  if (x->pending_end) {
    x->pending_end = false;
    return OFD_X_END; /* x->name is still the empty element's */
  }
  for (;;) {
    int ret = xmlTextReaderRead(x->r);
    if (ret < 0) return fail(x, err);
    if (ret == 0) return x->first_error[0] ? fail(x, err) : OFD_X_DONE;
    int type = xmlTextReaderNodeType(x->r);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      x->rc = dx_error_set(err, DX_EFORMAT, "%s has a DOCTYPE, which OFD never has", x->part);
      return OFD_X_ERROR;
    }
    if (type == XML_READER_TYPE_ELEMENT) {
      int depth = xmlTextReaderDepth(x->r);
      if (x->lim->max_xml_depth && depth >= x->lim->max_xml_depth) {
        x->rc = dx_error_set(err, DX_ELIMIT, "%s nests elements deeper than %d", x->part,
                             x->lim->max_xml_depth);
        return OFD_X_ERROR;
      }
      if (x->lim->max_xml_nodes && ++x->elements > x->lim->max_xml_nodes) {
        x->rc = dx_error_set(err, DX_ELIMIT, "%s has more than %zu elements", x->part,
                             x->lim->max_xml_nodes);
        return OFD_X_ERROR;
      }
      x->name = (const char *)xmlTextReaderConstLocalName(x->r);
      x->pending_end = xmlTextReaderIsEmptyElement(x->r) == 1;
      return OFD_X_START;
    }
    if (type == XML_READER_TYPE_END_ELEMENT) {
      x->name = (const char *)xmlTextReaderConstLocalName(x->r);
      return OFD_X_END;
    }
    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
        type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      x->text = (const char *)xmlTextReaderConstValue(x->r);
      if (x->text) return OFD_X_TEXT;
    }
  }
}

const char *ofd_xml_name(const ofd_xml *x) {
  return x->text ? NULL : x->name;
}

bool ofd_xml_is(const ofd_xml *x, const char *local) {
  return !x->text && x->name && strcmp(x->name, local) == 0;
}

const char *ofd_xml_attr(ofd_xml *x, const char *name) {
  if (x->nattrs >= MAX_ATTRS) return NULL; /* (those handed out stay valid) */
  xmlChar *v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
  if (!v) return NULL;
  x->attrs[x->nattrs++] = v;
  return (const char *)v;
}

const char *ofd_xml_text(const ofd_xml *x) {
  return x->text;
}

const char *ofd_xml_part(const ofd_xml *x) {
  return x->part;
}

char *ofd_xml_read_text(ofd_xml *x, dx_error *err) {
  GString *s = g_string_new(NULL);
  for (int depth = 1; depth > 0;) {
    ofd_xev ev = ofd_xml_next(x, err);
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) {
      if (ev == OFD_X_DONE) fail(x, err);
      g_string_free(s, TRUE);
      return NULL;
    }
    if (ev == OFD_X_START) depth++;
    if (ev == OFD_X_END) depth--;
    if (ev == OFD_X_TEXT) g_string_append(s, x->text);
  }
  return g_string_free(s, FALSE);
}

dx_code ofd_xml_skip(ofd_xml *x, dx_error *err) {
  for (int depth = 1; depth > 0;) {
    ofd_xev ev = ofd_xml_next(x, err);
    if (ev == OFD_X_DONE) fail(x, err);
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) return x->rc;
    if (ev == OFD_X_START) depth++;
    if (ev == OFD_X_END) depth--;
  }
  return DX_OK;
}

dx_code ofd_xml_error(const ofd_xml *x) {
  return x->rc ? x->rc : DX_EFORMAT;
}
