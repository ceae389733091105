/* utf8.c - the small UTF-8 helpers the lookup core needs (no ICU), the
 * one UTF-8 decoder of the tree (nxmsg__utf8_next) and the public validator
 * built on it (nxmsg_utf8_valid). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

size_t nxmsg__utf8_next(const unsigned char *s, size_t len, long *cp)
{
    unsigned c, lo = 0x80, hi = 0xBF;
    unsigned long v;
    size_t k, n = 1;

    *cp = -1;
    if (len == 0)
        return 0;
    c = s[0];
    if (c < 0x80) {
        *cp = (long)c;
        return 1;
    }
    /* the second byte's range excludes overlongs, surrogates and values
     * above U+10FFFF (Unicode Table 3-7) */
    if (c >= 0xC2 && c <= 0xDF)
        k = 1, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        k = 2, v = c & 0x0F, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        k = 3, v = c & 0x07, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 1;
    for (; n <= k; n++) {
        if (n >= len || s[n] < lo || s[n] > hi)
            return n;           /* the maximal subpart */
        v = v << 6 | (s[n] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = (long)v;
    return n;
}

size_t nxmsg__utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    long c;
    size_t n = nxmsg__utf8_next(s, len, &c);

    if (c < 0)
        return 0;
    *cp = (unsigned long)c;
    return n;
}

int nxmsg_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    if (!str)
        return 1;
    if (len == (size_t)-1) /* NXMSG_STRLEN of nxmsg.h */
        len = strlen(str);
    while (i < len) {
        long cp;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        i += nxmsg__utf8_next(s + i, len - i, &cp);
        if (cp < 0)
            return 0;
    }
    return 1;
}

int nxmsg__utf8_clean(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < len) {
        unsigned long cp;
        size_t n = nxmsg__utf8_decode(s + i, len - i, &cp);
        if (n == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return 0;
        i += n;
    }
    return 1;
}

/* Code points that belong to the character before them: combining marks,
 * variation selectors, joiners, emoji modifiers and tag characters. */
static int is_extender(unsigned long c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F) ||
           c == 0x200C || c == 0x200D || c == 0x3099 || c == 0x309A ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
           (c >= 0xE0100 && c <= 0xE01EF);
}

size_t nxmsg__utf8_cut(const char *str, size_t len, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t cut;

    if (max >= len)
        return len;
    cut = max;
    for (;;) {
        unsigned long cp = 0, prev = 0;
        size_t p;

        /* back to the start of a character */
        while (cut > 0 && (s[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == 0)
            return 0;
        /* the character at cut must not attach to the one before, and the
         * one before must not be a joiner */
        p = cut - 1;
        while (p > 0 && (s[p] & 0xC0) == 0x80)
            p--;
        if (nxmsg__utf8_decode(s + cut, len - cut, &cp) == 0)
            cp = 0;
        if (nxmsg__utf8_decode(s + p, cut - p, &prev) == 0)
            prev = 0;
        if (!is_extender(cp) && prev != 0x200D)
            return cut;
        cut = p;
    }
}

size_t nxmsg_copy_r(const char *src, char *buf, size_t size)
{
    size_t len, n;

    if (!src)
        src = "";
    len = strlen(src);
    if (size == 0 || !buf)
        return len;
    n = nxmsg__utf8_cut(src, len, size - 1);
    memcpy(buf, src, n);
    buf[n] = '\0';
    return len;
}
