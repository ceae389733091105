#!/bin/sh
# packed.sh - the packed tables of a NXMSG_CORE_PACKED device build answer
# exactly as the plain ones: tests/packed_dump built both ways prints every
# name, text, truncation at every buffer size, width, name lookup and
# unknown-code text, and the two outputs must be the same bytes.  The plain
# tables are checked against the catalogs by tests/check_embedded.
src="${NXMSG_SRCDIR:-.}"
build="${NXMSG_BUILDDIR:-.}"
. "$src/tests/testlib.sh"

"$build/tests/packed_dump_plain" >"$tmp/plain" || bad "the plain dump reports faults: $(grep -c 'OVERRUN\|LENGTH' "$tmp/plain")"
"$build/tests/packed_dump_packed" >"$tmp/packed" || bad "the packed dump reports faults: $(grep -c 'OVERRUN\|LENGTH' "$tmp/packed")"
if cmp -s "$tmp/plain" "$tmp/packed"; then ok
else bad "packed and plain tables differ:"; diff "$tmp/plain" "$tmp/packed" | head -20; fi
# the dump covers what it claims: every code, both languages, every size
n=$(grep -c '^entry ' "$tmp/plain")
[ "$n" -ge 210 ] && ok || bad "only $n entries dumped"
grep -q '^  ja width [0-9]* [0-9]* [0-9]* \[.*。\]' "$tmp/plain" && ok || bad "no Japanese texts in the dump"
grep -q 'lang ja -> ja 1' "$tmp/plain" && ok || bad "ja is not compiled in"
finish packed.sh
