#!/bin/bash
# tmux-probe.sh IN OUT - run inside a terminal (tests/table.sh starts it in
# tmux): print the lines of IN piece by piece and, after each border or
# column-separator character, ask the terminal where its cursor is (DSR,
# ESC [ 6 n).  The terminal answers after it has drawn everything before, so
# the columns are the terminal's own measure.  Writes one line per line of
# IN to OUT: the 1-based cursor columns after each separator, then "end=N"
# after the whole line; touches OUT.done when finished.
in=$1 out=$2
stty -echo -icanon min 1 time 0 2>/dev/null

pos() {
    local a b col
    printf '\033[6n' >/dev/tty
    IFS='[;' read -r -d R a b col </dev/tty
    printf '%s' "$col"
}

: >"$out"
while IFS= read -r line <&3; do
    cols= piece=
    n=${#line}
    for ((i = 0; i < n; i++)); do
        ch=${line:i:1}
        piece+=$ch
        case $ch in
        '|' | '+' | │ | ┼ | ├ | ┤ | ┌ | ┬ | ┐ | └ | ┴ | ┘ | ╞ | ╪ | ╡)
            printf '%s' "$piece"
            piece=
            cols+="$(pos) "
            ;;
        esac
    done
    printf '%s' "$piece"
    cols+="end=$(pos)"
    printf '\r\n'
    printf '%s\n' "$cols" >>"$out"
done 3<"$in"
touch "$out.done"
