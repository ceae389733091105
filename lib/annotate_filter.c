/* annotate_filter.c - the vector filter in front of the recognizer
 * (annotate_recognize.c): which positions of a stretch of text may be where
 * a code, a name or an annotation is found.  It works on 64-byte blocks:
 * one bit a byte for each class of byte below, then the candidate rules and
 * the contexts around them as shifts of those bit masks, the neighbouring
 * blocks supplying the bits that shift in, for 8 blocks at a time (GCC's
 * vector extensions over the masks of 8 blocks).  What it lets through is a
 * superset of the matches; the recognizer checks each position.  The
 * classes take AVX2, or AVX-512BW where the processor has it (the same
 * tables; compares straight into bit masks). */
#include <config.h>

#include <string.h>

#include "annotate.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

int nxmsg__filter_available(void)
{
    return __builtin_cpu_supports("avx2");
}

/* The blocks whose masks one call holds: the ANN_FILTER_BLOCKS it covers,
 * one before and one after.  candidates() takes LANES blocks at a time. */
enum { LANES = 8, MASK_BLOCKS = ANN_FILTER_BLOCKS + 2 };
_Static_assert(ANN_FILTER_BLOCKS % LANES == 0, "candidates() covers whole vectors");

/* Per block k: bit j for byte j. */
struct masks {
    uint64_t x[MASK_BLOCKS], n[MASK_BLOCKS], u[MASK_BLOCKS];      /* x X; n N; _ */
    uint64_t zero[MASK_BLOCKS], one[MASK_BLOCKS];                 /* 0; 1 */
    uint64_t a6[MASK_BLOCKS], x9f[MASK_BLOCKS];                   /* 0xA6; 0x9F */
    uint64_t dig[MASK_BLOCKS], d25[MASK_BLOCKS], hex[MASK_BLOCKS]; /* 0-9; 2-5; hex digit */
    uint64_t ident[MASK_BLOCKS], sep[MASK_BLOCKS], kw[MASK_BLOCKS]; /* [A-Za-z0-9_]; blank = :; see below */
};

/* Byte classes by nibble lookup, one bit each (one table by the low
 * nibble, one by the high one; a byte is in a class when both have its
 * bit): ' ', '\t', ':' '=', digits, A-F a-f, A-O a-o, P-Z p-z, '_'. */
enum { C_SP = 1, C_TAB = 2, C_EQ = 4, C_DIG = 8, C_HEXA = 16, C_A_O = 32, C_P_Z = 64, C_US = 128 };
#define C_SEP (C_SP | C_TAB | C_EQ)
#define C_IDENT (C_DIG | C_A_O | C_P_Z | C_US)

/* The keywords (status error err ret return returned rc result code) end
 * with one of the triples tus ror err ret urn ned ult ode (either case), or
 * are rc: kw is set at a byte that ends such a triple or rc.  The T1, T2 and
 * T3 tables give for a byte the triples it may be the first, second or
 * third letter of, one bit a triple in that order (tus 1 ... ode 0x80); a
 * triple ends at a byte where the three have a bit in common. */

#define LUT16(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

__attribute__((target("avx2"), always_inline)) static inline __m256i lut(__m256i v, __m256i lo, __m256i hi)
{
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, low4)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
}

/* Bytes of v whose class has a bit of cls. */
__attribute__((target("avx2"), always_inline)) static inline uint32_t any(__m256i v, char cls)
{
    return ~(uint32_t)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_and_si256(v, _mm256_set1_epi8(cls)), _mm256_setzero_si256()));
}

/* The nibble tables of the byte classes, shared by the AVX2 and AVX-512
 * versions. */
#define C_LO_BYTES 0x49, 0x78, 0x78, 0x78, 0x78, 0x78, 0x78, 0x68, 0x68, 0x6A, 0x64, 0x20, 0x20, 0x24, 0x20, (char)0xA0
#define C_HI_BYTES 0x02, 0, 0x01, 0x0C, 0x30, (char)0xC0, 0x30, 0x40, 0, 0, 0, 0, 0, 0, 0, 0
#define T1_LO_BYTES 0, 0, 0x0A, 0, 0x01, 0x54, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, (char)0x80
#define T1_HI_BYTES 0, 0, 0, 0, (char)0xA4, 0x5B, (char)0xA4, 0x5B, 0, 0, 0, 0, 0, 0, 0, 0
#define T2_LO_BYTES 0, 0, 0x14, 0, (char)0x80, 0x29, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0x02
#define T2_HI_BYTES 0, 0, 0, 0, (char)0xEA, 0x15, (char)0xEA, 0x15, 0, 0, 0, 0, 0, 0, 0, 0
#define T3_LO_BYTES 0, 0, 0x06, 0x01, 0x68, (char)0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0
#define T3_HI_BYTES 0, 0, 0, 0, (char)0xB0, 0x4F, (char)0xB0, 0x4F, 0, 0, 0, 0, 0, 0, 0, 0

/* The masks of 32 bytes at p (p[-2] and p[-1] readable). */
struct masks32 {
    uint32_t x, n, u, zero, one, a6, x9f, dig, d25, hex, ident, sep, kw;
};

__attribute__((target("avx2"), always_inline)) static inline struct masks32 masks32(const unsigned char *p)
{
    const __m256i c_lo = LUT16(C_LO_BYTES);
    const __m256i c_hi = LUT16(C_HI_BYTES);
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(p - 1)), v2 = _mm256_loadu_si256((const __m256i *)(p - 2));
    __m256i lc = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
    __m256i c = lut(v, c_lo, c_hi);
    __m256i kw = _mm256_and_si256(_mm256_and_si256(lut(v2, LUT16(T1_LO_BYTES), LUT16(T1_HI_BYTES)),
                                                   lut(v1, LUT16(T2_LO_BYTES), LUT16(T2_HI_BYTES))),
                                  lut(v, LUT16(T3_LO_BYTES), LUT16(T3_HI_BYTES)));
    __m256i rc = _mm256_and_si256(_mm256_cmpeq_epi8(lc, _mm256_set1_epi8('c')),
                                  _mm256_cmpeq_epi8(_mm256_or_si256(v1, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('r')));
    __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8('2'));
    struct masks32 m;
#define BITS(e) ((uint32_t)_mm256_movemask_epi8(e))
#define EQ(x, ch) BITS(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)(ch))))
    m.x = EQ(lc, 'x');
    m.n = EQ(lc, 'n');
    m.u = BITS(c); /* C_US is bit 7 */
    m.zero = EQ(v, '0');
    m.one = EQ(v, '1');
    m.a6 = EQ(v, 0xA6);
    m.x9f = EQ(v, 0x9F);
    m.dig = BITS(_mm256_slli_epi16(c, 4)); /* C_DIG is bit 3 */
    m.d25 = BITS(_mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(3)), d));
    m.hex = any(c, C_DIG | C_HEXA);
    m.ident = any(c, (char)C_IDENT);
    m.sep = any(c, C_SEP);
    m.kw = any(kw, (char)0xFF) | BITS(rc);
#undef BITS
#undef EQ
    return m;
}

/* The masks of the 64 bytes at p (p[-2] and p[-1] readable). */
__attribute__((target("avx2"), always_inline)) static inline void masks64(const unsigned char *p,
                                                                         struct masks *m, size_t k)
{
    struct masks32 a = masks32(p), b = masks32(p + 32);
#define JOIN(f) m->f[k] = a.f | (uint64_t)b.f << 32
    JOIN(x); JOIN(n); JOIN(u); JOIN(zero); JOIN(one); JOIN(a6); JOIN(x9f);
    JOIN(dig); JOIN(d25); JOIN(hex); JOIN(ident); JOIN(sep); JOIN(kw);
#undef JOIN
}

/* masks64() with AVX-512BW: the same tables, compares straight into bit
 * masks.  Compares and tests into masks and the shuffles all take one
 * execution port, which bounds the loop: the classes in a sign bit are
 * taken with vpmovb2m, which runs on another. */
#define T512 __attribute__((target("avx512f,avx512bw"), always_inline)) static inline
#define LUT512(...) _mm512_broadcast_i32x4(_mm_setr_epi8(__VA_ARGS__))

T512 __m512i lut512(__m512i v, __m512i lo, __m512i hi)
{
    const __m512i low4 = _mm512_set1_epi8(0x0F);
    return _mm512_and_si512(_mm512_shuffle_epi8(lo, _mm512_and_si512(v, low4)),
                            _mm512_shuffle_epi8(hi, _mm512_and_si512(_mm512_srli_epi16(v, 4), low4)));
}

T512 void masks64_512(const unsigned char *p, struct masks *m, size_t k)
{
    const __m512i c_lo = LUT512(C_LO_BYTES);
    const __m512i c_hi = LUT512(C_HI_BYTES);
    __m512i v = _mm512_loadu_si512((const void *)p);
    __m512i v1 = _mm512_loadu_si512((const void *)(p - 1)), v2 = _mm512_loadu_si512((const void *)(p - 2));
    __m512i lc = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
    __m512i c = lut512(v, c_lo, c_hi);
    __m512i kw = _mm512_and_si512(_mm512_and_si512(lut512(v2, LUT512(T1_LO_BYTES), LUT512(T1_HI_BYTES)),
                                                   lut512(v1, LUT512(T2_LO_BYTES), LUT512(T2_HI_BYTES))),
                                  lut512(v, LUT512(T3_LO_BYTES), LUT512(T3_HI_BYTES)));
#define EQ(x, ch) _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8((char)(ch)))
#define ANY(x, cls) _mm512_test_epi8_mask(x, _mm512_set1_epi8((char)(cls)))
    m->x[k] = EQ(lc, 'x');
    m->n[k] = EQ(lc, 'n');
    m->u[k] = _mm512_movepi8_mask(c); /* C_US is bit 7; a sign bit costs no shuffle port */
    m->zero[k] = EQ(v, '0');
    m->one[k] = EQ(v, '1');
    m->a6[k] = EQ(v, 0xA6);
    m->x9f[k] = EQ(v, 0x9F);
    m->dig[k] = _mm512_movepi8_mask(_mm512_slli_epi16(c, 4)); /* C_DIG is bit 3 */
    m->d25[k] = _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('2')), _mm512_set1_epi8(3));
    m->hex[k] = ANY(c, C_DIG | C_HEXA);
    m->ident[k] = ANY(c, C_IDENT);
    m->sep[k] = ANY(c, C_SEP);
    m->kw[k] = _mm512_test_epi8_mask(kw, kw) |
               (EQ(lc, 'c') & EQ(_mm512_or_si512(v1, _mm512_set1_epi8(0x20)), 'r'));
#undef EQ
#undef ANY
}

enum { BEFORE = 2 }; /* bytes before a block its masks read */

/* The 64 bytes at s + b (b may be negative) and the BEFORE before them,
 * bytes outside s[0..n) as NUL, copied to tmp; returns the block's start. */
static const unsigned char *edge_block(const unsigned char *s, size_t n, ptrdiff_t b,
                                       unsigned char tmp[BEFORE + 64])
{
    ptrdiff_t lo = b > BEFORE ? b - BEFORE : 0, hi = b + 64 < (ptrdiff_t)n ? b + 64 : (ptrdiff_t)n;

    memset(tmp, 0, BEFORE + 64);
    if (hi > lo)
        memcpy(tmp + BEFORE + (lo - b), s + lo, (size_t)(hi - lo));
    return tmp + BEFORE;
}

/* The masks of count blocks from s + b on (b may be negative) into m[]:
 * one loop per instruction set, so that the tables stay in registers.  The
 * blocks that need edge_block() (a call, after which no vector register
 * holds) come first and last, in loops of their own. */
#define MASKS_RUN(name, isa, masks_of)                                                              \
    __attribute__((target(isa))) static void name(const unsigned char *s, size_t n, ptrdiff_t b,    \
                                                     size_t count, struct masks *m)                    \
    {                                                                                                  \
        unsigned char tmp[BEFORE + 64];                                                                \
        size_t k = 0;                                                                                  \
        for (; k < count && b < BEFORE; k++, b += 64)                                                  \
            masks_of(edge_block(s, n, b, tmp), m, k);                                                  \
        for (; k < count && b + 64 <= (ptrdiff_t)n; k++, b += 64)                                      \
            masks_of(s + b, m, k);                                                                     \
        for (; k < count; k++, b += 64)                                                                \
            masks_of(edge_block(s, n, b, tmp), m, k);                                                  \
    }
MASKS_RUN(masks_run_avx2, "avx2", masks64)
MASKS_RUN(masks_run_512, "avx512f,avx512bw", masks64_512)
#undef MASKS_RUN

/* candidates() works on LANES blocks at once, with GCC's vector
 * extensions compiled for each instruction set. */
typedef uint64_t lanes __attribute__((vector_size(8 * LANES), aligned(8), may_alias));

/* Blocks k .. k + LANES - 1 of the class f. */
#define AT(f, k) (*(const lanes *)(m->f + (k)))

/* Bits of a class s bytes back / ahead of each byte of the blocks. */
#define CUR(f) AT(f, k + 1)
#define BACK(f, s) ((AT(f, k + 1) << (s)) | (AT(f, k) >> (64 - (s))))
#define AHEAD(f, s) ((AT(f, k + 1) >> (s)) | (AT(f, k + 2) << (64 - (s))))

/* The candidates of the blocks of masks k + 1 .. k + LANES: hex and decimal numbers in a
 * status context (up to three separators after a keyword's end, or four
 * separators) or of a form allowed anywhere ("0x1HH", "0x00..."), names
 * after "NX_", annotations; into cand[k .. k + LANES). */
static inline __attribute__((always_inline)) void candidates(const struct masks *m, size_t k, uint64_t *cand)
{
    lanes dec_ctx = BACK(sep, 1) & (BACK(kw, 2) | (BACK(sep, 2) & (BACK(kw, 3) | (BACK(sep, 3) &
                                                                  (BACK(kw, 4) | BACK(sep, 4))))));
    lanes hex_ctx = BACK(sep, 2) & (BACK(kw, 3) | (BACK(sep, 3) & (BACK(kw, 4) | (BACK(sep, 4) &
                                                                  (BACK(kw, 5) | BACK(sep, 5))))));
    lanes any3 = AHEAD(one, 1) & AHEAD(hex, 2) & AHEAD(hex, 3) & ~AHEAD(ident, 4);
    lanes any8 = AHEAD(zero, 1) & AHEAD(zero, 2);
    lanes hex = CUR(x) & BACK(zero, 1) & ~BACK(ident, 2) & (hex_ctx | any3 | any8);
    lanes shape = ~(AHEAD(dig, 1) & AHEAD(dig, 2)) | (~AHEAD(dig, 3) & CUR(d25));
    lanes dec = CUR(dig) & ~CUR(zero) & dec_ctx & shape;
    lanes name = CUR(u) & BACK(x, 1) & BACK(n, 2) & ~BACK(ident, 3);
    lanes ann = CUR(a6) & BACK(x9f, 1);
    lanes all = hex | dec | name | ann;
    memcpy(cand + k, &all, sizeof all);
}
#undef AT
#undef CUR
#undef BACK
#undef AHEAD

/* cand[k] for k < nb (rounded up to LANES), from the masks. */
#define CANDIDATES_RUN(name, isa)                                                               \
    __attribute__((target(isa))) static void name(const struct masks *m, size_t nb, uint64_t *cand) \
    {                                                                                           \
        for (size_t k = 0; k < nb; k += LANES)                                                  \
            candidates(m, k, cand);                                                             \
    }
CANDIDATES_RUN(candidates_avx2, "avx2")
CANDIDATES_RUN(candidates_512, "avx512f,avx512bw")
#undef CANDIDATES_RUN

size_t nxmsg__filter(const unsigned char *s, size_t n, size_t b, uint64_t cand[ANN_FILTER_BLOCKS])
{
    struct masks m;
    size_t nb = b >= n ? 0 : (n - b + 63) / 64, vb;
    int wide = __builtin_cpu_supports("avx512bw");

    if (nb > ANN_FILTER_BLOCKS)
        nb = ANN_FILTER_BLOCKS;
    vb = (nb + LANES - 1) / LANES * LANES; /* at most ANN_FILTER_BLOCKS */
    if (wide) {
        masks_run_512(s, n, (ptrdiff_t)b - 64, vb + 2, &m);
        candidates_512(&m, vb, cand);
    } else {
        masks_run_avx2(s, n, (ptrdiff_t)b - 64, vb + 2, &m);
        candidates_avx2(&m, vb, cand);
    }
    return nb;
}

#else

int nxmsg__filter_available(void)
{
    return 0;
}

size_t nxmsg__filter(const unsigned char *s, size_t n, size_t b, uint64_t cand[ANN_FILTER_BLOCKS])
{
    (void)s;
    (void)n;
    (void)b;
    (void)cand;
    return 0;
}

#endif
