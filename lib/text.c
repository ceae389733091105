/* text.c - UTF-8 validation, sanitizing, NFC, display width, truncation,
 * padding and line wrapping on ICU4C.
 *
 * Width: a code-point property trie (UCPTrie, computed from ICU's property
 * maps at build time by lib/gen-text-trie.c and opened in place) gives each
 * code point its column class and a few flags.  Text
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
#include <unicode/ucptrie.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "internal.h"
#include "text-props.h"
#include "text.h"

/* ---- the property trie ---------------------------------------------------- */

/* Built at build time (lib/gen-text-trie.c) and opened in place, once: no
 * per-code-point work at start-up. */
static UCPTrie *trie;
static pthread_once_t trie_once = PTHREAD_ONCE_INIT;

static void open_trie(void)
{
    UErrorCode st = U_ZERO_ERROR;
    uint16_t one = 1;
    unsigned char little;

    memcpy(&little, &one, 1);
    trie = ucptrie_openFromBinary(UCPTRIE_TYPE_FAST, UCPTRIE_VALUE_BITS_8,
                                  little ? nxmsg__text_trie_le : nxmsg__text_trie_be,
                                  (int32_t)nxmsg__text_trie_size, NULL, &st);
    if (U_FAILURE(st))
        trie = NULL;
}

static const UCPTrie *get_trie(void)
{
    pthread_once(&trie_once, open_trie);
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

/* Decode the sequence at s[i..n) (i < n) with the core's decoder: returns
 * its length (>= 1) and the code point, or -1 in *c for an ill-formed
 * sequence whose length is then that of its maximal subpart (as U8_NEXT and
 * ICU's converters count). */
static size_t decode(const unsigned char *s, size_t i, size_t n, UChar32 *c)
{
    long cp;
    size_t k = nxmsg__utf8_next(s + i, n - i, &cp);
    *c = (UChar32)cp;
    return k;
}

static size_t resolve_len(const char *s, size_t len)
{
    if (len == NXMSG_STRLEN)
        return s ? strlen(s) : 0;
    return s ? len : 0;
}

/* ---- per-thread break iterators -------------------------------------------- */

/* Iterators of a thread: one per use that can be active at the same time
 * (width measuring runs inside the other walks). */
enum { IT_GRAPHEME, IT_LINE, IT_WIDTH, IT_N };

struct tcache {
    UBreakIterator *bi[IT_N];
    UText ut[IT_N];
    int ut_open[IT_N];
    const unsigned char *text[IT_N]; /* what bi[k] walks, for brk_continue */
    size_t len[IT_N];
    /* nxmsg_wrap_next going on through one text: the text, where its last
     * line ended, and a stretch of it known to hold no line break */
    const unsigned char *wtext;
    size_t wlen, wnext, nonl_from, nonl_to;
};

static UBreakIterator *tmpl_gr, *tmpl_line;
static pthread_key_t tkey;
static pthread_once_t brk_once = PTHREAD_ONCE_INIT;
static __thread struct tcache *tcache;

static void tcache_free(void *p)
{
    struct tcache *tc = p;
    for (int k = 0; k < IT_N; k++) {
        if (tc->bi[k])
            ubrk_close(tc->bi[k]);
        if (tc->ut_open[k])
            utext_close(&tc->ut[k]);
    }
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
        UText init = UTEXT_INITIALIZER;
        if (!tc)
            return NULL;
        for (int k = 0; k < IT_N; k++) {
            UErrorCode st = U_ZERO_ERROR;
            UBreakIterator *t = k == IT_LINE ? tmpl_line : tmpl_gr;
            tc->ut[k] = init;
            if (t)
                tc->bi[k] = ubrk_clone(t, &st);
            if (U_FAILURE(st))
                tc->bi[k] = NULL;
        }
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

static void brk_open(struct brk *b, const unsigned char *s, size_t n, int which)
{
    struct tcache *tc = get_tcache();
    b->s = s;
    b->n = n;
    b->bi = NULL;
    if (tc && tc->bi[which] && n <= INT32_MAX) {
        UErrorCode st = U_ZERO_ERROR;
        utext_openUTF8(&tc->ut[which], (const char *)s, (int64_t)n, &st);
        if (U_FAILURE(st))
            return;
        tc->ut_open[which] = 1;
        tc->text[which] = NULL;
        ubrk_setUText(tc->bi[which], &tc->ut[which], &st);
        if (U_SUCCESS(st)) {
            b->bi = tc->bi[which];
            tc->text[which] = s;
            tc->len[which] = n;
        }
    }
}

/* As brk_open, but when this thread's iterator already walks s[0..n) (a
 * caller going on through the same text: nxmsg_wrap_next after its first
 * line), keep its cache instead of starting again: linear, not quadratic,
 * in the text's length. */
static void brk_continue(struct brk *b, const unsigned char *s, size_t n, int which)
{
    struct tcache *tc = get_tcache();
    if (tc && tc->bi[which] && tc->text[which] == s && tc->len[which] == n) {
        b->s = s;
        b->n = n;
        b->bi = tc->bi[which];
        return;
    }
    brk_open(b, s, n, which);
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
    brk_open(&b, (const unsigned char *)s, len, kind == NXMSG_BREAK_LINE ? IT_LINE : IT_GRAPHEME);
    return brk_next(&b, pos);
}

/* ---- cursors for the layers above (text.h) ----------------------------------- */

struct nxmsg__cursor {
    UBreakIterator *bi;
    UText ut;
    int ut_open;
    int by_code_point; /* no iterator for this text: code point boundaries */
    const unsigned char *s;
    size_t n, pos;
};

nxmsg__cursor *nxmsg__cursor_new(int kind)
{
    nxmsg__cursor *c = calloc(1, sizeof *c);
    UBreakIterator *t;
    UText init = UTEXT_INITIALIZER;

    if (!c)
        return NULL;
    pthread_once(&brk_once, open_templates);
    t = kind == NXMSG_BREAK_LINE ? tmpl_line : tmpl_gr;
    c->ut = init;
    if (t) {
        UErrorCode st = U_ZERO_ERROR;
        c->bi = ubrk_clone(t, &st);
        if (U_FAILURE(st))
            c->bi = NULL;
    }
    return c;
}

void nxmsg__cursor_set(nxmsg__cursor *c, const char *s, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;

    c->s = (const unsigned char *)s;
    c->n = n;
    c->pos = 0;
    c->by_code_point = 1;
    if (c->bi && n <= INT32_MAX) {
        utext_openUTF8(&c->ut, s, (int64_t)n, &st);
        c->ut_open = 1;
        ubrk_setUText(c->bi, &c->ut, &st);
        c->by_code_point = U_FAILURE(st);
    }
}

size_t nxmsg__cursor_next(nxmsg__cursor *c)
{
    if (c->pos >= c->n)
        return c->n;
    if (c->by_code_point) {
        UChar32 cp;
        c->pos += decode(c->s, c->pos, c->n, &cp);
    } else {
        int32_t b = ubrk_next(c->bi);
        c->pos = b == UBRK_DONE || b <= 0 || (size_t)b > c->n ? c->n : (size_t)b;
    }
    return c->pos;
}

void nxmsg__cursor_free(nxmsg__cursor *c)
{
    if (!c)
        return;
    if (c->bi)
        ubrk_close(c->bi);
    if (c->ut_open)
        utext_close(&c->ut);
    free(c);
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

/* Whether the cluster s[i..) starts with a mark-like code point that joins
 * the output before it (a defective combining sequence). */
static int attaches(const UCPTrie *t, const unsigned char *s, size_t i, size_t n)
{
    UChar32 c;
    if (i >= n || s[i] < 0x80)
        return 0;
    decode(s, i, n, &c);
    return c >= 0 && (props(t, c) & P_EXT) && !(props(t, c) & P_CTRL);
}

/* Call after each cluster that started at output offset start (for a
 * cluster that attaches, the start of the cluster it attaches to). */
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

/* k spaces: as put(), but only those that fit are copied and the rest is
 * counted, so that a huge k returns at once. */
static void put_spaces(struct out *o, size_t k)
{
    static const char sp[] = "                ";
    size_t room = o->cut == SIZE_MAX && o->n < o->size ? o->size - o->n : 0;

    for (size_t left = k < room ? k : room, at = o->n; left > 0;) {
        size_t m = left < 16 ? left : 16;
        memcpy(o->buf + at, sp, m);
        at += m;
        left -= m;
    }
    o->n = o->n > SIZE_MAX - k ? SIZE_MAX : o->n + k;
}

/* k spaces, each a cluster of its own (padding). */
static void pad_spaces(struct out *o, size_t k)
{
    size_t start = o->n;
    put_spaces(o, k);
    if (k && o->cut == SIZE_MAX && o->size && o->n > o->size - 1)
        o->cut = start > o->size - 1 ? start : o->size - 1;
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

/* Columns of one code point of properties p outside an emoji cluster. */
static size_t cp_cols(unsigned p, unsigned flags)
{
    switch (p & P_WMASK) {
    case P_W0: return 0;
    case P_W1: return 1;
    case P_W2: return 2;
    default: return amb(flags);
    }
}

/* The state of one cluster being measured or rendered. */
struct cluster {
    size_t w;    /* columns so far, summed */
    unsigned fp; /* properties of its first code point (0: bad or a mark) */
    int first;   /* nothing taken yet */
    int zwj;     /* a U+200D seen */
    int emoji;   /* an emoji presentation sequence (UTS #51) */
    int escaped; /* the output so far ends in "\xHH" (safe-hex mode) */
};

/* Note code point c (properties p) for the emoji rule. */
static void note_emoji(struct cluster *k, UChar32 c, unsigned p)
{
    if (k->first) {
        /* a cluster that starts with a mark (at the start of the text or
         * after a control) is defective: it attaches to whatever is shown
         * before it, so it is summed, never an emoji cluster */
        k->fp = (p & P_EXT) ? 0 : p;
        k->emoji = (k->fp & P_EPRES) != 0;
    } else if ((k->fp & P_EMOJI) &&
               (c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
                (k->zwj && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)))) {
        k->emoji = 1;
    }
    if (c == 0x200D)
        k->zwj = 1;
    k->first = 0;
}

/* A control c (k bytes at s[i..b)) inside a cluster at column col: TAB to
 * spaces, a line break to "\n" (MULTI_LINE: returns 1, the cluster ends
 * the line) or " ", anything else escaped.  *len gets the bytes taken. */
static int do_control(struct cluster *k, UChar32 c, const unsigned char *s, size_t i, size_t b,
                      size_t col, unsigned flags, int mode, struct out *o, size_t *len)
{
    k->escaped = 0;
    k->first = 0;
    if (c == '\t') {
        size_t to = 8 - (col + k->w) % 8;
        if (o)
            put_spaces(o, to);
        k->w += to;
    } else if (c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029) {
        if (c == '\r' && i + 1 < b && s[i + 1] == '\n')
            *len = 2;
        if (o)
            put(o, mode == MULTI_LINE ? "\n" : " ", 1);
        if (mode == MULTI_LINE)
            return 1;
        k->w += 1;
    } else {
        k->w += put_bad(o, s + i, *len, flags);
        k->escaped = (flags & NXMSG_TEXT_SAFE_HEX) != 0;
    }
    return 0;
}

/* Whether code point c (properties p) must be escaped in safe-hex mode: a
 * joiner, VS16, keycap mark or emoji modifier after "\xHH" (in the
 * cluster, after marks attached to the escape, or opening a defective
 * cluster) would turn the escape's last digit into an emoji.  Updates
 * k->escaped: marks after an escape still attach to its last digit. */
static int must_escape(struct cluster *k, unsigned p, unsigned flags)
{
    if (k->first && (flags & NXMSG_TEXT_SAFE_HEX))
        k->escaped = 1; /* a defective cluster may follow an escape */
    if (k->escaped && (p & P_EXT) && (p & P_TRIG))
        return 1;
    k->escaped = k->escaped && (p & P_EXT) && !(p & P_CTRL);
    return 0;
}

/* Render (o may be NULL: measure) the cluster s[a..b) starting at column
 * col.  Returns the column after it; in MULTI_LINE mode a line break
 * returns 0. */
static size_t do_cluster(const UCPTrie *t, const unsigned char *s, size_t a, size_t b, size_t col,
                         unsigned flags, int mode, struct out *o)
{
    struct cluster k = { 0, 0, 1, 0, 0, 0 };
    int narrow = (flags & NXMSG_TEXT_EMOJI_NARROW) != 0;

    for (size_t i = a; i < b;) {
        UChar32 c;
        size_t len = decode(s, i, b, &c);
        unsigned p = c < 0 ? 0 : props(t, c);
        if (c < 0) {
            k.w += put_bad(o, s + i, len, flags);
            k.escaped = (flags & NXMSG_TEXT_SAFE_HEX) != 0;
            k.first = 0;
        } else if (must_escape(&k, p, flags)) {
            k.w += put_bad(o, s + i, len, flags);
        } else if (p & P_CTRL) {
            if (do_control(&k, c, s, i, b, col, flags, mode, o, &len))
                return 0;
        } else {
            /* terminals that draw emoji sequences narrow show what follows
             * a joiner on top of what precedes it */
            if (!(narrow && k.zwj))
                k.w += cp_cols(p, flags);
            note_emoji(&k, c, p);
            if (o)
                put(o, s + i, len);
        }
        i += len;
    }
    return col + (k.emoji && !narrow ? 2 : k.w);
}

/* Column after s[a..n) (a is a cluster boundary) starting at column col,
 * one line, walking clusters; stops early once the column passes cap (the
 * column only grows from cluster to cluster). */
static size_t width_slow(const UCPTrie *t, const unsigned char *s, size_t a, size_t n, size_t col,
                         unsigned flags, size_t cap)
{
    struct brk br;
    brk_open(&br, s + a, n - a, IT_WIDTH);
    for (size_t i = 0; i < n - a && col <= cap;) {
        size_t j = brk_next(&br, i);
        col = do_cluster(t, s + a, i, j, col, flags, ONE_LINE, NULL);
        i = j;
    }
    return col;
}

/* Columns of a non-ASCII unit of k bytes whose trie value is v (not a
 * cluster that needs the slow path); aw: an ambiguous character's. */
static size_t unit_width(unsigned v, size_t k, unsigned flags, size_t aw)
{
    if (v == P_BAD)
        return (flags & NXMSG_TEXT_SAFE_HEX) ? 4 * k : aw;
    if (v & P_CTRL) /* C1 (2 bytes) or U+2028/U+2029 (3 bytes) */
        return k == 3 ? 1 : (flags & NXMSG_TEXT_SAFE_HEX) ? 8 : aw;
    switch (v & P_WMASK) {
    case P_W0: return 0;
    case P_W1: return 1;
    case P_W2: return 2;
    default: return aw;
    }
}

/* The end of the printable ASCII run that starts at s[i] (i < len), after
 * at most room + 1 characters. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t len, size_t room)
{
    size_t lim = len - i > room ? i + room + 1 : len;
    do
        i++;
    while (i < lim && s[i] >= 0x20 && s[i] < 0x7F);
    return i;
}

/* The column after s[0..len) drawn from column col (TAB stops count from
 * column 0), one line.  Once that column is known to pass cap, the walk
 * stops and returns some column above cap (a long run is not measured to
 * its end to learn that it does not fit).  It stops only where the column
 * so far can only grow: before a printable ASCII character (a cluster
 * boundary, where the walk by cluster would restart), and before a code
 * point that neither extends a cluster nor may change one's width (P_EXT,
 * P_TRIG: up to there every cluster is the sum of its code points). */
static inline size_t measure_upto(const unsigned char *s, size_t len, size_t col, unsigned flags,
                                  size_t cap)
{
    const UCPTrie *t = get_trie();
    size_t safe = 0, safecol = col, i = 0, aw = amb(flags);

    if (!t)
        return width_slow(t, s, 0, len, col, flags, cap);
    while (i < len) {
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7F) {
            /* a cluster boundary precedes every printable ASCII character
             * not after Prepend (which is P_TRIG) */
            if (col > cap)
                return col;
            safe = i;
            safecol = col;
            i = ascii_run(s, i, len, cap - col);
            col += i - safe;
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
            if (col > cap && v != P_BAD && !(v & (P_TRIG | P_EXT)))
                return col;
            if (v != P_BAD && (v & P_TRIG))
                return width_slow(t, s, safe, len, safecol, flags, cap);
            col += unit_width(v, k, flags, aw);
            i += k;
        }
    }
    return col;
}

static size_t measure(const unsigned char *s, size_t len, size_t col, unsigned flags)
{
    return measure_upto(s, len, col, flags, SIZE_MAX);
}

size_t nxmsg_width(const char *s, size_t len, unsigned flags)
{
    return measure((const unsigned char *)s, resolve_len(s, len), 0, flags);
}

/* Conjoining Hangul jamo (U+1100..U+11FF, U+A960..U+A97F, U+D7B0..U+D7FF):
 * the only code points that join wide ones into one cluster without being
 * marks. */
static int is_jamo(const unsigned char *p)
{
    return (p[0] == 0xE1 && (p[1] == 0x84 || p[1] == 0x85 || p[1] == 0x86 || p[1] == 0x87)) ||
           (p[0] == 0xEA && p[1] == 0xA5 && p[2] >= 0xA0 && p[2] <= 0xBF) ||
           (p[0] == 0xED && p[1] >= 0x9E && p[1] <= 0x9F);
}

size_t nxmsg__widest_cluster(const char *str, size_t n, unsigned flags)
{
    const UCPTrie *t = get_trie();
    const unsigned char *s = (const unsigned char *)str;
    size_t widest = 0, i = 0, col = 0;
    struct brk br;

    /* one code point a cluster: the widest code point */
    while (t && i < n) {
        const char *p = str + i;
        unsigned v;
        if (s[i] >= 0x20 && s[i] < 0x7F) {
            widest = widest ? widest : 1;
            i++;
            continue;
        }
        if (s[i] < 0x80 || (i + 2 < n && is_jamo(s + i)))
            break;
        UCPTRIE_FAST_U8_NEXT(t, UCPTRIE_8, p, str + n, v);
        if (v == P_BAD || (v & (P_CTRL | P_TRIG | P_EXT)))
            break;
        if (cp_cols(v, flags) > widest)
            widest = cp_cols(v, flags);
        i = (size_t)(p - str);
    }
    if (t && i == n)
        return widest;
    widest = 0;
    brk_open(&br, s, n, IT_GRAPHEME);
    for (size_t a = 0, b; a < n; a = b) {
        size_t c2;
        b = brk_next(&br, a);
        c2 = do_cluster(t, s, a, b, col, flags, ONE_LINE, NULL);
        if (c2 - col > widest)
            widest = c2 - col;
        col = c2;
    }
    return widest;
}

/* ---- sanitize, truncate, pad ------------------------------------------------ */

/* Whether sanitizing s[0..len) changes nothing: well-formed, no control
 * (TAB and line breaks included), and in safe-hex mode no joiner, VS16,
 * keycap mark or modifier opening the text. */
static int needs_nothing(const UCPTrie *t, const unsigned char *s, size_t len, unsigned flags)
{
    const char *p = (const char *)s, *lim = p + len;

    if (!t)
        return 0;
    while (p < lim) {
        unsigned v;
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F) {
            p++;
            continue;
        }
        if ((unsigned char)*p < 0x80)
            return 0;
        if (p == (const char *)s && (flags & NXMSG_TEXT_SAFE_HEX)) {
            UCPTRIE_FAST_U8_NEXT(t, UCPTRIE_8, p, lim, v);
            if (v == P_BAD || (v & (P_CTRL | P_EXT)))
                return 0;
            continue;
        }
        UCPTRIE_FAST_U8_NEXT(t, UCPTRIE_8, p, lim, v);
        if (v == P_BAD || (v & P_CTRL))
            return 0;
    }
    return 1;
}

size_t nxmsg_sanitize(const char *str, size_t len, unsigned flags, char *buf, size_t size)
{
    const UCPTrie *t = get_trie();
    const unsigned char *s = (const unsigned char *)str;
    struct out o;
    struct brk br;
    size_t col = 0;

    len = resolve_len(str, len);
    if ((!buf || size == 0 || len < size) && needs_nothing(t, s, len, flags)) {
        if (buf && size) {
            if (len)
                memcpy(buf, s, len); /* s may be NULL when len is 0 */
            buf[len] = '\0';
        }
        return len;
    }
    out_init(&o, buf, size);
    brk_open(&br, s, len, IT_GRAPHEME);
    for (size_t i = 0, unit = 0; i < len;) {
        size_t j = brk_next(&br, i);
        if (!attaches(t, s, i, len))
            unit = o.n;
        col = do_cluster(t, s, i, j, col, flags, MULTI_LINE, &o);
        out_commit(&o, unit);
        i = j;
    }
    return out_finish(&o);
}

/* Render s[0..n) as one line into o, whole clusters while the column stays
 * <= maxcol.  Returns the column reached. */
static size_t render_line(const unsigned char *s, size_t n, unsigned flags, size_t maxcol,
                          struct out *o, size_t *unitp)
{
    const UCPTrie *t = get_trie();
    struct brk br;
    size_t col = 0;

    brk_open(&br, s, n, IT_GRAPHEME);
    size_t unit = unitp ? *unitp : o->n;
    for (size_t i = 0; i < n;) {
        size_t j = brk_next(&br, i);
        size_t c2 = do_cluster(t, s, i, j, col, flags, ONE_LINE, NULL);
        if (c2 > maxcol)
            break;
        if (!attaches(t, s, i, n))
            unit = o->n;
        col = do_cluster(t, s, i, j, col, flags, ONE_LINE, o);
        out_commit(o, unit);
        i = j;
    }
    if (unitp)
        *unitp = unit;
    return col;
}

/* Truncate into o; returns the columns used. */
static size_t truncate_to(const unsigned char *s, size_t len, size_t cols, const char *ell,
                          unsigned flags, struct out *o, size_t *unit)
{
    size_t w = nxmsg_width((const char *)s, len, flags), used;

    if (w <= cols)
        return render_line(s, len, flags, w, o, unit);
    if (ell && *ell && cols > 0) {
        size_t el = strlen(ell), ew = nxmsg_width(ell, el, flags);
        if (ew <= cols) {
            used = render_line(s, len, flags, cols - ew, o, unit);
            return used + render_line((const unsigned char *)ell, el, flags, ew, o, unit);
        }
    }
    return render_line(s, len, flags, cols, o, unit);
}

size_t nxmsg_truncate(const char *s, size_t len, size_t cols, const char *ellipsis, unsigned flags,
                      char *buf, size_t size)
{
    struct out o;
    len = resolve_len(s, len);
    out_init(&o, buf, size);
    if (cols > 0) /* 0 columns hold nothing, not even zero-width clusters */
        truncate_to((const unsigned char *)s, len, cols, ellipsis, flags, &o, NULL);
    return out_finish(&o);
}

size_t nxmsg_pad(const char *str, size_t len, size_t cols, int align, unsigned flags, char *buf,
                 size_t size)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t w, left = 0, right, unit;
    struct out o;

    len = resolve_len(str, len);
    out_init(&o, buf, size);
    w = nxmsg_width(str, len, flags);
    if (w > cols) {
        /* measure what fits, then render it after the left padding */
        struct out m;
        out_init(&m, NULL, 0);
        w = truncate_to(s, len, cols, NULL, flags, &m, NULL);
    }
    right = cols - w;
    if (align == NXMSG_ALIGN_RIGHT) {
        left = right;
        right = 0;
    } else if (align == NXMSG_ALIGN_CENTER) {
        left = right / 2;
        right -= left;
    }
    pad_spaces(&o, left);
    /* a text that starts with a mark attaches to the last space */
    unit = left ? o.n - 1 : o.n;
    render_line(s, len, flags, w, &o, &unit);
    pad_spaces(&o, right);
    return out_finish(&o);
}

/* ---- NFC ------------------------------------------------------------------- */

/* The last boundary of kind b at or before pos (pos <= n). */
static size_t brk_prev_or_at(struct brk *b, size_t pos)
{
    if (pos >= b->n)
        return b->n;
    /* ICU moves an index inside a character to its start: do it first (at
     * worst, after stray continuation bytes, this is a little earlier) */
    for (int k = 0; k < 3 && pos > 0 && (b->s[pos] & 0xC0) == 0x80; k++)
        pos--;
    if (b->bi) {
        int32_t r;
        if (ubrk_isBoundary(b->bi, (int32_t)pos))
            return pos;
        r = ubrk_preceding(b->bi, (int32_t)pos);
        return r == UBRK_DONE || r < 0 ? 0 : (size_t)r;
    }
    return pos;
}

/* Copy s[0..n) to buf with the *_r rules; returns n. */
static size_t copy_clusters(const unsigned char *s, size_t n, char *buf, size_t size)
{
    size_t k = n;
    if (!buf || size == 0)
        return n;
    if (n > size - 1) {
        struct brk b;
        brk_open(&b, s, n, IT_GRAPHEME);
        k = brk_prev_or_at(&b, size - 1);
    }
    memcpy(buf, s, k);
    buf[k] = '\0';
    return n;
}

/* Whether every code point of str[0..len) has ccc 0 and NFC_Quick_Check
 * Yes (the trie's quick check): then the text is in NFC as it is. */
static int nfc_quick_yes(const UCPTrie *t, const char *str, size_t len)
{
    size_t i = 0;

    while (i < len) {
        if ((unsigned char)str[i] < 0x80) {
            i++;
        } else {
            const char *p = str + i;
            unsigned v;
            UCPTRIE_FAST_U8_NEXT(t, UCPTRIE_8, p, str + len, v);
            if (v & (P_NFCX | P_BAD))
                return 0;
            i = (size_t)(p - str);
        }
    }
    return 1;
}

/* str[0..len) in UTF-16 (U+FFFD for each maximal ill-formed subpart), in
 * stack[0..cap) if it fits, else in a new buffer; *l16 its length.  NULL on
 * failure. */
static UChar *utf8_to_utf16(const char *str, size_t len, UChar *stack, size_t cap, int32_t *l16)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *u16 = stack;

    u_strFromUTF8WithSub(NULL, 0, l16, str, (int32_t)len, 0xFFFD, NULL, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR)
        st = U_ZERO_ERROR;
    if ((size_t)*l16 + 1 > cap)
        u16 = malloc(((size_t)*l16 + 1) * sizeof *u16);
    if (u16 && U_SUCCESS(st))
        u_strFromUTF8WithSub(u16, *l16 + 1, NULL, str, (int32_t)len, 0xFFFD, NULL, &st);
    if (u16 && U_FAILURE(st)) {
        if (u16 != stack)
            free(u16);
        u16 = NULL;
    }
    return u16;
}

/* u16[0..l16) in NFC, as UTF-8 in a new buffer of *l8 bytes (and a NUL);
 * NULL on failure. */
static char *nfc_to_utf8(const UNormalizer2 *nfc, const UChar *u16, int32_t l16, int32_t *l8)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t ln16 = unorm2_normalize(nfc, u16, l16, NULL, 0, &st);
    UChar *n16;
    char *u8 = NULL;

    if (st == U_BUFFER_OVERFLOW_ERROR)
        st = U_ZERO_ERROR;
    n16 = U_SUCCESS(st) ? malloc(((size_t)ln16 + 1) * sizeof *n16) : NULL;
    if (!n16)
        return NULL;
    unorm2_normalize(nfc, u16, l16, n16, ln16 + 1, &st);
    u_strToUTF8(NULL, 0, l8, n16, ln16, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR)
        st = U_ZERO_ERROR;
    if (U_SUCCESS(st) && (u8 = malloc((size_t)*l8 + 1)) != NULL)
        u_strToUTF8(u8, *l8 + 1, NULL, n16, ln16, &st);
    if (u8 && U_FAILURE(st)) {
        free(u8);
        u8 = NULL;
    }
    free(n16);
    return u8;
}

size_t nxmsg_nfc(const char *str, size_t len, char *buf, size_t size)
{
    const UCPTrie *t = get_trie();
    const UNormalizer2 *nfc;
    UErrorCode st = U_ZERO_ERROR;
    UChar stack16[512], *u16;
    char *u8 = NULL;
    int32_t l16, l8 = 0;
    size_t r = 0;

    len = resolve_len(str, len);
    if (t && nfc_quick_yes(t, str, len))
        return copy_clusters((const unsigned char *)str, len, buf, size);
    nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st) || len > INT32_MAX / 3)
        return nxmsg_sanitize(str, len, 0, buf, size); /* no ICU data: defined, safe */
    u16 = utf8_to_utf16(str, len, stack16, sizeof stack16 / sizeof stack16[0], &l16);
    if (u16)
        u8 = nfc_to_utf8(nfc, u16, l16, &l8);
    if (u8)
        r = copy_clusters((const unsigned char *)u8, (size_t)l8, buf, size);
    else if (buf && size)
        buf[0] = '\0'; /* out of memory: an empty result, never a broken one */
    if (u16 != stack16)
        free(u16);
    free(u8);
    return r;
}

/* ---- wrapping -------------------------------------------------------------- */

/* Length of the line break at s[i] (CR LF, CR, LF, U+2028, U+2029), or 0. */
static size_t newline_len(const unsigned char *s, size_t i, size_t n)
{
    if (s[i] == '\n')
        return 1;
    if (s[i] == '\r')
        return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Whether the character at s[i] must not start a line (kinsoku): line-break
 * classes CL, CP, EX, IS, NS and CJ, and U+FF5E FULLWIDTH TILDE, which
 * JLREQ keeps off the line start like U+301C WAVE DASH (NS) although
 * Unicode gives it class ID. */
static int no_line_start(const unsigned char *s, size_t i, size_t n)
{
    UChar32 c;
    int lb;
    if (i >= n)
        return 0;
    decode(s, i, n, &c);
    if (c < 0)
        return 0;
    lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
    return lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS || lb == U_LB_EXCLAMATION ||
           lb == U_LB_INFIX_NUMERIC || lb == U_LB_NONSTARTER ||
           lb == U_LB_CONDITIONAL_JAPANESE_STARTER || c == 0xFF5E;
}

/* Length of the blank that hangs at the end of s[a..b) (space, TAB, or
 * U+3000 IDEOGRAPHIC SPACE, which JLREQ lets hang like a space), or 0. */
static size_t hang_len(const unsigned char *s, size_t a, size_t b)
{
    if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        return 1;
    if (b >= a + 3 && s[b - 3] == 0xE3 && s[b - 2] == 0x80 && s[b - 1] == 0x80)
        return 3;
    return 0;
}

/* End of s[a..b) without the blanks that hang (hang_len: space, TAB,
 * U+3000), where a wrapped line ends. */
static size_t end_without_hanging(const unsigned char *s, size_t a, size_t b)
{
    size_t k;
    while ((k = hang_len(s, a, b)) != 0)
        b -= k;
    return b;
}

/* The first line break in s[a..b) (s is n bytes): its offset, its length
 * in *nlk; b and 0 when there is none. */
static size_t find_newline(const unsigned char *s, size_t a, size_t b, size_t n, size_t *nlk)
{
    for (size_t i = a; i < b; i++)
        if ((*nlk = newline_len(s, i, n)) != 0)
            return i;
    *nlk = 0;
    return b;
}

/* One line being wrapped: s[p..) into cols columns. */
struct wline {
    const unsigned char *s;
    size_t n, p, cols;
    unsigned flags;
    size_t stop; /* where the search stopped: the break that did not fit,
                    or the end of the paragraph */
    size_t nlk;  /* length of the line break at stop, if it ends one */
    int early;   /* the search gave up at stop, a break before a kinsoku
                    character where the line was already too wide */
    int full;    /* never give up early */
    struct tcache *tc;
};

/* The line iterator over the text; it keeps its cache, and what is known of
 * the text, when the caller goes on from where the last line ended. */
static void line_iter(struct wline *l, struct brk *lb)
{
    struct tcache *tc = l->tc = get_tcache();

    if (tc && l->p > 0 && tc->wtext == l->s && tc->wlen == l->n && tc->wnext == l->p) {
        brk_continue(lb, l->s, l->n, IT_LINE);
        return;
    }
    brk_open(lb, l->s, l->n, IT_LINE);
    if (tc) {
        tc->wtext = l->s;
        tc->wlen = l->n;
        tc->wnext = l->p;
        tc->nonl_from = tc->nonl_to = 0;
    }
}

/* find_newline in the segment s[a..b), skipping the search in a stretch
 * already known to hold no line break: a run longer than a line is
 * searched once, not once for every line cut from it. */
static size_t seg_newline(struct wline *l, size_t a, size_t b)
{
    struct tcache *tc = l->tc;
    size_t nl;

    if (tc && tc->nonl_from <= a && b <= tc->nonl_to) {
        l->nlk = 0;
        return b;
    }
    nl = find_newline(l->s, a, b, l->n, &l->nlk);
    if (tc && nl == b) {
        tc->nonl_from = a;
        tc->nonl_to = b;
    }
    return nl;
}

/* end_without_hanging(s, p, b) given e_prev = end_without_hanging(s, p,
 * prev) (p <= prev <= b): only the segment s[prev..b) is looked at. */
static size_t seg_trim(const unsigned char *s, size_t prev, size_t b, size_t e_prev)
{
    size_t e = end_without_hanging(s, prev, b);
    return e > prev ? e : e_prev;
}

/* Width of s[p..e), at most a little above cols (measure_upto); the last
 * result is kept in *memo_e, *memo_w (a run of hanging blanks asks for the
 * same e at each of its opportunities). */
static size_t width_to(const struct wline *l, size_t e, size_t *memo_e, size_t *memo_w)
{
    if (e != *memo_e) {
        *memo_w = measure_upto(l->s + l->p, e - l->p, 0, l->flags, l->cols);
        *memo_e = e;
    }
    return *memo_w;
}

/* The last line-break opportunity b from l->p such that s[p..b) minus its
 * hanging blanks fits (SIZE_MAX if none does).  Widths are summed segment by
 * segment (linear), or re-measured from p when exact is set; a segment is
 * measured only until it is known not to fit. */
static size_t last_fit(struct wline *l, int exact)
{
    const unsigned char *s = l->s;
    size_t best = SIZE_MAX, prev = l->p, col = 0, b, e_prev = l->p, memo_e = SIZE_MAX, memo_w = 0;
    struct brk lb;

    line_iter(l, &lb);
    l->early = 0;
    for (;;) {
        size_t nl, e, w;
        int last;
        b = prev < l->n ? brk_next(&lb, prev) : l->n;
        nl = seg_newline(l, prev, b);
        last = nl < b || b >= l->n; /* the paragraph ends at nl */
        if (last) {
            b = nl;
        } else if (no_line_start(s, b, l->n)) {
            e_prev = seg_trim(s, prev, b, e_prev);
            col = measure_upto(s + prev, b - prev, col, l->flags, l->cols);
            prev = b;
            /* every later candidate is wider (it ends after b): none fits */
            if (col > l->cols && !exact && !l->full) {
                l->early = 1;
                break;
            }
            continue;
        }
        e = seg_trim(s, prev, b, e_prev);
        w = exact || e < prev ? width_to(l, e, &memo_e, &memo_w)
                              : measure_upto(s + prev, e - prev, col, l->flags, l->cols);
        if (e > l->p && w > l->cols)
            break;
        best = b;
        if (last)
            break;
        col = measure_upto(s + prev, b - prev, col, l->flags, l->cols);
        e_prev = e;
        prev = b;
    }
    l->stop = b;
    return best;
}

/* The end of the cluster at g (< n): between two printable ASCII
 * characters without asking the iterator (nothing joins them). */
static size_t next_cluster(struct brk *gr, const unsigned char *s, size_t g, size_t n)
{
    if (g + 1 < n && s[g] >= 0x20 && s[g] < 0x7F && s[g + 1] >= 0x20 && s[g + 1] < 0x7F)
        return g + 1;
    return brk_next(gr, g);
}

/* Where to cut the run s[p..stop) that has no opportunity and is wider
 * than the line: after whole clusters that fit, at least one; one cluster
 * earlier while that keeps a kinsoku character off the next line's start;
 * after an identifier's separator when that keeps half the line.  SIZE_MAX
 * when the clusters fit up to a stop where the search gave up early (then
 * search on to the real stop). */
static size_t cut_run(const struct wline *l)
{
    const unsigned char *s = l->s;
    size_t p = l->p, g, g2, prev = p, col;
    struct brk gr;

    brk_open(&gr, s, l->n, IT_GRAPHEME);
    g = next_cluster(&gr, s, p, l->n);
    col = measure(s + p, g - p, 0, l->flags);
    for (;;) {
        size_t c2;
        g2 = next_cluster(&gr, s, g, l->n);
        if (g2 == g || g2 > l->stop || (c2 = measure(s + g, g2 - g, col, l->flags)) > l->cols)
            break;
        prev = g;
        g = g2;
        col = c2;
    }
    if (l->early && g2 != g && g2 > l->stop)
        return SIZE_MAX;
    if (prev > p && no_line_start(s, g, l->n)) {
        size_t first = brk_next(&gr, p);
        while (g > first && no_line_start(s, g, l->n))
            g = brk_prev_or_at(&gr, g - 1);
        if (g < first)
            g = first;
    }
    /* NX_SECURE_TLS_ | KEY_MATERIAL_SIZE: the last separator that fits,
     * if the part before it holds at least half of the line */
    for (size_t q = g; q > p + 1 && q < l->n; q--) {
        if (strchr("_-/.", s[q - 1]) && s[q] >= 0x21 && s[q] < 0x7F && !no_line_start(s, q, l->n)) {
            if (measure(s + p, q - p, 0, l->flags) * 2 >= l->cols)
                g = q;
            break;
        }
    }
    return g;
}

/* Where the line from l->p ends (its length in *e) and the next one starts. */
static size_t wrap_line(struct wline *l, size_t *e)
{
    size_t best = last_fit(l, 0), next;

    *e = best == SIZE_MAX ? 0 : end_without_hanging(l->s, l->p, best);
    if (best != SIZE_MAX && measure_upto(l->s + l->p, *e - l->p, 0, l->flags, l->cols) > l->cols)
        best = last_fit(l, 1); /* a cluster across an opportunity: re-measure */
    if (best != SIZE_MAX) {
        *e = end_without_hanging(l->s, l->p, best);
        return best == l->stop && l->nlk ? best + l->nlk : best;
    }
    if ((next = cut_run(l)) == SIZE_MAX) {
        l->full = 1;
        last_fit(l, 0);
        next = cut_run(l);
    }
    return *e = next;
}

int nxmsg_wrap_next(const char *str, size_t len, size_t cols, unsigned flags, size_t *pos,
                    size_t *line_start, size_t *line_len)
{
    struct wline l;
    size_t e;

    len = resolve_len(str, len);
    if (!pos || *pos >= len)
        return 0;
    l.s = (const unsigned char *)str;
    l.n = len;
    l.p = *pos;
    l.cols = cols ? cols : 1;
    l.flags = flags;
    l.full = 0;
    l.tc = NULL;
    *pos = wrap_line(&l, &e);
    if (l.tc)
        l.tc->wnext = *pos;
    if (line_start)
        *line_start = l.p;
    if (line_len)
        *line_len = e - l.p;
    return 1;
}
