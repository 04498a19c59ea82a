/* apply.h — a reviewer's corrections applied to declx's JSON records
 * (`declx apply`; schema/corrections-v1.schema.json, README "Review and
 * corrections").
 *
 * A correction names a document (sha256), a declaration (its index) and
 * a value inside it (an RFC 6901 JSON pointer), with the value it had
 * when reviewed (old) and the value it is to have (new). It is applied
 * only while the old value is still there; a value that already is the
 * new one is left alone, so applying a file twice changes nothing. The
 * value's holder (the FIELD, indicator or list entry) gets confidence 1
 * and the flag `reviewed`.
 */
#ifndef DX_APPLY_H
#define DX_APPLY_H

#include <glib.h>
#include <jansson.h>

#include "dx_rules.h"

typedef struct dx_apply dx_apply;

/* The corrections of a corrections file's array (borrowed: keep it alive
 * while the set is used). A malformed entry is skipped with a line in
 * conflicts (g_free'd strings). NULL when arr is not an array. */
dx_apply *dx_apply_new(json_t *arr, GPtrArray *conflicts);
void dx_apply_free(dx_apply *a);

/* Applies to one record (a line of JSON Lines, parsed) every correction
 * of its sha256. New texts are parsed as extraction parses them (lx:
 * indicator values, amounts, periods). Each correction that cannot be
 * applied adds a line to conflicts. Returns the number of corrections
 * that changed the record. */
int dx_apply_record(dx_apply *a, json_t *record, const dx_lexicon *lx, GPtrArray *conflicts);

/* How a string new value at ptr inside decl is parsed: "indicator"
 * (the value parser), "amount" (into 万元), "period", "integer" or
 * "any" (taken as it is); NULL when ptr leads to no value. The review
 * page previews an edit by it (tools/declx/review/parse.js). */
const char *dx_apply_kind(json_t *decl, const char *ptr);

/* Adds a line to conflicts for each correction whose document no record
 * had. Call after the last record. */
void dx_apply_finish(dx_apply *a, GPtrArray *conflicts);

/* `declx apply [-o OUT] [-r DIR] [-q] CORRECTIONS.json [INPUT.jsonl]`
 * (apply_cmd.c): argv[1] is "apply". Exit 0 when every correction was
 * applied or had been, 1 when some could not be (each named on stderr),
 * 2 on a usage error, 3 when the rules could not be loaded. */
int dx_apply_main(int argc, char **argv);

#endif
