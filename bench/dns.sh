#!/usr/bin/env bash
# bench/dns.sh: safegate beside Unbound (the anchor), same machine, same run, same 1M list.
#
#   bench/dns.sh [--list 1m|100k] [--threads 2] [--sets blocked,hot,mix,miss] [--skip-anchor]
#
# Uses the shared harness (../shared/bench: dnsperf, NSD upstream on 127.0.0.2:5353, loopback
# only, every daemon killed by PID at exit). safegate forwards to that NSD and loads the
# generated blocklist as a plain domains list (each name and its subtree, as Unbound's
# local-zone always_nxdomain does). Prints both result tables; the README quotes them.
# Needs: apt-get install -y unbound nsd dnsperf bind9-dnsutils time python3; mvn package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-$top/../shared/bench}
LIST=1m THREADS=2 SETS=blocked,hot,mix,miss ANCHOR=true
while [ $# -gt 0 ]; do
  case "$1" in
    --list) LIST=$2; shift ;; --threads) THREADS=$2; shift ;; --sets) SETS=$2; shift ;;
    --skip-anchor) ANCHOR=false ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac; shift
done
[ -x "$shared/dns-bench.sh" ] || { echo "shared bench harness not found at $shared (set SHARED_BENCH)" >&2; exit 1; }
[ -s "$top/target/safegate.jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
export BENCH_WORK=${BENCH_WORK:-/tmp/safegate-bench}
mkdir -p "$BENCH_WORK"
python3 "$shared/gen-data.py" --out "$BENCH_WORK/data" >/dev/null

conf=$BENCH_WORK/safegate-$LIST.conf
cat >"$conf" <<CONF
safegate {
  dns {
    listen = ["127.0.0.1:5301"]
    allowed-clients = ["127.0.0.0/8"]
    event-loop-threads = $THREADS
    block.answer = nxdomain
    upstream { servers = ["127.0.0.2:5353"], timeout = 2s, attempts = 2 }
  }
  admin.listen = "127.0.0.1:9154"
  proxy.enabled = false
  sources {
    bench { format = domains, path = "$BENCH_WORK/data/blocklist-$LIST.txt", category = bench }
  }
}
CONF

"$shared/dns-bench.sh" --label "safegate-$LIST" --list "$LIST" --target 127.0.0.1:5301 --sets "$SETS" \
    --start "java -Xms1g -Xmx1g -XX:+UseParallelGC -jar $top/target/safegate.jar run --config $conf"
if $ANCHOR; then
  "$shared/dns-anchor.sh" --modes localzone --lists "$LIST" --threads "$THREADS" -- --sets "$SETS"
fi
python3 "$shared/summarize.py" "$BENCH_WORK"/results-dns-safegate-"$LIST".txt "$BENCH_WORK"/results-dns-anchor.txt 2>/dev/null \
  || cat "$BENCH_WORK"/results-dns-safegate-"$LIST".txt "$BENCH_WORK"/results-dns-anchor.txt
