/* catalog.c - the code table: value <-> entry <-> name lookups. */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *const nxmsg__keys[NXMSG_N_MSGS] = {
#define NXMSG_CODE(dom, val, name, en) #name "\004" en,
#define NXMSG_TEXT(id, en) #id "\004" en,
#include "codes.def"
#undef NXMSG_CODE
#undef NXMSG_TEXT
};

const unsigned char nxmsg__ctxt_len[NXMSG_N_MSGS] = {
#define NXMSG_CODE(dom, val, name, en) sizeof #name - 1,
#define NXMSG_TEXT(id, en) sizeof #id - 1,
#include "codes.def"
#undef NXMSG_CODE
#undef NXMSG_TEXT
};

const struct nxmsg_entry nxmsg__entries[NXMSG_N_CODES] = {
#define NXMSG_CODE(dom, val, name, en) \
    { val, NXMSG_DOMAIN_##dom, sizeof #name - 1, NXMSG_IDX_##name, #name },
#define NXMSG_TEXT(id, en)
#include "codes.def"
#undef NXMSG_CODE
#undef NXMSG_TEXT
};

/* Dense per-domain maps: value - base -> entry index + 1 (0: no entry);
 * slot 0 holds the domain's 0x00 entry (0 - base would underflow). */
#define CORE_BASE 0x0u
#define TLS_BASE 0x100u
#define X509_BASE 0x180u
#define CRYPTO_BASE 0x20000u
#define CORE_SIZE 0x100u
#define RANGE_SIZE 0x80u   /* TLS and X.509 */
#define CRYPTO_SIZE 0x100u /* the defined crypto codes; the domain is wider */
#define CRYPTO_END 0x30000u

#define NXMSG_TEXT(id, en)
#define NXMSG_CODE(dom, val, name, en) MAP_##dom(val, NXMSG_IDX_##name)
#define SLOT(val, base, idx) [(val) ? (val) - (base) : 0] = (idx) + 1,

static const unsigned char tls_map[RANGE_SIZE] = {
#define MAP_TLS(val, idx) SLOT(val, TLS_BASE, idx)
#define MAP_X509(val, idx)
#define MAP_CORE(val, idx)
#define MAP_CRYPTO(val, idx)
#include "codes.def"
};

static const unsigned char x509_map[RANGE_SIZE] = {
#undef MAP_TLS
#undef MAP_X509
#define MAP_TLS(val, idx)
#define MAP_X509(val, idx) SLOT(val, X509_BASE, idx)
#include "codes.def"
};

static const unsigned char core_map[CORE_SIZE] = {
#undef MAP_X509
#undef MAP_CORE
#define MAP_X509(val, idx)
#define MAP_CORE(val, idx) SLOT(val, CORE_BASE, idx)
#include "codes.def"
};

static const unsigned char crypto_map[CRYPTO_SIZE] = {
#undef MAP_CORE
#undef MAP_CRYPTO
#define MAP_CORE(val, idx)
#define MAP_CRYPTO(val, idx) SLOT(val, CRYPTO_BASE, idx)
#include "codes.def"
};
#undef MAP_CORE
#undef MAP_TLS
#undef MAP_X509
#undef MAP_CRYPTO
#undef SLOT
#undef NXMSG_CODE
#undef NXMSG_TEXT

/* The domains in entry order, with their maps. */
static const struct {
    nxmsg_domain domain;
    unsigned int base, size;
    const unsigned char *map;
    const char *key, *name;
} domains[] = {
    { NXMSG_DOMAIN_TLS, TLS_BASE, RANGE_SIZE, tls_map, "tls", "TLS" },
    { NXMSG_DOMAIN_X509, X509_BASE, RANGE_SIZE, x509_map, "x509", "X.509" },
    { NXMSG_DOMAIN_CORE, CORE_BASE, CORE_SIZE, core_map, "core", "NetX TCP/IP" },
    { NXMSG_DOMAIN_CRYPTO, CRYPTO_BASE, CRYPTO_SIZE, crypto_map, "crypto", "NetX Crypto" },
};
#define N_DOMAINS (sizeof domains / sizeof domains[0])

/* Compile-time checks of the table's shape. */
_Static_assert(NXMSG_N_CODES < 255, "entry index must fit the maps");
_Static_assert(NXMSG_N_MSGS < 65535, "message index must fit");

const char *nxmsg_version(void)
{
    return PACKAGE_VERSION;
}

size_t nxmsg_count(void)
{
    return NXMSG_N_CODES;
}

const nxmsg_entry *nxmsg_entry_at(size_t index)
{
    return index < NXMSG_N_CODES ? &nxmsg__entries[index] : NULL;
}

static int domain_slot(nxmsg_domain domain)
{
    for (size_t d = 0; d < N_DOMAINS; d++)
        if (domains[d].domain == domain)
            return (int)d;
    return -1;
}

const nxmsg_entry *nxmsg_find_in(nxmsg_domain domain, unsigned int code)
{
    int d = domain_slot(domain);
    unsigned int off;

    if (d < 0 || (code != 0 && nxmsg_domain_of(code) != domain))
        return NULL;
    off = code == 0 ? 0 : code - domains[d].base;
    if (off >= domains[d].size || domains[d].map[off] == 0)
        return NULL;
    return &nxmsg__entries[domains[d].map[off] - 1];
}

const nxmsg_entry *nxmsg_find(unsigned int code)
{
    return nxmsg_find_in(nxmsg_domain_of(code), code);
}

size_t nxmsg_find_all(unsigned int code, const nxmsg_entry **out, size_t max)
{
    size_t n = 0;

    for (size_t d = 0; d < N_DOMAINS; d++) {
        const nxmsg_entry *e = nxmsg_find_in(domains[d].domain, code);
        if (!e)
            continue;
        if (out && n < max)
            out[n] = e;
        n++;
    }
    return n;
}

nxmsg_domain nxmsg_domain_of(unsigned int code)
{
    if (code == 0 || (code > TLS_BASE && code < TLS_BASE + RANGE_SIZE))
        return NXMSG_DOMAIN_TLS; /* 0x00 too: nxmsg_find(0) is TLS success */
    if (code < TLS_BASE)
        return NXMSG_DOMAIN_CORE;
    if (code > X509_BASE && code < X509_BASE + RANGE_SIZE)
        return NXMSG_DOMAIN_X509;
    if (code > CRYPTO_BASE && code < CRYPTO_END)
        return NXMSG_DOMAIN_CRYPTO;
    return NXMSG_DOMAIN_NONE;
}

const char *nxmsg_domain_name(nxmsg_domain domain)
{
    int d = domain_slot(domain);
    return d < 0 ? "unknown" : domains[d].name;
}

const char *nxmsg_domain_key(nxmsg_domain domain)
{
    int d = domain_slot(domain);
    return d < 0 ? NULL : domains[d].key;
}

nxmsg_domain nxmsg_domain_from_key(const char *key)
{
    for (size_t d = 0; key && d < N_DOMAINS; d++)
        if (strcmp(key, domains[d].key) == 0)
            return domains[d].domain;
    return NXMSG_DOMAIN_NONE;
}

unsigned int nxmsg_entry_value(const nxmsg_entry *e)
{
    return e ? e->value : 0;
}

nxmsg_domain nxmsg_entry_domain(const nxmsg_entry *e)
{
    return e ? (nxmsg_domain)e->domain : NXMSG_DOMAIN_NONE;
}

const char *nxmsg_entry_name(const nxmsg_entry *e)
{
    return e ? e->name : NULL;
}

void nxmsg_entry_msgid(const nxmsg_entry *e, const char **msgctxt, const char **msgid)
{
    if (msgctxt)
        *msgctxt = e ? e->name : NULL;
    if (msgid)
        *msgid = e ? nxmsg__english(e->index) : NULL;
}

const char *nxmsg_name(unsigned int code)
{
    return nxmsg_entry_name(nxmsg_find(code));
}

/* ---- names ---------------------------------------------------------------- */

/* Message indices sorted by msgctxt, built once. */
static unsigned short by_ctxt[NXMSG_N_MSGS];
static pthread_once_t by_ctxt_once = PTHREAD_ONCE_INIT;

static int cmp_ctxt(const void *a, const void *b)
{
    const unsigned short *x = a, *y = b;
    size_t lx = nxmsg__ctxt_len[*x], ly = nxmsg__ctxt_len[*y];
    int c = memcmp(nxmsg__keys[*x], nxmsg__keys[*y], lx < ly ? lx : ly);
    return c ? c : (lx > ly) - (lx < ly);
}

static void build_by_ctxt(void)
{
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        by_ctxt[i] = (unsigned short)i;
    qsort(by_ctxt, NXMSG_N_MSGS, sizeof by_ctxt[0], cmp_ctxt);
}

int nxmsg__msg_by_ctxt(const char *ctxt, size_t len)
{
    size_t lo = 0, hi = NXMSG_N_MSGS;

    pthread_once(&by_ctxt_once, build_by_ctxt);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned short i = by_ctxt[mid];
        size_t l = nxmsg__ctxt_len[i];
        int c = memcmp(nxmsg__keys[i], ctxt, l < len ? l : len);
        if (c == 0)
            c = (l > len) - (l < len);
        if (c == 0)
            return i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

#define NAME_MAX_LEN 80

/* Upper-case, '-' to '_', blanks trimmed; 0 if malformed. */
static size_t normalize_name(const char *in, char *out)
{
    size_t n = 0;
    const char *end;

    if (!in)
        return 0;
    while (*in == ' ' || *in == '\t')
        in++;
    end = in + strlen(in);
    while (end > in && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    for (; in < end; in++) {
        char c = *in;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (c == '-')
            c = '_';
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
        if (n == NAME_MAX_LEN)
            return 0;
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

/* NetX Duo spells one name NX_CRYTPO_MISSING_ECC_CURVE: it is found under
 * that prefix, and under NX_CRYPTO_ and CRYPTO_ (typo_fixes) too. */
#define TYPO_PREFIX "NX_CRYTPO_"

static const char *const name_prefixes[] = {
    "", "NX_", "NX_SECURE_", "NX_SECURE_TLS_", "NX_SECURE_X509_",
    "NX_SECURE_DTLS_", "NX_SECURE_PKCS1_", "NX_CRYPTO_", TYPO_PREFIX,
};

static const char *const typo_fixes[] = { "NX_CRYPTO_", "CRYPTO_" };

/* Mark the code whose name is prefix + s[0..len), if any. */
static void mark_name(const char *prefix, const char *s, size_t len, unsigned char *hit)
{
    char full[NAME_MAX_LEN + 32];
    size_t pl = strlen(prefix);
    int i;

    memcpy(full, prefix, pl);
    memcpy(full + pl, s, len);
    i = nxmsg__msg_by_ctxt(full, pl + len);
    if (i >= 0 && i < NXMSG_N_CODES)
        hit[i] = 1;
}

size_t nxmsg_find_names(const char *name, const nxmsg_entry **out, size_t max)
{
    char norm[NAME_MAX_LEN + 1];
    unsigned char hit[NXMSG_N_CODES] = {0};
    size_t len = normalize_name(name, norm), count = 0;

    if (len == 0)
        return 0;
    for (size_t p = 0; p < sizeof name_prefixes / sizeof name_prefixes[0]; p++)
        mark_name(name_prefixes[p], norm, len, hit);
    for (size_t t = 0; t < sizeof typo_fixes / sizeof typo_fixes[0]; t++) {
        size_t tl = strlen(typo_fixes[t]);
        if (len > tl && memcmp(norm, typo_fixes[t], tl) == 0)
            mark_name(TYPO_PREFIX, norm + tl, len - tl, hit);
    }
    for (size_t i = 0; i < NXMSG_N_CODES; i++) {
        if (!hit[i])
            continue;
        if (out && count < max)
            out[count] = &nxmsg__entries[i];
        count++;
    }
    return count;
}

int nxmsg_find_name(const char *name, const nxmsg_entry **out)
{
    const nxmsg_entry *first = NULL;
    char norm[NAME_MAX_LEN + 1];
    size_t n;

    if (out)
        *out = NULL;
    if (normalize_name(name, norm) == 0)
        return NXMSG_EINVAL;
    n = nxmsg_find_names(name, &first, 1);
    if (out)
        *out = first;
    return n == 0 ? NXMSG_ENOENT : n == 1 ? NXMSG_OK : NXMSG_EAMBIGUOUS;
}

int nxmsg_code_from_name(const char *name, unsigned int *code)
{
    const nxmsg_entry *all[NXMSG_N_CODES];
    size_t n;
    char norm[NAME_MAX_LEN + 1];

    if (normalize_name(name, norm) == 0)
        return NXMSG_EINVAL;
    n = nxmsg_find_names(name, all, NXMSG_N_CODES);
    if (n == 0)
        return NXMSG_ENOENT;
    for (size_t i = 1; i < n; i++)
        if (all[i]->value != all[0]->value)
            return NXMSG_EAMBIGUOUS;
    if (code)
        *code = all[0]->value;
    return NXMSG_OK;
}

int nxmsg_parse_code(const char *s, unsigned int *code)
{
    unsigned long long v = 0;
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
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    p = s;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (p == end)
        return NXMSG_EINVAL;
    for (; p < end; p++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (base == 16 && *p >= 'a' && *p <= 'f')
            d = (unsigned)(*p - 'a' + 10);
        else if (base == 16 && *p >= 'A' && *p <= 'F')
            d = (unsigned)(*p - 'A' + 10);
        else
            return NXMSG_EINVAL;
        v = v * base + d;
        if (v > 0xFFFFFFFFull)
            return NXMSG_EINVAL;
    }
    if (code)
        *code = (unsigned int)v;
    return NXMSG_OK;
}
