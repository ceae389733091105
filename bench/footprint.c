/* footprint.c - bytes of string data and tables per language in the static
 * lookup core (lib/libnxmsg-core.a), for "make footprint".  The object
 * sizes themselves come from size(1) in the make target. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Bytes (with NULs) of the texts a language table holds itself (the others
 * fall back to English). */
static size_t own_bytes(const struct nxmsg__text_table *t)
{
    size_t n = 0;
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        if (t->off[i] != NXMSG__FALLBACK)
            n += strlen(t->blob + t->off[i]) + 1;
    return n;
}

int main(void)
{
    size_t names = 0, total = 0, offs = NXMSG_N_MSGS * sizeof(uint16_t);
    size_t widths = sizeof nxmsg__widths[0];

    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        names += strlen(nxmsg__name(i)) + 1;
    printf("== string data and tables per language (bytes) ==\n");
    printf("  names %zu + offsets %zu + sorted index %zu + code table %zu\n", names, offs, offs,
           sizeof nxmsg__entries);
    for (size_t k = 0; k < nxmsg__n_text_tables; k++) {
        const struct nxmsg__text_table *t = &nxmsg__text_tables[k];
        size_t own = own_bytes(t);
        printf("  %-4s %6zu strings + %5zu offsets + %4zu widths\n", t->tag, own, offs, widths);
        total += own + offs + widths;
    }
    printf("  all languages: %zu bytes of strings and tables (goal: under 40960)\n", total);
    return 0;
}
