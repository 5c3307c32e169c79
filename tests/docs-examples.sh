#!/bin/sh
# Every complete C program in docs/*.md (a ```c block with a main function)
# compiles against the built library and runs with exit status 0. Programs
# run in the source tree with one argument, examples/codelists/network-extension.xml,
# for those that read a file; the others ignore it.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0
for doc in "$GBO_SRCDIR"/docs/*.md; do
    awk -v dir="$tmp" -v base="$(basename "$doc" .md)" '
        /^```c[[:space:]]*$/ { n++; file = sprintf("%s/%s-%d.c", dir, base, n); inblock = 1; next }
        /^```/ { if (inblock) close(file); inblock = 0; next }
        inblock { print > file }
    ' "$doc"
done
for src in "$tmp"/*.c; do
    [ -f "$src" ] || continue
    grep -q 'int main' "$src" || continue
    name=$(basename "$src" .c)
    if ! ${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} -Wall -Werror -I"$GBO_SRCDIR/include" -I"$GBO_BUILDDIR/include" -o "$tmp/$name" "$src" \
        "$GBO_BUILDDIR/lib/.libs/libgbo.so" 2> "$tmp/$name.err"; then
        echo "FAIL: the example $name in docs/ does not compile:"; cat "$tmp/$name.err"; exit 1
    fi
    if ! (cd "$GBO_SRCDIR" && LD_LIBRARY_PATH="$GBO_BUILDDIR/lib/.libs" "$tmp/$name" examples/codelists/network-extension.xml > "$tmp/$name.out" 2>&1); then
        echo "FAIL: the example $name in docs/ exits with an error:"; cat "$tmp/$name.out"; exit 1
    fi
    count=$((count + 1))
done
[ "$count" -ge 3 ] || { echo "FAIL: only $count runnable examples found in docs/"; exit 1; }
# every complete XML document in docs/ (an ```xml block with an XML
# declaration) validates against the shipped schema
xml=0
for doc in "$GBO_SRCDIR"/docs/*.md; do
    awk -v dir="$tmp" -v base="$(basename "$doc" .md)" '
        /^```xml[[:space:]]*$/ { n++; file = sprintf("%s/%s-%d.xml", dir, base, n); inblock = 1; next }
        /^```/ { if (inblock) close(file); inblock = 0; next }
        inblock { print > file }
    ' "$doc"
done
for doc in "$tmp"/*.xml; do
    [ -f "$doc" ] || continue
    head -n 1 "$doc" | grep -q "^<?xml" && grep -q "urn:gbo:exchange:1" "$doc" || continue
    xmllint --noout --nonet --schema "$GBO_SRCDIR/data/gbo-exchange-1.xsd" "$doc" 2> "$tmp/xml.err" || {
        echo "FAIL: the document $(basename "$doc") in docs/ is not valid:"; cat "$tmp/xml.err"; exit 1; }
    xml=$((xml + 1))
done
[ "$xml" -ge 1 ] || { echo "FAIL: no XML document found in docs/"; exit 1; }
echo "PASS: $count example programs in docs/ compile and run, $xml documents validate"
