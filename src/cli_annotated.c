/* cli_annotated.c - the output of "nxmsg annotate", in both programs:
 * span lists written with writev(), and, where the output is converted to
 * another character set (nxmsg-full only: cli_folding()), the annotations
 * converted while the input's bytes pass as they are. */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cli.h"
#include "write_all.h"

/* ---- annotations in another character set ----------------------------------
 * The input bytes pass as they are (a log is in its own encoding); only the
 * annotations " ⟦...⟧" are converted, their brackets written as "[" and "]". */

#define OPEN " \xE2\x9F\xA6"
#define OPEN_LEN 4
#define CLOSE "\xE2\x9F\xA7"
#define CLOSE_LEN 3
#define SPAN_MAX 16384 /* an annotation is never longer (nxmsg.h) */

static struct {
    char buf[SPAN_MAX];
    size_t n;   /* bytes held: a prefix of OPEN, or a whole open annotation */
    int inside; /* OPEN seen */
} span;

static int raw(const char *s, size_t n)
{
    return n == 0 || fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

/* The held annotation, converted. */
static int put_span(void)
{
    int r = raw(" [", 2);

    if (r == 0)
        r = cli_write(stdout, span.buf + OPEN_LEN, span.n - OPEN_LEN - CLOSE_LEN);
    if (r == 0)
        r = raw("]", 1);
    span.n = 0;
    span.inside = 0;
    return r;
}

/* One byte into the held bytes; returns 0 or -1. */
static int hold(char c)
{
    int r = 0;

    span.buf[span.n++] = c;
    if (!span.inside) {
        if (c == OPEN[span.n - 1]) {
            span.inside = span.n == OPEN_LEN;
            return 0;
        }
        r = raw(span.buf, span.n - 1);
        span.n = 0;
        return r == 0 && c == ' ' ? hold(c) : r == 0 ? raw(&c, 1) : r;
    }
    if (span.n >= OPEN_LEN + CLOSE_LEN && memcmp(span.buf + span.n - CLOSE_LEN, CLOSE, CLOSE_LEN) == 0)
        return put_span();
    if (c == '\n' || span.n == SPAN_MAX) {
        r = raw(span.buf, span.n); /* not an annotation */
        span.n = 0;
        span.inside = 0;
    }
    return r;
}

int cli_write_annotated(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    if (!cli_folding())
        return len ? cli_write(stdout, s, len) : 0;
    if (len == 0) { /* end of output: what is held is not an annotation */
        int r = raw(span.buf, span.n);
        span.n = 0;
        span.inside = 0;
        return r;
    }
    for (size_t i = 0; i < len; i++) {
        const char *sp;
        if (span.n == 0 && s[i] != ' ') {
            sp = memchr(s + i, ' ', len - i);
            size_t run = sp ? (size_t)(sp - (s + i)) : len - i;
            if (raw(s + i, run) != 0)
                return -1;
            i += run - 1;
            continue;
        }
        if (hold(s[i]) != 0)
            return -1;
    }
    return 0;
}

int cli_write_spans(void *ctx, const nxmsg_span *v, size_t n)
{
    enum { IOV = 1024 }; /* IOV_MAX on Linux and the BSDs */
    struct iovec iov[IOV];

    if (cli_folding()) {
        for (size_t i = 0; i < n; i++)
            if (cli_write_annotated(ctx, v[i].data, v[i].len) != 0)
                return -1;
        return 0;
    }
    if (fflush(stdout) != 0)
        return -1;
    while (n > 0) {
        int k = 0;
        for (; k < IOV && (size_t)k < n; k++) {
            iov[k].iov_base = (void *)v[k].data;
            iov[k].iov_len = v[k].len;
        }
        if (writev_all(STDOUT_FILENO, iov, k) != 0) {
            cli_write_failed(errno);
            return -1;
        }
        v += k;
        n -= (size_t)k;
    }
    return 0;
}
