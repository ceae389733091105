/* nxmsg-rsyslog.c - rsyslog mmexternal filter: add the meaning of NetX status
 * codes to syslog messages (doc/rsyslog.md).
 *
 * rsyslog's mmexternal writes one message per line on our standard input and
 * waits for one line of JSON on our standard output: {} leaves the message
 * as it is, {"msg":"..."} replaces its text.  With interface.input "msg" (the
 * default) a line is the MSG property as it is, bytes and all; with
 * "fulljson" it is the whole message as a JSON object whose "msg" member we
 * read.  Each message goes through a library annotator (inline mode by
 * default); a message without codes, or one we cannot read exactly, is
 * answered {} so that it passes unchanged.  Standard error goes to the same
 * pipe as the answers, so nothing is ever written there once messages flow. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nxmsg.h"
#include "write_all.h"

#define READ_CHUNK (64 * 1024)
#define DEFAULT_MAX_LINE (1024 * 1024)
#define NO_CHANGE "{}\n"

/* A growable byte buffer; len never exceeds cap, cap never exceeds max. */
struct buf {
    char *p;
    size_t len, cap, max;
};

static int buf_reserve(struct buf *b, size_t more)
{
    size_t want = b->len + more, cap = b->cap ? b->cap : 4096;
    char *p;

    if (want < b->len || want > b->max)
        return -1;
    if (want <= b->cap)
        return 0;
    while (cap < want)
        cap = cap > b->max / 2 ? b->max : cap * 2;
    if (!(p = realloc(b->p, cap)))
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int buf_add(struct buf *b, const char *s, size_t n)
{
    if (n == 0)
        return 0; /* b->p may still be NULL: no memcpy(NULL, ...) */
    if (buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* nxmsg_write_fn collecting the annotator's output. */
static int collect(void *ctx, const char *data, size_t len)
{
    return buf_add(ctx, data, len) < 0 ? NXMSG_ENOMEM : 0;
}

/* ---- reading the "msg" member of rsyslog's fulljson ------------------------ */

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int hex4(const char *p, const char *end, unsigned *v)
{
    *v = 0;
    if (end - p < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)p[i], d = c >= '0' && c <= '9' ? c - '0'
                                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (unsigned)d;
    }
    return 0;
}

/* One \uXXXX escape (p after the 'u', a surrogate pair taken whole) as UTF-8
 * into out; returns the end of the escape, or NULL for a lone surrogate or
 * U+0000 (rsyslog keeps messages as C strings: NUL cannot come back). */
static const char *unicode_escape(const char *p, const char *end, struct buf *out)
{
    unsigned cp, lo;
    char u[4];
    int n;

    if (hex4(p, end, &cp) < 0 || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
        return NULL;
    p += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo) < 0 ||
            lo < 0xDC00 || lo > 0xDFFF)
            return NULL;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        p += 6;
    }
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    return buf_add(out, u, (size_t)n) < 0 ? NULL : p;
}

/* Decode the JSON string at p (after its opening quote) into out (if not
 * NULL); bytes other than escapes and controls are copied as they are, valid
 * UTF-8 or not, as rsyslog (json-c) writes them.  Returns the position after
 * the closing quote, or NULL if the string is malformed or cannot be kept. */
static const char *json_string(const char *p, const char *end, struct buf *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

    while (p < end && *p != '"') {
        const char *run = p, *k;
        while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
            p++;
        if (out && buf_add(out, run, (size_t)(p - run)) < 0)
            return NULL;
        if (p == end || *p == '"')
            break;
        if (*p != '\\' || ++p == end)
            return NULL; /* a raw control character, or a cut escape */
        if (*p == 'u') {
            struct buf scratch = { NULL, 0, 0, 16 };
            p = unicode_escape(p + 1, end, out ? out : &scratch);
            free(scratch.p);
            if (!p)
                return NULL;
        } else if ((k = memchr(from, *p, sizeof from - 1)) != NULL) {
            if (out && buf_add(out, to + (k - from), 1) < 0)
                return NULL;
            p++;
        } else {
            return NULL;
        }
    }
    return p < end ? p + 1 : NULL;
}

/* Skip one JSON value (string, number, literal, or nested object/array). */
static const char *json_skip(const char *p, const char *end)
{
    int depth = 0;

    do {
        if (p == end)
            return NULL;
        if (*p == '"') {
            if (!(p = json_string(p + 1, end, NULL)))
                return NULL;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        else if (depth == 0 && (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            return p;
        if (depth < 0)
            return p; /* the end of the enclosing object */
        p++;
    } while (depth > 0 || (p < end && *p != ',' && *p != '}' && *p != ']'));
    return p;
}

/* The "msg" string of a top-level JSON object into out; 0 or -1. */
static int json_get_msg(const char *p, const char *end, struct buf *out)
{
    p = skip_ws(p, end);
    if (p == end || *p++ != '{')
        return -1;
    for (;;) {
        const char *key;
        p = skip_ws(p, end);
        if (p == end || *p != '"')
            return -1;
        key = ++p;
        if (!(p = json_string(p, end, NULL)))
            return -1;
        int is_msg = p - key == 4 && memcmp(key, "msg\"", 4) == 0;
        p = skip_ws(p, end);
        if (p == end || *p++ != ':')
            return -1;
        p = skip_ws(p, end);
        if (is_msg)
            return p < end && *p == '"' && json_string(p + 1, end, out) ? 0 : -1;
        if (!(p = json_skip(p, end)) || (p = skip_ws(p, end)) == end || *p++ != ',')
            return -1;
    }
}

/* ---- answering ---------------------------------------------------------- */

/* {"msg":"<s>"} with '"', '\' and control characters escaped; every other
 * byte is written as it is (json-c in rsyslog takes bytes that are not
 * UTF-8 as they are, so they come back unchanged). */
static int json_answer(struct buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";

    out->len = 0;
    if (buf_add(out, "{\"msg\":\"", 8) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
        int r = c == '"' || c == '\\' ? (e[1] = (char)c, buf_add(out, e, 2))
                : c < 0x20            ? buf_add(out, e, 6)
                                      : buf_add(out, s + i, 1);
        if (r < 0)
            return -1;
    }
    return buf_add(out, "\"}\n", 3);
}

struct filter {
    nxmsg_annotator *a;
    nxmsg_annotate_options opt;
    int fulljson;
    struct buf text, annotated, answer;
};

/* The answer to one input line (without its "\n"): one write, so that rsyslog,
 * which waits for it, gets it whole at once. */
static int answer_line(struct filter *f, const char *line, size_t len)
{
    const char *msg = line;
    size_t n = len;

    if (f->fulljson) {
        f->text.len = 0;
        if (json_get_msg(line, line + len, &f->text) < 0)
            return write_all(STDOUT_FILENO, NO_CHANGE, 3);
        msg = f->text.p, n = f->text.len;
    }
    f->annotated.len = 0;
    if (nxmsg_annotator_feed(f->a, msg, n) != 0 || nxmsg_annotator_finish(f->a) != 0) {
        /* out of memory: the message passes unchanged, and a failed
         * annotator keeps failing, so take a new one */
        nxmsg_annotator_free(f->a);
        f->a = nxmsg_annotator_new(&f->opt, collect, &f->annotated);
        return f->a ? write_all(STDOUT_FILENO, NO_CHANGE, 3) : -1;
    }
    /* annotations only add bytes: the same length means no code */
    if (f->annotated.len == n || json_answer(&f->answer, f->annotated.p, f->annotated.len) < 0)
        return write_all(STDOUT_FILENO, NO_CHANGE, 3);
    return write_all(STDOUT_FILENO, f->answer.p, f->answer.len);
}

/* Read lines from standard input and answer each; a line longer than
 * max_line is answered {} when its end arrives.  Returns an exit status. */
static int serve(struct filter *f, size_t max_line)
{
    struct buf in = { NULL, 0, 0, max_line + READ_CHUNK };
    size_t scan = 0;
    int skipping = 0;

    for (;;) {
        char *nl = in.len > scan ? memchr(in.p + scan, '\n', in.len - scan) : NULL;
        if (nl) {
            size_t used = (size_t)(nl - in.p) + 1;
            int r = skipping || used - 1 > max_line ? write_all(STDOUT_FILENO, NO_CHANGE, 3)
                                                    : answer_line(f, in.p, used - 1);
            if (r < 0)
                break;
            skipping = 0;
            memmove(in.p, in.p + used, in.len - used);
            in.len -= used, scan = 0;
            continue;
        }
        scan = in.len;
        if (in.len > max_line)
            skipping = 1, in.len = scan = 0;
        if (buf_reserve(&in, READ_CHUNK) < 0)
            break;
        ssize_t r = read(STDIN_FILENO, in.p + in.len, READ_CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            free(in.p);
            return r == 0 ? 0 : 1; /* end of input: rsyslog is done with us */
        }
        in.len += (size_t)r;
    }
    free(in.p);
    return 1;
}

static void usage(FILE *out)
{
    fputs("Usage: nxmsg-rsyslog [OPTION]...\n"
          "Filter for rsyslog's mmexternal module: read one message per line on standard\n"
          "input and answer one line of JSON each, adding the meaning of every NetX status\n"
          "code found in the message (see nxmsg annotate).\n"
          "\n"
          "  -i, --input=FORMAT    msg (default) or fulljson, as interface.input in rsyslog\n"
          "  -m, --mode=MODE       inline (default: after each code) or suffix (at the end)\n"
          "  -l, --lang=LANG       ja, en or both (default: English then Japanese)\n"
          "      --localedir=DIR   read the catalogs from DIR\n"
          "      --max-line=BYTES  longest message annotated (default 1048576)\n"
          "  -h, --help            display this help and exit\n"
          "  -V, --version         output version information and exit\n",
          out);
}

/* Parse the options into f and *max_line; returns -1 to exit 0, -2 to exit
 * 2, else 0. */
static int parse_args(int argc, char **argv, nxmsg_annotate_options *o, int *fulljson,
                      size_t *max_line)
{
    static const char *const both[] = { "en", "ja" }, *const en[] = { "en" }, *const ja[] = { "ja" };
    static const struct option opts[] = {
        { "input", required_argument, NULL, 'i' }, { "mode", required_argument, NULL, 'm' },
        { "lang", required_argument, NULL, 'l' },  { "localedir", required_argument, NULL, 'D' },
        { "max-line", required_argument, NULL, 'M' }, { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },     { NULL, 0, NULL, 0 },
    };
    int c;
    char *end;

    opterr = 0; /* one line of diagnostic: rsyslog reads it as the answer */
    while ((c = getopt_long(argc, argv, "i:m:l:hV", opts, NULL)) != -1) {
        if (c == 'i' && (!strcmp(optarg, "msg") || !strcmp(optarg, "fulljson")))
            *fulljson = optarg[0] == 'f';
        else if (c == 'm' && (!strcmp(optarg, "inline") || !strcmp(optarg, "suffix")))
            o->mode = optarg[0] == 'i' ? NXMSG_ANNOTATE_INLINE : NXMSG_ANNOTATE_SUFFIX;
        else if (c == 'l' && (!strcmp(optarg, "both") || !strcmp(optarg, "en") || !strcmp(optarg, "ja")))
            o->langs = optarg[0] == 'b' ? both : optarg[0] == 'e' ? en : ja, o->nlangs = optarg[0] == 'b' ? 2 : 1;
        else if (c == 'D' && nxmsg_set_localedir(optarg) == NXMSG_OK)
            ;
        else if (c == 'M' && optarg[0] >= '0' && optarg[0] <= '9' &&
                 (*max_line = strtoul(optarg, &end, 10)) >= 1 && *end == '\0' && *max_line <= (1u << 30))
            ;
        else if (c == 'h')
            return usage(stdout), -1;
        else if (c == 'V')
            return printf("nxmsg-rsyslog %s\n", nxmsg_version()), -1;
        else
            return fprintf(stderr, "nxmsg-rsyslog: bad option or value '%s'; try --help\n", argv[optind - 1]), -2;
    }
    if (optind < argc)
        return fprintf(stderr, "nxmsg-rsyslog: unexpected argument '%s'\n", argv[optind]), -2;
    return 0;
}

int main(int argc, char **argv)
{
    struct filter f = { NULL, { NXMSG_ANNOTATE_INLINE, NULL, 0, 0, 0 }, 0,
                        { NULL, 0, 0, 0 }, { NULL, 0, 0, 0 }, { NULL, 0, 0, 0 } };
    size_t max_line = DEFAULT_MAX_LINE;
    int r = parse_args(argc, argv, &f.opt, &f.fulljson, &max_line);

    if (r < 0)
        return r == -1 ? (fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2) : 2;
    signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error: we exit */
    f.opt.line_buffer = max_line;
    f.text.max = max_line + 1;
    /* an annotation adds a few hundred bytes per code; a message that would
     * grow beyond this passes unchanged.  Escaping grows the answer at most
     * sixfold (controls as \u00XX). */
    f.annotated.max = (size_t)16 * max_line + 65536;
    f.answer.max = 6 * f.annotated.max + 16;
    if (!(f.a = nxmsg_annotator_new(&f.opt, collect, &f.annotated)))
        return 2;
    r = serve(&f, max_line);
    nxmsg_annotator_free(f.a);
    free(f.text.p), free(f.annotated.p), free(f.answer.p);
    return r;
}
