/* utf8.c - the small UTF-8 helpers the lookup core needs (no ICU). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

size_t nxmsg__utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned long c;
    size_t n, i;

    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        c = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        c = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
        (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
        return 0;
    *cp = c;
    return n;
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
