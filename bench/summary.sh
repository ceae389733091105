#!/bin/sh
# summary.sh - the one table "make bench" ends with.
#
# usage: summary.sh RESULTS [TARGET...]
#
# RESULTS holds the "@bench" lines the benchmarks reported (bench_report() in
# bench/bench.h appends them to $NXMSG_BENCH_LOG), one per comparison,
# tab-separated:
#
#   @bench WHAT UNIT BETTER NXMSG MEDIAN MIN MAX ALTERNATIVE MEDIAN MIN MAX
#
# WHAT describes the work (the same input and number of runs on both sides),
# UNIT is the unit of the figures, BETTER "lower" (times) or "higher"
# (rates), NXMSG and ALTERNATIVE name what ran.  The "speed" column says how
# many times faster nxmsg is than the alternative, from the medians (below 1:
# slower).  TARGETs are the benchmarks that ran, for the footnote.

[ $# -gt 0 ] || { echo "usage: $0 RESULTS [TARGET...]" >&2; exit 2; }
results=$1
shift
[ -f "$results" ] || results=/dev/null
awk -F '\t' -v ran="$*" '
function range(m, lo, hi) { return sprintf("%s [%s-%s]", m, lo, hi) }
function widest(s, cur) { return length(s) > cur ? length(s) : cur }
$1 != "@bench" { next }
NF != 12 { bad++; next }
{
    n++
    what[n] = $2; unit[n] = $3; nx[n] = $5; alt[n] = $9
    nxv[n] = range($6, $7, $8); altv[n] = range($10, $11, $12)
    speed[n] = $6 + 0 > 0 && $10 + 0 > 0 ? sprintf("%.2fx", $4 == "lower" ? $10 / $6 : $6 / $10) : "-"
}
END {
    hw = 4; hn = 5; hv = 14; ha = 11; hu = 4
    for (i = 1; i <= n; i++) {
        hw = widest(what[i], hw); hn = widest(nx[i], hn); ha = widest(alt[i], ha)
        hv = widest(altv[i], widest(nxv[i], hv)); hu = widest(unit[i], hu)
    }
    print "== summary: nxmsg against the alternative (medians; speed > 1: nxmsg faster) =="
    fmt = "%-" hw "s  %-" hn "s  %" hv "s  %-" ha "s  %" hv "s  %-" hu "s  %s\n"
    printf fmt, "what", "nxmsg", "median [range]", "alternative", "median [range]", "unit", "speed"
    for (i = 1; i <= n; i++)
        printf fmt, what[i], nx[i], nxv[i], alt[i], altv[i], unit[i], speed[i]
    printf "%d comparisons", n
    if (ran != "")
        printf " from: %s", ran
    print "."
    if (bad)
        printf "%d malformed @bench lines left out\n", bad
}' "$results"
