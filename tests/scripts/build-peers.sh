#!/bin/sh
# Build the C peer programs used by the C# integration tests.
#   tests/scripts/build-peers.sh [OUTDIR]      (default: tests/scripts/bin, gitignored)
# Idempotent: a binary is rebuilt only when its source (or this script) is newer.
# Needs gcc, pkg-config and libmodbus-dev (3.1.x).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-"$HERE/bin"}
mkdir -p "$OUT"

if ! pkg-config --exists libmodbus; then
    echo "build-peers.sh: libmodbus not found by pkg-config (apt-get install libmodbus-dev)" >&2
    exit 1
fi
CFLAGS_MB=$(pkg-config --cflags libmodbus)
LIBS_MB=$(pkg-config --libs libmodbus)

build() { # build NAME SOURCE
    bin="$OUT/$1"
    src="$2"
    if [ -x "$bin" ] && [ "$bin" -nt "$src" ] && [ "$bin" -nt "$0" ]; then
        echo "up to date: $bin"
        return 0
    fi
    # shellcheck disable=SC2086 # word splitting of pkg-config output is intended
    gcc -O2 -Wall -Wextra -Werror -o "$bin.tmp.$$" "$src" $CFLAGS_MB $LIBS_MB
    mv -f "$bin.tmp.$$" "$bin"
    echo "built: $bin"
}

build libmodbus_client "$HERE/libmodbus_client.c"
