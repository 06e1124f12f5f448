#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages umgate needs to build (--build, the default) or to build and run
# the whole test suite (--test). Safe to run again: installed packages are skipped, so a machine
# that has everything costs one dpkg-query per package and no root rights.
set -euo pipefail

usage() { echo "usage: $0 [--build|--test]"; }

mode="build"
case "${1:-}" in
  "" | --build) ;;
  --test) mode="test" ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

BUILD_PKGS=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev libqt6keychain1 libsecret-1-0 # QtKeychain loads libsecret at run time only
  libldap-dev libssl-dev
  libtiff-dev libhpdf-dev # fax TIFF pages -> PDF (libtiff reads them, libharu writes CCITT G4 PDF)
  zlib1g-dev # the fax preview PNG in mails (zlib deflate + crc32)
)
# The real servers the test fixtures start, plus the clients the tests talk to them with.
TEST_PKGS=(
  dbus-daemon gnome-keyring libsecret-tools          # Secret Service on a private session bus
  slapd ldap-utils openssl                           # LDAP directory with StartTLS/LDAPS
  python3 python3-aiosmtpd postfix swaks             # SMTP peers: smtp-sink, smtp-source, the maildrop relay
  libsasl2-modules                                   # PLAIN/LOGIN for that Postfix logging in to umgate
  dnsmasq-base                                       # DNS server for the Direct SMTP (MX) tests
  libnet-ssleay-perl libio-socket-ssl-perl           # swaks --tls
  dovecot-core dovecot-imapd dovecot-pop3d           # IMAP/POP3
  cups-daemon cups-client cups-filters printer-driver-cups-pdf ghostscript poppler-utils
  xvfb xauth imagemagick                             # console screenshots
  curl procps
  clang-format                                       # the formatting test
  clang-tidy                                         # the clang_tidy test (tests/style/CheckTidy.sh)
  clang libclang-rt-14-dev                           # libFuzzer + sanitizers for tests/fuzz
)

pkgs=("${BUILD_PKGS[@]}")
[ "$mode" = test ] && pkgs+=("${TEST_PKGS[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} $mode packages are installed"
  exit 0
fi
echo "install-deps: missing ${#missing[@]} package(s): ${missing[*]}"

command -v apt-get >/dev/null || { echo "install-deps: apt-get not found; umgate targets Debian 12" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: not root and sudo is not installed; run as root or install sudo, or install: ${missing[*]}" >&2
    exit 1
  fi
  # Without a terminal sudo can't ask for a password; say so instead of hanging or failing obscurely.
  if ! sudo -n true 2>/dev/null && [ ! -t 0 ]; then
    echo "install-deps: sudo needs a password but there is no terminal; run as root or: sudo $0 --$mode" >&2
    exit 1
  fi
  SUDO=(sudo)
fi
APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)

# Refresh the package lists only when they are missing or older than a day, or when apt knows no
# candidate for a missing package (lists from before a package was added to the archive).
need_update=0
[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -1)" ] || need_update=1
if [ $need_update = 0 ]; then
  for p in "${missing[@]}"; do
    c=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [ -z "$c" ] || [ "$c" = "(none)" ]; then need_update=1; break; fi
  done
fi
if [ $need_update = 1 ]; then
  echo "install-deps: apt-get update"
  "${APT[@]}" update
fi

# Server packages (slapd, dovecot, cups, postfix) start their system service from postinst. The
# tests start private instances instead, so a temporary policy-rc.d (exit 101) keeps the system
# ones down -- but only if the admin has no policy of their own, which we must not replace.
POLICY=/usr/sbin/policy-rc.d
made_policy=0
cleanup() { if [ $made_policy = 1 ]; then "${SUDO[@]}" rm -f "$POLICY"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ ! -e "$POLICY" ]; then
  "${SUDO[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' >'$POLICY' && chmod 755 '$POLICY'"
  made_policy=1
fi

"${APT[@]}" install -y --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
