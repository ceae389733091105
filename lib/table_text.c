/* table_text.c - the text operations of the table layer, built on the text
 * layer: nxmsg_nfc, nxmsg_sanitize, nxmsg_width, nxmsg_wrap_next and its
 * boundary cursors (lib/text.h), walked in order.  No ICU here.  See
 * table_text.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_text.h"
#include "text.h"

struct tt {
    unsigned flags; /* NXMSG_TEXT_* */
    nxmsg__cursor *line, *chr; /* line-break opportunities, clusters */
};

struct tt *nxmsg__tt_open(unsigned table_flags)
{
    struct tt *tt = calloc(1, sizeof *tt);

    if (!tt)
        return NULL;
    tt->flags = (table_flags & NXMSG_TABLE_AMBIGUOUS_WIDE ? NXMSG_TEXT_AMBIGUOUS_WIDE : 0) |
                (table_flags & NXMSG_TABLE_EMOJI_NARROW ? NXMSG_TEXT_EMOJI_NARROW : 0);
    tt->line = nxmsg__cursor_new(NXMSG_BREAK_LINE);
    tt->chr = nxmsg__cursor_new(NXMSG_BREAK_GRAPHEME);
    if (!tt->line || !tt->chr) {
        nxmsg__tt_close(tt);
        return NULL;
    }
    return tt;
}

void nxmsg__tt_close(struct tt *tt)
{
    if (!tt)
        return;
    nxmsg__cursor_free(tt->line);
    nxmsg__cursor_free(tt->chr);
    free(tt);
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

/* End of s[a..b) without its trailing ASCII spaces (only those: a cell's
 * widest run is measured as the table has always measured it). */
static size_t end_without_spaces(const char *s, size_t a, size_t b)
{
    while (b > a && s[b - 1] == ' ')
        b--;
    return b;
}

/* Raise *widest to the width of the widest unbreakable run of the line
 * s[0..n) (trailing blanks left out). */
static void widest_run(struct tt *tt, const char *s, size_t n, size_t *widest)
{
    nxmsg__cursor_set(tt->line, s, n);
    for (size_t p = 0, q; p < n; p = q) {
        size_t w;
        q = nxmsg__cursor_next(tt->line);
        w = nxmsg__tt_width(tt, s + p, end_without_spaces(s, p, q) - p);
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
        if (lw > *hard) {
            size_t h = nxmsg__widest_cluster(s + a, n, tt->flags);
            if (h > *hard)
                *hard = h;
        }
        if (lw > *soft)
            widest_run(tt, s + a, n, soft);
        a = e + 1;
    }
}

/* Whole grapheme clusters of s[a..e) from a while they fit width (at least
 * one); returns where they end, their width in *w. */
static size_t fit_graphemes(struct tt *tt, const char *s, size_t a, size_t e, size_t width,
                            size_t *w)
{
    size_t acc = 0, p = a;

    nxmsg__cursor_set(tt->chr, s + a, e - a);
    while (p < e) {
        size_t q = a + nxmsg__cursor_next(tt->chr);
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
