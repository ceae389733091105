#!/bin/sh
# annotate.sh - "nxmsg annotate": modes, round trip, false positives, exit
# statuses.  Run by "make check" (NXMSG_BUILDDIR and NXMSG_LOCALEDIR set).

nxmsg="${NXMSG_BUILDDIR:-.}/src/nxmsg"
gen="${NXMSG_BUILDDIR:-.}/tests/gen_log"
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"
OPEN=$(printf '\342\237\246')

# expect STATUS ARGS... (testlib.sh) runs nxmsg annotate
tested="nxmsg annotate"
run_tested() { "$nxmsg" annotate "$@"; }
# roundtrip FILE ARGS...: annotate, strip, compare with FILE
roundtrip() {
    f=$1; shift
    "$nxmsg" annotate "$@" "$f" >"$tmp/rt.ann" || bad "annotate $* $f failed"
    "$nxmsg" annotate --strip <"$tmp/rt.ann" >"$tmp/rt.back" || bad "strip failed"
    same "$f" "$tmp/rt.back"
}

[ -x "$gen" ] || { echo "missing $gen"; exit 99; }

# --- a generated log: exactly the code lines are found -----------------------
"$gen" -n 4000 -p 5 -s 7 -e "$tmp/expect" >"$tmp/log" || bad "gen_log failed"
[ "$(wc -l <"$tmp/expect")" -gt 100 ] && ok || bad "too few code lines generated"
expect 0 --mode json --only-matching "$tmp/log"
jsoncheck annotate "$tmp/out"
sed -n 's/^{"line":\([0-9]*\),.*"name":"\([A-Z0-9_]*\)".*/\1 \2/p' "$tmp/out" >"$tmp/found"
same "$tmp/expect" "$tmp/found"
[ "$(wc -l <"$tmp/out")" -eq "$(wc -l <"$tmp/expect")" ] && ok || bad "json line count"
# plain numbers only: no code at all
"$gen" -n 20000 -p 0 -s 3 >"$tmp/plain"
expect 1 --only-matching "$tmp/plain"
[ -s "$tmp/out" ] && bad "false positives: $(head -3 "$tmp/out")" || ok
expect 0 "$tmp/plain"
same "$tmp/plain" "$tmp/out"

# --- round trips -----------------------------------------------------------------
# every code in every form, CRLF, NUL, invalid UTF-8, no final newline
"$nxmsg" --list --lang=en | while read -r hex name rest; do
    printf '%s status=%d x=%s\r\n' "$name" "$hex" "$hex"
done >"$tmp/all"
printf 'nul\000byte 0x10C \377\376 bad utf8 \343\201 0x1A0\nlast 0x107' >>"$tmp/all"
for mode in inline suffix; do
    for lang in en ja both; do roundtrip "$tmp/all" --mode $mode --lang $lang; done
done
# the same as JSON: every code's fields and texts (parsed; see jsoncheck)
for lang in en ja both; do
    expect 0 --mode json --lang $lang "$tmp/all"
    jsoncheck annotate "$tmp/out"
done
roundtrip "$tmp/log" --mode suffix
: >"$tmp/empty"
roundtrip "$tmp/empty"
expect 0 "$tmp/empty"
[ -s "$tmp/out" ] && bad "output for empty input" || ok
# a 1.5 MB line (longer than the line buffer) with codes
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "chunk %d err=0x107; ", i; print "" }' >"$tmp/long"
[ "$(wc -c <"$tmp/long")" -gt 1100000 ] && ok || bad "long line too short"
roundtrip "$tmp/long"
roundtrip "$tmp/long" --mode suffix
expect 0 --summary "$tmp/long"
has "0x107  NX_SECURE_TLS_HANDSHAKE_FAILURE  50000  "

# --- modes ---------------------------------------------------------------------------
printf 'a status=0x10C b\r\nplain 268\n' >"$tmp/small"
expect 0 --lang en "$tmp/small"
has "a status=0x10C ${OPEN}0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: The received server certificate was not parsed correctly."
expect 0 --lang ja --mode suffix --only-matching "$tmp/small"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || bad "--only-matching kept a plain line"
if grep -q "b ${OPEN}0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: [^ -~].*$(printf '\342\237\247\r')\$" "$tmp/out"; then ok; else bad "suffix before CR"; cat -A "$tmp/out"; fi
expect 0 --mode json "$tmp/small"
has '{"line":1,"offset":0,"text":"a status=0x10C b","eol":"\r\n","codes":[{"offset":9,"length":5,"match":"0x10C","value":268,'
has '{"line":2,"offset":0,"text":"plain 268","eol":"\n","codes":[]}'
jsoncheck annotate "$tmp/out"
expect 0 --summary "$tmp/log"
# the header row (columns as wide as the widest value, 0x20003 included)
grep -q '^Value  *Name  *Count' "$tmp/out" && ok || bad "no summary header"
"$nxmsg" annotate --summary "$tmp/log" "$tmp/log" >"$tmp/sum2"
c1=$(awk 'NR == 3 { print $3 }' "$tmp/out"); c2=$(awk 'NR == 3 { print $3 }' "$tmp/sum2")
[ -n "$c1" ] && [ "$c2" -eq $((c1 * 2)) ] && ok || bad "summary counts: $c1 then $c2"
# stdin and "-"
"$nxmsg" annotate --lang en <"$tmp/small" >"$tmp/a1"
"$nxmsg" annotate --lang en - <"$tmp/small" >"$tmp/a2"
"$nxmsg" annotate --lang en "$tmp/small" >"$tmp/a3"
same "$tmp/a1" "$tmp/a3"; same "$tmp/a2" "$tmp/a3"

# --- errors ----------------------------------------------------------------------------
expect 2 "$tmp/nonexistent" "$tmp/small"
errhas "nonexistent"
has "status=0x10C"
expect 2 --mode xml "$tmp/small"
errhas "unknown --mode 'xml' (use inline, suffix or json)"
expect 2 --lang xx "$tmp/small"
expect 2 --bogus
expect 2 --strip --summary
expect 2 --summary --mode json
expect 2 "$tmp"
# standard input closed: a file opened as fd 0 is still that file, and "-"
# is a read error (not an empty input)
"$nxmsg" annotate "$tmp" <&- >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" -eq 2 ] && ok || bad "closed stdin, directory: exit $st"
errhas "$tmp: "
if grep -q "standard input" "$tmp/err"; then bad "a directory taken for standard input"; else ok; fi
"$nxmsg" annotate --lang en "$tmp/small" - "$tmp/small" <&- >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" -eq 2 ] && ok || bad "closed stdin with -: exit $st"
errhas "standard input"
[ "$(grep -c "status=0x10C" "$tmp/out")" -eq 2 ] && ok || bad "closed stdin: files around - not annotated"
expect 0 --help
has "Usage: nxmsg annotate"
if [ -w /dev/full ]; then
    "$nxmsg" annotate "$tmp/log" >/dev/full 2>"$tmp/err"; st=$?
    [ "$st" -eq 2 ] && ok || bad "write error gave $st"
    errhas "write error: No space left on device"
    "$nxmsg" annotate <"$tmp/log" >/dev/full 2>"$tmp/err"; st=$?
    [ "$st" -eq 2 ] && ok || bad "write error (standard input) gave $st"
    errhas "write error: No space left on device"
fi

# --- a mapped file, -j N: the same bytes as read from standard input -------------
# a regular file is mapped, and with -j N cut into pieces; standard input is
# read in turn.  Pieces are cut at line ends after 64 KiB or a quarter of a job's share: a
# 3 MB log has pieces of about 64-375 KiB; the long lines (about 300 KiB
# each) are longer than a piece
"$gen" -n 30000 -p 5 -s 11 >"$tmp/jlog"
awk 'BEGIN { for (l = 0; l < 3; l++) { for (i = 0; i < 10000; i++) printf "x%d status=0x10C rc=%d ", i, l + 5; print "" } }' >>"$tmp/jlog"
"$gen" -n 3000 -p 20 -s 12 >>"$tmp/jlog"
printf 'last line err=0x107 without newline' >>"$tmp/jlog"
head -c 100000 "$tmp/jlog" >"$tmp/jshort"
for f in "$tmp/jlog" "$tmp/jshort" "$tmp/empty" "$tmp/long" "$tmp/all"; do
    for args in "" "--mode json" "--mode suffix" "--only-matching" "--mode json --only-matching" "--summary" "--lang en" "--strip"; do
        # shellcheck disable=SC2086
        "$nxmsg" annotate $args <"$f" >"$tmp/j1" 2>&1; s1=$?
        for j in 1 2 3 8; do
            # shellcheck disable=SC2086
            "$nxmsg" annotate -j $j $args "$f" >"$tmp/jn" 2>&1; sn=$?
            [ "$s1" -eq "$sn" ] && ok || bad "-j $j $args $f: exit $sn, standard input gave $s1"
            same "$tmp/j1" "$tmp/jn"
        done
    done
done
"$nxmsg" annotate "$tmp/jlog" >"$tmp/j1"
for j in 1 3; do
    "$nxmsg" annotate -j $j --strip "$tmp/j1" >"$tmp/jn"
    same "$tmp/jlog" "$tmp/jn"
done
# two files and one that cannot be read: the same output and status
"$nxmsg" annotate --mode json "$tmp/jshort" "$tmp/nonexistent" "$tmp/jlog" >"$tmp/j1" 2>/dev/null; s1=$?
"$nxmsg" annotate -j 2 --mode json "$tmp/jshort" "$tmp/nonexistent" "$tmp/jlog" >"$tmp/jn" 2>/dev/null; sn=$?
[ "$s1" -eq 2 ] && [ "$sn" -eq 2 ] && ok || bad "-j with an unreadable file: exit $s1 / $sn"
same "$tmp/j1" "$tmp/jn"
# standard input and pipes are read in turn
"$nxmsg" annotate --mode json <"$tmp/jlog" >"$tmp/j1"
"$nxmsg" annotate -j 2 --mode json <"$tmp/jlog" >"$tmp/jn"
same "$tmp/j1" "$tmp/jn"
jsoncheck annotate "$tmp/jn"
cat "$tmp/jlog" | "$nxmsg" annotate -j 2 - >"$tmp/jn"
"$nxmsg" annotate "$tmp/jlog" >"$tmp/j1"
same "$tmp/j1" "$tmp/jn"
# a mapped file's output (written with writev) and standard input's (through
# stdio) stay in order, to a file and to a pipe
"$nxmsg" annotate <"$tmp/jshort" >"$tmp/j2"
cat "$tmp/j1" "$tmp/j2" "$tmp/j1" >"$tmp/want"
"$nxmsg" annotate "$tmp/jlog" - "$tmp/jlog" <"$tmp/jshort" >"$tmp/jn"
same "$tmp/want" "$tmp/jn"
"$nxmsg" annotate -j 2 "$tmp/jlog" - "$tmp/jlog" <"$tmp/jshort" | cat >"$tmp/jn"
same "$tmp/want" "$tmp/jn"
expect 2 -j 0 "$tmp/small"
errhas "invalid --jobs '0' (use 1 to 64)"
expect 2 -j 65 "$tmp/small"
expect 2 --jobs=2x "$tmp/small"
if [ -w /dev/full ]; then
    "$nxmsg" annotate -j 2 "$tmp/jlog" >/dev/full 2>"$tmp/err"; st=$?
    [ "$st" -eq 2 ] && ok || bad "-j 2: write error gave $st"
fi

# a mapped file that shrinks while it is read: a message and status 2, not
# SIGBUS (the reader truncates the file while nxmsg waits on the full pipe).
# The 20 MB file is truncated while it is being annotated (the annotating
# thread finds the lost pages); the 2.4 MB one, a moment later, when it is
# all annotated and the writer alone reads it (writev() then fails with
# EFAULT, the same case)
"$gen" -n 200000 -p 5 -s 13 >"$tmp/shrink.big"
"$gen" -n 25000 -p 5 -s 13 >"$tmp/shrink.small"
for size in big small; do
    for j in 1 2; do
        cp "$tmp/shrink.$size" "$tmp/shrink"
        st=$( { "$nxmsg" annotate -j $j "$tmp/shrink" 2>"$tmp/err"; echo $? >"$tmp/st"; } |
              { head -c 1 >/dev/null; [ $size = big ] || sleep 1; : >"$tmp/shrink"; cat >/dev/null; }
              cat "$tmp/st")
        [ "$st" = 2 ] && ok || bad "$size, -j $j: a file that shrank gave status $st"
        grep -q "shrink: the file shrank while it was being read" "$tmp/err" && ok ||
            bad "$size, -j $j: no message: $(cat "$tmp/err")"
    done
done

# JSON line numbers are 1, 2, 3 ... across 9/10, 99/100 and 999/1000
awk 'BEGIN { for (i = 1; i <= 1005; i++) print "line", i }' >"$tmp/l1005"
for how in file stdin; do
    if [ $how = file ]; then "$nxmsg" annotate --mode json "$tmp/l1005" >"$tmp/out"
    else "$nxmsg" annotate --mode json <"$tmp/l1005" >"$tmp/out"; fi
    awk -F '[:,]' '$2 != NR { print NR ": " $0; exit 1 } END { if (NR != 1005) { print NR " lines"; exit 1 } }' \
        "$tmp/out" >"$tmp/bad" && ok || bad "JSON line numbers ($how): $(cat "$tmp/bad")"
done

# U+2028/U+2029 in a log line are escaped in JSON (raw, they end a line in
# JavaScript); the text stays byte for byte in the other modes
printf 'status=0x10C a\342\200\250b\342\200\251c\n' >"$tmp/ls"
expect 0 --mode json "$tmp/ls"
has 'a\u2028b\u2029c'
jsoncheck annotate "$tmp/out"
if grep -q "$(printf '\342\200\250')" "$tmp/out"; then bad "raw U+2028 in JSON"; else ok; fi

# --- the lookup program annotates by itself ----------------------------------------
# A copy of src/nxmsg alone in a directory: annotate needs nothing beside it
# (no nxmsg-full, no ICU).  --summary (a table: nxmsg-full's) is handed over
# before anything is read, and fails here for want of nxmsg-full, unless one
# is installed.
mkdir "$tmp/solo" && cp "$nxmsg" "$tmp/solo/nxmsg" || exit 99
printf 'rc=0x10C\n' | "$tmp/solo/nxmsg" annotate --lang=en >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 0 ] && grep -q 'rc=0x10C .0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ' "$tmp/out" && ok ||
    bad "nxmsg alone: annotate status $st, $(cat "$tmp/out" "$tmp/err")"
if [ -x "$NXMSG_PKGLIBEXECDIR/nxmsg-full" ]; then
    ok
else
    printf 'rc=0x10C\n' | "$tmp/solo/nxmsg" annotate --summary >"$tmp/out" 2>"$tmp/err"
    st=$?
    [ $st -eq 2 ] && grep -q 'cannot run .*nxmsg-full' "$tmp/err" && [ ! -s "$tmp/out" ] && ok ||
        bad "nxmsg alone: annotate --summary status $st, $(cat "$tmp/out" "$tmp/err")"
fi

finish annotate
