/* secure_lookup.c - prints the effective user ID and the Japanese text of
 * 0x10C, for tests/secure-env.sh (which runs it set-user-ID).  Linked with
 * libnxmsg statically, so that it needs no LD_LIBRARY_PATH. */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "nxmsg.h"

int main(void)
{
    printf("%u\n%s\n", (unsigned)geteuid(), nxmsg_describe(0x10C, "ja"));
    return 0;
}
