# Sourced by the Python tests: the interpreter, the tool, and — in a build
# with --enable-sanitizers, whose libgbo needs the sanitizer runtimes loaded
# first — those runtimes preloaded into Python (its own leaks are not ours:
# LeakSanitizer is off there; valgrind checks the binding's leaks).
PYTHON=${PYTHON:-python3}
GBO_CLI="$GBO_BUILDDIR/tools/gbo"
PYTHONDONTWRITEBYTECODE=1
export PYTHON GBO_CLI PYTHONDONTWRITEBYTECODE
. "$GBO_SRCDIR/tests/sanitizer-preload.sh"
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    GBO_PYTHON_SANITIZED=1
    export GBO_PYTHON_SANITIZED
fi
