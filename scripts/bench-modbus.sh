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
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- --libmodbus-bin benchmarks/out "$@"
