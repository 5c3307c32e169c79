#!/bin/sh
# The PHP extension's phpt suite (bindings/php/tests), run by PHP's own
# run-tests.php (the copy phpize put in the build directory) against the
# extension and the library just built. A failing phpt fails this script.
set -eu
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    # PHP loads extensions with dlopen(RTLD_DEEPBIND), which the sanitizer
    # runtimes refuse (google/sanitizers#611): an extension over a libgbo built
    # with ASan cannot be loaded. The regular build runs this suite, and the phpt
    # suite under valgrind (tests/php-valgrind.sh).
    echo "SKIP: PHP cannot load an extension under AddressSanitizer (RTLD_DEEPBIND)"
    exit 77
fi
build="$GBO_BUILDDIR/bindings/php-build"
php=$PHP_CLI
[ -f "$build/modules/gbo.so" ] || { echo "FAIL: $build/modules/gbo.so was not built"; exit 1; }
. "$GBO_SRCDIR/tests/php-tests-dir.sh"
php_tests_dir "$build"
cd "$build"
"$php" -n run-tests.php -q --show-diff -n -d "extension=$build/modules/gbo.so" tests
