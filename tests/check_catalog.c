/* check_catalog.c - the code table, catalogs and lookups of libnxmsg. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nxmsg.h"
#include "core.h"
#include "checkmain.h"
#include "testutil.h"

/* ---- reference data: the seed's tables and the NetX Duo code list ------- */

struct seed_row {
    char name[64];
    unsigned value;
    char *ja;
};

static struct seed_row seed[200];
static size_t n_seed;

static char *trim(char *s)
{
    char *e;
    while (*s == ' ')
        s++;
    e = s + strlen(s);
    while (e > s && e[-1] == ' ')
        *--e = '\0';
    return s;
}

/* Parse the Markdown tables of the seed: "| NAME | 0xVAL | text |" rows.
 * A row seen twice (the TLS table appears twice) must be identical. */
static void load_seed(void)
{
    char path[4096], *text, *line, *save = NULL;

    if (n_seed)
        return;
    text = test_slurp(test_srcpath("tests/data/seed-ja.md", path, sizeof path), NULL);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *cells[4], *p = line;
        int n = 0;
        size_t i;
        if (strncmp(line, "| NX_", 5) != 0)
            continue;
        p++;
        while (n < 4 && p) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            cells[n++] = trim(p);
            p = bar ? bar + 1 : NULL;
        }
        ck_assert_int_ge(n, 3);
        for (i = 0; i < n_seed; i++)
            if (strcmp(seed[i].name, cells[0]) == 0)
                break;
        if (i < n_seed) {
            ck_assert_str_eq(seed[i].ja, cells[2]);
            continue;
        }
        ck_assert_uint_lt(n_seed, sizeof seed / sizeof seed[0]);
        ck_assert_uint_lt(strlen(cells[0]), sizeof seed[0].name);
        strcpy(seed[n_seed].name, cells[0]);
        seed[n_seed].value = (unsigned)strtoul(cells[1], NULL, 16);
        seed[n_seed].ja = strdup(cells[2]);
        n_seed++;
    }
    free(text);
}

START_TEST(test_seed_parsed)
{
    load_seed();
    ck_assert_uint_eq(n_seed, 116);
}
END_TEST

/* Every Japanese text of the seed, byte for byte. */
START_TEST(test_seed_japanese_exact)
{
    load_seed();
    for (size_t i = 0; i < n_seed; i++) {
        const nxmsg_entry *e = NULL;
        ck_assert_int_eq(nxmsg_find_name(seed[i].name, &e), NXMSG_OK);
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(nxmsg_entry_name(e), seed[i].name);
        ck_assert_uint_eq(nxmsg_entry_value(e), seed[i].value);
        ck_assert_msg(strcmp(nxmsg_entry_text(e, "ja"), seed[i].ja) == 0,
                      "%s: got \"%s\", want \"%s\"", seed[i].name, nxmsg_entry_text(e, "ja"), seed[i].ja);
        /* locale-style names resolve to the same catalog */
        ck_assert_str_eq(nxmsg_entry_text(e, "ja_JP.UTF-8"), seed[i].ja);
        ck_assert_str_eq(nxmsg_entry_text(e, "ja-JP"), seed[i].ja);
        if (seed[i].value != 0)
            ck_assert_str_eq(nxmsg_describe(seed[i].value, "ja"), seed[i].ja);
    }
}
END_TEST

/* The domain a list's header column gives (the file that defines the name). */
static nxmsg_domain header_domain(const char *header)
{
    if (strstr(header, "nx_secure_x509"))
        return NXMSG_DOMAIN_X509;
    if (strstr(header, "nx_secure_tls"))
        return NXMSG_DOMAIN_TLS;
    if (strstr(header, "nx_api.h"))
        return NXMSG_DOMAIN_CORE;
    if (strstr(header, "nx_crypto_const.h"))
        return NXMSG_DOMAIN_CRYPTO;
    return NXMSG_DOMAIN_NONE;
}

/* The name without its family prefix, as a user may type it. */
static const char *short_name(const char *name)
{
    static const char *const prefixes[] = { "NX_SECURE_TLS_", "NX_SECURE_X509_", "NX_CRYPTO_",
                                            "NX_CRYTPO_", "NX_" };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return name + strlen(prefixes[i]);
    return name;
}

/* One row of a list: name <-> value <-> domain round-trip. */
static void check_listed_code(const char *name, unsigned value, nxmsg_domain dom)
{
    const nxmsg_entry *e, *all[8];
    unsigned got;
    size_t n, k;

    e = nxmsg_find_in(dom, value);
    ck_assert_msg(e != NULL, "%s (0x%X) missing", name, value);
    ck_assert_str_eq(nxmsg_entry_name(e), name);
    ck_assert_uint_eq(nxmsg_entry_value(e), value);
    ck_assert_int_eq(nxmsg_entry_domain(e), dom);
    ck_assert_int_eq(nxmsg_code_from_name(name, &got), NXMSG_OK);
    ck_assert_uint_eq(got, value);
    n = nxmsg_find_all(value, all, 8);
    for (k = 0; k < n && all[k] != e; k++)
        ;
    ck_assert_msg(k < n, "nxmsg_find_all(0x%X) lacks %s", value, name);
    /* found without its prefix too (alone, or among the codes sharing it) */
    n = nxmsg_find_names(short_name(name), all, 8);
    for (k = 0; k < n && all[k] != e; k++)
        ;
    ck_assert_msg(k < n, "'%s' does not find %s", short_name(name), name);
    if (value != 0) {
        ck_assert_uint_eq(nxmsg_find_all(value, NULL, 0), 1);
        ck_assert_ptr_eq(nxmsg_find(value), e);
        ck_assert_str_eq(nxmsg_name(value), name);
        ck_assert_int_eq(nxmsg_find_name(name, NULL), NXMSG_OK);
        ck_assert_int_eq(nxmsg_domain_of(value), dom);
    }
    /* every code has a Japanese text different from its English one */
    ck_assert_str_ne(nxmsg_entry_text(e, "ja"), nxmsg_entry_text(e, "en"));
}

/* The NetX Duo 6.4.2 lists: 128 NetX Secure, 65 NetX TCP/IP and 17 NetX
 * Crypto codes; names and values round-trip. */
START_TEST(test_code_list_round_trip)
{
    static const struct { const char *file; size_t rows; } lists[] = {
        { "tests/data/netxduo-6.4.2-secure-codes.tsv", 128 },
        { "tests/data/netxduo-6.4.2-core-codes.tsv", 65 },
        { "tests/data/netxduo-6.4.2-crypto-codes.tsv", 17 },
    };
    size_t total = 0;

    for (size_t f = 0; f < sizeof lists / sizeof lists[0]; f++) {
        char path[4096], *text, *line, *save = NULL;
        size_t n = 0;
        text = test_slurp(test_srcpath(lists[f].file, path, sizeof path), NULL);
        ck_assert_ptr_nonnull(text);
        for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char name[80], header[200];
            unsigned value;
            if (strncmp(line, "name\t", 5) == 0)
                continue;
            ck_assert_int_eq(sscanf(line, "%79[^\t]\t%x\t%199s", name, &value, header), 3);
            ck_assert_int_ne(header_domain(header), NXMSG_DOMAIN_NONE);
            check_listed_code(name, value, header_domain(header));
            n++;
        }
        free(text);
        ck_assert_uint_eq(n, lists[f].rows);
        total += n;
    }
    ck_assert_uint_eq(total, 210);
    ck_assert_uint_eq(nxmsg_count(), 210);
}
END_TEST

START_TEST(test_iteration)
{
    const nxmsg_entry *e, *prev = NULL;
    /* entry order: TLS, X.509, NetX TCP/IP, NetX Crypto, each by value */
    static const nxmsg_domain order[] = { NXMSG_DOMAIN_TLS, NXMSG_DOMAIN_X509, NXMSG_DOMAIN_CORE,
                                          NXMSG_DOMAIN_CRYPTO };
    static const size_t want[] = { 85, 43, 65, 17 };
    size_t count[4] = { 0 }, d = 0, i;

    for (i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        while (d < 4 && nxmsg_entry_domain(e) != order[d])
            d++;
        ck_assert_msg(d < 4, "entry %zu is out of domain order", i);
        count[d]++;
        if (prev && nxmsg_entry_domain(prev) == nxmsg_entry_domain(e))
            ck_assert_uint_gt(nxmsg_entry_value(e), nxmsg_entry_value(prev));
        prev = e;
    }
    ck_assert_uint_eq(i, nxmsg_count());
    for (d = 0; d < 4; d++)
        ck_assert_uint_eq(count[d], want[d]);
    ck_assert_ptr_null(nxmsg_entry_at(210));
    ck_assert_ptr_null(nxmsg_entry_at((size_t)-1));
}
END_TEST

/* msgctxt = name, msgid = English: the stable message ID. */
START_TEST(test_msgid)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *ctxt, *id;

    nxmsg_entry_msgid(e, &ctxt, &id);
    ck_assert_str_eq(ctxt, "NX_SECURE_TLS_INVALID_SERVER_CERT");
    ck_assert_str_eq(id, "The received server certificate was not parsed correctly.");
    ck_assert_str_eq(nxmsg_entry_text(e, "en"), id);
    nxmsg_entry_msgid(NULL, &ctxt, &id);
    ck_assert_ptr_null(ctxt);
    ck_assert_ptr_null(id);
}
END_TEST

START_TEST(test_success_shared)
{
    const nxmsg_entry *all[4];
    unsigned v = 99;
    load_seed();

    ck_assert_str_eq(nxmsg_name(0), "NX_SECURE_TLS_SUCCESS");
    ck_assert_str_eq(nxmsg_entry_name(nxmsg_find_in(NXMSG_DOMAIN_X509, 0)), "NX_SECURE_X509_SUCCESS");
    ck_assert_str_eq(nxmsg_describe(0, "ja"), "関数が正常に返されました （NX_SUCCESS と同じ）。");
    ck_assert_str_eq(nxmsg_entry_text(nxmsg_find_in(NXMSG_DOMAIN_X509, 0), "ja"),
                     "正常なリターン状態 （NX_SUCCESS と同じです）。");
    ck_assert_int_eq(nxmsg_find_name("success", NULL), NXMSG_EAMBIGUOUS);
    /* the four success names of nx_secure_tls.h, nx_secure_x509.h, nx_api.h
     * and nx_crypto_const.h, in entry order */
    ck_assert_uint_eq(nxmsg_find_names("success", all, 4), 4);
    ck_assert_str_eq(nxmsg_entry_name(all[0]), "NX_SECURE_TLS_SUCCESS");
    ck_assert_str_eq(nxmsg_entry_name(all[1]), "NX_SECURE_X509_SUCCESS");
    ck_assert_str_eq(nxmsg_entry_name(all[2]), "NX_SUCCESS");
    ck_assert_str_eq(nxmsg_entry_name(all[3]), "NX_CRYPTO_SUCCESS");
    memset(all, 0, sizeof all);
    ck_assert_uint_eq(nxmsg_find_all(0, all, 4), 4);
    ck_assert_str_eq(nxmsg_entry_name(all[2]), "NX_SUCCESS");
    ck_assert_uint_eq(nxmsg_find_all(0, all, 1), 4); /* the count, not what fit */
    ck_assert_str_eq(nxmsg_entry_name(all[0]), "NX_SECURE_TLS_SUCCESS");
    ck_assert_uint_eq(nxmsg_find_all(0, NULL, 0), 4);
    ck_assert_str_eq(nxmsg_entry_name(nxmsg_find_in(NXMSG_DOMAIN_CORE, 0)), "NX_SUCCESS");
    ck_assert_str_eq(nxmsg_entry_name(nxmsg_find_in(NXMSG_DOMAIN_CRYPTO, 0)), "NX_CRYPTO_SUCCESS");
    ck_assert_int_eq(nxmsg_code_from_name("Success", &v), NXMSG_OK);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(nxmsg_code_from_name("crypto_success", &v), NXMSG_OK);
    ck_assert_int_eq(nxmsg_domain_of(0), NXMSG_DOMAIN_TLS);
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_NONE, 0));
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_NONE, 0x10C));
    /* a value of one domain is not found in another */
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_CORE, 0x10C));
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_TLS, 0x38));
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_CRYPTO, 0x38));
    ck_assert_ptr_null(nxmsg_find_in(NXMSG_DOMAIN_X509, 0x20003));
}
END_TEST

START_TEST(test_name_forms)
{
    static const char *const same[] = {
        "NX_SECURE_TLS_INVALID_SERVER_CERT", "nx_secure_tls_invalid_server_cert",
        "invalid_server_cert", "INVALID-SERVER-CERT", "tls_invalid_server_cert",
        "  secure_tls_invalid_server_cert\t", "Invalid_Server_Cert\n",
    };
    const nxmsg_entry *e, *all[4];
    unsigned v;

    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        ck_assert_int_eq(nxmsg_find_name(same[i], &e), NXMSG_OK);
        ck_assert_uint_eq(nxmsg_entry_value(e), 0x10C);
    }
    /* names without the usual infix or prefix (NetX TCP/IP, NetX Crypto);
     * NetX Duo spells one name NX_CRYTPO_: both spellings find it */
    static const struct { const char *name; unsigned value; } forms[] = {
        { "dtls_session_not_found", 0x124 }, { "pkcs1_invalid_private_key", 0x18A },
        { "session_not_found", 0x124 }, { "x509_invalid_certificate", 0x1A2 },
        { "not_connected", 0x38 }, { "NOT-CONNECTED", 0x38 },
        { "authentication_failed", 0x20003 }, { "crypto_authentication_failed", 0x20003 },
        { "NX_CRYTPO_MISSING_ECC_CURVE", 0x2000F }, { "NX_CRYPTO_MISSING_ECC_CURVE", 0x2000F },
        { "crypto_missing_ecc_curve", 0x2000F }, { "missing_ecc_curve", 0x2000F },
        { "crytpo_missing_ecc_curve", 0x2000F },
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        ck_assert_msg(nxmsg_code_from_name(forms[i].name, &v) == NXMSG_OK, "%s", forms[i].name);
        ck_assert_uint_eq(v, forms[i].value);
    }
    /* a short name two codes share */
    v = 7;
    ck_assert_int_eq(nxmsg_code_from_name("invalid_certificate", &v), NXMSG_EAMBIGUOUS);
    ck_assert_uint_eq(v, 7);
    ck_assert_int_eq(nxmsg_find_name("invalid_certificate", &e), NXMSG_EAMBIGUOUS);
    ck_assert_uint_eq(nxmsg_entry_value(e), 0x112);
    ck_assert_uint_eq(nxmsg_find_names("certificate_not_found", all, 4), 2);
    ck_assert_uint_eq(nxmsg_entry_value(all[0]), 0x119);
    ck_assert_uint_eq(nxmsg_entry_value(all[1]), 0x18E);
    ck_assert_uint_eq(nxmsg_find_names("certificate_not_found", NULL, 0), 2);
    ck_assert_int_eq(nxmsg_find_name("NX_CRYPTO_NOPE", &e), NXMSG_ENOENT);
    /* short names shared across the families list every match */
    ck_assert_int_eq(nxmsg_code_from_name("ptr_error", &v), NXMSG_EAMBIGUOUS);
    ck_assert_uint_eq(nxmsg_find_names("ptr_error", all, 4), 2);
    ck_assert_str_eq(nxmsg_entry_name(all[0]), "NX_PTR_ERROR");
    ck_assert_str_eq(nxmsg_entry_name(all[1]), "NX_CRYPTO_PTR_ERROR");
    ck_assert_uint_eq(nxmsg_find_names("invalid_packet", all, 4), 2);
    ck_assert_str_eq(nxmsg_entry_name(all[0]), "NX_SECURE_TLS_INVALID_PACKET");
    ck_assert_str_eq(nxmsg_entry_name(all[1]), "NX_INVALID_PACKET");
    ck_assert_uint_eq(nxmsg_find_names("not_successful", NULL, 0), 2);
    /* the full name is never ambiguous */
    ck_assert_int_eq(nxmsg_find_name("NX_INVALID_PACKET", &e), NXMSG_OK);
    ck_assert_uint_eq(nxmsg_entry_value(e), 0x12);
    ck_assert_int_eq(nxmsg_find_name("nx_crypto_ptr_error", &e), NXMSG_OK);
    ck_assert_uint_eq(nxmsg_entry_value(e), 0x20007);
}
END_TEST

START_TEST(test_bad_names)
{
    static const char *const bad[] = { "", "   ", "名前", "a b", "0x10C;", "NX SECURE",
                                       "invalid_server_cert\x1b[31m" };
    char longname[300];
    const nxmsg_entry *e = (const nxmsg_entry *)&e;
    unsigned v = 5;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(nxmsg_find_name(bad[i], &e), NXMSG_EINVAL);
        ck_assert_ptr_null(e);
        ck_assert_int_eq(nxmsg_code_from_name(bad[i], &v), NXMSG_EINVAL);
        ck_assert_uint_eq(nxmsg_find_names(bad[i], NULL, 0), 0);
    }
    ck_assert_int_eq(nxmsg_find_name(NULL, &e), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_code_from_name(NULL, NULL), NXMSG_EINVAL);
    memset(longname, 'A', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    ck_assert_int_eq(nxmsg_find_name(longname, &e), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_find_name("NX_SECURE_TLS_NOPE", &e), NXMSG_ENOENT);
    ck_assert_int_eq(nxmsg_find_name("NXMSG_UNKNOWN_TLS", &e), NXMSG_ENOENT);
    ck_assert_int_eq(nxmsg_code_from_name("tls", &v), NXMSG_ENOENT);
    ck_assert_uint_eq(v, 5);
}
END_TEST

START_TEST(test_unknown_codes)
{
    char buf[512];
    size_t n;

    ck_assert_ptr_null(nxmsg_find(0x160));
    ck_assert_ptr_null(nxmsg_name(0x160));
    ck_assert_ptr_null(nxmsg_name(0x100));
    ck_assert_ptr_null(nxmsg_name(0x180));
    ck_assert_ptr_null(nxmsg_name(0x1AB));
    ck_assert_ptr_null(nxmsg_name(0xFFFFFFFFu));
    ck_assert_int_eq(nxmsg_domain_of(0x160), NXMSG_DOMAIN_TLS);
    ck_assert_int_eq(nxmsg_domain_of(0x17F), NXMSG_DOMAIN_TLS);
    ck_assert_int_eq(nxmsg_domain_of(0x1FF), NXMSG_DOMAIN_X509);
    ck_assert_int_eq(nxmsg_domain_of(0x05), NXMSG_DOMAIN_CORE);
    ck_assert_int_eq(nxmsg_domain_of(0xFF), NXMSG_DOMAIN_CORE);
    ck_assert_int_eq(NXMSG_DOMAIN_NETX, NXMSG_DOMAIN_CORE); /* the former name */
    ck_assert_int_eq(nxmsg_domain_of(0x100), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_of(0x180), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_of(0x200), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_of(0x20000), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_of(0x20001), NXMSG_DOMAIN_CRYPTO);
    ck_assert_int_eq(nxmsg_domain_of(0x2FFFF), NXMSG_DOMAIN_CRYPTO);
    ck_assert_int_eq(nxmsg_domain_of(0x30000), NXMSG_DOMAIN_NONE);
    ck_assert_ptr_null(nxmsg_find(0x5A));
    ck_assert_ptr_null(nxmsg_find(0x0B)); /* a gap in nx_api.h's list */
    ck_assert_ptr_null(nxmsg_find(0x20011));
    ck_assert_uint_eq(nxmsg_find_all(0x160, NULL, 0), 0);

    ck_assert_str_eq(nxmsg_describe(0x160, "en"),
                     "Unknown NetX Secure TLS return code 0x160 (TLS values range from 0x101 to 0x17F).");
    ck_assert_str_eq(nxmsg_describe(0x160, "ja"),
                     "不明な NetX Secure TLS のリターン コード 0x160 です （TLS 値の範囲は 0x101 から 0x17F です）。");
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x1FF, "en"), "X.509 return code 0x1FF"));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x1FF, "ja"), "0x1FF"));
    /* each family's unknown values name that family's range */
    ck_assert_str_eq(nxmsg_describe(0x5A, "en"),
                     "Unknown NetX TCP/IP return code 0x5A (NetX TCP/IP values are below 0x100).");
    ck_assert_str_eq(nxmsg_describe(0x0B, "ja"),
                     "不明な NetX TCP/IP のリターン コード 0x0B です （NetX TCP/IP 値は 0x100 未満です）。");
    ck_assert_str_eq(nxmsg_describe(0x20020, "en"),
                     "Unknown NetX Crypto return code 0x20020 (crypto values start at 0x20001).");
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x2FFFF, "ja"), "NetX Crypto のリターン コード 0x2FFFF "));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x2FFFF, "ja"), "0x20001"));
    ck_assert_str_eq(nxmsg_describe(0x100, "en"),
                     "Unknown return code 0x100 (outside the NetX Duo ranges: TCP/IP below 0x100, "
                     "TLS 0x101 to 0x17F, X.509 0x181 to 0x1FF, crypto from 0x20001).");
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0xFFFFFFFFu, "en"), "0xFFFFFFFF"));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x30000, "ja"), "不明なリターン コード 0x30000 "));
    /* known codes of the new families */
    ck_assert_str_eq(nxmsg_describe(0x38, "ja"), nxmsg_entry_text(nxmsg_find_in(NXMSG_DOMAIN_CORE, 0x38), "ja"));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x38, "en"), "TCP connection"));
    /* _r agrees with the thread-buffer variant */
    n = nxmsg_describe_r(0x1FF, "ja", buf, sizeof buf);
    ck_assert_uint_eq(n, strlen(buf));
    ck_assert_str_eq(buf, nxmsg_describe(0x1FF, "ja"));
    /* unknown entry pointer */
    ck_assert_ptr_nonnull(strstr(nxmsg_entry_text(NULL, "en"), "0xFFFFFFFF"));
    ck_assert_ptr_null(nxmsg_entry_name(NULL));
    ck_assert_str_eq(nxmsg_domain_name(NXMSG_DOMAIN_X509), "X.509");
    ck_assert_str_eq(nxmsg_domain_name(NXMSG_DOMAIN_CORE), "NetX TCP/IP");
    ck_assert_str_eq(nxmsg_domain_name(NXMSG_DOMAIN_CRYPTO), "NetX Crypto");
    ck_assert_str_eq(nxmsg_domain_name((nxmsg_domain)42), "unknown");
}
END_TEST

START_TEST(test_domain_keys)
{
    static const char *const keys[] = { "tls", "x509", "core", "crypto" };
    for (size_t i = 0; i < 4; i++) {
        nxmsg_domain d = nxmsg_domain_from_key(keys[i]);
        ck_assert_int_ne(d, NXMSG_DOMAIN_NONE);
        ck_assert_str_eq(nxmsg_domain_key(d), keys[i]);
    }
    ck_assert_int_eq(nxmsg_domain_from_key("x509"), NXMSG_DOMAIN_X509);
    ck_assert_int_eq(nxmsg_domain_from_key("core"), NXMSG_DOMAIN_CORE);
    ck_assert_int_eq(nxmsg_domain_from_key("TLS"), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_from_key(""), NXMSG_DOMAIN_NONE);
    ck_assert_int_eq(nxmsg_domain_from_key(NULL), NXMSG_DOMAIN_NONE);
    ck_assert_ptr_null(nxmsg_domain_key(NXMSG_DOMAIN_NONE));
    ck_assert_ptr_null(nxmsg_domain_key((nxmsg_domain)42));
}
END_TEST

/* _r at every buffer size: right length, NUL inside the buffer, a valid
 * UTF-8 prefix, nothing written past size. */
static void check_r_all_sizes(unsigned code, const char *lang)
{
    char full[2048], buf[2048 + 16];
    size_t len = nxmsg_describe_r(code, lang, full, sizeof full);

    ck_assert_uint_lt(len, sizeof full);
    ck_assert_uint_eq(len, strlen(full));
    ck_assert(test_utf8_valid(full, len));
    ck_assert_uint_eq(nxmsg_describe_r(code, lang, NULL, 0), len);
    for (size_t size = 0; size <= len + 1; size++) {
        const char *why;
        memset(buf, 0xAA, size + 16);
        if (nxmsg_describe_r(code, lang, buf, size) != len)
            ck_abort_msg("0x%X/%s: wrong length with size %zu", code, lang ? lang : "-", size);
        if ((why = test_r_contract(buf, size, full, len)) != NULL)
            ck_abort_msg("0x%X/%s, size %zu: %s", code, lang ? lang : "-", size, why);
    }
}

START_TEST(test_r_every_size)
{
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        if (nxmsg_entry_value(e) == 0)
            continue;
        check_r_all_sizes(nxmsg_entry_value(e), "ja");
        check_r_all_sizes(nxmsg_entry_value(e), "en");
    }
    check_r_all_sizes(0, "ja");
    check_r_all_sizes(0x160, "ja");
    check_r_all_sizes(0x1FF, "ja");
    check_r_all_sizes(0x42, "ja");
    check_r_all_sizes(0x12345, "en");
}
END_TEST

START_TEST(test_copy_r_graphemes)
{
    char buf[16];
    /* e + COMBINING ACUTE: never split */
    ck_assert_uint_eq(nxmsg_copy_r("ae\xcc\x81", buf, 3), 4);
    ck_assert_str_eq(buf, "a");
    ck_assert_uint_eq(nxmsg_copy_r("ae\xcc\x81", buf, 4), 4);
    ck_assert_str_eq(buf, "a");
    ck_assert_uint_eq(nxmsg_copy_r("ae\xcc\x81", buf, 5), 4);
    ck_assert_str_eq(buf, "ae\xcc\x81");
    /* KA + COMBINING VOICED SOUND MARK (decomposed GA) */
    ck_assert_uint_eq(nxmsg_copy_r("\xe3\x81\x8b\xe3\x82\x99", buf, 6), 6);
    ck_assert_str_eq(buf, "");
    /* man ZWJ woman: the joiner never ends a prefix */
    ck_assert_uint_eq(nxmsg_copy_r("x\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", buf, 9), 12);
    ck_assert_str_eq(buf, "x");
    /* heart + VS16 */
    nxmsg_copy_r("\xe2\x9d\xa4\xef\xb8\x8f!", buf, 5);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(nxmsg_copy_r(NULL, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* Whether Japanese is compiled into the library (configure
 * --enable-embedded-catalogs): then no .mo file is read for it, and the
 * tests below that install .mo files check that they are ignored. */
static int ja_compiled_in(void)
{
    const char *tag;
    for (size_t i = 0; (tag = nxmsg_embedded_language(i)) != NULL; i++)
        if (strcmp(tag, "ja") == 0)
            return 1;
    return 0;
}

START_TEST(test_fallback_english)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *en = "The received server certificate was not parsed correctly.";

    ck_assert_str_eq(nxmsg_entry_text(e, "en"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "en_US.UTF-8"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "fr"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "C"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, ""), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "../../../etc/passwd"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "ja/../ja"), en);
    ck_assert_str_eq(nxmsg_entry_text(e, "ja_JP_EXTRA"), en);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
    ck_assert_int_eq(nxmsg_have_catalog("fr"), 0);

    /* no catalog at all */
    ck_assert_int_eq(nxmsg_set_localedir("/nonexistent/nxmsg-locale"), NXMSG_OK);
    if (ja_compiled_in()) {
        ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
        ck_assert_str_eq(nxmsg_entry_text(e, "ja"), "受信サーバー証明書が正しく解析されませんでした。");
    } else {
        ck_assert_int_eq(nxmsg_have_catalog("ja"), 0);
        ck_assert_str_eq(nxmsg_entry_text(e, "ja"), en);
        ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x160, "ja"), "Unknown NetX Secure TLS return code 0x160"));
    }
    ck_assert_int_eq(nxmsg_set_localedir(NULL), NXMSG_OK);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
    ck_assert_str_eq(nxmsg_entry_text(e, "ja"), "受信サーバー証明書が正しく解析されませんでした。");
}
END_TEST

/* NULL language: gettext's rules on the process environment.  A LANGUAGE
 * changed with setenv() is seen after nxmsg_lang_reset() (or setlocale()). */
START_TEST(test_environment_language)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *ja = "受信サーバー証明書が正しく解析されませんでした。";
    const char *en = nxmsg_entry_text(e, "en");

    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
    unsetenv("LANGUAGE");
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en);
    setenv("LANGUAGE", "ja", 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja);
    ck_assert_str_eq(nxmsg_describe(0x10C, NULL), ja);
    setenv("LANGUAGE", "fr:ja_JP", 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja);
    setenv("LANGUAGE", "en:ja", 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en);
    setenv("LANGUAGE", "::", 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en);
    /* LANGUAGE is ignored in the C locale */
    setenv("LANGUAGE", "ja", 1);
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en);
    unsetenv("LANGUAGE");
    setlocale(LC_ALL, "C.UTF-8");
    nxmsg_lang_reset();
}
END_TEST

/* When a changed environment is seen: the locale's name changing, a reset,
 * a new catalog directory; never a setenv() alone. */
START_TEST(test_environment_rules)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *ja = "受信サーバー証明書が正しく解析されませんでした。";
    const char *en = nxmsg_entry_text(e, "en");
    const nxmsg_lang *l;

    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
    setenv("LANGUAGE", "ja", 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja);
    l = nxmsg_lang_open(NULL);
    ck_assert_str_eq(nxmsg_lang_tag(l), "ja");
    setenv("LANGUAGE", "en", 1);
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja); /* not seen yet */
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en); /* locale changed */
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en); /* LANGUAGE=en now */
    setenv("LANGUAGE", "ja", 1);
    ck_assert_int_eq(nxmsg_set_localedir(NULL), NXMSG_OK);
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja); /* new directory */
    /* a handle keeps its language */
    ck_assert_str_eq(nxmsg_lang_describe(l, 0x10C), ja);
    unsetenv("LANGUAGE");
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), en);
    ck_assert_str_eq(nxmsg_lang_text(l, e), ja);
}
END_TEST

/* The pre-resolved language API gives what the per-call API gives. */
START_TEST(test_lang_handles)
{
    static const char *const langs[] = { "ja", "en", "ja_JP.UTF-8", "fr", "C", "" };
    const nxmsg_entry *e;
    char buf[1200];

    for (size_t k = 0; k < sizeof langs / sizeof langs[0]; k++) {
        const nxmsg_lang *l = nxmsg_lang_open(langs[k]);
        ck_assert_ptr_nonnull(l);
        ck_assert_ptr_eq(l, nxmsg_lang_open(langs[k]));
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
            ck_assert_str_eq(nxmsg_lang_text(l, e), nxmsg_entry_text(e, langs[k]));
            if (nxmsg_entry_value(e) != 0)
                ck_assert_str_eq(nxmsg_lang_describe(l, nxmsg_entry_value(e)),
                                 nxmsg_describe(nxmsg_entry_value(e), langs[k]));
        }
        for (unsigned code = 0x150; code < 0x200; code += 7) {
            ck_assert_str_eq(nxmsg_lang_describe(l, code), nxmsg_describe(code, langs[k]));
            ck_assert_uint_eq(nxmsg_lang_describe_r(l, code, buf, sizeof buf),
                              strlen(nxmsg_describe(code, langs[k])));
            ck_assert_str_eq(buf, nxmsg_describe(code, langs[k]));
        }
        ck_assert_ptr_null(nxmsg_lang_text(l, NULL));
        /* the array by value: a known code's text, NULL for the others */
        for (unsigned code = 0; code < NXMSG_LANG_DIRECT_CODES; code++) {
            const char *s = nxmsg_lang_by_code(l)[code];
            if (nxmsg_find(code))
                ck_assert_str_eq(s, nxmsg_describe(code, langs[k]));
            else
                ck_assert_ptr_null(s);
        }
    }
    ck_assert_ptr_eq(nxmsg_lang_by_code(nxmsg_lang_open("ja"))[0x10C],
                     nxmsg_lang_describe(nxmsg_lang_open("ja"), 0x10C));
    ck_assert_ptr_null(nxmsg_lang_by_code(nxmsg_lang_open("ja"))[0xFE]); /* no such code */
    ck_assert_str_eq(nxmsg_lang_tag(nxmsg_lang_open("ja-JP")), "ja");
    ck_assert_str_eq(nxmsg_lang_tag(nxmsg_lang_open("xx")), "en");
    /* the unknown-code text: hex by hand, upper case, at least two digits */
    ck_assert_ptr_null(nxmsg_find(0xFE));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0xFE, "en"), "0xFE "));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0xABCDEF12u, "en"), "0xABCDEF12 "));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0xFFFFFFFFu, "en"), "0xFFFFFFFF "));
    ck_assert_ptr_null(nxmsg_find(0x2FFFF));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x2FFFF, "en"), "0x2FFFF "));
    ck_assert_ptr_null(nxmsg_find(0x30000));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x30000, "en"), "0x30000 "));
    ck_assert_uint_eq(nxmsg_entry_value(NULL), NXMSG_NO_CODE);
    ck_assert_ptr_null(nxmsg_find(NXMSG_NO_CODE));
}
END_TEST

/* ---- corrupt catalogs ------------------------------------------------------ */

static char tmpdir[256];

static void make_catalog(const char *bytes, size_t len)
{
    char path[512];
    FILE *f;

    snprintf(tmpdir, sizeof tmpdir, "/tmp/nxmsg-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(path, sizeof path, "%s/ja", tmpdir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/ja/LC_MESSAGES", tmpdir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/ja/LC_MESSAGES/nxmsg.mo", tmpdir);
    if (bytes) {
        f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
        fclose(f);
    } else {
        ck_assert_int_eq(mkdir(path, 0700), 0); /* a directory, not a file */
    }
    nxmsg_set_localedir(tmpdir);
}

static void remove_catalog(void)
{
    char cmd[600];
    nxmsg_set_localedir(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *real_mo(size_t *len)
{
    char path[4096];
    const char *dir = getenv("NXMSG_LOCALEDIR");
    char *data;
    snprintf(path, sizeof path, "%s/ja/LC_MESSAGES/nxmsg.mo", dir ? dir : "share/locale");
    data = test_slurp(path, len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    return data;
}

/* Every text is the English one, or the catalog's if `partial`. */
static void check_all_english(void)
{
    const nxmsg_entry *e;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        ck_assert_str_eq(nxmsg_entry_text(e, "ja"), nxmsg_entry_text(e, "en"));
    ck_assert(test_utf8_valid(nxmsg_describe(0x160, "ja"), strlen(nxmsg_describe(0x160, "ja"))));
}

/* A compiled-in language ignores whatever .mo file is installed for it. */
static void check_installed_catalog_ignored(void)
{
    const char *before[210];
    char garbage[4096];

    ck_assert_uint_eq(nxmsg_count(), sizeof before / sizeof before[0]);
    for (size_t k = 0; k < nxmsg_count(); k++)
        before[k] = nxmsg_entry_text(nxmsg_entry_at(k), "ja");
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)(i * 7919 % 251);
    make_catalog(garbage, sizeof garbage);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
    for (size_t k = 0; k < nxmsg_count(); k++)
        ck_assert_ptr_eq(nxmsg_entry_text(nxmsg_entry_at(k), "ja"), before[k]);
    ck_assert_str_eq(nxmsg_describe(0x10C, "ja"), "受信サーバー証明書が正しく解析されませんでした。");
    remove_catalog();
}

START_TEST(test_corrupt_catalogs)
{
    size_t len, i;
    char *mo;
    char garbage[4096];

    if (ja_compiled_in()) {
        check_installed_catalog_ignored();
        return;
    }
    mo = real_mo(&len);

    /* truncated at many lengths */
    for (i = 0; i < len; i += len / 37 + 1) {
        make_catalog(mo, i);
        if (i < len / 2)
            check_all_english();
        else
            for (size_t k = 0; k < nxmsg_count(); k++)
                ck_assert(test_utf8_valid(nxmsg_entry_text(nxmsg_entry_at(k), "ja"), strlen(nxmsg_entry_text(nxmsg_entry_at(k), "ja"))));
        remove_catalog();
    }
    /* garbage, empty file, a directory */
    for (i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)(i * 7919 % 251);
    make_catalog(garbage, sizeof garbage);
    check_all_english();
    remove_catalog();
    memcpy(garbage, mo, 28); /* a real header, then garbage offsets */
    make_catalog(garbage, sizeof garbage);
    check_all_english();
    remove_catalog();
    make_catalog("", 0);
    check_all_english();
    remove_catalog();
    make_catalog(NULL, 0);
    check_all_english();
    remove_catalog();
    free(mo);
}
END_TEST

/* A bad translation falls back to English alone; the rest stays Japanese. */
START_TEST(test_bad_message_in_catalog)
{
    size_t len;
    char *mo, *p;
    const char *ja10c = "受信サーバー証明書が正しく解析されませんでした。";
    const char *tpl = "不明な NetX Secure TLS のリターン コード %s";

    if (ja_compiled_in())
        return; /* no .mo file is read for ja: see test_corrupt_catalogs */
    mo = real_mo(&len);

    p = memmem(mo, len, ja10c, strlen(ja10c));
    ck_assert_ptr_nonnull(p);
    p[3] = '\x1b'; /* ESC inside the text: not clean UTF-8 */
    p = memmem(mo, len, tpl, strlen(tpl));
    ck_assert_ptr_nonnull(p);
    p[strlen(tpl) - 1] = 'n'; /* %s -> %n */
    make_catalog(mo, len);
    ck_assert_str_eq(nxmsg_describe(0x10C, "ja"), nxmsg_describe(0x10C, "en"));
    ck_assert_str_eq(nxmsg_describe(0x10B, "ja"), "受信 ChangeCipherSpec メッセージが正しくありませんでした。");
    ck_assert_str_eq(nxmsg_describe(0x160, "ja"), nxmsg_describe(0x160, "en"));
    ck_assert_ptr_nonnull(strstr(nxmsg_describe(0x1FF, "ja"), "不明な"));
    remove_catalog();
    free(mo);
}
END_TEST

/* ---- threads --------------------------------------------------------------- */

#define N_THREADS 8
static const char *const thread_langs[] = { "ja", "en", NULL, "ja_JP.UTF-8", "fr", "ja-JP", "en_GB", "ja" };

static void *lookup_thread(void *arg)
{
    const char *lang = thread_langs[(size_t)arg % N_THREADS];
    int japanese = lang && lang[0] == 'j';
    long bad = 0;

    for (int round = 0; round < 200; round++) {
        const nxmsg_entry *e;
        char buf[64];
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
            const char *t = nxmsg_entry_text(e, lang);
            const char *en = nxmsg_entry_text(e, "en");
            if ((strcmp(t, en) != 0) != japanese)
                bad++;
            if (nxmsg_describe_r(nxmsg_entry_value(e), lang, buf, sizeof buf) != strlen(t) && nxmsg_entry_value(e))
                bad++;
        }
        if (strstr(nxmsg_describe(0x160 + (unsigned)round % 16, lang), "0x16") == NULL)
            bad++;
    }
    return (void *)bad;
}

START_TEST(test_threads)
{
    pthread_t t[N_THREADS];

    setlocale(LC_ALL, "C.UTF-8");
    unsetenv("LANGUAGE");
    nxmsg_set_localedir(NULL); /* all threads race to load the catalogs */
    for (size_t i = 0; i < N_THREADS; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, lookup_thread, (void *)i), 0);
    for (size_t i = 0; i < N_THREADS; i++) {
        void *bad;
        ck_assert_int_eq(pthread_join(t[i], &bad), 0);
        ck_assert_msg(bad == NULL, "thread %zu saw %ld wrong results", i, (long)bad);
    }
}
END_TEST

START_TEST(test_version)
{
    ck_assert_str_eq(nxmsg_version(), NXMSG_VERSION_STRING);
    ck_assert_str_eq(nxmsg_version(), PACKAGE_VERSION);
}
END_TEST

START_TEST(test_localedir_too_long)
{
    char *dir = malloc(5000);
    memset(dir, 'a', 4999);
    dir[4999] = '\0';
    ck_assert_int_eq(nxmsg_set_localedir(dir), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
    free(dir);
}
END_TEST

/* The one hex formatter of the outputs writes what printf's "0x%02X" writes. */
START_TEST(test_format_hex)
{
    static const uint32_t edges[] = { 0, 1, 0xF, 0x10, 0xFF, 0x100, 0x10C, 0xFFF, 0x1000, 0xFFFFF,
                                      0x100000, 0xFFFFFFF, 0x10000000, 0x80000000, 0xFFFFFFFF };
    char want[16], got[NXMSG__HEX_MAX];

    for (uint32_t v = 0; v < 0x20000; v++) {
        size_t n = (size_t)snprintf(want, sizeof want, "0x%02X", (unsigned)v);
        ck_assert_uint_eq(nxmsg__format_hex(v, got), n);
        ck_assert_str_eq(got, want);
    }
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        size_t n = (size_t)snprintf(want, sizeof want, "0x%02X", (unsigned)edges[i]);
        ck_assert_uint_eq(nxmsg__format_hex(edges[i], got), n);
        ck_assert_str_eq(got, want);
    }
}
END_TEST

START_TEST(test_parse_code)
{
    static const struct { const char *in; int r; unsigned v; } cases[] = {
        { "0x10C", NXMSG_OK, 0x10C }, { "0X010c", NXMSG_OK, 0x10C }, { "268", NXMSG_OK, 0x10C },
        { " 268\n", NXMSG_OK, 0x10C }, { "0", NXMSG_OK, 0 }, { "0x160", NXMSG_OK, 0x160 },
        { "4294967295", NXMSG_OK, 0xFFFFFFFFu }, { "0xFFFFFFFF", NXMSG_OK, 0xFFFFFFFFu },
        { "invalid_server_cert", NXMSG_OK, 0x10C }, { "success", NXMSG_OK, 0 },
        { "4294967296", NXMSG_EINVAL, 0 }, { "0x100000000", NXMSG_EINVAL, 0 },
        { "0x", NXMSG_EINVAL, 0 }, { "12abc", NXMSG_EINVAL, 0 }, { "0xZZ", NXMSG_EINVAL, 0 },
        { "-5", NXMSG_EINVAL, 0 }, { "+5", NXMSG_EINVAL, 0 }, { "", NXMSG_EINVAL, 0 },
        { "1 2", NXMSG_EINVAL, 0 }, { "0x10C\x1b", NXMSG_EINVAL, 0 }, { "２６８", NXMSG_EINVAL, 0 },
        { "invalid_certificate", NXMSG_EAMBIGUOUS, 0 }, { "no_such_code", NXMSG_ENOENT, 0 },
        { "99999999999999999999999", NXMSG_EINVAL, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned v = 12345;
        int r = nxmsg_parse_code(cases[i].in, &v);
        ck_assert_msg(r == cases[i].r, "'%s': %d, want %d", cases[i].in, r, cases[i].r);
        ck_assert_uint_eq(v, r == NXMSG_OK ? cases[i].v : 12345);
    }
    ck_assert_int_eq(nxmsg_parse_code(NULL, NULL), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_parse_code("0x10C", NULL), NXMSG_OK);
}
END_TEST

/* ---- hostile catalog directories and environments ------------------------ */

static char hostdir[256];

/* <hostdir>/<tag>/LC_MESSAGES/, made on the way. */
static void lc_messages(const char *tag, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", hostdir, tag);
    mkdir(path, 0755);
    snprintf(path, size, "%s/%s/LC_MESSAGES", hostdir, tag);
    mkdir(path, 0755);
    snprintf(path, size, "%s/%s/LC_MESSAGES/nxmsg.mo", hostdir, tag);
}

/* A copy of the build tree's Japanese catalog installed as <tag> (read from
 * NXMSG_BUILDDIR: NXMSG_LOCALEDIR may name an empty directory). */
static void put_ja_as(const char *tag)
{
    char path[600];
    const char *build = getenv("NXMSG_BUILDDIR");
    size_t len;
    char *mo;
    FILE *f;

    snprintf(path, sizeof path, "%s/share/locale/ja/LC_MESSAGES/nxmsg.mo", build ? build : ".");
    mo = test_slurp(path, &len);
    ck_assert_msg(mo != NULL, "cannot read %s", path);

    lc_messages(tag, path, sizeof path);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(mo, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(mo);
}

static void host_setup(void)
{
    snprintf(hostdir, sizeof hostdir, "/tmp/nxmsg-host-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(hostdir));
}

static void host_teardown(void)
{
    char cmd[600];
    nxmsg_set_localedir(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", hostdir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char ja_10c[] = "受信サーバー証明書が正しく解析されませんでした。";

/* A FIFO as a catalog is refused at once (opening it used to block for good,
 * and with the load lock held). */
START_TEST(test_fifo_catalog)
{
    char path[600];
    const nxmsg_entry *e = nxmsg_find(0x10C);

    lc_messages("kkk", path, sizeof path);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    put_ja_as("kkj");
    ck_assert_int_eq(nxmsg_set_localedir(hostdir), NXMSG_OK);
    ck_assert_str_eq(nxmsg_entry_text(e, "kkk"), nxmsg_entry_text(e, "en"));
    ck_assert_int_eq(nxmsg_have_catalog("kkk"), 0);
    ck_assert_str_eq(nxmsg_entry_text(e, "kkj"), ja_10c);
}
END_TEST

/* Tags without a catalog take no language slot: after a hundred of them a
 * real language still loads, per call and through LANGUAGE. */
START_TEST(test_bogus_tags_do_not_exhaust)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    char tag[4] = "qqq", list[600] = "";

    put_ja_as("kkk");
    put_ja_as("kkj");
    ck_assert_int_eq(nxmsg_set_localedir(hostdir), NXMSG_OK);
    for (int i = 0; i < 100; i++) {
        tag[1] = (char)('a' + i / 26 % 26);
        tag[2] = (char)('a' + i % 26);
        ck_assert_str_eq(nxmsg_entry_text(e, tag), nxmsg_entry_text(e, "en"));
        if (i < 40) {
            strcat(list, tag);
            strcat(list, ":");
        }
    }
    ck_assert_str_eq(nxmsg_entry_text(e, "kkk"), ja_10c);
    strcat(list, "kkj");
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
    setenv("LANGUAGE", list, 1);
    nxmsg_lang_reset();
    ck_assert_str_eq(nxmsg_entry_text(e, NULL), ja_10c);
    unsetenv("LANGUAGE");
    nxmsg_lang_reset();
}
END_TEST

/* Heap bytes in use (glibc). */
static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* 16,000 changes of the catalog directory, each followed by a lookup that
 * loads the catalog again, keep memory bounded (each retired catalog used
 * to be kept: 500 MB); what was handed out earlier stays valid. */
START_TEST(test_set_localedir_bounded)
{
    const nxmsg_entry *e = nxmsg_find(0x10C);
    const char *before;
    const nxmsg_lang *l;
    size_t start;

    put_ja_as("kkk");
    ck_assert_int_eq(nxmsg_set_localedir(hostdir), NXMSG_OK);
    before = nxmsg_entry_text(e, "kkk");
    l = nxmsg_lang_open("kkk");
    ck_assert_str_eq(before, ja_10c);
    start = heap_in_use();
    for (int i = 0; i < 16000; i++) {
        ck_assert_int_eq(nxmsg_set_localedir(i % 2 ? hostdir : NULL), NXMSG_OK);
        ck_assert_int_eq(nxmsg_have_catalog("kkk"), i % 2);
    }
    ck_assert_msg(heap_in_use() < start + (1u << 20), "heap grew by %zu bytes",
                  heap_in_use() - start);
    ck_assert_str_eq(before, ja_10c);
    ck_assert_str_eq(nxmsg_lang_text(l, e), ja_10c);
}
END_TEST

static Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_seed_parsed);
    tcase_add_test(tc, test_seed_japanese_exact);
    tcase_add_test(tc, test_code_list_round_trip);
    tcase_add_test(tc, test_iteration);
    tcase_add_test(tc, test_msgid);
    tcase_add_test(tc, test_success_shared);
    tcase_add_test(tc, test_name_forms);
    tcase_add_test(tc, test_bad_names);
    tcase_add_test(tc, test_unknown_codes);
    tcase_add_test(tc, test_domain_keys);
    tcase_add_test(tc, test_r_every_size);
    tcase_add_test(tc, test_copy_r_graphemes);
    tcase_add_test(tc, test_fallback_english);
    tcase_add_test(tc, test_environment_language);
    tcase_add_test(tc, test_environment_rules);
    tcase_add_test(tc, test_lang_handles);
    tcase_add_test(tc, test_corrupt_catalogs);
    tcase_add_test(tc, test_bad_message_in_catalog);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_parse_code);
    tcase_add_test(tc, test_format_hex);
    tcase_add_test(tc, test_localedir_too_long);
    suite_add_tcase(s, tc);

    tc = tcase_create("hostile");
    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, host_setup, host_teardown);
    tcase_add_test(tc, test_fifo_catalog);
    tcase_add_test(tc, test_bogus_tags_do_not_exhaust);
    suite_add_tcase(s, tc);

    /* loads a catalog 8,000 times: left out of the valgrind run */
    tc = tcase_create("memory");
    tcase_set_tags(tc, "heavy");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, host_setup, host_teardown);
    tcase_add_test(tc, test_set_localedir_bounded);
    suite_add_tcase(s, tc);
    return s;
}

static void free_seed(void)
{
    for (size_t i = 0; i < n_seed; i++)
        free(seed[i].ja);
}

const struct check_program check_program = { catalog_suite, "C.UTF-8", free_seed };
