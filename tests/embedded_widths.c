/* embedded_widths.c - the widths the static core (lib/libnxmsg-core.a)
 * precomputed with ICU at build time, against an independent oracle built
 * from the Unicode Character Database in /usr/share/unicode (CI installs
 * unicode-data; a missing file fails the test).
 *
 * Oracle, the display rules of nxmsg_width for text without emoji, controls
 * or Hangul jamo (checked): per code point 0 for general categories Mn, Me,
 * Cf; 2 for East_Asian_Width W and F; 1 or 2 for A (narrow, wide); else 1.
 * Exit 0 pass, 1 fail, 99 hard error. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"

#define NCP 0x110000
static unsigned char eaw[NCP];  /* 'N' default, 'W', 'F', 'A', 'H', 'a' (Na) */
static unsigned char zero[NCP]; /* Mn, Me, Cf */
static int failures;

static FILE *ucd(const char *name)
{
    const char *dir = getenv("NXMSG_UNICODE_DIR");
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/unicode", name);
    f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "embedded_widths: cannot read %s (install unicode-data)\n", path);
        exit(1);
    }
    return f;
}

static void load_ucd(void)
{
    char line[1024];
    FILE *f = ucd("EastAsianWidth.txt");
    size_t n = 0;

    memset(eaw, 'N', sizeof eaw);
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char prop[8];
        if (sscanf(line, "%lx..%lx ; %7[A-Za-z]", &lo, &hi, prop) != 3 &&
            sscanf(line, "%lx..%lx;%7[A-Za-z]", &lo, &hi, prop) != 3) {
            if (sscanf(line, "%lx ; %7[A-Za-z]", &lo, prop) != 2 && sscanf(line, "%lx;%7[A-Za-z]", &lo, prop) != 2)
                continue;
            hi = lo;
        }
        if (hi >= NCP || lo > hi)
            continue;
        for (unsigned long c = lo; c <= hi; c++)
            eaw[c] = strcmp(prop, "Na") == 0 ? 'a' : (unsigned char)prop[0];
        n++;
    }
    fclose(f);
    f = ucd("UnicodeData.txt");
    while (fgets(line, sizeof line, f)) {
        unsigned long c;
        char *gc = strchr(line, ';');
        if (!gc || !(gc = strchr(gc + 1, ';')) || sscanf(line, "%lx", &c) != 1 || c >= NCP)
            continue;
        if (strncmp(gc + 1, "Mn;", 3) == 0 || strncmp(gc + 1, "Me;", 3) == 0 || strncmp(gc + 1, "Cf;", 3) == 0)
            zero[c] = 1;
    }
    fclose(f);
    if (n < 1000 || eaw[0x3042] != 'W' || eaw[0x2026] != 'A' || !zero[0x0301] || !zero[0x200B]) {
        fprintf(stderr, "embedded_widths: the Unicode data looks wrong (%zu width lines)\n", n);
        exit(1);
    }
}

/* The oracle's width of s, or -1 if s has something it does not cover. */
static long oracle(const char *str, int wide)
{
    const unsigned char *s = (const unsigned char *)str;
    long w = 0;

    while (*s) {
        unsigned long c;
        int n = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
        c = n == 1 ? *s : (unsigned long)(*s & (0x7F >> n));
        for (int i = 1; i < n; i++)
            c = (c << 6) | (s[i] & 0x3F);
        s += n;
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c >= 0x1F000 || (c >= 0x1100 && c <= 0x11FF) ||
            c == 0xFE0F || c == 0x200D || c == 0x20E3 || (c >= 0x2600 && c <= 0x27BF))
            return -1;
        if (zero[c])
            continue;
        w += eaw[c] == 'W' || eaw[c] == 'F' || (wide && eaw[c] == 'A') ? 2 : 1;
    }
    return w;
}

static void check_lang(const char *lang, size_t *compared)
{
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        const char *text = nxmsg_entry_text(e, lang);
        for (int wide = 0; wide < 2; wide++) {
            long want = oracle(text, wide);
            size_t got = nxmsg_entry_width(e, lang, wide ? NXMSG_TEXT_AMBIGUOUS_WIDE : 0);
            if (want < 0) {
                printf("FAIL: %s %s: text outside the oracle's rules\n", lang, nxmsg_entry_name(e));
                failures++;
            } else if ((size_t)want != got) {
                printf("FAIL: %s %s %s: precomputed %zu, oracle %ld\n", lang, nxmsg_entry_name(e),
                       wide ? "wide" : "narrow", got, want);
                failures++;
            }
            ++*compared;
        }
    }
}

int main(void)
{
    const nxmsg_entry *cert = nxmsg_find(0x10C);
    const char *tag;
    size_t compared = 0, langs = 0;

    load_ucd();
    check_lang("en", &compared);
    for (size_t k = 0; (tag = nxmsg_embedded_language(k)) != NULL; k++, langs++)
        check_lang(tag, &compared);
    /* known values: 57 ASCII characters; 24 wide characters */
    if (nxmsg_entry_width(cert, "en", 0) != 57 || nxmsg_entry_width(cert, "ja", 0) != 48 ||
        nxmsg_entry_width(cert, "ja_JP.UTF-8", NXMSG_TEXT_AMBIGUOUS_WIDE) != 48 ||
        nxmsg_entry_width(cert, "fr", 0) != 57 || nxmsg_entry_width(NULL, "ja", 0) != 0) {
        printf("FAIL: known widths of 0x10C\n");
        failures++;
    }
    if (langs == 0) {
        printf("FAIL: no compiled-in language\n");
        failures++;
    }
    printf("embedded_widths: %zu widths of %zu languages + English compared, %d failed\n", compared, langs,
           failures);
    return failures ? 1 : 0;
}
