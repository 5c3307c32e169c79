#!/bin/sh
# The man pages are well-formed (groff warnings fail), and the EXAMPLE of
# libgbo(3) compiles against the built library and runs.
set -eu
man="$GBO_SRCDIR/docs/man/libgbo.3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for page in "$GBO_SRCDIR"/docs/man/*.[0-9]; do
    if ! groff -man -ww -z "$page" 2> "$tmp/warnings" || [ -s "$tmp/warnings" ]; then
        echo "FAIL: $page:"; cat "$tmp/warnings"; exit 1
    fi
done
# the example: lines between ".SH EXAMPLE" / ".nf" and the next ".fi", with
# roff's \e turned back into a backslash
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$man" | sed '1,2d;$d' | sed 's/\\e/\\/g' > "$tmp/example.c"
${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} -I"$GBO_SRCDIR/include" -I"$GBO_BUILDDIR/include" -o "$tmp/example" "$tmp/example.c" \
    "$GBO_BUILDDIR/lib/.libs/libgbo.so" || { echo "FAIL: libgbo(3) EXAMPLE does not compile"; exit 1; }
out=$(LD_LIBRARY_PATH="$GBO_BUILDDIR/lib/.libs" "$tmp/example")
[ "$out" = "valid" ] || { echo "FAIL: libgbo(3) EXAMPLE printed '$out'"; exit 1; }
echo "PASS: man pages well-formed, libgbo(3) EXAMPLE compiles and runs"
