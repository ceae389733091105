/* footprint.c - bytes of string data and tables per language in the static
 * lookup core (lib/libnxmsg-core.a), for "make footprint".  The object
 * sizes themselves come from size(1) in the make target. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "layout_tables.h"

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
    size_t layout = nxmsg__layout_nclass * sizeof nxmsg__layout_class[0] +
                    nxmsg__layout_ntexts * sizeof nxmsg__layout_hashes[0] +
                    (nxmsg__layout_ntexts + 1) * sizeof nxmsg__layout_first[0] +
                    nxmsg__layout_first[nxmsg__layout_ntexts] * sizeof nxmsg__layout_flips[0];

    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        names += strlen(nxmsg__name(i)) + 1;
    printf("== string data and tables (bytes) ==\n");
    printf("  names %zu + offsets %zu + sorted index %zu + code table %zu\n", names, offs, offs,
           sizeof nxmsg__entries);
    for (size_t k = 0; k < nxmsg__n_text_tables; k++) {
        const struct nxmsg__text_table *t = &nxmsg__text_tables[k];
        size_t own = own_bytes(t);
        printf("  %-4s %6zu strings + %5zu offsets\n", t->tag, own, offs);
        total += own + offs;
    }
    total += layout;
    printf("  layout data (all languages): %zu bytes: %zu character classes, %zu texts with %u break"
           " exceptions\n", layout, nxmsg__layout_nclass, nxmsg__layout_ntexts,
           (unsigned)nxmsg__layout_first[nxmsg__layout_ntexts]);
    printf("  texts of all languages and layout data: %zu bytes (goal: under 40960)\n", total);
    return 0;
}
