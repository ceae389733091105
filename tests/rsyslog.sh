#!/bin/sh
# rsyslog.sh - nxmsg-rsyslog inside a real rsyslogd: an unprivileged
# "rsyslogd -n" with its own configuration, work directory and pid file,
# listening on 127.0.0.1 (imtcp and imudp on a free port), no /dev/log, no
# kernel log.  100,000 messages from 4 TCP and 1 UDP senders go through
# mmexternal to a file; the filter is killed once mid-run.  The output must
# hold every message once, in order per sender, codes annotated, all other
# bytes unchanged; only the messages rsyslogd passed on while the killed
# filter was going away may be unannotated: one run of them, at most a pipe
# buffer (64 KiB) and one message long (doc/rsyslog.md explains why).
# Skips (77) without rsyslogd.

build="${NXMSG_BUILDDIR:-.}"
count=${NXMSG_RSYSLOG_COUNT:-100000}
ntcp=4 nudp=1
tmp=$(mktemp -d) || exit 99
trap 'rsyslog_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "${NXMSG_SRCDIR:-.}/tests/rsyslog-env.sh"

rsyslog_start filter
fail=0
start=$(date +%s.%N)
"$load" send "$port" "$ntcp" "$nudp" "$count" "$tmp/go" &
sender=$!
# Kill the filter once, while messages flow: when a third of them are in
# the file, the sender holds the second half until the filter is gone, so
# that rsyslogd must start it again.
"$load" wait "$tmp/fleet.log" $((count / 3)) 60 >/dev/null || fail=1
first=$("$load" child "$pid")
if [ -n "$first" ]; then kill -KILL "$first"; else echo "FAIL: no filter process under rsyslogd"; fail=1; fi
touch "$tmp/go"
wait "$sender" || { echo "FAIL: sending failed"; fail=1; }
"$load" wait "$tmp/fleet.log" "$count" 120 >/dev/null || fail=1
end=$(date +%s.%N)
second=$("$load" child "$pid")
if [ -z "$second" ] || [ "$second" = "$first" ]; then
    echo "FAIL: rsyslogd did not start the filter again (before: $first, after: $second)"; fail=1
fi
grep -q "nxmsg-rsyslog.*will be restarted" "$tmp/rsyslogd.log" || { echo "FAIL: rsyslogd logged no restart"; fail=1; }
rsyslog_stop
NXMSG_LOCALEDIR="$abs_locale" "$load" check "$tmp/fleet.log" $((ntcp + nudp)) "$ntcp" "$count" $((65536 + 40000)) || fail=1
awk -v n="$count" -v s="$start" -v e="$end" \
    'BEGIN { printf "%d messages through rsyslogd + nxmsg-rsyslog in %.2f s: %.0f messages/s\n", n, e - s, n / (e - s) }'
sed -n 's/.*rsyslogd[^:]*: //p' "$tmp/rsyslogd.log" | grep 'nxmsg-rsyslog' | head -3
if [ "$fail" -ne 0 ]; then
    echo "rsyslogd output:"; head -20 "$tmp/stdout" "$tmp/rsyslogd.log"
fi
exit "$fail"
