/* layout.c - width, truncation and wrapping without ICU (the layout part of
 * the device core; include/nxmsg_layout.h).  Mirrors lib/text.c's
 * nxmsg_width, nxmsg_truncate and nxmsg_wrap_next for text whose code
 * points are each one cluster, reading the tables of lib/layout_tables.h.
 * Freestanding: memcpy and strlen only; no state outside the caller's. */
#include <string.h>

#include "nxmsg_layout.h"
#include "core.h"
#include "layout_tables.h"

/* One unit of text: a code point, CR LF, or an ill-formed subpart. */
struct unit {
    size_t len;
    unsigned cls; /* class bits; 0 for controls and ill-formed bytes */
    long cp;      /* -1: ill-formed */
};

static unsigned class_of(unsigned long c)
{
    size_t lo = 0, hi = nxmsg__layout_nclass;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (nxmsg__layout_class[mid] >> 8 <= c)
            lo = mid;
        else
            hi = mid;
    }
    return nxmsg__layout_class[lo] & 0xFF;
}

/* Decode the unit at s[i..n) (i < n); ill-formed: each maximal subpart. */
static void unit_at(const unsigned char *s, size_t i, size_t n, struct unit *u)
{
    u->cls = 0;
    u->len = nxmsg__utf8_next(s + i, n - i, &u->cp);
    if (u->cp < 0)
        return;
    if (u->cp == '\r' && i + 1 < n && s[i + 1] == '\n')
        u->len = 2;
    else if ((u->cp >= 0x20 && u->cp < 0x7F) || (u->cp >= 0xA0 && u->cp != 0x2028 && u->cp != 0x2029))
        u->cls = class_of((unsigned long)u->cp);
}

static int is_newline(const struct unit *u)
{
    return u->cp == '\r' || u->cp == '\n' || u->cp == 0x2028 || u->cp == 0x2029;
}

/* Columns of u starting at column col (TAB stops). */
static size_t unit_width(const struct unit *u, size_t col, unsigned flags)
{
    if (u->cls)
        return (flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? (u->cls & NXMSG__LC_WIDE) >> 2
                                                   : u->cls & NXMSG__LC_NARROW;
    if (u->cp == '\t')
        return 8 - col % 8;
    if (is_newline(u))
        return 1;
    return (flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? 2 : 1; /* U+FFFD */
}

static size_t resolve_len(const char *s, size_t len)
{
    if (!s)
        return 0;
    return len == NXMSG_STRLEN ? strlen(s) : len;
}

size_t nxmsg_layout_width(const char *str, size_t len, unsigned flags)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t col = 0;
    struct unit u;

    len = resolve_len(str, len);
    for (size_t i = 0; i < len; i += u.len) {
        unit_at(s, i, len, &u);
        col += unit_width(&u, col, flags);
    }
    return col;
}

/* ---- truncation: output with the *_r rules, whole units only ---- */

struct out {
    char *buf;
    size_t size, n, cut; /* cut: where the written prefix ends, or (size_t)-1 */
};

static void put(struct out *o, const void *p, size_t k)
{
    if (o->cut == (size_t)-1 && o->n < o->size) {
        size_t room = o->size - o->n;
        memcpy(o->buf + o->n, p, k < room ? k : room);
    }
    o->n += k;
}

/* Render u (as the host shows it on one line) as one unit of output. */
static void put_unit(struct out *o, const unsigned char *s, const struct unit *u, size_t w)
{
    size_t start = o->n;
    if (u->cls)
        put(o, s, u->len);
    else if (u->cp == '\t')
        for (size_t k = 0; k < w; k++)
            put(o, " ", 1);
    else if (is_newline(u))
        put(o, " ", 1);
    else
        put(o, "\xEF\xBF\xBD", 3);
    if (o->cut == (size_t)-1 && o->size && o->n > o->size - 1)
        o->cut = start;
}

/* Units of s[0..n) while the column stays <= maxcol; returns the column. */
static size_t render_line(const char *str, size_t n, size_t maxcol, unsigned flags, struct out *o)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t col = 0, w;
    struct unit u;

    for (size_t i = 0; i < n; i += u.len) {
        unit_at(s, i, n, &u);
        w = unit_width(&u, col, flags);
        if (col + w > maxcol)
            break;
        put_unit(o, s + i, &u, w);
        col += w;
    }
    return col;
}

size_t nxmsg_layout_truncate(const char *s, size_t len, size_t cols, const char *ell,
                             unsigned flags, char *buf, size_t size)
{
    struct out o = { buf, buf ? size : 0, 0, (size_t)-1 };
    size_t w;

    len = resolve_len(s, len);
    if (cols > 0) {
        w = nxmsg_layout_width(s, len, flags);
        if (w <= cols) {
            render_line(s, len, w, flags, &o);
        } else {
            size_t el = ell ? strlen(ell) : 0, ew = el ? nxmsg_layout_width(ell, el, flags) : 0;
            if (el && ew <= cols) {
                render_line(s, len, cols - ew, flags, &o);
                render_line(ell, el, ew, flags, &o);
            } else {
                render_line(s, len, cols, flags, &o);
            }
        }
    }
    if (o.size) {
        size_t end = o.cut == (size_t)-1 ? o.n : o.cut;
        o.buf[end < o.size ? end : o.size - 1] = '\0';
    }
    return o.n;
}

/* ---- wrapping ---- */

void nxmsg_layout_wrap_init(nxmsg_layout_wrap *w, const char *s, size_t len, size_t cols,
                            unsigned flags)
{
    size_t lo = 0, hi = nxmsg__layout_ntexts;
    uint32_t h;

    w->s = s;
    w->len = resolve_len(s, len);
    w->pos = 0;
    w->cols = cols ? cols : 1;
    w->flags = flags;
    w->from = 1;
    w->end = 0;
    w->nlk = 0;
    w->flips = w->flip_end = nxmsg__layout_flips;
    h = nxmsg__layout_hash(s ? s : "", w->len, nxmsg__layout_seed);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nxmsg__layout_hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < nxmsg__layout_ntexts && nxmsg__layout_hashes[lo] == h) {
        w->flips = nxmsg__layout_flips + nxmsg__layout_first[lo];
        w->flip_end = nxmsg__layout_flips + nxmsg__layout_first[lo + 1];
    }
    w->flip = w->flips;
}

/* Whether a line may break before the unit at b (prev: the unit before). */
static int allowed(nxmsg_layout_wrap *w, size_t b, unsigned prev, unsigned cur)
{
    int r = nxmsg__layout_pair(prev, cur);
    while (w->flip < w->flip_end && *w->flip < b)
        w->flip++;
    return w->flip < w->flip_end && *w->flip == b ? !r : r;
}

/* The end of the hard line that holds p, and the length of its break. */
static void hard_line(nxmsg_layout_wrap *w, size_t p)
{
    const unsigned char *s = (const unsigned char *)w->s;
    struct unit u;
    size_t i;

    for (i = p; i < w->len; i += u.len) {
        unit_at(s, i, w->len, &u);
        if (is_newline(&u))
            break;
    }
    w->from = p;
    w->end = i;
    w->nlk = i < w->len ? u.len : 0;
}

/* The last unit boundary before g (g > 0). */
static size_t unit_before(const unsigned char *s, size_t g)
{
    size_t q = g - 1;
    for (int k = 0; k < 3 && q > 0 && (s[q] & 0xC0) == 0x80; k++)
        q--;
    return q;
}

static int nostart_at(const unsigned char *s, size_t i, size_t n)
{
    struct unit u;
    if (i >= n)
        return 0;
    unit_at(s, i, n, &u);
    return (u.cls & NXMSG__LC_NOSTART) != 0;
}

/* A run from p without opportunities up to b is wider than cols: where to
 * cut it (as nxmsg_wrap_next: whole units that fit, at least one; one fewer
 * to keep a kinsoku character off the next line; after an identifier's
 * separator when that keeps half of the line). */
static size_t cut_run(const nxmsg_layout_wrap *w, size_t p, size_t b)
{
    const unsigned char *s = (const unsigned char *)w->s;
    size_t g, prev = p, col, first, q, qcol, best = 0;
    struct unit u;

    unit_at(s, p, w->len, &u);
    col = unit_width(&u, 0, w->flags);
    g = first = p + u.len;
    while (g < w->len) {
        size_t uw;
        unit_at(s, g, w->len, &u);
        uw = unit_width(&u, col, w->flags);
        if (g + u.len > b || col + uw > w->cols)
            break;
        prev = g;
        g += u.len;
        col += uw;
    }
    if (prev > p && nostart_at(s, g, w->len)) {
        while (g > first && nostart_at(s, g, w->len))
            g = unit_before(s, g);
        if (g < first)
            g = first;
    }
    /* the last separator q in (p + 1, g] with width(p..q) * 2 >= cols */
    for (q = p, qcol = 0; q < g; q += u.len) {
        unit_at(s, q, w->len, &u);
        qcol += unit_width(&u, qcol, w->flags);
        if (q + u.len > p + 1 && q + u.len < w->len && qcol * 2 >= w->cols &&
            strchr("_-/.", s[q + u.len - 1]) && s[q + u.len] >= 0x21 && s[q + u.len] < 0x7F &&
            !nostart_at(s, q + u.len, w->len))
            best = q + u.len;
    }
    return best ? best : g;
}

int nxmsg_layout_wrap_next(nxmsg_layout_wrap *w, size_t *start, size_t *len)
{
    const unsigned char *s = (const unsigned char *)w->s;
    size_t p = w->pos, b = p, e = p, col = 0, ecol = 0, best = (size_t)-1;
    struct unit u;

    if (p >= w->len)
        return 0;
    if (p < w->from || p > w->end)
        hard_line(w, p);
    if (w->flip > w->flips && w->flip[-1] > p)
        w->flip = w->flips; /* pos went back */
    if (p == w->end)
        best = p;
    while (b < w->end) {
        unsigned prev;
        unit_at(s, b, w->len, &u);
        col += unit_width(&u, col, w->flags);
        b += u.len;
        if (u.cp != ' ' && u.cp != '\t') {
            e = b;
            ecol = col;
            /* every later opportunity is wider: none fits, and a run
             * to be cut ends within what is read so far (cut_run) */
            if (ecol > w->cols)
                break;
        }
        prev = u.cls;
        if (b < w->end) {
            unit_at(s, b, w->len, &u);
            if (!allowed(w, b, prev, u.cls))
                continue;
        }
        best = b;
    }
    if (best != (size_t)-1) {
        for (e = best; e > p && (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
            ;
        w->pos = best == w->end ? w->end + w->nlk : best;
    } else {
        e = cut_run(w, p, b);
        w->pos = e;
    }
    *start = p;
    *len = e - p;
    return 1;
}
