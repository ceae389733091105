/* msgcheck.h - the one rule set for catalog texts (not installed).
 *
 * The library's .mo loader (lib/l10n.c) keeps the English text of every
 * message whose translation fails this check, and tools/nxmsg-check-po
 * reports the same failure as an error at the message's file:line, so the
 * two cannot disagree.  No ICU: the NFC test uses a table generated at build
 * time (lib/gen-nfcqc.c).  The rules are listed in TRANSLATING.md. */
#ifndef NXMSG_MSGCHECK_H
#define NXMSG_MSGCHECK_H

#include <stddef.h>

/* Longest translation accepted, in bytes. */
#define NXMSG__TEXT_MAX 1024

/* What is wrong with a text (0: nothing). */
enum nxmsg__text_fault {
    NXMSG__TEXT_OK = 0,
    NXMSG__TEXT_TOO_LONG,     /* more than NXMSG__TEXT_MAX bytes */
    NXMSG__TEXT_BAD_UTF8,     /* not well-formed UTF-8 */
    NXMSG__TEXT_CONTROL,      /* C0 (NUL, tab, newline...), DEL or C1 control */
    NXMSG__TEXT_BIDI,         /* bidi embedding/override/isolate U+202A-U+202E, U+2066-U+2069 */
    NXMSG__TEXT_LINE_SEP,     /* U+2028 or U+2029 */
    NXMSG__TEXT_BOM,          /* U+FEFF */
    NXMSG__TEXT_NOT_NFC,      /* not in Unicode Normalization Form C */
    NXMSG__TEXT_MAYBE_NFC,    /* a combining character that composes with some characters */
    NXMSG__TEXT_TEMPLATE      /* a template without exactly one %s and no other % */
};

/* Check the translation s[0..len) (NULs inside count as controls).
 * is_template: the text is an unknown-code template (an NXMSG_TEXT message),
 * which must contain exactly one "%s" and no other '%'.  Returns the first
 * fault found; *at (if not NULL) gets its byte offset. */
enum nxmsg__text_fault nxmsg__check_text(const char *s, size_t len, int is_template, size_t *at);

/* A short English explanation of a fault, for diagnostics. */
const char *nxmsg__text_fault_reason(enum nxmsg__text_fault fault);

#endif
