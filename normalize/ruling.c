/* ruling.c — a page's ruling lines, as the grids of its tables need
 * them: the pieces a producer or a scan drew of one rule (a thick border's
 * two edges, a dashed or dotted border, a border broken by a glyph mask
 * or a fax's dropouts) become one rule, and rules that touch are grouped
 * into components, one a table. Rules that run from no edge to another
 * (a checkbox drawn as a box, an underline in a cell) are pruned.
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>

/* Rules closer than this (points) across their length are one rule: the
 * two edges of a thick border, a border drawn twice by adjacent cells. */
#define SNAP_PT 3.0
/* Collinear pieces with a gap up to this (points) are one rule: borders
 * broken where a glyph mask or a cell corner cut them. */
#define JOIN_PT 4.0
/* A dash pattern with long gaps (Word's and LibreOffice's dot-dash
 * borders: 8.7 pt dashes 7.3 pt apart once the dots, too short to be
 * rules, are gone): at least DASH_CHAIN_MIN collinear pieces (within
 * DASH_CHAIN_POS_PT of one position) whose gaps are at most
 * DASH_CHAIN_GAP_PT and within DASH_CHAIN_SPREAD_PT of their median are
 * one rule. What is left of text, underlines in a cell, are not that
 * many pieces that evenly spaced. */
#define DASH_CHAIN_MIN 4
#define DASH_CHAIN_POS_PT 1.0
#define DASH_CHAIN_GAP_PT 13.0
#define DASH_CHAIN_SPREAD_PT 1.5
/* A chain's end may stop short of the rule it meets by a gap and a dash
 * cut shorter than a rule (lines.c finds none under 6 pt). */
#define DASH_CHAIN_END_PT 6.0
/* A scanned rule drawn one pixel thin and slightly aslant crosses from
 * one row of pixels into the next every so often; where it straddles
 * two rows neither is dark enough, and a 1-bit scan (a fax) drops it
 * there: a border comes out as collinear pieces with gaps of 30-40 pt
 * (up to 56 pt at a fax's standard 204 x 98 dpi).
 * Pieces at least DROPOUT_PIECE_PT long (longer than any stroke of a
 * character) with gaps up to DROPOUT_GAP_PT are one rule, unless the
 * gap runs from one rule across to another (a cell spanning rows or
 * columns interrupts the border there) or lies between two tables; a
 * piece that meets a rule across at one end and stops that far short of
 * another at the other runs on to it. */
#define DROPOUT_PIECE_PT 20.0
#define DROPOUT_GAP_PT 64.0
/* A scanned rule may run past the rule it meets by its width and blur
 * (a phone scan's threshold thickens both): an end this near a rule
 * across meets it, and a gap whose ends meet rules across, with no
 * parallel rule within them going on across the gap, is the space
 * between two tables, not a dropout. */
#define DROPOUT_END_PT 6.0
/* A vertical and a horizontal rule this close (points) touch. */
#define TOUCH_PT 3.0
/* Rules per page beyond which the page is treated as a drawing. */
#define MAX_PAGE_RULES 20000

static int seg_cmp(const void *x, const void *y) {
  const seg *s = x, *t = y;
  if (fabsf(s->pos - t->pos) > 0.01f) return s->pos < t->pos ? -1 : 1;
  return s->a < t->a ? -1 : s->a > t->a;
}

/* Whether a gap (lo, hi) in a rule at pos lies between two distinct
 * rules across it, one closing the piece before and one opening the
 * piece after: the bottom of one table and the top of the next, a few
 * points apart, not one border broken. A rule across may stop up to
 * TABLE_END_PT short of pos (on a fax a border's end drops out where it
 * meets the rule at pos), when it is at least as long as that. */
#define TABLE_END_PT 20.0f
static bool table_gap(const seg *o, size_t no, float pos, float lo, float hi) {
  bool top = false, bot = false;
  float ytop = 0, ybot = 0;
  for (size_t i = 0; i < no; i++) {
    if (o[i].a > pos + TABLE_END_PT || o[i].b < pos - TABLE_END_PT) continue;
    /* one that stops short of pos is a border only if longer than how
     * far it may stop short: what a glyph mask leaves of a letter (the
     * bar of a T at its box's top) is shorter */
    bool reaches = o[i].a <= pos + TOUCH_PT && o[i].b >= pos - TOUCH_PT;
    if (!reaches && o[i].b - o[i].a < TABLE_END_PT) continue;
    if (fabsf(o[i].pos - lo) <= TOUCH_PT && (!top || o[i].pos < ytop)) {
      top = true;
      ytop = o[i].pos;
    }
    if (fabsf(o[i].pos - hi) <= TOUCH_PT && (!bot || o[i].pos > ybot)) {
      bot = true;
      ybot = o[i].pos;
    }
  }
  return top && bot && ybot - ytop > SNAP_PT;
}

static size_t join_dash_chains(seg *s, size_t m, const seg *across, size_t nacross);

/* Keeps the pieces of s[0..m) not marked gone, sorted again; returns how
 * many are left. */
static size_t drop_gone(seg *s, size_t m, const bool *gone) {
  size_t out = 0;
  for (size_t i = 0; i < m; i++)
    if (!gone[i]) s[out++] = s[i];
  qsort(s, out, sizeof *s, seg_cmp);
  return out;
}

/* Snaps and joins rules of one direction (across, when given: the rules
 * of the other direction, no join over a gap between two tables);
 * returns the merged count. */
static size_t merge_segs(seg *s, size_t n, const seg *across, size_t nacross) {
  qsort(s, n, sizeof *s, seg_cmp);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    bool done = false;
    /* look back over merged rules at about the same position */
    for (size_t k = m; k > 0 && !done; k--) {
      seg *t = &s[k - 1];
      if (s[i].pos - t->pos > SNAP_PT) break;
      if (s[i].a <= t->b + JOIN_PT && s[i].b >= t->a - JOIN_PT &&
          !(across && s[i].a > t->b && table_gap(across, nacross, t->pos, t->b, s[i].a))) {
        t->a = MIN(t->a, s[i].a);
        t->b = MAX(t->b, s[i].b);
        done = true;
      }
    }
    if (!done) s[m++] = s[i];
  }
  /* a join may have made two earlier pieces overlap; one more pass */
  qsort(s, m, sizeof *s, seg_cmp);
  return join_dash_chains(s, m, across, nacross);
}

static int seg_a_cmp(const void *x, const void *y) {
  const seg *s = *(seg *const *)x, *t = *(seg *const *)y;
  return s->a < t->a ? -1 : s->a > t->a;
}

/* The median gap between the n pieces of a chain (by start) when the
 * gaps are even, else -1: none wider than the median by more than
 * DASH_CHAIN_SPREAD_PT, half of them or more within that of it (a
 * crossing rule or a dot may shorten a gap, a missing piece is longer).
 * Pieces joined before carry their pattern's gap. */
static float even_gap(seg *const *c, size_t n) {
  /* one piece: a chain joined before (without junctions to go by) has
   * its gap */
  if (n < 2) return c[0]->dash > 0 ? c[0]->dash : -1;
  float g[64];
  size_t ng = 0;
  for (size_t k = 1; k < n && ng < G_N_ELEMENTS(g); k++) g[ng++] = c[k]->a - c[k - 1]->b;
  qsort(g, ng, sizeof *g, lay_float_cmp);
  float med = g[ng / 2];
  size_t near = 0;
  for (size_t k = 0; k < ng; k++) {
    if (g[k] > med + DASH_CHAIN_SPREAD_PT) return -1;
    near += g[k] >= med - DASH_CHAIN_SPREAD_PT;
  }
  return near * 2 >= ng ? med : -1;
}

/* The end of the chain of pieces (by start) from grp[c0]: gaps wider
 * than JOIN_PT up to DASH_CHAIN_GAP_PT, none between two tables when
 * `across` is given. */
static size_t chain_end(seg *const *grp, size_t n, size_t c0, const seg *across, size_t nacross) {
  size_t c1 = c0 + 1;
  while (c1 < n && c1 - c0 < 64 && grp[c1]->a - grp[c1 - 1]->b > JOIN_PT &&
         grp[c1]->a - grp[c1 - 1]->b <= DASH_CHAIN_GAP_PT &&
         !(across && table_gap(across, nacross, grp[c1]->pos, grp[c1 - 1]->b, grp[c1]->a)))
    c1++;
  return c1;
}

/* The rule across position `pos` nearest to `end` beyond it (dir -1:
 * before, +1: after) by at most `reach`, or touching it: where a dash
 * chain ends at a junction. Its position, or NAN. */
static float junction(const seg *o, size_t no, float pos, float end, int dir, float reach) {
  float best = NAN, bd = INFINITY;
  for (size_t i = 0; i < no; i++) {
    if (o[i].a > pos + TOUCH_PT || o[i].b < pos - TOUCH_PT) continue;
    float d = (o[i].pos - end) * (float)dir;
    if (d < -TOUCH_PT || d > reach + TOUCH_PT) continue;
    if (fabsf(d) < bd) {
      bd = fabsf(d);
      best = o[i].pos;
    }
  }
  return best;
}

/* Joins chains of collinear pieces that are a dash pattern with gaps
 * wider than JOIN_PT (see DASH_CHAIN_MIN); with `across` (the rules of
 * the other direction), also a shorter chain of two pieces or more that
 * ends at a junction each side, its last gap short of the crossing rule
 * no wider than the others (a dashed border of a cell one or two rows
 * high), and a chain's ends are carried to the junctions they stop
 * short of. s as merge_segs left it (sorted), m pieces; returns the new
 * count, sorted again. */
static size_t join_dash_chains(seg *s, size_t m, const seg *across, size_t nacross) {
  bool *gone = g_new0(bool, m + 1);
  seg **grp = g_new(seg *, m + 1);
  bool any = false;
  size_t min_n = across ? 2 : DASH_CHAIN_MIN;
  for (size_t i = 0; i < m; i++) {
    if (gone[i]) continue;
    size_t n = 0;
    for (size_t k = i; k < m && s[k].pos - s[i].pos <= DASH_CHAIN_POS_PT; k++)
      if (!gone[k]) grp[n++] = &s[k];
    if (n == 0 || (n < min_n && !(across && grp[0]->dash > 0))) continue;
    qsort(grp, n, sizeof(seg *), seg_a_cmp);
    for (size_t c0 = 0; c0 < n;) {
      /* a gap between two rules across (table_gap) is no dash gap, unless
       * it is as wide as two other gaps of the chain that are no such
       * gaps: a row about as high as a dash gap */
      size_t c1 = chain_end(grp, n, c0, NULL, 0);
      float gap = even_gap(grp + c0, c1 - c0);
      if (across && c1 - c0 >= 2) {
        bool apart = false;
        int plain = 0;
        for (size_t k = c0 + 1; k < c1; k++) {
          float g = grp[k]->a - grp[k - 1]->b;
          bool even = gap >= 0 && fabsf(g - gap) <= DASH_CHAIN_SPREAD_PT;
          if (table_gap(across, nacross, grp[k]->pos, grp[k - 1]->b, grp[k]->a))
            apart = apart || !even;
          else
            plain += even;
        }
        bool any_table = false;
        for (size_t k = c0 + 1; k < c1 && !any_table; k++)
          any_table = table_gap(across, nacross, grp[k]->pos, grp[k - 1]->b, grp[k]->a);
        if (apart || (any_table && plain < 2)) {
          c1 = chain_end(grp, n, c0, across, nacross);
          gap = even_gap(grp + c0, c1 - c0);
        }
      }
      size_t len = c1 - c0;
      float lo = grp[c0]->a, hi = grp[c1 - 1]->b, pos = grp[c0]->pos;
      float j0 = NAN, j1 = NAN;
      if (gap >= 0 && across) {
        j0 = junction(across, nacross, pos, lo, -1, gap + DASH_CHAIN_END_PT);
        j1 = junction(across, nacross, pos, hi, +1, gap + DASH_CHAIN_END_PT);
      }
      /* a short chain's dashes are as long as one another, but where a
       * rule crosses one (what a glyph mask leaves of text is pieces of
       * any length) */
      float shortest = INFINITY, longest = 0;
      for (size_t k = c0; k < c1 && across; k++) {
        if (!isnan(junction(across, nacross, grp[k]->pos, grp[k]->b, -1, grp[k]->b - grp[k]->a)))
          continue;
        shortest = MIN(shortest, grp[k]->b - grp[k]->a);
        longest = MAX(longest, grp[k]->b - grp[k]->a);
      }
      bool joins = len >= DASH_CHAIN_MIN || grp[c0]->dash > 0 ||
                   (!isnan(j0) && !isnan(j1) && shortest * 2 >= longest);
      if (gap >= 0 && joins) {
        seg *first = grp[c0];
        for (size_t k = c0 + 1; k < c1; k++) {
          first->b = MAX(first->b, grp[k]->b);
          gone[grp[k] - s] = true;
        }
        if (!isnan(j0)) first->a = MIN(first->a, j0);
        if (!isnan(j1)) first->b = MAX(first->b, j1);
        first->dash = gap;
        any = true;
      }
      c0 = c1;
    }
  }
  size_t out = any ? drop_gone(s, m, gone) : m;
  g_free(gone);
  g_free(grp);
  return out;
}

/* Whether a rule across position pos touches it at `at`. */
static bool crossed_at(const seg *o, size_t no, float pos, float at) {
  for (size_t i = 0; i < no; i++)
    if (o[i].a <= pos + TOUCH_PT && o[i].b >= pos - TOUCH_PT && fabsf(o[i].pos - at) <= TOUCH_PT)
      return true;
  return false;
}

/* The rule across position pos nearest `at` within DROPOUT_END_PT, or
 * NULL. */
static const seg *across_near(const seg *o, size_t no, float pos, float at) {
  const seg *best = NULL;
  for (size_t i = 0; i < no; i++)
    if (o[i].a <= pos + TOUCH_PT && o[i].b >= pos - TOUCH_PT &&
        fabsf(o[i].pos - at) <= DROPOUT_END_PT &&
        (!best || fabsf(o[i].pos - at) < fabsf(best->pos - at)))
      best = &o[i];
  return best;
}

/* A rule across within DROPOUT_END_PT of `at` that runs along at least
 * ALONG_SHARE of rule r's length, or NULL. */
#define ALONG_SHARE 0.5f
static const seg *along(const seg *o, size_t no, const seg *r, float at) {
  for (size_t i = 0; i < no; i++)
    if (fabsf(o[i].pos - at) <= DROPOUT_END_PT &&
        MIN(o[i].b, r->b) - MAX(o[i].a, r->a) >= ALONG_SHARE * (r->b - r->a))
      return &o[i];
  return NULL;
}

/* A rule across within DROPOUT_END_PT of `at` that overlaps rule r's
 * span, or NULL. */
static const seg *beside(const seg *o, size_t no, const seg *r, float at) {
  for (size_t i = 0; i < no; i++)
    if (fabsf(o[i].pos - at) <= DROPOUT_END_PT && o[i].a < r->b && o[i].b > r->a) return &o[i];
  return NULL;
}

/* Whether the gap (lo, hi) in the rule at pos lies between two tables:
 * its ends meet rules across (loosely, see DROPOUT_END_PT; where one end
 * meets none, the rule across nearest it inside the gap stands in) and
 * no other rule of s[0..m) within the span of the one that meets this
 * rule goes on across the middle between the two. Inside a table the
 * other borders go on where one dropped out. */
static bool between_tables(const seg *s, size_t m, const bool *gone, const seg *across,
                           size_t nacross, float pos, float lo, float hi) {
  const seg *top = across_near(across, nacross, pos, lo);
  const seg *bot = across_near(across, nacross, pos, hi);
  /* the table whose border meets this rule; the other table's border
   * may have dropped out where it meets this rule: a rule along most of
   * the one found will do, or (a fax drops whole stretches of a thin
   * border) one beside it, when no rule of this direction goes on across
   * the gap under the one found */
  const seg *own = top ? top : bot;
  if (top && !bot) bot = along(across, nacross, top, hi);
  if (bot && !top) top = along(across, nacross, bot, lo);
  if (own && (!top || !bot)) {
    const seg *o = beside(across, nacross, own, top ? hi : lo);
    if (top)
      bot = o;
    else
      top = o;
  }
  /* the other end lost too, with a piece of the next table's border
   * (a fax drops a dotted rule where it straddles two of its columns):
   * the rule across it within the gap nearest that end, and the band
   * looked at for rules going on is the one between the two */
  float mid = (lo + hi) / 2;
  if (own && (!top || !bot)) {
    const seg *found = NULL;
    for (size_t i = 0; i < nacross; i++) {
      const seg *o = &across[i];
      if (o->a > pos + TOUCH_PT || o->b < pos - TOUCH_PT || fabsf(o->pos - own->pos) <= SNAP_PT ||
          o->pos <= lo || o->pos >= hi)
        continue;
      if (!found || (top ? o->pos > found->pos : o->pos < found->pos)) found = o;
    }
    if (top)
      bot = found;
    else
      top = found;
    if (top && bot) mid = (top->pos + bot->pos) / 2;
  }
  if (!top || !bot || bot->pos - top->pos <= SNAP_PT) return false;
  for (size_t k = 0; k < m; k++)
    if (!gone[k] && fabsf(s[k].pos - pos) > SNAP_PT && s[k].pos >= own->a - TOUCH_PT &&
        s[k].pos <= own->b + TOUCH_PT && s[k].a <= mid && s[k].b >= mid)
      return false;
  return true;
}

/* Whether a character of the page stands across the line at pos
 * between lo and hi (horizontal: the line is a row's border; else a
 * column's): its box reaches past pos by TEXT_ACROSS_SHARE of its
 * size on both sides. No border runs through text, so no dropout is
 * bridged there ("三年内基本消除城区重大火灾隐患" across a whole row
 * where a column's border stops above it and goes on below). */
#define TEXT_ACROSS_SHARE 0.3f
static bool text_across(const dx_page *pg, bool horizontal, float pos, float lo, float hi) {
  for (size_t i = 0; pg && i < pg->nglyphs; i++) {
    const float *b = pg->glyphs[i].box;
    float p0 = horizontal ? b[1] : b[0], p1 = horizontal ? b[3] : b[2];
    float a0 = horizontal ? b[0] : b[1], a1 = horizontal ? b[2] : b[3];
    float m = (p1 - p0) * TEXT_ACROSS_SHARE, mid = (a0 + a1) / 2;
    if (pos > p0 + m && pos < p1 - m && mid > lo && mid < hi) return true;
  }
  return false;
}

/* A fax that turned a hairline into a staircase keeps pieces of it
 * only where it lies within one of its rows: both ends of a border may
 * be lost, so that it meets no rule across at either. A border that
 * crosses a rule across inside its length (not a box's side, not an
 * underline: those cross nothing) runs on at each end to the rule
 * across it stops short of by up to DROPOUT_GAP_PT. Horizontal borders
 * only: a fax's rows (98 dpi) are what makes the staircase; its columns
 * (204 dpi) keep a vertical's pieces close to its true ends. */
static bool crosses_inside(const seg *o, size_t no, const seg *r) {
  for (size_t i = 0; i < no; i++)
    if (o[i].pos > r->a + DROPOUT_END_PT && o[i].pos < r->b - DROPOUT_END_PT &&
        o[i].a <= r->pos + TOUCH_PT && o[i].b >= r->pos - TOUCH_PT)
      return true;
  return false;
}

/* Whether the gap (lo, hi) in the rule at pos runs from one rule
 * across to another, each end meeting its own loosely (within
 * DROPOUT_END_PT, as an end meets a rule across): a cell between them
 * spans the line, where the piece beyond it lost its first dots (a fax
 * that dropped a row of its scan where a dotted border meets the rule
 * across leaves the border's first 3-6 pt shorter than a rule). */
static bool row_to_row(const seg *o, size_t no, float pos, float lo, float hi) {
  const seg *a = across_near(o, no, pos, lo), *b = across_near(o, no, pos, hi);
  return a && b && fabsf(b->pos - a->pos) > SNAP_PT;
}

/* Joins the pieces a scan's dropouts left of a rule (see
 * DROPOUT_PIECE_PT); s sorted as merge_segs leaves it, `across` the
 * rules of the other direction (`rows`: s are the horizontal ones; pg:
 * the page, whose text no border runs through). Returns the new count,
 * sorted again. */
static size_t bridge_dropouts(seg *s, size_t m, const seg *across, size_t nacross, bool rows,
                              const dx_page *pg) {
  bool *gone = g_new0(bool, m + 1);
  seg **grp = g_new(seg *, m + 1);
  bool any = false;
  for (size_t i = 0; i < m; i++) {
    if (gone[i]) continue;
    size_t n = 0;
    for (size_t k = i; k < m && s[k].pos - s[i].pos <= DASH_CHAIN_POS_PT; k++)
      if (!gone[k]) grp[n++] = &s[k];
    if (n < 2) continue;
    qsort(grp, n, sizeof(seg *), seg_a_cmp);
    seg *run = grp[0];
    for (size_t k = 1; k < n; k++) {
      seg *next = grp[k];
      float lo = run->b, hi = next->a;
      bool bridge = hi > lo && hi - lo <= DROPOUT_GAP_PT && run->b - run->a >= DROPOUT_PIECE_PT &&
                    next->b - next->a >= DROPOUT_PIECE_PT &&
                    !(crossed_at(across, nacross, run->pos, lo) &&
                      crossed_at(across, nacross, next->pos, hi)) &&
                    !row_to_row(across, nacross, run->pos, lo, hi) &&
                    !table_gap(across, nacross, run->pos, lo, hi) &&
                    !text_across(pg, rows, run->pos, lo, hi) &&
                    !between_tables(s, m, gone, across, nacross, run->pos, lo, hi);
      if (hi <= lo || bridge) {
        run->b = MAX(run->b, next->b);
        gone[next - s] = true;
        any = true;
      } else {
        run = next;
      }
    }
  }
  /* a border that meets a rule across at one end and stops short of the
   * next by a gap runs on to it (the dropout fell just before it); one
   * that runs a little past a rule across at both ends is whole */
  for (size_t i = 0; i < m; i++) {
    seg *p = &s[i];
    if (gone[i] || p->b - p->a < DROPOUT_PIECE_PT) continue;
    bool at_a = across_near(across, nacross, p->pos, p->a) != NULL;
    bool at_b = across_near(across, nacross, p->pos, p->b) != NULL;
    if (rows && !at_a && !at_b && crosses_inside(across, nacross, p)) {
      /* both ends lost (see crosses_inside): each runs on to the
       * rule across it stops short of */
      float ja = junction(across, nacross, p->pos, p->a, -1, DROPOUT_GAP_PT);
      float jb = junction(across, nacross, p->pos, p->b, +1, DROPOUT_GAP_PT);
      if (!isnan(ja) && !between_tables(s, m, gone, across, nacross, p->pos, ja, p->a) &&
          !text_across(pg, rows, p->pos, ja, p->a)) {
        p->a = MIN(p->a, ja);
        any = true;
      }
      if (!isnan(jb) && !between_tables(s, m, gone, across, nacross, p->pos, p->b, jb) &&
          !text_across(pg, rows, p->pos, p->b, jb)) {
        p->b = MAX(p->b, jb);
        any = true;
      }
      continue;
    }
    if (at_a == at_b) continue;
    float j = junction(across, nacross, p->pos, at_a ? p->b : p->a, at_a ? 1 : -1, DROPOUT_GAP_PT);
    if (isnan(j) ||
        between_tables(s, m, gone, across, nacross, p->pos, at_a ? p->b : j, at_a ? j : p->a) ||
        text_across(pg, rows, p->pos, at_a ? p->b : j, at_a ? j : p->a))
      continue;
    if (at_a)
      p->b = MAX(p->b, j);
    else
      p->a = MIN(p->a, j);
    any = true;
  }
  size_t out = any ? drop_gone(s, m, gone) : m;
  g_free(gone);
  g_free(grp);
  return out;
}

/* What close_cells wants of the cells' sides past a column's rule's end
 * (points), and the most times it runs (each border it carried over
 * cells may close the next ones). */
#define CLOSE_SIDE_PT 10.0f
#define CLOSE_PASSES 8

/* Whether a rule of o crosses the line at pos between lo and hi (along
 * it), going on CLOSE_SIDE_PT past it each way: the line is inside a
 * table, not its edge (a table that goes on over a page's end has no
 * bottom border to close; a table's right border is no column's rule
 * parting it from a scratch down the page). */
static bool crossed_inside(const seg *o, size_t no, float pos, float lo, float hi) {
  for (size_t k = 0; k < no; k++)
    if (o[k].pos >= lo && o[k].pos <= hi && o[k].a < pos - CLOSE_SIDE_PT &&
        o[k].b > pos + CLOSE_SIDE_PT)
      return true;
  return false;
}

/* A column's rule that ends at a row's border (its end within
 * DROPOUT_END_PT of a horizontal rule's line) parts two cells that both
 * end there: neither can reach past it, its side there being gone. So
 * the border runs over both, from the column's rule before v to the one
 * after it, each going on at least CLOSE_SIDE_PT on the cells' side. A
 * fax that lost most of such a border (a hairline's staircase, gaps
 * wider than DROPOUT_GAP_PT) kept a piece of it over or beside those
 * cells: the piece runs on over them, where no text stands across the
 * line. Only inside a table (crossed_inside); pieces and column rules
 * shorter than DROPOUT_PIECE_PT (a checkbox's sides) are left alone. */
static bool close_cells(seg *hs, size_t nh, const seg *vs, size_t nv, const dx_page *pg) {
  bool changed = false;
  for (size_t j = 0; j < nv; j++) {
    const seg *v = &vs[j];
    if (v->b - v->a < DROPOUT_PIECE_PT) continue;
    for (int dir = -1; dir <= 1; dir += 2) {
      float end = dir < 0 ? v->a : v->b, lo = -INFINITY, hi = INFINITY;
      /* the cells' other sides (dir -1: the cells are below the end) */
      for (size_t k = 0; k < nv; k++) {
        const seg *u = &vs[k];
        bool side = dir < 0 ? u->a <= end + DROPOUT_END_PT && u->b >= end + CLOSE_SIDE_PT
                            : u->b >= end - DROPOUT_END_PT && u->a <= end - CLOSE_SIDE_PT;
        if (!side) continue;
        if (u->pos < v->pos - TOUCH_PT) lo = MAX(lo, u->pos);
        if (u->pos > v->pos + TOUCH_PT) hi = MIN(hi, u->pos);
      }
      /* inside a table: a column's rule crosses the row's border, and a
       * row's border crosses v */
      if (!isfinite(lo) || !isfinite(hi) || !crossed_inside(vs, nv, end, -INFINITY, INFINITY) ||
          !crossed_inside(hs, nh, v->pos, v->a, v->b))
        continue;
      seg *h = NULL;
      for (size_t i = 0; i < nh; i++)
        if (fabsf(hs[i].pos - end) <= DROPOUT_END_PT && hs[i].b - hs[i].a >= DROPOUT_PIECE_PT &&
            hs[i].a <= hi + TOUCH_PT && hs[i].b >= lo - TOUCH_PT &&
            (!h || fabsf(hs[i].pos - end) < fabsf(h->pos - end)))
          h = &hs[i];
      if (!h) continue;
      if (lo < h->a - TOUCH_PT && !text_across(pg, true, h->pos, lo, h->a)) {
        h->a = lo;
        changed = true;
      }
      if (hi > h->b + TOUCH_PT && !text_across(pg, true, h->pos, h->b, hi)) {
        h->b = hi;
        changed = true;
      }
    }
  }
  return changed;
}

/* Whether another horizontal rule across vertical v is nearer v's end
 * than hs[i] is, when hs[i] does not cross v: of two tables a few
 * points apart, a vertical touches only the rule closing its own. */
static bool nearer_end(const seg *hs, size_t nh, size_t i, const seg *v) {
  if (hs[i].pos >= v->a && hs[i].pos <= v->b) return false; /* it crosses v */
  float e = hs[i].pos < v->a ? v->a : v->b;
  float d = fabsf(hs[i].pos - e);
  for (size_t k = 0; k < nh; k++)
    if (k != i && hs[k].a <= v->pos + TOUCH_PT && hs[k].b >= v->pos - TOUCH_PT &&
        fabsf(hs[k].pos - e) < d && fabsf(hs[k].pos - hs[i].pos) > SNAP_PT)
      return true;
  return false;
}

/* Union-find over 0..n-1 (every p[i] starts as i). */
int lay_uf_find(int *p, int i) {
  int root = i;
  /* the analyzer loses track of the caller's nrows * ncols slots and
   * reports an index past them; every caller stays below n */
  // NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult)
  while (p[root] != root) root = p[root];
  while (p[i] != root) { /* path compression */
    int next = p[i];
    p[i] = root;
    i = next;
  }
  return root;
}

void lay_uf_union(int *p, int a, int b) {
  a = lay_uf_find(p, a);
  b = lay_uf_find(p, b);
  if (a != b) p[MAX(a, b)] = MIN(a, b);
}

/* Distinct positions (clusters within SNAP_PT) of a component's rules. */
size_t lay_edges(float *out, const seg *s, size_t n, int comp) {
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i].comp == comp) out[m++] = s[i].pos;
  /* s is sorted by position already */
  size_t k = 0;
  for (size_t i = 0; i < m; i++)
    if (k == 0 || out[i] - out[k - 1] > SNAP_PT) out[k++] = out[i];
  return k;
}

/* Vertical rules joined to no other vertical one but running beside a
 * table over its whole height belong to it: the columns of cells that
 * span from the page before, whose top and bottom borders are on other
 * pages (Chromium and LibreOffice Calc draw them so). Such a rule may
 * touch horizontal ones that run from it to no other rule: on a scan, a
 * character's stroke beside the border (本 of 本年度 in the spanning
 * cell, 300 dpi) is one. */
static void adopt_side_rules(const seg *hs, size_t nh, seg *vs, size_t nv) {
  for (size_t j = 0; j < nv; j++) {
    bool lone = true;
    for (size_t k = 0; k < nv && lone; k++) lone = k == j || vs[k].comp != vs[j].comp;
    if (!lone) continue;
    for (size_t i = 0; i < nh; i++) {
      int comp = hs[i].comp;
      float top = INFINITY, bot = -INFINITY, vtop = INFINITY, vbot = -INFINITY;
      for (size_t k = 0; k < nh; k++)
        if (hs[k].comp == comp) {
          top = MIN(top, hs[k].pos);
          bot = MAX(bot, hs[k].pos);
        }
      for (size_t k = 0; k < nv; k++)
        if (vs[k].comp == comp) {
          vtop = MIN(vtop, vs[k].a);
          vbot = MAX(vbot, vs[k].b);
        }
      /* it covers the table's height, starting or ending with it (it
       * may run on to the page's end, where the spanning cells stop),
       * or running from where the table's own columns do to where they
       * end (a part open at both ends, between two page breaks) */
      bool level = fabsf(vs[j].a - vtop) <= TOUCH_PT && fabsf(vs[j].b - vbot) <= TOUCH_PT;
      if (bot - top > 0 && vs[j].a <= top + TOUCH_PT && vs[j].b >= bot - TOUCH_PT &&
          (vs[j].a >= top - TOUCH_PT || vs[j].b <= bot + TOUCH_PT || level)) {
        vs[j].comp = comp;
        break;
      }
    }
  }
}

/* Number of edges within [a - TOUCH_PT, b + TOUCH_PT]. */
static int edges_within(const float *e, size_t n, float a, float b) {
  int k = 0;
  for (size_t i = 0; i < n; i++) k += e[i] >= a - TOUCH_PT && e[i] <= b + TOUCH_PT;
  return k;
}

/* Whether two of a component's verticals or more end at `end` (within
 * TOUCH_PT), past its last horizontal rule (dir +1) or before its first
 * (-1): the columns' rules of a row whose border a scan lost or a page
 * break cut, whose end open_rows makes an edge. */
static bool open_end(const seg *vs, size_t nv, int comp, float end, float edge, int dir) {
  if ((end - edge) * (float)dir <= TOUCH_PT) return false;
  int k = 0;
  for (size_t i = 0; i < nv; i++)
    k += vs[i].comp == comp && fabsf((dir > 0 ? vs[i].b : vs[i].a) - end) <= TOUCH_PT;
  return k >= 2;
}

/* Drops rules of a component that do not run from one edge of the
 * other direction to another (a checkbox drawn as a box next to a
 * border, an underline in a cell): they would make rows or columns. A
 * vertical may end at the end of the component's verticals past its
 * last (or before its first) horizontal rule, where two or more of them
 * end (open_end). */
void lay_prune(seg *hs, size_t nh, seg *vs, size_t nv, int comp) {
  float *xs = g_new(float, nv + 1), *ys = g_new(float, nh + 1);
  for (int round = 0; round < 4; round++) {
    size_t nx = lay_edges(xs, vs, nv, comp), ny = lay_edges(ys, hs, nh, comp);
    float vtop = INFINITY, vbot = -INFINITY;
    for (size_t i = 0; i < nv; i++)
      if (vs[i].comp == comp) {
        vtop = MIN(vtop, vs[i].a);
        vbot = MAX(vbot, vs[i].b);
      }
    bool top_open = ny && open_end(vs, nv, comp, vtop, ys[0], -1);
    bool bot_open = ny && open_end(vs, nv, comp, vbot, ys[ny - 1], 1);
    bool changed = false;
    for (size_t i = 0; i < nh; i++)
      if (hs[i].comp == comp && edges_within(xs, nx, hs[i].a, hs[i].b) < 2) {
        hs[i].comp = -1;
        changed = true;
      }
    for (size_t i = 0; i < nv; i++)
      if (vs[i].comp == comp && edges_within(ys, ny, vs[i].a, vs[i].b) +
                                        (bot_open && vs[i].b >= vbot - TOUCH_PT) +
                                        (top_open && vs[i].a <= vtop + TOUCH_PT) <
                                    2) {
        vs[i].comp = -1;
        changed = true;
      }
    if (!changed) break;
  }
  g_free(xs);
  g_free(ys);
}

/* Whether a rule of the component at `pos` covers the point `mid`. */
bool lay_drawn(const seg *s, size_t n, int comp, float pos, float mid) {
  /* s is sorted by position: only the rules near pos are looked at */
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t m = (lo + hi) / 2;
    if (s[m].pos < pos - SNAP_PT)
      lo = m + 1;
    else
      hi = m;
  }
  for (size_t i = lo; i < n && s[i].pos <= pos + SNAP_PT; i++)
    if (s[i].comp == comp && s[i].a <= mid && s[i].b >= mid) return true;
  return false;
}

/* Components of touching rules: each rule's comp is the root of its
 * component, the least index (a horizontal rule's index in hs when the
 * component has one). Verticals that touch nothing but run beside a
 * table over its height join it (adopt_side_rules). */
static void components(seg *hs, size_t nh, seg *vs, size_t nv) {
  int *uf = g_new(int, nh + nv + 1);
  for (size_t i = 0; i < nh + nv; i++) uf[i] = (int)i;
  for (size_t i = 0; i < nh; i++)
    for (size_t j = 0; j < nv; j++)
      if (vs[j].pos >= hs[i].a - TOUCH_PT && vs[j].pos <= hs[i].b + TOUCH_PT &&
          hs[i].pos >= vs[j].a - TOUCH_PT && hs[i].pos <= vs[j].b + TOUCH_PT &&
          !nearer_end(hs, nh, i, &vs[j]))
        lay_uf_union(uf, (int)i, (int)(nh + j));
  for (size_t i = 0; i < nh; i++) hs[i].comp = lay_uf_find(uf, (int)i);
  for (size_t j = 0; j < nv; j++) vs[j].comp = lay_uf_find(uf, (int)(nh + j));
  g_free(uf);
  adopt_side_rules(hs, nh, vs, nv);
}

/* A straight line on a scan at an angle to the form: once the page is
 * straightened the form's rules lie along the axes (within 0.05°), but a
 * scratch on a copier's drum, on a copy of a page placed askew, comes
 * out as pieces of "rules" stepping sideways down the page and cutting
 * cells in two. Pieces within STREAK_FIT_PT of one line slanted
 * STREAK_MIN_SLOPE to STREAK_MAX_SLOPE (0.34° to 3°), reaching over
 * STREAK_SPAN of the page, at STREAK_MIN_PIECES places or more
 * (STREAK_STEP_PT apart), are dropped. Past
 * STREAK_MAX_RULES pieces the page is not looked at (the search is
 * cubic). */
#define STREAK_MIN_PIECES 4
#define STREAK_STEP_PT 0.5f
#define STREAK_FIT_PT 1.5f
#define STREAK_MIN_SLOPE 0.006f
#define STREAK_MAX_SLOPE 0.05f
#define STREAK_SPAN 0.5f
#define STREAK_MAX_RULES 600

/* Whether piece k lies on the line through piece i's middle with slope
 * `slope` (position per unit along the rule). */
static bool on_slant(const seg *k, const seg *i, float slope) {
  float mk = (k->a + k->b) / 2, mi = (i->a + i->b) / 2;
  return fabsf(k->pos - (i->pos + slope * (mk - mi))) <= STREAK_FIT_PT &&
         (k->b - k->a) * fabsf(slope) <= 2 * STREAK_FIT_PT;
}

/* The slope of the line fitted (least squares) through the middles of
 * the pieces on the slant through piece i, its two end pieces left out,
 * or `slope` when fewer than two are left: a rule of the form on a page
 * turned less than STREAK_MIN_SLOPE (not straightened) is a staircase of
 * pieces one raster row apart, each piece's middle on the rule's line
 * but the end ones', which the table's edges cut short; through those
 * the line is steeper than the rule (a fax turned 0.3° measured 0.38°). */
static float fitted_slope(const seg *s, size_t n, const bool *gone, size_t i, float slope) {
  float lo = INFINITY, hi = -INFINITY;
  bool *on = g_new0(bool, n + 1);
  for (size_t k = 0; k < n; k++)
    if (!gone[k] && on_slant(&s[k], &s[i], slope)) {
      on[k] = true;
      lo = MIN(lo, s[k].a);
      hi = MAX(hi, s[k].b);
    }
  /* the inner pieces: touching neither end */
  for (size_t k = 0; k < n; k++) on[k] = on[k] && s[k].a > lo + JOIN_PT && s[k].b < hi - JOIN_PT;
  double w = 0, mx = 0, my = 0, sxy = 0, sxx = 0;
  for (size_t k = 0; k < n; k++)
    if (on[k]) {
      w++;
      mx += (s[k].a + s[k].b) / 2;
      my += s[k].pos;
    }
  for (size_t k = 0; k < n && w >= 2; k++)
    if (on[k]) {
      double dx = (s[k].a + s[k].b) / 2 - mx / w;
      sxy += dx * (s[k].pos - my / w);
      sxx += dx * dx;
    }
  g_free(on);
  return sxx > 0 ? (float)(sxy / sxx) : slope;
}

/* A slant drawn through a double border (a separate-border template:
 * each cell in its own box, 2-3 pt from its neighbour's) meets both its
 * edges, and a fax leaves each edge in pieces a raster row or two apart
 * where its rows fall: four places or more, as a scratch's steps would
 * be. A line at an angle stays at one place only over a step; two pieces
 * at one place (within STREAK_LEVEL_EPS_PT) whose middles lie so far
 * apart along the slant that it moves more than STREAK_LEVEL_PT (a fax's
 * raster row, 0.73 pt) from one to the other are one of the form's rules
 * along the axis, broken by dropouts: level, neither counted nor
 * dropped. Marks in level[k] whether on[k] (cnt pieces on the slant) is
 * level. */
#define STREAK_LEVEL_EPS_PT 0.1f
#define STREAK_LEVEL_PT 0.75f
static void mark_level(const seg *s, const size_t *on, size_t cnt, float slope, bool *level) {
  for (size_t k = 0; k < cnt; k++) {
    const seg *p = &s[on[k]];
    level[k] = false;
    for (size_t m = 0; m < cnt && !level[k]; m++) {
      const seg *q = &s[on[m]];
      level[k] = m != k && fabsf(p->pos - q->pos) <= STREAK_LEVEL_EPS_PT &&
                 fabsf(slope) * fabsf((p->a + p->b) / 2 - (q->a + q->b) / 2) > STREAK_LEVEL_PT;
    }
  }
}

static size_t drop_slanted(seg *s, size_t n, float extent) {
  if (n < STREAK_MIN_PIECES || n > STREAK_MAX_RULES) return n;
  bool *gone = g_new0(bool, n + 1), *level = g_new(bool, n + 1);
  float *at = g_new(float, n + 1);
  size_t *on = g_new(size_t, n + 1);
  bool any = false;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n && !gone[i]; j++) {
      float dy = (s[j].a + s[j].b) / 2 - (s[i].a + s[i].b) / 2;
      if (gone[j] || dy < STREAK_SPAN * extent / 2) continue;
      float slope = (s[j].pos - s[i].pos) / dy;
      if (fabsf(slope) < STREAK_MIN_SLOPE || fabsf(slope) > STREAK_MAX_SLOPE) continue;
      size_t non = 0, cnt = 0;
      for (size_t k = 0; k < n; k++)
        if (!gone[k] && on_slant(&s[k], &s[i], slope)) on[non++] = k;
      if (non < STREAK_MIN_PIECES) continue;
      mark_level(s, on, non, slope, level);
      float lo = INFINITY, hi = -INFINITY;
      for (size_t k = 0; k < non; k++)
        if (!level[k]) {
          at[cnt++] = s[on[k]].pos;
          lo = MIN(lo, s[on[k]].a);
          hi = MAX(hi, s[on[k]].b);
        }
      if (cnt < STREAK_MIN_PIECES || hi - lo < STREAK_SPAN * extent) continue;
      /* a slanted line's pieces step sideways; the pieces of two or
       * three of the form's rules that a slant happens to pass through
       * lie at two or three places */
      qsort(at, cnt, sizeof *at, lay_float_cmp);
      size_t steps = 1;
      for (size_t k = 1; k < cnt; k++) steps += at[k] - at[k - 1] > STREAK_STEP_PT;
      if (steps < STREAK_MIN_PIECES || fabsf(fitted_slope(s, n, gone, i, slope)) < STREAK_MIN_SLOPE)
        continue;
      for (size_t k = 0; k < non; k++)
        if (!level[k]) gone[on[k]] = true;
      any = true;
    }
  size_t out = any ? drop_gone(s, n, gone) : n;
  g_free(gone);
  g_free(level);
  g_free(at);
  g_free(on);
  return out;
}

/* A column's rule whose end a scan lost stops inside a row: it runs on
 * to the next horizontal rule across it, up to LOST_END_REACH_PT away,
 * when the page's text there stands apart at it, on both sides, by a
 * gap of LOST_END_GAP_EM of its size or more ("其他资金 | 60", the rule
 * between them lost below "其中：财政资金 | 200"; the gap after a
 * comma in a line is less). */
#define LOST_END_REACH_PT 24.0f
#define LOST_END_GAP_EM 1.5f
/* Without row borders found from the text, only where the text right of
 * the column's rule starts this near it (points): its cell's padding. */
#define LOST_END_START_PT 6.0f

/* Whether the characters whose centres lie between lo and hi (down
 * the page) stand apart at x, with some on each side; with `start` > 0,
 * those right of x starting within `start` of it (a cell's text set
 * against its column's left edge). */
static bool text_apart(const dx_page *pg, float x, float lo, float hi, float start) {
  float left = -INFINITY, right = INFINITY, em = 0;
  for (size_t i = 0; i < pg->nglyphs; i++) {
    const float *b = pg->glyphs[i].box;
    float cy = (b[1] + b[3]) / 2, cx = (b[0] + b[2]) / 2;
    if (cy <= lo || cy >= hi) continue;
    if (cx < x && b[2] > left) {
      left = b[2];
      em = b[3] - b[1];
    }
    if (cx >= x) right = MIN(right, b[0]);
  }
  return isfinite(left) && isfinite(right) && left <= x && right >= x &&
         right - left >= LOST_END_GAP_EM * em && (start <= 0 || right - x <= start);
}

/* Where the table's outer border was lost too (a fax's hairlines), the
 * end of vs[j] at `end` has no rule across to run on to: the farthest
 * end past it, up to LOST_END_REACH_PT, of the other verticals beside
 * it (level with it there) that go on past it, the border the column
 * rules still show. NAN when none does. */
static float frame_end(const seg *vs, size_t nv, size_t j, float end, int dir) {
  float to = NAN;
  for (size_t i = 0; i < nv; i++) {
    if (i == j) continue;
    float e = dir < 0 ? vs[i].a : vs[i].b, d = (e - end) * (float)dir;
    if (vs[i].a < end && vs[i].b > end && d > TOUCH_PT && d <= LOST_END_REACH_PT &&
        (isnan(to) || d > (to - end) * (float)dir))
      to = e;
  }
  return to;
}

/* Whether a vertical of vs other than vs[j] leaves the rule across r
 * on its side `dir` (+1: down the page), starting at it. */
static bool leaves(const seg *vs, size_t nv, size_t j, const seg *r, int dir) {
  for (size_t i = 0; i < nv; i++) {
    if (i == j || vs[i].pos < r->a - TOUCH_PT || vs[i].pos > r->b + TOUCH_PT) continue;
    float near = dir > 0 ? vs[i].a : vs[i].b, far = dir > 0 ? vs[i].b : vs[i].a;
    if (fabsf(near - r->pos) <= TOUCH_PT && (far - r->pos) * (float)dir > TOUCH_PT) return true;
  }
  return false;
}

/* Whether the band between the rule across `end_rule`, where vs[j]
 * ends, and the next one `to_rule` past it lies between two tables:
 * each rule has a vertical besides vs[j] leaving it away from the
 * band (the first table's sides end at its bottom, the next one's start
 * at its top) and no vertical within their spans crosses the band. A
 * table's first or last row whose rules a fax lost has none beyond its
 * outer border. */
static bool band_between_tables(const seg *vs, size_t nv, size_t j, const seg *end_rule,
                                const seg *to_rule, int dir) {
  if (!leaves(vs, nv, j, end_rule, -dir) || !leaves(vs, nv, j, to_rule, dir)) return false;
  float mid = (end_rule->pos + to_rule->pos) / 2;
  float a = MIN(end_rule->a, to_rule->a), b = MAX(end_rule->b, to_rule->b);
  for (size_t i = 0; i < nv; i++)
    if (i != j && vs[i].pos >= a - TOUCH_PT && vs[i].pos <= b + TOUCH_PT && vs[i].a < mid &&
        vs[i].b > mid)
      return false;
  return true;
}

static void extend_lost_ends(seg *vs, size_t nv, const seg *hs, size_t nh, const dx_page *pg,
                             float start) {
  for (size_t j = 0; j < nv; j++) {
    seg *v = &vs[j];
    for (int dir = -1; dir <= 1; dir += 2) {
      /* the next rule across past the end (not the one it stops at) */
      float end = dir < 0 ? v->a : v->b, to = NAN;
      const seg *at_end = NULL, *at_to = NULL;
      for (size_t i = 0; i < nh; i++) {
        if (hs[i].a > v->pos + TOUCH_PT || hs[i].b < v->pos - TOUCH_PT) continue;
        float d = (hs[i].pos - end) * (float)dir;
        if (fabsf(d) <= TOUCH_PT) at_end = &hs[i];
        if (d > TOUCH_PT && d <= LOST_END_REACH_PT && (isnan(to) || d < (to - end) * (float)dir)) {
          to = hs[i].pos;
          at_to = &hs[i];
        }
      }
      if (at_end && at_to && band_between_tables(vs, nv, j, at_end, at_to, dir)) continue;
      if (isnan(to)) to = frame_end(vs, nv, j, end, dir);
      if (isnan(to)) continue;
      float lo = MIN(end, to), hi = MAX(end, to);
      if (!text_apart(pg, v->pos, lo, hi, start)) continue;
      if (dir < 0)
        v->a = to;
      else
        v->b = to;
    }
  }
}

void lay_add_rules(seg **hs, size_t *nh, seg **vs, size_t *nv, const seg *add, size_t nadd,
                   const seg *vadd, size_t nvadd, const dx_page *pg) {
  *hs = g_renew(seg, *hs, *nh + nadd + 1);
  for (size_t i = 0; i < nadd; i++) (*hs)[(*nh)++] = add[i];
  qsort(*hs, *nh, sizeof **hs, seg_cmp);
  *vs = g_renew(seg, *vs, *nv + nvadd + 1);
  for (size_t i = 0; i < nvadd; i++) (*vs)[(*nv)++] = vadd[i];
  qsort(*vs, *nv, sizeof **vs, seg_cmp);
  extend_lost_ends(*vs, *nv, *hs, *nh, pg, 0);
  components(*hs, *nh, *vs, *nv);
}

void lay_page_rules(seg **hs_out, size_t *nh_out, seg **vs_out, size_t *nv_out, dx_doc *doc,
                    const dx_page *pg) {
  size_t nr = MIN(pg->nrules, (size_t)MAX_PAGE_RULES);
  if (pg->nrules > MAX_PAGE_RULES)
    dx_doc_warn(doc, "page_too_many_lines", pg->number,
                "page %d: %zu ruling lines, only the first %d used", pg->number, pg->nrules,
                MAX_PAGE_RULES);
  seg *hs = g_new(seg, nr + 1), *vs = g_new(seg, nr + 1);
  size_t nh = 0, nv = 0;
  for (size_t i = 0; i < nr; i++) {
    const dx_rule *r = &pg->rules[i];
    if (r->y0 == r->y1)
      hs[nh++] = (seg){r->y0, MIN(r->x0, r->x1), MAX(r->x0, r->x1), 0, 0};
    else if (r->x0 == r->x1)
      vs[nv++] = (seg){r->x0, MIN(r->y0, r->y1), MAX(r->y0, r->y1), 0, 0};
  }
  if (pg->origin == DX_ORIGIN_OCR) {
    nh = drop_slanted(hs, nh, (float)pg->width);
    nv = drop_slanted(vs, nv, (float)pg->height);
  }
  nh = merge_segs(hs, nh, NULL, 0);
  nv = merge_segs(vs, nv, hs, nh);
  /* short dashed horizontals end at the verticals joined just now */
  nh = join_dash_chains(hs, nh, vs, nv);
  if (pg->origin == DX_ORIGIN_OCR) {
    nh = bridge_dropouts(hs, nh, vs, nv, true, pg);
    nv = bridge_dropouts(vs, nv, hs, nh, false, pg);
    /* each border carried over cells may close the next ones */
    bool closed = false;
    for (int pass = 0; pass < CLOSE_PASSES && close_cells(hs, nh, vs, nv, pg); pass++)
      closed = true;
    if (closed) nh = merge_segs(hs, nh, vs, nv);
    /* a lost end where the text beyond it starts at the column's edge */
    extend_lost_ends(vs, nv, hs, nh, pg, LOST_END_START_PT);
  }
  components(hs, nh, vs, nv);
  *hs_out = hs;
  *nh_out = nh;
  *vs_out = vs;
  *nv_out = nv;
}
