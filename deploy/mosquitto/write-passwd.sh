#!/bin/sh
# Writes the broker's password file from the environment (a password file cannot reference variables, and
# it holds hashes, so it is generated at every start and never committed). Usage: write-passwd.sh FILE
# Needs MQTT_CLOUD_PASSWORD, MQTT_GW_A_PASSWORD and MQTT_CABINET_PASSWORD; the users are the acl file's.
# MQTT_PASSWORD_<USER> (upper case, '-' as '_', e.g. MQTT_PASSWORD_MCAB_A_01) overrides one user's password:
# in production give every gateway and every device its own (docs/deployment.md, "Production broker").
set -eu
password_for() { # USER FALLBACK
    var="MQTT_PASSWORD_$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
    eval "own=\${$var:-}"
    printf '%s' "${own:-$2}"
}
file="${1:?usage: write-passwd.sh FILE}"
for name in MQTT_CLOUD_PASSWORD MQTT_GW_A_PASSWORD MQTT_CABINET_PASSWORD; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
        echo "write-passwd.sh: $name is not set (see .env.example)" >&2
        exit 2
    fi
done
umask 077
mkdir -p "$(dirname "$file")"
: > "$file"
mosquitto_passwd -b "$file" hpms-cloud "$(password_for hpms-cloud "$MQTT_CLOUD_PASSWORD")"
mosquitto_passwd -b "$file" gw-a "$(password_for gw-a "$MQTT_GW_A_PASSWORD")"
for cabinet in mcab-a-01 mcab-a-02 mcab-b-01 mcab-b-02 mcab-c-01 mcab-c-02; do
    mosquitto_passwd -b "$file" "$cabinet" "$(password_for "$cabinet" "$MQTT_CABINET_PASSWORD")"
done
