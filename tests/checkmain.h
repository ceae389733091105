/* checkmain.h - what a Check program gives the shared main() of
 * tests/checkmain.c. */
#ifndef NXMSG_CHECKMAIN_H
#define NXMSG_CHECKMAIN_H

#include <check.h>

struct check_program {
    Suite *(*suite)(void);   /* the program's suite */
    const char *locale;      /* setlocale(LC_ALL, locale) first, unless NULL */
    void (*cleanup)(void);   /* after the run, unless NULL */
};

/* Defined once by each Check program. */
extern const struct check_program check_program;

#endif
