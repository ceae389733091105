/* gen-layout.c - build-time generator of the device core's layout data
 * (lib/layout_tables.h describes it): runs on the build machine, linked with
 * the host library, and measures everything with the host's own functions,
 * so that the device's results follow the host rules whatever they are:
 *  - columns of each code point: nxmsg_width, narrow and ambiguous wide;
 *  - whether it may start a line: nxmsg_wrap_next on "xx" + it at 2 columns
 *    (its kinsoku rule backs off to "x" exactly for such characters);
 *  - line-break opportunities of each text: nxmsg_break_next (ICU line
 *    breaks) where the character after them may start a line.
 * It also checks what the device assumes: every code point of a text is one
 * grapheme cluster.  Usage: gen-layout [LANG...] > layout-data.c; the
 * catalogs are found as by the library (NXMSG_LOCALEDIR or compiled in).
 * Exit 1 with a message on stderr when a text breaks an assumption. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "nxmsg.h"
#include "core.h"
#include "layout_tables.h"

#define MAX_CP 0x110000

struct text {
    const char *s;
    size_t len;
    uint32_t hash;
    size_t nflip;
    uint16_t *flip;
};

static unsigned char *cls;      /* class + 1 of every measured code point, 0: not used */
static struct text *texts;
static size_t ntexts;

static int fail(const char *what, const char *text)
{
    fprintf(stderr, "gen-layout: %s%s%s\n", what, text ? ": " : "", text ? text : "");
    exit(1);
}

static size_t encode(uint32_t c, char *u)
{
    if (c < 0x80)
        return u[0] = (char)c, 1;
    if (c < 0x800)
        return u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12);
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    u[0] = (char)(0xF0 | c >> 18);
    u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    u[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Code point at s[i] (valid UTF-8: the catalogs are checked) and its length,
 * from the core's decoder. */
static size_t decode(const char *str, size_t len, size_t i, uint32_t *c)
{
    long cp;
    size_t k = nxmsg__utf8_next((const unsigned char *)str + i, len - i, &cp);
    if (cp < 0)
        fail("invalid UTF-8 in a catalog text", str);
    *c = (uint32_t)cp;
    return k;
}

/* The class of code point c, measured with the host functions. */
static unsigned measure(uint32_t c)
{
    char u[8] = "xx";
    size_t n = encode(c, u + 2), wn, ww, pos = 0, start, len;
    unsigned k = 0;
    int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);

    wn = nxmsg_width(u + 2, n, 0);
    ww = nxmsg_width(u + 2, n, NXMSG_TEXT_AMBIGUOUS_WIDE);
    if (wn == 0 || wn > 2 || ww > 2)
        fail("a catalog character is not 1 or 2 columns wide", u + 2);
    if (nxmsg_wrap_next(u, n + 2, 2, 0, &pos, &start, &len) && len == 1)
        k |= NXMSG__LC_NOSTART;
    if (lb == U_LB_SPACE)
        k |= NXMSG__LC_SPACE;
    if (lb == U_LB_OPEN_PUNCTUATION)
        k |= NXMSG__LC_OPEN;
    if (lb == U_LB_IDEOGRAPHIC || lb == U_LB_CONDITIONAL_JAPANESE_STARTER || lb == U_LB_H2 ||
        lb == U_LB_H3)
        k |= NXMSG__LC_IDEO;
    return k | (unsigned)wn | (unsigned)ww << 2;
}

static unsigned class_of(uint32_t c)
{
    if (!cls[c])
        cls[c] = (unsigned char)(measure(c) + 1);
    return cls[c] - 1u;
}

/* Opportunities of t that the pair rule gets wrong; checks the clusters. */
static void flips_of(struct text *t)
{
    size_t lb = 0, gb = 0, i = 0, k;
    uint32_t c, prev = 0;

    t->flip = malloc((t->len + 1) * sizeof *t->flip);
    if (!t->flip)
        fail("out of memory", NULL);
    t->nflip = 0;
    while (i < t->len) {
        k = decode(t->s, t->len, i, &c);
        gb = nxmsg_break_next(t->s, t->len, i, NXMSG_BREAK_GRAPHEME);
        if (gb != i + k)
            fail("a catalog text has a cluster of several code points", t->s);
        if (i > 0) {
            int host, pair = nxmsg__layout_pair(class_of(prev), class_of(c));
            while (lb < i)
                lb = nxmsg_break_next(t->s, t->len, lb, NXMSG_BREAK_LINE);
            host = lb == i && !(class_of(c) & NXMSG__LC_NOSTART);
            if (host != pair) {
                if (i > 0xFFFF)
                    fail("a catalog text is longer than 65535 bytes", t->s);
                t->flip[t->nflip++] = (uint16_t)i;
            }
        }
        prev = c;
        i += k;
    }
}

static void add_text(const char *s)
{
    static size_t cap;
    if (ntexts == cap) {
        cap = cap ? 2 * cap : 256;
        texts = realloc(texts, cap * sizeof *texts);
        if (!texts)
            fail("out of memory", NULL);
    }
    texts[ntexts].s = s;
    texts[ntexts].len = strlen(s);
    flips_of(&texts[ntexts]);
    ntexts++;
}

static int by_hash(const void *a, const void *b)
{
    const struct text *x = a, *y = b;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Sort the texts with flips by hash, one per distinct text; returns how
 * many, or 0 if two different texts share a hash under seed. */
static size_t index_texts(uint32_t seed, size_t *n)
{
    size_t m = 0;
    for (size_t i = 0; i < ntexts; i++)
        texts[i].hash = nxmsg__layout_hash(texts[i].s, texts[i].len, seed);
    qsort(texts, ntexts, sizeof *texts, by_hash);
    for (size_t i = 0; i < ntexts; i++) {
        if (texts[i].nflip == 0)
            continue;
        if (m > 0 && texts[m - 1].hash == texts[i].hash) {
            if (texts[m - 1].len != texts[i].len || memcmp(texts[m - 1].s, texts[i].s, texts[i].len))
                return 0;
            continue;
        }
        texts[m++] = texts[i];
    }
    *n = m;
    return 1;
}

static void emit_classes(void)
{
    unsigned last = 0x100;
    size_t n = 0;
    printf("const uint32_t nxmsg__layout_class[] = {");
    for (uint32_t c = 0; c < MAX_CP; c++) {
        if (!cls[c] || cls[c] - 1u == last)
            continue;
        last = cls[c] - 1u;
        printf("%s0x%06lXu,", n++ % 6 ? " " : "\n    ", (unsigned long)c << 8 | last);
    }
    printf("\n};\nconst size_t nxmsg__layout_nclass = %zu;\n\n", n);
}

static void emit_texts(size_t m, uint32_t seed)
{
    size_t first = 0;
    printf("const uint32_t nxmsg__layout_seed = %lu;\n", (unsigned long)seed);
    printf("const size_t nxmsg__layout_ntexts = %zu;\n", m);
    printf("const uint32_t nxmsg__layout_hashes[] = {");
    for (size_t i = 0; i < m; i++)
        printf("%s0x%08lXu,", i % 6 ? " " : "\n    ", (unsigned long)texts[i].hash);
    printf("\n    0\n};\nconst uint16_t nxmsg__layout_first[] = {");
    for (size_t i = 0; i <= m; i++) {
        printf("%s%zu,", i % 10 ? " " : "\n    ", first);
        if (i < m)
            first += texts[i].nflip;
    }
    printf("\n};\nconst uint16_t nxmsg__layout_flips[] = {\n");
    for (size_t i = 0; i < m; i++) {
        printf("    ");
        for (size_t k = 0; k < texts[i].nflip; k++)
            printf("%u,%s", (unsigned)texts[i].flip[k], k + 1 < texts[i].nflip ? " " : "\n");
    }
    printf("    0\n};\n");
    if (first > 0xFFFF)
        fail("too many break exceptions for 16-bit indices", NULL);
}

int main(int argc, char **argv)
{
    const nxmsg_entry *e;
    const char *text;
    uint32_t seed = 0;
    size_t m = 0;

    cls = calloc(MAX_CP, 1);
    if (!cls)
        fail("out of memory", NULL);
    for (uint32_t c = 0x20; c < 0x7F; c++)
        class_of(c);
    class_of(0x2026); /* NXMSG_ELLIPSIS */
    for (int a = 1; a < argc; a++)
        if (!nxmsg_have_catalog(argv[a]))
            fail("no catalog for language", argv[a]);
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        nxmsg_entry_msgid(e, NULL, &text);
        add_text(text);
        for (int a = 1; a < argc; a++)
            add_text(nxmsg_entry_text(e, argv[a]));
    }
    while (!index_texts(seed, &m))
        seed++;
    printf("/* layout-data.c - generated by lib/gen-layout with the host library's\n"
           " * text functions (ICU) from the catalogs of English");
    for (int a = 1; a < argc; a++)
        printf(", %s", argv[a]);
    printf(".\n * Do not edit. */\n#include \"layout_tables.h\"\n\n");
    emit_classes();
    emit_texts(m, seed);
    return fflush(stdout) != 0 || ferror(stdout);
}
