#!/usr/bin/env bash
# bench/swap.sh: latency while a 1M-entry policy is swapped under a fixed dnsperf load.
#
#   [JAVA_OPTS=...] bench/swap.sh [--rate 10000] [--seconds 40] [--swaps 2]
#
# safegate loads the shared harness's 1M domain list (../shared/bench, NSD upstream on
# 127.0.0.2:5353) and answers a fixed-rate dnsperf mix (blocked + allowed names). Every
# SECONDS/(SWAPS+1) seconds the list file is atomically replaced by the other of two versions
# (1M names, and 1.1M), so safegate parses, compiles and swaps a whole policy while it answers. dnsperf -v reports every query's latency;
# queries are put into one-second windows by their order (the rate is fixed), and the p99 of
# the windows that hold a swap (the swap's second and the two after it) is set beside the
# steady windows'. Lost queries come from dnsperf's own summary.
# Needs: apt-get install -y nsd dnsperf bind9-dnsutils python3; mvn package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-$top/../shared/bench}
RATE=10000 SECONDS_=40 SWAPS=2
# The JVM's options; G1 (the default collector) keeps pauses short while a new policy is built.
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift ;; --seconds) SECONDS_=$2; shift ;; --swaps) SWAPS=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac; shift
done
[ -x "$shared/lib.sh" ] || [ -f "$shared/lib.sh" ] || { echo "shared bench harness not found at $shared" >&2; exit 1; }
[ -s "$top/target/safegate.jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
export BENCH_WORK=${BENCH_WORK:-/tmp/safegate-bench}
mkdir -p "$BENCH_WORK"
# shellcheck source=/dev/null
. "$shared/lib.sh"
set +u
ensure_data
trap bench_cleanup EXIT
start_upstream 127.0.0.2 5353
data=$BENCH_WORK/data
w=$BENCH_WORK/swap
mkdir -p "$w"

# Two versions, 1M names and the same 1M plus 100k new ones: each swap is a real parse + compile +
# publish of the whole list, and no queried name changes its verdict, so what the upstream does
# with newly allowed names (the harness's NSD refuses them, and rate-limits the refusals) stays
# out of the figures.
cp "$data/blocklist-1m.txt" "$w/v1.txt"
{ cat "$data/blocklist-1m.txt"; head -n 100000 "$data/blocklist-1m.txt" | sed 's/^/swapped-/'; } >"$w/v2.txt"
cp "$w/v1.txt" "$w/list.txt"

conf=$w/safegate-swap.conf
cat >"$conf" <<CONF
safegate {
  dns {
    listen = ["127.0.0.1:5301"]
    allowed-clients = ["127.0.0.0/8"]
    block.answer = nxdomain
    upstream { servers = ["127.0.0.2:5353"], timeout = 2s, attempts = 2 }
  }
  admin.listen = "127.0.0.1:9154"
  proxy.enabled = false
  reload { check-interval = 1s, debounce = 100ms }
  sources { swap { format = domains, path = "$w/list.txt", category = bench } }
}
CONF
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$top/target/safegate.jar" run --config "$conf" >"$w/safegate.log" 2>&1 &
pid=$!
BENCH_PIDS+=("$pid")
first=$(head -n 1 "$data/blocklist-1m.txt")
for _ in $(seq 600); do
  dig +tries=1 +time=1 -p 5301 @127.0.0.1 "$first" A 2>/dev/null | grep -q NXDOMAIN && break
  kill -0 $pid 2>/dev/null || { tail "$w/safegate.log" >&2; exit 1; }
  sleep 0.1
done
# Warm the JIT and the cache the way the timed run will use them.
dnsperf -s 127.0.0.1 -p 5301 -d "$data/q-mix-1m.txt" -l 5 -Q "$RATE" >/dev/null 2>&1

dnsperf -s 127.0.0.1 -p 5301 -d "$data/q-mix-1m.txt" -l "$SECONDS_" -Q "$RATE" -q 500 -v >"$w/dnsperf.out" 2>&1 &
perf=$!
t0=$(date +%s.%N)
step=$(( SECONDS_ / (SWAPS + 1) ))
: >"$w/swaps.txt"
for i in $(seq "$SWAPS"); do
  sleep "$step"
  next=$w/v$(( i % 2 + 1 )).txt
  cp "$next" "$w/list.tmp" && mv "$w/list.tmp" "$w/list.txt"
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f\n", b-a}' >>"$w/swaps.txt"
done
wait "$perf"

python3 - "$w/dnsperf.out" "$w/swaps.txt" "$RATE" <<'PY'
import sys
out, swaps, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
lat = []
for line in open(out):
    parts = line.split()
    if len(parts) == 5 and parts[0] == '>' and parts[1] in ('NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR'):
        lat.append(float(parts[4]) * 1000)
    elif 'Queries lost:' in line or 'Queries completed:' in line or 'Response codes:' in line:
        print(line.strip())
at = [float(s) for s in open(swaps) if s.strip()]
def p(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float('nan')
windows = [lat[i:i + rate] for i in range(0, len(lat), rate)]
swap_w = {int(s) + k for s in at for k in (0, 1, 2)}
steady = [x for i, w in enumerate(windows) if i not in swap_w and i > 0 for x in w]
during = [x for i, w in enumerate(windows) if i in swap_w for x in w]
print(f"swaps at {at} s; {len(lat)} answered queries in {len(windows)} one-second windows")
print(f"steady: p50 {p(steady, .5):.3f} ms  p99 {p(steady, .99):.3f} ms  p99.9 {p(steady, .999):.3f} ms  ({len(steady)} queries)")
print(f"swap windows: p50 {p(during, .5):.3f} ms  p99 {p(during, .99):.3f} ms  p99.9 {p(during, .999):.3f} ms  ({len(during)} queries)")
print("per-second p99 (ms): " + " ".join(f"{p(w, .99):.2f}" for w in windows))
PY
grep "policy published" "$w/safegate.log" | tail -n 6 || true
