#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 4 benchmark, peer side: how fast a private Postfix instance relays N messages of SIZE_KB to
# Postfix's smtp-sink, and how fast smtp-sink takes the same load directly. The figures umgate is
# compared with.
#
#   postfix_peer.sh RUN_DIR SINK_PORT N SIZE_KB
#
# SINK_PORT is either the port of a sink started with `sink.sh start SINK_DIR` (then SINK_DIR must be
# in the environment: the sink's counter file is how arrivals are counted), or "auto": a sink is
# started in RUN_DIR/sink and stopped at the end.
#
# Prints two machine-readable lines on stdout (all else goes to stderr):
#   postfix_peer messages=N seconds=S per_second=R peak_rss_kb=K peak_pss_kb=P inject_seconds=I
#   sink_direct messages=N seconds=S per_second=R
# seconds: from just before smtp-source starts until the sink's counter shows all N (the time of
# that counter update, polled every 20 ms). inject_seconds: when smtp-source had handed all N to
# Postfix (absent if smtp-source still ran at the last arrival; close to `seconds` when Postfix's
# accepting side is the bottleneck). peak_rss_kb: highest sum of VmRSS over the
# Postfix master and its children, sampled every 100 ms (shared pages counted once per process, as
# `ps` would: with ~50 Postfix processes this overstates real use). peak_pss_kb: the same for the
# proportional set size (shared pages divided among their users), the fairer figure.
# Postfix's pipeline: smtp-source (10 sessions, one message per connection) -> smtpd -> cleanup ->
# qmgr -> smtp (up to 20 concurrent connections to the sink, Postfix's default, reused).
#
# The Postfix instance is private: RUN_DIR/postfix/{etc,spool,data}, its own master.cf with a single
# smtpd on 127.0.0.1:<free port>, relayhost [127.0.0.1]:SINK_PORT, no local delivery, no DNS. It
# needs root (the master daemon does) and the Debian package postfix (also smtp-source, smtp-sink).
# Its log is RUN_DIR/postfix/maillog. RUN_DIR is kept for inspection; the caller removes it.
# Env: BENCH_TIMEOUT (300) seconds per phase, BENCH_SESSIONS (10) smtp-source sessions.
set -euo pipefail

usage() { echo "usage: $0 RUN_DIR SINK_PORT|auto N SIZE_KB" >&2; exit 2; }
[ $# -eq 4 ] || usage
run_dir=$1
sink_port=$2
count=$3
size_kb=$4
case $run_dir in /*) ;; *) run_dir=$PWD/$run_dir ;; esac
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive integer, not '$count'" >&2; exit 2; }
[[ $size_kb =~ ^[1-9][0-9]*$ ]] || { echo "SIZE_KB must be a positive integer, not '$size_kb'" >&2; exit 2; }
timeout_s=${BENCH_TIMEOUT:-300}
sessions=${BENCH_SESSIONS:-10}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sink_sh=$here/sink.sh

for tool in /usr/sbin/postfix /usr/sbin/smtp-source /usr/sbin/smtp-sink /usr/lib/postfix/sbin/master; do
  [ -x "$tool" ] || { echo "$tool is missing: install the Debian package postfix" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "postfix_peer.sh must run as root: the Postfix master daemon starts as root" >&2; exit 1; }
getent passwd postfix >/dev/null || { echo "user 'postfix' is missing (Debian package postfix creates it)" >&2; exit 1; }
getent group postdrop >/dev/null || { echo "group 'postdrop' is missing (Debian package postfix creates it)" >&2; exit 1; }

alive() { [ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$((40000 + RANDOM % 20000)) i
  for ((i = 0; i < 500; i++)); do port_free "$p" && { echo "$p"; return 0; }; p=$((p + 1)); done
  echo "no free port near $p on 127.0.0.1" >&2
  return 1
}

pf=$run_dir/postfix
etc=$pf/etc
spool=$pf/spool
own_sink_dir=""
postfix_started=0
measure_pid=""

# Kills the PIDs recorded in $pf/pids (master's children seen while sampling) that still run a
# Postfix program: after `postfix stop` the master is gone and those would be orphans.
kill_leftovers() {
  local pid exe
  [ -s "$pf/pids" ] || return 0
  while read -r pid; do
    alive "$pid" || continue
    # Only if the PID still runs a Postfix daemon binary (it may have been reused meanwhile).
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
    if [[ $exe == /usr/lib/postfix/sbin/* ]]; then
      echo "killing leftover Postfix process $pid ($exe)" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < <(sort -un "$pf/pids")
}

stop_postfix() {
  local mpid="" i
  [ "$postfix_started" = 1 ] || return 0
  postfix_started=0
  [ -s "$spool/pid/master.pid" ] && mpid=$(tr -d ' \n' <"$spool/pid/master.pid")
  # Children of the master right now, in case the sampler never ran.
  if [[ $mpid =~ ^[0-9]+$ ]]; then
    echo "$mpid" >>"$pf/pids"
    tr ' ' '\n' 2>/dev/null <"/proc/$mpid/task/$mpid/children" | grep -E '^[0-9]+$' >>"$pf/pids" || true
  fi
  timeout 30 /usr/sbin/postfix -c "$etc" stop >>"$pf/postfix-ctl.log" 2>&1 \
    || echo "postfix -c $etc stop failed (see $pf/postfix-ctl.log); killing by PID" >&2
  if [[ $mpid =~ ^[0-9]+$ ]]; then
    for ((i = 0; i < 100; i++)); do alive "$mpid" || break; sleep 0.1; done
    if alive "$mpid"; then
      echo "Postfix master (pid $mpid) still runs 10 s after 'postfix stop'; sending SIGKILL" >&2
      kill -KILL "$mpid" 2>/dev/null || true
    fi
  fi
  sleep 0.2
  kill_leftovers
}

cleanup() {
  local rc=$?
  set +e
  # The measuring Python kills its smtp-source on TERM.
  if [ -n "$measure_pid" ] && alive "$measure_pid"; then
    kill -TERM "$measure_pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do alive "$measure_pid" || break; sleep 0.1; done
    alive "$measure_pid" && kill -KILL "$measure_pid" 2>/dev/null
  fi
  stop_postfix
  [ -n "$own_sink_dir" ] && "$sink_sh" stop "$own_sink_dir"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the sink -----------------------------------------------------------------------------------
if [ "$sink_port" = auto ]; then
  own_sink_dir=$run_dir/sink
  "$sink_sh" start "$own_sink_dir"
  sink_dir=$own_sink_dir
  sink_port=$(sed -n 's/^SINK_PORT=//p' "$sink_dir/sink.env")
else
  [[ $sink_port =~ ^[0-9]+$ ]] || usage
  sink_dir=${SINK_DIR:-}
  if [ -z "$sink_dir" ] || [ ! -f "$sink_dir/sink.env" ]; then
    echo "SINK_PORT $sink_port given but SINK_DIR (the sink.sh start DIR) is not set or has no sink.env: cannot count arrivals" >&2
    exit 2
  fi
  grep -qx "SINK_PORT=$sink_port" "$sink_dir/sink.env" \
    || { echo "$sink_dir/sink.env is not for port $sink_port" >&2; exit 2; }
fi
counters=$sink_dir/sink.counters
[ -f "$counters" ] || { echo "no counter file $counters: the sink must run with sink.sh" >&2; exit 1; }

# --- the private Postfix instance ---------------------------------------------------------------
[ -e "$pf" ] && { echo "$pf exists: use a fresh RUN_DIR (a queue left there would be delivered again)" >&2; exit 1; }
mkdir -p "$run_dir"
# Postfix daemons open files by absolute path (data_directory, maillog) after dropping to the
# postfix user: a mktemp -d RUN_DIR (mode 700) must be traversable.
chmod 755 "$run_dir"
mkdir -p "$etc" "$spool" "$pf/data"
chmod 755 "$pf" "$etc" "$spool"
chown postfix:root "$pf/data"
chmod 700 "$pf/data"
: >"$pf/pids"
smtpd_port=$(free_port)

cat >"$etc/main.cf" <<EOF
# Private Postfix instance for umgate's delivery benchmark (written by tests/bench/postfix_peer.sh).
compatibility_level = 3.6
queue_directory = $spool
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-bench
maillog_file_prefixes = $pf
maillog_file = $pf/maillog
myhostname = postfix-peer.bench.invalid
mydomain = bench.invalid
myorigin = \$myhostname
append_dot_mydomain = no
biff = no
# Relay everything to the sink; accept only from loopback.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
relay_domains =
relayhost = [127.0.0.1]:$sink_port
smtpd_relay_restrictions = permit_mynetworks, reject
# No local delivery at all.
local_transport = error:5.1.1 local delivery is disabled in this benchmark instance
local_recipient_maps =
alias_maps =
alias_database =
# No DNS: numeric relayhost, hostname from the local resolver, no reverse lookups of clients.
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
# Postfix defaults, spelled out because the figures depend on them.
default_process_limit = 100
smtp_destination_concurrency_limit = 20
smtp_connection_cache_on_demand = yes
# The benchmark must not stop on a full-ish disk heuristic.
queue_minfree = 0
EOF

# Only the services a relay-only instance uses; no chroot (nothing is copied into the spool).
cat >"$etc/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$smtpd_port inet n - n - - smtpd
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
proxywrite unix  -       -       n       -       1       proxymap
smtp       unix  -       -       n       -       -       smtp
relay      unix  -       -       n       -       -       smtp
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF

# `postfix start` creates the queue directories (post-install create-missing, from postfix-files)
# with the owners and modes Postfix insists on, and runs its integrity check.
if ! timeout 60 /usr/sbin/postfix -c "$etc" check >"$pf/postfix-ctl.log" 2>&1; then
  echo "postfix -c $etc check failed:" >&2; cat "$pf/postfix-ctl.log" >&2; exit 1
fi
postfix_started=1
if ! timeout 60 /usr/sbin/postfix -c "$etc" start >>"$pf/postfix-ctl.log" 2>&1; then
  echo "postfix -c $etc start failed:" >&2; cat "$pf/postfix-ctl.log" >&2
  [ -f "$pf/maillog" ] && tail -n 20 "$pf/maillog" >&2
  exit 1
fi
master_pid=""
for ((i = 0; i < 100; i++)); do
  [ -s "$spool/pid/master.pid" ] && master_pid=$(tr -d ' \n' <"$spool/pid/master.pid") && break
  sleep 0.1
done
if ! [[ $master_pid =~ ^[0-9]+$ ]] || ! alive "$master_pid"; then
  echo "Postfix started but $spool/pid/master.pid names no running master" >&2
  exit 1
fi
echo "$master_pid" >>"$pf/pids"
for ((i = 0; i < 200; i++)); do ! port_free "$smtpd_port" && break; sleep 0.05; done
port_free "$smtpd_port" && { echo "Postfix smtpd does not listen on 127.0.0.1:$smtpd_port after 10 s" >&2; exit 1; }
echo "private Postfix: master pid $master_pid, smtpd 127.0.0.1:$smtpd_port, relayhost [127.0.0.1]:$sink_port" >&2

# --- measurement ----------------------------------------------------------------------------------
# measure LABEL PORT MASTER_PID(0 = no RSS) -> prints the result line. One Python process starts
# smtp-source, polls the sink's counter file and samples RSS, so the measuring itself forks nothing.
measure() {
  # In the background and waited for: bash runs the TERM/INT trap only once a foreground child
  # has finished, but interrupts `wait` at once.
  python3 - "$1" "$2" "$3" "$counters" "$count" "$((size_kb * 1024))" "$sessions" "$timeout_s" "$pf/pids" <<'PY' &
import os, re, signal, subprocess, sys, time

label, port, master, counters, n, size, sessions, timeout, pids_file = sys.argv[1:]
port, master, n, size, sessions, timeout = int(port), int(master), int(n), int(size), int(sessions), float(timeout)
page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
mesg_re = re.compile(rb"mesg=(\d+)\s*$")

def received():
    with open(counters, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 64))
        tail = f.read()
    for part in reversed(tail.split(b"\r")):
        m = mesg_re.search(part)
        if m:
            return int(m.group(1))
    return 0

seen = set()
def mem_kb():
    """(sum of VmRSS, sum of Pss) in KiB over the master and its children."""
    pids = [master]
    try:
        with open(f"/proc/{master}/task/{master}/children") as f:
            pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    rss = pss = 0
    for p in pids:
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm") as f:
                rss += int(f.read().split()[1]) * page_kb
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                        break
        except (OSError, IndexError, ValueError):
            pass  # exited between listing and reading
    return rss, pss

base = received()
target = base + n
peak, peak_pss = mem_kb() if master else (0, 0)
src = None
def kill_source():
    if src and src.poll() is None:
        src.kill()
        src.wait()
def on_signal(*_):
    kill_source()
    sys.exit(143)
signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)

t0 = time.monotonic()
src = subprocess.Popen(["/usr/sbin/smtp-source", "-s", str(sessions), "-m", str(n), "-l", str(size),
                        "-f", "bench@sender.bench.invalid", "-t", "sink@rcpt.bench.invalid",
                        "-M", "source.bench.invalid", f"127.0.0.1:{port}"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
deadline = t0 + timeout
next_rss = t0
t_end = None
t_injected = None
got = base
while True:
    now = time.monotonic()
    got = received()
    if t_injected is None and src.poll() is not None:
        t_injected = now
    if got >= target:
        # The counter file's mtime is when smtp-sink wrote the count that reached the target; it is
        # wall-clock time, so take its age and subtract it from the monotonic now (this VM's wall
        # clock has been seen to step during a run).
        age = time.time() - os.stat(counters).st_mtime
        t_end = now - min(max(age, 0.0), 0.1)
        break
    if master and now >= next_rss:
        rss, pss = mem_kb()
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        next_rss = now + 0.1
    if src.poll() is not None and src.returncode != 0:
        err = src.stderr.read().decode(errors="replace").strip()
        print(f"{label}: smtp-source to 127.0.0.1:{port} failed (exit {src.returncode}): {err}", file=sys.stderr)
        sys.exit(1)
    if now >= deadline:
        print(f"{label}: gave up after {timeout:.0f} s: the sink received {got - base} of {n} messages "
              f"(smtp-source {'still running' if src.poll() is None else 'finished'})", file=sys.stderr)
        kill_source()
        sys.exit(1)
    time.sleep(0.02)
if master:
    rss, pss = mem_kb()
    peak, peak_pss = max(peak, rss), max(peak_pss, pss)
try:
    src.wait(timeout=max(1.0, deadline - time.monotonic()))
except subprocess.TimeoutExpired:
    kill_source()
with open(pids_file, "a") as f:
    f.writelines(f"{p}\n" for p in sorted(seen))
secs = max(t_end - t0, 1e-6)
line = f"{label} messages={n} seconds={secs:.3f} per_second={n / secs:.1f}"
if master:
    line += f" peak_rss_kb={peak} peak_pss_kb={peak_pss}"
    if t_injected is not None:
        line += f" inject_seconds={t_injected - t0:.3f}"
print(line, flush=True)
PY
  measure_pid=$!
  local rc=0
  wait "$measure_pid" || rc=$?
  measure_pid=""
  return $rc
}

measure postfix_peer "$smtpd_port" "$master_pid"
stop_postfix
if [ -s "$pf/maillog" ] && grep -q 'status=\(deferred\|bounced\)' "$pf/maillog"; then
  echo "warning: Postfix deferred or bounced some messages, see $pf/maillog" >&2
fi
measure sink_direct "$sink_port" 0
