#!/usr/bin/env bash
# Runs the fuzz targets (tests/Hpms.IntegrationTests/Fuzz) for N seconds each (default 60) and prints the
# inputs tried per target. CI runs the same tests for 2 s each (FuzzBudget.DefaultSeconds).
#   scripts/fuzz.sh [--seconds N] [--no-build]
# A failing target prints the exact input (base64) and FsCheck's replay seed; exit code 1.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

seconds=60
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  dotnet build tests/Hpms.IntegrationTests -c Release -nologo -v quiet || exit 1
fi

report=$(mktemp)
trap 'rm -f "$report"' EXIT
export HPMS_FUZZ_SECONDS="$seconds" HPMS_FUZZ_REPORT="$report"
# One target at a time (-maxcpucount and xunit parallelism off), so each gets the whole budget of a core.
dotnet test tests/Hpms.IntegrationTests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Hpms.IntegrationTests.Fuzz" \
  --logger "console;verbosity=normal" -- xUnit.ParallelizeTestCollections=false
status=$?

echo
printf '%-24s %14s %10s\n' target "inputs tried" seconds
sort "$report" | awk -F'\t' '{ printf "%-24s %14d %10s\n", $1, $2, $3; total += $2 } END { printf "%-24s %14d\n", "total", total }'
exit $status
