/* footprint.c - bytes of string data and tables per language in the static
 * lookup core (lib/libnxmsg-core.a), for "make footprint".  The object
 * sizes themselves come from size(1) in the make target. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "layout_tables.h"

/* Distinct bytes (with NULs) of the texts of one table that are not the
 * built-in English (those share the English strings). */
static size_t own_bytes(const char *const *t)
{
    size_t n = 0;
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        if (strcmp(t[i], nxmsg__english(i)) != 0)
            n += strlen(t[i]) + 1;
    return n;
}

int main(void)
{
    size_t en = 0, names = 0, total, ptrs = NXMSG_N_MSGS * sizeof(const char *);
    size_t layout = nxmsg__layout_nclass * sizeof nxmsg__layout_class[0] +
                    nxmsg__layout_ntexts * sizeof nxmsg__layout_hashes[0] +
                    (nxmsg__layout_ntexts + 1) * sizeof nxmsg__layout_first[0] +
                    nxmsg__layout_first[nxmsg__layout_ntexts] * sizeof nxmsg__layout_flips[0];

    for (size_t i = 0; i < NXMSG_N_MSGS; i++) {
        en += strlen(nxmsg__english(i)) + 1;
        names += nxmsg__ctxt_len[i] + 1;
    }
    printf("== string data and tables per language (bytes) ==\n");
    printf("  %-4s %6zu strings + %5zu pointer table (built in; names %zu bytes besides)\n", "en", en,
           ptrs, names);
    total = en + ptrs + layout;
    for (const struct nxmsg__embedded_lang *l = nxmsg__embedded; l->tag; l++) {
        size_t own = own_bytes(l->texts);
        printf("  %-4s %6zu strings + %5zu pointer table\n", l->tag, own, ptrs);
        total += own + ptrs;
    }
    printf("  layout data (all languages): %zu bytes: %zu character classes, %zu texts with %u break"
           " exceptions\n", layout, nxmsg__layout_nclass, nxmsg__layout_ntexts,
           (unsigned)nxmsg__layout_first[nxmsg__layout_ntexts]);
    printf("  all languages: %zu bytes of strings and tables (goal: under 40960)\n", total);
    return 0;
}
