/* embedded_demo.c - the demo firmware of the Cortex-M4 check
 * (tests/embedded-arm.sh), and with -DDEMO_HOST the host program whose
 * output the firmware's must equal byte for byte: lookups in English and
 * Japanese, a name lookup, an unknown code, widths, truncation and Japanese
 * wrapped to 20 columns.  The firmware uses only embedded/ (the core and its
 * ICU-free layout); the host program uses the host library (ICU).  After
 * the compared part the firmware prints the stack each call used, measured
 * by painting (tests/embedded-arm/startup.c).
 * For the footprint figures the same firmware is built in each core
 * configuration (NXMSG_CORE_NAMES_ONLY: names only), without the stack
 * measurements (DEMO_NO_STACK), and as the baseline without nxmsg
 * (DEMO_BASELINE: the same output helpers, no nxmsg call).  It uses only
 * functions every configuration has (the *_r ones), so the same firmware
 * runs with the packed tables (NXMSG_CORE_PACKED) too. */
#include <string.h>

#ifdef DEMO_HOST
#include <stdio.h>

#include "nxmsg.h"

static void out(const char *s, size_t n) { fwrite(s, 1, n, stdout); }
#define WIDTH(s, f) nxmsg_width(s, NXMSG_STRLEN, f)
#define TRUNCATE(s, c, e, f, b, n) nxmsg_truncate(s, NXMSG_STRLEN, c, e, f, b, n)
#else
#include "firmware.h"
#include "nxmsg_core.h"
#include "nxmsg_layout.h"

#define out fw_write
#define WIDTH(s, f) nxmsg_layout_width(s, NXMSG_STRLEN, f)
#define TRUNCATE(s, c, e, f, b, n) nxmsg_layout_truncate(s, NXMSG_STRLEN, c, e, f, b, n)
#endif

#define DEMO_WRAP 20

static void put(const char *s) { out(s, strlen(s)); }

static void put_num(unsigned long v, unsigned base)
{
    char d[12];
    size_t i = sizeof d;
    do {
        d[--i] = "0123456789ABCDEF"[v % base];
        v /= base;
    } while (v);
    if (base == 16) {
        if (sizeof d - i < 2)
            d[--i] = '0';
        put("0x");
    }
    out(d + i, sizeof d - i);
}

#ifndef DEMO_BASELINE
#ifndef NXMSG_CORE_NAMES_ONLY
static void wrap(const char *s, unsigned flags)
{
    size_t start, len;
#ifdef DEMO_HOST
    size_t pos = 0;
    while (nxmsg_wrap_next(s, NXMSG_STRLEN, DEMO_WRAP, flags, &pos, &start, &len)) {
#else
    nxmsg_layout_wrap w;
    nxmsg_layout_wrap_init(&w, s, NXMSG_STRLEN, DEMO_WRAP, flags);
    while (nxmsg_layout_wrap_next(&w, &start, &len)) {
#endif
        put("  |");
        out(s + start, len);
        put("|\n");
    }
}

#endif

static void lookups(void)
{
    static const unsigned codes[] = { 0x00, 0x10C, 0x105, 0x185, 0x17F, 0x1FF, 0x2A };
#ifndef NXMSG_CORE_NAMES_ONLY
    static const char *const langs[] = { "en", "ja" };
#endif
    char buf[512];
    unsigned v = 0;

    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        put_num(codes[i], 16);
        put(" ");
        put(nxmsg_name_r(codes[i], buf, sizeof buf) ? buf : "(unknown)");
        put("\n");
#ifndef NXMSG_CORE_NAMES_ONLY
        for (size_t k = 0; k < 2; k++) {
            nxmsg_describe_r(codes[i], langs[k], buf, sizeof buf);
            put(langs[k]);
            put(": ");
            put(buf);
            put("\n");
        }
#endif
    }
    put("name tls-invalid_server_cert: ");
    if (nxmsg_code_from_name("tls-invalid_server_cert", &v) == NXMSG_OK)
        put_num(v, 16);
    put("\n");
#ifndef NXMSG_CORE_NAMES_ONLY
    /* a cut buffer keeps whole characters */
    nxmsg_describe_r(0x10C, "ja", buf, 17);
    put("describe_r ja 0x10C in 17 bytes: ");
    put(buf);
    put("\n");
#else
    (void)buf;
#endif
}

#ifndef NXMSG_CORE_NAMES_ONLY
static void layout(void)
{
    const nxmsg_entry *e = nxmsg_find(0x105);
    char ja[256], en[256], buf[256];

    nxmsg_lang_text_r(nxmsg_lang_open("ja"), e, ja, sizeof ja);
    nxmsg_lang_text_r(nxmsg_lang_open("en"), e, en, sizeof en);

    for (unsigned fl = 0; fl <= NXMSG_TEXT_AMBIGUOUS_WIDE; fl++) {
        put(fl ? "-- ambiguous wide\n" : "-- ambiguous narrow\n");
        put("width ja: ");
        put_num(WIDTH(ja, fl), 10);
        put(", entry width: ");
        put_num(nxmsg_entry_width(e, "ja", fl), 10);
        put("\ntruncate ja 20 with ellipsis: ");
        put_num(TRUNCATE(ja, 20, NXMSG_ELLIPSIS, fl, buf, sizeof buf), 10);
        put(" bytes: ");
        put(buf);
        put("\ntruncate en 20 with ...: ");
        TRUNCATE(en, 20, "...", fl, buf, sizeof buf);
        put(buf);
        put("\nja wrapped to 20 columns:\n");
        wrap(ja, fl);
    }
    put("en wrapped to 20 columns:\n");
    wrap(en, 0);
}
#endif
#endif /* DEMO_BASELINE */

#if !defined(DEMO_HOST) && !defined(DEMO_NO_STACK) && !defined(NXMSG_CORE_NAMES_ONLY)
/* ---- stack use of each call, by painting ---- */

static volatile size_t sink;
static char b[64];    /* the caller's buffers, outside the measured stack */
static char text[256]; /* filled by s_text, measured before the layout calls */
static nxmsg_layout_wrap w;
static void s_find(void) { sink = (size_t)nxmsg_find(0x10C); }
static void s_name(void) { sink = nxmsg_name_r(0x10C, b, sizeof b); }
static void s_find_name(void)
{
    const nxmsg_entry *e;
    sink = (size_t)nxmsg_find_name("tls-invalid_server_cert", &e);
}
static void s_code_from_name(void)
{
    unsigned v;
    sink = (size_t)nxmsg_code_from_name("success", &v);
}
static void s_parse(void)
{
    unsigned v;
    sink = (size_t)nxmsg_parse_code("0x10C", &v);
}
static void s_lang_open(void) { sink = (size_t)nxmsg_lang_open("ja_JP.UTF-8"); }
static void s_text(void)
{
    sink = nxmsg_lang_text_r(nxmsg_lang_open("ja"), nxmsg_find(0x105), text, sizeof text);
}
static void s_nothing(void) { sink = 0; }
static void s_describe_r(void)
{
    sink = nxmsg_describe_r(0x1234, "ja", b, sizeof b);
}
static void s_entry_width(void) { sink = nxmsg_entry_width(nxmsg_find(0x105), "ja", 0); }
static void s_width(void) { sink = nxmsg_layout_width(text, NXMSG_STRLEN, 0); }
static void s_truncate(void)
{
    sink = nxmsg_layout_truncate(text, NXMSG_STRLEN, 20, NXMSG_ELLIPSIS, 0, b, sizeof b);
}
static void s_wrap(void)
{
    size_t st, ln;
    nxmsg_layout_wrap_init(&w, text, NXMSG_STRLEN, 20, 0);
    while (nxmsg_layout_wrap_next(&w, &st, &ln))
        sink = ln;
}

static void stack_report(void)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } calls[] = {
        { "(the measuring wrapper alone)", s_nothing },
        { "nxmsg_find", s_find },
        { "nxmsg_name_r", s_name },
        { "nxmsg_find_name", s_find_name },
        { "nxmsg_code_from_name", s_code_from_name },
        { "nxmsg_parse_code", s_parse },
        { "nxmsg_lang_open", s_lang_open },
        { "nxmsg_lang_open + nxmsg_lang_text_r", s_text },
        { "nxmsg_describe_r", s_describe_r },
        { "nxmsg_entry_width", s_entry_width },
        { "nxmsg_layout_width", s_width },
        { "nxmsg_layout_truncate", s_truncate },
        { "nxmsg_layout_wrap_init + _next", s_wrap },
    };
    put("-- stack (bytes, painted; each figure includes the wrapper that makes the\n"
        "-- call; buffers and the wrap iterator are static)\n");
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        put("stack ");
        put(calls[i].name);
        put(": ");
        put_num(fw_stack_use(calls[i].fn), 10);
        put("\n");
    }
}
#endif

int main(void)
{
#ifdef DEMO_BASELINE
    put("no nxmsg: ");
    put_num(0x10C, 16);
    put_num(20, 10);
    put("\n");
#else
    lookups();
#ifndef NXMSG_CORE_NAMES_ONLY
    layout();
#endif
#endif
#if !defined(DEMO_HOST) && !defined(DEMO_NO_STACK) && !defined(NXMSG_CORE_NAMES_ONLY)
    stack_report();
#endif
    return 0;
}
