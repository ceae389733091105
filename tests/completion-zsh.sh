#!/bin/sh
# completion-zsh.sh - the zsh completion (completion/_nxmsg) in a real zsh,
# driven through tmux: option values and code names complete.  Skips (77)
# without zsh or tmux.
src=$(cd "${NXMSG_SRCDIR:-.}" && pwd)
build=$(cd "${NXMSG_BUILDDIR:-.}" && pwd)
command -v zsh >/dev/null 2>&1 && command -v tmux >/dev/null 2>&1 || { echo "SKIP: zsh or tmux not installed"; exit 77; }
tmp=$(mktemp -d) || exit 2
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cat >"$tmp/.zshrc" <<RC
fpath=("$src/completion" \$fpath)
autoload -U compinit; compinit -u -d "$tmp/zcompdump"
PROMPT='%% '
RC
pass=0 fail=0
# complete TYPED WANT: type TYPED, press TAB, the screen must show WANT
complete() {
    tmux -S "$sock" send-keys -t zt C-u "$1" Tab
    i=0
    while [ $i -lt 50 ]; do
        tmux -S "$sock" capture-pane -t zt -p >"$tmp/screen"
        grep -qF -- "$2" "$tmp/screen" && break
        sleep 0.1; i=$((i + 1))
    done
    if grep -qF -- "$2" "$tmp/screen"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL: '$1' + TAB does not show '$2'"; cat "$tmp/screen"; fi
    tmux -S "$sock" send-keys -t zt C-c
}
tmux -S "$sock" new-session -d -s zt -x 150 -y 30 \
    "env -i HOME=$tmp ZDOTDIR=$tmp PATH=$build/src:/usr/bin:/bin TERM=xterm LC_ALL=C.UTF-8 zsh -i" || exit 2
complete 'nxmsg table --domain=' 'core    crypto  tls     x509'
complete 'nxmsg NX_NOT_CONN' 'nxmsg NX_NOT_CONNECTED'
complete 'nxmsg annotate --mo' 'nxmsg annotate --mode='
complete 'nxmsg table --format=mark' 'nxmsg table --format=markdown'
echo "completion-zsh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
