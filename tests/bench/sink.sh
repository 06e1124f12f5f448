#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Postfix's smtp-sink as the benchmark's receiving peer, on 127.0.0.1.
#
#   sink.sh start DIR [PORT]   -> starts it, writes DIR/sink.env (SINK_PORT=..., SINK_PID=...)
#   sink.sh count DIR          -> prints how many messages it has received so far
#   sink.sh last DIR           -> prints when its counters last changed (epoch seconds, ns resolution)
#   sink.sh stop DIR           -> stops it by the PID recorded in DIR/sink.pid
#
# Counting: smtp-sink runs with -c, which rewrites "\rsess=N quit=N mesg=N" on stdout after each
# session end, QUIT and received "."; stdout goes to DIR/sink.counters. Nothing is written per message
# (no -d dump files), so the sink stays as cheap as it can be, and `count` only reads the file's last
# 64 bytes. The file's mtime is the time of the last counter update, i.e. (within one QUIT/session end)
# when the last message arrived. The sink accepts and discards the message contents.
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | count DIR | last DIR | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$2
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
SMTP_SINK=${SMTP_SINK:-/usr/sbin/smtp-sink}

alive() { [ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

count() {
  local f=$dir/sink.counters last
  [ -f "$f" ] || { echo "smtp-sink: no counter file $f (was the sink started with sink.sh start $dir?)" >&2; return 1; }
  # The last complete "mesg=N" in the tail; "0" before the first session ends.
  last=$(tail -c 64 "$f" | tr '\r' '\n' | sed -n 's/.*mesg=\([0-9][0-9]*\)$/\1/p' | tail -n 1)
  echo "${last:-0}"
}

stop() {
  local file=$dir/sink.pid pid cmd i
  [ -s "$file" ] || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  cmd=""
  [[ $pid =~ ^[0-9]+$ ]] && cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  # Only the recorded PID, and only while it still is smtp-sink (the PID may have been reused).
  if [[ $cmd == *smtp-sink* ]] && alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      echo "smtp-sink (pid $pid) ignored SIGTERM; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

start() {
  local port=${1:-} pid i
  [ -x "$SMTP_SINK" ] || { echo "smtp-sink not found at $SMTP_SINK (Debian package postfix)" >&2; return 1; }
  mkdir -p "$dir"
  if [ -s "$dir/sink.pid" ] && alive "$(cat "$dir/sink.pid")"; then
    echo "smtp-sink already runs for $dir (pid $(cat "$dir/sink.pid")); stop it first" >&2
    return 1
  fi
  if [ -z "$port" ]; then
    port=$((20000 + RANDOM % 20000))
    for ((i = 0; i < 500; i++)); do port_free "$port" && break; port=$((port + 1)); done
    port_free "$port" || { echo "smtp-sink: no free port found near $port" >&2; return 1; }
  elif ! port_free "$port"; then
    echo "smtp-sink: port $port on 127.0.0.1 is already in use" >&2
    return 1
  fi
  local user_opt=()
  # smtp-sink refuses to run as root without -u.
  [ "$(id -u)" = 0 ] && user_opt=(-u nobody)
  : >"$dir/sink.counters"
  # Own session and no terminal, so neither CTest nor a caller's pipe waits for it. Backlog 256 and
  # -m 256 connections: far above the 10 + 20 sessions the benchmark opens.
  setsid "$SMTP_SINK" "${user_opt[@]}" -c -m 256 "127.0.0.1:$port" 256 \
    </dev/null >"$dir/sink.counters" 2>"$dir/sink.log" &
  pid=$!
  echo "$pid" >"$dir/sink.pid"
  for ((i = 0; i < 200; i++)); do
    alive "$pid" || { echo "smtp-sink exited at start: $(cat "$dir/sink.log")" >&2; rm -f "$dir/sink.pid"; return 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
  done
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "smtp-sink (pid $pid) does not accept connections on 127.0.0.1:$port after 10 s" >&2
    stop
    return 1
  fi
  # The readiness probe above counts as a session, not as a message: mesg stays 0.
  printf 'SINK_PORT=%s\nSINK_PID=%s\n' "$port" "$pid" >"$dir/sink.env"
}

case $action in
  start) start "${3:-}" ;;
  count) count ;;
  last) [ -f "$dir/sink.counters" ] || { echo "no counter file in $dir" >&2; exit 1; }; stat -c %.9Y "$dir/sink.counters" ;;
  stop) stop ;;
  *) usage ;;
esac
