/* check_table.c - table layout and renderers of libnxmsg.
 *
 * Display widths are checked against glibc's wcswidth() in C.UTF-8, an
 * oracle independent of the library (ambiguous characters narrow). */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "nxmsg.h"
#include "checkmain.h"
#include "testutil.h"

/* ---- helpers ---------------------------------------------------------------- */

static char *render(const nxmsg_table *t, nxmsg_table_style style, nxmsg_table_layout layout,
                    size_t width, unsigned flags)
{
    nxmsg_table_opts o = { style, layout, width, flags };
    size_t n = nxmsg_table_render_r(t, &o, NULL, 0);
    char *buf = malloc(n + 1);

    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(nxmsg_table_render_r(t, &o, buf, n + 1), n);
    ck_assert_uint_eq(strlen(buf), n);
    ck_assert_msg(test_utf8_valid(buf, n), "output is not valid UTF-8");
    return buf;
}

/* (Plain ifs: every passing ck_assert costs Check a write.) */
/* Display width of s[0..len) by wcswidth; -1 if it holds a non-printable. */
static int line_width(const char *s, size_t len)
{
    wchar_t wbuf[4096];
    char tmp[16384];
    size_t n;

    if (len >= sizeof tmp)
        ck_abort_msg("line too long");
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    n = mbstowcs(wbuf, tmp, sizeof wbuf / sizeof wbuf[0]);
    if (!(n != (size_t)-1))
            ck_abort_msg("mbstowcs failed");
    return wcswidth(wbuf, n);
}

/* Every line of out has the same width (returned); each line ends in LF. */
static int same_width(const char *out)
{
    int w = -1, lines = 0;

    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        int lw;
        if (!(nl != NULL))
            ck_abort_msg("last line lacks LF");
        lw = line_width(p, (size_t)(nl - p));
        if (!(lw >= 0))
            ck_abort_msg("non-printable character in line %d", lines + 1);
        if (w < 0)
            w = lw;
        if (!(lw == w))
            ck_abort_msg("line %d is %d columns wide, line 1 is %d", lines + 1, lw, w);
        p = nl + 1;
        lines++;
    }
    return w;
}

/* No C0 control but LF (and CR when allowed), no DEL, no C1 control. */
static void no_controls(const char *out, int allow_cr)
{
    const unsigned char *s = (const unsigned char *)out;
    for (size_t i = 0; s[i]; i++) {
        if (!(s[i] >= 0x20 || s[i] == '\n' || (allow_cr && s[i] == '\r')))
            ck_abort_msg("control 0x%02X at %zu", s[i], i);
        if (!(s[i] != 0x7F))
            ck_abort_msg("DEL at %zu", i);
        if (!(!(s[i] == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)))
            ck_abort_msg("C1 control at %zu", i);
    }
}

static nxmsg_table *code_table(int both)
{
    static const char *const en_ja[] = { "en", "ja" };
    static const char *const ja[] = { "ja" };
    nxmsg_table *t = nxmsg_table_new_codes(both ? en_ja : ja, both ? 2 : 1);
    const nxmsg_entry *e;

    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        ck_assert_int_eq(nxmsg_table_add_code(t, e), NXMSG_OK);
    return t;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- tests ------------------------------------------------------------------ */

/* The whole bilingual table: every line of text and box renderings at every
 * width ends at the same column, and within the width once it is possible. */
/* The description columns' headers (nxmsg.h): "Description" for one
 * language, else English or Japanese for a language en or ja whatever its
 * region or encoding, "Description" for the environment, else the name. */
START_TEST(test_code_table_headers)
{
    static const struct {
        const char *langs[2];
        size_t n;
        const char *header;
    } want[] = {
        { { "ja", NULL }, 1, "Name,Value,Description" },
        { { "en", "ja" }, 2, "Name,Value,English,Japanese" },
        { { "en_US", "ja_JP.UTF-8" }, 2, "Name,Value,English,Japanese" },
        { { "ja-JP", "en@quot" }, 2, "Name,Value,Japanese,English" },
        { { NULL, "ja" }, 2, "Name,Value,Description,Japanese" },
        { { "fr", "jav" }, 2, "Name,Value,fr,jav" },
    };

    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        nxmsg_table *t = nxmsg_table_new_codes(want[k].langs, want[k].n);
        char *out;
        size_t n;

        ck_assert_ptr_nonnull(t);
        ck_assert_int_eq(nxmsg_table_add_code(t, nxmsg_find(0x10C)), NXMSG_OK);
        out = render(t, NXMSG_STYLE_CSV, NXMSG_LAYOUT_AUTO, 0, 0);
        n = strlen(want[k].header);
        ck_assert_msg(strncmp(out, want[k].header, n) == 0 && (out[n] == '\r' || out[n] == '\n'),
                      "case %zu: %s", k, out);
        free(out);
        nxmsg_table_free(t);
    }
}
END_TEST

START_TEST(test_full_table_widths)
{
    static const size_t widths[] = { 0, 1, 10, 20, 30, 40, 60, 80, 100, 120, 200 };
    static const nxmsg_table_style styles[] = { NXMSG_STYLE_TEXT, NXMSG_STYLE_BOX, NXMSG_STYLE_UNICODE };
    nxmsg_table *t = code_table(1);

    for (size_t s = 0; s < 3; s++)
        for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
            char *out = render(t, styles[s], NXMSG_LAYOUT_AUTO, widths[i], 0);
            int w = same_width(out);
            no_controls(out, 0);
            if (widths[i] >= 30)
                ck_assert_msg((size_t)w <= widths[i], "style %zu width %zu: lines are %d wide",
                              s, widths[i], w);
            if (widths[i] >= 120)
                ck_assert_msg((size_t)w >= widths[i] - 10, "style %zu width %zu: only %d used",
                              s, widths[i], w);
            free(out);
        }
    nxmsg_table_free(t);
}
END_TEST

/* Auto layout: the whole code table cuts no word at 200 columns (a table);
 * at 80 its columns cannot all get their widest word, so records. */
START_TEST(test_auto_layout)
{
    nxmsg_table *t = code_table(1);
    char *wide = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 200, 0);
    char *narrow = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 80, 0);
    char *forced = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_RECORD, 200, 0);

    ck_assert_msg(strncmp(wide, "Name ", 5) == 0 && strstr(wide, "Value  ") != NULL &&
                  strstr(wide, "  English") != NULL,
                  "width 200 is not a table");
    ck_assert_msg(strncmp(narrow, "Name      NX_SECURE_", 20) == 0, "width 80 is not records");
    ck_assert_ptr_nonnull(strstr(narrow, "\nValue     0x00 "));
    ck_assert_ptr_null(strstr(narrow, "-----"));
    ck_assert_msg(strncmp(forced, "Name      NX_SECURE_TLS_SUCCESS", 31) == 0, "--layout record ignored");
    free(wide);
    free(narrow);
    free(forced);
    nxmsg_table_free(t);
}
END_TEST

/* The layout of out: for a table the widths of its columns (from the rule
 * under the header), for records the label and value widths; returns the
 * number of widths, negative for records. */
static int layout_of(const char *out, size_t *w)
{
    const char *l2 = strchr(out, '\n') + 1, *p;
    int n = 0;
    if (*l2 == '-') {
        for (p = l2; *p != '\n';) {
            size_t k = strspn(p, "-");
            w[n++] = k;
            p += k;
            p += strspn(p, " ");
        }
        return n;
    }
    p = strstr(out, "NX_"); /* "Name" + padding + "  " + the first name */
    w[0] = (size_t)(p - out) - 2;
    w[1] = (size_t)line_width(p, (size_t)(strchr(p, '\n') - p));
    return -2;
}

/* Issue 17: no word or identifier is cut while the columns can give way or
 * the record layout holds every word.  Expected layouts derived by hand for
 * the codes 0x00 (TLS and X.509), 0x101 and 0x1A1:
 *   widest unbreakable runs: Name 40 (NX_SECURE_X509_UNSUPPORTED_PUBLIC_
 *   CIPHER), Value 5 ("Value"), English 13 ("uninitialized"), Japanese 12
 *   ("（NX_SUCCESS": no break after an opening bracket);
 *   every description is wider than 31 columns.
 *   - en+ja: a table needs 40+5+13+12 + 3 gaps of 2 = 76 columns.  At 80 the
 *     two descriptions share 80-6-45 = 29, the widest shrinking first, ties
 *     to the left: English 14, Japanese 15.  Below 76 records: label
 *     "Japanese" 8, value width-10 (60: 50; 50: 40, holding the 40-column
 *     name; 40: 30, where only the name is cut).
 *   - en or ja alone: a table needs 40+5+13 (12) + 2 gaps = 62 (61).  At 80
 *     Description gets 80-4-45 = 31; below, records with label
 *     "Description" 11 and value width-13. */
START_TEST(test_layouts_by_hand)
{
    static const char *const en_ja[] = { "en", "ja" };
    static const struct {
        size_t nlangs, first, width;
        int n;
        size_t w[4];
    } want[] = {
        { 2, 0, 80, 4, { 40, 5, 14, 15 } }, { 2, 0, 60, -2, { 8, 50 } },
        { 2, 0, 50, -2, { 8, 40 } },        { 2, 0, 40, -2, { 8, 30 } },
        { 1, 0, 80, 3, { 40, 5, 31 } },     { 1, 0, 60, -2, { 11, 47 } },
        { 1, 0, 50, -2, { 11, 37 } },       { 1, 0, 40, -2, { 11, 27 } },
        { 1, 1, 80, 3, { 40, 5, 31 } },     { 1, 1, 60, -2, { 11, 47 } },
        { 1, 1, 50, -2, { 11, 37 } },       { 1, 1, 40, -2, { 11, 27 } },
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        nxmsg_table *t = nxmsg_table_new_codes(en_ja + want[k].first, want[k].nlangs);
        size_t w[8];
        char *out;
        int n;
        nxmsg_table_add_code(t, nxmsg_find_in(NXMSG_DOMAIN_TLS, 0));
        nxmsg_table_add_code(t, nxmsg_find_in(NXMSG_DOMAIN_X509, 0));
        nxmsg_table_add_code(t, nxmsg_find(0x101));
        nxmsg_table_add_code(t, nxmsg_find(0x1A1));
        out = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, want[k].width, 0);
        ck_assert_int_eq(same_width(out), (int)want[k].width);
        n = layout_of(out, w);
        ck_assert_msg(n == want[k].n, "case %zu: layout %d, want %d", k, n, want[k].n);
        for (int i = 0; i < (n < 0 ? -n : n); i++)
            ck_assert_msg(w[i] == want[k].w[i], "case %zu: column %d is %zu wide, want %zu", k, i, w[i],
                          want[k].w[i]);
        /* whatever fits whole stays whole: "successfully", "uninitialized" */
        if (!(want[k].nlangs == 1 && want[k].first == 1)) {
            ck_assert_ptr_nonnull(strstr(out, "successfully"));
            ck_assert_ptr_nonnull(strstr(out, "uninitialized"));
        }
        if ((n < 0 ? w[1] : w[0]) >= 40)
            ck_assert_ptr_nonnull(strstr(out, "NX_SECURE_X509_UNSUPPORTED_PUBLIC_CIPHER"));
        free(out);
        nxmsg_table_free(t);
    }
}
END_TEST

/* Fitting shrinks the widest column first and leaves a narrow one alone. */
START_TEST(test_fit_widest_first)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "abc", "one two three four five six seven eight nine ten eleven" };
    char *out;

    ck_assert_int_eq(nxmsg_table_add_column(t, "A", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0), 0);
    ck_assert_int_eq(nxmsg_table_add_column(t, "B", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0), 1);
    ck_assert_int_eq(nxmsg_table_add_row(t, row, 2), NXMSG_OK);
    out = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_TABLE, 30, 0);
    /* A keeps 3 columns, B gets 30 - 3 - 2 = 25 */
    ck_assert_str_eq(out, "A    B                        \n"
                          "---  -------------------------\n"
                          "abc  one two three four five  \n"
                          "     six seven eight nine ten \n"
                          "     eleven                   \n");
    free(out);
    /* no limit: one line, natural widths */
    out = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 0, 0);
    ck_assert_int_eq(count_lines(out), 5);
    ck_assert_int_eq(same_width(out), 2 + 3 + 3 + 55 + 2);
    free(out);
    nxmsg_table_free(t);
}
END_TEST

/* Max width, right and center alignment, truncation with an ellipsis. */
START_TEST(test_align_truncate)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "7", "mid", "truncate this long cell" };
    char *out;

    nxmsg_table_add_column(t, "Right", NULL, NXMSG_ALIGN_RIGHT, 0, 0, 0);
    nxmsg_table_add_column(t, "Center", NULL, NXMSG_ALIGN_CENTER, 0, 0, 0);
    nxmsg_table_add_column(t, "T", NULL, NXMSG_ALIGN_LEFT, 0, 10, NXMSG_COL_TRUNCATE);
    ck_assert_int_eq(nxmsg_table_add_row(t, row, 3), NXMSG_OK);
    out = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 0, 0);
    ck_assert_str_eq(out, "+-------+--------+------------+\n"
                          "| Right | Center | T          |\n"
                          "+=======+========+============+\n"
                          "|     7 |  mid   | truncate \u2026 |\n"
                          "+-------+--------+------------+\n");
    free(out);
    nxmsg_table_free(t);
}
END_TEST

/* Controls, ESC, invalid UTF-8 and C1 controls never reach the output. */
START_TEST(test_hostile_cells)
{
    static const char *const bad[] = {
        "\033[31mred\033[0m", "bell\a", "\xff\xfe", "cut \xE3\x81", "c1 \xC2\x9B" "2J",
        "del\x7f", "cr\rlf\r\n", "tab\there", "", "\xF4\x90\x80\x80 above U+10FFFF",
        "\xC0\xAF overlong", "\xED\xA0\x80 surrogate",
    };
    static const nxmsg_table_style styles[] = {
        NXMSG_STYLE_TEXT, NXMSG_STYLE_BOX, NXMSG_STYLE_UNICODE, NXMSG_STYLE_MARKDOWN,
        NXMSG_STYLE_CSV, NXMSG_STYLE_JSON,
    };
    nxmsg_table *t = nxmsg_table_new();

    nxmsg_table_add_column(t, "H\033]0;title\a", "k\033", NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "Cell", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *row[] = { bad[i], bad[i] };
        ck_assert_int_eq(nxmsg_table_add_row(t, row, 2), NXMSG_OK);
    }
    for (size_t s = 0; s < sizeof styles / sizeof styles[0]; s++)
        for (size_t w = 0; w <= 24; w += 6) {
            char *out = render(t, styles[s], NXMSG_LAYOUT_AUTO, w, 0);
            no_controls(out, styles[s] == NXMSG_STYLE_CSV);
            ck_assert_ptr_nonnull(strstr(out, "\xEF\xBF\xBD"));
            ck_assert_ptr_null(strstr(out, "\033"));
            if (styles[s] <= NXMSG_STYLE_UNICODE)
                same_width(out);
            free(out);
        }
    nxmsg_table_free(t);
}
END_TEST

/* Identifiers much wider than the table, wide characters in a 1-column
 * budget, width 0 and 1, an empty table. */
START_TEST(test_hostile_widths)
{
    nxmsg_table *t = nxmsg_table_new();
    char longid[1001];
    const char *row1[] = { longid, "漢字かな交じり文" };
    const char *row2[] = { "", NULL };
    char *out;

    memset(longid, 'X', 1000);
    longid[1000] = '\0';
    nxmsg_table_add_column(t, "Id", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    ck_assert_int_eq(nxmsg_table_add_row(t, row1, 2), NXMSG_OK);
    ck_assert_int_eq(nxmsg_table_add_row(t, row2, 1), NXMSG_OK);
    for (size_t w = 0; w <= 12; w++)
        for (int layout = NXMSG_LAYOUT_AUTO; layout <= NXMSG_LAYOUT_RECORD; layout++) {
            out = render(t, NXMSG_STYLE_BOX, (nxmsg_table_layout)layout, w, 0);
            same_width(out);
            /* the wide characters stay whole: every one of them is there */
            ck_assert_ptr_nonnull(strstr(out, "漢"));
            ck_assert_ptr_nonnull(strstr(out, "文"));
            free(out);
        }
    /* width 1: the table is as narrow as it can be: "| X | 漢 |" */
    out = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 1, 0);
    ck_assert_int_eq(same_width(out), 4 + 1 + 3 + 2);
    free(out);
    nxmsg_table_free(t);

    t = nxmsg_table_new();
    nxmsg_table_add_column(t, "A", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    out = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_AUTO, 80, 0);
    ck_assert_str_eq(out, "+---+\n| A |\n+===+\n+---+\n");
    free(out);
    out = render(t, NXMSG_STYLE_JSON, NXMSG_LAYOUT_AUTO, 80, 0);
    ck_assert_str_eq(out, "[]\n");
    free(out);
    nxmsg_table_free(t);
}
END_TEST

/* render_r: every buffer size gives the full length and a NUL-terminated,
 * valid UTF-8 prefix of the whole rendering. */
START_TEST(test_render_r_sizes)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "受信サーバー証明書", "e\xCC\x81" "e\xCC\x81" };
    nxmsg_table_opts o = { NXMSG_STYLE_UNICODE, NXMSG_LAYOUT_TABLE, 0, 0 };
    char full[512], buf[512];
    size_t n;

    nxmsg_table_add_column(t, "説明", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "x", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_row(t, row, 2);
    n = nxmsg_table_render_r(t, &o, full, sizeof full);
    ck_assert_uint_lt(n, sizeof full);
    ck_assert_uint_eq(nxmsg_table_render_r(t, &o, NULL, 0), n);
    for (size_t size = 0; size <= n + 1; size++) {
        memset(buf, 'Z', sizeof buf);
        ck_assert_uint_eq(nxmsg_table_render_r(t, &o, buf, size), n);
        if (size == 0) {
            ck_assert_int_eq(buf[0], 'Z');
            continue;
        }
        ck_assert_uint_lt(strlen(buf), size);
        ck_assert_msg(test_utf8_valid(buf, strlen(buf)), "size %zu: broken UTF-8", size);
        ck_assert_int_eq(memcmp(buf, full, strlen(buf)), 0);
        ck_assert_int_eq(buf[size], 'Z');
        /* at most one character (or base + mark) short */
        ck_assert_uint_ge(strlen(buf) + 6, size - 1 < n ? size - 1 : n);
    }
    nxmsg_table_free(t);
}
END_TEST

static int fail_after(void *ctx, const char *s, size_t n)
{
    int *left = ctx;
    (void)s;
    (void)n;
    return (*left)-- > 0 ? 0 : -1;
}

START_TEST(test_write_error)
{
    nxmsg_table *t = code_table(1);
    nxmsg_table_opts o = { NXMSG_STYLE_JSON, NXMSG_LAYOUT_AUTO, 80, 0 };
    int left = 0;

    ck_assert_int_eq(nxmsg_table_render(t, &o, fail_after, &left), NXMSG_EWRITE);
    left = 3;
    o.style = NXMSG_STYLE_BOX;
    ck_assert_int_eq(nxmsg_table_render(t, &o, fail_after, &left), NXMSG_EWRITE);
    ck_assert_int_eq(left, -1); /* it stopped at the first failure */
    nxmsg_table_free(t);
}
END_TEST

START_TEST(test_markdown)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "a|b\nc & <d>", "7" };
    char *out;

    nxmsg_table_add_column(t, "Text", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "N", NULL, NXMSG_ALIGN_RIGHT, 0, 0, 0);
    nxmsg_table_add_row(t, row, 2);
    out = render(t, NXMSG_STYLE_MARKDOWN, NXMSG_LAYOUT_AUTO, 10, 0);
    ck_assert_str_eq(out, "| Text                   | N   |\n"
                          "| ---------------------- | --: |\n"
                          "| a\\|b<br>c &amp; &lt;d> | 7   |\n");
    free(out);
    nxmsg_table_free(t);
}
END_TEST

START_TEST(test_csv)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "say \"hi\", then\nleave", "plain", "hidden" };
    char *out;

    nxmsg_table_add_column(t, "A,1", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "B", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "H", NULL, NXMSG_ALIGN_LEFT, 0, 0, NXMSG_COL_HIDDEN);
    nxmsg_table_add_row(t, row, 3);
    out = render(t, NXMSG_STYLE_CSV, NXMSG_LAYOUT_AUTO, 80, 0);
    ck_assert_str_eq(out, "\"A,1\",B\r\n\"say \"\"hi\"\", then\nleave\",plain\r\n");
    free(out);
    out = render(t, NXMSG_STYLE_CSV, NXMSG_LAYOUT_AUTO, 80, NXMSG_TABLE_BOM);
    ck_assert_int_eq(strncmp(out, "\xEF\xBB\xBF\"A,1\",B\r\n", 12), 0);
    free(out);
    nxmsg_table_free(t);
}
END_TEST

START_TEST(test_json)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *r1[] = { "q\"b\\s\nx", "0x10C", "h" };
    const char *r2[] = { "漢", "0xZZ", "" };
    char *out;

    nxmsg_table_add_column(t, "Text", "text", NXMSG_ALIGN_LEFT, 0, 0, 0);
    nxmsg_table_add_column(t, "Value", "value", NXMSG_ALIGN_LEFT, 0, 0, NXMSG_COL_NUMBER);
    nxmsg_table_add_column(t, "Hidden", NULL, NXMSG_ALIGN_LEFT, 0, 0, NXMSG_COL_HIDDEN);
    nxmsg_table_add_row(t, r1, 3);
    nxmsg_table_add_row(t, r2, 3);
    out = render(t, NXMSG_STYLE_JSON, NXMSG_LAYOUT_AUTO, 80, 0);
    ck_assert_str_eq(out, "[\n"
                          "  {\"text\": \"q\\\"b\\\\s\\nx\", \"value\": 268, \"Hidden\": \"h\"},\n"
                          "  {\"text\": \"漢\", \"value\": \"0xZZ\", \"Hidden\": \"\"}\n"
                          "]\n");
    free(out);
    /* hidden columns are left out of text */
    out = render(t, NXMSG_STYLE_TEXT, NXMSG_LAYOUT_TABLE, 0, 0);
    ck_assert_ptr_null(strstr(out, "Hidden"));
    free(out);
    nxmsg_table_free(t);
}
END_TEST

/* The code table: JSON carries domain, value, name, en and ja. */
START_TEST(test_code_table_json)
{
    static const char *const en_ja[] = { "en", "ja" };
    nxmsg_table *t = nxmsg_table_new_codes(en_ja, 2);
    char *out;

    nxmsg_table_add_code(t, nxmsg_find(0x10C));
    nxmsg_table_add_code(t, nxmsg_find_in(NXMSG_DOMAIN_X509, 0));
    out = render(t, NXMSG_STYLE_JSON, NXMSG_LAYOUT_AUTO, 80, 0);
    ck_assert_ptr_nonnull(strstr(out, "{\"domain\": \"tls\", \"name\": \"NX_SECURE_TLS_INVALID_SERVER_CERT\", "
                                      "\"value\": 268, \"en\": \"The received server certificate was not "
                                      "parsed correctly.\", \"ja\": \"受信サーバー証明書が正しく解析されませんでした。\"}"));
    ck_assert_ptr_nonnull(strstr(out, "{\"domain\": \"x509\", \"name\": \"NX_SECURE_X509_SUCCESS\", \"value\": 0,"));
    free(out);
    nxmsg_table_free(t);
}
END_TEST

/* Ambiguous-wide: box drawing is 2 columns, so the Unicode style falls back
 * to ASCII. */
START_TEST(test_ambiguous_wide)
{
    nxmsg_table *t = code_table(0);
    char *uni = render(t, NXMSG_STYLE_UNICODE, NXMSG_LAYOUT_TABLE, 100, NXMSG_TABLE_AMBIGUOUS_WIDE);
    char *box = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 100, NXMSG_TABLE_AMBIGUOUS_WIDE);

    ck_assert_str_eq(uni, box);
    ck_assert_int_eq(uni[0], '+');
    free(uni);
    free(box);
    uni = render(t, NXMSG_STYLE_UNICODE, NXMSG_LAYOUT_TABLE, 100, 0);
    ck_assert_int_eq(strncmp(uni, "\u250C", 3), 0);
    free(uni);
    nxmsg_table_free(t);
}
END_TEST

/* Issue 17, defect 7: a min_width of SIZE_MAX overflowed the layout sum
 * and never returned; it is refused, and the largest allowed one renders. */
START_TEST(test_huge_min_width)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "a", "b" };
    char *out;

    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, SIZE_MAX, 0, 0), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, NXMSG_TABLE_MAX_MIN_WIDTH + 1, 0, 0),
                     NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, NXMSG_TABLE_MAX_MIN_WIDTH, 0, 0), 0);
    ck_assert_int_eq(nxmsg_table_add_column(t, "b", NULL, NXMSG_ALIGN_LEFT, 0, SIZE_MAX, 0), 1);
    ck_assert_int_eq(nxmsg_table_add_row(t, row, 2), NXMSG_OK);
    out = render(t, NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, SIZE_MAX, 0);
    /* "| " + 65535 + " | " + 1 + " |" */
    ck_assert_uint_eq(strchr(out, '\n') - out, 2 + NXMSG_TABLE_MAX_MIN_WIDTH + 3 + 1 + 2);
    free(out);
    nxmsg_table_free(t);
}
END_TEST

START_TEST(test_bad_arguments)
{
    nxmsg_table *t = nxmsg_table_new();
    const char *row[] = { "a", "b" };
    nxmsg_table_opts o = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 80, 0 };
    char buf[8] = "xxxxxxx";
    static const char *const langs[5] = { "en", "ja", "en", "ja", "en" };

    ck_assert_int_eq(nxmsg_table_add_column(NULL, "a", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, 5, 4, 0), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, 7, 0, 0, 0), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0x100), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_row(t, row, 1), NXMSG_EINVAL); /* no columns */
    ck_assert_int_eq(nxmsg_table_render(t, &o, fail_after, NULL), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_column(t, "a", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0), 0);
    ck_assert_int_eq(nxmsg_table_add_row(t, row, 2), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_row(t, NULL, 1), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_add_row(t, NULL, 0), NXMSG_OK);
    ck_assert_int_eq(nxmsg_table_add_column(t, "b", NULL, NXMSG_ALIGN_LEFT, 0, 0, 0), NXMSG_EINVAL);
    ck_assert_uint_eq(nxmsg_table_rows(t), 1);
    ck_assert_int_eq(nxmsg_table_render(NULL, &o, fail_after, NULL), NXMSG_EINVAL);
    ck_assert_int_eq(nxmsg_table_render(t, &o, NULL, NULL), NXMSG_EINVAL);
    o.style = (nxmsg_table_style)42;
    ck_assert_int_eq(nxmsg_table_render(t, &o, fail_after, NULL), NXMSG_EINVAL);
    ck_assert_uint_eq(nxmsg_table_render_r(t, &o, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(nxmsg_table_add_code(t, nxmsg_find(0x10C)), NXMSG_EINVAL);
    ck_assert_ptr_null(nxmsg_table_new_codes(NULL, 1));
    ck_assert_ptr_null(nxmsg_table_new_codes(langs, 0));
    ck_assert_ptr_null(nxmsg_table_new_codes(langs, 5));
    nxmsg_table_free(t);
    nxmsg_table_free(NULL);
    ck_assert_uint_eq(nxmsg_table_rows(NULL), 0);
}
END_TEST

static Suite *table_suite(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_full_table_widths);
    tcase_add_test(tc, test_code_table_headers);
    tcase_add_test(tc, test_auto_layout);
    tcase_add_test(tc, test_layouts_by_hand);
    tcase_add_test(tc, test_fit_widest_first);
    tcase_add_test(tc, test_align_truncate);
    tcase_add_test(tc, test_hostile_cells);
    tcase_add_test(tc, test_hostile_widths);
    tcase_add_test(tc, test_render_r_sizes);
    tcase_add_test(tc, test_write_error);
    tcase_add_test(tc, test_markdown);
    tcase_add_test(tc, test_csv);
    tcase_add_test(tc, test_json);
    tcase_add_test(tc, test_code_table_json);
    tcase_add_test(tc, test_ambiguous_wide);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_huge_min_width);
    suite_add_tcase(s, tc);
    return s;
}

const struct check_program check_program = { table_suite, "C.UTF-8", NULL };
