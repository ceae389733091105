#!/bin/sh
# text-trie.sh - the committed lib/text-trie.c is what lib/gen-text-trie
# makes from the installed ICU ("make regen-text-trie" after an ICU or rule
# change).  Skips (77) when the installed ICU has another Unicode version
# than the committed file: then the comparison says nothing.
srcdir="${NXMSG_SRCDIR:-.}"
gen="${NXMSG_BUILDDIR:-.}/lib/gen-text-trie"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
"$gen" >"$tmp" || { echo "FAIL: $gen failed"; exit 1; }
want=$(sed -n 's/^const char nxmsg__text_trie_unicode\[\] = "\(.*\)";/\1/p' "$srcdir/lib/text-trie.c")
have=$(sed -n 's/^const char nxmsg__text_trie_unicode\[\] = "\(.*\)";/\1/p' "$tmp")
if [ "$want" != "$have" ]; then
    echo "SKIP: lib/text-trie.c is Unicode $want, the installed ICU has $have"
    exit 77
fi
if ! cmp -s "$tmp" "$srcdir/lib/text-trie.c"; then
    echo "FAIL: lib/text-trie.c is stale: run make regen-text-trie"
    diff "$srcdir/lib/text-trie.c" "$tmp" | head -5
    exit 1
fi
echo "text-trie: lib/text-trie.c matches ICU (Unicode $have)"
