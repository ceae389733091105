/* table_text.c - text operations for the table layer, over ICU: UTF-8
 * sanitizing, display width, line wrapping (ja@lb=strict) with a fallback to
 * grapheme boundaries, truncation.  See table_text.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "table_text.h"

struct tt {
    int amb_wide;
    UBreakIterator *line, *chr;
    UText *ut;
};

struct tt *nxmsg__tt_open(int ambiguous_wide)
{
    UErrorCode st = U_ZERO_ERROR;
    struct tt *tt = calloc(1, sizeof *tt);

    if (!tt)
        return NULL;
    tt->amb_wide = ambiguous_wide != 0;
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

char *nxmsg__tt_sanitize(const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t len = strlen(src), i = 0, n = 0;
    char *out = malloc(len * 3 + 1); /* each byte grows to at most U+FFFD */

    if (!out)
        return NULL;
    while (i < len) {
        size_t start = i;
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c == '\r') {
            out[n++] = '\n';
            if (i < len && s[i] == '\n')
                i++;
        } else if (c == '\n') {
            out[n++] = '\n';
        } else if (c == '\t') {
            out[n++] = ' ';
        } else if (c < 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            memcpy(out + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else {
            memcpy(out + n, s + start, i - start);
            n += i - start;
        }
    }
    while (n > 0 && out[n - 1] == '\n')
        n--;
    out[n] = '\0';
    return out;
}

static int cp_width(const struct tt *tt, UChar32 c)
{
    int gc, ea, hst;

    if (c >= 0x20 && c < 0x7F)
        return 1;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return 0;
    gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR ||
        u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return 0;
    hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
        return 0;
    ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        return 2;
    if (ea == U_EA_AMBIGUOUS)
        return tt->amb_wide ? 2 : 1;
    return 1;
}

size_t nxmsg__tt_width(struct tt *tt, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, w = 0;

    while (i < len) {
        UChar32 c;
        if (s[i] < 0x80) {
            w += s[i] >= 0x20 && s[i] < 0x7F;
            i++;
            continue;
        }
        U8_NEXT(s, i, len, c);
        if (c >= 0)
            w += (size_t)cp_width(tt, c);
    }
    return w;
}

static size_t trim_end(const char *s, size_t a, size_t b)
{
    while (b > a && s[b - 1] == ' ')
        b--;
    return b;
}

static int set_text(struct tt *tt, UBreakIterator *bi, const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    tt->ut = utext_openUTF8(tt->ut, s, (int64_t)len, &st);
    ubrk_setUText(bi, tt->ut, &st);
    return U_SUCCESS(st);
}

void nxmsg__tt_measure(struct tt *tt, const char *s, size_t len, size_t *natural, size_t *soft,
                       size_t *hard)
{
    size_t a = 0;

    *natural = *soft = *hard = 0;
    while (a <= len) {
        const char *nl = memchr(s + a, '\n', len - a);
        size_t e = nl ? (size_t)(nl - s) : len, lw = nxmsg__tt_width(tt, s + a, e - a);
        if (lw > *natural)
            *natural = lw;
        /* widest character */
        for (size_t i = a; i < e;) {
            UChar32 c;
            size_t cw;
            U8_NEXT((const unsigned char *)s, i, e, c);
            cw = c >= 0 ? (size_t)cp_width(tt, c) : 1;
            if (cw > *hard)
                *hard = cw;
        }
        /* widest unbreakable run */
        if (lw <= *soft) {
            /* cannot raise soft */
        } else if (set_text(tt, tt->line, s + a, e - a)) {
            int32_t p = 0, b;
            while ((b = ubrk_next(tt->line)) != UBRK_DONE) {
                size_t end = trim_end(s + a, (size_t)p, (size_t)b);
                size_t ww = nxmsg__tt_width(tt, s + a + p, end - (size_t)p);
                if (ww > *soft)
                    *soft = ww;
                p = b;
            }
        } else {
            *soft = lw;
        }
        a = e + 1;
    }
}

/* Longest run of whole graphemes of s[a..e) from a that fits width (at least
 * one grapheme); returns its end, width in *w. */
static size_t fit_graphemes(struct tt *tt, const char *s, size_t a, size_t e, size_t width,
                            size_t *w)
{
    size_t acc = 0, end = a;

    if (set_text(tt, tt->chr, s + a, e - a)) {
        int32_t p = 0, b;
        while ((b = ubrk_next(tt->chr)) != UBRK_DONE) {
            size_t gw = nxmsg__tt_width(tt, s + a + p, (size_t)(b - p));
            if (end > a && acc + gw > width)
                break;
            if (end == a && gw > width && width > 0 && acc == 0) {
                /* a grapheme wider than the column: still take it */
            }
            acc += gw;
            end = a + (size_t)b;
            p = b;
            if (acc >= width)
                break;
        }
    } else {
        end = e;
        acc = nxmsg__tt_width(tt, s + a, e - a);
    }
    *w = acc;
    return end;
}

size_t nxmsg__tt_wrap(struct tt *tt, const char *s, size_t len, size_t *pos, size_t width,
                      size_t *w)
{
    size_t a = *pos;
    const char *nl = memchr(s + a, '\n', len - a);
    size_t e = nl ? (size_t)(nl - s) : len, lw = nxmsg__tt_width(tt, s + a, e - a);
    size_t best = 0, bestw = 0, acc = 0, end;

    if (lw <= width || trim_end(s, a, e) == a) {
        end = trim_end(s, a, e);
        *w = nxmsg__tt_width(tt, s + a, end - a);
        *pos = e < len ? e + 1 : len;
        return end;
    }
    if (set_text(tt, tt->line, s + a, e - a)) {
        int32_t p = 0, b;
        while ((b = ubrk_next(tt->line)) != UBRK_DONE) {
            size_t te = trim_end(s + a, (size_t)p, (size_t)b);
            size_t tw = acc + nxmsg__tt_width(tt, s + a + p, te - (size_t)p);
            if (tw > width)
                break;
            best = (size_t)b;
            bestw = tw;
            acc += nxmsg__tt_width(tt, s + a + p, (size_t)(b - p));
            p = b;
        }
    }
    if (best == 0) {
        end = fit_graphemes(tt, s, a, e, width, w);
        *pos = end;
        if (end >= e)
            *pos = e < len ? e + 1 : len;
        return end;
    }
    end = trim_end(s, a, a + best);
    *w = bestw;
    *pos = a + best;
    if (*pos >= e)
        *pos = e < len ? e + 1 : len;
    return end;
}

size_t nxmsg__tt_truncate(struct tt *tt, const char *s, size_t len, size_t width, size_t *w,
                          int *ell)
{
    const char *nl = memchr(s, '\n', len);
    size_t e = nl ? (size_t)(nl - s) : len, lw = nxmsg__tt_width(tt, s, e);
    size_t ew = nxmsg__tt_width(tt, NXMSG__TT_ELLIPSIS, sizeof NXMSG__TT_ELLIPSIS - 1);
    size_t room, end, acc = 0;

    *ell = 0;
    if (lw <= width && e == len) {
        *w = lw;
        return e;
    }
    *ell = width >= ew;
    room = *ell ? width - ew : width;
    end = 0;
    if (room > 0 && e > 0) {
        end = fit_graphemes(tt, s, 0, e, room, &acc);
        if (acc > room) { /* one grapheme wider than the room */
            end = 0;
            acc = 0;
        }
    }
    *w = acc + (*ell ? ew : 0);
    return end;
}
