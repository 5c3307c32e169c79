#!/bin/sh
# libgbo.so exports exactly the functions its public headers declare with
# GBO_API: nothing internal leaks into the ABI, nothing public is missing
# (a declaration may name its function in parentheses, as a macro shadows it).
set -eu
lib="$GBO_BUILDDIR/lib/.libs/libgbo.so"
if [ ! -f "$lib" ]; then
    echo "FAIL: $lib was not built (configure with shared libraries)"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# NM may carry flags (libtool sets "nm -B"): split it on purpose
# shellcheck disable=SC2086
${NM:-nm} -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort -u > "$tmp/exported"
cat "$GBO_SRCDIR"/include/gbo/*.h "$GBO_BUILDDIR"/include/gbo/version.h |
    tr '\n' ' ' | sed 's/;/;\n/g' | grep 'GBO_API' |
    sed -n 's/.*[ *(]\(gbo_[a-z0-9_]*\))* *(.*/\1/p' | sort -u > "$tmp/declared"
status=0
if grep -v '^gbo_' "$tmp/exported" > "$tmp/foreign"; then
    echo "FAIL: exported symbols without the gbo_ prefix:"; cat "$tmp/foreign"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/exported" > "$tmp/diff"; then
    echo "FAIL: declared (-) and exported (+) API differ:"; cat "$tmp/diff"; status=1
fi
count=$(wc -l < "$tmp/exported")
if [ "$count" -lt 50 ]; then
    echo "FAIL: only $count symbols exported"; status=1
fi
[ $status -eq 0 ] && echo "PASS: $count gbo_ symbols exported, matching the headers"
exit $status
