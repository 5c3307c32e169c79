#!/bin/sh
# The cheap option for issue #13, measured: libxml2's compiled XSD over its
# streaming reader (bench/reader_xsd.c: no DOM, no model, no rules), beside
# gbo validate --jobs 1 and xmllint --noout --schema, in callgrind
# instructions per document over the first 300 files of the bench/run corpus
# (per document = (Ir(300) - Ir(1)) / 299).
# Usage: bench/run-reader-xsd.sh [BUILDDIR] [CORPUS-FILES-DIR]   (after `make`)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src}
files=${2:-${TMPDIR:-/tmp}/gbo-bench-corpus-10000-10000-50000-100000/files}
xsd="$src/data/gbo-exchange-1.xsd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -d "$files" ] || { echo "run bench/run first (or name a directory of documents)" >&2; exit 2; }
# shellcheck disable=SC2046
cc -O2 -o "$tmp/reader_xsd" "$src/bench/reader_xsd.c" $(pkg-config --cflags --libs libxml-2.0)
set -- $(ls "$files"/*.xml | head -n 300)
one=$1
ir() { # COMMAND...: instructions callgrind counts for it
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" > /dev/null 2>&1 || true
    awk '/^summary:|^totals:/ { print $2; exit }' "$tmp/cg"
}
{
    name="xmlTextReader + compiled XSD (reader_xsd)"
    printf '%s|%s|%s\n' "$name" "$(ir "$tmp/reader_xsd" "$xsd" "$one")" "$(ir "$tmp/reader_xsd" "$xsd" "$@")"
    printf '%s|%s|%s\n' "xmllint --noout --schema" "$(ir xmllint --noout --schema "$xsd" "$one")" "$(ir xmllint --noout --schema "$xsd" "$@")"
    printf '%s|%s|%s\n' "xmllint --noout --stream (parse only)" "$(ir xmllint --noout --stream "$one")" "$(ir xmllint --noout --stream "$@")"
    LD_LIBRARY_PATH="$build/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; export LD_LIBRARY_PATH
    printf '%s|%s|%s\n' "gbo validate --jobs 1" "$(ir "$build/tools/.libs/gbo" validate --jobs 1 "$one")" "$(ir "$build/tools/.libs/gbo" validate --jobs 1 "$@")"
} | awk -F'|' -v n=$# 'BEGIN { print "| tool | per document | start-up |"; print "|---|---:|---:|" }
    { per = ($3 - $2) / (n - 1); printf "| %s | %.2f M | %.1f M |\n", $1, per / 1e6, ($2 - per) / 1e6 }'
