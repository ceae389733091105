#!/bin/sh
# bench_rsyslog.sh - messages per second through a real rsyslogd with the
# nxmsg-rsyslog filter (mmexternal) against the same rsyslogd without it:
# the same 100,000 messages (4 TCP + 1 UDP senders, tests/rsyslog_load) to a
# file, runs interleaved, medians and ranges.  Run by "make bench-rsyslog".

build="${NXMSG_BUILDDIR:-.}"
count=${NXMSG_BENCH_RSYSLOG_COUNT:-100000}
runs=${NXMSG_BENCH_RUNS:-3}
tmp=$(mktemp -d) || exit 99
trap 'rsyslog_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "${NXMSG_SRCDIR:-.}/tests/rsyslog-env.sh"
. "${NXMSG_SRCDIR:-.}/bench/report.sh"

# one run: prints messages per second
run() {
    rsyslog_start "$1"
    touch "$tmp/go"
    "$load" send "$port" 4 1 "$count" "$tmp/go" &
    sender=$!
    secs=$("$load" wait "$tmp/fleet.log" "$count" 300) || { echo "bench_rsyslog: run failed" >&2; exit 1; }
    wait "$sender"
    rsyslog_stop
    awk -v n="$count" -v s="$secs" 'BEGIN { printf "%.0f\n", n / s }'
}

# median, min and max of the numbers on standard input
stats() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR] }'; }

: >"$tmp/with"
: >"$tmp/without"
run_no=0
while [ "$run_no" -lt "$runs" ]; do
    run filter >>"$tmp/with"
    run plain >>"$tmp/without"
    run_no=$((run_no + 1))
done
set -- $(stats <"$tmp/with") $(stats <"$tmp/without")
echo "$count messages (4 TCP + 1 UDP senders) to a file, median of $runs runs [min-max], messages/s"
printf '  %-32s %8s [%s-%s]\n' "rsyslogd + nxmsg-rsyslog" "$1" "$2" "$3"
printf '  %-32s %8s [%s-%s]  (with the filter: %s of the rate)\n' "rsyslogd alone" "$4" "$5" "$6" \
    "$(awk -v a="$1" -v b="$4" 'BEGIN { printf "%.2fx", a / b }')"
bench_report "rsyslog: $count messages to a file" msg/s higher "rsyslogd + nxmsg-rsyslog" "$1" "$2" "$3" \
    "rsyslogd alone" "$4" "$5" "$6"
