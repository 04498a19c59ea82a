/* declx.h — declx as a library: a performance-target declaration form
 * (DOCX, PDF, scanned PDF) in, its canonical JSON (contract v1,
 * schema/declaration-v1.schema.json) out. The one header a program that
 * uses declx needs; it needs neither GLib's headers nor jansson's. The
 * stages' own headers (dx_extract.h, dx_normalize.h, dx_rules.h) show the
 * document model and the rules to code that works inside them.
 *
 *   dx_limits lim;
 *   dx_limits_default(&lim);
 *   dx_error err;
 *   dx_ruleset *rs = dx_rules_load(NULL, &err);  (once, for every file)
 *   dx_doc *doc = NULL;
 *   if (rs && dx_read_path(&doc, "form.pdf", &lim, &err) == DX_OK)
 *     dx_doc_write_json(stdout, rs, doc, true, &err);
 *   else
 *     fprintf(stderr, "%s\n", err.message);
 *   dx_doc_free(doc);
 *   dx_rules_free(rs);
 *
 * Errors are dx_code values with a message in dx_error (dx_common.h).
 * The library leaves the process as it found it: it does not redirect
 * stdio, set signal handlers or trim the heap. While it reads a PDF it
 * counts what poppler logs through GLib (domain "Poppler") into the
 * document's warnings instead of printing it, and removes that handler
 * before it returns. Some of poppler's font code prints to stderr
 * directly; a caller that wants those lines hidden points stderr
 * elsewhere around the read, as declx does (tools/declx/proc.c).
 */
#ifndef DX_DECLX_H
#define DX_DECLX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dx_common.h"

/* The declaration JSON's contract version (as dx_rules.h has it). */
#define DX_SCHEMA_VERSION "1"

/* ---- rules ------------------------------------------------------------ */

/* The compiled rule files (labels, values); loaded once, used for every
 * document, freed with dx_rules_free. */
typedef struct dx_ruleset dx_ruleset;

/* Loads the rules built into the library, or, when dir is not NULL,
 * labels.rules and values.rules from dir. NULL with err set on a missing
 * file or a bad pattern (the message names the file and line). (Declared
 * in dx_rules.h too.) */
dx_ruleset *dx_rules_load(const char *dir, dx_error *err);
void dx_rules_free(dx_ruleset *rs);

/* Gives lim the words of rs that the layout of PDF, OFD and scanned
 * pages needs (a 续表 line joins a table to the next page's; a line that
 * starts with an item's number starts a paragraph). Read with a lim
 * without them, a page is laid out by geometry alone. rs must outlive
 * the reads with lim. */
void dx_rules_layout_words(dx_ruleset *rs, dx_limits *lim);

/* ---- reading ---------------------------------------------------------- */

/* Reads the file at path ("-": standard input) into a document: the
 * format is sniffed from its first bytes (DOCX, PDF; a PDF's pages
 * without text are read by OCR). On DX_OK *out is the document (free it
 * with dx_doc_free), named path; otherwise *out is NULL and err says
 * why: DX_EIO (unreadable), DX_EFORMAT (not a form file or damaged),
 * DX_EUNSUPPORTED (a format declx does not read, an encrypted PDF),
 * DX_ELIMIT (a safety limit in lim), DX_ENOMEM. */
dx_code dx_read_path(dx_doc **out, const char *path, const dx_limits *lim, dx_error *err);

/* The same from len bytes at data (borrowed for the call), the document
 * named file. (Declared in dx_normalize.h too.) */
dx_code dx_read_bytes(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err);

/* The warnings reading doc gave (a damaged PDF repaired, a page read by
 * OCR, a limit that cut something short): how many, and the message of
 * the i-th, borrowed from doc (NULL when i is past the last). */
size_t dx_doc_warning_count(const dx_doc *doc);
const char *dx_doc_warning(const dx_doc *doc, size_t i);

/* ---- the declaration JSON --------------------------------------------- */

/* The rules run over doc: the contract's JSON object as text, without a
 * trailing newline; pretty: indented by two spaces, else one line. Free
 * it with dx_free. */
char *dx_doc_json_text(dx_ruleset *rs, const dx_doc *doc, bool pretty);

/* The same written to out, with a newline, and flushed. DX_EIO with err
 * set when the write fails. */
dx_code dx_doc_write_json(FILE *out, dx_ruleset *rs, const dx_doc *doc, bool pretty, dx_error *err);

/* Frees a string the library returned (NULL accepted). */
void dx_free(void *p);

#endif
