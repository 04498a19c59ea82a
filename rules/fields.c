/* fields.c — the contract's fields: a cell's text parsed into the value of
 * the field its label names (checkbox options, periods and dates, phone
 * numbers, staff counts, the filing unit); checkboxes OCR read as
 * characters repaired. */
#include "map_int.h"

#include <string.h>

int map_field_index(const char *key) {
  for (int i = 0; i < NFIELDS; i++)
    if (strcmp(FIELD_KEYS[i], key) == 0) return i;
  return -1;
}

/* "其 其他专项类": a lone character repeated as the first of the next
 * word is a typing stutter (the form's own debris); drops it in place. */
static void drop_stutter(char *s) {
  const char *second = g_utf8_next_char(s);
  if (*s && *second == ' ' && strncmp(s, second + 1, (size_t)(second - s)) == 0 &&
      g_unichar_get_script(g_utf8_get_char(s)) == G_UNICODE_SCRIPT_HAN)
    memmove(s, second + 1, strlen(second + 1) + 1);
}

/* The options of a checkbox field, ticked ones in *checked (g_free'd
 * strings, in order). */
static GPtrArray *checkbox_options(ctx *x, const char *raw, int *nchecked, int *noptions) {
  /* "新增项目 ☐ 延续项目 ☑": a glyph follows its option, unless the text
   * starts with a glyph, in which case each glyph precedes its option. */
  GPtrArray *checked = g_ptr_array_new_with_free_func(g_free);
  *nchecked = *noptions = 0;
  const char *p = raw;
  while (*p == ' ') p++;
  bool before = g_str_has_prefix(p, DX_CHECK_ON) || g_str_has_prefix(p, DX_CHECK_OFF);
  GString *label = g_string_new(NULL);
  int pending = -1; /* glyph-before mode: state of the option being read */
  for (const char *q = p;; q = g_utf8_next_char(q)) {
    bool on = g_str_has_prefix(q, DX_CHECK_ON), off = g_str_has_prefix(q, DX_CHECK_OFF);
    if (on || off || !*q) {
      int state = before ? pending : (on ? 1 : (off ? 0 : -1));
      char *t = g_strstrip(g_strdup(label->str));
      char *s1 = dx_rules_strip(x->rs, DX_CAT_NUMBERING, t, false);
      char *key = dx_label_key(s1);
      /* "其中：新建": the words before a colon only introduce the option */
      size_t clen = 0;
      const char *colon = dx_text_colon(s1, true, &clen);
      char *opt = g_strstrip(g_strdup(colon ? colon + clen : s1));
      drop_stutter(opt);
      if (state >= 0 && *opt) {
        (*noptions)++;
        if (state == 1) {
          (*nchecked)++;
          g_ptr_array_add(checked, g_strdup(opt));
        }
      }
      g_free(key);
      g_free(opt);
      g_free(s1);
      g_free(t);
      g_string_truncate(label, 0);
      if (!*q) break;
      pending = on ? 1 : 0;
      q += strlen(DX_CHECK_ON) - 1; /* both glyphs are 3 bytes */
      continue;
    }
    g_string_append_unichar(label, g_utf8_get_char(q));
  }
  g_string_free(label, TRUE);
  return checked;
}

/* A scanned checkbox field in which OCR read characters that look like
 * boxes (□ as 口, ☑ as 日 or 回: labels.rules' ocr_box_off and
 * ocr_box_on) where an option's words begin or end (beside a space or an
 * end of the text), or anywhere between words when the field has boxes
 * OCR did read ("新增项目口延续项目 ☑"): the boxes, with a space on each
 * side, as OCR'd boxes have. NULL when there is nothing to repair. */
static char *boxes_from_lookalikes(ctx *x, const char *raw) {
  bool boxed = strstr(raw, DX_CHECK_ON) || strstr(raw, DX_CHECK_OFF);
  GString *out = g_string_new(NULL);
  int repaired = 0;
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    const char *next = g_utf8_next_char(p);
    char one[8] = {0};
    memcpy(one, p, (size_t)(next - p));
    const char *box = NULL;
    bool edge = p == raw || p[-1] == ' ' || *next == '\0' || *next == ' ';
    if (edge || boxed) {
      if (dx_rules_match(x->rs, DX_CAT_OCR_BOX_ON, one))
        box = DX_CHECK_ON;
      else if (dx_rules_match(x->rs, DX_CAT_OCR_BOX_OFF, one))
        box = DX_CHECK_OFF;
    }
    if (!box) {
      g_string_append(out, one);
      continue;
    }
    if (out->len && out->str[out->len - 1] != ' ') g_string_append_c(out, ' ');
    g_string_append(out, box);
    if (*next && *next != ' ') g_string_append_c(out, ' ');
    repaired++;
  }
  if (!repaired) {
    g_string_free(out, TRUE);
    return NULL;
  }
  return g_string_free(out, FALSE);
}

/* On a scan, the option after a single-choice field's last box when
 * that box and all others read empty and the option has none
 * ("新增项目 ☐ 延续项目": its ticked box lost, a fax's); NULL when the
 * words there name no option. Only evidence: the field stays
 * checkbox_ambiguous, its confidence low. */
static const char *unboxed_last_option(ctx *x, const char *raw) {
  const char *last = NULL;
  for (const char *p = strstr(raw, DX_CHECK_OFF); p; p = strstr(p + 1, DX_CHECK_OFF)) last = p;
  if (!last) return NULL;
  char *k = dx_label_key(last + strlen(DX_CHECK_OFF));
  const char *attr =
      *k ? map_rule_or_near(x, DX_CAT_ATTRIBUTE, k, dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k))
         : NULL;
  g_free(k);
  return attr;
}

/* project_attribute: the rule of the one option ticked, or of the text
 * when it has no boxes. *ambiguous is set when no option or several are
 * ticked, or the words name no option. */
static fval attribute_value(ctx *x, const char *raw, bool *ambiguous, bool *repaired) {
  int nc, no;
  GPtrArray *opts = checkbox_options(x, raw, &nc, &no);
  const char *attr = NULL;
  /* on a scan, words one character off an option's (延续性项计) */
  if (no == 0) {
    char *k = dx_label_key(raw);
    attr = map_rule_or_near(x, DX_CAT_ATTRIBUTE, k, dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k));
    g_free(k);
  } else if (nc == 1) {
    const char *opt = g_ptr_array_index(opts, 0);
    char *k = dx_label_key(opt);
    attr = map_rule_or_near(x, DX_CAT_ATTRIBUTE, k, dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k));
    g_free(k);
    /* on a scan, the box before it read as a character ("新增项目己
     * 延续项目 ☑"): the ticked option's words are those after the space */
    const char *last = strrchr(opt, ' ');
    if (!attr && x->scanned && last && last[1]) {
      k = dx_label_key(last + 1);
      attr = dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k);
      *repaired = attr != NULL;
      g_free(k);
    }
  } else {
    *ambiguous = true;
    if (nc == 0 && x->scanned) attr = unboxed_last_option(x, raw);
  }
  g_ptr_array_free(opts, TRUE);
  *ambiguous = *ambiguous || !attr; /* options without a tick, or words no option names */
  return attr ? map_fv_string(x, attr) : FV_NULL;
}

/* project_type: the options ticked, joined by ；(the text as it is when it
 * has no boxes; null, and *ambiguous set, when none is ticked). */
static fval type_value(ctx *x, const char *raw, bool *ambiguous, bool *repaired) {
  int nc, no;
  fval value;
  GPtrArray *opts = checkbox_options(x, raw, &nc, &no);
  if (no == 0) {
    value = map_fv_string(x, raw);
  } else if (nc == 0) {
    value = FV_NULL;
    *ambiguous = true;
  } else {
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < opts->len; i++) {
      if (i) g_string_append(s, "；");
      const char *opt = g_ptr_array_index(opts, i);
      /* on a scan, the box before a numbered option read as a character
       * or lost ("修缮类门奖励类 3.其他专项类 ☑"): the ticked option is
       * the one its number starts */
      const char *last = x->scanned ? strrchr(opt, ' ') : NULL;
      char *tail = last ? dx_rules_strip(x->rs, DX_CAT_NUMBERING, last + 1, false) : NULL;
      bool numbered = tail && *tail && strcmp(tail, last + 1) != 0;
      g_string_append(s, numbered ? tail : opt);
      *repaired = *repaired || numbered;
      g_free(tail);
    }
    value = map_fv_string(x, s->str);
    g_string_free(s, TRUE);
  }
  g_ptr_array_free(opts, TRUE);
  return value;
}

/* contact_phone: the first run of five or more digits and dashes;
 * false when there is none. */
static bool phone_value(ctx *x, const char *raw, fval *value) {
  bool ok = false;
  GString *s = g_string_new(NULL);
  for (const char *p = raw; *p; p++) {
    if (g_ascii_isdigit(*p) || (*p == '-' && s->len))
      g_string_append_c(s, *p);
    else if (s->len >= 5)
      break;
    else
      g_string_truncate(s, 0);
  }
  if (s->len >= 5) {
    *value = map_fv_string(x, s->str);
    ok = true;
  }
  g_string_free(s, TRUE);
  return ok;
}

/* A FIELD that says its label's cell is empty. */
static dx_field *empty_field(ctx *x, const char *raw, const where *w) {
  dx_field *f = map_field_new(x, FV_NULL, raw, CONF_EMPTY, w);
  map_field_flag(x, f, "empty");
  return f;
}

/* The value of field `key` in the cell text raw (not empty); false when
 * it does not parse. *ambiguous: a checkbox with no tick or several. */
static bool field_value(ctx *x, const char *key, const char *raw, fval *value, bool *ambiguous,
                        bool *repaired) {
  if (strcmp(key, "project_attribute") == 0) {
    *value = attribute_value(x, raw, ambiguous, repaired);
  } else if (strcmp(key, "project_type") == 0) {
    *value = type_value(x, raw, ambiguous, repaired);
  } else if (strcmp(key, "period") == 0) {
    char a[11], b[11];
    if (!dx_period_parse(a, b, dx_rules_lexicon(x->rs), raw, true)) return false;
    map_year_repair(x, a);
    map_year_repair(x, b);
    *value = (fval){.kind = DX_FV_PERIOD, .start = map_str(x, a), .end = map_str(x, b)};
  } else if (strcmp(key, "filled_date") == 0) {
    char a[11], b[11];
    if (dx_period_parse(a, b, dx_rules_lexicon(x->rs), raw, false) != 1) return false;
    *value = map_fv_string(x, a);
  } else if (strcmp(key, "contact_phone") == 0) {
    return phone_value(x, raw, value);
  } else if (strcmp(key, "staff_quota") == 0 || strcmp(key, "staff_actual") == 0) {
    char *k = dx_label_key(raw);
    char *end;
    long n = strtol(k, &end, 10);
    bool ok = end != k && (*end == '\0' || dx_rules_match(x->rs, DX_CAT_COUNT_UNIT, end));
    g_free(k);
    if (!ok) return false;
    *value = (fval){.kind = DX_FV_INT, .i = n};
  } else {
    *value = map_fv_string(x, raw);
  }
  return true;
}

/* On a scan, a text field whose whole value OCR read as what a fax
 * leaves of a common one-word value (ocr_whole: 元 for 无): that word,
 * its confidence lowered as a repair's; NULL when raw is no such
 * misreading. */
static dx_field *whole_misread(ctx *x, const char *key, const char *raw, const where *w) {
  char *k = dx_label_key(raw);
  const char *word = *k ? dx_rules_match(x->rs, DX_CAT_OCR_WHOLE, k) : NULL;
  g_free(k);
  fval v;
  bool ambiguous = false, repaired = false;
  if (!word || !field_value(x, key, word, &v, &ambiguous, &repaired) || v.kind != DX_FV_STRING)
    return NULL;
  return map_field_new(x, v, word, CONF_REPAIRED, w);
}

/* FIELD for one of the contract's fields, from the cell text `raw`. */
dx_field *map_make_field(ctx *x, int fi, const char *raw, const where *w) {
  const char *key = FIELD_KEYS[fi];
  /* boxes OCR read as characters, repaired from what the field expects */
  if (w->ocr && (strcmp(key, "project_attribute") == 0 || strcmp(key, "project_type") == 0)) {
    char *boxed = boxes_from_lookalikes(x, raw);
    if (boxed) {
      dx_field *f = map_make_field(x, fi, boxed, &(where){0});
      g_free(boxed);
      fval v = {
          .kind = f->kind, .s = f->s, .i = f->i, .num = f->num, .start = f->start, .end = f->end};
      dx_field *r = map_field_new(x, v, f->raw, f->confidence * CONF_REPAIRED, w);
      for (int i = 0; i < f->flags.n; i++) map_field_flag(x, r, f->flags.v[i]);
      return r;
    }
  }
  if (!*raw) return empty_field(x, "", w);
  if (w->ocr) {
    dx_field *f = whole_misread(x, key, raw, w);
    if (f) return f;
  }
  if (strcmp(key, "filing_unit") == 0) {
    char *s = dx_rules_strip(x->rs, DX_CAT_SEAL_NOTE, raw, true);
    char *t = dx_text_collapse(s);
    fval value = map_fv_str_or_null(x, t);
    g_free(s);
    g_free(t);
    if (value.kind == DX_FV_NULL) return empty_field(x, raw, w);
    return map_field_new(x, value, raw, CONF_EXACT, w);
  }
  fval value;
  bool ambiguous = false, repaired = false;
  if (!field_value(x, key, raw, &value, &ambiguous, &repaired)) {
    dx_field *f = map_field_new(x, FV_NULL, raw, CONF_UNPARSED, w);
    map_field_flag(x, f, "value_unparsed");
    return f;
  }
  /* an option read past a box OCR misread: not as sure as one read */
  dx_field *f = map_field_new(x, value, raw, repaired ? CONF_REPAIRED : CONF_EXACT, w);
  if (ambiguous) {
    map_field_flag(x, f, "checkbox_ambiguous");
    dx_field_conf(f, CONF_AMBIGUOUS);
  }
  return f;
}
