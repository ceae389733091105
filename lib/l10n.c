/* l10n.c - per-call language: catalogs read once, then array lookups.
 *
 * A language's .mo file (<localedir>/<lang>/LC_MESSAGES/nxmsg.mo) is read
 * once, checked, and turned into an array of NXMSG_N_MSGS text pointers.
 * Every message whose key is missing, whose English is stale, or whose
 * translation is empty, not clean UTF-8, or (for templates) has other
 * conversions than one %s, keeps the built-in English.  Loaded languages sit
 * in a small table read without locks (atomic pointers); loading is
 * serialized by a mutex.  Catalog memory lives until the process exits. */
#include <config.h>

#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define TAG_MAX 12
#define NSLOTS 32
#define MO_MAX_SIZE (4u << 20)
#define TEXT_MAX 1024 /* longest translation accepted, bytes */

struct lang {
    char tag[TAG_MAX];
    int have_catalog;
    char *data; /* the .mo file, or NULL */
    struct lang *retired_next;
    const char *texts[NXMSG_N_MSGS];
};

static struct lang english = { "en", 0, NULL, NULL, { NULL } };
static pthread_once_t english_once = PTHREAD_ONCE_INIT;
static _Atomic(struct lang *) slots[NSLOTS];
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lang *retired; /* replaced by nxmsg_set_localedir() */
static char localedir_set[4001];
static int localedir_is_set;

static void init_english(void)
{
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        english.texts[i] = nxmsg__english(i);
}

/* ---- .mo parsing ---------------------------------------------------------- */

static unsigned long get32(const unsigned char *p, int swap)
{
    if (swap)
        return (unsigned long)p[3] | (unsigned long)p[2] << 8 |
               (unsigned long)p[1] << 16 | (unsigned long)p[0] << 24;
    return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
           (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* Check a string descriptor; returns the string or NULL. */
static const char *mo_string(const unsigned char *d, size_t size, size_t desc, int swap, size_t *lenp)
{
    unsigned long len, off;

    len = get32(d + desc, swap);
    off = get32(d + desc + 4, swap);
    if (off >= size || len >= size - off || d[off + len] != '\0')
        return NULL;
    *lenp = len;
    return (const char *)d + off;
}

/* A template must have exactly one "%s" and no other conversion. */
static int template_ok(const char *s)
{
    int n = 0;
    for (; (s = strchr(s, '%')) != NULL; s += 2) {
        if (s[1] == 's')
            n++;
        else
            return 0;
    }
    return n == 1;
}

static void parse_mo(struct lang *l, const unsigned char *d, size_t size)
{
    unsigned long magic, n, otab, ttab;
    int swap;

    if (size < 28)
        return;
    magic = get32(d, 0);
    if (magic == 0x950412deUL)
        swap = 0;
    else if (magic == 0xde120495UL)
        swap = 1;
    else
        return;
    if ((get32(d + 4, swap) >> 16) > 1)
        return;
    n = get32(d + 8, swap);
    otab = get32(d + 12, swap);
    ttab = get32(d + 16, swap);
    if (n > size / 16 || otab > size - n * 8 || ttab > size - n * 8)
        return;
    for (unsigned long i = 0; i < n; i++) {
        size_t klen, tlen;
        const char *key = mo_string(d, size, otab + i * 8, swap, &klen);
        const char *tr = mo_string(d, size, ttab + i * 8, swap, &tlen);
        const char *eot;
        int m;

        if (!key || !tr || strlen(key) != klen || tlen == 0 || tlen > TEXT_MAX)
            continue;
        eot = memchr(key, '\004', klen);
        if (!eot)
            continue;
        m = nxmsg__msg_by_ctxt(key, (size_t)(eot - key));
        if (m < 0 || strcmp(key, nxmsg__keys[m]) != 0)
            continue; /* unknown or stale message */
        if (strlen(tr) != tlen || !nxmsg__utf8_clean(tr, tlen))
            continue;
        if (m >= NXMSG_N_CODES && !template_ok(tr))
            continue;
        l->texts[m] = tr;
        l->have_catalog = 1;
    }
}

static const char *localedir(void)
{
    const char *env;
    if (localedir_is_set)
        return localedir_set;
    env = getenv("NXMSG_LOCALEDIR");
    return env && *env ? env : LOCALEDIR;
}

/* Read and parse <localedir>/<tag>/LC_MESSAGES/nxmsg.mo into l. */
static void load(struct lang *l)
{
    char path[4200];
    struct stat st;
    FILE *f;
    char *data = NULL;

    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        l->texts[i] = english.texts[i];
    if (snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" PACKAGE ".mo", localedir(), l->tag) >= (int)sizeof path)
        return;
    f = fopen(path, "rb");
    if (!f)
        return;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= MO_MAX_SIZE &&
        (data = malloc((size_t)st.st_size + 1)) != NULL &&
        fread(data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
        data[st.st_size] = '\0';
        parse_mo(l, (const unsigned char *)data, (size_t)st.st_size);
    }
    fclose(f);
    if (l->have_catalog) {
        l->data = data;
    } else {
        free(data);
        for (size_t i = 0; i < NXMSG_N_MSGS; i++)
            l->texts[i] = english.texts[i];
    }
}

/* ---- language tags -------------------------------------------------------- */

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

/* "ja_JP.UTF-8@mod", "ja-jp", "ja" -> "ja_JP" and "ja".  Returns how many
 * candidates (0 if the name is malformed; "C" and "POSIX" give 0 too). */
static int lang_candidates(const char *name, size_t len, char full[TAG_MAX], char base[TAG_MAX])
{
    size_t n = 0, ll;

    while (n < len && name[n] != '.' && name[n] != '@')
        n++;
    for (ll = 0; ll < n && is_alpha(name[ll]); ll++)
        ;
    if (ll < 2 || ll > 3)
        return 0;
    for (size_t i = 0; i < ll; i++)
        base[i] = (char)(name[i] | 0x20);
    base[ll] = '\0';
    if (ll == n)
        return 1;
    if ((name[ll] != '_' && name[ll] != '-') || n - ll - 1 < 2 || n - ll - 1 > 3)
        return 0;
    memcpy(full, base, ll);
    full[ll] = '_';
    for (size_t i = ll + 1; i < n; i++) {
        if (!is_alnum(name[i]))
            return 0;
        full[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
    }
    full[n] = '\0';
    return 2;
}

/* The loaded (or just loaded) language for a tag; NULL if the table is full. */
static struct lang *get_lang(const char *tag)
{
    struct lang *l;
    size_t i;

    for (i = 0; i < NSLOTS; i++) {
        l = atomic_load_explicit(&slots[i], memory_order_acquire);
        if (!l)
            break;
        if (strcmp(l->tag, tag) == 0)
            return l;
    }
    pthread_mutex_lock(&load_lock);
    for (i = 0; i < NSLOTS; i++) {
        l = atomic_load_explicit(&slots[i], memory_order_relaxed);
        if (!l || strcmp(l->tag, tag) == 0)
            break;
    }
    if (i < NSLOTS && !l && (l = calloc(1, sizeof *l)) != NULL) {
        strcpy(l->tag, tag);
        load(l);
        atomic_store_explicit(&slots[i], l, memory_order_release);
    }
    pthread_mutex_unlock(&load_lock);
    return i < NSLOTS ? l : NULL;
}

/* The catalog for one language name; NULL if it has none. */
static const struct lang *lookup_name(const char *name, size_t len)
{
    char full[TAG_MAX], base[TAG_MAX];
    int n = lang_candidates(name, len, full, base);
    const struct lang *l;

    if (n == 2 && (l = get_lang(full)) != NULL && l->have_catalog)
        return l;
    if (n >= 1 && (l = get_lang(base)) != NULL && l->have_catalog)
        return l;
    return NULL;
}

static int is_english(const char *name, size_t len)
{
    return (len >= 2 && (name[0] | 0x20) == 'e' && (name[1] | 0x20) == 'n' &&
            (len == 2 || !is_alpha(name[2]))) ||
           (len >= 1 && name[0] == 'C' && (len == 1 || name[1] == '.' || name[1] == '@')) ||
           (len == 5 && memcmp(name, "POSIX", 5) == 0);
}

static const struct lang *resolve(const char *lang)
{
    const struct lang *l;
    const char *loc, *list;

    pthread_once(&english_once, init_english);
    if (lang) {
        l = lookup_name(lang, strlen(lang));
        return l ? l : &english;
    }
    /* gettext's rules: nothing in the C locale; else LANGUAGE, else the
     * locale's own name.  An English item ends the search. */
    loc = setlocale(LC_MESSAGES, NULL);
    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        return &english;
    list = getenv("LANGUAGE");
    if (list && *list) {
        while (*list) {
            size_t len = strcspn(list, ":");
            if (len > 0) {
                if (is_english(list, len))
                    return &english;
                if ((l = lookup_name(list, len)) != NULL)
                    return l;
            }
            list += len + (list[len] == ':');
        }
    }
    l = lookup_name(loc, strlen(loc));
    return l ? l : &english;
}

const char *const *nxmsg__texts(const char *lang)
{
    return resolve(lang)->texts;
}

int nxmsg_have_catalog(const char *lang)
{
    return resolve(lang)->have_catalog;
}

int nxmsg_set_localedir(const char *dir)
{
    if (dir && strlen(dir) >= sizeof localedir_set)
        return NXMSG_EINVAL;
    pthread_mutex_lock(&load_lock);
    if (dir)
        strcpy(localedir_set, dir);
    localedir_is_set = dir != NULL;
    for (size_t i = 0; i < NSLOTS; i++) {
        struct lang *l = atomic_exchange(&slots[i], NULL);
        if (l) {
            l->retired_next = retired;
            retired = l;
        }
    }
    pthread_mutex_unlock(&load_lock);
    return NXMSG_OK;
}

/* Free everything at exit so that leak checkers see a clean process. */
__attribute__((destructor)) static void free_all(void)
{
    nxmsg_set_localedir(NULL);
    while (retired) {
        struct lang *next = retired->retired_next;
        free(retired->data);
        free(retired);
        retired = next;
    }
}

/* ---- descriptions --------------------------------------------------------- */

const char *nxmsg_entry_text(const nxmsg_entry *e, const char *lang)
{
    if (!e)
        return nxmsg_describe(0xFFFFFFFFu, lang);
    return nxmsg__texts(lang)[e->index];
}

/* Format the unknown-code text into buf (size >= 1); returns its length. */
static size_t format_unknown(unsigned int code, const char *lang, char *buf, size_t size)
{
    const char *const *t = nxmsg__texts(lang);
    const char *tpl, *pct;
    char hex[16];
    size_t out = 0, hl, pre;
    int idx;

    switch (nxmsg_domain_of(code)) {
    case NXMSG_DOMAIN_TLS: idx = NXMSG_IDX_NXMSG_UNKNOWN_TLS; break;
    case NXMSG_DOMAIN_X509: idx = NXMSG_IDX_NXMSG_UNKNOWN_X509; break;
    case NXMSG_DOMAIN_NETX: idx = NXMSG_IDX_NXMSG_NETX_CODE; break;
    default: idx = NXMSG_IDX_NXMSG_UNKNOWN_CODE; break;
    }
    tpl = t[idx];
    hl = (size_t)snprintf(hex, sizeof hex, "0x%02X", code);
    pct = strstr(tpl, "%s");
    pre = (size_t)(pct - tpl);
    /* the template is plain text around one %s: copy it in three parts */
    {
        const char *parts[3] = { tpl, hex, pct + 2 };
        size_t lens[3] = { pre, hl, strlen(pct + 2) };
        for (int p = 0; p < 3; p++) {
            size_t room = size - 1 - out;
            size_t n = lens[p] <= room ? lens[p] : nxmsg__utf8_cut(parts[p], lens[p], room);
            memcpy(buf + out, parts[p], n);
            out += n;
            if (n < lens[p])
                break;
        }
    }
    buf[out] = '\0';
    return out;
}

#define UNKNOWN_MAX (TEXT_MAX + 16)

const char *nxmsg_describe(unsigned int code, const char *lang)
{
    static _Thread_local char buf[UNKNOWN_MAX];
    const nxmsg_entry *e = nxmsg_find(code);

    if (e)
        return nxmsg__texts(lang)[e->index];
    format_unknown(code, lang, buf, sizeof buf);
    return buf;
}

size_t nxmsg_describe_r(unsigned int code, const char *lang, char *buf, size_t size)
{
    char tmp[UNKNOWN_MAX];
    const nxmsg_entry *e = nxmsg_find(code);

    if (e)
        return nxmsg_copy_r(nxmsg__texts(lang)[e->index], buf, size);
    format_unknown(code, lang, tmp, sizeof tmp);
    return nxmsg_copy_r(tmp, buf, size);
}
