#!/bin/sh
# fallback.sh - per-message fallback along LANGUAGE, as GNU gettext does: a
# catalog in progress (ko, one message translated, one fuzzy, one rejected
# by the text rules) beside ja; with LANGUAGE=ko:ja each message comes from
# the first language that has it, else English; an English item ends the
# list.  Japanese expectations come from the published table
# (tests/data/seed-ja.md).  Run by "make check".

src="${NXMSG_SRCDIR:-.}"
build="${NXMSG_BUILDDIR:-.}"
nxmsg="$build/src/nxmsg"
. "$src/tests/testlib.sh"

command -v msgfmt >/dev/null 2>&1 || { echo "SKIP: msgfmt not found"; exit 77; }
[ -f "$build/share/locale/ja/LC_MESSAGES/nxmsg.mo" ] || { echo "FAIL: ja catalog not built"; exit 1; }

seed() { grep -F "| $1 " "$src/tests/data/seed-ja.md" | head -n 1 | cut -d'|' -f4 | sed 's/^ *//; s/ *$//'; }
english() { grep "^NXMSG_CODE([A-Z0-9]*, [0-9A-Fx]*, $1, " "$src/lib/codes.def" | sed 's/.*, "\(.*\)")$/\1/; s/\\"/"/g'; }

ko_10c="수신한 서버 인증서를 올바르게 구문 분석하지 못했습니다."
mkdir -p "$tmp/loc/ja/LC_MESSAGES" "$tmp/loc/ko/LC_MESSAGES"
cp "$build/share/locale/ja/LC_MESSAGES/nxmsg.mo" "$tmp/loc/ja/LC_MESSAGES/"
cat >"$tmp/ko.po" <<EOT
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ko\n"

msgctxt "NX_SECURE_TLS_INVALID_SERVER_CERT"
msgid "$(english NX_SECURE_TLS_INVALID_SERVER_CERT)"
msgstr "$ko_10c"

#, fuzzy
msgctxt "NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER"
msgid "$(english NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER)"
msgstr "퍼지 번역"

msgctxt "NX_SECURE_TLS_NO_SUPPORTED_CIPHERS"
msgid "$(english NX_SECURE_TLS_NO_SUPPORTED_CIPHERS)"
msgstr "줄\\n바꿈"
EOT
msgfmt -o "$tmp/loc/ko/LC_MESSAGES/nxmsg.mo" "$tmp/ko.po" || { bad "msgfmt ko.po"; exit 1; }

# look LANGUAGE CODE WANT
look() {
    got=$(env -u LC_ALL LANG=C.UTF-8 LANGUAGE="$1" NXMSG_LOCALEDIR="$tmp/loc" "$nxmsg" "$2" 2>&1)
    [ "${got#*: }" = "$3" ] && ok || bad "LANGUAGE=$1 nxmsg $2: got '$got', want '...: $3'"
}

for c in NX_SECURE_TLS_INVALID_SERVER_CERT NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER NX_SECURE_TLS_NO_SUPPORTED_CIPHERS; do
    [ -n "$(seed $c)" ] && [ -n "$(english $c)" ] || bad "no reference text for $c"
done
look ko:ja NX_SECURE_TLS_INVALID_SERVER_CERT "$ko_10c"
look ko:ja NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER "$(seed NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER)"   # fuzzy in ko
look ko:ja NX_SECURE_TLS_NO_SUPPORTED_CIPHERS "$(seed NX_SECURE_TLS_NO_SUPPORTED_CIPHERS)"           # rejected in ko
look ko NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER "$(english NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER)"
look ko:en:ja NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER "$(english NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER)"
look ko:en:ja NX_SECURE_TLS_INVALID_SERVER_CERT "$ko_10c"
look xx:ko:ja NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER "$(seed NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER)"
look ja:ko NX_SECURE_TLS_INVALID_SERVER_CERT "$(seed NX_SECURE_TLS_INVALID_SERVER_CERT)"
look en:ja NX_SECURE_TLS_INVALID_SERVER_CERT "$(english NX_SECURE_TLS_INVALID_SERVER_CERT)"

finish fallback
