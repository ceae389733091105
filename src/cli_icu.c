/* cli_icu.c - the parts of the nxmsg command that need ICU (the program
 * nxmsg-full): output in the locale's character set, --version's ICU
 * line.  The plain lookup program (cli_lite.c) runs nxmsg-full for them. */
#include <config.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cli.h"

static nxmsg_charset *out_cs;

static int write_file(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

static int encode(FILE *f, const char *s, size_t len)
{
    return nxmsg_charset_write(out_cs, s, len, write_file, f) == 0 ? 0 : -1;
}

static void close_charset(void)
{
    nxmsg_charset_close(out_cs);
    out_cs = NULL;
}

int cli_setup_output(int *argc, char **argv)
{
    const char *name = cli_take_encoding(argc, argv), *codeset = nl_langinfo(CODESET);

    if (!name && (!codeset || strcmp(codeset, "ANSI_X3.4-1968") == 0))
        return 0; /* the C locale: UTF-8 (see nxmsg(1), ENCODING) */
    if ((out_cs = nxmsg_charset_open(name)) == NULL) {
        cli_error(_("unknown character set '%s'"), name ? name : codeset);
        return -1;
    }
    if (nxmsg_charset_is_utf8(out_cs)) {
        close_charset();
        return 0;
    }
    atexit(close_charset);
    cli_set_encoder(encode);
    return 0;
}

const char *cli_fold(const char *s, char *buf, size_t size)
{
    size_t n;

    if (!cli_folding())
        return s;
    n = nxmsg_charset_fold_r(out_cs, s, NXMSG_STRLEN, buf, size);
    return n < size ? buf : s;
}

/* ---- table headers ---------------------------------------------------------- */

/* The translation of the k-th header of cli_translate_headers. */
static const char *header_text(size_t k)
{
    switch (k) {
    case 0: return pgettext("column header", "Domain");
    /* TRANSLATORS: the symbolic name of a code (the documentation: "error name") */
    case 1: return pgettext("column header", "Name");
    case 2: return pgettext("column header", "Value");
    case 3: return pgettext("column header", "Description");
    case 4: return pgettext("column header", "English");
    case 5: return pgettext("column header", "Japanese");
    default: return pgettext("column header", "Count");
    }
}

void cli_translate_headers(nxmsg_table *t)
{
    /* the headers the library and the CLI give their tables */
    static const char *const english[] = { "Domain", "Name", "Value", "Description", "English",
                                           "Japanese", "Count", NULL };
    const char *h;

    for (size_t i = 0; (h = nxmsg_table_header(t, i)) != NULL; i++)
        for (size_t k = 0; english[k]; k++)
            if (strcmp(h, english[k]) == 0) {
                const char *tr = header_text(k);
                if (strcmp(tr, h) != 0)
                    nxmsg_table_set_header(t, i, tr);
                break;
            }
}

int cli_run_full(void)
{
    return -1;
}

void cli_save_argv(int argc, char **argv)
{
    (void)argc;
    (void)argv;
}

/* The languages available: "en (built in), ja" into buf. */
static void languages(char *buf, size_t size)
{
    const char *tag;
    size_t n = (size_t)snprintf(buf, size, "%s", _("en (built in)"));

    for (size_t i = 0; (tag = nxmsg_embedded_language(i)) != NULL; i++)
        if (n < size)
            n += (size_t)snprintf(buf + n, size - n, _(", %s (built in)"), tag);
    cli_catalog_tags(cli_catalog_dir(), buf, size, &n);
}

void cli_version_extra(void)
{
    char icu[128], langs[256];

    languages(langs, sizeof langs);
    /* TRANSLATORS: %s is a list of language tags, "en (built in), ja" */
    cli_printf(stdout, _("Languages: %s\n"), langs);
    nxmsg_icu_version_r(icu, sizeof icu);
    cli_printf(stdout, "%s\n", icu);
    cli_printf(stdout, _("Output character set: %s\n"), nxmsg_charset_name(out_cs));
}

/* ---- annotate in another character set ----------------------------------------
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

/* iov[0..n) to standard output, all of it (writev() may write less). */
static int writev_all(struct iovec *iov, int n)
{
    while (n > 0) {
        ssize_t w = writev(STDOUT_FILENO, iov, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) { /* 0: no progress, which would loop for ever */
            if (w == 0)
                errno = EIO;
            return -1;
        }
        for (; n > 0 && (size_t)w >= iov->iov_len; iov++, n--)
            w -= (ssize_t)iov->iov_len;
        if (n > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
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
        if (writev_all(iov, k) != 0) {
            cli_write_failed(errno);
            return -1;
        }
        v += k;
        n -= (size_t)k;
    }
    return 0;
}

int cli_search(char **words, int n, const struct cli_langs *langs, nxmsg_domain domain)
{
    const nxmsg_entry *found[512];
    size_t k;
    int shown = 0;

    if (n < 1 || n > 8) {
        cli_error(_("--search takes 1 to 8 words"));
        return CLI_USAGE;
    }
    k = nxmsg_search((const char *const *)words, (size_t)n, NULL, 0, found, sizeof found / sizeof found[0]);
    for (size_t i = 0; i < k && i < sizeof found / sizeof found[0]; i++)
        if (domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(found[i]) == domain) {
            cli_print_line(nxmsg_entry_value(found[i]), found[i], langs);
            shown++;
        }
    return cli_finish(shown ? CLI_OK : CLI_NOTFOUND);
}
