#!/bin/sh
# Makes the production broker's certificates (production.conf) in DIR: a private CA (ca.key, ca.crt) and the
# broker's key and certificate (server.key, server.crt) signed by it, valid for the given host names and IP
# addresses. Gateways and the cloud trust ca.crt (Uplink:Mqtt:CaFile, Ingest:CaFile, Commands:CaFile).
# Run it once per deployment on a trusted machine; keep ca.key offline, never commit any of these files.
# Usage: make-certs.sh DIR HOST_OR_IP... (e.g. make-certs.sh /etc/hpms/mqtt-certs mqtt.st-mary.example 10.0.0.5)
# HPMS_CERT_DAYS sets the validity (default 825 days).
set -eu
dir="${1:?usage: make-certs.sh DIR HOST_OR_IP...}"
shift
if [ "$#" -eq 0 ]; then
    echo "make-certs.sh: name at least one host name or IP address the gateways connect to" >&2
    exit 2
fi
days="${HPMS_CERT_DAYS:-825}"
san=""
for name in "$@"; do
    case "$name" in
        *[!0-9.]*) entry="DNS:$name" ;;
        *) entry="IP:$name" ;;
    esac
    san="${san:+$san,}$entry"
done

umask 077
mkdir -p "$dir"
openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key" 2>/dev/null
openssl req -x509 -new -key "$dir/ca.key" -sha256 -days "$days" -subj "/CN=HPMS MQTT CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.crt"
openssl ecparam -name prime256v1 -genkey -noout -out "$dir/server.key" 2>/dev/null
openssl req -new -key "$dir/server.key" -subj "/CN=$1" -out "$dir/server.csr"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san" > "$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -sha256 -days "$days" \
    -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
chmod 644 "$dir/ca.crt" "$dir/server.crt"
echo "make-certs.sh: $dir/ca.crt (give to gateways and the cloud), $dir/server.crt and server.key (the broker only), ca.key (keep offline)"
