#!/bin/sh
# secure-env.sh - NXMSG_LOCALEDIR is ignored in a set-user-ID program (it
# could make the program read files its user may not read), and honoured
# otherwise.  Needs root (to give the program to "nobody"); skipped (77)
# without it, or where set-user-ID bits have no effect.

build="${NXMSG_BUILDDIR:-.}"
prog="$build/tests/secure_lookup"
[ "$(id -u)" = 0 ] || { echo "secure-env: not root: skipped"; exit 77; }
nobody=$(id -u nobody 2>/dev/null) || { echo "secure-env: no user nobody: skipped"; exit 77; }
NXMSG_LOCALEDIR="${NXMSG_BUILDDIR:-.}/share/locale"
[ -f "$NXMSG_LOCALEDIR/ja/LC_MESSAGES/nxmsg.mo" ] || {
    echo "secure-env: NXMSG_LOCALEDIR has no ja catalog"; exit 99; }
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"

want_en="The received server certificate was not parsed correctly."
want_ja=$(grep -F '| NX_SECURE_TLS_INVALID_SERVER_CERT ' "${NXMSG_SRCDIR:-.}/tests/data/seed-ja.md" |
    head -n 1 | cut -d'|' -f4 | sed 's/^ *//; s/ *$//')

# a catalog directory everybody may read, with the Japanese catalog under a
# tag that is never compiled in (kkk), and the program owned by nobody
mkdir -p "$tmp/locale/kkk/LC_MESSAGES" && chmod -R a+rx "$tmp" &&
    cp "$NXMSG_LOCALEDIR/ja/LC_MESSAGES/nxmsg.mo" "$tmp/locale/kkk/LC_MESSAGES/" &&
    chmod a+r "$tmp/locale/kkk/LC_MESSAGES/nxmsg.mo" &&
    cp "$prog" "$tmp/lookup" && chown nobody "$tmp/lookup" && chmod 0755 "$tmp/lookup" || exit 99

# not set-user-ID: the variable counts (shows the test can tell)
out=$(NXMSG_LOCALEDIR="$tmp/locale" "$tmp/lookup" kkk)
[ "$(echo "$out" | sed -n 2p)" = "$want_ja" ] && ok || bad "plain program ignored NXMSG_LOCALEDIR: $out"

# set-user-ID nobody: the variable is ignored
chmod 4755 "$tmp/lookup" || exit 99
out=$(NXMSG_LOCALEDIR="$tmp/locale" "$tmp/lookup" kkk)
if [ "$(echo "$out" | sed -n 1p)" != "$nobody" ]; then
    echo "secure-env: set-user-ID has no effect here (nosuid mount?): skipped"; exit 77
fi
[ "$(echo "$out" | sed -n 2p)" = "$want_en" ] && ok || bad "set-user-ID program used NXMSG_LOCALEDIR: $out"

finish secure-env
