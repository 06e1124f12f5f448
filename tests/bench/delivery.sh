#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 4 benchmark: N kernel messages of SIZE_KB from Kernel/Incoming through a real umgated to
# Postfix's smtp-sink, side by side with a private Postfix relaying the same load to the same sink
# (postfix_peer.sh) in the same run.
#
#   delivery.sh BUILD_DIR [N [SIZE_KB [sms|mixed]]]     (defaults 10000, 10, sms)
#
# The envelopes (the kernel protocol of engine/spool/KernelEnvelope.h): "sms", N SMS with SIZE_KB
# of text; "mixed" (issue 11), every other one a voice message with a WAV of SIZE_KB (8 kHz mono
# 16-bit PCM: the attachment path, base64 and the build pool) instead. Postfix relays N mails of
# SIZE_KB either way. They are written beforehand into a folder on the same file system and renamed into Kernel/Incoming
# all at once; the clock runs from that rename until the sink has counted N messages. umgated's RSS
# is sampled every 100 ms. Needs root for the Postfix peer; prints one line per contender and the
# ratio.
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [N [SIZE_KB]]}
count=${2:-10000}
size_kb=${3:-10}
mix=${4:-sms}
case $mix in sms | mixed) ;; *) echo "the load is sms or mixed, not $mix" >&2; exit 2 ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
umgated=$build/app/umgated/umgated
umgatectl=$build/app/umgatectl/umgatectl
[ -x "$umgated" ] || { echo "no $umgated (build first)" >&2; exit 1; }

work=$(mktemp -d /tmp/umgate-bench-delivery.XXXXXX)
chmod 755 "$work"
daemon_pid=""
cleanup() {
  set +e
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  "$here/sink.sh" stop "$work/sink" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

"$here/sink.sh" start "$work/sink" >/dev/null
# shellcheck disable=SC1091
. "$work/sink/sink.env"
export SINK_DIR=$work/sink

# --- umgate
data=$work/data
base_port=$(( 40000 + RANDOM % 20000 ))
"$umgated" --data-dir "$data" --base-port "$base_port" 2>"$work/umgated.log" &
daemon_pid=$!
for _ in $(seq 1 100); do [ -S "$data/umgated.sock" ] && break; sleep 0.1; done
ctl() { "$umgatectl" --data-dir "$data" "$@" >/dev/null; }
ctl config set MSConnInst1 mailSystem.general.server 127.0.0.1
ctl config set MSConnInst1 mailSystem.general.port "$SINK_PORT"
ctl config set MSConnInst1 mailSystem.messageStore.mode mailServer
ctl config set MSConnInst1 mailSystem.general.defaultRecipient bench@example.com
ctl misc set smtp.maxConnectionsPerInstance 10

spool=$data/instances/MSConnInst1/Kernel/Incoming
staging=$data/instances/MSConnInst1/bench-staging
mkdir -p "$staging"
/usr/bin/python3 - "$staging" "$count" "$size_kb" "$mix" <<'PY'
import json, math, os, struct, sys
d, n, kb, mix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
text = ("umgate benchmark " * (kb * 1024 // 17 + 1))[: kb * 1024]
# A real WAV: RIFF header and a 440 Hz tone, SIZE_KB in all.
samples = (kb * 1024 - 44) // 2
pcm = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * t / 8000))) for t in range(samples))
wav = (b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
       + b"data" + struct.pack("<I", len(pcm)) + pcm)
for i in range(n):
    e = {"version": 1, "id": f"b{i:06d}", "type": "sms", "calling": "+49 30 1234567",
         "called": "+49 89 7654321", "time": "2026-11-26T12:00:00Z", "text": text}
    if mix == "mixed" and i % 2:
        with open(os.path.join(d, f"b{i:06d}.wav"), "wb") as f:
            f.write(wav)
        e.update(type="voice", duration=samples // 8000, attachments=[f"b{i:06d}.wav"])
        del e["text"]
    with open(os.path.join(d, f"b{i:06d}.json"), "w") as f:
        json.dump(e, f)
PY
before=$("$here/sink.sh" count "$work/sink")
/usr/bin/python3 - "$staging" "$spool" "$count" "$before" "$work/sink/sink.counters" "$daemon_pid" <<'PY'
import os, re, sys, time
staging, spool, n, before, counters, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
def count():
    with open(counters, "rb") as f:
        f.seek(0, 2); size = f.tell(); f.seek(max(0, size - 64))
        m = re.findall(rb"mesg=(\d+)", f.read())
        return int(m[-1]) if m else 0
def rss():
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"): return int(line.split()[1])
    except OSError:
        return 0
    return 0
# Attachments before envelopes, as the kernel writes them.
names = sorted(os.listdir(staging), key=lambda name: (name.endswith(".json"), name))
n_files = len(names)
t0 = time.monotonic()
for name in names:
    os.rename(os.path.join(staging, name), os.path.join(spool, name))
peak, last_sample = rss(), 0.0
while count() - before < n:
    now = time.monotonic()
    if now - t0 > 600:
        print(f"umgate: only {count() - before} of {n} arrived within 600 s", file=sys.stderr); sys.exit(1)
    if now - last_sample >= 0.1:
        peak, last_sample = max(peak, rss()), now
    time.sleep(0.02)
s = time.monotonic() - t0
print(f"umgate messages={n} files={n_files} seconds={s:.2f} per_second={n / s:.0f} peak_rss_kb={max(peak, rss())}")
PY
kill "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=""

# --- Postfix, same load, same sink
if [ "$(id -u)" -eq 0 ]; then
  "$here/postfix_peer.sh" "$work/postfix" "$SINK_PORT" "$count" "$size_kb"
else
  echo "postfix_peer skipped: needs root" >&2
fi
