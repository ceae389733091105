/* testutil.h - helpers shared by the Check suites. */
#ifndef NXMSG_TESTUTIL_H
#define NXMSG_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Path of a file below the source tree (NXMSG_SRCDIR, set by make check). */
static inline const char *test_srcpath(const char *rel, char *buf, size_t size)
{
    const char *dir = getenv("NXMSG_SRCDIR");
    snprintf(buf, size, "%s/%s", dir ? dir : ".", rel);
    return buf;
}

/* Read a whole file; NULL on failure.  *len gets its size. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
            if (len)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* Strict UTF-8 validation (no overlongs, surrogates, > U+10FFFF). */
static inline int test_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i], n, cp, k;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
        else return 0;
        if (i + n > len) return 0;
        for (k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += n;
    }
    return 1;
}

/* The snprintf-style contract of a *_r call given `size` bytes at buf, whose
 * bytes buf[size .. size + 16) were 0xAA before the call, against the full
 * result `full` of length len: nothing written past size, a NUL inside, a
 * valid UTF-8 prefix of full, the longest one that fits but for at most one
 * character and its marks.  NULL if it holds, else what is wrong. */
static inline const char *test_r_contract(const char *buf, size_t size, const char *full, size_t len)
{
    size_t plen;
    for (size_t k = size; k < size + 16; k++)
        if ((unsigned char)buf[k] != 0xAA)
            return "wrote past the buffer";
    if (size == 0)
        return NULL;
    plen = strnlen(buf, size);
    if (plen >= size)
        return "no NUL inside the buffer";
    if (!test_utf8_valid(buf, plen))
        return "broken UTF-8";
    if (memcmp(buf, full, plen) != 0)
        return "not a prefix of the full result";
    if (plen + 4 < (size - 1 < len ? size - 1 : len))
        return "prefix shorter than needed";
    if (size > len && plen != len)
        return "cut although it fits";
    return NULL;
}

#endif
