#!/bin/sh
# The Python binding's test suite (bindings/python/tests, unittest), against
# the extension and the library just built in this build tree.
set -eu
. "$GBO_SRCDIR/tests/python-env.sh"
export PYTHONPATH="$GBO_BUILDDIR/bindings/python/lib"
cd "$GBO_SRCDIR"
exec "$PYTHON" -m unittest discover -v -s "$GBO_SRCDIR/bindings/python/tests" -t "$GBO_SRCDIR/bindings/python/tests"
