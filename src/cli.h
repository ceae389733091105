/* cli.h - shared pieces of the nxmsg command-line tool. */
#ifndef NXMSG_CLI_H
#define NXMSG_CLI_H

#include <stdio.h>

#include "nxmsg.h"

/* Exit statuses, as GNU tools use them. */
enum { CLI_OK = 0, CLI_NOTFOUND = 1, CLI_USAGE = 2 };

/* Languages chosen with --lang: up to two language names (NULL = the
 * environment). */
struct cli_langs {
    const char *lang[2];
    int n;
};

/* Parse a --lang value ("ja", "en", "both", "auto", or a locale name);
 * returns 0, or -1 after printing a diagnostic. */
int cli_parse_lang(const char *arg, struct cli_langs *out);

/* The index of arg in names (a NULL-terminated list of keywords), or -1
 * after a diagnostic "unknown --OPTION 'arg' (use a, b or c)". */
int cli_choice(const char *option, const char *arg, const char *const *names);

/* Resolve a CODE argument to entries.  A number (hex or decimal, see
 * nxmsg_parse_code) gives its entries (two for 0x00) and sets *is_number
 * and *value; a name gives every entry it matches.  Stores up to max (>= 2)
 * entries in out and returns how many; -1 after a diagnostic when arg is
 * neither a valid number nor a well-formed name. */
int cli_resolve(const char *arg, const nxmsg_entry **out, size_t max, unsigned int *value,
                int *is_number);

/* A --domain value (tls, x509, core or crypto) into *out; -1 after a diagnostic. */
int cli_parse_domain(const char *arg, nxmsg_domain *out);

/* The widest --width accepted. */
#define CLI_MAX_WIDTH 100000

/* A --width value: decimal digits only, at most CLI_MAX_WIDTH; -1 otherwise. */
long cli_parse_width(const char *s);

/* The output width: the terminal's when stdout is one, else $COLUMNS, else 80. */
size_t cli_terminal_width(void);

/* An nxmsg_write_fn writing to stdout (ctx unused). */
int cli_write_stdout(void *ctx, const char *data, size_t len);

/* Print "nxmsg: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Flush stdout and report a write error; returns CLI_USAGE on error, else
 * status. */
int cli_finish(int status);

extern const char *cli_program;

/* Subcommands ("nxmsg NAME ARGS..."): argv[0] is NAME; return an exit status. */
/* table: */
int cmd_table(int argc, char **argv);
/* annotate: */
int cmd_annotate(int argc, char **argv);

#endif
