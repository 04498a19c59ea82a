/* docx_int.h — what the DOCX reader's files share (internal to stage
 * one, not part of dx_extract.h).
 *
 * docx_package.c opens the zip package and reads its main part;
 * docx_xml.c streams that part through libxml2's SAX2 parser, keeping a
 * stack of frames whose modes say how an element's children are read;
 * docx_table.c builds tables from the frames of w:tbl, w:tr and w:tc
 * (grid, spans, merges); docx_checkbox.c reads checkboxes (w:sym, symbol
 * fonts, form fields, content controls). */
#ifndef DX_DOCX_INT_H
#define DX_DOCX_INT_H

#include "extract_int.h"

#include <string.h>

#include <libxml/parser.h>

/* How an element's children are read. The reader never builds a tree:
 * libxml2's SAX2 callbacks drive a stack of frames, one per open
 * element that matters; a subtree that does not matter (formatting,
 * drawings without text boxes, deleted text) is only counted. */
typedef enum mode {
  M_SKIP,   /* not read */
  M_ROOT,   /* before the root element */
  M_DOC,    /* w:document's children */
  M_BLOCK,  /* paragraphs and tables: w:body, w:tc and wrappers */
  M_INLINE, /* a paragraph's runs and their wrappers */
  M_RUN,    /* w:r's children */
  M_TEXT,   /* inside w:t: characters are text */
  M_RPR,    /* a run's w:rPr: its fonts */
  M_SDT,    /* w:sdt's children: sdtPr, then content read as `inner` */
  M_SDTPR,  /* an inline w:sdtPr: a w14:checkbox? */
  M_W14CB,  /* w14:checkbox's children */
  M_ALT,    /* mc:AlternateContent: one branch, read as `inner` */
  M_FLD,    /* w:fldChar begin: a form checkbox? */
  M_FFDATA, /* w:ffData's children */
  M_FFCB,   /* w:checkBox's children */
  M_BOX,    /* a drawing, picture or object: text boxes anywhere in it */
  M_TXBX,   /* w:txbxContent: its paragraphs */
  M_TABLE,  /* w:tbl's children and table-level wrappers */
  M_GRID,   /* w:tblGrid */
  M_ROW,    /* w:tr's children and row-level wrappers */
  M_TRPR,   /* w:trPr */
  M_TCPR,   /* w:tcPr */
} mode;

/* What an element's end does. */
typedef enum end_act { E_NONE, E_PARA, E_TEXT, E_TABLE, E_ROW, E_CELL, E_FLD, E_SDT } end_act;

/* Where block-level content goes: the document body or one cell. */
typedef struct sink {
  bool top;
  GString *text;     /* cell text (cells only) */
  GPtrArray *tables; /* nested tables (cells only) */
  int nesting;       /* table nesting level of tables found here */
} sink;

/* A table being read. */
typedef struct tbuild {
  sink *dest;      /* where the table goes when it ends */
  int nesting;     /* its table nesting level */
  int grid_cols;   /* w:gridCol in its w:tblGrid */
  bool grid_seen;  /* the first w:tblGrid only */
  size_t ntr;      /* rows met, deleted ones too (the row limit) */
  int width;       /* grid columns the rows reach, w:gridAfter included */
  GPtrArray *rows; /* GArray of tcspec (docx_table.c) per row read */
  /* the row being read */
  GArray *row; /* tcspec; NULL while no row is open */
  int col, after;
  bool deleted, trpr_seen;
} tbuild;

/* A cell being read. */
typedef struct cbuild {
  sink s;
  int span, vmerge;
  bool tcpr_seen, span_seen, vm_seen, hm_seen;
  bool hmerge_cont; /* a legacy horizontal merge: joins the cell before */
} cbuild;

typedef struct frame {
  uint8_t mode;  /* how the element's children are read */
  uint8_t inner; /* M_SDT, M_ALT: how their content is read */
  uint8_t end;   /* what the element's end does */
  bool seen1;    /* a first child of some kind was met (per mode) */
  bool seen2;
  int8_t checked;     /* M_SDT, M_FLD: -1 no checkbox, else its state */
  int8_t dflt;        /* M_FLD: the checkbox's default, -1 none */
  unsigned owner;     /* M_SDTPR, M_W14CB, M_RPR, M_FFDATA, M_FFCB: the frame they report to */
  const char *family; /* M_RUN, M_TEXT: the run's symbol font */
  sink *s;            /* block modes: where blocks go */
  tbuild *t;          /* table and row modes: the table */
  cbuild *c;          /* a cell's own frame */
} frame;

typedef struct reader {
  dx_doc *doc;
  const dx_limits *lim;
  dx_error *err;
  xmlParserCtxt *ctxt;
  size_t ncells;
  size_t nelements;
  dx_code rc; /* first error; reading stops once set */
  frame *frames;
  unsigned nframes, max_frames;
  unsigned skip;        /* open elements inside a subtree not read */
  const xmlChar *w_uri; /* the WordprocessingML namespace as libxml2 spells it here */
  bool root_ok, body_seen;
  sink top;
  GString *para; /* the paragraph being read */
  GString *text; /* the w:t being read */
} reader;

/* An element's start as SAX2 gives it. SAX2 attributes come as five
 * pointers each: local name, prefix, URI, value, end of value. */
typedef struct elem {
  const xmlChar *name; /* local name */
  const xmlChar *uri;  /* namespace, or NULL */
  bool w;              /* in the WordprocessingML namespace */
  int nattr;
  const xmlChar **at;
} elem;

/* A child element e of an element read as frame f (r->frames[fi])
 * starts: sets up its frame nf, whose mode stays M_SKIP for a subtree
 * not read. One of these per mode. */
typedef void dx_docx_child_fn(reader *r, frame *f, unsigned fi, frame *nf, const elem *e);

/* The element of frame f ends. One of these per end_act. */
typedef void dx_docx_end_fn(reader *r, frame *f);

static inline bool eq(const xmlChar *a, const char *b) {
  return strcmp((const char *)a, b) == 0;
}

/* ---- docx_xml.c: the reader ------------------------------------------- */

/* Records the first error and stops the parser; returns the first error. */
dx_code dx_docx_fail(reader *r, dx_code code, const char *msg);
dx_code dx_docx_fail_memory(reader *r);

/* An attribute's value by local name, whatever its namespace (w:val,
 * w14:val), as a new string, or NULL. */
char *dx_docx_attr(const elem *e, const char *local);
/* An integer attribute in 0..100000, else dflt. */
int dx_docx_attr_int(const elem *e, const char *local, int dflt);
bool dx_docx_attr_is(const elem *e, const char *local, const char *want);
/* ST_OnOff (17.17.4) in w:val. */
bool dx_docx_on_off(const elem *e);

/* Rows, cells and blocks are read through wrappers: e's frame nf reads
 * its content as `m` when e is one. */
void dx_docx_wrapper(frame *nf, mode m, const elem *e);

/* ---- docx_table.c: tables ---------------------------------------------- */

/* A w:tbl starts in dest: nf becomes its frame (unless over a limit). */
void dx_docx_table_start(reader *r, frame *nf, sink *dest);
dx_docx_child_fn dx_docx_table_child, dx_docx_grid_child, dx_docx_row_child, dx_docx_trpr_child,
    dx_docx_tcpr_child;
dx_docx_end_fn dx_docx_table_end, dx_docx_row_end, dx_docx_cell_end;
/* Frees the table or cell builder frame f owns, if any (a parse that
 * stopped leaves frames open). */
void dx_docx_frame_free(frame *f);

/* ---- docx_checkbox.c: checkboxes and symbol fonts ----------------------- */

/* A w:sym: its checkbox glyph, if it is one, to out. */
void dx_docx_append_sym(GString *out, const elem *e);
/* A w:fldChar: nf reads a field that begins (a form checkbox?). */
void dx_docx_field_start(frame *nf, const elem *e);
dx_docx_child_fn dx_docx_rpr_child, dx_docx_sdtpr_child, dx_docx_w14cb_child, dx_docx_fld_child,
    dx_docx_ffdata_child, dx_docx_ffcb_child;
dx_docx_end_fn dx_docx_field_end, dx_docx_sdt_end;

#endif
