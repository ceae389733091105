/* layout_tables.h - the generated layout data of the device core (written
 * by lib/gen-layout at build time, read by lib/layout.c); not installed.
 *
 * Character classes: nxmsg__layout_class[] holds (first code point << 8 |
 * class) sorted by code point; a code point has the class of the last entry
 * at or below it.  Only the code points of the catalog texts, printable
 * ASCII and U+2026 are measured; runs with the same class are merged.
 *
 * Line breaks: an opportunity before the code point at byte b of a text is
 * given by the pair rule nxmsg__layout_pair() on the classes of the code
 * points before and at b, except at the byte offsets listed for that text
 * in nxmsg__layout_flips[], where it is the opposite.  Texts with such
 * offsets are found by nxmsg__layout_hash() of their bytes:
 * nxmsg__layout_hashes[k] (sorted) owns the offsets
 * nxmsg__layout_flips[nxmsg__layout_first[k] .. nxmsg__layout_first[k + 1]). */
#ifndef NXMSG_LAYOUT_TABLES_H
#define NXMSG_LAYOUT_TABLES_H

#include <stddef.h>
#include <stdint.h>

enum {
    NXMSG__LC_NARROW = 0x03, /* columns, ambiguous narrow (0..2) */
    NXMSG__LC_WIDE = 0x0C,   /* columns << 2, ambiguous wide */
    NXMSG__LC_NOSTART = 0x10, /* must not start a line (kinsoku) */
    NXMSG__LC_SPACE = 0x20,   /* pair rule: break after, never before */
    NXMSG__LC_OPEN = 0x40,    /* pair rule: never break after */
    NXMSG__LC_IDEO = 0x80     /* pair rule: break before and after */
};

extern const uint32_t nxmsg__layout_class[];
extern const size_t nxmsg__layout_nclass;
extern const uint32_t nxmsg__layout_seed;
extern const uint32_t nxmsg__layout_hashes[];
extern const uint16_t nxmsg__layout_first[];
extern const uint16_t nxmsg__layout_flips[];
extern const size_t nxmsg__layout_ntexts;

/* FNV-1a of s[0..n), started from seed. */
static inline uint32_t nxmsg__layout_hash(const char *s, size_t n, uint32_t seed)
{
    uint32_t h = 2166136261u ^ seed;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The pair rule: whether a line may break between code points of classes
 * a and b (b not at the end of the text). */
static inline int nxmsg__layout_pair(unsigned a, unsigned b)
{
    if (b & (NXMSG__LC_SPACE | NXMSG__LC_NOSTART))
        return 0;
    if (a & NXMSG__LC_OPEN)
        return 0;
    return (a & (NXMSG__LC_SPACE | NXMSG__LC_IDEO)) || (b & NXMSG__LC_IDEO);
}

#endif
