#!/bin/sh
# Measure gbo stats: documents per second and peak RSS over bundles of
# growing size, (a) the same referral repeated — the figures track one
# referral, so memory must stay flat however large the input — and (b) a new
# referral in every item — memory grows with the referrals tracked only.
# Usage: bench/run-stats-bench.sh [BUILDDIR]   (after `make`)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 1000 10000 50000; do
    for mode in same distinct; do
        /usr/bin/python3 - "$src/examples/referral-warm.xml" "$tmp/b.xml" "$n" "$mode" <<'PY'
import sys, uuid
src, out, n, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
item = open(src, encoding="utf-8").read().split("\n", 1)[1].replace(' xmlns="urn:gbo:exchange:1"', "")
rid = "54c370e2-10c1-49a3-86d5-7ba68fe2c17d"
with open(out, "w", encoding="utf-8") as f:
    f.write('<bundle xmlns="urn:gbo:exchange:1" version="1.0">\n')
    for i in range(n):
        f.write(item.replace(rid, str(uuid.UUID(int=i + 1, version=4))) if mode == "distinct" else item)
    f.write("</bundle>\n")
PY
        /usr/bin/python3 - "$build/tools/gbo" "$tmp/b.xml" "$n" "$mode" <<'PY'
import os, resource, subprocess, sys, time
gbo, bundle, n, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
t = time.monotonic()
subprocess.run([gbo, "stats", bundle], check=True, stdout=subprocess.DEVNULL)
dt = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%6d items, %-8s referrals, %4d MiB: %6.0f documents/s, peak RSS %5.1f MiB"
      % (n, mode, os.path.getsize(bundle) // 1048576, n / dt, rss))
PY
    done
done
