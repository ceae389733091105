/* embedded_noheap.c - lookups in the static core (lib/libnxmsg-core.a) use no
 * heap at all, and give the right texts without any .mo file.
 *
 * Linked with nothing but the core.  The program replaces malloc and its
 * family (glibc lets a program do that; its own internal allocations then
 * come here too) with counting wrappers around glibc's __libc_* functions,
 * checks that the counter works, then runs every kind of lookup, first use
 * included, and fails if anything was allocated.  Exit 0 pass, 1 fail. */
#include <config.h>

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg_core.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static volatile unsigned long allocs;

void *malloc(size_t n) { allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { allocs++; return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { allocs++; return __libc_realloc(p, n); }
void *memalign(size_t a, size_t n) { allocs++; return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { allocs++; return __libc_memalign(a, n); }
int posix_memalign(void **p, size_t a, size_t n)
{
    allocs++;
    *p = __libc_memalign(a, n);
    return *p ? 0 : 12;
}
void free(void *p) { __libc_free(p); }

static int failures;
static char report[4096];

/* Record a failure; printed at the end, when allocations no longer matter. */
static void check(int ok, const char *what)
{
    size_t len = strlen(report);
    if (ok)
        return;
    failures++;
    if (len + strlen(what) + 8 < sizeof report) {
        memcpy(report + len, "FAIL: ", 6);
        memcpy(report + len + 6, what, strlen(what));
        memcpy(report + len + 6 + strlen(what), "\n", 2);
    }
}

static const char ja_10c[] = "受信サーバー証明書が正しく解析されませんでした。";
static const char en_10c[] = "The received server certificate was not parsed correctly.";

int main(void)
{
    void *(*volatile alloc)(size_t) = malloc;
    void *p;
    const nxmsg_entry *e;
    char small[8], buf[256];
    unsigned v = 0;
    unsigned long before, used;
    size_t n = 0;

    /* setlocale and setenv allocate: done before counting starts */
    setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", "fr:ja", 1);

    /* the counter sees allocations */
    before = allocs;
    p = alloc(32);
    free(p);
    if (allocs != before + 1) {
        fprintf(stderr, "embedded_noheap: the malloc wrapper is not in use\n");
        return 1;
    }

    before = allocs;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        const char *ja = nxmsg_entry_text(e, "ja"), *en = nxmsg_entry_text(e, "en");
        check(strcmp(ja, en) != 0, "a code without a Japanese text");
        check(strcmp(nxmsg_entry_text(e, "ja_JP.UTF-8"), ja) == 0, "ja_JP.UTF-8 differs from ja");
        check(strcmp(nxmsg_entry_text(e, "fr"), en) == 0, "fr is not English");
        check(strcmp(nxmsg_entry_text(e, NULL), en) == 0, "the core's NULL language is not English");
        check(nxmsg_describe_r(nxmsg_entry_value(e), "ja", small, sizeof small) >= sizeof small,
              "describe_r length");
        check(nxmsg_entry_width(e, "ja", 0) > 0 && nxmsg_entry_width(e, "en", NXMSG_TEXT_AMBIGUOUS_WIDE) > 0,
              "entry_width");
        n++;
    }
    check(n == nxmsg_count() && n == 210, "210 entries");
    check(nxmsg_describe_r(0x10C, "ja", buf, sizeof buf) > 0 && strcmp(buf, ja_10c) == 0,
          "0x10C in Japanese");
    check(nxmsg_describe_r(0x10C, "en", buf, sizeof buf) > 0 && strcmp(buf, en_10c) == 0,
          "0x10C in English");
    check(nxmsg_describe_r(0x160, "ja", buf, sizeof buf) > 0 && strstr(buf, "0x160") != NULL,
          "unknown TLS code");
    check(nxmsg_describe_r(0x5A, "ja", buf, sizeof buf) > 0 && strstr(buf, "0x5A") != NULL,
          "unknown NetX TCP/IP code");
    check(nxmsg_describe_r(0x20020, "ja", buf, sizeof buf) > 0 && strstr(buf, "0x20020") != NULL,
          "unknown NetX Crypto code");
    check(strcmp(nxmsg_name(0x38), "NX_NOT_CONNECTED") == 0, "NetX TCP/IP code");
    check(nxmsg_code_from_name("authentication_failed", &v) == NXMSG_OK && v == 0x20003,
          "NetX Crypto name");
    check(nxmsg_describe_r(0x1FF, "ja", buf, sizeof buf) == strlen(buf), "describe_r unknown");
    check(nxmsg_have_catalog("ja") == 1, "ja compiled in");
    check(nxmsg_have_catalog("fr") == 0, "no fr");
    check(nxmsg_embedded_language(0) != NULL && strcmp(nxmsg_embedded_language(0), "ja") == 0,
          "ja listed");
    check(strcmp(nxmsg_lang_text(nxmsg_lang_open("ja"), nxmsg_find(0x10C)), ja_10c) == 0,
          "0x10C through a language handle");
    check(nxmsg_find_name("invalid_server_cert", &e) == NXMSG_OK && nxmsg_entry_value(e) == 0x10C,
          "find_name");
    check(nxmsg_code_from_name("NX_SECURE_X509_INVALID_CERTIFICATE", &v) == NXMSG_OK && v == 0x1A2,
          "code_from_name");
    check(strcmp(nxmsg_name(0x10C), "NX_SECURE_TLS_INVALID_SERVER_CERT") == 0, "name");
    used = allocs - before;

    fputs(report, stderr);
    if (used != 0) {
        fprintf(stderr, "FAIL: lookups allocated %lu times\n", used);
        failures++;
    }
    printf("embedded_noheap: %d failed; heap allocations during lookups: %lu\n", failures, used);
    return failures ? 1 : 0;
}
