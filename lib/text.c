/* text.c - UTF-8 validation, sanitizing, NFC, display width, truncation,
 * padding and line wrapping on ICU4C.
 *
 * Width: a code-point property trie (UCPTrie, built once from ICU's property
 * maps) gives each code point its column class and a few flags.  Text
 * without emoji-related code points is measured by summing the trie values
 * (ASCII needs no lookup); only from the last safe point before such a code
 * point on is the text walked by extended grapheme cluster with ICU's
 * character break iterator.  Break iterators are opened once and cloned once
 * per thread; the clones live until the thread exits. */
#include <config.h>

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/ucptrie.h>
#include <unicode/umutablecptrie.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "internal.h"

/* ---- the property trie ---------------------------------------------------- */

enum {
    P_W0 = 0, P_W1 = 1, P_W2 = 2, P_AMB = 3, /* column class */
    P_WMASK = 3,
    P_CTRL = 0x04,  /* Cc, U+2028, U+2029 */
    P_TRIG = 0x08,  /* may make a cluster's width differ from the sum */
    P_EMOJI = 0x10, /* Emoji property */
    P_EPRES = 0x20, /* Emoji_Presentation */
    P_NFCX = 0x40,  /* not (ccc 0 and NFC_Quick_Check Yes) */
    P_BAD = 0x80    /* the trie's error value: ill-formed UTF-8 */
};

static UCPTrie *trie;
static pthread_once_t trie_once = PTHREAD_ONCE_INIT;

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
 * property map is for which pick() says yes. */
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
static int pick_vt(uint32_t v)
{
    return v == U_HST_VOWEL_JAMO || v == U_HST_TRAILING_JAMO;
}
static int pick_prepend(uint32_t v) { return v == U_GCB_PREPEND; }
static int pick_nqc(uint32_t v) { return v != UNORM_YES; }
static int pick_ccc(uint32_t v) { return v != 0; }

static void build_trie(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UMutableCPTrie *m = umutablecptrie_open(P_W1, P_BAD, &st);
    UChar32 a = 0, b;
    uint32_t v;
    const UCPMap *eaw;

    if (U_FAILURE(st))
        return;
    /* East_Asian_Width first: W/F and A cover large ranges, set whole */
    eaw = u_getIntPropertyMap(UCHAR_EAST_ASIAN_WIDTH, &st);
    while (U_SUCCESS(st) &&
           (b = ucpmap_getRange(eaw, a, UCPMAP_RANGE_NORMAL, 0, NULL, NULL, &v)) >= 0) {
        if (pick_wide(v) || pick_amb(v))
            umutablecptrie_setRange(m, a, b, pick_wide(v) ? P_W2 : P_AMB, &st);
        a = b + 1;
    }
    /* zero width wins over W/F and A */
    set_map(m, UCHAR_GENERAL_CATEGORY, pick_zero_gc, P_WMASK, P_W0, &st);
    set_prop(m, UCHAR_DEFAULT_IGNORABLE_CODE_POINT, P_WMASK, P_W0, &st);
    set_map(m, UCHAR_HANGUL_SYLLABLE_TYPE, pick_vt, P_WMASK, P_W0, &st);
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
    set_range(m, 0xFE0F, 0xFE0F, 0, P_TRIG, &st);
    set_range(m, 0x200D, 0x200D, 0, P_TRIG, &st);
    set_range(m, 0x20E3, 0x20E3, 0, P_TRIG, &st);
    /* NFC quick check */
    set_map(m, UCHAR_NFC_QUICK_CHECK, pick_nqc, 0, P_NFCX, &st);
    set_map(m, UCHAR_CANONICAL_COMBINING_CLASS, pick_ccc, 0, P_NFCX, &st);
    if (U_SUCCESS(st))
        trie = umutablecptrie_buildImmutable(m, UCPTRIE_TYPE_FAST, UCPTRIE_VALUE_BITS_8, &st);
    if (U_FAILURE(st))
        trie = NULL;
    umutablecptrie_close(m);
}

static const UCPTrie *get_trie(void)
{
    pthread_once(&trie_once, build_trie);
    return trie;
}

/* Properties of one code point (only when the trie could not be built:
 * ICU data missing; then nothing is zero-width or wide). */
static unsigned props(const UCPTrie *t, UChar32 c)
{
    if (!t)
        return (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029) ? P_CTRL : P_W1;
    return UCPTRIE_FAST_GET(t, UCPTRIE_8, c);
}

/* ---- UTF-8 decoding ------------------------------------------------------- */

/* Decode the sequence at s[i..n): returns its length (>= 1) and the code
 * point, or -1 in *c for an ill-formed sequence whose length is then that
 * of its maximal subpart (as U8_NEXT and ICU's converters count). */
static size_t decode(const unsigned char *s, size_t i, size_t n, UChar32 *c)
{
    int32_t j = 0, lim = n - i > 4 ? 4 : (int32_t)(n - i);
    UChar32 cp;
    U8_NEXT(s + i, j, lim, cp);
    *c = cp;
    return (size_t)j;
}

static size_t resolve_len(const char *s, size_t len)
{
    if (len == NXMSG_STRLEN)
        return s ? strlen(s) : 0;
    return s ? len : 0;
}

int nxmsg_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    len = resolve_len(str, len);
    while (i < len) {
        UChar32 c;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        i += decode(s, i, len, &c);
        if (c < 0)
            return 0;
    }
    return 1;
}

/* ---- per-thread break iterators -------------------------------------------- */

struct tcache {
    UBreakIterator *gr, *line;
    UText ut;
    int ut_open;
};

static UBreakIterator *tmpl_gr, *tmpl_line;
static pthread_key_t tkey;
static pthread_once_t brk_once = PTHREAD_ONCE_INIT;
static __thread struct tcache *tcache;

static void tcache_free(void *p)
{
    struct tcache *tc = p;
    if (tc->gr)
        ubrk_close(tc->gr);
    if (tc->line)
        ubrk_close(tc->line);
    if (tc->ut_open)
        utext_close(&tc->ut);
    free(tc);
}

static void open_templates(void)
{
    UErrorCode st = U_ZERO_ERROR;
    tmpl_gr = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &st);
    if (U_FAILURE(st))
        tmpl_gr = NULL;
    st = U_ZERO_ERROR;
    tmpl_line = ubrk_open(UBRK_LINE, "ja@lb=strict", NULL, 0, &st);
    if (U_FAILURE(st))
        tmpl_line = NULL;
    pthread_key_create(&tkey, tcache_free);
}

static struct tcache *get_tcache(void)
{
    pthread_once(&brk_once, open_templates);
    if (!tcache) {
        struct tcache *tc = calloc(1, sizeof *tc);
        UErrorCode st = U_ZERO_ERROR;
        UText init = UTEXT_INITIALIZER;
        if (!tc)
            return NULL;
        tc->ut = init;
        if (tmpl_gr)
            tc->gr = ubrk_clone(tmpl_gr, &st);
        if (U_FAILURE(st))
            tc->gr = NULL;
        st = U_ZERO_ERROR;
        if (tmpl_line)
            tc->line = ubrk_clone(tmpl_line, &st);
        if (U_FAILURE(st))
            tc->line = NULL;
        pthread_setspecific(tkey, tc);
        tcache = tc;
    }
    return tcache;
}

/* A cursor over the boundaries of s[0..n) of one kind. */
struct brk {
    UBreakIterator *bi; /* NULL: code point boundaries */
    const unsigned char *s;
    size_t n;
};

static void brk_open(struct brk *b, const unsigned char *s, size_t n, int line)
{
    struct tcache *tc = get_tcache();
    b->s = s;
    b->n = n;
    b->bi = NULL;
    if (tc && n <= INT32_MAX) {
        UErrorCode st = U_ZERO_ERROR;
        UBreakIterator *bi = line ? tc->line : tc->gr;
        if (!bi)
            return;
        utext_openUTF8(&tc->ut, (const char *)s, (int64_t)n, &st);
        if (U_FAILURE(st))
            return;
        tc->ut_open = 1;
        ubrk_setUText(bi, &tc->ut, &st);
        if (U_SUCCESS(st))
            b->bi = bi;
    }
}

/* The first boundary after pos (pos < n), or n. */
static size_t brk_next(struct brk *b, size_t pos)
{
    if (pos >= b->n)
        return b->n;
    if (b->bi) {
        int32_t r = ubrk_following(b->bi, (int32_t)pos);
        return r == UBRK_DONE || (size_t)r > b->n ? b->n : (size_t)r;
    } else {
        UChar32 c;
        return pos + decode(b->s, pos, b->n, &c);
    }
}

size_t nxmsg_break_next(const char *s, size_t len, size_t pos, int kind)
{
    struct brk b;
    len = resolve_len(s, len);
    if (pos >= len)
        return len;
    brk_open(&b, (const unsigned char *)s, len, kind == NXMSG_BREAK_LINE);
    return brk_next(&b, pos);
}

/* ---- rendering ------------------------------------------------------------- */

/* Output with the *_r rules; whole clusters only. */
struct out {
    char *buf;
    size_t size; /* 0: measure only */
    size_t n;    /* bytes of the whole result so far */
    size_t cut;  /* where the written prefix ends (SIZE_MAX: not cut yet) */
};

static void out_init(struct out *o, char *buf, size_t size)
{
    o->buf = buf;
    o->size = buf ? size : 0;
    o->n = 0;
    o->cut = SIZE_MAX;
}

static void put(struct out *o, const void *p, size_t k)
{
    if (o->cut == SIZE_MAX && o->n < o->size) {
        size_t room = o->size - o->n;
        memcpy(o->buf + o->n, p, k < room ? k : room);
    }
    o->n += k;
}

/* Call after each cluster that started at output offset start. */
static void out_commit(struct out *o, size_t start)
{
    if (o->cut == SIZE_MAX && o->size && o->n > o->size - 1)
        o->cut = start;
}

static size_t out_finish(struct out *o)
{
    if (o->size) {
        size_t end = o->cut == SIZE_MAX ? o->n : o->cut;
        o->buf[end < o->size ? end : o->size - 1] = '\0';
    }
    return o->n;
}

static void put_spaces(struct out *o, size_t k)
{
    static const char sp[] = "                ";
    while (k > 0) {
        size_t m = k < 16 ? k : 16;
        put(o, sp, m);
        k -= m;
    }
}

static const char hexd[] = "0123456789ABCDEF";

/* Bad bytes s[0..k): U+FFFD or \xHH each; returns the width. */
static size_t put_bad(struct out *o, const unsigned char *s, size_t k, unsigned flags)
{
    if (flags & NXMSG_TEXT_SAFE_HEX) {
        if (o)
            for (size_t i = 0; i < k; i++) {
                char e[4] = { '\\', 'x', hexd[s[i] >> 4], hexd[s[i] & 15] };
                put(o, e, 4);
            }
        return 4 * k;
    }
    if (o)
        put(o, "\xEF\xBF\xBD", 3);
    return (flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? 2 : 1;
}

static size_t amb(unsigned flags) { return (flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? 2 : 1; }

enum { ONE_LINE = 0, MULTI_LINE = 1 };

/* Render (o may be NULL: measure) the cluster s[a..b) starting at column
 * col.  Returns the column after it; in MULTI_LINE mode a line break
 * returns 0. */
static size_t do_cluster(const UCPTrie *t, const unsigned char *s, size_t a, size_t b, size_t col,
                         unsigned flags, int mode, struct out *o)
{
    size_t w = 0, i = a;
    int emoji = 0, first = 1;
    unsigned fp = 0;

    while (i < b) {
        UChar32 c;
        size_t k = decode(s, i, b, &c);
        unsigned p;
        if (c < 0) {
            w += put_bad(o, s + i, k, flags);
            i += k;
            first = 0;
            continue;
        }
        p = props(t, c);
        if (p & P_CTRL) {
            if (c == '\t') {
                size_t to = 8 - (col + w) % 8;
                if (o)
                    put_spaces(o, to);
                w += to;
            } else if (c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029) {
                if (c == '\r' && i + 1 < b && s[i + 1] == '\n')
                    k = 2;
                if (mode == MULTI_LINE) {
                    if (o)
                        put(o, "\n", 1);
                    return 0;
                }
                if (o)
                    put(o, " ", 1);
                w += 1;
            } else {
                w += put_bad(o, s + i, k, flags);
            }
            i += k;
            first = 0;
            continue;
        }
        if (first) {
            fp = p;
            if (p & P_EPRES)
                emoji = 1;
        } else if ((fp & P_EMOJI) &&
                   (c == 0xFE0F || c == 0x20E3 || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF))) {
            emoji = 1;
        }
        first = 0;
        switch (p & P_WMASK) {
        case P_W0: break;
        case P_W1: w += 1; break;
        case P_W2: w += 2; break;
        default: w += amb(flags); break;
        }
        if (o)
            put(o, s + i, k);
        i += k;
    }
    if (emoji)
        w = 2;
    return col + w;
}

/* Column after s[a..n) (a is a cluster boundary) starting at column col,
 * one line, walking clusters. */
static size_t width_slow(const UCPTrie *t, const unsigned char *s, size_t a, size_t n, size_t col,
                         unsigned flags)
{
    struct brk br;
    brk_open(&br, s + a, n - a, 0);
    for (size_t i = 0; i < n - a;) {
        size_t j = brk_next(&br, i);
        col = do_cluster(t, s + a, i, j, col, flags, ONE_LINE, NULL);
        i = j;
    }
    return col;
}

size_t nxmsg_width(const char *str, size_t len, unsigned flags)
{
    const UCPTrie *t = get_trie();
    const unsigned char *s = (const unsigned char *)str;
    size_t col = 0, safe = 0, safecol = 0, i = 0, aw = amb(flags);

    len = resolve_len(str, len);
    if (!t)
        return width_slow(t, s, 0, len, 0, flags);
    while (i < len) {
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7F) {
            /* a cluster boundary precedes every printable ASCII character
             * not after Prepend (which is P_TRIG) */
            safe = i;
            safecol = col;
            do {
                col++;
                i++;
            } while (i < len && s[i] >= 0x20 && s[i] < 0x7F);
            continue;
        }
        if (c < 0x80) {
            if (c == '\t')
                col += 8 - col % 8;
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
                    i++;
                col++;
            } else
                col += (flags & NXMSG_TEXT_SAFE_HEX) ? 4 : aw;
            i++;
            continue;
        }
        {
            const char *p = (const char *)s + i, *lim = (const char *)s + len;
            unsigned v;
            UCPTRIE_FAST_U8_NEXT(t, UCPTRIE_8, p, lim, v);
            size_t k = (size_t)(p - ((const char *)s + i));
            if (v == P_BAD) {
                col += (flags & NXMSG_TEXT_SAFE_HEX) ? 4 * k : aw;
            } else if (v & P_TRIG) {
                return width_slow(t, s, safe, len, safecol, flags);
            } else if (v & P_CTRL) {
                /* C1 (2 bytes) or U+2028/U+2029 (3 bytes) */
                col += k == 3 ? 1 : (flags & NXMSG_TEXT_SAFE_HEX) ? 8 : aw;
            } else {
                switch (v & P_WMASK) {
                case P_W0: break;
                case P_W1: col += 1; break;
                case P_W2: col += 2; break;
                default: col += aw; break;
                }
            }
            i += k;
        }
    }
    return col;
}

/* ---- sanitize, truncate, pad ------------------------------------------------ */

size_t nxmsg_sanitize(const char *str, size_t len, unsigned flags, char *buf, size_t size)
{
    const UCPTrie *t = get_trie();
    const unsigned char *s = (const unsigned char *)str;
    struct out o;
    struct brk br;
    size_t col = 0;

    len = resolve_len(str, len);
    out_init(&o, buf, size);
    brk_open(&br, s, len, 0);
    for (size_t i = 0; i < len;) {
        size_t j = brk_next(&br, i), start = o.n;
        col = do_cluster(t, s, i, j, col, flags, MULTI_LINE, &o);
        out_commit(&o, start);
        i = j;
    }
    return out_finish(&o);
}

/* Render s[0..n) as one line into o, whole clusters while the column stays
 * <= maxcol.  Returns the column reached. */
static size_t render_line(const unsigned char *s, size_t n, unsigned flags, size_t maxcol,
                          struct out *o)
{
    const UCPTrie *t = get_trie();
    struct brk br;
    size_t col = 0;

    brk_open(&br, s, n, 0);
    for (size_t i = 0; i < n;) {
        size_t j = brk_next(&br, i), start = o->n;
        size_t c2 = do_cluster(t, s, i, j, col, flags, ONE_LINE, NULL);
        if (c2 > maxcol)
            break;
        col = do_cluster(t, s, i, j, col, flags, ONE_LINE, o);
        out_commit(o, start);
        i = j;
    }
    return col;
}

/* Truncate into o; returns the columns used. */
static size_t truncate_to(const unsigned char *s, size_t len, size_t cols, const char *ell,
                          unsigned flags, struct out *o)
{
    size_t w = nxmsg_width((const char *)s, len, flags), used;

    if (w <= cols)
        return render_line(s, len, flags, w, o);
    if (ell && *ell && cols > 0) {
        size_t el = strlen(ell), ew = nxmsg_width(ell, el, flags);
        if (ew <= cols) {
            used = render_line(s, len, flags, cols - ew, o);
            return used + render_line((const unsigned char *)ell, el, flags, ew, o);
        }
    }
    return render_line(s, len, flags, cols, o);
}

size_t nxmsg_truncate(const char *s, size_t len, size_t cols, const char *ellipsis, unsigned flags,
                      char *buf, size_t size)
{
    struct out o;
    len = resolve_len(s, len);
    out_init(&o, buf, size);
    truncate_to((const unsigned char *)s, len, cols, ellipsis, flags, &o);
    return out_finish(&o);
}

size_t nxmsg_pad(const char *str, size_t len, size_t cols, int align, unsigned flags, char *buf,
                 size_t size)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t w, left = 0, right;
    struct out o;

    len = resolve_len(str, len);
    out_init(&o, buf, size);
    w = nxmsg_width(str, len, flags);
    if (w > cols) {
        /* measure what fits, then render it after the left padding */
        struct out m;
        out_init(&m, NULL, 0);
        w = truncate_to(s, len, cols, NULL, flags, &m);
    }
    right = cols - w;
    if (align == NXMSG_ALIGN_RIGHT) {
        left = right;
        right = 0;
    } else if (align == NXMSG_ALIGN_CENTER) {
        left = right / 2;
        right -= left;
    }
    for (size_t k = 0; k < left; k++) {
        size_t start = o.n;
        put(&o, " ", 1);
        out_commit(&o, start);
    }
    render_line(s, len, flags, w, &o);
    for (size_t k = 0; k < right; k++) {
        size_t start = o.n;
        put(&o, " ", 1);
        out_commit(&o, start);
    }
    return out_finish(&o);
}
