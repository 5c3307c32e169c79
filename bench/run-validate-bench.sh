#!/bin/sh
# gbo validate against the users' alternative, xmllint --schema (SPEC §8):
# documents per second over N copies of a 7.7 KB referral, wall clock, for
# xmllint and for gbo with one job and with every core.
# Usage: bench/run-validate-bench.sh [BUILDDIR] [N]   (after `make`)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src}
n=${2:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
while [ "$i" -lt "$n" ]; do cp "$src/examples/referral-warm.xml" "$tmp/doc-$i.xml"; i=$((i + 1)); done
rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%6.0f documents/s", n / s }'; }
run() { # label command...
    label=$1; shift
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    printf '%-36s %6.2f s  %s\n' "$label" "$secs" "$(rate "$secs")"
}
echo "$n documents of $(wc -c < "$src/examples/referral-warm.xml") bytes, $(nproc) cores"
run "xmllint --noout --schema" sh -c "xmllint --noout --schema '$src/data/gbo-exchange-1.xsd' '$tmp'/*.xml"
run "gbo validate --jobs 1 (all rules)" "$build/tools/gbo" validate --jobs 1 "$tmp"
run "gbo validate (every core)" "$build/tools/gbo" validate "$tmp"
