# Sourced by the PHP test runners (php.sh, php-valgrind.sh): php_tests_dir DIR
# puts the phpt suite in DIR/tests, with what the open_basedir tests may read
# inside it, and exports what the tests read from the environment.
php_tests_dir() {
    rm -rf "$1/tests"
    cp -R "$GBO_SRCDIR/bindings/php/tests" "$1/tests"
    mkdir -p "$1/tests/data/context"
    cp "$GBO_SRCDIR/examples/referral-warm.xml" "$GBO_SRCDIR/examples/codelists/network-extension.xml" "$1/tests/data/"
    cp "$GBO_SRCDIR/examples/referral-warm.xml" "$1/tests/data/context/"
    chmod -R u+w "$1/tests"
}
GBO_CLI="$GBO_BUILDDIR/tools/gbo"
GBO_PHP_EXTENSION="$GBO_BUILDDIR/bindings/php-build/modules/gbo.so"
TEST_PHP_EXECUTABLE=$PHP_CLI
NO_INTERACTION=1
REPORT_EXIT_STATUS=1
export GBO_CLI GBO_SRCDIR GBO_PHP_EXTENSION TEST_PHP_EXECUTABLE NO_INTERACTION REPORT_EXIT_STATUS
