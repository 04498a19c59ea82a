/* docx_xml.c — word/document.xml (ECMA-376 WordprocessingML) into the
 * document model.
 *
 * The part is streamed through libxml2's SAX2 parser (no tree is built)
 * with the network off, no entity substitution, no DTD loading, and any
 * DOCTYPE rejected before parsing. Each open element that matters has a
 * frame; its mode says how its children are read, one handler a mode
 * (`children` below: paragraphs, runs and wrappers here, tables in
 * docx_table.c, checkboxes in docx_checkbox.c), and its end_act what its
 * end does (`ends`).
 */
#include "docx_int.h"

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* Deepest element nesting the reader follows (libxml2 itself stops at
 * 256 without XML_PARSE_HUGE). */
enum { FRAMES_MAX = 512 };

dx_code dx_docx_fail(reader *r, dx_code code, const char *msg) {
  if (r->rc == DX_OK) {
    r->rc = dx_error_set(r->err, code, "%s", msg);
    xmlStopParser(r->ctxt);
  }
  return r->rc;
}

dx_code dx_docx_fail_memory(reader *r) {
  return dx_docx_fail(r, DX_ELIMIT, "document model larger than the memory limit");
}

/* ---- small helpers ---------------------------------------------------- */

static bool is_w_uri(reader *r, const xmlChar *uri) {
  if (!uri) return false;
  if (uri == r->w_uri) return true; /* names live in the parser's dictionary */
  if (eq(uri, NS_W) || eq(uri, NS_W_STRICT)) {
    r->w_uri = uri;
    return true;
  }
  return false;
}

/* Without entity substitution libxml2 leaves "&" as "&#38;" in
 * attribute values. */
char *dx_docx_attr(const elem *e, const char *local) {
  const xmlChar **at = e->at;
  for (int i = 0; i < e->nattr; i++, at += 5) {
    /* a prefix without a namespace: libxml2's tree would name it
     * "prefix:local", which no local name matches */
    if (!eq(at[0], local) || (at[1] && !at[2])) continue;
    char *v = g_strndup((const char *)at[3], (gsize)(at[4] - at[3]));
    for (char *amp; (amp = strstr(v, "&#38;"));) memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
    return v;
  }
  return NULL;
}

int dx_docx_attr_int(const elem *e, const char *local, int dflt) {
  char *v = dx_docx_attr(e, local);
  if (!v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  int res = (end == v || x < 0 || x > 100000) ? dflt : (int)x;
  g_free(v);
  return res;
}

bool dx_docx_attr_is(const elem *e, const char *local, const char *want) {
  char *v = dx_docx_attr(e, local);
  bool yes = v && strcmp(v, want) == 0;
  g_free(v);
  return yes;
}

/* ST_OnOff (17.17.4): absent val means on. */
bool dx_docx_on_off(const elem *e) {
  char *v = dx_docx_attr(e, "val");
  bool on = !v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0;
  g_free(v);
  return on;
}

static bool blank(const char *s) {
  for (; *s; s++)
    if (!g_ascii_isspace(*s)) return false;
  return true;
}

/* ---- wrappers ---------------------------------------------------------- */

/* Wrappers that content is read through as if they were not there:
 * tracked insertions and moves are read as accepted (17.13.5.18), w:del
 * and w:moveFrom as accepted too, i.e. dropped. */
static bool block_wrapper(const xmlChar *n) {
  return eq(n, "customXml") || eq(n, "ins") || eq(n, "moveTo");
}

static bool inline_wrapper(const xmlChar *n) {
  return eq(n, "ins") || eq(n, "moveTo") || eq(n, "hyperlink") || eq(n, "smartTag") ||
         eq(n, "customXml") || eq(n, "fldSimple") || eq(n, "dir") || eq(n, "bdo");
}

static bool is_mc(const xmlChar *uri) {
  return uri && eq(uri, NS_MC);
}

/* Rows, cells and blocks are read through w:sdt (its content),
 * w:customXml, tracked insertions and moves, and mc:AlternateContent
 * (one branch): the wrapper's frame reads its content as `m`. */
void dx_docx_wrapper(frame *nf, mode m, const elem *e) {
  if (e->w && eq(e->name, "sdt")) {
    nf->mode = M_SDT;
    nf->checked = -1;
    nf->inner = m;
  } else if (e->w && block_wrapper(e->name)) {
    nf->mode = m;
  } else if (is_mc(e->uri) && eq(e->name, "AlternateContent")) {
    nf->mode = M_ALT;
    nf->inner = m;
  }
}

/* ---- children, by the parent's mode ------------------------------------ */

static void root_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)f;
  (void)fi;
  if (e->w && eq(e->name, "document")) {
    nf->mode = M_DOC;
    r->root_ok = true;
  }
}

static void doc_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)f;
  (void)fi;
  if (e->w && eq(e->name, "body") && !r->body_seen) {
    r->body_seen = true;
    nf->mode = M_BLOCK;
    nf->s = &r->top;
  }
}

static void block_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  if (f->end == E_CELL && (f->c->hmerge_cont || !f->t->row)) return; /* merged away, deleted */
  if (e->w && eq(e->name, "p")) {
    g_string_truncate(r->para, 0);
    nf->mode = M_INLINE;
    nf->end = E_PARA;
  } else if (e->w && eq(e->name, "tbl")) {
    dx_docx_table_start(r, nf, f->s);
  } else if (e->w && eq(e->name, "tcPr") && f->end == E_CELL && !f->c->tcpr_seen) {
    f->c->tcpr_seen = true;
    nf->mode = M_TCPR;
    nf->c = f->c;
  } else {
    dx_docx_wrapper(nf, M_BLOCK, e);
  }
}

static void inline_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)f;
  (void)fi;
  if (e->w && eq(e->name, "r")) {
    nf->mode = M_RUN;
    nf->family = NULL;
  } else if (e->w && eq(e->name, "sdt")) {
    nf->mode = M_SDT;
    nf->checked = -1;
    nf->inner = M_INLINE;
    nf->end = E_SDT;
  } else if (e->w && inline_wrapper(e->name)) {
    nf->mode = M_INLINE;
  } else if (is_mc(e->uri) && eq(e->name, "AlternateContent")) {
    nf->mode = M_ALT;
    nf->inner = M_INLINE;
  }
}

static void run_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  const xmlChar *n = e->name;
  if (!e->w) {
    if (is_mc(e->uri) && eq(n, "AlternateContent")) {
      nf->mode = M_ALT;
      nf->inner = M_BOX;
    }
  } else if (eq(n, "t")) {
    g_string_truncate(r->text, 0);
    nf->mode = M_TEXT;
    nf->end = E_TEXT;
  } else if (eq(n, "rPr")) {
    if (!f->seen1) {
      f->seen1 = true;
      nf->mode = M_RPR;
      nf->owner = fi;
    }
  } else if (eq(n, "tab") || eq(n, "ptab")) {
    g_string_append_c(r->para, '\t');
  } else if (eq(n, "br") || eq(n, "cr")) {
    g_string_append_c(r->para, '\n');
  } else if (eq(n, "noBreakHyphen")) {
    g_string_append_c(r->para, '-');
  } else if (eq(n, "sym")) {
    dx_docx_append_sym(r->para, e);
  } else if (eq(n, "fldChar")) {
    dx_docx_field_start(nf, e);
  } else if (eq(n, "drawing") || eq(n, "pict") || eq(n, "object")) {
    nf->mode = M_BOX;
  }
  /* w:instrText, w:delText and the rest carry no visible text */
}

static void text_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)f;
  (void)fi;
  (void)e;
  nf->mode = M_TEXT; /* its characters are the w:t's text too */
}

static void sdt_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  if (e->w && eq(e->name, "sdtPr") && !f->seen1) {
    f->seen1 = true;
    if (f->inner == M_INLINE) {
      nf->mode = M_SDTPR;
      nf->owner = fi;
    }
  } else if (e->w && eq(e->name, "sdtContent") && !f->seen2) {
    f->seen2 = true;
    if (f->checked < 0) nf->mode = f->inner; /* a checkbox's content is its picture */
  }
}

/* mc:AlternateContent (ECMA-376 Part 3, 10.2): one branch is read, the
 * first mc:Choice, else mc:Fallback. Every Choice we meet in forms
 * carries the same text as its Fallback. */
static void alt_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)fi;
  if (is_mc(e->uri) && (eq(e->name, "Choice") || eq(e->name, "Fallback")) && !f->seen1) {
    f->seen1 = true;
    nf->mode = f->inner;
  }
}

/* text boxes (w:txbxContent), one paragraph per line */
static void box_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)f;
  (void)fi;
  nf->mode = e->w && eq(e->name, "txbxContent") ? M_TXBX : M_BOX;
}

static void txbx_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)f;
  (void)fi;
  if (e->w && eq(e->name, "p")) {
    GString *out = r->para;
    if (out->len && out->str[out->len - 1] != '\n') g_string_append_c(out, '\n');
    nf->mode = M_INLINE;
  }
}

/* How each mode reads its children; M_SKIP frames are never pushed. */
static dx_docx_child_fn *const children[] = {
    [M_SKIP] = NULL,
    [M_ROOT] = root_child,
    [M_DOC] = doc_child,
    [M_BLOCK] = block_child,
    [M_INLINE] = inline_child,
    [M_RUN] = run_child,
    [M_TEXT] = text_child,
    [M_RPR] = dx_docx_rpr_child,
    [M_SDT] = sdt_child,
    [M_SDTPR] = dx_docx_sdtpr_child,
    [M_W14CB] = dx_docx_w14cb_child,
    [M_ALT] = alt_child,
    [M_FLD] = dx_docx_fld_child,
    [M_FFDATA] = dx_docx_ffdata_child,
    [M_FFCB] = dx_docx_ffcb_child,
    [M_BOX] = box_child,
    [M_TXBX] = txbx_child,
    [M_TABLE] = dx_docx_table_child,
    [M_GRID] = dx_docx_grid_child,
    [M_ROW] = dx_docx_row_child,
    [M_TRPR] = dx_docx_trpr_child,
    [M_TCPR] = dx_docx_tcpr_child,
};

/* ---- ends ---------------------------------------------------------------- */

/* A body paragraph ends: a block; a cell's: a line of the cell. */
static void para_end(reader *r, frame *f) {
  sink *s = f->s;
  GString *p = r->para;
  if (!s->top) {
    if (s->text->len) g_string_append_c(s->text, '\n');
    g_string_append_len(s->text, p->str, (gssize)p->len);
    return;
  }
  if (blank(p->str)) return;
  dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
  if (!b || !(b->text = dx_arena_strndup(r->doc->arena, p->str, p->len))) {
    dx_docx_fail_memory(r);
    return;
  }
  b->kind = DX_BLOCK_PARAGRAPH;
  b->index = r->doc->nparagraphs++;
  g_ptr_array_add(r->doc->blocks, b);
}

static void text_end(reader *r, frame *f) {
  dx_symbol_text_append(r->para, r->text->str, f->family);
}

/* What each end_act does. */
static dx_docx_end_fn *const ends[] = {
    [E_NONE] = NULL,
    [E_PARA] = para_end,
    [E_TEXT] = text_end,
    [E_TABLE] = dx_docx_table_end,
    [E_ROW] = dx_docx_row_end,
    [E_CELL] = dx_docx_cell_end,
    [E_FLD] = dx_docx_field_end,
    [E_SDT] = dx_docx_sdt_end,
};

/* ---- the SAX2 callbacks ------------------------------------------------- */

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndefaulted,
                     const xmlChar **attrs) {
  (void)prefix;
  (void)nns;
  (void)ns;
  (void)ndefaulted;
  reader *r = ctx;
  if (r->rc != DX_OK) return;
  if (++r->nelements > r->lim->max_xml_nodes) {
    char msg[96];
    snprintf(msg, sizeof msg, "word/document.xml has more than %zu elements",
             r->lim->max_xml_nodes);
    dx_docx_fail(r, DX_ELIMIT, msg);
    return;
  }
  /* open elements, the root frame aside */
  if ((size_t)(r->nframes - 1) + r->skip >= r->max_frames - 1) {
    dx_docx_fail(r, DX_ELIMIT, "XML nested deeper than the limit");
    return;
  }
  if (r->skip) {
    r->skip++;
    return;
  }
  unsigned fi = r->nframes - 1;
  frame *f = &r->frames[fi];
  elem e = {.name = local, .uri = uri, .w = is_w_uri(r, uri), .nattr = nattr, .at = attrs};
  frame nf = {.mode = M_SKIP, .s = f->s, .t = f->t, .family = f->family};
  dx_docx_child_fn *child = children[f->mode];
  if (child) child(r, f, fi, &nf, &e);
  if (r->rc != DX_OK) { /* the new frame's builders, if any */
    dx_docx_frame_free(&nf);
    return;
  }
  if (nf.mode == M_SKIP) {
    r->skip = 1;
    return;
  }
  r->frames[r->nframes++] = nf;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)local;
  (void)prefix;
  (void)uri;
  reader *r = ctx;
  if (r->rc != DX_OK) return;
  if (r->skip) {
    r->skip--;
    return;
  }
  if (r->nframes <= 1) return;
  frame *f = &r->frames[r->nframes - 1];
  dx_docx_end_fn *end = ends[f->end];
  if (end) end(r, f);
  f->end = E_NONE; /* its builders are gone */
  r->nframes--;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  reader *r = ctx;
  if (r->rc == DX_OK && !r->skip && r->frames[r->nframes - 1].mode == M_TEXT)
    g_string_append_len(r->text, (const char *)ch, len);
}

/* ---- the parse ----------------------------------------------------------- */

xmlParserCtxt *dx_sax_parser(const uint8_t *xml, size_t len, startElementNsSAX2Func start,
                             endElementNsSAX2Func end, charactersSAXFunc chars) {
  if (len > INT_MAX) return NULL;
  xmlParserCtxt *ctxt = xmlCreateMemoryParserCtxt((const char *)xml, (int)len);
  if (!ctxt) return NULL;
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
   * no XML_PARSE_HUGE (keeps libxml2's own depth and size caps). */
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  /* only these callbacks: no tree is built */
  xmlSAXHandler *sax = ctxt->sax;
  memset(sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = start;
  sax->endElementNs = end;
  sax->characters = chars;
  sax->cdataBlock = chars;
  return ctxt;
}

/* A DOCTYPE can only stand in the prolog, before the root element. We
 * reject it outright: WordprocessingML never has one, and refusing it
 * removes entity expansion attacks whatever the parser's settings. */
bool dx_xml_has_doctype(const uint8_t *xml, size_t len) {
  size_t i = 0;
  while (i < len) {
    const uint8_t *lt = memchr(xml + i, '<', len - i);
    if (!lt) return false;
    i = (size_t)(lt - xml);
    if (i + 1 >= len) return false;
    uint8_t c = xml[i + 1];
    if (c == '?') {
      const uint8_t *e = memchr(xml + i, '>', len - i);
      if (!e) return false;
      i = (size_t)(e - xml) + 1;
    } else if (c == '!') {
      if (len - i >= 4 && memcmp(xml + i, "<!--", 4) == 0) {
        const uint8_t *e =
            (const uint8_t *)g_strstr_len((const char *)xml + i, (gssize)(len - i), "-->");
        if (!e) return false;
        i = (size_t)(e - xml) + 3;
      } else {
        return true; /* <!DOCTYPE or other markup declaration */
      }
    } else {
      return false; /* root element */
    }
  }
  return false;
}

/* libxml2 prints some errors (encoding conversion, I/O) straight to
 * stderr whatever the parse options; declx reports every failure itself,
 * in one line, from xmlGetLastError(). */
static void xml_silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void xml_silent_structured(void *ctx, const xmlError *e) {
  (void)ctx;
  (void)e;
}

dx_code dx_docx_read_xml(dx_doc **out, const char *file, const uint8_t *xml, size_t xml_len,
                         const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (dx_xml_has_doctype(xml, xml_len))
    return dx_error_set(err, DX_EFORMAT, "word/document.xml has a DOCTYPE, which DOCX never has");
  if (xml_len > INT_MAX || xml_len > lim->max_part_bytes)
    return dx_error_set(err, DX_ELIMIT, "word/document.xml larger than the limit");
  xmlSetGenericErrorFunc(NULL, xml_silent);
  xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)xml_silent_structured);
  xmlResetLastError();
  xmlParserCtxt *ctxt = dx_sax_parser(xml, xml_len, on_start, on_end, on_chars);
  if (!ctxt) return dx_error_set(err, DX_ENOMEM, "cannot create an XML parser");
  dx_doc *doc = dx_doc_new(file, lim);
  if (!doc) { /* the first allocations failed: the model's cap or malloc */
    xmlFreeParserCtxt(ctxt);
    return dx_error_set(err, DX_ELIMIT, "document model larger than the memory limit");
  }
  doc->format = DX_FORMAT_DOCX;
  reader r = {.doc = doc, .lim = lim, .err = err, .ctxt = ctxt, .rc = DX_OK};
  r.max_frames = (unsigned)MIN((size_t)FRAMES_MAX, (size_t)MAX(lim->max_xml_depth, 0) + 2);
  r.frames = g_new0(frame, r.max_frames);
  r.frames[0].mode = M_ROOT;
  r.nframes = 1;
  r.top = (sink){.top = true, .nesting = 0};
  r.para = g_string_new(NULL);
  r.text = g_string_new(NULL);
  ctxt->userData = &r;
  xmlParseDocument(ctxt);
  dx_code rc = r.rc;
  if (rc == DX_OK && !ctxt->wellFormed) {
    const xmlError *e = &ctxt->lastError;
    char msg[200] = "parse error";
    if (e->message) {
      snprintf(msg, sizeof msg, "%s", e->message);
      g_strstrip(msg);
    }
    rc = dx_error_set(err, DX_EFORMAT, "malformed word/document.xml (line %d): %s", e->line, msg);
  } else if (rc == DX_OK && (!r.root_ok || !r.body_seen)) {
    rc = dx_error_set(err, DX_EFORMAT, "word/document.xml has no w:document/w:body");
  }
  /* a stopped parse leaves frames open: their builders */
  for (unsigned i = 0; i < r.nframes; i++) dx_docx_frame_free(&r.frames[i]);
  g_free(r.frames);
  g_string_free(r.para, TRUE);
  g_string_free(r.text, TRUE);
  xmlFreeParserCtxt(ctxt);
  if (rc != DX_OK) {
    dx_doc_free(doc);
    return rc;
  }
  *out = doc;
  return DX_OK;
}
