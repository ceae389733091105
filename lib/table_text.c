/* table_text.c - the text operations of the table layer, built on the text
 * layer's nxmsg_nfc, nxmsg_sanitize and nxmsg_width, and ICU break iterators with the
 * text layer's rules (ja@lb=strict lines, grapheme clusters) walked in order
 * (nxmsg_break_next restarts at each call).  See table_text.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "internal.h"
#include "table_text.h"

struct tt {
    unsigned flags; /* NXMSG_TEXT_* */
    /* line-break opportunities, walked in order (nxmsg_break_next would
     * restart the iterator at every call): the text layer's rules */
    UBreakIterator *line, *chr;
    UText *ut;
};

struct tt *nxmsg__tt_open(unsigned table_flags)
{
    UErrorCode st = U_ZERO_ERROR;
    struct tt *tt = calloc(1, sizeof *tt);

    if (!tt)
        return NULL;
    tt->flags = (table_flags & NXMSG_TABLE_AMBIGUOUS_WIDE ? NXMSG_TEXT_AMBIGUOUS_WIDE : 0) |
                (table_flags & NXMSG_TABLE_EMOJI_NARROW ? NXMSG_TEXT_EMOJI_NARROW : 0);
    tt->line = ubrk_open(UBRK_LINE, "ja@lb=strict", NULL, 0, &st);
    tt->chr = ubrk_open(UBRK_CHARACTER, "ja", NULL, 0, &st);
    tt->ut = utext_openUTF8(NULL, "", 0, &st);
    if (U_FAILURE(st)) {
        nxmsg__tt_close(tt);
        return NULL;
    }
    return tt;
}

void nxmsg__tt_close(struct tt *tt)
{
    if (!tt)
        return;
    if (tt->line)
        ubrk_close(tt->line);
    if (tt->chr)
        ubrk_close(tt->chr);
    if (tt->ut)
        utext_close(tt->ut);
    free(tt);
}

/* Start walking the boundaries of s[0..n): line-break opportunities or
 * grapheme clusters. */
static void walk_start(struct tt *tt, UBreakIterator *bi, const char *s, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    tt->ut = utext_openUTF8(tt->ut, s, (int64_t)n, &st);
    ubrk_setUText(bi, tt->ut, &st);
}

/* The next boundary, or n. */
static size_t walk_next(UBreakIterator *bi, size_t n)
{
    int32_t b = ubrk_next(bi);
    return b == UBRK_DONE || b <= 0 || (size_t)b > n ? n : (size_t)b;
}

char *nxmsg__tt_sanitize(const char *s)
{
    size_t n = nxmsg_nfc(s, NXMSG_STRLEN, NULL, 0), m;
    char *nfc = malloc(n + 1), *out;

    if (!nfc)
        return NULL;
    nxmsg_nfc(s, NXMSG_STRLEN, nfc, n + 1);
    m = nxmsg_sanitize(nfc, n, 0, NULL, 0);
    out = malloc(m + 1);
    if (out) {
        nxmsg_sanitize(nfc, n, 0, out, m + 1);
        while (m > 0 && out[m - 1] == '\n')
            out[--m] = '\0';
    }
    free(nfc);
    return out;
}

size_t nxmsg__tt_width(struct tt *tt, const char *s, size_t len)
{
    return len ? nxmsg_width(s, len, tt->flags) : 0;
}

static size_t trim_end(const char *s, size_t a, size_t b)
{
    while (b > a && s[b - 1] == ' ')
        b--;
    return b;
}

/* Raise *widest to the width of the widest segment of s[0..n) between the
 * boundaries of it (trailing blanks left out when trim is set). */
static void widest_segment(struct tt *tt, UBreakIterator *it, const char *s, size_t n, int trim,
                           size_t *widest)
{
    walk_start(tt, it, s, n);
    for (size_t p = 0, q; p < n; p = q) {
        size_t w;
        q = walk_next(it, n);
        w = nxmsg__tt_width(tt, s + p, (trim ? trim_end(s, p, q) : q) - p);
        if (w > *widest)
            *widest = w;
    }
}

void nxmsg__tt_measure(struct tt *tt, const char *s, size_t len, size_t *natural, size_t *soft,
                       size_t *hard)
{
    size_t a = 0;

    *natural = *soft = *hard = 0;
    while (a <= len) {
        const char *nl = memchr(s + a, '\n', len - a);
        size_t e = nl ? (size_t)(nl - s) : len, n = e - a;
        size_t lw = nxmsg__tt_width(tt, s + a, n);

        if (lw > *natural)
            *natural = lw;
        /* widest grapheme cluster and widest unbreakable run: both can only
         * matter if the line is wider than what we have */
        if (lw > *hard)
            widest_segment(tt, tt->chr, s + a, n, 0, hard);
        if (lw > *soft)
            widest_segment(tt, tt->line, s + a, n, 1, soft);
        a = e + 1;
    }
}

/* Whole grapheme clusters of s[a..e) from a while they fit width (at least
 * one); returns where they end, their width in *w. */
static size_t fit_graphemes(struct tt *tt, const char *s, size_t a, size_t e, size_t width,
                            size_t *w)
{
    size_t acc = 0, p = a;

    walk_start(tt, tt->chr, s + a, e - a);
    while (p < e) {
        size_t q = a + walk_next(tt->chr, e - a);
        size_t gw = nxmsg__tt_width(tt, s + p, q - p);
        if (p > a && acc + gw > width)
            break;
        acc += gw;
        p = q;
    }
    *w = acc;
    return p;
}

size_t nxmsg__tt_wrap(struct tt *tt, const char *s, size_t len, size_t *pos, size_t width,
                      size_t *start, size_t *w)
{
    size_t ls, ll;

    if (width == 0)
        width = 1;
    if (!nxmsg_wrap_next(s, len, width, tt->flags, pos, &ls, &ll)) {
        *start = *pos = len;
        *w = 0;
        return len;
    }
    *start = ls;
    *w = nxmsg__tt_width(tt, s + ls, ll);
    return ls + ll;
}

size_t nxmsg__tt_truncate(struct tt *tt, const char *s, size_t len, size_t width, size_t *w,
                          int *ell)
{
    const char *nl = memchr(s, '\n', len);
    size_t e = nl ? (size_t)(nl - s) : len, lw = nxmsg__tt_width(tt, s, e);
    size_t ew = nxmsg__tt_width(tt, NXMSG__TT_ELLIPSIS, sizeof NXMSG__TT_ELLIPSIS - 1);
    size_t room, end = 0, acc = 0;

    *ell = 0;
    if (lw <= width && e == len) {
        *w = lw;
        return e;
    }
    *ell = width >= ew;
    room = *ell ? width - ew : width;
    if (room > 0 && e > 0) {
        end = fit_graphemes(tt, s, 0, e, room, &acc);
        if (acc > room) { /* one cluster wider than the room */
            end = 0;
            acc = 0;
        }
    }
    *w = acc + (*ell ? ew : 0);
    return end;
}
