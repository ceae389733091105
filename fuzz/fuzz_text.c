/* fuzz_text.c - libFuzzer target: sanitize, NFC, width, truncate, pad, wrap.
 *
 * Input: a control byte (flags, alignment), a column count, a buffer size,
 * then arbitrary bytes as the text.  Invariants: every output is valid
 * UTF-8; sanitized text has no control but "\n"; NFC is idempotent; width is
 * the width of what sanitize prints (single-line text); truncate stays within
 * cols and pad is exactly cols; wrapped lines stay within cols unless they
 * hold a single cluster, advance, and together with the hanging blanks and
 * line breaks between them are the input; a small buffer gets a
 * NUL-terminated, valid prefix and nothing past its end. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Call f twice: for the length, then into an exact buffer. */
#define PRODUCE(out, n, call_null, call_buf)                                 \
    do {                                                                      \
        n = call_null;                                                        \
        out = malloc(n + 1);                                                  \
        if (!out || call_buf != n || out[n] != '\0' || !nxmsg_utf8_valid(out, n)) \
            abort();                                                          \
    } while (0)

/* Whether s[a..b) holds only what may lie between wrapped lines: blanks
 * that hang (space, TAB, U+3000) and line breaks (CR, LF, U+2028, U+2029). */
static int is_gap(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
            continue;
        if (i + 2 < b && ((u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) ||
                          (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80))) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags;
    int align;
    size_t cols, small, n, w;
    const char *s;
    char *out, *out2, tiny[64];

    if (size < 3 || size > 4096)
        return 0;
    flags = data[0] & 7u;
    align = (data[0] >> 3) % 3;
    cols = data[1] % 90;
    small = data[2] % sizeof tiny;
    s = (const char *)data + 3;
    size -= 3;

    /* sanitize */
    PRODUCE(out, n, nxmsg_sanitize(s, size, flags, NULL, 0), nxmsg_sanitize(s, size, flags, out, n + 1));
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)out[i];
        if ((c < 0x20 && c != '\n') || c == 0x7F || (c == 0xC2 && i + 1 < n && (unsigned char)out[i + 1] < 0xA0))
            abort();
    }
    if (!memchr(s, '\n', size) && !memchr(s, '\r', size) && !memchr(s, '\t', size) &&
        !memmem(s, size, "\xe2\x80\xa8", 3) && !memmem(s, size, "\xe2\x80\xa9", 3) &&
        nxmsg_width(s, size, flags) != nxmsg_width(out, n, flags))
        abort();
    free(out);

    /* a small buffer: NUL-terminated valid prefix, nothing written past it */
    memset(tiny, 0x5A, sizeof tiny);
    nxmsg_sanitize(s, size, flags, tiny, small);
    if (small > 0 && (!memchr(tiny, '\0', small) || !nxmsg_utf8_valid(tiny, strlen(tiny))))
        abort();
    for (size_t i = small; i < sizeof tiny; i++)
        if (tiny[i] != 0x5A)
            abort();

    /* a huge width into a small buffer returns at once (no loop per
     * column) with a valid prefix */
    memset(tiny, 0x5A, sizeof tiny);
    if (nxmsg_pad(s, size, (size_t)1 << 40, align, flags, tiny, small) < ((size_t)1 << 40) ||
        (small > 0 && (!memchr(tiny, '\0', small) || !nxmsg_utf8_valid(tiny, strlen(tiny)))))
        abort();
    for (size_t i = small; i < sizeof tiny; i++)
        if (tiny[i] != 0x5A)
            abort();

    /* NFC, idempotent */
    PRODUCE(out, n, nxmsg_nfc(s, size, NULL, 0), nxmsg_nfc(s, size, out, n + 1));
    PRODUCE(out2, w, nxmsg_nfc(out, n, NULL, 0), nxmsg_nfc(out, n, out2, w + 1));
    if (w != n || memcmp(out, out2, n) != 0)
        abort();
    free(out);
    free(out2);

    /* truncate and pad */
    PRODUCE(out, n, nxmsg_truncate(s, size, cols, NXMSG_ELLIPSIS, flags, NULL, 0),
            nxmsg_truncate(s, size, cols, NXMSG_ELLIPSIS, flags, out, n + 1));
    if (nxmsg_width(out, n, flags) > cols || (cols == 0 && n != 0))
        abort();
    free(out);
    PRODUCE(out, n, nxmsg_pad(s, size, cols, align, flags, NULL, 0), nxmsg_pad(s, size, cols, align, flags, out, n + 1));
    if (nxmsg_width(out, n, flags) != cols)
        abort();
    free(out);

    /* wrap */
    {
        size_t pos = 0, start, len, prev_end = 0, lines = 0;
        while (nxmsg_wrap_next(s, size, cols, flags, &pos, &start, &len)) {
            if (start < prev_end || start + len > size || pos < start + len || ++lines > size + 1)
                abort();
            if (!is_gap(s, prev_end, start))
                abort();
            if (nxmsg_width(s + start, len, flags) > (cols ? cols : 1) &&
                nxmsg_break_next(s, start + len, start, NXMSG_BREAK_GRAPHEME) < start + len)
                abort();
            prev_end = start + len;
        }
        if (!is_gap(s, prev_end, size))
            abort();
    }
    return 0;
}
