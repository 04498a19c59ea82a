/* ofd_int.h — what the files of the OFD reader share (GB/T 33190-2016,
 * China's fixed-layout format): the zip package and its limits
 * (ofd_zip.c), a streaming XML reader with limits (ofd_xml.c), numbers
 * and maps (ofd_geom.c), the document's entry points, page list,
 * templates and resources (ofd_doc.c, ofd_res.c), the drawing of a
 * page's objects into glyphs, ruling lines and images (ofd_content.c,
 * ofd_text.c, ofd_path.c), and graphics as pixels: pages that are
 * images alone, read by OCR, and the ink in drawn checkboxes
 * (ofd_image.c). ofd.c drives them page by page (dx_ofd_pages).
 *
 * Coordinates inside the reader are OFD's: millimetres, y down, from the
 * page's top-left; ofd.c turns them into the points a dx_page holds.
 */
#ifndef DX_OFD_INT_H
#define DX_OFD_INT_H

#include "extract_int.h"

typedef struct zip zip_t; /* libzip's, behind ofd_zip.c */

/* Points per millimetre. */
#define OFD_PT_MM (72.0 / 25.4)
/* Templates inside one another, at most. */
#define OFD_MAX_NEST 8
/* The most coordinates (x and y each count) of shapes one sink keeps for
 * rendering; graphics past it still give ruling lines. */
#define OFD_MAX_SHAPE_POINTS (4u << 20)

/* ---- the package (ofd_zip.c) ----------------------------------------- */

typedef struct ofd_pkg {
  zip_t *za;
  const dx_limits *lim;
  size_t inflated;   /* bytes of every part read so far */
  size_t budget;     /* the most `inflated` may reach (many parts, one bomb each) */
  GHashTable *reads; /* times each page part was drawn */
} ofd_pkg;

dx_code ofd_pkg_open(ofd_pkg *p, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_error *err);
void ofd_pkg_close(ofd_pkg *p);
/* Reads the part `name` (a package path: no leading '/', '/' between
 * folders) whole, at most `max` bytes (0: the part limit), counting its
 * bytes while inflating against the limits (size, ratio, the package's
 * budget). *out is g_free'd by the caller. DX_EFORMAT when it is not in
 * the package. */
dx_code ofd_pkg_read(ofd_pkg *p, const char *name, size_t max, uint8_t **out, size_t *len,
                     dx_error *err);
/* Counts one more drawing of the page part `name`: false when it was
 * drawn MAX_READS times already (a page list naming one part thousands
 * of times). */
bool ofd_pkg_again(ofd_pkg *p, const char *name);
/* The package path a reference met in the part `from` names: relative
 * to from's folder, or to the package's root when it starts with '/';
 * '\' taken for '/', "." and ".." resolved. NULL when it is empty or
 * climbs out of the package. g_free it. */
char *ofd_path_resolve(const char *from, const char *ref);
/* The part a reference met in `from` names, as ofd_path_resolve gives it
 * when that part exists; else the first of: resolved from the part
 * `alt` (the document's Document.xml: producers often mean that), from
 * the root, that exists; else the standard's reading (which the caller
 * will not find). NULL when the reference is unusable. g_free it. */
char *ofd_pkg_find(ofd_pkg *p, const char *from, const char *alt, const char *ref);

/* ---- XML (ofd_xml.c) ------------------------------------------------- */

/* A pull reader over one part: elements come as START and END (an empty
 * element gives both), their text as TEXT. Names are local (no prefix:
 * producers use ofd:, none, or another). No DOCTYPE is accepted (OFD
 * has none; so no entity is ever expanded), element depth and count are
 * held to the limits. */
typedef struct ofd_xml ofd_xml;
typedef enum { OFD_X_DONE, OFD_X_START, OFD_X_END, OFD_X_TEXT, OFD_X_ERROR } ofd_xev;

dx_code ofd_xml_open(ofd_xml **out, const uint8_t *buf, size_t len, const char *part,
                     const dx_limits *lim, dx_error *err);
void ofd_xml_close(ofd_xml *x);
/* The next event; OFD_X_ERROR with err set (malformed XML, a limit). */
ofd_xev ofd_xml_next(ofd_xml *x, dx_error *err);
/* At START/END: the element's local name. At TEXT: NULL. */
const char *ofd_xml_name(const ofd_xml *x);
/* Whether the current START/END is the element named `local`. */
bool ofd_xml_is(const ofd_xml *x, const char *local);
/* At START: an attribute by name, or NULL; valid until the next event. */
const char *ofd_xml_attr(ofd_xml *x, const char *name);
/* At TEXT: the text. */
const char *ofd_xml_text(const ofd_xml *x);
/* At START: reads to the element's END and returns its text (the text of
 * its descendants too), as it is (a TextCode's spaces are characters);
 * g_free it. NULL with err set on error. */
char *ofd_xml_read_text(ofd_xml *x, dx_error *err);
/* At START: skips to the element's END. */
dx_code ofd_xml_skip(ofd_xml *x, dx_error *err);
/* Why the last OFD_X_ERROR came (DX_EFORMAT, DX_ELIMIT). */
dx_code ofd_xml_error(const ofd_xml *x);
/* The part's name, for messages. */
const char *ofd_xml_part(const ofd_xml *x);

/* ---- geometry -------------------------------------------------------- */

/* An affine map, OFD's CTM "a b c d e f": x' = a x + c y + e,
 * y' = b x + d y + f. */
typedef struct ofd_mat {
  double a, b, c, d, e, f;
} ofd_mat;

extern const ofd_mat OFD_IDENTITY;
/* First m, then n. */
ofd_mat ofd_mat_mul(const ofd_mat *m, const ofd_mat *n);
void ofd_mat_apply(const ofd_mat *m, double x, double y, double *ox, double *oy);
/* A box (x0 y0 x1 y1) mapped by m: the box around its mapped corners. */
void ofd_box_map(float *b, const ofd_mat *m);
/* How much m scales lengths (the square root of its determinant). */
double ofd_mat_scale(const ofd_mat *m);
/* Parses up to n numbers (whitespace- or comma-separated) from s into v;
 * returns how many were read. Stops at anything else; NaN and infinity
 * are never accepted. */
int ofd_numbers(const char *s, double *v, int n);

/* ---- resources (ofd_res.c) ------------------------------------------- */

typedef struct ofd_sink ofd_sink;
typedef struct ofd_ctx ofd_ctx;

/* A drawing parameter (DrawParam): defaults for the objects that name it. */
typedef struct ofd_param {
  char *relative;             /* ID of the parameter it builds on, or NULL */
  double line_width;          /* mm, < 0 when not given */
  int stroke_grey, fill_grey; /* 0..255, -1 when not given */
} ofd_param;

/* What the resource files (PublicRes, DocumentRes, PageRes) define, by
 * ID: font names, image files, drawing parameters, colour spaces and
 * composite graphics (drawn once, as read). */
typedef struct ofd_res {
  GHashTable *fonts;      /* ID -> font name (char *) */
  GHashTable *media;      /* ID -> package path of the image file */
  GHashTable *params;     /* ID -> ofd_param * */
  GHashTable *spaces;     /* ID -> colour space type ("GRAY", "RGB", "CMYK") */
  GHashTable *composites; /* ID -> ofd_sink * (the unit's content in its own space) */
  GHashTable *loaded;     /* resource files read, by package path */
} ofd_res;

void ofd_res_init(ofd_res *r);
void ofd_res_free(ofd_res *r);
/* Reads the resource file `part` into ctx's resources (a file already
 * read is skipped). A missing file is a warning, not an error. */
dx_code ofd_res_load(ofd_ctx *ctx, const char *part, dx_error *err);
/* A colour element's grey (0 black .. 255 white) over white paper, from
 * its Value (RGB, GRAY or CMYK, after its ColorSpace or its number of
 * components) and Alpha: *grey is -1 when it has no Value (a shading).
 * At START of the colour element; reads to its END. */
dx_code ofd_colour(ofd_ctx *ctx, ofd_xml *x, int *grey, dx_error *err);
/* The line width and colours a DrawParam gives (following Relative, a
 * chain with a loop in it stops): each left as it is when not given. */
void ofd_param_apply(ofd_ctx *ctx, const char *id, double *line_width, int *stroke_grey,
                     int *fill_grey);

/* ---- the document (ofd_doc.c) ---------------------------------------- */

typedef struct ofd_tpl {
  char *part; /* package path of its content */
  bool front; /* ZOrder Foreground: drawn over the page */
  int state;  /* 0 not drawn yet, 1 being drawn, 2 drawn */
  ofd_sink *drawn;
} ofd_tpl;

typedef struct ofd_page_ref {
  char *id;
  char *part; /* package path of its content */
} ofd_page_ref;

/* One document of the package (a DocBody's DocRoot). */
typedef struct ofd_document {
  char *root;     /* package path of Document.xml */
  double area[4]; /* CommonData/PageArea/PhysicalBox, mm */
  bool has_area;
  GPtrArray *pages; /* ofd_page_ref * */
  GHashTable *tpls; /* TemplatePage ID -> ofd_tpl * */
} ofd_document;

/* The package's documents' entry points (OFD.xml's DocRoots), in order:
 * a GPtrArray of package paths. */
dx_code ofd_doc_roots(GPtrArray **out, ofd_pkg *pkg, const dx_limits *lim, dx_error *err);
/* Reads Document.xml: its page list (at most max_pages pages: DX_ELIMIT
 * past that, counted as they are read), page area and templates, and
 * loads its resource files into ctx. */
dx_code ofd_doc_read(ofd_document *d, ofd_ctx *ctx, const char *root, int max_pages, dx_error *err);
void ofd_doc_free(ofd_document *d);

/* ---- drawing (ofd_content.c, ofd_text.c, ofd_path.c) ---------------- */

/* An image drawn on a page: its file, and where its unit square lands
 * (page mm). */
typedef struct ofd_image {
  char *part; /* g_free'd with the sink */
  ofd_mat m;
} ofd_image;

/* One piece of a drawn path (a subpath, curves flattened), kept for
 * rendering a page's graphics when they are needed as pixels (the ink
 * inside a checkbox, a page read by OCR). Its points are the sink's
 * pts[2*first .. 2*(first+n)), page mm. */
typedef struct ofd_shape {
  guint first, n;
  float width; /* stroke width (mm); 0: a filled area */
  uint8_t grey;
  bool closed;
} ofd_shape;

/* What drawing a page (or a template, or a composite graphic) gives, in
 * page millimetres: glyph boxes and sizes are converted to points only
 * when the page is handed on. */
struct ofd_sink {
  GArray *glyphs;   /* dx_glyph */
  GArray *turns;    /* gint8 per glyph: 1 set sideways reading down, -1 up, 0 not */
  GArray *rules;    /* dx_rule */
  GArray *shapes;   /* ofd_shape */
  GArray *pts;      /* float x, y pairs of the shapes */
  GArray *images;   /* ofd_image */
  size_t invisible; /* characters not drawn (white, transparent, hidden) */
};

ofd_sink *ofd_sink_new(void);
void ofd_sink_free(ofd_sink *s);
/* Appends what `from` holds, mapped by m, to `to`. */
void ofd_sink_add(ofd_sink *to, const ofd_sink *from, const ofd_mat *m);

/* The reader's state across one package. */
struct ofd_ctx {
  ofd_pkg *pkg;
  dx_doc *doc;
  const dx_limits *lim;
  ofd_res res;
  ofd_document *cur;  /* the document being read */
  int pageno;         /* the page being drawn, for warnings */
  int nest;           /* templates and composites being drawn inside one another */
  size_t glyph_limit; /* characters on one page */
  GHashTable *widths; /* narrow characters' widths learned per font (ofd_text.c) */
};

/* At START of an element holding page objects (Content, Layer, PageBlock,
 * a composite unit's Content): draws them into out, each mapped by its
 * own Boundary and CTM and then by m, and returns at the element's END. */
dx_code ofd_draw_objects(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *m, ofd_sink *out, dx_error *err);
/* Draws the content part `part` (a page or a template page): its
 * templates (drawn once each, under or over it), resources and layers.
 * *area gets its Area/PhysicalBox when it has one (has_area set). */
dx_code ofd_draw_page(ofd_ctx *ctx, const char *part, ofd_sink *out, double area[4], bool *has_area,
                      dx_error *err);

/* Whether an object's Visible attribute hides it (at its START). */
bool ofd_hidden(ofd_xml *x);
/* A boolean attribute ("true", "false"), or def when absent. */
bool ofd_flag(ofd_xml *x, const char *name, bool def);
/* A TextObject (at its START): its characters as glyphs. */
dx_code ofd_text_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *parent, int layer_fill,
                        ofd_sink *out, dx_error *err);
/* Runs of characters set sideways one under another (text turned by 90
 * degrees: a label along a narrow cell) made one line each, in their
 * reading order, inside the box they take (the layout reads lines). */
void ofd_sideways_runs(ofd_sink *s);
/* A PathObject (at its START): its straight strokes and thin filled
 * rectangles as ruling lines, its pieces as strokes. */
dx_code ofd_path_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *parent, double layer_width,
                        int layer_stroke, ofd_sink *out, dx_error *err);
/* The object's map: its CTM, then its Boundary's offset, then parent.
 * False when Boundary or CTM is missing numbers or absurd. */
bool ofd_object_map(ofd_xml *x, const ofd_mat *parent, ofd_mat *out);

/* ---- pages that are images (ofd_image.c) ---------------------------- */

/* A page without characters that shows images: its images and strokes
 * drawn at OCR's resolution and read by OCR as a scanned PDF page is
 * (dx_ocr_drawing); gl and rules get points. *read is false when no
 * image could be read (none decoded, none within the image limit). */
dx_code ofd_ocr_page(ofd_ctx *ctx, const ofd_sink *s, const double area[4], GArray *gl,
                     GArray *rules, bool *read, dx_error *err);
/* Checkboxes drawn as small squares of paths: the page's strokes and
 * fills rendered, and dx_find_boxes run over its rules (points). */
void ofd_find_boxes(ofd_ctx *ctx, const ofd_sink *s, const double area[4], GArray *rules,
                    GArray *gl);

#endif
