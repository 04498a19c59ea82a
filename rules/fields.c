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

static json_t *checkbox_options(ctx *x, const char *raw, int *nchecked, int *noptions) {
  /* "新增项目 ☐ 延续项目 ☑": a glyph follows its option, unless the text
   * starts with a glyph, in which case each glyph precedes its option. */
  json_t *checked = json_array();
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
          json_array_append_new(checked, json_string(opt));
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

/* project_attribute: the rule of the one option ticked, or of the text
 * when it has no boxes. *ambiguous is set when no option or several are
 * ticked, or the words name no option. */
static json_t *attribute_value(ctx *x, const char *raw, bool *ambiguous) {
  int nc, no;
  json_t *opts = checkbox_options(x, raw, &nc, &no);
  const char *attr = NULL;
  if (no == 0) {
    char *k = dx_label_key(raw);
    attr = dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k);
    g_free(k);
  } else if (nc == 1) {
    char *k = dx_label_key(json_string_value(json_array_get(opts, 0)));
    attr = dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k);
    g_free(k);
  } else {
    *ambiguous = true;
  }
  json_decref(opts);
  *ambiguous = *ambiguous || !attr; /* options without a tick, or words no option names */
  return attr ? json_string(attr) : json_null();
}

/* project_type: the options ticked, joined by ；(the text as it is when it
 * has no boxes; null, and *ambiguous set, when none is ticked). */
static json_t *type_value(ctx *x, const char *raw, bool *ambiguous) {
  int nc, no;
  json_t *value;
  json_t *opts = checkbox_options(x, raw, &nc, &no);
  if (no == 0) {
    value = json_string(raw);
  } else if (nc == 0) {
    value = json_null();
    *ambiguous = true;
  } else {
    GString *s = g_string_new(NULL);
    size_t i;
    json_t *o;
    json_array_foreach(opts, i, o) {
      if (i) g_string_append(s, "；");
      g_string_append(s, json_string_value(o));
    }
    value = json_string(s->str);
    g_string_free(s, TRUE);
  }
  json_decref(opts);
  return value;
}

/* contact_phone: the first run of five or more digits and dashes, or
 * NULL. */
static json_t *phone_value(const char *raw) {
  json_t *value = NULL;
  GString *s = g_string_new(NULL);
  for (const char *p = raw; *p; p++) {
    if (g_ascii_isdigit(*p) || (*p == '-' && s->len))
      g_string_append_c(s, *p);
    else if (s->len >= 5)
      break;
    else
      g_string_truncate(s, 0);
  }
  if (s->len >= 5) value = json_string(s->str);
  g_string_free(s, TRUE);
  return value;
}

/* FIELD for one of the contract's fields, from the cell text `raw`. */
json_t *map_make_field(ctx *x, int fi, const char *raw, const where *w) {
  const char *key = FIELD_KEYS[fi];
  /* boxes OCR read as characters, repaired from what the field expects */
  if (w->ocr && (strcmp(key, "project_attribute") == 0 || strcmp(key, "project_type") == 0)) {
    char *boxed = boxes_from_lookalikes(x, raw);
    if (boxed) {
      json_t *f = map_make_field(x, fi, boxed, &(where){0});
      g_free(boxed);
      json_t *g = json_object_get(f, "value");
      json_t *r =
          map_field_new(json_incref(g), json_string_value(json_object_get(f, "raw")),
                        json_real_value(json_object_get(f, "confidence")) * CONF_REPAIRED, w);
      const json_t *flags = json_object_get(f, "flags");
      for (size_t i = 0; i < json_array_size(flags); i++)
        map_field_flag(r, json_string_value(json_array_get(flags, i)));
      json_decref(f);
      return r;
    }
  }
  if (!*raw) {
    json_t *f = map_field_new(json_null(), "", CONF_EMPTY, w);
    map_field_flag(f, "empty");
    return f;
  }
  json_t *value = NULL;
  double conf = CONF_EXACT;
  bool ambiguous = false;
  if (strcmp(key, "project_attribute") == 0) {
    value = attribute_value(x, raw, &ambiguous);
  } else if (strcmp(key, "project_type") == 0) {
    value = type_value(x, raw, &ambiguous);
  } else if (strcmp(key, "period") == 0) {
    char a[11], b[11];
    if (dx_period_parse(a, b, dx_rules_lexicon(x->rs), raw, true)) {
      value = json_object();
      json_object_set_new(value, "start", map_jstr_or_null(a));
      json_object_set_new(value, "end", map_jstr_or_null(b));
    }
  } else if (strcmp(key, "filled_date") == 0) {
    char a[11], b[11];
    if (dx_period_parse(a, b, dx_rules_lexicon(x->rs), raw, false) == 1) value = json_string(a);
  } else if (strcmp(key, "contact_phone") == 0) {
    value = phone_value(raw);
  } else if (strcmp(key, "staff_quota") == 0 || strcmp(key, "staff_actual") == 0) {
    char *k = dx_label_key(raw);
    char *end;
    long n = strtol(k, &end, 10);
    if (end != k && (*end == '\0' || dx_rules_match(x->rs, DX_CAT_COUNT_UNIT, end)))
      value = json_integer(n);
    g_free(k);
  } else if (strcmp(key, "filing_unit") == 0) {
    char *s = dx_rules_strip(x->rs, DX_CAT_SEAL_NOTE, raw, true);
    char *t = dx_text_collapse(s);
    value = map_jstr_or_null(t);
    g_free(s);
    g_free(t);
    if (json_is_null(value)) {
      json_decref(value);
      json_t *f = map_field_new(json_null(), raw, CONF_EMPTY, w);
      map_field_flag(f, "empty");
      return f;
    }
  } else {
    value = json_string(raw);
  }
  if (!value) {
    json_t *f = map_field_new(json_null(), raw, CONF_UNPARSED, w);
    map_field_flag(f, "value_unparsed");
    return f;
  }
  json_t *f = map_field_new(value, raw, conf, w);
  if (ambiguous) {
    map_field_flag(f, "checkbox_ambiguous");
    map_field_conf(f, CONF_AMBIGUOUS);
  }
  return f;
}
