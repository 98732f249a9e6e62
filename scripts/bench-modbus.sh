#!/usr/bin/env bash
# Modbus figures (a benchmark, not a test): our master/server against libmodbus and against the
# wire-time limit, each beside its reference measured in the same run. Bounded: ~10 runs of
# --seconds each (default 5).   usage: scripts/bench-modbus.sh [--seconds N] [codec|tcp|rtu-pty|rtu-paced|all]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-test-deps.sh
sh benchmarks/modbus/build.sh benchmarks/out >/dev/null
dotnet build benchmarks/Hpms.Benchmarks -c Release -nologo -v quiet
run() { dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- --libmodbus-bin benchmarks/out "$@"; }
# Deployed as hpms-edge/hpms-sim are (see README): socket continuations inline on the epoll thread.
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 run "$@"
# The .NET default (thread-pool continuations) for comparison, whenever TCP was measured.
seconds=5; tcp=yes; suites=0; args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --seconds) seconds=${args[i+1]}; i=$((i + 1)) ;;
    --json|--libmodbus-bin) i=$((i + 1)) ;;
    tcp|all) suites=$((suites + 1)) ;;
    *) suites=$((suites + 1)); tcp=no ;;
  esac
done
if [ "$suites" -eq 0 ] || printf '%s\n' "$@" | grep -qx -e tcp -e all; then tcp=yes; fi
if [ "$tcp" = yes ]; then
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 run --seconds "$seconds" tcp | grep -e 'socket completions' -e '^| tcp'
fi
