/* annotate_recognize.c - finding status codes in log text: the recognizer,
 * the hot path of annotate (no ICU, no allocation).  Rules: include/nxmsg.h
 * (nxmsg_find_codes) and doc/annotate.md. */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "annotate.h"

/* The families by value: NetX core codes are below 0x100, NetX Secure TLS
 * and X.509 codes 0x100-0x1FF, crypto codes 0x20000 and up.  (The vector
 * filter in annotate_filter.c relies on these: "0x1HH" and "0x00..".) */
#define SECURE_MIN 0x100u
#define SECURE_MAX 0x1FFu
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

/* The keywords (any case) of a status context: status error err ret return
 * returned rc result code; see keyword_before(). */
/* Whether s[0..k) ends with a keyword and a separator (a status context for
 * the number at k). */
static int keyword_before(const unsigned char *s, size_t k)
{
    char low[KEYWORD_MAX];
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
    if (wl < 2 || wl > KEYWORD_MAX || (w > 0 && ann_is_ident(s[w - 1]) && s[w - 1] != '_'))
        return 0;
    for (size_t j = 0; j < wl; j++)
        low[j] = (char)(s[w + j] | 0x20);
    switch (wl) {
    case 2: return memcmp(low, "rc", 2) == 0;
    case 3: return memcmp(low, "err", 3) == 0 || memcmp(low, "ret", 3) == 0;
    case 4: return memcmp(low, "code", 4) == 0;
    case 5: return memcmp(low, "error", 5) == 0;
    case 6: return memcmp(low, "status", 6) == 0 || memcmp(low, "return", 6) == 0 || memcmp(low, "result", 6) == 0;
    case 8: return memcmp(low, "returned", 8) == 0;
    default: return 0;
    }
}

/* Candidate positions i (1 <= i < n), each then checked by the rules:
 *   s[i] is x or X and s[i-1] is '0'                        (hex)
 *   s[i] is '_' and s[i-1] is X or x                        (a name: "NX_")
 *   s[i] is '1'..'9' and s[i-1] is ' ', '\t', '=' or ':'      (decimal)
 *   s[i] is 0xA6 and s[i-1] 0x9F                            (U+27E6: an annotation)
 * The AVX2 filter (annotate_filter.c) also drops candidates that cannot be
 * in a status context, nor of a form allowed anywhere, or have the wrong
 * number of digits. */
static int candidate(const unsigned char *s, size_t i)
{
    unsigned char c = s[i], p = s[i - 1];
    return ((c | 0x20) == 'x' && p == '0') || (c == '_' && (p | 0x20) == 'x') ||
           (c >= '1' && c <= '9' && (p == ' ' || p == '\t' || p == '=' || p == ':')) ||
           (c == 0xA6 && p == 0x9F);
}

#ifdef __SSE2__
/* The candidate bits of s[i..i+16) (s[i-1..i+16) readable). */
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
    if (digits == 0 || digits > HEX_PADDED_DIGITS || v == 0 || !nxmsg__token_ends(s, n, j))
        return 0;
    /* a status context is needed but for 0x10C-style and zero-padded forms */
    anywhere = (digits == HEX_SECURE_DIGITS && v >= SECURE_MIN && v <= SECURE_MAX) ||
               (digits == HEX_PADDED_DIGITS && v >= SECURE_MIN);
    if ((!anywhere && !keyword_before(s, t)) || !(h->entry = nxmsg_find((unsigned int)v)))
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

/* The two characters after "NX_" of the codes' names, as bits: pair_bits
 * [first] bit second, with letters 0-25, digits 26-35, '_' 36 and the end
 * of the name 37; name_at() looks a name up only when its start is there.
 * The names themselves in a hash table: name_slot[h] is an entry's index
 * + 1 (0: empty), open addressing from name_hash() & (NAME_SLOTS - 1).
 * Both filled once, by the first nxmsg__scan_init(). */
enum { PAIR_END = 37, NAME_SLOTS = 1024 };
_Static_assert(NXMSG_N_CODES <= NAME_SLOTS / 2, "name_slot[] stays at most half full");
static uint64_t pair_bits[PAIR_END + 1];
static unsigned short name_slot[NAME_SLOTS];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static unsigned pair_index(unsigned char c)
{
    c = (unsigned char)((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '0' && c <= '9')
        return 26u + (c - '0');
    return c == '_' ? 36u : PAIR_END;
}

/* An 8-byte word of s, each byte with bit 5 set (folding the case of a
 * letter; digits have it, '_' becomes 0x7F). */
static uint64_t folded_word(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w | 0x2020202020202020ull;
}

/* A hash of the identifier s[0..n) ([A-Za-z0-9_]) the same in either case:
 * of its length and three words (after "NX_", in the middle, at the end;
 * all the names start alike) for 11 bytes or more, else of each byte. */
static uint32_t name_hash(const unsigned char *s, size_t n)
{
    uint64_t h = n;
    if (n >= 11)
        h ^= folded_word(s + 3) ^ (folded_word(s + n / 2 - 4) * 0x9E3779B97F4A7C15ull) ^
             ((folded_word(s + n - 8) >> 7) * 0xC2B2AE3D27D4EB4Full);
    else
        for (size_t i = 0; i < n; i++)
            h = (h << 8 | (s[i] | 0x20)) * 31;
    h *= 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/* Whether the identifier s[0..n) is name (in upper case) in either case:
 * identifier bytes differ only in bit 5 when they are one letter's cases. */
static int same_name(const unsigned char *s, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != ((unsigned char)name[i] | 0x20)) /* name's NUL differs too */
            return 0;
    return name[n] == '\0';
}

static void names_init(void)
{
    for (size_t k = 0; k < NXMSG_N_CODES; k++) {
        const char *name = nxmsg_entry_name(&nxmsg__entries[k]);
        const unsigned char *u = (const unsigned char *)name;
        size_t len = strlen(name), h = name_hash(u, len);
        if (len > NAME_PREFIX_LEN && memcmp(name, "NX_", NAME_PREFIX_LEN) == 0)
            pair_bits[pair_index(u[3])] |= (uint64_t)1 << (len > 4 ? pair_index(u[4]) : PAIR_END);
        while (name_slot[h & (NAME_SLOTS - 1)])
            h++;
        name_slot[h & (NAME_SLOTS - 1)] = (unsigned short)(k + 1);
    }
}

/* The entry named s[0..n) in either case, or NULL. */
static const nxmsg_entry *name_lookup(const unsigned char *s, size_t n)
{
    for (size_t h = name_hash(s, n);; h++) {
        unsigned k = name_slot[h & (NAME_SLOTS - 1)];
        if (k == 0)
            return NULL;
        if (same_name(s, n, nxmsg_entry_name(&nxmsg__entries[k - 1])))
            return &nxmsg__entries[k - 1];
    }
}

/* Whether a code's name may start with "NX_" and the token at s[i..n). */
static int pair_known(const unsigned char *s, size_t n, size_t i)
{
    unsigned first = i < n ? pair_index(s[i]) : PAIR_END;
    unsigned second = i + 1 < n ? pair_index(s[i + 1]) : PAIR_END;

    if (first == PAIR_END)
        return 0;
    return (int)((pair_bits[first] >> second) & 1u);
}

/* A symbolic name whose "_" after "NX" is at i; 0 or the match. */
static int name_at(const unsigned char *s, size_t n, size_t from, size_t i, struct ann_hit *h)
{
    size_t t, j;

    if (i < 2 || (t = i - 2) < from || (s[t] | 0x20) != 'n' || (t > 0 && ann_is_ident(s[t - 1])) ||
        !pair_known(s, n, i + 1))
        return 0;
    for (j = i + 1; j < n && ann_is_ident(s[j]) && j - t < NAME_MAX; j++)
        ;
    if ((j < n && ann_is_ident(s[j])) || j - t <= NAME_PREFIX_LEN)
        return 0;
    if (!(h->entry = name_lookup(s + t, j - t)))
        return 0;
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

/* The SSE2 block loop: the candidates of each block are checked in turn;
 * *ip is where the blocks end. */
#ifdef __SSE2__
static int scan_sse2(const unsigned char *s, size_t n, size_t from, size_t *ip, const struct ann_texts *t,
                     struct ann_hit *h)
{
    size_t i = *ip;
    for (; i + 16 <= n; i += 16)
        for (unsigned bits = candidates16(s, i); bits; bits &= bits - 1)
            if (match_at(s, n, from, i + (size_t)__builtin_ctz(bits), t, h))
                return 1;
    *ip = i;
    return 0;
}
#endif

/* Without the vector filter: the first hit from c->from. */
static int scan_plain(const struct ann_scan *c, struct ann_hit *h)
{
    const unsigned char *s = c->s;
    size_t i = c->from + 1, n = c->n, from = c->from;
#ifdef __SSE2__
    if (scan_sse2(s, n, from, &i, c->t, h))
        return 1;
#endif
    for (; i < n; i++)
        if (candidate(s, i) && match_at(s, n, from, i, c->t, h))
            return 1;
    return 0;
}

void nxmsg__scan_init(struct ann_scan *c, const unsigned char *s, size_t n, size_t from,
                      const struct ann_texts *t)
{
    c->s = s;
    c->n = n;
    c->from = from;
    c->t = t;
    c->filter = nxmsg__filter_available();
    pthread_once(&names_once, names_init);
    c->base = from;
    c->k = c->nk = 0;
    c->live = 0;
    c->bits = 0;
}

/* The next candidate position after c->from, or 0 at the end.  Most
 * blocks have none: the live bits skip them. */
static size_t next_candidate(struct ann_scan *c)
{
    for (;;) {
        while (c->bits == 0) {
            if (c->live == 0) {
                c->base += 64 * c->nk;
                if ((c->nk = nxmsg__filter(c->filter, c->s, c->n, c->base, c->cand, &c->live)) == 0)
                    return 0;
                continue;
            }
            c->k = (size_t)__builtin_ctz(c->live);
            c->live &= c->live - 1;
            c->bits = c->cand[c->k];
        }
        size_t i = c->base + 64 * c->k + (size_t)__builtin_ctzll(c->bits);
        c->bits &= c->bits - 1;
        if (i > c->from)
            return i;
    }
}

int nxmsg__scan_next(struct ann_scan *c, struct ann_hit *h)
{
    size_t i;

    if (!c->filter) {
        if (!scan_plain(c, h))
            return 0;
        c->from = h->offset + h->length;
        return 1;
    }
    while ((i = next_candidate(c)) != 0)
        if (match_at(c->s, c->n, c->from, i, c->t, h)) {
            c->from = h->offset + h->length;
            return 1;
        }
    return 0;
}

size_t nxmsg_find_codes(const char *text, size_t len, nxmsg_match *out, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t count = 0;
    struct ann_hit h;
    struct ann_scan c;

    if (!text)
        return 0;
    nxmsg__scan_init(&c, s, len, 0, NULL);
    while (nxmsg__scan_next(&c, &h)) {
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
