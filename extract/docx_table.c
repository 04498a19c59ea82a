/* docx_table.c — DOCX tables (ECMA-376 Part 1, 17.4) into the document
 * model: the frames of w:tbl, w:tblGrid, w:tr, w:trPr and w:tcPr, and
 * the builders their ends fill. A row's cells take grid columns after
 * w:gridBefore, w:gridSpan columns each; when the table ends its cells
 * are placed on the grid (the wider of w:tblGrid and what the rows
 * reach), a vMerge continue extending the cell above; a table inside a
 * cell goes to that cell's children.
 */
#include "docx_int.h"

/* A cell of a row read: its grid column, its span, and its content. */
typedef struct tcspec {
  int col, span;
  int vmerge; /* 0 none, 1 restart, 2 continue */
  dx_cell *cell;
} tcspec;

static void tbuild_free(tbuild *t) {
  if (!t) return;
  g_ptr_array_free(t->rows, TRUE);
  if (t->row) g_array_unref(t->row);
  g_free(t);
}

static void cbuild_free(cbuild *c) {
  if (!c) return;
  g_string_free(c->s.text, TRUE);
  g_ptr_array_free(c->s.tables, TRUE);
  g_free(c);
}

void dx_docx_frame_free(frame *f) {
  if (f->end == E_TABLE) tbuild_free(f->t);
  if (f->end == E_CELL) cbuild_free(f->c);
}

/* ---- starts ---------------------------------------------------------------- */

void dx_docx_table_start(reader *r, frame *nf, sink *dest) {
  if (dest->nesting > r->lim->max_table_nesting) {
    dx_docx_fail(r, DX_ELIMIT, "tables nested deeper than the limit");
    return;
  }
  tbuild *t = g_new0(tbuild, 1);
  t->dest = dest;
  t->nesting = dest->nesting;
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  nf->mode = M_TABLE;
  nf->end = E_TABLE;
  nf->t = t;
}

static void row_start(reader *r, frame *nf, tbuild *t) {
  if (++t->ntr > r->lim->max_table_rows) {
    char msg[128];
    snprintf(msg, sizeof msg, "a table has more than %zu rows, the limit", r->lim->max_table_rows);
    dx_docx_fail(r, DX_ELIMIT, msg);
    return;
  }
  if (t->row) g_array_unref(t->row); /* a row inside a row: the outer one is dropped */
  t->row = g_array_new(FALSE, TRUE, sizeof(tcspec));
  t->col = t->after = 0;
  t->deleted = t->trpr_seen = false;
  nf->mode = M_ROW;
  nf->end = E_ROW;
  nf->t = t;
}

static void cell_start(frame *nf, tbuild *t) {
  cbuild *c = g_new0(cbuild, 1);
  c->s = (sink){.top = false,
                .text = g_string_new(NULL),
                .tables = g_ptr_array_new(),
                .nesting = t->nesting + 1};
  c->span = 1;
  nf->mode = M_BLOCK;
  nf->end = E_CELL;
  nf->c = c;
  nf->s = &c->s;
  nf->t = t;
}

/* ---- children, by the parent's mode ------------------------------------ */

void dx_docx_table_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)fi;
  if (e->w && eq(e->name, "tr")) {
    row_start(r, nf, f->t);
  } else if (e->w && eq(e->name, "tblGrid") && f->end == E_TABLE && !f->t->grid_seen) {
    f->t->grid_seen = true;
    nf->mode = M_GRID;
  } else {
    dx_docx_wrapper(nf, M_TABLE, e);
  }
}

void dx_docx_grid_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)fi;
  (void)nf;
  if (e->w && eq(e->name, "gridCol")) f->t->grid_cols++;
}

void dx_docx_row_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)fi;
  if (e->w && eq(e->name, "tc")) {
    if (f->t->row && !f->t->deleted) cell_start(nf, f->t);
  } else if (e->w && eq(e->name, "trPr") && f->end == E_ROW && !f->t->trpr_seen) {
    f->t->trpr_seen = true;
    nf->mode = M_TRPR;
  } else {
    dx_docx_wrapper(nf, M_ROW, e);
  }
}

/* 17.4.14 gridBefore; a deleted row is read as accepted */
void dx_docx_trpr_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)fi;
  (void)nf;
  if (!e->w) return;
  if (eq(e->name, "del")) {
    f->t->deleted = true;
  } else if (eq(e->name, "gridBefore") && !f->seen1) {
    f->seen1 = true;
    f->t->col = dx_docx_attr_int(e, "val", 0);
  } else if (eq(e->name, "gridAfter") && !f->seen2) {
    f->seen2 = true;
    f->t->after = dx_docx_attr_int(e, "val", 0);
  }
}

void dx_docx_tcpr_child(reader *r, frame *f, unsigned fi, frame *nf, const elem *e) {
  (void)r;
  (void)fi;
  (void)nf;
  if (!e->w) return;
  cbuild *c = f->c;
  if (eq(e->name, "gridSpan") && !c->span_seen) {
    c->span_seen = true;
    c->span = MAX(1, dx_docx_attr_int(e, "val", 1));
  } else if (eq(e->name, "vMerge") && !c->vm_seen) {
    c->vm_seen = true;
    c->vmerge = dx_docx_attr_is(e, "val", "restart") ? 1 : 2;
  } else if (eq(e->name, "hMerge") && !c->hm_seen) {
    c->hm_seen = true;
    if (f->t->row && f->t->row->len && !dx_docx_attr_is(e, "val", "restart")) c->hmerge_cont = true;
  }
}

/* ---- ends ---------------------------------------------------------------- */

void dx_docx_row_end(reader *r, frame *f) {
  (void)r;
  tbuild *t = f->t;
  if (!t->row) return;
  if (t->deleted) { /* a deleted row, read as accepted */
    g_array_unref(t->row);
  } else {
    if (t->col + t->after > t->width) t->width = t->col + t->after;
    g_ptr_array_add(t->rows, t->row);
  }
  t->row = NULL;
}

static dx_cell *make_cell(reader *r, cbuild *cb) {
  dx_cell *cell = dx_arena_alloc(r->doc->arena, sizeof *cell);
  if (!cell) {
    dx_docx_fail_memory(r);
    return NULL;
  }
  GString *text = cb->s.text;
  while (text->len && (text->str[text->len - 1] == '\n')) g_string_truncate(text, text->len - 1);
  cell->text = dx_arena_strndup(r->doc->arena, text->str, text->len);
  GPtrArray *kids = cb->s.tables;
  if (kids->len) {
    cell->children = dx_arena_alloc(r->doc->arena, kids->len * sizeof(dx_table *));
    if (cell->children) {
      memcpy(cell->children, kids->pdata, kids->len * sizeof(dx_table *));
      cell->nchildren = kids->len;
    }
  }
  cell->origin = DX_ORIGIN_DOCX;
  cell->confidence = 1.0;
  cell->rowspan = cell->colspan = 1;
  if (!cell->text) dx_docx_fail_memory(r);
  return cell;
}

/* A w:tc ends: its grid columns (17.4.17 gridSpan, 17.4.85 vMerge, the
 * legacy hMerge) and its content become a cell of the row. */
static void cell_end(reader *r, tbuild *t, cbuild *c) {
  if (!t->row) return;
  if (c->hmerge_cont) {
    g_array_index(t->row, tcspec, t->row->len - 1).span += c->span;
    t->col += c->span;
    return;
  }
  if (++r->ncells > r->lim->max_cells) {
    dx_docx_fail(r, DX_ELIMIT, "document has more cells than the limit");
    return;
  }
  tcspec sp = {.col = t->col, .span = c->span, .vmerge = c->vmerge, .cell = make_cell(r, c)};
  if (r->rc != DX_OK) return;
  g_array_append_val(t->row, sp);
  t->col += c->span;
  if ((size_t)t->col > r->lim->max_table_cols)
    dx_docx_fail(r, DX_ELIMIT, "a table row is wider than the column limit");
}

void dx_docx_cell_end(reader *r, frame *f) {
  cell_end(r, f->t, f->c);
  cbuild_free(f->c);
}

/* The rows' cells placed on t's grid of slots: a vMerge continue
 * extends the anchor above. */
static void place_cells(reader *r, dx_table *t, GPtrArray *rows) {
  int ncols = t->ncols;
  dx_cell **slots = t->slots;
  for (int ri = 0; ri < t->nrows; ri++) {
    GArray *specs = g_ptr_array_index(rows, ri);
    for (guint k = 0; k < specs->len; k++) {
      tcspec *sp = &g_array_index(specs, tcspec, k);
      dx_cell *above = ri > 0 ? slots[(size_t)(ri - 1) * ncols + sp->col] : NULL;
      dx_cell *anchor;
      if (sp->vmerge == 2 && above && above->col == sp->col) {
        anchor = above;
        anchor->rowspan = ri - anchor->row + 1;
      } else {
        if (sp->vmerge == 2)
          dx_doc_warn(r->doc, "docx_vmerge_orphan", 0,
                      "a vertically merged cell continues nothing above it: read as a cell");
        anchor = sp->cell;
        anchor->row = ri;
        anchor->col = sp->col;
        anchor->colspan = sp->span;
        t->cells[t->ncells++] = anchor;
      }
      for (int c = sp->col; c < sp->col + sp->span && c < ncols; c++)
        slots[(size_t)ri * ncols + c] = anchor;
    }
  }
}

/* A w:tbl ends: its rows' cells placed on the grid, the table a block of
 * the body or a child of its cell. */
static void table_end(reader *r, tbuild *tb) {
  GPtrArray *rows = tb->rows;
  int ncols = MAX(tb->grid_cols, tb->width);
  if (tb->grid_cols == 0 && rows->len)
    dx_doc_warn(r->doc, "docx_no_tblgrid", 0, "a table without w:tblGrid: grid synthesised");
  dx_table *t = dx_arena_alloc(r->doc->arena, sizeof *t);
  size_t nslots = (size_t)rows->len * (size_t)(ncols ? ncols : 1);
  dx_cell **slots = t ? dx_arena_alloc(r->doc->arena, nslots * sizeof(dx_cell *)) : NULL;
  dx_cell **anchors = t ? dx_arena_alloc(r->doc->arena, (r->ncells + 1) * sizeof(dx_cell *)) : NULL;
  if (!t || !slots || !anchors) {
    dx_docx_fail_memory(r);
    return;
  }
  t->index = -1;
  t->nrows = (int)rows->len;
  t->ncols = ncols;
  t->slots = slots;
  t->cells = anchors;
  place_cells(r, t, rows);
  sink *dest = tb->dest;
  if (dest->top) {
    dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
    if (!b) {
      dx_docx_fail_memory(r);
      return;
    }
    b->kind = DX_BLOCK_TABLE;
    b->table = t;
    t->index = b->index = r->doc->ntables++;
    g_ptr_array_add(r->doc->blocks, b);
  } else {
    g_ptr_array_add(dest->tables, t);
  }
}

void dx_docx_table_end(reader *r, frame *f) {
  table_end(r, f->t);
  tbuild_free(f->t);
}
