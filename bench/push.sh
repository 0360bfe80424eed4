#!/usr/bin/env bash
# bench/push.sh: regulator pushes through the admin API while the resolver answers a dnsperf load.
#
#   [JAVA_OPTS=...] bench/push.sh [--rate 10000] [--plan 1:200,100:100,10000:20]
#                                 [--clients 1,4,16] [--seconds 10]
#
# safegate runs with a push source (format = push, mandate = legal-order), the shared harness's
# 100k domain list as a file source and the harness's NSD upstream on 127.0.0.2:5353; its state
# directory (the push journal, fsynced on every push) is under $BENCH_WORK, so on this machine's
# disk. A fresh token is granted the push source as a regulator. While dnsperf sends a fixed-rate
# mix of blocked and cached names for the whole measurement, PushLoad (src/jmh, in
# target/benchmarks.jar) sends, for each SIZE:COUNT of --plan, COUNT sequential pushes of SIZE
# domains (each removing the previous one's) and times each from send to its 202 (fsynced and in
# force); after every acknowledged push it asks the node's DNS listener for one of the pushed names,
# which must already be blocked. Then acknowledged 1-domain pushes per second with each number of
# --clients concurrent clients for --seconds each. dnsperf's summary (lost queries) and its p50/p99
# (from -v, as bench/swap.sh) while pushing and in the 10 s of load before the first push are
# printed beside the push figures.
# Needs: apt-get install -y nsd dnsperf bind9-dnsutils python3; mvn -Pjmh package -DskipTests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-$top/../shared/bench}
RATE=10000 PLAN=1:200,100:100,10000:20 CLIENTS=1,4,16 PER_CLIENTS=10
# The JVM's options; the same as bench/swap.sh, so the two runs compare.
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift ;; --plan) PLAN=$2; shift ;; --clients) CLIENTS=$2; shift ;;
    --seconds) PER_CLIENTS=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac; shift
done
[ -f "$shared/lib.sh" ] || { echo "shared bench harness not found at $shared (set SHARED_BENCH)" >&2; exit 1; }
[ -s "$top/target/safegate.jar" ] && [ -s "$top/target/benchmarks.jar" ] \
  || { echo "build first: mvn -B -q -Pjmh package -DskipTests" >&2; exit 1; }
export BENCH_WORK=${BENCH_WORK:-/tmp/safegate-bench}
mkdir -p "$BENCH_WORK"
# shellcheck source=/dev/null
. "$shared/lib.sh"
set +u
ensure_data
trap bench_cleanup EXIT
start_upstream 127.0.0.2 5353
data=$BENCH_WORK/data
w=$BENCH_WORK/push
rm -rf "$w"
mkdir -p "$w"

# `token new` prints "token:  <token>" and "sha256: <hex>"; only the hash goes into the config.
java -jar "$top/target/safegate.jar" token new >"$w/token.txt"
token=$(awk '$1 == "token:" {print $2}' "$w/token.txt")
sha=$(awk '$1 == "sha256:" {print $2}' "$w/token.txt")
[ -n "$token" ] && [ ${#sha} = 64 ] || { cat "$w/token.txt" >&2; exit 1; }
rm -f "$w/token.txt"

conf=$w/safegate-push.conf
cat >"$conf" <<CONF
safegate {
  dns {
    listen = ["127.0.0.1:5301"]
    allowed-clients = ["127.0.0.0/8"]
    block.answer = nxdomain
    upstream { servers = ["127.0.0.2:5353"], timeout = 2s, attempts = 2 }
  }
  admin {
    listen = "127.0.0.1:9154"
    tokens { bench-regulator { sha256 = "$sha", role = regulator, sources = [orders] } }
  }
  proxy.enabled = false
  state-dir = "$w/state"
  sources {
    orders { format = push, mandate = legal-order, category = court-order, precedence = 100 }
    bench { format = domains, path = "$data/blocklist-100k.txt", category = bench }
  }
}
CONF
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$top/target/safegate.jar" run --config "$conf" >"$w/safegate.log" 2>&1 &
pid=$!
BENCH_PIDS+=("$pid")
first=$(head -n 1 "$data/blocklist-100k.txt")
for _ in $(seq 600); do
  dig +tries=1 +time=1 -p 5301 @127.0.0.1 "$first" A 2>/dev/null | grep -q NXDOMAIN && break
  kill -0 $pid 2>/dev/null || { tail "$w/safegate.log" >&2; exit 1; }
  sleep 0.1
done
curl -sf -o /dev/null http://127.0.0.1:9154/ready || { echo "admin API not ready" >&2; tail "$w/safegate.log" >&2; exit 1; }
# Warm the resolver's JIT and cache the way the timed load will use them.
dnsperf -s 127.0.0.1 -p 5301 -d "$data/q-mix-100k.txt" -l 5 -Q "$RATE" >/dev/null 2>&1

# dnsperf runs until PushLoad is done (at most an hour), then is interrupted: it prints its summary.
# Where a lost query was dropped: /proc/net/udp counts drops (a full receive buffer) per socket,
# the node's listener (local port 5301, hex 14B5) apart from dnsperf's sockets (by inode).
udp_drops() { # DNSPERF-PID
  local inodes
  inodes=$(find /proc/"$1"/fd -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n' | paste -sd, -)
  awk -v ino=",$inodes," '$2 ~ /:14B5$/ {s += $NF} index(ino, "," $10 ",") {c += $NF} END {printf "%d %d", s, c}' /proc/net/udp
}
t0=$(date +%s%3N)
# -b 4096: dnsperf's socket gets the same 4 MiB receive buffer as the node's listener; with the
# 208 KiB default, dnsperf (sharing the cores with the pushes' compiles) dropped answers itself.
dnsperf -s 127.0.0.1 -p 5301 -d "$data/q-mix-100k.txt" -l 3600 -Q "$RATE" -q 500 -b 4096 -v >"$w/dnsperf.out" 2>&1 &
perf=$!
BENCH_PIDS+=("$perf")
sleep 1
drops0=$(udp_drops "$perf")
# Ten seconds of the same load without pushes, for the latency to compare with.
sleep 10
echo "uptime before pushes: $(uptime)"
status=0
SAFEGATE_TOKEN=$token java -Xms256m -Xmx256m -cp "$top/target/benchmarks.jar" org.safegate.control.PushLoad \
  http://127.0.0.1:9154 orders 127.0.0.1:5301 "$PLAN" "$CLIENTS" "$PER_CLIENTS" 2>"$w/phases.txt" || status=$?
grep -v '^phase ' "$w/phases.txt" >&2 || true
sleep 2
drops1=$(udp_drops "$perf")
kill -INT "$perf" 2>/dev/null || true
wait "$perf" 2>/dev/null || true
stop_pid "$perf"

echo
echo "dnsperf at $RATE qps during the pushes:"
python3 - "$w/dnsperf.out" "$w/phases.txt" "$t0" "$RATE" <<'PY'
import sys
out, phases, t0, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lat, lost = [], []
n = 0
for line in open(out):
    parts = line.split()
    if len(parts) == 5 and parts[0] == '>' and parts[1] in ('NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR'):
        lat.append(float(parts[4]) * 1000); n += 1
    elif len(parts) >= 2 and parts[:2] == ['>', 'T']:
        # a lost query is reported when its 5 s timeout ends; the rate is fixed, so its place in
        # the output says roughly when it was sent
        lost.append(n / rate - 5); n += 1
    elif 'Queries sent:' in line or 'Queries lost:' in line or 'Queries completed:' in line or 'Response codes:' in line:
        print(line.strip())
def p(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float('nan')
marks = [(int(l.split()[1]) - t0) / 1000 for l in open(phases) if l.startswith('phase ')]
names = [' '.join(l.split()[2:]) for l in open(phases) if l.startswith('phase ')]
for at, name in zip(marks, names):
    print(f"  +{at:5.1f} s  {name}")
if lost:
    secs = sorted({int(x) for x in lost})
    print("lost queries by second of the load (sent about then): " + ", ".join(f"+{s_} s: {sum(1 for x in lost if int(x) == s_)}" for s_ in secs))
# answers in the order they came, at a fixed rate: the i-th is about i/rate seconds into the load
start = int(marks[0] * rate) if marks else len(lat)
def show(label, xs):
    print(f"{label}: p50 {p(xs, .5):.3f} ms  p99 {p(xs, .99):.3f} ms  p99.9 {p(xs, .999):.3f} ms  max {max(xs or [0]):.1f} ms  ({len(xs)} answers)")
show("latency without pushes (+1 s to the first push)", lat[rate:start])
show("latency while pushing", lat[start:])
PY
read -r s0 c0 <<<"$drops0"; read -r s1 c1 <<<"$drops1"
echo "UDP receive-buffer drops during the load: safegate's listener $((s1 - s0)), dnsperf's sockets $((c1 - c0))"
echo "safegate log: $(grep -c 'event=push_in_force' "$w/safegate.log") pushes in force," \
  "$(grep -c 'push_not_yet_in_force' "$w/safegate.log") not in force within 5 s," \
  "$(grep -cE ' (WARN|ERROR) ' "$w/safegate.log") WARN/ERROR lines"
grep -E ' (WARN|ERROR) ' "$w/safegate.log" | head -n 5 || true
exit "$status"
