#!/usr/bin/env bash
# Simulator figures (a benchmark, not a test): hpms-sim running the large scenario (2,000 devices) as
# its own process — CPU and memory with models only, then with every device polled by its read plan.
# Bounded: two phases of --seconds each (default 20) plus start-up.
#   usage: scripts/bench-sim.sh [--seconds N] [--poll-seconds N] [--speed X] [--scenario FILE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-test-deps.sh
dotnet build simulators/Hpms.Simulators -c Release -nologo -v quiet
dotnet build benchmarks/Hpms.Benchmarks -c Release -nologo -v quiet
scenario=simulators/scenarios/large-hospital.json
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) scenario=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- sim \
  --sim-bin simulators/Hpms.Simulators/bin/Release/net10.0 --scenario "$scenario" "${args[@]}"
