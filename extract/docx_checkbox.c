/* docx_checkbox.c — DOCX checkboxes, in whatever form a producer wrote
 * them, as one pair of glyphs (U+2611 checked, U+2610 not): a w:sym of a
 * symbol font, a character of a symbol font typed in a w:t, a legacy form
 * field (w:fldChar with w:ffData/w:checkBox), and a Word 2010 content
 * control (w:sdt with w14:checkbox). Other symbol-font characters show as
 * nothing readable and are dropped.
 */
#include "docx_int.h"

#define NS_W14 "http://schemas.microsoft.com/office/word/2010/wordml"

/* The unified checkbox glyph for a symbol-font code, or NULL. */
static const char *sym_glyph(const char *family, unsigned code) {
  uint32_t c = dx_symbol_checkbox(family, code);
  return c == DX_CHECK_ON_CP ? DX_CHECK_ON : c == DX_CHECK_OFF_CP ? DX_CHECK_OFF : NULL;
}

/* ---- symbols ------------------------------------------------------------- */

void dx_docx_append_sym(GString *out, const elem *e) {
  char *ch = dx_docx_attr(e, "char");
  if (!ch) return;
  char *font = dx_docx_attr(e, "font");
  const char *g = sym_glyph(dx_symbol_family(font), (unsigned)strtoul(ch, NULL, 16));
  if (g) g_string_append(out, g);
  g_free(font);
  g_free(ch);
}

/* The symbol font a w:rFonts names, or NULL. */
static const char *fonts_family(const elem *e) {
  static const char *slots[] = {"ascii", "hAnsi", "eastAsia", "cs"};
  for (size_t i = 0; i < G_N_ELEMENTS(slots); i++) {
    char *v = dx_docx_attr(e, slots[i]);
    const char *f = dx_symbol_family(v);
    g_free(v);
    if (f) return f;
  }
  return NULL;
}

/* A run's w:rPr: the symbol font its w:rFonts names goes to the run. */
void dx_docx_rpr_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  (void)nf;
  if (e->w && eq(e->name, "rFonts") && !f->seen1) {
    f->seen1 = true;
    r->frames[f->owner].family = fonts_family(e);
  }
}

/* ---- content controls ----------------------------------------------------- */

/* Word 2010 content-control check box */
void dx_docx_sdtpr_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  if (e->uri && eq(e->uri, NS_W14) && eq(e->name, "checkbox") && !f->seen1) {
    f->seen1 = true;
    r->frames[f->owner].checked = 0;
    nf->mode = M_W14CB;
    nf->owner = f->owner;
  }
}

void dx_docx_w14cb_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  (void)nf;
  if (e->uri && eq(e->uri, NS_W14) && eq(e->name, "checked") && !f->seen1) {
    f->seen1 = true;
    char *v = dx_docx_attr(e, "val");
    r->frames[f->owner].checked = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    g_free(v);
  }
}

void dx_docx_sdt_end(reader *r, frame *f) {
  if (f->checked >= 0) g_string_append(r->para, f->checked ? DX_CHECK_ON : DX_CHECK_OFF);
}

/* ---- legacy form fields ----------------------------------------------------- */

void dx_docx_field_start(frame *nf, const elem *e) {
  if (dx_docx_attr_is(e, "fldCharType", "begin")) {
    nf->mode = M_FLD;
    nf->end = E_FLD;
    nf->checked = nf->dflt = -1;
  }
}

void dx_docx_fld_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  if (e->w && eq(e->name, "ffData") && !f->seen1) {
    f->seen1 = true;
    nf->mode = M_FFDATA;
    nf->owner = fi;
  }
}

void dx_docx_ffdata_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  if (e->w && eq(e->name, "checkBox") && !f->seen1) {
    f->seen1 = true;
    r->frames[f->owner].seen2 = true; /* the field is a checkbox */
    nf->mode = M_FFCB;
    nf->owner = f->owner;
  }
}

void dx_docx_ffcb_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  (void)nf;
  if (e->w && eq(e->name, "checked") && !f->seen1) {
    f->seen1 = true;
    r->frames[f->owner].checked = dx_docx_on_off(e);
  } else if (e->w && eq(e->name, "default") && !f->seen2) {
    f->seen2 = true;
    r->frames[f->owner].dflt = dx_docx_on_off(e);
  }
}

/* A field ends: a checkbox's glyph, its w:checked state, else its
 * w:default, else not checked. */
void dx_docx_field_end(reader *r, frame *f) {
  if (f->seen2) {
    bool on = f->checked >= 0 ? f->checked : f->dflt >= 0 ? f->dflt : false;
    g_string_append(r->para, on ? DX_CHECK_ON : DX_CHECK_OFF);
  }
}
