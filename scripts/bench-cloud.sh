#!/usr/bin/env bash
# Cloud figures (a benchmark, not a test): hpms-cloud (its own process, SQLite) taking gateways' telemetry from
# a real mosquitto into a real influxd at full speed, beside the raw single-writer ingest of the same influxd
# measured in the same run; the cloud's CPU per point against influxd's; and the latency from a fridge
# door-open event to its work order at that load.
# Bounded: about 2 × --seconds + --warmup (30) + 60 s.   usage: scripts/bench-cloud.sh [--seconds N] [--warmup N] [--devices N] [--points-per-message N] [--events-per-second N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-test-deps.sh
for p in cloud/Hpms.Cloud benchmarks/Hpms.Benchmarks; do dotnet build "$p" -c Release -nologo -v quiet; done
exec dotnet run -c Release --no-build --project benchmarks/Hpms.Benchmarks -- cloud \
  --cloud-bin cloud/Hpms.Cloud/bin/Release/net10.0 "$@"
