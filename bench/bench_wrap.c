/* bench_wrap.c - wrapping is linear in the text's length: the time to wrap
 * 1 MB of text at 80 columns as one text against the time for 10 KB of it.
 *
 * The text is log-like: lines of English and Japanese catalog texts (short
 * and long paragraphs, many break opportunities), emoji, identifiers and
 * paths (few), and hex dumps of up to 4 KB (none: cut by width).  The 1 MB
 * is wrapped whole; the 10 KB figure is the mean over the same 1 MB wrapped
 * as 10 KB slices, so both see the same mix and the ratio is 102.4 when the
 * cost is linear (goal: at most 120).  Also a single unbroken run (10 KB
 * against 1 MB), the worst case, and the device core's wrap
 * (nxmsg_layout_wrap_next).  Medians of 9 interleaved runs with their
 * range, in the thread's CPU time (wrapping never blocks), so that other
 * load on a shared machine does not count; printed, not asserted. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nxmsg.h"
#include "nxmsg_layout.h"
#include "bench.h"

enum { SMALL = 10 * 1024, BIG = 1024 * 1024, RUNS = 9, COLS = 80 };

static volatile size_t sink;
static unsigned long long rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11) % n;
}

struct text {
    char *s;
    size_t n;
};

static void add(struct text *t, const char *p, size_t k)
{
    if (t->n + k <= BIG) {
        memcpy(t->s + t->n, p, k);
        t->n += k;
    }
}

static void adds(struct text *t, const char *p) { add(t, p, strlen(p)); }

static const char *text_of(unsigned lang)
{
    return nxmsg_entry_text(nxmsg_entry_at(rnd((unsigned)nxmsg_count())), lang ? "ja" : "en");
}

/* One line of the mix, ending in "\n". */
static void add_line(struct text *t)
{
    static const char *const emoji[] = { " \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB", " \xE2\x9C\x85",
                                         " \xF0\x9F\x87\xAF\xF0\x9F\x87\xB5",
                                         " \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" };
    unsigned kind = rnd(20), k;

    if (kind < 6) { /* English: one to six messages */
        for (k = 1 + rnd(6); k > 0; k--) {
            adds(t, text_of(0));
            adds(t, " ");
        }
    } else if (kind < 12) { /* Japanese, no spaces */
        for (k = 1 + rnd(6); k > 0; k--)
            adds(t, text_of(1));
    } else if (kind < 14) { /* a long paragraph of both, 1 to 8 KB */
        for (k = 10 + rnd(60); k > 0; k--) {
            adds(t, text_of(k & 1));
            adds(t, k % 7 ? " " : "\xE3\x80\x80");
        }
    } else if (kind < 16) { /* Japanese with emoji */
        adds(t, text_of(1));
        for (k = 1 + rnd(4); k > 0; k--)
            adds(t, emoji[rnd(4)]);
    } else if (kind < 18) { /* identifiers and paths */
        adds(t, "/var/log/nxmsg/");
        for (k = 2 + rnd(12); k > 0; k--) {
            adds(t, nxmsg_entry_name(nxmsg_entry_at(rnd((unsigned)nxmsg_count()))));
            adds(t, k % 3 ? "_" : "/");
        }
    } else { /* a hex dump without spaces, 64 bytes to 4 KB */
        for (k = 64 + rnd(4033); k > 0; k--)
            add(t, &"0123456789abcdef"[rnd(16)], 1);
    }
    adds(t, "\n");
}

/* n bytes or fewer: cut before a UTF-8 continuation byte. */
static size_t cut(const char *s, size_t n)
{
    while (n > 0 && (s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

typedef size_t (*wrap_fn)(const char *s, size_t n);

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t wrap_host(const char *s, size_t n)
{
    size_t pos = 0, a, l, lines = 0;
    while (nxmsg_wrap_next(s, n, COLS, 0, &pos, &a, &l))
        lines += l + 1;
    return lines;
}

static size_t wrap_core(const char *s, size_t n)
{
    nxmsg_layout_wrap w;
    size_t a, l, lines = 0;
    nxmsg_layout_wrap_init(&w, s, n, COLS, 0);
    while (nxmsg_layout_wrap_next(&w, &a, &l))
        lines += l + 1;
    return lines;
}

/* Seconds to wrap s[0..n) whole (slice 0) or as slices of about slice
 * bytes, divided by their number. */
static double timed(wrap_fn f, const char *s, size_t n, size_t slice)
{
    double t0 = cpu_now();
    size_t k = 0;
    if (!slice) {
        sink += f(s, n);
        return cpu_now() - t0;
    }
    for (size_t a = 0, b; a < n; a = b, k++) {
        b = a + slice < n ? a + cut(s + a, slice) : n;
        sink += f(s + a, b - a);
    }
    return (cpu_now() - t0) / (double)k;
}

/* How many slices timed() cuts s[0..n) into. */
static size_t slices(const char *s, size_t n, size_t slice)
{
    size_t k = 0;
    for (size_t a = 0; a < n; k++)
        a = a + slice < n ? a + cut(s + a, slice) : n;
    return k;
}

/* Print the 10 KB and 1 MB figures of f on s[0..n) and their ratio; for a
 * run (whole_small) the 10 KB is a text of its own, not a slice. */
static void scaling(const char *what, wrap_fn f, const char *s, size_t n, int whole_small)
{
    double ts[RUNS], tb[RUNS];
    size_t small = cut(s, SMALL);
    double times = whole_small ? (double)n / (double)small : (double)slices(s, n, SMALL);

    for (int r = 0; r < RUNS; r++) {
        ts[r] = whole_small ? timed(f, s, small, 0) : timed(f, s, n, SMALL);
        tb[r] = timed(f, s, n, 0);
    }
    {
        bench_figure fs = bench_stats(ts, RUNS), fb = bench_stats(tb, RUNS);
        printf("  %-34s 10 KB %8.1f us [%.1f, %.1f]   1 MB %9.1f us [%.1f, %.1f]   %5.0fx (%.1fx the text; goal <= 120x)\n",
               what, fs.median * 1e6, fs.min * 1e6, fs.max * 1e6, fb.median * 1e6, fb.min * 1e6,
               fb.max * 1e6, fb.median / fs.median, times);
    }
}

int main(void)
{
    struct text mix = { malloc(BIG), 0 }, run = { malloc(BIG), 0 };
    size_t lines = 0;

    if (!mix.s || !run.s)
        return 1;
    while (mix.n < BIG - 16 * 1024) {
        add_line(&mix);
        lines++;
    }
    while (run.n < BIG)
        add(&run, &"0123456789abcdef"[rnd(16)], 1);
    printf("wrapping at %d columns, CPU time, median of %d runs [min, max]; 1 MB of log-like lines (%zu lines,\n"
           "%.2f MB: English, Japanese, emoji, identifiers, hex dumps) against the same 1 MB as 10 KB slices:\n",
           COLS, RUNS, lines, mix.n / 1e6);
    wrap_host(mix.s, mix.n); /* warm up */
    scaling("nxmsg_wrap_next, the mix", wrap_host, mix.s, mix.n, 0);
    scaling("nxmsg_wrap_next, one unbroken run", wrap_host, run.s, run.n, 1);
    scaling("nxmsg_layout_wrap_next, the mix", wrap_core, mix.s, mix.n, 0);
    scaling("nxmsg_layout_wrap_next, unbroken", wrap_core, run.s, run.n, 1);
    free(mix.s);
    free(run.s);
    return 0;
}
