#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when something is missing:
# BIND (authoritative + recursive servers, dnssec-keygen/-signzone, dig, delv), Unbound,
# iproute2 (extra loopback addresses for the lab) and Chromium (browser tests).
set -euo pipefail

need=()
command -v named >/dev/null || need+=(bind9)
command -v dnssec-signzone >/dev/null || need+=(bind9-utils)
command -v delv >/dev/null || need+=(bind9-dnsutils)
command -v unbound >/dev/null || need+=(unbound)
command -v ip >/dev/null || need+=(iproute2)
# The HTTP/2 DoH fronts' self-signed certificate (test/lab/self-signed.ts).
command -v openssl >/dev/null || need+=(openssl)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present (named, unbound, delv, ip, openssl, chromium)"
  exit 0
fi

echo "system packages: installing ${need[*]} with apt-get (needed by the DNS lab and browser tests)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "error: installing ${need[*]} needs root (run as root, or install them yourself)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
