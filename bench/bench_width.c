/* bench_width.c - display width throughput (MB/s) on the catalog's texts:
 * nxmsg_width vs libunistring u8_width vs a naive per-code-point ICU loop.
 *
 * Each language's texts (all entries, joined by spaces) are replicated to
 * about 4 MB and measured two ways: one call on the whole buffer, and one
 * call per message (the way tables and log lines use it).  Printed, not
 * asserted; the goal is nxmsg >= 2x u8_width. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#ifdef HAVE_UNISTRING
#include <uniwidth.h>
#endif

#include "nxmsg.h"
#include "bench.h"

#define TARGET (4u << 20)

/* The straightforward ICU way: look every code point's properties up. */
static size_t naive_icu(const char *s, size_t n)
{
    size_t w = 0;
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        UChar32 c;
        int gc, ea;
        U8_NEXT(s, i, len, c);
        if (c < 0) {
            w++;
            continue;
        }
        gc = u_charType(c);
        ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR ||
            u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            continue;
        w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return w;
}

enum { NXMSG, UNISTRING, NAIVE, N_IMPL };
static const char *const impl_name[N_IMPL] = { "nxmsg_width", "u8_width", "naive ICU loop" };

static size_t measure(int impl, const char *s, size_t n)
{
    switch (impl) {
    case NXMSG: return nxmsg_width(s, n, 0);
#ifdef HAVE_UNISTRING
    case UNISTRING: return (size_t)u8_width((const uint8_t *)s, n, "UTF-8");
#endif
    case NAIVE: return naive_icu(s, n);
    default: return 0;
    }
}

struct corpus {
    const char *lang;
    char *buf;          /* replicated texts */
    size_t len;
    const char **msg;   /* one round of messages */
    size_t *msg_len, n_msg, rounds;
};

static void load(struct corpus *c, const char *lang)
{
    size_t n = nxmsg_count(), one = 0, i;
    c->lang = lang;
    c->msg = calloc(n, sizeof *c->msg);
    c->msg_len = calloc(n, sizeof *c->msg_len);
    for (i = 0; i < n; i++) {
        c->msg[i] = nxmsg_entry_text(nxmsg_entry_at(i), lang);
        c->msg_len[i] = strlen(c->msg[i]);
        one += c->msg_len[i] + 1;
    }
    c->n_msg = n;
    c->rounds = TARGET / one + 1;
    c->buf = malloc(c->rounds * one);
    c->len = 0;
    for (size_t r = 0; r < c->rounds; r++)
        for (i = 0; i < n; i++) {
            memcpy(c->buf + c->len, c->msg[i], c->msg_len[i]);
            c->len += c->msg_len[i];
            c->buf[c->len++] = ' ';
        }
}

static volatile size_t sink;

/* MB/s of one impl on the whole buffer or per message: median and range of 5
 * runs. */
static bench_figure run(int impl, const struct corpus *c, int per_msg, size_t *result)
{
    double mbs[5];
    for (int k = 0; k < 5; k++) {
        size_t w = 0;
        double t0 = bench_now(), t;
        if (per_msg) {
            for (size_t r = 0; r < c->rounds; r++)
                for (size_t i = 0; i < c->n_msg; i++)
                    w += measure(impl, c->msg[i], c->msg_len[i]);
        } else {
            w = measure(impl, c->buf, c->len);
        }
        t = bench_now() - t0;
        sink = w;
        *result = w;
        mbs[k] = c->len / t / 1e6;
    }
    return bench_stats(mbs, 5);
}

int main(void)
{
    struct corpus cs[2];
    load(&cs[0], "ja");
    load(&cs[1], "en");
    nxmsg_width("warm up", 7, 0);
#ifndef HAVE_UNISTRING
    printf("note: libunistring not found at configure time: no u8_width comparison\n");
#endif
    for (int k = 0; k < 2; k++) {
        const struct corpus *c = &cs[k];
        printf("%s: %zu messages x %zu = %.1f MB%s; MB/s, median of 5 runs\n", c->lang, c->n_msg, c->rounds, c->len / 1e6,
               nxmsg_have_catalog(c->lang) || k ? "" : " (catalog missing: English texts!)");
        for (int per = 0; per < 2; per++) {
            double mbs[N_IMPL] = { 0 };
            size_t res[N_IMPL] = { 0 };
            bench_figure fig[N_IMPL] = { { 0, 0, 0 } };
            for (int i = 0; i < N_IMPL; i++) {
#ifndef HAVE_UNISTRING
                if (i == UNISTRING)
                    continue;
#endif
                fig[i] = run(i, c, per, &res[i]);
                mbs[i] = fig[i].median;
            }
            printf("  %-12s", per ? "per message" : "whole buffer");
            for (int i = 0; i < N_IMPL; i++)
                if (mbs[i] > 0)
                    printf("  %s %7.0f MB/s", impl_name[i], mbs[i]);
            printf("\n  %-12s", "");
            if (mbs[UNISTRING] > 0)
                printf("  nxmsg/u8_width %.2fx", mbs[NXMSG] / mbs[UNISTRING]);
            printf("  nxmsg/naive %.2fx", mbs[NXMSG] / mbs[NAIVE]);
            printf("  columns: nxmsg %zu, u8_width %zu (%s), naive %zu (%s)\n", res[NXMSG],
                   res[UNISTRING], res[UNISTRING] == res[NXMSG] ? "agrees" : "differs",
                   res[NAIVE], res[NAIVE] == res[NXMSG] ? "agrees" : "differs");
            if (mbs[UNISTRING] > 0) {
                char what[64];
                snprintf(what, sizeof what, "width: %s texts, %s", c->lang, per ? "per message" : "whole buffer");
                bench_report(what, "MB/s", 0, "nxmsg_width", fig[NXMSG], "u8_width", fig[UNISTRING]);
            }
        }
    }
    return 0;
}
