/* codes.c - the code table: value <-> entry <-> name lookups, parsing.
 * Freestanding (see nxmsg_core.h); the tables are in the generated tables.c. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

const char *nxmsg_version(void)
{
#ifdef PACKAGE_VERSION
    return PACKAGE_VERSION;
#else
    return NXMSG_VERSION_STRING;
#endif
}

size_t nxmsg_count(void)
{
    return NXMSG_N_CODES;
}

const nxmsg_entry *nxmsg_entry_at(size_t index)
{
    return index < NXMSG_N_CODES ? &nxmsg__entries[index] : NULL;
}

const nxmsg_entry *nxmsg_find_in(nxmsg_domain domain, unsigned int code)
{
    return nxmsg__find_in((unsigned)domain, code);
}

const nxmsg_entry *nxmsg_find(unsigned int code)
{
    return nxmsg__find(code);
}

nxmsg_domain nxmsg_domain_of(unsigned int code)
{
    return nxmsg__domain_of(code);
}

size_t nxmsg_find_all(unsigned int code, const nxmsg_entry **out, size_t max)
{
    size_t n = 0;

    for (size_t d = 0; d < nxmsg__n_values; d++) {
        const nxmsg_entry *e = nxmsg__find_in((unsigned)d, code);
        if (!e)
            continue;
        if (out && n < max)
            out[n] = e;
        n++;
    }
    /* ordered as nxmsg_entry_at(): by position in the table */
    for (size_t i = 1; out && i < n && i < max; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            const nxmsg_entry *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

/* The domains' names and keywords. */
static const struct {
    uint8_t domain;
    const char *key, *name;
} domain_names[] = {
    { NXMSG_DOMAIN_TLS, "tls", "TLS" },
    { NXMSG_DOMAIN_X509, "x509", "X.509" },
    { NXMSG_DOMAIN_CORE, "core", "NetX TCP/IP" },
    { NXMSG_DOMAIN_CRYPTO, "crypto", "NetX Crypto" },
};
#define N_DOMAINS (sizeof domain_names / sizeof domain_names[0])

static int domain_slot(nxmsg_domain domain)
{
    for (size_t d = 0; d < N_DOMAINS; d++)
        if (domain_names[d].domain == domain)
            return (int)d;
    return -1;
}

const char *nxmsg_domain_name(nxmsg_domain domain)
{
    int d = domain_slot(domain);
    return d < 0 ? "unknown" : domain_names[d].name;
}

const char *nxmsg_domain_key(nxmsg_domain domain)
{
    int d = domain_slot(domain);
    return d < 0 ? NULL : domain_names[d].key;
}

nxmsg_domain nxmsg_domain_from_key(const char *key)
{
    for (size_t d = 0; key && d < N_DOMAINS; d++)
        if (nxmsg__streq(key, domain_names[d].key))
            return (nxmsg_domain)domain_names[d].domain;
    return NXMSG_DOMAIN_NONE;
}

unsigned int nxmsg_entry_value(const nxmsg_entry *e)
{
    return e ? e->value : NXMSG_NO_CODE;
}

nxmsg_domain nxmsg_entry_domain(const nxmsg_entry *e)
{
    return e ? (nxmsg_domain)e->domain : NXMSG_DOMAIN_NONE;
}

#ifndef NXMSG_CORE_PACKED
const char *nxmsg_entry_name(const nxmsg_entry *e)
{
    return e ? nxmsg__name(e->index) : NULL;
}

const char *nxmsg_name(unsigned int code)
{
    return nxmsg_entry_name(nxmsg__find(code));
}

size_t nxmsg_entry_name_r(const nxmsg_entry *e, char *buf, size_t size)
{
    return nxmsg_copy_r(e ? nxmsg__name(e->index) : "", buf, size);
}

/* ---- names ---------------------------------------------------------------- */

/* Reading a name byte by byte: from the blob, or unpacked. */
struct name_reader {
    const unsigned char *p;
};

static void name_open(struct name_reader *r, size_t m)
{
    r->p = (const unsigned char *)nxmsg__name(m);
}

static int name_byte(struct name_reader *r)
{
    return *r->p ? *r->p++ : -1;
}
#else
size_t nxmsg_entry_name_r(const nxmsg_entry *e, char *buf, size_t size)
{
    if (!e)
        return nxmsg_copy_r("", buf, size);
    return nxmsg__unpack_r(&nxmsg__pk_names, e->index, buf, size);
}

/* ---- names ---------------------------------------------------------------- */

struct name_reader {
    struct nxmsg__unpack u;
};

static void name_open(struct name_reader *r, size_t m)
{
    nxmsg__unpack_init(&r->u, &nxmsg__pk_names, m);
}

static int name_byte(struct name_reader *r)
{
    return nxmsg__unpack_byte(&r->u);
}
#endif

size_t nxmsg_name_r(unsigned int code, char *buf, size_t size)
{
    return nxmsg_entry_name_r(nxmsg__find(code), buf, size);
}

/* The name as searched: upper case, '-' as '_'; 0 if not a letter, digit,
 * '_' or '-'. */
static char norm_char(char c)
{
    if (c >= 'a' && c <= 'z')
        return (char)(c - 'a' + 'A');
    if (c == '-')
        return '_';
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
        return c;
    return 0;
}

/* Compare message m's name with prefix + key[0..klen) (key normalized as it
 * is read): <0, 0, >0. */
static int cmp_name(size_t m, const char *prefix, size_t plen, const char *key, size_t klen)
{
    struct name_reader r;
    int n;

    name_open(&r, m);
    for (size_t i = 0; i < plen + klen; i++) {
        unsigned char c = (unsigned char)(i < plen ? prefix[i] : norm_char(key[i - plen]));
        if ((n = name_byte(&r)) < 0)
            return -1;
        if (n != c)
            return n < c ? -1 : 1;
    }
    return name_byte(&r) >= 0;
}

/* Binary search of the sorted name index for prefix + key; -1 if absent. */
static int find_msg(const char *prefix, size_t plen, const char *key, size_t klen)
{
    size_t lo = 0, hi = NXMSG_N_MSGS;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(nxmsg__name_order[mid], prefix, plen, key, klen);
        if (c == 0)
            return nxmsg__name_order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int nxmsg__msg_by_ctxt(const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (norm_char(name[i]) != name[i])
            return -1; /* the comparison normalizes: an exact name only */
    return find_msg("", 0, name, len);
}

#define NAME_MAX_LEN 80

/* NetX Duo spells one name NX_CRYTPO_MISSING_ECC_CURVE: it is found under
 * that prefix, and under NX_CRYPTO_ and CRYPTO_ (typo_fixes) too. */
#define TYPO_PREFIX "NX_CRYTPO_"

static const char *const name_prefixes[] = {
    "", "NX_", "NX_SECURE_", "NX_SECURE_TLS_", "NX_SECURE_X509_",
    "NX_SECURE_DTLS_", "NX_SECURE_PKCS1_", "NX_CRYPTO_", TYPO_PREFIX,
};
static const char *const typo_fixes[] = { "NX_CRYPTO_", "CRYPTO_" };

/* at most one match per prefix and per typo fix */
#define MAX_MATCHES (sizeof name_prefixes / sizeof name_prefixes[0] + \
                     sizeof typo_fixes / sizeof typo_fixes[0])

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trim blanks (leading: space and TAB): the name's length from *in, which
 * is moved to its start; 0 if malformed or empty.  It is normalized where it
 * is compared, so no copy is needed (the core's stack budget). */
static size_t trim_name(const char **in)
{
    const char *s = *in;
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    if (len > NAME_MAX_LEN)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (norm_char(s[i]) == 0)
            return 0;
    *in = s;
    return len;
}

/* Whether key[0..len), normalized, starts with the upper-case prefix p. */
static int has_prefix(const char *key, size_t len, const char *p)
{
    size_t i;

    for (i = 0; p[i]; i++)
        if (i >= len || norm_char(key[i]) != p[i])
            return 0;
    return 1;
}

/* Add the code named prefix + key[0..klen), if any, to the sorted hits. */
static size_t add_match(const char *prefix, const char *key, size_t klen, uint16_t *hits, size_t count)
{
    int m = find_msg(prefix, strlen(prefix), key, klen);
    size_t j;

    if (m < 0 || m >= NXMSG_N_CODES)
        return count;
    for (j = 0; j < count && hits[j] != m; j++)
        ;
    if (j < count)
        return count; /* found through another prefix already */
    for (j = count; j > 0 && hits[j - 1] > m; j--)
        hits[j] = hits[j - 1];
    hits[j] = (uint16_t)m;
    return count + 1;
}

/* The message indices of the codes `name` matches, sorted, without
 * duplicates; returns how many, or BAD_NAME when `name` is not a name at
 * all. */
#define BAD_NAME ((size_t)-1)
static size_t match_codes(const char *name, uint16_t hits[MAX_MATCHES])
{
    size_t len, count = 0;

    if (!name || (len = trim_name(&name)) == 0)
        return BAD_NAME;
    for (size_t p = 0; p < sizeof name_prefixes / sizeof name_prefixes[0]; p++)
        count = add_match(name_prefixes[p], name, len, hits, count);
    for (size_t t = 0; t < sizeof typo_fixes / sizeof typo_fixes[0]; t++) {
        size_t tl = strlen(typo_fixes[t]);
        if (len > tl && has_prefix(name, len, typo_fixes[t]))
            count = add_match(TYPO_PREFIX, name + tl, len - tl, hits, count);
    }
    return count;
}

size_t nxmsg_find_names(const char *name, const nxmsg_entry **out, size_t max)
{
    uint16_t hits[MAX_MATCHES];
    size_t n = match_codes(name, hits);

    if (n == BAD_NAME)
        return 0;
    for (size_t i = 0; out && i < n && i < max; i++)
        out[i] = &nxmsg__entries[hits[i]];
    return n;
}

int nxmsg_find_name(const char *name, const nxmsg_entry **out)
{
    uint16_t hits[MAX_MATCHES];
    size_t n;

    if (out)
        *out = NULL;
    if ((n = match_codes(name, hits)) == BAD_NAME)
        return NXMSG_EINVAL;
    if (out && n > 0)
        *out = &nxmsg__entries[hits[0]];
    return n == 0 ? NXMSG_ENOENT : n == 1 ? NXMSG_OK : NXMSG_EAMBIGUOUS;
}

int nxmsg_code_from_name(const char *name, unsigned int *code)
{
    uint16_t hits[MAX_MATCHES];
    size_t n;

    if ((n = match_codes(name, hits)) == BAD_NAME)
        return NXMSG_EINVAL;
    if (n == 0)
        return NXMSG_ENOENT;
    for (size_t i = 1; i < n; i++)
        if (nxmsg__entries[hits[i]].value != nxmsg__entries[hits[0]].value)
            return NXMSG_EAMBIGUOUS;
    if (code)
        *code = nxmsg__entries[hits[0]].value;
    return NXMSG_OK;
}

static int digit_value(char c, unsigned base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t nxmsg__format_hex(uint32_t v, char out[NXMSG__HEX_MAX])
{
    size_t digits = 2, n = 0;

    while (digits < 8 && (v >> (4 * digits)) != 0)
        digits++;
    out[n++] = '0';
    out[n++] = 'x';
    while (digits-- > 0)
        out[n++] = "0123456789ABCDEF"[(v >> (4 * digits)) & 0xF];
    out[n] = '\0';
    return n;
}

int nxmsg_parse_code(const char *s, unsigned int *code)
{
    uint32_t v = 0;
    unsigned base = 10;
    const char *p, *end;

    if (!s)
        return NXMSG_EINVAL;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '-' || *s == '+')
        return NXMSG_EINVAL; /* no name starts with a sign */
    if (!(*s >= '0' && *s <= '9'))
        return nxmsg_code_from_name(s, code);
    end = s + strlen(s);
    while (end > s && is_blank(end[-1]))
        end--;
    p = s;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (p == end)
        return NXMSG_EINVAL;
    for (; p < end; p++) {
        int d = digit_value(*p, base);
        if (d < 0 || v > (0xFFFFFFFFu - (uint32_t)d) / base)
            return NXMSG_EINVAL;
        v = v * base + (uint32_t)d;
    }
    if (code)
        *code = v;
    return NXMSG_OK;
}
