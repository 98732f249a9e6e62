#!/bin/sh
# Build the libmodbus benchmark peers.
#   benchmarks/modbus/build.sh [OUTDIR]      (default: benchmarks/out, gitignored)
# Idempotent: a binary is rebuilt only when its source (or this script) is newer.
# Needs gcc, pkg-config and libmodbus-dev (3.1.x).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-"$HERE/../out"}
mkdir -p "$OUT"

if ! pkg-config --exists libmodbus; then
    echo "build.sh: libmodbus not found by pkg-config (apt-get install libmodbus-dev)" >&2
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

build libmodbus_bench_client "$HERE/libmodbus_bench_client.c"
build libmodbus_bench_server "$HERE/libmodbus_bench_server.c"
