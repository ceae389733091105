/* text-props.h - the per-code-point properties of the text layer: one byte
 * per code point in a UCPTrie built at build time by lib/gen-text-trie.c
 * (lib/text-trie.c, committed) and read by lib/text.c.  Internal. */
#ifndef NXMSG_TEXT_PROPS_H
#define NXMSG_TEXT_PROPS_H

#include <stddef.h>

enum {
    P_W0 = 0, P_W1 = 1, P_W2 = 2, P_AMB = 3, /* column class */
    P_WMASK = 3,
    P_CTRL = 0x04,  /* Cc, U+2028, U+2029 */
    P_TRIG = 0x08,  /* may make a cluster's width differ from the sum */
    P_EMOJI = 0x10, /* Emoji property */
    P_EPRES = 0x20, /* Emoji_Presentation */
    P_NFCX = 0x40,  /* not (ccc 0 and NFC_Quick_Check Yes) */
    P_EXT = 0x80,   /* Grapheme_Cluster_Break Extend, ZWJ or SpacingMark */
    P_BAD = 0xFF    /* the trie's error value: ill-formed UTF-8 (no code
                       point has all these bits: P_CTRL excludes P_EPRES) */
};

/* The serialized trie (ucptrie_toBinary, UCPTRIE_TYPE_FAST, 8-bit values)
 * in little- and big-endian byte order, and its size in bytes; the Unicode
 * version of the ICU that built it. */
extern const unsigned char nxmsg__text_trie_le[], nxmsg__text_trie_be[];
extern const size_t nxmsg__text_trie_size;
extern const char nxmsg__text_trie_unicode[];

#endif
