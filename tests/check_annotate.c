/* check_annotate.c - log fragments, code recognition and the streaming
 * annotator of libnxmsg. */
#include <config.h>

#include <check.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "annotate.h"
#include "nxmsg.h"
#include "checkmain.h"
#include "testutil.h"

#define OPEN "\xE2\x9F\xA6"
#define CLOSE "\xE2\x9F\xA7"

/* ---- growing byte buffers ----------------------------------------------------- */

struct bytes {
    char *p;
    size_t n, cap;
    int fail_with; /* nonzero: the write callback fails with it */
};

static void bytes_add(struct bytes *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void bytes_str(struct bytes *b, const char *s)
{
    bytes_add(b, s, strlen(s));
}

static int collect(void *ctx, const char *data, size_t len)
{
    struct bytes *b = ctx;
    ck_assert_uint_gt(len, 0);
    if (b->fail_with)
        return b->fail_with;
    bytes_add(b, data, len);
    return 0;
}

/* Run input through a new annotator in chunks of chunk bytes (0: whole). */
static struct bytes run(nxmsg_annotate_mode mode, int only, size_t line_buffer, const char *in, size_t n,
                        size_t chunk, nxmsg_annotator **keep)
{
    nxmsg_annotate_options opt = { mode, NULL, 0, only, line_buffer };
    struct bytes out = { NULL, 0, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new(&opt, collect, &out);

    ck_assert_ptr_nonnull(a);
    bytes_add(&out, "", 0);
    if (chunk == 0)
        chunk = n ? n : 1;
    for (size_t i = 0; i < n; i += chunk)
        ck_assert_int_eq(nxmsg_annotator_feed(a, in + i, n - i < chunk ? n - i : chunk), 0);
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    if (keep)
        *keep = a;
    else
        nxmsg_annotator_free(a);
    return out;
}

/* ---- log fragments ------------------------------------------------------------- */

START_TEST(test_fragment_shape)
{
    const char *const ja[] = { "ja" }, *const en_en[] = { "en", "en" };
    const nxmsg_entry *e = nxmsg_find(0x10C);
    char buf[4096], want[4096];
    size_t n;

    n = nxmsg_format_log_r(0x10C, NULL, 0, buf, sizeof buf);
    snprintf(want, sizeof want, "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: %s / %s",
             nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "ja"));
    ck_assert_str_eq(buf, want);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_str_ne(nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "ja"));

    nxmsg_format_log_r(0x10C, ja, 1, buf, sizeof buf);
    snprintf(want, sizeof want, "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: %s", nxmsg_entry_text(e, "ja"));
    ck_assert_str_eq(buf, want);
    /* one text per language, even when equal */
    nxmsg_format_log_r(0x10C, en_en, 2, buf, sizeof buf);
    snprintf(want, sizeof want, "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: %s / %s",
             nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "en"));
    ck_assert_str_eq(buf, want);

    /* unknown codes: no name, the unknown-code text */
    nxmsg_format_log_r(0x160, ja, 1, buf, sizeof buf);
    snprintf(want, sizeof want, "0x160: %s", nxmsg_describe(0x160, "ja"));
    ck_assert_str_eq(buf, want);
    nxmsg_format_log_r(0x12345, NULL, 0, buf, sizeof buf);
    ck_assert(strncmp(buf, "0x12345: ", 9) == 0);

    /* 0x00: by value the TLS entry, by entry either */
    nxmsg_format_log_r(0, ja, 1, buf, sizeof buf);
    ck_assert(strncmp(buf, "0x00 NX_SECURE_TLS_SUCCESS: ", 28) == 0);
    nxmsg_format_entry_r(nxmsg_find_in(NXMSG_DOMAIN_X509, 0), ja, 1, buf, sizeof buf);
    ck_assert(strncmp(buf, "0x00 NX_SECURE_X509_SUCCESS: ", 29) == 0);
    nxmsg_format_entry_r(NULL, ja, 1, buf, sizeof buf);
    ck_assert(strncmp(buf, "0xFFFFFFFF: ", 12) == 0);
}
END_TEST

static void check_all_sizes(const nxmsg_entry *e, unsigned code, const char *const *langs, size_t nl)
{
    char full[4096], buf[4096 + 16];
    size_t len = e ? nxmsg_format_entry_r(e, langs, nl, full, sizeof full)
                   : nxmsg_format_log_r(code, langs, nl, full, sizeof full);

    ck_assert_uint_lt(len, sizeof full);
    ck_assert_uint_eq(len, strlen(full));
    ck_assert(test_utf8_valid(full, len));
    ck_assert_ptr_null(strchr(full, '\n'));
    for (size_t size = 0; size <= len + 1; size++) {
        const char *why;
        size_t got;
        memset(buf, 0xAA, size + 16);
        got = e ? nxmsg_format_entry_r(e, langs, nl, size ? buf : NULL, size)
                : nxmsg_format_log_r(code, langs, nl, size ? buf : NULL, size);
        if (got != len)
            ck_abort_msg("0x%X: length %zu, want %zu, with size %zu", code, got, len, size);
        if ((why = test_r_contract(buf, size, full, len)) != NULL)
            ck_abort_msg("0x%X, size %zu: %s", code, size, why);
    }
}

START_TEST(test_fragment_every_size)
{
    const char *const ja_en[] = { "ja", "en" }, *const ja[] = { "ja" };
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        check_all_sizes(e, 0, NULL, 0);
        check_all_sizes(e, 0, ja, 1);
    }
    check_all_sizes(NULL, 0x160, ja_en, 2);
    check_all_sizes(NULL, 0x1FF, NULL, 0);
    check_all_sizes(NULL, 0x42, ja, 1);
}
END_TEST

/* ---- recognition ----------------------------------------------------------------- */

/* expect: "" for no code, else "OFFSET:LENGTH:NAME,..." */
static void check_find(const char *text, const char *expect)
{
    nxmsg_match m[16];
    size_t n = nxmsg_find_codes(text, strlen(text), m, 16);
    char got[1024] = "";

    for (size_t i = 0; i < n && i < 16; i++) {
        size_t l = strlen(got);
        snprintf(got + l, sizeof got - l, "%s%zu:%zu:%s", i ? "," : "", m[i].offset, m[i].length,
                 nxmsg_entry_name(m[i].entry));
    }
    ck_assert_msg(strcmp(got, expect) == 0, "'%s': got '%s', want '%s'", text, got, expect);
}

START_TEST(test_find_positive)
{
    check_find("0x10C", "0:5:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("status=0x10C", "7:5:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("(0X10c)", "1:5:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("rc 0x0000010C.", "3:10:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("x=0x1a0,y", "2:5:NX_SECURE_X509_KEY_USAGE_ERROR");
    check_find("status=268", "7:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("Status: 268 ms", "8:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("ERROR 268", "6:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("err=268;", "4:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("ret = 268", "6:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("returned\t268", "9:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("rc:268", "3:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("tls_status=268", "11:3:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("error code 416", "11:3:NX_SECURE_X509_KEY_USAGE_ERROR");
    check_find("NX_SECURE_TLS_INVALID_SERVER_CERT", "0:33:NX_SECURE_TLS_INVALID_SERVER_CERT");
    check_find("got nx_secure_x509_success.", "4:22:NX_SECURE_X509_SUCCESS");
    check_find("[NX_SECURE_TLS_SUCCESS]", "1:21:NX_SECURE_TLS_SUCCESS");
    check_find("0x101 0x17f 0x1FF status=511 0x181",
               "0:5:NX_SECURE_TLS_SESSION_UNINITIALIZED,29:5:NX_SECURE_X509_MULTIBYTE_TAG_UNSUPPORTED");
    check_find("status=0x10C (error 268) NX_SECURE_TLS_INVALID_SERVER_CERT",
               "7:5:NX_SECURE_TLS_INVALID_SERVER_CERT,20:3:NX_SECURE_TLS_INVALID_SERVER_CERT,"
               "25:33:NX_SECURE_TLS_INVALID_SERVER_CERT");
    /* NetX core codes (issue: status=0x38 from a TLS sample), only in a
     * status context; names of every family anywhere */
    check_find("status=0x38", "7:4:NX_NOT_CONNECTED");
    check_find("ret 56", "4:2:NX_NOT_CONNECTED");
    check_find("nx_status: 0x38", "11:4:NX_NOT_CONNECTED");
    check_find("Error 5.", "6:1:NX_DELETED");
    check_find("rc=0x0038", "3:6:NX_NOT_CONNECTED");
    check_find("status = 0x00000038", "9:10:NX_NOT_CONNECTED");
    check_find("connect: NX_NOT_CONNECTED", "9:16:NX_NOT_CONNECTED");
    check_find("nx_tcpip_offload_error", "0:22:NX_TCPIP_OFFLOAD_ERROR");
    /* crypto codes: hex after a keyword, or the zero-padded form anywhere */
    check_find("status=0x20003", "7:7:NX_CRYPTO_AUTHENTICATION_FAILED");
    check_find("key 0x00020003 bad", "4:10:NX_CRYPTO_AUTHENTICATION_FAILED");
    check_find("err: 0x2000f", "5:7:NX_CRYTPO_MISSING_ECC_CURVE");
    check_find("NX_CRYTPO_MISSING_ECC_CURVE", "0:27:NX_CRYTPO_MISSING_ECC_CURVE");
    check_find("nx_crypto_ptr_error", "0:19:NX_CRYPTO_PTR_ERROR");
    /* TLS codes after a keyword in other hex widths too */
    check_find("status=0x010C", "7:6:NX_SECURE_TLS_INVALID_SERVER_CERT");
    /* NULs and invalid UTF-8 around a code */
    {
        const char t[] = "\0\xff" "0x10C\0";
        nxmsg_match m;
        ck_assert_uint_eq(nxmsg_find_codes(t, sizeof t - 1, &m, 1), 1);
        ck_assert_uint_eq(m.offset, 2);
        ck_assert_uint_eq(nxmsg_find_codes(t, sizeof t - 1, NULL, 0), 1);
    }
}
END_TEST

START_TEST(test_find_negative)
{
    static const char *const none[] = {
        "0x10C5", "abc0x10C", "0x10C_x", "0x10C.5", "1.0x10C", "00x10C", "0x", "0x00", "0x0",
        "0x100", "0x180", "0x200", "0x010C", "stack=0x012F", "0x0010C", "0x17F", "status=383", "0x000000010C",
        "268", "status268", "status=2680", "status=268.5", "status=0268", "xstatus=268",
        "status2=268", "temp=268", "len: 268", "error count 268", "12:34:56.268",
        "2024-03-05 268 ms", "status=-268", "status=256", "status=512", "status=200",
        "NX_SECURE_TLS", "NX_SECURE_TLS_INVALID_SERVER_CERTX", "XNX_SECURE_TLS_INVALID_SERVER_CERT",
        "NX_SECURE_TLS_INVALID_SERVER_CERT_2", "nx_secure_tls_session_start", "INVALID_SERVER_CERT",
        "addr=0x2000010C", "0x10C00", "rssi=-67 temp=23.5 heap=102400", "",
        /* core and crypto look-alikes outside a status context */
        "reg 0x38", "len=56", "id 0x20003", "0x38", "56", "errno=5", "irq 7", "status=0", "status=0x0",
        "status=05", "status=87", "status=0x57", "status=56.5", "status=5x", "x 0x2000F", "0x200030",
        "status=0x200030", "status=131075", "0x0020003", "NX_NOT_CONNECTED_X", "NX_CRYPTO", "nx_crypto_",
        "0x00000038", "status=0x000000038",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        check_find(none[i], "");
    ck_assert_uint_eq(nxmsg_find_codes(NULL, 10, NULL, 0), 0);
}
END_TEST

/* Every status keyword of doc/annotate.md (in three spellings), before a
 * decimal and a hex code, at every offset from 0 to 130 behind '.'
 * padding: the contexts are found wherever they fall in the 64-byte blocks
 * of the vector filter, and words that only end like a keyword are not. */
START_TEST(test_find_keywords_everywhere)
{
    static const char *const keywords[] = { "status", "Error", "ERR", "ret", "Return", "RETURNED",
                                            "rc", "Result", "CODE", "rC" };
    static const char *const others[] = { "for", "offset", "turn", "unrolled", "order", "arc", "node" };
    char text[256], want[64];

    for (size_t off = 0; off <= 130; off++) {
        memset(text, '.', off);
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
            size_t len = strlen(keywords[k]);
            snprintf(text + off, sizeof text - off, "%s=56", keywords[k]);
            snprintf(want, sizeof want, "%zu:2:NX_NOT_CONNECTED", off + len + 1);
            check_find(text, want);
            snprintf(text + off, sizeof text - off, "%s 0x38", keywords[k]);
            snprintf(want, sizeof want, "%zu:4:NX_NOT_CONNECTED", off + len + 1);
            check_find(text, want);
            snprintf(text + off, sizeof text - off, "%s:  268", keywords[k]);
            snprintf(want, sizeof want, "%zu:3:NX_SECURE_TLS_INVALID_SERVER_CERT", off + len + 3);
            check_find(text, want);
        }
        for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
            snprintf(text + off, sizeof text - off, "%s=56 %s 0x38", others[k], others[k]);
            check_find(text, "");
        }
    }
}
END_TEST

/* Every known code is found by its name, and every nonzero one in the
 * number forms of its family (and not in a look-alike). */
START_TEST(test_find_every_code)
{
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        char t[256];
        nxmsg_match m[4];
        unsigned v = nxmsg_entry_value(e);
        size_t n, want = v ? 3 : 1;
        if (v == 0)
            n = (size_t)snprintf(t, sizeof t, "%s", nxmsg_entry_name(e));
        else if (v < 0x100) /* core: a status context */
            n = (size_t)snprintf(t, sizeof t, "%s status=0x%X ret %u reg 0x%X len=%u", nxmsg_entry_name(e), v,
                                 v, v, v);
        else if (v < 0x1000) /* TLS, X.509: 0x10C anywhere */
            n = (size_t)snprintf(t, sizeof t, "%s 0x%X status=%u", nxmsg_entry_name(e), v, v);
        else /* crypto: after a keyword, or zero-padded */
            n = (size_t)snprintf(t, sizeof t, "%s rc: 0x%X 0x%08X id 0x%X", nxmsg_entry_name(e), v, v, v);
        ck_assert_msg(nxmsg_find_codes(t, n, m, 4) == want, "%s: %zu codes", t, nxmsg_find_codes(t, n, m, 4));
        for (size_t k = 0; k < want; k++)
            ck_assert_ptr_eq(m[k].entry, e);
    }
}
END_TEST

/* The entry whose name is s (either case), by a walk through the whole
 * table: the expected answer for the recognizer's hash lookup. */
static const nxmsg_entry *entry_named(const char *s)
{
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        if (strcasecmp(nxmsg_entry_name(e), s) == 0)
            return e;
    return NULL;
}

/* Every name in lower and mixed case is found; every name cut short by 1
 * to all but "NX_" bytes, or longer by a byte, is found only when it is a
 * name itself. */
START_TEST(test_find_every_name_form)
{
    const nxmsg_entry *e, *want;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        const char *name = nxmsg_entry_name(e);
        size_t len = strlen(name);
        char t[128];
        nxmsg_match m[2];
        if (strncmp(name, "NX_", 3) != 0)
            continue;
        for (size_t k = 0; k <= len; k++)
            t[k] = k % 2 ? name[k] : (char)tolower((unsigned char)name[k]);
        ck_assert_msg(nxmsg_find_codes(t, len, m, 2) == 1 && m[0].entry == e, "%s not found", t);
        for (size_t cut = len - 1; cut > 3; cut--) {
            t[cut] = '\0';
            want = entry_named(t);
            ck_assert_msg(nxmsg_find_codes(t, cut, m, 2) == (want != NULL) && (!want || m[0].entry == want),
                          "%s: wrong", t);
        }
        for (const char *more = "XZ_9a"; *more; more++) {
            snprintf(t, sizeof t, "%s%c", name, *more);
            want = entry_named(t);
            ck_assert_msg(nxmsg_find_codes(t, len + 1, m, 2) == (want != NULL) && (!want || m[0].entry == want),
                          "%s: wrong", t);
        }
    }
}
END_TEST

/* ---- the annotator ------------------------------------------------------------------- */

/* A test log: all codes in all forms, CRLF, lone CR, NULs, invalid UTF-8, an
 * empty line, long lines, plain numbers, and no final newline. */
static struct bytes make_log(size_t long_line)
{
    struct bytes b = { NULL, 0, 0, 0 };
    const nxmsg_entry *e;
    char t[256];

    bytes_str(&b, "boot 2024-03-05T12:00:00.268Z temp=23.5 addr=0x2000010C\n\n");
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        unsigned v = nxmsg_entry_value(e);
        snprintf(t, sizeof t, v < 0x20000 ? "[%zu] %s status=%u (rc=0x%X)%s" : "[%zu] %s status=0x%X (rc=0x%X)%s",
                 i, nxmsg_entry_name(e), v, v, i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r\r\n");
        bytes_str(&b, t);
    }
    bytes_add(&b, "nul\0in 0x10C\0line\n", 18);
    bytes_str(&b, "bad \xff\xfe utf8 \xe3\x81 0x1A0 \xed\xa0\x80 end\n");
    bytes_str(&b, "japanese \xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc 0x107\n");
    for (size_t i = 0; i < long_line; i += 16)
        bytes_str(&b, i % 4096 == 0 ? "err=0x107, ok;  " : "abcdefghijklmno ");
    bytes_str(&b, "\nlong token ");
    for (size_t i = 0; i < 600; i++)
        bytes_str(&b, "A");
    bytes_str(&b, " 0x10C\nlast line without newline status=385");
    return b;
}

/* Each annotation in out is valid UTF-8 and shaped " ⟦0x... NAME: ...⟧". */
static size_t check_annotations(const struct bytes *out)
{
    size_t count = 0;
    const char *p = out->p, *end = out->p + out->n;
    while ((p = memmem(p, (size_t)(end - p), " " OPEN, 4)) != NULL) {
        const char *q = memmem(p, (size_t)(end - p), CLOSE, 3);
        ck_assert_ptr_nonnull(q);
        ck_assert(test_utf8_valid(p, (size_t)(q + 3 - p)));
        ck_assert(memchr(p, '\n', (size_t)(q - p)) == NULL);
        ck_assert(strncmp(p + 4, "0x", 2) == 0);
        count++;
        p = q;
    }
    return count;
}

START_TEST(test_round_trip)
{
    static const nxmsg_annotate_mode modes[] = { NXMSG_ANNOTATE_INLINE, NXMSG_ANNOTATE_SUFFIX };
    static const size_t chunks[] = { 0, 1, 3, 255, 4096 };
    struct bytes in = make_log(20000);

    for (size_t m = 0; m < 2; m++) {
        struct bytes first = run(modes[m], 0, 300, in.p, in.n, 0, NULL), back;
        /* output does not depend on the chunking */
        for (size_t c = 1; c < sizeof chunks / sizeof chunks[0]; c++) {
            struct bytes o = run(modes[m], 0, 300, in.p, in.n, chunks[c], NULL);
            ck_assert_uint_eq(o.n, first.n);
            ck_assert(memcmp(o.p, first.p, o.n) == 0);
            free(o.p);
        }
        ck_assert_uint_gt(first.n, in.n);
        ck_assert_uint_ge(check_annotations(&first), 128);
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            back = run(NXMSG_ANNOTATE_STRIP, 0, 0, first.p, first.n, chunks[c], NULL);
            ck_assert_uint_eq(back.n, in.n);
            ck_assert(memcmp(back.p, in.p, in.n) == 0);
            free(back.p);
        }
        free(first.p);
    }
    free(in.p);
}
END_TEST

START_TEST(test_round_trip_big_line)
{
    struct bytes in = make_log(1100000), out, back;
    out = run(NXMSG_ANNOTATE_INLINE, 0, 0, in.p, in.n, 65536, NULL);
    back = run(NXMSG_ANNOTATE_STRIP, 0, 0, out.p, out.n, 65536, NULL);
    ck_assert_uint_eq(back.n, in.n);
    ck_assert(memcmp(back.p, in.p, in.n) == 0);
    free(back.p);
    free(out.p);
    free(in.p);
}
END_TEST

START_TEST(test_empty_and_tiny)
{
    struct bytes o = run(NXMSG_ANNOTATE_INLINE, 0, 0, "", 0, 0, NULL);
    ck_assert_uint_eq(o.n, 0);
    free(o.p);
    o = run(NXMSG_ANNOTATE_JSON, 0, 0, "", 0, 0, NULL);
    ck_assert_uint_eq(o.n, 0);
    free(o.p);
    o = run(NXMSG_ANNOTATE_SUFFIX, 0, 0, "0x10C", 5, 1, NULL);
    ck_assert(strncmp(o.p, "0x10C " OPEN "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ", 48) == 0);
    ck_assert(memcmp(o.p + o.n - 3, CLOSE, 3) == 0);
    free(o.p);
}
END_TEST

START_TEST(test_modes_shape)
{
    const char *in = "a status=0x10C b 0x10C c 0x1A0\r\nplain 268\nx NX_SECURE_TLS_SUCCESS";
    struct bytes o;
    char frag[1024], want[8192];
    const nxmsg_entry *tls = nxmsg_find(0x10C), *x = nxmsg_find(0x1A0);
    char ftls[1024], fx[1024];

    nxmsg_format_entry_r(tls, NULL, 0, ftls, sizeof ftls);
    nxmsg_format_entry_r(x, NULL, 0, fx, sizeof fx);
    nxmsg_format_entry_r(nxmsg_find_in(NXMSG_DOMAIN_TLS, 0), NULL, 0, frag, sizeof frag);

    o = run(NXMSG_ANNOTATE_INLINE, 0, 0, in, strlen(in), 0, NULL);
    snprintf(want, sizeof want,
             "a status=0x10C " OPEN "%s" CLOSE " b 0x10C " OPEN "%s" CLOSE " c 0x1A0 " OPEN "%s" CLOSE
             "\r\nplain 268\nx NX_SECURE_TLS_SUCCESS " OPEN "%s" CLOSE, ftls, ftls, fx, frag);
    ck_assert_str_eq(o.p, want);
    free(o.p);

    /* suffix: each entry once, before the CR LF */
    o = run(NXMSG_ANNOTATE_SUFFIX, 0, 0, in, strlen(in), 0, NULL);
    snprintf(want, sizeof want,
             "a status=0x10C b 0x10C c 0x1A0 " OPEN "%s" CLOSE " " OPEN "%s" CLOSE
             "\r\nplain 268\nx NX_SECURE_TLS_SUCCESS " OPEN "%s" CLOSE, ftls, fx, frag);
    ck_assert_str_eq(o.p, want);
    free(o.p);

    /* only matching */
    o = run(NXMSG_ANNOTATE_SUFFIX, 1, 0, in, strlen(in), 2, NULL);
    ck_assert_ptr_null(strstr(o.p, "plain"));
    ck_assert_ptr_nonnull(strstr(o.p, "\r\nx NX_SECURE_TLS_SUCCESS "));
    free(o.p);
    o = run(NXMSG_ANNOTATE_INLINE, 1, 0, "no\ncodes\n", 9, 0, NULL);
    ck_assert_uint_eq(o.n, 0);
    free(o.p);
}
END_TEST

START_TEST(test_only_matching_long_line)
{
    /* a line longer than the buffer is written even without codes */
    char in[1000];
    struct bytes o;
    memset(in, 'a', sizeof in);
    in[500] = ' ';
    in[999] = '\n';
    o = run(NXMSG_ANNOTATE_INLINE, 1, 256, in, sizeof in, 0, NULL);
    ck_assert_uint_eq(o.n, sizeof in);
    ck_assert(memcmp(o.p, in, sizeof in) == 0);
    free(o.p);
    o = run(NXMSG_ANNOTATE_INLINE, 1, 0, in, sizeof in, 0, NULL);
    ck_assert_uint_eq(o.n, 0);
    free(o.p);
}
END_TEST

/* Decode a JSON string starting after its opening quote; returns the end. */
static const char *json_decode(const char *p, struct bytes *out)
{
    while (*p != '"') {
        if (*p != '\\') {
            bytes_add(out, p++, 1);
            continue;
        }
        p++;
        switch (*p) {
        case 'n': bytes_add(out, "\n", 1); p++; break;
        case 'r': bytes_add(out, "\r", 1); p++; break;
        case 't': bytes_add(out, "\t", 1); p++; break;
        case '"': case '\\': case '/': bytes_add(out, p++, 1); break;
        case 'u': {
            unsigned v = (unsigned)strtoul((char[5]){ p[1], p[2], p[3], p[4], 0 }, NULL, 16);
            char c;
            ck_assert_msg(v < 0x80 || (v >= 0xDC80 && v <= 0xDCFF), "unexpected \\u%04x", v);
            c = (char)(v & 0xFF);
            bytes_add(out, &c, 1);
            p += 5;
            break;
        }
        default:
            ck_abort_msg("bad escape");
        }
    }
    return p + 1;
}

START_TEST(test_json_round_trip)
{
    struct bytes in = make_log(5000), out = run(NXMSG_ANNOTATE_JSON, 0, 300, in.p, in.n, 7, NULL);
    struct bytes back = { NULL, 0, 0, 0 };
    const char *p = out.p;
    size_t objects = 0, codes = 0;

    ck_assert(test_utf8_valid(out.p, out.n));
    bytes_add(&back, "", 0);
    while (*p) {
        const char *nl = strchr(p, '\n'), *t;
        ck_assert_ptr_nonnull(nl);
        ck_assert(strncmp(p, "{\"line\":", 8) == 0);
        t = strstr(p, ",\"text\":\"");
        ck_assert_ptr_nonnull(t);
        t = json_decode(t + 9, &back);
        ck_assert(strncmp(t, ",\"eol\":\"", 8) == 0);
        t = json_decode(t + 8, &back);
        ck_assert(strncmp(t, ",\"codes\":[", 10) == 0);
        ck_assert(strncmp(nl - 2, "]}", 2) == 0);
        for (t = p; (t = strstr(t, "\"hex\":\"0x")) != NULL && t < nl; t++)
            codes++;
        objects++;
        p = nl + 1;
    }
    ck_assert_uint_eq(back.n, in.n);
    ck_assert(memcmp(back.p, in.p, in.n) == 0);
    ck_assert_uint_gt(objects, 130);
    ck_assert_uint_ge(codes, 128 * 3);
    free(back.p);
    free(out.p);
    free(in.p);
}
END_TEST

START_TEST(test_json_fields)
{
    const char *const ja[] = { "ja" };
    nxmsg_annotate_options opt = { NXMSG_ANNOTATE_JSON, ja, 1, 1, 0 };
    struct bytes o = { NULL, 0, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new(&opt, collect, &o);
    const char *in = "skip\nq\"\\ \x01 status=268\r\n";
    char want[2048];

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(nxmsg_annotator_feed(a, in, strlen(in)), 0);
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    snprintf(want, sizeof want,
             "{\"line\":2,\"offset\":0,\"text\":\"q\\\"\\\\ \\u0001 status=268\",\"eol\":\"\\r\\n\",\"codes\":"
             "[{\"offset\":13,\"length\":3,\"match\":\"268\",\"value\":268,\"hex\":\"0x10C\","
             "\"name\":\"NX_SECURE_TLS_INVALID_SERVER_CERT\",\"domain\":\"tls\",\"ja\":\"%s\"}]}\n",
             nxmsg_entry_text(nxmsg_find(0x10C), "ja"));
    ck_assert_str_eq(o.p, want);
    nxmsg_annotator_free(a);
    free(o.p);
}
END_TEST

/* nxmsg_annotator_set_line: a piece of a stream numbered as the whole */
START_TEST(test_set_line)
{
    nxmsg_annotate_options opt = { NXMSG_ANNOTATE_JSON, NULL, 0, 0, 0 };
    struct bytes o = { NULL, 0, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new(&opt, collect, &o);

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(nxmsg_annotator_set_line(NULL, 1), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_annotator_set_line(a, 41), 0);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "a\nb", 3), 0);
    /* "b" is held: too late to renumber */
    ck_assert_int_eq(nxmsg_annotator_set_line(a, 7), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    ck_assert_str_eq(o.p, "{\"line\":42,\"offset\":0,\"text\":\"a\",\"eol\":\"\\n\",\"codes\":[]}\n"
                          "{\"line\":43,\"offset\":0,\"text\":\"b\",\"eol\":\"\",\"codes\":[]}\n");
    /* finish starts the next stream at line 1 again */
    o.n = 0;
    ck_assert_int_eq(nxmsg_annotator_feed(a, "c\n", 2), 0);
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    ck_assert_str_eq(o.p, "{\"line\":1,\"offset\":0,\"text\":\"c\",\"eol\":\"\\n\",\"codes\":[]}\n");
    /* line numbers are unsigned long long and wrap as C's arithmetic does:
     * the last one, then 0 and 1 */
    o.n = 0;
    ck_assert_int_eq(nxmsg_annotator_set_line(a, ULLONG_MAX - 1), 0);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "x\ny\nz\n", 6), 0);
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    ck_assert_str_eq(o.p, "{\"line\":18446744073709551615,\"offset\":0,\"text\":\"x\",\"eol\":\"\\n\",\"codes\":[]}\n"
                          "{\"line\":0,\"offset\":0,\"text\":\"y\",\"eol\":\"\\n\",\"codes\":[]}\n"
                          "{\"line\":1,\"offset\":0,\"text\":\"z\",\"eol\":\"\\n\",\"codes\":[]}\n");
    nxmsg_annotator_free(a);
    free(o.p);
}
END_TEST

START_TEST(test_counts)
{
    struct bytes in = make_log(5000), out;
    nxmsg_annotator *a;
    const nxmsg_entry *e;

    out = run(NXMSG_ANNOTATE_COUNT, 0, 300, in.p, in.n, 1000, &a);
    ck_assert_uint_eq(out.n, 0);
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        unsigned long long want = nxmsg_entry_value(e) ? 3 : 1;
        if (nxmsg_entry_value(e) == 0x10C)
            want += 2; /* the NUL line and the long-token line */
        else if (nxmsg_entry_value(e) == 0x1A0)
            want += 1;
        else if (nxmsg_entry_value(e) == 0x107)
            want += 1 + 2; /* the Japanese line; the long line, every 4096 bytes */
        else if (nxmsg_entry_value(e) == 0x181)
            want += 1; /* the last line */
        ck_assert_msg(nxmsg_annotator_count(a, e) == want, "%s: %llu, want %llu", nxmsg_entry_name(e),
                      nxmsg_annotator_count(a, e), want);
    }
    ck_assert_uint_eq(nxmsg_annotator_count(a, NULL), 0);
    ck_assert_uint_eq(nxmsg_annotator_count(NULL, e), 0);
    nxmsg_annotator_free(a);
    free(out.p);
    free(in.p);
}
END_TEST

/* Only annotations exactly as annotate writes them are removed: anything
 * else with U+27E6 / U+27E7 in it survives --strip (issue: "a \u27e6b\u27e7"
 * stripped to "a"). */
START_TEST(test_strip_exact)
{
    static const char *const keep[] = {
        "a " OPEN "b" CLOSE "\n",
        "a " OPEN "no end\nb " OPEN "x" CLOSE "\n",
        "a " OPEN, "a \xE2\x9F", "x" OPEN "0x10C" CLOSE, " " CLOSE " ", "  \xE2 " OPEN "\xE2",
        "a " OPEN "b " OPEN "c" CLOSE "d",
        /* almost annotations: unknown name, wrong value, lower-case hex,
         * extra zero, a text no language has, a missing text */
        " " OPEN "0x10C NX_SECURE_TLS_NO_SUCH_CODE: x" CLOSE,
        " " OPEN "0x10D NX_SECURE_TLS_INVALID_SERVER_CERT: x" CLOSE,
        " " OPEN "0x10c NX_SECURE_TLS_INVALID_SERVER_CERT: x" CLOSE,
        " " OPEN "0x010C NX_SECURE_TLS_INVALID_SERVER_CERT: x" CLOSE,
        " " OPEN "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: x" CLOSE,
        " " OPEN "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: " CLOSE,
        OPEN "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT" CLOSE,
    };
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *const en[] = { "en" }, *const ja_en[] = { "ja", "en" };
    char frag[2048], in[4096], want[4096];
    struct bytes o;

    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        o = run(NXMSG_ANNOTATE_STRIP, 0, 0, keep[i], strlen(keep[i]), 1, NULL);
        ck_assert_str_eq(o.p, keep[i]);
        free(o.p);
    }
    /* a real annotation (in any of en, ja, en+ja, ja+en) inside such junk goes */
    for (int k = 0; k < 3; k++) {
        nxmsg_format_entry_r(e, k == 0 ? en : k == 1 ? ja_en : NULL, k == 2 ? 0 : k + 1, frag, sizeof frag);
        snprintf(in, sizeof in, "a " OPEN "b 0x10C " OPEN "%s" CLOSE " c" CLOSE "\n", frag);
        o = run(NXMSG_ANNOTATE_STRIP, 0, 0, in, strlen(in), 1 + (size_t)k, NULL);
        snprintf(want, sizeof want, "a " OPEN "b 0x10C c" CLOSE "\n");
        ck_assert_str_eq(o.p, want);
        free(o.p);
    }
}
END_TEST

START_TEST(test_errors)
{
    nxmsg_annotate_options opt = { NXMSG_ANNOTATE_INLINE, NULL, 9, 0, 0 };
    const char *langs[9] = { "en", "en", "en", "en", "en", "en", "en", "en", "en" };
    struct bytes o = { NULL, 0, 0, 7 };
    nxmsg_annotator *a;

    opt.langs = langs;
    ck_assert_ptr_null(nxmsg_annotator_new(&opt, collect, &o));
    opt.nlangs = 8;
    a = nxmsg_annotator_new(&opt, collect, &o);
    ck_assert_ptr_nonnull(a);
    nxmsg_annotator_free(a);
    opt.mode = (nxmsg_annotate_mode)99;
    ck_assert_ptr_null(nxmsg_annotator_new(&opt, collect, &o));
    ck_assert_ptr_null(nxmsg_annotator_new(NULL, NULL, NULL));
    nxmsg_annotator_free(NULL);

    /* a failing write stops the annotator and is reported from then on */
    a = nxmsg_annotator_new(NULL, collect, &o);
    ck_assert_int_eq(nxmsg_annotator_feed(NULL, "x", 1), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_annotator_feed(a, NULL, 1), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_annotator_feed(a, NULL, 0), 0);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "partial", 7), 0);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "line\n", 5), NXMSG_EWRITE);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "more\n", 5), NXMSG_EWRITE);
    ck_assert_int_eq(nxmsg_annotator_finish(a), NXMSG_EWRITE);
    ck_assert_int_eq(nxmsg_annotator_finish(NULL), NXMSG_EINVAL);
    nxmsg_annotator_free(a);
    /* whatever the callback returns (here NXMSG_EINVAL's value), it reads as
     * a write error, as for the table renderer */
    o.fail_with = NXMSG_EINVAL;
    a = nxmsg_annotator_new(NULL, collect, &o);
    ck_assert_int_eq(nxmsg_annotator_feed(a, "0x10C\n", 6), NXMSG_EWRITE);
    ck_assert_int_eq(nxmsg_annotator_finish(a), NXMSG_EWRITE);
    nxmsg_annotator_free(a);
    o.fail_with = 0;
    a = nxmsg_annotator_new(&(nxmsg_annotate_options){ NXMSG_ANNOTATE_STRIP, NULL, 0, 0, 0 }, collect, &o);
    o.fail_with = 1;
    ck_assert_int_eq(nxmsg_annotator_feed(a, "x\n", 2), NXMSG_EWRITE);
    nxmsg_annotator_free(a);
}
END_TEST

/* Random logs made of code-like pieces, brackets, and annotations (whole,
 * in other languages, and near misses). */
static struct bytes random_log(unsigned *seed, size_t len, int with_annotations)
{
    static const char *const pieces[] = {
        "0x10C", "0x", "0", "x", "status", "=", ": ", " ", "268", "385", "\r\n", "\n", "\r", ".",
        "NX_SECURE_TLS_SUCCESS", "nx_", "_", "A", "\xff", "\xe3\x81", "\xe2\x9f", OPEN, CLOSE, " " OPEN,
        "\t", "error", "0x0000010C", "12", ",", " / ", "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ",
        " " OPEN "0x1A0 NX_SECURE_X509_KEY_USAGE_ERROR: x" CLOSE,
        "err", "ret", "rc", "RC", "code", "Result", "returned", "Return", "ERROR", "Status", "0x00", "0x1A0",
        "Nx_", "NX_", "0X20007", "0x1",
    };
    static const char *const ja[] = { "ja" }, *const en[] = { "en" };
    struct bytes in = { NULL, 0, 0, 0 };
    char frag[2048];

    bytes_add(&in, "", 0);
    while (in.n < len) {
        unsigned r;
        *seed = *seed * 1103515245u + 12345u;
        r = *seed >> 16;
        if (with_annotations && r % 23 == 0) {
            const nxmsg_entry *e = nxmsg_entry_at(r % nxmsg_count());
            nxmsg_format_entry_r(e, r % 3 == 0 ? ja : r % 3 == 1 ? en : NULL, r % 3 == 2 ? 0 : 1, frag,
                                 sizeof frag);
            bytes_str(&in, " " OPEN);
            bytes_str(&in, frag);
            bytes_str(&in, CLOSE);
        } else {
            bytes_str(&in, pieces[r % (sizeof pieces / sizeof pieces[0])]);
        }
        if ((*seed >> 8) % 50 == 0)
            bytes_add(&in, "", 1); /* a NUL */
    }
    return in;
}

static void assert_same(const struct bytes *a, const struct bytes *b, const char *what, int round)
{
    ck_assert_msg(a->n == b->n && memcmp(a->p, b->p, a->n) == 0, "round %d: %s differ (%zu and %zu bytes)",
                  round, what, a->n, b->n);
}

/* Issue: exact strip and no re-annotation.  For any input x, with lines
 * shorter than the line buffer:
 *   strip(annotate(x)) == strip(x), and == x when x holds no annotation;
 *   annotate(annotate(x)) == annotate(x), inline and suffix alike. */
START_TEST(test_random_strip_properties)
{
    static const nxmsg_annotate_mode modes[] = { NXMSG_ANNOTATE_INLINE, NXMSG_ANNOTATE_SUFFIX };
    unsigned seed = 777;

    for (int round = 0; round < 300; round++) {
        int with = round % 3 != 0;
        struct bytes in = random_log(&seed, (size_t)(seed % 2000), with);
        struct bytes plain = run(NXMSG_ANNOTATE_STRIP, 0, 0, in.p, in.n, 1 + seed % 61, NULL);
        size_t chunk = 1 + (seed >> 4) % 97;

        if (!with)
            assert_same(&plain, &in, "strip(x) and x", round);
        for (int m = 0; m < 2; m++) {
            struct bytes once = run(modes[m], 0, 0, in.p, in.n, chunk, NULL);
            struct bytes twice = run(modes[m], 0, 0, once.p, once.n, chunk + 1, NULL);
            struct bytes back = run(NXMSG_ANNOTATE_STRIP, 0, 0, once.p, once.n, chunk, NULL);
            struct bytes other = run(modes[1 - m], 0, 0, once.p, once.n, 0, NULL);
            assert_same(&back, &plain, "strip(annotate(x)) and strip(x)", round);
            assert_same(&twice, &once, "annotate(annotate(x)) and annotate(x)", round);
            /* annotated one way, the other mode adds nothing either */
            assert_same(&other, &once, "other mode over annotate(x) and annotate(x)", round);
            free(once.p);
            free(twice.p);
            free(back.p);
            free(other.p);
        }
        free(plain.p);
        free(in.p);
    }
}
END_TEST

/* The hits of a scan of s[from..n), with the vector filter or without. */
static size_t scan_all(const char *s, size_t n, size_t from, int filter, struct ann_hit *out, size_t max)
{
    struct ann_scan c;
    struct ann_hit h;
    size_t k = 0;

    nxmsg__scan_init(&c, (const unsigned char *)s, n, from, NULL);
    c.filter = filter;
    while (nxmsg__scan_next(&c, &h))
        if (k < max)
            out[k++] = h;
    return k;
}

/* Whether every instruction set of the filter gives the candidate bits
 * the best one gives, over s[b..n), and live bits that tell the blocks
 * with candidates. */
static void assert_filters_agree(const char *s, size_t n, size_t b, int round)
{
    const unsigned char *u = (const unsigned char *)s;
    int best = nxmsg__filter_available();

    for (; b < n; b += 64 * ANN_FILTER_BLOCKS)
        for (int isa = ANN_FILTER_AVX2; isa <= best; isa++) {
            uint64_t want[ANN_FILTER_BLOCKS], got[ANN_FILTER_BLOCKS];
            uint32_t wlive, live;
            size_t nw = nxmsg__filter(best, u, n, b, want, &wlive), ng = nxmsg__filter(isa, u, n, b, got, &live);
            ck_assert_uint_eq(ng, nw);
            for (size_t k = 0; k < nw; k++) {
                ck_assert_msg(got[k] == want[k], "round %d, block at %zu: %016llx with set %d, %016llx with %d",
                              round, b + 64 * k, (unsigned long long)got[k], isa, (unsigned long long)want[k], best);
                ck_assert_msg(((live >> k) & 1u) == (got[k] != 0), "round %d, block at %zu: live bit %u with set %d",
                              round, b + 64 * k, (unsigned)((live >> k) & 1u), isa);
            }
            ck_assert_msg(nw == ANN_FILTER_BLOCKS || live >> nw == 0, "round %d: live bits past block %zu", round, nw);
            ck_assert_uint_eq(live, wlive);
        }
}

/* The vector filter, with each instruction set the machine has (AVX2,
 * AVX-512), lets the recognizer find exactly what the plain scan finds
 * (SSE2 blocks and byte by byte: candidate() in annotate_recognize.c, an
 * independent statement of the same rules), on random logs, cut at random
 * starts and ends so that every block edge is crossed.  The instruction
 * sets also give the same candidates. */
START_TEST(test_filter_same_as_plain)
{
    static struct ann_hit a[4096], b[4096];
    unsigned seed = 4242;
    size_t total = 0;
    int best = nxmsg__filter_available();

    if (best == ANN_FILTER_NONE)
        fprintf(stderr, "check_annotate: no vector filter on this machine: the plain scan only\n");
    else if (best == ANN_FILTER_AVX2)
        fprintf(stderr, "check_annotate: no AVX-512 on this machine: its filter is not tested\n");
    for (int round = 0; round < 600; round++) {
        struct bytes in = random_log(&seed, (size_t)(seed % 4000), round % 2);
        size_t n = in.n - (in.n ? (seed >> 3) % (in.n < 70 ? in.n : 70) : 0);
        size_t from = n ? (seed >> 9) % (n < 130 ? n : 130) : 0;
        size_t kb = scan_all(in.p, n, from, ANN_FILTER_NONE, b, 4096);

        for (int isa = ANN_FILTER_AVX2; isa <= best; isa++) {
            size_t ka = scan_all(in.p, n, from, isa, a, 4096);
            ck_assert_msg(ka == kb, "round %d: %zu hits with filter %d, %zu without", round, ka, isa, kb);
            for (size_t i = 0; i < ka; i++)
                ck_assert_msg(a[i].offset == b[i].offset && a[i].length == b[i].length &&
                                  a[i].entry == b[i].entry && a[i].annotation == b[i].annotation,
                              "round %d, hit %zu: at %zu+%zu with filter %d, %zu+%zu without", round, i,
                              a[i].offset, a[i].length, isa, b[i].offset, b[i].length);
        }
        assert_filters_agree(in.p, n, from, round);
        total += kb;
        free(in.p);
    }
    ck_assert_uint_gt(total, 3000); /* the logs hold codes enough to compare */
}
END_TEST

/* ---- span output ------------------------------------------------------------ */

/* What the span callback saw: the output, the bytes pointed at inside the
 * chunk being fed, the calls. */
struct spans_seen {
    struct bytes out;
    const char *chunk;
    size_t chunk_len, pointed, calls;
};

static int collect_spans(void *ctx, const nxmsg_span *v, size_t n)
{
    struct spans_seen *w = ctx;

    ck_assert_uint_gt(n, 0);
    w->calls++;
    if (w->out.fail_with)
        return w->out.fail_with;
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_gt(v[i].len, 0);
        if (w->chunk && v[i].data >= w->chunk && v[i].data < w->chunk + w->chunk_len) {
            ck_assert(v[i].data + v[i].len <= w->chunk + w->chunk_len);
            w->pointed += v[i].len;
        }
        bytes_add(&w->out, v[i].data, v[i].len);
    }
    return 0;
}

/* run() with nxmsg_annotator_new_spans(). */
static struct bytes run_spans(nxmsg_annotate_mode mode, int only, size_t line_buffer, const char *in, size_t n,
                              size_t chunk, size_t *pointed)
{
    nxmsg_annotate_options opt = { mode, NULL, 0, only, line_buffer };
    struct spans_seen w = { { NULL, 0, 0, 0 }, NULL, 0, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new_spans(&opt, collect_spans, &w);

    ck_assert_ptr_nonnull(a);
    bytes_add(&w.out, "", 0);
    if (chunk == 0)
        chunk = n ? n : 1;
    for (size_t i = 0; i < n; i += chunk) {
        w.chunk = in + i;
        w.chunk_len = n - i < chunk ? n - i : chunk;
        ck_assert_int_eq(nxmsg_annotator_feed(a, w.chunk, w.chunk_len), 0);
    }
    w.chunk = NULL;
    ck_assert_int_eq(nxmsg_annotator_finish(a), 0);
    nxmsg_annotator_free(a);
    if (pointed)
        *pointed = w.pointed;
    return w.out;
}

/* A random log with stretches of 0-3000 plain bytes between its pieces. */
static struct bytes random_log_long(unsigned *seed, size_t len)
{
    struct bytes in = { NULL, 0, 0, 0 };

    bytes_add(&in, "", 0);
    while (in.n < len) {
        struct bytes part = random_log(seed, (size_t)(*seed % 300), *seed % 2);
        size_t filler = (*seed >> 5) % 3000;
        bytes_add(&in, part.p, part.n);
        for (size_t i = 0; i < filler; i++)
            bytes_add(&in, i % 61 == 60 ? "\n" : &"abc de,fgh"[i % 10], 1);
        free(part.p);
    }
    return in;
}

/* nxmsg_annotator_new_spans(): the same output as nxmsg_annotator_new() in
 * every mode, whatever the chunks and the line buffer; long stretches of a
 * chunk are pointed at (never past the chunk), and in INLINE mode that is
 * most of the input. */
START_TEST(test_spans_same_output)
{
    static const nxmsg_annotate_mode modes[] = { NXMSG_ANNOTATE_INLINE, NXMSG_ANNOTATE_SUFFIX, NXMSG_ANNOTATE_JSON,
                                                 NXMSG_ANNOTATE_COUNT, NXMSG_ANNOTATE_STRIP };
    unsigned seed = 99;
    size_t pointed_inline = 0, bytes_inline = 0;

    for (int round = 0; round < 120; round++) {
        struct bytes in = random_log_long(&seed, (size_t)(seed % 40000));
        size_t chunk = round % 3 == 0 ? 0 : 1 + (seed >> 3) % 9000;
        size_t line_buffer = round % 4 == 0 ? 700 : 0;
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            size_t pointed;
            struct bytes want = run(modes[m], round % 5 == 0, line_buffer, in.p, in.n, chunk, NULL);
            struct bytes got = run_spans(modes[m], round % 5 == 0, line_buffer, in.p, in.n, chunk, &pointed);
            assert_same(&got, &want, "span output and plain output", round);
            if (modes[m] == NXMSG_ANNOTATE_INLINE && round % 5 != 0) {
                pointed_inline += pointed;
                bytes_inline += in.n;
            }
            free(want.p);
            free(got.p);
        }
        free(in.p);
    }
    ck_assert_msg(pointed_inline > bytes_inline / 2, "%zu of %zu input bytes pointed at", pointed_inline,
                  bytes_inline);
}
END_TEST

/* A failing span callback stops the annotator as a failing write does. */
START_TEST(test_spans_errors)
{
    struct spans_seen w = { { NULL, 0, 0, 7 }, NULL, 0, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new_spans(NULL, collect_spans, &w);
    char line[2000];

    ck_assert_ptr_null(nxmsg_annotator_new_spans(NULL, NULL, &w));
    ck_assert_ptr_nonnull(a);
    memset(line, 'a', sizeof line);
    line[sizeof line - 1] = '\n';
    ck_assert_int_eq(nxmsg_annotator_feed(a, line, sizeof line), NXMSG_EWRITE);
    ck_assert_uint_eq(w.calls, 1);
    ck_assert_int_eq(nxmsg_annotator_feed(a, line, sizeof line), NXMSG_EWRITE);
    ck_assert_int_eq(nxmsg_annotator_finish(a), NXMSG_EWRITE);
    ck_assert_uint_eq(w.calls, 1);
    nxmsg_annotator_free(a);
}
END_TEST

/* The lines of in (terminator included) with a code or longer than buf. */
static struct bytes matching_lines(const struct bytes *in, size_t buf)
{
    struct bytes want = { NULL, 0, 0, 0 };
    const char *p = in->p, *end = in->p + in->n;

    bytes_add(&want, "", 0);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
        size_t content = n - (nl ? (n >= 2 && nl[-1] == '\r' ? 2 : 1) : 0);
        if (n > buf || nxmsg_find_codes(p, content, NULL, 0) > 0)
            bytes_add(&want, p, n);
        p += n;
    }
    return want;
}

/* Random logs through every mode at a small buffer and random chunk sizes:
 * round trip; JSON valid UTF-8; --only-matching keeps exactly the lines
 * with codes (and the over-long ones). */
START_TEST(test_random_round_trip)
{
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        struct bytes in = random_log(&seed, (size_t)(seed % 3000), 0);
        size_t chunk = 1 + (seed >> 4) % 97;
        int only = round % 2;
        /* no U+27E6 in the input: the round trip holds with cut lines too */
        for (size_t i = 0; i + 3 <= in.n; i++)
            if (memcmp(in.p + i, OPEN, 3) == 0)
                in.p[i + 2] = 'Z';
        for (int m = 0; m < 3; m++) {
            struct bytes o = run(m == 0 ? NXMSG_ANNOTATE_INLINE : m == 1 ? NXMSG_ANNOTATE_SUFFIX : NXMSG_ANNOTATE_JSON,
                                 only, 256, in.p, in.n, chunk, NULL);
            if (m < 2) {
                struct bytes back = run(NXMSG_ANNOTATE_STRIP, 0, 0, o.p, o.n, chunk, NULL);
                struct bytes want = only ? matching_lines(&in, 256) : in;
                assert_same(&back, &want, only ? "strip(annotate -o x) and the code lines" : "round trip", round);
                if (only)
                    free(want.p);
                free(back.p);
            } else {
                ck_assert(test_utf8_valid(o.p, o.n));
            }
            free(o.p);
        }
        free(in.p);
    }
}
END_TEST

static Suite *annotate_suite(void)
{
    Suite *s = suite_create("annotate");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fragment_shape);
    tcase_add_test(tc, test_fragment_every_size);
    tcase_add_test(tc, test_find_positive);
    tcase_add_test(tc, test_find_negative);
    tcase_add_test(tc, test_find_keywords_everywhere);
    tcase_add_test(tc, test_find_every_code);
    tcase_add_test(tc, test_find_every_name_form);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_round_trip_big_line);
    tcase_add_test(tc, test_empty_and_tiny);
    tcase_add_test(tc, test_modes_shape);
    tcase_add_test(tc, test_only_matching_long_line);
    tcase_add_test(tc, test_json_round_trip);
    tcase_add_test(tc, test_json_fields);
    tcase_add_test(tc, test_counts);
    tcase_add_test(tc, test_set_line);
    tcase_add_test(tc, test_strip_exact);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_random_round_trip);
    tcase_add_test(tc, test_random_strip_properties);
    tcase_add_test(tc, test_filter_same_as_plain);
    tcase_add_test(tc, test_spans_same_output);
    tcase_add_test(tc, test_spans_errors);
    suite_add_tcase(s, tc);
    return s;
}

const struct check_program check_program = { annotate_suite, NULL, NULL };
