#!/usr/bin/env bash
# Load and scale figures (a benchmark, not a test): the large simulator scenario's Modbus TCP devices through
# hpms-edge gateways, mosquitto and hpms-cloud into influxd and SQLite/PostgreSQL, all on this machine, at
# several scales (default 125, 500, 2,000 devices), then the largest with two cloud instances sharing the MQTT
# subscription beside one (PostgreSQL). One markdown row per scale; the raw ingest of the same influxd first.
# Bounded: about 2 min + rows × (--warmup + --seconds + ~20 s); defaults (5 rows, 20 + 20 s) ≈ 7 min.
# usage: scripts/bench-system.sh [--scales 125,500,2000] [--seconds N] [--warmup N] [--per-gateway N] [--poll-seconds N] [--no-scale-out]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-test-deps.sh
for p in simulators/Hpms.Simulators edge/Hpms.Edge cloud/Hpms.Cloud benchmarks/Hpms.Benchmarks; do dotnet build "$p" -c Release -nologo -v quiet; done
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- system \
  --sim-bin simulators/Hpms.Simulators/bin/Release/net10.0 --edge-bin edge/Hpms.Edge/bin/Release/net10.0 \
  --cloud-bin cloud/Hpms.Cloud/bin/Release/net10.0 --scenario simulators/scenarios/large-hospital.json "$@"
