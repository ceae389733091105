/* describe.c - descriptions of codes in a resolved language, and the
 * unknown-code texts formatted into the caller's buffer.  Freestanding (see
 * nxmsg_core.h); the language module supplies nxmsg__lang_msg(). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

#ifndef NXMSG_CORE_NAMES_ONLY /* a names-only build has no texts */

/* The template of the unknown-code text for each domain. */
static uint16_t unknown_template(nxmsg_domain domain)
{
    switch (domain) {
    case NXMSG_DOMAIN_TLS: return NXMSG_IDX_NXMSG_UNKNOWN_TLS;
    case NXMSG_DOMAIN_X509: return NXMSG_IDX_NXMSG_UNKNOWN_X509;
    case NXMSG_DOMAIN_CORE: return NXMSG_IDX_NXMSG_UNKNOWN_CORE;
    case NXMSG_DOMAIN_CRYPTO: return NXMSG_IDX_NXMSG_UNKNOWN_CRYPTO;
    case NXMSG_DOMAIN_NONE: break;
    }
    return NXMSG_IDX_NXMSG_UNKNOWN_CODE;
}

#ifndef NXMSG_CORE_PACKED
/* Offset of the first "%s" in s (every template has one). */
static size_t find_conversion(const char *s)
{
    size_t i = 0;
    while (s[i] && !(s[i] == '%' && s[i + 1] == 's'))
        i++;
    return i;
}
#endif

#ifndef NXMSG_CORE_PACKED
size_t nxmsg__format_unknown(const nxmsg_lang *l, uint32_t code, char *buf, size_t size)
{
    const char *tpl = nxmsg__lang_msg(l, unknown_template(nxmsg__domain_of(code)));
    char hex[NXMSG__HEX_MAX];
    size_t pre = find_conversion(tpl), out = 0;
    const char *parts[3] = { tpl, hex, tpl[pre] ? tpl + pre + 2 : tpl + pre };
    size_t lens[3] = { pre, nxmsg__format_hex(code, hex), 0 };

    lens[2] = strlen(parts[2]);
    if (size == 0 || !buf)
        return lens[0] + lens[1] + lens[2];
    /* plain text around one %s: copy it in three parts, cut only where
     * nxmsg_copy_r would cut the whole */
    for (int p = 0; p < 3; p++) {
        size_t room = size - 1 - out;
        size_t n = lens[p] <= room ? lens[p] : nxmsg__utf8_cut(parts[p], lens[p], room);
        memcpy(buf + out, parts[p], n);
        out += n;
        if (n < lens[p])
            break;
    }
    buf[out] = '\0';
    return lens[0] + lens[1] + lens[2];
}

const char *nxmsg_lang_text(const nxmsg_lang *l, const nxmsg_entry *e)
{
    return e ? nxmsg__lang_msg(l, e->index) : NULL;
}

size_t nxmsg_lang_text_r(const nxmsg_lang *l, const nxmsg_entry *e, char *buf, size_t size)
{
    return nxmsg_copy_r(e ? nxmsg__lang_msg(l, e->index) : "", buf, size);
}

void nxmsg_entry_msgid(const nxmsg_entry *e, const char **msgctxt, const char **msgid)
{
    if (msgctxt)
        *msgctxt = e ? nxmsg__name(e->index) : NULL;
    if (msgid)
        *msgid = e ? nxmsg__english(e->index) : NULL;
}
#else
/* The template streamed through a sink with its first "%s" replaced by the
 * hex value (as find_conversion() finds it). */
size_t nxmsg__format_unknown(const nxmsg_lang *l, uint32_t code, char *buf, size_t size)
{
    struct nxmsg__unpack u;
    struct nxmsg__sink o = { buf, size, 0, 0 };
    char hex[NXMSG__HEX_MAX];
    size_t hl = nxmsg__format_hex(code, hex);
    int c, pct = 0, done = 0;

    nxmsg__lang_unpack(l, unknown_template(nxmsg__domain_of(code)), &u);
    while ((c = nxmsg__unpack_byte(&u)) >= 0) {
        if (pct && c == 's') {
            for (size_t i = 0; i < hl; i++)
                nxmsg__sink_put(&o, (unsigned char)hex[i]);
            pct = 0;
            done = 1;
            continue;
        }
        if (pct)
            nxmsg__sink_put(&o, '%');
        pct = !done && c == '%';
        if (!pct)
            nxmsg__sink_put(&o, (unsigned char)c);
    }
    if (pct)
        nxmsg__sink_put(&o, '%');
    return nxmsg__sink_end(&o);
}

size_t nxmsg_lang_text_r(const nxmsg_lang *l, const nxmsg_entry *e, char *buf, size_t size)
{
    struct nxmsg__unpack u;
    struct nxmsg__sink o = { buf, size, 0, 0 };
    int c;

    if (e) {
        nxmsg__lang_unpack(l, e->index, &u);
        while ((c = nxmsg__unpack_byte(&u)) >= 0)
            nxmsg__sink_put(&o, (unsigned char)c);
    }
    return nxmsg__sink_end(&o);
}
#endif

size_t nxmsg_lang_describe_r(const nxmsg_lang *l, unsigned int code, char *buf, size_t size)
{
    const nxmsg_entry *e = nxmsg__find(code);

    if (e)
        return nxmsg_lang_text_r(l, e, buf, size);
    return nxmsg__format_unknown(l, code, buf, size);
}

size_t nxmsg_describe_r(unsigned int code, const char *lang, char *buf, size_t size)
{
    return nxmsg_lang_describe_r(nxmsg_lang_open(lang), code, buf, size);
}

#endif /* !NXMSG_CORE_NAMES_ONLY */
