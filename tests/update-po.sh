#!/bin/sh
# update-po.sh - "make update-po" in a scratch copy of the source tree: a
# changed English text keeps its Japanese translation, marked fuzzy with the
# previous msgid; a removed code becomes obsolete (#~); the template is
# regenerated; a second run changes nothing.  Built out of the source tree
# (VPATH), as distcheck does; "make -C po update-po" does the same.  Run by "make check" (NXMSG_SRCDIR set).

src="${NXMSG_SRCDIR:-.}"
. "$src/tests/testlib.sh"

# entry FILE NAME: the entry of msgctxt NAME (live or obsolete) in a .po file
entry() {
    awk -v name="$2" 'BEGIN { RS = "" } index($0, "msgctxt \"" name "\"\n") { print; exit }' "$1"
}

# What configure and "make update-po" need, with timestamps kept so that
# make regenerates nothing; a read-only source tree (distcheck) becomes
# writable in the copy.
mkdir "$tmp/src" "$tmp/build" || exit 99
for f in configure Makefile.in Makefile.am configure.ac aclocal.m4 config.h.in \
         nxmsg.pc.in build-aux m4 po lib/codes.def lib/core/codes.c src; do
    [ -e "$src/$f" ] || { echo "FAIL: $src/$f missing"; exit 1; }
    mkdir -p "$tmp/src/$(dirname "$f")" && cp -pR "$src/$f" "$tmp/src/$f" || exit 99
done
chmod -R u+w "$tmp/src"
# files of an in-tree build must not leak into the copy
rm -f "$tmp/src/po/Makefile" "$tmp/src/po/POTFILES" "$tmp/src/po/stamp-po" "$tmp/src/po/"*.gmo
cp -p "$tmp/src/po/ja.po" "$tmp/ja.orig"

name_changed=NX_SECURE_TLS_INVALID_SERVER_CERT
name_removed=NX_SECURE_TLS_PACKET_BUFFER_TOO_SMALL
old_en="The received server certificate was not parsed correctly."
new_en="The received server certificate could not be parsed correctly."
ja_changed=$(entry "$tmp/ja.orig" $name_changed | sed -n 's/^msgstr "\(.*\)"$/\1/p')
[ -n "$ja_changed" ] || bad "no one-line Japanese text for $name_changed in ja.po"
grep -q "$name_removed" "$tmp/src/lib/codes.def" || bad "$name_removed not in codes.def"

sed -e "s/\"$old_en\")/\"$new_en\")/" -e "/, $name_removed, /d" \
    "$src/lib/codes.def" >"$tmp/src/lib/codes.def" || exit 99
grep -qF "$new_en" "$tmp/src/lib/codes.def" || bad "could not edit codes.def"

cd "$tmp/build" || exit 99
if ../src/configure -q >"$tmp/configure.log" 2>&1; then ok; else bad "configure failed"; cat "$tmp/configure.log"; exit 1; fi
if make update-po >"$tmp/make.log" 2>&1; then ok; else bad "make update-po failed"; cat "$tmp/make.log"; exit 1; fi

pot="$tmp/src/po/nxmsg.pot" ja="$tmp/src/po/ja.po"
# the template follows codes.def
if grep -qF "msgid \"$new_en\"" "$pot"; then ok; else bad "template lacks the new English text"; fi
if grep -qF "$old_en" "$pot"; then bad "template still has the old English text"; else ok; fi
if grep -qF "\"$name_removed\"" "$pot"; then bad "template still has $name_removed"; else ok; fi
if make check-pot >"$tmp/make.log" 2>&1; then ok; else bad "check-pot fails after update-po"; cat "$tmp/make.log"; fi

# the changed text: fuzzy, previous msgid, Japanese kept
e=$(entry "$ja" $name_changed)
case $e in *"#, fuzzy"*) ok ;; *) bad "$name_changed is not fuzzy:"; echo "$e" ;; esac
case $e in *"#| msgid \"$old_en\""*) ok ;; *) bad "$name_changed lacks the previous msgid:"; echo "$e" ;; esac
case $e in *"msgid \"$new_en\""*) ok ;; *) bad "$name_changed lacks the new msgid:"; echo "$e" ;; esac
case $e in *"msgstr \"$ja_changed\""*) ok ;; *) bad "$name_changed lost its Japanese text:"; echo "$e" ;; esac

# the removed code: obsolete, Japanese kept
e=$(awk -v name="$name_removed" 'BEGIN { RS = "" } index($0, "#~ msgctxt \"" name "\"") { print }' "$ja")
case $e in *"#~ msgstr "*) ok ;; *) bad "$name_removed is not obsolete:"; echo "$e" ;; esac
if entry "$ja" "$name_removed" | grep -q '^msgctxt'; then bad "$name_removed is still live"; else ok; fi

# nothing else changed: every other live message keeps its translation
n_orig=$(grep -c '^msgctxt' "$tmp/ja.orig")
n_new=$(grep -c '^msgctxt' "$ja")
n_fuzzy=$(grep -c '^#, fuzzy' "$ja")
if [ "$n_new" -eq $((n_orig - 1)) ] && [ "$n_fuzzy" -eq 1 ]; then ok
else bad "want $((n_orig - 1)) live messages and 1 fuzzy, got $n_new and $n_fuzzy"; fi

# a second run is a no-op
cp -p "$ja" "$tmp/ja.1"
cp -p "$pot" "$tmp/pot.1"
make update-po >"$tmp/make.log" 2>&1 || bad "second make update-po failed"
if cmp -s "$ja" "$tmp/ja.1" && cmp -s "$pot" "$tmp/pot.1"; then ok; else bad "second update-po changed the catalogs"; fi

# gettext's own spelling, "make -C po update-po", regenerates the template
# from codes.def too
sed -i -e "s/\"$new_en\")/\"$old_en\")/" "$tmp/src/lib/codes.def"
if make -C po update-po >"$tmp/make.log" 2>&1; then ok; else bad "make -C po update-po failed"; cat "$tmp/make.log"; fi
if grep -qF "msgid \"$old_en\"" "$pot" && ! grep -qF "$new_en" "$pot"; then ok
else bad "make -C po update-po did not regenerate the template"; fi
if make check-pot >"$tmp/make.log" 2>&1; then ok; else bad "check-pot fails after make -C po update-po"; cat "$tmp/make.log"; fi
# ... and the bug-report address of configure.ac reaches the template and ja.po
for f in "$pot" "$ja"; do
    if grep -q '^"Report-Msgid-Bugs-To: https\?://[^ ]*\\n"$' "$f"; then ok
    else bad "Report-Msgid-Bugs-To is not set in $f"; grep Report-Msgid "$f"; fi
done

finish update-po
