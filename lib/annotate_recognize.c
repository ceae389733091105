/* annotate_recognize.c - finding status codes in log text: the recognizer,
 * the hot path of annotate (no ICU, no allocation).  Rules: include/nxmsg.h
 * (nxmsg_find_codes) and doc/annotate.md. */
#include <config.h>

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "annotate.h"

/* The families by value: NetX core codes are below 0x100, NetX Secure TLS
 * and X.509 codes 0x100-0xFFF, crypto codes 0x20000 and up. */
#define SECURE_MIN 0x100u
#define SECURE_MAX 0xFFFu
#define CRYPTO_MIN 0x20000u

enum {
    HEX_SECURE_DIGITS = 3, /* 0x10C */
    HEX_PADDED_DIGITS = 8, /* 0x0000010C, 0x00020003: the zero-padded 32-bit form */
    DEC_MAX_DIGITS = 3,    /* 268; core codes have 1 or 2 */
    NAME_PREFIX_LEN = 3,   /* "NX_" */
    NAME_MAX = 96,
    KEYWORD_MAX = 8
};

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int nxmsg__token_ends(const unsigned char *s, size_t n, size_t j)
{
    if (j == n)
        return 1;
    if (ann_is_ident(s[j]))
        return 0;
    return !(s[j] == '.' && j + 1 < n && is_digit(s[j + 1]));
}

static const struct {
    char word[KEYWORD_MAX + 1];
    unsigned char len;
} keywords[] = {
    { "status", 6 }, { "error", 5 }, { "err", 3 }, { "ret", 3 }, { "return", 6 },
    { "returned", 8 }, { "rc", 2 }, { "result", 6 }, { "code", 4 },
};

/* Whether s[0..k) ends with a keyword and a separator (a status context for
 * the number at k). */
static int keyword_before(const unsigned char *s, size_t k)
{
    size_t w, wl;

    while (k > 0 && is_blank(s[k - 1]))
        k--;
    if (k > 0 && (s[k - 1] == '=' || s[k - 1] == ':')) {
        k--;
        while (k > 0 && is_blank(s[k - 1]))
            k--;
    }
    w = k;
    while (w > 0 && k - w <= KEYWORD_MAX && (((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z')))
        w--;
    wl = k - w;
    if (wl < 2 || wl > KEYWORD_MAX)
        return 0;
    if (w > 0 && (ann_is_ident(s[w - 1]) && s[w - 1] != '_'))
        return 0;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        size_t j;
        if (keywords[i].len != wl)
            continue;
        for (j = 0; j < wl && (s[w + j] | 0x20) == keywords[i].word[j]; j++)
            ;
        if (j == wl)
            return 1;
    }
    return 0;
}

/* Candidate positions i (1 <= i < n), each then checked by the rules:
 *   s[i] is x or X and s[i-1] is '0'                        (hex)
 *   s[i] is '_' and s[i-1] is X or x                        (a name: "NX_")
 *   s[i] is '1'..'9' and s[i-1] is ' ', '\t', '=' or ':'      (decimal)
 *   s[i] is 0xA6 and s[i-1] 0x9F                            (U+27E6: an annotation) */
static int candidate(const unsigned char *s, size_t i)
{
    unsigned char c = s[i], p = s[i - 1];
    return ((c | 0x20) == 'x' && p == '0') || (c == '_' && (p | 0x20) == 'x') ||
           (c >= '1' && c <= '9' && (p == ' ' || p == '\t' || p == '=' || p == ':')) ||
           (c == 0xA6 && p == 0x9F);
}

#ifdef __SSE2__
/* The candidate bits of s[i..i+16) (s[i-1..i+18) readable). */
static unsigned candidates16(const unsigned char *s, size_t i)
{
    const __m128i x = _mm_set1_epi8('x'), u = _mm_set1_epi8('_'), zero = _mm_set1_epi8('0');
    const __m128i b20 = _mm_set1_epi8(0x20), one = _mm_set1_epi8('1'), eight = _mm_set1_epi8(8);
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    const __m128i eq = _mm_set1_epi8('='), colon = _mm_set1_epi8(':');
    const __m128i a6 = _mm_set1_epi8((char)0xA6), x9f = _mm_set1_epi8((char)0x9F);
    __m128i c = _mm_loadu_si128((const __m128i *)(s + i));
    __m128i p = _mm_loadu_si128((const __m128i *)(s + i - 1));
    __m128i lc = _mm_or_si128(c, b20), lp = _mm_or_si128(p, b20);
    __m128i hex = _mm_and_si128(_mm_cmpeq_epi8(lc, x), _mm_cmpeq_epi8(p, zero));
    __m128i name = _mm_and_si128(_mm_cmpeq_epi8(c, u), _mm_cmpeq_epi8(lp, x));
    __m128i d = _mm_sub_epi8(c, one);
    __m128i dig = _mm_cmpeq_epi8(_mm_min_epu8(d, eight), d);
    __m128i sep = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(p, sp), _mm_cmpeq_epi8(p, tab)),
                               _mm_or_si128(_mm_cmpeq_epi8(p, eq), _mm_cmpeq_epi8(p, colon)));
    __m128i ann = _mm_and_si128(_mm_cmpeq_epi8(c, a6), _mm_cmpeq_epi8(p, x9f));
    __m128i m = _mm_or_si128(_mm_or_si128(hex, name), _mm_or_si128(_mm_and_si128(dig, sep), ann));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

static size_t next_candidate(const unsigned char *s, size_t n, size_t i)
{
    if (i == 0)
        i = 1;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        unsigned bits = candidates16(s, i);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    for (; i < n; i++)
        if (candidate(s, i))
            return i;
    return n;
}

/* A hex number "0x..." whose x is at i; 0 or the match. */
static int hex_at(const unsigned char *s, size_t n, size_t from, size_t i, struct ann_hit *h)
{
    size_t t = i - 1, j, digits;
    unsigned long v = 0;
    int anywhere;

    if (t < from || (t > 0 && ann_is_ident(s[t - 1])) || (t > 1 && s[t - 1] == '.' && is_digit(s[t - 2])))
        return 0;
    for (j = i + 1; j < n && j - i <= HEX_PADDED_DIGITS && hexval(s[j]) >= 0; j++)
        v = v * 16 + (unsigned long)hexval(s[j]);
    digits = j - i - 1;
    if (digits == 0 || digits > HEX_PADDED_DIGITS || v == 0 || !nxmsg__token_ends(s, n, j) ||
        !(h->entry = nxmsg_find((unsigned int)v)))
        return 0;
    /* a status context is needed but for 0x10C-style and zero-padded forms */
    anywhere = (digits == HEX_SECURE_DIGITS && v >= SECURE_MIN && v <= SECURE_MAX) ||
               (digits == HEX_PADDED_DIGITS && v >= SECURE_MIN);
    if (!anywhere && !keyword_before(s, t))
        return 0;
    h->offset = t;
    h->length = j - t;
    return 1;
}

/* A decimal number starting at i, in a status context; 0 or the match. */
static int decimal_at(const unsigned char *s, size_t n, size_t i, struct ann_hit *h)
{
    size_t j;
    unsigned v = 0;

    for (j = i; j < n && j - i <= DEC_MAX_DIGITS && is_digit(s[j]); j++)
        v = v * 10 + (unsigned)(s[j] - '0');
    if (j - i > DEC_MAX_DIGITS || !nxmsg__token_ends(s, n, j) || v >= CRYPTO_MIN ||
        !(h->entry = nxmsg_find(v)) || !keyword_before(s, i))
        return 0;
    h->offset = i;
    h->length = j - i;
    return 1;
}

/* A symbolic name whose "_" after "NX" is at i; 0 or the match. */
static int name_at(const unsigned char *s, size_t n, size_t from, size_t i, struct ann_hit *h)
{
    char up[NAME_MAX];
    size_t t, j;
    int idx;

    if (i < 2 || (t = i - 2) < from || (s[t] | 0x20) != 'n' || (t > 0 && ann_is_ident(s[t - 1])))
        return 0;
    for (j = t; j < n && ann_is_ident(s[j]) && j - t < sizeof up; j++)
        up[j - t] = (char)((s[j] >= 'a' && s[j] <= 'z') ? s[j] - 'a' + 'A' : s[j]);
    if ((j < n && ann_is_ident(s[j])) || j - t <= NAME_PREFIX_LEN)
        return 0;
    idx = nxmsg__msg_by_ctxt(up, j - t);
    if (idx < 0 || idx >= NXMSG_N_CODES)
        return 0;
    h->entry = &nxmsg__entries[idx];
    h->offset = t;
    h->length = j - t;
    return 1;
}

/* An annotation whose U+27E6 ends at i; 0 or the hit. */
static int annotation_at(const unsigned char *s, size_t n, size_t from, size_t i,
                         const struct ann_texts *t, struct ann_hit *h)
{
    size_t o = i + 1 - ANN_LEAD_LEN, len;
    struct ann_texts dflt;

    if (i + 1 < ANN_LEAD_LEN || o < from || s[o] != ' ' || s[o + 1] != 0xE2)
        return 0;
    if (!t) {
        nxmsg__ann_texts_init(&dflt, NULL, 0);
        t = &dflt;
    }
    if ((len = nxmsg__annotation_len(s + o, n - o, t, &h->entry)) == 0)
        return 0;
    h->offset = o;
    h->length = len;
    h->annotation = 1;
    return 1;
}

static int match_at(const unsigned char *s, size_t n, size_t from, size_t i,
                    const struct ann_texts *t, struct ann_hit *h)
{
    h->annotation = 0;
    if ((s[i] | 0x20) == 'x')
        return hex_at(s, n, from, i, h);
    if (s[i] == '_')
        return name_at(s, n, from, i, h);
    if (s[i] == 0xA6)
        return annotation_at(s, n, from, i, t, h);
    return decimal_at(s, n, i, h);
}

int nxmsg__scan(const unsigned char *s, size_t n, size_t from, const struct ann_texts *t,
                struct ann_hit *h)
{
    size_t i = from + 1;
    while ((i = next_candidate(s, n, i)) < n) {
        if (match_at(s, n, from, i, t, h))
            return 1;
        i++;
    }
    return 0;
}

size_t nxmsg_find_codes(const char *text, size_t len, nxmsg_match *out, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t count = 0, pos = 0;
    struct ann_hit h;

    if (!text)
        return 0;
    while (nxmsg__scan(s, len, pos, NULL, &h)) {
        pos = h.offset + h.length;
        if (h.annotation)
            continue;
        if (out && count < max) {
            out[count].offset = h.offset;
            out[count].length = h.length;
            out[count].entry = h.entry;
        }
        count++;
    }
    return count;
}
