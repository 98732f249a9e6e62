#!/usr/bin/env bash
# Edge gateway figures (a benchmark, not a test): hpms-edge polling N simulated Modbus TCP devices every
# second into a real mosquitto and influxd on this machine; CPU per 1,000 points/s, memory (idle and
# loaded), and the backlog drain after an InfluxDB outage against the same influxd's raw ingest rate.
# Bounded: about 2 × --seconds + 60 s.
# usage: scripts/bench-edge.sh [--published] [--devices N] [--seconds N]
#   --published  run the shipped binary (linux-x64 publish profile: trimmed single file) instead of the build
#                output; EDGE_PUBLISH_ARGS adds publish properties, e.g. "-p:TieredCompilation=true".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
published=false
args=()
for a in "$@"; do
  if [ "$a" = "--published" ]; then published=true; else args+=("$a"); fi
done
bash scripts/install-test-deps.sh
for p in simulators/Hpms.Simulators benchmarks/Hpms.Benchmarks; do dotnet build "$p" -c Release -nologo -v quiet; done
if $published; then
  # shellcheck disable=SC2086 # EDGE_PUBLISH_ARGS is a list of -p: properties
  dotnet publish edge/Hpms.Edge -p:PublishProfile=linux-x64 -p:PublishDir="$root/artifacts/bench/edge/" ${EDGE_PUBLISH_ARGS:-} -nologo -v quiet
  edge_bin=artifacts/bench/edge
else
  dotnet build edge/Hpms.Edge -c Release -nologo -v quiet
  edge_bin=edge/Hpms.Edge/bin/Release/net10.0
fi
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- edge \
  --sim-bin simulators/Hpms.Simulators/bin/Release/net10.0 --edge-bin "$edge_bin" \
  --scenario simulators/scenarios/large-hospital.json "${args[@]}"
