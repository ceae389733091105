/* gen-packed.c - build-time generator of lib/core/packed-tables.c: the
 * names and the texts of every compiled language of lib/core/tables.c,
 * packed for a NXMSG_CORE_PACKED device build (core.h gives the format).
 * Each table (the names, English, each language) gets its own dictionary,
 * built by byte-pair encoding over code points: the most frequent adjacent
 * pair of tokens becomes a new token, as long as that makes the table with
 * its dictionary smaller.  The output depends only on the input.
 * It checks what the device code assumes: every character boundary of a
 * text is a cut nxmsg_copy_r may make (no combining marks, no joiners).
 * Usage: gen-packed > packed-tables.c; exit 1 with a message on failure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define MAX_TOKENS 2048 /* 11-bit token ids */

struct token {
    uint32_t cp;       /* a code point, or */
    int left, right;   /* a pair (left >= 0) */
    int depth, count, id;
};

struct table {
    struct token tok[MAX_TOKENS];
    int ntok;
    int *seq[NXMSG_N_MSGS]; /* token indices, ending with the token of U+0000 */
    int len[NXMSG_N_MSGS];  /* 0: no text (English fallback) */
};

static void fail(const char *what, const char *text)
{
    fprintf(stderr, "gen-packed: %s%s%s\n", what, text ? ": " : "", text ? text : "");
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        fail("out of memory", NULL);
    return p;
}

static int terminal(struct table *t, uint32_t cp)
{
    for (int i = 0; i < t->ntok; i++)
        if (t->tok[i].left < 0 && t->tok[i].cp == cp)
            return i;
    if (t->ntok == MAX_TOKENS)
        fail("too many distinct characters", NULL);
    t->tok[t->ntok] = (struct token){ cp, -1, -1, 0, 0, -1 };
    return t->ntok++;
}

/* Message m's text into its sequence of terminals; checks the cuts. */
static void add_text(struct table *t, size_t m, const char *s)
{
    size_t n = strlen(s), k = 0;

    t->seq[m] = xcalloc(n + 1, sizeof(int));
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t l = nxmsg__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (l == 0)
            fail("invalid UTF-8", s);
        if (nxmsg__utf8_cut(s, n, i) != i)
            fail("a character boundary nxmsg_copy_r would not cut at", s);
        t->seq[m][k++] = terminal(t, (uint32_t)cp);
        i += l;
    }
    t->seq[m][k++] = terminal(t, 0);
    t->len[m] = (int)k;
}

static int by_count(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (y > x) - (y < x);
}

/* Bytes of the streams and the dictionary with the current tokens. */
static long packed_size(struct table *t)
{
    int *c = xcalloc((size_t)t->ntok, sizeof(int));
    long size = 3L * t->ntok;

    for (size_t m = 0; m < NXMSG_N_MSGS; m++)
        for (int i = 0; i < t->len[m]; i++)
            c[t->seq[m][i]]++;
    qsort(c, (size_t)t->ntok, sizeof(int), by_count);
    for (int i = 0; i < t->ntok; i++)
        size += (long)c[i] * (i < (int)NXMSG__PK_ONE ? 1 : 2);
    free(c);
    return size;
}

/* The most frequent pair that keeps the depth bound; count in *count. */
static long best_pair(struct table *t, int *counts, int *count)
{
    long best = -1;

    *count = 0;
    for (size_t m = 0; m < NXMSG_N_MSGS; m++)
        for (int i = 0; i + 1 < t->len[m]; i++) {
            int a = t->seq[m][i], b = t->seq[m][i + 1];
            long key = (long)a * MAX_TOKENS + b;
            int d = t->tok[a].depth > t->tok[b].depth ? t->tok[a].depth : t->tok[b].depth;
            if (d + 1 > NXMSG__PK_DEPTH)
                continue;
            int c = ++counts[key];
            if (c > *count || (c == *count && key < best)) {
                *count = c;
                best = key;
            }
        }
    for (size_t m = 0; m < NXMSG_N_MSGS; m++) /* reset what was counted */
        for (int i = 0; i + 1 < t->len[m]; i++)
            counts[(long)t->seq[m][i] * MAX_TOKENS + t->seq[m][i + 1]] = 0;
    return best;
}

static void merge(struct table *t, int a, int b)
{
    int n = t->ntok++;
    int d = t->tok[a].depth > t->tok[b].depth ? t->tok[a].depth : t->tok[b].depth;

    t->tok[n] = (struct token){ 0, a, b, d + 1, 0, -1 };
    for (size_t m = 0; m < NXMSG_N_MSGS; m++) {
        int k = 0;
        for (int i = 0; i < t->len[m]; i++) {
            if (i + 1 < t->len[m] && t->seq[m][i] == a && t->seq[m][i + 1] == b) {
                t->seq[m][k++] = n;
                i++;
            } else {
                t->seq[m][k++] = t->seq[m][i];
            }
        }
        t->len[m] = k;
    }
}

/* Up to limit merges; returns after how many of them the packed table was
 * smallest. */
static int pack(struct table *t, int limit)
{
    int *counts = xcalloc((size_t)MAX_TOKENS * MAX_TOKENS, sizeof(int));
    long best = packed_size(t);
    int best_at = 0;

    for (int done = 0; done < limit && t->ntok < MAX_TOKENS; done++) {
        int count;
        long key = best_pair(t, counts, &count), now;
        if (key < 0 || count < 2)
            break;
        merge(t, (int)(key / MAX_TOKENS), (int)(key % MAX_TOKENS));
        if ((now = packed_size(t)) < best) {
            best = now;
            best_at = done + 1;
        }
    }
    free(counts);
    return best_at;
}

/* ---- output ---- */

static void mark(struct table *t, int k)
{
    if (t->tok[k].id == 0)
        return;
    t->tok[k].id = 0; /* reached */
    if (t->tok[k].left >= 0) {
        mark(t, t->tok[k].left);
        mark(t, t->tok[k].right);
    }
}

/* Ids: the tokens of the streams by frequency (the first NXMSG__PK_ONE get
 * one-byte codes), then the rest of the reachable tokens. */
static const struct table *sort_table;
static int by_use(const void *a, const void *b)
{
    const struct table *t = sort_table;
    int x = *(const int *)a, y = *(const int *)b;
    if (t->tok[x].count != t->tok[y].count)
        return t->tok[y].count - t->tok[x].count;
    return x - y;
}

static int assign_ids(struct table *t)
{
    int order[MAX_TOKENS], n = 0;

    for (size_t m = 0; m < NXMSG_N_MSGS; m++)
        for (int i = 0; i < t->len[m]; i++) {
            t->tok[t->seq[m][i]].count++;
            mark(t, t->seq[m][i]);
        }
    for (int k = 0; k < t->ntok; k++)
        if (t->tok[k].id == 0)
            order[n++] = k;
    sort_table = t;
    qsort(order, (size_t)n, sizeof(int), by_use);
    for (int i = 0; i < n; i++)
        t->tok[order[i]].id = i;
    return n;
}

static void print_bytes(const char *name, const unsigned char *b, size_t n)
{
    printf("static const uint8_t %s[%zu] = {", name, n);
    for (size_t i = 0; i < n; i++)
        printf("%s%u,", i % 16 ? " " : "\n    ", b[i]);
    printf("\n};\n");
}

static void print_dict(const char *name, const struct table *t, int n)
{
    unsigned char *b = xcalloc((size_t)n * 3, 1);

    for (int k = 0; k < t->ntok; k++) {
        const struct token *tk = &t->tok[k];
        uint32_t v;
        if (tk->id < 0)
            continue;
        if (tk->left < 0)
            v = 0x800000u | tk->cp;
        else
            v = (uint32_t)t->tok[tk->left].id | (uint32_t)t->tok[tk->right].id << 11;
        b[3 * tk->id] = (unsigned char)v;
        b[3 * tk->id + 1] = (unsigned char)(v >> 8);
        b[3 * tk->id + 2] = (unsigned char)(v >> 16);
    }
    print_bytes(name, b, (size_t)n * 3);
    free(b);
}

/* The table as C: NAME_dict, NAME_stream, NAME_off and the struct. */
static void print_table(const char *name, const char *decl, struct table *t)
{
    unsigned char *st = xcalloc(65536, 1);
    uint16_t off[NXMSG_N_MSGS];
    size_t n = 0;
    char sym[64];
    int ntok = assign_ids(t);

    for (size_t m = 0; m < NXMSG_N_MSGS; m++) {
        off[m] = t->len[m] ? (uint16_t)n : NXMSG__FALLBACK;
        for (int i = 0; i < t->len[m]; i++) {
            int id = t->tok[t->seq[m][i]].id;
            if (n + 2 >= NXMSG__FALLBACK)
                fail("a packed table over 64 KiB", name);
            if (id < (int)NXMSG__PK_ONE) {
                st[n++] = (unsigned char)id;
            } else {
                st[n++] = (unsigned char)(NXMSG__PK_ONE + ((id - NXMSG__PK_ONE) >> 8));
                st[n++] = (unsigned char)((id - NXMSG__PK_ONE) & 0xFF);
            }
        }
    }
    printf("/* %s: %d tokens, %zu stream bytes */\n", name, ntok, n);
    snprintf(sym, sizeof sym, "%s_dict", name);
    print_dict(sym, t, ntok);
    snprintf(sym, sizeof sym, "%s_stream", name);
    print_bytes(sym, st, n);
    printf("static const uint16_t %s_off[NXMSG_N_MSGS] = {", name);
    for (size_t m = 0; m < NXMSG_N_MSGS; m++)
        printf("%s%u,", m % 12 ? " " : "\n    ", off[m]);
    printf("\n};\n%s { %s_dict, %s_stream, %s_off }", decl, name, name, name);
    free(st);
}

/* Build, pack and print one table; text(m) gives message m or NULL. */
static void emit(const char *name, const char *decl, const char *(*text)(size_t, size_t), size_t arg)
{
    struct table *t = xcalloc(1, sizeof *t);
    int best;

    for (int round = 0; round < 2; round++) {
        memset(t, 0, sizeof *t);
        for (size_t m = 0; m < NXMSG_N_MSGS; m++)
            if (text(m, arg))
                add_text(t, m, text(m, arg));
        if (round == 0)
            best = pack(t, MAX_TOKENS);
        else
            pack(t, best);
        for (size_t m = 0; round == 0 && m < NXMSG_N_MSGS; m++)
            free(t->seq[m]);
    }
    print_table(name, decl, t);
    for (size_t m = 0; m < NXMSG_N_MSGS; m++)
        free(t->seq[m]);
    free(t);
}

static const char *name_of(size_t m, size_t unused)
{
    (void)unused;
    return nxmsg__names + nxmsg__name_off[m];
}

static const char *text_of(size_t m, size_t lang)
{
    const struct nxmsg__text_table *t = &nxmsg__text_tables[lang];
    return t->off[m] == NXMSG__FALLBACK ? NULL : t->blob + t->off[m];
}

int main(void)
{
    char name[32], decl[96];

    printf("/* packed-tables.c - the names and texts of tables.c packed for a\n"
           " * NXMSG_CORE_PACKED build (see core.h), generated by lib/gen-packed.\n"
           " * Do not edit. */\n#include \"core.h\"\n\n#ifdef NXMSG_CORE_PACKED\n");
    emit("names", "const struct nxmsg__packed nxmsg__pk_names =", name_of, 0);
    printf(";\n\n#ifndef NXMSG_CORE_NAMES_ONLY\n");
    for (size_t k = 0; k < nxmsg__n_text_tables; k++) {
        if (k == 1)
            printf("#ifndef NXMSG_CORE_ENGLISH_ONLY\n");
        snprintf(name, sizeof name, "text_%s", nxmsg__text_tables[k].tag);
        snprintf(decl, sizeof decl, "#define PK_%s { \"%s\",", nxmsg__text_tables[k].tag,
                 nxmsg__text_tables[k].tag);
        emit(name, decl, text_of, k);
        printf(" }\n\n");
    }
    if (nxmsg__n_text_tables > 1)
        printf("#endif\n");
    printf("const struct nxmsg__pk_lang nxmsg__pk_langs[] = {\n    PK_%s,\n",
           nxmsg__text_tables[0].tag);
    if (nxmsg__n_text_tables > 1)
        printf("#ifndef NXMSG_CORE_ENGLISH_ONLY\n");
    for (size_t k = 1; k < nxmsg__n_text_tables; k++)
        printf("    PK_%s,\n", nxmsg__text_tables[k].tag);
    if (nxmsg__n_text_tables > 1)
        printf("#endif\n");
    printf("};\nconst size_t nxmsg__pk_n_langs = sizeof nxmsg__pk_langs / sizeof nxmsg__pk_langs[0];\n"
           "#endif\n#else\ntypedef int nxmsg__packed_unused; /* ISO C: no empty file */\n#endif\n");
    return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
