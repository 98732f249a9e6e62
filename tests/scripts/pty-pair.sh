#!/bin/sh
# Create a connected pty pair with socat, for RTU tests without hardware.
#   tests/scripts/pty-pair.sh LINK_A LINK_B [MAX_SECONDS]
# e.g. tests/scripts/pty-pair.sh /tmp/hpms-a /tmp/hpms-b 600 &
# Both links exist once socat has logged "starting data transfer loop" on stderr
# (or poll for the two symlinks). Raw mode, no echo; socat ignores baud on ptys,
# so any baud/8N1 setting the peers apply is accepted and data moves at memory speed.
# Exits after MAX_SECONDS (default 600) or on SIGTERM; socat removes the links on exit.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 LINK_A LINK_B [MAX_SECONDS]" >&2
    exit 1
fi
exec timeout "${3:-600}" socat -d -d \
    "pty,raw,echo=0,link=$1" "pty,raw,echo=0,link=$2"
