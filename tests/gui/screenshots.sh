#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders every console page and the main dialogs to PNG on a real X server (Xvfb, the xcb
# platform), through tst_console_settings' pagesRender against a real umgated, and checks that
# each picture has content. The README shows some of them (docs/screenshots/).
#
#   screenshots.sh TST_CONSOLE_SETTINGS OUT_DIR
set -euo pipefail
test_bin=${1:?usage: $0 TST_CONSOLE_SETTINGS OUT_DIR}
out=${2:?usage: $0 TST_CONSOLE_SETTINGS OUT_DIR}
command -v Xvfb >/dev/null || { echo "screenshots: Xvfb is not installed (package xvfb)" >&2; exit 1; }
work=$(mktemp -d /tmp/umgate-shots.XXXXXX)
xpid=""
cleanup() {
  set +e
  if [ -n "$xpid" ] && kill -0 "$xpid" 2>/dev/null; then
    kill "$xpid"
    for _ in $(seq 1 50); do kill -0 "$xpid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$xpid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# -displayfd: Xvfb picks a free display and says which; no lock races between parallel runs.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -auth /dev/null 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xpid=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
[ -s "$work/display" ] || { echo "screenshots: Xvfb did not start: $(cat "$work/xvfb.log")" >&2; exit 1; }
export DISPLAY=":$(head -1 "$work/display")"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

rm -rf "$out"
mkdir -p "$out"
QT_QPA_PLATFORM=xcb UMGATE_SCREENSHOT_DIR="$out" "$test_bin" pagesRender

count=0
for f in "$out"/*.png; do
  [ -e "$f" ] || continue
  # A page that rendered nothing is one flat colour.
  bytes=$(python3 - "$f" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
# Enough to tell a blank image from a drawn one: the compressed size of the pixel data.
idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                for i in range(8, len(data)) if data[i + 4:i + 8] == b"IDAT")
print(len(idat))
PY
)
  if [ "$bytes" -lt 3000 ]; then
    echo "screenshots: $f looks empty ($bytes bytes of pixel data)" >&2
    exit 1
  fi
  count=$((count + 1))
done
echo "screenshots: $count pictures in $out"
[ "$count" -ge 14 ] || { echo "screenshots: expected at least 14 pictures" >&2; exit 1; }
