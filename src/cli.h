/* cli.h - shared pieces of the nxmsg command-line tool. */
#ifndef NXMSG_CLI_H
#define NXMSG_CLI_H

#include <stdio.h>

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
