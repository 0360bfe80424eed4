#!/usr/bin/env bash
# bench/http.sh: safegate's proxy beside nginx direct, Squid and Squid + squidGuard (the anchors),
# same machine, same run, same 100k domain list and 100k URL list.
#
#   bench/http.sh [--mode absolute|origin] [--duration 15] [--connections 50] [--repeat 2]
#                 [--verdicts 1000] [--warmup 10] [--skip-anchor]
#
# Uses the shared harness (../shared/bench: wrk, nginx origin on 127.0.0.1:8081 as
# origin.bench.test, loopback only, every daemon killed by PID at exit). safegate resolves the
# origin through the harness's NSD on 127.0.0.2:5353 (zone bench.test, origin -> 127.0.0.1) and
# loads blocklist-100k.txt as a domains list and url-blocklist-100k.txt as a URL list.
# Before the load, --verdicts N URLs of each set are checked one by one through safegate:
# every allowed URL must be relayed (200) and every listed one blocked (403), the verdicts the
# anchor's lists give. That same safegate then gets --warmup seconds of wrk load on every set
# (a JVM compiles its hot paths in the first seconds; Squid needs no warm-up) before the timed
# runs measure it by PID; its start time (to the first blocked answer) is taken by this script.
# Prints the result tables; the README quotes them.
# Needs: apt-get install -y nsd squid squidguard nginx-light wrk curl time python3; mvn package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-$top/../shared/bench}
MODE=absolute DURATION=15 CONNECTIONS=50 REPEAT=2 VERDICTS=1000 WARMUP=10 ANCHOR=true
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE=$2; shift ;; --duration) DURATION=$2; shift ;; --connections) CONNECTIONS=$2; shift ;;
    --repeat) REPEAT=$2; shift ;; --verdicts) VERDICTS=$2; shift ;; --warmup) WARMUP=$2; shift ;;
    --skip-anchor) ANCHOR=false ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac; shift
done
[ -x "$shared/http-bench.sh" ] || { echo "shared bench harness not found at $shared (set SHARED_BENCH)" >&2; exit 1; }
[ -s "$top/target/safegate.jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
export BENCH_WORK=${BENCH_WORK:-/tmp/safegate-bench}
mkdir -p "$BENCH_WORK"
# shellcheck source=/dev/null
. "$shared/lib.sh"
set +u
ensure_data
trap bench_cleanup EXIT
start_upstream 127.0.0.2 5353
start_origin 127.0.0.1 8081
data=$BENCH_WORK/data

conf=$BENCH_WORK/safegate-http.conf
cat >"$conf" <<CONF
safegate {
  dns {
    listen = ["127.0.0.1:5301"]
    upstream { servers = ["127.0.0.2:5353"], timeout = 2s, attempts = 2 }
  }
  admin.listen = "127.0.0.1:9154"
  proxy {
    enabled = true
    listen = "127.0.0.1:3128"
    allowed-clients = ["127.0.0.0/8"]
    http-ports = [80, 8081]
    origin-exceptions = ["127.0.0.0/8"]
  }
  sources {
    bench-domains { format = domains, path = "$data/blocklist-100k.txt", category = bench }
    bench-urls { format = urls, path = "$data/url-blocklist-100k.txt", category = bench }
  }
}
CONF
jar="java -Xms512m -Xmx512m -XX:+UseParallelGC -jar $top/target/safegate.jar run --config $conf"

# One safegate for the verdict check, the warm-up and the timed runs.
serve() {
  local log=$BENCH_WORK/safegate-http.log t0 probe
  probe=$(tail -n 1 "$data/http-blocked-urls.txt")
  t0=$(date +%s.%N)
  $jar >"$log" 2>&1 &
  SAFEGATE=$!
  BENCH_PIDS+=("$SAFEGATE")
  for _ in $(seq 600); do
    curl -s -o /dev/null -m 1 --proxy http://127.0.0.1:3128 "$probe" -w '%{http_code}' | grep -q 403 && break
    kill -0 "$SAFEGATE" 2>/dev/null || { tail "$log" >&2; exit 1; }
    sleep 0.05
  done
  echo "safegate: first blocked answer $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s after start"
}

verdicts() {
  local bad=0 set name want urls got
  for set in allowed:200:http-allowed-urls.txt blocked-domains:403:http-blocked-domains.txt blocked-urls:403:http-blocked-urls.txt; do
    IFS=: read -r name want urls <<<"$set"
    got=$(head -n "$VERDICTS" "$data/$urls" | sed 's/.*/url = "&"\noutput = "\/dev\/null"/' \
      | curl -s -K - --proxy http://127.0.0.1:3128 -m 5 -w '%{http_code}\n' | sort | uniq -c | tr -s ' ' | tr '\n' ',')
    echo "verdicts $name (want $want for $VERDICTS URLs): $got"
    case "$got" in " $VERDICTS $want,") ;; *) bad=1 ;; esac
  done
  [ $bad = 0 ] || { echo "verdict check failed" >&2; exit 1; }
}

warm() {
  local f
  for f in http-allowed-urls.txt http-blocked-domains.txt http-blocked-urls.txt; do
    URLS=$data/$f MODE=$MODE wrk -t 1 -c "$CONNECTIONS" -d "${WARMUP}s" -s "$shared/wrk-urls.lua" http://127.0.0.1:3128/ >/dev/null 2>&1
  done
}

serve
[ "$VERDICTS" -gt 0 ] && verdicts
[ "$WARMUP" -gt 0 ] && warm
common=(--mode "$MODE" --duration "$DURATION" --connections "$CONNECTIONS" --repeat "$REPEAT")
"$shared/http-bench.sh" --label safegate-proxy --target 127.0.0.1:3128 --expect-block 403 "${common[@]}" --pid "$SAFEGATE"
kill "$SAFEGATE"; wait "$SAFEGATE" 2>/dev/null || true
if $ANCHOR; then
  "$shared/http-anchor.sh" --variants direct,squid-plain,squid-squidguard -- "${common[@]}"
fi
results=("$BENCH_WORK"/results-http-safegate-proxy.txt)
$ANCHOR && results+=("$BENCH_WORK"/results-http-anchor.txt)
python3 "$shared/summarize.py" "${results[@]}" 2>/dev/null || cat "${results[@]}"
