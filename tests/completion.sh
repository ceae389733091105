#!/bin/sh
# completion.sh - the bash completion (completion/nxmsg) offers commands,
# option values and code names.  Skips (77) without bash or bash-completion.
src="${NXMSG_SRCDIR:-.}"
bc=/usr/share/bash-completion/bash_completion
command -v bash >/dev/null 2>&1 && [ -r "$bc" ] || { echo "SKIP: bash-completion not installed"; exit 77; }
PATH="${NXMSG_BUILDDIR:-.}/src:$PATH"; export PATH

# complete WORDS...: the candidates for the last word, sorted, one a line
complete() {
    bash -c '. "$1"; . "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _nxmsg nxmsg "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$bc" "$src/completion/nxmsg" "$@" 2>/dev/null
}
pass=0 fail=0
check() {
    want=$1; shift
    got=$(complete "$@" | tr '\n' ' ')
    if [ "$got" = "$want" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: nxmsg $*: got '$got', want '$want'"; fi
}
check "annotate " nxmsg ann
check "NX_SECURE_TLS_INVALID_SERVER_CERT " nxmsg 0x10C NX_SECURE_TLS_INVALID_SERVER
check "table " nxmsg --lang=ja ta
check "auto both en ja " nxmsg --lang ""
check "core crypto tls x509 " nxmsg table --domain ""
check "NX_NOT_CONNECTED " nxmsg NX_NOT_CONN
check "box csv json markdown text unicode " nxmsg table --format ""
check "json text " nxmsg --format ""
check "inline json suffix " nxmsg annotate --mode ""
check "annotate table " nxmsg help ""
check "NX_SECURE_TLS_INVALID_SERVER_CERT " nxmsg NX_SECURE_TLS_INVALID_SERVER
check "NX_SECURE_X509_CERTIFICATE_EXPIRED " nxmsg table nx_secure_x509_certificate_exp
check "--lang= --layout= " nxmsg table --la
echo "completion: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
