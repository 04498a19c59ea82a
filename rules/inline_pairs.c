/* inline_pairs.c — labels and values in one text: "LABEL：value", "LABEL
 * value" and "LABEL12万" split, and several pairs in one line or cell
 * (footers, "中央：… 省级：…"). */
#include "map_int.h"

#include <string.h>

/* Start of the number that ends folded text f ("12.5万元", "1,200元"
 * whole), or NULL when f does not end in a number with words after it. */
static const char *last_number(const char *f) {
  const char *start = NULL;
  for (const char *p = f; *p; p++)
    if (g_ascii_isdigit(*p) &&
        (p == f || !(g_ascii_isdigit(p[-1]) || p[-1] == '.' || p[-1] == ',')))
      start = p;
  return start;
}

/* Folded text f (raw's) cut at `at`: the label before it when that is a
 * known label and `fields_only` does not ask for a field's, the value
 * from `at` on (*value, raw's text) and the label's text in label_buf;
 * {0} when it is no such label. */
static label label_before(ctx *x, const char *raw, const char *f, const char *at, bool fields_only,
                          char **value, labelbuf label_buf) {
  label none = {0};
  char *lab = g_strndup(f, (gsize)(at - f));
  char *k = dx_label_key(lab);
  label l = map_classify(x, k);
  bool ok = fields_only ? l.cat == DX_CAT_FIELD : l.cat != DX_CAT_NONE && l.cat != DX_CAT_UNIT_NOTE;
  if (ok) {
    char *ml = map_label_text(x, l, lab);
    g_strlcpy(label_buf, ml, sizeof(labelbuf));
    g_free(ml);
    l.label = label_buf;
    *value = dx_text_raw(g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, at)));
  } else {
    l = none;
  }
  g_free(lab);
  g_free(k);
  return l;
}

/* "年度资金总额（含本级）12万": an amount glued to its label (a PDF line
 * whose space was too narrow to count). The text is split where its last
 * number starts when all after it is one amount (dx_amount_parse: 12万,
 * 12.5万元, 1,200元) and all before it a known label, so a number inside
 * a label (2023年度资金总额) is never where it is cut. A unit note's value
 * is a unit word, never a number. f is raw folded. */
static label split_at_amount(ctx *x, const char *raw, const char *f, char **value,
                             labelbuf label_buf) {
  label none = {0};
  const char *num = last_number(f);
  if (!num || num == f) return none;
  double v;
  int unit;
  if (!dx_amount_parse(&v, &unit, dx_rules_lexicon(x->rs), num)) return none;
  return label_before(x, raw, f, num, false, value, label_buf);
}

/* "电话0731-8888123" on a scan: OCR puts no space between a Han label
 * and the digits after it (a reader cannot see whether one was typed),
 * so a field's label is split from a value that starts with a digit
 * right after it, when all before the digit is Han and is the label. */
static label split_at_digit(ctx *x, const char *raw, const char *f, char **value,
                            labelbuf label_buf) {
  label none = {0};
  const char *num = f;
  while (*num && g_unichar_get_script(g_utf8_get_char(num)) == G_UNICODE_SCRIPT_HAN)
    num = g_utf8_next_char(num);
  if (num == f || !g_ascii_isdigit(*num)) return none;
  return label_before(x, raw, f, num, true, value, label_buf);
}

/* "填报单位（盖章）·湘阴县…" on a scan: the first mark OCR reads for a
 * colon (labels.rules' ocr_colon) in text t that stands right after a
 * field's label (all of t before it), and its length in *len; NULL when
 * there is none. Such a mark splits the label from its value as a colon
 * does. */
static const char *ocr_colon(ctx *x, const char *t, size_t *len) {
  for (const char *p = t; *p; p = g_utf8_next_char(p)) {
    const char *next = g_utf8_next_char(p);
    char one[8] = {0};
    memcpy(one, p, (size_t)(next - p));
    if (p == t || !dx_rules_match(x->rs, DX_CAT_OCR_COLON, one)) continue;
    char *lab = g_strndup(t, (gsize)(p - t));
    char *k = dx_label_key(lab);
    bool field = map_classify(x, k).cat == DX_CAT_FIELD;
    g_free(k);
    g_free(lab);
    if (field) {
      *len = (size_t)(next - p);
      return p;
    }
  }
  return NULL;
}

static label split_at_ocr_colon(ctx *x, const char *raw, const char *f, char **value,
                                labelbuf label_buf) {
  label none = {0};
  size_t len = 0;
  const char *at = ocr_colon(x, f, &len);
  if (!at) return none;
  label l = label_before(x, raw, f, at, true, value, label_buf);
  if (l.cat == DX_CAT_NONE) return none;
  g_free(*value);
  *value = dx_text_raw(g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, at + len)));
  return l;
}

/* Splits "LABEL：value", "LABEL value" or "LABEL12万" when LABEL is a
 * known label (on a scan also "LABEL0731-…": split_at_digit). Returns the label and sets *value
 * (g_free) or returns {0}. */
label map_split_inline(ctx *x, const char *raw, char **value, labelbuf label_buf) {
  label none = {0};
  *value = NULL;
  char *f = dx_text_fold(raw);
  /* a colon: the words before it are the label */
  char *colon = strchr(f, ':');
  if (colon) {
    char *lab = g_strndup(f, (gsize)(colon - f));
    char *k = dx_label_key(lab);
    label l = map_classify(x, k);
    /* "其中:财政拨款:457.5": the 其中 part introduces the next label */
    if (l.cat == DX_CAT_NONE && dx_rules_match(x->rs, DX_CAT_PART_PREFIX, k)) {
      g_free(lab);
      g_free(k);
      label inner = map_split_inline(x, colon + 1, value, label_buf);
      g_free(f);
      return inner;
    }
    if (l.cat != DX_CAT_NONE) {
      char *ml = map_label_text(x, l, lab);
      g_strlcpy(label_buf, ml, sizeof(labelbuf));
      g_free(ml);
      l.label = label_buf;
    }
    g_free(lab);
    g_free(k);
    if (l.cat != DX_CAT_NONE) {
      *value = g_strstrip(g_strdup(colon + 1));
      char *raw_value = g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, colon + 1));
      g_free(*value);
      *value = dx_text_raw(raw_value);
      g_free(f);
      return l;
    }
  }
  /* a space: the longest prefix that is a label */
  label best = none;
  size_t best_at = 0;
  for (char *p = f; *p; p++) {
    if (*p != ' ') continue;
    char *lab = g_strndup(f, (gsize)(p - f));
    char *k = dx_label_key(lab);
    label l = map_classify(x, k);
    if (l.cat != DX_CAT_NONE) {
      best = l;
      best_at = (size_t)(p - f);
      char *ml = map_label_text(x, l, lab);
      g_strlcpy(label_buf, ml, sizeof(labelbuf));
      g_free(ml);
      best.label = label_buf;
    }
    g_free(lab);
    g_free(k);
  }
  if (best.cat != DX_CAT_NONE) {
    char *rest =
        dx_text_raw(g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, f + best_at)));
    if (*rest) {
      *value = rest;
      g_free(f);
      return best;
    }
    g_free(rest);
  }
  label glued = split_at_amount(x, raw, f, value, label_buf);
  if (glued.cat == DX_CAT_NONE && x->scanned) glued = split_at_digit(x, raw, f, value, label_buf);
  if (glued.cat == DX_CAT_NONE && x->scanned)
    glued = split_at_ocr_colon(x, raw, f, value, label_buf);
  g_free(f);
  return glued;
}

/* On a scan, the start of a money unit note ("单位：万元", "金额单位：元")
 * that OCR glued to the Han text before it ("衡东县政府办单位：万元": a
 * 填报单位 line's value and the note at its right), or NULL: the longest
 * end of seg..colon that is a unit_note, after a Han character, whose
 * colon is followed by a money unit word alone; NULL when the whole of
 * seg..colon is the note (金额单位 set apart). */
static const char *glued_unit_note(ctx *x, const char *seg, const char *colon) {
  if (!x->scanned) return NULL;
  const char *after = g_utf8_next_char(colon), *end = strchr(after, ' ');
  char *unit = end ? g_strndup(after, (gsize)(end - after)) : g_strdup(after);
  char *uk = dx_label_key(unit);
  bool money = *uk && (dx_rules_match(x->rs, DX_CAT_WAN_UNIT, uk) ||
                       dx_rules_match(x->rs, DX_CAT_YUAN_UNIT, uk));
  g_free(uk);
  g_free(unit);
  if (!money) return NULL;
  char *all = g_strndup(seg, (gsize)(colon - seg)), *ak = dx_label_key(all);
  bool apart = dx_rules_match(x->rs, DX_CAT_UNIT_NOTE, ak) != NULL; /* 金额单位：万元 alone */
  g_free(ak);
  g_free(all);
  if (apart) return NULL;
  for (const char *q = g_utf8_next_char(seg); q < colon; q = g_utf8_next_char(q)) {
    gunichar before = g_utf8_get_char(g_utf8_prev_char(q));
    if (g_unichar_get_script(before) != G_UNICODE_SCRIPT_HAN) continue;
    char *lab = g_strndup(q, (gsize)(colon - q)), *k = dx_label_key(lab);
    bool is_note = dx_rules_match(x->rs, DX_CAT_UNIT_NOTE, k) != NULL;
    g_free(k);
    g_free(lab);
    if (is_note) return q;
  }
  return NULL;
}

/* Whether the text from a to b is a field's label, exactly. */
static bool field_label(ctx *x, const char *a, const char *b) {
  char *lab = g_strndup(a, (gsize)(b - a)), *k = dx_label_key(lab);
  bool field = map_classify(x, k).cat == DX_CAT_FIELD;
  g_free(k);
  g_free(lab);
  return field;
}

/* On a scan, where the second of two field labels run together before a
 * colon starts ("单位负责人签名填表人：": the first label's colon and the
 * blank after it lost), or NULL: seg..colon is no label, but a field's
 * label followed by another's. The first then has no value. */
static const char *two_labels(ctx *x, const char *seg, const char *colon) {
  for (const char *q = g_utf8_next_char(seg); q < colon; q = g_utf8_next_char(q))
    if (field_label(x, seg, q) && field_label(x, q, colon)) return q;
  return NULL;
}

/* raw with a space put between a value and the field label OCR glued to
 * it ("电话：0730-6225678填报日期：…"): before a colon, a field's label
 * that follows a digit, a letter or a mark, or the colon of a label
 * before it with no value ("填表人：联系电话：", the spaces between the
 * blanks to fill not read). */
static char *unglue_labels(ctx *x, const char *raw) {
  GString *out = g_string_new(NULL);
  const char *seg = raw;    /* the text since the last space or colon */
  bool after_colon = false; /* seg starts right after a colon */
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == ' ') {
      seg = g_utf8_next_char(p);
      after_colon = false;
    } else if (dx_text_is_colon(c)) {
      char *lab = after_colon && p > seg ? g_strndup(seg, (gsize)(p - seg)) : NULL;
      char *k = lab ? dx_label_key(lab) : NULL;
      bool whole = k && map_classify(x, k).cat == DX_CAT_FIELD;
      g_free(k);
      g_free(lab);
      if (whole) g_string_insert_c(out, (gssize)(out->len - (size_t)(p - seg)), ' ');
      const char *note = whole ? NULL : glued_unit_note(x, seg, p);
      if (note) {
        g_string_insert_c(out, (gssize)(out->len - (size_t)(p - note)), ' ');
        whole = true;
      }
      const char *two = whole || !x->scanned ? NULL : two_labels(x, seg, p);
      if (two) {
        g_string_insert_c(out, (gssize)(out->len - (size_t)(p - two)), ' ');
        whole = true;
      }
      for (const char *q = g_utf8_next_char(seg); q < p && !whole; q = g_utf8_next_char(q)) {
        gunichar before = g_utf8_get_char(g_utf8_prev_char(q));
        if (g_unichar_get_script(before) == G_UNICODE_SCRIPT_HAN) continue;
        char *lab = g_strndup(q, (gsize)(p - q)), *k = dx_label_key(lab);
        label l = map_classify(x, k);
        g_free(k);
        g_free(lab);
        if (l.cat == DX_CAT_FIELD) {
          /* out holds raw up to p: the label is its end */
          size_t at = out->len - (size_t)(p - q);
          g_string_insert_c(out, (gssize)at, ' ');
          break;
        }
      }
      seg = g_utf8_next_char(p);
      after_colon = true;
    }
    g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

/* Several "LABEL：value" pairs in one text (footers, "中央：\n省级："). */
int map_pairs_in_text(ctx *x, const char *raw_in, const where *w, bool dry) {
  char *raw = unglue_labels(x, raw_in);
  char **tok = g_strsplit(raw, " ", -1); /* raw is collapsed: single spaces */
  g_free(raw);
  int npairs = 0;
  label cur = {0};
  char curlab[256] = "", curlab_next[256] = "";
  GString *val = g_string_new(NULL);
  for (int i = 0;; i++) {
    const char *t = tok[i];
    label nl = {0};
    char *rest = NULL;
    if (t && *t) {
      size_t clen = 0;
      const char *colon = dx_text_colon(t, false, &clen);
      if (!colon && x->scanned) colon = ocr_colon(x, t, &clen);
      if (colon) {
        char *lab = g_strndup(t, (gsize)(colon - t));
        char *k = dx_label_key(lab);
        nl = map_classify(x, k);
        if (nl.cat != DX_CAT_NONE) rest = g_strdup(colon + clen);
        g_free(k);
        k = map_money_label(x, lab);
        g_strlcpy(curlab_next, k, sizeof curlab_next);
        nl.label = curlab_next;
        g_free(lab);
        g_free(k);
      } else {
        char *k = dx_label_key(t);
        nl = map_classify(x, k);
        /* a bare word is a label only where it cannot be a value */
        if (nl.cat != DX_CAT_NONE && nl.cat != DX_CAT_FIELD) nl.cat = DX_CAT_NONE;
        if (nl.cat != DX_CAT_NONE) rest = g_strdup("");
        g_free(k);
        k = map_money_label(x, t);
        g_strlcpy(curlab_next, k, sizeof curlab_next);
        nl.label = curlab_next;
        g_free(k);
      }
    }
    if (!t || nl.cat != DX_CAT_NONE) {
      if (cur.cat != DX_CAT_NONE) {
        npairs++;
        if (!dry) {
          char *v = dx_text_collapse(val->str);
          map_assign(x, cur, v, w, COL_CURRENT);
          g_free(v);
        }
      }
      if (!t) break;
      cur = nl;
      g_strlcpy(curlab, curlab_next, sizeof curlab);
      cur.label = curlab;
      g_string_assign(val, rest);
    } else if (t && *t && cur.cat != DX_CAT_NONE) {
      if (val->len) g_string_append_c(val, ' ');
      g_string_append(val, t);
    }
    g_free(rest);
  }
  g_string_free(val, TRUE);
  g_strfreev(tok);
  return npairs;
}
