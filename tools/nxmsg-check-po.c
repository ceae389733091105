/* nxmsg-check-po.c - check the translations of nxmsg (.po files).
 *
 * Usage: nxmsg-check-po [--punct=FILE] [--glossary=FILE] [--pot=FILE]
 *                       [--verbatim=FILE] [--in-progress] PO...
 *        nxmsg-check-po --stats PO...
 *
 * Reads each .po file with its own small parser and reports every problem as
 * "file:line: message" on stderr: syntax errors, duplicate messages, invalid
 * UTF-8, fuzzy and untranslated messages (warnings with --in-progress), texts
 * the library would reject (lib/msgcheck.c: controls, bidi controls, U+2028,
 * U+2029, U+FEFF, non-NFC text, templates without exactly one %s),
 * whitespace at the ends that differs from the English, identifiers of the
 * English missing in the translation, c-format directives that differ,
 * forbidden ASCII punctuation (--punct), display width over the
 * "max-width: N" budget of the "#." comments, messages missing from or
 * unknown to the template (--pot), and texts kept verbatim (--verbatim) that
 * changed or lack their comment.  Terms of the glossary (--glossary) that the
 * translation does not use are warnings.
 * The rules are described in TRANSLATING.md.
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or
 * unreadable input.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "msgcheck.h"

#define MAX_FORMS 8      /* msgstr[0] .. msgstr[7] */

static const char *program = "nxmsg-check-po";

/* ---- diagnostics ---------------------------------------------------------- */

static const char *cur_file;
static unsigned long n_errors, n_warnings;

static void report(int line, int warning, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(int line, int warning, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: %s", cur_file, line, warning ? "warning: " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (warning)
        n_warnings++;
    else
        n_errors++;
}

static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fatal(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        fatal("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* Read a whole file; NULL (errno set) on error.  Adds a NUL after the data. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t n = 0, cap = 0;

    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 65536;
            data = xrealloc(data, cap + 1);
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        free(data);
        errno = e ? e : EIO;
        return NULL;
    }
    fclose(f);
    data[n] = '\0';
    *len = n;
    return data;
}

/* ---- growing strings ------------------------------------------------------- */

struct buf {
    char *s;
    size_t len, cap;
};

static void buf_addc(struct buf *b, char c)
{
    if (b->len + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->s = xrealloc(b->s, b->cap);
    }
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

static const char *buf_str(const struct buf *b)
{
    return b->s ? b->s : "";
}

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Offset of the first byte of s[0..len) that is not part of a well-formed
 * UTF-8 sequence, or len if all is valid. */
static size_t utf8_bad_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        long c;
        size_t k = nxmsg__utf8_next((const unsigned char *)s + i, len - i, &c);
        if (c < 0)
            return i;
        i += k;
    }
    return len;
}

/* ---- configuration: punctuation rules and glossary -------------------------- */

struct punct_rule {
    char c;             /* the ASCII character */
    int final;          /* only at the end of the text */
    char *use;          /* the suggested replacement */
};

struct term {
    char *en, *tr;
    size_t en_len;
};

static struct punct_rule *punct;
static size_t n_punct;
static struct term *glossary;
static size_t n_glossary;

/* Split a configuration file into lines; calls fn(line, lineno) for each
 * line that is neither blank nor a comment. */
static void read_config(const char *path, void (*fn)(const char *, char *, int))
{
    size_t len;
    char *data = slurp(path, &len), *line, *next;
    int lineno = 0;

    if (!data)
        fatal("%s: %s", path, strerror(errno));
    if (utf8_bad_at(data, len) != len || memchr(data, '\0', len))
        fatal("%s: not valid UTF-8 text", path);
    for (line = data; line && *line; line = next) {
        char *end;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        end = line + strlen(line);
        while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (*line == '\0' || *line == '#')
            continue;
        fn(path, line, lineno);
    }
    free(data);
}

/* punct file line: "any C SUGGESTION" or "final C SUGGESTION". */
static void punct_line(const char *path, char *line, int lineno)
{
    struct punct_rule r;
    char *p;

    if (strncmp(line, "any ", 4) == 0)
        r.final = 0, p = line + 4;
    else if (strncmp(line, "final ", 6) == 0)
        r.final = 1, p = line + 6;
    else
        fatal("%s:%d: expected \"any C SUGGESTION\" or \"final C SUGGESTION\"", path, lineno);
    if ((unsigned char)p[0] < 0x21 || (unsigned char)p[0] > 0x7E || p[1] != ' ' || p[2] == '\0')
        fatal("%s:%d: expected one printable ASCII character and a suggestion", path, lineno);
    r.c = p[0];
    r.use = xstrdup(p + 2);
    punct = xrealloc(punct, (n_punct + 1) * sizeof *punct);
    punct[n_punct++] = r;
}

/* glossary line: "english term<TAB>translation". */
static void glossary_line(const char *path, char *line, int lineno)
{
    char *tab = strchr(line, '\t');
    struct term t;

    if (!tab || tab == line || tab[1] == '\0' || strchr(tab + 1, '\t'))
        fatal("%s:%d: expected TERM<TAB>TRANSLATION", path, lineno);
    *tab = '\0';
    t.en = xstrdup(line);
    t.tr = xstrdup(tab + 1);
    t.en_len = strlen(t.en);
    glossary = xrealloc(glossary, (n_glossary + 1) * sizeof *glossary);
    glossary[n_glossary++] = t;
}

/* Texts kept verbatim (--verbatim): "| NAME | 0xVALUE | text |" rows of a
 * Markdown table, the published documentation the catalog reproduces. */
struct verbatim {
    char *name, *text;
};

static struct verbatim *verbatim;
static size_t n_verbatim;
static const char *verbatim_path;

static char *trim_cell(char *p)
{
    char *end;
    while (*p == ' ')
        p++;
    end = p + strlen(p);
    while (end > p && end[-1] == ' ')
        *--end = '\0';
    return p;
}

static void verbatim_line(const char *path, char *line, int lineno)
{
    char *cell[3], *p = line + 1;
    size_t i;

    if (strncmp(line, "| NX_", 5) != 0)
        return;
    for (i = 0; i < 3; i++) {
        char *bar = strchr(p, '|');
        if (!bar)
            fatal("%s:%d: expected | NAME | VALUE | TEXT |", path, lineno);
        *bar = '\0';
        cell[i] = trim_cell(p);
        p = bar + 1;
    }
    for (i = 0; i < n_verbatim; i++)
        if (strcmp(verbatim[i].name, cell[0]) == 0)
            break;
    if (i < n_verbatim) {       /* a table given twice must agree */
        if (strcmp(verbatim[i].text, cell[2]) != 0)
            fatal("%s:%d: %s differs from its first row", path, lineno, cell[0]);
        return;
    }
    verbatim = xrealloc(verbatim, (n_verbatim + 1) * sizeof *verbatim);
    verbatim[n_verbatim].name = xstrdup(cell[0]);
    verbatim[n_verbatim++].text = xstrdup(cell[2]);
}

/* The published text of a message name, or NULL. */
static const char *verbatim_text(const char *name)
{
    size_t i;
    for (i = 0; i < n_verbatim; i++)
        if (strcmp(verbatim[i].name, name) == 0)
            return verbatim[i].text;
    return NULL;
}

/* Longer terms first, so that "certificate authority" claims its words
 * before "certificate" does. */
static int term_cmp(const void *a, const void *b)
{
    const struct term *x = a, *y = b;
    if (x->en_len != y->en_len)
        return x->en_len > y->en_len ? -1 : 1;
    return strcmp(x->en, y->en);
}

/* ---- text measures ------------------------------------------------------------- */

/* Display width of a valid UTF-8 text in terminal columns: the library's
 * own measure, with East Asian Ambiguous characters counted 2 columns as on
 * a CJK terminal, so that a text within its budget fits everywhere. */
static long text_width(const char *s, size_t len)
{
    return (long)nxmsg_width(s, len, NXMSG_TEXT_AMBIGUOUS_WIDE);
}

/* Length of the whitespace (space, tab, CR, LF, U+00A0, U+3000) at the
 * start (end = 0) or the end (end = 1) of s[0..len). */
static size_t ws_run(const char *s, size_t len, int end)
{
    size_t n = 0;
    for (;;) {
        size_t rest = len - n;
        const char *p = end ? s + rest : s + n;
        size_t k = 0;
        if (rest == 0)
            break;
        if (end) {
            if (strchr(" \t\r\n", p[-1]))
                k = 1;
            else if (rest >= 2 && memcmp(p - 2, "\xC2\xA0", 2) == 0)
                k = 2;
            else if (rest >= 3 && memcmp(p - 3, "\xE3\x80\x80", 3) == 0)
                k = 3;
        } else {
            if (strchr(" \t\r\n", p[0]))
                k = 1;
            else if (rest >= 2 && memcmp(p, "\xC2\xA0", 2) == 0)
                k = 2;
            else if (rest >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0)
                k = 3;
        }
        if (k == 0 || p[end ? -1 : 0] == '\0')
            break;
        n += k;
    }
    return n;
}

/* ---- c-format directives ----------------------------------------------------------- */

#define MAX_DIRECTIVES 16

/* The directives of a printf format as "length+conversion" strings ("s",
 * "d", "lu"), in argument order.  Returns their number, or -1 for a
 * malformed directive, too many, or argument positions ("%2$s") that leave
 * an argument out. */
static int c_format(const char *s, char out[][8])
{
    int n = 0, used = 0, i;

    for (i = 0; i < MAX_DIRECTIVES; i++)
        out[i][0] = '\0';
    while ((s = strchr(s, '%')) != NULL) {
        int pos = -1;
        size_t k = 0;
        const char *p = s + 1;
        if (*p == '%') {
            s = p + 1;
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            const char *q = p;
            int v = 0;
            while (isdigit((unsigned char)*q) && v < 1000)
                v = v * 10 + (*q++ - '0');
            if (*q == '$' && v > 0) {
                pos = v - 1;
                p = q + 1;
            }
        }
        while (*p && strchr("-+ #0'I", *p))
            p++;
        while (isdigit((unsigned char)*p) || *p == '*')
            p++;
        if (*p == '.') {
            p++;
            while (isdigit((unsigned char)*p) || *p == '*')
                p++;
        }
        if (pos < 0)
            pos = n;
        if (pos >= MAX_DIRECTIVES || n >= MAX_DIRECTIVES || out[pos][0] != '\0')
            return -1;
        while (*p && strchr("hlLqjzt", *p) && k < 4)
            out[pos][k++] = *p++;
        if (!*p || !strchr("diouxXeEfFgGaAcspn", *p))
            return -1;
        out[pos][k++] = *p++;
        out[pos][k] = '\0';
        n++;
        if (pos + 1 > used)
            used = pos + 1;
        s = p;
    }
    return used == n ? n : -1;
}

static void join_directives(char out[][8], int n, char *dst, size_t size)
{
    size_t used = 0;
    int i;
    dst[0] = '\0';
    if (n <= 0) {
        snprintf(dst, size, "%s", n == 0 ? "none" : "malformed");
        return;
    }
    for (i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(dst + used, size - used, "%s%%%s", i ? " " : "", out[i]);
}

/* ---- identifiers --------------------------------------------------------------------- */

static int ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether an English word (see TRANSLATING.md) must appear unchanged in the
 * translation: a hex value (0x1FF), a word with '_' (NX_SUCCESS), an
 * acronym of capitals and digits with '.' or '#' (TLS, X509, X.509, ASN.1,
 * PKCS#7), or a CamelCase word with a capital after its first letter
 * (ClientHello, subjectAltName, TLSCiphertext, NetX). */
static int is_identifier(const char *w, size_t n)
{
    size_t i, upper = 0, lower = 0, inner_upper = 0;

    if (n >= 3 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
        for (i = 2; i < n && isxdigit((unsigned char)w[i]); i++)
            ;
        if (i == n)
            return 1;
    }
    if (memchr(w, '_', n))
        return 1;
    for (i = 0; i < n; i++) {
        if (isupper((unsigned char)w[i])) {
            upper++;
            if (i > 0)
                inner_upper++;
        } else if (islower((unsigned char)w[i])) {
            lower++;
        }
    }
    if (lower == 0)
        return upper >= 1 && n >= 2;
    return upper >= 1 && inner_upper >= 1;
}

/* Whether the word w occurs in s on its own (not next to a letter, digit or
 * '_'). */
static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    const char *p = s;
    while ((p = strstr(p, w)) != NULL) {
        if ((p == s || !ident_char(p[-1])) && !ident_char(p[n]))
            return 1;
        p++;
    }
    return 0;
}

/* Report the identifiers of en that tr lacks, each once. */
static void check_identifiers(const char *en, const char *tr, int line)
{
    size_t i = 0, n = strlen(en), n_done = 0, k;
    struct { size_t at, len; } done[64];

    while (i < n) {
        size_t start = i, end;
        char word[128];
        if (!isalnum((unsigned char)en[i]) ||
            (i > 0 && (ident_char(en[i - 1]) || en[i - 1] == '%'))) {
            i++;
            continue;
        }
        /* a word: letters, digits, '_', '#', and '.' between two of them */
        while (i < n && (ident_char(en[i]) || en[i] == '#' ||
                         (en[i] == '.' && isalnum((unsigned char)en[i + 1]))))
            i++;
        end = i;
        if (!is_identifier(en + start, end - start))
            continue;
        /* an identifier and a version number are one: "TLS 1.3" */
        if (en[end] == ' ' && isdigit((unsigned char)en[end + 1])) {
            size_t j = end + 1, dots = 0;
            while (isdigit((unsigned char)en[j]) ||
                   (en[j] == '.' && isdigit((unsigned char)en[j + 1])))
                dots += en[j++] == '.';
            if (dots > 0 && !ident_char(en[j]))
                end = i = j;
        }
        if (end - start >= sizeof word)
            continue;
        for (k = 0; k < n_done; k++)
            if (done[k].len == end - start && memcmp(en + done[k].at, en + start, end - start) == 0)
                break;
        if (k < n_done)
            continue;
        if (n_done < sizeof done / sizeof done[0]) {
            done[n_done].at = start;
            done[n_done++].len = end - start;
        }
        memcpy(word, en + start, end - start);
        word[end - start] = '\0';
        if (!has_word(tr, word))
            report(line, 0, "identifier '%s' of the English text is missing in the translation", word);
    }
}

/* ---- glossary and punctuation ------------------------------------------------------ */

/* Whether term t starts at en[at]: whole words, an optional plural "s" or
 * "es", the same case except that a lowercase term also matches a capital
 * first letter at the start of a sentence.  Returns the matched length. */
static size_t term_at(const char *en, size_t at, const struct term *t)
{
    size_t n = t->en_len, k = 0;

    if (at > 0 && (ident_char(en[at - 1]) || en[at - 1] == '-'))
        return 0;
    if (en[at] != t->en[0]) {
        size_t j = at;
        if (toupper((unsigned char)t->en[0]) != en[at] || !islower((unsigned char)t->en[0]))
            return 0;
        while (j > 0 && en[j - 1] == ' ')
            j--;
        if (j > 0 && en[j - 1] != '.')
            return 0;
    }
    if (strncmp(en + at + 1, t->en + 1, n - 1) != 0)
        return 0;
    if (en[at + n] == 's')
        k = 1;
    else if (en[at + n] == 'e' && en[at + n + 1] == 's')
        k = 2;
    if (k && !ident_char(en[at + n + k]))
        return n + k;
    return ident_char(en[at + n]) ? 0 : n;
}

static void check_glossary(const char *en, const char *tr, int line)
{
    size_t n = strlen(en), i, at;
    unsigned char *taken = xrealloc(NULL, n + 1);

    memset(taken, 0, n + 1);
    for (i = 0; i < n_glossary; i++) {
        const struct term *t = &glossary[i];
        int used = 0;
        for (at = 0; at < n; at++) {
            size_t len = term_at(en, at, t);
            if (len == 0 || memchr(taken + at, 1, len))
                continue;
            memset(taken + at, 1, len);
            used = 1;
        }
        if (used && !strstr(tr, t->tr))
            report(line, 1, "glossary: '%s' is translated as '%s', which the translation lacks",
                   t->en, t->tr);
    }
    free(taken);
}

static void check_punct(const char *tr, int line, const char *lang)
{
    size_t n = strlen(tr), i;
    for (i = 0; i < n_punct; i++) {
        const struct punct_rule *r = &punct[i];
        int hit;
        if (r->final) {
            size_t end = n - ws_run(tr, n, 1);
            hit = end > 0 && tr[end - 1] == r->c;
        } else {
            hit = strchr(tr, r->c) != NULL;
        }
        if (hit)
            report(line, 0, "ASCII '%c'%s in a %s translation: use %s", r->c,
                   r->final ? " at the end" : "", lang, r->use);
    }
}

/* ---- entries -------------------------------------------------------------------------- */

struct entry {
    int line;                 /* first line */
    int obsolete, fuzzy, c_format, no_c_format, flags_line;
    long max_width;           /* -1: no budget */
    int has_ctxt, has_id, has_plural, n_str;
    int verbatim_note;        /* a "# ... kept verbatim ..." translator comment */
    struct buf ctxt, id, plural, str[MAX_FORMS];
    int id_line, str_line;
    int bad_utf8, has_nul;
};

struct file_state {
    const char *path;
    char lang[32];
    unsigned long translated, fuzzy, untranslated, obsolete;
    int header_seen;
    char **keys;              /* "ctxt\004id" of the live messages */
    int *key_lines;
    size_t n_keys;
};

static int opt_stats;
static int opt_in_progress;   /* fuzzy and untranslated are warnings */

static char *entry_key(const struct entry *e)
{
    size_t a = e->ctxt.len, b = e->id.len;
    char *k = xrealloc(NULL, a + b + 2);
    memcpy(k, buf_str(&e->ctxt), a);
    k[a] = e->has_ctxt ? '\004' : '\005';
    memcpy(k + a + 1, buf_str(&e->id), b + 1);
    return k;
}

static void check_header(struct file_state *fs, const struct entry *e)
{
    const char *h = buf_str(&e->str[0]), *p;

    fs->header_seen = 1;
    if (e->fuzzy && !opt_stats)
        report(e->flags_line, 0, "the header entry is marked fuzzy");
    p = strstr(h, "Content-Type:");
    if (!opt_stats && (!p || !strstr(p, "charset=UTF-8")))
        report(e->str_line, 0, "the header must declare Content-Type: text/plain; charset=UTF-8");
    p = strstr(h, "\nLanguage:");
    if (!p && strncmp(h, "Language:", 9) == 0)
        p = h - 1;
    if (p) {
        size_t k = 0;
        p += 10;
        while (*p == ' ')
            p++;
        while (k + 1 < sizeof fs->lang && (isalnum((unsigned char)p[k]) || p[k] == '_' || p[k] == '@'))
            k++;
        if (k > 0) {
            memcpy(fs->lang, p, k);
            fs->lang[k] = '\0';
        }
    }
}

/* Whether the message is an unknown-code template, as the library sees it:
 * an NXMSG_TEXT message of codes.def, or else one marked c-format. */
static int is_template(const struct entry *e)
{
    int m = e->has_ctxt ? nxmsg__msg_by_ctxt(buf_str(&e->ctxt), e->ctxt.len) : -1;
    return m >= 0 ? m >= (int)NXMSG_N_CODES : e->c_format;
}

/* A message whose text reproduces the published documentation must say so
 * in a translator comment and keep that text byte for byte. */
static void check_verbatim(const struct entry *e, const char *published)
{
    if (!e->verbatim_note)
        report(e->line, 0, "%s is kept verbatim (%s): add the translator comment "
               "\"# Kept verbatim: ...\" (TRANSLATING.md)", buf_str(&e->ctxt), verbatim_path);
    if (e->n_str > 0 && strcmp(buf_str(&e->str[0]), published) != 0)
        report(e->str_line, 0, "kept verbatim: the text of %s reproduces the published documentation "
               "(%s) and must not change", buf_str(&e->ctxt), verbatim_path);
}

/* Remember the message's key and line for the duplicate and template
 * checks. */
static void add_key(struct file_state *fs, const struct entry *e)
{
    fs->keys = xrealloc(fs->keys, (fs->n_keys + 1) * sizeof *fs->keys);
    fs->key_lines = xrealloc(fs->key_lines, (fs->n_keys + 1) * sizeof *fs->key_lines);
    fs->keys[fs->n_keys] = entry_key(e);
    fs->key_lines[fs->n_keys++] = e->id_line;
}

/* Count the message as fuzzy, untranslated or translated, reporting the
 * first two; returns whether it is translated. */
static int count_translated(struct file_state *fs, const struct entry *e, int kept_verbatim)
{
    int i;

    if (e->fuzzy) {
        fs->fuzzy++;
        if (!opt_stats && kept_verbatim)
            report(e->flags_line, opt_in_progress, "fuzzy translation of a text kept verbatim: keep the "
                   "published text, remove the fuzzy flag");
        else if (!opt_stats)
            report(e->flags_line, opt_in_progress, "fuzzy translation: check it against the English, "
                   "then remove the fuzzy flag");
        return 0;
    }
    for (i = 0; i < e->n_str; i++)
        if (e->str[i].len == 0) {
            fs->untranslated++;
            if (!opt_stats)
                report(e->str_line, opt_in_progress, "untranslated message");
            return 0;
        }
    fs->translated++;
    return 1;
}

/* Whether the message is one of the library's texts (code descriptions and
 * templates, keyed by a symbolic name), which follow its rules; the
 * command's own messages (help, diagnostics, column headers) may span lines
 * and keep the ASCII syntax of options and diagnostics ("-l, --lang",
 * "Usage:", "%s: %s"). */
static int is_lib_text(const struct entry *e)
{
    return e->has_ctxt && e->ctxt.len > 0 &&
           strspn(buf_str(&e->ctxt), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == e->ctxt.len;
}

/* The English text of a library message must pass the library's rules too. */
static void check_english(const struct entry *e)
{
    size_t at;
    enum nxmsg__text_fault f = nxmsg__check_text(buf_str(&e->id), e->id.len, is_template(e), &at);

    if (f != NXMSG__TEXT_OK)
        report(e->id_line, 0, "English text: %s", nxmsg__text_fault_reason(f));
}

/* Report what the library rejects in the translation tr[0..n) of a library
 * message (it shows the English text instead); returns whether it does. */
static int library_rejects(const struct entry *e, const char *tr, size_t n)
{
    size_t at;
    enum nxmsg__text_fault f = nxmsg__check_text(tr, n, is_template(e), &at);

    if (f == NXMSG__TEXT_OK)
        return 0;
    if (at < n)
        report(e->str_line, 0, "%s (byte %zu of the translation)", nxmsg__text_fault_reason(f), at + 1);
    else
        report(e->str_line, 0, "%s", nxmsg__text_fault_reason(f));
    return 1;
}

/* The whitespace at both ends of the translation must be the English's. */
static void check_whitespace(const char *en, size_t en_n, const char *tr, size_t n, int line)
{
    size_t lead_en = ws_run(en, en_n, 0), lead_tr = ws_run(tr, n, 0);
    size_t trail_en = ws_run(en, en_n, 1), trail_tr = ws_run(tr, n, 1);

    if (lead_en != lead_tr || memcmp(en, tr, lead_tr) != 0)
        report(line, 0, "leading whitespace differs from the English text");
    if (trail_en != trail_tr || memcmp(en + en_n - trail_en, tr + n - trail_tr, trail_tr) != 0)
        report(line, 0, "trailing whitespace differs from the English text");
}

/* A c-format translation has the English's directives, in argument order. */
static void check_directives(const char *en, const char *tr, int line)
{
    char a[MAX_DIRECTIVES][8], b[MAX_DIRECTIVES][8], sa[160], sb[160];
    int na = c_format(en, a), nb = c_format(tr, b), k, same = na == nb && na >= 0;

    for (k = 0; same && k < na; k++)
        same = strcmp(a[k], b[k]) == 0;
    if (!same) {
        join_directives(a, na, sa, sizeof sa);
        join_directives(b, nb, sb, sizeof sb);
        report(line, 0, "format directives differ: English has %s, translation has %s", sa, sb);
    }
}

/* The translation fits the "max-width: N" budget of its comments. */
static void check_width(const char *tr, size_t n, long max_width, int line)
{
    long w = text_width(tr, n);

    if (w > max_width)
        report(line, 0, "display width %ld exceeds the budget max-width: %ld", w, max_width);
}

/* Check one form (msgstr or msgstr[N]) of a translated message. */
static void check_form(const struct file_state *fs, const struct entry *e, const struct buf *form, int lib_text)
{
    const char *en = buf_str(&e->id), *tr = buf_str(form);
    size_t n = form->len;

    if (lib_text && library_rejects(e, tr, n))
        return;
    check_whitespace(en, e->id.len, tr, n, e->str_line);
    check_identifiers(en, tr, e->str_line);
    if (e->c_format && !e->no_c_format)
        check_directives(en, tr, e->str_line);
    if (lib_text)
        check_punct(tr, e->str_line, fs->lang);
    if (e->max_width >= 0)
        check_width(tr, n, e->max_width, e->str_line);
    check_glossary(en, tr, e->str_line);
}

/* Check one complete message. */
static void check_entry(struct file_state *fs, struct entry *e)
{
    const char *published;
    int i, lib_text;

    if (e->obsolete) {
        fs->obsolete++;
        return;
    }
    if (!e->has_ctxt && e->id.len == 0) {
        check_header(fs, e);
        return;
    }
    add_key(fs, e);
    published = e->has_ctxt ? verbatim_text(buf_str(&e->ctxt)) : NULL;
    if (published && !opt_stats)
        check_verbatim(e, published);
    if (!count_translated(fs, e, published != NULL) || opt_stats || e->bad_utf8)
        return;
    if (e->has_nul) {
        report(e->str_line, 0, "NUL character in a message");
        return;
    }
    lib_text = is_lib_text(e);
    if (lib_text)
        check_english(e);
    for (i = 0; i < e->n_str; i++)
        check_form(fs, e, &e->str[i], lib_text);
}

/* ---- the parser ------------------------------------------------------------------------ */

/* The escape sequence after a backslash at *pp (which moves past it): the
 * byte it stands for in *c.  Returns NULL, or what is wrong. */
static const char *parse_escape(const char **pp, int *c)
{
    static const char plain[] = "ntrbfva\\\"?", value[] = "\n\t\r\b\f\v\a\\\"?";
    const char *p = *pp, *k;
    int v = (unsigned char)*p++;

    if (v != 0 && (k = strchr(plain, v)) != NULL) {
        v = value[k - plain];
    } else if (v == 'x') {
        if (!isxdigit((unsigned char)*p))
            return "syntax error: invalid escape sequence";
        for (v = 0; isxdigit((unsigned char)*p); p++) {
            v = v * 16 + (isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10);
            if (v > 0xFF)
                return "syntax error: hex escape out of range";
        }
    } else {
        if (v < '0' || v > '7')
            return "syntax error: invalid escape sequence";
        v -= '0';
        if (*p >= '0' && *p <= '7')
            v = v * 8 + (*p++ - '0');
        if (*p >= '0' && *p <= '7')
            v = v * 8 + (*p++ - '0');
        if (v > 0xFF)
            return "syntax error: octal escape out of range";
    }
    *pp = p;
    *c = v;
    return NULL;
}

/* Append the string literal at p ("..." and nothing but blanks after it) to
 * out.  Returns NULL, or what is wrong with it. */
static const char *parse_string(const char *p, struct buf *out, int *has_nul)
{
    const char *err;

    while (*p == ' ' || *p == '\t')
        p++;
    if (*p++ != '"')
        return "syntax error: expected a string in double quotes";
    for (;;) {
        int c = (unsigned char)*p++;
        if (c == '\0')
            return "syntax error: unterminated string";
        if (c == '"')
            break;
        if (c == '\\') {
            if ((err = parse_escape(&p, &c)) != NULL)
                return err;
            if (c == 0)
                *has_nul = 1;
        }
        buf_addc(out, (char)c);
    }
    while (*p == ' ' || *p == '\t')
        p++;
    return *p ? "syntax error: unexpected text after the string" : NULL;
}

static void entry_free(struct entry *e)
{
    int i;
    free(e->ctxt.s);
    free(e->id.s);
    free(e->plural.s);
    for (i = 0; i < MAX_FORMS; i++)
        free(e->str[i].s);
    memset(e, 0, sizeof *e);
    e->max_width = -1;
}

static int entry_started(const struct entry *e)
{
    return e->line != 0;
}

/* Finish the current entry (if any): check it and start afresh. */
static void entry_end(struct file_state *fs, struct entry *e)
{
    if (entry_started(e)) {
        if (e->has_id && e->n_str > 0)
            check_entry(fs, e);
        else if (e->has_id || e->has_ctxt)
            report(e->line, 0, "syntax error: message without msgstr");
        /* a lone comment block is not a message */
    }
    entry_free(e);
}

/* Flags of a "#," line. */
static void parse_flags(struct entry *e, const char *p, int lineno)
{
    char word[64];
    e->flags_line = lineno;
    while (*p) {
        size_t k = 0;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        while (*p && *p != ',' && *p != ' ' && *p != '\t') {
            if (k + 1 < sizeof word)
                word[k++] = *p;
            p++;
        }
        word[k] = '\0';
        if (strcmp(word, "fuzzy") == 0)
            e->fuzzy = 1;
        else if (strcmp(word, "c-format") == 0)
            e->c_format = 1;
        else if (strcmp(word, "no-c-format") == 0)
            e->no_c_format = 1;
    }
}

/* "#." comment: look for "max-width: N". */
static void parse_extracted(struct entry *e, const char *p, int lineno)
{
    const char *m = strstr(p, "max-width:");
    char *end;
    long v;

    if (!m)
        return;
    m += 10;
    while (*m == ' ')
        m++;
    errno = 0;
    v = strtol(m, &end, 10);
    if (!isdigit((unsigned char)*m) || errno || v > 100000 || (*end && *end != ' '))
        report(lineno, 0, "malformed \"max-width: N\" comment");
    else
        e->max_width = v;
}

/* The parser's state across the lines of one file. */
struct parser {
    struct file_state *fs;
    struct entry e;           /* the entry being read */
    struct buf *cur;          /* the string that continuation lines extend */
    int lineno;
    int skipping;             /* after an error: up to the next blank line */
};

/* Report invalid UTF-8 in line[0..n); returns whether there is any. */
static int line_bad_utf8(int lineno, const char *line, size_t n)
{
    size_t bad = utf8_bad_at(line, n);

    if (bad == n)
        return 0;
    report(lineno, 0, "invalid UTF-8 (byte 0x%02X at byte %zu of the line)", (unsigned char)line[bad], bad + 1);
    return 1;
}

/* Cut the line's trailing CR, spaces and tabs; returns where its text
 * starts. */
static char *trim_line(char *line, size_t n)
{
    char *end = line + n;

    while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

/* A blank line ends the entry (one after an error is dropped unchecked). */
static void blank_line(struct parser *ps)
{
    if (!ps->skipping)
        entry_end(ps->fs, &ps->e);
    else
        entry_free(&ps->e);
    ps->skipping = 0;
    ps->cur = NULL;
}

/* A "#" comment (not "#~"): it starts an entry or belongs to the current
 * one; flags, "max-width: N" and the "Kept verbatim" note are kept. */
static void parse_comment(struct parser *ps, const char *p, int line_bad)
{
    struct entry *e = &ps->e;

    if (e->n_str > 0 || (entry_started(e) && e->has_id))
        entry_end(ps->fs, e);
    if (!entry_started(e))
        e->line = ps->lineno;
    e->bad_utf8 |= line_bad;
    ps->cur = NULL;
    if (p[1] == ',')
        parse_flags(e, p + 2, ps->lineno);
    else if (p[1] == '.')
        parse_extracted(e, p + 2, ps->lineno);
    else if ((p[1] == ' ' || p[1] == '\0') && strstr(p, "Kept verbatim"))
        e->verbatim_note = 1;
}

/* "msgstr" or "msgstr[N]" (kw[0..kl)): the next form of the entry.
 * Returns NULL, or what is wrong. */
static const char *keyword_msgstr(struct parser *ps, const char *kw, size_t kl)
{
    struct entry *e = &ps->e;
    int idx = 0;

    if (kl > 6) {
        char *q;
        idx = (int)strtol(kw + 7, &q, 10);
        if (kw[6] != '[' || !isdigit((unsigned char)kw[7]) || q != kw + kl - 1 || *q != ']')
            return "syntax error: bad msgstr[N] keyword";
        if (!e->has_plural)
            return "syntax error: msgstr[N] without msgid_plural";
    } else if (e->has_plural) {
        return "syntax error: msgid_plural needs msgstr[N]";
    }
    if (!e->has_id || idx != e->n_str || idx >= MAX_FORMS)
        return "syntax error: unexpected msgstr";
    if (e->n_str == 0)
        e->str_line = ps->lineno;
    ps->cur = &e->str[e->n_str++];
    return NULL;
}

/* "msgctxt", "msgid" or "msgid_plural" (kw[0..kl)): where the string goes.
 * Returns NULL, or what is wrong (an unknown keyword too). */
static const char *keyword_msgid(struct parser *ps, const char *kw, size_t kl)
{
    struct entry *e = &ps->e;
    const char *err = NULL;

    if (kl == 7 && strncmp(kw, "msgctxt", 7) == 0) {
        if (e->n_str > 0)
            entry_end(ps->fs, e);
        if (e->has_ctxt || e->has_id)
            err = "syntax error: unexpected msgctxt";
        e->has_ctxt = 1;
        ps->cur = &e->ctxt;
    } else if (kl == 5 && strncmp(kw, "msgid", 5) == 0) {
        if (e->n_str > 0)
            entry_end(ps->fs, e);
        if (e->has_id)
            err = "syntax error: unexpected msgid";
        e->has_id = 1;
        e->id_line = ps->lineno;
        ps->cur = &e->id;
    } else if (kl == 12 && strncmp(kw, "msgid_plural", 12) == 0) {
        if (!e->has_id || e->has_plural || e->n_str > 0)
            err = "syntax error: unexpected msgid_plural";
        e->has_plural = 1;
        ps->cur = &e->plural;
    } else {
        err = "syntax error: unknown keyword";
    }
    return err;
}

/* A keyword line and its string; obsolete: it came after "#~".  Returns
 * NULL, or what is wrong. */
static const char *parse_keyword(struct parser *ps, const char *p, int obsolete, int line_bad)
{
    struct entry *e = &ps->e;
    const char *kw = p, *err;
    size_t kl = strcspn(p, " \t\"");

    p += kl;
    if (kl >= 6 && strncmp(kw, "msgstr", 6) == 0)
        err = keyword_msgstr(ps, kw, kl);
    else
        err = keyword_msgid(ps, kw, kl);
    if (err)
        return err;
    if (!entry_started(e))
        e->line = ps->lineno;
    e->obsolete |= obsolete;
    e->bad_utf8 |= line_bad;
    return parse_string(p, ps->cur, &e->has_nul);
}

/* One line, line[0..n) (a NUL at n). */
static void parse_line(struct parser *ps, char *line, size_t n)
{
    const char *err;
    char *p;
    int line_bad, obsolete = 0;

    ps->lineno++;
    if (memchr(line, '\0', n)) {
        report(ps->lineno, 0, "NUL byte in the file");
        ps->skipping = 1;
        ps->e.bad_utf8 = 1;
        return;
    }
    line_bad = line_bad_utf8(ps->lineno, line, n);
    p = trim_line(line, n);
    if (*p == '\0') {
        blank_line(ps);
        return;
    }
    if (ps->skipping)
        return;
    if (p[0] == '#' && p[1] == '~') {
        p += 2;
        if (*p == '|')              /* previous text of an obsolete message */
            return;
        while (*p == ' ' || *p == '\t')
            p++;
        obsolete = 1;
    } else if (p[0] == '#') {
        parse_comment(ps, p, line_bad);
        return;
    }
    if (*p == '"') {
        ps->e.bad_utf8 |= line_bad;
        err = ps->cur ? parse_string(p, ps->cur, &ps->e.has_nul) : "syntax error: string without a keyword";
    } else {
        err = parse_keyword(ps, p, obsolete, line_bad);
    }
    if (err) {
        report(ps->lineno, 0, "%s", err);
        ps->skipping = 1;
        ps->cur = NULL;
    }
}

/* Parse and check one .po file; returns 0, or -1 if it cannot be read. */
static int check_file(struct file_state *fs)
{
    size_t len, at = 0;
    char *data = slurp(fs->path, &len);
    struct parser ps;

    if (!data) {
        fprintf(stderr, "%s: %s: %s\n", program, fs->path, strerror(errno));
        return -1;
    }
    cur_file = fs->path;
    memset(&ps, 0, sizeof ps);
    ps.fs = fs;
    ps.e.max_width = -1;
    while (at < len) {
        char *line = data + at, *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;

        at += n + (nl != NULL);
        line[n] = '\0';
        parse_line(&ps, line, n);
    }
    if (!ps.skipping)
        entry_end(fs, &ps.e);
    entry_free(&ps.e);
    free(data);
    return 0;
}

/* ---- the template ------------------------------------------------------------------------ */

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print a message key ("ctxt\004id") readably. */
static const char *key_name(const char *key, char *buf, size_t size)
{
    const char *sep = strpbrk(key, "\004\005");
    if (sep && *sep == '\004')
        snprintf(buf, size, "%.*s", (int)(sep - key), key);
    else
        snprintf(buf, size, "\"%.60s\"", sep ? sep + 1 : key);
    return buf;
}

/* Compare the live messages of a .po file with those of the template. */
static void compare_with_pot(const struct file_state *fs, const struct file_state *pot)
{
    size_t i;
    char name[128];

    for (i = 0; i < pot->n_keys; i++) {
        const char *k = pot->keys[i];
        size_t j;
        for (j = 0; j < fs->n_keys; j++)
            if (strcmp(fs->keys[j], k) == 0)
                break;
        if (j == fs->n_keys)
            report(1, 0, "message %s of %s is missing: run \"make update-po\"",
                   key_name(k, name, sizeof name), pot->path);
    }
    for (i = 0; i < fs->n_keys; i++) {
        const char *k = fs->keys[i];
        if (!bsearch(&k, pot->keys, pot->n_keys, sizeof *pot->keys, str_cmp))
            report(fs->key_lines[i], 0, "message %s is not in %s: run \"make update-po\"",
                   key_name(k, name, sizeof name), pot->path);
    }
}

struct key_at {
    const char *key;
    int line;
};

static int key_at_cmp(const void *a, const void *b)
{
    const struct key_at *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Report every live message that occurs more than once (msgfmt refuses such
 * a file). */
static void check_duplicates(const struct file_state *fs)
{
    struct key_at *k = xrealloc(NULL, fs->n_keys * sizeof *k);
    char name[128];
    size_t i;

    for (i = 0; i < fs->n_keys; i++) {
        k[i].key = fs->keys[i];
        k[i].line = fs->key_lines[i];
    }
    qsort(k, fs->n_keys, sizeof *k, key_at_cmp);
    for (i = 1; i < fs->n_keys; i++) {
        size_t first = i - 1;
        while (first > 0 && strcmp(k[first - 1].key, k[i].key) == 0)
            first--;
        if (strcmp(k[first].key, k[i].key) == 0)
            report(k[i].line, 0, "duplicate message %s (first at line %d)",
                   key_name(k[i].key, name, sizeof name), k[first].line);
    }
    free(k);
}

static void file_state_free(struct file_state *fs)
{
    size_t i;
    for (i = 0; i < fs->n_keys; i++)
        free(fs->keys[i]);
    free(fs->keys);
    free(fs->key_lines);
}

/* ---- main ---------------------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [OPTION]... FILE.po...\n"
            "Check nxmsg translations; report problems as FILE:LINE: MESSAGE.\n\n"
            "  -p, --punct=FILE     ASCII punctuation the language must not use\n"
            "  -g, --glossary=FILE  terminology list (TERM<TAB>TRANSLATION), checked as warnings\n"
            "  -v, --verbatim=FILE  texts kept verbatim: \"| NAME | VALUE | TEXT |\" table rows\n"
            "  -i, --in-progress    a language in progress: fuzzy and untranslated are warnings\n"
            "  -t, --pot=FILE       report messages missing from or unknown to the template\n"
            "  -s, --stats          print translated/fuzzy/untranslated/obsolete counts instead\n"
            "  -h, --help           show this help\n\n"
            "Exit status: 0 no errors, 1 errors found, 2 trouble.\n",
            program);
}

/* Read the options into the globals; returns -1 to go on, else the exit
 * status. */
static int parse_options(int argc, char **argv, const char **pot_path)
{
    static const struct option longopts[] = {
        {"punct", required_argument, NULL, 'p'},
        {"glossary", required_argument, NULL, 'g'},
        {"verbatim", required_argument, NULL, 'v'},
        {"in-progress", no_argument, NULL, 'i'},
        {"pot", required_argument, NULL, 't'},
        {"stats", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;

    while ((c = getopt_long(argc, argv, "p:g:v:it:sh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': read_config(optarg, punct_line); break;
        case 'g': read_config(optarg, glossary_line); break;
        case 'i': opt_in_progress = 1; break;
        case 'v': read_config(optarg, verbatim_line); verbatim_path = optarg; break;
        case 't': *pot_path = optarg; break;
        case 's': opt_stats = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no .po file given\n", program);
        usage(stderr);
        return 2;
    }
    if (n_glossary)
        qsort(glossary, n_glossary, sizeof *glossary, term_cmp);
    return -1;
}

/* Read the template (--pot) for its keys, sorted; -1 if it cannot be
 * read. */
static int load_pot(struct file_state *pot, const char *path)
{
    int saved = opt_stats, st;

    pot->path = path;
    opt_stats = 1;              /* a template is untranslated by nature */
    st = check_file(pot);
    opt_stats = saved;
    if (st < 0)
        return -1;
    qsort(pot->keys, pot->n_keys, sizeof *pot->keys, str_cmp);
    return 0;
}

/* The language of a file named LL.po, until its header says. */
static void lang_from_path(struct file_state *fs, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t blen;

    base = base ? base + 1 : path;
    blen = strcspn(base, ".");
    snprintf(fs->lang, sizeof fs->lang, "%.*s", (int)(blen < sizeof fs->lang ? blen : sizeof fs->lang - 1), base);
}

/* One row of --stats. */
static void print_stats(const struct file_state *fs)
{
    unsigned long total = fs->translated + fs->fuzzy + fs->untranslated;
    char pct[16];

    if (total)
        snprintf(pct, sizeof pct, "%.1f%%", 100.0 * (double)fs->translated / (double)total);
    else
        snprintf(pct, sizeof pct, "-");
    printf("%-8s %10lu %6lu %12lu %8lu %9s\n", fs->lang, fs->translated, fs->fuzzy,
           fs->untranslated, fs->obsolete, pct);
}

/* Check the .po file at path (against the template pot, if not NULL), or
 * count its messages with --stats; -1 if it cannot be read. */
static int check_po(const char *path, const struct file_state *pot)
{
    struct file_state fs;

    memset(&fs, 0, sizeof fs);
    fs.path = path;
    lang_from_path(&fs, path);
    if (check_file(&fs) < 0)
        return -1;
    if (opt_stats) {
        print_stats(&fs);
    } else {
        if (!fs.header_seen)
            report(1, 0, "no header entry (msgid \"\")");
        check_duplicates(&fs);
        if (pot)
            compare_with_pot(&fs, pot);
    }
    file_state_free(&fs);
    return 0;
}

/* Flush the output and print the totals; returns the exit status. */
static int finish(int trouble)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error: %s\n", program, strerror(errno));
        return 2;
    }
    if (!opt_stats && (n_errors || n_warnings))
        fprintf(stderr, "%s: %lu error(s), %lu warning(s)\n", program, n_errors, n_warnings);
    return trouble ? 2 : n_errors ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *pot_path = NULL;
    struct file_state pot;
    int i, status, trouble = 0;

    if ((status = parse_options(argc, argv, &pot_path)) >= 0)
        return status;
    memset(&pot, 0, sizeof pot);
    if (pot_path && load_pot(&pot, pot_path) < 0)
        return 2;
    if (opt_stats)
        printf("%-8s %10s %6s %12s %8s %9s\n", "language", "translated", "fuzzy",
               "untranslated", "obsolete", "complete");
    for (i = optind; i < argc; i++)
        if (check_po(argv[i], pot_path ? &pot : NULL) < 0)
            trouble = 1;
    file_state_free(&pot);
    return finish(trouble);
}
