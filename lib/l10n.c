/* l10n.c - the host library's language module: catalogs read once, then
 * array lookups; the process environment's language.
 *
 * A language's .mo file (<localedir>/<lang>/LC_MESSAGES/nxmsg.mo) is read
 * once, checked (lib/mo.c, by the rules of lib/msgcheck.c), and turned into an array of NXMSG_N_MSGS text
 * pointers; messages it lacks keep the built-in English.  Languages with a
 * catalog sit in a small table read without locks (atomic pointers).  Files
 * are opened without blocking (a FIFO is refused) and read outside the lock,
 * so a slow file never holds up lookups of other languages.  A tag without
 * a catalog takes no slot: it is remembered in a small ring of misses.
 * nxmsg_set_localedir() retires the loaded catalogs (strings handed out stay
 * valid); a catalog loaded again with the same contents reuses its retired
 * copy, so memory stays bounded by the distinct catalogs ever read.
 *
 * With NXMSG_EMBEDDED_CATALOGS (configure --enable-embedded-catalogs) the
 * languages of the core's generated tables are served before any .mo file
 * is looked at; more specific tags such as ja_JP still come from files. */
#include <config.h>

#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "msgcheck.h"

#define NSLOTS 32  /* languages with a catalog */
#define NMISSES 16 /* tags remembered to have none */

static struct nxmsg_lang english = { "en", 0, NULL, 0, NULL, { NULL }, { NULL } };
static struct nxmsg_lang *builtin; /* the core's languages but English */
static size_t n_builtin;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static _Atomic(struct nxmsg_lang *) slots[NSLOTS];
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
/* under load_lock: */
static struct nxmsg_lang *retired;
static char misses[NMISSES][NXMSG__TAG_MAX];
static size_t next_miss;
static char localedir_set[NXMSG_LOCALEDIR_MAX + 1];
static int localedir_is_set;
/* bumped by nxmsg_set_localedir() and nxmsg_lang_reset() */
static atomic_uint generation;

void nxmsg__index_by_code(struct nxmsg_lang *l)
{
    for (uint32_t code = 0; code < NXMSG_DIRECT_CODES; code++) {
        unsigned m = nxmsg__code_msg(nxmsg__domain_of(code), code);
        l->by_code[code] = m ? l->texts[m - 1] : NULL;
    }
}

static void init_tables(void)
{
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        english.texts[i] = nxmsg__english(i);
    nxmsg__index_by_code(&english);
#ifdef NXMSG_EMBEDDED_CATALOGS
    builtin = calloc(nxmsg__n_text_tables - 1, sizeof *builtin);
    if (!builtin)
        return;
    n_builtin = nxmsg__n_text_tables - 1;
    for (size_t k = 0; k < n_builtin; k++) {
        const struct nxmsg__text_table *t = &nxmsg__text_tables[k + 1];
        memcpy(builtin[k].tag, t->tag, sizeof t->tag);
        builtin[k].have_catalog = 1;
        for (size_t i = 0; i < NXMSG_N_MSGS; i++)
            builtin[k].texts[i] = nxmsg__table_text(t, i);
        nxmsg__index_by_code(&builtin[k]);
    }
#endif
}

const char *nxmsg__lang_msg(const nxmsg_lang *l, size_t msg)
{
    return l->texts[msg];
}

/* ---- loading -------------------------------------------------------------- */

/* A language loaded from its .mo file (outside the lock), or NULL if there
 * is no usable catalog (or no memory). */
static struct nxmsg_lang *load(const char *dir, const char *tag)
{
    struct nxmsg_lang *l = calloc(1, sizeof *l);
    size_t size;

    if (!l)
        return NULL;
    strcpy(l->tag, tag);
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        l->texts[i] = english.texts[i];
    l->data = nxmsg__mo_read(dir, tag, &size);
    if (l->data && nxmsg__mo_parse(l->data, size, l->texts) > 0) {
        l->size = size;
        l->have_catalog = 1;
        nxmsg__index_by_code(l);
        return l;
    }
    free(l->data);
    free(l);
    return NULL;
}

/* Under load_lock: a retired language with the same tag and file contents
 * as l, taken off the retired list, or NULL. */
static struct nxmsg_lang *unretire(const struct nxmsg_lang *l)
{
    for (struct nxmsg_lang **p = &retired; *p; p = &(*p)->retired_next) {
        struct nxmsg_lang *r = *p;
        if (r->size == l->size && strcmp(r->tag, l->tag) == 0 && memcmp(r->data, l->data, l->size) == 0) {
            *p = r->retired_next;
            r->retired_next = NULL;
            return r;
        }
    }
    return NULL;
}

static struct nxmsg_lang *find_slot(const char *tag, memory_order order, size_t *free_slot)
{
    for (size_t i = 0; i < NSLOTS; i++) {
        struct nxmsg_lang *l = atomic_load_explicit(&slots[i], order);
        if (!l) {
            if (free_slot)
                *free_slot = i;
            return NULL;
        }
        if (strcmp(l->tag, tag) == 0)
            return l;
    }
    if (free_slot)
        *free_slot = NSLOTS;
    return NULL;
}

static int is_miss(const char *tag)
{
    for (size_t i = 0; i < NMISSES; i++)
        if (strcmp(misses[i], tag) == 0)
            return 1;
    return 0;
}

static void add_miss(const char *tag)
{
    strcpy(misses[next_miss], tag);
    next_miss = (next_miss + 1) % NMISSES;
}

/* Under load_lock: install a freshly loaded language (or record a miss);
 * returns the language to use, NULL for none. */
static struct nxmsg_lang *install(struct nxmsg_lang *fresh, const char *tag)
{
    struct nxmsg_lang *l, *old;
    size_t i;

    if ((l = find_slot(tag, memory_order_relaxed, &i)) != NULL || !fresh || i == NSLOTS) {
        if (!l)
            add_miss(tag);
        if (fresh)
            free(fresh->data);
        free(fresh);
        return l;
    }
    if ((old = unretire(fresh)) != NULL) {
        free(fresh->data);
        free(fresh);
        fresh = old;
    }
    atomic_store_explicit(&slots[i], fresh, memory_order_release);
    return fresh;
}

/* The loaded (or just loaded) language for a tag; NULL if it has no
 * catalog. */
static struct nxmsg_lang *get_lang(const char *tag)
{
    char dir[NXMSG_LOCALEDIR_MAX + 1];
    struct nxmsg_lang *l = find_slot(tag, memory_order_acquire, NULL), *fresh;
    unsigned gen;

    while (!l) {
        pthread_mutex_lock(&load_lock);
        if ((l = find_slot(tag, memory_order_relaxed, NULL)) != NULL || is_miss(tag)) {
            pthread_mutex_unlock(&load_lock);
            return l;
        }
        strcpy(dir, localedir_is_set ? localedir_set : nxmsg__default_localedir());
        gen = atomic_load(&generation);
        pthread_mutex_unlock(&load_lock);

        fresh = load(dir, tag); /* file I/O without the lock */

        pthread_mutex_lock(&load_lock);
        if (gen == atomic_load(&generation)) {
            l = install(fresh, tag);
            pthread_mutex_unlock(&load_lock);
            return l;
        }
        pthread_mutex_unlock(&load_lock); /* the directory changed: again */
        if (fresh)
            free(fresh->data);
        free(fresh);
    }
    return l;
}

/* ---- choosing a language -------------------------------------------------- */

/* The language for an exact tag, compiled in or read from its .mo file;
 * NULL if it has no catalog. */
static const nxmsg_lang *lang_for_tag(const char *tag)
{
    const struct nxmsg_lang *l;

    for (size_t k = 0; k < n_builtin; k++)
        if (strcmp(builtin[k].tag, tag) == 0)
            return &builtin[k];
    l = get_lang(tag);
    return l && l->have_catalog ? l : NULL;
}

/* The language for one name ("ja_JP.UTF-8"); NULL if it has no catalog. */
static const nxmsg_lang *lang_for_name(const char *name, size_t len)
{
    char full[NXMSG__TAG_MAX], base[NXMSG__TAG_MAX];
    int n = nxmsg__tag_candidates(name, len, full, base);
    const nxmsg_lang *l;

    if (n == 2 && (l = lang_for_tag(full)) != NULL)
        return l;
    if (n >= 1 && (l = lang_for_tag(base)) != NULL)
        return l;
    return NULL;
}

/* gettext's rules: nothing in the C locale; else LANGUAGE, else the locale's
 * own name.  Every language of the LANGUAGE list up to an English item
 * counts, and per message the first that translates it (lib/fallback.c). */
static const nxmsg_lang *lang_from_environment(const char *loc)
{
    const nxmsg_lang *l, *found[NXMSG__CHAIN_MAX];
    const char *list;
    size_t n = 0;

    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        return &english;
    list = getenv("LANGUAGE");
    while (list && *list && n < NXMSG__CHAIN_MAX) {
        size_t len = strcspn(list, ":");
        if (len > 0 && nxmsg__tag_is_english(list, len))
            break;
        if (len > 0 && (l = lang_for_name(list, len)) != NULL && (n == 0 || found[n - 1] != l))
            found[n++] = l;
        list += len + (list[len] == ':');
    }
    if (n > 0)
        return nxmsg__chain(found, n);
    if (list && *list)
        return &english; /* an English item came first */
    l = lang_for_name(loc, strlen(loc));
    return l ? l : &english;
}

/* The environment's language, cached per thread until the LC_MESSAGES
 * locale name changes or the generation moves on. */
static const nxmsg_lang *environment_lang(void)
{
    static _Thread_local struct {
        const nxmsg_lang *lang;
        unsigned generation;
        char locale[64];
    } cache;
    const char *loc = setlocale(LC_MESSAGES, NULL);
    unsigned gen = atomic_load_explicit(&generation, memory_order_acquire);
    const nxmsg_lang *l;

    if (cache.lang && cache.generation == gen && loc && strcmp(cache.locale, loc) == 0)
        return cache.lang;
    l = lang_from_environment(loc);
    cache.lang = NULL;
    if (loc && strlen(loc) < sizeof cache.locale) {
        strcpy(cache.locale, loc);
        cache.generation = gen;
        cache.lang = l;
    }
    return l;
}

const nxmsg_lang *nxmsg_lang_open(const char *lang)
{
    const nxmsg_lang *l;

    pthread_once(&init_once, init_tables);
    if (!lang)
        return environment_lang();
    l = lang_for_name(lang, strlen(lang));
    return l ? l : &english;
}

void nxmsg_lang_reset(void)
{
    atomic_fetch_add_explicit(&generation, 1, memory_order_release);
}

const char *nxmsg_lang_tag(const nxmsg_lang *l)
{
    return l->tag;
}

const char *const *nxmsg__texts(const char *lang)
{
    return nxmsg_lang_open(lang)->texts;
}

int nxmsg_have_catalog(const char *lang)
{
    return nxmsg_lang_open(lang) != &english;
}

const char *nxmsg_embedded_language(size_t index)
{
#ifdef NXMSG_EMBEDDED_CATALOGS
    if (index < nxmsg__n_text_tables - 1)
        return nxmsg__text_tables[index + 1].tag;
#else
    (void)index;
#endif
    return NULL;
}

int nxmsg_set_localedir(const char *dir)
{
    if (dir && strlen(dir) > NXMSG_LOCALEDIR_MAX)
        return NXMSG_EINVAL;
    pthread_mutex_lock(&load_lock);
    if (dir)
        strcpy(localedir_set, dir);
    localedir_is_set = dir != NULL;
    for (size_t i = 0; i < NSLOTS; i++) {
        struct nxmsg_lang *l = atomic_exchange(&slots[i], NULL);
        if (l) {
            l->retired_next = retired;
            retired = l;
        }
    }
    memset(misses, 0, sizeof misses);
    atomic_fetch_add(&generation, 1);
    pthread_mutex_unlock(&load_lock);
    return NXMSG_OK;
}

/* Free everything at exit so that leak checkers see a clean process. */
__attribute__((destructor)) static void free_all(void)
{
    nxmsg_set_localedir(NULL);
    while (retired) {
        struct nxmsg_lang *next = retired->retired_next;
        free(retired->data);
        free(retired);
        retired = next;
    }
    free(builtin);
}

/* ---- descriptions --------------------------------------------------------- */

/* Longest unknown-code text: a template and the hex value. */
#define UNKNOWN_MAX (NXMSG__TEXT_MAX + 16)

/* Codes without a direct entry: the others, and unknown ones (formatted
 * into a buffer of the calling thread).  Kept out of line so that the
 * direct lookup needs no stack frame. */
__attribute__((noinline)) static const char *describe_other(const nxmsg_lang *l, unsigned int code)
{
    static _Thread_local char buf[UNKNOWN_MAX];
    unsigned m = nxmsg__code_msg(nxmsg__domain_of(code), code);

    if (m)
        return l->texts[m - 1];
    nxmsg__format_unknown(l, code, buf, sizeof buf);
    return buf;
}

const char *nxmsg_lang_describe(const nxmsg_lang *l, unsigned int code)
{
    if (code < NXMSG_DIRECT_CODES && l->by_code[code])
        return l->by_code[code];
    return describe_other(l, code);
}

const char *const *nxmsg_lang_by_code(const nxmsg_lang *l)
{
    return l->by_code;
}

const char *nxmsg_describe(unsigned int code, const char *lang)
{
    return nxmsg_lang_describe(nxmsg_lang_open(lang), code);
}

const char *nxmsg_entry_text(const nxmsg_entry *e, const char *lang)
{
    if (!e)
        return nxmsg_describe(NXMSG_NO_CODE, lang);
    return nxmsg_lang_open(lang)->texts[e->index];
}
