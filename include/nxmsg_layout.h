/*
 * nxmsg_layout.h - display width, truncation and line wrapping of the
 * catalog texts without ICU: the layout part of the device core.
 *
 * The data these functions read (per code point: columns narrow and with
 * East Asian Ambiguous wide, whether it may start a line; per catalog text:
 * where its line-break opportunities differ from a simple pair rule) was
 * computed at build time with the ICU text layer of the host library.  For
 * every text of the compiled catalogs (English and every language of
 * po/LINGUAS) the results are byte for byte those of nxmsg_width,
 * nxmsg_truncate and nxmsg_wrap_next with the same flags; the test suite
 * checks this for every text, every width 1..100 and both ambiguous
 * settings.  Other UTF-8 text is laid out by the same rules with the
 * characters the catalogs use: a character that occurs in no catalog text
 * gets the class of its nearest neighbour below in the table, and every
 * code point is one cluster (no combining sequences, no emoji sequences).
 *
 * Strings are (s, len) with len == NXMSG_STRLEN for NUL-terminated s, as in
 * the host API.  Invalid UTF-8 and controls are handled as the host does
 * without NXMSG_TEXT_SAFE_HEX (U+FFFD, TAB to the next multiple of 8, a line
 * break as one space).  No function allocates, uses global mutable state or
 * calls anything but memcpy and strlen: all are reentrant and ISR-safe.
 * Stack use per call is stated in doc/embedded.md.
 */
#ifndef NXMSG_LAYOUT_H
#define NXMSG_LAYOUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NXMSG_TEXT_AMBIGUOUS_WIDE
#define NXMSG_TEXT_AMBIGUOUS_WIDE 0x1u /* East Asian Ambiguous = 2 columns */
#endif
#ifndef NXMSG_STRLEN
#define NXMSG_STRLEN ((size_t)-1)
#endif
#ifndef NXMSG_ELLIPSIS
#define NXMSG_ELLIPSIS "\xE2\x80\xA6"
#endif

/* Display width of s in terminal columns (nxmsg_width).  flags: 0 or
 * NXMSG_TEXT_AMBIGUOUS_WIDE; other bits are ignored. */
size_t nxmsg_layout_width(const char *s, size_t len, unsigned flags);

/* s cut to at most cols columns with ellipsis appended when it is cut
 * (nxmsg_truncate): returns the length of the whole result and writes a
 * NUL-terminated prefix of whole characters into buf[0..size) like
 * snprintf (nothing when size is 0).  ellipsis may be NULL or "". */
size_t nxmsg_layout_truncate(const char *s, size_t len, size_t cols, const char *ellipsis,
                             unsigned flags, char *buf, size_t size);

/* A wrap iterator (nxmsg_wrap_next): the caller owns it (on the stack), it
 * points into s, which must not change while it is used. */
typedef struct nxmsg_layout_wrap {
    const char *s;
    size_t len, pos, cols;
    unsigned flags;
    size_t from, end, nlk; /* the hard line: s[from..end), then a line break of nlk bytes */
    const unsigned short *flip, *flips; /* opportunities of s that differ from the pair rule */
    const unsigned short *flip_end;
} nxmsg_layout_wrap;

/* Start wrapping s into lines of at most cols columns (0 counts as 1). */
void nxmsg_layout_wrap_init(nxmsg_layout_wrap *w, const char *s, size_t len, size_t cols,
                            unsigned flags);

/* The next line as the byte range s[*start .. *start + *len): returns 1, or
 * 0 when there are no more lines.  Each call takes time linear in the bytes
 * from the line start to the first character that does not fit (and the
 * first call in a paragraph, in the paragraph's length): wrapping a text
 * is linear in its length. */
int nxmsg_layout_wrap_next(nxmsg_layout_wrap *w, size_t *start, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* NXMSG_LAYOUT_H */
