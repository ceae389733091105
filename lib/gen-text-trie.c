/* gen-text-trie.c - build-machine tool: computes the text layer's
 * per-code-point properties (lib/text-props.h) from ICU's Unicode data,
 * serializes them as a UCPTrie (ucptrie_toBinary) and writes
 * lib/text-trie.c: the trie as const bytes in both byte orders, which
 * lib/text.c opens in place (ucptrie_openFromBinary) without building
 * anything at run time.  The output is committed, so builds (also cross
 * builds) never run this; "make regen-text-trie" does, and
 * tests/text-trie.sh checks that the committed file is what the installed
 * ICU gives.  Writes C to stdout; exit 1 on error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/ucptrie.h>
#include <unicode/umutablecptrie.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>

#include "text-props.h"

static void set_range(UMutableCPTrie *m, UChar32 a, UChar32 b, uint32_t clear, uint32_t set,
                      UErrorCode *st)
{
    for (UChar32 c = a; c <= b; c++)
        umutablecptrie_set(m, c, (umutablecptrie_get(m, c) & ~clear) | set, st);
}

static void set_prop(UMutableCPTrie *m, UProperty prop, uint32_t clear, uint32_t set, UErrorCode *st)
{
    const USet *u = u_getBinaryPropertySet(prop, st);
    if (U_FAILURE(*st))
        return;
    for (int32_t i = 0, n = uset_getItemCount(u); i < n; i++) {
        UChar32 a, b;
        if (uset_getItem(u, i, &a, &b, NULL, 0, st) == 0)
            set_range(m, a, b, clear, set, st);
    }
}

/* Apply (clear, set) to every code point whose value in an enumerated
 * property map pick() accepts. */
static void set_map(UMutableCPTrie *m, UProperty prop, int (*pick)(uint32_t), uint32_t clear,
                    uint32_t set, UErrorCode *st)
{
    const UCPMap *map = u_getIntPropertyMap(prop, st);
    UChar32 a = 0, b;
    uint32_t v;
    if (U_FAILURE(*st))
        return;
    while ((b = ucpmap_getRange(map, a, UCPMAP_RANGE_NORMAL, 0, NULL, NULL, &v)) >= 0) {
        if (pick(v))
            set_range(m, a, b, clear, set, st);
        a = b + 1;
    }
}

static int pick_wide(uint32_t v) { return v == U_EA_WIDE || v == U_EA_FULLWIDTH; }
static int pick_amb(uint32_t v) { return v == U_EA_AMBIGUOUS; }
static int pick_zero_gc(uint32_t v)
{
    return v == U_NON_SPACING_MARK || v == U_ENCLOSING_MARK || v == U_FORMAT_CHAR;
}
static int pick_cc(uint32_t v) { return v == U_CONTROL_CHAR; }
static int pick_vt(uint32_t v) { return v == U_HST_VOWEL_JAMO || v == U_HST_TRAILING_JAMO; }
static int pick_prepend(uint32_t v) { return v == U_GCB_PREPEND; }
static int pick_ext(uint32_t v)
{
    return v == U_GCB_EXTEND || v == U_GCB_ZWJ || v == U_GCB_SPACING_MARK;
}
static int pick_nqc(uint32_t v) { return v != UNORM_YES; }
static int pick_ccc(uint32_t v) { return v != 0; }

/* Column classes: East_Asian_Width, then zero width, then the exceptions
 * terminals draw. */
static void set_widths(UMutableCPTrie *m, UErrorCode *st)
{
    const UCPMap *eaw = u_getIntPropertyMap(UCHAR_EAST_ASIAN_WIDTH, st);
    UChar32 a = 0, b;
    uint32_t v;

    while (U_SUCCESS(*st) && (b = ucpmap_getRange(eaw, a, UCPMAP_RANGE_NORMAL, 0, NULL, NULL, &v)) >= 0) {
        if (pick_wide(v) || pick_amb(v))
            umutablecptrie_setRange(m, a, b, pick_wide(v) ? P_W2 : P_AMB, st);
        a = b + 1;
    }
    /* zero width wins over W/F and A */
    set_map(m, UCHAR_GENERAL_CATEGORY, pick_zero_gc, P_WMASK, P_W0, st);
    set_prop(m, UCHAR_DEFAULT_IGNORABLE_CODE_POINT, P_WMASK, P_W0, st);
    set_map(m, UCHAR_HANGUL_SYLLABLE_TYPE, pick_vt, P_WMASK, P_W0, st);
    /* ... except where terminals draw a glyph (glibc wcwidth agrees): the
     * soft hyphen (East Asian Ambiguous), the Hangul fillers, and the
     * prepended concatenation marks (U+0600 ARABIC NUMBER SIGN ...) */
    set_range(m, 0x00AD, 0x00AD, P_WMASK, P_AMB, st);
    set_range(m, 0x115F, 0x115F, P_WMASK, P_W2, st);
    set_range(m, 0x3164, 0x3164, P_WMASK, P_W2, st);
    set_range(m, 0xFFA0, 0xFFA0, P_WMASK, P_W1, st);
    set_prop(m, UCHAR_PREPENDED_CONCATENATION_MARK, P_WMASK, P_W1, st);
}

static UCPTrie *build_trie(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UMutableCPTrie *m = umutablecptrie_open(P_W1, P_BAD, &st);
    UCPTrie *t = NULL;

    if (U_FAILURE(st))
        return NULL;
    set_widths(m, &st);
    /* controls and line separators are rendered, not measured */
    set_map(m, UCHAR_GENERAL_CATEGORY, pick_cc, 0, P_CTRL, &st);
    set_range(m, 0x2028, 0x2029, 0, P_CTRL, &st);
    /* emoji clusters */
    set_prop(m, UCHAR_EMOJI, 0, P_EMOJI, &st);
    set_prop(m, UCHAR_EMOJI_PRESENTATION, 0, P_EPRES | P_TRIG, &st);
    set_prop(m, UCHAR_EXTENDED_PICTOGRAPHIC, 0, P_TRIG, &st);
    set_prop(m, UCHAR_REGIONAL_INDICATOR, 0, P_TRIG, &st);
    set_prop(m, UCHAR_EMOJI_MODIFIER, 0, P_TRIG, &st);
    set_map(m, UCHAR_GRAPHEME_CLUSTER_BREAK, pick_prepend, 0, P_TRIG, &st);
    set_map(m, UCHAR_GRAPHEME_CLUSTER_BREAK, pick_ext, 0, P_EXT, &st);
    set_range(m, 0xFE0F, 0xFE0F, 0, P_TRIG, &st);
    set_range(m, 0x200D, 0x200D, 0, P_TRIG, &st);
    set_range(m, 0x20E3, 0x20E3, 0, P_TRIG, &st);
    /* NFC quick check */
    set_map(m, UCHAR_NFC_QUICK_CHECK, pick_nqc, 0, P_NFCX, &st);
    set_map(m, UCHAR_CANONICAL_COMBINING_CLASS, pick_ccc, 0, P_NFCX, &st);
    if (U_SUCCESS(st))
        t = umutablecptrie_buildImmutable(m, UCPTRIE_TYPE_FAST, UCPTRIE_VALUE_BITS_8, &st);
    umutablecptrie_close(m);
    return U_SUCCESS(st) ? t : NULL;
}

/* The serialized trie b[0..n), in host byte order, turned into the other
 * byte order: a 32-bit signature, five 16-bit header fields, the 16-bit
 * index (indexLength entries, the second field), then 8-bit data. */
static void swap(unsigned char *b, size_t n)
{
    uint16_t idx;
    unsigned char t;

    memcpy(&idx, b + 6, 2);
    t = b[0], b[0] = b[3], b[3] = t;
    t = b[1], b[1] = b[2], b[2] = t;
    for (size_t i = 4; i + 1 < n && i < 16 + 2 * (size_t)idx; i += 2)
        t = b[i], b[i] = b[i + 1], b[i + 1] = t;
}

static void emit(const char *name, const unsigned char *b, size_t n)
{
    printf("_Alignas(8) const unsigned char %s[] = {", name);
    for (size_t i = 0; i < n; i++)
        printf("%s0x%02X,", i % 16 ? " " : "\n    ", b[i]);
    printf("\n};\n\n");
}

int main(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UCPTrie *t = build_trie();
    unsigned char *le, *be;
    int32_t n;
    UVersionInfo uv;
    char ver[U_MAX_VERSION_STRING_LENGTH];
    uint16_t one = 1;
    unsigned char first;
    int little;

    memcpy(&first, &one, 1);
    little = first == 1;
    if (!t)
        return fprintf(stderr, "gen-text-trie: cannot build the trie from ICU data\n"), 1;
    n = ucptrie_toBinary(t, NULL, 0, &st);
    st = U_ZERO_ERROR;
    le = malloc((size_t)n);
    be = malloc((size_t)n);
    if (!le || !be || ucptrie_toBinary(t, le, n, &st) != n || U_FAILURE(st))
        return fprintf(stderr, "gen-text-trie: cannot serialize the trie\n"), 1;
    memcpy(be, le, (size_t)n);
    swap(little ? be : le, (size_t)n);
    u_getUnicodeVersion(uv);
    u_versionToString(uv, ver);
    printf("/* text-trie.c - generated by lib/gen-text-trie.c (\"make regen-text-trie\")\n"
           " * from ICU's Unicode %s data.  Do not edit.  See text-props.h. */\n"
           "#include <config.h>\n\n#include \"text-props.h\"\n\n", ver);
    emit("nxmsg__text_trie_le", le, (size_t)n);
    emit("nxmsg__text_trie_be", be, (size_t)n);
    printf("const size_t nxmsg__text_trie_size = %d;\n"
           "const char nxmsg__text_trie_unicode[] = \"%s\";\n", (int)n, ver);
    ucptrie_close(t);
    free(le);
    free(be);
    return fflush(stdout) != 0 || ferror(stdout);
}
