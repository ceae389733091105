/* secure_lookup.c - prints the effective user ID and the text of 0x10C in
 * the language given as the argument, for tests/secure-env.sh (which runs it set-user-ID).  Linked with
 * libnxmsg statically, so that it needs no LD_LIBRARY_PATH. */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "nxmsg.h"

int main(int argc, char **argv)
{
    printf("%u\n%s\n", (unsigned)geteuid(), nxmsg_describe(0x10C, argc > 1 ? argv[1] : "ja"));
    return 0;
}
