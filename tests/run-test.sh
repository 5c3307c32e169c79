#!/bin/sh
# Runs one C test program; under valgrind when GBO_VALGRIND=1 (make check-valgrind).
if [ "${GBO_VALGRIND:-0}" = 1 ]; then
    if [ -z "${VALGRIND:-}" ]; then
        echo "check-valgrind: valgrind was not found by configure" >&2
        exit 99
    fi
    exec "$VALGRIND" --quiet --error-exitcode=98 --leak-check=full \
        --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
        --track-origins=yes "$@"
fi
exec "$@"
