# rsyslog-env.sh - sourced by tests/rsyslog.sh and bench/bench_rsyslog.sh:
# an unprivileged "rsyslogd -n" with its own configuration, work directory
# and pid file in $tmp, listening on 127.0.0.1 (imtcp and imudp on one free
# port), no /dev/log, no kernel log.  The caller sets build (the build tree)
# and tmp (an empty directory), and calls rsyslog_stop from its exit trap.

load="$build/tests/rsyslog_load"
abs_filter=$(cd "$build/src" && pwd)/nxmsg-rsyslog
abs_locale=${NXMSG_LOCALEDIR:-$(cd "$build" && pwd)/share/locale}
rsyslogd=$(command -v rsyslogd || { [ -x /usr/sbin/rsyslogd ] && echo /usr/sbin/rsyslogd; })
pid=""

# rsyslog_start FILTER: write $tmp/rsyslog.conf and start rsyslogd; messages
# go to $tmp/fleet.log, through nxmsg-rsyslog when FILTER is "filter".
# Exits 77 when rsyslogd or its modules are missing.
rsyslog_start() {
    [ -n "$rsyslogd" ] || { echo "SKIP: rsyslogd not found"; exit 77; }
    port=$("$load" port) || { echo "no free port"; exit 99; }
    action=""
    [ "$1" = filter ] && action="action(type=\"mmexternal\" binary=\"$abs_filter --localedir=$abs_locale\")"
    mkdir -p "$tmp/work"
    rm -f "$tmp/fleet.log"
    cat >"$tmp/rsyslog.conf" <<CONF
global(workDirectory="$tmp/work" maxMessageSize="64k" processInternalMessages="on")
# one worker: messages reach the filter, and the file, in arrival order
main_queue(queue.workerThreads="1" queue.size="200000")
module(load="imtcp")
module(load="imudp")
module(load="mmexternal")
template(name="msgonly" type="string" string="%msg%\n")
ruleset(name="fleet") {
    $action
    action(type="omfile" file="$tmp/fleet.log" template="msgonly")
}
input(type="imtcp" port="$port" address="127.0.0.1" ruleset="fleet")
input(type="imudp" port="$port" address="127.0.0.1" ruleset="fleet" rcvbufSize="8m")
# rsyslogd's own messages (start, the filter's restart)
action(type="omfile" file="$tmp/rsyslogd.log")
CONF
    if ! "$rsyslogd" -N1 -f "$tmp/rsyslog.conf" >"$tmp/validate" 2>&1; then
        cat "$tmp/validate"
        grep -q 'could not load module' "$tmp/validate" && { echo "SKIP: rsyslog modules missing"; exit 77; }
        exit 99
    fi
    "$rsyslogd" -n -f "$tmp/rsyslog.conf" -i "$tmp/rsyslogd.pid" >"$tmp/stdout" 2>&1 &
    pid=$!
}

rsyslog_stop() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _try in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    pid=""
}
