#!/bin/sh
# Measure bundle reading: throughput and peak RSS for bundles of growing size,
# built from the shipped examples (each item a full referral document).
# Usage: bench/run-bundle-bench.sh [BUILDDIR]   (after `make`)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -I"$src/include" -I"$build/include" -o "$tmp/bench_bundle" "$src/bench/bench_bundle.c" \
    -L"$build/lib/.libs" -Wl,-rpath,"$build/lib/.libs" -lgbo
# one item: the warm referral, without its XML declaration
item=$(sed 1d "$src/examples/referral-warm.xml" | sed 's/ xmlns="urn:gbo:exchange:1"//')
printf 'item size: %s bytes\n' "$(printf '%s\n' "$item" | wc -c)"
for n in 1000 10000 100000; do
    f="$tmp/bundle-$n.xml"
    {
        echo '<bundle xmlns="urn:gbo:exchange:1" version="1.0">'
        i=0
        printf '%s\n' "$item" > "$tmp/item.xml"
        # doubling concatenation keeps generation fast
        cp "$tmp/item.xml" "$tmp/chunk.xml"; c=1
        while [ $((c * 2)) -le "$n" ]; do cat "$tmp/chunk.xml" "$tmp/chunk.xml" > "$tmp/c2"; mv "$tmp/c2" "$tmp/chunk.xml"; c=$((c * 2)); done
        cat "$tmp/chunk.xml"; i=$c
        while [ "$i" -lt "$n" ]; do cat "$tmp/item.xml"; i=$((i + 1)); done
        echo '</bundle>'
    } > "$f"
    printf 'bundle of %6d items (%4d MiB): ' "$n" "$(( $(wc -c < "$f") / 1048576 ))"
    "$tmp/bench_bundle" "$f"
done
