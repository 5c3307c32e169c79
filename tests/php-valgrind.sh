#!/bin/sh
# The PHP extension's phpt suite under valgrind (run-tests.php -m), with PHP's
# allocator off (USE_ZEND_ALLOC=0) and the module kept loaded for the
# backtraces (ZEND_DONT_UNLOAD_MODULES=1): a definite loss or an invalid access
# is a LEAK or FAIL of its test, and fails this script. The tool the tests
# start runs under valgrind too (run-tests traces children).
# tests/php-valgrind.supp names PHP's own noise (none is needed on Debian 12's
# PHP 8.2 today; the file is where it goes).
set -eu
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    # valgrind cannot run code built with AddressSanitizer (nor can PHP load
    # the extension there: see tests/php.sh); the regular build runs this
    echo "SKIP: a sanitizer build (valgrind cannot run ASan code)"
    exit 77
fi
build="$GBO_BUILDDIR/bindings/php-build"
[ -f "$build/modules/gbo.so" ] || { echo "FAIL: $build/modules/gbo.so was not built"; exit 1; }
command -v valgrind > /dev/null || { echo "FAIL: valgrind is needed (scripts/install-deps installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$build/run-tests.php" "$work/"
. "$GBO_SRCDIR/tests/php-tests-dir.sh"
php_tests_dir "$work"
USE_ZEND_ALLOC=0
ZEND_DONT_UNLOAD_MODULES=1
VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --suppressions=$GBO_SRCDIR/tests/php-valgrind.supp"
export USE_ZEND_ALLOC ZEND_DONT_UNLOAD_MODULES VALGRIND_OPTS
cd "$work"
"$PHP_CLI" -n run-tests.php -q -m --show-diff --show-mem -n -d "extension=$GBO_PHP_EXTENSION" tests
