/* annotate.c - bilingual log fragments; finding codes in logs; streaming
 * annotation with bounded memory.  Rules and formats: include/nxmsg.h and
 * doc/annotate.md. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal.h"

static const char *const default_langs[2] = { "en", "ja" };

#define OPEN "\xE2\x9F\xA6"  /* U+27E6 */
#define CLOSE "\xE2\x9F\xA7" /* U+27E7 */

/* ---- log fragments ---------------------------------------------------------- */

struct sink {
    char *buf;
    size_t size; /* of buf */
    size_t used; /* bytes written, < size */
    size_t total;
    int full;
};

/* Append a piece; a piece is cut only where nxmsg__utf8_cut allows. */
static void sink_put(struct sink *s, const char *p, size_t n)
{
    if (s->size && !s->full) {
        size_t room = s->size - 1 - s->used;
        size_t k = n <= room ? n : nxmsg__utf8_cut(p, n, room);
        memcpy(s->buf + s->used, p, k);
        s->used += k;
        if (k < n)
            s->full = 1;
    }
    s->total += n;
}

static size_t format(unsigned int code, const nxmsg_entry *e, const char *const *langs,
                     size_t nlangs, char *buf, size_t size)
{
    struct sink s = { buf, buf ? size : 0, 0, 0, 0 };
    char hex[16];

    if (!langs || nlangs == 0) {
        langs = default_langs;
        nlangs = 2;
    }
    sink_put(&s, hex, (size_t)snprintf(hex, sizeof hex, "0x%02X", code));
    if (e) {
        sink_put(&s, " ", 1);
        sink_put(&s, nxmsg_entry_name(e), e->name_len);
    }
    sink_put(&s, ": ", 2);
    for (size_t i = 0; i < nlangs; i++) {
        const char *t = e ? nxmsg__texts(langs[i])[e->index] : nxmsg_describe(code, langs[i]);
        if (i)
            sink_put(&s, " / ", 3);
        sink_put(&s, t, strlen(t));
    }
    if (s.size)
        s.buf[s.used] = '\0';
    return s.total;
}

size_t nxmsg_format_log_r(unsigned int code, const char *const *langs, size_t nlangs, char *buf,
                          size_t size)
{
    return format(code, nxmsg_find(code), langs, nlangs, buf, size);
}

size_t nxmsg_format_entry_r(const nxmsg_entry *e, const char *const *langs, size_t nlangs, char *buf,
                            size_t size)
{
    return format(e ? e->value : 0xFFFFFFFFu, e, langs, nlangs, buf, size);
}

/* ---- recognition ------------------------------------------------------------ */

static int is_ident(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

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

/* Whether a number token ending at j ends there: not an identifier going
 * on, not a decimal fraction. */
static int number_ends(const unsigned char *s, size_t n, size_t j)
{
    if (j == n)
        return 1;
    if (is_ident(s[j]))
        return 0;
    return !(s[j] == '.' && j + 1 < n && is_digit(s[j + 1]));
}

static const struct {
    char word[9];
    unsigned char len;
} keywords[] = {
    { "status", 6 }, { "error", 5 }, { "err", 3 }, { "ret", 3 }, { "return", 6 },
    { "returned", 8 }, { "rc", 2 }, { "result", 6 }, { "code", 4 },
};

/* Whether s[0..k) ends with a keyword and separator, as the digit at k
 * needs. */
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
    while (w > 0 && k - w < 9 && (((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z')))
        w--;
    wl = k - w;
    if (wl < 2 || wl > 8)
        return 0;
    if (w > 0 && (is_ident(s[w - 1]) && s[w - 1] != '_'))
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

/* Candidate positions i (1 <= i < n):
 *   s[i] is x or X and s[i-1] is '0'                  (hex)
 *   s[i] is '_' and s[i-1] is X or x                  (a name: "NX_")
 *   s[i] is '2'..'5' and s[i-1] is ' ', '\t', '=', ':'  (decimal; the
 *   vector loop also wants s[i+1] and s[i+2] to be digits) */
static int candidate(const unsigned char *s, size_t i)
{
    unsigned char c = s[i], p = s[i - 1];
    return ((c | 0x20) == 'x' && p == '0') || (c == '_' && (p | 0x20) == 'x') ||
           (c >= '2' && c <= '5' && (p == ' ' || p == '\t' || p == '=' || p == ':'));
}

static size_t next_candidate(const unsigned char *s, size_t n, size_t i)
{
    if (i == 0)
        i = 1;
#ifdef __SSE2__
    {
        const __m128i x = _mm_set1_epi8('x'), u = _mm_set1_epi8('_'), zero = _mm_set1_epi8('0');
        const __m128i b20 = _mm_set1_epi8(0x20), two = _mm_set1_epi8('2'), three = _mm_set1_epi8(3);
        const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
        const __m128i eq = _mm_set1_epi8('='), colon = _mm_set1_epi8(':');
        const __m128i nine = _mm_set1_epi8(9);
        for (; i + 18 <= n; i += 16) {
            __m128i c = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i p = _mm_loadu_si128((const __m128i *)(s + i - 1));
            __m128i lc = _mm_or_si128(c, b20), lp = _mm_or_si128(p, b20);
            __m128i hex = _mm_and_si128(_mm_cmpeq_epi8(lc, x), _mm_cmpeq_epi8(p, zero));
            __m128i name = _mm_and_si128(_mm_cmpeq_epi8(c, u), _mm_cmpeq_epi8(lp, x));
            __m128i d = _mm_sub_epi8(c, two);
            __m128i d1 = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i + 1)), zero);
            __m128i d2 = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i + 2)), zero);
            __m128i dig = _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(d, three), d),
                                        _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(d1, nine), d1),
                                                      _mm_cmpeq_epi8(_mm_min_epu8(d2, nine), d2)));
            __m128i sep = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(p, sp), _mm_cmpeq_epi8(p, tab)),
                                       _mm_or_si128(_mm_cmpeq_epi8(p, eq), _mm_cmpeq_epi8(p, colon)));
            __m128i m = _mm_or_si128(_mm_or_si128(hex, name), _mm_and_si128(dig, sep));
            int bits = _mm_movemask_epi8(m);
            if (bits)
                return i + (size_t)__builtin_ctz((unsigned)bits);
        }
    }
#endif
    for (; i < n; i++)
        if (candidate(s, i))
            return i;
    return n;
}

/* Check the candidate at i; on a match fill *m and return 1. */
static int match_at(const unsigned char *s, size_t n, size_t from, size_t i, nxmsg_match *m)
{
    const nxmsg_entry *e = NULL;
    size_t t, j;

    if ((s[i] | 0x20) == 'x') {
        unsigned long v = 0;
        t = i - 1;
        if (t < from || (t > 0 && is_ident(s[t - 1])) || (t > 1 && s[t - 1] == '.' && is_digit(s[t - 2])))
            return 0;
        for (j = i + 1; j < n && j - i <= 8 && hexval(s[j]) >= 0; j++)
            v = v * 16 + (unsigned long)hexval(s[j]);
        if ((j - i - 1 != 3 && j - i - 1 != 8) || !number_ends(s, n, j) || v == 0)
            return 0;
        e = nxmsg_find((unsigned int)v);
    } else if (s[i] == '_') {
        char up[96];
        int idx;
        static const char prefix[] = "nx_secure_";
        if (i < 2 || (t = i - 2) < from || (t > 0 && is_ident(s[t - 1])) || n - t < 12)
            return 0;
        for (j = 0; j < 10; j++)
            if ((s[t + j] | (j == 2 || j == 9 ? 0 : 0x20)) != prefix[j])
                return 0;
        for (j = t; j < n && is_ident(s[j]) && j - t < sizeof up; j++)
            up[j - t] = (char)((s[j] >= 'a' && s[j] <= 'z') ? s[j] - 'a' + 'A' : s[j]);
        if (j < n && is_ident(s[j]))
            return 0;
        idx = nxmsg__msg_by_ctxt(up, j - t);
        if (idx >= 0 && idx < NXMSG_N_CODES)
            e = &nxmsg__entries[idx];
    } else {
        unsigned v;
        t = i;
        if (i + 3 > n || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !number_ends(s, n, i + 3))
            return 0;
        j = i + 3;
        v = (unsigned)(s[i] - '0') * 100 + (unsigned)(s[i + 1] - '0') * 10 + (unsigned)(s[i + 2] - '0');
        if (!keyword_before(s, i))
            return 0;
        e = nxmsg_find(v);
    }
    if (!e)
        return 0;
    m->offset = t;
    m->length = j - t;
    m->entry = e;
    return 1;
}

/* The first match at or after from, or 0. */
static int scan(const unsigned char *s, size_t n, size_t from, nxmsg_match *m)
{
    size_t i = from + 1;
    while ((i = next_candidate(s, n, i)) < n) {
        if (match_at(s, n, from, i, m))
            return 1;
        i++;
    }
    return 0;
}

size_t nxmsg_find_codes(const char *text, size_t len, nxmsg_match *out, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t count = 0, pos = 0;
    nxmsg_match m;

    if (!text)
        return 0;
    while (scan(s, len, pos, &m)) {
        if (out && count < max)
            out[count] = m;
        count++;
        pos = m.offset + m.length;
    }
    return count;
}

/* ---- the annotator ------------------------------------------------------------ */

#define OBUF_SIZE 65536
#define HOLD_MAX 16384
#define CUT_WINDOW 128

struct nxmsg_annotator {
    nxmsg_annotate_mode mode;
    int only_matching;
    const char *langs[NXMSG_ANNOTATE_MAX_LANGS];
    size_t nlangs;
    nxmsg_write_fn write;
    void *ctx;
    int err;

    /* " ⟦fragment⟧" for every entry, built once */
    char *ann[NXMSG_N_CODES];
    size_t ann_len[NXMSG_N_CODES];
    char *arena;

    unsigned long long counts[NXMSG_N_CODES];

    /* held input: the start of an incomplete line */
    char *buf;
    size_t cap, len;

    /* the current line */
    unsigned long long line_no; /* lines finished in this stream */
    size_t line_off;            /* bytes of it written in earlier segments */
    int line_forced;            /* written regardless of --only-matching */
    unsigned char seen[NXMSG_N_CODES];
    unsigned char order[NXMSG_N_CODES];
    size_t nseen;

    /* output: a pending run of input bytes, then generated bytes */
    const char *pend;
    size_t pend_len;
    char *obuf;
    size_t olen;

    /* strip mode: bytes that may be an annotation */
    char *hold;
    size_t hlen;
};

static void wr(nxmsg_annotator *a, const char *p, size_t n)
{
    if (!a->err && n) {
        int r = a->write(a->ctx, p, n);
        if (r)
            a->err = r;
    }
}

static void flush_pend(nxmsg_annotator *a)
{
    if (a->pend_len)
        wr(a, a->pend, a->pend_len);
    a->pend_len = 0;
}

static void flush_obuf(nxmsg_annotator *a)
{
    if (a->olen)
        wr(a, a->obuf, a->olen);
    a->olen = 0;
}

static void flush(nxmsg_annotator *a)
{
    flush_pend(a);
    flush_obuf(a);
}

/* Input bytes: kept as a pointer while they follow each other in memory. */
static void put_src(nxmsg_annotator *a, const char *p, size_t n)
{
    if (n == 0)
        return;
    flush_obuf(a);
    if (a->pend_len && a->pend + a->pend_len == p) {
        a->pend_len += n;
        return;
    }
    flush_pend(a);
    a->pend = p;
    a->pend_len = n;
}

static void put_gen(nxmsg_annotator *a, const char *p, size_t n)
{
    flush_pend(a);
    if (a->olen + n > OBUF_SIZE)
        flush_obuf(a);
    if (n > OBUF_SIZE) {
        wr(a, p, n);
        return;
    }
    memcpy(a->obuf + a->olen, p, n);
    a->olen += n;
}

static void put_str(nxmsg_annotator *a, const char *s)
{
    put_gen(a, s, strlen(s));
}

/* Length of a valid UTF-8 sequence at s[0..n), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned long c;
    size_t k;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        k = 2, c = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        k = 3, c = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        k = 4, c = s[0] & 0x07;
    else
        return 0;
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
        (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
        return 0;
    return k;
}

/* A JSON string body: valid UTF-8 kept, controls escaped, other bytes as
 * \udcXX. */
static void put_json_chars(nxmsg_annotator *a, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    char esc[8];

    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = utf8_seq(s + i, n - i)) > 0) {
            i += k;
            continue;
        }
        put_gen(a, str + run, i - run);
        switch (c) {
        case '"': put_gen(a, "\\\"", 2); break;
        case '\\': put_gen(a, "\\\\", 2); break;
        case '\n': put_gen(a, "\\n", 2); break;
        case '\r': put_gen(a, "\\r", 2); break;
        case '\t': put_gen(a, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, c < 0x80 ? "\\u%04x" : "\\udc%02x", c);
            put_gen(a, esc, 6);
        }
        run = ++i;
    }
    put_gen(a, str + run, n - run);
}

static void put_json_str(nxmsg_annotator *a, const char *s, size_t n)
{
    put_gen(a, "\"", 1);
    put_json_chars(a, s, n);
    put_gen(a, "\"", 1);
}

static void put_json_code(nxmsg_annotator *a, const char *line, const nxmsg_match *m, size_t base, int first)
{
    const nxmsg_entry *e = m->entry;
    char num[160];

    snprintf(num, sizeof num, "%s{\"offset\":%zu,\"length\":%zu,\"match\":", first ? "" : ",",
             base + m->offset, m->length);
    put_str(a, num);
    put_json_str(a, line + m->offset, m->length);
    snprintf(num, sizeof num, ",\"value\":%u,\"hex\":\"0x%02X\",\"name\":\"%s\",\"domain\":\"%s\"",
             e->value, e->value, nxmsg_entry_name(e), nxmsg_domain_name((nxmsg_domain)e->domain));
    put_str(a, num);
    for (size_t i = 0; i < a->nlangs; i++) {
        const char *t = nxmsg__texts(a->langs[i])[e->index];
        const char *key = a->langs[i] ? a->langs[i] : "text";
        put_gen(a, ",", 1);
        put_json_str(a, key, strlen(key));
        put_gen(a, ":", 1);
        put_json_str(a, t, strlen(t));
    }
    put_gen(a, "}", 1);
}

static void json_record(nxmsg_annotator *a, const char *s, size_t content, size_t eol, int any)
{
    char head[96];
    nxmsg_match m;
    size_t pos = 0;
    int first = 1;

    if (a->only_matching && !any)
        return;
    snprintf(head, sizeof head, "{\"line\":%llu,\"offset\":%zu,\"text\":", a->line_no + 1, a->line_off);
    put_str(a, head);
    put_json_str(a, s, content);
    put_str(a, ",\"eol\":");
    put_json_str(a, s + content, eol);
    put_str(a, ",\"codes\":[");
    while (scan((const unsigned char *)s, content, pos, &m)) {
        put_json_code(a, s, &m, a->line_off, first);
        first = 0;
        pos = m.offset + m.length;
    }
    put_str(a, "]}\n");
}

/* One record: a whole line, or a segment of a long one (last: the line ends
 * with it).  s stays valid until the next flush. */
static void record(nxmsg_annotator *a, const char *s, size_t n, int last)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t eol = 0, content, pos = 0, done = 0;
    nxmsg_match m;
    int found;

    if (last && n > 0 && s[n - 1] == '\n')
        eol = n >= 2 && s[n - 2] == '\r' ? 2 : 1;
    content = n - eol;
    if (!last || a->line_off > 0)
        a->line_forced = 1;

    found = scan(u, content, 0, &m);
    if (a->mode == NXMSG_ANNOTATE_JSON) {
        if (!(last && a->line_off > 0 && n == 0))
            json_record(a, s, content, eol, found);
        for (; found; found = scan(u, content, pos, &m)) {
            a->counts[m.entry->index]++;
            pos = m.offset + m.length;
        }
    } else {
        int show = a->mode != NXMSG_ANNOTATE_COUNT &&
                   (!a->only_matching || a->line_forced || found);
        for (; found; found = scan(u, content, pos, &m)) {
            size_t idx = m.entry->index;
            a->counts[idx]++;
            if (a->mode == NXMSG_ANNOTATE_INLINE && show) {
                done = m.offset + m.length;
                put_src(a, s + pos, done - pos);
                put_gen(a, a->ann[idx], a->ann_len[idx]);
            } else if (a->mode == NXMSG_ANNOTATE_SUFFIX && !a->seen[idx]) {
                a->seen[idx] = 1;
                a->order[a->nseen++] = (unsigned char)idx;
            }
            pos = m.offset + m.length;
        }
        if (show) {
            put_src(a, s + done, content - done);
            if (a->mode == NXMSG_ANNOTATE_SUFFIX && last) {
                for (size_t i = 0; i < a->nseen; i++)
                    put_gen(a, a->ann[a->order[i]], a->ann_len[a->order[i]]);
            }
            put_src(a, s + content, eol);
        }
    }
    if (last) {
        for (size_t i = 0; i < a->nseen; i++)
            a->seen[a->order[i]] = 0;
        a->nseen = 0;
        a->line_no++;
        a->line_off = 0;
        a->line_forced = 0;
    } else {
        a->line_off += n;
    }
}

/* Where to end a segment taken from the first cap bytes of s. */
static size_t safe_cut(const char *str, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t c;

    for (c = cap; c > 0 && cap - c < CUT_WINDOW; c--) {
        unsigned char b = s[c - 1];
        if (b < 0x80 && !is_ident(b) && !is_blank(b) && b != '=' && b != ':' && b != '.' && b != '\r')
            return c;
        /* after a blank that no separator or number follows */
        if (is_blank(b) && c < cap && !is_digit(s[c]) && !is_blank(s[c]) && s[c] != '=' && s[c] != ':')
            return c;
    }
    /* no good place: cut at cap unless that splits the last character */
    for (c = cap - 1; c > 0 && cap - c < 4 && (s[c] & 0xC0) == 0x80; c--)
        ;
    if (c > 0 && s[c] >= 0xC2 && s[c] <= 0xF4 &&
        (size_t)(s[c] >= 0xF0 ? 4 : s[c] >= 0xE0 ? 3 : 2) > cap - c)
        return c;
    return cap;
}

/* A line (or the start of one when !last) that begins at s; segments it
 * when it is longer than the buffer. */
static void line(nxmsg_annotator *a, const char *s, size_t n, int last)
{
    while (n > a->cap) {
        size_t cut = safe_cut(s, a->cap);
        record(a, s, cut, 0);
        s += cut;
        n -= cut;
    }
    record(a, s, n, last);
}

/* Complete lines s[0..n), n > 0, s[n-1] == '\n'. */
static void lines(nxmsg_annotator *a, const char *s, size_t n)
{
    const char *end = s + n;

    /* INLINE and COUNT need no lines: scan all at once when no line can be
     * longer than the buffer (the result is the same as line by line) */
    if ((a->mode == NXMSG_ANNOTATE_INLINE || a->mode == NXMSG_ANNOTATE_COUNT) && !a->only_matching &&
        a->line_off == 0 && n <= a->cap) {
        size_t pos = 0, done = 0;
        nxmsg_match m;
        while (scan((const unsigned char *)s, n, pos, &m)) {
            size_t idx = m.entry->index;
            pos = m.offset + m.length;
            a->counts[idx]++;
            if (a->mode == NXMSG_ANNOTATE_INLINE) {
                put_src(a, s + done, pos - done);
                put_gen(a, a->ann[idx], a->ann_len[idx]);
                done = pos;
            }
        }
        if (a->mode == NXMSG_ANNOTATE_INLINE)
            put_src(a, s + done, n - done);
        return;
    }
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        line(a, s, (size_t)(nl + 1 - s), 1);
        s = nl + 1;
    }
}

/* ---- strip ------------------------------------------------------------------ */

static void strip_feed(nxmsg_annotator *a, const char *s, size_t n)
{
    static const char open[] = " " OPEN;
    const char *end = s + n;

    while (s < end) {
        unsigned char c = (unsigned char)*s;
        if (a->hlen == 0) {
            /* outside: copy up to the next blank */
            const char *sp = memchr(s, ' ', (size_t)(end - s));
            if (!sp) {
                put_src(a, s, (size_t)(end - s));
                return;
            }
            put_src(a, s, (size_t)(sp - s));
            a->hold[a->hlen++] = ' ';
            s = sp + 1;
            continue;
        }
        if (a->hlen < 4) {
            if (c == (unsigned char)open[a->hlen]) {
                a->hold[a->hlen++] = (char)c;
                s++;
            } else {
                put_gen(a, a->hold, a->hlen);
                a->hlen = 0;
            }
            continue;
        }
        a->hold[a->hlen++] = (char)c;
        s++;
        if (a->hlen >= 7 && memcmp(a->hold + a->hlen - 3, CLOSE, 3) == 0) {
            a->hlen = 0; /* an annotation: drop it */
        } else if (a->hlen >= 8 && memcmp(a->hold + a->hlen - 4, open, 4) == 0) {
            put_gen(a, a->hold, a->hlen - 4);
            memcpy(a->hold, open, 4);
            a->hlen = 4;
        } else if (c == '\n' || a->hlen == HOLD_MAX) {
            put_gen(a, a->hold, a->hlen);
            a->hlen = 0;
        }
    }
}

/* ---- the public annotator API ---------------------------------------------------- */

/* Build the annotation " ⟦fragment⟧" of every entry. */
static int build_annotations(nxmsg_annotator *a)
{
    size_t total = 0, off = 0;

    for (size_t i = 0; i < NXMSG_N_CODES; i++)
        total += nxmsg_format_entry_r(&nxmsg__entries[i], a->langs, a->nlangs, NULL, 0) + 8;
    a->arena = malloc(total);
    if (!a->arena)
        return -1;
    for (size_t i = 0; i < NXMSG_N_CODES; i++) {
        char *p = a->arena + off, *q, *w;
        size_t n = nxmsg_format_entry_r(&nxmsg__entries[i], a->langs, a->nlangs, p + 4, total - off - 4);
        memcpy(p, " " OPEN, 4);
        /* no brackets of ours inside */
        for (q = w = p + 4; q < p + 4 + n;) {
            /* OPEN and CLOSE share their first two bytes */
            if (q + 3 <= p + 4 + n && q[0] == OPEN[0] && q[1] == OPEN[1] && (q[2] == OPEN[2] || q[2] == CLOSE[2])) {
                *w++ = q[2] == OPEN[2] ? '[' : ']';
                q += 3;
            } else {
                *w++ = *q++;
            }
        }
        memcpy(w, CLOSE, 3);
        w += 3;
        a->ann[i] = p;
        a->ann_len[i] = (size_t)(w - p);
        off += a->ann_len[i];
    }
    return 0;
}

nxmsg_annotator *nxmsg_annotator_new(const nxmsg_annotate_options *opt, nxmsg_write_fn write, void *ctx)
{
    static const nxmsg_annotate_options defaults = { NXMSG_ANNOTATE_INLINE, NULL, 0, 0, 0 };
    nxmsg_annotator *a;

    if (!opt)
        opt = &defaults;
    if (!write || (unsigned)opt->mode > NXMSG_ANNOTATE_STRIP || opt->nlangs > NXMSG_ANNOTATE_MAX_LANGS)
        return NULL;
    a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->mode = opt->mode;
    a->only_matching = opt->only_matching != 0;
    a->write = write;
    a->ctx = ctx;
    if (opt->langs && opt->nlangs) {
        a->nlangs = opt->nlangs;
        for (size_t i = 0; i < opt->nlangs; i++)
            a->langs[i] = opt->langs[i];
    } else {
        a->nlangs = 2;
        a->langs[0] = default_langs[0];
        a->langs[1] = default_langs[1];
    }
    a->cap = opt->line_buffer ? opt->line_buffer : (size_t)1 << 20;
    if (a->cap < 256)
        a->cap = 256;
    a->buf = malloc(a->cap);
    a->obuf = malloc(OBUF_SIZE);
    a->hold = a->mode == NXMSG_ANNOTATE_STRIP ? malloc(HOLD_MAX) : NULL;
    if (!a->buf || !a->obuf || (a->mode == NXMSG_ANNOTATE_STRIP && !a->hold) || build_annotations(a) < 0) {
        nxmsg_annotator_free(a);
        return NULL;
    }
    return a;
}

int nxmsg_annotator_feed(nxmsg_annotator *a, const void *data, size_t len)
{
    const char *p = data, *end;

    if (!a || (!data && len))
        return NXMSG_EINVAL;
    if (a->err || len == 0)
        return a->err;
    end = p + len;
    if (a->mode == NXMSG_ANNOTATE_STRIP) {
        strip_feed(a, p, len);
        flush(a);
        return a->err;
    }
    while (p < end && !a->err) {
        if (a->len == 0) {
            /* nothing held: complete lines straight from the caller's bytes */
            const char *nl = memrchr(p, '\n', (size_t)(end - p));
            if (nl) {
                lines(a, p, (size_t)(nl + 1 - p));
                p = nl + 1;
                continue;
            }
        }
        {
            size_t room = a->cap - a->len, n = (size_t)(end - p) < room ? (size_t)(end - p) : room;
            const char *nl = memchr(p, '\n', n);
            if (nl)
                n = (size_t)(nl + 1 - p);
            memcpy(a->buf + a->len, p, n);
            a->len += n;
            p += n;
            if (nl) {
                record(a, a->buf, a->len, 1);
                flush(a);
                a->len = 0;
            } else if (a->len == a->cap) {
                size_t cut = safe_cut(a->buf, a->cap);
                record(a, a->buf, cut, 0);
                flush(a);
                memmove(a->buf, a->buf + cut, a->len - cut);
                a->len -= cut;
            }
        }
    }
    flush(a);
    return a->err;
}

int nxmsg_annotator_finish(nxmsg_annotator *a)
{
    if (!a)
        return NXMSG_EINVAL;
    if (a->mode == NXMSG_ANNOTATE_STRIP) {
        put_gen(a, a->hold, a->hlen);
        a->hlen = 0;
    } else if (a->len > 0 || a->line_off > 0) {
        line(a, a->buf, a->len, 1);
    }
    flush(a);
    a->len = 0;
    a->line_no = 0;
    a->line_off = 0;
    a->line_forced = 0;
    return a->err;
}

unsigned long long nxmsg_annotator_count(const nxmsg_annotator *a, const nxmsg_entry *e)
{
    return a && e ? a->counts[e->index] : 0;
}

void nxmsg_annotator_free(nxmsg_annotator *a)
{
    if (!a)
        return;
    free(a->arena);
    free(a->buf);
    free(a->obuf);
    free(a->hold);
    free(a);
}
