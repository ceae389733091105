/* check_text.c - the text layer: UTF-8, sanitizing, NFC, width, truncation,
 * padding, wrapping; conformance against the Unicode Character Database. */
#include <config.h>

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "testutil.h"

#define AMB NXMSG_TEXT_AMBIGUOUS_WIDE

static size_t w(const char *s, unsigned flags) { return nxmsg_width(s, strlen(s), flags); }

START_TEST(test_width_vectors)
{
    ck_assert_uint_eq(w("", 0), 0);
    ck_assert_uint_eq(w("abc", 0), 3);
    ck_assert_uint_eq(w("\xEF\xBD\xB1\xEF\xBD\xB2", 0), 2);          /* ｱｲ halfwidth */
    ck_assert_uint_eq(w("\xEF\xBD\xB6\xEF\xBE\x9E", 0), 2);          /* ｶﾞ */
    ck_assert_uint_eq(w("\xE3\x81\x8C", 0), 2);                      /* が */
    ck_assert_uint_eq(w("\xE3\x81\x8B\xE3\x82\x99", 0), 2);          /* か+U+3099 */
    ck_assert_uint_eq(w("\xC3\xA9", 0), 1);                          /* é */
    ck_assert_uint_eq(w("e\xCC\x81", 0), 1);                         /* e+U+0301 */
    ck_assert_uint_eq(w("\xEF\xBC\x88\xEF\xBC\x89", 0), 4);          /* （） */
    ck_assert_uint_eq(w("\xE2\x94\x80\xE2\x94\x82", 0), 2);          /* ─│ */
    ck_assert_uint_eq(w("\xE2\x94\x80\xE2\x94\x82", AMB), 4);
    ck_assert_uint_eq(w("\xE2\x80\xA6", 0), 1);                      /* … */
    ck_assert_uint_eq(w("\xE2\x80\xA6", AMB), 2);
    ck_assert_uint_eq(w("\xE2\x80\xBB", 0), 1);                      /* ※ */
    ck_assert_uint_eq(w("\xE2\x80\xBB", AMB), 2);
    ck_assert_uint_eq(w("\xE2\x91\xA0", 0), 1);                      /* ① */
    ck_assert_uint_eq(w("\xE2\x91\xA0", AMB), 2);
    ck_assert_uint_eq(w("\xF0\x9F\x98\x80", 0), 2);                  /* 😀 */
    ck_assert_uint_eq(w("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB", 0), 2);  /* 👍🏻 */
    /* 👨‍👩‍👧 */
    ck_assert_uint_eq(w("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 0), 2);
    ck_assert_uint_eq(w("\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5", 0), 2);  /* 🇯🇵 */
    ck_assert_uint_eq(w("\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5\xF0\x9F\x87\xAF", 0), 4); /* flag + lone RI */
    ck_assert_uint_eq(w("\xE2\x9D\xA4", 0), 1);                      /* ❤ text */
    ck_assert_uint_eq(w("\xE2\x9D\xA4\xEF\xB8\x8F", 0), 2);          /* ❤️ */
    ck_assert_uint_eq(w("1\xEF\xB8\x8F\xE2\x83\xA3", 0), 2);         /* keycap 1 */
    ck_assert_uint_eq(w("a\xEF\xB8\x8F", 0), 1);                     /* VS16 on non-emoji */
    ck_assert_uint_eq(w("\xE2\x80\x8B", 0), 0);                      /* U+200B */
    ck_assert_uint_eq(w("\xC2\xAD", 0), 0);                          /* U+00AD: Cf, 0 */
    ck_assert_uint_eq(w("\t", 0), 8);
    ck_assert_uint_eq(w("ab\tc", 0), 9);
    ck_assert_uint_eq(w("\xE3\x81\x82\t", 0), 8);
    ck_assert_uint_eq(w("a\nb", 0), 3);
    ck_assert_uint_eq(w("a\r\nb", 0), 3);
    ck_assert_uint_eq(w("\x1b[31m", 0), 5);                          /* ESC shows as U+FFFD */
    ck_assert_uint_eq(w("\x1b", AMB), 2);
    ck_assert_uint_eq(w("\x1b", NXMSG_TEXT_SAFE_HEX), 4);
    ck_assert_uint_eq(w("\x7f", 0), 1);
    ck_assert_uint_eq(w("\xC2\x85", NXMSG_TEXT_SAFE_HEX), 8);        /* NEL */
    ck_assert_uint_eq(nxmsg_width("a\0b", 3, 0), 3);
    ck_assert_uint_eq(w("\xFF", 0), 1);
    ck_assert_uint_eq(w("\xC0\x80", 0), 2);                          /* overlong: 2 x U+FFFD */
    ck_assert_uint_eq(w("\xE0\x80\x80", 0), 3);
    ck_assert_uint_eq(w("\xED\xA0\x80", 0), 3);                      /* surrogate */
    ck_assert_uint_eq(w("\xED\xA0\x80", NXMSG_TEXT_SAFE_HEX), 12);
    ck_assert_uint_eq(w("\xE3\x81", 0), 1);                          /* truncated sequence */
    ck_assert_uint_eq(w("\xF4\x90\x80\x80", 0), 4);                  /* > U+10FFFF */
    ck_assert_uint_eq(w("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", 0), 2); /* jamo L V T */
    ck_assert_uint_eq(nxmsg_width(NULL, 0, 0), 0);
    ck_assert_uint_eq(nxmsg_width("abc", NXMSG_STRLEN, 0), 3);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("width");
    tcase_add_test(tc, test_width_vectors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
