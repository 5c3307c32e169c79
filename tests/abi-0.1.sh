#!/bin/sh
# A program compiled against libgbo 0.1's public headers (tests/abi/0.1, as
# released at commit 75626a9) runs against this libgbo: the struct the
# caller allocates (gbo_limits) kept its meaning when it grew.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} -Wall -Werror -I"$GBO_SRCDIR/tests/abi/0.1" -I"$GBO_BUILDDIR/include" \
    -o "$tmp/limits_0_1" "$GBO_SRCDIR/tests/abi/limits_0_1.c" "$GBO_BUILDDIR/lib/.libs/libgbo.so" ||
    { echo "FAIL: tests/abi/limits_0_1.c does not compile against 0.1's headers"; exit 1; }
cd "$GBO_SRCDIR"
if ! LD_LIBRARY_PATH="$GBO_BUILDDIR/lib/.libs" "$tmp/limits_0_1" examples/referral-warm.xml examples/bundle.xml; then
    echo "FAIL: a program built against 0.1's headers does not run against this libgbo"; exit 1
fi
echo "PASS: a program built against libgbo 0.1's headers runs against this libgbo"
