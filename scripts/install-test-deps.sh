#!/usr/bin/env bash
# Installs the Debian packages the tests need, idempotently: nothing is fetched when all are present.
# Third-party Modbus peers (pymodbus, mbpoll, libmodbus), socat for pty pairs, mosquitto as the MQTT broker,
# influxd (1.6) as the time-series database, PostgreSQL for the cloud store, chromium for the browser test
# (Playwright drives /usr/bin/chromium; no browser download), procps for kill (the fault tests stop mosquitto with SIGTERM).
set -euo pipefail

packages=(socat mbpoll python3-pymodbus libmodbus-dev pkg-config gcc mosquitto influxdb postgresql chromium openssl git procps)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all present (${packages[*]})"
  exit 0
fi

echo "install-test-deps: installing ${missing[*]}"
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
