# Sourced by the tests that use libgbo as a user gets it (python-install.sh,
# php-install.sh): a temporary directory $tmp (removed on exit) with libgbo
# installed under $tmp/root, and pkg-config pointed at it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${MAKE:-make} -C "$GBO_BUILDDIR" install DESTDIR="$tmp/root" > "$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: make install"; exit 1; }
pc=$(find "$tmp/root" -name libgbo.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: no libgbo.pc installed"; exit 1; }
# the prefix is where the .pc file was put (DESTDIR), not the configured one
PKG_CONFIG_PATH=$(dirname "$pc")
PKG_CONFIG="${PKG_CONFIG:-pkg-config} --define-prefix"
export PKG_CONFIG_PATH PKG_CONFIG
