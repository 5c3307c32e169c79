#!/bin/sh
# The PHP extension the way a user builds it (docs/php.md): libgbo installed
# into a prefix, the extension built with phpize against it (through
# pkg-config, with PKG_CONFIG_PATH naming the prefix), loaded with
# extension=gbo from an extension directory outside the tree, without
# LD_LIBRARY_PATH (the extension's run path finds libgbo).
set -eu
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    # PHP loads extensions with dlopen(RTLD_DEEPBIND), which the sanitizer
    # runtimes refuse (google/sanitizers#611): an extension over a libgbo built
    # with ASan cannot be loaded. The regular build runs this test, and the phpt
    # suite under valgrind (tests/php-valgrind.sh).
    echo "SKIP: PHP cannot load an extension under AddressSanitizer (RTLD_DEEPBIND)"
    exit 77
fi
. "$GBO_SRCDIR/tests/install-prefix.sh"
php_config=$(sed -n 's/^PHP_CONFIG = //p' "$GBO_BUILDDIR/Makefile")
phpize=$(echo "$php_config" | sed 's/php-config/phpize/')
cp -R "$GBO_SRCDIR/bindings/php" "$tmp/gbo-php"
chmod -R u+w "$tmp/gbo-php"
unset LD_LIBRARY_PATH
( cd "$tmp/gbo-php" && "$phpize" && ./configure --with-php-config="$php_config" && make ) > "$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log"; echo "FAIL: phpize && ./configure && make against the installed libgbo"; exit 1; }
libdir=$(dirname "$(find "$tmp/root" -name 'libgbo.so.*' | head -n 1)")
readelf -d "$tmp/gbo-php/modules/gbo.so" | grep -E 'R(UN)?PATH' | grep -q "$libdir" ||
    { echo "FAIL: the extension has no run path to $libdir"; exit 1; }
mkdir "$tmp/ext"
cp "$tmp/gbo-php/modules/gbo.so" "$tmp/ext/"
cd "$tmp"
out=$("$PHP_CLI" -n -d "extension_dir=$tmp/ext" -d extension=gbo -r '
    $d = Gbo\validate_file($argv[1], "en");
    echo count($d), " ", $d[0]->rule, " ", Gbo\VERSION, "\n";' "$GBO_SRCDIR/tests/fixtures/rules/GBO-R001/trigger.xml")
[ "$out" = "1 GBO-R001 $(sed -n 's/^PACKAGE_VERSION = //p' "$GBO_BUILDDIR/Makefile")" ] ||
    { echo "FAIL: extension=gbo from $tmp/ext: $out"; exit 1; }
echo "PASS: phpize against libgbo in $libdir; extension=gbo loaded from outside the tree: $out"
