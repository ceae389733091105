/* packed_dump.c - everything the device core answers, printed: built once
 * with the plain tables and once with the packed ones (NXMSG_CORE_PACKED),
 * tests/packed.sh checks that the two print the same bytes.  For every
 * code: value, domain, the name and the text in each language through the
 * *_r functions at every buffer size from 0 to one past the length (the
 * length each call returns and what it wrote; an overrun or a missing NUL is
 * reported), widths, and the lookups by name the name allows; then the
 * unknown-code texts and the language resolution.  Only functions both
 * configurations have are called. */
#include <stdio.h>
#include <string.h>

#include "nxmsg_core.h"

#define BUF 1200
#define GUARD 0x5A

static int faults;

/* Call f at every size 0..len+1 and print "len: written lengths". */
typedef size_t (*copy_fn)(const void *a, char *buf, size_t size);

static void every_size(const char *what, copy_fn f, const void *a)
{
    char buf[BUF + 8], full[BUF];
    size_t len = f(a, full, sizeof full);

    printf("%s %zu [%s]:", what, len, full);
    for (size_t size = 0; size <= len + 1 && size < BUF; size++) {
        memset(buf, GUARD, sizeof buf);
        if (f(a, size ? buf : NULL, size) != len) {
            printf(" LENGTH");
            faults++;
        }
        for (size_t i = size; i < sizeof buf; i++)
            if ((unsigned char)buf[i] != GUARD) {
                printf(" OVERRUN@%zu", size);
                faults++;
                break;
            }
        if (size)
            printf(" %zu", memchr(buf, 0, size) ? strlen(buf) : (size_t)-1);
    }
    printf("\n");
}

static size_t name_of(const void *a, char *buf, size_t size)
{
    return nxmsg_entry_name_r(a, buf, size);
}

static const nxmsg_lang *cur_lang;
static size_t text_of(const void *a, char *buf, size_t size)
{
    return nxmsg_lang_text_r(cur_lang, a, buf, size);
}

static size_t describe(const void *a, char *buf, size_t size)
{
    return nxmsg_lang_describe_r(cur_lang, *(const unsigned *)a, buf, size);
}

/* The name lookups: as is, lower case with '-', and without each prefix. */
static void names(const char *name)
{
    static const char *const prefixes[] = { "NX_SECURE_TLS_", "NX_SECURE_X509_", "NX_CRYPTO_", "NX_" };
    char low[128];
    unsigned v = 0;
    size_t i;

    for (i = 0; name[i] && i < sizeof low - 1; i++)
        low[i] = name[i] == '_' ? '-' : (name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i];
    low[i] = '\0';
    printf("  find %d", nxmsg_code_from_name(name, &v));
    printf(" %X %d %X", v, nxmsg_code_from_name(low, &v), v);
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t pl = strlen(prefixes[p]);
        if (strncmp(name, prefixes[p], pl) == 0)
            printf(" %d %X %zu", nxmsg_code_from_name(name + pl, &v), v,
                   nxmsg_find_names(name + pl, NULL, 0));
    }
    printf("\n");
}

static void entries(void)
{
    static const char *const langs[] = { "en", "ja" };
    char name[128];

    for (size_t i = 0; i < nxmsg_count(); i++) {
        const nxmsg_entry *e = nxmsg_entry_at(i);
        printf("entry %zu 0x%X %d\n", i, nxmsg_entry_value(e), (int)nxmsg_entry_domain(e));
        every_size("  name", name_of, e);
        nxmsg_entry_name_r(e, name, sizeof name);
        names(name);
#ifndef NXMSG_CORE_NAMES_ONLY
        for (size_t k = 0; k < 2; k++) {
            cur_lang = nxmsg_lang_open(langs[k]);
            printf("  %s width %zu %zu", langs[k], nxmsg_entry_width(e, langs[k], 0),
                   nxmsg_entry_width(e, langs[k], NXMSG_TEXT_AMBIGUOUS_WIDE));
            every_size("", text_of, e);
        }
#endif
    }
}

int main(void)
{
    static const unsigned unknown[] = { 0x5A, 0xFF, 0x17F, 0x180, 0x1FF, 0x200, 0x20011, 0x2FFFF,
                                        0x30000, 0xFFFFFFFF };
    static const char *const opens[] = { "en", "ja", "ja_JP.UTF-8", "ja-jp", "fr", "C", "", NULL };
    char buf[64];

    entries();
    printf("name_r 0x10C %zu", nxmsg_name_r(0x10C, buf, sizeof buf));
    printf(" [%s] unknown %zu [%s]\n", buf, nxmsg_name_r(0x17F, buf, sizeof buf), buf);
    printf("null entry %zu [%s]\n", nxmsg_entry_name_r(NULL, buf, sizeof buf), buf);
#ifndef NXMSG_CORE_NAMES_ONLY
    for (size_t k = 0; k < sizeof opens / sizeof opens[0]; k++) {
        cur_lang = nxmsg_lang_open(opens[k]);
        printf("lang %s -> %s %d\n", opens[k] ? opens[k] : "NULL", nxmsg_lang_tag(cur_lang),
               nxmsg_have_catalog(opens[k]));
        for (size_t u = 0; u < sizeof unknown / sizeof unknown[0]; u++)
            every_size("  unknown", describe, &unknown[u]);
    }
    printf("null text %zu\n", nxmsg_lang_text_r(cur_lang, NULL, buf, sizeof buf));
#endif
    printf("faults %d\n", faults);
    return faults != 0;
}
