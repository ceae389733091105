/* unpack.c - reading the packed strings of a NXMSG_CORE_PACKED build (see
 * core.h): names and texts are expanded byte by byte from the generated
 * dictionaries, into the caller's buffer or straight into a comparison.
 * Freestanding (see nxmsg_core.h); no state outside the caller's iterator. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "core.h"

#ifdef NXMSG_CORE_PACKED

static uint32_t dict_entry(const uint8_t *dict, unsigned id)
{
    const uint8_t *d = dict + 3u * id;
    return (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)d[2] << 16;
}

void nxmsg__unpack_init(struct nxmsg__unpack *u, const struct nxmsg__packed *pk, size_t msg)
{
    u->dict = pk->dict;
    u->p = pk->stream + pk->off[msg];
    u->sp = 0;
    u->npend = 0;
    u->ipend = 0;
    u->end = 0;
}

/* The next token of the stream. */
static unsigned read_code(struct nxmsg__unpack *u)
{
    unsigned b = *u->p++;
    if (b < NXMSG__PK_ONE)
        return b;
    return NXMSG__PK_ONE + ((b - NXMSG__PK_ONE) << 8 | *u->p++);
}

/* The next code point: the leftmost leaf of the next token, its right
 * halves kept on the stack. */
static uint32_t next_cp(struct nxmsg__unpack *u)
{
    unsigned id = u->sp ? u->stack[--u->sp] : read_code(u);
    uint32_t v = dict_entry(u->dict, id);

    while (!(v & 0x800000u)) {
        u->stack[u->sp++] = (uint16_t)((v >> 11) & 0x7FFu);
        v = dict_entry(u->dict, v & 0x7FFu);
    }
    return v & 0x1FFFFFu;
}

/* UTF-8 of c into u->pend. */
static void encode(struct nxmsg__unpack *u, uint32_t c)
{
    uint8_t *p = u->pend;

    if (c < 0x80) {
        p[0] = (uint8_t)c;
        u->npend = 1;
    } else if (c < 0x800) {
        p[0] = (uint8_t)(0xC0 | c >> 6);
        u->npend = 2;
    } else if (c < 0x10000) {
        p[0] = (uint8_t)(0xE0 | c >> 12);
        u->npend = 3;
    } else {
        p[0] = (uint8_t)(0xF0 | c >> 18);
        u->npend = 4;
    }
    for (uint8_t i = 1; i < u->npend; i++)
        p[i] = (uint8_t)(0x80 | ((c >> (6 * (u->npend - 1 - i))) & 0x3F));
    u->ipend = 0;
}

int nxmsg__unpack_byte(struct nxmsg__unpack *u)
{
    if (u->ipend == u->npend) {
        uint32_t c = u->end ? 0 : next_cp(u);
        if (c == 0) {
            u->end = 1; /* and stays at the end */
            return -1;
        }
        encode(u, c);
    }
    return u->pend[u->ipend++];
}

void nxmsg__sink_put(struct nxmsg__sink *o, unsigned char c)
{
    if (o->buf && o->size && o->n == o->total) {
        if (o->n < o->size - 1) {
            o->buf[o->n++] = (char)c;
        } else if ((c & 0xC0) == 0x80) {
            /* the buffer ends inside a character: drop its first bytes */
            while (o->n > 0 && (o->buf[o->n - 1] & 0xC0) == 0x80)
                o->n--;
            if (o->n > 0)
                o->n--;
        }
    }
    o->total++;
}

size_t nxmsg__sink_end(struct nxmsg__sink *o)
{
    if (o->buf && o->size)
        o->buf[o->n] = '\0';
    return o->total;
}

size_t nxmsg__unpack_r(const struct nxmsg__packed *pk, size_t msg, char *buf, size_t size)
{
    struct nxmsg__unpack u;
    struct nxmsg__sink o = { buf, size, 0, 0 };
    int c;

    nxmsg__unpack_init(&u, pk, msg);
    while ((c = nxmsg__unpack_byte(&u)) >= 0)
        nxmsg__sink_put(&o, (unsigned char)c);
    return nxmsg__sink_end(&o);
}

#else
typedef int nxmsg__unpack_unused; /* ISO C: no empty translation unit */
#endif
