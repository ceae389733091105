/* cli.c - helpers shared by the nxmsg subcommands: argument parsing, code
 * resolution and suggestions, catalogs, output and diagnostics. */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char *cli_program = "nxmsg";

/* ---- output ----------------------------------------------------------------- */

static cli_encoder_fn encoder;

void cli_set_encoder(cli_encoder_fn fn)
{
    encoder = fn;
}

int cli_folding(void)
{
    return encoder != NULL;
}

int cli_write(FILE *f, const char *s, size_t len)
{
    if (encoder)
        return encoder(f, s, len);
    return fwrite(s, 1, len, f) == len ? 0 : -1;
}

/* Writes s[0..n) with every ASCII control byte (ESC included) shown as
 * \xHH, so that bytes from the command line never reach a terminal raw. */
static int write_escaped(FILE *f, const char *s, size_t n)
{
    size_t run = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[5];
        if (c >= 0x20 && c != 0x7F)
            continue;
        snprintf(esc, sizeof esc, "\\x%02X", c);
        if (cli_write(f, s + run, i - run) < 0 || cli_write(f, esc, 4) < 0)
            return -1;
        run = i + 1;
    }
    return cli_write(f, s + run, n - run);
}

static int cli_vprintf_to(FILE *f, int escape, const char *fmt, va_list ap)
{
    char small[1024], *p = small;
    va_list aq;
    int n, r;

    va_copy(aq, ap);
    n = vsnprintf(small, sizeof small, fmt, aq);
    va_end(aq);
    if (n < 0)
        return -1;
    if ((size_t)n >= sizeof small) {
        if ((p = malloc((size_t)n + 1)) == NULL)
            return -1;
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    }
    r = escape ? write_escaped(f, p, (size_t)n) : cli_write(f, p, (size_t)n);
    if (p != small)
        free(p);
    return r;
}

int cli_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = cli_vprintf_to(f, 0, fmt, ap);
    va_end(ap);
    return r;
}

int cli_write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return cli_write(stdout, data, len);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    cli_printf(stderr, "%s: ", cli_program);
    va_start(ap, fmt);
    cli_vprintf_to(stderr, 1, fmt, ap);
    va_end(ap);
    cli_write(stderr, "\n", 1);
}

void cli_try_help(const char *sub)
{
    char cmd[64];

    snprintf(cmd, sizeof cmd, "%s%s%s --help", cli_program, sub ? " " : "", sub ? sub : "");
    /* TRANSLATORS: %s is a command such as "nxmsg table --help" */
    cli_printf(stderr, _("Try '%s' for more information.\n"), cmd);
}

/* The errno of a failed write past stdout (0: none); the main thread's. */
static int write_errno;

void cli_write_failed(int err)
{
    if (!write_errno)
        write_errno = err ? err : EIO;
}

int cli_finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout) || write_errno) {
        cli_error(_("write error: %s"), strerror(write_errno ? write_errno : errno));
        return CLI_USAGE;
    }
    return status;
}

/* ---- option values ---------------------------------------------------------- */

int cli_choice(const char *option, const char *arg, const char *const *names)
{
    char list[256] = "";
    size_t n = 0;

    for (int i = 0; names[i]; i++)
        if (strcmp(arg, names[i]) == 0)
            return i;
    for (int i = 0; names[i]; i++)
        n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s%s",
                              i == 0 ? "" : names[i + 1] ? ", " : _(" or "), names[i]);
    /* TRANSLATORS: "unknown --format 'xml' (use text, box or json)" */
    cli_error(_("unknown --%s '%s' (use %s)"), option, arg, list);
    return -1;
}

static const char *const domain_keywords[] = { "tls", "x509", "core", "crypto", NULL };

int cli_parse_domain(const char *arg, nxmsg_domain *out)
{
    if (cli_choice("domain", arg, domain_keywords) < 0)
        return -1;
    *out = nxmsg_domain_from_key(arg);
    return 0;
}

const char *cli_domain_keyword(nxmsg_domain d)
{
    return nxmsg_domain_key(d);
}

long cli_parse_width(const char *s)
{
    long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > CLI_MAX_WIDTH)
            return -1;
    }
    return v;
}

size_t cli_terminal_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    long v;

    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (cols && (v = cli_parse_width(cols)) > 0)
        return (size_t)v;
    return 80;
}

/* ---- where the program is -------------------------------------------------- */

static char program_dir[CLI_DIR_MAX]; /* "" when unknown */

/* Whether path names an executable regular file. */
static int is_program(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The file that running the command name runs: the first executable
 * <dir>/name of PATH (an empty entry is the current directory). */
static int find_on_path(const char *name, char *out, size_t size)
{
    const char *p = getenv("PATH");

    while (p) {
        size_t n = strcspn(p, ":");
        int len = snprintf(out, size, "%.*s/%s", n ? (int)n : 1, n ? p : ".", name);
        if (len > 0 && (size_t)len < size && is_program(out))
            return 1;
        p = p[n] ? p + n + 1 : NULL;
    }
    return 0;
}

/* POSIX has no call for a program's own path (/proc/self/exe is Linux's):
 * argv[0] is the path it was run by, or a name looked up on PATH. */
static void find_program_dir(const char *argv0)
{
    char path[CLI_DIR_MAX], *real, *slash;
    int n;

    program_dir[0] = '\0';
    if (!argv0 || !*argv0)
        return;
    if (strchr(argv0, '/')) {
        n = snprintf(path, sizeof path, "%s", argv0);
        if (n < 0 || (size_t)n >= sizeof path)
            return;
    } else if (!find_on_path(argv0, path, sizeof path)) {
        return;
    }
    if ((real = realpath(path, NULL)) == NULL)
        return;
    slash = strrchr(real, '/');
    if (slash && (size_t)(slash - real) < sizeof program_dir - 64) {
        memcpy(program_dir, real, (size_t)(slash - real));
        program_dir[slash - real] = '\0';
    }
    free(real);
}

const char *cli_program_dir(void)
{
    return program_dir;
}

/* ---- catalogs --------------------------------------------------------------- */

static char beside[CLI_DIR_MAX]; /* <program dir>/../share/locale, or "" */
static const char *catalog_dir;

/* The tags of the languages with <tag>/LC_MESSAGES/nxmsg.mo in dir, each
 * appended to buf[0..size) as ", tag" at *n; returns how many there are. */
size_t cli_catalog_tags(const char *dir, char *buf, size_t size, size_t *n)
{
    char probe[CLI_DIR_MAX + 320];
    DIR *d = opendir(dir);
    struct dirent *ent;
    size_t found = 0;

    while (d && (ent = readdir(d)) != NULL) {
        struct stat st;
        if (ent->d_name[0] == '.' || strlen(ent->d_name) > 64)
            continue;
        snprintf(probe, sizeof probe, "%s/%s/LC_MESSAGES/" PACKAGE ".mo", dir, ent->d_name);
        if (stat(probe, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        found++;
        if (*n < size)
            *n += (size_t)snprintf(buf + *n, size - *n, ", %s", ent->d_name);
    }
    if (d)
        closedir(d);
    return found;
}

static int has_catalog(const char *dir)
{
    size_t n = 0;
    return cli_catalog_tags(dir, NULL, 0, &n) > 0;
}

/* beside = the share/locale beside the program, e.g. in the build tree
 * (make puts the catalogs there) or in an installation moved elsewhere. */
static void find_beside(void)
{
    int n = program_dir[0] ? snprintf(beside, sizeof beside, "%s/../share/locale", program_dir) : -1;
    if (n < 0 || (size_t)n >= sizeof beside)
        beside[0] = '\0';
}

void cli_init_catalogs(const char *argv0)
{
    const char *env = getenv("NXMSG_LOCALEDIR");

    find_program_dir(argv0);
    find_beside();
    if (env && *env)
        catalog_dir = env;
    else if (beside[0] && has_catalog(beside))
        catalog_dir = beside;
    else
        catalog_dir = LOCALEDIR;
    if (strcmp(catalog_dir, LOCALEDIR) != 0)
        nxmsg_set_localedir(catalog_dir);
#if ENABLE_NLS
    bindtextdomain(PACKAGE, catalog_dir);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
#endif
}

const char *cli_catalog_dir(void)
{
    return catalog_dir ? catalog_dir : LOCALEDIR;
}

void cli_catalog_dirs_searched(char *buf, size_t size)
{
    const char *env = getenv("NXMSG_LOCALEDIR");

    if (env && *env)
        snprintf(buf, size, "%s (NXMSG_LOCALEDIR)", env);
    else if (beside[0] && strcmp(beside, LOCALEDIR) != 0)
        snprintf(buf, size, "%s, %s", beside, LOCALEDIR);
    else
        snprintf(buf, size, "%s", LOCALEDIR);
}

/* The English name of a language for diagnostics ("Japanese"). */
static const char *language_name(const char *tag)
{
    if (strncmp(tag, "ja", 2) == 0 && !isalpha((unsigned char)tag[2]))
        return _("Japanese");
    return NULL;
}

static int need_catalog(const char *lang)
{
    char dirs[2 * CLI_DIR_MAX + 64];
    const char *name;

    if (nxmsg_have_catalog(lang))
        return 0;
    cli_catalog_dirs_searched(dirs, sizeof dirs);
    if ((name = language_name(lang)) != NULL)
        /* TRANSLATORS: "no Japanese catalog found in /usr/share/locale" */
        cli_error(_("no %s catalog found in %s"), name, dirs);
    else
        cli_error(_("no catalog for language '%s' found in %s"), lang, dirs);
    return -1;
}

int cli_parse_lang(const char *arg, struct cli_langs *out)
{
    if (strcmp(arg, "both") == 0) {
        out->lang[0] = "en";
        out->lang[1] = "ja";
        out->n = 2;
        return need_catalog("ja");
    }
    if (strcmp(arg, "auto") == 0) {
        out->lang[0] = NULL;
        out->n = 1;
        return 0;
    }
    out->lang[0] = arg;
    out->n = 1;
    if (strcmp(arg, "en") == 0 || strcmp(arg, "C") == 0)
        return 0;
    return need_catalog(arg);
}

/* The message language: a single language given with --lang (or -l) is
 * also the language of the program's own messages and table headers.  Set
 * once, before the first message is translated. */
void cli_message_language(int argc, char **argv)
{
    const char *lang = NULL, *cur;

    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--lang=", 7) == 0)
            lang = a + 7;
        else if ((strcmp(a, "--lang") == 0 || strcmp(a, "-l") == 0) && i + 1 < argc)
            lang = argv[++i];
        else if (strncmp(a, "-l", 2) == 0)
            lang = a + 2;
    }
    if (!lang || strcmp(lang, "both") == 0 || strcmp(lang, "auto") == 0 || strchr(lang, ':') ||
        (strcmp(lang, "en") != 0 && !nxmsg_have_catalog(lang)))
        return;
    setenv("LANGUAGE", lang, 1);
    /* gettext ignores LANGUAGE in the C locale */
    cur = setlocale(LC_MESSAGES, NULL);
    if (cur && (strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0))
        setlocale(LC_MESSAGES, "C.UTF-8");
}

const char *cli_take_encoding(int *argc, char **argv)
{
    const char *name = NULL;
    int i, j;

    for (i = j = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[j++] = argv[i++];
            break;
        }
        if (strncmp(argv[i], "--encoding=", 11) == 0)
            name = argv[i] + 11;
        else if (strcmp(argv[i], "--encoding") == 0 && i + 1 < *argc)
            name = argv[++i];
        else
            argv[j++] = argv[i];
    }
    argv[j] = NULL;
    *argc = j;
    return name;
}

/* ---- codes ------------------------------------------------------------------ */

/* arg without surrounding blanks, into buf; NULL when too long. */
static const char *trim(const char *arg, char *buf, size_t size)
{
    size_t n;

    while (*arg == ' ' || *arg == '\t')
        arg++;
    n = strlen(arg);
    while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t'))
        n--;
    if (n >= size)
        return NULL;
    memcpy(buf, arg, n);
    buf[n] = '\0';
    return buf;
}

int cli_resolve(const char *arg, nxmsg_domain domain, const nxmsg_entry **out, size_t max,
                unsigned int *value, int *is_number)
{
    const nxmsg_entry *all[8];
    char buf[256];
    const char *s = trim(arg, buf, sizeof buf);
    size_t n = 0, k = 0;

    *is_number = s && (isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.');
    if (*is_number) {
        if (nxmsg_parse_code(s, value) != NXMSG_OK) {
            cli_error(_("'%s' is not a valid code (use 0x10C, 268 or a name)"), arg);
            return -1;
        }
        n = nxmsg_find_all(*value, all, sizeof all / sizeof all[0]);
    } else {
        if (!s || nxmsg_find_name(s, NULL) == NXMSG_EINVAL) {
            cli_error(_("'%s' is not a valid code or name"), arg);
            return -1;
        }
        n = nxmsg_find_names(s, all, sizeof all / sizeof all[0]);
        if (n > sizeof all / sizeof all[0])
            n = sizeof all / sizeof all[0];
    }
    for (size_t i = 0; i < n && k < max; i++)
        if (domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(all[i]) == domain)
            out[k++] = all[i];
    return (int)k;
}

/* Edit distance (optimal string alignment) of a[0..m) and b[0..n), capped. */
static size_t distance(const char *a, size_t m, const char *b, size_t n)
{
    size_t d[3][64], *prev2 = d[0], *prev = d[1], *cur = d[2];

    if (m >= 64 || n >= 64)
        return 64;
    for (size_t j = 0; j <= n; j++)
        prev[j] = j;
    for (size_t i = 1; i <= m; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t c = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < c)
                c = prev[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < c)
                c = prev2[j - 2] + 1;
            cur[j] = c;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[n];
}

/* The known name closest to arg (uppercase, '-' as '_'), comparing with the
 * full names and with what is left after each leading "WORD_"; NULL when
 * nothing is close (at most 1 edit per 4 characters, at least 1). */
static const char *closest_name(const char *arg)
{
    char want[64];
    size_t n = 0, best = (size_t)-1, limit;
    const char *found = NULL;
    const nxmsg_entry *e;

    for (; *arg && n < sizeof want - 1; arg++)
        want[n++] = *arg == '-' ? '_' : (char)toupper((unsigned char)*arg);
    want[n] = '\0';
    limit = n / 4 > 0 ? n / 4 : 1;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        const char *name = nxmsg_entry_name(e);
        for (const char *p = name; p; p = strchr(p, '_') ? strchr(p, '_') + 1 : NULL) {
            size_t d = distance(want, n, p, strlen(p));
            if (d < best) {
                best = d;
                found = name;
            }
        }
    }
    return best <= limit ? found : NULL;
}

int cli_not_found(const char *arg, nxmsg_domain domain, int is_number)
{
    const char *hint;

    if (domain != NXMSG_DOMAIN_NONE)
        /* TRANSLATORS: the last %s is a domain: "TLS", "X.509", "NetX TCP/IP", "NetX Crypto" */
        cli_error(_("'%s': no such code in %s"), arg, nxmsg_domain_name(domain));
    else if (is_number)
        cli_error(_("'%s': no such code"), arg);
    else if ((hint = closest_name(arg)) != NULL)
        cli_error(_("'%s': no such code name; did you mean %s?"), arg, hint);
    else
        cli_error(_("'%s': no such code name"), arg);
    return CLI_NOTFOUND;
}

/* ---- standard input --------------------------------------------------------- */

int cli_each_stdin_word(int (*fn)(const char *word, void *ctx), void *ctx, size_t *nwords)
{
    char word[256];
    size_t n = 0;
    int c, status = 0, r;

    *nwords = 0;
    do {
        c = getchar();
        if (c != EOF && !isspace(c)) {
            if (n < sizeof word - 1)
                word[n] = (char)c;
            n++;
            continue;
        }
        if (n > 0) {
            if (n >= sizeof word)
                n = sizeof word - 1; /* far too long to be a code: reported as such */
            word[n] = '\0';
            n = 0;
            ++*nwords;
            if ((r = fn(word, ctx)) > status)
                status = r;
        }
    } while (c != EOF);
    if (ferror(stdin)) {
        cli_error(_("standard input: %s"), strerror(errno));
        return CLI_USAGE;
    }
    return status;
}
