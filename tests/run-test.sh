#!/bin/sh
# Runs one C test program; under valgrind when GBO_VALGRIND=1 (make check-valgrind).
# Programs linked against the shared libgbo are libtool wrapper scripts: they
# run through `libtool --mode=execute` so valgrind checks the real binary.
program=$1
here=$(dirname "$0")
upstream=
case "$program" in
    # Failing every allocation in turn finds two upstream leaks (the file says
    # which). valgrind is told of them; LeakSanitizer cannot be (its stacks
    # stop at Debian's libxml2 and ICU, built without frame pointers), so under
    # ASan this program checks memory errors, and valgrind checks its leaks.
    *test_nomem) upstream="--suppressions=$here/upstream-oom.supp"
        ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
        export ASAN_OPTIONS ;;
esac
if [ "${GBO_VALGRIND:-0}" != 1 ]; then
    exec "$@"
fi
case "$program" in
    # volume tests: valgrind would take an hour; they run natively
    *test_bundle_large) exec "$@" ;;
esac
if [ -z "${VALGRIND:-}" ]; then
    echo "check-valgrind: valgrind was not found by configure" >&2
    exit 99
fi
shift
set -- "$VALGRIND" --quiet --error-exitcode=98 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --track-origins=yes ${upstream:+"$upstream"} "$program" "$@"
if grep -q 'libtool wrapper' "$program" 2>/dev/null; then
    # LIBTOOL may carry arguments: split it on purpose
    # shellcheck disable=SC2086
    exec ${LIBTOOL:-libtool} --mode=execute "$@"
fi
exec "$@"
