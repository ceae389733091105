/* annotate_fragment.c - log fragments ("0x10C NAME: text / text"), the
 * annotations built from them, and the test whether bytes are an annotation
 * exactly as annotate writes it.  Grammar: include/nxmsg.h, doc/annotate.md. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "annotate.h"

static const char *const default_langs[2] = { "en", "ja" };

/* ---- fragments ------------------------------------------------------------ */

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
    char hex[NXMSG__HEX_MAX];

    if (!langs || nlangs == 0) {
        langs = default_langs;
        nlangs = 2;
    }
    sink_put(&s, hex, nxmsg__format_hex(code, hex));
    if (e) {
        sink_put(&s, " ", 1);
        sink_put(&s, nxmsg_entry_name(e), e->name_len);
    }
    sink_put(&s, ": ", 2);
    for (size_t i = 0; i < nlangs; i++) {
        const char *t = e ? nxmsg__texts(langs[i])[e->index] : nxmsg_describe(code, langs[i]);
        if (i)
            sink_put(&s, ANN_TEXT_SEP, ANN_TEXT_SEP_LEN);
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

/* ---- annotations ------------------------------------------------------------ */

/* Write " ⟦fragment⟧" to p (room enough), our brackets inside the fragment
 * written as "[" and "]"; returns its length. */
static size_t annotation(const nxmsg_entry *e, const char *const *langs, size_t nlangs, char *p,
                         size_t room)
{
    size_t n = nxmsg_format_entry_r(e, langs, nlangs, p + ANN_LEAD_LEN, room - ANN_LEAD_LEN);
    const unsigned char *q = (const unsigned char *)p + ANN_LEAD_LEN, *end = q + n;
    char *w = p + ANN_LEAD_LEN;

    memcpy(p, ANN_LEAD, ANN_LEAD_LEN);
    while (q < end) {
        if (end - q >= ANN_BRACKET_LEN && (ann_is_open(q) || ann_is_close(q))) {
            *w++ = ann_is_open(q) ? '[' : ']';
            q += ANN_BRACKET_LEN;
        } else {
            *w++ = (char)*q++;
        }
    }
    memcpy(w, ANN_CLOSE, ANN_BRACKET_LEN);
    w += ANN_BRACKET_LEN;
    return (size_t)(w - p);
}

int nxmsg__annotations_build(const char *const *langs, size_t nlangs, char **arena,
                             char *ann[NXMSG_N_CODES], size_t len[NXMSG_N_CODES])
{
    size_t total = 0, off = 0;

    for (size_t i = 0; i < NXMSG_N_CODES; i++)
        total += nxmsg_format_entry_r(&nxmsg__entries[i], langs, nlangs, NULL, 0) + ANN_FRAME_LEN + 1;
    *arena = malloc(total);
    if (!*arena)
        return -1;
    for (size_t i = 0; i < NXMSG_N_CODES; i++) {
        ann[i] = *arena + off;
        len[i] = annotation(&nxmsg__entries[i], langs, nlangs, ann[i], total - off);
        off += len[i];
    }
    return 0;
}

/* ---- the exact form ------------------------------------------------------------ */

void nxmsg__ann_texts_init(struct ann_texts *t, const char *const *langs, size_t nlangs)
{
    if (!langs || nlangs == 0) {
        langs = default_langs;
        nlangs = 2;
    }
    t->n = 0;
    for (size_t i = 0; i < nlangs && i < NXMSG_ANNOTATE_MAX_LANGS; i++)
        t->lang[t->n++] = nxmsg__texts(langs[i]);
    for (size_t i = 0; i < 2; i++) {
        const char *const *l = nxmsg__texts(default_langs[i]);
        size_t k = 0;
        while (k < t->n && t->lang[k] != l)
            k++;
        if (k == t->n)
            t->lang[t->n++] = l;
    }
}

/* If s[0..n) starts with text as an annotation holds it (our brackets as
 * "[" and "]"), its length there; else (size_t)-1. */
static size_t text_at(const char *text, const unsigned char *s, size_t n)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t j = 0;

    while (*t) {
        unsigned char want = *t;
        size_t step = 1;
        if (t[0] == 0xE2 && t[1] == 0x9F && (t[2] == 0xA6 || t[2] == 0xA7)) {
            want = ann_is_open(t) ? '[' : ']';
            step = ANN_BRACKET_LEN;
        }
        if (j >= n || s[j] != want)
            return (size_t)-1;
        t += step;
        j++;
    }
    return j;
}

/* The texts part "TEXT *(" / " TEXT) ⟧" of entry index idx at s[0..n):
 * the length up to and with the closing bracket, or 0.  Each TEXT may be
 * any language of t; the reachable positions are followed breadth first. */
static size_t texts_len(const unsigned char *s, size_t n, const struct ann_texts *t, size_t idx)
{
    size_t front[16], next[16], nf = 1, nn;

    front[0] = 0;
    for (size_t level = 0; level < NXMSG_ANNOTATE_MAX_LANGS && nf; level++, nf = nn) {
        nn = 0;
        for (size_t f = 0; f < nf; f++) {
            for (size_t k = 0; k < t->n; k++) {
                size_t m = text_at(t->lang[k][idx], s + front[f], n - front[f]), q, d;
                if (m == (size_t)-1)
                    continue;
                q = front[f] + m;
                if (n - q >= ANN_BRACKET_LEN && ann_is_close(s + q))
                    return q + ANN_BRACKET_LEN;
                if (n - q < ANN_TEXT_SEP_LEN || memcmp(s + q, ANN_TEXT_SEP, ANN_TEXT_SEP_LEN) != 0)
                    continue;
                for (d = 0; d < nn && next[d] != q + ANN_TEXT_SEP_LEN; d++)
                    ;
                if (d == nn && nn < sizeof next / sizeof next[0])
                    next[nn++] = q + ANN_TEXT_SEP_LEN;
            }
        }
        memcpy(front, next, nn * sizeof next[0]);
    }
    return 0;
}

/* The head " ⟦0xHEX NAME: " at s[0..n): its length and entry, or 0. */
static size_t head_len(const unsigned char *s, size_t n, const nxmsg_entry **e)
{
    size_t i = ANN_LEAD_LEN + 2, h, k;
    unsigned long v = 0;
    char hex[NXMSG__HEX_MAX];
    int idx;

    if (n < i || memcmp(s, ANN_LEAD "0x", i) != 0)
        return 0;
    for (h = i; h < n && h - i < 8 && ((s[h] >= '0' && s[h] <= '9') || (s[h] >= 'A' && s[h] <= 'F')); h++)
        v = v * 16 + (unsigned long)(s[h] <= '9' ? s[h] - '0' : s[h] - 'A' + 10);
    /* the digits exactly as the fragment writes them (at most 8: v fits) */
    if (h == n || s[h] != ' ' || nxmsg__format_hex((uint32_t)v, hex) - 2 != h - i ||
        memcmp(hex + 2, s + i, h - i) != 0)
        return 0;
    for (k = h + 1; k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_'); k++)
        ;
    if (n - k < 2 || s[k] != ':' || s[k + 1] != ' ')
        return 0;
    idx = nxmsg__msg_by_ctxt((const char *)s + h + 1, k - h - 1);
    if (idx < 0 || idx >= NXMSG_N_CODES || nxmsg__entries[idx].value != v)
        return 0;
    *e = &nxmsg__entries[idx];
    return k + 2;
}

size_t nxmsg__annotation_len(const unsigned char *s, size_t n, const struct ann_texts *t,
                             const nxmsg_entry **e)
{
    const nxmsg_entry *entry;
    size_t h = head_len(s, n, &entry), b;

    if (h == 0 || (b = texts_len(s + h, n - h, t, entry->index)) == 0)
        return 0;
    *e = entry;
    return h + b;
}
