/* text.h - what the text layer (lib/text.c) offers the layers above it
 * besides the public API: boundary cursors (the text layer owns every ICU
 * iterator and its rules) and the widest cluster of a line.  Internal. */
#ifndef NXMSG_TEXT_H
#define NXMSG_TEXT_H

#include <stddef.h>

/* A cursor over the boundaries of one kind (NXMSG_BREAK_GRAPHEME or
 * NXMSG_BREAK_LINE, the rules of nxmsg_break_next), walked in order: each
 * step costs what the boundary costs, where nxmsg_break_next starts again
 * at every call.  One cursor serves one thread at a time. */
typedef struct nxmsg__cursor nxmsg__cursor;

/* A new cursor, or NULL when out of memory. */
nxmsg__cursor *nxmsg__cursor_new(int kind);

/* Start walking s[0..n) (s must stay valid while the cursor walks it). */
void nxmsg__cursor_set(nxmsg__cursor *c, const char *s, size_t n);

/* The next boundary (the first one after 0 after nxmsg__cursor_set), or n
 * at the end. */
size_t nxmsg__cursor_next(nxmsg__cursor *c);

/* Free c; NULL is allowed. */
void nxmsg__cursor_free(nxmsg__cursor *c);

/* The width of the widest grapheme cluster of the one-line text s[0..n)
 * (as nxmsg_width measures it with flags; TAB stops from column 0). */
size_t nxmsg__widest_cluster(const char *s, size_t n, unsigned flags);

#endif
