/* tags.c - language names: "ja_JP.UTF-8@mod", "ja-jp" and "ja" to the tags
 * a catalog is looked up by.  Freestanding (see nxmsg_core.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

int nxmsg__tag_candidates(const char *name, size_t len, char full[NXMSG__TAG_MAX],
                          char base[NXMSG__TAG_MAX])
{
    size_t n = 0, ll;

    while (n < len && name[n] != '.' && name[n] != '@')
        n++;
    for (ll = 0; ll < n && is_alpha(name[ll]); ll++)
        ;
    if (ll < 2 || ll > 3)
        return 0;
    for (size_t i = 0; i < ll; i++)
        base[i] = (char)(name[i] | 0x20);
    base[ll] = '\0';
    if (ll == n)
        return 1;
    if ((name[ll] != '_' && name[ll] != '-') || n - ll - 1 < 2 || n - ll - 1 > 3)
        return 0;
    memcpy(full, base, ll);
    full[ll] = '_';
    for (size_t i = ll + 1; i < n; i++) {
        if (!is_alnum(name[i]))
            return 0;
        full[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
    }
    full[n] = '\0';
    return 2;
}

int nxmsg__tag_is_english(const char *name, size_t len)
{
    return (len >= 2 && (name[0] | 0x20) == 'e' && (name[1] | 0x20) == 'n' &&
            (len == 2 || !is_alpha(name[2]))) ||
           (len >= 1 && name[0] == 'C' && (len == 1 || name[1] == '.' || name[1] == '@')) ||
           (len == 5 && memcmp(name, "POSIX", 5) == 0);
}

int nxmsg__streq(const char *a, const char *b)
{
    size_t la = strlen(a);
    return la == strlen(b) && memcmp(a, b, la) == 0;
}
