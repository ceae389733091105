#!/bin/sh
# install-catalogs.sh - what a translator edits is what is built and
# installed.  In a scratch copy of the source tree (built out of tree, as
# distcheck does): edit a Japanese text, add a new language (ko, two messages
# translated), then "make" and "make install" into a scratch prefix; the
# build tree's and the installed nxmsg show the edited and the new texts,
# and so does the installation moved to another directory (it finds its
# catalogs and nxmsg-full from where it is).  A second edit of each .po
# reaches both again; a language of po/LINGUAS without its .po fails "make"
# and "make install"; "make uninstall" removes
# the catalogs.  Run by "make check" (NXMSG_SRCDIR set); takes a full build
# of the library and the CLI (static only, to keep it short).

src="${NXMSG_SRCDIR:-.}"
. "$src/tests/testlib.sh"

command -v msginit >/dev/null 2>&1 || { echo "SKIP: msginit not found"; exit 77; }

# set_msgstr FILE NAME TEXT: the msgstr of the message whose msgctxt is NAME
set_msgstr() {
    awk -v name="$2" -v text="$3" '
        BEGIN { RS = ""; ORS = "\n\n" }
        index($0, "msgctxt \"" name "\"\n") == 1 || index($0, "\nmsgctxt \"" name "\"\n") {
            sub(/\nmsgstr ".*/, "\nmsgstr \"" text "\"")
        }
        { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

# The source: the files of the checkout (committed or not, without what
# .gitignore lists) plus what autoreconf made, or
# everything but distcheck's _build and _inst (an unpacked tarball).
mkdir "$tmp/src" "$tmp/build" || exit 99
if prefix=$(git -C "$src" rev-parse --show-prefix 2>/dev/null) && [ -z "$prefix" ]; then
    (cd "$src" && { git ls-files -co --exclude-standard | while read -r f; do [ -e "$f" ] && echo "$f"; done; ls configure aclocal.m4 config.h.in;
                    find build-aux m4 -type f; find . -name Makefile.in;
                    ls po/Makefile.in.in po/*.sin po/*.header po/Rules-quot po/quot.sed po/boldquot.sed; } 2>/dev/null |
        sed 's|^\./||' | sort -u | tar -cf - -T -) | tar -xf - -C "$tmp/src" || exit 99
elif [ -f "$src/config.status" ]; then
    echo "SKIP: $src is a tarball built in place; run from a checkout or a separate build directory"
    exit 77
else
    (cd "$src" && tar -cf - --exclude=./_build --exclude=./_inst .) | tar -xf - -C "$tmp/src" || exit 99
fi
chmod -R u+w "$tmp/src"
s="$tmp/src" prefix="$tmp/inst"

name=NX_SECURE_TLS_INVALID_SERVER_CERT     # 0x10C
ja_new="編集したテスト用の訳です。"
ko_10c="수신한 서버 인증서를 올바르게 구문 분석하지 못했습니다."
ko_tls="알 수 없는 NetX Secure TLS 반환 코드 %s (TLS 값의 범위는 0x101부터 0x17F까지)."
en_10d=$(grep 'NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER,' "$s/lib/codes.def" | sed 's/.*, "\(.*\)")$/\1/')

set_msgstr "$s/po/ja.po" $name "$ja_new"
msginit --no-translator --locale=ko_KR.UTF-8 --input="$s/po/nxmsg.pot" \
    --output-file="$s/po/ko.po" >/dev/null 2>&1 || { bad "msginit failed"; exit 1; }
set_msgstr "$s/po/ko.po" $name "$ko_10c"
set_msgstr "$s/po/ko.po" NXMSG_UNKNOWN_TLS "$ko_tls"
echo ko >>"$s/po/LINGUAS"
grep -qF "$ja_new" "$s/po/ja.po" && grep -qF "$ko_10c" "$s/po/ko.po" || bad "could not edit the catalogs"

# lookup PROGRAM LANG CODE WANT: the description nxmsg prints
lookup() {
    got=$(env -u NXMSG_LOCALEDIR -u LANGUAGE LC_ALL=C.UTF-8 "$1" --lang="$2" "$3" 2>&1)
    case $got in *": $4") ok ;; *) bad "$1 --lang=$2 $3: got '$got', want '...: $4'" ;; esac
}

cd "$tmp/build" || exit 99
if "$s/configure" -q --disable-shared --prefix="$prefix" >"$tmp/log" 2>&1; then ok
else bad "configure failed"; tail -n 20 "$tmp/log"; exit 1; fi
if nice make >"$tmp/log" 2>&1; then ok; else bad "make failed"; tail -n 20 "$tmp/log"; exit 1; fi

lookup src/nxmsg ja 0x10C "$ja_new"
lookup src/nxmsg ko 0x10C "$ko_10c"
lookup src/nxmsg ko 0x17E "알 수 없는 NetX Secure TLS 반환 코드 0x17E (TLS 값의 범위는 0x101부터 0x17F까지)."

if make install >"$tmp/log" 2>&1; then ok; else bad "make install failed"; tail -n 20 "$tmp/log"; exit 1; fi
found=$(cd "$prefix/share/locale" && find . -name '*.mo' | sort | tr '\n' ' ')
[ "$found" = "./ja/LC_MESSAGES/nxmsg.mo ./ko/LC_MESSAGES/nxmsg.mo " ] && ok || bad "installed catalogs: $found"
lookup "$prefix/bin/nxmsg" ja 0x10C "$ja_new"
lookup "$prefix/bin/nxmsg" ko 0x10C "$ko_10c"
lookup "$prefix/bin/nxmsg" ko 0x10D "$en_10d"      # untranslated: English

# a moved installation: nxmsg finds its catalogs and nxmsg-full from where
# it now is (run by its path, by its name on PATH, and through a symbolic link)
mv "$prefix" "$prefix.moved" || exit 99
lookup "$prefix.moved/bin/nxmsg" ko 0x10C "$ko_10c"
ln -s "$prefix.moved/bin/nxmsg" "$tmp/nxmsg-link"
lookup "$tmp/nxmsg-link" ja 0x10C "$ja_new"
for run in "$prefix.moved/bin/nxmsg" "$tmp/nxmsg-link" nxmsg; do
    got=$(cd / && env -u NXMSG_LOCALEDIR LC_ALL=C.UTF-8 PATH="$prefix.moved/bin:$PATH" \
          "$run" --lang=en table --format=csv 0x10C 2>&1)
    case $got in *"NX_SECURE_TLS_INVALID_SERVER_CERT,0x10C,"*) ok ;; *) bad "moved $run table: got '$got'" ;; esac
done
mv "$prefix.moved" "$prefix" || exit 99

# a second edit of each language reaches the build tree and the installation
sleep 1     # a newer timestamp than the catalogs just built
set_msgstr "$s/po/ja.po" $name "二度目の編集です。"
set_msgstr "$s/po/ko.po" $name "두 번째 편집입니다."
if make >"$tmp/log" 2>&1 && make install >>"$tmp/log" 2>&1; then ok
else bad "make/make install after the edits failed"; tail -n 20 "$tmp/log"; fi
lookup src/nxmsg ja 0x10C "二度目の編集です。"
lookup src/nxmsg ko 0x10C "두 번째 편집입니다."
lookup "$prefix/bin/nxmsg" ja 0x10C "二度目の編集です。"
lookup "$prefix/bin/nxmsg" ko 0x10C "두 번째 편집입니다."

if make uninstall >"$tmp/log" 2>&1; then ok; else bad "make uninstall failed"; tail -n 20 "$tmp/log"; fi
found=$(find "$prefix" -name '*.mo' | wc -l)
[ "$found" -eq 0 ] && ok || bad "make uninstall left $found catalogs"

# a language of po/LINGUAS without its .po: make and make install fail
echo fr >>"$s/po/LINGUAS"
if make >"$tmp/log" 2>&1; then bad "make succeeded without po/fr.po"; else ok; fi
if make install >"$tmp/log" 2>&1; then bad "make install succeeded without po/fr.po"; else ok; fi
grep -q 'fr\.po' "$tmp/log" && ok || { bad "make install does not name fr.po"; tail -n 5 "$tmp/log"; }

finish install-catalogs
