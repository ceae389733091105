/* check_embedded.c - the tables po/po2c.awk compiles from the .po files against the
 * .mo path, byte for byte, in every build.
 *
 * This program carries its own copy of the generated tables with every
 * language (lib/core/tables.c, its symbols renamed test__*).  Each language's compiled .mo file (share/locale) is
 * installed a second time under a private-use tag (qaa, qab, ...) that is
 * never compiled in, so the library reads it through lib/l10n.c's .mo
 * reader even in an embedded build; every text of every language must be
 * the same both ways, and the same as what the library serves for the
 * language's own tag. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "checkmain.h"
#include "testutil.h"

static char tmpdir[256];
static size_t n_langs;

/* Table language k (row k + 1; row 0 is English). */
static const char *table_tag(size_t k)
{
    return k + 1 < nxmsg__n_text_tables ? nxmsg__text_tables[k + 1].tag : NULL;
}

static const char *table_text(size_t k, size_t msg)
{
    return nxmsg__table_text(&nxmsg__text_tables[k + 1], msg);
}

/* The private-use tag standing for table language k. */
static const char *alias(size_t k, char buf[4])
{
    buf[0] = 'q';
    buf[1] = 'a';
    buf[2] = (char)('a' + k);
    buf[3] = '\0';
    return buf;
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = test_slurp(from, &len);
    FILE *f;

    ck_assert_msg(data != NULL, "cannot read %s", from);
    f = fopen(to, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(data);
}

/* A locale directory holding each table language's .mo under its own tag
 * and under its alias. */
static void setup(void)
{
    const char *src = getenv("NXMSG_LOCALEDIR");
    char from[4200], to[600], tag[4];

    ck_assert_msg(src != NULL, "NXMSG_LOCALEDIR is not set");
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nxmsg-embed-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    for (n_langs = 0; table_tag(n_langs); n_langs++) {
        const char *tags[2] = { table_tag(n_langs), alias(n_langs, tag) };
        ck_assert_uint_lt(n_langs, 26);
        snprintf(from, sizeof from, "%s/%s/LC_MESSAGES/nxmsg.mo", src, tags[0]);
        for (int t = 0; t < 2; t++) {
            snprintf(to, sizeof to, "%s/%s", tmpdir, tags[t]);
            ck_assert_int_eq(mkdir(to, 0700), 0);
            snprintf(to, sizeof to, "%s/%s/LC_MESSAGES", tmpdir, tags[t]);
            ck_assert_int_eq(mkdir(to, 0700), 0);
            snprintf(to, sizeof to, "%s/%s/LC_MESSAGES/nxmsg.mo", tmpdir, tags[t]);
            copy_file(from, to);
        }
    }
    ck_assert_int_eq(nxmsg_set_localedir(tmpdir), NXMSG_OK);
}

static void teardown(void)
{
    char cmd[600];
    nxmsg_set_localedir(NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* The tables hold the languages of po/LINGUAS, Japanese among them. */
START_TEST(test_languages)
{
    int ja = 0;
    for (size_t k = 0; k < n_langs; k++)
        ja |= strcmp(table_tag(k), "ja") == 0;
    ck_assert_msg(ja, "no ja table generated");
}
END_TEST

/* Every code's text: table == .mo path == what the library serves. */
START_TEST(test_code_texts_match_mo)
{
    char tag[4];
    for (size_t k = 0; k < n_langs; k++) {
        const nxmsg_entry *e;
        size_t translated = 0;

        alias(k, tag);
        ck_assert_int_eq(nxmsg_have_catalog(tag), 1);
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
            const char *mo = nxmsg_entry_text(e, tag);
            const char *en;
            nxmsg_entry_msgid(e, NULL, &en);
            const char *t = table_text(k, i);
            ck_assert_ptr_nonnull(t);
            ck_assert_msg(strcmp(t, mo) == 0, "%s/%s: table \"%s\", .mo \"%s\"",
                          table_tag(k), nxmsg_entry_name(e), t, mo);
            ck_assert_str_eq(nxmsg_entry_text(e, table_tag(k)), mo);
            translated += strcmp(t, en) != 0;
        }
        /* a language whose every text fell back would prove nothing */
        ck_assert_uint_gt(translated, nxmsg_count() / 2);
    }
}
END_TEST

/* The unknown-code templates: formatted table text == .mo path. */
START_TEST(test_templates_match_mo)
{
    static const struct { unsigned code; int idx; } cases[] = {
        { 0x160, NXMSG_IDX_NXMSG_UNKNOWN_TLS },
        { 0x1FF, NXMSG_IDX_NXMSG_UNKNOWN_X509 },
        { 0x5A, NXMSG_IDX_NXMSG_UNKNOWN_CORE },
        { 0x20020, NXMSG_IDX_NXMSG_UNKNOWN_CRYPTO },
        { 0x12345, NXMSG_IDX_NXMSG_UNKNOWN_CODE },
    };
    char tag[4], want[1200], hex[16];

    for (size_t k = 0; k < n_langs; k++) {
        alias(k, tag);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            const char *tpl = table_text(k, (size_t)cases[c].idx);
            const char *pct = strstr(tpl, "%s");
            ck_assert_ptr_nonnull(pct);
            snprintf(hex, sizeof hex, "0x%02X", cases[c].code);
            snprintf(want, sizeof want, "%.*s%s%s", (int)(pct - tpl), tpl, hex, pct + 2);
            ck_assert_str_eq(nxmsg_describe(cases[c].code, tag), want);
            ck_assert_str_eq(nxmsg_describe(cases[c].code, table_tag(k)), want);
        }
    }
}
END_TEST

/* nxmsg_embedded_language() lists exactly the tables in an embedded build,
 * nothing otherwise; compiled-in languages need no .mo file. */
START_TEST(test_embedded_language)
{
#ifdef NXMSG_EMBEDDED_CATALOGS
    for (size_t k = 0; k < n_langs; k++)
        ck_assert_str_eq(nxmsg_embedded_language(k), table_tag(k));
    ck_assert_ptr_null(nxmsg_embedded_language(n_langs));
    ck_assert_ptr_null(nxmsg_embedded_language((size_t)-1));
    ck_assert_int_eq(nxmsg_set_localedir("/nonexistent/nxmsg-locale"), NXMSG_OK);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 1);
    ck_assert_int_eq(nxmsg_have_catalog("ja_JP.UTF-8"), 1);
    ck_assert_int_eq(nxmsg_have_catalog("qaa"), 0);
    ck_assert_str_eq(nxmsg_describe(0x10C, "ja"), "受信サーバー証明書が正しく解析されませんでした。");
    ck_assert_str_eq(nxmsg_describe(0x10C, "ja-JP"), "受信サーバー証明書が正しく解析されませんでした。");
    ck_assert_str_eq(nxmsg_describe(0x10C, "fr"), "The received server certificate was not parsed correctly.");
#else
    ck_assert_ptr_null(nxmsg_embedded_language(0));
    ck_assert_int_eq(nxmsg_set_localedir("/nonexistent/nxmsg-locale"), NXMSG_OK);
    ck_assert_int_eq(nxmsg_have_catalog("ja"), 0);
#endif
}
END_TEST

/* The full library measures with nxmsg_width(); the static core reads the
 * same numbers from tables (tests/embedded_widths checks those). */
START_TEST(test_entry_width)
{
    const nxmsg_entry *e;
    static const char *const langs[] = { "en", "ja", "ja_JP.UTF-8", "fr" };

    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
            const char *t = nxmsg_entry_text(e, langs[l]);
            ck_assert_uint_eq(nxmsg_entry_width(e, langs[l], 0), nxmsg_width(t, NXMSG_STRLEN, 0));
            ck_assert_uint_eq(nxmsg_entry_width(e, langs[l], NXMSG_TEXT_AMBIGUOUS_WIDE | 0x80),
                              nxmsg_width(t, NXMSG_STRLEN, NXMSG_TEXT_AMBIGUOUS_WIDE));
        }
    e = nxmsg_find(0x10C);
    ck_assert_uint_eq(nxmsg_entry_width(e, "en", 0), 57);
    ck_assert_uint_eq(nxmsg_entry_width(e, "ja", 0), 48);
    ck_assert_uint_eq(nxmsg_entry_width(NULL, "ja", 0), 0);
}
END_TEST

static Suite *embedded_suite(void)
{
    Suite *s = suite_create("embedded");
    TCase *tc = tcase_create("tables");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_languages);
    tcase_add_test(tc, test_code_texts_match_mo);
    tcase_add_test(tc, test_templates_match_mo);
    tcase_add_test(tc, test_embedded_language);
    tcase_add_test(tc, test_entry_width);
    suite_add_tcase(s, tc);
    return s;
}

const struct check_program check_program = { embedded_suite, "C.UTF-8", NULL };
