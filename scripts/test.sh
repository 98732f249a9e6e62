#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs every test project, and ends
# with one line "N passed, N failed, N skipped" summed over all projects. Exit code 1 on any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

export HPMS_PEERS_BIN="$root/tests/scripts/bin"
sh tests/scripts/build-peers.sh "$HPMS_PEERS_BIN" || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Hpms.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

passed=0 failed=0 skipped=0
for project in tests/*/*.Tests.csproj tests/Hpms.IntegrationTests/Hpms.IntegrationTests.csproj; do
  [ -f "$project" ] || continue
  name=$(basename "$project" .csproj)
  echo "== $name"
  trx="$results/$name.trx"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" \
    --blame-hang-timeout 5m
  if [ ! -f "$trx" ]; then
    echo "$name: no results (the test host crashed or did not start)"
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); n=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${n:-0}))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
