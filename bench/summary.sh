#!/bin/sh
# summary.sh - the one table "make bench" ends with.
#
# usage: summary.sh LOG...   (the output of each benchmark, one file each,
#                             named after the make target: bench-NAME.log)
#
# A benchmark reports each comparison in one line of its output, tab-separated:
#
#   @bench WHAT UNIT BETTER NXMSG MEDIAN MIN MAX ALTERNATIVE MEDIAN MIN MAX
#
# WHAT describes the work (same input, same number of runs on both sides),
# UNIT the unit of the figures, BETTER "lower" (times) or "higher" (rates),
# NXMSG and ALTERNATIVE name what ran.  The "speed" column is how many times
# faster nxmsg is than the alternative (below 1: slower), from the medians.
# A LOG without such lines is listed by name, and a LOG whose benchmark
# failed (bench-NAME.status beside it, not 0) is marked FAILED.

[ $# -gt 0 ] || { echo "usage: $0 LOG..." >&2; exit 2; }
for log in "$@"; do
    name=$(basename "$log" .log)
    status=0
    [ -f "${log%.log}.status" ] && status=$(cat "${log%.log}.status")
    if [ "$status" != 0 ]; then
        printf '%s\tFAILED (status %s)\n' "$name" "$status"
    elif grep -q '^@bench	' "$log"; then
        sed -n "s/^@bench	/$name	/p" "$log"
    else
        printf '%s\t(no @bench line; see its output above)\n' "$name"
    fi
done | awk -F '\t' '
function range(m, lo, hi) { return sprintf("%s [%s-%s]", m, lo, hi) }
NF < 12 { notes[++nn] = sprintf("  %s: %s", $1, $2); next }
{
    n++
    what[n] = $2; unit[n] = $3; nx[n] = $5; alt[n] = $9
    nxv[n] = range($6, $7, $8); altv[n] = range($10, $11, $12)
    if ($6 + 0 > 0 && $10 + 0 > 0)
        speed[n] = sprintf("%.2fx", $4 == "lower" ? $10 / $6 : $6 / $10)
    else
        speed[n] = "-"
}
function w(a, i, cur) { return length(a[i]) > cur ? length(a[i]) : cur }
END {
    hw = length("what"); hn = length("nxmsg"); hv = length("median [range]"); ha = length("alternative")
    for (i = 1; i <= n; i++) {
        hw = w(what, i, hw); hn = w(nx, i, hn); hv = w(nxv, i, hv); ha = w(alt, i, ha)
        hv = w(altv, i, hv)
    }
    print "== summary: nxmsg against the alternative (medians; speed > 1: nxmsg faster) =="
    fmt = "%-" hw "s  %-" hn "s  %" hv "s  %-" ha "s  %" hv "s  %-6s  %s\n"
    printf fmt, "what", "nxmsg", "median [range]", "alternative", "median [range]", "unit", "speed"
    for (i = 1; i <= n; i++)
        printf fmt, what[i], nx[i], nxv[i], alt[i], altv[i], unit[i], speed[i]
    for (i = 1; i <= nn; i++)
        print notes[i]
}'
