#!/bin/bash
# Prove the third-party peers against each other (no C# involved):
# pymodbus_server.py (TCP + RTU over a socat pty pair) <- libmodbus_client and mbpoll.
#   tests/scripts/verify-peers.sh [TCP_PORT]        (default 15020)
# Prints every command with PASS/FAIL; exit 0 when all pass. Bounded: servers run with
# --max-seconds 120, socat with a 120 s timeout, every client has a 1 s response timeout.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=${1:-15020}
TMP=$(mktemp -d /tmp/hpms-verify.XXXXXX)
PTY_A=$TMP/pty-a
PTY_B=$TMP/pty-b
PIDS=()
FAILS=0

cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

wait_for() { # wait_for FILE PATTERN  (max 10 s)
    local i
    for i in $(seq 1 100); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "timeout waiting for '$2' in $1" >&2
    return 1
}

check() { # check "EXPECTED (space separated)" EXPECTED_RC command...
    local want=$1 want_rc=$2 got rc
    shift 2
    "$@" >"$TMP/check.out" 2>&1
    rc=$?
    got=$(grep -v -e '^mbpoll' -e '^Copyright' -e '^This ' -e '^under' -e '^Protocol' \
        -e '^Slave' -e '^ *start' -e '^ *t/o' -e '^Communication' -e '^Data type' \
        -e '^-- Polling' -e '^$' "$TMP/check.out" | sed 's/^\[[0-9]*\]: *\t*//' | tr '\n' ' ')
    got=${got% }
    if [ "$got" = "$want" ] && [ "$rc" = "$want_rc" ]; then
        echo "PASS  $*"
    else
        echo "FAIL  $*"
        echo "      want rc=$want_rc '$want'"
        echo "      got  rc=$rc '$got'"
        FAILS=$((FAILS + 1))
    fi
}

"$HERE/build-peers.sh" >/dev/null || exit 1
C=$HERE/bin/libmodbus_client

timeout 120 socat -d -d "pty,raw,echo=0,link=$PTY_A" "pty,raw,echo=0,link=$PTY_B" \
    2>"$TMP/socat.err" &
PIDS+=($!)
wait_for "$TMP/socat.err" "starting data transfer loop" || exit 1

"$HERE/pymodbus_server.py" --tcp "$PORT" --max-seconds 120 >"$TMP/tcp.out" 2>"$TMP/tcp.err" &
PIDS+=($!)
"$HERE/pymodbus_server.py" --rtu "$PTY_A" --baud 115200 --max-seconds 120 \
    >"$TMP/rtu.out" 2>"$TMP/rtu.err" &
PIDS+=($!)
wait_for "$TMP/tcp.out" READY || exit 1
wait_for "$TMP/rtu.out" READY || exit 1

MBT="mbpoll -m tcp -p $PORT -1 -o 1"
MBR="mbpoll -m rtu -b 115200 -d 8 -s 1 -P none -1 -o 1"
for mode in tcp rtu; do
    if [ $mode = tcp ]; then
        L="$C tcp 127.0.0.1 $PORT"; MB=$MBT; DEV=127.0.0.1
    else
        L="$C rtu $PTY_B 115200"; MB=$MBR; DEV=$PTY_B
    fi
    echo "== $mode: libmodbus_client"
    check "53191 53191 51151 51151" 0 $L 1 read-holding 0 4
    check "63652 13035 13035 63652 42232 60210 60210 42232" 0 $L 1 read-holding 20 8
    check "18512 19795 11593 28500" 0 $L 1 read-holding 120 4
    check "0" 0 $L 1 read-holding 199 1
    check "EXCEPTION 2" 2 $L 1 read-holding 500 1
    check "EXCEPTION 2" 2 $L 1 read-holding 199 2
    check "891 894 897" 0 $L 1 read-input 297 3
    check "EXCEPTION 2" 2 $L 1 read-input 300 1
    check "1 0 0 1 0 0 1" 0 $L 1 read-coils 0 7
    check "EXCEPTION 2" 2 $L 1 read-coils 2000 1
    check "1 0 0 0 0 1" 0 $L 1 read-discrete 0 6
    check "EXCEPTION 2" 2 $L 1 read-discrete 1999 2
    check "OK" 0 $L 1 write-register 160 1 0xBEEF
    check "OK" 0 $L 1 write-registers 161 3 1 2 3
    check "48879 1 2 3" 0 $L 1 read-holding 160 4
    check "48879 1 2 3 0" 0 $L 1 write-read 160 5 170 7 8 9
    check "7 8 9" 0 $L 1 read-holding 170 3
    check "EXCEPTION 2" 2 $L 1 write-register 200 1 5
    check "OK" 0 $L 1 write-coil 1500 1 0
    check "OK" 0 $L 1 write-coils 1501 3 1 1 0
    check "0 1 1 0" 0 $L 1 read-coils 1500 4
    check "EXCEPTION 1" 2 $L 1 raw 65 0 1 2 3
    check "EXCEPTION 1" 2 $L 1 raw 9 0
    check "EXCEPTION 3" 2 $L 1 raw 3 0 0 0 0 126
    check "ERROR 110 Connection timed out" 1 $L 2 read-holding 0 1
    echo "== $mode: mbpoll"
    check "53191 (-12345) 53191 (-12345) 51151 (-14385) 51151 (-14385)" 0 \
        $MB -a 1 -r 1 -c 4 -t 4 $DEV
    check "0xF8A4 0x32EB" 0 $MB -a 1 -r 21 -c 2 -t 4:hex $DEV
    check "-123456789" 0 $MB -a 1 -r 21 -c 1 -t 4:int -B $DEV
    check "-123456789" 0 $MB -a 1 -r 23 -c 1 -t 4:int $DEV
    check "-559038737" 0 $MB -a 1 -r 31 -c 1 -t 4:int -B $DEV
    check "-1234.57" 0 $MB -a 1 -r 41 -c 1 -t 4:float -B $DEV
    check "-1234.57" 0 $MB -a 1 -r 43 -c 1 -t 4:float $DEV
    check "891 894 897" 0 $MB -a 1 -0 -r 297 -c 3 -t 3 $DEV
    check "1 0 0 1" 0 $MB -a 1 -r 1 -c 4 -t 0 $DEV
    check "1 0 0 0 0 1" 0 $MB -a 1 -r 1 -c 6 -t 1 $DEV
    check "Read output (holding) register failed: Illegal data address" 1 \
        $MB -a 1 -r 501 -c 1 -t 4 $DEV
    check "Written 3 references." 0 $MB -a 1 -r 181 -t 4 $DEV 11 22 33
    check "11 22 33" 0 $MB -a 1 -r 181 -c 3 -t 4 $DEV
    check "Written 1 references." 0 $MB -a 1 -r 191 -t 4:int -B $DEV -- -123456789
    check "63652 (-1884) 13035" 0 $MB -a 1 -r 191 -c 2 -t 4 $DEV
    check "Read output (holding) register failed: Connection timed out" 1 \
        $MB -a 2 -r 1 -c 1 -t 4 $DEV
done

echo "== $FAILS failure(s)"
[ "$FAILS" = 0 ]
