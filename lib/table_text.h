/* table_text.h - the text operations the table layer needs: the one place
 * where lib/table.c meets the text layer (sanitizing, display width, line
 * wrapping, truncation).  Internal, not installed. */
#ifndef NXMSG_TABLE_TEXT_H
#define NXMSG_TABLE_TEXT_H

#include <stddef.h>

#include "nxmsg.h"

/* Shown after a truncated cell. */
#define NXMSG__TT_ELLIPSIS NXMSG_ELLIPSIS

struct tt;

/* A measuring/wrapping context (break iterators); NULL when out of memory.
 * table_flags: NXMSG_TABLE_AMBIGUOUS_WIDE, NXMSG_TABLE_EMOJI_NARROW. */
struct tt *nxmsg__tt_open(unsigned table_flags);
void nxmsg__tt_close(struct tt *tt);

/* A malloc'd, sanitized copy of s (see "Tables" in nxmsg.h): valid UTF-8,
 * no controls but LF, no trailing LF.  NULL when out of memory. */
char *nxmsg__tt_sanitize(const char *s);

/* Display width of sanitized s[0..len) (LF counts 0). */
size_t nxmsg__tt_width(struct tt *tt, const char *s, size_t len);

/* Widths of sanitized s[0..len): its widest line (natural), its widest
 * unbreakable run (soft) and its widest character (hard). */
void nxmsg__tt_measure(struct tt *tt, const char *s, size_t len, size_t *natural, size_t *soft,
                       size_t *hard);

/* The next line of s[0..len) from *pos that fits width columns (at least
 * one grapheme cluster, even when that is wider): stores where it starts in
 * *start and its width in *w, returns where its text ends (hanging spaces
 * left out), and moves *pos past it (len at the end; an empty s gives one
 * empty line). */
size_t nxmsg__tt_wrap(struct tt *tt, const char *s, size_t len, size_t *pos, size_t width,
                      size_t *start, size_t *w);

/* The first line of s[0..len) cut to width columns: returns the length of
 * the prefix to show; *ell tells whether NXMSG__TT_ELLIPSIS follows (when
 * something was cut and width leaves room for it); *w gets the width of the
 * prefix plus the ellipsis. */
size_t nxmsg__tt_truncate(struct tt *tt, const char *s, size_t len, size_t width, size_t *w,
                          int *ell);

#endif
