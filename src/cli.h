/* cli.h - shared pieces of the nxmsg command-line tool (src/cli.c). */
#ifndef NXMSG_CLI_H
#define NXMSG_CLI_H

#include <stdio.h>

#include "nxmsg.h"
#include "gettext.h"

#define _(s) gettext(s)
#define N_(s) gettext_noop(s)

/* Exit statuses, as GNU tools use them. */
enum { CLI_OK = 0, CLI_NOTFOUND = 1, CLI_USAGE = 2 };

/* Languages chosen with --lang: up to two language names (NULL = the
 * environment). */
struct cli_langs {
    const char *lang[2];
    int n;
};

/* Parse a --lang value ("ja", "en", "both", "auto", or a locale name) and
 * check that a catalog exists for each language asked for by name; returns
 * 0, or -1 after printing a diagnostic naming the directories searched. */
int cli_parse_lang(const char *arg, struct cli_langs *out);

/* The index of arg in names (a NULL-terminated list of keywords), or -1
 * after a diagnostic "unknown --OPTION 'arg' (use a, b or c)". */
int cli_choice(const char *option, const char *arg, const char *const *names);

/* Resolve a CODE argument to entries.  Surrounding blanks are ignored.  A
 * number (hex or decimal, see nxmsg_parse_code; anything starting with a
 * digit, a sign or a dot counts as one) gives its entries (two for 0x00) and
 * sets *is_number and *value; a name gives every entry it matches.  Only
 * entries of domain are kept unless it is NXMSG_DOMAIN_NONE.  Stores up to
 * max (>= 2) entries in out and returns how many; -1 after a diagnostic
 * when arg is neither a valid number nor a well-formed name. */
int cli_resolve(const char *arg, nxmsg_domain domain, const nxmsg_entry **out, size_t max,
                unsigned int *value, int *is_number);

/* Report an argument that names no code (after cli_resolve returned 0):
 * "no such code name" with a "did you mean" suggestion for names, or "no
 * such code in TLS" when a domain filter removed it.  Returns CLI_NOTFOUND. */
int cli_not_found(const char *arg, nxmsg_domain domain, int is_number);

/* A --domain value (tls, x509, core or crypto) into *out; -1 after a diagnostic. */
int cli_parse_domain(const char *arg, nxmsg_domain *out);

/* The --domain / JSON keyword of a domain: "tls", "x509", "core", "crypto" (NULL for others). */
const char *cli_domain_keyword(nxmsg_domain d);

/* The widest --width accepted. */
#define CLI_MAX_WIDTH 100000

/* A --width value: decimal digits only, at most CLI_MAX_WIDTH; -1 otherwise. */
long cli_parse_width(const char *s);

/* The output width: the terminal's when stdout is one, else $COLUMNS, else 80. */
size_t cli_terminal_width(void);

/* Write to stdout or stderr (f), converted to the output character set
 * when one was chosen (cli_set_encoder).  Returns 0, or -1 on error. */
int cli_write(FILE *f, const char *s, size_t len);
int cli_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An nxmsg_write_fn writing to stdout through cli_write (ctx unused). */
int cli_write_stdout(void *ctx, const char *data, size_t len);

/* Output conversion: fn converts UTF-8 data and writes it to f.  NULL (the
 * default) writes UTF-8 as it is. */
typedef int (*cli_encoder_fn)(FILE *f, const char *s, size_t len);
void cli_set_encoder(cli_encoder_fn fn);

/* Print "nxmsg: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "Try 'nxmsg[ SUB] --help' for more information." to stderr. */
void cli_try_help(const char *sub);

/* Flush stdout and report a write error (of stdout, or one noted by
 * cli_write_failed()); returns CLI_USAGE on error, else status. */
int cli_finish(int status);

/* Note that a write to standard output past stdout (writev()) failed with
 * errno err, for cli_finish() to report. */
void cli_write_failed(int err);

/* Call fn(arg, ctx) for every blank-separated word of standard input; the
 * largest status fn returns is the result.  -1 on a read error (after a
 * diagnostic); 0 words read leaves *nwords 0. */
int cli_each_stdin_word(int (*fn)(const char *word, void *ctx), void *ctx, size_t *nwords);

/* Catalog directories, in the order they are searched: NXMSG_LOCALEDIR if
 * set, else the build tree's or a moved installation's share/locale beside
 * the program when it holds a catalog, else the configured directory.
 * cli_init_catalogs finds the program's directory from argv0 (see
 * cli_program_dir), then points the library (and the CLI's own messages) at
 * the first; cli_catalog_dir returns it. */
void cli_init_catalogs(const char *argv0);
const char *cli_catalog_dir(void);
/* The tags of the languages with <tag>/LC_MESSAGES/nxmsg.mo in dir, each
 * appended to buf[0..size) as ", tag" at *n; returns how many there are. */
size_t cli_catalog_tags(const char *dir, char *buf, size_t size, size_t *n);

/* ---- the two programs ----
 * nxmsg (cli_lite.c) looks codes up without ICU and runs nxmsg-full
 * (cli_icu.c, with tables, annotate, JSON and character sets) for the rest. */

/* The directory of the running program, symbolic links resolved: from
 * argv[0] (the path it was run by, or its name looked up on PATH), as
 * found by cli_init_catalogs; "" when unknown. */
const char *cli_program_dir(void);
/* Size of the buffers for the program's directory and the paths below it
 * (a longer directory counts as unknown). */
#define CLI_DIR_MAX 4096
/* Remember the arguments as given (the lookup program passes them on). */
void cli_save_argv(int argc, char **argv);
/* In the lookup program: run nxmsg-full in place of this process (returns
 * CLI_USAGE only when it cannot be run); in nxmsg-full: -1. */
int cli_run_full(void);
/* The output character set: --encoding=NAME (taken out of argv), else the
 * locale's; the C locale's ASCII counts as UTF-8.  Returns 0, or -1 after
 * a diagnostic. */
int cli_setup_output(int *argc, char **argv);
/* Take "--encoding=NAME" / "--encoding NAME" out of argv (up to "--");
 * returns the last NAME or NULL. */
const char *cli_take_encoding(int *argc, char **argv);
/* Whether output is converted to another character set. */
int cli_folding(void);
/* s as the output character set shows it (cli_fold: into buf, or s itself
 * when nothing changes or buf is too small). */
const char *cli_fold(const char *s, char *buf, size_t size);
/* The nxmsg_write_fn of annotate (cli_annotated.c): in another character set, input bytes
 * pass as they are and only the annotations are converted (their brackets
 * written as "[" and "]"); len 0 ends the output. */
int cli_write_annotated(void *ctx, const char *data, size_t len);
/* The nxmsg_write_spans_fn of annotate: in UTF-8, the spans go to standard
 * output with writev() (stdout flushed first); else through
 * cli_write_annotated(). */
int cli_write_spans(void *ctx, const nxmsg_span *v, size_t n);
/* The rest of --version: languages, ICU and Unicode versions, charset. */
void cli_version_extra(void);
/* The directories looked at, joined with ", " into buf. */
void cli_catalog_dirs_searched(char *buf, size_t size);

/* Make a single language given with --lang/-l in argv also the language of
 * the program's messages (after cli_init_catalogs, before any message). */
void cli_message_language(int argc, char **argv);

/* Replace the English column headers of a table by their translations. */
void cli_translate_headers(nxmsg_table *t);

extern const char *cli_program;

/* Subcommands ("nxmsg NAME ARGS..."): argv[0] is NAME; return an exit status. */
int cmd_table(int argc, char **argv);
int cmd_annotate(int argc, char **argv);
/* Help texts of the subcommands, for "nxmsg help NAME" and NAME --help. */
void table_usage(FILE *f);
void annotate_usage(FILE *f);
/* annotate --summary: the codes the annotator a counted (plus extra[i]
 * for the i-th entry), most frequent first, as a table; returns an exit
 * status.  In nxmsg-full (annotate_summary.c): the lookup program, which
 * annotates too, hands --summary over before it reads anything. */
int annotate_summary(const nxmsg_annotator *a, const unsigned long long *extra,
                     const struct cli_langs *langs);

/* Lookups as JSON (the fields of "nxmsg table --format=json"): one array
 * of the CODE arguments' entries; returns an exit status (cmd_table.c). */
int cli_lookup_json(char **args, int nargs, nxmsg_domain domain);

/* --search WORDS: print every code (of domain, unless NXMSG_DOMAIN_NONE)
 * whose name or description holds them all; returns an exit status. */
int cli_search(char **words, int n, const struct cli_langs *langs, nxmsg_domain domain);

/* Print one log fragment ("0x10C NAME: text / text") as a line; e NULL for
 * an unknown code (nxmsg.c). */
void cli_print_line(unsigned int code, const nxmsg_entry *e, const struct cli_langs *langs);

#endif
