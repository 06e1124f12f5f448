#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 12 benchmark: Postfix's smtp-source hands N mails of SIZE_KB to an instance's SMTP listener
# (each a kernel job in Kernel/Outgoing, synced before the 250) and, in the same run, to a private
# Postfix smtpd whose mails go to the hold queue (Postfix syncs each queue file before its 250 too).
#
#   listener.sh BUILD_DIR [N [SIZE_KB [SESSIONS]]]     (defaults 10000, 10, 10)
#
# Issue 13: a third contender, an instance of the same engine with the sender check on (a
# directory user with rights of her own), measured against the plain listener.
# Prints one line per contender (mails per second from smtp-source's start to its exit, which is
# when every 250 has arrived) and the ratio; for umgate also the peak RSS (VmHWM) and the jobs
# found afterwards. The contenders alternate over ROUNDS (env, default 3) rounds; the figures are
# the medians. Needs root (Postfix's master) and the Debian package postfix.
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [N [SIZE_KB [SESSIONS]]]}
count=${2:-10000}
size_kb=${3:-10}
sessions=${4:-10}
rounds=${ROUNDS:-3}
umgated=$build/app/umgated/umgated
umgatectl=$build/app/umgatectl/umgatectl
[ -x "$umgated" ] || { echo "no $umgated (build first)" >&2; exit 1; }
for tool in /usr/sbin/postfix /usr/sbin/smtp-source /usr/lib/postfix/sbin/master; do
  [ -x "$tool" ] || { echo "$tool is missing: install the Debian package postfix" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "listener.sh must run as root: the Postfix master daemon starts as root" >&2; exit 1; }

work=$(mktemp -d /tmp/umgate-bench-listener.XXXXXX)
chmod 755 "$work"
daemon_pid=""
pf=$work/postfix
postfix_started=0
cleanup() {
  set +e
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  [ "$postfix_started" = 1 ] && timeout 30 /usr/sbin/postfix -c "$pf/etc" stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$((40000 + RANDOM % 20000)) i
  for ((i = 0; i < 500; i++)); do port_free "$p" && { echo "$p"; return 0; }; p=$((p + 1)); done
  return 1
}

# --- umgate: a fresh engine; its first instance listens on the base port
data=$work/data
"$umgated" --data-dir "$data" --base-port "$(free_port)" 2>"$work/umgated.log" &
daemon_pid=$!
for _ in $(seq 1 100); do [ -S "$data/umgated.sock" ] && break; sleep 0.1; done
umgate_port=$("$umgatectl" --data-dir "$data" --json status |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["instances"][0]["listen"].split(":")[1])')
outgoing=$data/instances/MSConnInst1/Kernel/Outgoing
ctl() { "$umgatectl" --data-dir "$data" "$@" >/dev/null; }
# The plain figure: the first instance hands every mail on without asking who sent it.
ctl config set MSConnInst1 globalUserSettings.rights.checkSenders false
# Issue 13: a second instance with every check on. The sender is a directory user with rights of
# her own (embedded directory; looked up once, then from the cache like any busy sender).
ctl instance create Policy
policy_dir=$data/instances/Policy
cat >"$policy_dir/users.ldif" <<LDIF
dn: cn=Bench,ou=people,dc=example,dc=com
objectClass: user
cn: Bench
mail: bench@sender.example
extensionAttribute1: UMS1;bc=4711;fhl=Bench AG;fp=national;fsn=30 1234 500;pri=normal
department: Benchmarks
LDIF
for kv in "general.site.countryCode 49" "general.site.areaCode 30" "general.site.baseNumber 49301234" \
          "general.site.extensionLength 3"; do
  # shellcheck disable=SC2086
  ctl config set Policy $kv
done
ctl instance enable Policy
policy_port=$("$umgatectl" --data-dir "$data" --json status |
  python3 -c 'import json,sys; print([i for i in json.load(sys.stdin)["instances"] if i["id"] == "Policy"][0]["listen"].split(":")[1])')

# --- Postfix: private instance, loopback only, every mail to the hold queue
mkdir -p "$pf/etc" "$pf/spool" "$pf/data"
chmod 755 "$pf" "$pf/etc" "$pf/spool"
chown postfix:root "$pf/data"
chmod 700 "$pf/data"
postfix_port=$(free_port)
cat >"$pf/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $pf/spool
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-bench-listener
maillog_file_prefixes = $pf
maillog_file = $pf/maillog
myhostname = postfix-peer.bench.invalid
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
relay_domains =
smtpd_relay_restrictions = permit_mynetworks, reject
# Accepted, synced, and parked: nothing is delivered, as umgate's jobs wait for the kernel.
smtpd_client_restrictions = check_client_access static:HOLD
local_recipient_maps =
alias_maps =
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
queue_minfree = 0
CF
cat >"$pf/etc/master.cf" <<CF
127.0.0.1:$postfix_port inet n - n - - smtpd
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
proxymap   unix  -       -       n       -       -       proxymap
anvil      unix  -       -       n       -       1       anvil
postlog    unix-dgram n  -       n       -       1       postlogd
CF
timeout 60 /usr/sbin/postfix -c "$pf/etc" check >"$work/postfix-ctl.log" 2>&1 || { cat "$work/postfix-ctl.log" >&2; exit 1; }
postfix_started=1
timeout 60 /usr/sbin/postfix -c "$pf/etc" start >>"$work/postfix-ctl.log" 2>&1 || { cat "$work/postfix-ctl.log" >&2; exit 1; }
for ((i = 0; i < 200; i++)); do ! port_free "$postfix_port" && break; sleep 0.05; done

# run PORT RECIPIENT -> seconds smtp-source took
run() {
  local start end
  start=$(date +%s.%N)
  timeout 600 /usr/sbin/smtp-source -s "$sessions" -m "$count" -l $((size_kb * 1024)) \
    -f bench@sender.example -t "$2" -M source.example "127.0.0.1:$1" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$work/u" ; : >"$work/c" ; : >"$work/p"
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order="u c p"; else order="p c u"; fi
  for who in $order; do
    if [ "$who" = u ]; then
      t=$(run "$umgate_port" "+4930123456@fax.localhost")
    elif [ "$who" = c ]; then
      t=$(run "$policy_port" "0891234567@fax.localhost")
    else
      t=$(run "$postfix_port" "+4930123456@fax.example.org")
    fi
    echo "scale=1; $count / $t" | bc -l >>"$work/$who"
    echo "round $r $who: $(tail -1 "$work/$who")/s" >&2
  done
done
jobs=$(find "$outgoing" -maxdepth 1 -name '*.json' | wc -l)
policy_jobs=$(find "$policy_dir/Kernel/Outgoing" -maxdepth 1 -name '*.json' | wc -l)
held=$(find "$pf/spool/hold" -type f | wc -l)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$daemon_pid/status")
u=$(median <"$work/u"); c=$(median <"$work/c"); p=$(median <"$work/p")
echo "umgate_listener mails=$count size_kb=$size_kb sessions=$sessions per_second=$u jobs=$jobs peak_rss_kb=$hwm"
echo "umgate_listener_checked mails=$count per_second=$c jobs=$policy_jobs (sender looked up, rights, sender data)"
echo "postfix_hold mails=$count per_second=$p held=$held"
echo "ratio umgate/postfix = $(echo "scale=2; $u / $p" | bc -l)"
echo "ratio checked/plain = $(echo "scale=2; $c / $u" | bc -l) (issue 13: at least 0.90)"
