#!/usr/bin/env bash
# The docker-compose topology without Docker, on 127.0.0.1, from Debian packages (docs/deployment.md):
#   mosquitto (deploy/mosquitto: the same conf and ACL as compose) + influxd (auth on, database hpms) +
#   PostgreSQL (a private cluster) + hpms-sim (the default hospital) + hpms-edge (gw-a: deploy/edge/gw-a.json
#   plus building A's RS-485 fridges, which ptys make reachable here) + hpms-cloud; Grafana only when
#   grafana-server is installed (it is not a Debian package).
# Passwords and keys are generated per run into the state folder (mode 600), never written to the repository.
#
#   bash scripts/run-local.sh [--state DIR] [--run-for SECONDS] [--no-build] [--cloud-port N] [--mqtt-port N]
#                             [--influx-port N] [--pg-port N] [--sim-port N] [--grafana-port N]
#
# Ports not given are free ports picked at start (--sim-port N uses N..N+3 for the scenario's gateways and
# serial server). Without --state a temporary folder is used and removed at exit. Stops everything on
# Ctrl-C, on SIGTERM, after --run-for, or when any part exits. Needs mosquitto, influxdb, postgresql, socat,
# python3 (scripts/install-test-deps.sh) and the .NET SDK.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="" run_for=0 build=1
cloud_port="" mqtt_port="" influx_port="" pg_port="" sim_port="" grafana_port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --state) state="$2"; shift 2 ;;
    --run-for) run_for="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --cloud-port) cloud_port="$2"; shift 2 ;;
    --mqtt-port) mqtt_port="$2"; shift 2 ;;
    --influx-port) influx_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --sim-port) sim_port="$2"; shift 2 ;;
    --grafana-port) grafana_port="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run-local: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "run-local: $*"; }
die() { echo "run-local: $*" >&2; exit 1; }

for tool in mosquitto mosquitto_passwd influxd socat python3 dotnet; do
  command -v "$tool" >/dev/null || die "$tool is missing (bash scripts/install-test-deps.sh)"
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$pg_bin/initdb" ] || die "PostgreSQL is missing under /usr/lib/postgresql (bash scripts/install-test-deps.sh)"

keep_state=1
if [ -z "$state" ]; then
  state="$(mktemp -d /tmp/hpms-local-XXXXXX)"
  keep_state=0
fi
mkdir -p "$state"
state="$(cd "$state" && pwd)"
# As root, PostgreSQL runs as the postgres user, which must be able to pass through the state folder.
[ "$(id -u)" -ne 0 ] || chmod o+x "$state"

pids=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  local i
  # Reverse start order, each given up to 10 s: the edge flushes before the cloud and the broker go.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${pids[$i]}" 2>/dev/null || true
  done
  if [ -f "$state/pg/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  if [ "$keep_state" -eq 0 ]; then rm -rf "$state"; else say "state kept in $state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
secret() { python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())'; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_port() { # name port seconds
  python3 - "$@" <<'EOF'
import socket, sys, time
name, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
end = time.time() + seconds
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", port), 0.5).close(); sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(f"run-local: {name} is not listening on 127.0.0.1:{port} after {seconds:.0f} s")
EOF
}
influx_query() { # query (as admin)
  python3 - "$influx_port" "$INFLUX_ADMIN_PASSWORD" "$1" <<'EOF'
import base64, sys, urllib.parse, urllib.request
port, password, q = sys.argv[1], sys.argv[2], sys.argv[3]
request = urllib.request.Request(f"http://127.0.0.1:{port}/query", urllib.parse.urlencode({"q": q}).encode())
request.add_header("Authorization", "Basic " + base64.b64encode(f"admin:{password}".encode()).decode())
body = urllib.request.urlopen(request, timeout=10).read().decode()
if '"error"' in body: sys.exit("run-local: influxd: " + body)
EOF
}

: "${cloud_port:=$(free_port)}" "${mqtt_port:=$(free_port)}" "${influx_port:=$(free_port)}" "${pg_port:=$(free_port)}"
: "${grafana_port:=$(free_port)}"
if [ -z "$sim_port" ]; then
  sim_port="$(python3 -c 'import socket
for base in range(21000, 60000, 16):
    try:
        socks = [socket.socket() for _ in range(4)]
        [s.bind(("127.0.0.1", base + i)) for i, s in enumerate(socks)]
        print(base); break
    except OSError: pass
    finally: [s.close() for s in socks]')"
fi
influx_rpc="$(free_port)"

# --- secrets: generated per run, kept only in the state folder
umask 077
if [ ! -f "$state/secrets.env" ]; then
  {
    for name in MQTT_CLOUD_PASSWORD MQTT_GW_A_PASSWORD MQTT_CABINET_PASSWORD POSTGRES_PASSWORD INFLUX_ADMIN_PASSWORD \
                INFLUX_WRITER_PASSWORD INFLUX_READER_PASSWORD HPMS_JWT_KEY HPMS_COMMAND_KEY_GW_A HPMS_ADMIN_PASSWORD \
                HPMS_TECHNICIAN_PASSWORD GRAFANA_ADMIN_PASSWORD GRAFANA_PG_PASSWORD; do
      echo "$name=$(secret)"
    done
  } > "$state/secrets.env"
fi
set -a; . "$state/secrets.env"; set +a
umask 022

# --- build
if [ "$build" -eq 1 ]; then
  for p in simulators/Hpms.Simulators edge/Hpms.Edge cloud/Hpms.Cloud; do
    say "building $p"
    dotnet build "$root/$p" -c Release -v quiet -nologo >/dev/null || die "dotnet build $p failed"
  done
fi
sim_dll="$root/simulators/Hpms.Simulators/bin/Release/net10.0/hpms-sim.dll"
edge_dll="$root/edge/Hpms.Edge/bin/Release/net10.0/hpms-edge.dll"
cloud_dll="$root/cloud/Hpms.Cloud/bin/Release/net10.0/hpms-cloud.dll"
for dll in "$sim_dll" "$edge_dll" "$cloud_dll"; do [ -f "$dll" ] || die "$dll is missing (run without --no-build)"; done
mkdir -p "$state/logs"

# --- mosquitto: deploy/mosquitto's conf and ACL; only the listener and the paths change
mkdir -p "$state/mosquitto/data"
sh "$root/deploy/mosquitto/write-passwd.sh" "$state/mosquitto/passwd"
sed -e "s|^listener 1883\$|listener $mqtt_port 127.0.0.1|" \
    -e "s|/mosquitto/auth/passwd|$state/mosquitto/passwd|" \
    -e "s|/mosquitto/config/acl|$root/deploy/mosquitto/acl|" \
    -e "s|/mosquitto/data/|$state/mosquitto/data/|" \
    "$root/deploy/mosquitto/mosquitto.conf" > "$state/mosquitto/mosquitto.conf"
echo "user $(id -un)" >> "$state/mosquitto/mosquitto.conf"
mosquitto -c "$state/mosquitto/mosquitto.conf" > "$state/logs/mosquitto.log" 2>&1 &
pids+=($!)
wait_port mosquitto "$mqtt_port" 15

# --- influxd: authentication on, database hpms, the cloud's read-write user and Grafana's read-only one
mkdir -p "$state/influxdb"
cat > "$state/influxdb/influxd.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$influx_rpc"
[meta]
  dir = "$state/influxdb/meta"
[data]
  dir = "$state/influxdb/data"
  wal-dir = "$state/influxdb/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$influx_port"
  auth-enabled = true
  log-enabled = false
[monitor]
  store-enabled = false
EOF
influxd -config "$state/influxdb/influxd.conf" > "$state/logs/influxd.log" 2>&1 &
pids+=($!)
wait_port influxd "$influx_port" 30
python3 - "$influx_port" "$INFLUX_ADMIN_PASSWORD" <<'EOF'
import sys, urllib.parse, urllib.request
port, password = sys.argv[1], sys.argv[2]
q = f"CREATE USER admin WITH PASSWORD '{password}' WITH ALL PRIVILEGES"
try:
    urllib.request.urlopen(f"http://127.0.0.1:{port}/query", urllib.parse.urlencode({"q": q}).encode(), timeout=10).read()
except Exception:
    pass  # a kept --state already has its admin
EOF
influx_query 'CREATE DATABASE "hpms"'
influx_query "CREATE USER hpms WITH PASSWORD '$INFLUX_WRITER_PASSWORD'" 2>/dev/null || true
influx_query 'GRANT ALL ON "hpms" TO "hpms"'
influx_query "CREATE USER grafana WITH PASSWORD '$INFLUX_READER_PASSWORD'" 2>/dev/null || true
influx_query 'GRANT READ ON "hpms" TO "grafana"'

# --- PostgreSQL: a private cluster, owner hpms with a password, Grafana's read-only role as in compose
mkdir -p "$state/pg"
[ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$state/pg"
if [ ! -f "$state/pg/data/PG_VERSION" ]; then
  printf '%s\n' "$POSTGRES_PASSWORD" > "$state/pg/pwfile"; [ "$(id -u)" -ne 0 ] || chown postgres "$state/pg/pwfile"
  as_pg "$pg_bin/initdb" -D "$state/pg/data" -U hpms --pwfile="$state/pg/pwfile" -A scram-sha-256 -E UTF8 --locale=C --no-sync >/dev/null
  rm -f "$state/pg/pwfile"
fi
as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/postgres.log" -w -t 30 \
  -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1" start >/dev/null
export PGPASSWORD="$POSTGRES_PASSWORD"
if ! "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U hpms -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='hpms'" | grep -q 1; then
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U hpms -d postgres -qc "CREATE DATABASE hpms" >/dev/null
  POSTGRES_USER=hpms POSTGRES_DB=hpms \
    sh -c "sed 's|^psql |\"$pg_bin/psql\" -h 127.0.0.1 -p $pg_port |' '$root/deploy/postgres/init/10-grafana-reader.sh' | sh" >/dev/null
fi
unset PGPASSWORD

# --- hpms-sim: the default hospital, with this run's ports
python3 - "$root/simulators/scenarios/default-hospital.json" "$state/scenario.json" "$sim_port" "$mqtt_port" <<'EOF'
import json, sys
src, dst, base, mqtt = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
scenario = json.load(open(src))
offsets = {"gw-a": 0, "gw-b": 1, "gw-c": 2, "serial-server-c": 3}
for e in scenario["endpoints"]:
    if e["id"] in offsets: e["port"] = base + offsets[e["id"]]
    if e["kind"] == "mqtt": e["port"] = mqtt
json.dump(scenario, open(dst, "w"), indent=1)
EOF
for cabinet in MCAB_A_01 MCAB_A_02 MCAB_B_01 MCAB_B_02 MCAB_C_01 MCAB_C_02; do export "HPMS_SIM_MQTT_PASSWORD_$cabinet=$MQTT_CABINET_PASSWORD"; done
mkdir -p "$state/sim-run"
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$sim_dll" --scenario "$state/scenario.json" --run-dir "$state/sim-run" \
  --manifest "$state/sim-manifest.json" > "$state/logs/hpms-sim.log" 2>&1 &
pids+=($!)
wait_port hpms-sim "$sim_port" 60

# --- hpms-cloud: the keys docker-compose.yml gives it, with this run's addresses
(
  export Database__Provider=Postgres Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=hpms;Username=hpms"
  export Database__PasswordEnv=HPMS_PG_PASSWORD HPMS_PG_PASSWORD="$POSTGRES_PASSWORD"
  export Influx__Url="http://127.0.0.1:$influx_port" Influx__Version=V1 Influx__Database=hpms Influx__Username=hpms
  export Influx__SecretEnv=HPMS_INFLUX_PASSWORD HPMS_INFLUX_PASSWORD="$INFLUX_WRITER_PASSWORD"
  export Ingest__Enabled=true Ingest__Host=127.0.0.1 Ingest__Port="$mqtt_port" Ingest__Username=hpms-cloud
  export Ingest__PasswordEnv=HPMS_MQTT_PASSWORD Ingest__ClientId=hpms-cloud-local Ingest__StateDirectory="$state/cloud/state"
  export Commands__Host=127.0.0.1 Commands__Port="$mqtt_port" Commands__Username=hpms-cloud Commands__PasswordEnv=HPMS_MQTT_PASSWORD
  export Commands__ClientId=hpms-cloud-local-cmd HPMS_MQTT_PASSWORD="$MQTT_CLOUD_PASSWORD"
  export Auth__Users__0__Name=admin Auth__Users__0__Roles__0=admin Auth__Users__0__PasswordEnv=HPMS_ADMIN_PASSWORD
  export Auth__Users__1__Name=technician Auth__Users__1__Roles__0=technician
  export Auth__Users__1__PasswordEnv=HPMS_TECHNICIAN_PASSWORD Serilog__WriteTo__0__Name=Console
  mkdir -p "$state/cloud" && cd "$state/cloud"
  # A gateway id is a dictionary key with a hyphen: not a shell identifier, so env sets it.
  exec env "Commands__Keys__gw-a__KeyEnv=HPMS_COMMAND_KEY_GW_A" DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$cloud_dll" --urls "http://127.0.0.1:$cloud_port"
) > "$state/logs/hpms-cloud.log" 2>&1 &
pids+=($!)
python3 - "$cloud_port" <<'EOF'
import sys, time, urllib.request
end = time.time() + 90
while time.time() < end:
    try:
        if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ready", timeout=2).status == 200: sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit("run-local: hpms-cloud did not answer /ready within 90 s (see logs/hpms-cloud.log)")
EOF

# --- hpms-edge: gw-a as in compose, plus building A's RS-485 fridges (ptys work without containers)
python3 - "$root/deploy/edge/gw-a.json" "$root/edge/config/building-a.json" "$state/edge" "$sim_port" "$mqtt_port" "$state/sim-run" <<'EOF'
import json, os, sys
compose_cfg, building, out, base, mqtt, run_dir = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
cfg = json.load(open(compose_cfg))
for d in cfg["Gateway"]["Devices"]:
    if d["Transport"] == "ModbusTcp" and d["Port"] == 15020: d["Port"] = base
for d in json.load(open(building))["Gateway"]["Devices"]:
    if d["Transport"] == "ModbusRtu":
        d["SerialPort"] = os.path.join(run_dir, os.path.basename(d["SerialPort"]))
        cfg["Gateway"]["Devices"].append(d)
cfg["Uplink"]["Mqtt"]["Port"] = mqtt
cfg["MqttDevices"]["Port"] = mqtt
cfg["Uplink"]["StateDirectory"] = os.path.join(out, "state")
cfg["Operations"] = {"MetricsUrl": "", "HealthFile": os.path.join(out, "health.json")}
os.makedirs(out, exist_ok=True)
json.dump(cfg, open(os.path.join(out, "gateway.json"), "w"), indent=1)
EOF
(
  cd "$state/edge"
  exec env HPMS_EDGE_MQTT_PASSWORD="$MQTT_GW_A_PASSWORD" HPMS_EDGE_COMMAND_KEY="$HPMS_COMMAND_KEY_GW_A" \
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$edge_dll" --config "$state/edge/gateway.json"
) > "$state/logs/hpms-edge.log" 2>&1 &
pids+=($!)

# --- Grafana, only when installed (not a Debian package: Grafana's own apt repository or a tarball)
grafana_url="not started: grafana-server is not installed (not a Debian package; see docs/deployment.md)"
if command -v grafana-server >/dev/null && [ -d "$root/dashboards/grafana/provisioning" ]; then
  mkdir -p "$state/grafana"
  (
    export GF_SERVER_HTTP_ADDR=127.0.0.1 GF_SERVER_HTTP_PORT="$grafana_port" GF_PATHS_DATA="$state/grafana" GF_PATHS_LOGS="$state/logs"
    export GF_PATHS_PROVISIONING="$root/dashboards/grafana/provisioning" GF_SECURITY_ADMIN_PASSWORD="$GRAFANA_ADMIN_PASSWORD"
    export HPMS_INFLUX_URL="http://127.0.0.1:$influx_port" HPMS_INFLUX_DB=hpms HPMS_INFLUX_USER=grafana HPMS_INFLUX_PASSWORD="$INFLUX_READER_PASSWORD"
    export HPMS_PG_HOST="127.0.0.1:$pg_port" HPMS_PG_DB=hpms HPMS_PG_USER=grafana_reader HPMS_PG_PASSWORD="$GRAFANA_PG_PASSWORD"
    exec grafana-server --homepath /usr/share/grafana
  ) > "$state/logs/grafana.log" 2>&1 &
  pids+=($!)
  grafana_url="http://127.0.0.1:$grafana_port (admin / GRAFANA_ADMIN_PASSWORD in $state/secrets.env)"
fi

cat <<EOF
run-local: running (state $state, passwords in $state/secrets.env, logs in $state/logs)
  cloud API and page  http://127.0.0.1:$cloud_port   (/ready, /openapi/v1.json; users admin, technician)
  Grafana             $grafana_url
  mosquitto           127.0.0.1:$mqtt_port      influxd http://127.0.0.1:$influx_port (db hpms)
  PostgreSQL          127.0.0.1:$pg_port (db hpms, user hpms)   simulator Modbus TCP 127.0.0.1:$sim_port-$((sim_port + 3))
run-local: ready
EOF

# --- run until Ctrl-C / SIGTERM, --run-for, or any part exiting
started=$SECONDS
while true; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || die "a part (pid $pid) exited; see $state/logs"
  done
  if [ "$run_for" -gt 0 ] && [ $((SECONDS - started)) -ge "$run_for" ]; then
    say "ran for $run_for s"
    exit 0
  fi
  sleep 1
done
