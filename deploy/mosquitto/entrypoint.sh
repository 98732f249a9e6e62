#!/bin/sh
# Container entrypoint of the compose broker: generate the password file from the environment, hand it to
# the mosquitto user (the broker drops root before reading it), then run the broker in the foreground.
set -eu
sh /hpms/write-passwd.sh /mosquitto/auth/passwd
chown -R mosquitto:mosquitto /mosquitto/auth /mosquitto/data
exec /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf
