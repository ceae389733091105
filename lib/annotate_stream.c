/* annotate_stream.c - the streaming annotator: lines (and segments of
 * over-long lines) through the recognizer into inline, suffix, JSON or count
 * output, with bounded memory; --strip through annotate_strip.c.  API and
 * output formats: include/nxmsg.h and doc/annotate.md. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "annotate.h"

enum {
    OUT_SIZE = 256 * 1024, /* output buffer: written when full and at the end of each call */
    LINE_BUFFER_DEFAULT = 1 << 20,
    LINE_BUFFER_MIN = 256,
    CUT_WINDOW = 128,      /* how far back a segment end is looked for */
    UTF8_MAX = 4
};

/* Per entry, in the current line. */
enum { SEEN_CODE = 1, SEEN_ANNOTATION = 2 };

/* A line number in decimal, kept from one line to the next: counting on
 * by one costs a carry, not a division per digit. */
struct ann_decimal {
    unsigned long long value;
    size_t len;
    char digits[20]; /* most significant first */
};

struct nxmsg_annotator {
    nxmsg_annotate_mode mode;
    int only_matching;
    const char *langs[NXMSG_ANNOTATE_MAX_LANGS];
    size_t nlangs;
    struct ann_texts texts; /* whose annotations are recognized */
    struct ann_out out;

    /* " ⟦fragment⟧" for every entry, built once */
    char *ann[NXMSG_N_CODES];
    size_t ann_len[NXMSG_N_CODES];
    char *arena;

    /* JSON: the end of every entry's code object (from ,"value" on), built
     * once: entry i's is json_tails[json_off[i] .. json_off[i + 1]) */
    char *json_tails;
    size_t json_off[NXMSG_N_CODES + 1];
    struct ann_decimal json_line; /* the last line number written */

    unsigned long long counts[NXMSG_N_CODES];

    /* held input: the start of an incomplete line */
    char *buf;
    size_t cap, len;

    /* the current line */
    unsigned long long line_no; /* lines finished in this stream */
    size_t line_off;            /* bytes of it written in earlier segments */
    int line_forced;            /* written regardless of --only-matching */
    unsigned char seen[NXMSG_N_CODES];
    unsigned short order[NXMSG_N_CODES]; /* entries with seen[] set, in order */
    size_t nseen;

    struct ann_strip strip;
};

/* ---- output ------------------------------------------------------------------ */

/* Span output: the bytes copied since the last span become one. */
static void close_copy(struct ann_out *o)
{
    if (o->len > o->mark) {
        o->spans[o->nspans].data = o->buf + o->mark;
        o->spans[o->nspans++].len = o->len - o->mark;
        o->mark = o->len;
    }
}

/* Span output: spans[0..nspans) and what is copied after them. */
static void flush_spans(struct ann_out *o)
{
    close_copy(o);
    if (o->nspans && !o->err && o->write_spans(o->ctx, o->spans, o->nspans) != 0)
        o->err = NXMSG_EWRITE;
    o->nspans = 0;
    o->len = o->mark = 0;
}

void nxmsg__out_flush(struct ann_out *o)
{
    if (o->write_spans)
        flush_spans(o);
    else if (o->len && !o->err && o->write(o->ctx, o->buf, o->len) != 0)
        o->err = NXMSG_EWRITE;
    o->len = 0;
}

/* Span output: p[0..n) pointed at, after what is copied before it. */
static void put_span(struct ann_out *o, const char *p, size_t n)
{
    close_copy(o);
    o->spans[o->nspans].data = p;
    o->spans[o->nspans++].len = n;
    if (o->nspans + 2 > ANN_SPANS_MAX) /* room for a copy run and a span */
        flush_spans(o);
}

void nxmsg__out_put(struct ann_out *o, const char *p, size_t n)
{
    if (o->err || n == 0)
        return;
    if (o->write_spans && ann_out_ref(o, p, n)) {
        put_span(o, p, n);
        return;
    }
    if (o->len + n > o->cap)
        nxmsg__out_flush(o);
    if (n >= o->cap) {
        if (o->write_spans) {
            nxmsg_span one = { p, n };
            if (!o->err && o->write_spans(o->ctx, &one, 1) != 0)
                o->err = NXMSG_EWRITE;
        } else if (!o->err && o->write(o->ctx, p, n) != 0) {
            o->err = NXMSG_EWRITE;
        }
        return;
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

/* nxmsg__out_put(), the common case inline: a copy that fits. */
static inline void put(nxmsg_annotator *a, const char *p, size_t n)
{
    struct ann_out *o = &a->out;
    if (o->len + n <= o->cap && !o->err && (n < ANN_SPAN_REF_MIN || !o->write_spans)) {
        memcpy(o->buf + o->len, p, n);
        o->len += n;
    } else {
        nxmsg__out_put(o, p, n);
    }
}

static void put_str(nxmsg_annotator *a, const char *s)
{
    put(a, s, strlen(s));
}

/* A string literal, its length known. */
#define PUT_LIT(a, lit) put(a, lit, sizeof lit - 1)

static void put_uint(nxmsg_annotator *a, unsigned long long v)
{
    char d[24], *p = d + sizeof d;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    put(a, p, (size_t)(d + sizeof d - p));
}

static int inline_run(nxmsg_annotator *a, const char *s, size_t n, int show);

/* ---- JSON ------------------------------------------------------------------------ */

/* How many bytes from s[0..n) need no escaping (printable ASCII other
 * than '"' and '\\'): blocks of 16 (32 with AVX2) bytes, the last one
 * overlapping the one before. */
#ifdef __SSE2__
/* The bytes of s[0..16) that need escaping, as bits. */
static unsigned json_bad16(const unsigned char *s)
{
    const __m128i lo = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F);
    const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
    __m128i c = _mm_loadu_si128((const __m128i *)s);
    /* signed: bytes >= 0x80 are negative, so not greater than 0x1F */
    __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, q), _mm_cmpeq_epi8(c, bs)),
                               _mm_or_si128(_mm_cmpeq_epi8(c, del),
                                            _mm_andnot_si128(_mm_cmpgt_epi8(c, lo), _mm_set1_epi8(-1))));
    return (unsigned)_mm_movemask_epi8(bad);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* The bytes of s[0..32) that need escaping, as bits. */
__attribute__((target("avx2"))) static unsigned json_bad32(const unsigned char *s)
{
    __m256i c = _mm256_loadu_si256((const __m256i *)s);
    __m256i bad = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(c, _mm256_set1_epi8('"')), _mm256_cmpeq_epi8(c, _mm256_set1_epi8('\\'))),
        _mm256_or_si256(_mm256_cmpeq_epi8(c, _mm256_set1_epi8(0x7F)),
                        _mm256_andnot_si256(_mm256_cmpgt_epi8(c, _mm256_set1_epi8(0x1F)), _mm256_set1_epi8(-1))));
    return (unsigned)_mm256_movemask_epi8(bad);
}

__attribute__((target("avx2"))) static size_t json_plain_avx2(const unsigned char *s, size_t n)
{
    size_t i = 0;
    unsigned bits;

    for (; i + 32 <= n; i += 32)
        if ((bits = json_bad32(s + i)) != 0)
            return i + (size_t)__builtin_ctz(bits);
    if (i < n && (bits = json_bad32(s + n - 32) >> (i - (n - 32))) != 0)
        return i + (size_t)__builtin_ctz(bits);
    return n;
}

/* The same with AVX-512BW, 64 bytes at a time: a byte needs escaping when
 * byte - 0x20 is above 0x5E (outside ' '..'~'), or it is '"' or '\\'.  The
 * last block is loaded under a mask, so nothing past s[n - 1] is read. */
__attribute__((target("avx512f,avx512bw,bmi2"))) static size_t json_plain_512(const unsigned char *s, size_t n)
{
    const __m512i space = _mm512_set1_epi8(0x20), span = _mm512_set1_epi8(0x5E);
    const __m512i q = _mm512_set1_epi8('"'), bs = _mm512_set1_epi8('\\');
    size_t i = 0;

    for (;; i += 64) {
        __mmask64 in = n - i >= 64 ? ~(__mmask64)0 : _bzhi_u64(~0ull, (unsigned)(n - i));
        __m512i c = _mm512_maskz_loadu_epi8(in, s + i);
        __mmask64 bad = (_mm512_cmpgt_epu8_mask(_mm512_sub_epi8(c, space), span) |
                         _mm512_cmpeq_epi8_mask(c, q) | _mm512_cmpeq_epi8_mask(c, bs)) & in;
        if (bad)
            return i + (size_t)__builtin_ctzll(bad);
        if (n - i <= 64)
            return n;
    }
}
#endif

static size_t json_plain(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (n > 0 && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("bmi2"))
        return json_plain_512(s, n);
    if (n >= 32 && __builtin_cpu_supports("avx2"))
        return json_plain_avx2(s, n);
#endif
#ifdef __SSE2__
    unsigned bits;
    for (; i + 16 <= n; i += 16)
        if ((bits = json_bad16(s + i)) != 0)
            return i + (size_t)__builtin_ctz(bits);
    if (n >= 16 && i < n) {
        bits = json_bad16(s + n - 16) >> (i - (n - 16));
        return bits ? i + (size_t)__builtin_ctz(bits) : n;
    }
#endif
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

/* A JSON string body: valid UTF-8 kept, controls escaped, other bytes as
 * \udcXX. */
static void put_json_chars(nxmsg_annotator *a, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    char esc[8];

    while ((i += json_plain(s + i, n - i)) < n) {
        unsigned char c = s[i];
        unsigned long cp;
        size_t k;
        if (c >= 0x80 && (k = nxmsg__utf8_decode(s + i, n - i, &cp)) > 0) {
            /* U+2028/U+2029 are valid JSON but end lines in JavaScript */
            if (cp == 0x2028 || cp == 0x2029) {
                put(a, str + run, i - run);
                if (cp == 0x2028)
                    PUT_LIT(a, "\\u2028");
                else
                    PUT_LIT(a, "\\u2029");
                run = i + k;
            }
            i += k;
            continue;
        }
        put(a, str + run, i - run);
        switch (c) {
        case '"': PUT_LIT(a, "\\\""); break;
        case '\\': PUT_LIT(a, "\\\\"); break;
        case '\n': PUT_LIT(a, "\\n"); break;
        case '\r': PUT_LIT(a, "\\r"); break;
        case '\t': PUT_LIT(a, "\\t"); break;
        default:
            snprintf(esc, sizeof esc, c < 0x80 ? "\\u%04x" : "\\udc%02x", c);
            put_str(a, esc);
        }
        run = ++i;
    }
    put(a, str + run, n - run);
}

static void put_json_str(nxmsg_annotator *a, const char *s, size_t n)
{
    put(a, "\"", 1);
    put_json_chars(a, s, n);
    put(a, "\"", 1);
}

/* The part of a code's JSON object that depends on its entry only:
 * ,"value":...,"hex":...,"name":...,"domain":..., the texts, and "}". */
static void put_json_tail(nxmsg_annotator *a, const nxmsg_entry *e)
{
    char num[160], hex[NXMSG__HEX_MAX];

    nxmsg__format_hex(e->value, hex);
    snprintf(num, sizeof num, ",\"value\":%u,\"hex\":\"%s\",\"name\":\"%s\",\"domain\":\"%s\"",
             e->value, hex, nxmsg_entry_name(e), nxmsg_domain_key((nxmsg_domain)e->domain));
    put_str(a, num);
    for (size_t i = 0; i < a->nlangs; i++) {
        const char *t = nxmsg__texts(a->langs[i])[e->index];
        const char *key = a->langs[i] ? a->langs[i] : "text";
        PUT_LIT(a, ",");
        put_json_str(a, key, strlen(key));
        PUT_LIT(a, ":");
        put_json_str(a, t, strlen(t));
    }
    PUT_LIT(a, "}");
}

/* The output callback while the tails are built: never called, the
 * buffer being large enough (a call would be a bug: it fails). */
static int no_write(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return -1;
}

/* Build a->json_tails and a->json_off, the output lent a buffer that holds
 * them all however their texts are escaped (6 bytes a byte at most, as
 * \udcXX); returns 0 or -1. */
static int json_tails_build(nxmsg_annotator *a)
{
    enum { FIXED = 160 + 1, ESCAPED_MAX = 6, PER_TEXT = 6 }; /* ,"value"...: num[] and "}"; ,"":"" */
    struct ann_out save = a->out;
    size_t cap = 0;
    int err;

    for (size_t i = 0; i < NXMSG_N_CODES; i++) {
        cap += FIXED;
        for (size_t k = 0; k < a->nlangs; k++)
            cap += PER_TEXT + ESCAPED_MAX * (strlen(a->langs[k] ? a->langs[k] : "text") +
                                             strlen(nxmsg__texts(a->langs[k])[i]));
    }
    if (!(a->json_tails = malloc(cap)))
        return -1;
    a->out.write = no_write;
    a->out.write_spans = NULL;
    a->out.err = 0;
    a->out.buf = a->json_tails;
    a->out.len = 0;
    a->out.cap = cap;
    for (size_t i = 0; i < NXMSG_N_CODES; i++) {
        a->json_off[i] = a->out.len;
        put_json_tail(a, &nxmsg__entries[i]);
    }
    a->json_off[NXMSG_N_CODES] = a->out.len;
    err = a->out.err;
    a->out = save;
    return err ? -1 : 0;
}

static void put_json_code(nxmsg_annotator *a, const char *line, const struct ann_hit *m, size_t base, int first)
{
    size_t i = m->entry->index;

    if (!first)
        PUT_LIT(a, ",");
    PUT_LIT(a, "{\"offset\":");
    put_uint(a, base + m->offset);
    PUT_LIT(a, ",\"length\":");
    put_uint(a, m->length);
    PUT_LIT(a, ",\"match\":");
    put_json_str(a, line + m->offset, m->length);
    put(a, a->json_tails + a->json_off[i], a->json_off[i + 1] - a->json_off[i]);
}

/* Start a scan of s[0..n). */
static void scan_init(nxmsg_annotator *a, struct ann_scan *sc, const char *s, size_t n)
{
    nxmsg__scan_init(sc, (const unsigned char *)s, n, 0, &a->texts);
}

/* The next code (not annotation) of a scan, or 0. */
static int next_code(struct ann_scan *sc, struct ann_hit *m)
{
    while (nxmsg__scan_next(sc, m))
        if (!m->annotation)
            return 1;
    return 0;
}

/* The JSON object of a line or segment; counts its codes.  skip: leave it
 * out (--only-matching and no code; the codes are counted still). */
static void json_record(nxmsg_annotator *a, const char *s, size_t content, size_t eol, int skip)
{
    struct ann_hit m;
    struct ann_scan sc;
    int first = 1;

    if (skip) {
        inline_run(a, s, content, 0);
        return;
    }
    PUT_LIT(a, "{\"line\":");
    put_uint(a, a->line_no + 1);
    PUT_LIT(a, ",\"offset\":");
    put_uint(a, a->line_off);
    PUT_LIT(a, ",\"text\":");
    put_json_str(a, s, content);
    PUT_LIT(a, ",\"eol\":");
    put_json_str(a, s + content, eol);
    PUT_LIT(a, ",\"codes\":[");
    scan_init(a, &sc, s, content);
    while (next_code(&sc, &m)) {
        put_json_code(a, s, &m, a->line_off, first);
        a->counts[m.entry->index]++;
        first = 0;
    }
    PUT_LIT(a, "]}\n");
}

/* Set d to v (a step from the value before costs one increment; the
 * digits never all 9s then, as v <= ULLONG_MAX has at most 20 digits and
 * is not 10^20 - 1). */
static void decimal_set(struct ann_decimal *d, unsigned long long v)
{
    size_t i;

    if (d->len > 0 && v != 0 && v == d->value + 1) { /* 0: wrapped, "0" written anew */
        for (i = d->len; i > 0 && d->digits[i - 1] == '9'; i--)
            d->digits[i - 1] = '0';
        if (i > 0) {
            d->digits[i - 1]++;
        } else {
            memmove(d->digits + 1, d->digits, d->len++);
            d->digits[0] = '1';
        }
    } else {
        char tmp[20];
        size_t n = 0;
        unsigned long long x = v;
        do
            tmp[n++] = (char)('0' + x % 10);
        while ((x /= 10) != 0);
        for (d->len = 0; n > 0;)
            d->digits[d->len++] = tmp[--n];
    }
    d->value = v;
}

/* The start of a line's JSON object up to the text's opening quote,
 * {"line":N,"offset":0,"text":", written to d (JSON_HEAD_MAX bytes);
 * returns its length. */
enum { JSON_HEAD_MAX = 64 };
static size_t json_head(char *d, const struct ann_decimal *line)
{
    static const char head[] = "{\"line\":", tail[] = ",\"offset\":0,\"text\":\"";
    size_t len = sizeof head - 1;

    _Static_assert(sizeof head - 1 + sizeof line->digits + sizeof tail - 1 <= JSON_HEAD_MAX, "room");
    memcpy(d, head, sizeof head - 1);
    memcpy(d + len, line->digits, line->len);
    len += line->len;
    memcpy(d + len, tail, sizeof tail - 1);
    return len + sizeof tail - 1;
}

/* json_head() of line into the output, straight into its buffer where it
 * has room. */
static void put_json_head(nxmsg_annotator *a, unsigned long long line)
{
    struct ann_out *o = &a->out;
    char buf[JSON_HEAD_MAX];

    decimal_set(&a->json_line, line);
    if (o->cap - o->len >= JSON_HEAD_MAX && !o->err)
        o->len += json_head(o->buf + o->len, &a->json_line);
    else
        put(a, buf, json_head(buf, &a->json_line));
}

/* JSON for complete lines s[0..n) (n <= the line buffer, no segment
 * pending), scanned as one block: the same objects as line by line.  The
 * pass that looks for bytes to escape finds the line's end too (s[n - 1]
 * is '\n', a byte to escape: it never runs past the block). */
static void json_block(nxmsg_annotator *a, const char *s, size_t n)
{
    struct ann_hit m;
    struct ann_scan sc;
    int have;
    size_t base = 0;

    scan_init(a, &sc, s, n);
    have = next_code(&sc, &m);

    while (base < n) {
        const char *p = s + base;
        size_t plain = json_plain((const unsigned char *)p, n - base);
        const char *nl = p[plain] == '\n' ? p + plain : memchr(p + plain, '\n', n - base - plain);
        size_t len = (size_t)(nl + 1 - p), eol = len >= 2 && nl[-1] == '\r' ? 2 : 1;
        int first = 1;
        if (!a->only_matching || (have && m.offset < base + len)) {
            put_json_head(a, a->line_no + 1);
            if (plain >= len - eol)
                put(a, p, len - eol);
            else
                put_json_chars(a, p, len - eol);
            if (eol == 1)
                PUT_LIT(a, "\",\"eol\":\"\\n\",\"codes\":[");
            else
                PUT_LIT(a, "\",\"eol\":\"\\r\\n\",\"codes\":[");
            for (; have && m.offset < base + len; first = 0) {
                struct ann_hit r = m;
                r.offset -= base;
                put_json_code(a, p, &r, 0, first);
                a->counts[m.entry->index]++;
                have = next_code(&sc, &m);
            }
            PUT_LIT(a, "]}\n");
        }
        a->line_no++;
        base += len;
    }
}

/* ---- lines ------------------------------------------------------------------------ */

/* The line around a code in inline_run(): s[start..end), end at its
 * newline or the end of the text; lead: whether " ⟦" is in it.  Kept from
 * one code to the next, so that a long line is searched once. */
struct line_at {
    int known;
    size_t start, end;
    int lead;
};

/* Whether s[0..n) holds ANN_LEAD (" ⟦"): memchr for its rare first byte of
 * U+27E6, 0xE2, then a look around (memmem costs more on short lines). */
static int has_lead(const char *s, size_t n)
{
    const char *p = s, *end = s + n;

    while ((p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
        if (p > s && (size_t)(end - p) >= ANN_BRACKET_LEN && p[-1] == ' ' &&
            ann_is_open((const unsigned char *)p))
            return 1;
        p++;
    }
    return 0;
}

/* Whether the line of the code m (within s[0..n)) holds an annotation of
 * its entry already, anywhere.  The codes come in order of offset. */
static int annotated(const nxmsg_annotator *a, const char *s, size_t n, const struct ann_hit *m,
                     struct line_at *l)
{
    struct ann_hit h;
    struct ann_scan sc;

    if (!l->known || m->offset >= l->end) {
        size_t from = l->known ? l->end : 0;
        const char *b = memrchr(s + from, '\n', m->offset - from);
        const char *f = memchr(s + m->offset, '\n', n - m->offset);
        l->start = b ? (size_t)(b + 1 - s) : 0;
        l->end = f ? (size_t)(f - s) : n;
        l->lead = has_lead(s + l->start, l->end - l->start);
        l->known = 1;
    }
    if (!l->lead)
        return 0;
    nxmsg__scan_init(&sc, (const unsigned char *)s, l->end, l->start, &a->texts);
    while (nxmsg__scan_next(&sc, &h))
        if (h.annotation && h.entry == m->entry)
            return 1;
    return 0;
}

static void mark(nxmsg_annotator *a, size_t idx, unsigned char bit)
{
    if (!a->seen[idx])
        a->order[a->nseen++] = (unsigned short)idx;
    a->seen[idx] |= bit;
}

/* INLINE and COUNT over s[0..n): counts, and for INLINE (show) the copy with
 * annotations; returns whether there was a code. */
static int inline_run(nxmsg_annotator *a, const char *s, size_t n, int show)
{
    size_t pos, done = 0;
    struct ann_hit m;
    struct ann_scan sc;
    struct line_at line = { 0, 0, 0, 0 };
    int found = 0;

    scan_init(a, &sc, s, n);
    while (nxmsg__scan_next(&sc, &m)) {
        pos = m.offset + m.length;
        if (m.annotation)
            continue;
        found = 1;
        a->counts[m.entry->index]++;
        if (show && !annotated(a, s, n, &m, &line)) {
            put(a, s + done, pos - done);
            put(a, a->ann[m.entry->index], a->ann_len[m.entry->index]);
            done = pos;
        }
    }
    if (show)
        put(a, s + done, n - done);
    return found;
}

/* SUFFIX: note the codes and annotations of s[0..n); returns whether there
 * was a code. */
static int suffix_scan(nxmsg_annotator *a, const char *s, size_t n)
{
    struct ann_hit m;
    struct ann_scan sc;
    int found = 0;

    scan_init(a, &sc, s, n);
    while (nxmsg__scan_next(&sc, &m)) {
        if (!m.annotation) {
            found = 1;
            a->counts[m.entry->index]++;
        }
        mark(a, m.entry->index, m.annotation ? SEEN_ANNOTATION : SEEN_CODE);
    }
    return found;
}

static void end_line(nxmsg_annotator *a)
{
    for (size_t i = 0; i < a->nseen; i++)
        a->seen[a->order[i]] = 0;
    a->nseen = 0;
    a->line_no++;
    a->line_off = 0;
    a->line_forced = 0;
}

/* Whether the line s[0..content) has a code (without counting). */
static int has_code(nxmsg_annotator *a, const char *s, size_t content)
{
    struct ann_hit m;
    struct ann_scan sc;

    scan_init(a, &sc, s, content);
    return next_code(&sc, &m);
}

/* One record: a whole line, or a segment of a long one (last: the line ends
 * with it). */
static void record(nxmsg_annotator *a, const char *s, size_t n, int last)
{
    size_t eol = 0, content;

    if (last && n > 0 && s[n - 1] == '\n')
        eol = n >= 2 && s[n - 2] == '\r' ? 2 : 1;
    content = n - eol;
    if (!last || a->line_off > 0)
        a->line_forced = 1;

    if (a->mode == NXMSG_ANNOTATE_JSON) {
        json_record(a, s, content, eol,
                    (last && a->line_off > 0 && n == 0) || (a->only_matching && !has_code(a, s, content)));
    } else if (a->mode == NXMSG_ANNOTATE_SUFFIX) {
        int found = suffix_scan(a, s, content);
        if (!a->only_matching || a->line_forced || found) {
            put(a, s, content);
            for (size_t i = 0; last && i < a->nseen; i++) {
                size_t idx = a->order[i];
                if (a->seen[idx] == SEEN_CODE)
                    put(a, a->ann[idx], a->ann_len[idx]);
            }
            put(a, s + content, eol);
        }
    } else {
        int show = a->mode == NXMSG_ANNOTATE_INLINE &&
                   (!a->only_matching || a->line_forced || has_code(a, s, content));
        inline_run(a, s, content, show);
        if (show)
            put(a, s + content, eol);
    }
    if (last)
        end_line(a);
    else
        a->line_off += n;
}

/* Where to end a segment taken from the first cap bytes of s. */
static size_t safe_cut(const char *str, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t c;

    for (c = cap; c > 0 && cap - c < CUT_WINDOW; c--) {
        unsigned char b = s[c - 1];
        if (b < 0x80 && !ann_is_ident(b) && b != ' ' && b != '\t' && b != '=' && b != ':' && b != '.' &&
            b != '\r')
            return c;
        /* after a blank that no separator or number follows */
        if ((b == ' ' || b == '\t') && c < cap && !(s[c] >= '0' && s[c] <= '9') && s[c] != ' ' &&
            s[c] != '\t' && s[c] != '=' && s[c] != ':')
            return c;
    }
    /* no good place: cut at cap unless that splits the last character */
    for (c = cap - 1; c > 0 && cap - c < UTF8_MAX && (s[c] & 0xC0) == 0x80; c--)
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

/* Complete lines s[0..n) that no line longer than the buffer is among, in
 * one go: INLINE and COUNT need no lines, JSON finds the lines itself (the
 * result is the same as line by line). */
static void block(nxmsg_annotator *a, const char *s, size_t n)
{
    if (a->mode == NXMSG_ANNOTATE_JSON)
        json_block(a, s, n);
    else
        inline_run(a, s, n, a->mode == NXMSG_ANNOTATE_INLINE);
}

/* Complete lines s[0..n), n > 0, s[n-1] == '\n'; in blocks of up to the
 * buffer's size where the mode allows. */
static void lines(nxmsg_annotator *a, const char *s, size_t n)
{
    const char *end = s + n, *nl;
    int blocks = a->line_off == 0 && (a->mode == NXMSG_ANNOTATE_JSON ||
                                      ((a->mode == NXMSG_ANNOTATE_INLINE || a->mode == NXMSG_ANNOTATE_COUNT) &&
                                       !a->only_matching));

    while (s < end) {
        size_t left = (size_t)(end - s);
        if (blocks && left <= a->cap) {
            block(a, s, left);
            return;
        }
        if (blocks && (nl = memrchr(s, '\n', a->cap)) != NULL) {
            block(a, s, (size_t)(nl + 1 - s));
        } else {
            nl = memchr(s, '\n', left);
            line(a, s, (size_t)(nl + 1 - s), 1);
        }
        s = nl + 1;
    }
}

/* ---- the public API ------------------------------------------------------------------ */

/* An annotator writing to write or, if that is NULL, to write_spans. */
static nxmsg_annotator *annotator_new(const nxmsg_annotate_options *opt, nxmsg_write_fn write,
                                      nxmsg_write_spans_fn write_spans, void *ctx)
{
    static const nxmsg_annotate_options defaults = { NXMSG_ANNOTATE_INLINE, NULL, 0, 0, 0 };
    static const char *const default_langs[2] = { "en", "ja" };
    nxmsg_annotator *a;

    if (!opt)
        opt = &defaults;
    if ((!write && !write_spans) || (unsigned)opt->mode > NXMSG_ANNOTATE_STRIP ||
        opt->nlangs > NXMSG_ANNOTATE_MAX_LANGS)
        return NULL;
    a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->mode = opt->mode;
    a->only_matching = opt->only_matching != 0;
    a->out.write = write;
    a->out.ctx = ctx;
    a->out.cap = OUT_SIZE;
    a->nlangs = opt->langs && opt->nlangs ? opt->nlangs : 2;
    for (size_t i = 0; i < a->nlangs; i++)
        a->langs[i] = opt->langs && opt->nlangs ? opt->langs[i] : default_langs[i];
    nxmsg__ann_texts_init(&a->texts, a->langs, a->nlangs);
    a->cap = opt->line_buffer ? opt->line_buffer : LINE_BUFFER_DEFAULT;
    if (a->cap < LINE_BUFFER_MIN)
        a->cap = LINE_BUFFER_MIN;
    a->buf = a->mode == NXMSG_ANNOTATE_STRIP ? NULL : malloc(a->cap);
    a->out.buf = malloc(OUT_SIZE);
    a->strip.hold = a->mode == NXMSG_ANNOTATE_STRIP ? malloc(ANN_HOLD_MAX) : NULL;
    if ((!a->buf && !a->strip.hold) || !a->out.buf ||
        nxmsg__annotations_build(a->langs, a->nlangs, &a->arena, a->ann, a->ann_len) < 0 ||
        (a->mode == NXMSG_ANNOTATE_JSON && json_tails_build(a) < 0) ||
        (write_spans && !(a->out.spans = malloc(ANN_SPANS_MAX * sizeof *a->out.spans)))) {
        nxmsg_annotator_free(a);
        return NULL;
    }
    a->out.write_spans = write_spans;
    return a;
}

nxmsg_annotator *nxmsg_annotator_new(const nxmsg_annotate_options *opt, nxmsg_write_fn write, void *ctx)
{
    return write ? annotator_new(opt, write, NULL, ctx) : NULL;
}

nxmsg_annotator *nxmsg_annotator_new_spans(const nxmsg_annotate_options *opt, nxmsg_write_spans_fn write,
                                           void *ctx)
{
    return write ? annotator_new(opt, NULL, write, ctx) : NULL;
}

/* Take bytes into the held line buffer until a newline or a full buffer;
 * returns how many were taken. */
static size_t hold(nxmsg_annotator *a, const char *p, size_t avail)
{
    size_t room = a->cap - a->len, n = avail < room ? avail : room;
    const char *nl = memchr(p, '\n', n);

    if (nl)
        n = (size_t)(nl + 1 - p);
    memcpy(a->buf + a->len, p, n);
    a->len += n;
    if (nl) {
        record(a, a->buf, a->len, 1);
        a->len = 0;
    } else if (a->len == a->cap) {
        size_t cut = safe_cut(a->buf, a->cap);
        record(a, a->buf, cut, 0);
        memmove(a->buf, a->buf + cut, a->len - cut);
        a->len -= cut;
    }
    return n;
}

/* The end of a feed: everything written, the caller's bytes no longer
 * pointed at. */
static int feed_end(nxmsg_annotator *a)
{
    nxmsg__out_flush(&a->out);
    a->out.ref_lo = a->out.ref_hi = 0;
    return a->out.err;
}

int nxmsg_annotator_feed(nxmsg_annotator *a, const void *data, size_t len)
{
    const char *p = data, *end;

    if (!a || (!data && len))
        return NXMSG_EINVAL;
    if (a->out.err || len == 0)
        return a->out.err;
    end = p + len;
    a->out.ref_lo = (uintptr_t)p; /* until the flush below */
    a->out.ref_hi = (uintptr_t)end;
    if (a->mode == NXMSG_ANNOTATE_STRIP) {
        nxmsg__strip_feed(&a->strip, &a->out, &a->texts, p, len);
        return feed_end(a);
    }
    while (p < end && !a->out.err) {
        const char *nl;
        /* nothing held: complete lines straight from the caller's bytes */
        if (a->len == 0 && (nl = memrchr(p, '\n', (size_t)(end - p))) != NULL) {
            lines(a, p, (size_t)(nl + 1 - p));
            p = nl + 1;
        } else {
            p += hold(a, p, (size_t)(end - p));
        }
    }
    return feed_end(a);
}

int nxmsg_annotator_finish(nxmsg_annotator *a)
{
    if (!a)
        return NXMSG_EINVAL;
    if (a->mode == NXMSG_ANNOTATE_STRIP)
        nxmsg__strip_finish(&a->strip, &a->out);
    else if (a->len > 0 || a->line_off > 0)
        line(a, a->buf, a->len, 1);
    nxmsg__out_flush(&a->out);
    a->len = 0;
    a->line_no = 0;
    a->line_off = 0;
    a->line_forced = 0;
    return a->out.err;
}

int nxmsg_annotator_set_line(nxmsg_annotator *a, unsigned long long line)
{
    if (!a || a->len > 0 || a->line_off > 0)
        return NXMSG_EINVAL;
    a->line_no = line;
    return NXMSG_OK;
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
    free(a->json_tails);
    free(a->buf);
    free(a->out.buf);
    free(a->out.spans);
    free(a->strip.hold);
    free(a);
}
