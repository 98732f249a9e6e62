#!/usr/bin/env bash
# Edge gateway figures (a benchmark, not a test): hpms-edge polling N simulated Modbus TCP devices every
# second into a real mosquitto and influxd on this machine; CPU per 1,000 points/s, memory (idle and
# loaded), and the backlog drain after an InfluxDB outage against the same influxd's raw ingest rate.
# Bounded: about 2 × --seconds + 60 s.   usage: scripts/bench-edge.sh [--devices N] [--seconds N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-test-deps.sh
for p in simulators/Hpms.Simulators edge/Hpms.Edge benchmarks/Hpms.Benchmarks; do dotnet build "$p" -c Release -nologo -v quiet; done
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- edge \
  --sim-bin simulators/Hpms.Simulators/bin/Release/net10.0 --edge-bin edge/Hpms.Edge/bin/Release/net10.0 \
  --scenario simulators/scenarios/large-hospital.json "$@"
